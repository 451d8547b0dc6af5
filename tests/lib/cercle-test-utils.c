/* cercle-test-utils.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cercle-test-utils.h"

/* A new empty folder under the temporary directory */
char *
cercle_test_make_dir (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("cercle-%s-XXXXXX", name);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);

  return dir;
}

/* Removes @path and everything in it */
void
cercle_test_remove_dir (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        cercle_test_remove_dir (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done(@data) or @seconds; returns whether
 * @done happened */
gboolean
cercle_test_wait_for (gboolean (*done) (gpointer data),
                      gpointer   data,
                      guint      seconds)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (seconds, on_timeout_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);

  return !timed_out;
}

void
cercle_test_drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A search's worker thread lets go of the store only just after its
 * result has reached the main loop: wait for it, then check that the
 * store goes. */
void
cercle_test_release_store (CercleStore *store)
{
  for (guint i = 0; store != NULL && G_OBJECT (store)->ref_count > 1 && i < 2000; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  if (store != NULL)
    g_assert_finalize_object (store);
}

gboolean
cercle_test_local_user_is_staff (CercleStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleViewer) viewer = cercle_store_dup_viewer (store, &error);

  g_assert_no_error (error);

  return viewer->is_staff;
}

/* The SHA-256 of a file's bytes, to prove it was left untouched */
char *
cercle_test_checksum_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}
