/* cercle-event-page.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-event-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-calendar-dialogs.h"
#include "cercle-calendar-view.h"
#include "cercle-event-editor.h"
#include "cercle-event-page.h"
#include "cercle-event-print.h"
#include "cercle-event-row.h"

/* One event: what, when (in its zone, and in the reader's when they
 * differ), where, who organizes it, the seats, the reader's own answer,
 * who is coming, and for the staff what organizing it takes. It follows
 * the store: an answer given elsewhere, a sync page, a check-in at the
 * door show here at once. */
struct _CercleEventPage
{
  GtkWidget          parent_instance;

  CercleContext     *context;
  char              *event_id;
  CercleEvent       *event;
  CercleRegistration *mine;
  gboolean           updating;

  GtkWidget         *edit_button;
  GtkWidget         *menu_button;
  GtkLabel          *status_label;
  GtkLabel          *kind_label;
  GtkLabel          *title_label;
  AdwActionRow      *when_row;
  AdwActionRow      *place_row;
  GtkWidget         *map_button;
  AdwActionRow      *video_row;
  AdwActionRow      *organizer_row;
  AdwActionRow      *seats_row;
  GtkWidget         *answer_group;
  GtkToggleButton   *yes_button;
  GtkToggleButton   *maybe_button;
  GtkToggleButton   *no_button;
  GtkLabel          *answer_label;
  GtkWidget         *guest_button;
  AdwActionRow      *coming_row;
  GtkWidget         *check_in_row;
  GtkWidget         *print_group;
  GtkWidget         *description_group;
  GtkLabel          *description_label;
};

G_DEFINE_FINAL_TYPE (CercleEventPage, cercle_event_page, GTK_TYPE_WIDGET)

enum {
  BACK,
  SHOW_ATTENDEES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define N_NAMES_SHOWN 6

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static CercleStore *
get_store (CercleEventPage *self)
{
  return self->context ? cercle_context_get_store (self->context) : NULL;
}

/* "Tuesday 24 November, 07:30 – 09:00", and the reader's own time when
 * their clock says otherwise */
static char *
dup_when_text (CercleEvent *event)
{
  g_autofree char *when = cercle_event_dup_when (event);
  g_autoptr(GDateTime) there = cercle_parse_utc (cercle_event_get_starts_at (event),
                                                 cercle_event_get_time_zone (event));
  g_autoptr(GDateTime) here = NULL;
  g_autofree char *local_time = NULL;

  if (there == NULL)
    return g_steal_pointer (&when);

  here = g_date_time_to_local (there);
  if (g_date_time_get_utc_offset (here) == g_date_time_get_utc_offset (there))
    return g_steal_pointer (&when);

  local_time = cercle_format_date_time (here, _("%A %-d %B, %H:%M"));
  /* Translators: an event's time in its own zone, then in the reader's,
   * as in "Tuesday 24 November, 07:30 (Europe/Paris) — Tuesday 24
   * November, 01:30 your time" */
  return g_strdup_printf (_("%s (%s) — %s your time"), when,
                          cercle_event_get_time_zone (event), local_time);
}

static char *
dup_person_name (CercleStore        *store,
                 CercleRegistration *registration)
{
  const char *member_id = cercle_registration_get_member_id (registration);
  g_autoptr(CercleMember) member = NULL;

  if (member_id == NULL)
    return g_strdup (cercle_registration_get_guest_name (registration));

  member = cercle_store_get_record (store, CERCLE_TYPE_MEMBER, member_id, NULL);
  if (member == NULL)
    return g_strdup (_("Unknown member"));

  return cercle_format_full_name (cercle_member_get_first_name (member),
                                  cercle_member_get_last_name (member));
}

static void
update_coming (CercleEventPage         *self,
               const CercleEventCounts *counts)
{
  CercleStore *store = get_store (self);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(CercleRecordList) list = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *count = cercle_format_count (counts->yes);

  rows = cercle_store_list_registration_rows (store, self->event_id, 1u << CERCLE_RESPONSE_YES, NULL, NULL);
  if (rows != NULL)
    {
      list = cercle_record_list_new (store, CERCLE_TYPE_REGISTRATION, rows);
      for (guint i = 0; i < MIN (rows->len, N_NAMES_SHOWN); i++)
        {
          g_autoptr(CercleRegistration) registration = g_list_model_get_item (G_LIST_MODEL (list), i);
          g_autofree char *name = dup_person_name (store, registration);

          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, name);
        }
      if (rows->len > N_NAMES_SHOWN)
        /* Translators: after the first names of those coming, as in
         * "Anne Martin, Paul Durand… and 12 more" */
        g_string_append_printf (names, g_dngettext (GETTEXT_PACKAGE, "… and %u more", "… and %u more",
                                                    rows->len - N_NAMES_SHOWN),
                                rows->len - N_NAMES_SHOWN);
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s person coming", "%s people coming", counts->yes),
                           count);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->coming_row), title);
  adw_action_row_set_subtitle (self->coming_row, names->len > 0 ? names->str : _("Nobody yet"));
}

static void
update_answer (CercleEventPage *self,
               CercleViewer    *viewer)
{
  CercleStore *store = get_store (self);
  CercleResponse response = CERCLE_RESPONSE_NO;
  g_autofree char *text = NULL;
  gboolean open;

  g_clear_object (&self->mine);
  if (viewer->member_id != NULL)
    self->mine = cercle_store_dup_registration_for (store, self->event_id, viewer->member_id, NULL);

  open = viewer->member_id != NULL &&
         cercle_event_get_status (self->event) == CERCLE_EVENT_STATUS_SCHEDULED;
  gtk_widget_set_visible (self->answer_group, open);

  self->updating = TRUE;
  if (self->mine == NULL || cercle_record_get_deleted (CERCLE_RECORD (self->mine)))
    {
      gtk_toggle_button_set_active (self->yes_button, FALSE);
      gtk_toggle_button_set_active (self->maybe_button, FALSE);
      gtk_toggle_button_set_active (self->no_button, FALSE);
      text = g_strdup (_("You have not answered yet."));
    }
  else
    {
      response = cercle_registration_get_response (self->mine);
      gtk_toggle_button_set_active (self->yes_button,
                                    response == CERCLE_RESPONSE_YES || response == CERCLE_RESPONSE_WAITLIST);
      gtk_toggle_button_set_active (self->maybe_button, response == CERCLE_RESPONSE_MAYBE);
      gtk_toggle_button_set_active (self->no_button, response == CERCLE_RESPONSE_NO);

      switch (response)
        {
        case CERCLE_RESPONSE_YES:
          text = g_strdup (_("You are registered."));
          break;
        case CERCLE_RESPONSE_WAITLIST:
          {
            guint place = cercle_store_get_waitlist_place (store, self->mine, NULL);

            /* Translators: %u is a place in the queue, from 1 */
            text = g_strdup_printf (_("The event is full: you are number %u on the waitlist. "
                                      "You will get a seat as soon as one frees up."), place);
          }
          break;
        case CERCLE_RESPONSE_MAYBE:
          text = g_strdup (_("You might come."));
          break;
        case CERCLE_RESPONSE_NO:
        default:
          text = g_strdup (_("You are not coming."));
          break;
        }
    }
  self->updating = FALSE;

  gtk_label_set_text (self->answer_label, text);
}

static void
cercle_event_page_update (CercleEventPage *self)
{
  CercleStore *store = get_store (self);
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(CercleEvent) event = NULL;
  g_autofree char *when = NULL;
  g_autofree char *seats = NULL;
  CercleEventCounts counts = { 0, };
  CercleEventStatus status;
  const char *place;
  const char *video_url;
  const char *organizer_id;
  gboolean organizer;
  int capacity;

  if (store == NULL || self->event_id == NULL)
    return;

  viewer = cercle_store_dup_viewer (store, NULL);
  event = cercle_store_get_record (store, CERCLE_TYPE_EVENT, self->event_id, NULL);
  if (viewer == NULL || event == NULL || cercle_record_get_deleted (CERCLE_RECORD (event)) ||
      !cercle_visibility_can_see_event (viewer, event))
    {
      g_signal_emit (self, signals[BACK], 0);
      return;
    }

  g_set_object (&self->event, event);
  status = cercle_event_get_status (event);
  capacity = cercle_event_get_capacity (event);
  place = cercle_event_get_place (event);
  video_url = cercle_event_get_video_url (event);
  organizer_id = cercle_event_get_organizer_id (event);
  organizer = cercle_permission_can_organize_events (viewer);

  gtk_label_set_text (self->title_label, cercle_event_get_title (event));
  gtk_label_set_text (self->kind_label, cercle_event_kind_to_string (cercle_event_get_kind (event)));

  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != CERCLE_EVENT_STATUS_SCHEDULED);
  if (status == CERCLE_EVENT_STATUS_CANCELLED)
    gtk_label_set_text (self->status_label, _("This event is cancelled. Those who registered are still listed."));
  else if (status == CERCLE_EVENT_STATUS_DRAFT)
    gtk_label_set_text (self->status_label, _("Draft: only the club’s staff see this event."));

  when = dup_when_text (event);
  adw_action_row_set_subtitle (self->when_row, when);

  gtk_widget_set_visible (GTK_WIDGET (self->place_row), has_text (place));
  if (has_text (place))
    adw_action_row_set_subtitle (self->place_row, place);

  gtk_widget_set_visible (GTK_WIDGET (self->video_row), has_text (video_url));
  if (has_text (video_url))
    adw_action_row_set_subtitle (self->video_row, video_url);

  gtk_widget_set_visible (GTK_WIDGET (self->organizer_row), organizer_id != NULL);
  if (organizer_id != NULL)
    {
      g_autoptr(CercleMember) member = cercle_store_get_record (store, CERCLE_TYPE_MEMBER, organizer_id, NULL);
      g_autofree char *name = member ? cercle_format_full_name (cercle_member_get_first_name (member),
                                                                cercle_member_get_last_name (member))
                                     : NULL;

      adw_action_row_set_subtitle (self->organizer_row, name ? name : _("Unknown member"));
    }

  cercle_store_count_event (store, self->event_id, &counts, NULL);
  if (capacity > 0)
    {
      guint left = counts.yes >= (guint)capacity ? 0 : (guint)capacity - counts.yes;
      g_autofree char *n_yes = cercle_format_count (counts.yes);
      g_autofree char *n_capacity = cercle_format_count ((guint)capacity);

      if (left > 0)
        seats = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s registered out of %s places, %u seat left",
                                              "%s registered out of %s places, %u seats left", left),
                                 n_yes, n_capacity, left);
      else
        seats = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Full: %s registered, %u waiting",
                                              "Full: %s registered, %u waiting", counts.waitlist),
                                 n_yes, counts.waitlist);
    }
  else
    {
      g_autofree char *n_yes = cercle_format_count (counts.yes);

      seats = g_strdup_printf (_("%s registered, no limit"), n_yes);
    }
  adw_action_row_set_subtitle (self->seats_row, seats);

  update_answer (self, viewer);
  update_coming (self, &counts);

  gtk_widget_set_visible (GTK_WIDGET (self->description_group), has_text (cercle_event_get_description (event)));
  gtk_label_set_text (self->description_label, cercle_event_get_description (event));

  gtk_widget_set_visible (self->edit_button, organizer);
  /* Badges and sheets are the staff's work for the door */
  gtk_widget_set_visible (self->print_group, organizer && status != CERCLE_EVENT_STATUS_CANCELLED);
  gtk_widget_set_visible (self->check_in_row,
                          cercle_permission_can_take_attendance (viewer) && status == CERCLE_EVENT_STATUS_SCHEDULED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.edit", organizer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.duplicate", organizer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.cancel",
                                 organizer && status != CERCLE_EVENT_STATUS_CANCELLED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.check-in", cercle_permission_can_take_attendance (viewer));
}

static void
on_store_changed_cb (CercleStore     *store,
                     CercleChangeSet *changes,
                     CercleEventPage *self)
{
  if (cercle_change_set_touches (changes, CERCLE_ENTITY_EVENT) ||
      cercle_change_set_touches (changes, CERCLE_ENTITY_REGISTRATION) ||
      cercle_change_set_touches (changes, CERCLE_ENTITY_MEMBER) ||
      cercle_change_set_get_local_user_changed (changes))
    cercle_event_page_update (self);
}

static void
show_error (CercleEventPage *self,
            const char      *heading,
            const GError    *error)
{
  cercle_calendar_show_error (GTK_WIDGET (self), heading, error ? error->message : NULL);
}

static void
answer (CercleEventPage *self,
        CercleResponse   response)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(CercleRegistration) saved = NULL;
  g_autoptr(GError) error = NULL;
  CercleStore *store = get_store (self);

  if (store == NULL || !(viewer = cercle_store_dup_viewer (store, NULL)) || viewer->member_id == NULL)
    return;

  saved = cercle_store_register (store, self->event_id, viewer->member_id, response, &error);
  if (saved == NULL)
    {
      show_error (self, _("Could Not Save Your Answer"), error);
      cercle_event_page_update (self);
    }
}

static void
on_answer_toggled_cb (GtkToggleButton *button,
                      CercleEventPage *self)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;

  if (button == self->yes_button)
    answer (self, CERCLE_RESPONSE_YES);
  else if (button == self->maybe_button)
    answer (self, CERCLE_RESPONSE_MAYBE);
  else
    answer (self, CERCLE_RESPONSE_NO);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static void
attendees_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_signal_emit (widget, signals[SHOW_ATTENDEES], 0, FALSE);
}

static void
check_in_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_signal_emit (widget, signals[SHOW_ATTENDEES], 0, TRUE);
}

static void
open_uri (CercleEventPage *self,
          const char      *uri)
{
  /* Through the desktop portal in a sandbox */
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), uri, GDK_CURRENT_TIME);
}

static void
join_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CercleEventPage *self = CERCLE_EVENT_PAGE (widget);

  if (self->event != NULL && has_text (cercle_event_get_video_url (self->event)))
    open_uri (self, cercle_event_get_video_url (self->event));
}

static void
open_map_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CercleEventPage *self = CERCLE_EVENT_PAGE (widget);
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;

  if (self->event == NULL || !has_text (cercle_event_get_place (self->event)))
    return;

  escaped = g_uri_escape_string (cercle_event_get_place (self->event), NULL, FALSE);
  uri = g_strdup_printf ("https://www.openstreetmap.org/search?query=%s", escaped);
  open_uri (self, uri);
}

static void
present_editor (CercleEventPage *self,
                CercleEvent     *event)
{
  GtkWindow *editor = GTK_WINDOW (cercle_event_editor_new (self->context, event, NULL));

  gtk_window_set_transient_for (editor, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (editor);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CercleEventPage *self = CERCLE_EVENT_PAGE (widget);

  if (self->event != NULL)
    present_editor (self, self->event);
}

/* The next monthly meeting: a copy on the same weekday of the next month,
 * at the same time of day in the event's zone, opened in the editor
 * before anything is saved */
static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CercleEventPage *self = CERCLE_EVENT_PAGE (widget);
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(CercleEvent) copy = NULL;
  g_autofree char *next_text = NULL;
  g_autofree char *ends_text = NULL;
  GTimeSpan duration = 0;

  if (self->event == NULL)
    return;

  starts = cercle_parse_utc (cercle_event_get_starts_at (self->event), cercle_event_get_time_zone (self->event));
  if (starts == NULL)
    return;

  if (has_text (cercle_event_get_ends_at (self->event)))
    duration = (cercle_time_to_unix (cercle_event_get_ends_at (self->event)) -
                cercle_time_to_unix (cercle_event_get_starts_at (self->event))) * G_TIME_SPAN_SECOND;

  next = cercle_time_same_weekday_next_month (starts);
  next_text = cercle_time_format_utc (next);
  if (duration > 0)
    {
      g_autoptr(GDateTime) ends = g_date_time_add (next, duration);

      ends_text = cercle_time_format_utc (ends);
    }

  copy = g_object_new (CERCLE_TYPE_EVENT,
                       "title", cercle_event_get_title (self->event),
                       "kind", cercle_event_get_kind (self->event),
                       "starts-at", next_text,
                       "ends-at", ends_text,
                       "time-zone", cercle_event_get_time_zone (self->event),
                       "place", cercle_event_get_place (self->event),
                       "video-url", cercle_event_get_video_url (self->event),
                       "capacity", cercle_event_get_capacity (self->event),
                       "description", cercle_event_get_description (self->event),
                       "organizer-id", cercle_event_get_organizer_id (self->event),
                       "status", CERCLE_EVENT_STATUS_SCHEDULED,
                       NULL);
  present_editor (self, copy);
}

static void
on_cancel_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       CercleEventPage  *self)
{
  g_autoptr(CercleEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "cancel-event") || get_store (self) == NULL)
    return;

  event = cercle_store_get_record (get_store (self), CERCLE_TYPE_EVENT, self->event_id, &error);
  if (event != NULL)
    {
      g_object_set (event, "status", CERCLE_EVENT_STATUS_CANCELLED, NULL);
      cercle_store_save (get_store (self), CERCLE_RECORD (event), &error);
    }

  if (error != NULL)
    show_error (self, _("Could Not Cancel the Event"), error);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CercleEventPage *self = CERCLE_EVENT_PAGE (widget);
  CercleEventCounts counts = { 0, };
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (self->event == NULL)
    return;

  cercle_store_count_event (get_store (self), self->event_id, &counts, NULL);
  heading = g_strdup_printf (_("Cancel “%s”?"), cercle_event_get_title (self->event));
  if (counts.yes + counts.waitlist + counts.maybe > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u person answered. They stay listed, and the event shows as cancelled to everyone.",
                                         "%u people answered. They stay listed, and the event shows as cancelled to everyone.",
                                         counts.yes + counts.waitlist + counts.maybe),
                            counts.yes + counts.waitlist + counts.maybe);
  else
    body = g_strdup (_("The event shows as cancelled to everyone."));

  cercle_calendar_ask (widget, heading, body, NULL, _("_Keep Event"), "cancel-event", _("_Cancel Event"),
                       ADW_RESPONSE_DESTRUCTIVE, G_CALLBACK (on_cancel_response_cb), self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CercleEventPage *self = CERCLE_EVENT_PAGE (widget);
  g_autofree char *name = NULL;

  if (self->event == NULL)
    return;

  name = g_strdup_printf ("%s.ics", cercle_event_get_title (self->event));
  cercle_calendar_export_ics (widget, get_store (self), self->event_id, name);
}

/* Badges and sign-in sheets: the print dialog, or a PDF file */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CercleEventPage *self = CERCLE_EVENT_PAGE (widget);

  if (get_store (self) == NULL || self->event_id == NULL)
    return;

  if (g_str_equal (action_name, "event.print-badges"))
    cercle_event_print (widget, get_store (self), self->event_id, CERCLE_EVENT_PRINT_BADGES);
  else if (g_str_equal (action_name, "event.print-sheet"))
    cercle_event_print (widget, get_store (self), self->event_id, CERCLE_EVENT_PRINT_SIGN_IN);
  else if (g_str_equal (action_name, "event.print-attendance"))
    cercle_event_print (widget, get_store (self), self->event_id, CERCLE_EVENT_PRINT_ATTENDANCE);
  else if (g_str_equal (action_name, "event.export-badges-pdf"))
    cercle_event_export_pdf (widget, get_store (self), self->event_id, CERCLE_EVENT_PRINT_BADGES);
  else if (g_str_equal (action_name, "event.export-sheet-pdf"))
    cercle_event_export_pdf (widget, get_store (self), self->event_id, CERCLE_EVENT_PRINT_SIGN_IN);
}

static void
on_guest_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      CercleEventPage  *self)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(CercleRegistration) guest = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkEditable *name = g_object_get_data (G_OBJECT (box), "name");
  GtkEditable *company = g_object_get_data (G_OBJECT (box), "company");
  GtkEditable *email = g_object_get_data (G_OBJECT (box), "email");

  if (!g_str_equal (response, "add") || get_store (self) == NULL)
    return;

  viewer = cercle_store_dup_viewer (get_store (self), NULL);
  guest = cercle_store_add_guest (get_store (self), self->event_id, viewer ? viewer->member_id : NULL,
                                  gtk_editable_get_text (name), gtk_editable_get_text (company),
                                  gtk_editable_get_text (email), FALSE, &error);
  if (guest == NULL)
    show_error (self, _("Could Not Add the Guest"), error);
}

static void
bring_guest_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CercleEventPage *self = CERCLE_EVENT_PAGE (widget);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  g_object_set_data (G_OBJECT (box), "name", cercle_calendar_add_entry (box, _("Name")));
  g_object_set_data (G_OBJECT (box), "company", cercle_calendar_add_entry (box, _("Company")));
  g_object_set_data (G_OBJECT (box), "email", cercle_calendar_add_entry (box, _("E-mail")));
  cercle_calendar_ask (widget, _("Bring a Guest"),
                       _("Your guest is registered with you; a full event puts them on the waitlist."),
                       box, _("_Cancel"), "add", _("_Add Guest"), ADW_RESPONSE_SUGGESTED,
                       G_CALLBACK (on_guest_response_cb), self);
}

static void
cercle_event_page_dispose (GObject *object)
{
  CercleEventPage *self = (CercleEventPage *) object;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (cercle_context_get_store (self->context), on_store_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_EVENT_PAGE);
  while (gtk_widget_get_first_child (GTK_WIDGET (self)) != NULL)
    gtk_widget_unparent (gtk_widget_get_first_child (GTK_WIDGET (self)));
  g_clear_object (&self->mine);
  g_clear_object (&self->event);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_event_page_parent_class)->dispose (object);
}

static void
cercle_event_page_finalize (GObject *object)
{
  CercleEventPage *self = (CercleEventPage *) object;

  g_clear_pointer (&self->event_id, g_free);

  G_OBJECT_CLASS (cercle_event_page_parent_class)->finalize (object);
}

static void
cercle_event_page_class_init (CercleEventPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_event_page_dispose;
  object_class->finalize = cercle_event_page_finalize;

  signals[BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SHOW_ATTENDEES] =
    g_signal_new ("show-attendees", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/calendar/cercle-event-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, kind_label);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, when_row);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, place_row);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, map_button);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, video_row);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, organizer_row);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, seats_row);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, answer_group);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, yes_button);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, maybe_button);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, no_button);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, answer_label);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, guest_button);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, coming_row);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, check_in_row);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, print_group);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, description_group);
  gtk_widget_class_bind_template_child (widget_class, CercleEventPage, description_label);
  gtk_widget_class_bind_template_callback (widget_class, on_answer_toggled_cb);

  gtk_widget_class_install_action (widget_class, "event.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "event.attendees", NULL, attendees_action);
  gtk_widget_class_install_action (widget_class, "event.check-in", NULL, check_in_action);
  gtk_widget_class_install_action (widget_class, "event.join", NULL, join_action);
  gtk_widget_class_install_action (widget_class, "event.open-map", NULL, open_map_action);
  gtk_widget_class_install_action (widget_class, "event.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "event.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "event.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "event.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "event.bring-guest", NULL, bring_guest_action);
  gtk_widget_class_install_action (widget_class, "event.print-badges", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "event.print-sheet", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "event.print-attendance", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "event.export-badges-pdf", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "event.export-sheet-pdf", NULL, print_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "event.back", NULL);
}

static void
cercle_event_page_init (CercleEventPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
cercle_event_page_set_event (CercleEventPage *self,
                             CercleContext   *context,
                             const char      *event_id)
{
  g_return_if_fail (CERCLE_IS_EVENT_PAGE (self));
  g_return_if_fail (CERCLE_IS_CONTEXT (context));
  g_return_if_fail (event_id != NULL);

  if (self->context != context)
    {
      if (self->context != NULL)
        g_signal_handlers_disconnect_by_func (cercle_context_get_store (self->context), on_store_changed_cb, self);
      g_set_object (&self->context, context);
      g_signal_connect_object (cercle_context_get_store (context), "changed",
                               G_CALLBACK (on_store_changed_cb), self, 0);
    }

  g_free (self->event_id);
  self->event_id = g_strdup (event_id);

  cercle_event_page_update (self);
}

const char *
cercle_event_page_get_event_id (CercleEventPage *self)
{
  g_return_val_if_fail (CERCLE_IS_EVENT_PAGE (self), NULL);

  return self->event_id;
}
