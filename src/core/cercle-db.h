/* cercle-db.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CERCLE_DB_ERROR (cercle_db_error_quark ())

typedef enum
{
  CERCLE_DB_ERROR_FAILED,
  CERCLE_DB_ERROR_NOT_A_DATABASE,
  CERCLE_DB_ERROR_TOO_NEW,
  CERCLE_DB_ERROR_NOT_FOUND,
  CERCLE_DB_ERROR_INVALID,
  CERCLE_DB_ERROR_MISSING,
  CERCLE_DB_ERROR_BUSY,
  CERCLE_DB_ERROR_FULL,
  CERCLE_DB_ERROR_READ_ONLY,
  CERCLE_DB_ERROR_IO,
  CERCLE_DB_ERROR_TOO_BIG,
  CERCLE_DB_ERROR_NO_MEMORY,
} CercleDbError;

/* Binding a GValue binds its text without a copy: the value must stay
 * as it is until the statement is reset. */

/* What was being done when SQLite failed, which decides the first half of
 * the message the user reads. */
typedef enum
{
  CERCLE_DB_READ,
  CERCLE_DB_WRITE,
  CERCLE_DB_OPEN,
  CERCLE_DB_SEARCH,
} CercleDbAction;

typedef struct _CercleDb CercleDb;

GQuark         cercle_db_error_quark   (void);

CercleDb      *cercle_db_open          (const char      *path,
                                        int              sqlite_flags,
                                        GError         **error);
void           cercle_db_close         (CercleDb        *self);
sqlite3       *cercle_db_get_handle    (CercleDb        *self);
const char    *cercle_db_get_path      (CercleDb        *self);

gboolean       cercle_db_set_error     (GError         **error,
                                        sqlite3         *handle,
                                        int              rc,
                                        CercleDbAction   action);
gboolean       cercle_db_exec          (CercleDb        *self,
                                        const char      *sql,
                                        CercleDbAction   action,
                                        GError         **error);
sqlite3_stmt  *cercle_db_prepare       (CercleDb        *self,
                                        const char      *sql,
                                        GError         **error);
sqlite3_stmt  *cercle_db_prepare_slot  (CercleDb        *self,
                                        const char      *sql,
                                        sqlite3_stmt   **slot,
                                        GError         **error);
gboolean       cercle_db_step_done     (CercleDb        *self,
                                        sqlite3_stmt    *stmt,
                                        CercleDbAction   action,
                                        GError         **error);
int            cercle_db_step          (CercleDb        *self,
                                        sqlite3_stmt    *stmt,
                                        CercleDbAction   action,
                                        GError         **error);

gboolean       cercle_db_bind_text     (CercleDb        *self,
                                        sqlite3_stmt    *stmt,
                                        int              index,
                                        const char      *text,
                                        GError         **error);
gboolean       cercle_db_bind_static_text (CercleDb     *self,
                                        sqlite3_stmt    *stmt,
                                        int              index,
                                        const char      *text,
                                        GError         **error);
gboolean       cercle_db_bind_int64    (CercleDb        *self,
                                        sqlite3_stmt    *stmt,
                                        int              index,
                                        gint64           value,
                                        GError         **error);
gboolean       cercle_db_bind_value    (CercleDb        *self,
                                        sqlite3_stmt    *stmt,
                                        int              index,
                                        const GValue    *value,
                                        GError         **error);
void           cercle_db_column_value  (sqlite3_stmt    *stmt,
                                        int              column,
                                        GParamSpec      *pspec,
                                        GValue          *value);

gboolean       cercle_db_query_int64   (CercleDb        *self,
                                        const char      *sql,
                                        gint64          *value,
                                        GError         **error);

gboolean       cercle_db_begin         (CercleDb        *self,
                                        GError         **error);
gboolean       cercle_db_commit        (CercleDb        *self,
                                        GError         **error);
void           cercle_db_rollback      (CercleDb        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleDb, cercle_db_close)

G_END_DECLS
