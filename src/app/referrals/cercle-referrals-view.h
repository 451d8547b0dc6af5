/* cercle-referrals-view.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_REFERRALS_VIEW (cercle_referrals_view_get_type ())

G_DECLARE_FINAL_TYPE (CercleReferralsView, cercle_referrals_view, CERCLE, REFERRALS_VIEW, GtkWidget)

CercleContext *cercle_referrals_view_get_context     (CercleReferralsView *self);
void           cercle_referrals_view_set_context     (CercleReferralsView *self,
                                                      CercleContext       *context);
void           cercle_referrals_view_set_cancellable (CercleReferralsView *self,
                                                      GCancellable        *cancellable);
void           cercle_referrals_view_show_page       (CercleReferralsView *self,
                                                      const char          *page_name);

G_END_DECLS
