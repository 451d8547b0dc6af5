/* cercle-member-photo.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-member-photo"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cercle-core.h"
#include "cercle-member-photo.h"

/* A member's photo lives in the club's database, so that every member's
 * copy shows it offline: scaled to at most 256 pixels a side and saved
 * as a JPEG of a few tens of KiB, as a data: URI. Pictures are read with
 * gdk-pixbuf, in a worker thread: a photo straight off a camera is big. */

/* The most a picture file may weigh before it is even read */
#define MAX_FILE_BYTES (40 * 1024 * 1024)

#define DATA_PREFIX "data:image/jpeg;base64,"

/**
 * cercle_member_photo_to_paintable:
 * @data_uri: (nullable): a member's photo field
 *
 * Returns: (transfer full) (nullable): the picture, or %NULL when there is
 *   none or it cannot be read
 */
GdkPaintable *
cercle_member_photo_to_paintable (const char *data_uri)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *comma;
  guchar *data;
  gsize length = 0;

  if (data_uri == NULL || !g_str_has_prefix (data_uri, "data:image/") ||
      strlen (data_uri) > CERCLE_MEMBER_PHOTO_MAX_BYTES ||
      (comma = strstr (data_uri, ";base64,")) == NULL)
    return NULL;

  data = g_base64_decode (comma + strlen (";base64,"), &length);
  if (data == NULL || length == 0)
    {
      g_free (data);
      return NULL;
    }

  bytes = g_bytes_new_take (data, length);

  return (GdkPaintable *)gdk_texture_new_from_bytes (bytes, NULL);
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
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  loaded = gdk_pixbuf_new_from_stream_at_scale (G_INPUT_STREAM (input),
                                                CERCLE_MEMBER_PHOTO_SIZE, CERCLE_MEMBER_PHOTO_SIZE,
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

  /* As the camera held it, without the transparency JPEG cannot keep */
  oriented = gdk_pixbuf_apply_embedded_orientation (loaded);
  if (gdk_pixbuf_get_has_alpha (oriented))
    {
      g_autoptr(GdkPixbuf) flat = gdk_pixbuf_composite_color_simple (oriented,
                                                                     gdk_pixbuf_get_width (oriented),
                                                                     gdk_pixbuf_get_height (oriented),
                                                                     GDK_INTERP_BILINEAR, 255, 256,
                                                                     0xffffff, 0xffffff);

      g_set_object (&oriented, flat);
    }

  /* The smallest loss that fits */
  for (int quality = 90; quality >= 40 && encoded == NULL; quality -= 10)
    {
      g_autofree char *jpeg = NULL;
      g_autofree char *quality_text = g_strdup_printf ("%d", quality);
      gsize length = 0;

      if (!gdk_pixbuf_save_to_buffer (oriented, &jpeg, &length, "jpeg", &error,
                                      "quality", quality_text, NULL))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (strlen (DATA_PREFIX) + (length + 2) / 3 * 4 <= CERCLE_MEMBER_PHOTO_MAX_BYTES)
        {
          g_autofree char *base64 = g_base64_encode ((const guchar *)jpeg, length);

          encoded = g_strconcat (DATA_PREFIX, base64, NULL);
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
 * cercle_member_photo_load_async:
 *
 * Reads a picture file and makes a member's photo of it: at most
 * %CERCLE_MEMBER_PHOTO_SIZE pixels a side, a JPEG data: URI of at most
 * %CERCLE_MEMBER_PHOTO_MAX_BYTES.
 */
void
cercle_member_photo_load_async (GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cercle_member_photo_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

/**
 * cercle_member_photo_load_finish:
 *
 * Returns: (transfer full): the photo as a data: URI, or %NULL with
 *   @error set to a sentence for the user
 */
char *
cercle_member_photo_load_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
