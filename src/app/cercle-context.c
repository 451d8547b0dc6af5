/* cercle-context.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-context"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-club-sync.h"
#include "cercle-context.h"
#include "cercle-reminders.h"
#include "cercle-club-notifier.h"

/* The state of one open club, kept outside the widgets: its store and the
 * application settings. The application owns it; every window and view of
 * that club reads it from the window. */
struct _CercleContext
{
  GObject      parent_instance;

  CercleStore *store;
  GSettings   *settings;
  CercleReminders *reminders;
  CercleClubNotifier *club_notifier;
  CercleClubSync  *sync;
  gboolean         started;
};

G_DEFINE_FINAL_TYPE (CercleContext, cercle_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cercle_context_dispose (GObject *object)
{
  CercleContext *self = (CercleContext *) object;

  g_clear_object (&self->reminders);
  g_clear_object (&self->club_notifier);
  if (self->sync != NULL)
    cercle_club_sync_stop (self->sync);
  g_clear_object (&self->sync);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cercle_context_parent_class)->dispose (object);
}

static void
cercle_context_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CercleContext *self = CERCLE_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_context_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CercleContext *self = CERCLE_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_context_constructed (GObject *object)
{
  CercleContext *self = (CercleContext *) object;

  G_OBJECT_CLASS (cercle_context_parent_class)->constructed (object);

  /* Made now, for the windows to show where it stands; started with the
   * rest by cercle_context_start() */
  if (self->store != NULL)
    self->sync = cercle_club_sync_new (self->store);
}

static void
cercle_context_class_init (CercleContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cercle_context_constructed;
  object_class->dispose = cercle_context_dispose;
  object_class->get_property = cercle_context_get_property;
  object_class->set_property = cercle_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CERCLE_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cercle_context_init (CercleContext *self)
{
}

/**
 * cercle_context_new:
 * @store: the open club database
 * @settings: (nullable): the application settings, %NULL when the schema is
 *   not installed (running uninstalled)
 */
CercleContext *
cercle_context_new (CercleStore *store,
                    GSettings   *settings)
{
  g_return_val_if_fail (CERCLE_IS_STORE (store), NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  return g_object_new (CERCLE_TYPE_CONTEXT,
                       "store", store,
                       "settings", settings,
                       NULL);
}

CercleStore *
cercle_context_get_store (CercleContext *self)
{
  g_return_val_if_fail (CERCLE_IS_CONTEXT (self), NULL);

  return self->store;
}

GSettings *
cercle_context_get_settings (CercleContext *self)
{
  g_return_val_if_fail (CERCLE_IS_CONTEXT (self), NULL);

  return self->settings;
}

char *
cercle_context_dup_club_name (CercleContext *self)
{
  g_autoptr(CercleClub) club = NULL;
  const char *name = NULL;

  g_return_val_if_fail (CERCLE_IS_CONTEXT (self), NULL);

  club = cercle_store_dup_club (self->store, NULL);
  if (club != NULL)
    name = cercle_club_get_name (club);

  if (name == NULL || *name == '\0')
    return g_strdup (_("Cercle"));

  return g_strdup (name);
}

/* g_settings_new() aborts when the schema is missing, which happens when the
 * program runs from the build tree without GSETTINGS_SCHEMA_DIR: then the
 * window simply does not remember its size. */
GSettings *
cercle_settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      g_debug ("GSettings schema %s is not installed", APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * cercle_context_start:
 *
 * Starts what works for the club in the background: the reminders of the
 * events the user is coming to, the notifications of club life arriving by
 * sync, and the sync itself. Each reads the club file first (on a club of
 * 100,000 members, a good part of the time to the window's first frame), so
 * a window calls this once its first frame is painted. Later calls do
 * nothing.
 */
void
cercle_context_start (CercleContext *self)
{
  g_return_if_fail (CERCLE_IS_CONTEXT (self));

  if (self->started || self->store == NULL)
    return;

  self->started = TRUE;

  /* Reminders of the events the user is coming to, as Preferences say */
  if (self->settings != NULL)
    self->reminders = cercle_reminders_new (self->store, self->settings);

  /* Announcements and replies to one's needs that arrive by sync: before
   * the sync starts, so that what was there already is not news */
  self->club_notifier = cercle_club_notifier_new (self->store);

  /* A club joined from a server syncs from the moment it opens */
  cercle_club_sync_start (self->sync);
}

/**
 * cercle_context_get_sync:
 *
 * Returns: (transfer none): the club's sync with its server
 */
CercleClubSync *
cercle_context_get_sync (CercleContext *self)
{
  g_return_val_if_fail (CERCLE_IS_CONTEXT (self), NULL);

  return self->sync;
}
