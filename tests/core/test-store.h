/* test-store.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "cercle-core.h"
#include "cercle-store-private.h"
#include "cercle-test-utils.h"

G_BEGIN_DECLS

/* A new, empty club file of its own for each case */
typedef struct
{
  char        *dir;
  char        *path;
  CercleStore *store;
} Fixture;

void          fixture_set_up    (Fixture       *fixture,
                                 gconstpointer  user_data);
void          fixture_tear_down (Fixture       *fixture,
                                 gconstpointer  user_data);

void          remove_dir        (const char    *dir);
CercleMember *make_member       (const char    *first_name,
                                 const char    *last_name,
                                 const char    *company);
void          save_or_die       (CercleStore   *store,
                                 gpointer       record);
guint         outbox_length     (CercleStore   *store);
GStrv         search_names      (CercleStore   *store,
                                 const char    *query);
void          exec_or_die       (sqlite3       *db,
                                 const char    *sql);

/* test-store-records.c */
void test_member_crud (Fixture *fixture, gconstpointer user_data);
void test_every_entity_crud (Fixture *fixture, gconstpointer user_data);
void test_lists (Fixture *fixture, gconstpointer user_data);
void test_registration_unique (Fixture *fixture, gconstpointer user_data);
void test_local_member (Fixture *fixture, gconstpointer user_data);

/* test-store-search.c */
void test_search (Fixture *fixture, gconstpointer user_data);
void test_search_ranking (Fixture *fixture, gconstpointer user_data);
void test_search_relevance (Fixture *fixture, gconstpointer user_data);
void test_search_async (Fixture *fixture, gconstpointer user_data);
void test_search_kept_words (Fixture *fixture, gconstpointer user_data);
void test_crafted_row_numbers (Fixture *fixture, gconstpointer user_data);

/* test-store-writing.c */
void test_outbox_and_history (Fixture *fixture, gconstpointer user_data);
void test_failed_write_leaves_nothing (Fixture *fixture, gconstpointer user_data);
void test_changed_signal (Fixture *fixture, gconstpointer user_data);

/* test-store-open.c */
void test_migrate_from_version_1 (void);
void test_refuses_newer_schema (void);
void test_corrupt_files (void);
void test_foreign_files_untouched (void);
void test_missing_path (void);
void test_concurrent_openers (void);
void test_concurrent_creators (void);
void test_create_is_all_or_nothing (void);
void test_create_local_club (void);

G_END_DECLS
