/* cercle-bar-chart.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CERCLE_TYPE_BAR_CHART (cercle_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (CercleBarChart, cercle_bar_chart, CERCLE, BAR_CHART, GtkWidget)

GtkWidget *cercle_bar_chart_new        (void);
void       cercle_bar_chart_set_values (CercleBarChart     *self,
                                        const gint64       *cents,
                                        const char * const *labels,
                                        guint               n_values);

G_END_DECLS
