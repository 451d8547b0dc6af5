/* cercle-server-sqlite-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-server-sqlite.h"

G_BEGIN_DECLS

/* The SQL of one entity's table, written once from its record class */
typedef struct
{
  CercleRecordSql *mapping;
  char            *get;
  char            *list_all;
  char            *upsert;
  char            *pull;
} CercleServerTableSql;

struct _CercleServerSqlite
{
  GObject               parent_instance;

  char                 *path;

  /* One connection writes, under this lock: SQLite has one writer at a
   * time anyway, and waiting on a mutex costs less than on a busy file */
  GMutex                writer_lock;
  CercleDb             *writer;

  /* Connections that read, each used by one thread at a time */
  GMutex                readers_lock;
  GPtrArray            *idle_readers;

  /* Copies the log into the file in the background, so that no write
   * waits for a checkpoint's disk flushes */
  GThread              *checkpointer;
  GMutex                checkpoint_lock;
  GCond                 checkpoint_cond;
  gboolean              stopping;

  CercleServerTableSql  tables[CERCLE_N_ENTITIES];
};

typedef struct
{
  CercleServerTxn     parent;
  CercleServerSqlite *self;
  CercleDb           *db;
  guint               savepoints;
} CercleSqliteTxn;

CercleDb *_cercle_server_sqlite_take_reader   (CercleServerSqlite  *self,
                                               GError             **error);
void      _cercle_server_sqlite_give_reader   (CercleServerSqlite  *self,
                                               CercleDb            *db);
void      _cercle_server_sqlite_prepare_tables (CercleServerSqlite *self);
void      _cercle_server_sqlite_clear_tables  (CercleServerSqlite  *self);
void      _cercle_server_sqlite_init_txn_iface (CercleServerStorageInterface *iface);
void      _cercle_server_sqlite_init_accounts_iface (CercleServerStorageInterface *iface);
void      _cercle_server_sqlite_init_move_iface (CercleServerStorageInterface *iface);

CercleDb *_cercle_server_sqlite_lock_writer   (CercleServerSqlite  *self);
void      _cercle_server_sqlite_unlock_writer (CercleServerSqlite  *self);
gboolean  _cercle_server_sqlite_write_one     (CercleServerSqlite  *self,
                                               const char          *sql,
                                               guint               *n_changed,
                                               GError             **error,
                                               const char          *types,
                                               ...);
sqlite3_stmt *_cercle_server_sqlite_read_prepare (CercleDb         *db,
                                               const char          *sql,
                                               GError             **error,
                                               const char          *first,
                                               ...);
char     *_cercle_server_sqlite_dup_column    (sqlite3_stmt        *stmt,
                                               int                  column);
gboolean  _cercle_server_sqlite_exists_error  (GError             **error,
                                               GError              *local_error,
                                               const char          *message);

G_END_DECLS
