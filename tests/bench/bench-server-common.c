/* bench-server-common.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-server-common.h"

void
bench_pusher_clear (BenchPusher *pusher)
{
  g_clear_pointer (&pusher->client, cercle_test_server_free);
  g_clear_pointer (&pusher->email, g_free);
  g_clear_pointer (&pusher->member_id, g_free);
  g_clear_pointer (&pusher->club_id, g_free);
  g_clear_pointer (&pusher->client_id, g_free);
  g_clear_pointer (&pusher->token, g_free);
  g_clear_pointer (&pusher->previous, g_free);
}

/* Plain members with an account, chosen as @pick says (@club_id for
 * BENCH_PICK_ONE_CLUB), from the export of the server's database: JSON
 * Lines, read a line at a time as the import does */
void
bench_pick_pushers (const char  *export_path,
                    BenchPick    pick,
                    const char  *club_id,
                    BenchPusher *pushers,
                    guint        n_pushers)
{
  g_autoptr(GFile) file = g_file_new_for_path (export_path);
  g_autoptr(GFileInputStream) file_in = g_file_read (file, NULL, NULL);
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (G_INPUT_STREAM (file_in));
  g_autoptr(GHashTable) plain_members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) clubs_taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) memberships = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  char *text;
  guint n = 0;

  g_assert_true (pick != BENCH_PICK_ONE_CLUB || club_id != NULL);

  while ((text = g_data_input_stream_read_line_utf8 (in, NULL, NULL, NULL)) != NULL)
    {
      g_autoptr(JsonObject) line = cercle_json_parse_object (text, -1, 8, NULL);
      const char *table = line != NULL ? json_object_get_string_member_with_default (line, "table", "") : "";
      JsonObject *row = *table != '\0' ? json_object_get_object_member (line, "row") : NULL;

      g_free (text);
      if (g_str_equal (table, "member") && g_strcmp0 (json_object_get_string_member (row, "role"), "member") == 0)
        g_hash_table_add (plain_members, g_strdup (json_object_get_string_member (row, "id")));
      else if (g_str_equal (table, "account"))
        g_hash_table_insert (emails, g_strdup (json_object_get_string_member (row, "id")),
                             g_strdup (json_object_get_string_member (row, "email")));
      else if (g_str_equal (table, "membership"))
        g_ptr_array_add (memberships, json_object_ref (row));
    }

  for (guint i = 0; i < memberships->len && n < n_pushers; i++)
    {
      JsonObject *membership = g_ptr_array_index (memberships, i);
      const char *member_id = json_object_get_string_member (membership, "member_id");
      const char *member_club = json_object_get_string_member (membership, "club_id");

      if (!g_hash_table_contains (plain_members, member_id) ||
          (pick == BENCH_PICK_SPREAD && g_hash_table_contains (clubs_taken, member_club)) ||
          (pick == BENCH_PICK_ONE_CLUB && g_strcmp0 (member_club, club_id) != 0))
        continue;

      g_hash_table_add (clubs_taken, g_strdup (member_club));
      pushers[n].email = g_strdup (g_hash_table_lookup (emails, json_object_get_string_member (membership,
                                                                                                "account_id")));
      pushers[n].member_id = g_strdup (member_id);
      pushers[n].club_id = g_strdup (member_club);
      n++;
    }
  g_assert_cmpuint (n, ==, n_pushers);
}

static gpointer
push_thread (gpointer data)
{
  BenchPusher *pusher = data;
  gint64 mutation_no = 0;

  for (guint push = 0; push < pusher->n_pushes; push++)
    {
      JsonArray *mutations = json_array_new ();
      g_autoptr(JsonObject) answer = NULL;
      guint status = 0;

      for (guint m = 0; m < pusher->batch; m++)
        json_array_add_object_element (mutations, pusher->mutation (pusher, ++mutation_no));

      answer = cercle_test_push (pusher->client, pusher->token, pusher->club_id, pusher->client_id,
                                 mutations, &status);
      g_assert_cmpuint (status, ==, 200);
      for (guint m = 0; m < pusher->batch; m++)
        if (g_strcmp0 (cercle_test_result_status (answer, m), "applied") == 0)
          pusher->n_applied++;
    }

  return NULL;
}

/* Mutations per second of @n_pushers devices spread over the first
 * @n_servers of @servers, each a new device (client id) pushing
 * @n_pushes batches of @batch mutations made by @mutation, at once */
double
bench_measure_push (CercleTestServer  **servers,
                    guint               n_servers,
                    BenchPusher        *pushers,
                    guint               n_pushers,
                    guint               n_pushes,
                    guint               batch,
                    BenchMutationFunc   mutation)
{
  g_autofree GThread **threads = g_new0 (GThread *, n_pushers);
  guint n_applied = 0;
  gint64 start;

  for (guint i = 0; i < n_pushers; i++)
    {
      g_clear_pointer (&pushers[i].client, cercle_test_server_free);
      pushers[i].client = cercle_test_server_new_client (servers[i % n_servers]);
      g_free (pushers[i].client_id);
      pushers[i].client_id = g_uuid_string_random ();
      pushers[i].n_applied = 0;
      pushers[i].mutation = mutation;
      pushers[i].n_pushes = n_pushes;
      pushers[i].batch = batch;
      if (pushers[i].token == NULL)
        pushers[i].token = cercle_test_login (pushers[i].client, pushers[i].email, "bench");
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_pushers; i++)
    threads[i] = g_thread_new ("pusher", push_thread, &pushers[i]);
  for (guint i = 0; i < n_pushers; i++)
    {
      g_thread_join (threads[i]);
      n_applied += pushers[i].n_applied;
    }
  g_assert_cmpuint (n_applied, ==, n_pushers * n_pushes * batch);

  return n_applied / ((double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC);
}
