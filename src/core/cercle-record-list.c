/* cercle-record-list.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-record-list"

#include "config.h"

#include "cercle-record-list.h"
#include "cercle-record.h"
#include "cercle-store-private.h"

struct _CercleRecordList
{
  GObject      parent_instance;

  CercleStore *store;
  GType        record_type;
  GArray      *row_numbers;

  /* Loaded records, so that asking twice for a row gives the same object
   * (selections and bound rows rely on it); NULL until first asked. */
  GPtrArray   *records;
};

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

  record = _cercle_store_load_by_row_number (self->store, self->record_type,
                                             g_array_index (self->row_numbers, gint64, position),
                                             &error);

  /* The row may have gone since the list was made; an empty record keeps
   * the list's length true until the view refreshes on "changed". */
  if (record == NULL)
    {
      g_debug ("Row %u of a %s list could not be read: %s",
               position, g_type_name (self->record_type), error->message);
      record = g_object_new (self->record_type, NULL);
    }

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
  self->row_numbers = g_array_ref (row_numbers);
  self->records = g_ptr_array_new_full (row_numbers->len, unref_if_loaded);
  g_ptr_array_set_size (self->records, row_numbers->len);

  return self;
}
