/* bench-common.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit status that tells meson a benchmark was skipped */
#define BENCH_SKIP 77

double    bench_percentile    (GArray     *samples,
                               double      percent);
double    bench_median        (GArray     *samples);
void      bench_report        (const char *name,
                               double      value,
                               const char *unit,
                               const char *baseline_name,
                               double      baseline);
gboolean  bench_ensure_club   (const char *path,
                               guint       n_members,
                               GError    **error);

G_END_DECLS
