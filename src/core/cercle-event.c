/* cercle-event.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-event"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-event.h"
#include "cercle-time.h"

struct _CercleEvent
{
  CercleRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CercleEvent, cercle_event, CERCLE_TYPE_RECORD)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_KIND,
  PROP_STARTS_AT,
  PROP_ENDS_AT,
  PROP_TIME_ZONE,
  PROP_PLACE,
  PROP_VIDEO_URL,
  PROP_CAPACITY,
  PROP_DESCRIPTION,
  PROP_STATUS,
  PROP_ORGANIZER_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
cercle_event_class_init (CercleEventClass *klass)
{
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CERCLE_TYPE_EVENT_KIND, CERCLE_EVENT_KIND_MEETING,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STARTS_AT] =
    g_param_spec_string ("starts-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ENDS_AT] =
    g_param_spec_string ("ends-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TIME_ZONE] =
    g_param_spec_string ("time-zone", NULL, NULL, "Europe/Paris",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PLACE] =
    g_param_spec_string ("place", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_VIDEO_URL] =
    g_param_spec_string ("video-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CAPACITY] =
    g_param_spec_int ("capacity", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CERCLE_TYPE_EVENT_STATUS, CERCLE_EVENT_STATUS_SCHEDULED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties [PROP_ORGANIZER_ID] =
    g_param_spec_string ("organizer-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  cercle_record_class_install_fields (CERCLE_RECORD_CLASS (klass), "event",
                                      properties, N_PROPS);
}

static void
cercle_event_init (CercleEvent *self)
{
}

CercleEvent *
cercle_event_new (void)
{
  return g_object_new (CERCLE_TYPE_EVENT, NULL);
}

const char *
cercle_event_get_title (CercleEvent *self)
{
  g_return_val_if_fail (CERCLE_IS_EVENT (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_TITLE);
}

CercleEventKind
cercle_event_get_kind (CercleEvent *self)
{
  g_return_val_if_fail (CERCLE_IS_EVENT (self), 0);

  return (CercleEventKind) cercle_record_peek_enum (CERCLE_RECORD (self), PROP_KIND);
}

const char *
cercle_event_get_starts_at (CercleEvent *self)
{
  g_return_val_if_fail (CERCLE_IS_EVENT (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_STARTS_AT);
}

const char *
cercle_event_get_ends_at (CercleEvent *self)
{
  g_return_val_if_fail (CERCLE_IS_EVENT (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_ENDS_AT);
}

const char *
cercle_event_get_time_zone (CercleEvent *self)
{
  g_return_val_if_fail (CERCLE_IS_EVENT (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_TIME_ZONE);
}

const char *
cercle_event_get_place (CercleEvent *self)
{
  g_return_val_if_fail (CERCLE_IS_EVENT (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_PLACE);
}

const char *
cercle_event_get_video_url (CercleEvent *self)
{
  g_return_val_if_fail (CERCLE_IS_EVENT (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_VIDEO_URL);
}

int
cercle_event_get_capacity (CercleEvent *self)
{
  g_return_val_if_fail (CERCLE_IS_EVENT (self), 0);

  return cercle_record_peek_int (CERCLE_RECORD (self), PROP_CAPACITY);
}

const char *
cercle_event_get_description (CercleEvent *self)
{
  g_return_val_if_fail (CERCLE_IS_EVENT (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_DESCRIPTION);
}

CercleEventStatus
cercle_event_get_status (CercleEvent *self)
{
  g_return_val_if_fail (CERCLE_IS_EVENT (self), 0);

  return (CercleEventStatus) cercle_record_peek_enum (CERCLE_RECORD (self), PROP_STATUS);
}

const char *
cercle_event_get_organizer_id (CercleEvent *self)
{
  g_return_val_if_fail (CERCLE_IS_EVENT (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_ORGANIZER_ID);
}

/**
 * cercle_event_normalize:
 *
 * Puts the event's times in the one stored form (UTC, see cercle-time.c),
 * whatever form they came in, and checks them: a start, an end not before
 * it, a known time zone. The store calls it before writing an event, the
 * club's server before accepting one.
 *
 * Returns: whether the times are valid; %FALSE with @error set to a
 *   sentence naming the field otherwise, and the event unchanged
 */
gboolean
cercle_event_normalize (CercleEvent  *self,
                        GError      **error)
{
  const char *title;
  const char *time_zone;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;

  g_return_val_if_fail (CERCLE_IS_EVENT (self), FALSE);

  title = cercle_event_get_title (self) ?: "";
  time_zone = cercle_event_get_time_zone (self);

  if (!(tz = cercle_time_zone_new (time_zone, &local_error)))
    {
      g_set_error (error, CERCLE_TIME_ERROR, CERCLE_TIME_ERROR_UNKNOWN_ZONE,
                   _("The time zone of “%s”: %s"), title, local_error->message);
      return FALSE;
    }

  if (!(starts = cercle_time_normalize (cercle_event_get_starts_at (self), time_zone, &local_error)))
    {
      g_set_error (error, CERCLE_TIME_ERROR, CERCLE_TIME_ERROR_INVALID,
                   _("The start of “%s”: %s"), title, local_error->message);
      return FALSE;
    }

  if (cercle_event_get_ends_at (self) != NULL && *cercle_event_get_ends_at (self) != '\0')
    {
      if (!(ends = cercle_time_normalize (cercle_event_get_ends_at (self), time_zone, &local_error)))
        {
          g_set_error (error, CERCLE_TIME_ERROR, CERCLE_TIME_ERROR_INVALID,
                       _("The end of “%s”: %s"), title, local_error->message);
          return FALSE;
        }

      if (cercle_time_compare (ends, starts) < 0)
        {
          g_set_error (error, CERCLE_TIME_ERROR, CERCLE_TIME_ERROR_INVALID,
                       _("“%s” ends before it starts."), title);
          return FALSE;
        }
    }

  g_object_set (self,
                "starts-at", starts,
                "ends-at", ends,
                "time-zone", (time_zone != NULL && *time_zone != '\0') ? time_zone : CERCLE_DEFAULT_TIME_ZONE,
                NULL);

  return TRUE;
}
