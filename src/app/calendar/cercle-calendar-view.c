/* cercle-calendar-view.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-calendar-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cercle-attendees-page.h"
#include "cercle-calendar-dialogs.h"
#include "cercle-calendar-view.h"
#include "cercle-event-editor.h"
#include "cercle-event-page.h"
#include "cercle-event-row.h"
#include "cercle-month-grid.h"
#include "cercle-regularity-page.h"

/* The club's calendar: a month grid with the selected day's events under
 * it, and an agenda of upcoming events, past events or the user's own
 * registrations; an event opens on its page, and its registrants on
 * theirs (the door's check-in list).
 *
 * The list models live as long as the view and change in place
 * (cercle_record_list_set_rows()): a sync page or a burst of check-ins
 * keeps the selection and the scroll position. */
struct _CercleCalendarView
{
  GtkWidget           parent_instance;

  CercleContext      *context;
  gboolean            stale;

  CercleRecordList   *month_events;
  GtkFilterListModel *day_events;
  GtkCustomFilter    *day_filter;
  CercleRecordList   *agenda_events;
  GPtrArray          *rows;

  GtkStack           *nav_stack;
  GtkStack           *browse_stack;
  GtkToggleButton    *month_toggle;
  GtkToggleButton    *agenda_toggle;
  GtkToggleButton    *upcoming_toggle;
  GtkToggleButton    *past_toggle;
  GtkToggleButton    *mine_toggle;
  GtkWidget          *new_event_button;
  GtkLabel           *month_title;
  GtkLabel           *short_month_title;
  CercleMonthGrid    *month_grid;
  GtkLabel           *day_heading;
  GtkStack           *day_stack;
  GtkListView        *day_list;
  GtkStack           *agenda_stack;
  GtkListView        *agenda_list;
  AdwStatusPage      *agenda_empty_page;
  AdwStatusPage      *error_page;
  CercleEventPage    *event_page;
  CercleAttendeesPage *attendees_page;
  CercleRegularityPage *regularity_page;
};

G_DEFINE_FINAL_TYPE (CercleCalendarView, cercle_calendar_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static CercleStore *
get_store (CercleCalendarView *self)
{
  return self->context != NULL ? cercle_context_get_store (self->context) : NULL;
}

static void
show_error (CercleCalendarView *self,
            const GError       *error)
{
  /* the status page reads its description as markup */
  g_autofree char *escaped = error ? g_markup_escape_text (error->message, -1) : NULL;

  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->browse_stack, "error");
}

static void
update_day (CercleCalendarView *self)
{
  GDateTime *day = cercle_month_grid_get_selected (self->month_grid);
  g_autofree char *text = NULL;
  g_autofree char *capitalized = NULL;

  gtk_filter_changed (GTK_FILTER (self->day_filter), GTK_FILTER_CHANGE_DIFFERENT);

  /* Translators: the heading over the events of the selected day, as in
   * "Tuesday 24 November 2026" */
  text = cercle_format_date_time (day, _("%A %-d %B %Y"));
  capitalized = cercle_format_capitalize (text);
  gtk_label_set_text (self->day_heading, capitalized);

  gtk_stack_set_visible_child_name (self->day_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->day_events)) > 0
                                      ? "events" : "none");
}

static gboolean
load_month (CercleCalendarView *self)
{
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) after_last = NULL;
  g_autoptr(GDateTime) middle = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *month = NULL;
  g_autofree char *title = NULL;
  g_autofree char *short_month = NULL;
  g_autofree char *short_title = NULL;
  CercleStore *store = get_store (self);

  if (store == NULL)
    return FALSE;

  cercle_month_grid_get_range (self->month_grid, &first, &after_last);
  /* The grid reads every event of the weeks it shows: in one query */
  rows = cercle_store_read_event_rows (store, first, after_last, &records, &error);
  if (rows == NULL)
    {
      show_error (self, error);
      return FALSE;
    }

  cercle_record_list_set_rows_with_records (self->month_events, rows, records);
  cercle_month_grid_refresh (self->month_grid);

  middle = g_date_time_ref (cercle_month_grid_get_selected (self->month_grid));
  /* Translators: the month shown, as in "November 2026"; %OB is the month
   * name in the nominative case */
  month = cercle_format_date_time (middle, _("%OB %Y"));
  title = cercle_format_capitalize (month);
  gtk_label_set_text (self->month_title, title);
  /* Translators: the month shown in a narrow window, as in "Nov 2026" */
  short_month = cercle_format_date_time (middle, _("%b %Y"));
  short_title = cercle_format_capitalize (short_month);
  gtk_label_set_text (self->short_month_title, short_title);

  update_day (self);

  return TRUE;
}

static gboolean
load_agenda (CercleCalendarView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  CercleStore *store = get_store (self);

  if (store == NULL)
    return FALSE;

  if (gtk_toggle_button_get_active (self->past_toggle))
    {
      rows = cercle_store_list_event_rows (store, NULL, now, TRUE, &error);
      adw_status_page_set_title (self->agenda_empty_page, _("No Past Events"));
    }
  else if (gtk_toggle_button_get_active (self->mine_toggle))
    {
      g_autoptr(CercleMember) me = cercle_store_dup_local_member (store, &error);

      if (me != NULL)
        rows = cercle_store_list_member_event_rows (store, cercle_record_get_id (CERCLE_RECORD (me)),
                                                    now, &error);
      else if (error == NULL)
        rows = g_array_new (FALSE, FALSE, sizeof (gint64));
      adw_status_page_set_title (self->agenda_empty_page, _("No Registrations"));
    }
  else
    {
      rows = cercle_store_list_event_rows (store, now, NULL, FALSE, &error);
      adw_status_page_set_title (self->agenda_empty_page, _("No Upcoming Events"));
    }

  if (rows == NULL)
    {
      show_error (self, error);
      return FALSE;
    }

  cercle_record_list_set_rows (self->agenda_events, rows);
  gtk_stack_set_visible_child_name (self->agenda_stack, rows->len > 0 ? "events" : "empty");

  return TRUE;
}

static void
update_permissions (CercleCalendarView *self)
{
  g_autoptr(CercleViewer) viewer = NULL;
  gboolean organizer = FALSE;

  if (get_store (self) != NULL)
    viewer = cercle_store_dup_viewer (get_store (self), NULL);
  if (viewer != NULL)
    organizer = cercle_permission_can_organize_events (viewer);

  gtk_widget_set_visible (self->new_event_button, organizer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.new-event", organizer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.import", organizer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.regularity", organizer);
}

static void
cercle_calendar_view_refresh (CercleCalendarView *self)
{
  if (get_store (self) == NULL)
    return;

  update_permissions (self);
  if (!load_month (self) || !load_agenda (self))
    return;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->browse_stack), "error") == 0)
    gtk_stack_set_visible_child_name (self->browse_stack,
                                      gtk_toggle_button_get_active (self->month_toggle) ? "month" : "agenda");

  for (guint i = 0; i < self->rows->len; i++)
    cercle_event_row_update (g_ptr_array_index (self->rows, i));
}

static void
on_store_changed_cb (CercleStore        *store,
                     CercleChangeSet    *changes,
                     CercleCalendarView *self)
{
  if (!cercle_change_set_touches (changes, CERCLE_ENTITY_EVENT) &&
      !cercle_change_set_touches (changes, CERCLE_ENTITY_REGISTRATION) &&
      !cercle_change_set_get_local_user_changed (changes))
    return;

  /* Events shown change in place; the lists follow in the main loop */
  cercle_record_list_refresh (self->month_events, changes);
  cercle_record_list_refresh (self->agenda_events, changes);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    cercle_calendar_view_refresh (self);
  else
    self->stale = TRUE;
}

static gboolean
day_filter_func (gpointer item,
                 gpointer user_data)
{
  CercleCalendarView *self = user_data;
  CercleEvent *event = item;
  GDateTime *day = cercle_month_grid_get_selected (self->month_grid);
  g_autoptr(GDateTime) starts = cercle_parse_utc (cercle_event_get_starts_at (event),
                                                  cercle_event_get_time_zone (event));

  return starts != NULL &&
         g_date_time_get_year (starts) == g_date_time_get_year (day) &&
         g_date_time_get_day_of_year (starts) == g_date_time_get_day_of_year (day);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CercleCalendarView       *self)
{
  GtkWidget *row = cercle_event_row_new (get_store (self));

  gtk_list_item_set_child (item, row);
  g_ptr_array_add (self->rows, row);
}

static void
teardown_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CercleCalendarView       *self)
{
  g_ptr_array_remove (self->rows, gtk_list_item_get_child (item));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CercleCalendarView       *self)
{
  cercle_event_row_set_event (CERCLE_EVENT_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CercleCalendarView       *self)
{
  cercle_event_row_set_event (CERCLE_EVENT_ROW (gtk_list_item_get_child (item)), NULL);
}

static GtkListItemFactory *
make_factory (CercleCalendarView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);

  return factory;
}

static void
on_mode_toggled_cb (GtkToggleButton    *button,
                    CercleCalendarView *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  gtk_stack_set_visible_child_name (self->browse_stack,
                                    button == self->month_toggle ? "month" : "agenda");
}

static void
on_agenda_toggled_cb (GtkToggleButton    *button,
                      CercleCalendarView *self)
{
  if (gtk_toggle_button_get_active (button))
    load_agenda (self);
}

static void
on_selected_day_changed_cb (CercleMonthGrid    *grid,
                            CercleCalendarView *self)
{
  load_month (self);
}

void
cercle_calendar_view_show_event (CercleCalendarView *self,
                                 const char         *event_id)
{
  g_return_if_fail (CERCLE_IS_CALENDAR_VIEW (self));
  g_return_if_fail (event_id != NULL);

  cercle_event_page_set_event (self->event_page, self->context, event_id);
  gtk_stack_set_visible_child_name (self->nav_stack, "event");
}

static void
on_event_activated_cb (GtkListView        *list_view,
                       guint               position,
                       CercleCalendarView *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  g_autoptr(CercleEvent) event = g_list_model_get_item (model, position);

  if (event != NULL)
    cercle_calendar_view_show_event (self, cercle_record_get_id (CERCLE_RECORD (event)));
}

static void
on_event_back_cb (CercleEventPage    *page,
                  CercleCalendarView *self)
{
  gtk_stack_set_visible_child_name (self->nav_stack, "browse");
}

static void
on_show_attendees_cb (CercleEventPage    *page,
                      gboolean            check_in,
                      CercleCalendarView *self)
{
  cercle_attendees_page_set_event (self->attendees_page, self->context,
                                   cercle_event_page_get_event_id (page), check_in);
  gtk_stack_set_visible_child_name (self->nav_stack, "attendees");
  cercle_attendees_page_focus_search (self->attendees_page);
}

static void
on_attendees_back_cb (CercleAttendeesPage *page,
                      CercleCalendarView  *self)
{
  gtk_stack_set_visible_child_name (self->nav_stack, "event");
}

static void
move_month (CercleCalendarView *self,
            int                 months)
{
  g_autoptr(GDateTime) day = NULL;

  if (months == 0)
    day = g_date_time_new_now_local ();
  else
    day = g_date_time_add_months (cercle_month_grid_get_selected (self->month_grid), months);

  cercle_month_grid_set_selected (self->month_grid, day);
}

static void
previous_month_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  move_month (CERCLE_CALENDAR_VIEW (widget), -1);
}

static void
next_month_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move_month (CERCLE_CALENDAR_VIEW (widget), 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CercleCalendarView *self = CERCLE_CALENDAR_VIEW (widget);

  move_month (self, 0);
  cercle_month_grid_focus_selected (self->month_grid);
}

static void
new_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CercleCalendarView *self = CERCLE_CALENDAR_VIEW (widget);
  GtkWindow *editor;

  if (self->context == NULL)
    return;

  editor = GTK_WINDOW (cercle_event_editor_new (self->context, NULL,
                                                cercle_month_grid_get_selected (self->month_grid)));
  gtk_window_set_transient_for (editor, GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (editor);
}

typedef struct
{
  GtkWidget   *parent;
  CercleStore *store;
  char        *event_id;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->parent);
  g_clear_object (&export->store);
  g_free (export->event_id);
  g_free (export);
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       Export          *export)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file ? g_file_get_path (file) : NULL;

      if (path != NULL && !cercle_ical_export_file (export->store, export->event_id, path, &error))
        cercle_calendar_show_error (export->parent, _("Could Not Export the Calendar"), error->message);
    }

  export_free (export);
  g_object_unref (chooser);
}

/**
 * cercle_calendar_export_ics:
 * @event_id: (nullable): one event, or every event the user may see
 *
 * Asks where, then saves the events as an iCalendar file.
 */
void
cercle_calendar_export_ics (GtkWidget   *parent,
                            CercleStore *store,
                            const char  *event_id,
                            const char  *suggested_name)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = g_strdup (suggested_name);
  Export *export;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (CERCLE_IS_STORE (store));

  g_strdelimit (name, "/\\:", '-');

  chooser = gtk_file_chooser_native_new (_("Export as iCalendar"),
                                         GTK_WINDOW (gtk_widget_get_root (parent)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_pattern (filter, "*.ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  export = g_new0 (Export, 1);
  export->parent = g_object_ref (parent);
  export->store = g_object_ref (store);
  export->event_id = g_strdup (event_id);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CercleCalendarView *self = CERCLE_CALENDAR_VIEW (widget);
  g_autofree char *club = NULL;
  g_autofree char *name = NULL;

  if (self->context == NULL)
    return;

  club = cercle_context_dup_club_name (self->context);
  name = g_strdup_printf ("%s.ics", club);
  cercle_calendar_export_ics (widget, get_store (self), NULL, name);
}

static void
on_import_response_cb (GtkNativeDialog    *chooser,
                       int                 response,
                       CercleCalendarView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint n_events = 0;

  if (response == GTK_RESPONSE_ACCEPT && self->context != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file ? g_file_get_path (file) : NULL;

      if (path != NULL && !cercle_ical_import_file (get_store (self), path, &n_events, &error))
        cercle_calendar_show_error (GTK_WIDGET (self), _("Could Not Import the Calendar"), error->message);
    }

  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CercleCalendarView *self = CERCLE_CALENDAR_VIEW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import an iCalendar File"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_pattern (filter, "*.ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
regularity_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CercleCalendarView *self = CERCLE_CALENDAR_VIEW (widget);

  if (self->context == NULL)
    return;

  cercle_regularity_page_load (self->regularity_page, self->context);
  gtk_stack_set_visible_child_name (self->nav_stack, "regularity");
}

static void
cercle_calendar_view_map (GtkWidget *widget)
{
  CercleCalendarView *self = (CercleCalendarView *) widget;

  GTK_WIDGET_CLASS (cercle_calendar_view_parent_class)->map (widget);

  if (self->stale)
    {
      self->stale = FALSE;
      cercle_calendar_view_refresh (self);
    }
}

static void
cercle_calendar_view_dispose (GObject *object)
{
  CercleCalendarView *self = (CercleCalendarView *) object;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (cercle_context_get_store (self->context),
                                          on_store_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_CALENDAR_VIEW);
  g_clear_object (&self->day_events);
  g_clear_object (&self->day_filter);
  g_clear_object (&self->month_events);
  g_clear_object (&self->agenda_events);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_calendar_view_parent_class)->dispose (object);
}

static void
cercle_calendar_view_finalize (GObject *object)
{
  CercleCalendarView *self = (CercleCalendarView *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cercle_calendar_view_parent_class)->finalize (object);
}

static void
cercle_calendar_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CercleCalendarView *self = CERCLE_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_calendar_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CercleCalendarView *self = CERCLE_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      cercle_calendar_view_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_calendar_view_class_init (CercleCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->map = cercle_calendar_view_map;

  object_class->dispose = cercle_calendar_view_dispose;
  object_class->finalize = cercle_calendar_view_finalize;
  object_class->get_property = cercle_calendar_view_get_property;
  object_class->set_property = cercle_calendar_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CERCLE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CERCLE_TYPE_MONTH_GRID);
  g_type_ensure (CERCLE_TYPE_EVENT_PAGE);
  g_type_ensure (CERCLE_TYPE_ATTENDEES_PAGE);
  g_type_ensure (CERCLE_TYPE_REGULARITY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/calendar/cercle-calendar-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, nav_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, browse_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, month_toggle);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, agenda_toggle);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, upcoming_toggle);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, past_toggle);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, mine_toggle);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, new_event_button);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, month_title);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, short_month_title);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, month_grid);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, day_heading);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, day_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, day_list);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, agenda_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, agenda_list);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, agenda_empty_page);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, error_page);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, event_page);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, attendees_page);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, regularity_page);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_agenda_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_day_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_event_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_event_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_attendees_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_attendees_back_cb);

  gtk_widget_class_install_action (widget_class, "calendar.new-event", NULL, new_event_action);
  gtk_widget_class_install_action (widget_class, "calendar.previous-month", NULL, previous_month_action);
  gtk_widget_class_install_action (widget_class, "calendar.next-month", NULL, next_month_action);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "calendar.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "calendar.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "calendar.regularity", NULL, regularity_action);
}

static void
cercle_calendar_view_init (CercleCalendarView *self)
{
  g_autoptr(GtkListItemFactory) day_factory = NULL;
  g_autoptr(GtkListItemFactory) agenda_factory = NULL;

  self->rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  day_factory = make_factory (self);
  agenda_factory = make_factory (self);
  gtk_list_view_set_factory (self->day_list, day_factory);
  gtk_list_view_set_factory (self->agenda_list, agenda_factory);

  self->day_filter = gtk_custom_filter_new (day_filter_func, self, NULL);
}

CercleContext *
cercle_calendar_view_get_context (CercleCalendarView *self)
{
  g_return_val_if_fail (CERCLE_IS_CALENDAR_VIEW (self), NULL);

  return self->context;
}

void
cercle_calendar_view_set_context (CercleCalendarView *self,
                                  CercleContext      *context)
{
  g_autoptr(GArray) no_rows = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_if_fail (CERCLE_IS_CALENDAR_VIEW (self));
  g_return_if_fail (!context || CERCLE_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (cercle_context_get_store (self->context),
                                          on_store_changed_cb, self);

  g_set_object (&self->context, context);

  gtk_list_view_set_model (self->day_list, NULL);
  gtk_list_view_set_model (self->agenda_list, NULL);
  cercle_month_grid_set_events (self->month_grid, NULL);
  g_clear_object (&self->day_events);
  g_clear_object (&self->month_events);
  g_clear_object (&self->agenda_events);

  if (context != NULL)
    {
      CercleStore *store = cercle_context_get_store (context);
      g_autoptr(GtkNoSelection) day_selection = NULL;
      g_autoptr(GtkNoSelection) agenda_selection = NULL;

      self->month_events = cercle_record_list_new (store, CERCLE_TYPE_EVENT, no_rows);
      self->agenda_events = cercle_record_list_new (store, CERCLE_TYPE_EVENT, no_rows);
      self->day_events = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->month_events)),
                                                    g_object_ref (GTK_FILTER (self->day_filter)));

      day_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->day_events)));
      agenda_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->agenda_events)));
      gtk_list_view_set_model (self->day_list, GTK_SELECTION_MODEL (day_selection));
      gtk_list_view_set_model (self->agenda_list, GTK_SELECTION_MODEL (agenda_selection));
      cercle_month_grid_set_events (self->month_grid, G_LIST_MODEL (self->month_events));

      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
    }

  cercle_calendar_view_refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

void
cercle_calendar_view_show_day (CercleCalendarView *self,
                               GDateTime          *day)
{
  g_return_if_fail (CERCLE_IS_CALENDAR_VIEW (self));
  g_return_if_fail (day != NULL);

  gtk_toggle_button_set_active (self->month_toggle, TRUE);
  cercle_month_grid_set_selected (self->month_grid, day);
}
