/* cercle-need-reply.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-need-reply"

#include "config.h"

#include "cercle-need-reply.h"

/* A member's answer under a need of the needs board, in its thread */
struct _CercleNeedReply
{
  CercleRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CercleNeedReply, cercle_need_reply, CERCLE_TYPE_RECORD)

enum {
  PROP_0,
  PROP_REQUEST_ID,
  PROP_MEMBER_ID,
  PROP_BODY,
  PROP_POSTED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
cercle_need_reply_class_init (CercleNeedReplyClass *klass)
{
  /* The need it answers */
  properties [PROP_REQUEST_ID] =
    g_param_spec_string ("request-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Who wrote it */
  properties [PROP_MEMBER_ID] =
    g_param_spec_string ("member-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* UTC, as ISO 8601 */
  properties [PROP_POSTED_AT] =
    g_param_spec_string ("posted-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  cercle_record_class_install_fields (CERCLE_RECORD_CLASS (klass), "need_reply",
                                      properties, N_PROPS);
}

static void
cercle_need_reply_init (CercleNeedReply *self)
{
}

CercleNeedReply *
cercle_need_reply_new (void)
{
  return g_object_new (CERCLE_TYPE_NEED_REPLY, NULL);
}

const char *
cercle_need_reply_get_request_id (CercleNeedReply *self)
{
  g_return_val_if_fail (CERCLE_IS_NEED_REPLY (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_REQUEST_ID);
}

const char *
cercle_need_reply_get_member_id (CercleNeedReply *self)
{
  g_return_val_if_fail (CERCLE_IS_NEED_REPLY (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_MEMBER_ID);
}

const char *
cercle_need_reply_get_body (CercleNeedReply *self)
{
  g_return_val_if_fail (CERCLE_IS_NEED_REPLY (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_BODY);
}

const char *
cercle_need_reply_get_posted_at (CercleNeedReply *self)
{
  g_return_val_if_fail (CERCLE_IS_NEED_REPLY (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_POSTED_AT);
}
