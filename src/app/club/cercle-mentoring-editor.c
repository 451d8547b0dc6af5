/* cercle-mentoring-editor.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-mentoring-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-editor-dialog.h"
#include "cercle-member-picker.h"
#include "cercle-mentoring-editor.h"

/* The staff pair a new member with a mentor: who, from which day, and for
 * how long (a season's first months, most often). */
struct _CercleMentoringEditor
{
  AdwWindow           parent_instance;

  CercleContext      *context;

  GtkLabel           *error_label;
  CercleMemberPicker *mentee_picker;
  CercleMemberPicker *mentor_picker;
  GtkCalendar        *calendar;
  AdwComboRow        *length_row;
};

G_DEFINE_FINAL_TYPE (CercleMentoringEditor, cercle_mentoring_editor, ADW_TYPE_WINDOW)

static void
on_save_clicked_cb (GtkButton             *button,
                    CercleMentoringEditor *self)
{
  static const int months[] = { 3, 6, 12 };
  g_autoptr(CercleMentoring) mentoring = NULL;
  g_autoptr(GDateTime) first = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *starts_on = g_date_time_format (first, "%Y-%m-%d");
  g_autofree char *ends_on = NULL;
  guint length = MIN (adw_combo_row_get_selected (self->length_row), G_N_ELEMENTS (months) - 1);

  if (self->context == NULL)
    return;

  after = g_date_time_add_months (first, months[length]);
  last = g_date_time_add_days (after, -1);
  ends_on = g_date_time_format (last, "%Y-%m-%d");

  mentoring = cercle_store_pair_mentor (cercle_context_get_store (self->context),
                                        cercle_member_picker_get_member_id (self->mentor_picker),
                                        cercle_member_picker_get_member_id (self->mentee_picker),
                                        starts_on, ends_on, &error);
  if (mentoring == NULL)
    {
      cercle_editor_show_error (GTK_WINDOW (self), self->error_label, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_cancel_clicked_cb (GtkButton             *button,
                      CercleMentoringEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
cercle_mentoring_editor_dispose (GObject *object)
{
  CercleMentoringEditor *self = (CercleMentoringEditor *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_mentoring_editor_parent_class)->dispose (object);
}

static void
cercle_mentoring_editor_class_init (CercleMentoringEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_mentoring_editor_dispose;

  g_type_ensure (CERCLE_TYPE_MEMBER_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/club/cercle-mentoring-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleMentoringEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CercleMentoringEditor, mentee_picker);
  gtk_widget_class_bind_template_child (widget_class, CercleMentoringEditor, mentor_picker);
  gtk_widget_class_bind_template_child (widget_class, CercleMentoringEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, CercleMentoringEditor, length_row);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cercle_mentoring_editor_init (CercleMentoringEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  cercle_member_picker_set_label (self->mentee_picker, _("Search for the new member"));
  cercle_member_picker_set_label (self->mentor_picker, _("Search for the mentor"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("First day of the mentoring"), -1);
}

GtkWidget *
cercle_mentoring_editor_new (GtkWindow     *parent,
                             CercleContext *context)
{
  CercleMentoringEditor *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CERCLE_IS_CONTEXT (context), NULL);

  self = g_object_new (CERCLE_TYPE_MENTORING_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->context = g_object_ref (context);

  cercle_member_picker_set_context (self->mentee_picker, context);
  cercle_member_picker_set_context (self->mentor_picker, context);

  return GTK_WIDGET (self);
}
