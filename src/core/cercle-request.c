/* cercle-request.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-request"

#include "config.h"

#include "cercle-request.h"

struct _CercleRequest
{
  CercleRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CercleRequest, cercle_request, CERCLE_TYPE_RECORD)

enum {
  PROP_0,
  PROP_MEMBER_ID,
  PROP_TITLE,
  PROP_BODY,
  PROP_STATUS,
  PROP_POSTED_ON,
  PROP_SECTOR,
  PROP_CLOSED_ON,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
cercle_request_class_init (CercleRequestClass *klass)
{
  properties [PROP_MEMBER_ID] =
    g_param_spec_string ("member-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CERCLE_TYPE_REQUEST_STATUS, CERCLE_REQUEST_STATUS_OPEN,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_POSTED_ON] =
    g_param_spec_string ("posted-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The trade or sector of what is looked for, so that the right members see it */
  properties [PROP_SECTOR] =
    g_param_spec_string ("sector", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CLOSED_ON] =
    g_param_spec_string ("closed-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  cercle_record_class_install_fields (CERCLE_RECORD_CLASS (klass), "request",
                                      properties, N_PROPS);
}

static void
cercle_request_init (CercleRequest *self)
{
}

CercleRequest *
cercle_request_new (void)
{
  return g_object_new (CERCLE_TYPE_REQUEST, NULL);
}

const char *
cercle_request_get_member_id (CercleRequest *self)
{
  g_return_val_if_fail (CERCLE_IS_REQUEST (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_MEMBER_ID);
}

const char *
cercle_request_get_title (CercleRequest *self)
{
  g_return_val_if_fail (CERCLE_IS_REQUEST (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_TITLE);
}

const char *
cercle_request_get_body (CercleRequest *self)
{
  g_return_val_if_fail (CERCLE_IS_REQUEST (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_BODY);
}

CercleRequestStatus
cercle_request_get_status (CercleRequest *self)
{
  g_return_val_if_fail (CERCLE_IS_REQUEST (self), 0);

  return (CercleRequestStatus) cercle_record_peek_enum (CERCLE_RECORD (self), PROP_STATUS);
}

const char *
cercle_request_get_posted_on (CercleRequest *self)
{
  g_return_val_if_fail (CERCLE_IS_REQUEST (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_POSTED_ON);
}

const char *
cercle_request_get_sector (CercleRequest *self)
{
  g_return_val_if_fail (CERCLE_IS_REQUEST (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_SECTOR);
}

const char *
cercle_request_get_closed_on (CercleRequest *self)
{
  g_return_val_if_fail (CERCLE_IS_REQUEST (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_CLOSED_ON);
}
