/* cercle-test-app.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cercle-member-slots.h"
#include "cercle-referrals-view.h"
#include "cercle-test-app.h"
#include "cercle-window.h"

void
cercle_test_club_set_up (CercleTestClub *fixture,
                         gconstpointer   user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;

  fixture->directory = g_dir_make_tmp ("cercle-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->directory, "club.db", NULL);

  cercle_demo_create (fixture->path, CERCLE_TEST_CLUB_MEMBERS, CERCLE_DEMO_DEFAULT_SEED, &error);
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

void
cercle_test_club_tear_down (CercleTestClub *fixture,
                            gconstpointer   user_data)
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

void
cercle_test_wait_ms (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, on_timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/* The first main window of @application with a club open, or without
 * one (the greeting, or the window that says why a club did not open) */
CercleWindow *
cercle_test_find_window (GtkApplication *application,
                         gboolean        with_club)
{
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (CERCLE_IS_WINDOW (l->data) &&
        (cercle_window_get_context (l->data) != NULL) == with_club)
      return l->data;

  return NULL;
}

/* A shown toplevel of @type, such as an editor or its question */
GtkWidget *
cercle_test_find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

/* The first column of the first row @sql finds in the database at @path,
 * read apart from the store so that a test sees what was written */
char *
cercle_test_query_text (const char *path,
                        const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return text;
}

/* cercle_test_query_text() read as a count; 0 when @sql finds no row */
guint
cercle_test_query_count (const char *path,
                         const char *sql)
{
  g_autofree char *text = cercle_test_query_text (path, sql);

  return text != NULL ? (guint)g_ascii_strtoull (text, NULL, 10) : 0;
}

GListModel *
cercle_test_members_model (CercleMembersView *view)
{
  GtkListView *list_view;

  list_view = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                            CERCLE_TYPE_MEMBERS_VIEW,
                                                            "list_view"));
  return G_LIST_MODEL (gtk_list_view_get_model (list_view));
}

/* The member a members list shows at @position (its items are slots) */
CercleMember *
cercle_test_members_get_member (GListModel *model,
                                guint       position)
{
  g_autoptr(CercleMemberSlot) slot = g_list_model_get_item (model, position);

  g_assert_nonnull (slot);

  return g_object_ref (cercle_member_slot_get_member (slot));
}

/* Shown, and every member listed: a window gives the club to its pages
 * only after its first frame, and a long list fills over a few frames */
gboolean
cercle_test_window_is_loaded (gpointer data)
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

  return g_list_model_get_n_items (cercle_test_members_model (CERCLE_MEMBERS_VIEW (members_view))) ==
         cercle_store_count_members (cercle_context_get_store (cercle_window_get_context (window)), NULL);
}

gboolean
cercle_test_model_holds (gpointer data)
{
  CercleTestHolds *holds = data;

  return g_list_model_get_n_items (holds->model) == holds->n_items;
}

static void
on_items_changed_cb (GListModel  *model,
                     guint        position,
                     guint        removed,
                     guint        added,
                     CercleTestChangeWatch *watch)
{
  watch->n_changes++;
}

void
cercle_test_change_watch_start (CercleTestChangeWatch *watch,
                                GListModel  *model)
{
  watch->model = model;
  watch->handler = g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), watch);
}

void
cercle_test_change_watch_stop (CercleTestChangeWatch *watch)
{
  g_clear_signal_handler (&watch->handler, watch->model);
}

gboolean
cercle_test_model_changed (gpointer data)
{
  CercleTestChangeWatch *watch = data;

  if (watch->n_changes == watch->seen)
    return FALSE;

  watch->seen = watch->n_changes;
  return TRUE;
}

/* The view of a page: Calendar and Referrals hold theirs in a bin, made
 * when first shown or after the window's first frame */
GtkWidget *
cercle_test_page_view (AdwViewStack *view_stack,
                       const char   *name)
{
  GtkWidget *page = adw_view_stack_get_child_by_name (view_stack, name);

  return ADW_IS_BIN (page) ? adw_bin_get_child (ADW_BIN (page)) : page;
}

/* The widgets of @type under @widget, in any depth */
guint
cercle_test_count_descendants (GtkWidget *widget,
                               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += cercle_test_count_descendants (child, type);

  return n;
}

CercleReferralBoard *
cercle_test_get_board (GtkWidget *referrals_view)
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
guint
cercle_test_count_referrals_shown (GtkWidget *referrals_view)
{
  CercleReferralBoard *board = cercle_test_get_board (referrals_view);
  guint n = 0;

  g_assert_true (cercle_test_wait_for (board_loaded, board, 10));

  for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
    n += g_list_model_get_n_items (cercle_referral_board_get_column (board, status));

  return n;
}

/**
 * cercle_test_save_shot:
 * @name: the file's name, without ".png"
 *
 * With $CERCLE_TEST_SHOTS set to a folder, saves @window as drawn there,
 * for a look by eye (in another locale or style, at another width);
 * without it, does nothing.
 */
void
cercle_test_save_shot (GtkWindow  *window,
                       const char *name)
{
  const char *folder = g_getenv ("CERCLE_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (folder == NULL)
    return;

  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gdk_paintable_get_intrinsic_width (paintable),
                          gdk_paintable_get_intrinsic_height (paintable));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  g_mkdir_with_parents (folder, 0755);
  path = g_strdup_printf ("%s/%s.png", folder, name);
  gdk_texture_save_to_png (texture, path);
}
