/* cercle-club-logo.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-club-logo"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cercle-club-logo.h"
#include "cercle-core.h"
#include "cercle-print.h"

/* A club's logo lives in the club's database, as a member's photo does,
 * so that every copy prints badges offline: a PNG (logos have flat
 * colours and transparency, which JPEG blurs and drops) of at most
 * CERCLE_CLUB_LOGO_SIZE pixels a side, as a data: URI. Pictures are read
 * with gdk-pixbuf in a worker thread; what is stored is read back with
 * cairo alone (cercle_logo_from_data_uri()), as the badges are drawn. */

/* The most a picture file may weigh before it is even read */
#define MAX_FILE_BYTES (40 * 1024 * 1024)

#define DATA_PREFIX "data:image/png;base64,"

/**
 * cercle_club_logo_to_paintable:
 * @data_uri: (nullable): a club's logo field
 *
 * Returns: (transfer full) (nullable): the logo, or %NULL when there is
 *   none or it is not one Cercle reads
 */
GdkPaintable *
cercle_club_logo_to_paintable (const char *data_uri)
{
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *checked;
  guchar *data;
  gsize length = 0;

  /* The same checks as for printing, so the preview never shows a logo
   * the badges would not print */
  if (!(checked = cercle_logo_from_data_uri (data_uri, CERCLE_CLUB_LOGO_MAX_BYTES)))
    return NULL;
  cairo_surface_destroy (checked);

  data = g_base64_decode (data_uri + strlen (DATA_PREFIX), &length);
  bytes = g_bytes_new_take (data, length);

  return (GdkPaintable *)gdk_texture_new_from_bytes (bytes, NULL);
}

/* @pixbuf as a PNG data: URI, or %NULL when it weighs more than a logo may */
static char *
encode (GdkPixbuf  *pixbuf,
        GError    **error)
{
  g_autofree char *png = NULL;
  g_autofree char *base64 = NULL;
  gsize length = 0;

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &png, &length, "png", error, "compression", "9", NULL))
    return NULL;

  if (strlen (DATA_PREFIX) + (length + 2) / 3 * 4 > CERCLE_CLUB_LOGO_MAX_BYTES)
    return NULL;

  base64 = g_base64_encode ((const guchar *)png, length);

  return g_strconcat (DATA_PREFIX, base64, NULL);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *encoded = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &error);
  if (info != NULL && g_file_info_get_size (info) > MAX_FILE_BYTES)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("This picture is too big: choose one under 40 MB."));
      return;
    }

  if (info == NULL || !(input = g_file_read (file, cancellable, &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("This file cannot be read."));
      return;
    }

  loaded = gdk_pixbuf_new_from_stream_at_scale (G_INPUT_STREAM (input),
                                                CERCLE_CLUB_LOGO_SIZE, CERCLE_CLUB_LOGO_SIZE,
                                                TRUE, cancellable, &error);
  if (loaded == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                 _("This file is not a picture Cercle can read."));
      return;
    }

  oriented = gdk_pixbuf_apply_embedded_orientation (loaded);

  /* A detailed picture may not fit at full size: halve it until it does */
  for (int side = CERCLE_CLUB_LOGO_SIZE; side >= 64 && encoded == NULL; side /= 2)
    {
      int width = gdk_pixbuf_get_width (oriented);
      int height = gdk_pixbuf_get_height (oriented);
      double scale = MIN (1.0, (double)side / MAX (width, height));
      g_autoptr(GdkPixbuf) scaled = NULL;

      scaled = gdk_pixbuf_scale_simple (oriented, MAX (1, (int)(width * scale)),
                                        MAX (1, (int)(height * scale)), GDK_INTERP_HYPER);
      encoded = encode (scaled, &error);
      if (error != NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  if (encoded == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("This picture cannot be made small enough to keep."));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&encoded), g_free);
}

/**
 * cercle_club_logo_load_async:
 *
 * Reads a picture file and makes a club's logo of it: a PNG data: URI of
 * at most %CERCLE_CLUB_LOGO_SIZE pixels a side and
 * %CERCLE_CLUB_LOGO_MAX_BYTES.
 */
void
cercle_club_logo_load_async (GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cercle_club_logo_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

/**
 * cercle_club_logo_load_finish:
 *
 * Returns: (transfer full): the logo as a data: URI, or %NULL with
 *   @error set to a sentence for the user
 */
char *
cercle_club_logo_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
