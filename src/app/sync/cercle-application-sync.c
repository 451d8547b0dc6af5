/* cercle-application-sync.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-sync"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cercle-add-club-dialog.h"
#include "cercle-application-sync.h"
#include "cercle-sync-secret.h"
#include "cercle-window.h"

/* The application's sync actions: app.add-club opens "Add a Club…"
 * (from the main menu, the first-run page, or the indicator's "Sign In
 * Again…", which fills in the club's server and e-mail). */

static CercleWindow *
find_window (CercleApplication *self,
             const char        *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      CercleContext *context;

      if (!CERCLE_IS_WINDOW (l->data) || (context = cercle_window_get_context (l->data)) == NULL)
        continue;

      if (path == NULL || g_strcmp0 (cercle_store_get_path (cercle_context_get_store (context)), path) == 0)
        return l->data;
    }

  return NULL;
}

static void
on_club_joined_cb (const char *path,
                   const char *token,
                   gpointer    user_data)
{
  CercleApplication *self = CERCLE_APPLICATION (g_application_get_default ());
  CercleWindow *window = find_window (self, path);
  g_autoptr(GFile) file = NULL;

  /* Signed in again: the club's sync goes on with the new token */
  if (window != NULL)
    {
      cercle_club_sync_set_token (cercle_context_get_sync (cercle_window_get_context (window)), token);
      return;
    }

  file = g_file_new_for_path (path);
  cercle_application_open_database (self, file);
}

static void
add_club_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CercleApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CercleClubSync *sync = NULL;
  GtkWindow *dialog;

  if (CERCLE_IS_WINDOW (parent) && cercle_window_get_context (CERCLE_WINDOW (parent)) != NULL)
    sync = cercle_context_get_sync (cercle_window_get_context (CERCLE_WINDOW (parent)));

  if (sync != NULL && cercle_club_sync_get_status (sync) == CERCLE_SYNC_STATUS_SIGN_IN)
    dialog = cercle_add_club_dialog_new (parent, cercle_club_sync_get_server_url (sync),
                                         cercle_club_sync_get_email (sync), on_club_joined_cb, NULL);
  else
    dialog = cercle_add_club_dialog_new (parent, NULL, NULL, on_club_joined_cb, NULL);

  gtk_window_present (dialog);
}

typedef struct
{
  char *path;
  char *server_url;
  char *club_id;
} Removal;

static void
removal_free (Removal *removal)
{
  g_free (removal->path);
  g_free (removal->server_url);
  g_free (removal->club_id);
  g_free (removal);
}

static void
remove_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Removal *removal = task_data;
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  GError *error = NULL;

  if (removal->server_url != NULL && removal->club_id != NULL &&
      !cercle_sync_secret_clear (removal->server_url, removal->club_id, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (removal->path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                   _("Could not delete “%s”: %s."), file, g_strerror (saved_errno));
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_removed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("%s", error->message);
}

static void
on_remove_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       CercleWindow     *window)
{
  CercleContext *context = cercle_window_get_context (window);
  CercleStore *store = cercle_context_get_store (context);
  g_autoptr(CercleSyncState) state = cercle_store_dup_sync_state (store, NULL);
  g_autoptr(GTask) task = NULL;
  Removal *removal;

  if (g_strcmp0 (response, "remove") != 0)
    return;

  removal = g_new0 (Removal, 1);
  removal->path = g_strdup (cercle_store_get_path (store));
  removal->server_url = state != NULL ? g_strdup (state->server_url) : NULL;
  removal->club_id = state != NULL ? g_strdup (state->club_id) : NULL;

  /* Nothing may write to the file once it is going */
  cercle_club_sync_stop (cercle_context_get_sync (context));
  gtk_window_destroy (GTK_WINDOW (window));
  cercle_application_forget_club (CERCLE_APPLICATION (g_application_get_default ()), removal->path);

  task = g_task_new (NULL, NULL, on_removed_cb, NULL);
  g_task_set_source_tag (task, on_remove_response_cb);
  g_task_set_task_data (task, removal, (GDestroyNotify)removal_free);
  g_task_run_in_thread (task, remove_thread);
}

static void
remove_club_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CercleApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  guint n_waiting;

  if (!CERCLE_IS_WINDOW (window) || cercle_window_get_context (CERCLE_WINDOW (window)) == NULL)
    return;

  name = cercle_context_dup_club_name (cercle_window_get_context (CERCLE_WINDOW (window)));
  n_waiting = cercle_store_count_outbox (cercle_context_get_store (cercle_window_get_context (CERCLE_WINDOW (window))),
                                         NULL);
  /* Translators: %s is a club's name */
  heading = g_strdup_printf (_("Remove “%s” From This Computer?"), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, heading, NULL));
  if (n_waiting > 0)
    adw_message_dialog_format_body (dialog,
                                    g_dngettext (GETTEXT_PACKAGE,
                                                 "Its local copy and sign-in are deleted. %u change was "
                                                 "never sent to the club’s server and will be lost.",
                                                 "Its local copy and sign-in are deleted. %u changes were "
                                                 "never sent to the club’s server and will be lost.",
                                                 n_waiting),
                                    n_waiting);
  else
    adw_message_dialog_set_body (dialog, _("Its local copy and sign-in are deleted. The club stays on its "
                                           "server: you can add it again."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry sync_actions[] = {
  { "add-club", add_club_action },
  { "remove-club", remove_club_action },
};

void
cercle_application_add_sync_actions (CercleApplication *self)
{
  g_return_if_fail (CERCLE_IS_APPLICATION (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), sync_actions, G_N_ELEMENTS (sync_actions), self);
}
