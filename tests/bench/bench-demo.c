/* bench-demo.c
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

/* How long `cercle --create-demo FILE --demo-members 100000` takes, and
 * how long the store alone takes to write the same records once they are
 * made (the path a first sync and an import take too).
 *
 * Baseline: SQLite alone writing the same rows into the same schema, by
 * the fastest route it has (one INSERT … SELECT per table from the file the
 * generator made, then one FTS5 rebuild): what writing and indexing this
 * much data costs before any code of ours runs. */

#define N_MEMBERS 100000
#define MAX_RUNS  3
/* After one run this slow, one run is the figure */
#define SLOW_RUN_S 40.0

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", sql, message);
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static double
sqlite_copy (const char  *source,
             const char  *target,
             GError     **error)
{
  g_autoptr(GString) schema = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  char *attach;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 started = 0;
  gboolean ok = TRUE;

  if (sqlite3_open (target, &db) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", sqlite3_errmsg (db));
      sqlite3_close (db);
      return -1;
    }

  attach = sqlite3_mprintf ("ATTACH %Q AS src", source);
  ok = exec (db, attach, error);
  sqlite3_free (attach);
  if (!ok)
    goto out;

  /* The schema minus triggers, which the bulk copy replaces by one rebuild
   * (views included: the index reads its text through one);
   * FTS5's own shadow tables come with its virtual table. */
  sqlite3_prepare_v2 (db,
                      "SELECT type, name, sql FROM src.sqlite_master"
                      " WHERE sql IS NOT NULL AND type IN ('table', 'index', 'view')"
                      " AND name NOT LIKE 'sqlite_%' AND (type = 'view' OR name NOT LIKE '%_fts_%')"
                      " ORDER BY rowid",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *sql = (const char *)sqlite3_column_text (stmt, 2);

      g_string_append_printf (schema, "%s;\n", sql);
      if (g_str_equal ((const char *)sqlite3_column_text (stmt, 0), "table") &&
          !g_str_has_prefix (sql, "CREATE VIRTUAL"))
        g_ptr_array_add (tables, g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);

  started = g_get_monotonic_time ();

  ok = exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", error) &&
       exec (db, schema->str, error) &&
       exec (db, "BEGIN", error);

  for (guint i = 0; ok && i < tables->len; i++)
    {
      g_autofree char *copy = g_strdup_printf ("INSERT INTO main.%s SELECT * FROM src.%s",
                                               (char *)tables->pdata[i], (char *)tables->pdata[i]);

      ok = exec (db, copy, error);
    }

  ok = ok &&
       exec (db, "INSERT INTO member_fts (member_fts) VALUES ('rebuild')", error) &&
       exec (db, "COMMIT", error);

out:
  sqlite3_close (db);

  return ok ? (g_get_monotonic_time () - started) / 1e6 : -1;
}

static gboolean
keep_records (CercleRecord * const  *records,
              guint                  n_records,
              gpointer               user_data,
              GError               **error)
{
  for (guint i = 0; i < n_records; i++)
    g_ptr_array_add (user_data, g_object_ref (records[i]));

  return TRUE;
}

typedef struct
{
  GPtrArray *records;
  char      *local_member_id;
} Made;

static gboolean
write_made (CercleStore   *store,
            gpointer       user_data,
            GCancellable  *cancellable,
            GError       **error)
{
  Made *made = user_data;

  for (guint i = 0; i < made->records->len; i += 5000)
    if (!cercle_store_save_all (store, (CercleRecord **)made->records->pdata + i,
                                MIN (5000, made->records->len - i),
                                CERCLE_SAVE_FROM_SERVER, error))
      return FALSE;

  return cercle_store_set_local_member (store, made->local_member_id, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baselines = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (double));
  Made made = { g_ptr_array_new_with_free_func (g_object_unref), NULL };
  g_autofree char *dir = g_dir_make_tmp ("cercle-bench-demo-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *copy = NULL;

  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  path = g_build_filename (dir, "demo.db", NULL);
  copy = g_build_filename (dir, "copy.db", NULL);

  for (guint run = 0; run < MAX_RUNS; run++)
    {
      gint64 started = g_get_monotonic_time ();
      double seconds, baseline;

      if (!cercle_demo_create (path, N_MEMBERS, CERCLE_DEMO_DEFAULT_SEED, &error))
        {
          g_printerr ("%s\n", error->message);
          cercle_store_remove_database (path);
          g_rmdir (dir);
          return EXIT_FAILURE;
        }

      seconds = (g_get_monotonic_time () - started) / 1e6;
      g_array_append_val (runs, seconds);

      baseline = sqlite_copy (path, copy, &error);
      cercle_store_remove_database (copy);
      cercle_store_remove_database (path);

      if (baseline < 0)
        {
          g_printerr ("%s\n", error->message);
          g_rmdir (dir);
          return EXIT_FAILURE;
        }

      g_array_append_val (baselines, baseline);

      /* The store alone, on records already made */
      if (made.records->len == 0 &&
          !cercle_demo_generate (N_MEMBERS, CERCLE_DEMO_DEFAULT_SEED, keep_records, made.records,
                                 &made.local_member_id, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
      started = g_get_monotonic_time ();
      if (!cercle_store_create (path, write_made, &made, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
      {
        double write = (g_get_monotonic_time () - started) / 1e6;

        g_array_append_val (writes, write);
        cercle_store_remove_database (path);
        g_print ("# run %u: %.2f s, of which the store %.2f s (sqlite3 bulk copy %.2f s)\n",
                 run + 1, seconds, write, baseline);
      }

      if (seconds > SLOW_RUN_S)
        break;
    }

  g_rmdir (dir);

  bench_report ("demo.create_100k", bench_median (runs), "s",
                "sqlite3", bench_median (baselines));
  bench_report ("demo.store_write_100k", bench_median (writes), "s",
                "sqlite3", bench_median (baselines));

  g_ptr_array_unref (made.records);
  g_free (made.local_member_id);

  return EXIT_SUCCESS;
}
