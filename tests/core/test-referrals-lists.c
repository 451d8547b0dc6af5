/* test-referrals-lists.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "test-referrals.h"

/* The store beneath the board: an older club's migration, and the
 * live record lists its columns are */

/* A club of the version before gets its one-to-ones' authors and its
 * referrals' last moves; no consent is made up for contact details passed
 * before consent was recorded (the server logs each consent given) */
void
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

void
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
