/* cercle-message-bubble.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-message-bubble"

#include "config.h"

#include "cercle-message-bubble.h"

/* One message of a thread: its text, wrapped, and the time it was sent
 * under it, drawn by one widget from two Pango layouts.
 *
 * Shaping text is what a thread's frames cost (a GtkLabel shapes its text
 * again for each width it is asked about: its minimum, its natural width,
 * its height for the width it gets). A bubble shapes its text once, wrapped
 * at its widest (MAX_CHARS), and answers every question from that: its
 * natural width is its widest line, and at any width between that and
 * MAX_CHARS the words break at the same places, so its height is the same.
 * Only a bubble narrower than its text (a narrow window) shapes it a second
 * time, at that width, once. */

struct _CercleMessageBubble
{
  GtkWidget    parent_instance;

  char        *text;
  char        *when;

  /* What the layouts were made with: a change of font makes them again */
  guint        context_serial;
  /* The text wrapped at MAX_CHARS, and its size */
  PangoLayout *text_layout;
  int          text_width;
  int          text_height;
  int          text_x;
  /* The text wrapped narrower than its widest line, at narrow_width */
  PangoLayout *narrow_layout;
  int          narrow_width;
  int          narrow_height;
  PangoLayout *when_layout;
  int          when_width;
  int          when_height;
  int          min_width;
};

G_DEFINE_FINAL_TYPE (CercleMessageBubble, cercle_message_bubble, GTK_TYPE_WIDGET)

/* As wide as a comfortable line of reading, as the label was */
#define MAX_CHARS 50
/* Narrower than this, a bubble wraps every word */
#define MIN_CHARS 8
/* Between the text and its time */
#define SPACING 2
/* The time is a caption, dimmed as a dim-label is */
#define WHEN_SCALE 0.83
#define WHEN_ALPHA 0.7

static void
clear_layouts (CercleMessageBubble *self)
{
  g_clear_object (&self->text_layout);
  g_clear_object (&self->narrow_layout);
  g_clear_object (&self->when_layout);
  self->narrow_width = -1;
}

/* A character's width in @context's font: rows share a few fonts, and
 * Pango's metrics shape a sample text each time they are asked for */
static int
char_width (PangoContext *context)
{
  static GHashTable *widths;
  const PangoFontDescription *font = pango_context_get_font_description (context);
  gpointer width;

  if (widths == NULL)
    widths = g_hash_table_new_full ((GHashFunc)pango_font_description_hash,
                                    (GEqualFunc)pango_font_description_equal,
                                    (GDestroyNotify)pango_font_description_free, NULL);

  if (!g_hash_table_lookup_extended (widths, font, NULL, &width))
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, font, NULL);

      width = GINT_TO_POINTER (MAX (pango_font_metrics_get_approximate_char_width (metrics), PANGO_SCALE));
      pango_font_metrics_unref (metrics);
      g_hash_table_insert (widths, pango_font_description_copy (font), width);
    }

  return GPOINTER_TO_INT (width);
}

static void
ensure_layouts (CercleMessageBubble *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoRectangle logical;
  int unit;

  if (self->text_layout != NULL && self->context_serial == pango_context_get_serial (context))
    return;

  clear_layouts (self);
  self->context_serial = pango_context_get_serial (context);
  unit = char_width (context);

  self->text_layout = pango_layout_new (context);
  pango_layout_set_wrap (self->text_layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (self->text_layout, MAX_CHARS * unit);
  pango_layout_set_text (self->text_layout, self->text != NULL ? self->text : "", -1);
  pango_layout_get_pixel_extents (self->text_layout, NULL, &logical);
  /* A right-to-left text stands at the right of the wrapping width */
  self->text_x = logical.x;
  self->text_width = logical.width;
  self->text_height = logical.height;

  {
    g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

    pango_attr_list_insert (attributes, pango_attr_scale_new (WHEN_SCALE));
    self->when_layout = pango_layout_new (context);
    pango_layout_set_attributes (self->when_layout, attributes);
    pango_layout_set_text (self->when_layout, self->when != NULL ? self->when : "", -1);
    pango_layout_get_pixel_size (self->when_layout, &self->when_width, &self->when_height);
  }

  self->min_width = MAX (self->when_width, PANGO_PIXELS_CEIL (MIN_CHARS * unit));
}

/* The text's layout at @width (its natural width when -1), and its height */
static PangoLayout *
text_layout_at (CercleMessageBubble *self,
                int                  width,
                int                 *height)
{
  ensure_layouts (self);

  if (width < 0 || width >= self->text_width)
    {
      *height = self->text_height;
      return self->text_layout;
    }

  if (self->narrow_layout == NULL || self->narrow_width != width)
    {
      g_clear_object (&self->narrow_layout);
      self->narrow_layout = pango_layout_copy (self->text_layout);
      pango_layout_set_width (self->narrow_layout, width * PANGO_SCALE);
      pango_layout_get_pixel_size (self->narrow_layout, NULL, &self->narrow_height);
      self->narrow_width = width;
    }

  *height = self->narrow_height;
  return self->narrow_layout;
}

static GtkSizeRequestMode
cercle_message_bubble_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cercle_message_bubble_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  CercleMessageBubble *self = CERCLE_MESSAGE_BUBBLE (widget);

  ensure_layouts (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *natural = MAX (self->text_width, self->when_width);
      *minimum = MIN (*natural, self->min_width);
    }
  else
    {
      int text_height;

      text_layout_at (self, for_size, &text_height);
      *minimum = *natural = text_height + SPACING + self->when_height;
    }
}

static void
cercle_message_bubble_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  CercleMessageBubble *self = CERCLE_MESSAGE_BUBBLE (widget);
  int width = gtk_widget_get_width (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  PangoLayout *layout;
  GdkRGBA color, dim;
  int text_height, x = 0;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  dim = color;
  dim.alpha *= WHEN_ALPHA;

  layout = text_layout_at (self, width, &text_height);
  if (layout == self->text_layout)
    x = -self->text_x;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, 0));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rtl ? 0 : width - self->when_width,
                                                         text_height + SPACING));
  gtk_snapshot_append_layout (snapshot, self->when_layout, &dim);
  gtk_snapshot_restore (snapshot);
}

static void
cercle_message_bubble_finalize (GObject *object)
{
  CercleMessageBubble *self = CERCLE_MESSAGE_BUBBLE (object);

  clear_layouts (self);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->when, g_free);

  G_OBJECT_CLASS (cercle_message_bubble_parent_class)->finalize (object);
}

static void
cercle_message_bubble_class_init (CercleMessageBubbleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cercle_message_bubble_finalize;

  widget_class->get_request_mode = cercle_message_bubble_get_request_mode;
  widget_class->measure = cercle_message_bubble_measure;
  widget_class->snapshot = cercle_message_bubble_snapshot;

  gtk_widget_class_set_css_name (widget_class, "messagebubble");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
cercle_message_bubble_init (CercleMessageBubble *self)
{
  self->narrow_width = -1;
}

GtkWidget *
cercle_message_bubble_new (void)
{
  return g_object_new (CERCLE_TYPE_MESSAGE_BUBBLE, NULL);
}

/**
 * cercle_message_bubble_set:
 * @text: the message
 * @when: when it was sent, as the user reads it
 *
 * Shows another message: a row of a list view takes the next one.
 */
void
cercle_message_bubble_set (CercleMessageBubble *self,
                           const char          *text,
                           const char          *when)
{
  g_return_if_fail (CERCLE_IS_MESSAGE_BUBBLE (self));

  if (g_strcmp0 (self->text, text) == 0 && g_strcmp0 (self->when, when) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_free (self->when);
  self->when = g_strdup (when);
  clear_layouts (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
cercle_message_bubble_get_text (CercleMessageBubble *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE_BUBBLE (self), NULL);

  return self->text;
}

const char *
cercle_message_bubble_get_when (CercleMessageBubble *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE_BUBBLE (self), NULL);

  return self->when;
}
