/* test-calendar.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cercle-attendees-page.h"
#include "cercle-calendar-view.h"
#include "cercle-context.h"
#include "cercle-event-page.h"
#include "cercle-month-grid.h"
#include "cercle-reminders.h"
#include "cercle-test-utils.h"
#include "cercle-window.h"

typedef struct
{
  char               *dir;
  char               *path;
  CercleStore        *store;
  CercleContext      *context;
  CercleWindow       *window;
  CercleCalendarView *view;
} Fixture;

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  AdwViewStack *view_stack;

  fixture->dir = cercle_test_make_dir ("calendar-view");
  fixture->path = g_build_filename (fixture->dir, "club.db", NULL);
  g_assert_true (cercle_demo_create (fixture->path, 150, CERCLE_DEMO_DEFAULT_SEED, &error));
  fixture->store = cercle_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->context = cercle_context_new (fixture->store, NULL);

  fixture->window = g_object_ref (cercle_window_new (NULL, fixture->context));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (cercle_test_wait_for (is_mapped, fixture->window, 10));
  cercle_window_show_page (fixture->window, "calendar");
  cercle_test_drain_main_context ();

  view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                              CERCLE_TYPE_WINDOW, "view_stack"));
  /* The page holds the view, made when first shown */
  fixture->view = CERCLE_CALENDAR_VIEW (adw_bin_get_child (ADW_BIN (adw_view_stack_get_child_by_name (view_stack,
                                                                                               "calendar"))));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  cercle_test_drain_main_context ();
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->context);
  cercle_test_release_store (fixture->store);
  cercle_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gpointer
child (gpointer     widget,
       GType        type,
       const char  *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);
}

static GListModel *
list_model (CercleCalendarView *view,
            const char         *name)
{
  GtkListView *list_view = child (view, CERCLE_TYPE_CALENDAR_VIEW, name);

  return gtk_no_selection_get_model (GTK_NO_SELECTION (gtk_list_view_get_model (list_view)));
}

typedef struct
{
  guint n_changes;
  guint largest_removal;
} Changes;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Changes    *changes)
{
  changes->n_changes++;
  changes->largest_removal = MAX (changes->largest_removal, removed);
}

/* A burst of writes (a sync page: new answers, a renamed event, a new
 * event) changes the agenda in place: its objects stay, only what changed
 * is reported, and the renamed event is the same object with its new
 * title. */
static void
test_live_agenda (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GtkToggleButton *agenda_toggle = child (fixture->view, CERCLE_TYPE_CALENDAR_VIEW, "agenda_toggle");
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CercleEvent) renamed = NULL;
  g_autoptr(CercleEvent) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) soon = g_date_time_add_days (g_date_time_new_now_utc (), 3);
  g_autofree char *soon_text = cercle_time_format_utc (soon);
  Changes changes = { 0, };
  GListModel *model;
  guint n_items;
  gulong handler;

  gtk_toggle_button_set_active (agenda_toggle, TRUE);
  cercle_test_drain_main_context ();

  model = list_model (fixture->view, "agenda_list");
  n_items = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_items, >, 5);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (objects, g_list_model_get_item (model, i));

  renamed = g_object_ref (g_ptr_array_index (objects, 2));
  handler = g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);

  /* The sync page: an event renamed, one more event, forty answers */
  {
    CercleEvent *copy = cercle_store_get_record (fixture->store, CERCLE_TYPE_EVENT,
                                                 cercle_record_get_id (CERCLE_RECORD (renamed)), &error);

    g_object_set (copy, "title", "Petit-déjeuner renommé", NULL);
    g_ptr_array_add (batch, copy);
  }
  fresh = g_object_new (CERCLE_TYPE_EVENT, "title", "Apéritif surprise", "starts-at", soon_text, NULL);
  g_ptr_array_add (batch, g_object_ref (fresh));
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("Invité %u", i);

      g_ptr_array_add (batch, g_object_new (CERCLE_TYPE_REGISTRATION,
                                            "event-id", cercle_record_get_id (CERCLE_RECORD (renamed)),
                                            "guest-name", name, "response", CERCLE_RESPONSE_YES,
                                            "registered-at", soon_text, NULL));
    }
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)batch->pdata, batch->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);
  cercle_test_drain_main_context ();

  /* One event came in; nothing was thrown away */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_items + 1);
  g_assert_cmpuint (changes.n_changes, ==, 1);
  g_assert_cmpuint (changes.largest_removal, ==, 0);
  g_assert_cmpstr (cercle_event_get_title (renamed), ==, "Petit-déjeuner renommé");
  {
    gboolean same = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(CercleEvent) item = g_list_model_get_item (model, i);

        same |= item == renamed;
      }
    g_assert_true (same);
  }

  g_signal_handler_disconnect (model, handler);
}

/* The month grid shows the weeks of the selected day, and the day's events
 * under it; drafts are the staff's */
static void
test_month (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 12, 10, 12, 0, 0);
  g_autoptr(GDateTime) end_of_season = g_date_time_new_local (2027, 6, 25, 12, 0, 0);
  GListModel *day_events;
  GtkLabel *title;

  cercle_calendar_view_show_day (fixture->view, day);
  cercle_test_drain_main_context ();

  title = child (fixture->view, CERCLE_TYPE_CALENDAR_VIEW, "month_title");
  g_assert_cmpstr (gtk_label_get_text (title), ==, "December 2026");

  /* The December dinner, on the second Thursday */
  day_events = list_model (fixture->view, "day_list");
  g_assert_cmpuint (g_list_model_get_n_items (day_events), ==, 1);

  /* The end-of-season party is a draft: the demo's user is staff */
  cercle_calendar_view_show_day (fixture->view, end_of_season);
  cercle_test_drain_main_context ();
  g_assert_cmpuint (g_list_model_get_n_items (day_events), ==, 1);
}

/* The grid's key handler, as the focused grid receives a key */
static void
press_key (CercleMonthGrid *grid,
           guint            keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (grid));
  gboolean handled = FALSE;
  guint n_key_controllers = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller))
        continue;
      n_key_controllers++;
      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }

  g_assert_cmpuint (n_key_controllers, ==, 1);
  g_assert_true (handled);
  cercle_test_drain_main_context ();
}

static void
assert_selected (CercleMonthGrid *grid,
                 int              year,
                 int              month,
                 int              day)
{
  GDateTime *selected = cercle_month_grid_get_selected (grid);

  g_assert_cmpint (g_date_time_get_year (selected), ==, year);
  g_assert_cmpint (g_date_time_get_month (selected), ==, month);
  g_assert_cmpint (g_date_time_get_day_of_month (selected), ==, day);
}

/* The arrows move a day or a week, Page Up and Down a month, Home comes
 * back to today; leaving the month shows the new one */
static void
test_month_keyboard (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 12, 31, 12, 0, 0);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today_title = NULL;
  CercleMonthGrid *grid = child (fixture->view, CERCLE_TYPE_CALENDAR_VIEW, "month_grid");
  GtkLabel *title = child (fixture->view, CERCLE_TYPE_CALENDAR_VIEW, "month_title");

  cercle_calendar_view_show_day (fixture->view, day);
  cercle_test_drain_main_context ();
  assert_selected (grid, 2026, 12, 31);

  press_key (grid, GDK_KEY_Left);
  assert_selected (grid, 2026, 12, 30);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "December 2026");

  press_key (grid, GDK_KEY_Right);
  press_key (grid, GDK_KEY_Right);
  assert_selected (grid, 2027, 1, 1);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "January 2027");

  press_key (grid, GDK_KEY_Up);
  assert_selected (grid, 2026, 12, 25);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "December 2026");

  press_key (grid, GDK_KEY_Down);
  press_key (grid, GDK_KEY_Down);
  assert_selected (grid, 2027, 1, 8);

  press_key (grid, GDK_KEY_Page_Down);
  assert_selected (grid, 2027, 2, 8);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "February 2027");

  press_key (grid, GDK_KEY_Page_Up);
  press_key (grid, GDK_KEY_Page_Up);
  assert_selected (grid, 2026, 12, 8);

  press_key (grid, GDK_KEY_Home);
  assert_selected (grid, g_date_time_get_year (now), g_date_time_get_month (now),
                   g_date_time_get_day_of_month (now));
  today_title = g_date_time_format (now, "%B %Y");
  g_assert_cmpstr (gtk_label_get_text (title), ==, today_title);
}

static GtkSearchEntry *
attendees_search (CercleCalendarView *view)
{
  CercleAttendeesPage *page = child (view, CERCLE_TYPE_CALENDAR_VIEW, "attendees_page");

  return child (page, CERCLE_TYPE_ATTENDEES_PAGE, "search_entry");
}

/* At the door: a name typed without accents finds the registrant, Enter
 * marks them present at once, in the file, and the count follows */
static void
test_check_in (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GArray) rows = cercle_store_list_event_rows (fixture->store, now, NULL, FALSE, NULL);
  g_autoptr(CercleRecordList) events = cercle_record_list_new (fixture->store, CERCLE_TYPE_EVENT, rows);
  g_autoptr(CercleEvent) event = NULL;
  g_autoptr(CercleRegistration) target = NULL;
  g_autoptr(CercleRegistration) reloaded = NULL;
  g_autoptr(GArray) registrants = NULL;
  g_autoptr(CercleRecordList) registrations = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *ascii = NULL;
  CercleEventPage *page = child (fixture->view, CERCLE_TYPE_CALENDAR_VIEW, "event_page");
  CercleAttendeesPage *attendees = child (fixture->view, CERCLE_TYPE_CALENDAR_VIEW, "attendees_page");
  GtkLabel *count;
  CercleEventCounts counts;

  /* The next event with someone coming whose name has an accent */
  for (guint i = 0; i < rows->len && target == NULL; i++)
    {
      g_clear_object (&event);
      event = g_list_model_get_item (G_LIST_MODEL (events), i);
      g_clear_pointer (&registrants, g_array_unref);
      registrants = cercle_store_list_registration_rows (fixture->store, cercle_record_get_id (CERCLE_RECORD (event)),
                                                         1u << CERCLE_RESPONSE_YES, NULL, NULL);
      g_clear_object (&registrations);
      registrations = cercle_record_list_new (fixture->store, CERCLE_TYPE_REGISTRATION, registrants);
      for (guint k = 0; k < registrants->len && target == NULL; k++)
        {
          g_autoptr(CercleRegistration) registration = g_list_model_get_item (G_LIST_MODEL (registrations), k);
          g_autoptr(CercleMember) member = NULL;

          if (cercle_registration_get_member_id (registration) == NULL)
            continue;
          member = cercle_store_get_record (fixture->store, CERCLE_TYPE_MEMBER,
                                            cercle_registration_get_member_id (registration), NULL);
          if (g_str_is_ascii (cercle_member_get_last_name (member)))
            continue;
          target = g_object_ref (registration);
          name = g_strdup (cercle_member_get_last_name (member));
        }
    }
  g_assert_nonnull (target);

  cercle_calendar_view_show_event (fixture->view, cercle_record_get_id (CERCLE_RECORD (event)));
  cercle_test_drain_main_context ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "event.check-in", NULL));
  cercle_test_drain_main_context ();

  /* "Lefèvre" typed "lefevre" */
  ascii = g_str_to_ascii (name, "C");
  folded = g_ascii_strdown (ascii, -1);
  gtk_editable_set_text (GTK_EDITABLE (attendees_search (fixture->view)), folded);
  g_signal_emit_by_name (attendees_search (fixture->view), "search-changed");
  cercle_test_drain_main_context ();
  g_signal_emit_by_name (attendees_search (fixture->view), "activate");
  cercle_test_drain_main_context ();

  /* Saved at once, with the time */
  reloaded = cercle_store_get_record (fixture->store, CERCLE_TYPE_REGISTRATION,
                                      cercle_record_get_id (CERCLE_RECORD (target)), NULL);
  g_assert_cmpint (cercle_registration_get_attendance (reloaded), ==, CERCLE_ATTENDANCE_PRESENT);
  g_assert_nonnull (cercle_registration_get_checked_in_at (reloaded));

  g_assert_true (cercle_store_count_event (fixture->store, cercle_record_get_id (CERCLE_RECORD (event)),
                                           &counts, NULL));
  count = child (attendees, CERCLE_TYPE_ATTENDEES_PAGE, "count_label");
  {
    g_autofree char *expected = g_strdup_printf ("Arrived: %u of %u", counts.checked_in, counts.yes);

    g_assert_cmpuint (counts.checked_in, >=, 1);
    g_assert_cmpstr (gtk_label_get_text (count), ==, expected);
  }

  /* Ready for the next name */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (attendees_search (fixture->view))), ==, "");
}

/* The next reminder is for the next event the user said yes to, as long
 * before it as the settings say */
static void
test_reminders (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = cercle_settings_new_if_installed ();
  g_autoptr(CercleReminders) reminders = NULL;
  g_autoptr(CercleMember) me = cercle_store_dup_local_member (fixture->store, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 3);
  g_autoptr(GDateTime) sooner = g_date_time_add_hours (now, 2);
  g_autofree char *later_text = cercle_time_format_utc (later);
  g_autofree char *sooner_text = cercle_time_format_utc (sooner);
  g_autoptr(CercleEvent) coming = g_object_new (CERCLE_TYPE_EVENT, "title", "Apéritif", "starts-at", later_text, NULL);
  g_autoptr(CercleEvent) not_coming = g_object_new (CERCLE_TYPE_EVENT, "title", "Visite", "starts-at", sooner_text, NULL);
  g_autoptr(CercleRegistration) yes = NULL;
  g_autoptr(CercleRegistration) no = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  gint64 remind_at = 0;

  g_assert_nonnull (settings);
  g_settings_set_int (settings, "reminder-minutes", 30);
  reminders = cercle_reminders_new (fixture->store, settings);

  g_assert_true (cercle_store_save (fixture->store, CERCLE_RECORD (coming), &error));
  g_assert_true (cercle_store_save (fixture->store, CERCLE_RECORD (not_coming), &error));
  yes = cercle_store_register (fixture->store, cercle_record_get_id (CERCLE_RECORD (coming)),
                               cercle_record_get_id (CERCLE_RECORD (me)), CERCLE_RESPONSE_YES, &error);
  no = cercle_store_register (fixture->store, cercle_record_get_id (CERCLE_RECORD (not_coming)),
                              cercle_record_get_id (CERCLE_RECORD (me)), CERCLE_RESPONSE_NO, &error);
  g_assert_no_error (error);

  next = cercle_reminders_dup_next (reminders, now, &remind_at);
  g_assert_cmpstr (next, ==, cercle_record_get_id (CERCLE_RECORD (coming)));
  g_assert_cmpint (remind_at, ==, g_date_time_to_unix (later) - 30 * 60);

  /* Due now: shown at once, and not again by the next start of the app */
  g_settings_set_int (settings, "reminder-minutes", 240);
  cercle_test_drain_main_context ();
  g_clear_pointer (&next, g_free);
  next = cercle_reminders_dup_next (reminders, now, &remind_at);
  g_assert_cmpstr (next, !=, cercle_record_get_id (CERCLE_RECORD (coming)));
  g_assert_cmpuint (g_strv_length (g_settings_get_strv (settings, "reminders-shown")), ==, 1);

  /* switched off, so that the new run cannot have shown it again itself */
  g_clear_object (&reminders);
  g_settings_set_boolean (settings, "event-reminders", FALSE);
  reminders = cercle_reminders_new (fixture->store, settings);
  g_clear_pointer (&next, g_free);
  next = cercle_reminders_dup_next (reminders, now, &remind_at);
  g_assert_cmpstr (next, !=, cercle_record_get_id (CERCLE_RECORD (coming)));
  g_settings_reset (settings, "event-reminders");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/cercle/app/calendar/live-agenda", Fixture, NULL, fixture_set_up, test_live_agenda, fixture_tear_down);
  g_test_add ("/cercle/app/calendar/month", Fixture, NULL, fixture_set_up, test_month, fixture_tear_down);
  g_test_add ("/cercle/app/calendar/month-keyboard", Fixture, NULL, fixture_set_up, test_month_keyboard,
              fixture_tear_down);
  g_test_add ("/cercle/app/calendar/reminders", Fixture, NULL, fixture_set_up, test_reminders, fixture_tear_down);
  g_test_add ("/cercle/app/calendar/check-in", Fixture, NULL, fixture_set_up, test_check_in, fixture_tear_down);

  return g_test_run ();
}
