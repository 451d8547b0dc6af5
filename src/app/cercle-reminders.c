/* cercle-reminders.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-reminders"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-reminders.h"

/* A notification before each event the user said "yes" to, as long before
 * as Preferences say. One timeout waits for the next reminder; any change
 * of the club's events or answers, or of the settings, looks again. A
 * reminder is shown once: the ones shown are kept in the settings until
 * their event has begun, so that starting the app again, or a second
 * window on the same club, does not show them twice. */
struct _CercleReminders
{
  GObject      parent_instance;

  CercleStore *store;
  GSettings   *settings;
  GHashTable  *sent;        /* "event id@start", as in the settings */
  guint        timeout_id;
};

G_DEFINE_FINAL_TYPE (CercleReminders, cercle_reminders, G_TYPE_OBJECT)

/* Woken at least this often, in case the computer slept */
#define MAX_WAIT_SECONDS 900

static void schedule (CercleReminders *self);

static gint64
lead_seconds (CercleReminders *self)
{
  return (gint64)g_settings_get_int (self->settings, "reminder-minutes") * 60;
}

static char *
sent_key (CercleEvent *event)
{
  return g_strdup_printf ("%s@%s", cercle_record_get_id (CERCLE_RECORD (event)),
                          cercle_event_get_starts_at (event));
}

/**
 * cercle_reminders_dup_next:
 * @remind_at: (out): when its reminder is due, in seconds since 1970
 *
 * Returns: (transfer full) (nullable): the id of the next event the local
 *   user is coming to whose reminder was not shown yet
 */
char *
cercle_reminders_dup_next (CercleReminders *self,
                           GDateTime       *now,
                           gint64          *remind_at)
{
  g_autoptr(CercleMember) me = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(CercleRecordList) events = NULL;
  gint64 lead = lead_seconds (self);

  g_return_val_if_fail (CERCLE_IS_REMINDERS (self), NULL);

  if (!(me = cercle_store_dup_local_member (self->store, NULL)))
    return NULL;

  rows = cercle_store_list_member_event_rows (self->store, cercle_record_get_id (CERCLE_RECORD (me)), now, NULL);
  if (rows == NULL)
    return NULL;

  events = cercle_record_list_new (self->store, CERCLE_TYPE_EVENT, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(CercleEvent) event = g_list_model_get_item (G_LIST_MODEL (events), i);
      g_autoptr(CercleRegistration) mine = NULL;
      g_autofree char *key = sent_key (event);
      gint64 starts = cercle_time_to_unix (cercle_event_get_starts_at (event));

      if (starts <= g_date_time_to_unix (now) || g_hash_table_contains (self->sent, key) ||
          cercle_event_get_status (event) != CERCLE_EVENT_STATUS_SCHEDULED)
        continue;

      mine = cercle_store_dup_registration_for (self->store, cercle_record_get_id (CERCLE_RECORD (event)),
                                                cercle_record_get_id (CERCLE_RECORD (me)), NULL);
      if (mine == NULL || cercle_registration_get_response (mine) != CERCLE_RESPONSE_YES)
        continue;

      *remind_at = starts - lead;
      return g_strdup (cercle_record_get_id (CERCLE_RECORD (event)));
    }

  return NULL;
}

static void
load_sent (CercleReminders *self)
{
  g_auto(GStrv) shown = g_settings_get_strv (self->settings, "reminders-shown");

  for (guint i = 0; shown[i] != NULL; i++)
    g_hash_table_add (self->sent, g_strdup (shown[i]));
}

/* Saves what was shown, without the events that have begun: the list
 * stays as short as the user's coming events */
static void
save_sent (CercleReminders *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) shown = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GHashTableIter iter;
  const char *key;

  g_hash_table_iter_init (&iter, self->sent);
  while (g_hash_table_iter_next (&iter, (gpointer *)&key, NULL))
    {
      const char *starts_at = strchr (key, '@');

      if (starts_at != NULL && cercle_time_to_unix (starts_at + 1) > now)
        g_strv_builder_add (builder, key);
      else
        g_hash_table_iter_remove (&iter);
    }

  shown = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "reminders-shown", (const char * const *)shown);
}

static void
send (CercleReminders *self,
      const char      *event_id)
{
  GApplication *application = g_application_get_default ();
  g_autoptr(CercleEvent) event = cercle_store_get_record (self->store, CERCLE_TYPE_EVENT, event_id, NULL);
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GDateTime) starts = NULL;
  g_autofree char *time = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;
  const char *place;

  if (event == NULL)
    return;

  g_hash_table_add (self->sent, sent_key (event));
  save_sent (self);

  if (application == NULL)
    return;

  starts = cercle_parse_utc (cercle_event_get_starts_at (event), cercle_event_get_time_zone (event));
  time = cercle_format_date_time (starts, _("%A %-d %B, %H:%M"));
  place = cercle_event_get_place (event);
  if (place != NULL && *place != '\0')
    /* Translators: a reminder, as in "Tuesday 24 November, 07:30 — Brasserie Le Confluent" */
    body = g_strdup_printf (_("%s — %s"), time, place);
  else
    body = g_strdup (time);

  notification = g_notification_new (cercle_event_get_title (event));
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-event", "s", event_id);
  id = g_strdup_printf ("event-%s", event_id);
  g_application_send_notification (application, id, notification);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  CercleReminders *self = user_data;

  self->timeout_id = 0;
  schedule (self);

  return G_SOURCE_REMOVE;
}

static void
schedule (CercleReminders *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *event_id = NULL;
  gint64 remind_at = 0;
  gint64 wait;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (!g_settings_get_boolean (self->settings, "event-reminders"))
    return;

  now = g_date_time_new_now_utc ();

  /* Reminders already due are shown now, one after the other */
  while ((event_id = cercle_reminders_dup_next (self, now, &remind_at)) != NULL &&
         remind_at <= g_date_time_to_unix (now))
    {
      send (self, event_id);
      g_clear_pointer (&event_id, g_free);
    }

  wait = event_id != NULL ? remind_at - g_date_time_to_unix (now) : MAX_WAIT_SECONDS;
  self->timeout_id = g_timeout_add_seconds ((guint)CLAMP (wait, 1, MAX_WAIT_SECONDS), on_timeout_cb, self);
}

static void
on_store_changed_cb (CercleStore     *store,
                     CercleChangeSet *changes,
                     CercleReminders *self)
{
  if (cercle_change_set_touches (changes, CERCLE_ENTITY_EVENT) ||
      cercle_change_set_touches (changes, CERCLE_ENTITY_REGISTRATION) ||
      cercle_change_set_get_local_user_changed (changes))
    schedule (self);
}

static void
on_settings_changed_cb (GSettings       *settings,
                        const char      *key,
                        CercleReminders *self)
{
  schedule (self);
}

static void
cercle_reminders_dispose (GObject *object)
{
  CercleReminders *self = (CercleReminders *) object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, on_settings_changed_cb, self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cercle_reminders_parent_class)->dispose (object);
}

static void
cercle_reminders_finalize (GObject *object)
{
  CercleReminders *self = (CercleReminders *) object;

  g_clear_pointer (&self->sent, g_hash_table_unref);

  G_OBJECT_CLASS (cercle_reminders_parent_class)->finalize (object);
}

static void
cercle_reminders_class_init (CercleRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cercle_reminders_dispose;
  object_class->finalize = cercle_reminders_finalize;
}

static void
cercle_reminders_init (CercleReminders *self)
{
  self->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

CercleReminders *
cercle_reminders_new (CercleStore *store,
                      GSettings   *settings)
{
  CercleReminders *self;

  g_return_val_if_fail (CERCLE_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CERCLE_TYPE_REMINDERS, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  load_sent (self);

  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  g_signal_connect (settings, "changed::event-reminders", G_CALLBACK (on_settings_changed_cb), self);
  g_signal_connect (settings, "changed::reminder-minutes", G_CALLBACK (on_settings_changed_cb), self);
  schedule (self);

  return self;
}
