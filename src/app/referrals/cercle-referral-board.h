/* cercle-referral-board.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_REFERRAL_BOARD (cercle_referral_board_get_type ())

G_DECLARE_FINAL_TYPE (CercleReferralBoard, cercle_referral_board, CERCLE, REFERRAL_BOARD, GtkWidget)

void        cercle_referral_board_set_context     (CercleReferralBoard *self,
                                                   CercleContext       *context);
void        cercle_referral_board_set_cancellable (CercleReferralBoard *self,
                                                   GCancellable        *cancellable);
GListModel *cercle_referral_board_get_column      (CercleReferralBoard *self,
                                                   CercleReferralStatus status);
GListModel *cercle_referral_board_get_needs       (CercleReferralBoard *self);
gboolean    cercle_referral_board_is_loading      (CercleReferralBoard *self);
void        cercle_referral_board_move            (CercleReferralBoard *self,
                                                   CercleReferral      *referral,
                                                   CercleReferralStatus to);
void        cercle_referral_board_pass            (CercleReferralBoard *self,
                                                   CercleRequest       *need);

G_END_DECLS
