/* cercle-logo.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-logo"

#include "config.h"

#include <string.h>

#include "cercle-logo.h"

/* A club's logo comes from the club's database, so from its server: any
 * staff member's copy may have put anything there. It is read only when
 * it is a PNG of sane size, checked before cairo allocates its pixels: a
 * few KiB of PNG can claim a picture of gigabytes. */

#define DATA_PREFIX "data:image/png;base64,"

static const guchar png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

typedef struct {
  const guchar *data;
  gsize length;
  gsize offset;
} Reader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *buffer,
          unsigned int   length)
{
  Reader *reader = closure;

  if (length > reader->length - reader->offset)
    return CAIRO_STATUS_READ_ERROR;

  memcpy (buffer, reader->data + reader->offset, length);
  reader->offset += length;

  return CAIRO_STATUS_SUCCESS;
}

static guint32
read_be32 (const guchar *bytes)
{
  return (guint32)bytes[0] << 24 | (guint32)bytes[1] << 16 | (guint32)bytes[2] << 8 | bytes[3];
}

/* Whether @data starts as a PNG whose header (IHDR, the first chunk by
 * the standard) claims a picture Cercle is willing to read */
static gboolean
has_sane_png_header (const guchar *data,
                     gsize         length)
{
  guint32 width, height;

  if (length < 8 + 8 + 13 || memcmp (data, png_signature, sizeof png_signature) != 0 ||
      read_be32 (data + 8) != 13 || memcmp (data + 12, "IHDR", 4) != 0)
    return FALSE;

  width = read_be32 (data + 16);
  height = read_be32 (data + 20);

  return width > 0 && height > 0 && width <= CERCLE_LOGO_MAX_SIDE && height <= CERCLE_LOGO_MAX_SIDE;
}

/**
 * cercle_logo_from_data_uri:
 * @data_uri: (nullable): a club's logo field
 * @max_bytes: the most the field may weigh, as text
 *
 * Returns: (transfer full) (nullable): the logo as an image surface, or
 *   %NULL when there is none or it is not a PNG Cercle reads
 */
cairo_surface_t *
cercle_logo_from_data_uri (const char *data_uri,
                           gsize       max_bytes)
{
  g_autofree guchar *png = NULL;
  cairo_surface_t *surface;
  Reader reader = { NULL, 0, 0 };

  if (data_uri == NULL || !g_str_has_prefix (data_uri, DATA_PREFIX) ||
      strlen (data_uri) > max_bytes)
    return NULL;

  png = g_base64_decode (data_uri + strlen (DATA_PREFIX), &reader.length);
  reader.data = png;
  if (png == NULL || !has_sane_png_header (png, reader.length))
    return NULL;

  surface = cairo_image_surface_create_from_png_stream (read_png, &reader);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  return surface;
}
