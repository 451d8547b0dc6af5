/* cercle-attendees-page.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_ATTENDEES_PAGE (cercle_attendees_page_get_type ())

G_DECLARE_FINAL_TYPE (CercleAttendeesPage, cercle_attendees_page, CERCLE, ATTENDEES_PAGE, GtkWidget)

void cercle_attendees_page_set_event    (CercleAttendeesPage *self,
                                         CercleContext       *context,
                                         const char          *event_id,
                                         gboolean             check_in);
void cercle_attendees_page_focus_search (CercleAttendeesPage *self);

G_END_DECLS
