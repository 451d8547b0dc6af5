/* cercle-club-actions.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-club-actions"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cercle-club-actions.h"
#include "cercle-club-creator.h"
#include "cercle-core.h"
#include "cercle-recent-clubs.h"

/* The ways to another club, as application actions: the main menu, the
 * greeting and the error pages all offer them.
 *
 *   app.open-club      a club file, through the file chooser (a portal in
 *                      the Flatpak)
 *   app.create-club    a new club on this computer
 *   app.explore-demo   the demo club, made the first time
 *
 * Each ends in cercle_application_open_database(), which reports what goes
 * wrong in a window of its own. */

#define DEMO_FILE_NAME "demo.db"

/**
 * cercle_club_dup_clubs_folder:
 *
 * Returns: (transfer full): the folder that clubs made on this computer go
 *   to, in the user's data folder
 */
char *
cercle_club_dup_clubs_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "cercle", NULL);
}

/**
 * cercle_club_ensure_folder:
 *
 * Makes @folder and its parents, readable by the user alone (clubs hold
 * people's contact details).
 *
 * Returns: %TRUE when the folder is there, %FALSE with @error set
 */
gboolean
cercle_club_ensure_folder (const char  *folder,
                           GError     **error)
{
  int saved_errno;
  g_autofree char *display = NULL;

  g_return_val_if_fail (folder != NULL, FALSE);

  if (g_mkdir_with_parents (folder, 0700) == 0)
    return TRUE;

  saved_errno = errno;
  display = g_filename_display_name (folder);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not create the folder “%s”: %s."),
               display, g_strerror (saved_errno));

  return FALSE;
}

static void
on_file_chosen_cb (GtkNativeDialog   *chooser,
                   int                response,
                   CercleApplication *application)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        cercle_application_open_database (application, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_application_release (G_APPLICATION (application));
}

static void
open_club_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  CercleApplication *application = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autofree char *folder = cercle_club_dup_clubs_folder ();
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr(GtkFileFilter) clubs = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (clubs, _("Club Files"));
  gtk_file_filter_add_pattern (clubs, "*.db");
  gtk_file_filter_add_pattern (clubs, "*.sqlite");
  gtk_file_filter_add_pattern (clubs, "*.sqlite3");
  gtk_file_filter_add_mime_type (clubs, "application/vnd.sqlite3");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  chooser = gtk_file_chooser_native_new (_("Open a Club"), parent,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), clubs);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), clubs);
  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder_file, NULL);

  /* The app stays up while the chooser is open, even with no window */
  g_application_hold (G_APPLICATION (application));
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen_cb), application);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_club_created_cb (CercleClubCreator *creator,
                    const char        *path,
                    CercleApplication *application)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  cercle_application_open_database (application, file);
}

static void
create_club_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CercleApplication *application = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autofree char *folder = cercle_club_dup_clubs_folder ();
  CercleClubCreator *creator = cercle_club_creator_new (folder);

  gtk_window_set_transient_for (GTK_WINDOW (creator), parent);
  gtk_window_set_application (GTK_WINDOW (creator), GTK_APPLICATION (application));
  g_signal_connect_object (creator, "created", G_CALLBACK (on_club_created_cb), application, 0);
  gtk_window_present (GTK_WINDOW (creator));
}

static void
make_demo_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  if (!cercle_club_ensure_folder (folder, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Two clicks at once: the second finds the first's club */
  if (!cercle_demo_create (path, CERCLE_DEMO_DEFAULT_MEMBERS, CERCLE_DEMO_DEFAULT_SEED, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_demo_made_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CercleApplication *application = CERCLE_APPLICATION (object);
  const char *path = g_task_get_task_data (G_TASK (result));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_application_release (G_APPLICATION (application));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (application),
                                                                            "explore-demo")),
                               TRUE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      cercle_application_show_error (application, error, NULL);
      return;
    }

  cercle_application_open_database (application, file);
}

static void
explore_demo_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CercleApplication *application = user_data;
  g_autofree char *folder = cercle_club_dup_clubs_folder ();
  g_autofree char *path = g_build_filename (folder, DEMO_FILE_NAME, NULL);
  g_autoptr(GTask) task = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      cercle_application_open_database (application, file);
      return;
    }

  /* Made in a thread: the windows open go on drawing meanwhile, and the
   * action waits (the greeting shows progress while it is disabled) */
  g_simple_action_set_enabled (action, FALSE);
  g_application_hold (G_APPLICATION (application));
  task = g_task_new (application, NULL, on_demo_made_cb, NULL);
  g_task_set_source_tag (task, explore_demo_action);
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, make_demo_thread);
}

static const GActionEntry club_actions[] = {
  { "open-club", open_club_action },
  { "create-club", create_club_action },
  { "explore-demo", explore_demo_action },
};

/**
 * cercle_club_actions_add:
 *
 * Adds app.open-club, app.create-club and app.explore-demo to @application,
 * and their shortcuts.
 */
void
cercle_club_actions_add (CercleApplication *application)
{
  static const char *open_accels[] = { "<Control>o", NULL };

  g_return_if_fail (CERCLE_IS_APPLICATION (application));

  g_action_map_add_action_entries (G_ACTION_MAP (application), club_actions,
                                   G_N_ELEMENTS (club_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.open-club", open_accels);
}

/* An empty submenu would open on nothing: it is there only with clubs */
static void
on_recent_items_changed_cb (GMenuModel *recent,
                            guint       position,
                            guint       removed,
                            guint       added,
                            GMenu      *section)
{
  gboolean shown = g_menu_model_get_n_items (G_MENU_MODEL (section)) > 3;
  gboolean wanted = g_menu_model_get_n_items (recent) > 0;

  if (wanted && !shown)
    g_menu_insert_submenu (section, 1, _("_Recent Clubs"), recent);
  else if (!wanted && shown)
    g_menu_remove (section, 1);
}

/**
 * cercle_club_menu_new:
 * @settings: (nullable): where the recent clubs are kept
 *
 * Returns: (transfer full): the main menu's section for clubs: open one,
 *   the recent ones, create one, the demo
 */
GMenuModel *
cercle_club_menu_new (GSettings *settings)
{
  GMenu *section = g_menu_new ();
  g_autoptr(GMenuModel) recent = cercle_recent_clubs_menu_new (settings);

  g_menu_append (section, _("_Open Club…"), "app.open-club");
  g_menu_append (section, _("_Create a Local Club…"), "app.create-club");
  g_menu_append (section, _("_Explore a Demo Club"), "app.explore-demo");

  g_signal_connect_object (recent, "items-changed",
                           G_CALLBACK (on_recent_items_changed_cb), section, 0);
  on_recent_items_changed_cb (recent, 0, 0, 0, section);

  return G_MENU_MODEL (section);
}
