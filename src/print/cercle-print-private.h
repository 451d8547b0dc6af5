/* cercle-print-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define CERCLE_MM (72.0 / 25.4)

/* One kind of text on a page (a badge's first name, a sheet's company
 * column): its font and the layout it is set in, kept from one badge to
 * the next so that fonts are looked up once per document. */
typedef struct
{
  PangoLayout          *layout;
  PangoFontDescription *font;
  double                max_size;
  double                min_size;
  int                   max_lines;
  PangoAlignment        alignment;
} CercleTextStyle;

/* The pango side of a document, made in the thread that draws it: each
 * thread has its own font map. */
typedef struct
{
  GThread      *thread;
  PangoContext *context;
} CercleTextContext;

gboolean      cercle_text_context_ensure  (CercleTextContext *self,
                                           cairo_t           *cr);
void          cercle_text_context_clear   (CercleTextContext *self);

void          cercle_text_style_init      (CercleTextStyle   *style,
                                           PangoContext      *context,
                                           const char        *font,
                                           double             max_size,
                                           double             min_size,
                                           int                max_lines,
                                           PangoAlignment     alignment);
void          cercle_text_style_clear     (CercleTextStyle   *style);

double        cercle_text_fit             (CercleTextStyle   *style,
                                           const char        *text,
                                           double             width,
                                           double             height);
void          cercle_text_get_size        (CercleTextStyle   *style,
                                           double            *width,
                                           double            *height);
void          cercle_text_get_ink_rect    (CercleTextStyle   *style,
                                           double             x,
                                           double             y,
                                           cairo_rectangle_t *ink);
void          cercle_text_show            (CercleTextStyle   *style,
                                           cairo_t           *cr,
                                           double             x,
                                           double             y);

G_END_DECLS
