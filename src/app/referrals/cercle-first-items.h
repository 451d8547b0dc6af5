/* cercle-first-items.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CERCLE_TYPE_FIRST_ITEMS (cercle_first_items_get_type ())

G_DECLARE_FINAL_TYPE (CercleFirstItems, cercle_first_items, CERCLE, FIRST_ITEMS, GObject)

CercleFirstItems *cercle_first_items_new       (void);
void              cercle_first_items_set_model (CercleFirstItems *self,
                                                GListModel       *model);
GListModel       *cercle_first_items_get_model (CercleFirstItems *self);
void              cercle_first_items_set_limit (CercleFirstItems *self,
                                                guint             limit);
guint             cercle_first_items_get_limit (CercleFirstItems *self);

G_END_DECLS
