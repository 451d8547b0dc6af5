/* cercle-application.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "cercle-application.h"
#include "cercle-club-actions.h"
#include "cercle-application-sync.h"
#include "cercle-context.h"
#include "cercle-preferences-window.h"
#include "cercle-recent-clubs.h"
#include "cercle-resources.h"
#include "cercle-window.h"

struct _CercleApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  /* one CercleContext per open club database */
  GPtrArray      *contexts;
};

G_DEFINE_FINAL_TYPE (CercleApplication, cercle_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the club database FILE"), N_("FILE") },
  { NULL }
};

/* The database opened when none is given: the last one used, if it is
 * still there. Without one, %NULL: the window greets the user, who chooses
 * what to open (cercle-greeter.c). */
static char *
cercle_application_dup_default_path (CercleApplication *self)
{
  g_autofree char *last = NULL;

  if (self->settings == NULL)
    return NULL;

  last = g_settings_get_string (self->settings, "last-database");
  if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&last);

  return NULL;
}

/* A window without a club (the greeting, an error) has done its job once
 * another window opens: it goes, so that the user is not left with two. */
static void
close_windows_without_club (CercleApplication *self,
                            CercleWindow      *keep)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    if (CERCLE_IS_WINDOW (l->data) && l->data != keep &&
        cercle_window_get_context (l->data) == NULL)
      gtk_window_destroy (l->data);
}

static void
show_greeter_window (CercleApplication *self)
{
  CercleWindow *window = cercle_window_new (GTK_APPLICATION (self), NULL);

  cercle_window_show_greeter (window);
  gtk_window_present (GTK_WINDOW (window));
}

static CercleContext *
find_context_for_path (CercleApplication *self,
                       const char        *path)
{
  for (guint i = 0; i < self->contexts->len; i++)
    {
      CercleContext *context = g_ptr_array_index (self->contexts, i);

      if (g_strcmp0 (cercle_store_get_path (cercle_context_get_store (context)), path) == 0)
        return context;
    }

  return NULL;
}

static void
show_context (CercleApplication *self,
              CercleContext     *context)
{
  CercleWindow *window;

  if (self->settings != NULL)
    {
      const char *path = cercle_store_get_path (cercle_context_get_store (context));
      g_autofree char *club_name = cercle_context_dup_club_name (context);

      g_settings_set_string (self->settings, "last-database", path);
      cercle_recent_clubs_add (self->settings, path, club_name);
    }

  window = cercle_window_new (GTK_APPLICATION (self), context);
  gtk_window_present (GTK_WINDOW (window));
  close_windows_without_club (self, window);
}

typedef struct
{
  CercleApplication *self;
  char              *path;
} Opening;

static void
opening_free (Opening *opening)
{
  g_application_release (G_APPLICATION (opening->self));
  g_object_unref (opening->self);
  g_free (opening->path);
  g_free (opening);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Opening, opening_free)

static void
on_store_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Opening) opening = user_data;
  CercleApplication *self = opening->self;
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(CercleContext) context = NULL;
  g_autoptr(GError) error = NULL;
  CercleContext *existing;

  store = cercle_store_open_finish (result, &error);
  if (store == NULL)
    {
      cercle_application_show_error (self, error,
                                     g_error_matches (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_BUSY)
                                       ? opening->path : NULL);
      return;
    }

  /* Opened twice at once: keep the first */
  existing = find_context_for_path (self, opening->path);
  if (existing != NULL)
    context = g_object_ref (existing);
  else
    {
      context = cercle_context_new (store, self->settings);
      g_ptr_array_add (self->contexts, g_object_ref (context));
    }

  show_context (self, context);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CercleApplication *self = user_data;
  static const char *developers[] = { "The Cercle developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-icon", APPLICATION_ID,
                        "application-name", _("Cercle"),
                        "developer-name", _("The Cercle developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Member directory, calendar and referral board for business clubs"),
                        "copyright", "© 2026 The Cercle developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CercleApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Close the windows properly, so that they save their size */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CercleApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences = cercle_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* app.show-event("id"), from a reminder: in the window last used */
static void
show_event_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CercleApplication *self = user_data;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (!CERCLE_IS_WINDOW (l->data) || cercle_window_get_context (l->data) == NULL)
        continue;

      cercle_window_show_event (l->data, g_variant_get_string (parameter, NULL));
      gtk_window_present (l->data);
      return;
    }
}

/* app.open-database("/path/to/club.db") */
static void
open_database_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  CercleApplication *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_bytestring (parameter));

  cercle_application_open_database (self, file);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
  { "open-database", open_database_action, "ay" },
  { "preferences", preferences_action },
  { "show-event", show_event_action, "s" },
};

static void
cercle_application_startup (GApplication *application)
{
  CercleApplication *self = CERCLE_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (cercle_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  cercle_application_add_sync_actions (self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  /* What GTK would set for a gtk/help-overlay.ui, which it would build
   * with every window: the windows make theirs when first asked */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", shortcuts_accels);

  self->settings = cercle_settings_new_if_installed ();

  /* The windows' icon on X11, from the resources when nothing is installed */
  gtk_window_set_default_icon_name (APPLICATION_ID);

  cercle_club_actions_add (self);
}

static void
cercle_application_activate (GApplication *application)
{
  cercle_application_open_database (CERCLE_APPLICATION (application), NULL);
}

static int
cercle_application_command_line (GApplication            *application,
                                 GApplicationCommandLine *command_line)
{
  CercleApplication *self = CERCLE_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autoptr(GFile) file = NULL;
  const char *database = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &database) && *database != '\0')
    file = g_application_command_line_create_file_for_arg (command_line, database);

  cercle_application_open_database (self, file);

  return EXIT_SUCCESS;
}

static void
cercle_application_shutdown (GApplication *application)
{
  CercleApplication *self = CERCLE_APPLICATION (application);

  G_APPLICATION_CLASS (cercle_application_parent_class)->shutdown (application);

  g_ptr_array_set_size (self->contexts, 0);
}

static void
cercle_application_finalize (GObject *object)
{
  CercleApplication *self = (CercleApplication *) object;

  g_clear_pointer (&self->contexts, g_ptr_array_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cercle_application_parent_class)->finalize (object);
}

static void
cercle_application_class_init (CercleApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cercle_application_finalize;

  application_class->startup = cercle_application_startup;
  application_class->activate = cercle_application_activate;
  application_class->command_line = cercle_application_command_line;
  application_class->shutdown = cercle_application_shutdown;

  cercle_application_ensure_resources ();
}

static void
cercle_application_init (CercleApplication *self)
{
  self->contexts = g_ptr_array_new_with_free_func (g_object_unref);

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
}

CercleApplication *
cercle_application_new (void)
{
  return g_object_new (CERCLE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/cercle/Cercle",
                       NULL);
}

/**
 * cercle_application_open_database:
 * @file: (nullable): the club database, or %NULL for the default one
 *
 * Shows the club in @file in a window: the window already showing it, or a
 * new one. A database that cannot be opened shows a window that says why.
 */
void
cercle_application_open_database (CercleApplication *self,
                                  GFile             *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *canonical = NULL;
  CercleContext *context;
  CercleWindow *window;
  Opening *opening;

  g_return_if_fail (CERCLE_IS_APPLICATION (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  if (file != NULL)
    {
      path = g_file_get_path (file);
      if (path == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("Only club databases on this computer can be opened."));
    }
  else
    {
      path = cercle_application_dup_default_path (self);
      if (path == NULL)
        {
          show_greeter_window (self);
          return;
        }
    }

  if (path == NULL)
    {
      cercle_application_show_error (self, error, NULL);
      return;
    }

  /* "club.db", "./club.db" and "/home/…/club.db" are the same club */
  canonical = g_canonicalize_filename (path, NULL);
  g_free (path);
  path = g_steal_pointer (&canonical);

  window = cercle_application_find_window (self, path);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  /* A club closed and opened again keeps its store */
  context = find_context_for_path (self, path);
  if (context != NULL)
    {
      show_context (self, context);
      return;
    }

  /* In a thread: a file that another program holds locked must not
   * freeze the windows already open. The application stays up until the
   * answer comes. */
  opening = g_new0 (Opening, 1);
  opening->self = g_object_ref (self);
  opening->path = g_steal_pointer (&path);
  g_application_hold (G_APPLICATION (self));

  cercle_store_open_async (opening->path, NULL, on_store_opened_cb, opening);
}

/**
 * cercle_application_show_error:
 * @error: (nullable): why no club could be opened
 * @retry_path: (nullable): a club that may open if tried again (it was busy)
 *
 * Shows in a window why a club could not be opened, with the ways on: try
 * again, open another club, create one.
 */
void
cercle_application_show_error (CercleApplication *self,
                               const GError      *error,
                               const char        *retry_path)
{
  CercleWindow *window;

  g_return_if_fail (CERCLE_IS_APPLICATION (self));

  window = cercle_window_new (GTK_APPLICATION (self), NULL);
  cercle_window_show_error (window,
                            _("Could Not Open the Club"),
                            error ? error->message : NULL,
                            retry_path);
  gtk_window_present (GTK_WINDOW (window));
  close_windows_without_club (self, window);
}

/**
 * cercle_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the app's settings, %NULL when the
 *   schema is not installed
 */
GSettings *
cercle_application_get_settings (CercleApplication *self)
{
  g_return_val_if_fail (CERCLE_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * cercle_application_forget_club:
 * @path: a club file about to be deleted
 *
 * Lets go of the club's store, kept for when its window opens again.
 */
void
cercle_application_forget_club (CercleApplication *self,
                                const char        *path)
{
  CercleContext *context;

  g_return_if_fail (CERCLE_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  context = find_context_for_path (self, path);
  if (context != NULL)
    g_ptr_array_remove (self->contexts, context);
}

/**
 * cercle_application_init_i18n:
 *
 * Sets up the locale and the translations, from the build tree when
 * $CERCLE_LOCALEDIR says so (tests, running uninstalled).
 */
void
cercle_application_init_i18n (void)
{
  const char *localedir = g_getenv ("CERCLE_LOCALEDIR");

  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* The resources are linked from a static library: register them by hand
 * before the first template or the help overlay is loaded. */
void
cercle_application_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      cercle_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

/**
 * cercle_application_find_window:
 * @path: a club file, as opened (canonical)
 *
 * Returns: (transfer none) (nullable): the window showing the club in
 *   @path, if one does
 */
CercleWindow *
cercle_application_find_window (CercleApplication *self,
                                const char        *path)
{
  g_return_val_if_fail (CERCLE_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      CercleContext *context;

      if (!CERCLE_IS_WINDOW (l->data))
        continue;

      context = cercle_window_get_context (l->data);
      if (context != NULL &&
          g_strcmp0 (cercle_store_get_path (cercle_context_get_store (context)), path) == 0)
        return l->data;
    }

  return NULL;
}
