/* test-window-lists.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "cercle-format.h"
#include "cercle-test-app.h"
#include "cercle-window.h"
#include "test-window.h"

/* The members' list of a window: it changes in place under a burst of
 * writes, fills a long search over frames, and lets go of a search when
 * the window closes. */

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
void
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
  CercleTestChangeWatch watch = { NULL, };
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
  g_assert_true (cercle_test_wait_for (cercle_test_window_is_loaded, window, 10));

  view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              CERCLE_TYPE_WINDOW,
                                                              "view_stack"));
  members_view = adw_view_stack_get_child_by_name (view_stack, "members");
  model = cercle_test_members_model (CERCLE_MEMBERS_VIEW (members_view));
  selection = GTK_SINGLE_SELECTION (model);
  n_members = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_members, ==, 1500);

  /* Scrolled down some way, and a member there selected */
  adjustment = get_list_adjustment (members_view);
  g_assert_true (cercle_test_wait_for (adjustment_scrollable, adjustment, 10));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  cercle_test_drain_main_context ();
  scrolled_to = gtk_adjustment_get_value (adjustment);
  position = n_members / 2;
  gtk_single_selection_set_selected (selection, position);
  selected_before = gtk_single_selection_get_selected_item (selection);
  g_object_ref (selected_before);
  cercle_test_drain_main_context ();

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

  cercle_test_change_watch_start (&watch, model);
  g_assert_true (cercle_store_save_all (store, (CercleRecord **)edited->pdata, edited->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);
  cercle_test_drain_main_context ();
  cercle_test_wait_ms (100);
  cercle_test_drain_main_context ();

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
    cercle_test_drain_main_context ();
    cercle_test_wait_ms (100);
    cercle_test_drain_main_context ();
  }

  g_assert_cmpuint (watch.n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_members + 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, position + 1);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == selected_before);
  cercle_test_change_watch_stop (&watch);

  gtk_window_destroy (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
  g_assert_finalize_object (window);
  g_assert_finalize_object (context);
  cercle_test_release_store (store);
  cercle_test_remove_dir (directory);
}

/* A search in a long list shows its first rows and the count of every
 * member found in one change, with no more row widgets than those rows:
 * GTK 4.8's list view would otherwise make a widget for each of the first
 * 200 members found at once. The rest follow over the next frames. */
void
test_window_long_search (void)
{
  g_autofree char *directory = cercle_test_make_dir ("long-search");
  g_autofree char *path = g_build_filename (directory, "club.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expected = NULL;
  g_autofree char *count = NULL;
  CercleContext *context;
  CercleStore *store;
  CercleWindow *window;
  AdwViewStack *view_stack;
  GtkWidget *members_view;
  GtkWidget *list_view;
  GtkLabel *count_label;
  GtkEditable *search_entry;
  GListModel *model;
  CercleTestChangeWatch watch = { NULL, };
  guint n_first;

  g_assert_true (cercle_demo_create (path, 1500, CERCLE_DEMO_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  store = cercle_store_open (path, &error);
  g_assert_no_error (error);
  context = cercle_context_new (store, NULL);

  window = g_object_ref (cercle_window_new (NULL, context));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cercle_test_wait_for (cercle_test_window_is_loaded, window, 10));

  view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              CERCLE_TYPE_WINDOW,
                                                              "view_stack"));
  members_view = adw_view_stack_get_child_by_name (view_stack, "members");
  model = cercle_test_members_model (CERCLE_MEMBERS_VIEW (members_view));
  list_view = GTK_WIDGET (gtk_widget_get_template_child (members_view, CERCLE_TYPE_MEMBERS_VIEW, "list_view"));
  count_label = GTK_LABEL (gtk_widget_get_template_child (members_view, CERCLE_TYPE_MEMBERS_VIEW, "count_label"));
  search_entry = GTK_EDITABLE (gtk_widget_get_template_child (members_view, CERCLE_TYPE_MEMBERS_VIEW,
                                                              "search_entry"));

  expected = cercle_store_search_member_rows (store, "a", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, >, 300);

  cercle_test_change_watch_start (&watch, model);
  gtk_editable_set_text (search_entry, "a");
  g_assert_true (cercle_test_wait_for (cercle_test_model_changed, &watch, 10));

  /* The first rows, in one change, and the count of all */
  n_first = g_list_model_get_n_items (model);
  g_assert_cmpuint (watch.n_changes, ==, 1);
  g_assert_cmpuint (n_first, >=, 20);
  g_assert_cmpuint (n_first, <=, 50);
  g_assert_cmpuint (cercle_test_count_descendants (list_view, g_type_from_name ("CercleMemberRow")),
                    <=, n_first);
  count = cercle_format_count (expected->len);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (count_label), count));

  /* Then every one, in order */
  g_assert_true (cercle_test_wait_for (cercle_test_model_holds,
                                       &(CercleTestHolds) { model, expected->len }, 10));
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (cercle_record_list_get_row (CERCLE_RECORD_LIST (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model))), i),
                     ==, g_array_index (expected, gint64, i));
  cercle_test_change_watch_stop (&watch);

  gtk_window_destroy (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
  g_assert_finalize_object (window);
  g_assert_finalize_object (context);
  cercle_test_release_store (store);
  cercle_test_remove_dir (directory);
}

/* Closing the window while a search runs in the store's thread, then
 * changing the store, must neither touch the dead window nor leak it. */
void
test_window_close_during_search (CercleTestClub *fixture,
                                 gconstpointer   user_data)
{
  g_autoptr(CercleMember) member = cercle_member_new ();
  g_autoptr(GError) error = NULL;
  CercleWindow *window;
  AdwViewStack *view_stack;
  GtkWidget *members_view;
  GtkWidget *search_entry;
  GListModel *model;
  CercleTestChangeWatch watch = { NULL, };

  window = g_object_ref (cercle_window_new (NULL, fixture->context));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cercle_test_wait_for (cercle_test_window_is_loaded, window, 10));

  view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              CERCLE_TYPE_WINDOW,
                                                              "view_stack"));
  members_view = adw_view_stack_get_child_by_name (view_stack, "members");
  search_entry = GTK_WIDGET (gtk_widget_get_template_child (members_view,
                                                            CERCLE_TYPE_MEMBERS_VIEW,
                                                            "search_entry"));

  model = cercle_test_members_model (CERCLE_MEMBERS_VIEW (members_view));
  cercle_test_change_watch_start (&watch, model);

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
  cercle_test_drain_main_context ();
  cercle_test_wait_ms (200);
  cercle_test_drain_main_context ();

  /* Closing cancelled the search: its result, and the change, went unseen */
  g_assert_cmpuint (watch.n_changes, ==, 0);
  cercle_test_change_watch_stop (&watch);

  g_assert_finalize_object (window);
}

