/* cercle-member-history.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cercle-core.h"

G_BEGIN_DECLS

const char *cercle_member_field_title         (const char  *column);
char       *cercle_member_history_describe    (CercleStore *store,
                                               JsonObject  *entry,
                                               char       **when);

G_END_DECLS
