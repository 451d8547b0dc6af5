/* cercle-store-open.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-store-private.h"

/* Opening a club file: telling a Cercle club from any other file without
 * changing that file, bringing the schema up to date once however many
 * programs open it at the same moment, and running it in WAL mode. */

/* The tables of a club file before it carried our application id: a file
 * with all of them, at a schema version we wrote, is an early Cercle club. */
static const char * const early_club_tables[] = {
  "meta", "club", "member", "event", "registration", "referral", "one_to_one",
  "request", "history", "outbox", NULL
};

/* Reads the two numbers of the file's header that say whose it is and at
 * which schema version. Reading them changes nothing in the file. They are
 * read by one statement: read one after the other, they could straddle
 * another program's migration and pair an old id with a new version. */
static gboolean
read_header (CercleDb  *db,
             gint64    *application_id,
             gint64    *version,
             GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = cercle_db_prepare (db,
                                  "SELECT (SELECT application_id FROM pragma_application_id),"
                                  " (SELECT user_version FROM pragma_user_version)",
                                  error)))
    return FALSE;

  rc = cercle_db_step (db, stmt, CERCLE_DB_OPEN, error);
  if (rc == SQLITE_ROW)
    {
      *application_id = sqlite3_column_int64 (stmt, 0);
      *version = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

static gboolean
has_early_club_tables (CercleDb  *db,
                       gboolean  *result,
                       GError   **error)
{
  sqlite3_stmt *stmt;

  *result = TRUE;

  if (!(stmt = cercle_db_prepare (db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                                  error)))
    return FALSE;

  for (guint i = 0; early_club_tables[i] != NULL && *result; i++)
    {
      int rc;

      if (!cercle_db_bind_text (db, stmt, 1, early_club_tables[i], error))
        return FALSE;
      rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error);
      sqlite3_reset (stmt);
      if (rc == 0)
        return FALSE;
      *result = rc == SQLITE_ROW;
    }

  return TRUE;
}

static gboolean
not_a_club (const char  *path,
            GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_A_DATABASE,
               _("“%s” is not a Cercle club."), display);
  return FALSE;
}

/* A club file says so: our application id, set when it was made, or the
 * exact tables of an early club made before there was one. Anything else
 * is another program's file, and is left byte for byte as it is. */
static gboolean
recognize_club (CercleStore  *self,
                GError      **error)
{
  gint64 application_id = 0;
  gint64 version = 0;
  gboolean early = FALSE;

  if (!read_header (self->db, &application_id, &version, error))
    {
      if (error != NULL && g_error_matches (*error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_A_DATABASE))
        {
          g_autofree char *display = g_filename_display_name (self->path);

          g_clear_error (error);
          g_set_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_A_DATABASE,
                       _("“%s” is not a Cercle club, or it is damaged."), display);
        }
      return FALSE;
    }

  if (application_id == CERCLE_STORE_APPLICATION_ID)
    {
      if (version > (gint64)cercle_store_n_migrations)
        {
          g_autofree char *display = g_filename_display_name (self->path);

          g_set_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_TOO_NEW,
                       _("“%s” was written by a newer version of Cercle; update Cercle to open it."),
                       display);
          return FALSE;
        }
      return TRUE;
    }

  if (application_id != 0 || version < 1 || version > 2)
    return not_a_club (self->path, error);

  if (!has_early_club_tables (self->db, &early, error))
    return FALSE;

  if (!early)
    return not_a_club (self->path, error);

  return TRUE;
}

/* Brings the schema up to date in one transaction. The version is read
 * again inside it: two programs opening the same club at once must not
 * both run a migration. */
static gboolean
migrate (CercleStore  *self,
         GError      **error)
{
  gint64 version = 0;
  gint64 application_id = 0;
  g_autofree char *set_version = NULL;
  g_autofree char *set_application_id = NULL;

  /* Most opens find the file up to date and need no write lock at all */
  if (!read_header (self->db, &application_id, &version, error))
    return FALSE;

  if (version == (gint64)cercle_store_n_migrations && application_id == CERCLE_STORE_APPLICATION_ID)
    return TRUE;

  if (!cercle_db_begin (self->db, error))
    return FALSE;

  if (!read_header (self->db, &application_id, &version, error))
    {
      cercle_db_rollback (self->db);
      return FALSE;
    }

  if (version == (gint64)cercle_store_n_migrations && application_id == CERCLE_STORE_APPLICATION_ID)
    {
      cercle_db_rollback (self->db);
      return TRUE;
    }

  if (version > (gint64)cercle_store_n_migrations)
    {
      cercle_db_rollback (self->db);
      return recognize_club (self, error);
    }

  for (guint i = (guint)version; i < cercle_store_n_migrations; i++)
    {
      if (!cercle_db_exec (self->db, cercle_store_migrations[i], CERCLE_DB_WRITE, error))
        {
          cercle_db_rollback (self->db);
          return FALSE;
        }
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %u", cercle_store_n_migrations);
  set_application_id = g_strdup_printf ("PRAGMA application_id = %d", CERCLE_STORE_APPLICATION_ID);

  if (!cercle_db_exec (self->db, set_version, CERCLE_DB_WRITE, error) ||
      !cercle_db_exec (self->db, set_application_id, CERCLE_DB_WRITE, error))
    {
      cercle_db_rollback (self->db);
      return FALSE;
    }

  return cercle_db_commit (self->db, error);
}

static gboolean
check_pragma_text (CercleDb    *db,
                   const char  *sql,
                   const char  *expected,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean matches;
  int rc;

  if (!(stmt = cercle_db_prepare (db, sql, error)))
    return FALSE;

  /* Switching to a write-ahead log needs the file to itself for a moment;
   * SQLite does not wait for that, so wait here, as long as for a lock */
  for (guint tries = 0; ; tries++)
    {
      rc = sqlite3_step (stmt);
      if ((rc & 0xff) != SQLITE_BUSY || tries >= 100)
        break;
      sqlite3_reset (stmt);
      g_usleep (G_USEC_PER_SEC / 50);
    }

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return cercle_db_set_error (error, cercle_db_get_handle (db), rc, CERCLE_DB_WRITE);
    }

  matches = rc == SQLITE_ROW &&
            g_ascii_strcasecmp ((const char *)sqlite3_column_text (stmt, 0), expected) == 0;
  sqlite3_reset (stmt);

  if (!matches)
    return cercle_db_set_error (error, cercle_db_get_handle (db), SQLITE_CANTOPEN, CERCLE_DB_OPEN);

  return TRUE;
}

/* How this copy of the club is run: a write-ahead log, so that search and
 * sync read while the interface writes; and foreign keys enforced. */
static gboolean
configure (CercleStore  *self,
           gboolean      building,
           GError      **error)
{
  if (building)
    {
      /* A club being built is a temporary file that nobody else reads and
       * that is thrown away if anything fails: no log, no syncs. */
      if (!check_pragma_text (self->db, "PRAGMA journal_mode = OFF", "off", error) ||
          !cercle_db_exec (self->db, "PRAGMA synchronous = OFF", CERCLE_DB_WRITE, error))
        return FALSE;
    }
  else if (!check_pragma_text (self->db, "PRAGMA journal_mode = WAL", "wal", error) ||
           !cercle_db_exec (self->db, "PRAGMA synchronous = NORMAL", CERCLE_DB_WRITE, error))
    return FALSE;

  return cercle_db_exec (self->db, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;",
                         CERCLE_DB_WRITE, error);
}

/* Opens @path. When @building, it is a new empty file that this process
 * just made and is filling (see cercle_store_create()); otherwise it must be
 * an existing club. */
CercleStore *
_cercle_store_open_file (const char  *path,
                         gboolean     building,
                         GError     **error)
{
  g_autoptr(CercleStore) self = NULL;

  self = g_object_new (CERCLE_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!building && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_MISSING,
                   _("There is no club file at “%s”."), display);
      return NULL;
    }

  if (!building && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      not_a_club (path, error);
      return NULL;
    }

  self->db = cercle_db_open (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, error);
  if (self->db == NULL)
    return NULL;

  /* Another program writing the file holds its lock for moments at most;
   * opening waits that long, in a thread in the app (open_async). */
  sqlite3_busy_timeout (cercle_db_get_handle (self->db), 2000);

  if (!building && !recognize_club (self, error))
    return NULL;

  if (!migrate (self, error) || !configure (self, building, error))
    return NULL;

  self->search = cercle_search_new (path, error);
  if (self->search == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * cercle_store_open:
 * @path: an existing club file
 *
 * Opens a club file and brings its schema up to date in one transaction.
 * A path that does not exist, or a file that is not a Cercle club, is an
 * error that changes nothing on disk: clubs are created by
 * cercle_store_create().
 *
 * Blocks for as long as another program holds the file locked (two
 * seconds at most); the app calls cercle_store_open_async().
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
CercleStore *
cercle_store_open (const char  *path,
                   GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return _cercle_store_open_file (path, FALSE, error);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  CercleStore *store = cercle_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/**
 * cercle_store_open_async:
 *
 * Opens a club file in a worker thread, so that a file locked by another
 * program never freezes the window.
 */
void
cercle_store_open_async (const char          *path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cercle_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * cercle_store_open_finish:
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
CercleStore *
cercle_store_open_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cercle_store_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

