/* cercle-announcement-editor.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-announcement-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-editor-dialog.h"
#include "cercle-announcement-editor.h"

/* The staff's word to the club: a title, plain text, maybe the coming
 * event it is about, maybe pinned on top. Closing with text typed asks
 * first: nothing the user typed is lost without their say. */
struct _CercleAnnouncementEditor
{
  AdwWindow      parent_instance;

  CercleContext *context;
  GPtrArray     *event_ids;     /* the choices after "no event" */
  gboolean       posted;

  GtkLabel      *error_label;
  AdwEntryRow   *title_row;
  AdwComboRow   *event_row;
  GtkSwitch     *pinned_switch;
  GtkTextView   *body_view;
};

G_DEFINE_FINAL_TYPE (CercleAnnouncementEditor, cercle_announcement_editor, ADW_TYPE_WINDOW)

enum {
  POSTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
has_edits (CercleAnnouncementEditor *self)
{
  g_autofree char *body = cercle_editor_dup_text (self->body_view);

  return !self->posted &&
         (*gtk_editable_get_text (GTK_EDITABLE (self->title_row)) != '\0' || *body != '\0');
}

static void
on_post_clicked_cb (GtkButton                *button,
                    CercleAnnouncementEditor *self)
{
  g_autoptr(CercleAnnouncement) announcement = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = cercle_editor_dup_text (self->body_view);
  guint event = adw_combo_row_get_selected (self->event_row);

  if (self->context == NULL)
    return;

  /* The first choice is "no event" */
  announcement = cercle_store_post_announcement (cercle_context_get_store (self->context),
                                                 gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                                                 body,
                                                 event > 0 && event <= self->event_ids->len
                                                   ? g_ptr_array_index (self->event_ids, event - 1) : NULL,
                                                 gtk_switch_get_active (self->pinned_switch),
                                                 &error);
  if (announcement == NULL)
    {
      cercle_editor_show_error (GTK_WINDOW (self), self->error_label, error->message);
      return;
    }

  self->posted = TRUE;
  g_signal_emit (self, signals[POSTED], 0, announcement);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_cancel_clicked_cb (GtkButton                *button,
                      CercleAnnouncementEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
cercle_announcement_editor_close_request (GtkWindow *window)
{
  CercleAnnouncementEditor *self = CERCLE_ANNOUNCEMENT_EDITOR (window);

  if (has_edits (self) &&
      cercle_editor_ask_discard (window, _("Discard This Announcement?"), NULL))
    return TRUE;

  return GTK_WINDOW_CLASS (cercle_announcement_editor_parent_class)->close_request (window);
}

static void
cercle_announcement_editor_dispose (GObject *object)
{
  CercleAnnouncementEditor *self = (CercleAnnouncementEditor *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_announcement_editor_parent_class)->dispose (object);
}

static void
cercle_announcement_editor_finalize (GObject *object)
{
  CercleAnnouncementEditor *self = (CercleAnnouncementEditor *) object;

  g_clear_pointer (&self->event_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (cercle_announcement_editor_parent_class)->finalize (object);
}

static void
cercle_announcement_editor_class_init (CercleAnnouncementEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cercle_announcement_editor_dispose;
  object_class->finalize = cercle_announcement_editor_finalize;
  window_class->close_request = cercle_announcement_editor_close_request;

  /**
   * CercleAnnouncementEditor::posted:
   * @announcement: the announcement, as saved
   */
  signals[POSTED] =
    g_signal_new ("posted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CERCLE_TYPE_ANNOUNCEMENT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/club/cercle-announcement-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleAnnouncementEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CercleAnnouncementEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CercleAnnouncementEditor, event_row);
  gtk_widget_class_bind_template_child (widget_class, CercleAnnouncementEditor, pinned_switch);
  gtk_widget_class_bind_template_child (widget_class, CercleAnnouncementEditor, body_view);
  gtk_widget_class_bind_template_callback (widget_class, on_post_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cercle_announcement_editor_init (CercleAnnouncementEditor *self)
{
  self->event_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->body_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Text of the announcement"), -1);
}

GtkWidget *
cercle_announcement_editor_new (GtkWindow     *parent,
                                CercleContext *context)
{
  CercleAnnouncementEditor *self;
  g_autoptr(GtkStringList) choices = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CERCLE_IS_CONTEXT (context), NULL);

  self = g_object_new (CERCLE_TYPE_ANNOUNCEMENT_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->context = g_object_ref (context);

  /* The coming events, soonest first, the only ones worth announcing */
  choices = gtk_string_list_new (NULL);
  gtk_string_list_append (choices, _("No event"));
  events = cercle_store_list_events (cercle_context_get_store (context), now, NULL);
  for (guint i = 0; events != NULL && i < g_list_model_get_n_items (events) && i < 20; i++)
    {
      g_autoptr(CercleEvent) event = g_list_model_get_item (events, i);
      g_autoptr(GDateTime) starts = cercle_parse_utc (cercle_event_get_starts_at (event),
                                                      cercle_event_get_time_zone (event));
      g_autofree char *day = starts != NULL ? cercle_format_date_time (starts, _("%-d %B")) : NULL;
      g_autofree char *label = NULL;

      if (cercle_event_get_status (event) != CERCLE_EVENT_STATUS_SCHEDULED)
        continue;

      /* Translators: an event to link an announcement to, as in "Petit-déjeuner — 3 December" */
      label = day != NULL ? g_strdup_printf (_("%s — %s"), cercle_event_get_title (event), day)
                          : g_strdup (cercle_event_get_title (event));
      gtk_string_list_append (choices, label);
      g_ptr_array_add (self->event_ids, g_strdup (cercle_record_get_id (CERCLE_RECORD (event))));
    }
  adw_combo_row_set_model (self->event_row, G_LIST_MODEL (choices));

  return GTK_WIDGET (self);
}
