/* cercle-search.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cercle-types.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_SEARCH (cercle_search_get_type ())

G_DECLARE_FINAL_TYPE (CercleSearch, cercle_search, CERCLE, SEARCH, GObject)

CercleSearch *cercle_search_new             (const char    *path,
                                             GError       **error);
void          cercle_search_members_changed (CercleSearch  *self);
GArray       *cercle_search_members         (CercleSearch  *self,
                                             const char    *query,
                                             GCancellable  *cancellable,
                                             GError       **error);
char         *cercle_search_build_match     (const char    *text);

G_END_DECLS
