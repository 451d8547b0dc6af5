/* cercle-event-editor.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-event-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cercle-editor-dialog.h"
#include "cercle-event-editor.h"

/* Creating or editing an event (staff only). The day and times are typed
 * as the club reads them, in the event's time zone; the store keeps them
 * in UTC. What is typed stays until it is saved or the user agrees to
 * discard it. */
struct _CercleEventEditor
{
  AdwWindow      parent_instance;

  CercleContext *context;
  CercleEvent   *event;      /* a copy: the store's objects stay as they are */
  gboolean       is_new;
  gboolean       dirty;

  GtkLabel      *error_label;
  AdwEntryRow   *title_row;
  AdwComboRow   *kind_row;
  AdwEntryRow   *date_row;
  AdwEntryRow   *start_row;
  AdwEntryRow   *end_row;
  AdwEntryRow   *zone_row;
  AdwEntryRow   *place_row;
  AdwEntryRow   *video_row;
  GtkSpinButton *capacity_spin;
  GtkSwitch     *draft_switch;
  GtkTextView   *description_view;
};

G_DEFINE_FINAL_TYPE (CercleEventEditor, cercle_event_editor, ADW_TYPE_WINDOW)

static const CercleEventKind kinds[] = {
  CERCLE_EVENT_KIND_BREAKFAST, CERCLE_EVENT_KIND_LUNCH, CERCLE_EVENT_KIND_DINNER,
  CERCLE_EVENT_KIND_MEETING, CERCLE_EVENT_KIND_VISIT, CERCLE_EVENT_KIND_CONFERENCE,
  CERCLE_EVENT_KIND_VIDEO, CERCLE_EVENT_KIND_OTHER,
};

static void
show_error (CercleEventEditor *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
parse_date (const char *text,
            int        *year,
            int        *month,
            int        *day)
{
  char extra;

  if (sscanf (text, "%d/%d/%d%c", day, month, year, &extra) == 3 ||
      sscanf (text, "%d-%d-%d%c", year, month, day, &extra) == 3 ||
      sscanf (text, "%d.%d.%d%c", day, month, year, &extra) == 3)
    return g_date_valid_dmy (*day, *month, *year);

  return FALSE;
}

static gboolean
parse_time (const char *text,
            int        *hour,
            int        *minute)
{
  char extra;

  *minute = 0;
  if (sscanf (text, "%d:%d%c", hour, minute, &extra) == 2 ||
      sscanf (text, "%dh%d%c", hour, minute, &extra) == 2 ||
      sscanf (text, "%dh%c", hour, &extra) == 1 ||
      sscanf (text, "%d%c", hour, &extra) == 1)
    return *hour >= 0 && *hour < 24 && *minute >= 0 && *minute < 60;

  return FALSE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CercleEventEditor *self = CERCLE_EVENT_EDITOR (widget);
  g_autofree char *title = cercle_editor_dup_entry_text (GTK_EDITABLE (self->title_row));
  g_autofree char *date = cercle_editor_dup_entry_text (GTK_EDITABLE (self->date_row));
  g_autofree char *start = cercle_editor_dup_entry_text (GTK_EDITABLE (self->start_row));
  g_autofree char *end = cercle_editor_dup_entry_text (GTK_EDITABLE (self->end_row));
  g_autofree char *zone = cercle_editor_dup_entry_text (GTK_EDITABLE (self->zone_row));
  g_autofree char *place = cercle_editor_dup_entry_text (GTK_EDITABLE (self->place_row));
  g_autofree char *video = cercle_editor_dup_entry_text (GTK_EDITABLE (self->video_row));
  g_autofree char *description = NULL;
  g_autofree char *starts_text = NULL;
  g_autofree char *ends_text = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleMember) me = NULL;
  GtkTextIter begin_iter, end_iter;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  int year, month, day, hour, minute;
  guint kind = adw_combo_row_get_selected (self->kind_row);

  if (*title == '\0')
    {
      show_error (self, _("Give the event a title."));
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      return;
    }

  if (!parse_date (date, &year, &month, &day))
    {
      show_error (self, _("The date is not a day of the calendar: write it as 24/11/2026."));
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      return;
    }

  if (!(tz = cercle_time_zone_new (*zone ? zone : NULL, &error)))
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->zone_row));
      return;
    }

  if (!parse_time (start, &hour, &minute))
    {
      show_error (self, _("The start time is not a time of day: write it as 07:30."));
      gtk_widget_grab_focus (GTK_WIDGET (self->start_row));
      return;
    }
  starts = g_date_time_new (tz, year, month, day, hour, minute, 0);

  if (*end != '\0')
    {
      if (!parse_time (end, &hour, &minute))
        {
          show_error (self, _("The end time is not a time of day: write it as 09:00."));
          gtk_widget_grab_focus (GTK_WIDGET (self->end_row));
          return;
        }
      ends = g_date_time_new (tz, year, month, day, hour, minute, 0);
      if (g_date_time_compare (ends, starts) < 0)
        {
          show_error (self, _("The event ends before it starts."));
          gtk_widget_grab_focus (GTK_WIDGET (self->end_row));
          return;
        }
    }

  gtk_text_buffer_get_bounds (buffer, &begin_iter, &end_iter);
  description = gtk_text_buffer_get_text (buffer, &begin_iter, &end_iter, FALSE);
  starts_text = cercle_time_format_utc (starts);
  ends_text = ends ? cercle_time_format_utc (ends) : NULL;

  g_object_set (self->event,
                "title", title,
                "kind", kind < G_N_ELEMENTS (kinds) ? kinds[kind] : CERCLE_EVENT_KIND_OTHER,
                "starts-at", starts_text,
                "ends-at", ends_text,
                "time-zone", *zone ? zone : CERCLE_DEFAULT_TIME_ZONE,
                "place", *place ? place : NULL,
                "video-url", *video ? video : NULL,
                "capacity", gtk_spin_button_get_value_as_int (self->capacity_spin),
                "description", *description ? description : NULL,
                NULL);

  if (gtk_switch_get_active (self->draft_switch))
    g_object_set (self->event, "status", CERCLE_EVENT_STATUS_DRAFT, NULL);
  else if (cercle_event_get_status (self->event) == CERCLE_EVENT_STATUS_DRAFT)
    g_object_set (self->event, "status", CERCLE_EVENT_STATUS_SCHEDULED, NULL);

  if (self->is_new && cercle_event_get_organizer_id (self->event) == NULL &&
      (me = cercle_store_dup_local_member (cercle_context_get_store (self->context), NULL)) != NULL)
    g_object_set (self->event, "organizer-id", cercle_record_get_id (CERCLE_RECORD (me)), NULL);

  if (!cercle_store_save (cercle_context_get_store (self->context), CERCLE_RECORD (self->event), &error))
    {
      show_error (self, error->message);
      return;
    }

  self->dirty = FALSE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_changed_cb (CercleEventEditor *self)
{
  self->dirty = TRUE;
}

/* Nothing typed is lost without asking */
static gboolean
cercle_event_editor_close_request (GtkWindow *window)
{
  CercleEventEditor *self = CERCLE_EVENT_EDITOR (window);

  if (self->dirty &&
      cercle_editor_ask_discard (window, _("Discard Changes?"),
                                 _("What you typed for this event will be lost.")))
    return TRUE;

  return GTK_WINDOW_CLASS (cercle_event_editor_parent_class)->close_request (window);
}

static void
cercle_event_editor_dispose (GObject *object)
{
  CercleEventEditor *self = (CercleEventEditor *) object;

  g_clear_object (&self->event);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_event_editor_parent_class)->dispose (object);
}

static void
cercle_event_editor_class_init (CercleEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cercle_event_editor_dispose;
  window_class->close_request = cercle_event_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/calendar/cercle-event-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleEventEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CercleEventEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CercleEventEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CercleEventEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, CercleEventEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, CercleEventEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, CercleEventEditor, zone_row);
  gtk_widget_class_bind_template_child (widget_class, CercleEventEditor, place_row);
  gtk_widget_class_bind_template_child (widget_class, CercleEventEditor, video_row);
  gtk_widget_class_bind_template_child (widget_class, CercleEventEditor, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, CercleEventEditor, draft_switch);
  gtk_widget_class_bind_template_child (widget_class, CercleEventEditor, description_view);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
cercle_event_editor_init (CercleEventEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (names, cercle_event_kind_to_string (kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (names));
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

/**
 * cercle_event_editor_new:
 * @event: (nullable): the event to edit, or one to start from (a copy
 *   the store does not have yet, such as next month's meeting); %NULL for
 *   a new event
 * @day: (nullable): the day a new event is on
 */
GtkWidget *
cercle_event_editor_new (CercleContext *context,
                         CercleEvent   *event,
                         GDateTime     *day)
{
  CercleEventEditor *self;
  g_autoptr(CercleEvent) existing = NULL;
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  CercleStore *store;

  g_return_val_if_fail (CERCLE_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (!event || CERCLE_IS_EVENT (event), NULL);

  store = cercle_context_get_store (context);
  self = g_object_new (CERCLE_TYPE_EVENT_EDITOR, NULL);
  self->context = g_object_ref (context);

  if (event != NULL)
    existing = cercle_store_get_record (store, CERCLE_TYPE_EVENT, cercle_record_get_id (CERCLE_RECORD (event)), NULL);

  self->is_new = existing == NULL;
  if (existing != NULL)
    self->event = g_steal_pointer (&existing);
  else if (event != NULL)
    {
      self->event = g_object_new (CERCLE_TYPE_EVENT, NULL);
      cercle_record_update_from (CERCLE_RECORD (self->event), CERCLE_RECORD (event));
    }
  else
    {
      g_autoptr(GDateTime) base = day ? g_date_time_ref (day) : g_date_time_new_now_local ();
      g_autoptr(GDateTime) at = cercle_time_local (g_date_time_get_year (base), g_date_time_get_month (base),
                                                   g_date_time_get_day_of_month (base), 19, 0, NULL);
      g_autoptr(GDateTime) until = g_date_time_add_hours (at, 2);
      g_autofree char *at_text = cercle_time_format_utc (at);
      g_autofree char *until_text = cercle_time_format_utc (until);

      self->event = g_object_new (CERCLE_TYPE_EVENT,
                                  "starts-at", at_text,
                                  "ends-at", until_text,
                                  "time-zone", CERCLE_DEFAULT_TIME_ZONE,
                                  NULL);
    }

  gtk_window_set_title (GTK_WINDOW (self), self->is_new ? _("New Event") : _("Edit Event"));

  set_text (self->title_row, cercle_event_get_title (self->event));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i] == cercle_event_get_kind (self->event))
      adw_combo_row_set_selected (self->kind_row, i);

  starts = cercle_parse_utc (cercle_event_get_starts_at (self->event), cercle_event_get_time_zone (self->event));
  ends = cercle_parse_utc (cercle_event_get_ends_at (self->event), cercle_event_get_time_zone (self->event));
  if (starts != NULL)
    {
      g_autofree char *date = g_date_time_format (starts, "%d/%m/%Y");
      g_autofree char *time = g_date_time_format (starts, "%H:%M");

      set_text (self->date_row, date);
      set_text (self->start_row, time);
    }
  if (ends != NULL)
    {
      g_autofree char *time = g_date_time_format (ends, "%H:%M");

      set_text (self->end_row, time);
    }
  set_text (self->zone_row, cercle_event_get_time_zone (self->event));
  set_text (self->place_row, cercle_event_get_place (self->event));
  set_text (self->video_row, cercle_event_get_video_url (self->event));
  gtk_spin_button_set_value (self->capacity_spin, cercle_event_get_capacity (self->event));
  gtk_switch_set_active (self->draft_switch, cercle_event_get_status (self->event) == CERCLE_EVENT_STATUS_DRAFT);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            cercle_event_get_description (self->event) ?: "", -1);

  /* From here on, anything typed is an edit to keep */
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->start_row, "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->end_row, "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->zone_row, "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->place_row, "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->video_row, "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->capacity_spin, "value-changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->draft_switch, "notify::active", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (on_changed_cb), self);

  /* A copy to start from is already something to keep */
  self->dirty = self->is_new && event != NULL;

  return GTK_WIDGET (self);
}
