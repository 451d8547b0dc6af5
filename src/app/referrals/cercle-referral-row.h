/* cercle-referral-row.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cercle-core.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_REFERRAL_ROW (cercle_referral_row_get_type ())

G_DECLARE_FINAL_TYPE (CercleReferralRow, cercle_referral_row, CERCLE, REFERRAL_ROW, GtkWidget)

GtkWidget      *cercle_referral_row_new          (void);
CercleReferral *cercle_referral_row_get_referral (CercleReferralRow *self);
void            cercle_referral_row_set_referral (CercleReferralRow *self,
                                                  CercleReferral    *referral,
                                                  const char        *giver_name,
                                                  const char        *receiver_name);
void            cercle_referral_row_set_header   (CercleReferralRow *self,
                                                  const char        *title,
                                                  const char        *description);

G_END_DECLS
