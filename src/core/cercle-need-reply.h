/* cercle-need-reply.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-record.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_NEED_REPLY (cercle_need_reply_get_type ())

G_DECLARE_FINAL_TYPE (CercleNeedReply, cercle_need_reply, CERCLE, NEED_REPLY, CercleRecord)

CercleNeedReply *cercle_need_reply_new (void);
const char *cercle_need_reply_get_request_id (CercleNeedReply *self);
const char *cercle_need_reply_get_member_id (CercleNeedReply *self);
const char *cercle_need_reply_get_body (CercleNeedReply *self);
const char *cercle_need_reply_get_posted_at (CercleNeedReply *self);

G_END_DECLS
