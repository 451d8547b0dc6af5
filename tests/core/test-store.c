/* test-store.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One test program for the store, its cases in test-store-*.c by
 * concern; here the fixture and helpers they share, and the list of cases */

#include "config.h"

#include "test-store.h"

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cercle-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "club.db", NULL);
  g_assert_true (cercle_store_create (fixture->path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->store = cercle_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

void
remove_dir (const char *dir)
{
  cercle_test_remove_dir (dir);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  cercle_test_release_store (fixture->store);
  remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

CercleMember *
make_member (const char *first_name,
             const char *last_name,
             const char *company)
{
  return g_object_new (CERCLE_TYPE_MEMBER,
                       "first-name", first_name,
                       "last-name", last_name,
                       "company", company,
                       NULL);
}

void
save_or_die (CercleStore *store,
             gpointer     record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cercle_store_save (store, record, &error));
  g_assert_no_error (error);
}

guint
outbox_length (CercleStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) outbox = cercle_store_dup_outbox (store, &error);

  g_assert_no_error (error);
  return json_array_get_length (outbox);
}

GStrv
search_names (CercleStore *store,
              const char  *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) results = cercle_store_search_members (store, query, NULL, &error);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (results) == CERCLE_TYPE_MEMBER);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CercleMember) member = g_list_model_get_item (results, i);

      g_strv_builder_add (names, cercle_member_get_last_name (member));
    }

  return g_strv_builder_end (names);
}

void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cercle/store/member-crud", test_member_crud);
  ADD ("/cercle/store/every-entity-crud", test_every_entity_crud);
  ADD ("/cercle/store/lists", test_lists);
  ADD ("/cercle/store/registration-unique", test_registration_unique);
  ADD ("/cercle/store/search", test_search);
  ADD ("/cercle/store/search-ranking", test_search_ranking);
  ADD ("/cercle/store/search-relevance", test_search_relevance);
  ADD ("/cercle/store/search-async", test_search_async);
  ADD ("/cercle/store/search-kept-words", test_search_kept_words);
  ADD ("/cercle/store/outbox-and-history", test_outbox_and_history);
  ADD ("/cercle/store/failed-write-leaves-nothing", test_failed_write_leaves_nothing);
  ADD ("/cercle/store/changed-signal", test_changed_signal);
  ADD ("/cercle/store/local-member", test_local_member);
  ADD ("/cercle/store/crafted-row-numbers", test_crafted_row_numbers);

#undef ADD

  g_test_add_func ("/cercle/store/migrate-from-version-1", test_migrate_from_version_1);
  g_test_add_func ("/cercle/store/refuses-newer-schema", test_refuses_newer_schema);
  g_test_add_func ("/cercle/store/corrupt-files", test_corrupt_files);
  g_test_add_func ("/cercle/store/foreign-files-untouched", test_foreign_files_untouched);
  g_test_add_func ("/cercle/store/missing-path", test_missing_path);
  g_test_add_func ("/cercle/store/concurrent-openers", test_concurrent_openers);
  g_test_add_func ("/cercle/store/concurrent-creators", test_concurrent_creators);
  g_test_add_func ("/cercle/store/create-is-all-or-nothing", test_create_is_all_or_nothing);
  g_test_add_func ("/cercle/store/create-local-club", test_create_local_club);

  return g_test_run ();
}
