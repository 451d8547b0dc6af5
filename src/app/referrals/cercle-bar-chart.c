/* cercle-bar-chart.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-bar-chart"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "cercle-bar-chart.h"
#include "cercle-core.h"

/* Business closed, month by month, as bars drawn with GtkSnapshot. The
 * colours come from the theme: the accent for the bars and the text colour
 * for the axis and labels, so that the chart reads in the light and dark
 * styles; with high contrast the bars are outlined and the labels fully
 * opaque. Screen readers get every month's amount as the chart's label. */

#define LABEL_HEIGHT 22
#define VALUE_HEIGHT 20
#define MIN_VALUE_SLOT 46

struct _CercleBarChart
{
  GtkWidget  parent_instance;

  GArray    *cents;
  GPtrArray *labels;
};

G_DEFINE_FINAL_TYPE (CercleBarChart, cercle_bar_chart, GTK_TYPE_WIDGET)

/* "12 k€", "1,2 M€": what fits above a bar */
static char *
format_compact (gint64 cents)
{
  double euros = cents / 100.0;

  if (euros >= 1e6)
    /* Translators: millions of euros, in a chart */
    return g_strdup_printf (_("%.1f M€"), euros / 1e6);
  if (euros >= 1e4)
    /* Translators: thousands of euros, in a chart */
    return g_strdup_printf (_("%.0f k€"), euros / 1e3);
  if (euros >= 1e3)
    return g_strdup_printf (_("%.1f k€"), euros / 1e3);

  /* Translators: euros, in a chart */
  return g_strdup_printf (_("%.0f €"), euros);
}

static gboolean
high_contrast (void)
{
  return adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
}

static void
draw_text (GtkWidget      *widget,
           GtkSnapshot    *snapshot,
           const char     *text,
           float           center_x,
           float           top,
           float           max_width,
           const GdkRGBA  *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_set_width (layout, (int)(max_width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, &width, &height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (center_x - max_width / 2, top));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static int
text_width (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static void
cercle_bar_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CercleBarChart *self = CERCLE_BAR_CHART (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  gboolean contrast = high_contrast ();
  GdkRGBA fg, bar, axis, dim;
  gint64 max = 0;
  float slot, plot_top, plot_bottom;
  guint n = self->cents->len;
  float widest = 0;
  guint label_step;

  if (n == 0 || width <= 0 || height <= LABEL_HEIGHT + VALUE_HEIGHT)
    return;

  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_bg_color", &bar))
    bar = fg;
  axis = fg;
  axis.alpha = contrast ? 1.0 : 0.35;
  dim = fg;
  dim.alpha = contrast ? 1.0 : 0.7;

  for (guint i = 0; i < n; i++)
    max = MAX (max, g_array_index (self->cents, gint64, i));

  slot = width / n;
  plot_top = VALUE_HEIGHT;
  plot_bottom = height - LABEL_HEIGHT;

  /* The axis */
  gtk_snapshot_append_color (snapshot, &axis,
                             &GRAPHENE_RECT_INIT (0, plot_bottom, width, contrast ? 2 : 1));

  /* On a narrow window, every other month's name, whole, reads better
   * than twelve names cut to "ja…" and "fé…" */
  for (guint i = 0; i < self->labels->len; i++)
    widest = MAX (widest, text_width (widget, g_ptr_array_index (self->labels, i)) + 4);
  label_step = slot > 0 ? MAX (1, (guint)ceilf (widest / slot)) : 1;

  for (guint i = 0; i < n; i++)
    {
      gint64 value = g_array_index (self->cents, gint64, i);
      float bar_width = MAX (4, MIN (slot * 0.62f, 56));
      float bar_height = max > 0 ? (float)((double)value / max * (plot_bottom - plot_top)) : 0;
      float x = slot * i + (slot - bar_width) / 2;
      float center = slot * i + slot / 2;

      if (value > 0)
        {
          GskRoundedRect rounded;

          bar_height = MAX (bar_height, 2);
          gsk_rounded_rect_init (&rounded,
                                 &GRAPHENE_RECT_INIT (x, plot_bottom - bar_height, bar_width, bar_height),
                                 &GRAPHENE_SIZE_INIT (4, 4), &GRAPHENE_SIZE_INIT (4, 4),
                                 &GRAPHENE_SIZE_INIT (0, 0), &GRAPHENE_SIZE_INIT (0, 0));
          gtk_snapshot_push_rounded_clip (snapshot, &rounded);
          gtk_snapshot_append_color (snapshot, &bar, &rounded.bounds);
          gtk_snapshot_pop (snapshot);

          if (contrast)
            {
              const float widths[4] = { 2, 2, 2, 2 };
              const GdkRGBA colors[4] = { fg, fg, fg, fg };

              gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
            }

          if (slot >= MIN_VALUE_SLOT)
            {
              g_autofree char *text = format_compact (value);

              draw_text (widget, snapshot, text, center, plot_bottom - bar_height - VALUE_HEIGHT + 2, slot, &fg);
            }
        }

      if (i < self->labels->len && i % label_step == 0)
        draw_text (widget, snapshot, g_ptr_array_index (self->labels, i), center, plot_bottom + 4,
                   slot * label_step, &dim);
    }
}

static void
cercle_bar_chart_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 12 * 20;
      *natural = 12 * 60;
    }
  else
    {
      *minimum = 160;
      *natural = 220;
    }
}

static void
cercle_bar_chart_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cercle_bar_chart_parent_class)->css_changed (widget, change);

  /* Dark, light or high contrast: the colours are the theme's */
  gtk_widget_queue_draw (widget);
}

static void
cercle_bar_chart_finalize (GObject *object)
{
  CercleBarChart *self = (CercleBarChart *) object;

  g_clear_pointer (&self->cents, g_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);

  G_OBJECT_CLASS (cercle_bar_chart_parent_class)->finalize (object);
}

static void
cercle_bar_chart_class_init (CercleBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cercle_bar_chart_finalize;
  widget_class->snapshot = cercle_bar_chart_snapshot;
  widget_class->measure = cercle_bar_chart_measure;
  widget_class->css_changed = cercle_bar_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
on_high_contrast_cb (AdwStyleManager *manager,
                     GParamSpec      *pspec,
                     CercleBarChart  *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cercle_bar_chart_init (CercleBarChart *self)
{
  self->cents = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->labels = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (on_high_contrast_cb), self, 0);
}

GtkWidget *
cercle_bar_chart_new (void)
{
  return g_object_new (CERCLE_TYPE_BAR_CHART, NULL);
}

/**
 * cercle_bar_chart_set_values:
 * @cents: (array length=n_values): an amount of money per bar
 * @labels: (array length=n_values): what each bar is, such as a month
 */
void
cercle_bar_chart_set_values (CercleBarChart     *self,
                             const gint64       *cents,
                             const char * const *labels,
                             guint               n_values)
{
  g_autoptr(GString) spoken = g_string_new (NULL);

  g_return_if_fail (CERCLE_IS_BAR_CHART (self));

  g_array_set_size (self->cents, 0);
  g_array_append_vals (self->cents, cents, n_values);
  g_ptr_array_set_size (self->labels, 0);
  for (guint i = 0; i < n_values; i++)
    {
      g_autofree char *money = cercle_format_money (cents[i]);

      g_ptr_array_add (self->labels, g_strdup (labels[i]));
      if (spoken->len > 0)
        g_string_append (spoken, ", ");
      /* Translators: one bar of the chart, for screen readers: a month and
       * the business closed in it */
      g_string_append_printf (spoken, _("%s: %s"), labels[i], money);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, spoken->str,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
