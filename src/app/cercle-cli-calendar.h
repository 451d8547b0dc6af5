/* cercle-cli-calendar.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean cercle_cli_calendar_wants (int    argc,
                                    char **argv);
int      cercle_cli_calendar_run   (int    argc,
                                    char **argv);

G_END_DECLS
