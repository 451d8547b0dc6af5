/* cercle-sync-fetch.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-sync-server.h"

G_BEGIN_DECLS

/* One pulled page, checked and decoded, or why there is none */
typedef struct
{
  GPtrArray *records;           /* CercleRecord */
  char      *next_cursor;
  gboolean   has_more;
  gint64     last_mutation_no;
  GError    *error;
} CercleSyncPage;

typedef struct _CercleSyncFetch CercleSyncFetch;

CercleSyncPage  *cercle_sync_fetch_page  (CercleSyncServer *server,
                                          const char       *club_id,
                                          const char       *client_id,
                                          const char       *token,
                                          guint             page_size,
                                          const char       *cursor,
                                          GCancellable     *cancellable);
CercleSyncFetch *cercle_sync_fetch_start (CercleSyncServer *server,
                                          const char       *club_id,
                                          const char       *client_id,
                                          const char       *token,
                                          guint             page_size,
                                          const char       *cursor,
                                          GCancellable     *cancellable);
CercleSyncPage  *cercle_sync_fetch_next  (CercleSyncFetch  *self);
void             cercle_sync_fetch_stop  (CercleSyncFetch  *self);
void             cercle_sync_page_free   (CercleSyncPage   *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleSyncPage, cercle_sync_page_free)

G_END_DECLS
