/* bench-window.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <adwaita.h>

/* The baseline of the start-up benchmark: the least a libadwaita program
 * does before its first frame (a window of Cercle's size with a header bar
 * and a status page), timed by the same hook as Cercle's window. */

static gint64 started;

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (frame_clock, on_after_paint_cb, window);

  g_print ("first-frame-us: %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - started);
  fflush (stdout);

  g_application_quit (G_APPLICATION (gtk_window_get_application (window)));
}

static void
on_map_cb (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_after_paint_cb), window, 0);
}

static void
on_activate_cb (GtkApplication *application)
{
  GtkWidget *window = adw_application_window_new (application);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (page), "Cercle");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "system-users-symbolic");
  gtk_widget_set_vexpand (page, TRUE);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 740);

  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = NULL;

  started = g_get_monotonic_time ();

  application = adw_application_new ("io.github.cercle.BenchWindow", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "activate", G_CALLBACK (on_activate_cb), NULL);

  return g_application_run (G_APPLICATION (application), argc, argv);
}
