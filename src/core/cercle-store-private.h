/* cercle-store-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-change-set.h"
#include "cercle-db.h"
#include "cercle-record-sql.h"
#include "cercle-search.h"
#include "cercle-store.h"

G_BEGIN_DECLS

/* What a table adds to the generic record writing of cercle-store-records.c:
 * columns of its own, work before a row is rewritten, and work once a
 * batch of rows is written (or abandoned). */
/* A write the rules make follow from another one (the waitlist moving up
 * when a seat frees): the club's server makes the same one from the same
 * command, so it is written with its history but never queued for sync,
 * and it is not the user's edit to check. */
#define CERCLE_SAVE_DERIVED ((CercleSaveFlags) (1 << 8))

typedef struct
{
  const char * const *extra_columns;
  gboolean (*prepare)      (CercleStore     *self,
                            CercleRecord    *record,
                            CercleRecord    *current,
                            CercleSaveFlags  flags,
                            GError         **error);
  gboolean (*bind_extra)   (CercleStore   *self,
                            sqlite3_stmt  *stmt,
                            int            first_index,
                            CercleRecord  *record,
                            GError       **error);
  gboolean (*before_write) (CercleStore   *self,
                            CercleRecord  *record,
                            gboolean       exists,
                            GError       **error);
  gboolean (*end_batch)    (CercleStore   *self,
                            GError       **error);
  void     (*abort_batch)  (CercleStore   *self);
  void     (*committed)    (CercleStore   *self);
} CercleTableHooks;

struct _CercleStore
{
  GObject          parent_instance;

  char            *path;
  CercleDb        *db;
  CercleSearch    *search;
  CercleRecordSql *sql[CERCLE_N_ENTITIES];

  /* Changes of the save_all() under way, and those committed but not told
   * yet: views hear of them once, from the main loop. */
  CercleChangeSet *batch_changes;
  CercleChangeSet *pending_changes;
  GMainContext    *main_context;
  GSource         *changes_source;

  /* Ids of the members written by the save_all() under way: they are
   * indexed together, in one statement, when it ends. */
  GHashTable      *unindexed_members;

  /* Between cercle_store_begin_bulk_load() and its end, the search index
   * is left alone and rebuilt once at the end. */
  gboolean         bulk_load;

  /* A read-only connection for the areas' queries that run in worker
   * threads (the referral board, its statistics), opened when first
   * needed; in WAL mode it reads the last commit while the store writes.
   * One query at a time, under the lock. */
  GMutex           reader_lock;
  CercleDb        *reader;
  /* Events whose seats changed in the save_all() under way: their
   * waitlists move up, if they can, before it commits. */
  GHashTable      *events_to_rebalance;
  /* The text of the messages the save_all() under way sends, by id: it
   * is kept beside them (message_text), never in the synced row */
  GHashTable      *message_texts;
};

/* The schema, one SQL script per version: migration i brings a database from
 * user_version i to i + 1. Exposed for the migration tests. */
extern const char * const cercle_store_migrations[];
extern const guint cercle_store_n_migrations;

/* @column's text as the member search index reads it: the ligatures œ
 * and æ spelled as two letters (see the migration of member_fts_text) */
#define CERCLE_STORE_FOLD_LIGATURES(column) \
  "replace (replace (replace (replace (" column ", 'œ', 'oe'), 'Œ', 'OE'), 'æ', 'ae'), 'Æ', 'AE')"

/* "CRCL": tells a Cercle club from any other SQLite file */
#define CERCLE_STORE_APPLICATION_ID 0x4352434c

const CercleTableHooks *_cercle_store_member_hooks    (void);
const CercleTableHooks *_cercle_store_event_hooks     (void);
const CercleTableHooks *_cercle_store_registration_hooks (void);
const CercleTableHooks *_cercle_store_message_hooks   (void);

gboolean                _cercle_store_save_derived    (CercleStore   *self,
                                                       CercleRecord  *record,
                                                       GError       **error);

CercleStore            *_cercle_store_open_file       (const char    *path,
                                                       gboolean       building,
                                                       GError       **error);

CercleRecordSql        *_cercle_store_get_sql         (CercleStore   *self,
                                                       CercleEntity   entity);
gpointer                _cercle_store_load_by_row_number (CercleStore *self,
                                                       GType          record_type,
                                                       gint64         row_number,
                                                       GError       **error);
GListModel             *_cercle_store_list_where      (CercleStore   *self,
                                                       GType          record_type,
                                                       const char    *where_and_order,
                                                       const char    *arg1,
                                                       const char    *arg2,
                                                       GError       **error);
char                   *_cercle_store_get_meta        (CercleStore   *self,
                                                       const char    *key,
                                                       GError       **error);
void                    _cercle_store_members_written_elsewhere (CercleStore *self);
gboolean                _cercle_store_set_meta        (CercleStore   *self,
                                                       const char    *key,
                                                       const char    *value,
                                                       GError       **error);
gpointer                _cercle_store_find_record     (CercleStore   *self,
                                                       GType          record_type,
                                                       const char    *id,
                                                       GError       **error);
GHashTable             *_cercle_store_load_pending    (CercleStore   *self,
                                                       GError       **error);
void                    _cercle_store_note_change     (CercleStore   *self,
                                                       CercleChangeSet *changes);
CercleDb               *_cercle_store_lock_reader     (CercleStore   *self,
                                                       GError       **error);
void                    _cercle_store_unlock_reader   (CercleStore   *self);

G_END_DECLS
