/* cercle-need-editor.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-need-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-need-editor.h"

/* Posting a need to the club, "je recherche…": what the member looks for,
 * filed under one of the sectors the club's members work in, so that the
 * right members answer it. */
struct _CercleNeedEditor
{
  AdwWindow      parent_instance;

  CercleContext *context;
  char         **sectors;
  gboolean       posted;

  GtkLabel      *error_label;
  AdwEntryRow   *title_row;
  AdwComboRow   *sector_row;
  GtkTextView   *body_view;
};

G_DEFINE_FINAL_TYPE (CercleNeedEditor, cercle_need_editor, ADW_TYPE_WINDOW)

enum {
  POSTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
body_text (CercleNeedEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static gboolean
has_edits (CercleNeedEditor *self)
{
  g_autofree char *body = body_text (self);

  return !self->posted &&
         (*gtk_editable_get_text (GTK_EDITABLE (self->title_row)) != '\0' || *body != '\0');
}

static void
on_post_clicked_cb (GtkButton        *button,
                    CercleNeedEditor *self)
{
  g_autoptr(CercleRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = body_text (self);
  guint sector = adw_combo_row_get_selected (self->sector_row);

  if (self->context == NULL)
    return;

  /* The first choice is "no particular sector" */
  request = cercle_store_post_request (cercle_context_get_store (self->context),
                                       gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                                       body,
                                       sector > 0 && self->sectors != NULL ? self->sectors[sector - 1] : NULL,
                                       &error);
  if (request == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  self->posted = TRUE;
  g_signal_emit (self, signals[POSTED], 0, request);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_cancel_clicked_cb (GtkButton        *button,
                      CercleNeedEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
destroy_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CercleNeedEditor *self)
{
  if (g_str_equal (response, "discard"))
    {
      /* Once the dialog, which this window is the parent of, is gone */
      self->posted = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      g_idle_add_full (G_PRIORITY_DEFAULT, destroy_cb, g_object_ref (self), g_object_unref);
    }
}

static gboolean
cercle_need_editor_close_request (GtkWindow *window)
{
  CercleNeedEditor *self = CERCLE_NEED_EDITOR (window);
  GtkWidget *dialog;

  if (!has_edits (self))
    return GTK_WINDOW_CLASS (cercle_need_editor_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Discard This Need?"), _("What you typed will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
cercle_need_editor_dispose (GObject *object)
{
  CercleNeedEditor *self = (CercleNeedEditor *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_need_editor_parent_class)->dispose (object);
}

static void
cercle_need_editor_finalize (GObject *object)
{
  CercleNeedEditor *self = (CercleNeedEditor *) object;

  g_strfreev (self->sectors);

  G_OBJECT_CLASS (cercle_need_editor_parent_class)->finalize (object);
}

static void
cercle_need_editor_class_init (CercleNeedEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cercle_need_editor_dispose;
  object_class->finalize = cercle_need_editor_finalize;
  window_class->close_request = cercle_need_editor_close_request;

  /**
   * CercleNeedEditor::posted:
   * @request: the need, as saved
   */
  signals[POSTED] =
    g_signal_new ("posted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CERCLE_TYPE_REQUEST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/referrals/cercle-need-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleNeedEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedEditor, sector_row);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedEditor, body_view);
  gtk_widget_class_bind_template_callback (widget_class, on_post_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cercle_need_editor_init (CercleNeedEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->body_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("More about the need"), -1);
}

GtkWidget *
cercle_need_editor_new (GtkWindow     *parent,
                        CercleContext *context)
{
  CercleNeedEditor *self;
  g_autoptr(GtkStringList) choices = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CERCLE_IS_CONTEXT (context), NULL);

  self = g_object_new (CERCLE_TYPE_NEED_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->context = g_object_ref (context);
  self->sectors = cercle_store_dup_sectors (cercle_context_get_store (context), NULL);

  choices = gtk_string_list_new (NULL);
  gtk_string_list_append (choices, _("No particular sector"));
  for (guint i = 0; self->sectors != NULL && self->sectors[i] != NULL; i++)
    gtk_string_list_append (choices, self->sectors[i]);
  adw_combo_row_set_model (self->sector_row, G_LIST_MODEL (choices));

  return GTK_WIDGET (self);
}
