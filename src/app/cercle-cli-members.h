/* cercle-cli-members.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cercle_cli_members_run (int    argc,
                            char **argv);

G_END_DECLS
