/* bench-startup.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "bench-common.h"

/* Start-up: the app (bench-first-frame: cercle's own library and start-up
 * with a clock) from main() to its first painted frame, on a club of
 * 100,000 members and on a club of the default demo size. Each start is a
 * new process.
 *
 * Baseline: bench-window, a bare AdwApplicationWindow timed by the same
 * hook, started as many times, interleaved with the app's runs.
 *
 * Needs a display: run under `xvfb-run -a`; skipped without one. */

#define N_RUNS     5
#define TIMEOUT_S  180
/* A start slower than this is timed once, to keep the benchmark short */
#define SLOW_MS    10000.0

typedef struct
{
  gboolean  done;
  gboolean  timed_out;
  char     *stdout_text;
  char     *stderr_text;
  GError   *error;
} Run;

static void
on_communicate_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Run *run = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result,
                                        &run->stdout_text, &run->stderr_text, &run->error);
  run->done = TRUE;
}

typedef struct
{
  GSubprocess *process;
  Run         *run;
} Timeout;

static gboolean
on_timeout_cb (gpointer user_data)
{
  Timeout *timeout = user_data;

  timeout->run->timed_out = TRUE;
  g_subprocess_force_exit (timeout->process);

  return G_SOURCE_REMOVE;
}

/* Runs @argv once; returns its first-frame time in ms, or < 0 */
static double
first_frame_ms (const char * const  *argv,
                GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  Run run = { 0 };
  Timeout timeout;
  const char *line;
  double ms = -1;
  guint timeout_id;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);

  if (!(process = g_subprocess_launcher_spawnv (launcher, argv, error)))
    return -1;

  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicate_cb, &run);
  timeout.process = process;
  timeout.run = &run;
  timeout_id = g_timeout_add_seconds (TIMEOUT_S, on_timeout_cb, &timeout);

  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  if (g_main_context_find_source_by_id (NULL, timeout_id) != NULL)
    g_source_remove (timeout_id);

  if (run.error != NULL)
    g_propagate_error (error, run.error);
  else if (run.stdout_text != NULL &&
           (line = strstr (run.stdout_text, "first-frame-us: ")) != NULL)
    ms = g_ascii_strtod (line + strlen ("first-frame-us: "), NULL) / 1000.0;
  else
    {
      g_autofree char *how = NULL;

      if (g_subprocess_get_if_exited (process))
        how = g_strdup_printf ("exit status %d", g_subprocess_get_exit_status (process));
      else if (g_subprocess_get_if_signaled (process))
        how = g_strdup_printf ("killed by signal %d%s", g_subprocess_get_term_sig (process),
                               run.timed_out ? " after " G_STRINGIFY (TIMEOUT_S) " s" : "");

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s printed no first-frame-us line (%s); stderr:\n%s",
                   argv[0], how != NULL ? how : "unknown end",
                   run.stderr_text != NULL ? run.stderr_text : "");
    }

  g_free (run.stdout_text);
  g_free (run.stderr_text);

  return ms;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) big = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) small = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  const char *cercle, *first_frame, *window, *big_club, *small_club;

  if (argc != 6)
    {
      g_printerr ("usage: %s CERCLE BENCH-FIRST-FRAME BENCH-WINDOW CLUB-100K.db CLUB-SMALL.db\n", argv[0]);
      return EXIT_FAILURE;
    }

  cercle = argv[1];
  first_frame = argv[2];
  window = argv[3];
  big_club = argv[4];
  small_club = argv[5];

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("# startup: skipped, no display (run the benchmarks under xvfb-run -a)\n");
      return BENCH_SKIP;
    }

  /* The clubs are made here with the app's own --create-demo, so this
   * program needs no link to the core. */
  {
    const char *clubs[] = { big_club, small_club };
    const char *sizes[] = { "100000", "120" };

    for (guint i = 0; i < G_N_ELEMENTS (clubs); i++)
      {
        const char *create[] = { cercle, "--create-demo", clubs[i], "--demo-members", sizes[i], NULL };
        int status = 0;

        if (g_file_test (clubs[i], G_FILE_TEST_EXISTS))
          continue;

        g_print ("# making a demo club of %s members in %s\n", sizes[i], clubs[i]);
        if (!g_spawn_sync (NULL, (char **)create, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                           NULL, NULL, &status, &error) ||
            !g_spawn_check_wait_status (status, &error))
          {
            g_printerr ("%s\n", error->message);
            return EXIT_FAILURE;
          }
      }
  }

  for (guint i = 0; i < N_RUNS; i++)
    {
      const char *run_big[] = { first_frame, "--database", big_club, NULL };
      const char *run_small[] = { first_frame, "--database", small_club, NULL };
      const char *run_bare[] = { window, NULL };
      gboolean time_big = big->len == 0 || g_array_index (big, double, 0) < SLOW_MS;
      double a = 0, b, c;

      if ((time_big && (a = first_frame_ms (run_big, &error)) < 0) ||
          (b = first_frame_ms (run_small, &error)) < 0 ||
          (c = first_frame_ms (run_bare, &error)) < 0)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }

      if (time_big)
        g_array_append_val (big, a);
      g_array_append_val (small, b);
      g_array_append_val (bare, c);

      if (time_big)
        g_print ("# run %u: 100k %.0f ms, 120 %.0f ms, bare window %.0f ms\n", i + 1, a, b, c);
      else
        g_print ("# run %u: 120 %.0f ms, bare window %.0f ms (100k timed once: over %.0f s)\n",
                 i + 1, b, c, SLOW_MS / 1000.0);
    }

  bench_report ("startup.first_frame_100k", bench_median (big), "ms",
                "adw-window", bench_median (bare));
  bench_report ("startup.first_frame_120", bench_median (small), "ms",
                "adw-window", bench_median (bare));

  return EXIT_SUCCESS;
}
