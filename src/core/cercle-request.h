/* cercle-request.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-record.h"
#include "cercle-enums.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_REQUEST (cercle_request_get_type ())

G_DECLARE_FINAL_TYPE (CercleRequest, cercle_request, CERCLE, REQUEST, CercleRecord)

CercleRequest *cercle_request_new (void);
const char *cercle_request_get_member_id (CercleRequest *self);
const char *cercle_request_get_title (CercleRequest *self);
const char *cercle_request_get_body (CercleRequest *self);
CercleRequestStatus cercle_request_get_status (CercleRequest *self);
const char *cercle_request_get_posted_on (CercleRequest *self);
const char *cercle_request_get_sector (CercleRequest *self);
const char *cercle_request_get_closed_on (CercleRequest *self);

G_END_DECLS
