/* cercle-need-card.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cercle-core.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_NEED_CARD (cercle_need_card_get_type ())

G_DECLARE_FINAL_TYPE (CercleNeedCard, cercle_need_card, CERCLE, NEED_CARD, GtkWidget)

GtkWidget     *cercle_need_card_new         (void);
CercleRequest *cercle_need_card_get_request (CercleNeedCard     *self);
void           cercle_need_card_set_request (CercleNeedCard     *self,
                                             CercleRequest      *request,
                                             const char         *author_name,
                                             const CercleViewer *viewer);

G_END_DECLS
