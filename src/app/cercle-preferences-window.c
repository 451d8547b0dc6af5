/* cercle-preferences-window.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-preferences-window.h"

/* The app's preferences: for now, the reminders of one's events. Every
 * change is saved at once, as GNOME preferences are. */
struct _CerclePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkSwitch            *reminders_switch;
  AdwComboRow          *lead_row;
};

G_DEFINE_FINAL_TYPE (CerclePreferencesWindow, cercle_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const int lead_minutes[] = { 15, 30, 60, 120, 24 * 60 };

static void
on_lead_selected_cb (AdwComboRow             *row,
                     GParamSpec              *pspec,
                     CerclePreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->settings != NULL && selected < G_N_ELEMENTS (lead_minutes))
    g_settings_set_int (self->settings, "reminder-minutes", lead_minutes[selected]);
}

static void
cercle_preferences_window_dispose (GObject *object)
{
  CerclePreferencesWindow *self = (CerclePreferencesWindow *) object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cercle_preferences_window_parent_class)->dispose (object);
}

static void
cercle_preferences_window_class_init (CerclePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/cercle-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CerclePreferencesWindow, reminders_switch);
  gtk_widget_class_bind_template_child (widget_class, CerclePreferencesWindow, lead_row);
}

static void
cercle_preferences_window_init (CerclePreferencesWindow *self)
{
  g_autoptr(GtkStringList) leads = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (leads, _("15 minutes"));
  gtk_string_list_append (leads, _("30 minutes"));
  gtk_string_list_append (leads, _("1 hour"));
  gtk_string_list_append (leads, _("2 hours"));
  gtk_string_list_append (leads, _("1 day"));
  adw_combo_row_set_model (self->lead_row, G_LIST_MODEL (leads));
}

/**
 * cercle_preferences_window_new:
 * @settings: (nullable): the app's settings; %NULL when the schema is not
 *   installed, and then nothing can be changed
 */
GtkWidget *
cercle_preferences_window_new (GSettings *settings)
{
  CerclePreferencesWindow *self = g_object_new (CERCLE_TYPE_PREFERENCES_WINDOW, NULL);
  int minutes;
  guint closest = 2;

  if (settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->reminders_switch), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->lead_row), FALSE);
      return GTK_WIDGET (self);
    }

  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "event-reminders", self->reminders_switch, "active", G_SETTINGS_BIND_DEFAULT);

  minutes = g_settings_get_int (settings, "reminder-minutes");
  for (guint i = 0; i < G_N_ELEMENTS (lead_minutes); i++)
    if (ABS (lead_minutes[i] - minutes) < ABS (lead_minutes[closest] - minutes))
      closest = i;
  adw_combo_row_set_selected (self->lead_row, closest);
  g_signal_connect_object (self->lead_row, "notify::selected", G_CALLBACK (on_lead_selected_cb), self, 0);

  return GTK_WIDGET (self);
}
