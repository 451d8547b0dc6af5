/* cercle-record-sql.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-record-sql"

#include "config.h"

#include "cercle-record-private.h"
#include "cercle-record-sql.h"

/* Records and rows map one to one, field by field, so that adding a field
 * to an entity is one property and one migration: the SQL here is written
 * from the class's fields. */

/**
 * cercle_record_sql_new:
 * @extra_columns: (nullable) (array zero-terminated=1): columns the table
 *   keeps besides the record's fields, written by the upsert too
 *
 * Returns: (transfer full): the SQL for @record_type
 */
CercleRecordSql *
cercle_record_sql_new (GType               record_type,
                       const char * const *extra_columns)
{
  g_autoptr(GTypeClass) type_class = g_type_class_ref (record_type);
  CercleRecordClass *klass = CERCLE_RECORD_CLASS (type_class);
  g_autoptr(GString) columns = g_string_new ("id, rev, updated_at, deleted");
  g_autoptr(GString) placeholders = g_string_new ("?1, ?2, ?3, ?4");
  g_autoptr(GString) updates = g_string_new ("rev = excluded.rev, "
                                             "updated_at = excluded.updated_at, "
                                             "deleted = excluded.deleted");
  CercleRecordSql *self = g_new0 (CercleRecordSql, 1);
  guint parameter = CERCLE_RECORD_SQL_FIRST_FIELD + 1;

  for (guint i = 0; i < klass->n_fields; i++, parameter++)
    {
      g_string_append_printf (columns, ", %s", klass->columns[i]);
      g_string_append_printf (placeholders, ", ?%u", parameter);
      g_string_append_printf (updates, ", %s = excluded.%s", klass->columns[i], klass->columns[i]);
    }

  self->record_type = record_type;
  self->select_columns = g_strdup (columns->str);
  self->select_by_id = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?1",
                                        columns->str, klass->table_name);
  self->select_by_row_number = g_strdup_printf ("SELECT %s FROM %s WHERE pk = ?1",
                                                columns->str, klass->table_name);

  for (guint i = 0; extra_columns != NULL && extra_columns[i] != NULL; i++, parameter++)
    {
      g_string_append_printf (columns, ", %s", extra_columns[i]);
      g_string_append_printf (placeholders, ", ?%u", parameter);
      g_string_append_printf (updates, ", %s = excluded.%s", extra_columns[i], extra_columns[i]);
      self->n_extra++;
    }

  self->upsert = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)"
                                  " ON CONFLICT (id) DO UPDATE SET %s",
                                  klass->table_name, columns->str, placeholders->str, updates->str);
  self->insert = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)",
                                  klass->table_name, columns->str, placeholders->str);

  return self;
}

void
cercle_record_sql_free (CercleRecordSql *self)
{
  if (self == NULL)
    return;

  g_free (self->select_columns);
  g_free (self->select_by_id);
  g_free (self->select_by_row_number);
  g_free (self->upsert);
  g_free (self->insert);
  g_free (self);
}

/* Fills @record from a row selected with select_columns, without a notify
 * per column for an object nobody watches yet. */
void
cercle_record_sql_read_into (sqlite3_stmt *stmt,
                             CercleRecord *record)
{
  CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (record);

  cercle_record_set_rev (record, sqlite3_column_int64 (stmt, 1));
  cercle_record_set_updated_at (record, (const char *)sqlite3_column_text (stmt, 2));
  cercle_record_set_deleted (record, sqlite3_column_int (stmt, 3) != 0);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (klass->fields[i]));
      cercle_db_column_value (stmt, (int)i + CERCLE_RECORD_SQL_FIRST_FIELD, klass->fields[i], &value);
      _cercle_record_set_field_value (record, i, &value);
    }
}

/**
 * cercle_record_sql_read:
 *
 * Returns: (transfer full): a new record from the current row of @stmt,
 *   selected with select_columns
 */
CercleRecord *
cercle_record_sql_read (const CercleRecordSql *self,
                        sqlite3_stmt          *stmt)
{
  CercleRecord *record = g_object_new (self->record_type,
                                       "id", (const char *)sqlite3_column_text (stmt, 0),
                                       NULL);

  cercle_record_sql_read_into (stmt, record);

  return record;
}

/* Binds @record to the upsert's parameters; the table's extra columns, if
 * any, are the caller's to bind after these. */
gboolean
cercle_record_sql_bind (const CercleRecordSql  *self,
                        CercleDb               *db,
                        sqlite3_stmt           *stmt,
                        CercleRecord           *record,
                        GError                **error)
{
  CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (record);

  if (!cercle_db_bind_static_text (db, stmt, 1, cercle_record_get_id (record), error) ||
      !cercle_db_bind_int64 (db, stmt, 2, cercle_record_get_rev (record), error) ||
      !cercle_db_bind_static_text (db, stmt, 3, cercle_record_get_updated_at (record), error) ||
      !cercle_db_bind_int64 (db, stmt, 4, cercle_record_get_deleted (record), error))
    return FALSE;

  for (guint i = 0; i < klass->n_fields; i++)
    if (!cercle_db_bind_value (db, stmt, (int)i + CERCLE_RECORD_SQL_FIRST_FIELD + 1,
                               cercle_record_peek_value (record, i + 1), error))
      return FALSE;

  return TRUE;
}
