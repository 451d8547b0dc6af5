/* test-window.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "cercle-application.h"
#include "cercle-calendar-view.h"
#include "cercle-format.h"
#include "cercle-referrals-view.h"
#include "cercle-test-app.h"
#include "cercle-window.h"
#include "test-window.h"

/* The window and its pages; the live lists are tested in
 * test-window-lists.c, a club that cannot be read in
 * test-window-errors.c, all in this one program. */

static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  g_autoptr(GString) ascii = g_string_new (NULL);

  for (const char *p = normalized; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      g_string_append_unichar (ascii, g_unichar_tolower (c));
    }

  return g_string_free (g_steal_pointer (&ascii), FALSE);
}

static void
test_window_pages (CercleTestClub *fixture,
                   gconstpointer   user_data)
{
  CercleWindow *window;
  AdwViewStack *view_stack;
  CercleMembersView *members_view;
  CercleCalendarView *calendar_view;
  CercleReferralsView *referrals_view;
  GtkEditable *search_entry;
  GListModel *model;
  CercleTestChangeWatch watch = { NULL, };
  const char *pages[] = { "members", "calendar", "referrals" };
  const char *titles[] = { "Members", "Calendar", "Referrals" };
  gboolean found = FALSE;
  guint n_members;
  guint n_results;

  window = g_object_ref (cercle_window_new (NULL, fixture->context));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cercle_test_wait_for (cercle_test_window_is_loaded, window, 10));

  /* The title is the club's name */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), !=, "");

  /* Three pages, with the names the view switcher shows */
  view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              CERCLE_TYPE_WINDOW,
                                                              "view_stack"));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (view_stack, pages[i]);
      AdwViewStackPage *page;

      g_assert_nonnull (child);
      page = adw_view_stack_get_page (view_stack, child);
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, titles[i]);
      g_assert_nonnull (adw_view_stack_page_get_icon_name (page));

      cercle_window_show_page (window, pages[i]);
      cercle_test_drain_main_context ();
      g_assert_true (adw_view_stack_get_visible_child (view_stack) == child);
    }

  members_view = CERCLE_MEMBERS_VIEW (adw_view_stack_get_child_by_name (view_stack, "members"));
  calendar_view = CERCLE_CALENDAR_VIEW (cercle_test_page_view (view_stack, "calendar"));
  referrals_view = CERCLE_REFERRALS_VIEW (cercle_test_page_view (view_stack, "referrals"));

  /* Each page shows the club's data */
  model = cercle_test_members_model (members_view);
  n_members = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_members, ==, cercle_store_count_members (fixture->store, NULL));
  g_assert_cmpuint (n_members, >=, CERCLE_TEST_CLUB_MEMBERS / 2);
  g_assert_cmpuint (cercle_test_count_descendants (GTK_WIDGET (calendar_view),
                                                   g_type_from_name ("CercleEventRow")), >, 0);
  g_assert_cmpuint (cercle_test_count_referrals_shown (GTK_WIDGET (referrals_view)), >, 0);

  /* Search as you type: "helene" finds "Hélène" */
  cercle_window_show_page (window, "members");
  search_entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (members_view),
                                                              CERCLE_TYPE_MEMBERS_VIEW,
                                                              "search_entry"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  cercle_test_change_watch_start (&watch, model);
  gtk_editable_set_text (search_entry, "helene");
  g_assert_true (cercle_test_wait_for (cercle_test_model_changed, &watch, 10));

  n_results = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_results, >, 0);
  g_assert_cmpuint (n_results, <, n_members);

  for (guint i = 0; i < n_results; i++)
    {
      g_autoptr(CercleMember) member = cercle_test_members_get_member (model, i);
      g_autofree char *first = fold (cercle_member_get_first_name (member));

      if (g_str_equal (first, "helene"))
        found = TRUE;
    }
  g_assert_true (found);

  /* Clearing the search shows everyone again */
  gtk_editable_set_text (search_entry, "");
  g_assert_true (cercle_test_wait_for (cercle_test_model_changed, &watch, 10));
  g_assert_true (cercle_test_wait_for (cercle_test_model_holds,
                                       &(CercleTestHolds) { model, n_members }, 10));
  cercle_test_change_watch_stop (&watch);

  gtk_window_destroy (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
  g_assert_finalize_object (window);
}

typedef struct
{
  GListModel *model;
  gboolean    painted;
  guint       n_at_first_paint;
} FirstPaint;

static void
on_first_paint_cb (GdkFrameClock *frame_clock,
                   FirstPaint    *paint)
{
  if (paint->painted)
    return;

  paint->painted = TRUE;
  paint->n_at_first_paint = g_list_model_get_n_items (paint->model);
}

static void
on_realize_cb (GtkWidget  *window,
               FirstPaint *paint)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_paint_cb), paint);
}

/* The window shows before the club is read: the first frame is painted
 * with an empty list, which fills right after */
static void
test_window_first_frame_before_data (CercleTestClub *fixture,
                                     gconstpointer   user_data)
{
  FirstPaint paint = { NULL, };
  CercleWindow *window;
  AdwViewStack *view_stack;

  window = g_object_ref (cercle_window_new (NULL, fixture->context));
  view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              CERCLE_TYPE_WINDOW,
                                                              "view_stack"));
  paint.model = cercle_test_members_model (
    CERCLE_MEMBERS_VIEW (adw_view_stack_get_child_by_name (view_stack, "members")));
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), &paint);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cercle_test_wait_for (cercle_test_window_is_loaded, window, 10));

  g_assert_true (paint.painted);
  g_assert_cmpuint (paint.n_at_first_paint, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (paint.model), ==,
                    cercle_store_count_members (fixture->store, NULL));

  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (window)),
                                        on_first_paint_cb, &paint);
  gtk_window_destroy (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
  g_assert_finalize_object (window);
}

static void
test_window_remembers_size (CercleTestClub *fixture,
                            gconstpointer   user_data)
{
  GSettings *settings = cercle_context_get_settings (fixture->context);
  CercleWindow *window;
  int width, height;

  if (settings == NULL)
    {
      g_test_skip ("The GSettings schema is not compiled");
      return;
    }

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = g_object_ref (cercle_window_new (NULL, fixture->context));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cercle_test_wait_for (cercle_test_window_is_loaded, window, 10));

  /* The user resizes the window, then closes it. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  gtk_window_close (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
  g_assert_finalize_object (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1024);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
test_window_refresh (CercleTestClub *fixture,
                     gconstpointer   user_data)
{
  g_autoptr(CercleMember) member = cercle_member_new ();
  g_autoptr(GError) error = NULL;
  CercleWindow *window;
  AdwViewStack *view_stack;
  GListModel *model;
  guint n_members;

  window = g_object_ref (cercle_window_new (NULL, fixture->context));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cercle_test_wait_for (cercle_test_window_is_loaded, window, 10));

  view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              CERCLE_TYPE_WINDOW,
                                                              "view_stack"));
  model = cercle_test_members_model (
    CERCLE_MEMBERS_VIEW (adw_view_stack_get_child_by_name (view_stack, "members")));
  n_members = g_list_model_get_n_items (model);

  /* A write to the store shows at once */
  g_object_set (member,
                "first-name", "Zoé",
                "last-name", "Zylberstein",
                "company", "Atelier Z",
                NULL);
  cercle_store_save (fixture->store, CERCLE_RECORD (member), &error);
  g_assert_no_error (error);
  cercle_test_drain_main_context ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_members + 1);

  gtk_window_destroy (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
  g_assert_finalize_object (window);
}

static void
test_window_error (void)
{
  CercleWindow *window;
  GtkStack *main_stack;

  window = g_object_ref (cercle_window_new (NULL, NULL));
  cercle_window_show_error (window, "Could Not Open the Club", "The file is not a club database.", NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cercle_test_wait_for (cercle_test_window_is_loaded, window, 10));

  main_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                         CERCLE_TYPE_WINDOW,
                                                         "main_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "error");

  gtk_window_destroy (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
  g_assert_finalize_object (window);
}

static AdwAboutWindow *
find_about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window))
        return ADW_ABOUT_WINDOW (window);
    }

  return NULL;
}

static gboolean
has_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return TRUE;

  return FALSE;
}

static void
test_application_actions (CercleTestClub *fixture,
                          gconstpointer   user_data)
{
  g_autoptr(CercleApplication) app = cercle_application_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;
  AdwAboutWindow *about;
  CercleWindow *window;
  GtkWidget *shortcuts;

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));

  /* The keyboard shortcuts window is not made with the window, but when
   * first asked for (Ctrl+?), from the resources */
  window = g_object_ref (cercle_window_new (GTK_APPLICATION (app), fixture->context));
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cercle_test_wait_for (cercle_test_window_is_loaded, window, 10));
  g_assert_false (has_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char * const *)accels, "<Control>question"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = cercle_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (shortcuts)) == GTK_WINDOW (window));
  g_object_ref (shortcuts);
  /* Closed, it is only hidden; asked for again, the same one shows */
  gtk_window_close (GTK_WINDOW (shortcuts));
  g_assert_null (cercle_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (cercle_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) == shortcuts);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_about_window ();
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APPLICATION_ID);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (GTK_WINDOW (about));

  gtk_window_destroy (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
  g_assert_finalize_object (window);
  /* and goes with the window */
  g_assert_finalize_object (shortcuts);
}

static void
test_format_money (void)
{
  g_autofree char *amount = NULL;

  /* LC_ALL=C.UTF-8 in the test environment: English conventions */
  amount = cercle_format_money (1250000);
  g_assert_cmpstr (amount, ==, "€12,500.00");
  g_clear_pointer (&amount, g_free);

  amount = cercle_format_money (5);
  g_assert_cmpstr (amount, ==, "€0.05");
}

static void
test_format_money_french (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *amount = NULL;
  g_autofree char *negative = NULL;

  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("the fr_FR.UTF-8 locale is not installed");
      return;
    }

  amount = cercle_format_money (1250000);
  negative = cercle_format_money (-99);
  setlocale (LC_ALL, saved);

  /* grouped with a narrow no-break space, the euro sign after a no-break space */
  g_assert_cmpstr (amount, ==, "12\u202f500,00\u00a0€");
  g_assert_cmpstr (negative, ==, "−0,99\u00a0€");
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  int status;

  /* A private session bus, and no accessibility bus or settings portal:
   * otherwise GTK starts a D-Bus session on the test's X display that
   * outlives the test and confuses the end-to-end test run next on it. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  /* which unsets DISPLAY, to keep D-Bus from autolaunching on it */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/cercle/app/window/pages", CercleTestClub, NULL,
              cercle_test_club_set_up, test_window_pages, cercle_test_club_tear_down);
  g_test_add ("/cercle/app/window/refresh", CercleTestClub, NULL,
              cercle_test_club_set_up, test_window_refresh, cercle_test_club_tear_down);
  g_test_add ("/cercle/app/window/close-during-search", CercleTestClub, NULL,
              cercle_test_club_set_up, test_window_close_during_search, cercle_test_club_tear_down);
  g_test_add ("/cercle/app/window/load-error", CercleTestClub, NULL,
              cercle_test_club_set_up, test_window_load_error, cercle_test_club_tear_down);
  g_test_add ("/cercle/app/window/remembers-size", CercleTestClub, NULL,
              cercle_test_club_set_up, test_window_remembers_size, cercle_test_club_tear_down);
  g_test_add ("/cercle/app/window/first-frame-before-data", CercleTestClub, NULL,
              cercle_test_club_set_up, test_window_first_frame_before_data, cercle_test_club_tear_down);
  g_test_add_func ("/cercle/app/window/error", test_window_error);
  g_test_add_func ("/cercle/app/window/live-list", test_window_live_list);
  g_test_add_func ("/cercle/app/window/long-search", test_window_long_search);
  g_test_add_func ("/cercle/app/window/locked-club", test_window_locked_club);
  g_test_add ("/cercle/app/application/actions", CercleTestClub, NULL,
              cercle_test_club_set_up, test_application_actions, cercle_test_club_tear_down);
  g_test_add_func ("/cercle/app/format/money", test_format_money);
  g_test_add_func ("/cercle/app/format/money-french", test_format_money_french);

  status = g_test_run ();

  /* Not g_test_dbus_down(): GTK keeps the session bus connection (for the
   * document portal) until exit, which down would wait for in vain. */
  g_test_dbus_stop (bus);

  return status;
}

