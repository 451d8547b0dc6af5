/* test-referrals-writes.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-referrals.h"

/* The writes of the board: move, pass, needs, one-to-ones */

/* Moves go through the rules: the receiver moves, the giver watches */
void
test_move (Fixture       *fixture,
           gconstpointer  user_data)
{
  CercleStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleReferral) won = NULL;
  g_autofree char *today = cercle_today ();

  /* Alice gave R1: she cannot accept it */
  g_assert_false (cercle_store_move_referral (store, R1, CERCLE_REFERRAL_STATUS_ACCEPTED, 0, &error));
  g_assert_error (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN);
  g_clear_error (&error);

  be (store, BRUNO);
  g_assert_true (cercle_store_move_referral (store, R1, CERCLE_REFERRAL_STATUS_ACCEPTED, 0, &error));
  g_assert_no_error (error);
  g_assert_false (cercle_store_move_referral (store, R1, CERCLE_REFERRAL_STATUS_WON, 500000, &error));
  g_assert_error (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_true (cercle_store_move_referral (store, R1, CERCLE_REFERRAL_STATUS_CONTACTED, 0, &error));
  g_assert_no_error (error);

  /* Won asks for the business closed */
  g_assert_false (cercle_store_move_referral (store, R1, CERCLE_REFERRAL_STATUS_WON, 0, &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (cercle_store_move_referral (store, R1, CERCLE_REFERRAL_STATUS_WON, 850050, &error));
  g_assert_no_error (error);

  won = cercle_store_get_record (store, CERCLE_TYPE_REFERRAL, R1, &error);
  g_assert_cmpint (cercle_referral_get_status (won), ==, CERCLE_REFERRAL_STATUS_WON);
  g_assert_cmpint (cercle_referral_get_amount_cents (won), ==, 850050);
  g_assert_cmpstr (cercle_referral_get_closed_on (won), ==, today);
  g_assert_cmpstr (cercle_referral_get_moved_on (won), ==, today);

  /* Closed stays closed */
  g_assert_false (cercle_store_move_referral (store, R1, CERCLE_REFERRAL_STATUS_LOST, 0, &error));
  g_assert_error (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN);
}

void
test_pass (Fixture       *fixture,
           gconstpointer  user_data)
{
  CercleStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleReferral) draft = cercle_referral_new ();
  g_autoptr(CercleReferral) saved = NULL;
  g_autoptr(CercleReferralRows) board = NULL;
  g_autofree char *today = cercle_today ();

  /* What is missing is named */
  g_assert_false (cercle_store_pass_referral (store, draft, &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_clear_error (&error);

  g_object_set (draft, "receiver-id", CLARA, "prospect-name", "Sophie Laurent",
                "prospect-contact", "06 12 34 56 78", "need", "Un bilan", "temperature", 5,
                "request-id", N1, NULL);
  /* Contact details without consent are refused, not dropped */
  g_assert_false (cercle_store_pass_referral (store, draft, &error));
  g_assert_error (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN);
  g_clear_error (&error);

  g_object_set (draft, "prospect-consent", TRUE, NULL);
  g_assert_true (cercle_store_pass_referral (store, draft, &error));
  g_assert_no_error (error);

  saved = cercle_store_get_record (store, CERCLE_TYPE_REFERRAL,
                                   cercle_record_get_id (CERCLE_RECORD (draft)), &error);
  g_assert_cmpstr (cercle_referral_get_giver_id (saved), ==, ALICE);
  g_assert_cmpint (cercle_referral_get_status (saved), ==, CERCLE_REFERRAL_STATUS_PROPOSED);
  g_assert_cmpstr (cercle_referral_get_given_on (saved), ==, today);
  g_assert_cmpstr (cercle_referral_get_request_id (saved), ==, N1);
  g_assert_cmpstr (cercle_referral_get_prospect_contact (saved), ==, "06 12 34 56 78");

  /* On the board, first of its column */
  board = query_board (store, CERCLE_REFERRAL_SCOPE_GIVEN, NULL);
  g_assert_cmpuint (board->rows[CERCLE_REFERRAL_STATUS_PROPOSED]->len, ==, 2);
}

void
test_needs (Fixture       *fixture,
            gconstpointer  user_data)
{
  CercleStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleRequest) need = NULL;
  g_autoptr(CercleReferralRows) board = NULL;
  g_autofree char *needs = NULL;

  g_assert_null (cercle_store_post_request (store, "   ", NULL, NULL, &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_clear_error (&error);

  need = cercle_store_post_request (store, " Un traiteur pour 80 personnes ", "En mars.", "Restauration", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cercle_request_get_title (need), ==, "Un traiteur pour 80 personnes");
  g_assert_cmpstr (cercle_request_get_member_id (need), ==, ALICE);

  /* Bruno's need is Bruno's to close */
  g_assert_false (cercle_store_close_request (store, N1, &error));
  g_assert_error (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_true (cercle_store_close_request (store, N3, &error));
  g_assert_no_error (error);

  board = query_board (store, CERCLE_REFERRAL_SCOPE_MINE, NULL);
  needs = ids_of (store, CERCLE_TYPE_REQUEST, board->needs);
  g_assert_cmpuint (board->needs->len, ==, 2);
  g_assert_true (g_str_has_suffix (needs, " n1"));
}

void
test_one_to_ones (Fixture       *fixture,
                  gconstpointer  user_data)
{
  CercleStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(CercleOneToOne) logged = NULL;
  g_autoptr(CercleOneToOne) first = NULL;
  g_autoptr(CercleOneToOne) second = NULL;

  /* Bruno's one-to-ones: his notes, not Alice's */
  be (store, BRUNO);
  list = cercle_store_list_one_to_ones (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  first = g_list_model_get_item (list, 0);
  second = g_list_model_get_item (list, 1);
  g_assert_cmpstr (cercle_one_to_one_get_met_on (first), ==, "2026-11-02");
  g_assert_cmpstr (cercle_one_to_one_get_notes (first), ==, "Notes de Bruno");
  g_assert_cmpstr (cercle_one_to_one_get_met_on (second), ==, "2026-10-10");
  g_assert_null (cercle_one_to_one_get_notes (second));

  /* Updated in place, still without what is not his */
  {
    g_autoptr(CercleChangeSet) changes = cercle_change_set_new ();

    cercle_change_set_add_all (changes, CERCLE_ENTITY_ONE_TO_ONE);
    cercle_record_list_refresh (CERCLE_RECORD_LIST (list), changes);
    g_assert_null (cercle_one_to_one_get_notes (second));
  }
  g_clear_object (&list);

  /* Staff see none but their own */
  be (store, STAFF);
  list = cercle_store_list_one_to_ones (store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_clear_object (&list);

  be (store, CLARA);
  g_assert_null (cercle_store_log_one_to_one (store, ALICE, "2999-01-01", NULL, &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cercle_store_log_one_to_one (store, CLARA, "2026-11-20", NULL, &error));
  g_assert_error (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN);
  g_clear_error (&error);
  logged = cercle_store_log_one_to_one (store, BRUNO, "2026-11-20", "Très bon échange.", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cercle_one_to_one_get_author_id (logged), ==, CLARA);
  list = cercle_store_list_one_to_ones (store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
}

void
test_sectors (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sectors = cercle_store_dup_sectors (fixture->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (sectors), ==, 1);
  g_assert_cmpstr (sectors[0], ==, "Conseil");
}
