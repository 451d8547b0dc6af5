/* cercle-store.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cercle-club.h"
#include "cercle-enums.h"
#include "cercle-event.h"
#include "cercle-member.h"
#include "cercle-one-to-one.h"
#include "cercle-record-list.h"
#include "cercle-record-private.h"
#include "cercle-referral.h"
#include "cercle-registration.h"
#include "cercle-request.h"
#include "cercle-store-private.h"

/* SQL written once per record class from its fields. */
typedef struct
{
  char *select_columns;
  char *select_by_id;
  char *select_by_row_number;
  char *upsert;
} TableSql;

struct _CercleStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;
  GHashTable *table_sql;

  /* Ids of the members written by the save_all() under way: they are
   * indexed together, in one statement, when it ends. */
  GHashTable *unindexed_members;

  /* Searches run in worker threads on a connection of their own: in WAL
   * mode it reads the last committed state while the main connection
   * writes, and a slow query never holds the interface. */
  GMutex      search_lock;
  sqlite3    *search_db;

  /* Under search_lock: every member's row number in name order, and for
   * each row number its place in that order plus one (zero: no such
   * member). A search then orders its matches by walking places, not by
   * sorting names: a one-letter prefix matches nearly the whole club. */
  GArray     *members_in_order;
  GArray     *place_of_row;
  guint       order_generation;

  /* Moves on after every committed write of members. */
  guint       members_generation;
};

G_DEFINE_FINAL_TYPE (CercleStore, cercle_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_QUARK (cercle-store-error-quark, cercle_store_error)

#define COMMON_COLUMNS "pk INTEGER PRIMARY KEY, " \
                       "id TEXT NOT NULL UNIQUE, " \
                       "rev INTEGER NOT NULL DEFAULT 0, " \
                       "updated_at TEXT, " \
                       "deleted INTEGER NOT NULL DEFAULT 0"

const char * const cercle_store_migrations[] = {
  /* 0 → 1: the entities, history and outbox. */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
  "CREATE TABLE club (" COMMON_COLUMNS ","
  "  name TEXT, city TEXT, website TEXT, description TEXT, time_zone TEXT);"
  "CREATE TABLE member (" COMMON_COLUMNS ","
  "  first_name TEXT, last_name TEXT, company TEXT, job_title TEXT, sector TEXT,"
  "  city TEXT, email TEXT, phone TEXT, website TEXT, bio TEXT, offers TEXT,"
  "  needs TEXT, photo_uri TEXT,"
  "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('candidate','active','alumni')),"
  "  role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member','staff')),"
  "  sponsor_id TEXT REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  joined_on TEXT, dues_paid_until TEXT, private_fields TEXT,"
  "  qr_consent INTEGER NOT NULL DEFAULT 0,"
  "  sort_key TEXT);"
  "CREATE INDEX member_by_name ON member (deleted, sort_key);"
  "CREATE TABLE event (" COMMON_COLUMNS ","
  "  title TEXT NOT NULL CHECK (title <> ''), kind TEXT NOT NULL DEFAULT 'meeting',"
  "  starts_at TEXT NOT NULL, ends_at TEXT, time_zone TEXT, place TEXT, video_url TEXT,"
  "  capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0), description TEXT,"
  "  status TEXT NOT NULL DEFAULT 'scheduled');"
  "CREATE INDEX event_by_start ON event (deleted, starts_at);"
  "CREATE TABLE registration (" COMMON_COLUMNS ","
  "  event_id TEXT NOT NULL REFERENCES event (id) DEFERRABLE INITIALLY DEFERRED,"
  "  member_id TEXT REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  guest_name TEXT, guest_company TEXT, guest_email TEXT,"
  "  invited_by_id TEXT REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  response TEXT NOT NULL DEFAULT 'yes'"
  "    CHECK (response IN ('yes','no','maybe','waitlist')),"
  "  attendance TEXT NOT NULL DEFAULT 'unknown',"
  "  checked_in_at TEXT, substitute_name TEXT, registered_at TEXT,"
  "  CHECK (member_id IS NOT NULL OR coalesce (guest_name, '') <> ''));"
  "CREATE INDEX registration_by_event ON registration (event_id, deleted);"
  "CREATE UNIQUE INDEX registration_once ON registration (event_id, member_id)"
  "  WHERE member_id IS NOT NULL AND deleted = 0;"
  "CREATE TABLE referral (" COMMON_COLUMNS ","
  "  giver_id TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  receiver_id TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  prospect_name TEXT, prospect_company TEXT, prospect_contact TEXT, need TEXT,"
  "  temperature INTEGER NOT NULL DEFAULT 3 CHECK (temperature BETWEEN 1 AND 5),"
  "  status TEXT NOT NULL DEFAULT 'proposed',"
  "  amount_cents INTEGER NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),"
  "  given_on TEXT, closed_on TEXT, notes TEXT);"
  "CREATE INDEX referral_by_date ON referral (deleted, given_on);"
  "CREATE TABLE one_to_one (" COMMON_COLUMNS ","
  "  member_a_id TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  member_b_id TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  met_on TEXT, notes TEXT);"
  "CREATE TABLE request (" COMMON_COLUMNS ","
  "  member_id TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  title TEXT, body TEXT, status TEXT NOT NULL DEFAULT 'open', posted_on TEXT);"
  "CREATE TABLE history ("
  "  pk INTEGER PRIMARY KEY, entity TEXT NOT NULL, row_id TEXT NOT NULL,"
  "  field TEXT NOT NULL, old_value TEXT, new_value TEXT,"
  "  changed_at TEXT NOT NULL, origin TEXT NOT NULL);"
  "CREATE INDEX history_by_row ON history (row_id);"
  "CREATE TABLE outbox ("
  "  mutation_no INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL,"
  "  row_id TEXT NOT NULL, op TEXT NOT NULL, base_rev INTEGER NOT NULL,"
  "  changes TEXT NOT NULL, created_at TEXT NOT NULL);",

  /* 1 → 2: full-text search on members. External content, so the text is
   * stored once. The store indexes the rows it writes itself, not through
   * triggers: FTS5 flushes its pending terms at every statement savepoint,
   * so a trigger would write one index segment per member. */
  "CREATE VIRTUAL TABLE member_fts USING fts5 ("
  "  first_name, last_name, company, job_title, sector, city, offers, needs,"
  "  content = 'member', content_rowid = 'pk',"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');"
  "INSERT INTO member_fts (member_fts) VALUES ('rebuild');",
};

const guint cercle_store_n_migrations = G_N_ELEMENTS (cercle_store_migrations);

#define MEMBERS_IN_ORDER_SQL \
  "SELECT pk FROM member WHERE deleted = 0 ORDER BY sort_key"

#define MATCH_SQL \
  "SELECT rowid FROM member_fts WHERE member_fts MATCH ?1"

static void
table_sql_free (gpointer data)
{
  TableSql *sql = data;

  g_free (sql->select_columns);
  g_free (sql->select_by_id);
  g_free (sql->select_by_row_number);
  g_free (sql->upsert);
  g_free (sql);
}

static gboolean
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *what)
{
  int code = CERCLE_STORE_ERROR_FAILED;

  if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
    code = CERCLE_STORE_ERROR_NOT_A_DATABASE;
  else if ((rc & 0xff) == SQLITE_CONSTRAINT)
    code = CERCLE_STORE_ERROR_INVALID;

  g_set_error (error, CERCLE_STORE_ERROR, code,
               /* Translators: the first %s says what was being done, the
                * second is SQLite's own explanation */
               _("%s: %s"), what, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
exec_sql (CercleStore  *self,
          const char   *sql,
          GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (error, self->db, rc, _("Could not update the club database"));

  return TRUE;
}

static sqlite3_stmt *
prepare (CercleStore  *self,
         const char   *sql,
         GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          set_sqlite_error (error, self->db, rc, _("Could not read the club database"));
          return NULL;
        }

      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  return stmt;
}

/* Runs a cached write statement once and resets it for its next use. */
static gboolean
step_write (CercleStore   *self,
            sqlite3_stmt  *stmt,
            const char    *what,
            GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, rc, what);

  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static const TableSql *
get_table_sql (CercleStore *self,
               GType        record_type)
{
  TableSql *sql = g_hash_table_lookup (self->table_sql, GSIZE_TO_POINTER (record_type));

  if (sql == NULL)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (record_type);
      CercleRecordClass *record_class = CERCLE_RECORD_CLASS (klass);
      const char *table = record_class->table_name;
      g_autoptr(GString) columns = g_string_new ("id, rev, updated_at, deleted");
      g_autoptr(GString) placeholders = g_string_new ("?1, ?2, ?3, ?4");
      g_autoptr(GString) updates = g_string_new ("rev = excluded.rev, "
                                                 "updated_at = excluded.updated_at, "
                                                 "deleted = excluded.deleted");
      gboolean is_member = record_type == CERCLE_TYPE_MEMBER;

      for (guint i = 0; i < record_class->n_fields; i++)
        {
          g_string_append_printf (columns, ", %s", record_class->columns[i]);
          g_string_append_printf (placeholders, ", ?%u", i + 5);
          g_string_append_printf (updates, ", %s = excluded.%s",
                                  record_class->columns[i], record_class->columns[i]);
        }

      sql = g_new0 (TableSql, 1);
      sql->select_columns = g_strdup (columns->str);
      sql->select_by_id = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?1", columns->str, table);
      sql->select_by_row_number = g_strdup_printf ("SELECT %s FROM %s WHERE pk = ?1", columns->str, table);

      if (is_member)
        {
          g_string_append (columns, ", sort_key");
          g_string_append_printf (placeholders, ", ?%u", record_class->n_fields + 5);
          g_string_append (updates, ", sort_key = excluded.sort_key");
        }

      sql->upsert = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)"
                                     " ON CONFLICT (id) DO UPDATE SET %s",
                                     table, columns->str, placeholders->str, updates->str);

      g_hash_table_insert (self->table_sql, GSIZE_TO_POINTER (record_type), sql);
    }

  return sql;
}

/* Reads one column into @value, already initialized to the field's type.
 * An unknown enum nick (from a newer server, say) reads as the default. */
static void
column_to_value (sqlite3_stmt *stmt,
                 int           column,
                 GParamSpec   *pspec,
                 GValue       *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_STRING)
    g_value_set_string (value, (const char *)sqlite3_column_text (stmt, column));
  else if (type == G_TYPE_INT)
    g_value_set_int (value, sqlite3_column_int (stmt, column));
  else if (type == G_TYPE_INT64)
    g_value_set_int64 (value, sqlite3_column_int64 (stmt, column));
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, sqlite3_column_int (stmt, column) != 0);
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *enum_class = G_PARAM_SPEC_ENUM (pspec)->enum_class;
      const char *nick = (const char *)sqlite3_column_text (stmt, column);
      GEnumValue *enum_value = nick != NULL ? g_enum_get_value_by_nick (enum_class, nick) : NULL;

      g_value_set_enum (value, enum_value != NULL ? enum_value->value
                                                  : G_PARAM_SPEC_ENUM (pspec)->default_value);
    }
  else
    g_assert_not_reached ();
}

static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    bind_text (stmt, index, g_value_get_string (value));
  else if (type == G_TYPE_INT)
    sqlite3_bind_int (stmt, index, g_value_get_int (value));
  else if (type == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, index, g_value_get_int64 (value));
  else if (type == G_TYPE_BOOLEAN)
    sqlite3_bind_int (stmt, index, g_value_get_boolean (value));
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
      GEnumValue *enum_value = g_enum_get_value (enum_class, g_value_get_enum (value));

      bind_text (stmt, index, enum_value != NULL ? enum_value->value_nick : NULL);
    }
  else
    g_assert_not_reached ();
}

static JsonNode *
value_to_json (const GValue *value)
{
  GType type = G_VALUE_TYPE (value);
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  if (type == G_TYPE_STRING)
    {
      if (g_value_get_string (value) == NULL)
        json_node_init_null (node);
      else
        json_node_set_string (node, g_value_get_string (value));
    }
  else if (type == G_TYPE_INT)
    json_node_set_int (node, g_value_get_int (value));
  else if (type == G_TYPE_INT64)
    json_node_set_int (node, g_value_get_int64 (value));
  else if (type == G_TYPE_BOOLEAN)
    json_node_set_boolean (node, g_value_get_boolean (value));
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
      GEnumValue *enum_value = g_enum_get_value (enum_class, g_value_get_enum (value));

      json_node_set_string (node, enum_value != NULL ? enum_value->value_nick : "");
    }
  else
    g_assert_not_reached ();

  return node;
}

static char *
value_to_json_text (const GValue *value)
{
  g_autoptr(JsonNode) node = value_to_json (value);

  return json_to_string (node, FALSE);
}

/* Reads a row selected with TableSql.select_columns into a new record. */
static CercleRecord *
record_from_row (GType         record_type,
                 sqlite3_stmt *stmt)
{
  CercleRecord *record;
  CercleRecordClass *klass;

  record = g_object_new (record_type,
                         "id", (const char *)sqlite3_column_text (stmt, 0),
                         NULL);
  klass = CERCLE_RECORD_GET_CLASS (record);

  cercle_record_set_rev (record, sqlite3_column_int64 (stmt, 1));
  cercle_record_set_updated_at (record, (const char *)sqlite3_column_text (stmt, 2));
  cercle_record_set_deleted (record, sqlite3_column_int (stmt, 3) != 0);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (klass->fields[i]));
      column_to_value (stmt, (int)i + 4, klass->fields[i], &value);
      _cercle_record_set_field_value (record, i, &value);
    }

  return record;
}

/* Returns NULL without an error for a missing row when @missing_ok. */
static gpointer
load_one (CercleStore  *self,
          GType         record_type,
          const char   *sql,
          gboolean      by_text,
          const char   *id,
          gint64        row_number,
          gboolean      missing_ok,
          GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = prepare (self, sql, error)))
    return NULL;

  if (by_text)
    bind_text (stmt, 1, id);
  else
    sqlite3_bind_int64 (stmt, 1, row_number);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      CercleRecord *record = record_from_row (record_type, stmt);

      sqlite3_reset (stmt);
      return record;
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    set_sqlite_error (error, self->db, rc, _("Could not read the club database"));
  else if (!missing_ok)
    g_set_error_literal (error, CERCLE_STORE_ERROR, CERCLE_STORE_ERROR_NOT_FOUND,
                         _("This entry no longer exists in the club database"));
  return NULL;
}

/* Member names sort without regard to case or accents: "Émilie" next to
 * "Emma", not after "Zoé". */
static char *
member_sort_key (CercleMember *member)
{
  g_autofree char *full = g_strdup_printf ("%s\x01%s",
                                           cercle_member_get_last_name (member) ?: "",
                                           cercle_member_get_first_name (member) ?: "");
  g_autofree char *ascii = g_str_to_ascii (full, "C");

  return g_ascii_strdown (ascii, -1);
}

static gboolean
write_row (CercleStore   *self,
           CercleRecord  *record,
           GError       **error)
{
  GType type = G_OBJECT_TYPE (record);
  CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (record);
  const TableSql *sql = get_table_sql (self, type);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = prepare (self, sql->upsert, error)))
    return FALSE;

  bind_text (stmt, 1, cercle_record_get_id (record));
  sqlite3_bind_int64 (stmt, 2, cercle_record_get_rev (record));
  bind_text (stmt, 3, cercle_record_get_updated_at (record));
  sqlite3_bind_int (stmt, 4, cercle_record_get_deleted (record));

  for (guint i = 0; i < klass->n_fields; i++)
    bind_value (stmt, (int)i + 5, cercle_record_peek_value (record, i + 1));

  if (type == CERCLE_TYPE_MEMBER)
    {
      g_autofree char *sort_key = member_sort_key (CERCLE_MEMBER (record));

      bind_text (stmt, (int)klass->n_fields + 5, sort_key);
    }

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  /* The message is made only on failure: this runs once per row. */
  if (rc != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("Could not save “%s”"),
                                               cercle_record_get_id (record));

      return set_sqlite_error (error, self->db, rc, what);
    }

  return TRUE;
}

static gboolean
add_history (CercleStore   *self,
             CercleRecord  *record,
             const char    *field,
             const GValue  *old_value,
             const GValue  *new_value,
             const char    *changed_at,
             const char    *origin,
             GError       **error)
{
  g_autofree char *old_text = value_to_json_text (old_value);
  g_autofree char *new_text = value_to_json_text (new_value);
  sqlite3_stmt *stmt;

  if (!(stmt = prepare (self,
                        "INSERT INTO history (entity, row_id, field, old_value,"
                        " new_value, changed_at, origin)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        error)))
    return FALSE;

  bind_text (stmt, 1, cercle_record_get_table_name (record));
  bind_text (stmt, 2, cercle_record_get_id (record));
  bind_text (stmt, 3, field);
  bind_text (stmt, 4, old_text);
  bind_text (stmt, 5, new_text);
  bind_text (stmt, 6, changed_at);
  bind_text (stmt, 7, origin);

  return step_write (self, stmt, _("Could not record the change history"), error);
}

static gboolean
add_outbox (CercleStore   *self,
            CercleRecord  *record,
            const char    *op,
            gint64         base_rev,
            JsonObject    *changes,
            const char    *created_at,
            GError       **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), changes);
  g_autofree char *changes_text = json_to_string (node, FALSE);
  sqlite3_stmt *stmt;

  if (!(stmt = prepare (self,
                        "INSERT INTO outbox (entity, row_id, op, base_rev, changes, created_at)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        error)))
    return FALSE;

  bind_text (stmt, 1, cercle_record_get_table_name (record));
  bind_text (stmt, 2, cercle_record_get_id (record));
  bind_text (stmt, 3, op);
  sqlite3_bind_int64 (stmt, 4, base_rev);
  bind_text (stmt, 5, changes_text);
  bind_text (stmt, 6, created_at);

  return step_write (self, stmt, _("Could not queue the change for sync"), error);
}

#define FTS_COLUMNS "first_name, last_name, company, job_title, sector, city, offers, needs"

/* Takes the words of a member about to be rewritten out of the index, while
 * the row still holds them: an external-content FTS5 table can only forget
 * the exact text it was given. A member written twice in one batch was
 * taken out already, and its first version never went in. */
static gboolean
unindex_member (CercleStore  *self,
                const char   *id,
                gboolean      exists,
                GError      **error)
{
  sqlite3_stmt *stmt;

  if (g_hash_table_contains (self->unindexed_members, id))
    return TRUE;

  g_hash_table_add (self->unindexed_members, g_strdup (id));

  if (!exists)
    return TRUE;

  if (!(stmt = prepare (self,
                        "INSERT INTO member_fts (member_fts, rowid, " FTS_COLUMNS ")"
                        " SELECT 'delete', pk, " FTS_COLUMNS " FROM member WHERE id = ?1",
                        error)))
    return FALSE;

  bind_text (stmt, 1, id);
  return step_write (self, stmt, _("Could not update the member search index"), error);
}

/* Writes one record inside the caller's transaction: the row itself, one
 * history entry per replaced value and, for a local edit, one outbox entry
 * carrying every changed field with its old and new value. */
static gboolean
save_one (CercleStore      *self,
          CercleRecord     *record,
          CercleSaveFlags   flags,
          const char       *now,
          GError          **error)
{
  GType type = G_OBJECT_TYPE (record);
  CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (record);
  const TableSql *sql = get_table_sql (self, type);
  gboolean from_server = (flags & CERCLE_SAVE_FROM_SERVER) != 0;
  g_autoptr(CercleRecord) old = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) local_error = NULL;
  const char *origin = from_server ? "server" : "local";
  gboolean deleted_changed;
  guint n_changes = 0;

  old = load_one (self, type, sql->select_by_id, TRUE, cercle_record_get_id (record), 0,
                  TRUE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < klass->n_fields; i++)
    {
      GParamSpec *pspec = klass->fields[i];
      const GValue *new_value = cercle_record_peek_value (record, i + 1);
      const GValue *old_value = NULL;
      g_auto(GValue) default_value = G_VALUE_INIT;

      if (old != NULL)
        old_value = cercle_record_peek_value (old, i + 1);
      else
        {
          g_value_init (&default_value, G_PARAM_SPEC_VALUE_TYPE (pspec));
          g_param_value_set_default (pspec, &default_value);
          old_value = &default_value;
        }

      if (old != NULL && g_param_values_cmp (pspec, old_value, new_value) == 0)
        continue;

      n_changes++;

      if (!from_server)
        {
          JsonObject *change = json_object_new ();

          json_object_set_member (change, "old", value_to_json (old_value));
          json_object_set_member (change, "new", value_to_json (new_value));
          json_object_set_object_member (changes, klass->columns[i], change);
        }

      if (old != NULL &&
          !add_history (self, record, klass->columns[i], old_value, new_value,
                        now, origin, error))
        return FALSE;
    }

  deleted_changed = old != NULL &&
                    cercle_record_get_deleted (old) != cercle_record_get_deleted (record);

  if (!from_server)
    {
      const char *op;

      /* Saving an unchanged record is not an edit: nothing to sync. */
      if (old != NULL && n_changes == 0 && !deleted_changed)
        return TRUE;

      if (old == NULL)
        op = "create";
      else if (deleted_changed && cercle_record_get_deleted (record))
        op = "delete";
      else
        op = "update";

      if (old != NULL)
        cercle_record_set_rev (record, cercle_record_get_rev (old));
      cercle_record_set_updated_at (record, now);

      if (!add_outbox (self, record, op,
                       old != NULL ? cercle_record_get_rev (old) : 0,
                       changes, now, error))
        return FALSE;
    }
  else if (cercle_record_get_updated_at (record) == NULL)
    cercle_record_set_updated_at (record, now);

  if (type == CERCLE_TYPE_MEMBER &&
      !unindex_member (self, cercle_record_get_id (record), old != NULL, error))
    return FALSE;

  return write_row (self, record, error);
}

static gboolean
index_written_members (CercleStore  *self,
                       GError      **error)
{
  g_autoptr(JsonArray) ids = json_array_sized_new (g_hash_table_size (self->unindexed_members));
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *ids_text = NULL;
  GHashTableIter iter;
  const char *id;
  sqlite3_stmt *stmt;

  if (g_hash_table_size (self->unindexed_members) == 0)
    return TRUE;

  g_hash_table_iter_init (&iter, self->unindexed_members);
  while (g_hash_table_iter_next (&iter, (gpointer *)&id, NULL))
    json_array_add_string_element (ids, id);

  node = json_node_init_array (json_node_alloc (), ids);
  ids_text = json_to_string (node, FALSE);

  if (!(stmt = prepare (self,
                        "INSERT INTO member_fts (rowid, " FTS_COLUMNS ")"
                        " SELECT pk, " FTS_COLUMNS " FROM member"
                        " WHERE id IN (SELECT value FROM json_each (?1))",
                        error)))
    return FALSE;

  bind_text (stmt, 1, ids_text);
  return step_write (self, stmt, _("Could not update the member search index"), error);
}

static gboolean
check_own_database (CercleStore  *self,
                    int           version,
                    GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;
  int n_tables;

  if (version != 0)
    return TRUE;

  /* A file that SQLite reads but that has tables and no schema version of
   * ours belongs to another program: leave it alone. */
  if (!(stmt = prepare (self, "SELECT count(*) FROM sqlite_master", error)))
    return FALSE;

  rc = sqlite3_step (stmt);
  n_tables = rc == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    return set_sqlite_error (error, self->db, rc, _("Could not read the club database"));

  if (n_tables > 0)
    {
      g_set_error (error, CERCLE_STORE_ERROR, CERCLE_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is a database of another program, not a Cercle club"),
                   self->path);
      return FALSE;
    }

  return TRUE;
}

static int
read_user_version (CercleStore  *self,
                   GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  int version = -1;

  /* Not cached: the first statement on a file is the one that finds out
   * whether it is a database at all. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  else if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
    g_set_error (error, CERCLE_STORE_ERROR, CERCLE_STORE_ERROR_NOT_A_DATABASE,
                 _("“%s” is not a Cercle club database, or it is damaged"),
                 self->path);
  else
    set_sqlite_error (error, self->db, rc, _("Could not read the club database"));

  sqlite3_finalize (stmt);

  return version;
}

static gboolean
migrate (CercleStore  *self,
         GError      **error)
{
  int version;
  g_autofree char *set_version = NULL;

  if ((version = read_user_version (self, error)) < 0)
    return FALSE;

  if (version > (int)cercle_store_n_migrations)
    {
      g_set_error (error, CERCLE_STORE_ERROR, CERCLE_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Cercle; update Cercle to open it"),
                   self->path);
      return FALSE;
    }

  if (!check_own_database (self, version, error))
    return FALSE;

  if (version == (int)cercle_store_n_migrations)
    return TRUE;

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = (guint)version; i < cercle_store_n_migrations; i++)
    {
      if (!exec_sql (self, cercle_store_migrations[i], error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %u", cercle_store_n_migrations);

  if (!exec_sql (self, set_version, error) || !exec_sql (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

static int
search_progress_cb (void *data)
{
  return g_cancellable_is_cancelled (G_CANCELLABLE (data)) ? 1 : 0;
}

/* Turns what the user typed into an FTS5 query: every word must match as a
 * prefix. Words are quoted, so that FTS5 syntax typed by the user ("AND",
 * quotes, stars) is searched as text rather than interpreted. */
char *
_cercle_store_build_match_query (const char *text)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          if (match->len > 0)
            g_string_append_c (match, ' ');
          g_string_append_printf (match, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  return match->len > 0 ? g_string_free (g_steal_pointer (&match), FALSE) : NULL;
}

static gboolean
step_all (sqlite3       *db,
          sqlite3_stmt  *stmt,
          gboolean     (*row_cb) (sqlite3_stmt *stmt, gpointer data),
          gpointer       data,
          GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!row_cb (stmt, data))
      break;

  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_sqlite_error (error, db, rc, _("Could not search the members"));

  return TRUE;
}

static gboolean
add_member_in_order (sqlite3_stmt *stmt,
                     gpointer      data)
{
  GArray *members_in_order = data;
  gint64 row_number = sqlite3_column_int64 (stmt, 0);

  g_array_append_val (members_in_order, row_number);
  return TRUE;
}

/* Called with search_lock held. */
static gboolean
ensure_member_order (CercleStore  *self,
                     GError      **error)
{
  guint generation = (guint)g_atomic_int_get (&self->members_generation);
  g_autoptr(GArray) members_in_order = NULL;
  g_autoptr(GArray) place_of_row = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 last_row = 0;
  int rc;

  if (self->members_in_order != NULL && self->order_generation == generation)
    return TRUE;

  members_in_order = g_array_new (FALSE, FALSE, sizeof (gint64));
  rc = sqlite3_prepare_v2 (self->search_db, MEMBERS_IN_ORDER_SQL, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (error, self->search_db, rc, _("Could not search the members"));
  if (!step_all (self->search_db, stmt, add_member_in_order, members_in_order, error))
    return FALSE;

  for (guint i = 0; i < members_in_order->len; i++)
    last_row = MAX (last_row, g_array_index (members_in_order, gint64, i));

  place_of_row = g_array_sized_new (FALSE, TRUE, sizeof (guint32), (guint)last_row + 1);
  g_array_set_size (place_of_row, (guint)last_row + 1);
  for (guint i = 0; i < members_in_order->len; i++)
    g_array_index (place_of_row, guint32, g_array_index (members_in_order, gint64, i)) = i + 1;

  g_clear_pointer (&self->members_in_order, g_array_unref);
  g_clear_pointer (&self->place_of_row, g_array_unref);
  self->members_in_order = g_steal_pointer (&members_in_order);
  self->place_of_row = g_steal_pointer (&place_of_row);
  self->order_generation = generation;

  return TRUE;
}

typedef struct
{
  GArray *place_of_row;
  guint8 *tier_of_place;
  guint8  tier;
} MarkMatches;

static gboolean
mark_match (sqlite3_stmt *stmt,
            gpointer      data)
{
  MarkMatches *mark = data;
  gint64 row_number = sqlite3_column_int64 (stmt, 0);
  guint32 place;

  /* Deleted members, and members written since the order was read, have
   * no place. */
  if (row_number < 0 || row_number >= (gint64)mark->place_of_row->len)
    return TRUE;

  place = g_array_index (mark->place_of_row, guint32, row_number);
  if (place != 0 && mark->tier_of_place[place - 1] == 0)
    mark->tier_of_place[place - 1] = mark->tier;

  return TRUE;
}

/* Members whose name matches every word come first, then those whose name
 * or company does, then the rest (title, sector, city, offers, needs); each
 * group in name order. Called with search_lock held. */
static GArray *
search_row_numbers (CercleStore   *self,
                    const char    *query,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *match = _cercle_store_build_match_query (query != NULL ? query : "");
  g_autofree guint8 *tier_of_place = NULL;
  g_autoptr(GArray) row_numbers = NULL;
  MarkMatches mark;
  char *matches[3];
  guint n_members;

  if (!ensure_member_order (self, error))
    return NULL;

  n_members = self->members_in_order->len;

  if (match == NULL)
    {
      row_numbers = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_members);
      g_array_append_vals (row_numbers, self->members_in_order->data, n_members);
      return g_steal_pointer (&row_numbers);
    }

  tier_of_place = g_malloc0 (MAX (n_members, 1));
  mark.place_of_row = self->place_of_row;
  mark.tier_of_place = tier_of_place;

  matches[0] = g_strdup_printf ("{first_name last_name} : (%s)", match);
  matches[1] = g_strdup_printf ("{first_name last_name company} : (%s)", match);
  matches[2] = g_strdup (match);

  if (cancellable != NULL)
    sqlite3_progress_handler (self->search_db, 1000, search_progress_cb, cancellable);

  for (guint i = 0; i < G_N_ELEMENTS (matches); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      mark.tier = (guint8)(i + 1);

      rc = sqlite3_prepare_v2 (self->search_db, MATCH_SQL, -1, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          set_sqlite_error (error, self->search_db, rc, _("Could not search the members"));
          break;
        }

      sqlite3_bind_text (stmt, 1, matches[i], -1, SQLITE_TRANSIENT);

      if (!step_all (self->search_db, stmt, mark_match, &mark, error))
        break;

      mark.tier = 0;
    }

  sqlite3_progress_handler (self->search_db, 0, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (matches); i++)
    g_free (matches[i]);

  /* A cancelled query stops with an interrupt error: the cancellation is
   * what the caller wants to hear about. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }

  if (mark.tier != 0)
    return NULL;

  row_numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint8 tier = 1; tier <= G_N_ELEMENTS (matches); tier++)
    for (guint place = 0; place < n_members; place++)
      if (tier_of_place[place] == tier)
        g_array_append_val (row_numbers, g_array_index (self->members_in_order, gint64, place));

  return g_steal_pointer (&row_numbers);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CercleStore *self = source_object;
  const char *query = task_data;
  GError *error = NULL;
  GArray *row_numbers;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->search_lock);
  row_numbers = search_row_numbers (self, query, cancellable, &error);
  g_mutex_unlock (&self->search_lock);

  if (row_numbers == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, row_numbers, (GDestroyNotify)g_array_unref);
}

static GListModel *
list_where (CercleStore  *self,
            GType         record_type,
            const char   *where_and_order,
            const char   *arg1,
            const char   *arg2,
            GError      **error)
{
  const TableSql *table = get_table_sql (self, record_type);
  g_autoptr(GTypeClass) klass = g_type_class_ref (record_type);
  g_autoptr(GListStore) store = g_list_store_new (record_type);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE deleted = 0 %s",
                         table->select_columns,
                         CERCLE_RECORD_CLASS (klass)->table_name,
                         where_and_order);

  if (!(stmt = prepare (self, sql, error)))
    return NULL;

  if (arg1 != NULL)
    bind_text (stmt, 1, arg1);
  if (arg2 != NULL)
    bind_text (stmt, 2, arg2);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CercleRecord) record = record_from_row (record_type, stmt);

      g_list_store_append (store, record);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not read the club database"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

static char *
get_meta (CercleStore *self,
          const char  *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  if (!(stmt = prepare (self, "SELECT value FROM meta WHERE key = ?1", NULL)))
    return NULL;

  bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

static void
cercle_store_finalize (GObject *object)
{
  CercleStore *self = (CercleStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->table_sql, g_hash_table_unref);
  g_clear_pointer (&self->unindexed_members, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->search_db, sqlite3_close);
  g_clear_pointer (&self->members_in_order, g_array_unref);
  g_clear_pointer (&self->place_of_row, g_array_unref);
  g_mutex_clear (&self->search_lock);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (cercle_store_parent_class)->finalize (object);
}

static void
cercle_store_class_init (CercleStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cercle_store_finalize;

  /**
   * CercleStore::changed:
   * @table: the table that changed, also the signal's detail
   *
   * Emitted after a write was committed, once per table it touched.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
cercle_store_init (CercleStore *self)
{
  g_mutex_init (&self->search_lock);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify)sqlite3_finalize);
  self->table_sql = g_hash_table_new_full (NULL, NULL, NULL, table_sql_free);
  self->unindexed_members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * cercle_store_open:
 * @path: the club database file; created if it does not exist
 *
 * Opens a club database and brings its schema up to date in one
 * transaction.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
CercleStore *
cercle_store_open (const char  *path,
                   GError     **error)
{
  g_autoptr(CercleStore) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CERCLE_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CERCLE_STORE_ERROR, CERCLE_STORE_ERROR_FAILED,
                   _("Could not open “%s”: %s"), path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  if (!migrate (self, error))
    return NULL;

  if (!exec_sql (self, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;"
                 "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;", error))
    return NULL;

  rc = sqlite3_open_v2 (path, &self->search_db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->search_db, rc, _("Could not open the club database for search"));
      return NULL;
    }
  sqlite3_busy_timeout (self->search_db, 5000);

  return g_steal_pointer (&self);
}

/**
 * cercle_store_remove_database:
 * @path: a club database file, closed
 *
 * Removes the file and the write-ahead log and shared-memory files SQLite
 * keeps beside it: a new file of the same name must not pick up an old log.
 */
void
cercle_store_remove_database (const char *path)
{
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;

  g_return_if_fail (path != NULL);

  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

const char *
cercle_store_get_path (CercleStore *self)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  return self->path;
}

int
cercle_store_get_schema_version (CercleStore *self)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), -1);

  return read_user_version (self, NULL);
}

/**
 * cercle_store_dup_club:
 *
 * Returns: (transfer full) (nullable): the club this database belongs to
 */
CercleClub *
cercle_store_dup_club (CercleStore *self)
{
  g_autoptr(GListModel) clubs = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  clubs = list_where (self, CERCLE_TYPE_CLUB, "ORDER BY pk LIMIT 1", NULL, NULL, NULL);
  if (clubs == NULL)
    return NULL;

  return g_list_model_get_item (clubs, 0);
}

/**
 * cercle_store_dup_local_member:
 *
 * Returns: (transfer full) (nullable): the member who uses this app in
 *   this club, or %NULL when not known yet
 */
CercleMember *
cercle_store_dup_local_member (CercleStore *self)
{
  g_autofree char *member_id = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(member_id = get_meta (self, "local_member_id")))
    return NULL;

  return cercle_store_get_record (self, CERCLE_TYPE_MEMBER, member_id, NULL);
}

gboolean
cercle_store_set_local_member (CercleStore  *self,
                               const char   *member_id,
                               GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (member_id != NULL, FALSE);

  if (!(stmt = prepare (self,
                        "INSERT OR REPLACE INTO meta (key, value)"
                        " SELECT 'local_member_id', id FROM member WHERE id = ?1",
                        error)))
    return FALSE;

  bind_text (stmt, 1, member_id);
  if (!step_write (self, stmt, _("Could not save who you are in this club"), error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CERCLE_STORE_ERROR, CERCLE_STORE_ERROR_NOT_FOUND,
                   _("There is no member “%s” in this club"), member_id);
      return FALSE;
    }

  g_signal_emit (self, signals [CHANGED], g_quark_from_static_string ("meta"), "meta");

  return TRUE;
}

gboolean
cercle_store_local_user_is_staff (CercleStore *self)
{
  g_autoptr(CercleMember) member = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);

  member = cercle_store_dup_local_member (self);

  return member != NULL && cercle_member_get_role (member) == CERCLE_MEMBER_ROLE_STAFF;
}

/**
 * cercle_store_get_record:
 * @record_type: a #CercleRecord subtype
 *
 * Returns: (transfer full) (type CercleRecord): the record with that id,
 *   including a deleted one, or %NULL with @error set
 */
gpointer
cercle_store_get_record (CercleStore  *self,
                         GType         record_type,
                         const char   *id,
                         GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (record_type, CERCLE_TYPE_RECORD), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return load_one (self, record_type, get_table_sql (self, record_type)->select_by_id,
                   TRUE, id, 0, FALSE, error);
}

gpointer
_cercle_store_load_by_row_number (CercleStore  *self,
                                  GType         record_type,
                                  gint64        row_number,
                                  GError      **error)
{
  return load_one (self, record_type, get_table_sql (self, record_type)->select_by_row_number,
                   FALSE, NULL, row_number, FALSE, error);
}

gboolean
cercle_store_save (CercleStore   *self,
                   CercleRecord  *record,
                   GError       **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (CERCLE_IS_RECORD (record), FALSE);

  return cercle_store_save_all (self, &record, 1, CERCLE_SAVE_LOCAL_EDIT, error);
}

/**
 * cercle_store_save_all:
 * @records: (array length=n_records): records to insert or update
 *
 * Writes @records in one transaction: either all of them are saved, or,
 * with @error set, none is.
 */
gboolean
cercle_store_save_all (CercleStore          *self,
                       CercleRecord * const *records,
                       guint                 n_records,
                       CercleSaveFlags       flags,
                       GError              **error)
{
  g_autofree char *now = NULL;
  g_autoptr(GPtrArray) tables = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL || n_records == 0, FALSE);

  if (n_records == 0)
    return TRUE;

  /* Checked before the transaction opens: returning from inside it would
   * leave it open, and every later write would be lost with it. */
  for (guint i = 0; i < n_records; i++)
    g_return_val_if_fail (CERCLE_IS_RECORD (records[i]), FALSE);

  now = cercle_now_iso8601 ();
  tables = g_ptr_array_new ();

  if (!exec_sql (self, "SAVEPOINT save_all", error))
    return FALSE;

  for (guint i = 0; i < n_records; i++)
    {
      const char *table;

      if (!save_one (self, records[i], flags, now, error))
        {
          g_hash_table_remove_all (self->unindexed_members);
          sqlite3_exec (self->db, "ROLLBACK TO save_all; RELEASE save_all", NULL, NULL, NULL);
          return FALSE;
        }

      table = cercle_record_get_table_name (records[i]);
      if (!g_ptr_array_find (tables, table, NULL))
        g_ptr_array_add (tables, (gpointer)table);
    }

  if (!index_written_members (self, error))
    {
      g_hash_table_remove_all (self->unindexed_members);
      sqlite3_exec (self->db, "ROLLBACK TO save_all; RELEASE save_all", NULL, NULL, NULL);
      return FALSE;
    }

  g_hash_table_remove_all (self->unindexed_members);

  if (!exec_sql (self, "RELEASE save_all", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  if (g_ptr_array_find_with_equal_func (tables, "member", g_str_equal, NULL))
    g_atomic_int_inc (&self->members_generation);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);

      g_signal_emit (self, signals [CHANGED], g_quark_from_string (table), table);
    }

  return TRUE;
}

/**
 * cercle_store_delete:
 *
 * Marks @record deleted. The row stays as a tombstone so that the deletion
 * reaches the club's server and every other device.
 */
gboolean
cercle_store_delete (CercleStore   *self,
                     CercleRecord  *record,
                     GError       **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (CERCLE_IS_RECORD (record), FALSE);

  cercle_record_set_deleted (record, TRUE);

  if (!cercle_store_save (self, record, error))
    {
      cercle_record_set_deleted (record, FALSE);
      return FALSE;
    }

  return TRUE;
}

/**
 * cercle_store_list_members:
 *
 * Returns: (transfer full): a #GListModel of #CercleMember in name order
 */
GListModel *
cercle_store_list_members (CercleStore  *self,
                           GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  return cercle_store_search_members (self, NULL, NULL, error);
}

/**
 * cercle_store_search_members:
 * @query: (nullable): what the user typed; empty lists every member
 *
 * Finds members whose names, company, title, sector, city, offers or needs
 * start with every word of @query, ignoring case and accents, best matches
 * first. Blocks: the interface uses cercle_store_search_members_async().
 *
 * Returns: (transfer full): a #GListModel of #CercleMember
 */
GListModel *
cercle_store_search_members (CercleStore   *self,
                             const char    *query,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GArray) row_numbers = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  g_mutex_lock (&self->search_lock);
  row_numbers = search_row_numbers (self, query, cancellable, error);
  g_mutex_unlock (&self->search_lock);
  if (row_numbers == NULL)
    return NULL;

  return G_LIST_MODEL (cercle_record_list_new (self, CERCLE_TYPE_MEMBER, row_numbers));
}

void
cercle_store_search_members_async (CercleStore         *self,
                                   const char          *query,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CERCLE_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cercle_store_search_members_async);
  g_task_set_task_data (task, g_strdup (query), g_free);
  g_task_run_in_thread (task, search_thread);
}

/**
 * cercle_store_search_members_finish:
 *
 * Returns: (transfer full): a #GListModel of #CercleMember
 */
GListModel *
cercle_store_search_members_finish (CercleStore   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_autoptr(GArray) row_numbers = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cercle_store_search_members_async, NULL);

  row_numbers = g_task_propagate_pointer (G_TASK (result), error);
  if (row_numbers == NULL)
    return NULL;

  return G_LIST_MODEL (cercle_record_list_new (self, CERCLE_TYPE_MEMBER, row_numbers));
}

guint
cercle_store_count_members (CercleStore *self)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (CERCLE_IS_STORE (self), 0);

  if (!(stmt = prepare (self, "SELECT count(*) FROM member WHERE deleted = 0", NULL)))
    return 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint)sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/**
 * cercle_store_list_events:
 * @from: (nullable): only events not over yet at this time; an event
 *   under way stays listed, as staff take attendance at the door then
 *
 * Returns: (transfer full): a #GListModel of #CercleEvent by start time
 */
GListModel *
cercle_store_list_events (CercleStore  *self,
                          GDateTime    *from,
                          GError      **error)
{
  g_autofree char *from_text = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (from != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (from);

      from_text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
    }

  return list_where (self, CERCLE_TYPE_EVENT,
                     "AND coalesce (ends_at, starts_at) >= ?1 ORDER BY starts_at, title",
                     from_text != NULL ? from_text : "", NULL, error);
}

/**
 * cercle_store_list_registrations:
 *
 * Returns: (transfer full): a #GListModel of #CercleRegistration
 */
GListModel *
cercle_store_list_registrations (CercleStore  *self,
                                 const char   *event_id,
                                 GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  return list_where (self, CERCLE_TYPE_REGISTRATION,
                     "AND event_id = ?1 ORDER BY registered_at, pk",
                     event_id, NULL, error);
}

guint
cercle_store_count_registrations (CercleStore    *self,
                                  const char     *event_id,
                                  CercleResponse  response)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (CERCLE_TYPE_RESPONSE);
  GEnumValue *value = g_enum_get_value (enum_class, response);
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (CERCLE_IS_STORE (self), 0);
  g_return_val_if_fail (event_id != NULL, 0);
  g_return_val_if_fail (value != NULL, 0);

  if (!(stmt = prepare (self,
                        "SELECT count(*) FROM registration"
                        " WHERE event_id = ?1 AND response = ?2 AND deleted = 0",
                        NULL)))
    return 0;

  bind_text (stmt, 1, event_id);
  bind_text (stmt, 2, value->value_nick);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint)sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/**
 * cercle_store_list_referrals:
 *
 * Returns: (transfer full): a #GListModel of #CercleReferral, newest first
 */
GListModel *
cercle_store_list_referrals (CercleStore  *self,
                             GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  return list_where (self, CERCLE_TYPE_REFERRAL,
                     "ORDER BY given_on DESC, pk DESC", NULL, NULL, error);
}

static JsonNode *
parse_json_text (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return json_node_init_null (json_node_alloc ());

  return json_node_copy (json_parser_get_root (parser));
}

/**
 * cercle_store_dup_outbox:
 *
 * The local edits not yet accepted by the club's server, oldest first, each
 * as a mutation object of the sync protocol.
 *
 * Returns: (transfer full): a #JsonArray of objects
 */
JsonArray *
cercle_store_dup_outbox (CercleStore  *self,
                         GError      **error)
{
  g_autoptr(JsonArray) outbox = json_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(stmt = prepare (self,
                        "SELECT mutation_no, entity, row_id, op, base_rev, changes, created_at"
                        " FROM outbox ORDER BY mutation_no",
                        error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *mutation = json_object_new ();

      json_object_set_int_member (mutation, "mutation_no", sqlite3_column_int64 (stmt, 0));
      json_object_set_string_member (mutation, "entity", (const char *)sqlite3_column_text (stmt, 1));
      json_object_set_string_member (mutation, "id", (const char *)sqlite3_column_text (stmt, 2));
      json_object_set_string_member (mutation, "op", (const char *)sqlite3_column_text (stmt, 3));
      json_object_set_int_member (mutation, "base_rev", sqlite3_column_int64 (stmt, 4));
      json_object_set_member (mutation, "changes",
                              parse_json_text ((const char *)sqlite3_column_text (stmt, 5)));
      json_object_set_string_member (mutation, "created_at", (const char *)sqlite3_column_text (stmt, 6));
      json_array_add_object_element (outbox, mutation);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not read the changes waiting for sync"));
      return NULL;
    }

  return g_steal_pointer (&outbox);
}

/**
 * cercle_store_dup_history:
 *
 * Every value of @row_id that was replaced, oldest first.
 *
 * Returns: (transfer full): a #JsonArray of objects with "entity", "field",
 *   "old", "new", "changed_at" and "origin"
 */
JsonArray *
cercle_store_dup_history (CercleStore  *self,
                          const char   *row_id,
                          GError      **error)
{
  g_autoptr(JsonArray) history = json_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (row_id != NULL, NULL);

  if (!(stmt = prepare (self,
                        "SELECT entity, field, old_value, new_value, changed_at, origin"
                        " FROM history WHERE row_id = ?1 ORDER BY pk",
                        error)))
    return NULL;

  bind_text (stmt, 1, row_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "entity", (const char *)sqlite3_column_text (stmt, 0));
      json_object_set_string_member (entry, "field", (const char *)sqlite3_column_text (stmt, 1));
      json_object_set_member (entry, "old", parse_json_text ((const char *)sqlite3_column_text (stmt, 2)));
      json_object_set_member (entry, "new", parse_json_text ((const char *)sqlite3_column_text (stmt, 3)));
      json_object_set_string_member (entry, "changed_at", (const char *)sqlite3_column_text (stmt, 4));
      json_object_set_string_member (entry, "origin", (const char *)sqlite3_column_text (stmt, 5));
      json_array_add_object_element (history, entry);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, _("Could not read the change history"));
      return NULL;
    }

  return g_steal_pointer (&history);
}
