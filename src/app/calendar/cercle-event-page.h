/* cercle-event-page.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_EVENT_PAGE (cercle_event_page_get_type ())

G_DECLARE_FINAL_TYPE (CercleEventPage, cercle_event_page, CERCLE, EVENT_PAGE, GtkWidget)

void        cercle_event_page_set_event    (CercleEventPage *self,
                                            CercleContext   *context,
                                            const char      *event_id);
const char *cercle_event_page_get_event_id (CercleEventPage *self);

G_END_DECLS
