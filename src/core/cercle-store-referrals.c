/* cercle-store-referrals.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include "cercle-referral.h"
#include "cercle-store-private.h"

/* The referral board's queries. */

/**
 * cercle_store_list_referrals:
 *
 * Returns: (transfer full): a #GListModel of #CercleReferral, newest first
 */
GListModel *
cercle_store_list_referrals (CercleStore  *self,
                             GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  return _cercle_store_list_where (self, CERCLE_TYPE_REFERRAL,
                                   "ORDER BY given_on DESC, pk DESC", NULL, NULL, error);
}
