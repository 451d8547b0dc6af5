/* cercle-editor-dialog.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-editor-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-editor-dialog.h"

/* Set on an editor once the user agreed to discard what it holds: it is
 * on its way out and must not ask again */
#define DISCARDED_KEY "cercle-editor-discarded"

static gboolean
destroy_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        GtkWindow        *editor)
{
  if (!g_str_equal (response, "discard"))
    return;

  /* Destroyed once the question, whose parent the editor is, is gone */
  g_object_set_data (G_OBJECT (editor), DISCARDED_KEY, GINT_TO_POINTER (TRUE));
  gtk_widget_set_visible (GTK_WIDGET (editor), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_cb, g_object_ref (editor), g_object_unref);
}

/**
 * cercle_editor_dup_text:
 *
 * Returns: (transfer full): the text of @view, without the blanks around it
 */
char *
cercle_editor_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

/**
 * cercle_editor_dup_entry_text:
 *
 * Returns: (transfer full): the text of @editable, without the blanks
 *   around it
 */
char *
cercle_editor_dup_entry_text (GtkEditable *editable)
{
  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

/**
 * cercle_editor_show_error:
 * @editor: the editor window
 * @error_label: its label for what went wrong
 * @message: the sentence to show
 *
 * Says why the editor could not save, and rings the bell: the editor stays
 * open with what was typed.
 */
void
cercle_editor_show_error (GtkWindow  *editor,
                          GtkLabel   *error_label,
                          const char *message)
{
  g_return_if_fail (GTK_IS_WINDOW (editor));
  g_return_if_fail (GTK_IS_LABEL (error_label));
  g_return_if_fail (message != NULL);

  gtk_label_set_text (error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);
  gtk_widget_error_bell (GTK_WIDGET (editor));
}

/**
 * cercle_editor_ask_discard:
 * @editor: an editor window holding text the user typed
 * @heading: the question, such as "Discard This Need?"
 * @body: (nullable): what discarding loses; %NULL for "What you typed
 *   will be lost."
 *
 * For an editor's #GtkWindowClass.close_request when it holds something
 * typed: asks whether to keep editing or discard. Keeping (the default,
 * and Escape) leaves the editor and its text as they are; discarding
 * destroys the editor.
 *
 * Returns: %TRUE if it asked, so that the close request stops there;
 *   %FALSE if the user already chose to discard, so the editor may close
 */
gboolean
cercle_editor_ask_discard (GtkWindow  *editor,
                           const char *heading,
                           const char *body)
{
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WINDOW (editor), FALSE);
  g_return_val_if_fail (heading != NULL, FALSE);

  if (g_object_get_data (G_OBJECT (editor), DISCARDED_KEY) != NULL)
    return FALSE;

  dialog = adw_message_dialog_new (editor, heading, body != NULL ? body : _("What you typed will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), editor, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}
