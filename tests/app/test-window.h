/* test-window.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-test-app.h"

G_BEGIN_DECLS

/* The cases of test-window-lists.c and test-window-errors.c, which
 * test-window.c's main() runs with its own */

void test_window_live_list           (void);
void test_window_long_search         (void);
void test_window_close_during_search (CercleTestClub *fixture,
                                      gconstpointer   user_data);

void test_window_locked_club         (void);
void test_window_load_error          (CercleTestClub *fixture,
                                      gconstpointer   user_data);

G_END_DECLS
