/* cercle-server-sqlite.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-server-storage.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_SERVER_SQLITE (cercle_server_sqlite_get_type ())

G_DECLARE_FINAL_TYPE (CercleServerSqlite, cercle_server_sqlite, CERCLE, SERVER_SQLITE, GObject)

/* "CSrv": a file cercle-server made, never to be taken for a club file of
 * the app or for another program's database */
#define CERCLE_SERVER_SQLITE_APPLICATION_ID 0x43537276

extern const char * const cercle_server_sqlite_migrations[];
extern const guint        cercle_server_sqlite_n_migrations;

CercleServerSqlite *cercle_server_sqlite_open (const char  *path,
                                               gboolean     create,
                                               GError     **error);

G_END_DECLS
