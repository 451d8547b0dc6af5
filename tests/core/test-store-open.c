/* test-store-open.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Opening, migrating and creating club files: old, newer, corrupt and
 * foreign files, missing paths, and programs racing to open or create */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "test-store.h"

static gint64
read_pragma_int (const char *path,
                 const char *pragma)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static char *
read_journal_mode (const char *path)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  char *mode;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  mode = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return mode;
}

void
test_migrate_from_version_1 (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cercle-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpuint (cercle_store_n_migrations, >=, 2);

  /* A club written by the first version: no full-text index yet. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, cercle_store_migrations[0]);
  exec_or_die (db, "PRAGMA user_version = 1");
  exec_or_die (db, "INSERT INTO member (id, first_name, last_name, sort_key)"
                   " VALUES ('6fa459ea-ee8a-3ca4-894e-db77e160355e', 'Hélène', 'Dubois', 'dubois')");
  sqlite3_close (db);

  store = cercle_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cercle_store_get_schema_version (store), ==, cercle_store_n_migrations);

  /* and is marked as a Cercle club from now on */
  g_assert_cmpint (read_pragma_int (path, "application_id"), ==, CERCLE_STORE_APPLICATION_ID);

  names = search_names (store, "helene");
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "Dubois");

  g_assert_finalize_object (g_steal_pointer (&store));
  remove_dir (dir);
}

void
test_refuses_newer_schema (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cercle-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "future.db", NULL);
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %u; PRAGMA application_id = %d",
                                             cercle_store_n_migrations + 1, CERCLE_STORE_APPLICATION_ID);
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, pragma);
  sqlite3_close (db);

  store = cercle_store_open (path, &error);
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_TOO_NEW);
  g_assert_null (store);
  remove_dir (dir);
}

void
test_corrupt_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cercle-store-XXXXXX", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.db", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.db", NULL);
  g_autofree char *damaged = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *missing_dir = g_build_filename (dir, "no", "such", "dir.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  sqlite3 *db = NULL;
  CercleStore *store;

  g_assert_true (g_file_set_contents (garbage, "Nom;Prénom\nDupont;Jean\n" "not a database at all", -1, NULL));
  store = cercle_store_open (garbage, &error);
  g_assert_null (store);
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "garbage.db"));
  g_clear_error (&error);

  /* The file is left as it was. */
  g_assert_true (g_file_get_contents (garbage, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "Nom;Prénom"));

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  exec_or_die (db, "CREATE TABLE invoices (number INTEGER)");
  sqlite3_close (db);
  store = cercle_store_open (foreign, &error);
  g_assert_null (store);
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  /* A real club whose pages were overwritten. */
  g_assert_true (cercle_store_create (damaged, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *wal = g_strconcat (damaged, "-wal", NULL);
    g_autofree char *bytes = NULL;

    g_unlink (wal);
    g_assert_true (g_file_get_contents (damaged, &bytes, &length, NULL));
    g_assert_cmpuint (length, >, 4096);
    memset (bytes + 16, 0x5a, 84);
    g_assert_true (g_file_set_contents (damaged, bytes, length, NULL));
  }
  store = cercle_store_open (damaged, &error);
  g_assert_null (store);
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  store = cercle_store_open (missing_dir, &error);
  g_assert_null (store);
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_MISSING);

  remove_dir (dir);
}

/* Another program's SQLite files, at any schema version, are refused and
 * left byte for byte as they were: no WAL switch, no migration. */
void
test_foreign_files_untouched (void)
{
  g_autofree char *dir = cercle_test_make_dir ("foreign");

  for (int version = -1; version <= 2; version++)
    {
      g_autofree char *name = g_strdup_printf ("foreign-%d.db", version);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *mode = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CercleStore) store = NULL;

      if (version < 0)
        /* An empty file is no club either */
        g_assert_true (g_file_set_contents (path, "", 0, NULL));
      else
        {
          g_autofree char *sql = g_strdup_printf ("CREATE TABLE invoices (number INTEGER);"
                                                  "INSERT INTO invoices VALUES (1);"
                                                  "PRAGMA user_version = %d", version);
          sqlite3 *db = NULL;

          g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
          exec_or_die (db, sql);
          sqlite3_close (db);
        }

      before = cercle_test_checksum_file (path);
      store = cercle_store_open (path, &error);
      g_assert_null (store);
      g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_A_DATABASE);
      g_assert_nonnull (strstr (error->message, name));

      after = cercle_test_checksum_file (path);
      g_assert_cmpstr (before, ==, after);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      if (version >= 0)
        {
          mode = read_journal_mode (path);
          g_assert_cmpstr (mode, ==, "delete");
        }
    }

  cercle_test_remove_dir (dir);
}

/* A mistyped path is an error and creates nothing */
void
test_missing_path (void)
{
  g_autofree char *dir = cercle_test_make_dir ("missing");
  g_autofree char *path = g_build_filename (dir, "clubb.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleStore) store = cercle_store_open (path, &error);
  g_autoptr(GDir) listing = NULL;

  g_assert_null (store);
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "clubb.db"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));

  cercle_test_remove_dir (dir);
}

typedef struct
{
  const char *path;
  GMutex      lock;
  GCond       cond;
  guint       waiting;
  guint       opened;
  GError     *error;
} Race;

/* Holds each of two threads until both are here, so that they race */
static void
start_together (GMutex *lock,
                GCond  *cond,
                guint  *waiting)
{
  g_mutex_lock (lock);
  (*waiting)++;
  g_cond_broadcast (cond);
  while (*waiting < 2)
    g_cond_wait (cond, lock);
  g_mutex_unlock (lock);
}

static gpointer
open_in_race (gpointer data)
{
  Race *race = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleStore) store = NULL;

  start_together (&race->lock, &race->cond, &race->waiting);

  store = cercle_store_open (race->path, &error);

  g_mutex_lock (&race->lock);
  if (store != NULL)
    race->opened++;
  else if (race->error == NULL)
    race->error = g_steal_pointer (&error);
  g_mutex_unlock (&race->lock);

  return NULL;
}

/* Two programs opening a club that needs a migration at the same moment:
 * both open it, and the migration runs once */
void
test_concurrent_openers (void)
{
  g_autofree char *dir = cercle_test_make_dir ("race");

  for (guint round = 0; round < 10; round++)
    {
      g_autofree char *name = g_strdup_printf ("old-%u.db", round);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      Race race = { path, };
      GThread *a, *b;
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      exec_or_die (db, cercle_store_migrations[0]);
      exec_or_die (db, "PRAGMA user_version = 1");
      sqlite3_close (db);

      g_mutex_init (&race.lock);
      g_cond_init (&race.cond);
      a = g_thread_new ("open-a", open_in_race, &race);
      b = g_thread_new ("open-b", open_in_race, &race);
      g_thread_join (a);
      g_thread_join (b);

      g_assert_no_error (race.error);
      g_assert_cmpuint (race.opened, ==, 2);
      g_assert_cmpint (read_pragma_int (path, "user_version"), ==, cercle_store_n_migrations);

      g_mutex_clear (&race.lock);
      g_cond_clear (&race.cond);
    }

  cercle_test_remove_dir (dir);
}

typedef struct
{
  const char *path;
  GMutex      lock;
  GCond       cond;
  guint       waiting;
  guint       created;
  guint       refused;
} CreateRace;

static gboolean
fill_slowly (CercleStore   *store,
             gpointer       user_data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(CercleMember) member = make_member ("Lent", "Créateur", NULL);

  g_usleep (G_USEC_PER_SEC / 20);

  return cercle_store_save (store, CERCLE_RECORD (member), error);
}

static gpointer
create_in_race (gpointer data)
{
  CreateRace *race = data;
  g_autoptr(GError) error = NULL;
  gboolean created;

  start_together (&race->lock, &race->cond, &race->waiting);

  created = cercle_store_create (race->path, fill_slowly, NULL, NULL, &error);

  g_mutex_lock (&race->lock);
  if (created)
    race->created++;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    race->refused++;
  g_mutex_unlock (&race->lock);

  return NULL;
}

static gboolean
only_entries (const char         *dir,
              const char * const *expected)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      if (!g_strv_contains (expected, name))
        {
          g_test_message ("unexpected file %s", name);
          return FALSE;
        }
      n++;
    }

  return n == g_strv_length ((char **)expected);
}

/* Two creators of the same club at once: one makes it, the other is told
 * it exists, and neither removes what the other made */
void
test_concurrent_creators (void)
{
  g_autofree char *dir = cercle_test_make_dir ("create-race");
  g_autofree char *path = g_build_filename (dir, "club.db", NULL);
  const char *only_club[] = { "club.db", NULL };
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CreateRace race = { path, };
  GThread *a, *b;

  g_mutex_init (&race.lock);
  g_cond_init (&race.cond);
  a = g_thread_new ("create-a", create_in_race, &race);
  b = g_thread_new ("create-b", create_in_race, &race);
  g_thread_join (a);
  g_thread_join (b);
  g_mutex_clear (&race.lock);
  g_cond_clear (&race.cond);

  g_assert_cmpuint (race.created, ==, 1);
  g_assert_cmpuint (race.refused, ==, 1);
  g_assert_true (only_entries (dir, only_club));

  store = cercle_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cercle_store_count_members (store, NULL), ==, 1);

  cercle_test_remove_dir (dir);
}

static gboolean
fill_while_user_creates (CercleStore   *store,
                         gpointer       user_data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  /* Meanwhile, the user saves another file under the same name */
  g_assert_true (g_file_set_contents (user_data, "le fichier de l’utilisateur", -1, NULL));

  return TRUE;
}

static gboolean
fill_and_fail (CercleStore   *store,
               gpointer       user_data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(CercleMember) member = make_member ("Presque", "Fini", NULL);

  g_assert_true (cercle_store_save (store, CERCLE_RECORD (member), NULL));
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "failed on purpose");

  return FALSE;
}

/* What a creation did not make, it never removes; what it made and could
 * not finish, it leaves nowhere */
void
test_create_is_all_or_nothing (void)
{
  g_autofree char *dir = cercle_test_make_dir ("create");
  g_autofree char *path = g_build_filename (dir, "club.db", NULL);
  g_autofree char *checksum = NULL;
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "le fichier de l’utilisateur", -1);
  const char *only_users[] = { "club.db", NULL };
  const char *nothing[] = { NULL };
  g_autoptr(GError) error = NULL;

  g_assert_false (cercle_store_create (path, fill_while_user_creates, path, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (only_entries (dir, only_users));
  checksum = cercle_test_checksum_file (path);
  g_assert_cmpstr (checksum, ==, expected);
  g_unlink (path);

  g_assert_false (cercle_store_create (path, fill_and_fail, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_true (only_entries (dir, nothing));

  cercle_test_remove_dir (dir);
}

/* A club made on this computer: the club and its first staff member, who
 * is the local user; what is missing or wrong is refused and leaves no file */
void
test_create_local_club (void)
{
  g_autofree char *dir = cercle_test_make_dir ("local-club");
  g_autofree char *path = g_build_filename (dir, "club.db", NULL);
  const char *nothing[] = { NULL };
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(CercleClub) club = NULL;
  g_autoptr(CercleMember) member = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (cercle_store_create_local_club (path, "  ", "Brest", "Maëlle", "Le Goff",
                                                  "maelle@exemple.fr", NULL, &error));
  g_assert_error (error, CERCLE_VALIDATE_ERROR, CERCLE_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cercle_store_create_local_club (path, "Club de Brest", "Brest", "", "Le Goff",
                                                  "maelle@exemple.fr", NULL, &error));
  g_assert_error (error, CERCLE_VALIDATE_ERROR, CERCLE_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cercle_store_create_local_club (path, "Club de Brest", "Brest", "Maëlle", "Le Goff",
                                                  "maelle@", NULL, &error));
  g_assert_error (error, CERCLE_VALIDATE_ERROR, CERCLE_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (only_entries (dir, nothing));

  g_assert_true (cercle_store_create_local_club (path, " Club de Brest ", "Brest", "Maëlle", NULL,
                                                 " maelle@exemple.fr", NULL, &error));
  g_assert_no_error (error);

  store = cercle_store_open (path, &error);
  g_assert_no_error (error);
  club = cercle_store_dup_club (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cercle_club_get_name (club), ==, "Club de Brest");
  g_assert_cmpstr (cercle_club_get_city (club), ==, "Brest");
  member = cercle_store_dup_local_member (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cercle_member_get_first_name (member), ==, "Maëlle");
  g_assert_cmpstr (cercle_member_get_email (member), ==, "maelle@exemple.fr");
  g_assert_true (cercle_test_local_user_is_staff (store));
  g_assert_cmpuint (cercle_store_count_members (store, NULL), ==, 1);
  cercle_test_release_store (g_steal_pointer (&store));

  /* never over an existing club */
  g_assert_false (cercle_store_create_local_club (path, "Autre club", NULL, "Yann", NULL,
                                                  "yann@exemple.fr", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);

  cercle_test_remove_dir (dir);
}
