/* cercle-db.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-db"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-db.h"

/* One SQLite connection with what every user of it needs: statements
 * prepared once and kept, typed binding that reports a value SQLite
 * refused, nested transactions, and errors in sentences of ours. SQLite's
 * own English goes to the debug log, never to the user. */

struct _CercleDb
{
  sqlite3    *handle;
  char       *path;
  GHashTable *statements;
  guint       transaction_depth;
};

G_DEFINE_QUARK (cercle-db-error-quark, cercle_db_error)

/* The second half of a message: what went wrong, as the user can act on
 * it. */
static const char *
describe_failure (int  rc,
                  int *code)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      *code = CERCLE_DB_ERROR_BUSY;
      return _("the club file is in use by another program; try again in a moment");
    case SQLITE_FULL:
      *code = CERCLE_DB_ERROR_FULL;
      return _("the disk is full");
    case SQLITE_READONLY:
      *code = CERCLE_DB_ERROR_READ_ONLY;
      return _("the club file cannot be written to");
    case SQLITE_IOERR:
      *code = CERCLE_DB_ERROR_IO;
      return _("the disk could not be read or written");
    case SQLITE_CANTOPEN:
      *code = CERCLE_DB_ERROR_IO;
      return _("the file could not be opened");
    case SQLITE_PERM:
    case SQLITE_AUTH:
      *code = CERCLE_DB_ERROR_READ_ONLY;
      return _("permission was denied");
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      *code = CERCLE_DB_ERROR_NOT_A_DATABASE;
      return _("the file is damaged or is not a Cercle club");
    case SQLITE_CONSTRAINT:
      *code = CERCLE_DB_ERROR_INVALID;
      return _("the data breaks a rule of the club database");
    case SQLITE_TOOBIG:
      *code = CERCLE_DB_ERROR_TOO_BIG;
      return _("a value is too long to be saved");
    case SQLITE_NOMEM:
      *code = CERCLE_DB_ERROR_NO_MEMORY;
      return _("there is not enough memory");
    case SQLITE_INTERRUPT:
      *code = CERCLE_DB_ERROR_FAILED;
      return _("it was interrupted");
    default:
      *code = CERCLE_DB_ERROR_FAILED;
      return _("an unexpected database error occurred");
    }
}

static const char *
describe_action (CercleDbAction action)
{
  switch (action)
    {
    case CERCLE_DB_WRITE:
      return _("Could not write to the club file");
    case CERCLE_DB_OPEN:
      return _("Could not open the club file");
    case CERCLE_DB_SEARCH:
      return _("Could not search the club file");
    case CERCLE_DB_READ:
    default:
      return _("Could not read the club file");
    }
}

/**
 * cercle_db_set_error:
 * @handle: (nullable): the connection, for its detailed message in the log
 * @rc: SQLite's result code, extended or not
 *
 * Sets @error to our sentence for @rc.
 *
 * Returns: %FALSE, so that callers can return it
 */
gboolean
cercle_db_set_error (GError         **error,
                     sqlite3         *handle,
                     int              rc,
                     CercleDbAction   action)
{
  const char *reason;
  int code;

  reason = describe_failure (rc, &code);

  g_debug ("SQLite error %d: %s", rc,
           handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));

  /* Translators: "Could not write to the club file: the disk is full" */
  g_set_error (error, CERCLE_DB_ERROR, code, _("%s: %s."), describe_action (action), reason);

  return FALSE;
}

/**
 * cercle_db_open:
 * @sqlite_flags: as for sqlite3_open_v2()
 *
 * Returns: (transfer full): the connection, with extended result codes
 *   on, or %NULL with @error set
 */
CercleDb *
cercle_db_open (const char  *path,
                int          sqlite_flags,
                GError     **error)
{
  static gsize configured = 0;
  g_autoptr(CercleDb) self = g_new0 (CercleDb, 1);
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  /* SQLite counts its memory under a global lock for every allocation;
   * nothing here reads the count. Only possible before SQLite starts. */
  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }

  self->path = g_strdup (path);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify)sqlite3_finalize);

  rc = sqlite3_open_v2 (path, &self->handle, sqlite_flags, NULL);
  if (rc != SQLITE_OK)
    {
      cercle_db_set_error (error, self->handle, rc, CERCLE_DB_OPEN);
      return NULL;
    }

  sqlite3_extended_result_codes (self->handle, TRUE);

  return g_steal_pointer (&self);
}

void
cercle_db_close (CercleDb *self)
{
  if (self == NULL)
    return;

  /* Statements first: a connection with live statements does not close */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    {
      int rc = sqlite3_close (self->handle);

      if (rc != SQLITE_OK)
        g_warning ("Closing %s: %s", self->path, sqlite3_errstr (rc));
    }
  g_free (self->path);
  g_free (self);
}

sqlite3 *
cercle_db_get_handle (CercleDb *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->handle;
}

const char *
cercle_db_get_path (CercleDb *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

gboolean
cercle_db_exec (CercleDb        *self,
                const char      *sql,
                CercleDbAction   action,
                GError         **error)
{
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return cercle_db_set_error (error, self->handle, rc, action);

  return TRUE;
}

/**
 * cercle_db_prepare:
 *
 * Returns: (transfer none): the statement for @sql, prepared on first use
 *   and kept, reset and with no bindings; %NULL with @error set
 */
sqlite3_stmt *
cercle_db_prepare (CercleDb     *self,
                   const char   *sql,
                   GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          cercle_db_set_error (error, self->handle, rc, CERCLE_DB_READ);
          return NULL;
        }

      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  return stmt;
}

/**
 * cercle_db_prepare_slot:
 * @slot: where the caller keeps the statement of @sql between calls
 *
 * As cercle_db_prepare(), without looking @sql up again: for the
 * statements run once per row of a bulk write, whose SQL is long.
 *
 * Returns: (transfer none): the statement, reset, or %NULL with @error
 */
sqlite3_stmt *
cercle_db_prepare_slot (CercleDb       *self,
                        const char     *sql,
                        sqlite3_stmt  **slot,
                        GError        **error)
{
  g_return_val_if_fail (slot != NULL, NULL);

  /* No clearing of bindings: the callers of slots bind every parameter */
  if (*slot != NULL)
    {
      sqlite3_reset (*slot);
      return *slot;
    }

  return *slot = cercle_db_prepare (self, sql, error);
}

/**
 * cercle_db_step:
 *
 * Returns: %SQLITE_ROW or %SQLITE_DONE, or 0 with @error set (and @stmt
 *   reset)
 */
int
cercle_db_step (CercleDb        *self,
                sqlite3_stmt    *stmt,
                CercleDbAction   action,
                GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;

  sqlite3_reset (stmt);
  cercle_db_set_error (error, self->handle, rc, action);

  return 0;
}

/* Runs a statement that returns no row, and resets it for its next use */
gboolean
cercle_db_step_done (CercleDb        *self,
                     sqlite3_stmt    *stmt,
                     CercleDbAction   action,
                     GError         **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return cercle_db_set_error (error, self->handle, rc, action);

  return TRUE;
}

static gboolean
check_bind (CercleDb  *self,
            int        rc,
            GError   **error)
{
  if (rc != SQLITE_OK)
    return cercle_db_set_error (error, self->handle, rc, CERCLE_DB_WRITE);

  return TRUE;
}

static gboolean
bind_text_with (CercleDb          *self,
                sqlite3_stmt      *stmt,
                int                index,
                const char        *text,
                sqlite3_destructor_type  copy,
                GError           **error)
{
  if (text == NULL)
    return check_bind (self, sqlite3_bind_null (stmt, index), error);

  return check_bind (self, sqlite3_bind_text (stmt, index, text, -1, copy), error);
}

gboolean
cercle_db_bind_text (CercleDb      *self,
                     sqlite3_stmt  *stmt,
                     int            index,
                     const char    *text,
                     GError       **error)
{
  return bind_text_with (self, stmt, index, text, SQLITE_TRANSIENT, error);
}

/**
 * cercle_db_bind_static_text:
 * @text: (nullable): text that stays as it is until @stmt is reset
 *
 * As cercle_db_bind_text(), without SQLite's copy of @text: for a row's
 * values, which outlive the statement's one step.
 */
gboolean
cercle_db_bind_static_text (CercleDb      *self,
                            sqlite3_stmt  *stmt,
                            int            index,
                            const char    *text,
                            GError       **error)
{
  return bind_text_with (self, stmt, index, text, SQLITE_STATIC, error);
}

gboolean
cercle_db_bind_int64 (CercleDb      *self,
                      sqlite3_stmt  *stmt,
                      int            index,
                      gint64         value,
                      GError       **error)
{
  return check_bind (self, sqlite3_bind_int64 (stmt, index, value), error);
}

/* Enums are stored by nick: the nicks are the file format */
gboolean
cercle_db_bind_value (CercleDb      *self,
                      sqlite3_stmt  *stmt,
                      int            index,
                      const GValue  *value,
                      GError       **error)
{
  GType type = G_VALUE_TYPE (value);

  /* The value outlives the statement's step: no need for SQLite's copy */
  if (type == G_TYPE_STRING)
    return cercle_db_bind_static_text (self, stmt, index, g_value_get_string (value), error);
  else if (type == G_TYPE_INT)
    return check_bind (self, sqlite3_bind_int (stmt, index, g_value_get_int (value)), error);
  else if (type == G_TYPE_INT64)
    return check_bind (self, sqlite3_bind_int64 (stmt, index, g_value_get_int64 (value)), error);
  else if (type == G_TYPE_BOOLEAN)
    return check_bind (self, sqlite3_bind_int (stmt, index, g_value_get_boolean (value)), error);
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
      GEnumValue *enum_value = g_enum_get_value (enum_class, g_value_get_enum (value));

      return cercle_db_bind_static_text (self, stmt, index,
                                         enum_value != NULL ? enum_value->value_nick : NULL, error);
    }

  g_assert_not_reached ();
}

/* Reads one column into @value, already initialized to the field's type.
 * An unknown enum nick (written by a newer version, say) reads as the
 * field's default. */
void
cercle_db_column_value (sqlite3_stmt *stmt,
                        int           column,
                        GParamSpec   *pspec,
                        GValue       *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_STRING)
    g_value_set_string (value, (const char *)sqlite3_column_text (stmt, column));
  else if (type == G_TYPE_INT)
    g_value_set_int (value, sqlite3_column_int (stmt, column));
  else if (type == G_TYPE_INT64)
    g_value_set_int64 (value, sqlite3_column_int64 (stmt, column));
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, sqlite3_column_int (stmt, column) != 0);
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *enum_class = G_PARAM_SPEC_ENUM (pspec)->enum_class;
      const char *nick = (const char *)sqlite3_column_text (stmt, column);
      GEnumValue *enum_value = nick != NULL ? g_enum_get_value_by_nick (enum_class, nick) : NULL;

      g_value_set_enum (value, enum_value != NULL ? enum_value->value
                                                  : G_PARAM_SPEC_ENUM (pspec)->default_value);
    }
  else
    g_assert_not_reached ();
}

/* The one integer a query such as "SELECT count(*) …" returns */
gboolean
cercle_db_query_int64 (CercleDb     *self,
                       const char   *sql,
                       gint64       *value,
                       GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = cercle_db_prepare (self, sql, error)))
    return FALSE;

  rc = cercle_db_step (self, stmt, CERCLE_DB_READ, error);
  if (rc == 0)
    return FALSE;

  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  return TRUE;
}

/**
 * cercle_db_begin:
 *
 * Starts a write transaction, or a savepoint inside the one under way, so
 * that a function that writes atomically may be called from another one.
 * The outermost transaction takes the write lock at once (IMMEDIATE): what
 * it reads is what it writes over.
 */
gboolean
cercle_db_begin (CercleDb  *self,
                 GError   **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->transaction_depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT level%u", self->transaction_depth);

  if (!cercle_db_exec (self, sql, CERCLE_DB_WRITE, error))
    return FALSE;

  self->transaction_depth++;
  return TRUE;
}

/* On failure the transaction is rolled back */
gboolean
cercle_db_commit (CercleDb  *self,
                  GError   **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (self->transaction_depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE level%u", self->transaction_depth - 1);

  if (!cercle_db_exec (self, sql, CERCLE_DB_WRITE, error))
    {
      cercle_db_rollback (self);
      return FALSE;
    }

  self->transaction_depth--;
  return TRUE;
}

void
cercle_db_rollback (CercleDb *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->transaction_depth > 0);

  if (self->transaction_depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO level%u; RELEASE level%u",
                           self->transaction_depth - 1, self->transaction_depth - 1);

  /* Reset every statement first: a statement still stepping would keep
   * the rollback from releasing its locks. */
  {
    GHashTableIter iter;
    sqlite3_stmt *stmt;

    g_hash_table_iter_init (&iter, self->statements);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&stmt))
      sqlite3_reset (stmt);
  }

  if (sqlite3_exec (self->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("Rollback of %s: %s", self->path, sqlite3_errmsg (self->handle));

  self->transaction_depth--;
}
