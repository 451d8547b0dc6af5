/* cercle-regularity-page.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-regularity-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-regularity-item.h"
#include "cercle-regularity-page.h"

/* The staff's table of how regularly each active member came over the
 * last six months, sortable by any column: "De la récurrence, en termes
 * de présence, on crée la confiance". Members expected nowhere sort first
 * by rate: they are the ones drifting away. */
struct _CercleRegularityPage
{
  GtkWidget      parent_instance;

  GListStore    *items;

  GtkColumnView *column_view;
};

G_DEFINE_FINAL_TYPE (CercleRegularityPage, cercle_regularity_page, GTK_TYPE_WIDGET)

enum {
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  COLUMN_NAME,
  COLUMN_EXPECTED,
  COLUMN_ATTENDED,
  COLUMN_RATE,
} Column;

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_NAME ? 0 : 1);
  if (column == COLUMN_NAME)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  CercleRegularityItem *line = gtk_list_item_get_item (item);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  guint expected, attended;
  double rate;

  g_object_get (line, "name", &name, "expected", &expected, "attended", &attended, "rate", &rate, NULL);

  switch (column)
    {
    case COLUMN_NAME:
      text = g_strdup (name);
      break;
    case COLUMN_EXPECTED:
      text = cercle_format_count (expected);
      break;
    case COLUMN_ATTENDED:
      text = cercle_format_count (attended);
      break;
    case COLUMN_RATE:
    default:
      /* Translators: a member expected at no event has no rate */
      text = rate < 0 ? g_strdup (C_("rate", "—")) : g_strdup_printf ("%.0f %%", rate * 100);
      break;
    }

  gtk_label_set_text (label, text);
  if (column == COLUMN_RATE && rate >= 0 && rate < 0.5)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

static void
add_column (CercleRegularityPage *self,
            const char           *title,
            Column                column,
            GtkSorter            *sorter)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, column == COLUMN_NAME);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (sorter);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static void
cercle_regularity_page_dispose (GObject *object)
{
  CercleRegularityPage *self = (CercleRegularityPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_REGULARITY_PAGE);
  while (gtk_widget_get_first_child (GTK_WIDGET (self)) != NULL)
    gtk_widget_unparent (gtk_widget_get_first_child (GTK_WIDGET (self)));
  g_clear_object (&self->items);

  G_OBJECT_CLASS (cercle_regularity_page_parent_class)->dispose (object);
}

static void
cercle_regularity_page_class_init (CercleRegularityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_regularity_page_dispose;

  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/calendar/cercle-regularity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleRegularityPage, column_view);
  gtk_widget_class_install_action (widget_class, "regularity.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "regularity.back", NULL);
}

static void
cercle_regularity_page_init (CercleRegularityPage *self)
{
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkColumnViewColumn *rate_column;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (CERCLE_TYPE_REGULARITY_ITEM);

  add_column (self, _("Member"), COLUMN_NAME,
              GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (CERCLE_TYPE_REGULARITY_ITEM,
                                                                              NULL, "name"))));
  add_column (self, _("Expected"), COLUMN_EXPECTED,
              GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (CERCLE_TYPE_REGULARITY_ITEM,
                                                                               NULL, "expected"))));
  add_column (self, _("Came"), COLUMN_ATTENDED,
              GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (CERCLE_TYPE_REGULARITY_ITEM,
                                                                               NULL, "attended"))));
  add_column (self, _("Rate"), COLUMN_RATE,
              GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (CERCLE_TYPE_REGULARITY_ITEM,
                                                                               NULL, "rate"))));

  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  /* Those drifting away first */
  rate_column = g_list_model_get_item (gtk_column_view_get_columns (self->column_view), COLUMN_RATE);
  gtk_column_view_sort_by_column (self->column_view, rate_column, GTK_SORT_ASCENDING);
  g_object_unref (rate_column);
}

/**
 * cercle_regularity_page_load:
 *
 * Computes the table for the last six months, from the club's copy.
 */
void
cercle_regularity_page_load (CercleRegularityPage *self,
                             CercleContext        *context)
{
  CercleStore *store = cercle_context_get_store (context);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) since = g_date_time_add_months (now, -6);
  g_autoptr(GArray) table = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (CERCLE_IS_REGULARITY_PAGE (self));

  table = cercle_store_compute_regularity (store, since, now, NULL);
  if (table == NULL)
    {
      g_list_store_remove_all (self->items);
      return;
    }

  for (guint i = 0; i < table->len; i++)
    {
      const CercleRegularity *entry = &g_array_index (table, CercleRegularity, i);
      g_autoptr(CercleMember) member = cercle_store_get_record (store, CERCLE_TYPE_MEMBER, entry->member_id, NULL);
      g_autofree char *name = NULL;

      if (member == NULL)
        continue;
      name = cercle_format_full_name (cercle_member_get_first_name (member), cercle_member_get_last_name (member));
      g_ptr_array_add (lines, cercle_regularity_item_new (name, cercle_member_get_company (member),
                                                          entry->expected, entry->attended,
                                                          cercle_registration_policy_attendance_rate (entry->attended,
                                                                                                      entry->expected)));
    }

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       lines->pdata, lines->len);
}
