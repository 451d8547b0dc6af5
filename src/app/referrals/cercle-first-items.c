/* cercle-first-items.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-first-items"

#include "config.h"

#include "cercle-first-items.h"

/* The first items of another list model, up to a limit: what a column of
 * the referral board shows of its thousands of rows.
 *
 * GTK 4.8's GtkSliceListModel does the same, but tells of any change
 * before its end as a change of every item from there on: a referral
 * moved to the top of a column of 68,000 would have the column's view
 * measure all its cards again. This model tells exactly what changed in
 * what it shows: a row in at the top is one item in, and the last one
 * out. */

struct _CercleFirstItems
{
  GObject     parent_instance;

  GListModel *model;
  guint       limit;
  /* What the views were last told this model holds */
  guint       n_items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CercleFirstItems, cercle_first_items, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
cercle_first_items_get_item_type (GListModel *list)
{
  CercleFirstItems *self = CERCLE_FIRST_ITEMS (list);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
cercle_first_items_get_n_items (GListModel *list)
{
  return CERCLE_FIRST_ITEMS (list)->n_items;
}

static gpointer
cercle_first_items_get_item (GListModel *list,
                             guint       position)
{
  CercleFirstItems *self = CERCLE_FIRST_ITEMS (list);

  if (position >= self->n_items)
    return NULL;

  return g_list_model_get_item (self->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cercle_first_items_get_item_type;
  iface->get_n_items = cercle_first_items_get_n_items;
  iface->get_item = cercle_first_items_get_item;
}

static guint
wanted (CercleFirstItems *self)
{
  return self->model != NULL ? MIN (self->limit, g_list_model_get_n_items (self->model)) : 0;
}

/* After a change that left the items shown a prefix of the model's,
 * trims or fills the end up to the limit */
static void
settle_end (CercleFirstItems *self)
{
  guint n = wanted (self);
  guint before = self->n_items;

  self->n_items = n;
  if (n < before)
    g_list_model_items_changed (G_LIST_MODEL (self), n, before - n, 0);
  else if (n > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, n - before);
}

static void
on_items_changed_cb (GListModel       *model,
                     guint             position,
                     guint             removed,
                     guint             added,
                     CercleFirstItems *self)
{
  guint shown_removed, shown_added;

  if (position >= self->n_items)
    {
      settle_end (self);
      return;
    }

  /* The change as it falls within what is shown; what it pushed past the
   * limit or pulled in from beyond it is then settled at the end */
  shown_removed = MIN (removed, self->n_items - position);
  shown_added = MIN (added, self->limit - position);
  self->n_items = self->n_items - shown_removed + shown_added;
  if (shown_removed > 0 || shown_added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, shown_removed, shown_added);

  settle_end (self);
}

static void
cercle_first_items_dispose (GObject *object)
{
  CercleFirstItems *self = CERCLE_FIRST_ITEMS (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (cercle_first_items_parent_class)->dispose (object);
}

static void
cercle_first_items_class_init (CercleFirstItemsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cercle_first_items_dispose;
}

static void
cercle_first_items_init (CercleFirstItems *self)
{
}

CercleFirstItems *
cercle_first_items_new (void)
{
  return g_object_new (CERCLE_TYPE_FIRST_ITEMS, NULL);
}

void
cercle_first_items_set_model (CercleFirstItems *self,
                              GListModel       *model)
{
  guint before;

  g_return_if_fail (CERCLE_IS_FIRST_ITEMS (self));
  g_return_if_fail (!model || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);

  before = self->n_items;
  self->n_items = wanted (self);
  if (before > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, before, self->n_items);
}

GListModel *
cercle_first_items_get_model (CercleFirstItems *self)
{
  g_return_val_if_fail (CERCLE_IS_FIRST_ITEMS (self), NULL);

  return self->model;
}

/* Shows the first @limit items, or all if fewer */
void
cercle_first_items_set_limit (CercleFirstItems *self,
                              guint             limit)
{
  g_return_if_fail (CERCLE_IS_FIRST_ITEMS (self));

  self->limit = limit;
  settle_end (self);
}

guint
cercle_first_items_get_limit (CercleFirstItems *self)
{
  g_return_val_if_fail (CERCLE_IS_FIRST_ITEMS (self), 0);

  return self->limit;
}
