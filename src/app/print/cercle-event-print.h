/* cercle-event-print.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-context.h"
#include "cercle-print.h"

G_BEGIN_DECLS

typedef enum
{
  CERCLE_EVENT_PRINT_BADGES,
  CERCLE_EVENT_PRINT_SIGN_IN,
  CERCLE_EVENT_PRINT_ATTENDANCE,
} CercleEventPrintKind;

void          cercle_event_print                (GtkWidget            *source,
                                                 CercleStore          *store,
                                                 const char           *event_id,
                                                 CercleEventPrintKind  kind);
void          cercle_event_export_pdf           (GtkWidget            *source,
                                                 CercleStore          *store,
                                                 const char           *event_id,
                                                 CercleEventPrintKind  kind);

GActionGroup *cercle_event_print_actions_new    (GtkWidget            *owner,
                                                 CercleContext        *context);
GMenuModel   *cercle_event_print_menu_new       (const char           *event_id);

GtkPageSetup *cercle_event_print_page_setup_new (CercleDocument       *document);

G_END_DECLS
