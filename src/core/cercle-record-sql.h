/* cercle-record-sql.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-db.h"
#include "cercle-record.h"

G_BEGIN_DECLS

/* The SQL that reads and writes one record class as rows of its table:
 * "id, rev, updated_at, deleted" and then every field, in field order. A
 * table may keep columns of its own after those (a member's sort key),
 * which the upsert writes from @n_extra more parameters. */
typedef struct
{
  GType  record_type;
  char  *select_columns;
  char  *select_by_id;
  char  *select_by_row_number;
  char  *upsert;
  char  *insert;
  guint  n_extra;

  /* The connection's statements for the SQL above, once prepared; they
   * belong to the connection, which outlives this */
  sqlite3_stmt *select_by_id_stmt;
  sqlite3_stmt *select_by_row_number_stmt;
  sqlite3_stmt *upsert_stmt;
  sqlite3_stmt *insert_stmt;
} CercleRecordSql;

#define CERCLE_RECORD_SQL_FIRST_FIELD 4

CercleRecordSql *cercle_record_sql_new          (GType                  record_type,
                                                 const char * const    *extra_columns);
void             cercle_record_sql_free         (CercleRecordSql       *self);
CercleRecord    *cercle_record_sql_read         (const CercleRecordSql *self,
                                                 sqlite3_stmt          *stmt);
gboolean         cercle_record_sql_bind         (const CercleRecordSql *self,
                                                 CercleDb              *db,
                                                 sqlite3_stmt          *stmt,
                                                 CercleRecord          *record,
                                                 GError               **error);
void             cercle_record_sql_read_into    (sqlite3_stmt          *stmt,
                                                 CercleRecord          *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleRecordSql, cercle_record_sql_free)

G_END_DECLS
