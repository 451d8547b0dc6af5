/* test-icons.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "cercle-application.h"

#define ICONS_PATH "/io/github/cercle/Cercle/icons/scalable/apps/"

/* The program carries its icons: run from the build tree, where nothing is
 * installed, the About window still has one to show. */
static void
test_icons_in_resources (void)
{
  const char *paths[] = {
    ICONS_PATH APPLICATION_ID ".svg",
    ICONS_PATH APPLICATION_ID "-symbolic.svg",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      gsize size = 0;

      g_assert_true (g_resources_get_info (paths[i], G_RESOURCE_LOOKUP_FLAGS_NONE,
                                           &size, NULL, NULL));
      g_assert_cmpuint (size, >, 0);
    }
}

/* GtkApplication puts the resource base path's icons on the icon theme's
 * search path at start-up: the app's icon is found by name. */
static void
test_icon_theme_finds_the_icon (void)
{
  g_autoptr(CercleApplication) app = cercle_application_new ();
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GError) error = NULL;
  GtkIconTheme *theme;

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_assert_true (gtk_icon_theme_has_icon (theme, APPLICATION_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, APPLICATION_ID "-symbolic"));

  icon = gtk_icon_theme_lookup_icon (theme, APPLICATION_ID, NULL, 128, 1, GTK_TEXT_DIR_NONE, 0);
  g_assert_cmpstr (gtk_icon_paintable_get_icon_name (icon), ==, APPLICATION_ID);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  /* As in test-window.c: a private session bus, no accessibility bus and
   * no settings portal, so that nothing outlives the test on the display. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/cercle/app/icons/in-resources", test_icons_in_resources);
  g_test_add_func ("/cercle/app/icons/icon-theme", test_icon_theme_finds_the_icon);

  return g_test_run ();
}
