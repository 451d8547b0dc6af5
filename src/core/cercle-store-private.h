/* cercle-store-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-store.h"

G_BEGIN_DECLS

/* The schema, one SQL script per version: migration i brings a database from
 * user_version i to i + 1. Exposed for the migration tests. */
extern const char * const cercle_store_migrations[];
extern const guint cercle_store_n_migrations;

char    *_cercle_store_build_match_query  (const char   *text);

gpointer _cercle_store_load_by_row_number (CercleStore  *self,
                                           GType         record_type,
                                           gint64        row_number,
                                           GError      **error);

G_END_DECLS
