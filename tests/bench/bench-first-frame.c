/* bench-first-frame.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "cercle-application.h"
#include "cercle-window.h"

/* The app as `cercle` runs it (the same library, the same start-up), with
 * a clock: from main() to the first frame painted by its first window,
 * printed as "first-frame-us: N", then it quits. bench-startup runs it as
 * a new process each time. */

static gint64 started;

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   GtkWidget     *window)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (window));

  g_signal_handlers_disconnect_by_func (frame_clock, on_after_paint_cb, window);

  g_print ("first-frame-us: %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - started);
  fflush (stdout);

  g_application_quit (G_APPLICATION (application));
}

static void
on_map_cb (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_after_paint_cb), window, 0);
}

static void
on_window_added_cb (GtkApplication *application,
                    GtkWindow      *window)
{
  if (CERCLE_IS_WINDOW (window))
    g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CercleApplication) app = NULL;

  started = g_get_monotonic_time ();
  cercle_application_init_i18n ();

  app = cercle_application_new ();
  /* Each run times its own process, not an instance already running */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
