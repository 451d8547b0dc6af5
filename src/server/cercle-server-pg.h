/* cercle-server-pg.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-server-storage.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_SERVER_PG (cercle_server_pg_get_type ())

G_DECLARE_FINAL_TYPE (CercleServerPg, cercle_server_pg, CERCLE, SERVER_PG, GObject)

/* How many connections one process keeps at most, unless the URI says
 * otherwise with pool_size=N */
#define CERCLE_SERVER_PG_DEFAULT_POOL_SIZE 10
#define CERCLE_SERVER_PG_MAX_POOL_SIZE     200

/* The channel commits are announced on, to every process of the database */
#define CERCLE_SERVER_PG_CHANNEL "cercle_club_changed"

extern const char * const cercle_server_pg_migrations[];
extern const guint        cercle_server_pg_n_migrations;

gboolean        cercle_server_pg_is_uri    (const char  *database);
CercleServerPg *cercle_server_pg_open      (const char  *uri,
                                            gboolean     create,
                                            GError     **error);
const char     *cercle_server_pg_get_display_name (CercleServerPg *self);

G_END_DECLS
