/* cercle-one-to-ones-view.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_ONE_TO_ONES_VIEW (cercle_one_to_ones_view_get_type ())

G_DECLARE_FINAL_TYPE (CercleOneToOnesView, cercle_one_to_ones_view, CERCLE, ONE_TO_ONES_VIEW, GtkWidget)

void        cercle_one_to_ones_view_set_context (CercleOneToOnesView *self,
                                                 CercleContext       *context);
GListModel *cercle_one_to_ones_view_get_model   (CercleOneToOnesView *self);

G_END_DECLS
