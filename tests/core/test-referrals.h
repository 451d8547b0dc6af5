/* test-referrals.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-core.h"
#include "cercle-store-private.h"
#include "cercle-test-utils.h"

G_BEGIN_DECLS

#define ALICE "a11ce000-0000-4000-8000-000000000001"
#define BRUNO "b2000000-0000-4000-8000-000000000002"
#define CLARA "c3000000-0000-4000-8000-000000000003"
#define STAFF "5aff0000-0000-4000-8000-000000000004"

#define R1 "r1000000-0000-4000-8000-000000000001"
#define R2 "r2000000-0000-4000-8000-000000000002"
#define R3 "r3000000-0000-4000-8000-000000000003"
#define R4 "r4000000-0000-4000-8000-000000000004"
#define R5 "r5000000-0000-4000-8000-000000000005"
#define R6 "r6000000-0000-4000-8000-000000000006"
#define R7 "r7000000-0000-4000-8000-000000000007"
#define R8 "r8000000-0000-4000-8000-000000000008"

#define N1 "n1000000-0000-4000-8000-000000000001"
#define N2 "n2000000-0000-4000-8000-000000000002"
#define N3 "n3000000-0000-4000-8000-000000000003"

typedef struct
{
  char        *dir;
  char        *path;
  CercleStore *store;
} Fixture;

CercleRecord       *referral          (const char           *id,
                                       const char           *giver,
                                       const char           *receiver,
                                       CercleReferralStatus  status,
                                       int                   temperature,
                                       const char           *given_on,
                                       const char           *closed_on,
                                       gint64                amount_cents,
                                       const char           *prospect,
                                       const char           *company,
                                       const char           *need);
void                be                (CercleStore          *store,
                                       const char           *member_id);
void                fixture_set_up    (Fixture              *fixture,
                                       gconstpointer         user_data);
void                fixture_tear_down (Fixture              *fixture,
                                       gconstpointer         user_data);
char               *ids_of            (CercleStore          *store,
                                       GType                 type,
                                       GArray               *rows);
CercleReferralRows *query_board       (CercleStore          *store,
                                       CercleReferralScope   scope,
                                       const char           *search);

/* test-referrals-board.c */
void test_board_confidential (Fixture *fixture, gconstpointer user_data);
void test_board_search (Fixture *fixture, gconstpointer user_data);
void test_board_changes (Fixture *fixture, gconstpointer user_data);
void test_board_changes_unkeyed (Fixture *fixture, gconstpointer user_data);
void test_board_first_page (Fixture *fixture, gconstpointer user_data);
void test_board_first_cards (Fixture *fixture, gconstpointer user_data);
void test_board_async (Fixture *fixture, gconstpointer user_data);

/* test-referrals-stats.c */
void test_stats (Fixture *fixture, gconstpointer user_data);
void test_stats_ranking (Fixture *fixture, gconstpointer user_data);
void test_stats_csv (Fixture *fixture, gconstpointer user_data);

/* test-referrals-writes.c */
void test_move (Fixture *fixture, gconstpointer user_data);
void test_pass (Fixture *fixture, gconstpointer user_data);
void test_needs (Fixture *fixture, gconstpointer user_data);
void test_one_to_ones (Fixture *fixture, gconstpointer user_data);
void test_sectors (Fixture *fixture, gconstpointer user_data);

/* test-referrals-format.c */
void test_season (void);
void test_parse_money (void);
void test_money_french (void);

/* test-referrals-lists.c */
void test_record_list_diff (Fixture *fixture, gconstpointer user_data);
void test_migration (void);

G_END_DECLS
