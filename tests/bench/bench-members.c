/* bench-members.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cercle-core.h"

#include "bench-common.h"

/* The member directory beyond search, in a club of 100,000 members:
 *
 * - members.profile: what opening a profile reads (the member, their
 *   sponsor's name, whom they sponsored, their activity: attendance over
 *   six months, referrals given and received, one-to-ones). Baseline: the
 *   same queries through the sqlite3 API, prepared once.
 * - members.who_to_meet: five members to meet, for a member of each
 *   sector. Baseline: what one would write with FTS5 alone, one MATCH per
 *   direction with every keyword OR-ed, ranked by bm25(), the first 50
 *   active members read, those already met left out.
 * - members.import_10k: a 10,000-row CSV file (French Excel: ";" and
 *   Windows-1252) read, checked and written as new members of a
 *   120-member club, in one transaction. Baseline: sqlite3 inserting the
 *   same 10,000 rows with one prepared statement and indexing them for
 *   search, without reading a file or checking anything. */

#define N_MEMBERS   100000
#define N_PROFILES  60
#define N_ASKERS    20
#define N_ROUNDS    3

static const char * const profile_sql[] = {
  "SELECT * FROM member WHERE id = ?1",
  "SELECT first_name, last_name FROM member WHERE id = (SELECT sponsor_id FROM member WHERE id = ?1)",
  "SELECT * FROM member WHERE deleted = 0 AND sponsor_id = ?1 ORDER BY sort_key || ''",
  /* the calendar's regularity, as cercle_store_get_member_regularity() */
  "SELECT r.response, r.attendance, count (*)"
  " FROM registration AS r JOIN event AS e ON e.id = r.event_id"
  " WHERE r.member_id = ?1 AND r.deleted = 0"
  "   AND e.deleted = 0 AND e.status = 'scheduled'"
  "   AND e.starts_epoch >= unixepoch ('now', '-6 months') AND e.starts_epoch < unixepoch ('now')"
  " GROUP BY 1, 2",
  "SELECT count (*), sum (status = 'won') FROM referral WHERE giver_id = ?1 AND deleted = 0",
  "SELECT count (*), sum (status = 'won') FROM referral WHERE receiver_id = ?1 AND deleted = 0",
  "SELECT (SELECT count (*) FROM one_to_one WHERE member_a_id = ?1 AND deleted = 0)"
  " + (SELECT count (*) FROM one_to_one WHERE member_b_id = ?1 AND deleted = 0)",
};

static GPtrArray *
pick_member_ids (sqlite3    *db,
                 const char *where,
                 guint       n)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM member WHERE deleted = 0 %s"
                                          " ORDER BY pk %% 7919, pk LIMIT %u", where, n);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  return ids;
}

static void
open_profile (CercleStore *store,
              const char  *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleMember) member = cercle_store_get_record (store, CERCLE_TYPE_MEMBER, id, &error);
  g_autoptr(CercleMember) sponsor = NULL;
  g_autoptr(GListModel) sponsored = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  CercleMemberActivity activity;

  if (member == NULL)
    g_error ("%s", error->message);

  if (cercle_member_get_sponsor_id (member) != NULL)
    sponsor = cercle_store_get_record (store, CERCLE_TYPE_MEMBER, cercle_member_get_sponsor_id (member), NULL);
  sponsored = cercle_store_list_sponsored_members (store, id, &error);
  if (sponsored == NULL ||
      !cercle_store_get_member_activity (store, id, now, &activity, &error))
    g_error ("%s", error->message);
}

static void
open_profile_sqlite (sqlite3_stmt **stmts,
                     const char    *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (profile_sql); i++)
    {
      sqlite3_bind_text (stmts[i], 1, id, -1, SQLITE_STATIC);
      while (sqlite3_step (stmts[i]) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmts[i]); c++)
          (void) sqlite3_column_text (stmts[i], c);
      sqlite3_reset (stmts[i]);
    }
}

static void
measure_profiles (CercleStore *store,
                  sqlite3     *db)
{
  g_autoptr(GPtrArray) ids = pick_member_ids (db, "", N_PROFILES);
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sqlite_ms = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3_stmt *stmts[G_N_ELEMENTS (profile_sql)];
  double slowest_ms = 0;
  guint slowest = 0, slowest_round = 0;

  for (guint i = 0; i < G_N_ELEMENTS (profile_sql); i++)
    if (sqlite3_prepare_v2 (db, profile_sql[i], -1, &stmts[i], NULL) != SQLITE_OK)
      g_error ("%s", sqlite3_errmsg (db));

  for (guint round = 0; round < N_ROUNDS; round++)
    for (guint i = 0; i < ids->len; i++)
      {
        gint64 t0 = g_get_monotonic_time ();
        double ms;

        open_profile (store, ids->pdata[i]);
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        g_array_append_val (store_ms, ms);
        if (ms > slowest_ms)
          {
            slowest_ms = ms;
            slowest = i;
            slowest_round = round;
          }

        t0 = g_get_monotonic_time ();
        open_profile_sqlite (stmts, ids->pdata[i]);
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        g_array_append_val (sqlite_ms, ms);
      }

  for (guint i = 0; i < G_N_ELEMENTS (profile_sql); i++)
    sqlite3_finalize (stmts[i]);

  g_print ("# profile: slowest %s (%u of %u) in round %u, %.1f ms\n",
           (char *)ids->pdata[slowest], slowest, ids->len, slowest_round, slowest_ms);
  g_print ("# profile: that one in each round:");
  for (guint round = 0; round < N_ROUNDS; round++)
    g_print (" %.1f", g_array_index (store_ms, double, round * ids->len + slowest));
  g_print (" ms\n");
  bench_report ("members.profile_median", bench_median (store_ms), "ms", "sqlite3", bench_median (sqlite_ms));
  bench_report ("members.profile_max", bench_percentile (store_ms, 100), "ms", "sqlite3",
                bench_percentile (sqlite_ms, 100));
}

static char *
or_match (const char *columns,
          const char *text)
{
  g_autoptr(CercleSearchTerms) terms = text != NULL ? cercle_search_terms_new_keywords (text) : NULL;
  g_autoptr(GString) match = g_string_new (NULL);

  if (terms == NULL)
    return NULL;

  g_string_append_printf (match, "{%s} : (", columns);
  for (guint w = 0; w < cercle_search_terms_get_n_words (terms); w++)
    g_string_append_printf (match, "%s\"%s\"*", w > 0 ? " OR " : "", cercle_search_terms_get_word (terms, w));
  g_string_append_c (match, ')');

  return g_string_free (g_steal_pointer (&match), FALSE);
}

static guint
who_to_meet_sqlite (sqlite3    *db,
                    const char *id)
{
  sqlite3_stmt *me = NULL;
  g_autofree char *needs = NULL;
  g_autofree char *offers = NULL;
  guint found = 0;

  sqlite3_prepare_v2 (db, "SELECT needs, offers FROM member WHERE id = ?1", -1, &me, NULL);
  sqlite3_bind_text (me, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (me) == SQLITE_ROW)
    {
      needs = g_strdup ((const char *)sqlite3_column_text (me, 0));
      offers = g_strdup ((const char *)sqlite3_column_text (me, 1));
    }
  sqlite3_finalize (me);

  for (guint direction = 0; direction < 2; direction++)
    {
      g_autofree char *match = direction == 0 ? or_match ("offers job_title sector", needs)
                                              : or_match ("needs", offers);
      sqlite3_stmt *stmt = NULL;

      if (match == NULL)
        continue;

      if (sqlite3_prepare_v2 (db,
                              "SELECT m.id, m.offers, m.needs FROM member_fts"
                              " JOIN member AS m ON m.pk = member_fts.rowid"
                              " WHERE member_fts MATCH ?1 AND m.status = 'active' AND m.id <> ?2"
                              "   AND m.id NOT IN (SELECT member_b_id FROM one_to_one WHERE member_a_id = ?2"
                              "                    UNION SELECT member_a_id FROM one_to_one WHERE member_b_id = ?2)"
                              " ORDER BY bm25 (member_fts) LIMIT 50",
                              -1, &stmt, NULL) != SQLITE_OK)
        g_error ("%s", sqlite3_errmsg (db));
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          (void) sqlite3_column_text (stmt, 1);
          found++;
        }
      sqlite3_finalize (stmt);
    }

  return found;
}

static void
measure_who_to_meet (CercleStore *store,
                     sqlite3     *db)
{
  /* One asker per sector, the way the demo's trades spread */
  g_autoptr(GPtrArray) ids = pick_member_ids (db, "AND status = 'active' AND role = 'member'", N_ASKERS);
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sqlite_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GListModel) directory = NULL;
  guint n_suggestions = 0;
  gint64 t0;
  double first_ms;
  double slowest_ms = 0;
  guint slowest = 0, slowest_round = 0;

  /* Who to meet is on a member's profile, opened from the directory,
   * whose list has read the search's cached directory by then: read it
   * as the list does, and report that read on its own */
  t0 = g_get_monotonic_time ();
  directory = cercle_store_list_members (store, NULL);
  first_ms = (g_get_monotonic_time () - t0) / 1000.0;
  g_print ("# who to meet: the directory's list read first, in %.1f ms\n", first_ms);

  for (guint round = 0; round < N_ROUNDS; round++)
    for (guint i = 0; i < ids->len; i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) suggestions = NULL;
        double ms;

        t0 = g_get_monotonic_time ();

        suggestions = cercle_store_suggest_members (store, ids->pdata[i], 5, NULL, &error);
        if (suggestions == NULL)
          g_error ("%s", error->message);
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        g_array_append_val (store_ms, ms);
        n_suggestions += suggestions->len;
        if (ms > slowest_ms)
          {
            slowest_ms = ms;
            slowest = i;
            slowest_round = round;
          }

        t0 = g_get_monotonic_time ();
        who_to_meet_sqlite (db, ids->pdata[i]);
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        g_array_append_val (sqlite_ms, ms);
      }

  g_print ("# who to meet: slowest for %s (%u of %u) in round %u, %.1f ms; in each round:",
           (char *)ids->pdata[slowest], slowest, ids->len, slowest_round, slowest_ms);
  for (guint round = 0; round < N_ROUNDS; round++)
    g_print (" %.1f", g_array_index (store_ms, double, round * ids->len + slowest));
  g_print (" ms\n");
  g_print ("# who to meet: %.1f suggestions per member asking\n", (double)n_suggestions / store_ms->len);
  bench_report ("members.who_to_meet_median", bench_median (store_ms), "ms", "sqlite3", bench_median (sqlite_ms));
  bench_report ("members.who_to_meet_max", bench_percentile (store_ms, 100), "ms", "sqlite3",
                bench_percentile (sqlite_ms, 100));
}

/* A spreadsheet of 10,000 new members as French Excel saves it */
static GBytes *
make_csv (void)
{
  g_autoptr(GString) csv = g_string_new ("Prénom;Nom;Société;Fonction;Secteur;Ville;E-mail;Téléphone;"
                                         "Site web;Je propose;Je recherche;Statut;Membre depuis\r\n");
  g_autofree char *latin1 = NULL;
  gsize length = 0;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (csv,
                            "Hélène;Lefèvre-%u;Boulangerie Lefèvre %u;Gérante;Alimentation;Lyon;"
                            "helene.lefevre%u@exemple.fr;06 12 34 %02u %02u;www.boulangerie%u.fr;"
                            "\"Pains et viennoiseries\nTraiteur pour vos réceptions\";"
                            "Expert-comptable;Active;%02u/09/2021\r\n",
                            i, i, i, (i / 100) % 100, i % 100, i, 1 + i % 28);

  latin1 = g_convert (csv->str, -1, "WINDOWS-1252", "UTF-8", NULL, &length, NULL);
  g_assert (latin1 != NULL);

  return g_bytes_new_take (g_steal_pointer (&latin1), length);
}

static double
import_store (const char *template_path,
              const char *path,
              GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(CercleCsvTable) table = NULL;
  g_autoptr(CercleImportReport) report = NULL;
  g_auto(GStrv) mapping = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  gint64 t0;
  double ms;

  cercle_store_remove_database (path);
  if (!g_file_get_contents (template_path, &contents, &length, &error) ||
      !g_file_set_contents (path, contents, (gssize)length, &error) ||
      !(store = cercle_store_open (path, &error)))
    g_error ("%s", error->message);

  t0 = g_get_monotonic_time ();
  if (!(table = cercle_csv_table_parse (bytes, &error)))
    g_error ("%s", error->message);
  mapping = cercle_csv_guess_mapping (table);
  if (!cercle_store_import_members (store, table, (const char * const *)mapping, FALSE,
                                    NULL, NULL, NULL, &report, &error))
    g_error ("%s", error->message);
  ms = (g_get_monotonic_time () - t0) / 1000.0;

  g_assert (report->n_added == 10000);

  return ms;
}

static double
import_sqlite (const char *template_path,
               const char *path)
{
  g_autofree char *contents = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gsize length;
  gint64 t0;
  double ms;

  cercle_store_remove_database (path);
  if (!g_file_get_contents (template_path, &contents, &length, NULL) ||
      !g_file_set_contents (path, contents, (gssize)length, NULL))
    g_error ("cannot copy %s", template_path);

  sqlite3_open (path, &db);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", NULL, NULL, NULL);

  t0 = g_get_monotonic_time ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO member (id, first_name, last_name, company, job_title, sector, city,"
                          " email, phone, website, offers, needs, status, joined_on, updated_at)"
                          " VALUES (?1, 'Hélène', ?2, ?3, 'Gérante', 'Alimentation', 'Lyon', ?4,"
                          " '+33612345678', ?5, 'Pains et viennoiseries', 'Expert-comptable', 'active',"
                          " '2021-09-01', '2026-01-01T00:00:00Z')",
                          -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *last = g_strdup_printf ("Lefèvre-%u", i);
      g_autofree char *company = g_strdup_printf ("Boulangerie Lefèvre %u", i);
      g_autofree char *email = g_strdup_printf ("helene.lefevre%u@exemple.fr", i);
      g_autofree char *website = g_strdup_printf ("https://www.boulangerie%u.fr", i);

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, last, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, company, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, email, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, website, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (db,
                "INSERT INTO member_fts (rowid, first_name, last_name, company, job_title, sector, city, offers, needs)"
                " SELECT pk, first_name, last_name, company, job_title, sector, city, offers, needs"
                " FROM member_fts_text WHERE pk > (SELECT max (pk) - 10000 FROM member)",
                NULL, NULL, NULL);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  ms = (g_get_monotonic_time () - t0) / 1000.0;

  sqlite3_close (db);

  return ms;
}

static void
measure_import (const char *dir)
{
  g_autofree char *template_path = g_build_filename (dir, "club-120-import.db", NULL);
  g_autofree char *path = g_build_filename (dir, "club-import.db", NULL);
  g_autoptr(GBytes) bytes = make_csv ();
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sqlite_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  cercle_store_remove_database (template_path);
  if (!cercle_demo_create (template_path, 120, CERCLE_DEMO_DEFAULT_SEED, &error))
    g_error ("%s", error->message);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      double ms = import_store (template_path, path, bytes);

      g_array_append_val (store_ms, ms);
      ms = import_sqlite (template_path, path);
      g_array_append_val (sqlite_ms, ms);
    }

  cercle_store_remove_database (path);
  cercle_store_remove_database (template_path);

  bench_report ("members.import_10k", bench_median (store_ms) / 1000.0, "s", "sqlite3",
                bench_median (sqlite_ms) / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleStore) store = NULL;
  g_autofree char *dir = NULL;
  sqlite3 *db = NULL;
  const char *path;

  if (argc != 2)
    {
      g_printerr ("usage: %s CLUB.db  (made if missing)\n", argv[0]);
      return EXIT_FAILURE;
    }

  setlocale (LC_ALL, "");
  path = argv[1];
  dir = g_path_get_dirname (path);

  if (!bench_ensure_club (path, N_MEMBERS, &error) ||
      !(store = cercle_store_open (path, &error)))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_printerr ("%s\n", sqlite3_errmsg (db));
      return EXIT_FAILURE;
    }

  measure_profiles (store, db);
  measure_who_to_meet (store, db);
  sqlite3_close (db);

  measure_import (dir);

  return EXIT_SUCCESS;
}
