/* test-referrals-board.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-referrals.h"

/* The board's queries: what each member sees, search, the first page,
 * the changes applied in place, the query off the main thread */

/* The whole board as one line: "status: ids | ..." */
static char *
board_text (CercleStore         *store,
            CercleReferralRows *board)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
    {
      g_autofree char *ids = ids_of (store, CERCLE_TYPE_REFERRAL, board->rows[status]);

      g_assert_cmpuint (board->counts[status], ==, board->rows[status]->len);
      if (*ids == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, " | ");
      g_string_append_printf (text, "%d: %s", status, ids);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_board (CercleStore         *store,
              CercleReferralScope  scope,
              const char          *search,
              const char          *expected)
{
  g_autoptr(CercleReferralRows) board = query_board (store, scope, search);
  g_autofree char *text = board_text (store, board);

  g_assert_cmpstr (text, ==, expected);
}

/* A member sees what they give or receive, whatever they ask; staff see
 * the club; a withdrawn referral is nobody's */
void
test_board_confidential (Fixture       *fixture,
                         gconstpointer  user_data)
{
  CercleStore *store = fixture->store;
  g_autoptr(CercleReferralRows) board = NULL;
  g_autofree char *won_given = NULL;

  assert_board (store, CERCLE_REFERRAL_SCOPE_CLUB, NULL, "0: r1 | 2: r6 | 4: r3 r2 r7");
  assert_board (store, CERCLE_REFERRAL_SCOPE_MINE, NULL, "0: r1 | 2: r6 | 4: r3 r2 r7");
  assert_board (store, CERCLE_REFERRAL_SCOPE_GIVEN, NULL, "0: r1 | 4: r2 r7");
  assert_board (store, CERCLE_REFERRAL_SCOPE_RECEIVED, NULL, "2: r6 | 4: r3");

  board = query_board (store, CERCLE_REFERRAL_SCOPE_CLUB, NULL);
  g_assert_cmpint (board->won_cents, ==, 1250000 + 300000 + 50000);
  won_given = ids_of (store, CERCLE_TYPE_REFERRAL, board->won_given);
  g_assert_cmpstr (won_given, ==, "r2 r7");

  /* The needs board is everyone's: open needs, newest first */
  {
    g_autofree char *needs = ids_of (store, CERCLE_TYPE_REQUEST, board->needs);

    g_assert_cmpstr (needs, ==, "n3 n1");
    g_assert_cmpuint (board->n_needs, ==, 2);
  }

  be (store, CLARA);
  assert_board (store, CERCLE_REFERRAL_SCOPE_CLUB, NULL, "2: r6 | 4: r7 | 5: r4 | 6: r5");

  be (store, STAFF);
  assert_board (store, CERCLE_REFERRAL_SCOPE_CLUB, NULL,
                "0: r1 | 2: r6 | 4: r3 r2 r7 | 5: r4 | 6: r5");
  assert_board (store, CERCLE_REFERRAL_SCOPE_GIVEN, NULL, "");

  /* The plain list the store hands out follows the same rule */
  be (store, BRUNO);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) all = cercle_store_list_referrals (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (all), ==, 5);
  }
}

void
test_board_search (Fixture       *fixture,
                   gconstpointer  user_data)
{
  CercleStore *store = fixture->store;

  be (store, STAFF);

  /* A prospect, without its accents; two words of a need; a member's name */
  assert_board (store, CERCLE_REFERRAL_SCOPE_CLUB, "eloise", "2: r6");
  assert_board (store, CERCLE_REFERRAL_SCOPE_CLUB, "EBENISTERIE", "2: r6");
  assert_board (store, CERCLE_REFERRAL_SCOPE_CLUB, "site  boutique", "0: r1");
  assert_board (store, CERCLE_REFERRAL_SCOPE_CLUB, "lefevre", "2: r6 | 4: r7 | 5: r4 | 6: r5");
  assert_board (store, CERCLE_REFERRAL_SCOPE_CLUB, "nobody knows", "");
  /* What the search language of SQL would read is only text here */
  assert_board (store, CERCLE_REFERRAL_SCOPE_CLUB, "%' OR 1=1 --", "");
  /* A withdrawn referral's prospect is found nowhere */
  assert_board (store, CERCLE_REFERRAL_SCOPE_CLUB, "secret", "");

  /* A member's search stays within their own referrals */
  be (store, ALICE);
  assert_board (store, CERCLE_REFERRAL_SCOPE_CLUB, "audit", "4: r7");
  assert_board (store, CERCLE_REFERRAL_SCOPE_CLUB, "lefevre", "2: r6 | 4: r7");

  /* Needs are searched too */
  {
    g_autoptr(CercleReferralRows) board = query_board (store, CERCLE_REFERRAL_SCOPE_CLUB, "comptable");
    g_autofree char *needs = ids_of (store, CERCLE_TYPE_REQUEST, board->needs);

    g_assert_cmpstr (needs, ==, "n1");
  }
}

/* A few referrals changed: where the board puts them by the keys the
 * query of changes found is where the query of every row finds them, for staff and for a member, with a
 * search, for a referral moved to the top of its column, one moved to the
 * middle of another, one withdrawn and one the viewer may not see */
void
test_board_changes (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const struct {
    const char          *viewer;
    CercleReferralScope  scope;
    const char          *search;
  } cases[] = {
    { STAFF, CERCLE_REFERRAL_SCOPE_CLUB, NULL },
    { ALICE, CERCLE_REFERRAL_SCOPE_MINE, NULL },
    { BRUNO, CERCLE_REFERRAL_SCOPE_RECEIVED, NULL },
    { STAFF, CERCLE_REFERRAL_SCOPE_CLUB, "audit" },
  };
  /* The columns whose rows change, by status: proposed 0, contacted 2,
   * won 4, lost 5 */
  static const guint expected_touched[G_N_ELEMENTS (cases)] = {
    1 << 0 | 1 << 2 | 1 << 4 | 1 << 5,
    1 << 0 | 1 << 2 | 1 << 4,
    1 << 0 | 1 << 4,
    1 << 4 | 1 << 5,
  };
  CercleStore *store = fixture->store;
  CercleReferralRows *before[G_N_ELEMENTS (cases)];
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *ids[] = { R1, R4, R6, R3, "no-such-referral", NULL };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      be (store, cases[c].viewer);
      before[c] = query_board (store, cases[c].scope, cases[c].search);
    }

  /* R1 moves to the top of "won"; R4 to "won" too, between the others by
   * date; R6 is withdrawn; R3 keeps its column, its notes change */
  g_ptr_array_add (page, referral (R1, ALICE, BRUNO, CERCLE_REFERRAL_STATUS_WON, 4, "2026-11-01",
                                   "2026-11-20", 100000, "Marc Petit", "Boulangerie Petit", "Audit"));
  g_ptr_array_add (page, referral (R4, BRUNO, CLARA, CERCLE_REFERRAL_STATUS_WON, 3, "2026-10-01",
                                   "2026-10-16", 200000, "Luc Noir", NULL, "Audit"));
  g_ptr_array_add (page, referral (R6, CLARA, ALICE, CERCLE_REFERRAL_STATUS_CONTACTED, 2, "2026-10-05",
                                   NULL, 0, "Éloïse Garnier", NULL, "Tenue de comptes"));
  g_object_set (page->pdata[2], "deleted", TRUE, NULL);
  g_ptr_array_add (page, referral (R3, BRUNO, ALICE, CERCLE_REFERRAL_STATUS_WON, 3, "2026-09-20",
                                   "2026-11-05", 300000, "Paul Blanc", NULL, "Bilan comptable"));
  g_object_set (page->pdata[3], "notes", "Relancé", NULL);
  g_assert_true (cercle_store_save_all (store, (CercleRecord **)page->pdata, page->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(CercleReferralRows) changes = NULL;
      g_autoptr(CercleReferralRows) after = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *found = NULL;
      guint touched = 0;

      be (store, cases[c].viewer);
      changes = cercle_store_query_referral_changes (store, cases[c].scope, cases[c].search, ids, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (changes->changed->len, ==, 4);
      after = query_board (store, cases[c].scope, cases[c].search);

      g_assert_true (changes->delta);
      g_assert_true (changes->counted);
      g_assert_true (cercle_referral_rows_apply_changes (before[c], changes, &touched));
      expected = board_text (store, after);
      found = board_text (store, before[c]);
      g_assert_cmpstr (found, ==, expected);
      g_assert_cmpint (before[c]->won_cents, ==, after->won_cents);
      for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
        {
          g_assert_cmpmem (before[c]->keys[status]->data, before[c]->keys[status]->len * sizeof (gint32),
                           after->keys[status]->data, after->keys[status]->len * sizeof (gint32));
          /* A column is said to have changed when its rows did */
          g_assert_cmpuint (!!(touched & (1u << status)), ==, !!(expected_touched[c] & (1u << status)));
        }
      cercle_referral_rows_free (before[c]);
    }
}

/* A day the board cannot order as a number (text of another form, from
 * a server) is not put in place by guess: the board asks for every row */
void
test_board_changes_unkeyed (Fixture       *fixture,
                            gconstpointer  user_data)
{
  CercleStore *store = fixture->store;
  g_autoptr(CercleReferralRows) before = NULL;
  g_autoptr(CercleReferralRows) changes = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_after = NULL;
  const char *ids[] = { R1, NULL };
  guint touched = 1;

  be (store, STAFF);
  before = query_board (store, CERCLE_REFERRAL_SCOPE_CLUB, NULL);
  g_assert_true (before->keyed);
  text = board_text (store, before);

  g_ptr_array_add (page, referral (R1, ALICE, BRUNO, CERCLE_REFERRAL_STATUS_ACCEPTED, 4, "2026-11-01",
                                   NULL, 0, "Marc Petit", "Boulangerie Petit", "Un site web"));
  g_object_set (page->pdata[0], "moved-on", "20 novembre", NULL);
  g_assert_true (cercle_store_save_all (store, (CercleRecord **)page->pdata, page->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);

  changes = cercle_store_query_referral_changes (store, CERCLE_REFERRAL_SCOPE_CLUB, NULL, ids, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (changes->keyed);
  g_assert_false (cercle_referral_rows_apply_changes (before, changes, &touched));
  g_assert_cmpuint (touched, ==, 0);
  text_after = board_text (store, before);
  g_assert_cmpstr (text_after, ==, text);
}

/* A first page holds the newest rows of each column, uncounted, and
 * their records and names read already; all of them are counted */
void
test_board_first_page (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(CercleReferralRows) board = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *won = NULL;
  CercleReferral *referral;

  be (fixture->store, STAFF);
  board = cercle_store_query_referral_board (fixture->store, CERCLE_REFERRAL_SCOPE_CLUB, NULL, 1,
                                             NULL, &error);
  g_assert_no_error (error);
  g_assert_false (board->complete);
  g_assert_false (board->counted);
  g_assert_cmpuint (board->rows[CERCLE_REFERRAL_STATUS_WON]->len, ==, 1);
  g_assert_cmpuint (board->needs->len, ==, 1);
  won = ids_of (fixture->store, CERCLE_TYPE_REFERRAL, board->rows[CERCLE_REFERRAL_STATUS_WON]);
  g_assert_cmpstr (won, ==, "r3");

  /* The first cards, ready to show */
  g_assert_cmpuint (board->records[CERCLE_REFERRAL_STATUS_WON]->len, ==, 1);
  referral = g_ptr_array_index (board->records[CERCLE_REFERRAL_STATUS_WON], 0);
  g_assert_cmpstr (cercle_record_get_id (CERCLE_RECORD (referral)), ==, "r3000000-0000-4000-8000-000000000003");
  g_assert_cmpuint (board->need_records->len, ==, 1);
  g_assert_true (g_hash_table_contains (board->names, cercle_referral_get_giver_id (referral)));
  g_assert_nonnull (g_hash_table_lookup (board->names, cercle_referral_get_receiver_id (referral)));

  g_clear_pointer (&board, cercle_referral_rows_free);
  board = cercle_store_query_referral_board (fixture->store, CERCLE_REFERRAL_SCOPE_CLUB, NULL, 0,
                                             NULL, &error);
  g_assert_no_error (error);
  g_assert_true (board->complete);
  g_assert_true (board->counted);
  g_assert_cmpuint (board->counts[CERCLE_REFERRAL_STATUS_WON], ==, 3);
  g_assert_cmpuint (board->n_needs, ==, 2);
  g_assert_cmpuint (board->records[CERCLE_REFERRAL_STATUS_WON]->len, ==, 3);
}

/* The first cards of @first are those @all shows first, the same
 * records, with the same names */
static void
assert_same_first_cards (CercleReferralRows *first,
                         CercleReferralRows *all,
                         guint               page)
{
  for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
    {
      guint n = MIN (page, all->rows[status]->len);

      g_assert_cmpuint (first->rows[status]->len, ==, n);
      g_assert_cmpmem (first->rows[status]->data, n * sizeof (gint64), all->rows[status]->data, n * sizeof (gint64));
      g_assert_cmpuint (first->records[status]->len, ==, n);

      for (guint i = 0; i < n; i++)
        {
          CercleReferral *shown = g_ptr_array_index (first->records[status], i);
          CercleReferral *expected = g_ptr_array_index (all->records[status], i);
          const char *members[] = { cercle_referral_get_giver_id (expected), cercle_referral_get_receiver_id (expected) };

          g_assert_cmpstr (cercle_record_get_id (CERCLE_RECORD (shown)), ==, cercle_record_get_id (CERCLE_RECORD (expected)));
          g_assert_cmpstr (cercle_referral_get_prospect_name (shown), ==, cercle_referral_get_prospect_name (expected));
          g_assert_cmpstr (cercle_referral_get_need (shown), ==, cercle_referral_get_need (expected));
          g_assert_cmpint (cercle_referral_get_amount_cents (shown), ==, cercle_referral_get_amount_cents (expected));

          for (guint k = 0; k < G_N_ELEMENTS (members); k++)
            {
              g_assert_true (g_hash_table_contains (first->names, members[k]));
              g_assert_cmpstr (g_hash_table_lookup (first->names, members[k]), ==,
                               g_hash_table_lookup (all->names, members[k]));
            }
        }
    }
}

/* A first page reads each column's first cards with their rows and
 * names, in one query per column: the same cards, in the same order, as
 * the query of every row, for staff and members, with or without a
 * search, a page shorter or longer than a column */
void
test_board_first_cards (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const struct {
    const char          *member;
    CercleReferralScope  scope;
    const char          *search;
  } cases[] = {
    { STAFF, CERCLE_REFERRAL_SCOPE_CLUB, NULL },
    { STAFF, CERCLE_REFERRAL_SCOPE_CLUB, "lefevre" },
    { ALICE, CERCLE_REFERRAL_SCOPE_MINE, NULL },
    { ALICE, CERCLE_REFERRAL_SCOPE_GIVEN, NULL },
    { BRUNO, CERCLE_REFERRAL_SCOPE_RECEIVED, NULL },
    { ALICE, CERCLE_REFERRAL_SCOPE_CLUB, "audit" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint page = 1; page <= 12; page += 11)
      {
        g_autoptr(CercleReferralRows) first = NULL;
        g_autoptr(CercleReferralRows) all = NULL;
        g_autoptr(GError) error = NULL;

        be (fixture->store, cases[c].member);
        first = cercle_store_query_referral_board (fixture->store, cases[c].scope, cases[c].search, page,
                                                   NULL, &error);
        g_assert_no_error (error);
        all = cercle_store_query_referral_board (fixture->store, cases[c].scope, cases[c].search, 0,
                                                 NULL, &error);
        g_assert_no_error (error);
        assert_same_first_cards (first, all, page);
      }
}

static void
on_board_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError **error = user_data;
  CercleReferralRows *board;

  board = cercle_store_query_referral_board_finish (CERCLE_STORE (object), result, error);
  if (board != NULL)
    {
      g_assert_cmpuint (board->rows[CERCLE_REFERRAL_STATUS_WON]->len, ==, 3);
      cercle_referral_rows_free (board);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
    }
}

static gboolean
error_set (gpointer data)
{
  return *(GError **)data != NULL;
}

void
test_board_async (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) result = NULL;
  g_autoptr(GError) cancelled = NULL;

  cercle_store_query_referral_board_async (fixture->store, CERCLE_REFERRAL_SCOPE_MINE, NULL, 0,
                                           NULL, on_board_ready_cb, &result);
  g_assert_true (cercle_test_wait_for (error_set, &result, 10));
  g_assert_error (result, G_IO_ERROR, G_IO_ERROR_EXISTS);

  g_cancellable_cancel (cancellable);
  cercle_store_query_referral_board_async (fixture->store, CERCLE_REFERRAL_SCOPE_MINE, NULL, 0,
                                           cancellable, on_board_ready_cb, &cancelled);
  g_assert_true (cercle_test_wait_for (error_set, &cancelled, 10));
  g_assert_error (cancelled, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}
