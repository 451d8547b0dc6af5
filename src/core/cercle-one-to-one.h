/* cercle-one-to-one.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-record.h"
#include "cercle-enums.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_ONE_TO_ONE (cercle_one_to_one_get_type ())

G_DECLARE_FINAL_TYPE (CercleOneToOne, cercle_one_to_one, CERCLE, ONE_TO_ONE, CercleRecord)

CercleOneToOne *cercle_one_to_one_new (void);
const char *cercle_one_to_one_get_member_a_id (CercleOneToOne *self);
const char *cercle_one_to_one_get_member_b_id (CercleOneToOne *self);
const char *cercle_one_to_one_get_met_on (CercleOneToOne *self);
const char *cercle_one_to_one_get_notes (CercleOneToOne *self);
const char *cercle_one_to_one_get_author_id (CercleOneToOne *self);

G_END_DECLS
