/* cercle-print-text.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-print-text"

#include "config.h"

#include "cercle-print-private.h"

/* How small a one-line text may get before it wraps instead: a name at
 * 70 % of its size on one line reads better than on two, and below that
 * two lines read better. */
#define WRAP_RATIO 0.7

/* Each try at a smaller size shrinks by this much */
#define SHRINK_STEP 0.94

/* Makes the pango context in the drawing thread (again, when a document
 * moves to another thread). Text is laid out without hinting, so that it
 * takes the same room on a PDF page, in a print preview and on paper.
 * Returns whether the context is new, so that layouts must be remade. */
gboolean
cercle_text_context_ensure (CercleTextContext *self,
                            cairo_t           *cr)
{
  cairo_font_options_t *options;
  PangoFontMap *font_map;

  if (self->context != NULL && self->thread == g_thread_self ())
    {
      if (cr != NULL)
        pango_cairo_update_context (cr, self->context);
      return FALSE;
    }

  g_clear_object (&self->context);

  font_map = pango_cairo_font_map_get_default ();
  self->context = pango_font_map_create_context (font_map);
  self->thread = g_thread_self ();

  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);

  /* sizes are given in user units, which are points */
  pango_cairo_context_set_resolution (self->context, 72.0);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  if (cr != NULL)
    pango_cairo_update_context (cr, self->context);

  return TRUE;
}

void
cercle_text_context_clear (CercleTextContext *self)
{
  g_clear_object (&self->context);
  self->thread = NULL;
}

void
cercle_text_style_init (CercleTextStyle *style,
                        PangoContext    *context,
                        const char      *font,
                        double           max_size,
                        double           min_size,
                        int              max_lines,
                        PangoAlignment   alignment)
{
  cercle_text_style_clear (style);

  style->layout = pango_layout_new (context);
  style->font = pango_font_description_from_string (font);
  style->max_size = max_size;
  style->min_size = min_size;
  style->max_lines = MAX (max_lines, 1);
  style->alignment = alignment;
  pango_layout_set_alignment (style->layout, alignment);
}

void
cercle_text_style_clear (CercleTextStyle *style)
{
  g_clear_object (&style->layout);
  g_clear_pointer (&style->font, pango_font_description_free);
}

static void
set_size (CercleTextStyle *style,
          double           size)
{
  pango_font_description_set_absolute_size (style->font, size * PANGO_SCALE);
  pango_layout_set_font_description (style->layout, style->font);
}

static gboolean
fits (CercleTextStyle *style,
      int              width,
      int              height)
{
  PangoRectangle logical;

  pango_layout_get_extents (style->layout, NULL, &logical);

  return logical.width <= width && logical.height <= height &&
         pango_layout_get_line_count (style->layout) <= style->max_lines;
}

/**
 * cercle_text_fit:
 *
 * Lays @text out in @style's layout to fit a box of @width × @height
 * points: at the largest size that fits on one line, down to 70 % of the
 * style's size; else wrapped on up to max_lines lines, down to the style's
 * smallest size; else at that size, cut with an ellipsis. The layout is
 * never wider or taller than the box.
 *
 * Returns: the font size used, in points
 */
double
cercle_text_fit (CercleTextStyle *style,
                 const char      *text,
                 double           width,
                 double           height)
{
  int box_width = (int) (width * PANGO_SCALE);
  int box_height = (int) (height * PANGO_SCALE);
  double one_line_min;
  double size = style->max_size;
  PangoRectangle logical;

  pango_layout_set_text (style->layout, text, -1);
  pango_layout_set_ellipsize (style->layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height (style->layout, -1);
  pango_layout_set_width (style->layout, -1);
  set_size (style, size);

  pango_layout_get_extents (style->layout, NULL, &logical);

  /* Text width grows in proportion to its size when unhinted: one layout
   * gives the size that fits on one line, and one more checks it. */
  one_line_min = style->max_lines > 1 ? MAX (style->min_size, style->max_size * WRAP_RATIO)
                                      : style->min_size;
  if (logical.width > box_width && logical.width > 0)
    size = MIN (size, style->max_size * box_width / logical.width);

  for (guint attempt = 0; size >= one_line_min && attempt < 4; attempt++)
    {
      set_size (style, size);
      pango_layout_get_extents (style->layout, NULL, &logical);
      if (logical.width <= box_width && logical.height <= box_height)
        {
          /* set the width now, for the alignment: it fits, so it stays one line */
          pango_layout_set_width (style->layout, box_width);
          return size;
        }
      size *= 0.98;
    }

  /* Wrapping, from the full size down: two lines of a big name rather
   * than one line of a tiny one */
  pango_layout_set_width (style->layout, box_width);
  pango_layout_set_wrap (style->layout, PANGO_WRAP_WORD_CHAR);

  if (style->max_lines > 1)
    {
      for (size = style->max_size; size >= style->min_size; size *= SHRINK_STEP)
        {
          set_size (style, size);
          if (fits (style, box_width, box_height))
            return size;
        }
    }

  /* Still too long at the smallest size: cut it, on the last line that fits */
  size = style->min_size;
  set_size (style, size);
  pango_layout_set_ellipsize (style->layout, PANGO_ELLIPSIZE_END);
  for (int lines = style->max_lines; lines >= 1; lines--)
    {
      pango_layout_set_height (style->layout, -lines);
      pango_layout_get_extents (style->layout, NULL, &logical);
      if (logical.height <= box_height)
        break;
    }

  return size;
}

/* The size of the text as laid out, in points */
void
cercle_text_get_size (CercleTextStyle *style,
                      double          *width,
                      double          *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (style->layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

/* Where the ink of the text would fall if shown at @x, @y */
void
cercle_text_get_ink_rect (CercleTextStyle   *style,
                          double             x,
                          double             y,
                          cairo_rectangle_t *ink)
{
  PangoRectangle ink_rect;

  pango_layout_get_extents (style->layout, &ink_rect, NULL);
  ink->x = x + (double) ink_rect.x / PANGO_SCALE;
  ink->y = y + (double) ink_rect.y / PANGO_SCALE;
  ink->width = (double) ink_rect.width / PANGO_SCALE;
  ink->height = (double) ink_rect.height / PANGO_SCALE;
}

void
cercle_text_show (CercleTextStyle *style,
                  cairo_t         *cr,
                  double           x,
                  double           y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, style->layout);
}
