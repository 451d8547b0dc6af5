/* test-firstrun.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cercle-application.h"
#include "cercle-club-creator.h"
#include "cercle-club-switcher.h"
#include "cercle-context.h"
#include "cercle-recent-clubs.h"
#include "cercle-test-app.h"
#include "cercle-greeter.h"
#include "cercle-window.h"

/* A first start: no club yet, the greeting, making a club, the clubs the
 * menu remembers. The data folder is a temporary one (set in main(), before
 * GLib reads it). */

static char *data_home;

static GtkWidget *
find_button_for_action (GtkWidget  *widget,
                        const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_for_action (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
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

static const char *
visible_page (CercleWindow *window)
{
  GtkStack *main_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                   CERCLE_TYPE_WINDOW,
                                                                   "main_stack"));

  return gtk_stack_get_visible_child_name (main_stack);
}

static gboolean
has_window_without_club (gpointer data)
{
  return cercle_test_find_window (data, FALSE) != NULL;
}

static gboolean
has_club_window_only (gpointer data)
{
  return cercle_test_find_window (data, TRUE) != NULL && cercle_test_find_window (data, FALSE) == NULL;
}

static CercleApplication *
new_application (const char *id_suffix)
{
  CercleApplication *app = cercle_application_new ();
  g_autofree char *id = g_strconcat (APPLICATION_ID ".", id_suffix, NULL);
  g_autoptr(GError) error = NULL;

  g_application_set_application_id (G_APPLICATION (app), id);
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  return app;
}

static void
close_application (CercleApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (app)))
    gtk_window_destroy (l->data);
  g_application_release (G_APPLICATION (app));
  cercle_test_drain_main_context ();
}

/* No club yet, or the last one gone: the greeting, never a club made
 * behind the user's back; the demo only when asked for */
static void
test_greeter (void)
{
  g_autoptr(CercleApplication) app = new_application ("GreeterTest");
  g_autofree char *demo = g_build_filename (data_home, "cercle", "demo.db", NULL);
  g_autofree char *gone = g_build_filename (data_home, "gone.db", NULL);
  g_autofree char *last = NULL;
  GSettings *settings = cercle_application_get_settings (app);
  CercleWindow *window;
  GtkWidget *join;

  if (settings == NULL)
    {
      g_test_skip ("The GSettings schema is not compiled");
      close_application (app);
      return;
    }

  /* The windows have the app's icon, found in the resources when the app
   * runs from the build tree */
  g_assert_cmpstr (gtk_window_get_default_icon_name (), ==, APPLICATION_ID);
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                          APPLICATION_ID));

  g_settings_set_string (settings, "last-database", gone);
  cercle_application_open_database (app, NULL);
  g_assert_true (cercle_test_wait_for (has_window_without_club, app, 10));
  window = cercle_test_find_window (GTK_APPLICATION (app), FALSE);
  g_assert_cmpstr (visible_page (window), ==, "welcome");
  g_assert_false (g_file_test (demo, G_FILE_TEST_EXISTS));

  /* Its ways on are the app's actions; joining needs sync, and its button
   * waits for the action */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "create-club"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "explore-demo"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "open-club"));
  g_assert_nonnull (find_button_for_action (GTK_WIDGET (window), "app.create-club"));
  g_assert_nonnull (find_button_for_action (GTK_WIDGET (window), "app.explore-demo"));
  join = find_button_for_action (GTK_WIDGET (window), "app.add-club");
  g_assert_nonnull (join);
  g_assert_cmpint (gtk_widget_is_sensitive (join), ==,
                   g_action_group_has_action (G_ACTION_GROUP (app), "add-club"));

  /* The demo, asked for: made, opened in place of the greeting, and
   * remembered */
  g_action_group_activate_action (G_ACTION_GROUP (app), "explore-demo", NULL);
  {
    GtkWidget *progress = (GtkWidget *)gtk_widget_get_template_child (find_widget_of_type (GTK_WIDGET (window),
                                                                              CERCLE_TYPE_GREETER),
                                                         CERCLE_TYPE_GREETER, "demo_progress");
    GtkWidget *demo_button = find_button_for_action (GTK_WIDGET (window), "app.explore-demo");

    /* Being made: the greeting says so, and a second click waits */
    g_assert_true (gtk_widget_get_visible (progress));
    g_assert_false (gtk_widget_is_sensitive (demo_button));
  }
  g_assert_true (cercle_test_wait_for (has_club_window_only, app, 60));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "explore-demo"));
  g_assert_true (g_file_test (demo, G_FILE_TEST_IS_REGULAR));
  last = g_settings_get_string (settings, "last-database");
  g_assert_cmpstr (last, ==, demo);
  {
    g_autoptr(GPtrArray) recent = cercle_recent_clubs_dup_paths (settings);

    g_assert_cmpuint (recent->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (recent, 0), ==, demo);
  }

  close_application (app);
}

/* Newest first, once each, at most CERCLE_RECENT_CLUBS_MAX, without the
 * files that have gone; the menu follows */
static void
test_recent_clubs (void)
{
  g_autofree char *dir = cercle_test_make_dir ("recent-clubs");
  g_autoptr(GSettings) settings = cercle_settings_new_if_installed ();
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *first = NULL;

  if (settings == NULL)
    {
      g_test_skip ("The GSettings schema is not compiled");
      return;
    }

  g_settings_reset (settings, "recent-clubs");
  menu = cercle_recent_clubs_menu_new (settings);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 0);

  for (guint i = 0; i < CERCLE_RECENT_CLUBS_MAX + 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("club-%u.db", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *club = g_strdup_printf ("Club_%u", i);

      g_assert_true (g_file_set_contents (path, "", 0, NULL));
      cercle_recent_clubs_add (settings, path, club);
    }
  first = g_build_filename (dir, "club-3.db", NULL);
  cercle_recent_clubs_add (settings, first, "Club_3");

  paths = cercle_recent_clubs_dup_paths (settings);
  g_assert_cmpuint (paths->len, ==, CERCLE_RECENT_CLUBS_MAX);
  g_assert_cmpstr (g_ptr_array_index (paths, 0), ==, first);
  for (guint i = 1; i < paths->len; i++)
    g_assert_cmpstr (g_ptr_array_index (paths, i), !=, first);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, CERCLE_RECENT_CLUBS_MAX);

  /* An underscore in a club's name is no mnemonic */
  {
    g_autofree char *label = NULL;

    g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label);
    g_assert_cmpstr (label, ==, "Club__3");
  }

  /* A file gone leaves the list and the menu */
  g_assert_cmpint (g_unlink (first), ==, 0);
  g_clear_pointer (&paths, g_ptr_array_unref);
  paths = cercle_recent_clubs_dup_paths (settings);
  g_assert_cmpuint (paths->len, ==, CERCLE_RECENT_CLUBS_MAX - 1);
  cercle_recent_clubs_add (settings, g_ptr_array_index (paths, 0), "Club");
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, CERCLE_RECENT_CLUBS_MAX - 1);

  g_settings_reset (settings, "recent-clubs");
  cercle_test_remove_dir (dir);
}

static void
set_row (CercleClubCreator *creator,
         const char        *row_name,
         const char        *text)
{
  GtkEditable *row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (creator),
                                                                  CERCLE_TYPE_CLUB_CREATOR,
                                                                  row_name));

  gtk_editable_set_text (row, text);
}

static gboolean
create_enabled (CercleClubCreator *creator)
{
  GtkWidget *button = find_button_for_action (GTK_WIDGET (creator), "creator.create");

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static void
on_created_cb (CercleClubCreator  *creator,
               const char         *path,
               char              **created)
{
  *created = g_strdup (path);
}

static gboolean
is_set (gpointer data)
{
  return *(char **)data != NULL;
}

typedef struct
{
  GtkApplication *application;
  const char     *path;
} WindowWait;

static gboolean
has_window_for (gpointer data)
{
  WindowWait *wait = data;

  return cercle_application_find_window (CERCLE_APPLICATION (wait->application), wait->path) != NULL;
}

static gboolean
subtitles_known (gpointer data)
{
  for (GtkWidget *row = gtk_widget_get_first_child (data); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "…") == 0)
      return FALSE;

  return TRUE;
}

/* Two clubs: the header bar lists them with their sync state, and opens
 * the other one; with one club there is nothing to switch to */
static void
test_club_switcher (void)
{
  g_autoptr(CercleApplication) app = new_application ("SwitcherTest");
  g_autofree char *dir = cercle_test_make_dir ("club-switcher");
  g_autofree char *path_a = g_build_filename (dir, "alpha.db", NULL);
  g_autofree char *path_b = g_build_filename (dir, "beta.db", NULL);
  g_autoptr(GFile) file_a = g_file_new_for_path (path_a);
  g_autoptr(GError) error = NULL;
  GSettings *settings = cercle_application_get_settings (app);
  WindowWait wait_a = { GTK_APPLICATION (app), path_a };
  WindowWait wait_b = { GTK_APPLICATION (app), path_b };
  CercleWindow *window;
  GtkWidget *switcher;
  GtkMenuButton *button;
  GtkWidget *list;
  GtkWidget *row;
  guint n_rows = 0;

  if (settings == NULL)
    {
      g_test_skip ("The GSettings schema is not compiled");
      close_application (app);
      return;
    }

  g_settings_reset (settings, "recent-clubs");
  g_assert_true (cercle_store_create_local_club (path_a, "Club Alpha", "Lyon", "Anne", "Martin",
                                                 "anne@exemple.fr", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cercle_store_create_local_club (path_b, "Club Bêta", "Lyon", "Anne", "Martin",
                                                 "anne@exemple.fr", NULL, &error));
  g_assert_no_error (error);

  cercle_application_open_database (app, file_a);
  g_assert_true (cercle_test_wait_for (has_window_for, &wait_a, 30));
  window = cercle_application_find_window (app, path_a);
  switcher = find_widget_of_type (GTK_WIDGET (window), CERCLE_TYPE_CLUB_SWITCHER);
  g_assert_nonnull (switcher);
  g_assert_false (gtk_widget_get_visible (switcher));

  /* A second club joined: the switcher shows, newest first */
  cercle_recent_clubs_add (settings, path_b, "Club Bêta");
  g_assert_true (gtk_widget_get_visible (switcher));

  button = GTK_MENU_BUTTON (find_widget_of_type (switcher, GTK_TYPE_MENU_BUTTON));
  gtk_menu_button_popup (button);
  list = find_widget_of_type (GTK_WIDGET (gtk_menu_button_get_popover (button)), GTK_TYPE_LIST_BOX);
  g_assert_nonnull (list);
  g_assert_true (cercle_test_wait_for (subtitles_known, list, 30));

  for (row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      /* Neither syncs with a server; the open one says it live, the
       * other from its file */
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Not synced with a server");
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, 2);
  row = gtk_widget_get_first_child (list);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Club Bêta");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_next_sibling (row))),
                   ==, "Club Alpha");

  /* Choosing the other club opens it */
  g_signal_emit_by_name (row, "activate");
  g_assert_true (cercle_test_wait_for (has_window_for, &wait_b, 30));

  close_application (app);
  g_settings_reset (settings, "recent-clubs");
  cercle_test_remove_dir (dir);
}

/* Validated as the user types; created in a thread; what was typed is not
 * thrown away without asking */
static void
test_club_creator (void)
{
  g_autofree char *dir = cercle_test_make_dir ("club-creator");
  g_autofree char *created = NULL;
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(CercleClub) club = NULL;
  g_autoptr(GError) error = NULL;
  CercleClubCreator *creator = cercle_club_creator_new (dir);
  GtkLabel *member_error;
  GtkWidget *weak;

  g_object_ref_sink (creator);
  gtk_window_present (GTK_WINDOW (creator));
  member_error = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (creator),
                                                          CERCLE_TYPE_CLUB_CREATOR,
                                                          "member_error_label"));

  /* Nothing typed: nothing to create, and nothing scolded either */
  g_assert_false (create_enabled (creator));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (member_error)));

  set_row (creator, "name_row", "Club d'affaires de Lyon");
  set_row (creator, "first_name_row", "Yann");
  set_row (creator, "email_row", "yann@");
  g_assert_false (create_enabled (creator));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (member_error)));
  g_assert_nonnull (strstr (gtk_label_get_text (member_error), "domain"));

  set_row (creator, "email_row", "yann@exemple.fr");
  g_assert_true (create_enabled (creator));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (member_error)));

  /* Closing with what was typed asks first */
  weak = GTK_WIDGET (creator);
  gtk_window_close (GTK_WINDOW (creator));
  cercle_test_drain_main_context ();
  g_assert_true (gtk_widget_get_visible (weak));

  g_signal_connect (creator, "created", G_CALLBACK (on_created_cb), &created);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (creator), "creator.create", NULL));
  g_assert_true (cercle_test_wait_for (is_set, &created, 30));
  g_assert_true (g_str_has_prefix (created, dir));
  g_assert_true (g_str_has_suffix (created, "club-daffaires-de-lyon.db"));

  store = cercle_store_open (created, &error);
  g_assert_no_error (error);
  club = cercle_store_dup_club (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cercle_club_get_name (club), ==, "Club d'affaires de Lyon");
  g_assert_true (cercle_test_local_user_is_staff (store));
  cercle_test_release_store (g_steal_pointer (&store));

  /* The dialog went once the club was made; a modal question of the close
   * above may remain */
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  cercle_test_drain_main_context ();
  g_assert_finalize_object (creator);

  cercle_test_remove_dir (dir);
}

/* A club that cannot be opened: the page says why and offers the ways on */
static void
test_error_ways_on (void)
{
  CercleWindow *window = g_object_ref (cercle_window_new (NULL, NULL));

  cercle_window_show_error (window, "Could Not Open the Club", "The file is damaged.", NULL);
  g_assert_cmpstr (visible_page (window), ==, "error");
  g_assert_true (gtk_widget_get_visible (find_button_for_action (GTK_WIDGET (window), "app.open-club")));
  g_assert_true (gtk_widget_get_visible (find_button_for_action (GTK_WIDGET (window), "app.create-club")));
  g_assert_false (gtk_widget_get_visible (find_button_for_action (GTK_WIDGET (window), "win.retry")));

  cercle_window_show_error (window, "Could Not Open the Club", "The club is in use.", "/tmp/club.db");
  g_assert_true (gtk_widget_get_visible (find_button_for_action (GTK_WIDGET (window), "win.retry")));

  gtk_window_destroy (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  int status;

  data_home = g_dir_make_tmp ("cercle-test-firstrun-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  /* As test-window.c: a private bus, no accessibility bus, no portal */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cercle/app/firstrun/greeter", test_greeter);
  g_test_add_func ("/cercle/app/firstrun/recent-clubs", test_recent_clubs);
  g_test_add_func ("/cercle/app/firstrun/club-creator", test_club_creator);
  g_test_add_func ("/cercle/app/firstrun/club-switcher", test_club_switcher);
  g_test_add_func ("/cercle/app/firstrun/error-ways-on", test_error_ways_on);

  status = g_test_run ();

  /* Not g_test_dbus_down(): GTK keeps the session bus connection until
   * exit, which down would wait for in vain (as in test-window.c) */
  g_test_dbus_stop (bus);
  cercle_test_remove_dir (data_home);
  g_free (data_home);

  return status;
}
