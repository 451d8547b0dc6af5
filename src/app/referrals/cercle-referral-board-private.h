/* cercle-referral-board-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-board-column.h"
#include "cercle-referral-board.h"
#include "cercle-referral-card.h"
#include "cercle-referral-details.h"

G_BEGIN_DECLS

/* The board's code, by concern: its columns, cards and forms
 * (cercle-referral-board.c); finding rows and putting them in the lists
 * (-loading.c); moving cards, by menu, keyboard or drag (-moves.c). */

enum {
  COLUMN_NEEDS,
  COLUMN_PROPOSED,
  COLUMN_ACCEPTED,
  COLUMN_CONTACTED,
  COLUMN_QUOTED,
  COLUMN_WON,
  COLUMN_CLOSED,
  N_COLUMNS
};

struct _CercleReferralBoard
{
  GtkWidget            parent_instance;

  CercleContext       *context;
  CercleViewer        *viewer;
  GCancellable        *cancellable;
  gulong               cancelled_id;
  GCancellable        *query_cancellable;
  char                *search;
  char                *today;
  gboolean             stale;
  gboolean             loading;

  CercleRecordList    *lists[CERCLE_REFERRAL_N_STATUSES];
  CercleRecordList    *needs;
  GListStore          *closed_lists;
  GtkFlattenListModel *closed;
  CercleBoardColumn   *columns[N_COLUMNS];

  /* member id → full name, filled as cards are shown */
  GHashTable          *names;
  /* The viewer's given referrals known to be won, to thank them once for
   * each new one; NULL before the first load */
  GArray              *won_given;
  /* Referrals the user moved here, which need no news of their move */
  GHashTable          *moved_here;
  CercleReferral      *dragging;

  /* Rows a query found, which the lists take a step at a time */
  CercleReferralRows  *pending;
  guint                next_step;
  guint                apply_tick_id;
  /* The ids a query of changes under way asks about; NULL when the query
   * under way, if any, is of every row */
  char               **delta_ids;
  /* Every row the lists hold, with the keys that place a changed one in
   * its column, which changes are applied to; NULL while the lists hold
   * a first page, or rows no change can be applied to */
  CercleReferralRows  *shown;

  GtkStack            *stack;
  AdwStatusPage       *error_page;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *scope_dropdown;
  GtkStringList       *scope_names;
  GtkBox              *columns_box;
};

/* cercle-referral-board.c */
gboolean            _cercle_referral_board_column_holds          (guint                  column,
                                                                  CercleReferralStatus   status);
const char         *_cercle_referral_board_lookup_name           (CercleReferralBoard   *self,
                                                                  const char            *member_id);
void                _cercle_referral_board_show_toast            (CercleReferralBoard   *self,
                                                                  const char            *title);
void                _cercle_referral_board_show_error            (CercleReferralBoard   *self,
                                                                  const char            *message);
GtkWindow          *_cercle_referral_board_parent_window         (CercleReferralBoard   *self);
void                _cercle_referral_board_read_viewer           (CercleReferralBoard   *self);
CercleReferralScope _cercle_referral_board_current_scope         (CercleReferralBoard   *self);
void                _cercle_referral_board_emit_closed_business  (CercleReferralBoard   *self,
                                                                  CercleReferral        *referral);

/* cercle-referral-board-loading.c */
void                _cercle_referral_board_load                  (CercleReferralBoard   *self,
                                                                  gboolean               new_query);
void                _cercle_referral_board_reset_lists           (CercleReferralBoard   *self);
void                _cercle_referral_board_store_changed_cb      (CercleStore           *store,
                                                                  CercleChangeSet       *changes,
                                                                  CercleReferralBoard   *self);

/* cercle-referral-board-moves.c */
void                _cercle_referral_board_take_moves_of_card    (CercleReferralBoard   *self,
                                                                  CercleReferralCard    *card);
void                _cercle_referral_board_take_drops_on_column  (CercleReferralBoard   *self,
                                                                  CercleBoardColumn     *column);
void                _cercle_referral_board_take_moves_of_details (CercleReferralBoard   *self,
                                                                  CercleReferralDetails *details);

G_END_DECLS
