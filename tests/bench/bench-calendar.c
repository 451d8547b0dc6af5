/* bench-calendar.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cercle-core.h"

#include "bench-common.h"

/* The calendar of a club with five years of events: 3,000 events and
 * 100,000 registrations, one event with 300 registrants. The club is made
 * through the store (a bulk load, as a first sync makes it), seeded, so
 * every run measures the same work.
 *
 * Each figure is the median of many runs of what the app does, beside the
 * fastest raw SQLite way to get the same answer on the same file, in the
 * same run:
 *
 *   calendar.month        the events of the six weeks a month grid shows,
 *                         every one read (the grid reads them all)
 *   calendar.open_event   an event with 300 registrants: the event, its
 *                         counts, its registrants sorted by last name and
 *                         the first screenful of them read
 *   calendar.check_in     one registrant marked present, committed (with
 *                         its history and its outbox entry)
 *   calendar.regularity   six months of attendance, for every member */

#define N_MEMBERS      400
#define N_EVENTS       3000
#define N_REGISTRATIONS 100000
#define BIG_EVENT      2990
#define BIG_EVENT_SIZE 300
#define N_RUNS         50
#define SCREENFUL      20

typedef struct
{
  GRand     *rand;
  GPtrArray *member_ids;
  GPtrArray *event_ids;
  char      *big_event_id;
  char      *local_member_id;
} Club;

static gboolean
flush_batch (CercleStore  *store,
             GPtrArray    *batch,
             GError      **error)
{
  gboolean ok = cercle_store_save_all (store, (CercleRecord **)batch->pdata, batch->len,
                                       CERCLE_SAVE_FROM_SERVER, error);

  g_ptr_array_set_size (batch, 0);
  return ok;
}

static gboolean
add (CercleStore  *store,
     GPtrArray    *batch,
     gpointer      record,
     GError      **error)
{
  g_ptr_array_add (batch, record);

  return batch->len < 5000 || flush_batch (store, batch, error);
}

static gboolean
fill_club (CercleStore   *store,
           gpointer       user_data,
           GCancellable  *cancellable,
           GError       **error)
{
  Club *club = user_data;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) first = cercle_time_local (2022, 9, 1, 7, 30, "Europe/Paris");
  guint per_event = (N_REGISTRATIONS - BIG_EVENT_SIZE) / (N_EVENTS - 1);
  guint made = 0;

  if (!add (store, batch, g_object_new (CERCLE_TYPE_CLUB, "name", "Club des cinq saisons",
                                        "time-zone", "Europe/Paris", NULL), error))
    return FALSE;

  for (guint i = 0; i < N_MEMBERS; i++)
    {
      g_autofree char *first_name = g_strdup_printf ("Prénom%u", i);
      g_autofree char *last_name = g_strdup_printf ("Nom%03u", (i * 7919) % N_MEMBERS);
      CercleMember *member = g_object_new (CERCLE_TYPE_MEMBER,
                                           "first-name", first_name,
                                           "last-name", last_name,
                                           "company", "Entreprise SAS",
                                           "role", i == 0 ? CERCLE_MEMBER_ROLE_STAFF : CERCLE_MEMBER_ROLE_MEMBER,
                                           NULL);

      g_ptr_array_add (club->member_ids, g_strdup (cercle_record_get_id (CERCLE_RECORD (member))));
      if (!add (store, batch, member, error))
        return FALSE;
    }
  club->local_member_id = g_strdup (g_ptr_array_index (club->member_ids, 0));

  for (guint e = 0; e < N_EVENTS; e++)
    {
      /* About twelve events a week, over five years */
      g_autoptr(GDateTime) starts = g_date_time_add_minutes (first, (int)(e * (5 * 365 * 24 * 60 / N_EVENTS)));
      g_autoptr(GDateTime) ends = g_date_time_add_minutes (starts, 90);
      g_autofree char *starts_text = cercle_time_format_utc (starts);
      g_autofree char *ends_text = cercle_time_format_utc (ends);
      g_autofree char *title = g_strdup_printf ("Réunion %u", e);
      gboolean big = e == BIG_EVENT;
      guint n = big ? BIG_EVENT_SIZE : MIN (per_event, N_REGISTRATIONS - BIG_EVENT_SIZE - made);
      CercleEvent *event = g_object_new (CERCLE_TYPE_EVENT,
                                         "title", title,
                                         "kind", CERCLE_EVENT_KIND_BREAKFAST,
                                         "starts-at", starts_text,
                                         "ends-at", ends_text,
                                         "time-zone", "Europe/Paris",
                                         "place", "Maison des Entrepreneurs, Lyon",
                                         "capacity", big ? 0 : 60,
                                         NULL);
      /* The batch may free the event before its registrations are made */
      const char *event_id = g_strdup (cercle_record_get_id (CERCLE_RECORD (event)));

      g_ptr_array_add (club->event_ids, (char *)event_id);
      if (big)
        club->big_event_id = g_strdup (event_id);
      if (!add (store, batch, event, error))
        return FALSE;

      for (guint k = 0; k < n; k++)
        {
          guint member = (e * 37 + k * 13) % N_MEMBERS;
          CercleAttendance attendance = (CercleAttendance)g_rand_int_range (club->rand, 0, 6);
          CercleRegistration *registration;

          if (!big && (e * 37 + k * 13) / N_MEMBERS != e * 37 / N_MEMBERS && k >= N_MEMBERS / 13)
            break;

          registration = g_object_new (CERCLE_TYPE_REGISTRATION,
                                       "event-id", event_id,
                                       "member-id", (char *)g_ptr_array_index (club->member_ids, big ? k % N_MEMBERS : member),
                                       "response", g_rand_int_range (club->rand, 0, 10) < 8 ? CERCLE_RESPONSE_YES
                                                                                              : CERCLE_RESPONSE_NO,
                                       "attendance", big ? CERCLE_ATTENDANCE_UNKNOWN : attendance,
                                       "registered-at", starts_text,
                                       NULL);
          if (big && k >= N_MEMBERS)
            g_object_set (registration, "member-id", NULL, "guest-name", "Invité Quelconque", NULL);
          if (!add (store, batch, registration, error))
            return FALSE;
          if (!big)
            made++;
        }
    }

  return flush_batch (store, batch, error) &&
         cercle_store_set_local_member (store, club->local_member_id, error);
}

static double
ms_since (gint64 started)
{
  return (g_get_monotonic_time () - started) / 1000.0;
}

static void
append (GArray *samples,
        double  value)
{
  g_array_append_val (samples, value);
}

static int
step_all (sqlite3_stmt *stmt,
          int           columns)
{
  int n = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < columns; c++)
        (void)sqlite3_column_text (stmt, c);
      n++;
    }
  sqlite3_reset (stmt);

  return n;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cercle-bench-calendar-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(GArray) month = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) month_raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) open_event = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) open_event_raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) check_in = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) check_in_raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) regularity = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) regularity_raw = g_array_new (FALSE, FALSE, sizeof (double));
  Club club = { g_rand_new_with_seed (42), g_ptr_array_new_with_free_func (g_free),
                g_ptr_array_new_with_free_func (g_free), NULL, NULL };
  sqlite3 *raw = NULL;
  sqlite3_stmt *raw_month, *raw_event, *raw_counts, *raw_registrants, *raw_check_in, *raw_regularity;
  sqlite3_stmt *raw_history, *raw_outbox;
  gint64 started;

  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  path = g_build_filename (dir, "five-years.db", NULL);

  started = g_get_monotonic_time ();
  if (!cercle_store_create (path, fill_club, &club, NULL, &error) ||
      !(store = cercle_store_open (path, &error)))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  g_print ("# a club of %u events made through the store in %.1f s\n", N_EVENTS, ms_since (started) / 1000);

  sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READWRITE, NULL);
  sqlite3_exec (raw, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", NULL, NULL, NULL);
  /* In the grid's order, ties broken as the app breaks them, so that the
   * answer is the same one (the local user is staff: drafts are in) */
  sqlite3_prepare_v2 (raw, "SELECT * FROM event WHERE deleted = 0 AND starts_epoch < ?2 AND ends_epoch >= ?1"
                           " ORDER BY starts_epoch, title, pk", -1, &raw_month, NULL);
  sqlite3_prepare_v2 (raw, "SELECT * FROM event WHERE id = ?1", -1, &raw_event, NULL);
  sqlite3_prepare_v2 (raw, "SELECT response, attendance, count(*) FROM registration"
                           " WHERE event_id = ?1 AND deleted = 0 GROUP BY 1, 2", -1, &raw_counts, NULL);
  sqlite3_prepare_v2 (raw, "SELECT r.*, m.first_name, m.last_name, m.company FROM registration r"
                           " LEFT JOIN member m ON m.id = r.member_id WHERE r.event_id = ?1 AND r.deleted = 0"
                           " ORDER BY coalesce (m.sort_key, lower (r.guest_name))", -1, &raw_registrants, NULL);
  /* The same rows a check-in leaves: the registration, a history line
   * per changed field and the outbox entry that will carry it to the
   * server, in one transaction */
  sqlite3_prepare_v2 (raw, "UPDATE registration SET attendance = ?2, checked_in_at = ?3 WHERE id = ?1",
                      -1, &raw_check_in, NULL);
  sqlite3_prepare_v2 (raw, "INSERT INTO history (entity, row_id, field, old_value, new_value, changed_at, origin)"
                           " VALUES ('registration', ?1, ?2, ?3, ?4, ?5, 'local')", -1, &raw_history, NULL);
  sqlite3_prepare_v2 (raw, "INSERT INTO outbox (entity, row_id, op, base_rev, changes, created_at)"
                           " VALUES ('registration', ?1, 'update', 1, ?2, ?3)", -1, &raw_outbox, NULL);
  sqlite3_prepare_v2 (raw, "SELECT r.member_id, sum (r.attendance IN ('present', 'late')), count(*)"
                           " FROM event e JOIN registration r ON r.event_id = e.id"
                           " WHERE e.deleted = 0 AND e.status = 'scheduled' AND e.starts_epoch >= ?1"
                           " AND e.starts_epoch < ?2 AND r.deleted = 0 AND r.response = 'yes'"
                           " AND r.attendance <> 'unknown' AND r.member_id IS NOT NULL GROUP BY 1",
                      -1, &raw_regularity, NULL);

  for (guint run = 0; run < N_RUNS; run++)
    {
      /* A month of the middle of the five years, a different one each run */
      g_autoptr(GDateTime) from = cercle_time_local (2024, 1 + (int)(run % 12), 1, 0, 0, NULL);
      g_autoptr(GDateTime) until = g_date_time_add_weeks (from, 6);
      g_autoptr(GDateTime) since = g_date_time_add_months (from, -6);
      g_autoptr(GArray) rows = NULL;
      g_autoptr(GArray) no_rows = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(CercleRecordList) list = NULL;
      g_autoptr(CercleEvent) event = NULL;
      g_autoptr(GArray) table = NULL;
      CercleEventCounts counts;
      int n_raw;

      /* The month */
      started = g_get_monotonic_time ();
      rows = cercle_store_read_event_rows (store, from, until, &records, &error);
      list = cercle_record_list_new (store, CERCLE_TYPE_EVENT, no_rows);
      cercle_record_list_set_rows_with_records (list, rows, records);
      for (guint i = 0; i < rows->len; i++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
      append (month, ms_since (started));
      g_clear_pointer (&rows, g_array_unref);
      g_clear_object (&list);

      started = g_get_monotonic_time ();
      sqlite3_bind_int64 (raw_month, 1, g_date_time_to_unix (from));
      sqlite3_bind_int64 (raw_month, 2, g_date_time_to_unix (until));
      n_raw = step_all (raw_month, 16);
      append (month_raw, ms_since (started));
      g_assert (n_raw > 40);

      /* The big event's page */
      started = g_get_monotonic_time ();
      event = cercle_store_get_record (store, CERCLE_TYPE_EVENT, club.big_event_id, &error);
      cercle_store_count_event (store, club.big_event_id, &counts, &error);
      rows = cercle_store_list_registration_rows (store, club.big_event_id, CERCLE_RESPONSES_ALL, NULL, &error);
      list = cercle_record_list_new (store, CERCLE_TYPE_REGISTRATION, rows);
      for (guint i = 0; i < SCREENFUL; i++)
        {
          g_autoptr(CercleRegistration) registration = g_list_model_get_item (G_LIST_MODEL (list), i);
          const char *member_id = cercle_registration_get_member_id (registration);

          if (member_id != NULL)
            g_object_unref (cercle_store_get_record (store, CERCLE_TYPE_MEMBER, member_id, NULL));
        }
      append (open_event, ms_since (started));
      g_assert (rows->len == BIG_EVENT_SIZE);

      started = g_get_monotonic_time ();
      sqlite3_bind_text (raw_event, 1, club.big_event_id, -1, SQLITE_STATIC);
      step_all (raw_event, 16);
      sqlite3_bind_text (raw_counts, 1, club.big_event_id, -1, SQLITE_STATIC);
      step_all (raw_counts, 3);
      sqlite3_bind_text (raw_registrants, 1, club.big_event_id, -1, SQLITE_STATIC);
      n_raw = step_all (raw_registrants, 20);
      append (open_event_raw, ms_since (started));
      g_assert (n_raw == BIG_EVENT_SIZE);

      /* One check-in at the door, then one more by raw SQL */
      {
        g_autoptr(CercleRegistration) registration = g_list_model_get_item (G_LIST_MODEL (list), run);
        g_autoptr(CercleRegistration) other = g_list_model_get_item (G_LIST_MODEL (list), N_RUNS + run);
        g_autofree char *now = cercle_now_iso8601 ();

        started = g_get_monotonic_time ();
        if (!cercle_store_take_attendance (store, registration, CERCLE_ATTENDANCE_PRESENT, NULL, &error))
          g_error ("%s", error->message);
        append (check_in, ms_since (started));

        started = g_get_monotonic_time ();
        {
          const char *id = cercle_record_get_id (CERCLE_RECORD (other));
          g_autofree char *changes = g_strdup_printf ("{\"attendance\":\"present\",\"checked_in_at\":\"%s\"}", now);
          const char *fields[][3] = { { "attendance", "unknown", "present" }, { "checked_in_at", NULL, now } };

          sqlite3_exec (raw, "BEGIN IMMEDIATE", NULL, NULL, NULL);
          sqlite3_bind_text (raw_check_in, 1, id, -1, SQLITE_STATIC);
          sqlite3_bind_text (raw_check_in, 2, "present", -1, SQLITE_STATIC);
          sqlite3_bind_text (raw_check_in, 3, now, -1, SQLITE_STATIC);
          if (sqlite3_step (raw_check_in) != SQLITE_DONE)
            g_error ("%s", sqlite3_errmsg (raw));
          sqlite3_reset (raw_check_in);
          for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
            {
              sqlite3_bind_text (raw_history, 1, id, -1, SQLITE_STATIC);
              sqlite3_bind_text (raw_history, 2, fields[f][0], -1, SQLITE_STATIC);
              sqlite3_bind_text (raw_history, 3, fields[f][1], -1, SQLITE_STATIC);
              sqlite3_bind_text (raw_history, 4, fields[f][2], -1, SQLITE_STATIC);
              sqlite3_bind_text (raw_history, 5, now, -1, SQLITE_STATIC);
              if (sqlite3_step (raw_history) != SQLITE_DONE)
                g_error ("%s", sqlite3_errmsg (raw));
              sqlite3_reset (raw_history);
            }
          sqlite3_bind_text (raw_outbox, 1, id, -1, SQLITE_STATIC);
          sqlite3_bind_text (raw_outbox, 2, changes, -1, SQLITE_STATIC);
          sqlite3_bind_text (raw_outbox, 3, now, -1, SQLITE_STATIC);
          if (sqlite3_step (raw_outbox) != SQLITE_DONE)
            g_error ("%s", sqlite3_errmsg (raw));
          sqlite3_reset (raw_outbox);
          if (sqlite3_exec (raw, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            g_error ("%s", sqlite3_errmsg (raw));
        }
        append (check_in_raw, ms_since (started));
      }

      /* Six months of regularity */
      started = g_get_monotonic_time ();
      table = cercle_store_compute_regularity (store, since, from, &error);
      append (regularity, ms_since (started));
      g_assert (table != NULL && table->len == N_MEMBERS);

      started = g_get_monotonic_time ();
      sqlite3_bind_int64 (raw_regularity, 1, g_date_time_to_unix (since));
      sqlite3_bind_int64 (raw_regularity, 2, g_date_time_to_unix (from));
      step_all (raw_regularity, 3);
      append (regularity_raw, ms_since (started));

      /* Let the store's change notification go, as the main loop would */
      cercle_store_flush_changes (store);
    }

  bench_report ("calendar.month", bench_median (month), "ms", "sqlite3", bench_median (month_raw));
  bench_report ("calendar.open_event_300", bench_median (open_event), "ms", "sqlite3", bench_median (open_event_raw));
  bench_report ("calendar.check_in", bench_median (check_in), "ms", "sqlite3", bench_median (check_in_raw));
  bench_report ("calendar.regularity", bench_median (regularity), "ms", "sqlite3", bench_median (regularity_raw));

  sqlite3_finalize (raw_month);
  sqlite3_finalize (raw_event);
  sqlite3_finalize (raw_counts);
  sqlite3_finalize (raw_registrants);
  sqlite3_finalize (raw_check_in);
  sqlite3_finalize (raw_history);
  sqlite3_finalize (raw_outbox);
  sqlite3_finalize (raw_regularity);
  sqlite3_close (raw);
  g_clear_object (&store);
  cercle_store_remove_database (path);
  g_rmdir (dir);
  g_rand_free (club.rand);
  g_ptr_array_unref (club.member_ids);
  g_ptr_array_unref (club.event_ids);
  g_free (club.big_event_id);
  g_free (club.local_member_id);

  return EXIT_SUCCESS;
}
