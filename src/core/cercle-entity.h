/* cercle-entity.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-types.h"

G_BEGIN_DECLS

GType        cercle_entity_get_record_type (CercleEntity   entity);
const char  *cercle_entity_get_name        (CercleEntity   entity);
gboolean     cercle_entity_from_name       (const char    *name,
                                            CercleEntity  *entity);

G_END_DECLS
