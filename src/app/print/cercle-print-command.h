/* cercle-print-command.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean cercle_print_command_wanted (int    argc,
                                      char **argv);
int      cercle_print_command_run    (int    argc,
                                      char **argv);

G_END_DECLS
