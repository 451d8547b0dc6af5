/* cercle-conflicts-dialog.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-core.h"

G_BEGIN_DECLS

void cercle_conflicts_dialog_present (GtkWindow   *parent,
                                      CercleStore *store);

G_END_DECLS
