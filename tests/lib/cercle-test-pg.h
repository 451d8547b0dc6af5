/* cercle-test-pg.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A private PostgreSQL for a test program: a cluster made with initdb in
 * a folder of its own, listening only on a Unix socket in that folder,
 * run as an unprivileged user when the tests run as root, and stopped
 * when the program ends (or dies). Any test may use it: the server's
 * suites, the sync client's convergence harness, the benchmarks. */

gboolean  cercle_test_pg_wanted          (void);
char     *cercle_test_pg_new_database    (const char  *name);
void      cercle_test_pg_copy_database   (const char  *from_uri,
                                          const char  *to_uri);
void      cercle_test_pg_exec            (const char  *uri,
                                          const char  *sql);
gint64    cercle_test_pg_query_int64     (const char  *uri,
                                          const char  *sql);
void      cercle_test_pg_stop            (void);

G_END_DECLS
