/* cercle-qr.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-qr"

#include "config.h"

#include <string.h>

#include <qrencode.h>

#include "cercle-qr.h"

/* Modules of light margin around the code. The standard asks for 4; a
 * badge keeps more than that free of text around the code anyway, and 2
 * leave the modules bigger on a small card, which matters more to a phone
 * camera at arm's length. */
#define QUIET_ZONE 2

/**
 * cercle_qr_encode:
 * @text: the UTF-8 text to encode, as bytes
 *
 * Encodes @text with error correction level M, so that a crease or a
 * smudge on a badge still reads. Safe to call from any thread.
 *
 * Returns: (transfer full) (nullable): the code as a 1-bit image, one
 *   pixel per module, set where the module is dark; %NULL when @text is too
 *   long for a QR code
 */
cairo_surface_t *
cercle_qr_encode (const char *text)
{
  cairo_surface_t *mask;
  unsigned char *pixels;
  QRcode *code;
  int width;
  int stride;

  g_return_val_if_fail (text != NULL, NULL);

  code = QRcode_encodeData ((int) strlen (text), (const unsigned char *) text, 0, QR_ECLEVEL_M);
  if (code == NULL)
    return NULL;

  width = code->width;
  mask = cairo_image_surface_create (CAIRO_FORMAT_A1, width, width);
  stride = cairo_image_surface_get_stride (mask);
  pixels = cairo_image_surface_get_data (mask);
  cairo_surface_flush (mask);

  for (int row = 0; row < width; row++)
    {
      const unsigned char *data = code->data + row * width;
      guint32 *line = (guint32 *) (pixels + row * stride);

      for (int col = 0; col < width; col++)
        {
          /* the lowest bit of each byte says dark; A1 pixels are bits of
           * 32-bit words, the first pixel in the lowest bit on little endian */
          if (data[col] & 1)
            {
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
              line[col / 32] |= 1u << (col % 32);
#else
              line[col / 32] |= 1u << (31 - col % 32);
#endif
            }
        }
    }
  cairo_surface_mark_dirty (mask);
  QRcode_free (code);

  return mask;
}

/**
 * cercle_qr_paint:
 * @code: a code from cercle_qr_encode()
 * @size: the side of the square the code and its quiet zone fill
 *
 * Fills the dark modules of @code with the source of @cr. The code is laid
 * on the page as a stencil mask with nearest-neighbour scaling: exact
 * square modules at any resolution, and a few hundred bytes in a PDF.
 * Drawn as rectangles instead, even merged per run, a vCard's code is a
 * thousand path segments, and 1,000 badges were a 15 MB file that took
 * seven seconds to write.
 */
void
cercle_qr_paint (cairo_t         *cr,
                 cairo_surface_t *code,
                 double           x,
                 double           y,
                 double           size)
{
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  double module;
  int width;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (code != NULL);

  width = cairo_image_surface_get_width (code);
  module = size / (width + 2 * QUIET_ZONE);

  pattern = cairo_pattern_create_for_surface (code);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_NONE);
  /* pattern space is modules; user space is points */
  cairo_matrix_init_scale (&matrix, 1.0 / module, 1.0 / module);
  cairo_matrix_translate (&matrix, -(x + QUIET_ZONE * module), -(y + QUIET_ZONE * module));
  cairo_pattern_set_matrix (pattern, &matrix);

  cairo_mask (cr, pattern);

  cairo_pattern_destroy (pattern);
}

/**
 * cercle_qr_draw:
 * @cr: (nullable): where to draw, or %NULL to learn whether @text fits in
 *   a QR code
 *
 * Encodes and paints @text: see cercle_qr_encode() and cercle_qr_paint().
 *
 * Returns: %FALSE when @text is too long for a QR code
 */
gboolean
cercle_qr_draw (cairo_t    *cr,
                const char *text,
                double      x,
                double      y,
                double      size)
{
  cairo_surface_t *code;

  g_return_val_if_fail (text != NULL, FALSE);

  code = cercle_qr_encode (text);
  if (code == NULL)
    return FALSE;

  if (cr != NULL)
    cercle_qr_paint (cr, code, x, y, size);
  cairo_surface_destroy (code);

  return TRUE;
}
