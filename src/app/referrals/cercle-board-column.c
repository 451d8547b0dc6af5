/* cercle-board-column.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-board-column"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-board-column.h"
#include "cercle-core.h"
#include "cercle-first-items.h"

/* A column of the referral board: its title, how many cards and what they
 * are worth, and the cards themselves in a list view of their own, which
 * scrolls on its own. The board gives it its model, whose changes it shows
 * as they come, and its factory.
 *
 * The list view shows the first cards of the model only (GTK 4.8's list
 * view makes up to 200 rows whatever is on screen): as many as fill the
 * column and one more, and more as the user scrolls down. Cards come a
 * few per frame, shared among the window's columns, so that a board
 * opened or a column emptied and filled again never holds a frame for
 * long; what a frame has room for is drawn first. */

/* Cards shown as soon as rows come, before the column knows its height */
#define FIRST_CARDS 2
/* Cards the "Show More" button adds */
#define PAGE_SIZE 8
/* Cards are added while the end of those shown is this close to the
 * bottom of the column: about one card below the fold */
#define MORE_MARGIN 120
/* Cards all the columns of a window may add in one frame: making and
 * laying out a card takes about half a millisecond */
#define CARDS_PER_FRAME 4

struct _CercleBoardColumn
{
  GtkWidget       parent_instance;

  GListModel     *model;

  GtkWidget      *header_box;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkStack       *stack;
  GtkLabel       *placeholder_label;
  GtkListView    *list_view;
  GtkNoSelection *selection;
  CercleFirstItems *first_items;
  GtkButton      *more_button;
  guint           grow_id;
  /* Until its first rows come, an empty column is not said to be empty */
  gboolean        loading;
};

G_DEFINE_FINAL_TYPE (CercleBoardColumn, cercle_board_column, GTK_TYPE_WIDGET)

static void
update_empty (CercleBoardColumn *self)
{
  guint n_items = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->first_items));

  gtk_stack_set_visible_child_name (self->stack, n_items == 0 && !self->loading ? "empty" : "list");
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), n_items > shown);

  if (n_items > shown)
    {
      g_autofree char *more = cercle_format_count (MIN (PAGE_SIZE, n_items - shown));
      g_autofree char *total = cercle_format_count (n_items);
      g_autofree char *label = NULL;

      /* Translators: at the foot of a column of the board, as in
       * "Show 25 More of 1,250" */
      label = g_strdup_printf (_("Show %s More of %s"), more, total);
      gtk_button_set_label (self->more_button, label);
    }
}

static void
show_more (CercleBoardColumn *self,
           guint              n)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->first_items));

  cercle_first_items_set_limit (self->first_items, shown + n);
  update_empty (self);
}

static void
on_more_clicked_cb (GtkButton         *button,
                    CercleBoardColumn *self)
{
  show_more (self, PAGE_SIZE);
}

/* Whether the cards shown end above the fold, or not far below it */
static gboolean
wants_more (CercleBoardColumn *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  guint n_items = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  double page = adjustment != NULL ? gtk_adjustment_get_page_size (adjustment) : 0;

  /* Not laid out yet: its height is not known */
  if (adjustment == NULL || page <= 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;

  return n_items > g_list_model_get_n_items (G_LIST_MODEL (self->first_items)) &&
         gtk_adjustment_get_value (adjustment) + page + MORE_MARGIN >= gtk_adjustment_get_upper (adjustment);
}

/* One more card a frame while the column wants it, within what all the
 * window's columns may add in that frame */
static gboolean
grow_tick_cb (GtkWidget     *widget,
              GdkFrameClock *frame_clock,
              gpointer       user_data)
{
  static gint64 frame = -1;
  static guint made_in_frame;
  CercleBoardColumn *self = CERCLE_BOARD_COLUMN (widget);
  gint64 counter = gdk_frame_clock_get_frame_counter (frame_clock);

  if (!wants_more (self))
    {
      self->grow_id = 0;
      return G_SOURCE_REMOVE;
    }

  if (counter != frame)
    {
      frame = counter;
      made_in_frame = 0;
    }

  if (made_in_frame < CARDS_PER_FRAME)
    {
      made_in_frame++;
      show_more (self, 1);
    }

  return G_SOURCE_CONTINUE;
}

static void
queue_grow (CercleBoardColumn *self)
{
  if (self->grow_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->grow_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), grow_tick_cb, NULL, NULL);
}

/* Scrolled near the end of the cards shown, or with room for more */
static void
on_adjustment_changed_cb (GtkAdjustment     *adjustment,
                          CercleBoardColumn *self)
{
  queue_grow (self);
}

static void
on_items_changed_cb (GListModel        *model,
                     guint              position,
                     guint              removed,
                     guint              added,
                     CercleBoardColumn *self)
{
  update_empty (self);
  queue_grow (self);
}

static void
cercle_board_column_dispose (GObject *object)
{
  CercleBoardColumn *self = (CercleBoardColumn *) object;
  GtkWidget *child;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_clear_object (&self->model);
  if (self->grow_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->grow_id);
  self->grow_id = 0;
  if (self->first_items != NULL)
    cercle_first_items_set_model (self->first_items, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_BOARD_COLUMN);
  /* Children the template does not bind are ours to unparent too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cercle_board_column_parent_class)->dispose (object);
}

static void
cercle_board_column_finalize (GObject *object)
{
  g_clear_object (&CERCLE_BOARD_COLUMN (object)->first_items);

  G_OBJECT_CLASS (cercle_board_column_parent_class)->finalize (object);
}

static void
cercle_board_column_class_init (CercleBoardColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_board_column_dispose;
  object_class->finalize = cercle_board_column_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/referrals/cercle-board-column.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleBoardColumn, header_box);
  gtk_widget_class_bind_template_child (widget_class, CercleBoardColumn, title_label);
  gtk_widget_class_bind_template_child (widget_class, CercleBoardColumn, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CercleBoardColumn, stack);
  gtk_widget_class_bind_template_child (widget_class, CercleBoardColumn, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, CercleBoardColumn, list_view);
  gtk_widget_class_bind_template_child (widget_class, CercleBoardColumn, selection);
  gtk_widget_class_bind_template_child (widget_class, CercleBoardColumn, more_button);
  gtk_widget_class_bind_template_callback (widget_class, on_more_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "boardcolumn");
}

static void
cercle_board_column_init (CercleBoardColumn *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->first_items = cercle_first_items_new ();
  cercle_first_items_set_limit (self->first_items, FIRST_CARDS);
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->first_items));
  update_empty (self);

  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)), "changed",
                           G_CALLBACK (on_adjustment_changed_cb), self, 0);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)), "value-changed",
                           G_CALLBACK (on_adjustment_changed_cb), self, 0);
}

GtkWidget *
cercle_board_column_new (void)
{
  return g_object_new (CERCLE_TYPE_BOARD_COLUMN, NULL);
}

void
cercle_board_column_set_title (CercleBoardColumn *self,
                               const char        *title)
{
  g_return_if_fail (CERCLE_IS_BOARD_COLUMN (self));

  gtk_label_set_text (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

/* How many cards, and what they are worth */
void
cercle_board_column_set_subtitle (CercleBoardColumn *self,
                                  const char        *subtitle)
{
  g_return_if_fail (CERCLE_IS_BOARD_COLUMN (self));

  gtk_label_set_text (self->subtitle_label, subtitle ? subtitle : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle ? subtitle : "", -1);
}

void
cercle_board_column_set_placeholder (CercleBoardColumn *self,
                                     const char        *text)
{
  g_return_if_fail (CERCLE_IS_BOARD_COLUMN (self));

  gtk_label_set_text (self->placeholder_label, text);
}

void
cercle_board_column_set_model (CercleBoardColumn *self,
                               GListModel        *model)
{
  g_return_if_fail (CERCLE_IS_BOARD_COLUMN (self));
  g_return_if_fail (!model || G_IS_LIST_MODEL (model));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);

  g_set_object (&self->model, model);
  /* A new model starts with its first cards again */
  cercle_first_items_set_limit (self->first_items, FIRST_CARDS);
  cercle_first_items_set_model (self->first_items, model);

  if (model != NULL)
    g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);

  update_empty (self);
}

void
cercle_board_column_set_factory (CercleBoardColumn  *self,
                                 GtkListItemFactory *factory)
{
  g_return_if_fail (CERCLE_IS_BOARD_COLUMN (self));

  gtk_list_view_set_factory (self->list_view, factory);
}

/* A control of the column's own, beside its title ("Post a Need") */
void
cercle_board_column_set_header_widget (CercleBoardColumn *self,
                                       GtkWidget         *widget)
{
  g_return_if_fail (CERCLE_IS_BOARD_COLUMN (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->header_box), widget);
}

/* While @loading, an empty column shows nothing rather than its
 * placeholder, which would say there is nothing before it is known */
void
cercle_board_column_set_loading (CercleBoardColumn *self,
                                 gboolean           loading)
{
  g_return_if_fail (CERCLE_IS_BOARD_COLUMN (self));

  self->loading = !!loading;
  update_empty (self);
}

GtkListView *
cercle_board_column_get_list_view (CercleBoardColumn *self)
{
  g_return_val_if_fail (CERCLE_IS_BOARD_COLUMN (self), NULL);

  return self->list_view;
}

/* Whether the column is still making the cards that fill it */
gboolean
cercle_board_column_is_filling (CercleBoardColumn *self)
{
  g_return_val_if_fail (CERCLE_IS_BOARD_COLUMN (self), FALSE);

  return self->grow_id != 0;
}
