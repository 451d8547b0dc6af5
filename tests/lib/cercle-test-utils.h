/* cercle-test-utils.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-core.h"

G_BEGIN_DECLS

/* What the tests share, so that the programs carry no test-only code */

char     *cercle_test_make_dir             (const char   *name);
void      cercle_test_remove_dir           (const char   *path);
gboolean  cercle_test_wait_for             (gboolean    (*done) (gpointer data),
                                            gpointer      data,
                                            guint         seconds);
void      cercle_test_drain_main_context   (void);
void      cercle_test_release_store        (CercleStore  *store);
gboolean  cercle_test_local_user_is_staff  (CercleStore  *store);
char     *cercle_test_checksum_file        (const char   *path);

G_END_DECLS
