/* cercle-window.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_WINDOW (cercle_window_get_type ())

G_DECLARE_FINAL_TYPE (CercleWindow, cercle_window, CERCLE, WINDOW, AdwApplicationWindow)

CercleWindow  *cercle_window_new             (GtkApplication *application,
                                              CercleContext  *context);
CercleContext *cercle_window_get_context     (CercleWindow   *self);
GCancellable  *cercle_window_get_cancellable (CercleWindow   *self);
void           cercle_window_show_page       (CercleWindow   *self,
                                              const char     *page_name);
void           cercle_window_show_error      (CercleWindow   *self,
                                              const char     *title,
                                              const char     *message,
                                              const char     *retry_path);

void           cercle_window_show_event   (CercleWindow   *self,
                                           const char     *event_id);

G_END_DECLS
