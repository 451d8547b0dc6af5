/* cercle-server-storage.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-server-types.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_SERVER_STORAGE (cercle_server_storage_get_type ())

G_DECLARE_INTERFACE (CercleServerStorage, cercle_server_storage, CERCLE, SERVER_STORAGE, GObject)

/* A transaction on one club's rows. Implementations allocate a larger
 * struct that starts with this one. */
struct _CercleServerTxn
{
  CercleServerStorage *storage;
  char                *club_id;
  gboolean             write;

  /*< private >*/
  gint64               last_seq;
};

/* A row being exported, of @table; FALSE with @error set stops the export */
typedef gboolean (*CercleServerRowFunc)     (const char  *table,
                                             JsonObject  *row,
                                             gpointer     user_data,
                                             GError     **error);
/* The next row to import, which stays @user_data's: FALSE after the last
 * one, or with @error set. @table must be one of the export's tables and
 * @row's members column names: they go into SQL. */
typedef gboolean (*CercleServerNextRowFunc) (gpointer     user_data,
                                             const char **table,
                                             JsonObject **row,
                                             GError     **error);

/* Everything the server keeps, behind one interface: the HTTP layer and
 * the sync rules never see SQL, so that the SQLite implementation and a
 * PostgreSQL one are interchangeable. Every function may be called from
 * any thread and blocks; the server calls them from worker threads.
 *
 * What is decided (merge, permissions, the waitlist) is not here but in
 * cercle-server-sync.c, above this interface: an implementation only
 * stores, counts and reads.
 *
 * Implementations emit ::club-changed after committing a transaction that
 * took seq numbers, from whatever thread committed; one whose writes may
 * come from other processes (PostgreSQL LISTEN/NOTIFY) emits it for those
 * too. */
struct _CercleServerStorageInterface
{
  GTypeInterface parent_iface;

  /* The database's epoch: changes when the database is replaced, which
   * makes every client's cursor stale */
  char       *(*dup_epoch)          (CercleServerStorage  *self,
                                     GError              **error);
  gboolean    (*new_epoch)          (CercleServerStorage  *self,
                                     GError              **error);

  /* Accounts; @email compares without case */
  gboolean    (*add_account)        (CercleServerStorage        *self,
                                     const CercleServerAccount  *account,
                                     GError                    **error);
  CercleServerAccount *
              (*find_account)       (CercleServerStorage  *self,
                                     const char           *email,
                                     const char           *account_id,
                                     GError              **error);
  gboolean    (*update_account)     (CercleServerStorage        *self,
                                     const CercleServerAccount  *account,
                                     GError                    **error);
  gboolean    (*delete_account)     (CercleServerStorage  *self,
                                     const char           *account_id,
                                     GError              **error);
  GPtrArray  *(*list_accounts)      (CercleServerStorage  *self,
                                     GError              **error);

  /* Memberships: which member row of which club an account signs in as */
  gboolean    (*add_membership)     (CercleServerStorage  *self,
                                     const char           *account_id,
                                     const char           *club_id,
                                     const char           *member_id,
                                     GError              **error);
  gboolean    (*remove_membership)  (CercleServerStorage  *self,
                                     const char           *account_id,
                                     const char           *club_id,
                                     GError              **error);
  /* Only the memberships whose member row exists and is not deleted */
  GPtrArray  *(*list_memberships)   (CercleServerStorage  *self,
                                     const char           *account_id,
                                     GError              **error);
  char       *(*find_member_account) (CercleServerStorage *self,
                                     const char           *club_id,
                                     const char           *member_id,
                                     GError              **error);
  GPtrArray  *(*list_clubs)         (CercleServerStorage  *self,
                                     GError              **error);

  /* Sessions, found by the hash of their token */
  gboolean    (*add_session)        (CercleServerStorage        *self,
                                     const CercleServerSession  *session,
                                     const char                 *token_hash,
                                     GError                    **error);
  CercleServerSession *
              (*find_session)       (CercleServerStorage  *self,
                                     const char           *token_hash,
                                     GError              **error);
  gboolean    (*touch_session)      (CercleServerStorage  *self,
                                     const char           *session_id,
                                     const char           *now,
                                     GError              **error);
  /* Revokes @session_id, or with %NULL every session of @account_id;
   * says in @n_revoked how many it revoked */
  gboolean    (*revoke_sessions)    (CercleServerStorage  *self,
                                     const char           *session_id,
                                     const char           *account_id,
                                     guint                *n_revoked,
                                     GError              **error);
  GPtrArray  *(*list_sessions)      (CercleServerStorage  *self,
                                     const char           *account_id,
                                     GError              **error);
  /* Of @session_ids (a JSON array of strings), those not revoked whose
   * account is enabled, as a set; one query for every open stream */
  GHashTable *(*live_sessions)      (CercleServerStorage  *self,
                                     const char           *session_ids,
                                     GError              **error);

  /* Failed sign-ins, counted by key ("account:…", "address:…") and time
   * in seconds */
  gboolean    (*add_failure)        (CercleServerStorage  *self,
                                     const char           *key,
                                     gint64                at,
                                     GError              **error);
  gboolean    (*count_failures)     (CercleServerStorage  *self,
                                     const char           *key,
                                     gint64                since,
                                     gint64               *count,
                                     gint64               *newest,
                                     GError              **error);
  gboolean    (*clear_failures)     (CercleServerStorage  *self,
                                     const char           *key,
                                     GError              **error);

  /* The secret of a member's calendar feed, by its hash; one per account
   * and club, a new one replaces the old */
  gboolean    (*set_feed)           (CercleServerStorage  *self,
                                     const char           *account_id,
                                     const char           *club_id,
                                     const char           *secret_hash,
                                     GError              **error);
  gboolean    (*find_feed)          (CercleServerStorage  *self,
                                     const char           *secret_hash,
                                     char                **account_id,
                                     char                **club_id,
                                     GError              **error);

  /* A club's rows. A write transaction holds the club's writing lock
   * until it ends; savepoints nest inside it. */
  CercleServerTxn *
              (*begin)              (CercleServerStorage  *self,
                                     const char           *club_id,
                                     gboolean              write,
                                     GError              **error);
  gboolean    (*commit)             (CercleServerTxn      *txn,
                                     GError              **error);
  void        (*rollback)           (CercleServerTxn      *txn);
  gboolean    (*savepoint)          (CercleServerTxn      *txn,
                                     GError              **error);
  gboolean    (*release)            (CercleServerTxn      *txn,
                                     GError              **error);
  void        (*rollback_to)        (CercleServerTxn      *txn);

  /* NULL without an error when the club has no such row */
  CercleRecord *
              (*get_record)         (CercleServerTxn      *txn,
                                     CercleEntity          entity,
                                     const char           *id,
                                     GError              **error);
  /* Rows whose @column (a field of @entity) is @value, deleted ones too;
   * every row of @entity when @column is %NULL */
  GPtrArray  *(*list_records)       (CercleServerTxn      *txn,
                                     CercleEntity          entity,
                                     const char           *column,
                                     const char           *value,
                                     GError              **error);
  gboolean    (*put_record)         (CercleServerTxn      *txn,
                                     CercleRecord         *record,
                                     GError              **error);
  /* The club's next seq, taken inside the transaction: 0 on error */
  gint64      (*next_seq)           (CercleServerTxn      *txn,
                                     GError              **error);
  gint64      (*get_seq)            (CercleServerTxn      *txn,
                                     GError              **error);
  /* Up to @limit rows changed after @after_seq, in seq order, into @rows */
  gboolean    (*pull)               (CercleServerTxn      *txn,
                                     gint64                after_seq,
                                     guint                 limit,
                                     GPtrArray            *rows,
                                     gboolean             *has_more,
                                     GError              **error);

  /* Idempotency: the first answer to each (account, client, mutation) */
  char       *(*find_answer)        (CercleServerTxn      *txn,
                                     const char           *account_id,
                                     const char           *client_id,
                                     gint64                mutation_no,
                                     GError              **error);
  gboolean    (*save_answer)        (CercleServerTxn      *txn,
                                     const char           *account_id,
                                     const char           *client_id,
                                     gint64                mutation_no,
                                     const char           *answer,
                                     GError              **error);
  gboolean    (*last_mutation_no)   (CercleServerTxn      *txn,
                                     const char           *account_id,
                                     const char           *client_id,
                                     gint64               *mutation_no,
                                     GError              **error);
  gboolean    (*forget_answers)     (CercleServerTxn      *txn,
                                     const char           *account_id,
                                     GError              **error);
  /* The answers to mutations before @mutation_no: the device pushes its
   * outbox in order, so it no longer has them */
  gboolean    (*prune_answers)      (CercleServerTxn      *txn,
                                     const char           *account_id,
                                     const char           *client_id,
                                     gint64                mutation_no,
                                     GError              **error);

  /* Consents, for the RGPD */
  gboolean    (*add_consent)        (CercleServerTxn            *txn,
                                     const CercleServerConsent  *consent,
                                     GError                    **error);
  GPtrArray  *(*list_consents)      (CercleServerTxn      *txn,
                                     const char           *row_id,
                                     GError              **error);

  /* Optional: starts hearing of the writes other processes commit to
   * the same database, so that ::club-changed tells of them too. A
   * server calls it; a one-off command need not. */
  void        (*listen)             (CercleServerStorage  *self);

  /* Moving clubs between databases (cercle-server export / import), the
   * tables being the same in every implementation. export_rows hands
   * @func every row of each of @tables, as a JSON object of typed values
   * (numbers, booleans, text, null; an identity column "pk" left out):
   * all of them, or with @club_id those that the table's entry of @wheres
   * (SQL, $1 being @club_id) selects. It reads them all in one snapshot,
   * so that a running server can be exported consistently, and one row
   * at a time. import_rows writes the rows @next gives, in one
   * transaction, keeping an account or a session already there; @epoch,
   * when set, becomes the database's. */
  gboolean    (*export_rows)        (CercleServerStorage     *self,
                                     const char * const      *tables,
                                     const char * const      *wheres,
                                     const char              *club_id,
                                     CercleServerRowFunc      func,
                                     gpointer                 user_data,
                                     GError                 **error);
  gboolean    (*import_rows)        (CercleServerStorage     *self,
                                     CercleServerNextRowFunc  next,
                                     gpointer                 user_data,
                                     const char              *epoch,
                                     GError                 **error);

  gpointer padding[8];
};

/* Parameters of the interface's functions are as in the vtable above */
char                *cercle_server_storage_dup_epoch        (CercleServerStorage *self, GError **error);
gboolean             cercle_server_storage_new_epoch        (CercleServerStorage *self, GError **error);
gboolean             cercle_server_storage_add_account      (CercleServerStorage *self, const CercleServerAccount *account, GError **error);
CercleServerAccount *cercle_server_storage_find_account     (CercleServerStorage *self, const char *email, const char *account_id, GError **error);
gboolean             cercle_server_storage_update_account   (CercleServerStorage *self, const CercleServerAccount *account, GError **error);
gboolean             cercle_server_storage_delete_account   (CercleServerStorage *self, const char *account_id, GError **error);
GPtrArray           *cercle_server_storage_list_accounts    (CercleServerStorage *self, GError **error);
gboolean             cercle_server_storage_add_membership   (CercleServerStorage *self, const char *account_id, const char *club_id, const char *member_id, GError **error);
gboolean             cercle_server_storage_remove_membership (CercleServerStorage *self, const char *account_id, const char *club_id, GError **error);
GPtrArray           *cercle_server_storage_list_memberships (CercleServerStorage *self, const char *account_id, GError **error);
char                *cercle_server_storage_find_member_account (CercleServerStorage *self, const char *club_id, const char *member_id, GError **error);
GPtrArray           *cercle_server_storage_list_clubs       (CercleServerStorage *self, GError **error);
gboolean             cercle_server_storage_add_session      (CercleServerStorage *self, const CercleServerSession *session, const char *token_hash, GError **error);
CercleServerSession *cercle_server_storage_find_session     (CercleServerStorage *self, const char *token_hash, GError **error);
gboolean             cercle_server_storage_touch_session    (CercleServerStorage *self, const char *session_id, const char *now, GError **error);
gboolean             cercle_server_storage_revoke_sessions  (CercleServerStorage *self, const char *session_id, const char *account_id, guint *n_revoked, GError **error);
GPtrArray           *cercle_server_storage_list_sessions    (CercleServerStorage *self, const char *account_id, GError **error);
GHashTable          *cercle_server_storage_live_sessions    (CercleServerStorage *self, const char * const *session_ids, GError **error);
gboolean             cercle_server_storage_add_failure      (CercleServerStorage *self, const char *key, gint64 at, GError **error);
gboolean             cercle_server_storage_count_failures   (CercleServerStorage *self, const char *key, gint64 since, gint64 *count, gint64 *newest, GError **error);
gboolean             cercle_server_storage_clear_failures   (CercleServerStorage *self, const char *key, GError **error);
gboolean             cercle_server_storage_set_feed         (CercleServerStorage *self, const char *account_id, const char *club_id, const char *secret_hash, GError **error);
gboolean             cercle_server_storage_find_feed        (CercleServerStorage *self, const char *secret_hash, char **account_id, char **club_id, GError **error);
CercleServerTxn     *cercle_server_storage_begin            (CercleServerStorage *self, const char *club_id, gboolean write, GError **error);
void                 cercle_server_storage_emit_club_changed (CercleServerStorage *self, const char *club_id, gint64 seq);
void                 cercle_server_storage_listen           (CercleServerStorage *self);
gboolean             cercle_server_storage_export_rows      (CercleServerStorage *self, const char * const *tables, const char * const *wheres, const char *club_id, CercleServerRowFunc func, gpointer user_data, GError **error);
gboolean             cercle_server_storage_import_rows      (CercleServerStorage *self, CercleServerNextRowFunc next, gpointer user_data, const char *epoch, GError **error);
char                *_cercle_server_storage_insert_sql      (const char *table, JsonObject *row, GList *columns);

gboolean      cercle_server_txn_commit           (CercleServerTxn *txn, GError **error);
void          cercle_server_txn_rollback         (CercleServerTxn *txn);
gboolean      cercle_server_txn_savepoint        (CercleServerTxn *txn, GError **error);
gboolean      cercle_server_txn_release          (CercleServerTxn *txn, GError **error);
void          cercle_server_txn_rollback_to      (CercleServerTxn *txn);
CercleRecord *cercle_server_txn_get_record       (CercleServerTxn *txn, CercleEntity entity, const char *id, GError **error);
GPtrArray    *cercle_server_txn_list_records     (CercleServerTxn *txn, CercleEntity entity, const char *column, const char *value, GError **error);
gboolean      cercle_server_txn_put_record       (CercleServerTxn *txn, CercleRecord *record, GError **error);
gint64        cercle_server_txn_next_seq         (CercleServerTxn *txn, GError **error);
gint64        cercle_server_txn_get_seq          (CercleServerTxn *txn, GError **error);
gboolean      cercle_server_txn_pull             (CercleServerTxn *txn, gint64 after_seq, guint limit, GPtrArray *rows, gboolean *has_more, GError **error);
char         *cercle_server_txn_find_answer      (CercleServerTxn *txn, const char *account_id, const char *client_id, gint64 mutation_no, GError **error);
gboolean      cercle_server_txn_save_answer      (CercleServerTxn *txn, const char *account_id, const char *client_id, gint64 mutation_no, const char *answer, GError **error);
gboolean      cercle_server_txn_last_mutation_no (CercleServerTxn *txn, const char *account_id, const char *client_id, gint64 *mutation_no, GError **error);
gboolean      cercle_server_txn_forget_answers   (CercleServerTxn *txn, const char *account_id, GError **error);
gboolean      cercle_server_txn_prune_answers    (CercleServerTxn *txn, const char *account_id, const char *client_id, gint64 mutation_no, GError **error);
gboolean      cercle_server_txn_add_consent      (CercleServerTxn *txn, const CercleServerConsent *consent, GError **error);
GPtrArray    *cercle_server_txn_list_consents    (CercleServerTxn *txn, const char *row_id, GError **error);

CercleServerStorage *cercle_server_storage_open  (const char  *database,
                                                  gboolean     create,
                                                  GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleServerTxn, cercle_server_txn_rollback)

G_END_DECLS
