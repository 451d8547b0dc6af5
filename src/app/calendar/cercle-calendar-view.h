/* cercle-calendar-view.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_CALENDAR_VIEW (cercle_calendar_view_get_type ())

G_DECLARE_FINAL_TYPE (CercleCalendarView, cercle_calendar_view, CERCLE, CALENDAR_VIEW, GtkWidget)

CercleContext *cercle_calendar_view_get_context (CercleCalendarView *self);
void           cercle_calendar_view_set_context (CercleCalendarView *self,
                                                 CercleContext      *context);
void           cercle_calendar_view_show_event  (CercleCalendarView *self,
                                                 const char         *event_id);
void           cercle_calendar_view_show_day    (CercleCalendarView *self,
                                                 GDateTime          *day);

void           cercle_calendar_export_ics       (GtkWidget          *parent,
                                                 CercleStore        *store,
                                                 const char         *event_id,
                                                 const char         *suggested_name);

G_END_DECLS
