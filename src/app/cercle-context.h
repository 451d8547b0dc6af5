/* cercle-context.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cercle-core.h"
#include "cercle-club-sync.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_CONTEXT (cercle_context_get_type ())

G_DECLARE_FINAL_TYPE (CercleContext, cercle_context, CERCLE, CONTEXT, GObject)

CercleContext *cercle_context_new          (CercleStore   *store,
                                            GSettings     *settings);
CercleStore   *cercle_context_get_store    (CercleContext *self);
GSettings     *cercle_context_get_settings (CercleContext *self);
char          *cercle_context_dup_club_name (CercleContext *self);
CercleClubSync *cercle_context_get_sync    (CercleContext *self);
void           cercle_context_start       (CercleContext *self);

GSettings     *cercle_settings_new_if_installed (void);

G_END_DECLS
