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
 * cercle_qr_append_path:
 * @text: the UTF-8 text to encode, as bytes
 * @size: the side of the square the code and its quiet zone fill
 *
 * Encodes @text (error correction level M, so that a crease or a smudge on
 * a badge still reads) and appends its dark modules to the current path of
 * @cr, one rectangle per run of dark modules in a row: a code becomes a few
 * hundred rectangles instead of a few thousand squares, and one fill.
 *
 * Returns: %FALSE when @text is too long for a QR code
 */
gboolean
cercle_qr_append_path (cairo_t    *cr,
                       const char *text,
                       double      x,
                       double      y,
                       double      size)
{
  QRcode *code;
  double module;
  int width;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  code = QRcode_encodeData ((int) strlen (text), (const unsigned char *) text, 0, QR_ECLEVEL_M);
  if (code == NULL)
    return FALSE;

  width = code->width;
  module = size / (width + 2 * QUIET_ZONE);
  x += QUIET_ZONE * module;
  y += QUIET_ZONE * module;

  for (int row = 0; row < width; row++)
    {
      const unsigned char *data = code->data + row * width;
      int col = 0;

      while (col < width)
        {
          int start;

          /* the lowest bit of each byte says dark */
          while (col < width && !(data[col] & 1))
            col++;
          if (col == width)
            break;

          start = col;
          while (col < width && (data[col] & 1))
            col++;

          cairo_rectangle (cr, x + start * module, y + row * module,
                           (col - start) * module, module);
        }
    }

  QRcode_free (code);

  return TRUE;
}
