/* test-store-threads.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cercle-core.h"
#include "cercle-store-private.h"
#include "cercle-test-utils.h"

/* What the store's threads share: workers (the referral board's) read
 * records with the store's SQL of each entity, and may be the first to
 * ask for it while other threads do too. */

#define N_THREADS 8
#define N_ROUNDS  20

typedef struct
{
  CercleStore     *store;
  volatile gint   *go;
  CercleRecordSql *seen[CERCLE_N_ENTITIES];
} Asker;

static gpointer
ask_for_sql (gpointer data)
{
  Asker *asker = data;

  /* All at once, to give a race every chance */
  while (!g_atomic_int_get (asker->go))
    ;

  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    asker->seen[entity] = _cercle_store_get_sql (asker->store, entity);

  return NULL;
}

/* Threads asking for an entity's SQL at the same moment all get the one
 * the store keeps (and frees): none is made twice, none is half made. */
static void
test_sql_made_once (void)
{
  g_autofree char *dir = cercle_test_make_dir ("store-threads");
  g_autofree char *path = g_build_filename (dir, "club.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (cercle_store_create (path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      CercleStore *store = cercle_store_open (path, &error);
      Asker askers[N_THREADS] = { { NULL, }, };
      GThread *threads[N_THREADS];
      volatile gint go = 0;

      g_assert_no_error (error);

      for (guint i = 0; i < N_THREADS; i++)
        {
          askers[i].store = store;
          askers[i].go = &go;
          threads[i] = g_thread_new ("sql-asker", ask_for_sql, &askers[i]);
        }
      g_atomic_int_set (&go, 1);
      for (guint i = 0; i < N_THREADS; i++)
        g_thread_join (threads[i]);

      for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
        for (guint i = 0; i < N_THREADS; i++)
          {
            g_assert_nonnull (askers[i].seen[entity]);
            g_assert_true (askers[i].seen[entity] == store->sql[entity]);
            g_assert_nonnull (askers[i].seen[entity]->select_columns);
          }

      cercle_test_release_store (store);
    }

  cercle_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/store/threads/sql-made-once", test_sql_made_once);

  return g_test_run ();
}
