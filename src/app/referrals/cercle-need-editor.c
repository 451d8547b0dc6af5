/* cercle-need-editor.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-need-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-editor-dialog.h"
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

static gboolean
has_edits (CercleNeedEditor *self)
{
  g_autofree char *body = cercle_editor_dup_text (self->body_view);

  return !self->posted &&
         (*gtk_editable_get_text (GTK_EDITABLE (self->title_row)) != '\0' || *body != '\0');
}

static void
on_post_clicked_cb (GtkButton        *button,
                    CercleNeedEditor *self)
{
  g_autoptr(CercleRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = cercle_editor_dup_text (self->body_view);
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
      cercle_editor_show_error (GTK_WINDOW (self), self->error_label, error->message);
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
cercle_need_editor_close_request (GtkWindow *window)
{
  CercleNeedEditor *self = CERCLE_NEED_EDITOR (window);

  if (has_edits (self) &&
      cercle_editor_ask_discard (window, _("Discard This Need?"), NULL))
    return TRUE;

  return GTK_WINDOW_CLASS (cercle_need_editor_parent_class)->close_request (window);
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
