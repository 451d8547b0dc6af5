/* cercle-application-sync.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-application.h"

G_BEGIN_DECLS

void cercle_application_add_sync_actions (CercleApplication *self);

G_END_DECLS
