/* test-club-sync.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>

#include "cercle-club-sync.h"
#include "cercle-sync-indicator.h"
#include "cercle-test-server.h"
#include "cercle-test-utils.h"

/* An open club's sync, as the indicator sees it, against a real
 * cercle-server on 127.0.0.1. It keeps its device key in the Secret
 * Service: run with run-with-keyring.sh. */

static gboolean
has_status (gpointer data)
{
  gpointer *pair = data;

  return cercle_club_sync_get_status (pair[0]) == GPOINTER_TO_UINT (pair[1]);
}

static gboolean
wait_for_status (CercleClubSync   *sync,
                 CercleSyncStatus  status,
                 guint             seconds)
{
  gpointer pair[2] = { sync, GUINT_TO_POINTER (status) };

  if (cercle_test_wait_for (has_status, pair, seconds))
    return TRUE;

  /* Which state it stayed in says why, when the suite fails on CI */
  g_test_message ("waited %u s for status %d: still %d (%s)", seconds, status,
                  cercle_club_sync_get_status (sync),
                  cercle_club_sync_get_message (sync) != NULL ? cercle_club_sync_get_message (sync) : "no message");
  return FALSE;
}

typedef struct
{
  CercleStore *store;
  const char  *member_id;
  const char  *city;
} Arrival;

static gboolean
arrived (gpointer data)
{
  Arrival *arrival = data;
  g_autoptr(CercleMember) member = cercle_store_get_record (arrival->store, CERCLE_TYPE_MEMBER,
                                                            arrival->member_id, NULL);

  return member != NULL && g_strcmp0 (cercle_member_get_city (member), arrival->city) == 0;
}

static void
set_city (CercleStore *store,
          const char  *member_id,
          const char  *city)
{
  g_autoptr(CercleMember) member = cercle_store_get_record (store, CERCLE_TYPE_MEMBER, member_id, NULL);
  g_autoptr(GError) error = NULL;

  g_object_set (member, "city", city, NULL);
  g_assert_true (cercle_store_save (store, CERCLE_RECORD (member), &error));
  g_assert_no_error (error);
}

/* Signing out on another device of the same session, or the admin
 * revoking it, closes the club's stream: the indicator says "sign in
 * again" at once, not at the next sync, and the edits wait */
static void
test_session_ended (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("club-sync-session");
  g_autofree char *path = g_build_filename (world->server->dir, "alice.cercle", NULL);
  g_autofree char *token = cercle_test_login (world->server, CERCLE_TEST_ALICE_EMAIL, "alice-laptop");
  g_autofree char *again = NULL;
  g_autoptr(CercleTestResponse) response = NULL;
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(CercleClubSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  Arrival arrival = { NULL, world->bruno_member, NULL };
  gint64 started;

  if (g_getenv ("CERCLE_TEST_KEYRING") == NULL)
    {
      g_test_skip ("needs tests/sync/run-with-keyring.sh");
      return;
    }

  g_assert_true (cercle_store_create (path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  store = cercle_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cercle_store_set_sync_origin (store, world->server->base_url, world->club_a,
                                               CERCLE_TEST_ALICE_EMAIL, NULL, &error));
  g_assert_no_error (error);

  sync = cercle_club_sync_new (store);
  cercle_club_sync_set_token (sync, token);
  /* 20 s was passed once on a fresh clone while the whole suite ran */
  g_assert_true (wait_for_status (sync, CERCLE_SYNC_STATUS_SYNCED, 60));

  /* As joining leaves it: the copy knows who the user is */
  g_assert_true (cercle_store_set_local_member (store, world->alice_member, &error));
  g_assert_no_error (error);

  /* The stream is open once a change by someone else arrives by itself */
  arrival.store = store;
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *old_city = i == 0 ? g_strdup ("null") : g_strdup_printf ("\"Mâcon %u\"", i - 1);
      g_autofree char *new_city = g_strdup_printf ("\"Mâcon %u\"", i);
      JsonArray *mutations = json_array_new ();   /* the push takes it */
      g_autoptr(JsonObject) answer = NULL;
      guint status = 0;

      json_array_add_object_element (mutations,
                                     cercle_test_mutation (3000 + i, "member", world->bruno_member, "update", 0,
                                                           "city", old_city, new_city, NULL));
      answer = cercle_test_push (world->server, world->staff_token, world->club_a, CERCLE_TEST_CLIENT_ID,
                                 mutations, &status);
      g_assert_cmpuint (status, ==, 200);

      g_free ((char *)arrival.city);
      arrival.city = g_strdup_printf ("Mâcon %u", i);
      if (cercle_test_wait_for (arrived, &arrival, 2))
        break;
    }
  g_assert_true (arrived (&arrival));
  g_assert_true (wait_for_status (sync, CERCLE_SYNC_STATUS_SYNCED, 10));

  /* Signed out elsewhere with the same session */
  started = g_get_monotonic_time ();
  response = cercle_test_request (world->server, "DELETE", "/api/v1/session", token, NULL);
  g_assert_cmpuint (response->status, ==, 204);
  g_assert_true (wait_for_status (sync, CERCLE_SYNC_STATUS_SIGN_IN, 5));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);

  /* An edit meanwhile waits, and the indicator keeps asking to sign in */
  set_city (store, world->alice_member, "Roanne");
  g_assert_false (wait_for_status (sync, CERCLE_SYNC_STATUS_SYNCING, 3));
  g_assert_cmpuint (cercle_club_sync_get_status (sync), ==, CERCLE_SYNC_STATUS_SIGN_IN);
  g_assert_cmpuint (cercle_club_sync_get_n_waiting (sync), ==, 1);

  /* Signed in again: the edit goes */
  again = cercle_test_login (world->server, CERCLE_TEST_ALICE_EMAIL, "alice-laptop");
  cercle_club_sync_set_token (sync, again);
  g_assert_true (wait_for_status (sync, CERCLE_SYNC_STATUS_SYNCED, 20));
  g_assert_cmpuint (cercle_store_count_outbox (store, NULL), ==, 0);

  cercle_club_sync_stop (sync);
  g_free ((char *)arrival.city);
  g_assert_finalize_object (g_steal_pointer (&sync));
  cercle_test_release_store (g_steal_pointer (&store));
}


/* With CERCLE_TEST_SHOTS=DIR, @widget as drawn, for a look by eye */
static void
save_shot (GtkWidget  *widget,
           const char *name)
{
  const char *folder = g_getenv ("CERCLE_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (folder == NULL)
    return;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gdk_paintable_get_intrinsic_width (paintable),
                          gdk_paintable_get_intrinsic_height (paintable));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node, NULL);
  g_mkdir_with_parents (folder, 0755);
  path = g_strdup_printf ("%s/%s.png", folder, name);
  gdk_texture_save_to_png (texture, path);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* A refused edit, as a push's answer leaves it */
static void
add_rejection (const char *path,
               const char *row_id)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO sync_rejection (entity, row_id, op, base_rev, changes,"
                                          " reason, created_at) VALUES ('member', '%s', 'update', 1,"
                                          " '{\"city\":{\"old\":\"Lyon\",\"new\":\"Bron\"}}',"
                                          " 'A member may only edit their own profile.',"
                                          " '2026-11-23T18:00:00Z')", row_id);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The indicator's popover, offline with a two-line message and a refused
 * edit to review: everything in it fits, its last button whole (GTK 4.8
 * once measured the wrapped message for one width and laid it out in
 * another, and cut the button) */
static void
test_indicator_popover (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("club-sync-indicator");
  g_autofree char *path = g_build_filename (world->server->dir, "alice.cercle", NULL);
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(CercleClubSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWidget *indicator;
  GtkWidget *button;
  GtkPopover *popover;
  GtkWidget *box;
  GtkWidget *last;
  graphene_rect_t bounds;
  int width, min_height;

  if (g_getenv ("CERCLE_TEST_KEYRING") == NULL || !gtk_init_check ())
    {
      g_test_skip ("needs tests/sync/run-with-keyring.sh and a display");
      return;
    }
  adw_init ();

  g_assert_true (cercle_store_create (path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  add_rejection (path, world->bruno_member);
  store = cercle_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cercle_store_set_sync_origin (store, world->server->base_url, world->club_a,
                                               CERCLE_TEST_ALICE_EMAIL, NULL, &error));
  g_assert_no_error (error);

  /* The server is gone: the message says why, in more than one line */
  g_assert_cmpint (cercle_test_server_stop (world->server), ==, 0);
  sync = cercle_club_sync_new (store);
  cercle_club_sync_set_token (sync, world->alice_token);
  g_assert_true (wait_for_status (sync, CERCLE_SYNC_STATUS_OFFLINE, 30));
  g_assert_cmpuint (cercle_club_sync_get_n_conflicts (sync), ==, 1);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 360, 400);
  indicator = cercle_sync_indicator_new (sync);
  gtk_widget_set_halign (indicator, GTK_ALIGN_START);
  gtk_widget_set_valign (indicator, GTK_ALIGN_START);
  gtk_window_set_child (window, indicator);
  gtk_window_present (window);
  g_assert_true (cercle_test_wait_for (is_mapped, window, 10));

  button = gtk_widget_get_first_child (indicator);
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_assert_true (cercle_test_wait_for (is_mapped, popover, 10));
  cercle_test_wait_for (never, NULL, 1);

  /* The box got at least the height it asks for at the width it got, and
   * its last button lies inside it */
  save_shot (GTK_WIDGET (popover), "sync-indicator-popover");
  box = gtk_popover_get_child (popover);
  width = gtk_widget_get_width (box) + gtk_widget_get_margin_start (box) + gtk_widget_get_margin_end (box);
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, width, &min_height, NULL, NULL, NULL);
  min_height -= gtk_widget_get_margin_top (box) + gtk_widget_get_margin_bottom (box);
  g_assert_cmpint (gtk_widget_get_height (box), >=, min_height);
  last = gtk_widget_get_last_child (box);
  g_assert_true (gtk_widget_get_visible (last));
  g_assert_true (gtk_widget_compute_bounds (last, box, &bounds));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (box) + 0.5);

  gtk_popover_popdown (popover);
  gtk_window_destroy (window);
  cercle_club_sync_stop (sync);
  g_assert_finalize_object (g_steal_pointer (&sync));
  cercle_test_release_store (g_steal_pointer (&store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/club-sync/session-ended", test_session_ended);
  g_test_add_func ("/cercle/club-sync/indicator-popover", test_indicator_popover);

  return g_test_run ();
}
