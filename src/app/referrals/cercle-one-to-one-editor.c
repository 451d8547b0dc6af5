/* cercle-one-to-one-editor.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-one-to-one-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-editor-dialog.h"
#include "cercle-member-picker.h"
#include "cercle-one-to-one-editor.h"

/* Logging a one-to-one: the member met, the day (today unless said
 * otherwise) and notes that only their author will ever read. */
struct _CercleOneToOneEditor
{
  AdwWindow           parent_instance;

  CercleContext      *context;
  gboolean            saved;

  GtkLabel           *error_label;
  CercleMemberPicker *picker;
  GtkCalendar        *calendar;
  GtkTextView        *notes_view;
};

G_DEFINE_FINAL_TYPE (CercleOneToOneEditor, cercle_one_to_one_editor, ADW_TYPE_WINDOW)

static void
on_save_clicked_cb (GtkButton            *button,
                    CercleOneToOneEditor *self)
{
  g_autoptr(CercleOneToOne) one_to_one = NULL;
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autoptr(GError) error = NULL;
  g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");
  g_autofree char *notes = cercle_editor_dup_text (self->notes_view);

  if (self->context == NULL)
    return;

  one_to_one = cercle_store_log_one_to_one (cercle_context_get_store (self->context),
                                            cercle_member_picker_get_member_id (self->picker),
                                            day, notes, &error);
  if (one_to_one == NULL)
    {
      cercle_editor_show_error (GTK_WINDOW (self), self->error_label, error->message);
      return;
    }

  self->saved = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_cancel_clicked_cb (GtkButton            *button,
                      CercleOneToOneEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
cercle_one_to_one_editor_close_request (GtkWindow *window)
{
  CercleOneToOneEditor *self = CERCLE_ONE_TO_ONE_EDITOR (window);
  g_autofree char *notes = cercle_editor_dup_text (self->notes_view);

  if (!self->saved && *notes != '\0' &&
      cercle_editor_ask_discard (window, _("Discard These Notes?"), NULL))
    return TRUE;

  return GTK_WINDOW_CLASS (cercle_one_to_one_editor_parent_class)->close_request (window);
}

static void
cercle_one_to_one_editor_dispose (GObject *object)
{
  CercleOneToOneEditor *self = (CercleOneToOneEditor *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_one_to_one_editor_parent_class)->dispose (object);
}

static void
cercle_one_to_one_editor_class_init (CercleOneToOneEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cercle_one_to_one_editor_dispose;
  window_class->close_request = cercle_one_to_one_editor_close_request;

  g_type_ensure (CERCLE_TYPE_MEMBER_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/referrals/cercle-one-to-one-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleOneToOneEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CercleOneToOneEditor, picker);
  gtk_widget_class_bind_template_child (widget_class, CercleOneToOneEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, CercleOneToOneEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cercle_one_to_one_editor_init (CercleOneToOneEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  cercle_member_picker_set_label (self->picker, _("Search for the member you met"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Private notes"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Day of the meeting"), -1);
}

GtkWidget *
cercle_one_to_one_editor_new (GtkWindow     *parent,
                              CercleContext *context)
{
  CercleOneToOneEditor *self;
  g_autoptr(CercleViewer) viewer = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CERCLE_IS_CONTEXT (context), NULL);

  self = g_object_new (CERCLE_TYPE_ONE_TO_ONE_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->context = g_object_ref (context);

  viewer = cercle_store_dup_viewer (cercle_context_get_store (context), NULL);
  cercle_member_picker_set_excluded (self->picker, viewer != NULL ? viewer->member_id : NULL);
  cercle_member_picker_set_context (self->picker, context);

  return GTK_WIDGET (self);
}
