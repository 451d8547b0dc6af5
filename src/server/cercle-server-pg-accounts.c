/* cercle-server-pg-accounts.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-server-pg-private.h"

/* What the PostgreSQL storage keeps besides a club's rows: accounts and
 * which member they are in each club, sessions, failed sign-ins, calendar
 * feeds. Each call is one statement on a connection of the pool, so that
 * any process answers for any session or throttles any address alike.
 *
 * Orders use the "C" collation, as SQLite compares: the same database
 * lists alike whichever storage holds it. */

static gboolean
pg_add_account (CercleServerStorage        *storage,
                const CercleServerAccount  *account,
                GError                    **error)
{
  GError *local_error = NULL;

  if (_cercle_server_pg_write_one (CERCLE_SERVER_PG (storage),
                                   "INSERT INTO account (id, email, password_hash, disabled, created_at)"
                                   " VALUES ($1, $2, $3, $4, $5)",
                                   NULL, &local_error, "sssbs",
                                   account->id, account->email, account->password_hash,
                                   account->disabled, account->created_at))
    return TRUE;

  return _cercle_server_pg_exists_error (error, local_error, _("There is already an account with this e-mail address."));
}

#define ACCOUNT_COLUMNS "id, email, password_hash, disabled, created_at"

static CercleServerAccount *
account_from_row (const PGresult *result,
                  int             row)
{
  CercleServerAccount *account = cercle_server_account_new ();

  account->id = _cercle_server_pg_dup_value (result, row, 0);
  account->email = _cercle_server_pg_dup_value (result, row, 1);
  account->password_hash = _cercle_server_pg_dup_value (result, row, 2);
  account->disabled = _cercle_server_pg_boolean (result, row, 3);
  account->created_at = _cercle_server_pg_dup_value (result, row, 4);

  return account;
}

static CercleServerAccount *
pg_find_account (CercleServerStorage  *storage,
                 const char           *email,
                 const char           *account_id,
                 GError              **error)
{
  CercleServerPg *self = CERCLE_SERVER_PG (storage);
  CercleServerAccount *account = NULL;
  PGresult *result;

  if (email != NULL)
    result = _cercle_server_pg_read_one (self, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE lower (email) = lower ($1)",
                                         error, "s", email);
  else
    result = _cercle_server_pg_read_one (self, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE id = $1",
                                         error, "s", account_id);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) > 0)
    account = account_from_row (result, 0);
  else
    g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND,
                         _("There is no such account."));
  PQclear (result);

  return account;
}

static gboolean
pg_update_account (CercleServerStorage        *storage,
                   const CercleServerAccount  *account,
                   GError                    **error)
{
  GError *local_error = NULL;
  guint n_changed = 0;

  if (!_cercle_server_pg_write_one (CERCLE_SERVER_PG (storage),
                                    "UPDATE account SET email = $2, password_hash = $3, disabled = $4 WHERE id = $1",
                                    &n_changed, &local_error, "sssb",
                                    account->id, account->email, account->password_hash, account->disabled))
    return _cercle_server_pg_exists_error (error, local_error, _("There is already an account with this e-mail address."));

  if (n_changed == 0)
    {
      g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND,
                           _("There is no such account."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
pg_delete_account (CercleServerStorage  *storage,
                   const char           *account_id,
                   GError              **error)
{
  return _cercle_server_pg_write_one (CERCLE_SERVER_PG (storage), "DELETE FROM account WHERE id = $1",
                                      NULL, error, "s", account_id);
}

static GPtrArray *
pg_list_accounts (CercleServerStorage  *storage,
                  GError              **error)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_server_account_free);
  PGresult *result;

  result = _cercle_server_pg_read_one (CERCLE_SERVER_PG (storage),
                                       "SELECT " ACCOUNT_COLUMNS " FROM account"
                                       " ORDER BY lower (email) COLLATE \"C\", email COLLATE \"C\"",
                                       error, "");
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (accounts, account_from_row (result, i));
  PQclear (result);

  return g_steal_pointer (&accounts);
}

static gboolean
pg_add_membership (CercleServerStorage  *storage,
                   const char           *account_id,
                   const char           *club_id,
                   const char           *member_id,
                   GError              **error)
{
  GError *local_error = NULL;

  if (_cercle_server_pg_write_one (CERCLE_SERVER_PG (storage),
                                   "INSERT INTO membership (account_id, club_id, member_id) VALUES ($1, $2, $3)",
                                   NULL, &local_error, "sss", account_id, club_id, member_id))
    return TRUE;

  return _cercle_server_pg_exists_error (error, local_error,
                                         _("This account or this member already has an account in the club."));
}

static gboolean
pg_remove_membership (CercleServerStorage  *storage,
                      const char           *account_id,
                      const char           *club_id,
                      GError              **error)
{
  return _cercle_server_pg_write_one (CERCLE_SERVER_PG (storage),
                                      "DELETE FROM membership WHERE account_id = $1 AND club_id = $2",
                                      NULL, error, "ss", account_id, club_id);
}

static GPtrArray *
pg_list_memberships (CercleServerStorage  *storage,
                     const char           *account_id,
                     GError              **error)
{
  g_autoptr(GPtrArray) memberships = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_server_membership_free);
  PGresult *result;

  result = _cercle_server_pg_read_one (CERCLE_SERVER_PG (storage),
                                       "SELECT ms.account_id, ms.club_id, c.name, ms.member_id, m.role"
                                       " FROM membership ms"
                                       " JOIN member m ON m.club_id = ms.club_id AND m.id = ms.member_id"
                                       "  AND NOT m.deleted"
                                       " JOIN club c ON c.club_id = ms.club_id AND c.id = ms.club_id"
                                       "  AND NOT c.deleted"
                                       " WHERE ms.account_id = $1 ORDER BY c.name COLLATE \"C\", ms.club_id",
                                       error, "s", account_id);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    {
      CercleServerMembership *membership = cercle_server_membership_new ();

      membership->account_id = _cercle_server_pg_dup_value (result, i, 0);
      membership->club_id = _cercle_server_pg_dup_value (result, i, 1);
      membership->club_name = _cercle_server_pg_dup_value (result, i, 2);
      membership->member_id = _cercle_server_pg_dup_value (result, i, 3);
      membership->is_staff = g_strcmp0 (PQgetvalue (result, i, 4), "staff") == 0;
      g_ptr_array_add (memberships, membership);
    }
  PQclear (result);

  return g_steal_pointer (&memberships);
}

static char *
pg_find_member_account (CercleServerStorage  *storage,
                        const char           *club_id,
                        const char           *member_id,
                        GError              **error)
{
  PGresult *result;
  char *account_id = NULL;

  result = _cercle_server_pg_read_one (CERCLE_SERVER_PG (storage),
                                       "SELECT account_id FROM membership WHERE club_id = $1 AND member_id = $2",
                                       error, "ss", club_id, member_id);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) > 0)
    account_id = _cercle_server_pg_dup_value (result, 0, 0);
  PQclear (result);

  return account_id;
}

static GPtrArray *
pg_list_clubs (CercleServerStorage  *storage,
               GError              **error)
{
  CercleServerPg *self = CERCLE_SERVER_PG (storage);
  const CercleServerPgTable *table = &self->tables[CERCLE_ENTITY_CLUB];
  g_autoptr(GPtrArray) clubs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *query = NULL;
  PGresult *result;

  query = g_strdup_printf ("SELECT %s FROM club WHERE club_id = id AND NOT deleted ORDER BY name COLLATE \"C\", id",
                           table->mapping->select_columns);
  if (!(result = _cercle_server_pg_read_one (self, query, error, "")))
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (clubs, _cercle_server_pg_read_record (table, result, i));
  PQclear (result);

  return g_steal_pointer (&clubs);
}

static gboolean
pg_add_session (CercleServerStorage        *storage,
                const CercleServerSession  *session,
                const char                 *token_hash,
                GError                    **error)
{
  return _cercle_server_pg_write_one (CERCLE_SERVER_PG (storage),
                                      "INSERT INTO session (id, token_hash, account_id, device_name, created_at, last_used_at)"
                                      " VALUES ($1, $2, $3, $4, $5, $5)",
                                      NULL, error, "sssss",
                                      session->id, token_hash, session->account_id, session->device_name,
                                      session->created_at);
}

#define SESSION_QUERY "SELECT s.id, s.account_id, a.email, s.device_name, s.created_at," \
                      " s.last_used_at, s.revoked, a.disabled" \
                      " FROM session s JOIN account a ON a.id = s.account_id"

static CercleServerSession *
session_from_row (const PGresult *result,
                  int             row)
{
  CercleServerSession *session = cercle_server_session_new ();

  session->id = _cercle_server_pg_dup_value (result, row, 0);
  session->account_id = _cercle_server_pg_dup_value (result, row, 1);
  session->email = _cercle_server_pg_dup_value (result, row, 2);
  session->device_name = _cercle_server_pg_dup_value (result, row, 3);
  session->created_at = _cercle_server_pg_dup_value (result, row, 4);
  session->last_used_at = _cercle_server_pg_dup_value (result, row, 5);
  session->revoked = _cercle_server_pg_boolean (result, row, 6);
  session->account_disabled = _cercle_server_pg_boolean (result, row, 7);

  return session;
}

static CercleServerSession *
pg_find_session (CercleServerStorage  *storage,
                 const char           *token_hash,
                 GError              **error)
{
  CercleServerSession *session = NULL;
  PGresult *result;

  result = _cercle_server_pg_read_one (CERCLE_SERVER_PG (storage), SESSION_QUERY " WHERE s.token_hash = $1",
                                       error, "s", token_hash);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) > 0)
    session = session_from_row (result, 0);
  else
    g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_UNAUTHORIZED,
                         _("This session is not valid; sign in again."));
  PQclear (result);

  return session;
}

static gboolean
pg_touch_session (CercleServerStorage  *storage,
                  const char           *session_id,
                  const char           *now,
                  GError              **error)
{
  return _cercle_server_pg_write_one (CERCLE_SERVER_PG (storage),
                                      "UPDATE session SET last_used_at = $2 WHERE id = $1",
                                      NULL, error, "ss", session_id, now);
}

static gboolean
pg_revoke_sessions (CercleServerStorage  *storage,
                    const char           *session_id,
                    const char           *account_id,
                    guint                *n_revoked,
                    GError              **error)
{
  guint n_changed = 0;
  gboolean ok;

  if (session_id != NULL)
    ok = _cercle_server_pg_write_one (CERCLE_SERVER_PG (storage),
                                      "UPDATE session SET revoked = TRUE WHERE id = $1 AND NOT revoked",
                                      &n_changed, error, "s", session_id);
  else
    ok = _cercle_server_pg_write_one (CERCLE_SERVER_PG (storage),
                                      "UPDATE session SET revoked = TRUE WHERE account_id = $1 AND NOT revoked",
                                      &n_changed, error, "s", account_id);

  if (ok && n_revoked != NULL)
    *n_revoked = n_changed;

  return ok;
}

static GPtrArray *
pg_list_sessions (CercleServerStorage  *storage,
                  const char           *account_id,
                  GError              **error)
{
  CercleServerPg *self = CERCLE_SERVER_PG (storage);
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_server_session_free);
  PGresult *result;

  if (account_id != NULL)
    result = _cercle_server_pg_read_one (self, SESSION_QUERY " WHERE s.account_id = $1"
                                         " ORDER BY s.created_at COLLATE \"C\", s.id",
                                         error, "s", account_id);
  else
    result = _cercle_server_pg_read_one (self, SESSION_QUERY " ORDER BY lower (a.email) COLLATE \"C\","
                                         " s.created_at COLLATE \"C\", s.id",
                                         error, "");
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (sessions, session_from_row (result, i));
  PQclear (result);

  return g_steal_pointer (&sessions);
}

static GHashTable *
pg_live_sessions (CercleServerStorage  *storage,
                  const char           *session_ids,
                  GError              **error)
{
  g_autoptr(GHashTable) live = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PGresult *result;

  result = _cercle_server_pg_read_one (CERCLE_SERVER_PG (storage),
                                       "SELECT s.id FROM session s JOIN account a ON a.id = s.account_id"
                                       " WHERE s.id IN (SELECT json_array_elements_text ($1::json))"
                                       " AND NOT s.revoked AND NOT a.disabled",
                                       error, "s", session_ids);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    g_hash_table_add (live, _cercle_server_pg_dup_value (result, i, 0));
  PQclear (result);

  return g_steal_pointer (&live);
}

static gboolean
pg_add_failure (CercleServerStorage  *storage,
                const char           *key,
                gint64                at,
                GError              **error)
{
  /* A day of failures is more than any window looks back on */
  return _cercle_server_pg_write_one (CERCLE_SERVER_PG (storage),
                                      "WITH old AS (DELETE FROM login_failure WHERE key = $1 AND at < $3)"
                                      " INSERT INTO login_failure (key, at) VALUES ($1, $2)",
                                      NULL, error, "sii", key, at, at - 24 * 3600);
}

static gboolean
pg_count_failures (CercleServerStorage  *storage,
                   const char           *key,
                   gint64                since,
                   gint64               *count,
                   gint64               *newest,
                   GError              **error)
{
  PGresult *result;

  result = _cercle_server_pg_read_one (CERCLE_SERVER_PG (storage),
                                       "SELECT count(*), coalesce (max (at), 0) FROM login_failure"
                                       " WHERE key = $1 AND at >= $2",
                                       error, "si", key, since);
  if (result == NULL)
    return FALSE;

  *count = _cercle_server_pg_int64 (result, 0, 0);
  *newest = _cercle_server_pg_int64 (result, 0, 1);
  PQclear (result);

  return TRUE;
}

static gboolean
pg_clear_failures (CercleServerStorage  *storage,
                   const char           *key,
                   GError              **error)
{
  return _cercle_server_pg_write_one (CERCLE_SERVER_PG (storage), "DELETE FROM login_failure WHERE key = $1",
                                      NULL, error, "s", key);
}

static gboolean
pg_set_feed (CercleServerStorage  *storage,
             const char           *account_id,
             const char           *club_id,
             const char           *secret_hash,
             GError              **error)
{
  return _cercle_server_pg_write_one (CERCLE_SERVER_PG (storage),
                                      "INSERT INTO feed (secret_hash, account_id, club_id) VALUES ($1, $2, $3)"
                                      " ON CONFLICT (account_id, club_id) DO UPDATE SET secret_hash = excluded.secret_hash",
                                      NULL, error, "sss", secret_hash, account_id, club_id);
}

static gboolean
pg_find_feed (CercleServerStorage  *storage,
              const char           *secret_hash,
              char                **account_id,
              char                **club_id,
              GError              **error)
{
  PGresult *result;
  gboolean found = FALSE;

  result = _cercle_server_pg_read_one (CERCLE_SERVER_PG (storage),
                                       "SELECT account_id, club_id FROM feed WHERE secret_hash = $1",
                                       error, "s", secret_hash);
  if (result == NULL)
    return FALSE;

  if (PQntuples (result) > 0)
    {
      *account_id = _cercle_server_pg_dup_value (result, 0, 0);
      *club_id = _cercle_server_pg_dup_value (result, 0, 1);
      found = TRUE;
    }
  else
    g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND,
                         _("There is no such calendar."));
  PQclear (result);

  return found;
}

void
_cercle_server_pg_init_accounts_iface (CercleServerStorageInterface *iface)
{
  iface->add_account = pg_add_account;
  iface->find_account = pg_find_account;
  iface->update_account = pg_update_account;
  iface->delete_account = pg_delete_account;
  iface->list_accounts = pg_list_accounts;
  iface->add_membership = pg_add_membership;
  iface->remove_membership = pg_remove_membership;
  iface->list_memberships = pg_list_memberships;
  iface->find_member_account = pg_find_member_account;
  iface->list_clubs = pg_list_clubs;
  iface->add_session = pg_add_session;
  iface->find_session = pg_find_session;
  iface->touch_session = pg_touch_session;
  iface->revoke_sessions = pg_revoke_sessions;
  iface->list_sessions = pg_list_sessions;
  iface->live_sessions = pg_live_sessions;
  iface->add_failure = pg_add_failure;
  iface->count_failures = pg_count_failures;
  iface->clear_failures = pg_clear_failures;
  iface->set_feed = pg_set_feed;
  iface->find_feed = pg_find_feed;
}
