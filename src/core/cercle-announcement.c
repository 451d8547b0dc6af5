/* cercle-announcement.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-announcement"

#include "config.h"

#include "cercle-announcement.h"

/* A word from the staff to the whole club: a title, plain text (links
 * are found in it when shown, never HTML), maybe the event it is about;
 * pinned ones stay on top. */
struct _CercleAnnouncement
{
  CercleRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CercleAnnouncement, cercle_announcement, CERCLE_TYPE_RECORD)

enum {
  PROP_0,
  PROP_AUTHOR_ID,
  PROP_TITLE,
  PROP_BODY,
  PROP_EVENT_ID,
  PROP_PINNED,
  PROP_POSTED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
cercle_announcement_class_init (CercleAnnouncementClass *klass)
{
  /* The staff member who posted it */
  properties [PROP_AUTHOR_ID] =
    g_param_spec_string ("author-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The event it is about, if any */
  properties [PROP_EVENT_ID] =
    g_param_spec_string ("event-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PINNED] =
    g_param_spec_boolean ("pinned", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* UTC, as ISO 8601 */
  properties [PROP_POSTED_AT] =
    g_param_spec_string ("posted-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  cercle_record_class_install_fields (CERCLE_RECORD_CLASS (klass), "announcement",
                                      properties, N_PROPS);
}

static void
cercle_announcement_init (CercleAnnouncement *self)
{
}

CercleAnnouncement *
cercle_announcement_new (void)
{
  return g_object_new (CERCLE_TYPE_ANNOUNCEMENT, NULL);
}

const char *
cercle_announcement_get_author_id (CercleAnnouncement *self)
{
  g_return_val_if_fail (CERCLE_IS_ANNOUNCEMENT (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_AUTHOR_ID);
}

const char *
cercle_announcement_get_title (CercleAnnouncement *self)
{
  g_return_val_if_fail (CERCLE_IS_ANNOUNCEMENT (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_TITLE);
}

const char *
cercle_announcement_get_body (CercleAnnouncement *self)
{
  g_return_val_if_fail (CERCLE_IS_ANNOUNCEMENT (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_BODY);
}

const char *
cercle_announcement_get_event_id (CercleAnnouncement *self)
{
  g_return_val_if_fail (CERCLE_IS_ANNOUNCEMENT (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_EVENT_ID);
}

gboolean
cercle_announcement_get_pinned (CercleAnnouncement *self)
{
  g_return_val_if_fail (CERCLE_IS_ANNOUNCEMENT (self), FALSE);

  return cercle_record_peek_boolean (CERCLE_RECORD (self), PROP_PINNED);
}

const char *
cercle_announcement_get_posted_at (CercleAnnouncement *self)
{
  g_return_val_if_fail (CERCLE_IS_ANNOUNCEMENT (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_POSTED_AT);
}
