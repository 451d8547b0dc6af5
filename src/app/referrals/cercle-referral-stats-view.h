/* cercle-referral-stats-view.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_REFERRAL_STATS_VIEW (cercle_referral_stats_view_get_type ())

G_DECLARE_FINAL_TYPE (CercleReferralStatsView, cercle_referral_stats_view, CERCLE, REFERRAL_STATS_VIEW, GtkWidget)

void                       cercle_referral_stats_view_set_context     (CercleReferralStatsView *self,
                                                                       CercleContext           *context);
void                       cercle_referral_stats_view_set_cancellable (CercleReferralStatsView *self,
                                                                       GCancellable            *cancellable);
void                       cercle_referral_stats_view_set_season      (CercleReferralStatsView *self,
                                                                       int                      season);
const CercleReferralStats *cercle_referral_stats_view_get_stats       (CercleReferralStatsView *self);
gboolean                   cercle_referral_stats_view_is_loading      (CercleReferralStatsView *self);

G_END_DECLS
