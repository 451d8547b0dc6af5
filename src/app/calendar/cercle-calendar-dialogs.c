/* cercle-calendar-dialogs.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-calendar-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-calendar-dialogs.h"

/* The calendar's small questions and messages, all alike: a message
 * dialog over the window, Escape for the harmless answer. */

static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Tells what went wrong, in the sentence the core wrote */
void
cercle_calendar_show_error (GtkWidget  *parent,
                            const char *heading,
                            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (window_of (parent), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* An entry named @label, for the extra child of a question; Enter answers */
GtkWidget *
cercle_calendar_add_entry (GtkWidget  *box,
                           const char *label)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_box_append (GTK_BOX (box), entry);

  return entry;
}

/**
 * cercle_calendar_ask:
 * @extra_child: (nullable): entries for the answer
 * @callback: the dialog's "response" handler, called with @object
 *
 * Asks a question with two answers: @cancel_label, the default and what
 * Escape answers, and @response_label.
 */
void
cercle_calendar_ask (GtkWidget             *parent,
                     const char            *heading,
                     const char            *body,
                     GtkWidget             *extra_child,
                     const char            *cancel_label,
                     const char            *response_id,
                     const char            *response_label,
                     AdwResponseAppearance  appearance,
                     GCallback              callback,
                     gpointer               object)
{
  GtkWidget *dialog = adw_message_dialog_new (window_of (parent), heading, body);

  if (extra_child != NULL)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), extra_child);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", cancel_label,
                                    response_id, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response_id, appearance);
  /* A question with entries is answered by Enter; a destructive one is not */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           appearance == ADW_RESPONSE_DESTRUCTIVE ? "cancel" : response_id);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", callback, object, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
