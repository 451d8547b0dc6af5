/* cercle-club-switcher.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-club-switcher"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-application.h"
#include "cercle-club-switcher.h"
#include "cercle-club-sync.h"
#include "cercle-context.h"
#include "cercle-recent-clubs.h"
#include "cercle-window.h"

/* The header bar's list of the clubs this app belongs to (the recent
 * clubs), each with its name and where its sync stands, to switch to
 * another: its window comes forward, or opens. Shown only with more than
 * one club. A club open in a window says its live sync state; the others
 * are read from their files, off the main thread, when the list opens. */

struct _CercleClubSwitcher
{
  AdwBin         parent_instance;

  char          *path;         /* this window's club */
  GSettings     *settings;
  GCancellable  *cancellable;

  GtkMenuButton *button;
  GtkListBox    *list;
};

G_DEFINE_FINAL_TYPE (CercleClubSwitcher, cercle_club_switcher, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a club's file says of its sync; in a worker thread */
static char *
describe_closed_club (const char *path)
{
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(CercleSyncState) state = NULL;
  g_autoptr(GError) error = NULL;
  guint n_waiting;

  store = cercle_store_open (path, &error);
  if (store == NULL || (state = cercle_store_dup_sync_state (store, &error)) == NULL)
    return g_strdup (error->message);

  if (!cercle_sync_state_has_server (state))
    return g_strdup (_("Not synced with a server"));

  n_waiting = cercle_store_count_outbox (store, NULL);
  if (n_waiting > 0)
    /* Translators: edits made in a club that is not open, to send when it is */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change waiting", "%u changes waiting",
                                         n_waiting),
                            n_waiting);

  if (state->last_synced_at == NULL)
    return g_strdup (_("Never synced"));

  return g_strdup (_("Synced"));
}

static void
describe_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GPtrArray *paths = task_data;
  g_autoptr(GPtrArray) subtitles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < paths->len && !g_cancellable_is_cancelled (cancellable); i++)
    g_ptr_array_add (subtitles, describe_closed_club (g_ptr_array_index (paths, i)));

  g_task_return_pointer (task, g_steal_pointer (&subtitles), (GDestroyNotify)g_ptr_array_unref);
}

static CercleContext *
find_open_club (CercleClubSwitcher *self,
                const char         *path)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  CercleWindow *window;

  if (!CERCLE_IS_APPLICATION (application) ||
      (window = cercle_application_find_window (CERCLE_APPLICATION (application), path)) == NULL)
    return NULL;

  return cercle_window_get_context (window);
}

static void
set_row_subtitle (AdwActionRow *row,
                  const char   *subtitle)
{
  g_autofree char *label = g_strdup_printf ("%s, %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                            subtitle);

  adw_action_row_set_subtitle (row, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_described_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CercleClubSwitcher *self = CERCLE_CLUB_SWITCHER (object);
  g_autoptr(GPtrArray) rows = user_data;
  g_autoptr(GPtrArray) subtitles = g_task_propagate_pointer (G_TASK (result), NULL);

  for (guint i = 0; subtitles != NULL && i < subtitles->len && i < rows->len; i++)
    if (gtk_widget_get_parent (g_ptr_array_index (rows, i)) == GTK_WIDGET (self->list))
      set_row_subtitle (g_ptr_array_index (rows, i), g_ptr_array_index (subtitles, i));
}

static void update_visible (CercleClubSwitcher *self);

static void
on_recent_changed_cb (CercleClubSwitcher *self)
{
  update_visible (self);
}

static GSettings *
get_settings (CercleClubSwitcher *self)
{
  GtkRoot *root;
  GtkApplication *application;

  if (self->settings != NULL)
    return self->settings;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  if (!CERCLE_IS_APPLICATION (application))
    return NULL;

  g_set_object (&self->settings, cercle_application_get_settings (CERCLE_APPLICATION (application)));
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::recent-clubs", G_CALLBACK (on_recent_changed_cb), self,
                             G_CONNECT_SWAPPED);

  return self->settings;
}

static void
update_visible (CercleClubSwitcher *self)
{
  GSettings *settings = get_settings (self);
  g_autoptr(GPtrArray) paths = cercle_recent_clubs_dup_paths (settings);

  gtk_widget_set_visible (GTK_WIDGET (self), paths->len > 1);
}

static void
fill_list (CercleClubSwitcher *self)
{
  GSettings *settings = get_settings (self);
  g_autoptr(GPtrArray) paths = cercle_recent_clubs_dup_paths (settings);
  g_autoptr(GPtrArray) closed_paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) closed_rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTask) task = NULL;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *name = cercle_recent_clubs_dup_name (settings, path);
      CercleContext *context = find_open_club (self, path);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (path), g_free);

      if (g_strcmp0 (path, self->path) == 0)
        {
          GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

          gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("This window’s club"), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
        }

      if (context != NULL)
        {
          g_autofree char *title = cercle_club_sync_dup_title (cercle_context_get_sync (context));

          set_row_subtitle (ADW_ACTION_ROW (row), title);
        }
      else
        {
          set_row_subtitle (ADW_ACTION_ROW (row), "…");
          g_ptr_array_add (closed_paths, g_strdup (path));
          g_ptr_array_add (closed_rows, g_object_ref (row));
        }

      gtk_list_box_append (self->list, row);
    }

  if (closed_paths->len == 0)
    return;

  task = g_task_new (self, self->cancellable, on_described_cb, g_steal_pointer (&closed_rows));
  g_task_set_source_tag (task, fill_list);
  g_task_set_task_data (task, g_steal_pointer (&closed_paths), (GDestroyNotify)g_ptr_array_unref);
  g_task_run_in_thread (task, describe_thread);
}

static void
on_popover_show_cb (CercleClubSwitcher *self)
{
  fill_list (self);
}

static void
on_row_activated_cb (CercleClubSwitcher *self,
                     GtkListBoxRow      *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");

  gtk_menu_button_popdown (self->button);
  if (g_strcmp0 (path, self->path) != 0)
    gtk_widget_activate_action_variant (GTK_WIDGET (self), "app.open-database",
                                        g_variant_new_bytestring (path));
}

static void
cercle_club_switcher_root (GtkWidget *widget)
{
  CercleClubSwitcher *self = CERCLE_CLUB_SWITCHER (widget);

  GTK_WIDGET_CLASS (cercle_club_switcher_parent_class)->root (widget);

  /* A window gets its application after its header bar is built */
  g_signal_connect_object (gtk_widget_get_root (widget), "notify::application",
                           G_CALLBACK (on_recent_changed_cb), self, G_CONNECT_SWAPPED);
  update_visible (self);
}

static void
cercle_club_switcher_dispose (GObject *object)
{
  CercleClubSwitcher *self = CERCLE_CLUB_SWITCHER (object);

  g_cancellable_cancel (self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);

  G_OBJECT_CLASS (cercle_club_switcher_parent_class)->dispose (object);
}

static void
cercle_club_switcher_finalize (GObject *object)
{
  CercleClubSwitcher *self = CERCLE_CLUB_SWITCHER (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (cercle_club_switcher_parent_class)->finalize (object);
}

static void
cercle_club_switcher_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CercleClubSwitcher *self = CERCLE_CLUB_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_club_switcher_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CercleClubSwitcher *self = CERCLE_CLUB_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_club_switcher_class_init (CercleClubSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_club_switcher_dispose;
  object_class->finalize = cercle_club_switcher_finalize;
  object_class->get_property = cercle_club_switcher_get_property;
  object_class->set_property = cercle_club_switcher_set_property;

  widget_class->root = cercle_club_switcher_root;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/cercle-club-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleClubSwitcher, button);
  gtk_widget_class_bind_template_child (widget_class, CercleClubSwitcher, list);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
}

static void
cercle_club_switcher_init (CercleClubSwitcher *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cercle_club_switcher_new:
 * @path: the club file of the window it goes in
 */
GtkWidget *
cercle_club_switcher_new (const char *path)
{
  return g_object_new (CERCLE_TYPE_CLUB_SWITCHER, "path", path, NULL);
}
