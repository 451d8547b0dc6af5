/* cercle-regularity-page.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_REGULARITY_PAGE (cercle_regularity_page_get_type ())

G_DECLARE_FINAL_TYPE (CercleRegularityPage, cercle_regularity_page, CERCLE, REGULARITY_PAGE, GtkWidget)

void cercle_regularity_page_load (CercleRegularityPage *self,
                                  CercleContext        *context);

G_END_DECLS
