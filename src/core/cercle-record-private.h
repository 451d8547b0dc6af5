/* cercle-record-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-record.h"

G_BEGIN_DECLS

void _cercle_record_set_field_value (CercleRecord *self,
                                     guint         field,
                                     const GValue *value);

G_END_DECLS
