/* cercle-message-list.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-message-list"

#include "config.h"

#include "cercle-message-list.h"

/* One conversation's messages as a list model that reads only the pages
 * the list view shows, and starts with the latest ones: a conversation of
 * ten thousand messages opens by counting them and reading its last page;
 * older ones are added in front when the view scrolls up to them
 * (cercle_message_list_load_earlier()). The text was decrypted when it
 * arrived (by the sync worker), so nothing here decrypts. New messages
 * are told as added at the end, so the view keeps its place; a sweep that
 * removed some starts the list over. */

struct _CercleMessageItem
{
  GObject             parent_instance;

  char               *id;
  char               *text;
  char               *sent_at;
  gboolean            outgoing;
  CercleMessageState  state;
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
item_from_text (CercleMessageText *row)
{
  CercleMessageItem *self = g_object_new (CERCLE_TYPE_MESSAGE_ITEM, NULL);

  self->id = g_steal_pointer (&row->message_id);
  self->text = g_steal_pointer (&row->text);
  self->sent_at = g_steal_pointer (&row->sent_at);
  self->outgoing = row->outgoing;
  self->state = row->state;

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
  guint        total;
  /* The position in the conversation of the list's first message */
  guint        first;

  /* Pages read, by number: a few only, the ones the view shows */
  GHashTable  *pages;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CercleMessageList, cercle_message_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Enough for a screen and what scrolling brings next */
#define MAX_PAGES 8

static GType
get_item_type (GListModel *model)
{
  return CERCLE_TYPE_MESSAGE_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  CercleMessageList *self = CERCLE_MESSAGE_LIST (model);

  return self->total - self->first;
}

static GPtrArray *
read_page (CercleMessageList *self,
           guint              page)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  rows = cercle_store_read_messages (self->store, self->conversation_id,
                                     page * CERCLE_MESSAGE_LIST_PAGE, CERCLE_MESSAGE_LIST_PAGE, &error);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  if (rows == NULL)
    {
      g_debug ("Could not read the conversation: %s", error->message);
      return items;
    }

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, item_from_text (g_ptr_array_index (rows, i)));

  return items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  CercleMessageList *self = CERCLE_MESSAGE_LIST (model);
  guint page = (self->first + position) / CERCLE_MESSAGE_LIST_PAGE;
  guint index = (self->first + position) % CERCLE_MESSAGE_LIST_PAGE;
  GPtrArray *items;

  if (position >= self->total - self->first)
    return NULL;

  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    {
      if (g_hash_table_size (self->pages) >= MAX_PAGES)
        g_hash_table_remove_all (self->pages);
      items = read_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
    }

  if (index >= items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (items, index));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
cercle_message_list_finalize (GObject *object)
{
  CercleMessageList *self = CERCLE_MESSAGE_LIST (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->conversation_id, g_free);
  g_clear_pointer (&self->pages, g_hash_table_unref);

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
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
}

CercleMessageList *
cercle_message_list_new (CercleStore *store,
                         const char  *conversation_id)
{
  CercleMessageList *self;

  g_return_val_if_fail (CERCLE_IS_STORE (store), NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);

  self = g_object_new (CERCLE_TYPE_MESSAGE_LIST, NULL);
  self->store = g_object_ref (store);
  self->conversation_id = g_strdup (conversation_id);
  self->total = cercle_store_count_conversation_messages (store, conversation_id, NULL);
  /* The last page, whole: the first screen reads one page */
  self->first = self->total - self->total % CERCLE_MESSAGE_LIST_PAGE;
  if (self->first == self->total && self->first > 0)
    self->first -= CERCLE_MESSAGE_LIST_PAGE;

  return self;
}

const char *
cercle_message_list_get_conversation_id (CercleMessageList *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE_LIST (self), NULL);

  return self->conversation_id;
}

/**
 * cercle_message_list_load_earlier:
 *
 * Adds the page of messages before the first one, in front.
 *
 * Returns: whether there were earlier messages
 */
gboolean
cercle_message_list_load_earlier (CercleMessageList *self)
{
  guint n;

  g_return_val_if_fail (CERCLE_IS_MESSAGE_LIST (self), FALSE);

  if (self->first == 0)
    return FALSE;

  n = MIN (self->first, CERCLE_MESSAGE_LIST_PAGE);
  self->first -= n;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n);

  return TRUE;
}

/**
 * cercle_message_list_refresh:
 *
 * Reads the conversation's count again: messages that arrived are added at
 * the end; when some went (vanished, withdrawn), the list starts over from
 * the latest.
 */
void
cercle_message_list_refresh (CercleMessageList *self)
{
  guint old_n, total;

  g_return_if_fail (CERCLE_IS_MESSAGE_LIST (self));

  old_n = self->total - self->first;
  total = cercle_store_count_conversation_messages (self->store, self->conversation_id, NULL);

  if (total >= self->total)
    {
      /* The last page read may have been short: it is read again */
      if (self->total > 0)
        g_hash_table_remove (self->pages, GUINT_TO_POINTER ((self->total - 1) / CERCLE_MESSAGE_LIST_PAGE));
      if (total > self->total)
        {
          guint added = total - self->total;

          self->total = total;
          g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, added);
        }
      return;
    }

  g_hash_table_remove_all (self->pages);
  self->total = total;
  self->first = total - total % CERCLE_MESSAGE_LIST_PAGE;
  if (self->first == total && total > 0)
    self->first -= CERCLE_MESSAGE_LIST_PAGE;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->total - self->first);
}
