/* cercle-server-storage.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-storage"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-server-pg.h"
#include "cercle-server-sqlite.h"
#include "cercle-server-storage.h"

/* The interface itself and its dispatching functions. */

G_DEFINE_INTERFACE (CercleServerStorage, cercle_server_storage, G_TYPE_OBJECT)

enum {
  CLUB_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
cercle_server_storage_default_init (CercleServerStorageInterface *iface)
{
  /**
   * CercleServerStorage::club-changed:
   * @club_id: the club whose rows changed
   * @seq: its newest seq
   *
   * Emitted after a write to a club was committed, from the thread that
   * committed it (or, for another process's write, the thread that heard
   * of it).
   */
  signals [CLUB_CHANGED] =
    g_signal_new ("club-changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
}

void
cercle_server_storage_emit_club_changed (CercleServerStorage *self,
                                         const char          *club_id,
                                         gint64               seq)
{
  g_return_if_fail (CERCLE_IS_SERVER_STORAGE (self));
  g_return_if_fail (club_id != NULL);

  g_signal_emit (self, signals [CLUB_CHANGED], 0, club_id, seq);
}

/**
 * cercle_server_storage_open:
 * @database: a file path, or a postgresql:// URI
 * @create: whether to make the database when it does not exist
 *
 * Returns: (transfer full): the storage for @database, its schema up to
 *   date, or %NULL with @error set
 */
CercleServerStorage *
cercle_server_storage_open (const char  *database,
                            gboolean     create,
                            GError     **error)
{
  g_return_val_if_fail (database != NULL, NULL);

  if (cercle_server_pg_is_uri (database))
    return CERCLE_SERVER_STORAGE (cercle_server_pg_open (database, create, error));

  return CERCLE_SERVER_STORAGE (cercle_server_sqlite_open (database, create, error));
}

/**
 * cercle_server_storage_listen:
 *
 * Makes ::club-changed tell of the writes other processes commit to the
 * same database too, where the storage can hear of them (PostgreSQL);
 * does nothing where it cannot.
 */
void
cercle_server_storage_listen (CercleServerStorage *self)
{
  CercleServerStorageInterface *iface;

  g_return_if_fail (CERCLE_IS_SERVER_STORAGE (self));

  iface = CERCLE_SERVER_STORAGE_GET_IFACE (self);
  if (iface->listen != NULL)
    iface->listen (self);
}

gboolean
cercle_server_storage_export_rows (CercleServerStorage  *self,
                                   const char * const   *tables,
                                   const char * const   *wheres,
                                   const char           *club_id,
                                   CercleServerRowFunc   func,
                                   gpointer              user_data,
                                   GError              **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), FALSE);
  g_return_val_if_fail (tables != NULL && wheres != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->export_rows (self, tables, wheres, club_id, func, user_data,
                                                              error);
}

gboolean
cercle_server_storage_import_rows (CercleServerStorage     *self,
                                   CercleServerNextRowFunc  next,
                                   gpointer                 user_data,
                                   const char              *epoch,
                                   GError                 **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), FALSE);
  g_return_val_if_fail (next != NULL, FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->import_rows (self, next, user_data, epoch, error);
}

/* The INSERT of an imported row, the same in both dialects ($1, $2…):
 * an account or a session may already be there, from a club moved
 * earlier, and is kept. @columns are @row's members, in the order the
 * parameters take them. */
char *
_cercle_server_storage_insert_sql (const char *table,
                                   JsonObject *row,
                                   GList      *columns)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO ");
  guint n = 0;

  g_string_append_printf (sql, "%s (", table);
  for (GList *l = columns; l != NULL; l = l->next)
    g_string_append_printf (sql, "%s%s", n++ > 0 ? ", " : "", (const char *)l->data);
  g_string_append (sql, ") VALUES (");
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (sql, "%s$%u", i > 1 ? ", " : "", i);
  g_string_append_c (sql, ')');
  if (g_str_equal (table, "account") || g_str_equal (table, "session"))
    g_string_append (sql, " ON CONFLICT (id) DO NOTHING");

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

char *
cercle_server_storage_dup_epoch (CercleServerStorage *self,
                                 GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), NULL);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->dup_epoch (self, error);
}

gboolean
cercle_server_storage_new_epoch (CercleServerStorage *self,
                                 GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->new_epoch (self, error);
}

gboolean
cercle_server_storage_add_account (CercleServerStorage *self,
                                   const CercleServerAccount *account,
                                   GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->add_account (self, account, error);
}

CercleServerAccount *
cercle_server_storage_find_account (CercleServerStorage *self,
                                    const char *email,
                                    const char *account_id,
                                    GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), NULL);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->find_account (self, email, account_id, error);
}

gboolean
cercle_server_storage_update_account (CercleServerStorage *self,
                                      const CercleServerAccount *account,
                                      GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->update_account (self, account, error);
}

gboolean
cercle_server_storage_delete_account (CercleServerStorage *self,
                                      const char *account_id,
                                      GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->delete_account (self, account_id, error);
}

GPtrArray *
cercle_server_storage_list_accounts (CercleServerStorage *self,
                                     GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), NULL);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->list_accounts (self, error);
}

gboolean
cercle_server_storage_add_membership (CercleServerStorage *self,
                                      const char *account_id,
                                      const char *club_id,
                                      const char *member_id,
                                      GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->add_membership (self, account_id, club_id, member_id, error);
}

gboolean
cercle_server_storage_remove_membership (CercleServerStorage *self,
                                         const char *account_id,
                                         const char *club_id,
                                         GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->remove_membership (self, account_id, club_id, error);
}

GPtrArray *
cercle_server_storage_list_memberships (CercleServerStorage *self,
                                        const char *account_id,
                                        GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), NULL);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->list_memberships (self, account_id, error);
}

char *
cercle_server_storage_find_member_account (CercleServerStorage *self,
                                           const char *club_id,
                                           const char *member_id,
                                           GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), NULL);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->find_member_account (self, club_id, member_id, error);
}

GPtrArray *
cercle_server_storage_list_clubs (CercleServerStorage *self,
                                  GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), NULL);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->list_clubs (self, error);
}

gboolean
cercle_server_storage_add_session (CercleServerStorage *self,
                                   const CercleServerSession *session,
                                   const char *token_hash,
                                   GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->add_session (self, session, token_hash, error);
}

CercleServerSession *
cercle_server_storage_find_session (CercleServerStorage *self,
                                    const char *token_hash,
                                    GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), NULL);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->find_session (self, token_hash, error);
}

gboolean
cercle_server_storage_touch_session (CercleServerStorage *self,
                                     const char *session_id,
                                     const char *now,
                                     GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->touch_session (self, session_id, now, error);
}

gboolean
cercle_server_storage_revoke_sessions (CercleServerStorage *self,
                                       const char *session_id,
                                       const char *account_id,
                                       guint *n_revoked,
                                       GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->revoke_sessions (self, session_id, account_id, n_revoked, error);
}

GPtrArray *
cercle_server_storage_list_sessions (CercleServerStorage *self,
                                     const char *account_id,
                                     GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), NULL);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->list_sessions (self, account_id, error);
}

/**
 * cercle_server_storage_live_sessions:
 * @session_ids: the sessions to check
 *
 * Returns: (transfer full): the set of @session_ids that are still valid:
 *   not revoked, their account enabled; %NULL with @error set
 */
GHashTable *
cercle_server_storage_live_sessions (CercleServerStorage *self,
                                     const char * const *session_ids,
                                     GError **error)
{
  g_autoptr(JsonArray) ids = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), NULL);
  g_return_val_if_fail (session_ids != NULL, NULL);

  if (session_ids[0] == NULL)
    return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; session_ids[i] != NULL; i++)
    json_array_add_string_element (ids, session_ids[i]);

  /* As JSON, both storages take the whole list as one parameter */
  node = json_node_init_array (json_node_alloc (), ids);
  text = json_to_string (node, FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->live_sessions (self, text, error);
}

gboolean
cercle_server_storage_add_failure (CercleServerStorage *self,
                                   const char *key,
                                   gint64 at,
                                   GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->add_failure (self, key, at, error);
}

gboolean
cercle_server_storage_count_failures (CercleServerStorage *self,
                                      const char *key,
                                      gint64 since,
                                      gint64 *count,
                                      gint64 *newest,
                                      GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->count_failures (self, key, since, count, newest, error);
}

gboolean
cercle_server_storage_clear_failures (CercleServerStorage *self,
                                      const char *key,
                                      GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->clear_failures (self, key, error);
}

gboolean
cercle_server_storage_set_feed (CercleServerStorage *self,
                                const char *account_id,
                                const char *club_id,
                                const char *secret_hash,
                                GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->set_feed (self, account_id, club_id, secret_hash, error);
}

gboolean
cercle_server_storage_find_feed (CercleServerStorage *self,
                                 const char *secret_hash,
                                 char **account_id,
                                 char **club_id,
                                 GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->find_feed (self, secret_hash, account_id, club_id, error);
}

CercleServerTxn *
cercle_server_storage_begin (CercleServerStorage *self,
                             const char *club_id,
                             gboolean write,
                             GError **error)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (self), NULL);

  return CERCLE_SERVER_STORAGE_GET_IFACE (self)->begin (self, club_id, write, error);
}

gboolean
cercle_server_txn_commit (CercleServerTxn *txn,
                          GError **error)
{
  g_return_val_if_fail (txn != NULL, FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->commit (txn, error);
}

void
cercle_server_txn_rollback (CercleServerTxn *txn)
{
  g_return_if_fail (txn != NULL);

  CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->rollback (txn);
}

gboolean
cercle_server_txn_savepoint (CercleServerTxn *txn,
                             GError **error)
{
  g_return_val_if_fail (txn != NULL, FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->savepoint (txn, error);
}

gboolean
cercle_server_txn_release (CercleServerTxn *txn,
                           GError **error)
{
  g_return_val_if_fail (txn != NULL, FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->release (txn, error);
}

void
cercle_server_txn_rollback_to (CercleServerTxn *txn)
{
  g_return_if_fail (txn != NULL);

  CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->rollback_to (txn);
}

CercleRecord *
cercle_server_txn_get_record (CercleServerTxn *txn,
                              CercleEntity entity,
                              const char *id,
                              GError **error)
{
  g_return_val_if_fail (txn != NULL, NULL);

  return CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->get_record (txn, entity, id, error);
}

GPtrArray *
cercle_server_txn_list_records (CercleServerTxn *txn,
                                CercleEntity entity,
                                const char *column,
                                const char *value,
                                GError **error)
{
  g_return_val_if_fail (txn != NULL, NULL);

  return CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->list_records (txn, entity, column, value, error);
}

gboolean
cercle_server_txn_put_record (CercleServerTxn *txn,
                              CercleRecord *record,
                              GError **error)
{
  g_return_val_if_fail (txn != NULL, FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->put_record (txn, record, error);
}

gint64
cercle_server_txn_next_seq (CercleServerTxn *txn,
                            GError **error)
{
  g_return_val_if_fail (txn != NULL, 0);

  return CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->next_seq (txn, error);
}

gint64
cercle_server_txn_get_seq (CercleServerTxn *txn,
                           GError **error)
{
  g_return_val_if_fail (txn != NULL, 0);

  return CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->get_seq (txn, error);
}

gboolean
cercle_server_txn_pull (CercleServerTxn *txn,
                        gint64 after_seq,
                        guint limit,
                        GPtrArray *rows,
                        gboolean *has_more,
                        GError **error)
{
  g_return_val_if_fail (txn != NULL, FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->pull (txn, after_seq, limit, rows, has_more, error);
}

char *
cercle_server_txn_find_answer (CercleServerTxn *txn,
                               const char *account_id,
                               const char *client_id,
                               gint64 mutation_no,
                               GError **error)
{
  g_return_val_if_fail (txn != NULL, NULL);

  return CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->find_answer (txn, account_id, client_id, mutation_no, error);
}

gboolean
cercle_server_txn_save_answer (CercleServerTxn *txn,
                               const char *account_id,
                               const char *client_id,
                               gint64 mutation_no,
                               const char *answer,
                               GError **error)
{
  g_return_val_if_fail (txn != NULL, FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->save_answer (txn, account_id, client_id, mutation_no, answer, error);
}

gboolean
cercle_server_txn_last_mutation_no (CercleServerTxn *txn,
                                    const char *account_id,
                                    const char *client_id,
                                    gint64 *mutation_no,
                                    GError **error)
{
  g_return_val_if_fail (txn != NULL, FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->last_mutation_no (txn, account_id, client_id, mutation_no, error);
}

gboolean
cercle_server_txn_forget_answers (CercleServerTxn *txn,
                                  const char *account_id,
                                  GError **error)
{
  g_return_val_if_fail (txn != NULL, FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->forget_answers (txn, account_id, error);
}

gboolean
cercle_server_txn_prune_answers (CercleServerTxn *txn,
                                 const char *account_id,
                                 const char *client_id,
                                 gint64 mutation_no,
                                 GError **error)
{
  g_return_val_if_fail (txn != NULL, FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->prune_answers (txn, account_id, client_id, mutation_no, error);
}

gboolean
cercle_server_txn_add_consent (CercleServerTxn *txn,
                               const CercleServerConsent *consent,
                               GError **error)
{
  g_return_val_if_fail (txn != NULL, FALSE);

  return CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->add_consent (txn, consent, error);
}

GPtrArray *
cercle_server_txn_list_consents (CercleServerTxn *txn,
                                 const char *row_id,
                                 GError **error)
{
  g_return_val_if_fail (txn != NULL, NULL);

  return CERCLE_SERVER_STORAGE_GET_IFACE (txn->storage)->list_consents (txn, row_id, error);
}
