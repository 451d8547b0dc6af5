/* cercle-sponsor-picker.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-sponsor-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-sponsor-picker.h"

/* A popover to pick one member by typing part of their name, as a sponsor:
 * the directory's own search, its first few active members listed. */

#define MAX_SHOWN 8

struct _CercleSponsorPicker
{
  GtkPopover      parent_instance;

  CercleContext  *context;
  GCancellable   *cancellable;

  GtkSearchEntry *entry;
  GtkListBox     *list;
  GtkLabel       *hint;
};

G_DEFINE_FINAL_TYPE (CercleSponsorPicker, cercle_sponsor_picker, GTK_TYPE_POPOVER)

enum {
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_list (CercleSponsorPicker *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static void
on_search_ready_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CercleSponsorPicker) self = user_data;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleRecordList) members = NULL;
  guint shown = 0;

  rows = cercle_store_search_member_rows_finish (CERCLE_STORE (object), result, &error);
  if (rows == NULL)
    return;

  clear_list (self);
  members = cercle_record_list_new (CERCLE_STORE (object), CERCLE_TYPE_MEMBER, rows);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (members)) && shown < MAX_SHOWN; i++)
    {
      g_autoptr(CercleMember) member = g_list_model_get_item (G_LIST_MODEL (members), i);
      g_autofree char *name = NULL;
      GtkWidget *row;
      GtkWidget *label;

      /* A sponsor is a member in the club today */
      if (cercle_member_get_status (member) != CERCLE_MEMBER_STATUS_ACTIVE)
        continue;

      name = cercle_format_full_name (cercle_member_get_first_name (member),
                                      cercle_member_get_last_name (member));
      label = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (row), "member-id",
                              g_strdup (cercle_record_get_id (CERCLE_RECORD (member))), g_free);
      gtk_list_box_append (self->list, row);
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->hint), shown == 0);
  gtk_label_set_text (self->hint, _("No active member has this name."));
}

static void
on_search_changed_cb (GtkSearchEntry     *entry,
                      CercleSponsorPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->context == NULL || *text == '\0')
    {
      clear_list (self);
      gtk_label_set_text (self->hint, _("Type part of a name."));
      gtk_widget_set_visible (GTK_WIDGET (self->hint), TRUE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  cercle_store_search_member_rows_async (cercle_context_get_store (self->context), text,
                                         self->cancellable, on_search_ready_cb, g_object_ref (self));
}

static void
on_row_activated_cb (GtkListBox         *list,
                     GtkListBoxRow      *row,
                     CercleSponsorPicker *self)
{
  g_autofree char *member_id = g_strdup (g_object_get_data (G_OBJECT (row), "member-id"));

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[PICKED], 0, member_id);
}

static void
on_activate_cb (GtkSearchEntry     *entry,
                CercleSponsorPicker *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

  if (first != NULL)
    on_row_activated_cb (self->list, first, self);
}

static void
cercle_sponsor_picker_show (GtkWidget *widget)
{
  CercleSponsorPicker *self = CERCLE_SPONSOR_PICKER (widget);

  GTK_WIDGET_CLASS (cercle_sponsor_picker_parent_class)->show (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  on_search_changed_cb (self->entry, self);
}

static void
cercle_sponsor_picker_dispose (GObject *object)
{
  CercleSponsorPicker *self = CERCLE_SPONSOR_PICKER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_sponsor_picker_parent_class)->dispose (object);
}

static void
cercle_sponsor_picker_class_init (CercleSponsorPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_sponsor_picker_dispose;
  widget_class->show = cercle_sponsor_picker_show;

  /**
   * CercleSponsorPicker::picked:
   * @member_id: the member chosen
   */
  signals[PICKED] =
    g_signal_new ("picked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cercle_sponsor_picker_init (CercleSponsorPicker *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->entry, "placeholder-text", _("Name of the sponsor"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search for the sponsor"),
                                  -1);
  g_signal_connect_object (self->entry, "search-changed", G_CALLBACK (on_search_changed_cb), self, 0);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (on_activate_cb), self, 0);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Members"),
                                  -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self, 0);

  self->hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "dim-label");

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->hint));
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_widget_set_size_request (box, 260, -1);
  gtk_popover_set_child (GTK_POPOVER (self), box);
  gtk_popover_set_default_widget (GTK_POPOVER (self), NULL);
}

GtkWidget *
cercle_sponsor_picker_new (void)
{
  return g_object_new (CERCLE_TYPE_SPONSOR_PICKER, NULL);
}

void
cercle_sponsor_picker_set_context (CercleSponsorPicker *self,
                                  CercleContext      *context)
{
  g_return_if_fail (CERCLE_IS_SPONSOR_PICKER (self));

  g_set_object (&self->context, context);
}
