/* cercle-store-referrals-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-store-private.h"

G_BEGIN_DECLS

/* What the referral area's files share: the board's queries
 * (cercle-store-referral-board.c) and the rest of the area
 * (cercle-store-referrals.c) read on the same reader connection, for the
 * same viewer, read from the club file itself. */

typedef struct
{
  char     *member_id;
  gboolean  is_staff;
  gboolean  rank_business;
} ReaderViewer;

static inline void
reader_viewer_clear (ReaderViewer *viewer)
{
  g_clear_pointer (&viewer->member_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ReaderViewer, reader_viewer_clear)

const char *_cercle_referrals_status_nick   (CercleReferralStatus  status);
char       *_cercle_referrals_fold_search   (const char           *search);
CercleDb   *_cercle_referrals_lock_reader   (CercleStore          *self,
                                             GCancellable         *cancellable,
                                             GError              **error);
gboolean    _cercle_referrals_unlock_reader (CercleStore          *self,
                                             CercleDb             *db,
                                             GCancellable         *cancellable,
                                             gboolean              ok,
                                             GError              **error);
gboolean    _cercle_referrals_read_viewer   (CercleDb             *db,
                                             ReaderViewer         *viewer,
                                             GError              **error);
gboolean    _cercle_referrals_collect_rows  (CercleDb             *db,
                                             sqlite3_stmt         *stmt,
                                             GArray               *rows,
                                             GError              **error);

G_END_DECLS
