/* cercle-mentoring.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-record.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_MENTORING (cercle_mentoring_get_type ())

G_DECLARE_FINAL_TYPE (CercleMentoring, cercle_mentoring, CERCLE, MENTORING, CercleRecord)

CercleMentoring *cercle_mentoring_new (void);
const char *cercle_mentoring_get_mentor_id (CercleMentoring *self);
const char *cercle_mentoring_get_mentee_id (CercleMentoring *self);
const char *cercle_mentoring_get_starts_on (CercleMentoring *self);
const char *cercle_mentoring_get_ends_on (CercleMentoring *self);

G_END_DECLS
