/* test-window-lists.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "cercle-format.h"
#include "cercle-member-row.h"
#include "cercle-member-slots.h"
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
  g_autoptr(GObject) selected_slot = NULL;
  CercleContext *context;
  CercleStore *store;
  CercleWindow *window;
  AdwViewStack *view_stack;
  GtkWidget *members_view;
  GtkAdjustment *adjustment;
  GtkSingleSelection *selection;
  GListModel *model;
  CercleTestChangeWatch watch = { NULL, };
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
  selected_slot = g_object_ref (gtk_single_selection_get_selected_item (selection));
  selected_before = g_object_ref (cercle_member_slot_get_member (CERCLE_MEMBER_SLOT (selected_slot)));
  cercle_test_drain_main_context ();

  /* A thousand members change, the selected one among them; none moves
   * in name order */
  for (guint i = 0; i < n_members && edited->len < 1000; i += 1)
    {
      g_autoptr(CercleMember) member = cercle_test_members_get_member (model, (i * 7) % n_members);
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

  /* The same objects, at the same place, updated in place; the view did
   * not move, and the list was not rebuilt */
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, position);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer)selected_slot);
  g_assert_true (cercle_member_slot_get_member (CERCLE_MEMBER_SLOT (selected_slot)) == selected_before);
  g_assert_cmpstr (cercle_member_get_company (selected_before), ==, "Atelier du membre choisi");
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
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer)selected_slot);
  g_assert_true (cercle_member_slot_get_member (CERCLE_MEMBER_SLOT (selected_slot)) == selected_before);
  cercle_test_change_watch_stop (&watch);

  gtk_window_destroy (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
  g_assert_finalize_object (window);
  g_assert_finalize_object (context);
  cercle_test_release_store (store);
  cercle_test_remove_dir (directory);
}

/* The row widgets of the members' list, in the list's order */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (CERCLE_IS_MEMBER_ROW (widget))
    {
      g_ptr_array_add (rows, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

typedef struct
{
  GtkWidget  *list_view;
  GHashTable *found;      /* the ids of the members the list must show */
} RowsShow;

/* Every row widget shows a member of the search shown */
static gboolean
rows_show (gpointer data)
{
  RowsShow *show = data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (show->list_view, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      CercleMember *member = cercle_member_row_get_member (g_ptr_array_index (rows, i));

      if (member != NULL && !g_hash_table_contains (show->found, cercle_record_get_id (CERCLE_RECORD (member))))
        return FALSE;
    }

  return TRUE;
}

static GHashTable *
ids_of_rows (CercleStore *store,
             GArray      *rows)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(CercleRecordList) list = cercle_record_list_new (store, CERCLE_TYPE_MEMBER, rows);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(CercleRecord) record = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_hash_table_add (ids, g_strdup (cercle_record_get_id (record)));
    }

  return ids;
}

static void
on_row_finalized_cb (gpointer  data,
                     GObject  *row)
{
  guint *n_finalized = data;

  (*n_finalized)++;
}

/* Whether @row lies, at least in part, in the list's window */
static gboolean
row_in_view (GtkWidget *list_view,
             GtkWidget *row)
{
  GtkWidget *scrolled_window = gtk_widget_get_parent (list_view);
  graphene_rect_t bounds;

  /* Rows the list view keeps but does not place have no size */
  if (!gtk_widget_get_mapped (row) || !gtk_widget_compute_bounds (row, scrolled_window, &bounds))
    return FALSE;

  return bounds.size.height > 0 &&
         bounds.origin.y + bounds.size.height > 0 &&
         bounds.origin.y < gtk_widget_get_height (scrolled_window);
}

static gboolean
scrolled_to_top (gpointer data)
{
  return gtk_adjustment_get_value (data) == 0;
}

/* A new search, and clearing it, in a long list: the list keeps its row
 * widgets (GTK 4.8's list view destroys those of the items a change takes
 * away, and makes new ones, up to 200 at once: a frame of a hundred
 * milliseconds at 100,000 members); the rows change what they show, the
 * rows in view first. The count says how many were found, the list holds
 * them all in order, and clearing the search keeps the selected member
 * selected and in view. */
void
test_window_long_search (void)
{
  g_autofree char *directory = cercle_test_make_dir ("long-search");
  g_autofree char *path = g_build_filename (directory, "club.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GArray) everyone = NULL;
  g_autoptr(GPtrArray) rows_before = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows_after = g_ptr_array_new ();
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GHashTable) all = NULL;
  g_autofree char *count = NULL;
  g_autofree char *selected_id = NULL;
  CercleContext *context;
  CercleStore *store;
  CercleWindow *window;
  AdwViewStack *view_stack;
  GtkWidget *members_view;
  GtkWidget *list_view;
  GtkLabel *count_label;
  GtkEditable *search_entry;
  GtkSingleSelection *selection;
  GListModel *model;
  CercleTestChangeWatch watch = { NULL, };
  guint n_finalized = 0;
  GtkAdjustment *adjustment;
  guint position;

  g_assert_true (cercle_demo_create (path, 1500, CERCLE_DEMO_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  store = cercle_store_open (path, &error);
  g_assert_no_error (error);
  context = cercle_context_new (store, NULL);

  window = g_object_ref (cercle_window_new (NULL, context));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cercle_test_wait_for (cercle_test_window_is_loaded, window, 10));
  cercle_test_wait_ms (100);
  cercle_test_drain_main_context ();

  view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              CERCLE_TYPE_WINDOW,
                                                              "view_stack"));
  members_view = adw_view_stack_get_child_by_name (view_stack, "members");
  model = cercle_test_members_model (CERCLE_MEMBERS_VIEW (members_view));
  selection = GTK_SINGLE_SELECTION (model);
  list_view = GTK_WIDGET (gtk_widget_get_template_child (members_view, CERCLE_TYPE_MEMBERS_VIEW, "list_view"));
  count_label = GTK_LABEL (gtk_widget_get_template_child (members_view, CERCLE_TYPE_MEMBERS_VIEW, "count_label"));
  search_entry = GTK_EDITABLE (gtk_widget_get_template_child (members_view, CERCLE_TYPE_MEMBERS_VIEW,
                                                              "search_entry"));

  expected = cercle_store_search_member_rows (store, "a", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, >, 300);
  found = ids_of_rows (store, expected);

  /* The row widgets of the whole directory, watched */
  collect_rows (list_view, rows_before);
  g_assert_cmpuint (rows_before->len, >, 20);
  for (guint i = 0; i < rows_before->len; i++)
    g_object_weak_ref (g_ptr_array_index (rows_before, i), on_row_finalized_cb, &n_finalized);

  cercle_test_change_watch_start (&watch, model);
  gtk_editable_set_text (search_entry, "a");
  g_assert_true (cercle_test_wait_for (cercle_test_model_changed, &watch, 10));

  /* One change, at the end of the list; the count of all; no row widget
   * destroyed, and the rows in view show members found at once */
  g_assert_cmpuint (watch.n_changes, ==, 1);
  count = cercle_format_count (expected->len);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (count_label), count));
  g_assert_cmpuint (n_finalized, ==, 0);
  for (guint i = 0; i < rows_before->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows_before, i);
      CercleMember *member = cercle_member_row_get_member (CERCLE_MEMBER_ROW (row));

      if (row_in_view (list_view, row))
        g_assert_true (g_hash_table_contains (found, cercle_record_get_id (CERCLE_RECORD (member))));
    }

  /* Then every row, and every member found, in order */
  g_assert_true (cercle_test_wait_for (cercle_test_model_holds,
                                       &(CercleTestHolds) { model, expected->len }, 10));
  g_assert_true (cercle_test_wait_for (rows_show, &(RowsShow) { list_view, found }, 10));
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (cercle_record_list_get_row (cercle_member_slots_get_records (CERCLE_MEMBER_SLOTS (gtk_single_selection_get_model (selection))), i),
                     ==, g_array_index (expected, gint64, i));
  collect_rows (list_view, rows_after);
  g_assert_cmpuint (n_finalized, ==, 0);
  g_assert_cmpuint (rows_after->len, ==, rows_before->len);

  /* A member far down the results chosen; clearing the search keeps the
   * row widgets, and the member selected and in view */
  position = expected->len - 5;
  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
  gtk_single_selection_set_selected (selection, position);
  cercle_test_drain_main_context ();
  {
    g_autoptr(CercleMember) member = cercle_test_members_get_member (model, position);

    selected_id = g_strdup (cercle_record_get_id (CERCLE_RECORD (member)));
  }
  for (guint i = 0; i < rows_after->len; i++)
    g_object_weak_unref (g_ptr_array_index (rows_after, i), on_row_finalized_cb, &n_finalized);
  g_ptr_array_set_size (rows_after, 0);
  collect_rows (list_view, rows_after);
  for (guint i = 0; i < rows_after->len; i++)
    g_object_weak_ref (g_ptr_array_index (rows_after, i), on_row_finalized_cb, &n_finalized);

  everyone = cercle_store_search_member_rows (store, NULL, NULL, &error);
  g_assert_no_error (error);
  all = ids_of_rows (store, everyone);
  gtk_editable_set_text (search_entry, "");
  g_assert_true (cercle_test_wait_for (cercle_test_model_holds,
                                       &(CercleTestHolds) { model, everyone->len }, 10));
  g_assert_true (cercle_test_wait_for (rows_show, &(RowsShow) { list_view, all }, 10));
  cercle_test_wait_ms (100);
  cercle_test_drain_main_context ();
  cercle_test_change_watch_stop (&watch);

  {
    CercleMemberSlot *slot = gtk_single_selection_get_selected_item (selection);
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    gboolean in_view = FALSE;

    g_assert_nonnull (slot);
    g_assert_cmpstr (cercle_record_get_id (CERCLE_RECORD (cercle_member_slot_get_member (slot))), ==, selected_id);

    collect_rows (list_view, rows);
    for (guint i = 0; i < rows->len; i++)
      {
        CercleMember *member = cercle_member_row_get_member (g_ptr_array_index (rows, i));

        if (member != NULL && g_str_equal (cercle_record_get_id (CERCLE_RECORD (member)), selected_id))
          in_view = row_in_view (list_view, g_ptr_array_index (rows, i));
      }
    g_assert_true (in_view);
  }
  g_assert_cmpuint (n_finalized, ==, 0);
  for (guint i = 0; i < rows_after->len; i++)
    g_object_weak_unref (g_ptr_array_index (rows_after, i), on_row_finalized_cb, &n_finalized);

  /* Nobody selected, the directory scrolled down: a new search shows its
   * first members, from the top */
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  cercle_test_drain_main_context ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  gtk_editable_set_text (search_entry, "a");
  g_assert_true (cercle_test_wait_for (cercle_test_model_holds,
                                       &(CercleTestHolds) { model, expected->len }, 10));
  g_assert_true (cercle_test_wait_for (rows_show, &(RowsShow) { list_view, found }, 10));
  g_assert_true (cercle_test_wait_for (scrolled_to_top, adjustment, 10));

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

