/* cercle-message-list.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-message-list"

#include "config.h"

#include "cercle-message-list.h"

/* One conversation's messages as a list model that holds only what was
 * shown: it starts with the latest few, enough for the first frame, and
 * grows upward a few messages at a time as the view scrolls up to them
 * (cercle_message_list_load_earlier()), each read through the
 * conversation's index from the oldest one held, so a conversation of ten
 * thousand messages opens as fast as one of ten. The text was decrypted
 * when it arrived (by the sync worker), so nothing here decrypts. When
 * messages change, only they are read again (the store's change set names
 * them), and each takes, changes or leaves its place among those held:
 * messages that arrive are added where they belong (at the end, mostly),
 * and one that went (vanished, withdrawn) leaves its place, so the view
 * keeps its own, however far up the user scrolled. */

struct _CercleMessageItem
{
  GObject             parent_instance;

  char               *id;
  char               *text;
  char               *sent_at;
  gboolean            outgoing;
  CercleMessageState  state;
  gint64              position;
};

G_DEFINE_FINAL_TYPE (CercleMessageItem, cercle_message_item, G_TYPE_OBJECT)

static void
cercle_message_item_finalize (GObject *object)
{
  CercleMessageItem *self = CERCLE_MESSAGE_ITEM (object);

  g_free (self->id);
  g_free (self->text);
  g_free (self->sent_at);

  G_OBJECT_CLASS (cercle_message_item_parent_class)->finalize (object);
}

static void
cercle_message_item_class_init (CercleMessageItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cercle_message_item_finalize;
}

static void
cercle_message_item_init (CercleMessageItem *self)
{
}

static CercleMessageItem *
item_from_text (const CercleMessageText *row)
{
  CercleMessageItem *self = g_object_new (CERCLE_TYPE_MESSAGE_ITEM, NULL);

  self->id = g_strdup (row->message_id);
  self->text = g_strdup (row->text);
  self->sent_at = g_strdup (row->sent_at);
  self->outgoing = row->outgoing;
  self->state = row->state;
  self->position = row->position;

  return self;
}

const char *
cercle_message_item_get_id (CercleMessageItem *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE_ITEM (self), NULL);

  return self->id;
}

const char *
cercle_message_item_get_text (CercleMessageItem *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE_ITEM (self), NULL);

  return self->text;
}

const char *
cercle_message_item_get_sent_at (CercleMessageItem *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE_ITEM (self), NULL);

  return self->sent_at;
}

gboolean
cercle_message_item_get_outgoing (CercleMessageItem *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE_ITEM (self), FALSE);

  return self->outgoing;
}

CercleMessageState
cercle_message_item_get_state (CercleMessageItem *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE_ITEM (self), CERCLE_MESSAGE_STATE_DAMAGED);

  return self->state;
}

struct _CercleMessageList
{
  GObject      parent_instance;

  CercleStore *store;
  char        *conversation_id;
  /* The messages shown so far, oldest first */
  GPtrArray   *items;
  gboolean     has_earlier;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CercleMessageList, cercle_message_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return CERCLE_TYPE_MESSAGE_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return CERCLE_MESSAGE_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  CercleMessageList *self = CERCLE_MESSAGE_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* Where a message held stands, as the store reads from it */
static void
key_of (CercleMessageItem *item,
        CercleMessageText *key)
{
  *key = (CercleMessageText) {
    .message_id = item->id,
    .sent_at = item->sent_at,
    .position = item->position,
  };
}

static gboolean
same_message (CercleMessageItem *item,
              CercleMessageText *row)
{
  return item->position == row->position && item->state == row->state &&
         g_strcmp0 (item->id, row->message_id) == 0 && g_strcmp0 (item->text, row->text) == 0;
}

static GPtrArray *
read_latest (CercleMessageList *self,
             guint              n)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  rows = cercle_store_read_messages_before (self->store, self->conversation_id, NULL, n, &error);
  if (rows == NULL)
    {
      g_debug ("Could not read the conversation: %s", error->message);
      return g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_message_text_free);
    }

  self->has_earlier = rows->len == n;

  return rows;
}

static void
cercle_message_list_finalize (GObject *object)
{
  CercleMessageList *self = CERCLE_MESSAGE_LIST (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->conversation_id, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (cercle_message_list_parent_class)->finalize (object);
}

static void
cercle_message_list_class_init (CercleMessageListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cercle_message_list_finalize;
}

static void
cercle_message_list_init (CercleMessageList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

CercleMessageList *
cercle_message_list_new (CercleStore *store,
                         const char  *conversation_id)
{
  g_autoptr(GPtrArray) rows = NULL;
  CercleMessageList *self;

  g_return_val_if_fail (CERCLE_IS_STORE (store), NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);

  self = g_object_new (CERCLE_TYPE_MESSAGE_LIST, NULL);
  self->store = g_object_ref (store);
  self->conversation_id = g_strdup (conversation_id);

  rows = read_latest (self, CERCLE_MESSAGE_LIST_FIRST);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (self->items, item_from_text (g_ptr_array_index (rows, i)));

  return self;
}

const char *
cercle_message_list_get_conversation_id (CercleMessageList *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE_LIST (self), NULL);

  return self->conversation_id;
}

/**
 * cercle_message_list_has_earlier:
 *
 * Returns: whether the conversation may have messages before the first
 *   one in the list
 */
gboolean
cercle_message_list_has_earlier (CercleMessageList *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE_LIST (self), FALSE);

  return self->has_earlier;
}

/**
 * cercle_message_list_load_earlier:
 * @n: how many at most
 *
 * Adds, in front, up to @n messages of the conversation from before the
 * first one in the list.
 *
 * Returns: whether there were earlier messages
 */
gboolean
cercle_message_list_load_earlier (CercleMessageList *self,
                                  guint              n)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  CercleMessageText first;

  g_return_val_if_fail (CERCLE_IS_MESSAGE_LIST (self), FALSE);
  g_return_val_if_fail (n > 0, FALSE);

  if (!self->has_earlier)
    return FALSE;

  if (self->items->len == 0)
    rows = read_latest (self, n);
  else
    {
      key_of (g_ptr_array_index (self->items, 0), &first);
      rows = cercle_store_read_messages_before (self->store, self->conversation_id, &first, n, &error);
      if (rows == NULL)
        {
          g_debug ("Could not read the conversation: %s", error->message);
          self->has_earlier = FALSE;
          return FALSE;
        }
      self->has_earlier = rows->len == n;
    }

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_insert (self->items, i, item_from_text (g_ptr_array_index (rows, i)));
  if (rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, rows->len);

  return rows->len > 0;
}

/**
 * cercle_message_list_refresh:
 *
 * Reads the conversation again from the first message in the list on,
 * and tells the part that changed: messages that arrived are added (at
 * the end, mostly), messages that went are removed from their place.
 */
void
cercle_message_list_refresh (CercleMessageList *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  CercleMessageText first;
  guint old_n, prefix = 0, suffix = 0;

  g_return_if_fail (CERCLE_IS_MESSAGE_LIST (self));

  old_n = self->items->len;
  if (old_n == 0)
    rows = read_latest (self, CERCLE_MESSAGE_LIST_FIRST);
  else
    {
      key_of (g_ptr_array_index (self->items, 0), &first);
      rows = cercle_store_read_messages_since (self->store, self->conversation_id, &first, &error);
      if (rows == NULL)
        {
          g_debug ("Could not read the conversation: %s", error->message);
          return;
        }
    }

  while (prefix < old_n && prefix < rows->len &&
         same_message (g_ptr_array_index (self->items, prefix), g_ptr_array_index (rows, prefix)))
    prefix++;
  while (suffix < old_n - prefix && suffix < rows->len - prefix &&
         same_message (g_ptr_array_index (self->items, old_n - 1 - suffix),
                       g_ptr_array_index (rows, rows->len - 1 - suffix)))
    suffix++;

  if (prefix == old_n && prefix == rows->len)
    return;

  g_ptr_array_remove_range (self->items, prefix, old_n - prefix - suffix);
  for (guint i = prefix; i < rows->len - suffix; i++)
    g_ptr_array_insert (self->items, i, item_from_text (g_ptr_array_index (rows, i)));

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix, rows->len - prefix - suffix);
}

/* The order of a thread: by time sent, then as this device stored them */
static int
compare_keys (const char *sent_at_a,
              gint64      position_a,
              const char *sent_at_b,
              gint64      position_b)
{
  int order = g_strcmp0 (sent_at_a, sent_at_b);

  if (order != 0)
    return order;

  return (position_a > position_b) - (position_a < position_b);
}

/* Where a message at (@sent_at, @position) stands, or would stand, among
 * those held: the first held that does not come before it */
static guint
find_place (CercleMessageList *self,
            const char        *sent_at,
            gint64             position)
{
  guint low = 0, high = self->items->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      CercleMessageItem *item = g_ptr_array_index (self->items, middle);

      if (compare_keys (item->sent_at, item->position, sent_at, position) < 0)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const CercleMessageText *row_a = *(CercleMessageText * const *)a;
  const CercleMessageText *row_b = *(CercleMessageText * const *)b;

  return compare_keys (row_a->sent_at, row_a->position, row_b->sent_at, row_b->position);
}

/**
 * cercle_message_list_apply_changes:
 * @changes: what the store says changed
 *
 * Reads again only the messages @changes names, and tells each change in
 * its place: a message held that went, or that moved, leaves its place;
 * one that changed there is replaced; one that arrived is added where it
 * belongs among those held (not before the first held, while earlier ones
 * are still to load). A change set that names no messages, only that
 * they all may have changed, reads the thread again as
 * cercle_message_list_refresh() does.
 */
void
cercle_message_list_apply_changes (CercleMessageList *self,
                                   CercleChangeSet   *changes)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) arrived = NULL;
  g_autoptr(GHashTable) held = NULL;
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GError) error = NULL;
  guint pending_at = 0, n_pending = 0;

  g_return_if_fail (CERCLE_IS_MESSAGE_LIST (self));
  g_return_if_fail (changes != NULL);

  if (!cercle_change_set_touches (changes, CERCLE_ENTITY_MESSAGE))
    return;

  if (cercle_change_set_is_everything (changes, CERCLE_ENTITY_MESSAGE))
    {
      cercle_message_list_refresh (self);
      return;
    }

  ids = cercle_change_set_dup_ids (changes, CERCLE_ENTITY_MESSAGE);
  rows = cercle_store_read_messages_by_id (self->store, (const char * const *)ids, &error);
  if (rows == NULL)
    {
      g_debug ("Could not read the conversation: %s", error->message);
      return;
    }

  found = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < rows->len; i++)
    {
      CercleMessageText *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->conversation_id, self->conversation_id) == 0)
        g_hash_table_insert (found, row->message_id, row);
    }

  held = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->items->len; i++)
    {
      CercleMessageItem *item = g_ptr_array_index (self->items, i);

      if (g_strv_contains ((const char * const *)ids, item->id))
        g_hash_table_insert (held, item->id, item);
    }

  /* The messages held that changed: in place, or out of it */
  arrived = g_ptr_array_new ();
  for (guint i = 0; ids[i] != NULL; i++)
    {
      CercleMessageItem *item = g_hash_table_lookup (held, ids[i]);
      CercleMessageText *row = g_hash_table_lookup (found, ids[i]);
      guint place;

      if (item == NULL)
        {
          if (row != NULL)
            g_ptr_array_add (arrived, row);
          continue;
        }

      place = find_place (self, item->sent_at, item->position);
      g_assert (place < self->items->len && g_ptr_array_index (self->items, place) == item);

      if (row != NULL && compare_keys (item->sent_at, item->position, row->sent_at, row->position) == 0)
        {
          if (!same_message (item, row))
            {
              g_hash_table_remove (held, ids[i]);
              g_ptr_array_index (self->items, place) = item_from_text (row);
              g_object_unref (item);
              g_list_model_items_changed (G_LIST_MODEL (self), place, 1, 1);
            }
          continue;
        }

      g_hash_table_remove (held, ids[i]);
      g_ptr_array_remove_index (self->items, place);
      g_list_model_items_changed (G_LIST_MODEL (self), place, 1, 0);
      if (row != NULL)
        g_ptr_array_add (arrived, row);
    }

  /* The messages that arrived, in order, told in runs: a page of them at
   * the end is one change */
  g_ptr_array_sort (arrived, compare_rows);
  for (guint i = 0; i < arrived->len; i++)
    {
      CercleMessageText *row = g_ptr_array_index (arrived, i);
      guint place;

      if (self->items->len > 0 && self->has_earlier)
        {
          CercleMessageItem *first = g_ptr_array_index (self->items, 0);

          /* Read when the view scrolls up to it */
          if (compare_keys (row->sent_at, row->position, first->sent_at, first->position) < 0)
            continue;
        }

      place = find_place (self, row->sent_at, row->position);
      if (n_pending > 0 && place != pending_at + n_pending)
        {
          g_list_model_items_changed (G_LIST_MODEL (self), pending_at, 0, n_pending);
          n_pending = 0;
        }
      if (n_pending == 0)
        pending_at = place;
      g_ptr_array_insert (self->items, place, item_from_text (row));
      n_pending++;
    }

  if (n_pending > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), pending_at, 0, n_pending);
}
