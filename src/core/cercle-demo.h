/* cercle-demo.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CERCLE_DEMO_DEFAULT_MEMBERS 120
#define CERCLE_DEMO_DEFAULT_SEED    20261122

gboolean cercle_demo_create (const char  *path,
                             guint        n_members,
                             guint32      seed,
                             GError     **error);

G_END_DECLS
