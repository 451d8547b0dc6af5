/* test-referrals.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "test-referrals.h"

/* The referral board's store: its queries on a hand-built club whose every
 * figure is known, what each member may see of it, and the writes that
 * pass, move and close. */

static CercleRecord *
member (const char       *id,
        const char       *first_name,
        const char       *last_name,
        CercleMemberRole  role)
{
  return g_object_new (CERCLE_TYPE_MEMBER, "id", id, "first-name", first_name,
                       "last-name", last_name, "role", role, "sector", "Conseil", NULL);
}

CercleRecord *
referral (const char           *id,
          const char           *giver,
          const char           *receiver,
          CercleReferralStatus  status,
          int                   temperature,
          const char           *given_on,
          const char           *closed_on,
          gint64                amount_cents,
          const char           *prospect,
          const char           *company,
          const char           *need)
{
  return g_object_new (CERCLE_TYPE_REFERRAL, "id", id, "giver-id", giver, "receiver-id", receiver,
                       "status", status, "temperature", temperature, "given-on", given_on,
                       "moved-on", closed_on != NULL ? closed_on : given_on,
                       "closed-on", closed_on, "amount-cents", amount_cents,
                       "prospect-name", prospect, "prospect-company", company, "need", need,
                       NULL);
}

/* The club of the tests, as the server would have sent it:
 *
 *   R1 Alice → Bruno  proposed   t4  given 2026-11-01
 *   R2 Alice → Bruno  won        t5  given 2026-09-10, closed 2026-10-15, 12 500 €
 *   R3 Bruno → Alice  won        t3  given 2026-09-20, closed 2026-11-05,  3 000 €
 *   R4 Bruno → Clara  lost       t3  given 2026-10-01, closed 2026-10-20
 *   R5 Clara → Bruno  declined   t1  given 2026-10-02, closed 2026-10-03
 *   R6 Clara → Alice  contacted  t2  given 2026-10-05, prospect Éloïse Garnier
 *   R7 Alice → Clara  won        t4  given 2026-06-01 (last season), closed 2026-09-05, 500 €
 *   R8 Bruno → Clara  won, withdrawn: counts nowhere
 */
static void
fill_club (CercleStore *store)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (records, g_object_new (CERCLE_TYPE_CLUB, "name", "Club de test", NULL));
  g_ptr_array_add (records, member (ALICE, "Alice", "Martin", CERCLE_MEMBER_ROLE_MEMBER));
  g_ptr_array_add (records, member (BRUNO, "Bruno", "Durand", CERCLE_MEMBER_ROLE_MEMBER));
  g_ptr_array_add (records, member (CLARA, "Clara", "Lefèvre", CERCLE_MEMBER_ROLE_MEMBER));
  g_ptr_array_add (records, member (STAFF, "Hélène", "Roux", CERCLE_MEMBER_ROLE_STAFF));

  g_ptr_array_add (records, referral (R1, ALICE, BRUNO, CERCLE_REFERRAL_STATUS_PROPOSED, 4,
                                      "2026-11-01", NULL, 0, "Marc Petit", "Boulangerie Petit",
                                      "Un site web pour la boutique"));
  g_ptr_array_add (records, referral (R2, ALICE, BRUNO, CERCLE_REFERRAL_STATUS_WON, 5,
                                      "2026-09-10", "2026-10-15", 1250000, "Jeanne Roy", "Roy SA",
                                      "Refonte du site"));
  g_ptr_array_add (records, referral (R3, BRUNO, ALICE, CERCLE_REFERRAL_STATUS_WON, 3,
                                      "2026-09-20", "2026-11-05", 300000, "Paul Blanc", NULL,
                                      "Bilan comptable"));
  g_ptr_array_add (records, referral (R4, BRUNO, CLARA, CERCLE_REFERRAL_STATUS_LOST, 3,
                                      "2026-10-01", "2026-10-20", 0, "Luc Noir", NULL, "Audit"));
  g_ptr_array_add (records, referral (R5, CLARA, BRUNO, CERCLE_REFERRAL_STATUS_DECLINED, 1,
                                      "2026-10-02", "2026-10-03", 0, "Anne Vert", NULL, "Logo"));
  g_ptr_array_add (records, referral (R6, CLARA, ALICE, CERCLE_REFERRAL_STATUS_CONTACTED, 2,
                                      "2026-10-05", NULL, 0, "Éloïse Garnier", "Ébénisterie Garnier",
                                      "Tenue de comptes"));
  g_ptr_array_add (records, referral (R7, ALICE, CLARA, CERCLE_REFERRAL_STATUS_WON, 4,
                                      "2026-06-01", "2026-09-05", 50000, "Marie Gris", NULL, "Audit"));
  g_ptr_array_add (records, referral (R8, BRUNO, CLARA, CERCLE_REFERRAL_STATUS_WON, 5,
                                      "2026-09-15", "2026-09-20", 999900, "Secret Prospect", NULL, "Audit"));
  g_object_set (records->pdata[records->len - 1], "deleted", TRUE, NULL);

  g_ptr_array_add (records, g_object_new (CERCLE_TYPE_ONE_TO_ONE, "member-a-id", ALICE, "member-b-id", BRUNO,
                                          "author-id", ALICE, "met-on", "2026-10-10",
                                          "notes", "Notes d’Alice", NULL));
  g_ptr_array_add (records, g_object_new (CERCLE_TYPE_ONE_TO_ONE, "member-a-id", BRUNO, "member-b-id", CLARA,
                                          "author-id", BRUNO, "met-on", "2026-11-02",
                                          "notes", "Notes de Bruno", NULL));
  g_ptr_array_add (records, g_object_new (CERCLE_TYPE_ONE_TO_ONE, "member-a-id", CLARA, "member-b-id", ALICE,
                                          "author-id", CLARA, "met-on", "2026-05-01",
                                          "notes", "Notes de Clara", NULL));

  g_ptr_array_add (records, g_object_new (CERCLE_TYPE_REQUEST, "id", N1, "member-id", BRUNO,
                                          "title", "Un expert-comptable", "sector", "Finance",
                                          "posted-on", "2026-11-10", NULL));
  g_ptr_array_add (records, g_object_new (CERCLE_TYPE_REQUEST, "id", N2, "member-id", CLARA,
                                          "title", "Un local", "status", CERCLE_REQUEST_STATUS_CLOSED,
                                          "posted-on", "2026-10-10", NULL));
  g_ptr_array_add (records, g_object_new (CERCLE_TYPE_REQUEST, "id", N3, "member-id", ALICE,
                                          "title", "Un imprimeur", "sector", "Imprimerie",
                                          "posted-on", "2026-11-15", NULL));

  g_assert_true (cercle_store_save_all (store, (CercleRecord **)records->pdata, records->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);
  cercle_store_flush_changes (store);
}

void
be (CercleStore *store,
    const char  *member_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cercle_store_set_local_member (store, member_id, &error));
  g_assert_no_error (error);
  cercle_store_flush_changes (store);
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = cercle_test_make_dir ("referrals");
  fixture->path = g_build_filename (fixture->dir, "club.db", NULL);
  g_assert_true (cercle_store_create (fixture->path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->store = cercle_store_open (fixture->path, &error);
  g_assert_no_error (error);

  fill_club (fixture->store);
  be (fixture->store, ALICE);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  cercle_test_release_store (fixture->store);
  cercle_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The ids of the records at @rows, in order, joined by spaces */
char *
ids_of (CercleStore *store,
        GType        type,
        GArray      *rows)
{
  g_autoptr(CercleRecordList) list = cercle_record_list_new (store, type, rows);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CercleRecord) record = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (ids->len > 0)
        g_string_append_c (ids, ' ');
      g_string_append_len (ids, cercle_record_get_id (record), 2);
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

CercleReferralRows *
query_board (CercleStore         *store,
             CercleReferralScope  scope,
             const char          *search)
{
  g_autoptr(GError) error = NULL;
  CercleReferralRows *board = cercle_store_query_referral_board (store, scope, search, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (board);
  g_assert_true (board->complete);

  return board;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cercle/referrals/board/confidential", test_board_confidential);
  ADD ("/cercle/referrals/board/search", test_board_search);
  ADD ("/cercle/referrals/board/first-page", test_board_first_page);
  ADD ("/cercle/referrals/board/first-cards", test_board_first_cards);
  ADD ("/cercle/referrals/board/changes", test_board_changes);
  ADD ("/cercle/referrals/board/changes-unkeyed", test_board_changes_unkeyed);
  ADD ("/cercle/referrals/board/async", test_board_async);
  ADD ("/cercle/referrals/stats/hand-built", test_stats);
  ADD ("/cercle/referrals/stats/ranking", test_stats_ranking);
  ADD ("/cercle/referrals/stats/csv", test_stats_csv);
  ADD ("/cercle/referrals/move", test_move);
  ADD ("/cercle/referrals/pass", test_pass);
  ADD ("/cercle/referrals/needs", test_needs);
  ADD ("/cercle/referrals/one-to-ones", test_one_to_ones);
  ADD ("/cercle/referrals/sectors", test_sectors);
  ADD ("/cercle/referrals/record-list-diff", test_record_list_diff);
  g_test_add ("/cercle/referrals/record-list-replace", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_record_list_diff, fixture_tear_down);
  g_test_add_func ("/cercle/referrals/season", test_season);
  g_test_add_func ("/cercle/referrals/migration", test_migration);
  g_test_add_func ("/cercle/referrals/parse-money", test_parse_money);
  g_test_add_func ("/cercle/referrals/money-french", test_money_french);

  return g_test_run ();
}