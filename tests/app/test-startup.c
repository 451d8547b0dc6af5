/* test-startup.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a window makes before its first frame, and what it leaves for
 * later: the time to that frame is the app's first impression. */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "cercle-application.h"
#include "cercle-context.h"
#include "cercle-greeter.h"
#include "cercle-member-details.h"
#include "cercle-member-editor.h"
#include "cercle-members-view.h"
#include "cercle-test-utils.h"
#include "cercle-window.h"

#define N_DEMO_MEMBERS 40

typedef struct
{
  char          *directory;
  CercleStore   *store;
  CercleContext *context;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->directory = cercle_test_make_dir ("startup");
  path = g_build_filename (fixture->directory, "club.db", NULL);

  cercle_demo_create (path, N_DEMO_MEMBERS, CERCLE_DEMO_DEFAULT_SEED, &error);
  g_assert_no_error (error);

  fixture->store = cercle_store_open (path, &error);
  g_assert_no_error (error);
  fixture->context = cercle_context_new (fixture->store, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->context);
  cercle_test_release_store (fixture->store);
  cercle_test_remove_dir (fixture->directory);
  g_free (fixture->directory);
}

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gpointer
template_child (CercleWindow *window,
                const char   *name)
{
  return (gpointer) gtk_widget_get_template_child (GTK_WIDGET (window), CERCLE_TYPE_WINDOW, name);
}

static CercleMembersView *
members_view (CercleWindow *window)
{
  return CERCLE_MEMBERS_VIEW (adw_view_stack_get_child_by_name (template_child (window, "view_stack"),
                                                                "members"));
}

static GtkSingleSelection *
members_selection (CercleWindow *window)
{
  return GTK_SINGLE_SELECTION (gtk_widget_get_template_child (GTK_WIDGET (members_view (window)),
                                                              CERCLE_TYPE_MEMBERS_VIEW, "selection"));
}

/* What the window held when its first frame was painted */
typedef struct
{
  CercleWindow *window;
  gboolean      painted;
  gboolean      had_details;
  gboolean      had_editor;
  gboolean      had_greeter;
} FirstFrame;

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   FirstFrame    *first)
{
  GtkWidget *window = GTK_WIDGET (first->window);

  g_signal_handlers_disconnect_by_func (frame_clock, on_after_paint_cb, first);

  first->painted = TRUE;
  first->had_details = find_widget_of_type (window, CERCLE_TYPE_MEMBER_DETAILS) != NULL;
  first->had_editor = find_widget_of_type (window, CERCLE_TYPE_MEMBER_EDITOR) != NULL;
  first->had_greeter = find_widget_of_type (window, CERCLE_TYPE_GREETER) != NULL;
}

/* Connected before the window's own handler, so it sees the first frame
 * as painted, before the window's work after it */
static void
on_realize_cb (GtkWidget  *widget,
               FirstFrame *first)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (on_after_paint_cb), first);
}

static gboolean
is_listed (gpointer data)
{
  CercleWindow *window = data;
  GListModel *model = gtk_single_selection_get_model (members_selection (window));

  return gtk_widget_get_mapped (data) && model != NULL && g_list_model_get_n_items (model) > 0;
}

/* The profile pane and the editor of the members page: neither is needed
 * to paint a list with nobody chosen, so neither is made before the first
 * frame; each comes when first used */
static void
test_startup_members_panes (Fixture       *fixture,
                            gconstpointer  user_data)
{
  FirstFrame first = { NULL, };
  CercleWindow *window;
  GtkStack *details_stack;

  window = g_object_ref (cercle_window_new (NULL, fixture->context));
  first.window = window;

  g_assert_null (find_widget_of_type (GTK_WIDGET (window), CERCLE_TYPE_MEMBER_DETAILS));
  g_assert_null (find_widget_of_type (GTK_WIDGET (window), CERCLE_TYPE_MEMBER_EDITOR));

  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), &first);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 740);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cercle_test_wait_for (is_listed, window, 10));

  g_assert_true (first.painted);
  g_assert_false (first.had_details);
  g_assert_false (first.had_editor);
  g_assert_false (first.had_greeter);

  /* Listed, nobody chosen: still neither */
  g_assert_null (find_widget_of_type (GTK_WIDGET (window), CERCLE_TYPE_MEMBER_DETAILS));
  details_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (members_view (window)),
                                                            CERCLE_TYPE_MEMBERS_VIEW, "details_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details_stack), ==, "none");

  /* A member chosen: their profile */
  gtk_single_selection_set_selected (members_selection (window), 0);
  cercle_test_drain_main_context ();
  g_assert_nonnull (find_widget_of_type (GTK_WIDGET (window), CERCLE_TYPE_MEMBER_DETAILS));
  g_assert_null (find_widget_of_type (GTK_WIDGET (window), CERCLE_TYPE_MEMBER_EDITOR));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details_stack), ==, "details");

  /* Edited: the editor */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (members_view (window)), "members.edit", NULL));
  cercle_test_drain_main_context ();
  g_assert_nonnull (find_widget_of_type (GTK_WIDGET (window), CERCLE_TYPE_MEMBER_EDITOR));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (details_stack), ==, "editor");

  gtk_window_destroy (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
  g_assert_finalize_object (window);
}

/* A club's window has a greeting and an error page it seldom shows: the
 * greeter and their menus come when they are shown */
static void
test_startup_greeter_when_shown (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  CercleWindow *window;

  window = g_object_ref (cercle_window_new (NULL, fixture->context));
  g_assert_null (find_widget_of_type (GTK_WIDGET (window), CERCLE_TYPE_GREETER));
  g_assert_null (gtk_menu_button_get_menu_model (template_child (window, "welcome_menu_button")));
  g_assert_null (gtk_menu_button_get_menu_model (template_child (window, "error_menu_button")));
  gtk_window_destroy (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
  g_assert_finalize_object (window);

  /* No club: the greeting, with its ways in and the main menu */
  window = g_object_ref (cercle_window_new (NULL, NULL));
  cercle_window_show_greeter (window);
  g_assert_nonnull (find_widget_of_type (GTK_WIDGET (window), CERCLE_TYPE_GREETER));
  g_assert_nonnull (gtk_menu_button_get_menu_model (template_child (window, "welcome_menu_button")));
  cercle_window_show_greeter (window);
  gtk_window_destroy (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
  g_assert_finalize_object (window);

  /* A club that could not be opened: why, with the main menu */
  window = g_object_ref (cercle_window_new (NULL, NULL));
  cercle_window_show_error (window, "Could Not Open the Club", "The file is damaged.", NULL);
  g_assert_nonnull (gtk_menu_button_get_menu_model (template_child (window, "error_menu_button")));
  gtk_window_destroy (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
  g_assert_finalize_object (window);
}

/* Every shortcut on one page of the shortcuts window, in French too (its
 * longest labels): a second page hid the general shortcuts behind a
 * button nobody notices */
static void
test_startup_shortcuts_one_page (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));
  GtkWidget *overlay;
  GtkWidget *section;
  GtkWidget *stack;
  g_autoptr(GListModel) pages = NULL;

  cercle_application_init_i18n ();
  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "fr_FR.UTF-8");

  cercle_application_ensure_resources ();
  builder = gtk_builder_new_from_resource ("/io/github/cercle/Cercle/cercle-shortcuts-window.ui");
  overlay = GTK_WIDGET (gtk_builder_get_object (builder, "shortcuts_window"));
  g_object_ref_sink (overlay);
  gtk_window_present (GTK_WINDOW (overlay));
  cercle_test_drain_main_context ();

  section = find_widget_of_type (overlay, GTK_TYPE_SHORTCUTS_SECTION);
  g_assert_nonnull (section);
  stack = find_widget_of_type (section, GTK_TYPE_STACK);
  g_assert_nonnull (stack);
  pages = G_LIST_MODEL (gtk_stack_get_pages (GTK_STACK (stack)));
  g_assert_cmpuint (g_list_model_get_n_items (pages), ==, 1);

  gtk_window_destroy (GTK_WINDOW (overlay));
  g_object_unref (overlay);
  cercle_test_drain_main_context ();

  if (old_language != NULL)
    g_setenv ("LANGUAGE", old_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/cercle/app/startup/members-panes", Fixture, NULL,
              fixture_set_up, test_startup_members_panes, fixture_tear_down);
  g_test_add ("/cercle/app/startup/greeter-when-shown", Fixture, NULL,
              fixture_set_up, test_startup_greeter_when_shown, fixture_tear_down);

  g_test_add_func ("/cercle/app/startup/shortcuts-one-page", test_startup_shortcuts_one_page);

  return g_test_run ();
}
