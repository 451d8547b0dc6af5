/* cercle-member-slots.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-member-slots"

#include "config.h"

#include <string.h>

#include "cercle-member-slots.h"

/* The member directory's list model: one slot per place in the list, each
 * showing the member the store's list (a CercleRecordList) has there.
 *
 * GTK 4.8's list view keeps a row widget for each of up to 200 items
 * around its anchor, and destroys the widgets of the items a change takes
 * away; for the items a change adds, it makes new ones. A new search
 * replaces every item of the list: at 100,000 members that cost a frame
 * of a hundred milliseconds of widgets made, bound, measured and
 * destroyed, most of them far below the window. A new search therefore
 * keeps the slots where they are and changes what they show: only the
 * list's length changes, at its end, so every row widget stays; the
 * slots in view are brought up to date at once, the others in the frames
 * that follow (cercle_member_slots_update()), or when asked for.
 *
 * Any other change of the store's list (a sync page, a member saved)
 * reaches the views as what it is, so that the rows move with their
 * members: nothing jumps under the user, and selection and scroll stay. */

struct _CercleMemberSlot
{
  GObject             parent_instance;

  CercleMemberSlots  *owner;      /* NULL once out of the list */
  guint               position;
  gint64              row;        /* whose record the slot shows, or -1 */
  CercleMember       *member;
  CercleSearchTerms  *terms;
};

struct _CercleMemberSlots
{
  GObject             parent_instance;

  CercleRecordList   *records;
  gulong              changed_id;
  gboolean            replacing;

  /* The slots alive, by position (borrowed: a slot leaves when the last
   * view lets go of it); NULL where none was asked for */
  GPtrArray          *slots;
  CercleSearchTerms  *terms;
};

enum {
  SLOT_PROP_0,
  SLOT_PROP_MEMBER,
  SLOT_N_PROPS
};

static GParamSpec *slot_properties[SLOT_N_PROPS];

G_DEFINE_FINAL_TYPE (CercleMemberSlot, cercle_member_slot, G_TYPE_OBJECT)

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CercleMemberSlots, cercle_member_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
cercle_member_slot_dispose (GObject *object)
{
  CercleMemberSlot *self = CERCLE_MEMBER_SLOT (object);

  if (self->owner != NULL)
    {
      g_assert (g_ptr_array_index (self->owner->slots, self->position) == self);
      g_ptr_array_index (self->owner->slots, self->position) = NULL;
      self->owner = NULL;
    }

  g_clear_object (&self->member);
  g_clear_pointer (&self->terms, cercle_search_terms_unref);

  G_OBJECT_CLASS (cercle_member_slot_parent_class)->dispose (object);
}

static void
cercle_member_slot_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CercleMemberSlot *self = CERCLE_MEMBER_SLOT (object);

  switch (prop_id)
    {
    case SLOT_PROP_MEMBER:
      g_value_set_object (value, self->member);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_member_slot_class_init (CercleMemberSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cercle_member_slot_dispose;
  object_class->get_property = cercle_member_slot_get_property;

  /**
   * CercleMemberSlot:member:
   *
   * The member the slot shows, with the words of the search it was
   * found by (cercle_member_slot_get_terms()), which change with it.
   */
  slot_properties[SLOT_PROP_MEMBER] =
    g_param_spec_object ("member", NULL, NULL,
                         CERCLE_TYPE_MEMBER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, SLOT_N_PROPS, slot_properties);
}

static void
cercle_member_slot_init (CercleMemberSlot *self)
{
  self->row = -1;
}

CercleMember *
cercle_member_slot_get_member (CercleMemberSlot *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER_SLOT (self), NULL);

  return self->member;
}

/**
 * cercle_member_slot_get_terms:
 *
 * Returns: (nullable): the words of the search the member was found by,
 *   for the row to show what matched; %NULL outside a search
 */
CercleSearchTerms *
cercle_member_slot_get_terms (CercleMemberSlot *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER_SLOT (self), NULL);

  return self->terms;
}

/* Points @slot at what the list has at its position; says whether that
 * changed anything */
static gboolean
fill_slot (CercleMemberSlots *self,
           CercleMemberSlot  *slot,
           gboolean           notify)
{
  gint64 row = cercle_record_list_get_row (self->records, slot->position);

  if (slot->row == row && slot->terms == self->terms)
    return FALSE;

  if (slot->row != row)
    {
      g_clear_object (&slot->member);
      slot->member = g_list_model_get_item (G_LIST_MODEL (self->records), slot->position);
      slot->row = row;
    }

  if (slot->terms != self->terms)
    {
      g_clear_pointer (&slot->terms, cercle_search_terms_unref);
      slot->terms = self->terms != NULL ? cercle_search_terms_ref (self->terms) : NULL;
    }

  if (notify)
    g_object_notify_by_pspec (G_OBJECT (slot), slot_properties[SLOT_PROP_MEMBER]);

  return TRUE;
}

static void
detach_slots (CercleMemberSlots *self,
              guint              position,
              guint              n_items)
{
  for (guint i = position; i < position + n_items; i++)
    {
      CercleMemberSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot != NULL)
        slot->owner = NULL;
    }
}

static void
renumber_slots (CercleMemberSlots *self,
                guint              from)
{
  for (guint i = from; i < self->slots->len; i++)
    {
      CercleMemberSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot != NULL)
        slot->position = i;
    }
}

static GType
cercle_member_slots_get_item_type (GListModel *model)
{
  return CERCLE_TYPE_MEMBER_SLOT;
}

static guint
cercle_member_slots_get_n_items (GListModel *model)
{
  return CERCLE_MEMBER_SLOTS (model)->slots->len;
}

static gpointer
cercle_member_slots_get_item (GListModel *model,
                              guint       position)
{
  CercleMemberSlots *self = CERCLE_MEMBER_SLOTS (model);
  CercleMemberSlot *slot;

  if (position >= self->slots->len)
    return NULL;

  if ((slot = g_ptr_array_index (self->slots, position)) != NULL)
    {
      /* Whoever asks sees what the list has there now */
      fill_slot (self, slot, TRUE);
      return g_object_ref (slot);
    }

  slot = g_object_new (CERCLE_TYPE_MEMBER_SLOT, NULL);
  slot->owner = self;
  slot->position = position;
  fill_slot (self, slot, FALSE);
  g_ptr_array_index (self->slots, position) = slot;

  return slot;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cercle_member_slots_get_item_type;
  iface->get_n_items = cercle_member_slots_get_n_items;
  iface->get_item = cercle_member_slots_get_item;
}

/* A change of the store's list that is not a new search: the slots move
 * with the rows, and the views hear of it as it is */
static void
on_records_changed_cb (GListModel        *records,
                       guint              position,
                       guint              removed,
                       guint              added,
                       CercleMemberSlots *self)
{
  guint old_len = self->slots->len;

  if (self->replacing)
    return;

  detach_slots (self, position, removed);
  g_ptr_array_remove_range (self->slots, position, removed);

  if (added > 0)
    {
      g_ptr_array_set_size (self->slots, (int)(old_len - removed + added));
      memmove (self->slots->pdata + position + added, self->slots->pdata + position,
               (old_len - removed - position) * sizeof (gpointer));
      memset (self->slots->pdata + position, 0, added * sizeof (gpointer));
    }

  if (removed != added)
    renumber_slots (self, position);

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
cercle_member_slots_finalize (GObject *object)
{
  CercleMemberSlots *self = CERCLE_MEMBER_SLOTS (object);

  g_clear_signal_handler (&self->changed_id, self->records);
  detach_slots (self, 0, self->slots->len);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_object (&self->records);
  g_clear_pointer (&self->terms, cercle_search_terms_unref);

  G_OBJECT_CLASS (cercle_member_slots_parent_class)->finalize (object);
}

static void
cercle_member_slots_class_init (CercleMemberSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cercle_member_slots_finalize;
}

static void
cercle_member_slots_init (CercleMemberSlots *self)
{
  self->slots = g_ptr_array_new ();
}

/**
 * cercle_member_slots_new:
 * @records: the store's list of members, which the slots follow
 *
 * Returns: (transfer full): a new list of slots
 */
CercleMemberSlots *
cercle_member_slots_new (CercleRecordList *records)
{
  CercleMemberSlots *self;

  g_return_val_if_fail (CERCLE_IS_RECORD_LIST (records), NULL);

  self = g_object_new (CERCLE_TYPE_MEMBER_SLOTS, NULL);
  self->records = g_object_ref (records);
  g_ptr_array_set_size (self->slots, (int)g_list_model_get_n_items (G_LIST_MODEL (records)));
  self->changed_id = g_signal_connect (records, "items-changed", G_CALLBACK (on_records_changed_cb), self);

  return self;
}

/**
 * cercle_member_slots_get_records:
 *
 * Returns: (transfer none): the store's list the slots show
 */
CercleRecordList *
cercle_member_slots_get_records (CercleMemberSlots *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER_SLOTS (self), NULL);

  return self->records;
}

/**
 * cercle_member_slots_replace:
 * @row_numbers: (transfer none): the members found
 * @terms: (nullable): the words they were found by
 *
 * Shows a new search: the store's list becomes @row_numbers, and the
 * slots stay where they are, only their number changing, at the end. The
 * slots alive show what they showed until brought up to date with
 * cercle_member_slots_update() or asked for again.
 */
void
cercle_member_slots_replace (CercleMemberSlots *self,
                             GArray            *row_numbers,
                             CercleSearchTerms *terms)
{
  guint old_len, new_len;

  g_return_if_fail (CERCLE_IS_MEMBER_SLOTS (self));
  g_return_if_fail (row_numbers != NULL);

  self->replacing = TRUE;
  cercle_record_list_replace_rows (self->records, row_numbers);
  self->replacing = FALSE;

  if (self->terms != terms)
    {
      g_clear_pointer (&self->terms, cercle_search_terms_unref);
      self->terms = terms != NULL ? cercle_search_terms_ref (terms) : NULL;
    }

  old_len = self->slots->len;
  new_len = row_numbers->len;

  if (new_len < old_len)
    {
      detach_slots (self, new_len, old_len - new_len);
      g_ptr_array_set_size (self->slots, (int)new_len);
      g_list_model_items_changed (G_LIST_MODEL (self), new_len, old_len - new_len, 0);
    }
  else if (new_len > old_len)
    {
      g_ptr_array_set_size (self->slots, (int)new_len);
      g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, new_len - old_len);
    }
}

/**
 * cercle_member_slots_is_current:
 *
 * Returns: whether the slot at @position shows what the list has there
 *   (a slot nobody asked for always does)
 */
gboolean
cercle_member_slots_is_current (CercleMemberSlots *self,
                                guint              position)
{
  CercleMemberSlot *slot;

  g_return_val_if_fail (CERCLE_IS_MEMBER_SLOTS (self), TRUE);

  if (position >= self->slots->len || (slot = g_ptr_array_index (self->slots, position)) == NULL)
    return TRUE;

  return slot->row == cercle_record_list_get_row (self->records, position) && slot->terms == self->terms;
}

/**
 * cercle_member_slots_update:
 *
 * Brings the slot at @position up to date, if it is alive: its views
 * follow through notify.
 *
 * Returns: whether the slot changed
 */
gboolean
cercle_member_slots_update (CercleMemberSlots *self,
                            guint              position)
{
  CercleMemberSlot *slot;

  g_return_val_if_fail (CERCLE_IS_MEMBER_SLOTS (self), FALSE);

  if (position >= self->slots->len || (slot = g_ptr_array_index (self->slots, position)) == NULL)
    return FALSE;

  return fill_slot (self, slot, TRUE);
}

/**
 * cercle_member_slots_update_range:
 *
 * Brings the slots alive in [@position, @position + @n_items) up to date,
 * reading the members they need in one query.
 *
 * Returns: how many changed
 */
guint
cercle_member_slots_update_range (CercleMemberSlots *self,
                                  guint              position,
                                  guint              n_items)
{
  guint n_changed = 0;
  guint end;

  g_return_val_if_fail (CERCLE_IS_MEMBER_SLOTS (self), 0);

  position = MIN (position, self->slots->len);
  end = position + MIN (n_items, self->slots->len - position);

  /* Rows that cannot be read are read again one by one, and shown empty */
  if (!cercle_record_list_load (self->records, position, end - position, NULL))
    g_debug ("Members %u to %u could not be read at once", position, end);

  for (guint i = position; i < end; i++)
    if (cercle_member_slots_update (self, i))
      n_changed++;

  return n_changed;
}
