/* cercle-record-list.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-record-list"

#include "config.h"

#include <string.h>

#include "cercle-change-set.h"
#include "cercle-record-list.h"
#include "cercle-record.h"
#include "cercle-store-private.h"
#include "cercle-visibility.h"

/* Beyond this many separate runs of changes, one replacement of the span
 * that differs is cheaper for the view than many small ones. */
#define MAX_RUNS 64

struct _CercleRecordList
{
  GObject      parent_instance;

  CercleStore *store;
  GType        record_type;
  GArray      *row_numbers;

  /* Loaded records, so that asking twice for a row gives the same object
   * (selections and bound rows rely on it); NULL until first asked. */
  GPtrArray   *records;

  /* Who the records are read for: what they may not see is emptied as
   * each record is read, before anyone gets it */
  CercleViewer *viewer;
  /* While the rows change: records read elsewhere for the first of the
   * new rows (row_numbers' first), handed out rather than read again */
  GArray       *offered_rows;
  GPtrArray    *offered;
};

typedef struct
{
  guint   position;
  guint   removed;
  guint   first_added;   /* index into the new rows */
  guint   added;
} Run;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CercleRecordList, cercle_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
unref_if_loaded (gpointer record)
{
  if (record != NULL)
    g_object_unref (record);
}

static GType
cercle_record_list_get_item_type (GListModel *model)
{
  return CERCLE_RECORD_LIST (model)->record_type;
}

static guint
cercle_record_list_get_n_items (GListModel *model)
{
  return CERCLE_RECORD_LIST (model)->row_numbers->len;
}

static gpointer
cercle_record_list_get_item (GListModel *model,
                             guint       position)
{
  CercleRecordList *self = CERCLE_RECORD_LIST (model);
  g_autoptr(GError) error = NULL;
  gpointer record;

  if (position >= self->row_numbers->len)
    return NULL;

  if ((record = g_ptr_array_index (self->records, position)) != NULL)
    return g_object_ref (record);

  /* Checked by row, since the list passes through other orders while it
   * changes */
  if (self->offered != NULL && position < self->offered->len &&
      g_array_index (self->offered_rows, gint64, position) == g_array_index (self->row_numbers, gint64, position))
    {
      record = g_object_ref (g_ptr_array_index (self->offered, position));
      if (self->viewer != NULL)
        cercle_visibility_redact (self->viewer, record);
      g_ptr_array_index (self->records, position) = g_object_ref (record);

      return record;
    }

  record = _cercle_store_load_by_row_number (self->store, self->record_type,
                                             g_array_index (self->row_numbers, gint64, position),
                                             &error);

  /* The row may have gone since the list was made; an empty record keeps
   * the list's length true until the view updates it. */
  if (record == NULL)
    {
      g_debug ("Row %u of a %s list could not be read: %s",
               position, g_type_name (self->record_type), error->message);
      record = g_object_new (self->record_type, NULL);
    }
  else if (self->viewer != NULL)
    cercle_visibility_redact (self->viewer, record);

  g_ptr_array_index (self->records, position) = g_object_ref (record);

  return record;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cercle_record_list_get_item_type;
  iface->get_n_items = cercle_record_list_get_n_items;
  iface->get_item = cercle_record_list_get_item;
}

static void
cercle_record_list_finalize (GObject *object)
{
  CercleRecordList *self = (CercleRecordList *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->row_numbers, g_array_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->viewer, cercle_viewer_free);

  G_OBJECT_CLASS (cercle_record_list_parent_class)->finalize (object);
}

static void
cercle_record_list_class_init (CercleRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cercle_record_list_finalize;
}

static void
cercle_record_list_init (CercleRecordList *self)
{
}

static GHashTable *
row_set (GArray *rows)
{
  GHashTable *set = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (set, &g_array_index (rows, gint64, i));

  return set;
}

/* The runs of removals and insertions that turn @old into @new, in the
 * order they apply (each position counts the runs before it). A row that
 * moved is removed and inserted again. Returns NULL past MAX_RUNS. */
static GArray *
diff_rows (GArray *old,
           GArray *new)
{
  g_autoptr(GHashTable) in_old = row_set (old);
  g_autoptr(GHashTable) in_new = row_set (new);
  g_autoptr(GHashTable) moved = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  guint i = 0, j = 0;

  while (i < old->len || j < new->len)
    {
      Run run = { j, 0, j, 0 };
      gint64 *o, *n;

      o = i < old->len ? &g_array_index (old, gint64, i) : NULL;
      n = j < new->len ? &g_array_index (new, gint64, j) : NULL;

      if (o != NULL && n != NULL && *o == *n)
        {
          i++, j++;
          continue;
        }

      while (i < old->len &&
             !(j < new->len && g_array_index (old, gint64, i) == g_array_index (new, gint64, j)) &&
             !g_hash_table_contains (in_new, &g_array_index (old, gint64, i)))
        run.removed++, i++;

      while (j < new->len &&
             !(i < old->len && g_array_index (old, gint64, i) == g_array_index (new, gint64, j)) &&
             (!g_hash_table_contains (in_old, &g_array_index (new, gint64, j)) ||
              g_hash_table_contains (moved, &g_array_index (new, gint64, j))))
        run.added++, j++;

      if (run.removed == 0 && run.added == 0)
        {
          /* Both rows are in both lists, in another order: take this one
           * out here, it goes back in where the new list has it */
          g_hash_table_add (moved, &g_array_index (old, gint64, i));
          run.removed = 1;
          i++;
        }

      if (runs->len > 0)
        {
          Run *last = &g_array_index (runs, Run, runs->len - 1);

          if (last->position + last->added == run.position && last->first_added + last->added == run.first_added)
            {
              last->removed += run.removed;
              last->added += run.added;
              continue;
            }
        }

      if (runs->len == MAX_RUNS)
        return NULL;

      g_array_append_val (runs, run);
    }

  return g_steal_pointer (&runs);
}

/* How many rows @old and @new share at their start and, after that, at
 * their end */
static void
common_ends (GArray *old,
             GArray *new,
             guint  *prefix,
             guint  *suffix)
{
  *prefix = 0;
  *suffix = 0;

  while (*prefix < old->len && *prefix < new->len &&
         g_array_index (old, gint64, *prefix) == g_array_index (new, gint64, *prefix))
    (*prefix)++;
  while (*suffix < old->len - *prefix && *suffix < new->len - *prefix &&
         g_array_index (old, gint64, old->len - 1 - *suffix) ==
         g_array_index (new, gint64, new->len - 1 - *suffix))
    (*suffix)++;
}

/* The runs that turn @old into @new, looking only between what both keep
 * at their ends: most changes (a page appended, a row moved to the top, a
 * few rows gone) cost a comparison of the ends and no hashing of a list of
 * 200,000 rows, which would hold the interface for tens of milliseconds. */
static GArray *
diff_middle (GArray *old,
             GArray *new)
{
  g_autoptr(GArray) old_middle = NULL;
  g_autoptr(GArray) new_middle = NULL;
  GArray *runs;
  guint prefix, suffix;

  common_ends (old, new, &prefix, &suffix);

  if (prefix == old->len - suffix || prefix == new->len - suffix)
    {
      Run run = { prefix, old->len - suffix - prefix, prefix, new->len - suffix - prefix };

      runs = g_array_new (FALSE, FALSE, sizeof (Run));
      if (run.removed > 0 || run.added > 0)
        g_array_append_val (runs, run);
      return runs;
    }

  old_middle = g_array_sized_new (FALSE, FALSE, sizeof (gint64), old->len - suffix - prefix);
  g_array_append_vals (old_middle, &g_array_index (old, gint64, prefix), old->len - suffix - prefix);
  new_middle = g_array_sized_new (FALSE, FALSE, sizeof (gint64), new->len - suffix - prefix);
  g_array_append_vals (new_middle, &g_array_index (new, gint64, prefix), new->len - suffix - prefix);

  runs = diff_rows (old_middle, new_middle);
  if (runs == NULL)
    return NULL;

  for (guint r = 0; r < runs->len; r++)
    {
      g_array_index (runs, Run, r).position += prefix;
      g_array_index (runs, Run, r).first_added += prefix;
    }

  return runs;
}

/* Each run reaches the views as a removal, then an insertion, never both
 * in one change: a list view whose visible or focused item was removed
 * looks for it among the items added by the same change, reading every
 * one of them, which for a search cleared in a club of 100,000 members
 * would read them all from the database. */

/**
 * cercle_record_list_set_rows:
 * @row_numbers: (transfer none): the rows the list must show now
 *
 * Changes the list in place into @row_numbers, telling its views only what
 * was removed and inserted: rows that stay keep their objects, so a view
 * keeps its selection and scroll position.
 */
void
cercle_record_list_set_rows (CercleRecordList *self,
                             GArray           *row_numbers)
{
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GHashTable) kept = NULL;

  g_return_if_fail (CERCLE_IS_RECORD_LIST (self));
  g_return_if_fail (row_numbers != NULL);

  runs = diff_middle (self->row_numbers, row_numbers);

  if (runs == NULL)
    {
      /* Too many changes: replace the span between what stays at both ends */
      guint old_len = self->row_numbers->len;
      guint new_len = row_numbers->len;
      guint prefix, suffix;
      guint removed, added;

      common_ends (self->row_numbers, row_numbers, &prefix, &suffix);

      removed = old_len - prefix - suffix;
      added = new_len - prefix - suffix;

      /* A removal, then an insertion: see above */
      if (removed > 0)
        {
          g_array_remove_range (self->row_numbers, prefix, removed);
          g_ptr_array_remove_range (self->records, prefix, removed);
          g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, 0);
        }

      if (added > 0)
        {
          g_array_insert_vals (self->row_numbers, prefix, &g_array_index (row_numbers, gint64, prefix), added);
          g_ptr_array_set_size (self->records, (int)new_len);
          memmove (self->records->pdata + prefix + added, self->records->pdata + prefix,
                   suffix * sizeof (gpointer));
          memset (self->records->pdata + prefix, 0, added * sizeof (gpointer));
          g_list_model_items_changed (G_LIST_MODEL (self), prefix, 0, added);
        }
      return;
    }

  /* Objects of moved rows go back in where the rows reappear */
  kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  for (guint r = 0; r < runs->len; r++)
    {
      const Run *run = &g_array_index (runs, Run, r);

      for (guint k = 0; k < run->removed; k++)
        {
          CercleRecord *record = g_steal_pointer (&self->records->pdata[run->position + k]);

          if (record != NULL)
            g_hash_table_insert (kept,
                                 g_memdup2 (&g_array_index (self->row_numbers, gint64, run->position + k),
                                            sizeof (gint64)),
                                 record);
        }

      g_array_remove_range (self->row_numbers, run->position, run->removed);
      g_ptr_array_remove_range (self->records, run->position, run->removed);
      if (run->removed > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), run->position, run->removed, 0);

      g_array_insert_vals (self->row_numbers, run->position,
                           &g_array_index (row_numbers, gint64, run->first_added), run->added);
      for (guint k = 0; k < run->added; k++)
        {
          gint64 row = g_array_index (row_numbers, gint64, run->first_added + k);
          gpointer stolen_key = NULL, record = NULL;

          g_hash_table_steal_extended (kept, &row, &stolen_key, &record);
          g_free (stolen_key);
          g_ptr_array_insert (self->records, (int)(run->position + k), record);
        }

      if (run->added > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), run->position, 0, run->added);
    }
}

/**
 * cercle_record_list_set_rows_with_records:
 * @row_numbers: (transfer none): the rows the list must show now
 * @records: (transfer none) (element-type CercleRecord): the records of
 *   the first rows of @row_numbers, in order, read already (by a worker
 *   thread, say), which the list takes rather than reading them again
 *
 * As cercle_record_list_set_rows(); the views that show the first rows
 * at once get them without a query. Rows the list had read already keep
 * their objects.
 */
void
cercle_record_list_set_rows_with_records (CercleRecordList *self,
                                          GArray           *row_numbers,
                                          GPtrArray        *records)
{
  g_return_if_fail (CERCLE_IS_RECORD_LIST (self));
  g_return_if_fail (row_numbers != NULL);
  g_return_if_fail (records != NULL && records->len <= row_numbers->len);

  self->offered_rows = row_numbers;
  self->offered = records;

  cercle_record_list_set_rows (self, row_numbers);

  for (guint i = 0; i < records->len; i++)
    if (g_ptr_array_index (self->records, i) == NULL)
      g_object_unref (cercle_record_list_get_item (G_LIST_MODEL (self), i));

  self->offered_rows = NULL;
  self->offered = NULL;
}

/**
 * cercle_record_list_replace_rows:
 * @row_numbers: (transfer none): the rows the list must show now
 *
 * Like cercle_record_list_set_rows(), but in one change: the span between
 * what both lists keep at their ends is replaced, and rows in both keep
 * their objects. A list view keeps the row widgets of the objects it gets
 * back in the same change, where a removal then an insertion would
 * destroy them and make new ones; but it may read every inserted item to
 * find them. For a short new list, such as the first rows of a search,
 * where many small changes would each make the view redo its widgets.
 */
void
cercle_record_list_replace_rows (CercleRecordList *self,
                                 GArray           *row_numbers)
{
  g_autoptr(GHashTable) kept = NULL;
  guint old_len, new_len;
  guint prefix, suffix;
  guint removed, added;

  g_return_if_fail (CERCLE_IS_RECORD_LIST (self));
  g_return_if_fail (row_numbers != NULL);

  old_len = self->row_numbers->len;
  new_len = row_numbers->len;
  common_ends (self->row_numbers, row_numbers, &prefix, &suffix);

  removed = old_len - prefix - suffix;
  added = new_len - prefix - suffix;
  if (removed == 0 && added == 0)
    return;

  kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  for (guint k = prefix; k < prefix + removed; k++)
    if (self->records->pdata[k] != NULL)
      g_hash_table_insert (kept, &g_array_index (self->row_numbers, gint64, k),
                           g_steal_pointer (&self->records->pdata[k]));

  g_ptr_array_remove_range (self->records, prefix, removed);
  g_ptr_array_set_size (self->records, (int)new_len);
  memmove (self->records->pdata + prefix + added, self->records->pdata + prefix,
           suffix * sizeof (gpointer));
  for (guint k = 0; k < added; k++)
    {
      gint64 row = g_array_index (row_numbers, gint64, prefix + k);
      gpointer record = NULL;

      g_hash_table_steal_extended (kept, &row, NULL, &record);
      self->records->pdata[prefix + k] = record;
    }

  /* The keys point into the old rows: let go of them first */
  g_clear_pointer (&kept, g_hash_table_unref);

  g_array_remove_range (self->row_numbers, prefix, removed);
  g_array_insert_vals (self->row_numbers, prefix, &g_array_index (row_numbers, gint64, prefix), added);

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
}

/**
 * cercle_record_list_refresh:
 * @changes: what the store wrote
 *
 * Reads again the loaded records that @changes names and updates them in
 * place: the rows showing them follow through notify, and the list's
 * objects, selection and scroll position stay.
 *
 * Returns: how many records changed
 */
guint
cercle_record_list_refresh (CercleRecordList *self,
                            CercleChangeSet  *changes)
{
  g_autoptr(GTypeClass) klass = NULL;
  CercleEntity entity;
  guint n_changed = 0;

  g_return_val_if_fail (CERCLE_IS_RECORD_LIST (self), 0);
  g_return_val_if_fail (changes != NULL, 0);

  klass = g_type_class_ref (self->record_type);
  entity = CERCLE_RECORD_CLASS (klass)->entity;

  if (!cercle_change_set_touches (changes, entity))
    return 0;

  for (guint i = 0; i < self->records->len; i++)
    {
      CercleRecord *record = g_ptr_array_index (self->records, i);
      g_autoptr(CercleRecord) fresh = NULL;

      if (record == NULL ||
          !cercle_change_set_contains (changes, entity, cercle_record_get_id (record)))
        continue;

      /* Held by the list alone, a record is shown nowhere: it is let go,
       * and read when next asked for, rather than read now on the main
       * thread (a sync page may name a thousand rows a view once showed) */
      if (G_OBJECT (record)->ref_count == 1)
        {
          g_clear_object (&self->records->pdata[i]);
          continue;
        }

      fresh = _cercle_store_load_by_row_number (self->store, self->record_type,
                                                g_array_index (self->row_numbers, gint64, i), NULL);
      if (fresh != NULL && self->viewer != NULL)
        cercle_visibility_redact (self->viewer, fresh);
      if (fresh != NULL &&
          g_strcmp0 (cercle_record_get_id (fresh), cercle_record_get_id (record)) == 0 &&
          cercle_record_update_from (record, fresh))
        n_changed++;
    }

  return n_changed;
}

/**
 * cercle_record_list_get_rows:
 *
 * Returns: (transfer none) (element-type gint64): the list's row numbers,
 *   in its order, until it changes
 */
const GArray *
cercle_record_list_get_rows (CercleRecordList *self)
{
  g_return_val_if_fail (CERCLE_IS_RECORD_LIST (self), NULL);

  return self->row_numbers;
}

gint64
cercle_record_list_get_row (CercleRecordList *self,
                            guint             position)
{
  g_return_val_if_fail (CERCLE_IS_RECORD_LIST (self), -1);
  g_return_val_if_fail (position < self->row_numbers->len, -1);

  return g_array_index (self->row_numbers, gint64, position);
}

/**
 * cercle_record_list_find_row:
 *
 * Returns: the position of @row_number in the list, or
 *   %GTK_INVALID_LIST_POSITION (%G_MAXUINT)
 */
guint
cercle_record_list_find_row (CercleRecordList *self,
                             gint64            row_number)
{
  g_return_val_if_fail (CERCLE_IS_RECORD_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->row_numbers->len; i++)
    if (g_array_index (self->row_numbers, gint64, i) == row_number)
      return i;

  return G_MAXUINT;
}

/**
 * cercle_record_list_new:
 * @row_numbers: (transfer none): #gint64 row numbers of @record_type's table
 *
 * Returns: (transfer full): a new list
 */
CercleRecordList *
cercle_record_list_new (CercleStore *store,
                        GType        record_type,
                        GArray      *row_numbers)
{
  CercleRecordList *self;

  g_return_val_if_fail (CERCLE_IS_STORE (store), NULL);
  g_return_val_if_fail (g_type_is_a (record_type, CERCLE_TYPE_RECORD), NULL);
  g_return_val_if_fail (row_numbers != NULL, NULL);

  self = g_object_new (CERCLE_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  self->record_type = record_type;
  self->row_numbers = g_array_sized_new (FALSE, FALSE, sizeof (gint64), row_numbers->len);
  g_array_append_vals (self->row_numbers, row_numbers->data, row_numbers->len);
  self->records = g_ptr_array_new_full (row_numbers->len, unref_if_loaded);
  g_ptr_array_set_size (self->records, row_numbers->len);

  return self;
}

/**
 * cercle_record_list_set_viewer:
 * @viewer: (nullable): who the list is read for
 *
 * Makes the list hand out its records as @viewer may see them
 * (cercle_visibility_redact()). Set it before the first record is read.
 */
void
cercle_record_list_set_viewer (CercleRecordList   *self,
                               const CercleViewer *viewer)
{
  g_return_if_fail (CERCLE_IS_RECORD_LIST (self));

  g_clear_pointer (&self->viewer, cercle_viewer_free);
  if (viewer != NULL)
    self->viewer = cercle_viewer_copy (viewer);

  /* Records read already were read for someone else */
  for (guint i = 0; i < self->records->len; i++)
    g_clear_object (&self->records->pdata[i]);
}

/**
 * cercle_record_list_load:
 * @position: the first position to read
 * @n_items: how many
 *
 * Reads the records of [@position, @position + @n_items) that the list
 * has not read yet, in one query rather than one per row: for a view that
 * shows them all at once, such as a month. Rows that went missing stay
 * unread, and get_item() copes with them as ever.
 */
gboolean
cercle_record_list_load (CercleRecordList  *self,
                         guint              position,
                         guint              n_items,
                         GError           **error)
{
  g_autoptr(GTypeClass) klass = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(JsonArray) rows = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *rows_text = NULL;
  g_autofree char *query = NULL;
  CercleRecordSql *sql;
  CercleDb *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_RECORD_LIST (self), FALSE);

  n_items = MIN (n_items, self->row_numbers->len - MIN (position, self->row_numbers->len));
  wanted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  rows = json_array_new ();

  for (guint i = position; i < position + n_items; i++)
    {
      gint64 row = g_array_index (self->row_numbers, gint64, i);

      if (g_ptr_array_index (self->records, i) != NULL)
        continue;
      g_hash_table_insert (wanted, g_memdup2 (&row, sizeof row), GUINT_TO_POINTER (i + 1));
      json_array_add_int_element (rows, row);
    }

  if (json_array_get_length (rows) == 0)
    return TRUE;

  klass = g_type_class_ref (self->record_type);
  sql = _cercle_store_get_sql (self->store, CERCLE_RECORD_CLASS (klass)->entity);
  db = self->store->db;
  node = json_node_init_array (json_node_alloc (), rows);
  rows_text = json_to_string (node, FALSE);
  query = g_strdup_printf ("SELECT %s, pk FROM %s WHERE pk IN (SELECT value FROM json_each (?1))",
                           sql->select_columns, CERCLE_RECORD_CLASS (klass)->table_name);

  if (!(stmt = cercle_db_prepare (db, query, error)) ||
      !cercle_db_bind_text (db, stmt, 1, rows_text, error))
    return FALSE;

  while ((rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (stmt, (int)CERCLE_RECORD_CLASS (klass)->n_fields +
                                               CERCLE_RECORD_SQL_FIRST_FIELD);
      guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (wanted, &row));

      if (slot != 0 && g_ptr_array_index (self->records, slot - 1) == NULL)
        {
          CercleRecord *record = cercle_record_sql_read (sql, stmt);

          if (record != NULL && self->viewer != NULL)
            cercle_visibility_redact (self->viewer, record);
          g_ptr_array_index (self->records, slot - 1) = record;
        }
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}
