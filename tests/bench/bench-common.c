/* bench-common.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "cercle-core.h"

#include "bench-common.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Nearest-rank percentile of @samples (sorted in place) */
double
bench_percentile (GArray *samples,
                  double  percent)
{
  guint rank;

  g_return_val_if_fail (samples != NULL && samples->len > 0, 0.0);

  g_array_sort (samples, compare_doubles);
  rank = (guint)(percent / 100.0 * samples->len + 0.999999);
  rank = CLAMP (rank, 1, samples->len);

  return g_array_index (samples, double, rank - 1);
}

double
bench_median (GArray *samples)
{
  g_return_val_if_fail (samples != NULL && samples->len > 0, 0.0);

  g_array_sort (samples, compare_doubles);

  if (samples->len % 2 == 1)
    return g_array_index (samples, double, samples->len / 2);

  return (g_array_index (samples, double, samples->len / 2 - 1) +
          g_array_index (samples, double, samples->len / 2)) / 2.0;
}

static const char *
format_for (double value)
{
  if (value >= 100.0)
    return "%.0f";
  if (value >= 10.0)
    return "%.1f";
  if (value >= 1.0)
    return "%.2f";
  return "%.3f";
}

static char *
format_value (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Always a dot, whatever the locale, so that scripts can read it */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format_for (value), value));
}

/**
 * bench_report:
 * @baseline_name: (nullable): what @baseline measured, one word; %NULL
 *   when there is no baseline
 *
 * Prints one figure in the format of DESIGN.md:
 *   bench: NAME = VALUE UNIT (baseline BASE X UNIT, ratio R)
 */
void
bench_report (const char *name,
              double      value,
              const char *unit,
              const char *baseline_name,
              double      baseline)
{
  g_autofree char *value_text = format_value (value);

  if (baseline_name != NULL && baseline > 0.0)
    {
      g_autofree char *baseline_text = format_value (baseline);
      g_autofree char *ratio_text = format_value (value / baseline);

      g_print ("bench: %s = %s %s (baseline %s %s %s, ratio %s)\n",
               name, value_text, unit, baseline_name, baseline_text, unit, ratio_text);
    }
  else
    g_print ("bench: %s = %s %s\n", name, value_text, unit);

  fflush (stdout);
}

/**
 * bench_ensure_club:
 *
 * Makes sure @path holds a demo club of @n_members members with the default
 * seed, reusing a file from an earlier run unless this benchmark program
 * (which links the demo generator and the store) was built after it.
 */
gboolean
bench_ensure_club (const char  *path,
                   guint        n_members,
                   GError     **error)
{
  GStatBuf club_stat, exe_stat;
  gint64 started;

  if (g_stat (path, &club_stat) == 0 &&
      g_stat ("/proc/self/exe", &exe_stat) == 0 &&
      club_stat.st_mtime > exe_stat.st_mtime)
    {
      g_autoptr(CercleStore) store = cercle_store_open (path, NULL);

      if (store != NULL && cercle_store_count_members (store, NULL) == n_members)
        return TRUE;
    }

  cercle_store_remove_database (path);

  g_print ("# making a demo club of %u members in %s\n", n_members, path);
  started = g_get_monotonic_time ();

  if (!cercle_demo_create (path, n_members, CERCLE_DEMO_DEFAULT_SEED, error))
    return FALSE;

  g_print ("# made in %.1f s\n", (g_get_monotonic_time () - started) / 1e6);

  return TRUE;
}
