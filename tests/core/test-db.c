/* test-db.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cercle-core.h"
#include "cercle-test-utils.h"

/* SQLite's own English must never reach the user: each class of failure
 * has a sentence of ours, in the user's language. */
static const struct {
  int         rc;
  int         code;
  const char *english;
  const char *french;
} failures[] = {
  { SQLITE_BUSY,                 CERCLE_DB_ERROR_BUSY,           "in use by another program",  "utilisé par un autre programme" },
  { SQLITE_LOCKED,               CERCLE_DB_ERROR_BUSY,           "in use by another program",  "utilisé par un autre programme" },
  { SQLITE_FULL,                 CERCLE_DB_ERROR_FULL,           "the disk is full",           "le disque est plein" },
  { SQLITE_IOERR_WRITE,          CERCLE_DB_ERROR_IO,             "could not be read or written", "n’a pas pu être lu ou écrit" },
  { SQLITE_READONLY,             CERCLE_DB_ERROR_READ_ONLY,      "cannot be written to",       "ne peut pas être modifié" },
  { SQLITE_CANTOPEN,             CERCLE_DB_ERROR_IO,             "could not be opened",        "n’a pas pu être ouvert" },
  { SQLITE_CORRUPT,              CERCLE_DB_ERROR_NOT_A_DATABASE, "damaged",                    "endommagé" },
  { SQLITE_NOTADB,               CERCLE_DB_ERROR_NOT_A_DATABASE, "damaged",                    "endommagé" },
  { SQLITE_CONSTRAINT_UNIQUE,    CERCLE_DB_ERROR_INVALID,        "breaks a rule",              "enfreignent une règle" },
  { SQLITE_TOOBIG,               CERCLE_DB_ERROR_TOO_BIG,        "too long",                   "trop longue" },
  { SQLITE_NOMEM,                CERCLE_DB_ERROR_NO_MEMORY,      "not enough memory",          "pas assez de mémoire" },
  { SQLITE_ERROR,                CERCLE_DB_ERROR_FAILED,         "unexpected",                 "inattendue" },
};

static const char * const sqlite_english[] = {
  "database is locked", "disk I/O error", "database or disk is full", "SQL logic error",
  "attempt to write a readonly database", "unable to open database file",
  "file is not a database", "constraint failed", "string or blob too big", NULL,
};

static void
assert_no_sqlite_english (const char *message)
{
  for (guint i = 0; sqlite_english[i] != NULL; i++)
    if (strstr (message, sqlite_english[i]) != NULL)
      g_error ("“%s” shows SQLite's own words", message);
}

static void
test_error_sentences (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autoptr(GError) write_error = NULL;
      g_autoptr(GError) read_error = NULL;

      g_assert_false (cercle_db_set_error (&write_error, NULL, failures[i].rc, CERCLE_DB_WRITE));
      cercle_db_set_error (&read_error, NULL, failures[i].rc, CERCLE_DB_READ);

      g_assert_error (write_error, CERCLE_DB_ERROR, failures[i].code);
      g_assert_nonnull (strstr (write_error->message, failures[i].english));
      /* A failed write says so */
      g_assert_true (g_str_has_prefix (write_error->message, "Could not write"));
      g_assert_true (g_str_has_prefix (read_error->message, "Could not read"));
      assert_no_sqlite_english (write_error->message);
    }
}

static void
test_error_sentences_french (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *localedir = g_build_filename (g_getenv ("CERCLE_BUILD_DIR"), "po", NULL);

  g_setenv ("LANGUAGE", "fr", TRUE);
  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("the fr_FR.UTF-8 locale is not installed");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autoptr(GError) error = NULL;

      cercle_db_set_error (&error, NULL, failures[i].rc, CERCLE_DB_WRITE);
      if (strstr (error->message, failures[i].french) == NULL)
        g_error ("“%s” is not the French sentence “…%s…”", error->message, failures[i].french);
      g_assert_true (g_str_has_prefix (error->message, "Impossible d’écrire"));
      assert_no_sqlite_english (error->message);
    }

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, saved);
}

/* A real failure, on a real file: a club that another program keeps
 * locked. The save fails in our words and changes nothing. */
static void
test_locked_club (void)
{
  g_autofree char *dir = cercle_test_make_dir ("locked");
  g_autofree char *path = g_build_filename (dir, "club.db", NULL);
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(CercleMember) member = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  g_assert_true (cercle_store_create (path, NULL, NULL, NULL, &error));
  store = cercle_store_open (path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE; INSERT INTO meta VALUES ('x', 'y')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  member = g_object_new (CERCLE_TYPE_MEMBER, "first-name", "Bloqué", NULL);
  g_assert_false (cercle_store_save (store, CERCLE_RECORD (member), &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_BUSY);
  g_assert_true (g_str_has_prefix (error->message, "Could not write"));
  assert_no_sqlite_english (error->message);

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  g_assert_cmpuint (cercle_store_count_members (store, NULL), ==, 0);
  g_clear_error (&error);
  g_assert_true (cercle_store_save (store, CERCLE_RECORD (member), &error));
  g_assert_no_error (error);

  cercle_test_release_store (g_steal_pointer (&store));
  cercle_test_remove_dir (dir);
}

/* A value SQLite refuses to bind is an error, not a NULL saved quietly */
static void
test_bind_too_big (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleDb) db = cercle_db_open (":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error);
  g_autofree char *long_text = g_strnfill (500, 'x');
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  g_assert_true (cercle_db_exec (db, "CREATE TABLE t (v TEXT)", CERCLE_DB_WRITE, &error));
  sqlite3_limit (cercle_db_get_handle (db), SQLITE_LIMIT_LENGTH, 100);

  stmt = cercle_db_prepare (db, "INSERT INTO t VALUES (?1)", &error);
  g_assert_nonnull (stmt);
  g_assert_false (cercle_db_bind_text (db, stmt, 1, long_text, &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_TOO_BIG);
}

/* Transactions nest: an inner failure rolls back only the inner part */
static void
test_nested_transactions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleDb) db = cercle_db_open (":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error);
  gint64 count = -1;

  g_assert_true (cercle_db_exec (db, "CREATE TABLE t (v INTEGER)", CERCLE_DB_WRITE, &error));

  g_assert_true (cercle_db_begin (db, &error));
  g_assert_true (cercle_db_exec (db, "INSERT INTO t VALUES (1)", CERCLE_DB_WRITE, &error));
  g_assert_true (cercle_db_begin (db, &error));
  g_assert_true (cercle_db_exec (db, "INSERT INTO t VALUES (2)", CERCLE_DB_WRITE, &error));
  cercle_db_rollback (db);
  g_assert_true (cercle_db_commit (db, &error));
  g_assert_no_error (error);

  g_assert_true (cercle_db_query_int64 (db, "SELECT count(*) FROM t", &count, &error));
  g_assert_cmpint (count, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/db/error-sentences", test_error_sentences);
  g_test_add_func ("/cercle/db/error-sentences-french", test_error_sentences_french);
  g_test_add_func ("/cercle/db/locked-club", test_locked_club);
  g_test_add_func ("/cercle/db/bind-too-big", test_bind_too_big);
  g_test_add_func ("/cercle/db/nested-transactions", test_nested_transactions);

  return g_test_run ();
}
