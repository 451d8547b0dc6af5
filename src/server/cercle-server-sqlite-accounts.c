/* cercle-server-sqlite-accounts.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-server-sqlite-private.h"

/* What the SQLite storage keeps besides a club's rows: accounts and which
 * member they are in each club, sessions, failed sign-ins, calendar feeds.
 * Each call is a statement of its own: reads on a reader, writes under the
 * writer's lock. */

/* Runs one statement that writes, under the writer's lock; "s" binds
 * text, "i" an integer */
gboolean
_cercle_server_sqlite_write_one (CercleServerSqlite  *self,
                                 const char          *sql,
                                 guint               *n_changed,
                                 GError             **error,
                                 const char          *types,
                                 ...)
{
  CercleDb *db = _cercle_server_sqlite_lock_writer (self);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  va_list args;

  va_start (args, types);

  if (!(stmt = cercle_db_prepare (db, sql, error)))
    goto out;

  for (int i = 0; types[i] != '\0'; i++)
    {
      gboolean bound;

      if (types[i] == 's')
        bound = cercle_db_bind_text (db, stmt, i + 1, va_arg (args, const char *), error);
      else
        bound = cercle_db_bind_int64 (db, stmt, i + 1, va_arg (args, gint64), error);
      if (!bound)
        goto out;
    }

  ok = cercle_db_step_done (db, stmt, CERCLE_DB_WRITE, error);
  if (ok && n_changed != NULL)
    *n_changed = (guint)sqlite3_changes (cercle_db_get_handle (db));

out:
  va_end (args);
  _cercle_server_sqlite_unlock_writer (self);
  return ok;
}

/* A reader's prepared statement with its text parameters bound */
sqlite3_stmt *
_cercle_server_sqlite_read_prepare (CercleDb     *db,
                                    const char   *sql,
                                    GError      **error,
                                    const char   *first,
                                    ...)
{
  sqlite3_stmt *stmt;
  const char *arg = first;
  va_list args;
  int index = 1;

  if (!(stmt = cercle_db_prepare (db, sql, error)))
    return NULL;

  va_start (args, first);
  for (; arg != NULL; arg = va_arg (args, const char *), index++)
    if (!cercle_db_bind_text (db, stmt, index, arg, error))
      {
        va_end (args);
        return NULL;
      }
  va_end (args);

  return stmt;
}

char *
_cercle_server_sqlite_dup_column (sqlite3_stmt *stmt,
                                  int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

gboolean
_cercle_server_sqlite_exists_error (GError     **error,
                                    GError      *local_error,
                                    const char  *message)
{
  if (g_error_matches (local_error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID))
    {
      g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_EXISTS, message);
      g_error_free (local_error);
    }
  else
    g_propagate_error (error, local_error);

  return FALSE;
}

static gboolean
sqlite_add_account (CercleServerStorage        *storage,
                    const CercleServerAccount  *account,
                    GError                    **error)
{
  GError *local_error = NULL;

  if (_cercle_server_sqlite_write_one (CERCLE_SERVER_SQLITE (storage),
                                       "INSERT INTO account (id, email, password_hash, disabled, created_at)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5)",
                                       NULL, &local_error, "sssis",
                                       account->id, account->email, account->password_hash,
                                       (gint64)account->disabled, account->created_at))
    return TRUE;

  return _cercle_server_sqlite_exists_error (error, local_error, _("There is already an account with this e-mail address."));
}

static CercleServerAccount *
account_from_row (sqlite3_stmt *stmt)
{
  CercleServerAccount *account = cercle_server_account_new ();

  account->id = _cercle_server_sqlite_dup_column (stmt, 0);
  account->email = _cercle_server_sqlite_dup_column (stmt, 1);
  account->password_hash = _cercle_server_sqlite_dup_column (stmt, 2);
  account->disabled = sqlite3_column_int (stmt, 3) != 0;
  account->created_at = _cercle_server_sqlite_dup_column (stmt, 4);

  return account;
}

#define ACCOUNT_COLUMNS "id, email, password_hash, disabled, created_at"

static CercleServerAccount *
sqlite_find_account (CercleServerStorage  *storage,
                     const char           *email,
                     const char           *account_id,
                     GError              **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);
  CercleDb *db = _cercle_server_sqlite_take_reader (self, error);
  CercleServerAccount *account = NULL;
  sqlite3_stmt *stmt;

  if (db == NULL)
    return NULL;

  if (email != NULL)
    stmt = _cercle_server_sqlite_read_prepare (db, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE email = ?1",
                                               error, email, NULL);
  else
    stmt = _cercle_server_sqlite_read_prepare (db, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE id = ?1",
                                               error, account_id, NULL);

  if (stmt != NULL)
    {
      int rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error);

      if (rc == SQLITE_ROW)
        account = account_from_row (stmt);
      else if (rc == SQLITE_DONE)
        g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND,
                             _("There is no such account."));
      sqlite3_reset (stmt);
    }

  _cercle_server_sqlite_give_reader (self, db);
  return account;
}

static gboolean
sqlite_update_account (CercleServerStorage        *storage,
                       const CercleServerAccount  *account,
                       GError                    **error)
{
  GError *local_error = NULL;
  guint n_changed = 0;

  if (!_cercle_server_sqlite_write_one (CERCLE_SERVER_SQLITE (storage),
                                        "UPDATE account SET email = ?2, password_hash = ?3, disabled = ?4 WHERE id = ?1",
                                        &n_changed, &local_error, "sssi",
                                        account->id, account->email, account->password_hash, (gint64)account->disabled))
    return _cercle_server_sqlite_exists_error (error, local_error, _("There is already an account with this e-mail address."));

  if (n_changed == 0)
    {
      g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND,
                           _("There is no such account."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
sqlite_delete_account (CercleServerStorage  *storage,
                       const char           *account_id,
                       GError              **error)
{
  return _cercle_server_sqlite_write_one (CERCLE_SERVER_SQLITE (storage), "DELETE FROM account WHERE id = ?1",
                                          NULL, error, "s", account_id);
}

static GPtrArray *
sqlite_list_accounts (CercleServerStorage  *storage,
                      GError              **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_server_account_free);
  CercleDb *db = _cercle_server_sqlite_take_reader (self, error);
  sqlite3_stmt *stmt;
  int rc = 0;

  if (db == NULL)
    return NULL;

  if ((stmt = _cercle_server_sqlite_read_prepare (db, "SELECT " ACCOUNT_COLUMNS " FROM account ORDER BY email", error, NULL)))
    {
      while ((rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
        g_ptr_array_add (accounts, account_from_row (stmt));
      sqlite3_reset (stmt);
    }

  _cercle_server_sqlite_give_reader (self, db);
  return rc == SQLITE_DONE ? g_steal_pointer (&accounts) : NULL;
}

static gboolean
sqlite_add_membership (CercleServerStorage  *storage,
                       const char           *account_id,
                       const char           *club_id,
                       const char           *member_id,
                       GError              **error)
{
  GError *local_error = NULL;

  if (_cercle_server_sqlite_write_one (CERCLE_SERVER_SQLITE (storage),
                                       "INSERT INTO membership (account_id, club_id, member_id) VALUES (?1, ?2, ?3)",
                                       NULL, &local_error, "sss", account_id, club_id, member_id))
    return TRUE;

  return _cercle_server_sqlite_exists_error (error, local_error,
                                             _("This account or this member already has an account in the club."));
}

static gboolean
sqlite_remove_membership (CercleServerStorage  *storage,
                          const char           *account_id,
                          const char           *club_id,
                          GError              **error)
{
  return _cercle_server_sqlite_write_one (CERCLE_SERVER_SQLITE (storage),
                                          "DELETE FROM membership WHERE account_id = ?1 AND club_id = ?2",
                                          NULL, error, "ss", account_id, club_id);
}

static GPtrArray *
sqlite_list_memberships (CercleServerStorage  *storage,
                         const char           *account_id,
                         GError              **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);
  g_autoptr(GPtrArray) memberships = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_server_membership_free);
  CercleDb *db = _cercle_server_sqlite_take_reader (self, error);
  sqlite3_stmt *stmt;
  int rc = 0;

  if (db == NULL)
    return NULL;

  stmt = _cercle_server_sqlite_read_prepare (db,
                                             "SELECT ms.account_id, ms.club_id, c.name, ms.member_id, m.role"
                                             " FROM membership ms"
                                             " JOIN member m ON m.club_id = ms.club_id AND m.id = ms.member_id"
                                             "  AND m.deleted = 0"
                                             " JOIN club c ON c.club_id = ms.club_id AND c.id = ms.club_id"
                                             "  AND c.deleted = 0"
                                             " WHERE ms.account_id = ?1 ORDER BY c.name, ms.club_id",
                                             error, account_id, NULL);
  if (stmt != NULL)
    {
      while ((rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
        {
          CercleServerMembership *membership = cercle_server_membership_new ();

          membership->account_id = _cercle_server_sqlite_dup_column (stmt, 0);
          membership->club_id = _cercle_server_sqlite_dup_column (stmt, 1);
          membership->club_name = _cercle_server_sqlite_dup_column (stmt, 2);
          membership->member_id = _cercle_server_sqlite_dup_column (stmt, 3);
          membership->is_staff = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 4), "staff") == 0;
          g_ptr_array_add (memberships, membership);
        }
      sqlite3_reset (stmt);
    }

  _cercle_server_sqlite_give_reader (self, db);
  return rc == SQLITE_DONE ? g_steal_pointer (&memberships) : NULL;
}

static char *
sqlite_find_member_account (CercleServerStorage  *storage,
                            const char           *club_id,
                            const char           *member_id,
                            GError              **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);
  CercleDb *db = _cercle_server_sqlite_take_reader (self, error);
  sqlite3_stmt *stmt;
  char *account_id = NULL;

  if (db == NULL)
    return NULL;

  stmt = _cercle_server_sqlite_read_prepare (db, "SELECT account_id FROM membership WHERE club_id = ?1 AND member_id = ?2",
                                             error, club_id, member_id, NULL);
  if (stmt != NULL)
    {
      if (cercle_db_step (db, stmt, CERCLE_DB_READ, error) == SQLITE_ROW)
        account_id = _cercle_server_sqlite_dup_column (stmt, 0);
      sqlite3_reset (stmt);
    }

  _cercle_server_sqlite_give_reader (self, db);
  return account_id;
}

static GPtrArray *
sqlite_list_clubs (CercleServerStorage  *storage,
                   GError              **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);
  const CercleServerTableSql *table = &self->tables[CERCLE_ENTITY_CLUB];
  g_autoptr(GPtrArray) clubs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *query = NULL;
  CercleDb *db = _cercle_server_sqlite_take_reader (self, error);
  sqlite3_stmt *stmt;
  int rc = 0;

  if (db == NULL)
    return NULL;

  query = g_strdup_printf ("SELECT %s FROM club WHERE club_id = id AND deleted = 0 ORDER BY name, id",
                           table->mapping->select_columns);
  if ((stmt = _cercle_server_sqlite_read_prepare (db, query, error, NULL)))
    {
      while ((rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
        g_ptr_array_add (clubs, cercle_record_sql_read (table->mapping, stmt));
      sqlite3_reset (stmt);
    }

  _cercle_server_sqlite_give_reader (self, db);
  return rc == SQLITE_DONE ? g_steal_pointer (&clubs) : NULL;
}

static gboolean
sqlite_add_session (CercleServerStorage        *storage,
                    const CercleServerSession  *session,
                    const char                 *token_hash,
                    GError                    **error)
{
  return _cercle_server_sqlite_write_one (CERCLE_SERVER_SQLITE (storage),
                                          "INSERT INTO session (id, token_hash, account_id, device_name, created_at, last_used_at)"
                                          " VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                                          NULL, error, "sssss",
                                          session->id, token_hash, session->account_id, session->device_name,
                                          session->created_at);
}

#define SESSION_QUERY "SELECT s.id, s.account_id, a.email, s.device_name, s.created_at," \
                      " s.last_used_at, s.revoked, a.disabled" \
                      " FROM session s JOIN account a ON a.id = s.account_id"

static CercleServerSession *
session_from_row (sqlite3_stmt *stmt)
{
  CercleServerSession *session = cercle_server_session_new ();

  session->id = _cercle_server_sqlite_dup_column (stmt, 0);
  session->account_id = _cercle_server_sqlite_dup_column (stmt, 1);
  session->email = _cercle_server_sqlite_dup_column (stmt, 2);
  session->device_name = _cercle_server_sqlite_dup_column (stmt, 3);
  session->created_at = _cercle_server_sqlite_dup_column (stmt, 4);
  session->last_used_at = _cercle_server_sqlite_dup_column (stmt, 5);
  session->revoked = sqlite3_column_int (stmt, 6) != 0;
  session->account_disabled = sqlite3_column_int (stmt, 7) != 0;

  return session;
}

static CercleServerSession *
sqlite_find_session (CercleServerStorage  *storage,
                     const char           *token_hash,
                     GError              **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);
  CercleDb *db = _cercle_server_sqlite_take_reader (self, error);
  CercleServerSession *session = NULL;
  sqlite3_stmt *stmt;

  if (db == NULL)
    return NULL;

  if ((stmt = _cercle_server_sqlite_read_prepare (db, SESSION_QUERY " WHERE s.token_hash = ?1", error, token_hash, NULL)))
    {
      int rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error);

      if (rc == SQLITE_ROW)
        session = session_from_row (stmt);
      else if (rc == SQLITE_DONE)
        g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_UNAUTHORIZED,
                             _("This session is not valid; sign in again."));
      sqlite3_reset (stmt);
    }

  _cercle_server_sqlite_give_reader (self, db);
  return session;
}

static gboolean
sqlite_touch_session (CercleServerStorage  *storage,
                      const char           *session_id,
                      const char           *now,
                      GError              **error)
{
  return _cercle_server_sqlite_write_one (CERCLE_SERVER_SQLITE (storage),
                                          "UPDATE session SET last_used_at = ?2 WHERE id = ?1",
                                          NULL, error, "ss", session_id, now);
}

static gboolean
sqlite_revoke_sessions (CercleServerStorage  *storage,
                        const char           *session_id,
                        const char           *account_id,
                        guint                *n_revoked,
                        GError              **error)
{
  guint n_changed = 0;
  gboolean ok;

  if (session_id != NULL)
    ok = _cercle_server_sqlite_write_one (CERCLE_SERVER_SQLITE (storage),
                                          "UPDATE session SET revoked = 1 WHERE id = ?1 AND revoked = 0",
                                          &n_changed, error, "s", session_id);
  else
    ok = _cercle_server_sqlite_write_one (CERCLE_SERVER_SQLITE (storage),
                                          "UPDATE session SET revoked = 1 WHERE account_id = ?1 AND revoked = 0",
                                          &n_changed, error, "s", account_id);

  if (ok && n_revoked != NULL)
    *n_revoked = n_changed;

  return ok;
}

static GPtrArray *
sqlite_list_sessions (CercleServerStorage  *storage,
                      const char           *account_id,
                      GError              **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_server_session_free);
  CercleDb *db = _cercle_server_sqlite_take_reader (self, error);
  sqlite3_stmt *stmt;
  int rc = 0;

  if (db == NULL)
    return NULL;

  if (account_id != NULL)
    stmt = _cercle_server_sqlite_read_prepare (db, SESSION_QUERY " WHERE s.account_id = ?1 ORDER BY s.created_at, s.id",
                                               error, account_id, NULL);
  else
    stmt = _cercle_server_sqlite_read_prepare (db, SESSION_QUERY " ORDER BY a.email, s.created_at, s.id", error, NULL);

  if (stmt != NULL)
    {
      while ((rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
        g_ptr_array_add (sessions, session_from_row (stmt));
      sqlite3_reset (stmt);
    }

  _cercle_server_sqlite_give_reader (self, db);
  return rc == SQLITE_DONE ? g_steal_pointer (&sessions) : NULL;
}

static GHashTable *
sqlite_live_sessions (CercleServerStorage  *storage,
                      const char           *session_ids,
                      GError              **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);
  g_autoptr(GHashTable) live = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CercleDb *db = _cercle_server_sqlite_take_reader (self, error);
  sqlite3_stmt *stmt;
  int rc = 0;

  if (db == NULL)
    return NULL;

  stmt = _cercle_server_sqlite_read_prepare (db, "SELECT s.id FROM session s JOIN account a ON a.id = s.account_id"
                                             " WHERE s.id IN (SELECT value FROM json_each (?1))"
                                             " AND s.revoked = 0 AND a.disabled = 0",
                                             error, session_ids, NULL);
  if (stmt != NULL)
    {
      while ((rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
        g_hash_table_add (live, _cercle_server_sqlite_dup_column (stmt, 0));
      sqlite3_reset (stmt);
    }

  _cercle_server_sqlite_give_reader (self, db);
  return rc == SQLITE_DONE ? g_steal_pointer (&live) : NULL;
}

static gboolean
sqlite_add_failure (CercleServerStorage  *storage,
                    const char           *key,
                    gint64                at,
                    GError              **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);

  /* A day of failures is more than any window looks back on */
  return _cercle_server_sqlite_write_one (self, "DELETE FROM login_failure WHERE key = ?1 AND at < ?2",
                                          NULL, error, "si", key, at - 24 * 3600) &&
         _cercle_server_sqlite_write_one (self, "INSERT INTO login_failure (key, at) VALUES (?1, ?2)",
                                          NULL, error, "si", key, at);
}

static gboolean
sqlite_count_failures (CercleServerStorage  *storage,
                       const char           *key,
                       gint64                since,
                       gint64               *count,
                       gint64               *newest,
                       GError              **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);
  CercleDb *db = _cercle_server_sqlite_take_reader (self, error);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  if (db == NULL)
    return FALSE;

  if ((stmt = _cercle_server_sqlite_read_prepare (db, "SELECT count(*), coalesce (max (at), 0) FROM login_failure"
                                " WHERE key = ?1 AND at >= CAST (?2 AS INTEGER)",
                                                  error, key, NULL)) &&
      cercle_db_bind_int64 (db, stmt, 2, since, error))
    {
      if (cercle_db_step (db, stmt, CERCLE_DB_READ, error) == SQLITE_ROW)
        {
          *count = sqlite3_column_int64 (stmt, 0);
          *newest = sqlite3_column_int64 (stmt, 1);
          ok = TRUE;
        }
      sqlite3_reset (stmt);
    }

  _cercle_server_sqlite_give_reader (self, db);
  return ok;
}

static gboolean
sqlite_clear_failures (CercleServerStorage  *storage,
                       const char           *key,
                       GError              **error)
{
  return _cercle_server_sqlite_write_one (CERCLE_SERVER_SQLITE (storage), "DELETE FROM login_failure WHERE key = ?1",
                                          NULL, error, "s", key);
}

static gboolean
sqlite_set_feed (CercleServerStorage  *storage,
                 const char           *account_id,
                 const char           *club_id,
                 const char           *secret_hash,
                 GError              **error)
{
  return _cercle_server_sqlite_write_one (CERCLE_SERVER_SQLITE (storage),
                                          "INSERT INTO feed (secret_hash, account_id, club_id) VALUES (?1, ?2, ?3)"
                                          " ON CONFLICT (account_id, club_id) DO UPDATE SET secret_hash = excluded.secret_hash",
                                          NULL, error, "sss", secret_hash, account_id, club_id);
}

static gboolean
sqlite_find_feed (CercleServerStorage  *storage,
                  const char           *secret_hash,
                  char                **account_id,
                  char                **club_id,
                  GError              **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);
  CercleDb *db = _cercle_server_sqlite_take_reader (self, error);
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  if (db == NULL)
    return FALSE;

  if ((stmt = _cercle_server_sqlite_read_prepare (db, "SELECT account_id, club_id FROM feed WHERE secret_hash = ?1",
                                                  error, secret_hash, NULL)))
    {
      int rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error);

      if (rc == SQLITE_ROW)
        {
          *account_id = _cercle_server_sqlite_dup_column (stmt, 0);
          *club_id = _cercle_server_sqlite_dup_column (stmt, 1);
          found = TRUE;
        }
      else if (rc == SQLITE_DONE)
        g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND,
                             _("There is no such calendar."));
      sqlite3_reset (stmt);
    }

  _cercle_server_sqlite_give_reader (self, db);
  return found;
}

void
_cercle_server_sqlite_init_accounts_iface (CercleServerStorageInterface *iface)
{
  iface->add_account = sqlite_add_account;
  iface->find_account = sqlite_find_account;
  iface->update_account = sqlite_update_account;
  iface->delete_account = sqlite_delete_account;
  iface->list_accounts = sqlite_list_accounts;
  iface->add_membership = sqlite_add_membership;
  iface->remove_membership = sqlite_remove_membership;
  iface->list_memberships = sqlite_list_memberships;
  iface->find_member_account = sqlite_find_member_account;
  iface->list_clubs = sqlite_list_clubs;
  iface->add_session = sqlite_add_session;
  iface->find_session = sqlite_find_session;
  iface->touch_session = sqlite_touch_session;
  iface->revoke_sessions = sqlite_revoke_sessions;
  iface->list_sessions = sqlite_list_sessions;
  iface->live_sessions = sqlite_live_sessions;
  iface->add_failure = sqlite_add_failure;
  iface->count_failures = sqlite_count_failures;
  iface->clear_failures = sqlite_clear_failures;
  iface->set_feed = sqlite_set_feed;
  iface->find_feed = sqlite_find_feed;
}
