/* cercle-amount-dialog.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-amount-dialog"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cercle-amount-dialog.h"
#include "cercle-core.h"

/* Moving a referral to won asks how much business it brought, in euros,
 * as the user writes it ("12 500", "12 500,50 €", "12,500.50"). The
 * amount is read by cercle_parse_money(); until it reads, the dialog says
 * why and cannot be confirmed. */

typedef struct
{
  GtkEntry  *entry;
  GtkLabel  *error_label;
  gint64     cents;
  gulong     cancelled_id;
  GtkWidget *dialog;
} Ask;

static void
ask_free (Ask *ask)
{
  g_free (ask);
}

static gboolean
read_amount (Ask     *ask,
             GError **error)
{
  return cercle_parse_money (gtk_editable_get_text (GTK_EDITABLE (ask->entry)), &ask->cents, error) &&
         (ask->cents > 0 ||
          (g_set_error_literal (error, CERCLE_FORMAT_ERROR, CERCLE_FORMAT_ERROR_INVALID,
                                _("Business closed is more than nothing.")), FALSE));
}

static void
on_entry_changed_cb (GtkEditable *editable,
                     GTask       *task)
{
  Ask *ask = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean valid = read_amount (ask, &error);
  gboolean typed = *gtk_editable_get_text (editable) != '\0';

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (ask->dialog), "record", valid);
  gtk_label_set_text (ask->error_label, valid || !typed ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (ask->error_label), !valid && typed);

  if (valid || !typed)
    gtk_widget_remove_css_class (GTK_WIDGET (ask->entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (ask->entry), "error");
}

static void
on_entry_activate_cb (GtkEntry *entry,
                      GTask    *task)
{
  Ask *ask = g_task_get_task_data (task);

  if (read_amount (ask, NULL))
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (ask->dialog), "record");
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                GTask            *task)
{
  Ask *ask = g_task_get_task_data (task);

  /* Not from within the cancellation itself, which would wait for itself */
  if (ask->cancelled_id != 0 && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    g_cancellable_disconnect (g_task_get_cancellable (task), ask->cancelled_id);
  ask->cancelled_id = 0;

  if (g_str_equal (response, "record") && read_amount (ask, NULL))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_boolean (task, FALSE);

  g_object_unref (task);
}

static void
on_cancelled_cb (GCancellable *cancellable,
                 GtkWidget    *dialog)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
}

/**
 * cercle_amount_dialog_ask_async:
 * @parent: (nullable): the window the dialog belongs to
 * @prospect: (nullable): the prospect whose business was won
 *
 * Asks the amount of business a referral brought.
 */
void
cercle_amount_dialog_ask_async (GtkWindow           *parent,
                                const char          *prospect,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Ask *ask;
  GtkWidget *box;
  g_autofree char *body = NULL;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cercle_amount_dialog_ask_async);
  ask = g_new0 (Ask, 1);
  g_task_set_task_data (task, ask, (GDestroyNotify)ask_free);

  if (prospect != NULL && *prospect != '\0')
    /* Translators: %s is the prospect a referral was for */
    body = g_strdup_printf (_("How much business was closed with %s, in euros? It stays with this referral, "
                              "for its giver, its receiver and the staff."), prospect);
  else
    body = g_strdup (_("How much business was closed, in euros? It stays with this referral, "
                       "for its giver, its receiver and the staff."));

  ask->dialog = adw_message_dialog_new (parent, _("Business Closed"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ask->dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("_Move to Won"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (ask->dialog), "record",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (ask->dialog), "record", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (ask->dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ask->dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  ask->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_input_purpose (ask->entry, GTK_INPUT_PURPOSE_NUMBER);
  /* Translators: a hint in the amount field */
  gtk_entry_set_placeholder_text (ask->entry, _("12 500,00"));
  gtk_entry_set_icon_from_icon_name (ask->entry, GTK_ENTRY_ICON_SECONDARY, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (ask->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Amount in euros"), -1);
  ask->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (ask->error_label, TRUE);
  gtk_label_set_xalign (ask->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (ask->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (ask->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->error_label));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (ask->dialog), box);

  g_signal_connect (ask->entry, "changed", G_CALLBACK (on_entry_changed_cb), task);
  g_signal_connect (ask->entry, "activate", G_CALLBACK (on_entry_activate_cb), task);
  g_signal_connect (ask->dialog, "response", G_CALLBACK (on_response_cb), task);

  if (cancellable != NULL)
    ask->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_cb), ask->dialog, NULL);

  gtk_window_present (GTK_WINDOW (ask->dialog));
  gtk_widget_grab_focus (GTK_WIDGET (ask->entry));
}

/**
 * cercle_amount_dialog_ask_finish:
 * @cents: (out): the amount, in cents
 *
 * Returns: whether the user gave an amount, rather than cancelling
 */
gboolean
cercle_amount_dialog_ask_finish (GAsyncResult *result,
                                 gint64       *cents)
{
  Ask *ask;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cercle_amount_dialog_ask_async, FALSE);

  ask = g_task_get_task_data (G_TASK (result));
  if (cents != NULL)
    *cents = ask->cents;

  return g_task_propagate_boolean (G_TASK (result), NULL);
}
