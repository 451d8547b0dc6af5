/* cercle-regularity-item.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CERCLE_TYPE_REGULARITY_ITEM (cercle_regularity_item_get_type ())

G_DECLARE_FINAL_TYPE (CercleRegularityItem, cercle_regularity_item, CERCLE, REGULARITY_ITEM, GObject)

CercleRegularityItem *cercle_regularity_item_new (const char *name,
                                                  const char *company,
                                                  guint       expected,
                                                  guint       attended,
                                                  double      rate);

G_END_DECLS
