/* cercle-server-pg-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libpq-fe.h>

#include "cercle-server-pg.h"

G_BEGIN_DECLS

/* The application name the connections give, and the schema table's */
#define APPLICATION_NAME "cercle-server"

/* One connection of the pool, used by one thread at a time, with the
 * statements it prepared (SQL text → name): a statement is parsed and
 * planned once per connection, not once per request */
typedef struct
{
  PGconn     *conn;
  GHashTable *prepared;
  guint       n_prepared;
  /* Taken from the idle list rather than just made: a failure of its
   * first statement may only mean the database was restarted meanwhile */
  gboolean    reused;
} CercleServerPgConn;

/* The SQL of one entity's table, written once from its record class */
typedef struct
{
  CercleRecordSql *mapping;
  guint            n_fields;
  char            *get;
  char            *list_all;
  char            *upsert;
  char            *pull;
} CercleServerPgTable;

struct _CercleServerPg
{
  GObject              parent_instance;

  /* What libpq is given: the URI without the parameters that are ours */
  char                *conninfo;
  /* The URI without its password, for messages */
  char                *display_name;

  GMutex               pool_lock;
  GCond                pool_cond;
  GPtrArray           *idle;
  guint                n_open;
  guint                pool_size;

  /* The newest seq this process knows of each club (club id → gint64),
   * so that neither a notification nor a poll tells of it twice */
  GMutex               seen_lock;
  GHashTable          *seen_seqs;

  /* The thread that hears other processes' commits */
  GThread             *listener;
  int                  wake_fds[2];
  gint                 stopping;

  CercleServerPgTable  tables[CERCLE_N_ENTITIES];
};

typedef struct
{
  CercleServerTxn     parent;
  CercleServerPg     *self;
  CercleServerPgConn *conn;
  guint               savepoints;
} CerclePgTxn;

CercleServerPgConn *_cercle_server_pg_take      (CercleServerPg      *self,
                                                 GError             **error);
void                _cercle_server_pg_give      (CercleServerPg      *self,
                                                 CercleServerPgConn  *conn);
CercleServerPgConn *_cercle_server_pg_connect   (CercleServerPg      *self,
                                                 GError             **error);
void                _cercle_server_pg_conn_free (CercleServerPgConn  *conn);
gboolean            _cercle_server_pg_worth_retrying (CercleServerPg     *self,
                                                      CercleServerPgConn *conn);

PGresult *_cercle_server_pg_exec      (CercleServerPgConn  *conn,
                                       const char          *sql,
                                       int                  n_params,
                                       const char * const  *values,
                                       GError             **error);
PGresult *_cercle_server_pg_query     (CercleServerPgConn  *conn,
                                       const char          *sql,
                                       GError             **error,
                                       const char          *types,
                                       ...);
gboolean  _cercle_server_pg_simple    (CercleServerPgConn  *conn,
                                       const char          *sql,
                                       GError             **error);
gboolean  _cercle_server_pg_write_one (CercleServerPg      *self,
                                       const char          *sql,
                                       guint               *n_changed,
                                       GError             **error,
                                       const char          *types,
                                       ...);
PGresult *_cercle_server_pg_read_one  (CercleServerPg      *self,
                                       const char          *sql,
                                       GError             **error,
                                       const char          *types,
                                       ...);
char     *_cercle_server_pg_first_line (const char         *message);
void      _cercle_server_pg_set_error (GError             **error,
                                       CercleServerPgConn  *conn,
                                       const PGresult      *result);
gboolean  _cercle_server_pg_is_unique_violation (const GError *error);
gboolean  _cercle_server_pg_exists_error (GError      **error,
                                          GError       *local_error,
                                          const char   *message);

char     *_cercle_server_pg_dup_value (const PGresult      *result,
                                       int                  row,
                                       int                  column);
gint64    _cercle_server_pg_int64     (const PGresult      *result,
                                       int                  row,
                                       int                  column);
gboolean  _cercle_server_pg_boolean   (const PGresult      *result,
                                       int                  row,
                                       int                  column);

void      _cercle_server_pg_prepare_tables (CercleServerPg *self);
void      _cercle_server_pg_clear_tables   (CercleServerPg *self);
CercleRecord *_cercle_server_pg_read_record (const CercleServerPgTable *table,
                                             const PGresult            *result,
                                             int                        row);

void      _cercle_server_pg_note_seq  (CercleServerPg      *self,
                                       const char          *club_id,
                                       gint64               seq,
                                       gboolean            *newer);
void      _cercle_server_pg_start_listener (CercleServerPg *self);
void      _cercle_server_pg_stop_listener  (CercleServerPg *self);

void      _cercle_server_pg_init_accounts_iface (CercleServerStorageInterface *iface);
void      _cercle_server_pg_init_txn_iface      (CercleServerStorageInterface *iface);
void      _cercle_server_pg_init_move_iface     (CercleServerStorageInterface *iface);

G_END_DECLS
