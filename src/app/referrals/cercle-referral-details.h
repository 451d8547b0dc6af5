/* cercle-referral-details.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-core.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_REFERRAL_DETAILS (cercle_referral_details_get_type ())

G_DECLARE_FINAL_TYPE (CercleReferralDetails, cercle_referral_details, CERCLE, REFERRAL_DETAILS, AdwWindow)

GtkWidget *cercle_referral_details_new (GtkWindow          *parent,
                                        CercleReferral     *referral,
                                        const char         *giver_name,
                                        const char         *receiver_name,
                                        const CercleViewer *viewer);

G_END_DECLS
