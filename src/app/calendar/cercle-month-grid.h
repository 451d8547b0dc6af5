/* cercle-month-grid.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-core.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_MONTH_GRID (cercle_month_grid_get_type ())

G_DECLARE_FINAL_TYPE (CercleMonthGrid, cercle_month_grid, CERCLE, MONTH_GRID, GtkWidget)

GtkWidget *cercle_month_grid_new           (void);
void       cercle_month_grid_set_events    (CercleMonthGrid *self,
                                            GListModel      *events);
void       cercle_month_grid_set_selected  (CercleMonthGrid *self,
                                            GDateTime       *day);
GDateTime *cercle_month_grid_get_selected  (CercleMonthGrid *self);
void       cercle_month_grid_get_range     (CercleMonthGrid *self,
                                            GDateTime      **first,
                                            GDateTime      **after_last);
void       cercle_month_grid_focus_selected (CercleMonthGrid *self);
void       cercle_month_grid_refresh       (CercleMonthGrid *self);

G_END_DECLS
