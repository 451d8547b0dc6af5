/* convergence.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-sync-client.h"

G_BEGIN_DECLS

/* One of the convergence harness's devices: a club file, its sync client,
 * and what the user did with it */
typedef struct
{
  const char       *name;
  char             *token;
  char             *member_id;
  char             *other_id;  /* a member this one gives referrals to, meets */
  char             *client_id;
  gboolean          staff;
  char             *path;
  CercleStore      *store;
  CercleViewer     *viewer;
  CercleSyncClient *client;
  GPtrArray        *edits;     /* JsonObject mutations, as pushed, in the order made */
  gint64            last_noted;
  GPtrArray        *inserted;  /* ids of the rows this client made */
  GPtrArray        *rows;      /* what the server sends it, once everyone synced */
} Client;

GPtrArray *convergence_live_ids    (Client     *client,
                                    const char *table,
                                    const char *where);
void       convergence_random_edit (Client     *client,
                                    GRand      *rand);

G_END_DECLS
