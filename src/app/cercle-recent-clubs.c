/* cercle-recent-clubs.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-recent-clubs"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-recent-clubs.h"

/* The clubs opened lately, newest first, kept in GSettings as (path, club
 * name) pairs: the name is remembered so that the menu needs no database
 * opened to label an item. A file that has gone is left out of the menu and
 * dropped the next time the list is written. */

#define RECENT_KEY "recent-clubs"

static gboolean
is_club_file (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/**
 * cercle_recent_clubs_add:
 * @settings: (nullable): the app's settings; nothing is kept without them
 *
 * Puts @path at the head of the recent clubs, once, and forgets the oldest
 * ones beyond %CERCLE_RECENT_CLUBS_MAX and those whose file has gone.
 */
void
cercle_recent_clubs_add (GSettings  *settings,
                         const char *path,
                         const char *club_name)
{
  g_autoptr(GVariant) old = NULL;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(ss)"));
  GVariantIter iter;
  const char *old_path;
  const char *old_name;
  guint n = 1;

  g_return_if_fail (!settings || G_IS_SETTINGS (settings));
  g_return_if_fail (path != NULL);

  if (settings == NULL)
    return;

  g_variant_builder_add (&builder, "(ss)", path, club_name ? club_name : "");

  old = g_settings_get_value (settings, RECENT_KEY);
  g_variant_iter_init (&iter, old);
  while (n < CERCLE_RECENT_CLUBS_MAX && g_variant_iter_next (&iter, "(&s&s)", &old_path, &old_name))
    {
      if (g_str_equal (old_path, path) || !is_club_file (old_path))
        continue;

      g_variant_builder_add (&builder, "(ss)", old_path, old_name);
      n++;
    }

  g_settings_set_value (settings, RECENT_KEY, g_variant_builder_end (&builder));
}

/**
 * cercle_recent_clubs_dup_paths:
 *
 * Returns: (transfer full) (element-type utf8): the paths of the recent
 *   clubs whose file is still there, newest first
 */
GPtrArray *
cercle_recent_clubs_dup_paths (GSettings *settings)
{
  g_autoptr(GVariant) recent = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  GVariantIter iter;
  const char *path;
  const char *name;

  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), paths);

  if (settings == NULL)
    return paths;

  recent = g_settings_get_value (settings, RECENT_KEY);
  g_variant_iter_init (&iter, recent);
  while (g_variant_iter_next (&iter, "(&s&s)", &path, &name))
    if (is_club_file (path))
      g_ptr_array_add (paths, g_strdup (path));

  return paths;
}

/**
 * cercle_recent_clubs_dup_name:
 *
 * Returns: (transfer full): the name remembered for the club in @path,
 *   or its file's name
 */
char *
cercle_recent_clubs_dup_name (GSettings  *settings,
                              const char *path)
{
  g_autoptr(GVariant) recent = NULL;
  GVariantIter iter;
  const char *old_path;
  const char *name;

  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (settings != NULL)
    {
      recent = g_settings_get_value (settings, RECENT_KEY);
      g_variant_iter_init (&iter, recent);
      while (g_variant_iter_next (&iter, "(&s&s)", &old_path, &name))
        if (g_str_equal (old_path, path) && *name != '\0')
          return g_strdup (name);
    }

  return g_filename_display_basename (path);
}

static void
fill_menu (GMenu     *menu,
           GSettings *settings)
{
  g_autoptr(GVariant) recent = g_settings_get_value (settings, RECENT_KEY);
  GVariantIter iter;
  const char *path;
  const char *name;

  g_menu_remove_all (menu);

  g_variant_iter_init (&iter, recent);
  while (g_variant_iter_next (&iter, "(&s&s)", &path, &name))
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;
      g_auto(GStrv) parts = NULL;
      g_autofree char *escaped = NULL;

      if (!is_club_file (path))
        continue;

      if (*name != '\0')
        label = g_strdup (name);
      else
        label = g_filename_display_basename (path);

      /* An underscore in a club's name is not a mnemonic */
      parts = g_strsplit (label, "_", -1);
      escaped = g_strjoinv ("__", parts);
      item = g_menu_item_new (escaped, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open-database",
                                               g_variant_new_bytestring (path));
      g_menu_append_item (menu, item);
    }
}

static void
on_recent_changed_cb (GSettings  *settings,
                      const char *key,
                      GMenu      *menu)
{
  fill_menu (menu, settings);
}

/**
 * cercle_recent_clubs_menu_new:
 * @settings: (nullable): the app's settings
 *
 * Returns: (transfer full): a menu of the recent clubs, each opening its club
 *   with app.open-database, that follows the list as it changes
 */
GMenuModel *
cercle_recent_clubs_menu_new (GSettings *settings)
{
  GMenu *menu = g_menu_new ();

  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), G_MENU_MODEL (menu));

  if (settings == NULL)
    return G_MENU_MODEL (menu);

  fill_menu (menu, settings);
  g_signal_connect_object (settings, "changed::" RECENT_KEY,
                           G_CALLBACK (on_recent_changed_cb), menu, 0);

  return G_MENU_MODEL (menu);
}
