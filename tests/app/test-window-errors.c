/* test-window-errors.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>

#include "cercle-application.h"
#include "cercle-calendar-view.h"
#include "cercle-store-private.h"
#include "cercle-test-app.h"
#include "cercle-window.h"
#include "test-window.h"

/* A club the window cannot read: locked by another program, or damaged
 * behind the store's back; the window says why instead of freezing or
 * showing an empty club. */

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
void
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
  cercle_test_drain_main_context ();

  cercle_test_remove_dir (directory);
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
void
test_window_load_error (CercleTestClub *fixture,
                        gconstpointer   user_data)
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
  g_assert_true (cercle_test_wait_for (members_show_error, members_view, 10));

  /* Pages load when shown */
  cercle_window_show_page (window, "calendar");
  cercle_test_drain_main_context ();
  cercle_window_show_page (window, "referrals");
  cercle_test_drain_main_context ();
  calendar_view = cercle_test_page_view (view_stack, "calendar");
  referrals_view = cercle_test_page_view (view_stack, "referrals");

  g_assert_cmpuint (cercle_test_count_descendants (calendar_view, g_type_from_name ("CercleEventRow")), ==, 0);
  g_assert_cmpuint (cercle_test_count_referrals_shown (referrals_view), ==, 0);

  g_assert_cmpstr (get_visible_page (members_view, CERCLE_TYPE_MEMBERS_VIEW, "list_stack"), ==, "error");
  g_assert_cmpstr (get_visible_page (calendar_view, CERCLE_TYPE_CALENDAR_VIEW, "browse_stack"), ==, "error");
  g_assert_cmpstr (get_visible_page (GTK_WIDGET (cercle_test_get_board (referrals_view)), CERCLE_TYPE_REFERRAL_BOARD, "stack"),
                   ==, "error");

  gtk_window_destroy (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
  g_assert_finalize_object (window);
}

