/* test-window.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "cercle-application.h"
#include "cercle-calendar-view.h"
#include "cercle-context.h"
#include "cercle-format.h"
#include "cercle-members-view.h"
#include "cercle-referral-board.h"
#include "cercle-referrals-view.h"
#include "cercle-store-private.h"
#include "cercle-test-utils.h"
#include "cercle-window.h"

#define N_DEMO_MEMBERS 60

typedef struct
{
  char          *directory;
  char          *path;
  CercleStore   *store;
  CercleContext *context;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;

  fixture->directory = g_dir_make_tmp ("cercle-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->directory, "club.db", NULL);

  cercle_demo_create (fixture->path, N_DEMO_MEMBERS, CERCLE_DEMO_DEFAULT_SEED, &error);
  g_assert_no_error (error);

  fixture->store = cercle_store_open (fixture->path, &error);
  g_assert_no_error (error);

  settings = cercle_settings_new_if_installed ();
  fixture->context = cercle_context_new (fixture->store, settings);
}

static void
remove_directory (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_unlink (path);
    }
  g_rmdir (directory);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->context);
  g_assert_finalize_object (fixture->store);
  remove_directory (fixture->directory);
  g_free (fixture->path);
  g_free (fixture->directory);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done(@data) or 10 seconds */
static gboolean
wait_for (gboolean (*done) (gpointer data),
          gpointer   data)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (10, on_timeout_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);

  return !timed_out;
}

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_ms (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, on_timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static GListModel *
get_members_model (CercleMembersView *view)
{
  GtkListView *list_view;

  list_view = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                            CERCLE_TYPE_MEMBERS_VIEW,
                                                            "list_view"));
  return G_LIST_MODEL (gtk_list_view_get_model (list_view));
}

/* Shown, and its members listed: a window gives the club to its pages only
 * after its first frame */
static gboolean
is_loaded (gpointer data)
{
  CercleWindow *window = data;
  AdwViewStack *view_stack;
  GtkWidget *members_view;

  if (!gtk_widget_get_mapped (data))
    return FALSE;
  if (cercle_window_get_context (window) == NULL)
    return TRUE;

  view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              CERCLE_TYPE_WINDOW,
                                                              "view_stack"));
  members_view = adw_view_stack_get_child_by_name (view_stack, "members");

  return g_list_model_get_n_items (get_members_model (CERCLE_MEMBERS_VIEW (members_view))) > 0;
}

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

/* Counts the model's changes, so that a test can wait for a search to
 * reach the list it keeps */
typedef struct
{
  GListModel *model;
  gulong      handler;
  guint       n_changes;
  guint       seen;
} ChangeWatch;

static void
on_items_changed_cb (GListModel  *model,
                     guint        position,
                     guint        removed,
                     guint        added,
                     ChangeWatch *watch)
{
  watch->n_changes++;
}

static void
change_watch_start (ChangeWatch *watch,
                    GListModel  *model)
{
  watch->model = model;
  watch->handler = g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), watch);
}

static void
change_watch_stop (ChangeWatch *watch)
{
  g_clear_signal_handler (&watch->handler, watch->model);
}

static gboolean
model_changed (gpointer data)
{
  ChangeWatch *watch = data;

  if (watch->n_changes == watch->seen)
    return FALSE;

  watch->seen = watch->n_changes;
  return TRUE;
}

/* The view of a page: Calendar and Referrals hold theirs in a bin, made
 * when first shown or after the window's first frame */
static GtkWidget *
page_view (AdwViewStack *view_stack,
           const char   *name)
{
  GtkWidget *page = adw_view_stack_get_child_by_name (view_stack, name);

  return ADW_IS_BIN (page) ? adw_bin_get_child (ADW_BIN (page)) : page;
}

/* The widgets of @type under @widget, in any depth */
static guint
count_descendants (GtkWidget *widget,
                   GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_descendants (child, type);

  return n;
}

static CercleReferralBoard *
get_board (GtkWidget *referrals_view)
{
  return CERCLE_REFERRAL_BOARD (gtk_widget_get_template_child (referrals_view,
                                                               CERCLE_TYPE_REFERRALS_VIEW,
                                                               "board"));
}

static gboolean
board_loaded (gpointer data)
{
  return !cercle_referral_board_is_loading (data);
}

/* The referrals on the board, once its worker thread found them */
static guint
count_referrals_shown (GtkWidget *referrals_view)
{
  CercleReferralBoard *board = get_board (referrals_view);
  guint n = 0;

  g_assert_true (wait_for (board_loaded, board));

  for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
    n += g_list_model_get_n_items (cercle_referral_board_get_column (board, status));

  return n;
}

static void
test_window_pages (Fixture       *fixture,
                   gconstpointer  user_data)
{
  CercleWindow *window;
  AdwViewStack *view_stack;
  CercleMembersView *members_view;
  CercleCalendarView *calendar_view;
  CercleReferralsView *referrals_view;
  GtkEditable *search_entry;
  GListModel *model;
  ChangeWatch watch = { NULL, };
  const char *pages[] = { "members", "calendar", "referrals" };
  const char *titles[] = { "Members", "Calendar", "Referrals" };
  gboolean found = FALSE;
  guint n_members;
  guint n_results;

  window = g_object_ref (cercle_window_new (NULL, fixture->context));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (is_loaded, window));

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
      drain_main_context ();
      g_assert_true (adw_view_stack_get_visible_child (view_stack) == child);
    }

  members_view = CERCLE_MEMBERS_VIEW (adw_view_stack_get_child_by_name (view_stack, "members"));
  calendar_view = CERCLE_CALENDAR_VIEW (page_view (view_stack, "calendar"));
  referrals_view = CERCLE_REFERRALS_VIEW (page_view (view_stack, "referrals"));

  /* Each page shows the club's data */
  model = get_members_model (members_view);
  n_members = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_members, ==, cercle_store_count_members (fixture->store, NULL));
  g_assert_cmpuint (n_members, >=, N_DEMO_MEMBERS / 2);
  g_assert_cmpuint (count_descendants (GTK_WIDGET (calendar_view), g_type_from_name ("CercleEventRow")), >, 0);
  g_assert_cmpuint (count_referrals_shown (GTK_WIDGET (referrals_view)), >, 0);

  /* Search as you type: "helene" finds "Hélène" */
  cercle_window_show_page (window, "members");
  search_entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (members_view),
                                                              CERCLE_TYPE_MEMBERS_VIEW,
                                                              "search_entry"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  change_watch_start (&watch, model);
  gtk_editable_set_text (search_entry, "helene");
  g_assert_true (wait_for (model_changed, &watch));

  n_results = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_results, >, 0);
  g_assert_cmpuint (n_results, <, n_members);

  for (guint i = 0; i < n_results; i++)
    {
      g_autoptr(CercleMember) member = g_list_model_get_item (model, i);
      g_autofree char *first = fold (cercle_member_get_first_name (member));

      if (g_str_equal (first, "helene"))
        found = TRUE;
    }
  g_assert_true (found);

  /* Clearing the search shows everyone again */
  gtk_editable_set_text (search_entry, "");
  g_assert_true (wait_for (model_changed, &watch));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_members);
  change_watch_stop (&watch);

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
  g_assert_finalize_object (window);
}

static GtkAdjustment *
get_list_adjustment (GtkWidget *members_view)
{
  GtkWidget *list_view = GTK_WIDGET (gtk_widget_get_template_child (members_view,
                                                                    CERCLE_TYPE_MEMBERS_VIEW,
                                                                    "list_view"));

  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
}

static gboolean
adjustment_scrollable (gpointer data)
{
  GtkAdjustment *adjustment = data;

  return gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) > 1000;
}

/* A burst of writes (as a sync page brings) changes a thousand members
 * while one is selected and the list is scrolled: the list changes in
 * place, and neither the selection nor the scroll position moves. */
static void
test_window_live_list (void)
{
  g_autofree char *directory = cercle_test_make_dir ("live-list");
  g_autofree char *path = g_build_filename (directory, "club.db", NULL);
  g_autoptr(GPtrArray) edited = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleMember) selected_before = NULL;
  CercleContext *context;
  CercleStore *store;
  CercleWindow *window;
  AdwViewStack *view_stack;
  GtkWidget *members_view;
  GtkAdjustment *adjustment;
  GtkSingleSelection *selection;
  GListModel *model;
  ChangeWatch watch = { NULL, };
  CercleMember *selected_after;
  double scrolled_to;
  guint position;
  guint n_members;

  g_assert_true (cercle_demo_create (path, 1500, CERCLE_DEMO_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  store = cercle_store_open (path, &error);
  g_assert_no_error (error);
  context = cercle_context_new (store, NULL);

  window = g_object_ref (cercle_window_new (NULL, context));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (is_loaded, window));

  view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              CERCLE_TYPE_WINDOW,
                                                              "view_stack"));
  members_view = adw_view_stack_get_child_by_name (view_stack, "members");
  model = get_members_model (CERCLE_MEMBERS_VIEW (members_view));
  selection = GTK_SINGLE_SELECTION (model);
  n_members = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_members, ==, 1500);

  /* Scrolled down some way, and a member there selected */
  adjustment = get_list_adjustment (members_view);
  g_assert_true (cercle_test_wait_for (adjustment_scrollable, adjustment, 10));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  drain_main_context ();
  scrolled_to = gtk_adjustment_get_value (adjustment);
  position = n_members / 2;
  gtk_single_selection_set_selected (selection, position);
  selected_before = gtk_single_selection_get_selected_item (selection);
  g_object_ref (selected_before);
  drain_main_context ();

  /* A thousand members change, the selected one among them; none moves
   * in name order */
  for (guint i = 0; i < n_members && edited->len < 1000; i += 1)
    {
      g_autoptr(CercleMember) member = g_list_model_get_item (model, (i * 7) % n_members);
      g_autoptr(CercleRecord) copy = cercle_store_get_record (store, CERCLE_TYPE_MEMBER,
                                                              cercle_record_get_id (CERCLE_RECORD (member)),
                                                              &error);

      g_assert_no_error (error);
      if (g_ptr_array_find_with_equal_func (edited, copy, (GEqualFunc)g_direct_equal, NULL))
        continue;
      g_object_set (copy, "city", "Villeurbanne", "company", "Société changée", NULL);
      g_ptr_array_add (edited, g_steal_pointer (&copy));
    }
  {
    g_autoptr(CercleRecord) copy = cercle_store_get_record (store, CERCLE_TYPE_MEMBER,
                                                            cercle_record_get_id (CERCLE_RECORD (selected_before)),
                                                            &error);

    g_object_set (copy, "company", "Atelier du membre choisi", NULL);
    g_ptr_array_add (edited, g_steal_pointer (&copy));
  }

  change_watch_start (&watch, model);
  g_assert_true (cercle_store_save_all (store, (CercleRecord **)edited->pdata, edited->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);
  drain_main_context ();
  wait_ms (100);
  drain_main_context ();

  /* The same object, at the same place, updated in place; the view did not
   * move, and the list was not rebuilt */
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, position);
  selected_after = gtk_single_selection_get_selected_item (selection);
  g_assert_true (selected_after == selected_before);
  g_assert_cmpstr (cercle_member_get_company (selected_after), ==, "Atelier du membre choisi");
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adjustment), scrolled_to, 0.5);
  g_assert_cmpuint (watch.n_changes, ==, 0);

  /* A new member who sorts first: the list grows by one row at the top,
   * and the selected member stays selected */
  {
    g_autoptr(CercleMember) first = g_object_new (CERCLE_TYPE_MEMBER,
                                                  "first-name", "Aaron", "last-name", "Aaberg", NULL);

    g_assert_true (cercle_store_save (store, CERCLE_RECORD (first), &error));
    g_assert_no_error (error);
    drain_main_context ();
    wait_ms (100);
    drain_main_context ();
  }

  g_assert_cmpuint (watch.n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_members + 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, position + 1);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == selected_before);
  change_watch_stop (&watch);

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
  g_assert_finalize_object (window);
  g_assert_finalize_object (context);
  cercle_test_release_store (store);
  cercle_test_remove_dir (directory);
}

typedef struct
{
  gint64 last_tick;
  gint64 longest_gap;
} Ticks;

static gboolean
on_tick_cb (gpointer user_data)
{
  Ticks *ticks = user_data;
  gint64 now = g_get_monotonic_time ();

  ticks->longest_gap = MAX (ticks->longest_gap, now - ticks->last_tick);
  ticks->last_tick = now;

  return G_SOURCE_CONTINUE;
}

static CercleWindow *
find_window (GtkApplication *application,
             gboolean        with_club)
{
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (CERCLE_IS_WINDOW (l->data) &&
        (cercle_window_get_context (l->data) != NULL) == with_club)
      return l->data;

  return NULL;
}

static gboolean
has_error_window (gpointer data)
{
  return find_window (data, FALSE) != NULL;
}

static gboolean
has_club_window (gpointer data)
{
  return find_window (data, TRUE) != NULL;
}

/* Another program keeps the club locked: opening it must not freeze the
 * app, and it ends on a page that says why and offers to try again. */
static void
test_window_locked_club (void)
{
  g_autofree char *directory = cercle_test_make_dir ("locked-club");
  g_autofree char *path = g_build_filename (directory, "club.db", NULL);
  g_autoptr(CercleApplication) app = cercle_application_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Ticks ticks = { g_get_monotonic_time (), 0 };
  CercleWindow *error_window;
  GtkWidget *retry_button;
  AdwStatusPage *error_page;
  sqlite3 *other = NULL;
  guint tick_id;

  /* An early club, in a rollback journal, held by another program: the
   * schema of version 2, which later migrations bring up to date */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (sqlite3_exec (other, cercle_store_migrations[i], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "PRAGMA user_version = 2; BEGIN EXCLUSIVE;"
                                        " INSERT INTO meta VALUES ('busy', 'yes')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* An id of its own: another test registers the app's */
  g_application_set_application_id (G_APPLICATION (app), APPLICATION_ID ".LockedClubTest");
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  tick_id = g_timeout_add (20, on_tick_cb, &ticks);
  cercle_application_open_database (app, file);
  g_assert_true (cercle_test_wait_for (has_error_window, app, 20));
  g_source_remove (tick_id);

  /* The main loop went on while the file was busy: opening it in the
   * main thread would stop it for the whole two seconds of the wait (the
   * margin is for a busy test machine) */
  g_assert_cmpint (ticks.longest_gap, <, 1000 * 1000);

  error_window = find_window (GTK_APPLICATION (app), FALSE);
  error_page = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (error_window),
                                                               CERCLE_TYPE_WINDOW, "error_page"));
  g_assert_nonnull (strstr (adw_status_page_get_description (error_page), "in use"));
  retry_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (error_window),
                                                            CERCLE_TYPE_WINDOW, "retry_button"));
  g_assert_true (gtk_widget_get_visible (retry_button));

  /* The other program lets go; trying again opens the club */
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (error_window), "win.retry", NULL));
  g_assert_true (cercle_test_wait_for (has_club_window, app, 20));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (app)))
    gtk_window_destroy (l->data);
  g_application_release (G_APPLICATION (app));
  drain_main_context ();

  cercle_test_remove_dir (directory);
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
test_window_first_frame_before_data (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  FirstPaint paint = { NULL, };
  CercleWindow *window;
  AdwViewStack *view_stack;

  window = g_object_ref (cercle_window_new (NULL, fixture->context));
  view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              CERCLE_TYPE_WINDOW,
                                                              "view_stack"));
  paint.model = get_members_model (CERCLE_MEMBERS_VIEW (adw_view_stack_get_child_by_name (view_stack,
                                                                                        "members")));
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), &paint);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (is_loaded, window));

  g_assert_true (paint.painted);
  g_assert_cmpuint (paint.n_at_first_paint, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (paint.model), ==,
                    cercle_store_count_members (fixture->store, NULL));

  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (window)),
                                        on_first_paint_cb, &paint);
  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
  g_assert_finalize_object (window);
}

static void
test_window_remembers_size (Fixture       *fixture,
                            gconstpointer  user_data)
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
  g_assert_true (wait_for (is_loaded, window));

  /* The user resizes the window, then closes it. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  gtk_window_close (GTK_WINDOW (window));
  drain_main_context ();
  g_assert_finalize_object (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1024);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
test_window_refresh (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(CercleMember) member = cercle_member_new ();
  g_autoptr(GError) error = NULL;
  CercleWindow *window;
  AdwViewStack *view_stack;
  GListModel *model;
  guint n_members;

  window = g_object_ref (cercle_window_new (NULL, fixture->context));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (is_loaded, window));

  view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              CERCLE_TYPE_WINDOW,
                                                              "view_stack"));
  model = get_members_model (CERCLE_MEMBERS_VIEW (adw_view_stack_get_child_by_name (view_stack, "members")));
  n_members = g_list_model_get_n_items (model);

  /* A write to the store shows at once */
  g_object_set (member,
                "first-name", "Zoé",
                "last-name", "Zylberstein",
                "company", "Atelier Z",
                NULL);
  cercle_store_save (fixture->store, CERCLE_RECORD (member), &error);
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_members + 1);

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
  g_assert_finalize_object (window);
}

/* Closing the window while a search runs in the store's thread, then
 * changing the store, must neither touch the dead window nor leak it. */
static void
test_window_close_during_search (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(CercleMember) member = cercle_member_new ();
  g_autoptr(GError) error = NULL;
  CercleWindow *window;
  AdwViewStack *view_stack;
  GtkWidget *members_view;
  GtkWidget *search_entry;
  GListModel *model;
  ChangeWatch watch = { NULL, };

  window = g_object_ref (cercle_window_new (NULL, fixture->context));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (is_loaded, window));

  view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              CERCLE_TYPE_WINDOW,
                                                              "view_stack"));
  members_view = adw_view_stack_get_child_by_name (view_stack, "members");
  search_entry = GTK_WIDGET (gtk_widget_get_template_child (members_view,
                                                            CERCLE_TYPE_MEMBERS_VIEW,
                                                            "search_entry"));

  model = get_members_model (CERCLE_MEMBERS_VIEW (members_view));
  change_watch_start (&watch, model);

  /* Typing starts a search at once, without the entry's delay */
  gtk_editable_set_text (GTK_EDITABLE (search_entry), "helene");
  g_signal_emit_by_name (search_entry, "search-changed");

  /* As the user closes it: gtk_window_close() asks, then destroys. (A bare
   * gtk_window_destroy() would not dispose the window while this test holds
   * it, and so would cancel nothing.) */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));

  g_object_set (member,
                "first-name", "Zoé",
                "last-name", "Zylberstein",
                NULL);
  cercle_store_save (fixture->store, CERCLE_RECORD (member), &error);
  g_assert_no_error (error);

  /* The search's result comes back from the store's thread */
  drain_main_context ();
  wait_ms (200);
  drain_main_context ();

  /* Closing cancelled the search: its result, and the change, went unseen */
  g_assert_cmpuint (watch.n_changes, ==, 0);
  change_watch_stop (&watch);

  g_assert_finalize_object (window);
}

static const char *
get_visible_page (GtkWidget  *widget,
                  GType       widget_type,
                  const char *stack_name)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (widget, widget_type, stack_name));

  return gtk_stack_get_visible_child_name (stack);
}

static gboolean
members_show_error (gpointer data)
{
  return g_strcmp0 (get_visible_page (data, CERCLE_TYPE_MEMBERS_VIEW, "list_stack"), "error") == 0;
}

/* A database that cannot be read shows why, not an empty club */
static void
test_window_load_error (Fixture       *fixture,
                        gconstpointer  user_data)
{
  sqlite3 *db = NULL;
  CercleWindow *window;
  AdwViewStack *view_stack;
  GtkWidget *members_view;
  GtkWidget *calendar_view;
  GtkWidget *referrals_view;

  /* Another program damages the database behind the store's back */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TABLE member; DROP TABLE event; DROP TABLE referral;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  window = g_object_ref (cercle_window_new (NULL, fixture->context));
  gtk_window_present (GTK_WINDOW (window));

  view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              CERCLE_TYPE_WINDOW,
                                                              "view_stack"));
  members_view = adw_view_stack_get_child_by_name (view_stack, "members");
  g_assert_true (wait_for (members_show_error, members_view));

  /* Pages load when shown */
  cercle_window_show_page (window, "calendar");
  drain_main_context ();
  cercle_window_show_page (window, "referrals");
  drain_main_context ();
  calendar_view = page_view (view_stack, "calendar");
  referrals_view = page_view (view_stack, "referrals");

  g_assert_cmpuint (count_descendants (calendar_view, g_type_from_name ("CercleEventRow")), ==, 0);
  g_assert_cmpuint (count_referrals_shown (referrals_view), ==, 0);

  g_assert_cmpstr (get_visible_page (members_view, CERCLE_TYPE_MEMBERS_VIEW, "list_stack"), ==, "error");
  g_assert_cmpstr (get_visible_page (calendar_view, CERCLE_TYPE_CALENDAR_VIEW, "browse_stack"), ==, "error");
  g_assert_cmpstr (get_visible_page (GTK_WIDGET (get_board (referrals_view)), CERCLE_TYPE_REFERRAL_BOARD, "stack"),
                   ==, "error");

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
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
  g_assert_true (wait_for (is_loaded, window));

  main_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                         CERCLE_TYPE_WINDOW,
                                                         "main_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "error");

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
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

static void
test_application_actions (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(CercleApplication) app = cercle_application_new ();
  g_autoptr(GError) error = NULL;
  AdwAboutWindow *about;
  CercleWindow *window;

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));

  /* The keyboard shortcuts window comes from the resources */
  window = g_object_ref (cercle_window_new (GTK_APPLICATION (app), fixture->context));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (is_loaded, window));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_about_window ();
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APPLICATION_ID);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (GTK_WINDOW (about));

  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
  g_assert_finalize_object (window);
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

  g_test_add ("/cercle/app/window/pages", Fixture, NULL,
              fixture_set_up, test_window_pages, fixture_tear_down);
  g_test_add ("/cercle/app/window/refresh", Fixture, NULL,
              fixture_set_up, test_window_refresh, fixture_tear_down);
  g_test_add ("/cercle/app/window/close-during-search", Fixture, NULL,
              fixture_set_up, test_window_close_during_search, fixture_tear_down);
  g_test_add ("/cercle/app/window/load-error", Fixture, NULL,
              fixture_set_up, test_window_load_error, fixture_tear_down);
  g_test_add ("/cercle/app/window/remembers-size", Fixture, NULL,
              fixture_set_up, test_window_remembers_size, fixture_tear_down);
  g_test_add ("/cercle/app/window/first-frame-before-data", Fixture, NULL,
              fixture_set_up, test_window_first_frame_before_data, fixture_tear_down);
  g_test_add_func ("/cercle/app/window/error", test_window_error);
  g_test_add_func ("/cercle/app/window/live-list", test_window_live_list);
  g_test_add_func ("/cercle/app/window/locked-club", test_window_locked_club);
  g_test_add ("/cercle/app/application/actions", Fixture, NULL,
              fixture_set_up, test_application_actions, fixture_tear_down);
  g_test_add_func ("/cercle/app/format/money", test_format_money);
  g_test_add_func ("/cercle/app/format/money-french", test_format_money_french);

  status = g_test_run ();

  /* Not g_test_dbus_down(): GTK keeps the session bus connection (for the
   * document portal) until exit, which down would wait for in vain. */
  g_test_dbus_stop (bus);

  return status;
}
