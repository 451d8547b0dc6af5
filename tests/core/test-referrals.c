/* test-referrals.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "cercle-core.h"
#include "cercle-store-private.h"
#include "cercle-test-utils.h"

/* The referral board's store: its queries on a hand-built club whose every
 * figure is known, what each member may see of it, and the writes that
 * pass, move and close. */

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

static CercleRecord *
member (const char       *id,
        const char       *first_name,
        const char       *last_name,
        CercleMemberRole  role)
{
  return g_object_new (CERCLE_TYPE_MEMBER, "id", id, "first-name", first_name,
                       "last-name", last_name, "role", role, "sector", "Conseil", NULL);
}

static CercleRecord *
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

static void
be (CercleStore *store,
    const char  *member_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cercle_store_set_local_member (store, member_id, &error));
  g_assert_no_error (error);
  cercle_store_flush_changes (store);
}

static void
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

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  cercle_test_release_store (fixture->store);
  cercle_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The ids of the records at @rows, in order, joined by spaces */
static char *
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

static CercleReferralRows *
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
static void
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

static void
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

/* The board's rows after @changes applied to @before, as the board does */
static void
apply_changes (CercleReferralRows *before,
               CercleReferralRows *changes)
{
  g_autoptr(GHashTable) changed = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_assert_true (changes->delta);
  g_assert_true (changes->counted);
  for (guint i = 0; i < changes->changed->len; i++)
    g_hash_table_add (changed, &g_array_index (changes->changed, gint64, i));

  for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
    {
      GArray *rows = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; i < before->rows[status]->len; i++)
        if (!g_hash_table_contains (changed, &g_array_index (before->rows[status], gint64, i)))
          g_array_append_val (rows, g_array_index (before->rows[status], gint64, i));
      for (guint k = 0; k < changes->rows[status]->len; k++)
        g_array_insert_val (rows, MIN (g_array_index (changes->positions[status], guint, k), rows->len),
                            g_array_index (changes->rows[status], gint64, k));

      g_array_unref (before->rows[status]);
      before->rows[status] = rows;
      before->counts[status] = changes->counts[status];
    }
}

/* A few referrals changed: where the query of changes puts them is where
 * the query of every row finds them, for staff and for a member, with a
 * search, for a referral moved to the top of its column, one moved to the
 * middle of another, one withdrawn and one the viewer may not see */
static void
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

      be (store, cases[c].viewer);
      changes = cercle_store_query_referral_changes (store, cases[c].scope, cases[c].search, ids, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (changes->changed->len, ==, 4);
      after = query_board (store, cases[c].scope, cases[c].search);

      apply_changes (before[c], changes);
      expected = board_text (store, after);
      found = board_text (store, before[c]);
      g_assert_cmpstr (found, ==, expected);
      g_assert_cmpint (changes->won_cents, ==, after->won_cents);
      cercle_referral_rows_free (before[c]);
    }
}

/* A first page holds the newest rows of each column, uncounted, and
 * their records and names read already; all of them are counted */
static void
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
static void
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

static void
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

static CercleMemberSeason *
activity_of (CercleReferralStats *stats,
             const char          *member_id)
{
  for (guint i = 0; i < stats->members->len; i++)
    {
      CercleMemberSeason *activity = g_ptr_array_index (stats->members, i);

      if (g_str_equal (activity->member_id, member_id))
        return activity;
    }

  g_assert_not_reached ();
}

static CercleReferralStats *
compute_stats (CercleStore *store,
               int          season)
{
  g_autoptr(GError) error = NULL;
  CercleReferralStats *stats = cercle_store_compute_referral_stats (store, season, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stats);

  return stats;
}

static void
test_stats (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(CercleReferralStats) stats = compute_stats (fixture->store, 2026);
  g_autoptr(CercleReferralStats) staff_stats = NULL;
  g_autoptr(CercleReferralStats) last_season = NULL;
  CercleMemberSeason *alice, *bruno, *clara;

  /* Club-wide: counts and totals */
  g_assert_cmpint (stats->season, ==, 2026);
  g_assert_cmpuint (stats->n_given, ==, 6);
  g_assert_cmpuint (stats->n_won, ==, 3);
  g_assert_cmpuint (stats->n_closed, ==, 5);
  g_assert_cmpint (stats->total_cents, ==, 1600000);
  g_assert_cmpint (stats->month_cents[0], ==, 50000);      /* September */
  g_assert_cmpint (stats->month_cents[1], ==, 1250000);    /* October */
  g_assert_cmpint (stats->month_cents[2], ==, 300000);     /* November */
  g_assert_cmpint (stats->month_cents[3], ==, 0);
  g_assert_cmpuint (stats->month_won[1], ==, 1);
  g_assert_cmpuint (stats->n_one_to_ones, ==, 2);

  /* Conversion by temperature, over what closed */
  g_assert_cmpfloat (cercle_referral_stats_conversion (stats, 1), ==, 0.0);
  g_assert_cmpfloat (cercle_referral_stats_conversion (stats, 2), ==, -1.0);
  g_assert_cmpfloat (cercle_referral_stats_conversion (stats, 3), ==, 0.5);
  g_assert_cmpfloat (cercle_referral_stats_conversion (stats, 4), ==, 1.0);
  g_assert_cmpfloat (cercle_referral_stats_conversion (stats, 5), ==, 1.0);

  /* Member by member, in name order (Durand, Lefèvre, Martin, Roux) */
  g_assert_cmpuint (stats->members->len, ==, 4);
  g_assert_cmpstr (((CercleMemberSeason *)stats->members->pdata[0])->name, ==, "Bruno Durand");
  g_assert_cmpstr (((CercleMemberSeason *)stats->members->pdata[3])->name, ==, "Hélène Roux");
  alice = activity_of (stats, ALICE);
  bruno = activity_of (stats, BRUNO);
  clara = activity_of (stats, CLARA);
  g_assert_cmpuint (alice->given, ==, 2);
  g_assert_cmpuint (alice->received, ==, 2);
  g_assert_cmpuint (bruno->given, ==, 2);
  g_assert_cmpuint (bruno->received, ==, 3);
  g_assert_cmpuint (clara->given, ==, 2);
  g_assert_cmpuint (clara->received, ==, 1);
  g_assert_cmpuint (bruno->won, ==, 1);
  g_assert_cmpuint (alice->one_to_ones, ==, 1);
  g_assert_cmpuint (bruno->one_to_ones, ==, 2);
  g_assert_cmpuint (clara->one_to_ones, ==, 1);

  /* Alice sees her own business closed, not the others': the club does
   * not rank it */
  g_assert_cmpint (alice->business_cents, ==, 300000);
  g_assert_cmpint (bruno->business_cents, ==, -1);
  g_assert_cmpint (clara->business_cents, ==, -1);

  be (fixture->store, STAFF);
  staff_stats = compute_stats (fixture->store, 2026);
  g_assert_cmpint (activity_of (staff_stats, BRUNO)->business_cents, ==, 1250000);
  g_assert_cmpint (activity_of (staff_stats, CLARA)->business_cents, ==, 50000);

  /* Last season: R7 was given then, and the old one-to-one */
  last_season = compute_stats (fixture->store, 2025);
  g_assert_cmpuint (last_season->n_given, ==, 1);
  g_assert_cmpuint (last_season->n_won, ==, 0);
  g_assert_cmpuint (last_season->n_one_to_ones, ==, 1);
}

/* When the club ranks business, everyone sees it member by member */
static void
test_stats_ranking (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(CercleClub) club = NULL;
  g_autoptr(CercleReferralStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  club = cercle_store_dup_club (fixture->store, &error);
  g_assert_no_error (error);
  g_object_set (club, "rank-business", TRUE, NULL);
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)&club, 1,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);

  stats = compute_stats (fixture->store, 2026);
  g_assert_cmpint (activity_of (stats, BRUNO)->business_cents, ==, 1250000);
}

static void
test_stats_csv (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(CercleReferralStats) stats = compute_stats (fixture->store, 2026);
  g_autoptr(CercleReferralStats) copy = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  /* A name someone typed to be run by a spreadsheet is written as text */
  cercle_referral_stats_add_member (stats, "x", "=HYPERLINK(\"http://x\")")->business_cents = -1;
  copy = cercle_referral_stats_copy (stats);
  csv = cercle_referral_stats_to_csv (copy);
  lines = g_strsplit (csv, "\r\n", -1);

  g_assert_true (g_str_has_prefix (lines[0], "\xef\xbb\xbfMember;Referrals given;"));
  g_assert_cmpstr (lines[1], ==, "Bruno Durand;2;3;1;;2");
  g_assert_cmpstr (lines[3], ==, "Alice Martin;2;2;1;3000.00;1");
  g_assert_cmpstr (lines[5], ==, "\"'=HYPERLINK(\"\"http://x\"\")\";0;0;0;;0");
  g_assert_cmpstr (lines[6], ==, "");
  /* Nothing of any prospect, of course */
  g_assert_null (strstr (csv, "Petit"));
}

static void
test_season (void)
{
  char first[11], after[11];
  g_autofree char *name = cercle_format_season (2026);

  g_assert_cmpint (cercle_season_of_day ("2026-09-01"), ==, 2026);
  g_assert_cmpint (cercle_season_of_day ("2027-08-31"), ==, 2026);
  g_assert_cmpint (cercle_season_of_day ("2026-08-31"), ==, 2025);
  g_assert_cmpint (cercle_season_of_day ("nonsense"), ==, 0);
  g_assert_cmpint (cercle_season_month_index ("2026-09-14"), ==, 0);
  g_assert_cmpint (cercle_season_month_index ("2027-01-02"), ==, 4);
  g_assert_cmpint (cercle_season_month_index ("2027-08-02"), ==, 11);
  cercle_season_bounds (2026, first, after);
  g_assert_cmpstr (first, ==, "2026-09-01");
  g_assert_cmpstr (after, ==, "2027-09-01");
  g_assert_cmpstr (name, ==, "2026–2027");
}

/* Moves go through the rules: the receiver moves, the giver watches */
static void
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

static void
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

static void
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

static void
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

static void
test_sectors (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sectors = cercle_store_dup_sectors (fixture->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (sectors), ==, 1);
  g_assert_cmpstr (sectors[0], ==, "Conseil");
}

/* A club of the version before gets its one-to-ones' authors and its
 * referrals' last moves; no consent is made up for contact details passed
 * before consent was recorded (the server logs each consent given) */
static void
test_migration (void)
{
  g_autofree char *dir = cercle_test_make_dir ("referrals-migration");
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(CercleOneToOne) one_to_one = NULL;
  g_autoptr(CercleReferral) open = NULL;
  g_autoptr(CercleReferral) closed = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, cercle_store_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, cercle_store_migrations[1], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 2;"
                                 "INSERT INTO member (id, first_name) VALUES ('" ALICE "', 'Alice');"
                                 "INSERT INTO member (id, first_name) VALUES ('" BRUNO "', 'Bruno');"
                                 "INSERT INTO one_to_one (id, member_a_id, member_b_id, met_on)"
                                 " VALUES ('o', '" BRUNO "', '" ALICE "', '2026-01-01');"
                                 "INSERT INTO referral (id, giver_id, receiver_id, given_on, prospect_contact)"
                                 " VALUES ('open', '" ALICE "', '" BRUNO "', '2026-01-01', 'x@y.fr');"
                                 "INSERT INTO referral (id, giver_id, receiver_id, given_on, closed_on, status)"
                                 " VALUES ('closed', '" ALICE "', '" BRUNO "', '2026-01-01', '2026-02-01', 'lost');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = cercle_store_open (path, &error);
  g_assert_no_error (error);

  one_to_one = cercle_store_get_record (store, CERCLE_TYPE_ONE_TO_ONE, "o", &error);
  g_assert_cmpstr (cercle_one_to_one_get_author_id (one_to_one), ==, BRUNO);
  open = cercle_store_get_record (store, CERCLE_TYPE_REFERRAL, "open", &error);
  g_assert_cmpstr (cercle_referral_get_moved_on (open), ==, "2026-01-01");
  g_assert_false (cercle_referral_get_prospect_consent (open));
  closed = cercle_store_get_record (store, CERCLE_TYPE_REFERRAL, "closed", &error);
  g_assert_cmpstr (cercle_referral_get_moved_on (closed), ==, "2026-02-01");
  g_assert_false (cercle_referral_get_prospect_consent (closed));

  g_assert_finalize_object (g_steal_pointer (&store));
  cercle_test_remove_dir (dir);
}

static void
test_parse_money (void)
{
  static const struct {
    const char *text;
    gint64      cents;
  } good[] = {
    { "12500", 1250000 },
    { "12 500,00", 1250000 },
    { "12\u00a0500,00\u00a0€", 1250000 },
    { "12\u202f500 €", 1250000 },
    { "€12,500.50", 1250050 },
    { "12.500,5", 1250050 },
    { "1,500", 150000 },
    { "1.500", 150000 },
    { "12,5", 1250 },
    { "0,99", 99 },
    { "  300 EUR ", 30000 },
    { "1'250.00", 125000 },
    { "007", 700 },
  };
  static const char * const bad[] = {
    "", "  ", "€", "douze", "-12", "−12", "12,345,67", "1,2,3", "12 50", "12.", ",50",
    "1e5", "12,500.5.0", "100000000000000", "12 500,00 $", "0x10",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 cents = -1;

      if (!cercle_parse_money (good[i].text, &cents, &error))
        g_error ("“%s” not read: %s", good[i].text, error->message);
      if (cents != good[i].cents)
        g_error ("“%s” read as %" G_GINT64_FORMAT " cents", good[i].text, cents);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 cents = -1;

      if (cercle_parse_money (bad[i], &cents, &error))
        g_error ("“%s” read as %" G_GINT64_FORMAT " cents", bad[i], cents);
      g_assert_error (error, CERCLE_FORMAT_ERROR, CERCLE_FORMAT_ERROR_INVALID);
      g_assert_cmpint (cents, ==, 0);
    }
}

/* In French, amounts are "12 500,00 €" and read back as they are written */
static void
test_money_french (void)
{
  const char *saved = setlocale (LC_ALL, NULL);
  g_autofree char *previous = g_strdup (saved);
  g_autofree char *text = NULL;
  gint64 cents = 0;

  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("the fr_FR.UTF-8 locale is missing (build-aux/dev makes it)");
      return;
    }

  text = cercle_format_money (1250000);
  g_assert_true (g_str_equal (text, "12\u202f500,00\u00a0€") || g_str_equal (text, "12\u00a0500,00\u00a0€"));
  g_assert_true (cercle_parse_money (text, &cents, NULL));
  g_assert_cmpint (cents, ==, 1250000);

  setlocale (LC_ALL, previous);
}

/* A record list changed into another keeps the objects of the rows that
 * stay, and tells its views exactly the changes that turn one into the
 * other, however the rows were shuffled; replaced (user_data), it does
 * so in one change */
typedef struct
{
  GPtrArray *mirror;
  GListModel *model;
  guint       n_changes;
} Mirror;

static void
on_mirror_changed_cb (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      Mirror     *mirror)
{
  mirror->n_changes++;
  g_ptr_array_remove_range (mirror->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->mirror, (int)(position + i), g_list_model_get_item (model, position + i));
}

static void
test_record_list_diff (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CercleRecordList) list = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  Mirror mirror = { g_ptr_array_new_with_free_func (g_object_unref), NULL, 0 };
  gboolean replace = GPOINTER_TO_INT (user_data);

  /* Rows of referrals that exist, so that each loads as itself */
  for (gint64 row = 1; row <= 8; row++)
    g_array_append_val (rows, row);
  list = cercle_record_list_new (fixture->store, CERCLE_TYPE_REFERRAL, rows);
  mirror.model = G_LIST_MODEL (list);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (mirror.mirror, g_list_model_get_item (G_LIST_MODEL (list), i));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_mirror_changed_cb), &mirror);

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GArray) next = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GHashTable) before = g_hash_table_new (g_int64_hash, g_int64_equal);
      guint kind = round % 4;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
        {
          gint64 *row = g_new (gint64, 1);

          *row = cercle_record_list_get_row (list, i);
          g_hash_table_insert (before, row, g_ptr_array_index (mirror.mirror, i));
        }

      /* Appended pages, moves, and anything at all */
      g_array_append_vals (next, rows->data, rows->len);
      if (kind == 0)
        for (guint i = 0; i < 3; i++)
          {
            gint64 row = g_rand_int_range (rand, 1, 9);
            g_array_append_val (next, row);
          }
      else if (kind == 1 && next->len > 1)
        {
          guint from = g_rand_int_range (rand, 0, next->len);
          gint64 row = g_array_index (next, gint64, from);

          g_array_remove_index (next, from);
          g_array_insert_val (next, 0, row);
        }
      else
        {
          g_array_set_size (next, 0);
          for (gint64 row = 1; row <= 8; row++)
            if (g_rand_boolean (rand))
              g_array_insert_val (next, g_rand_int_range (rand, 0, next->len + 1), row);
        }

      /* Rows are unique in a list */
      {
        g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
        g_autoptr(GArray) unique = g_array_new (FALSE, FALSE, sizeof (gint64));

        for (guint i = 0; i < next->len; i++)
          if (g_hash_table_add (seen, &g_array_index (next, gint64, i)))
            g_array_append_val (unique, g_array_index (next, gint64, i));
        g_array_set_size (next, 0);
        g_array_append_vals (next, unique->data, unique->len);
      }

      mirror.n_changes = 0;
      if (replace)
        cercle_record_list_replace_rows (list, next);
      else
        cercle_record_list_set_rows (list, next);

      if (replace)
        g_assert_cmpuint (mirror.n_changes, <=, 1);
      g_assert_cmpuint (mirror.mirror->len, ==, next->len);
      for (guint i = 0; i < next->len; i++)
        {
          gint64 row = g_array_index (next, gint64, i);
          g_autoptr(CercleRecord) item = g_list_model_get_item (G_LIST_MODEL (list), i);
          gpointer kept = g_hash_table_lookup (before, &row);

          g_assert_cmpint (cercle_record_list_get_row (list, i), ==, row);
          g_assert_true (g_ptr_array_index (mirror.mirror, i) == item);
          if (kept != NULL)
            g_assert_true (kept == item);
        }

      g_hash_table_foreach (before, (GHFunc)g_free, NULL);
      g_array_set_size (rows, 0);
      g_array_append_vals (rows, next->data, next->len);
    }

  g_signal_handlers_disconnect_by_data (list, &mirror);
  g_ptr_array_unref (mirror.mirror);
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
