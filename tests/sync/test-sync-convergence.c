/* test-sync-convergence.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include "convergence.h"
#include "cercle-test-proxy.h"
#include "cercle-test-server.h"
#include "cercle-test-utils.h"

/* A seeded, randomized convergence harness. Three clients (staff, Alice,
 * Bruno) edit every synced kind of row -- profiles, events, registrations
 * and attendance, referrals and their moves, one-to-ones, needs -- while
 * a proxy on loopback between them and the server drops requests, drops
 * answers after the server committed, sends requests twice and delays
 * them; the server is killed with SIGKILL and restarted; a client's sync
 * runs in a process of its own that is killed in the middle of its pull.
 *
 * The proxy logs every answer the server gives to a push, even those it
 * then drops: that log is the server's own account of each change's fate
 * and of the revision (the club's seq) it was applied at. Once the faults
 * stop and everyone synced:
 *
 *  - every client's copy equals what the server sends that client, its
 *    outbox is empty, and no row it made exists twice;
 *  - every edit a client made got an answer, and exactly one verdict:
 *    any later answer to it is a "duplicate" repeating it;
 *  - a refused edit is in the client's rejections; a field that lost to
 *    the server's value is in the client's conflicts with the value the
 *    user typed (unless the user typed that field again since);
 *  - every field holds what the last applied write, in the server's
 *    order, wrote there (the server moving the waitlist up aside), and
 *    every applied deletion holds.
 *
 * Short in the suite; longer with, for example:
 *
 *   CERCLE_CONVERGENCE_ROUNDS=200 CERCLE_CONVERGENCE_SEED=42 \
 *     meson test -C _build sync-convergence --timeout-multiplier 20
 *
 * The seed is printed at the start and on failure: the same seed makes
 * the same edits and the same faults (timings aside). Against a server on
 * PostgreSQL, the same harness runs with the test server's --database. */

/* ---------- the clients ---------- */


static guint32 seed;

static Client *
client_new (CercleTestWorld *world,
            const char      *proxy_url,
            const char      *name,
            const char      *token,
            const char      *member_id,
            const char      *other_id,
            gboolean         staff)
{
  Client *client = g_new0 (Client, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleSyncServer) server = cercle_sync_server_new (proxy_url, NULL, &error);
  g_autofree char *file = g_strconcat (name, ".cercle", NULL);

  g_assert_no_error (error);
  client->name = name;
  client->token = g_strdup (token);
  client->member_id = g_strdup (member_id);
  client->other_id = g_strdup (other_id);
  client->staff = staff;
  client->path = g_build_filename (world->server->dir, file, NULL);
  client->edits = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  client->inserted = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (cercle_store_create (client->path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  client->store = cercle_store_open (client->path, &error);
  g_assert_no_error (error);
  client->client = cercle_sync_client_new (server, client->path, world->club_a, member_id, token);
  /* Small pages: more of them to cut in the middle of */
  cercle_sync_client_set_page_size (client->client, 7);
  client->client_id = cercle_store_dup_client_id (client->store, &error);
  g_assert_no_error (error);

  return client;
}

static void
client_free (Client *client)
{
  cercle_sync_client_close (client->client);
  g_assert_finalize_object (client->client);
  g_clear_pointer (&client->viewer, cercle_viewer_free);
  cercle_test_release_store (client->store);
  g_ptr_array_unref (client->edits);
  g_ptr_array_unref (client->inserted);
  g_clear_pointer (&client->rows, g_ptr_array_unref);
  g_free (client->token);
  g_free (client->member_id);
  g_free (client->other_id);
  g_free (client->client_id);
  g_free (client->path);
  g_free (client);
}

static gboolean
client_sync (Client  *client,
             GError **error)
{
  g_autoptr(CercleChangeSet) changes = cercle_sync_client_sync (client->client, NULL, error);

  if (changes == NULL)
    return FALSE;

  cercle_store_note_external_changes (client->store, changes);
  return TRUE;
}

/* A client's sync in a process of its own, killed in the middle */
static void
sync_in_killed_process (const char *argv0,
                        Client     *client,
                        const char *proxy_url,
                        const char *club_id,
                        GRand      *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *club = g_strdup (club_id);

  /* The copy forgets where it was: the child has a whole club to pull */
  g_assert_true (cercle_store_restart_sync (client->store, &error));
  g_assert_no_error (error);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                            argv0, "--convergence-child", proxy_url, client->path, club, client->token,
                            NULL);
  g_assert_no_error (error);
  g_usleep (g_rand_int_range (rand, 20, 400) * 1000);
  g_subprocess_force_exit (child);
  g_subprocess_wait (child, NULL, NULL);
}

static int
child_main (const char *proxy_url,
            const char *path,
            const char *club_id,
            const char *token)
{
  g_autoptr(CercleSyncServer) server = cercle_sync_server_new (proxy_url, NULL, NULL);
  g_autoptr(CercleSyncClient) client = NULL;

  if (server == NULL)
    return 1;

  client = cercle_sync_client_new (server, path, club_id, NULL, token);
  cercle_sync_client_set_page_size (client, 3);
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(CercleChangeSet) changes = cercle_sync_client_sync (client, NULL, NULL);
    }

  return 0;
}


/* What the server answered to each push of @row_id: to read a failure */
static void
print_pushes (CercleTestProxy *proxy,
              const char      *row_id)
{
  GPtrArray *pushes = cercle_test_proxy_list_pushes (proxy);

  for (guint p = 0; p < pushes->len; p++)
    {
      CercleTestPush *push = g_ptr_array_index (pushes, p);
      g_autofree char *mutation = cercle_json_object_to_string (push->mutation);

      if (!g_str_equal (json_object_get_string_member (push->mutation, "row_id"), row_id))
        continue;

      g_printerr ("# pushed by %s: %s\n", push->client_id, mutation);
      for (guint a = 0; a < push->answers->len; a++)
        {
          g_autofree char *answer = cercle_json_object_to_string (g_ptr_array_index (push->answers, a));

          g_printerr ("#   answered %s\n", answer);
        }
    }
}

static const char * const tables[] = { "club", "member", "event", "registration", "referral",
                                       "one_to_one", "request" };

static void
check_copy_equals_server (CercleTestProxy *proxy,
                          Client          *client)
{
  GPtrArray *rows = client->rows;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *row = g_ptr_array_index (rows, i);
      const char *id = json_object_get_string_member (row, "id");
      CercleEntity entity;
      g_autoptr(CercleRecord) mine = NULL;
      g_autoptr(JsonObject) mine_json = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (cercle_entity_from_name (json_object_get_string_member (row, "entity"), &entity));
      g_hash_table_add (seen, (gpointer)id);

      mine = cercle_store_get_record (client->store, cercle_entity_get_record_type (entity), id, &error);
      if (json_object_get_boolean_member (row, "deleted"))
        {
          if (mine != NULL && !cercle_record_get_deleted (mine))
            g_error ("seed %u: %s still has %s %s, deleted on the server", seed, client->name,
                     cercle_entity_get_name (entity), id);
          continue;
        }

      if (mine == NULL)
        g_error ("seed %u: %s lacks %s %s", seed, client->name, cercle_entity_get_name (entity), id);

      mine_json = cercle_codec_record_to_json (mine);
      if (cercle_record_get_rev (mine) != json_object_get_int_member (row, "rev") ||
          !json_node_equal (json_object_get_member (mine_json, "fields"), json_object_get_member (row, "fields")))
        {
          g_autofree char *a = cercle_json_object_to_string (mine_json);
          g_autofree char *b = cercle_json_object_to_string (row);

          print_pushes (proxy, id);
          g_error ("seed %u: %s's copy differs from the server's:\n  mine   %s\n  server %s", seed,
                   client->name, a, b);
        }
    }

  /* Nothing alive that the server does not send */
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autoptr(GPtrArray) ids = convergence_live_ids (client, tables[t], "");

      for (guint i = 0; i < ids->len; i++)
        if (!g_hash_table_contains (seen, g_ptr_array_index (ids, i)))
          {
            print_pushes (proxy, g_ptr_array_index (ids, i));
            g_error ("seed %u: %s has %s %s, which the server does not have", seed, client->name,
                     tables[t], (char *)g_ptr_array_index (ids, i));
          }
    }

  g_assert_cmpuint (cercle_store_count_outbox (client->store, NULL), ==, 0);
}

/* ---------- what the server did, from its answers ---------- */

/* One field's value as the server wrote it, at a revision */
typedef struct
{
  gint64      rev;
  JsonNode   *value;
  Client     *client;
  gint64      mutation_no;
} Write;

typedef struct
{
  guint n_applied;
  guint n_conflicts;
  guint n_rejected;
  guint n_duplicates;
} Tally;

static Client *
client_of (Client     **clients,
           guint        n_clients,
           const char  *client_id)
{
  for (guint c = 0; c < n_clients; c++)
    if (g_strcmp0 (clients[c]->client_id, client_id) == 0)
      return clients[c];

  return NULL;
}

static char *
describe (Client     *client,
          JsonObject *mutation)
{
  g_autofree char *changes = cercle_json_object_to_string (json_object_get_object_member (mutation, "changes"));

  return g_strdup_printf ("%s's change %" G_GINT64_FORMAT " (%s %s of %s %s)", client->name,
                          json_object_get_int_member (mutation, "mutation_no"),
                          json_object_get_string_member (mutation, "op"), changes,
                          json_object_get_string_member (mutation, "entity"),
                          json_object_get_string_member (mutation, "row_id"));
}

/* The server's verdict: its first answer; every later one must repeat it
 * as a duplicate, or the change was applied twice */
static JsonObject *
verdict (CercleTestPush *push,
         Client         *client,
         const char    **status,
         Tally          *tally)
{
  JsonObject *first = g_ptr_array_index (push->answers, 0);
  const char *first_status = json_object_get_string_member (first, "status");

  if (g_str_equal (first_status, "duplicate"))
    first_status = json_object_get_string_member (first, "first_status");

  for (guint i = 1; i < push->answers->len; i++)
    {
      JsonObject *again = g_ptr_array_index (push->answers, i);
      g_autofree char *what = describe (client, push->mutation);

      if (!g_str_equal (json_object_get_string_member (again, "status"), "duplicate") ||
          g_strcmp0 (json_object_get_string_member_with_default (again, "first_status", NULL),
                     first_status) != 0 ||
          json_object_get_int_member_with_default (again, "rev", 0) !=
          json_object_get_int_member_with_default (first, "rev", 0))
        g_error ("seed %u: %s was answered %s, then %s: applied more than once", seed, what,
                 first_status, json_object_get_string_member (again, "status"));
      tally->n_duplicates++;
    }

  *status = first_status;
  return first;
}

static gboolean
names_field (JsonObject *answer,
             const char *column)
{
  JsonArray *fields;

  if (!json_object_has_member (answer, "fields") || json_object_get_null_member (answer, "fields"))
    return FALSE;

  fields = json_object_get_array_member (answer, "fields");
  for (guint i = 0; i < json_array_get_length (fields); i++)
    if (g_strcmp0 (json_array_get_string_element (fields, i), column) == 0)
      return TRUE;

  return FALSE;
}

/* Whether @column of a change the server answered with @answer lost to
 * the server's value: all of them when the row was gone */
static gboolean
field_conflicted (JsonObject *answer,
                  const char *status,
                  const char *column)
{
  JsonArray *fields;

  if (!g_str_equal (status, "conflict"))
    return FALSE;

  fields = json_object_has_member (answer, "fields") && !json_object_get_null_member (answer, "fields") ?
           json_object_get_array_member (answer, "fields") : NULL;

  return fields == NULL || json_array_get_length (fields) == 0 || names_field (answer, column);
}

/* A field's new value as the server wrote it: the answer's row says, when
 * the server decided (the waitlist) */
static JsonNode *
written_value (JsonObject *mutation,
               JsonObject *answer,
               const char *column)
{
  JsonObject *change = json_object_get_object_member (json_object_get_object_member (mutation, "changes"),
                                                      column);

  if (json_object_has_member (answer, "row") && !json_object_get_null_member (answer, "row"))
    {
      JsonObject *fields = json_object_get_object_member (json_object_get_object_member (answer, "row"),
                                                          "fields");

      if (fields != NULL && json_object_has_member (fields, column))
        return json_object_get_member (fields, column);
    }

  return json_object_get_member (change, "new");
}

/* Every field write the server applied, by "row_id/column", from the
 * answers it gave; a deletion writes "deleted" */
static GHashTable *
collect_writes (CercleTestProxy  *proxy,
                Client          **clients,
                guint             n_clients)
{
  GHashTable *writes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)g_ptr_array_unref);
  GPtrArray *pushes = cercle_test_proxy_list_pushes (proxy);
  static JsonNode *yes;

  if (yes == NULL)
    {
      yes = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (yes, TRUE);
    }

  for (guint p = 0; p < pushes->len; p++)
    {
      CercleTestPush *push = g_ptr_array_index (pushes, p);
      Client *client = client_of (clients, n_clients, push->client_id);
      JsonObject *answer = g_ptr_array_index (push->answers, 0);
      const char *status = json_object_get_string_member (answer, "status");
      const char *row_id = json_object_get_string_member (push->mutation, "row_id");
      JsonObject *changes = json_object_get_object_member (push->mutation, "changes");
      g_autoptr(GList) columns = json_object_get_members (changes);

      g_assert_nonnull (client);
      if (g_str_equal (status, "duplicate"))
        status = json_object_get_string_member (answer, "first_status");
      if (!g_str_equal (status, "applied") && !g_str_equal (status, "conflict"))
        continue;

      if (g_str_equal (json_object_get_string_member (push->mutation, "op"), "delete"))
        columns = g_list_prepend (columns, (gpointer)"deleted");

      for (GList *l = columns; l != NULL; l = l->next)
        {
          g_autofree char *key = g_strconcat (row_id, "/", l->data, NULL);
          GPtrArray *list = g_hash_table_lookup (writes, key);
          Write *write;

          if (field_conflicted (answer, status, l->data))
            continue;

          if (list == NULL)
            {
              list = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (writes, g_strdup (key), list);
            }

          write = g_new0 (Write, 1);
          write->rev = json_object_get_int_member_with_default (answer, "rev", 0);
          write->value = g_str_equal (l->data, "deleted") ? yes : written_value (push->mutation, answer, l->data);
          write->client = client;
          write->mutation_no = push->mutation_no;
          g_ptr_array_add (list, write);
        }
    }

  return writes;
}

static gboolean
node_is_string (JsonNode   *node,
                const char *text)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         g_str_equal (json_node_get_string (node), text);
}

/* The server's order: each field holds what its last applied write (in
 * revision order) wrote, unless the row is gone. Seen by the writer, who
 * may see it (a one-to-one's notes are its author's alone). */
static void
check_last_write_wins (GHashTable *writes)
{
  GHashTableIter iter;
  const char *key;
  GPtrArray *list;

  g_hash_table_iter_init (&iter, writes);
  while (g_hash_table_iter_next (&iter, (gpointer *)&key, (gpointer *)&list))
    {
      g_auto(GStrv) parts = g_strsplit (key, "/", 2);
      Write *last = NULL;
      JsonObject *row;
      JsonNode *final;
      gboolean matches = FALSE;
      gboolean waitlisted = FALSE;

      for (guint i = 0; i < list->len; i++)
        {
          Write *write = g_ptr_array_index (list, i);

          if (last == NULL || write->rev > last->rev)
            last = write;
        }
      g_assert (last != NULL);

      row = cercle_test_find_row (last->client->rows, parts[0]);
      if (row == NULL)
        g_error ("seed %u: the server applied %s's change %" G_GINT64_FORMAT " to %s, which %s does not get",
                 seed, last->client->name, last->mutation_no, parts[0], last->client->name);

      if (g_str_equal (parts[1], "deleted"))
        {
          if (!json_object_get_boolean_member (row, "deleted"))
            g_error ("seed %u: %s's deletion of %s (change %" G_GINT64_FORMAT ") was lost", seed,
                     last->client->name, parts[0], last->mutation_no);
          continue;
        }

      if (json_object_get_boolean_member (row, "deleted"))
        continue;

      final = json_object_get_member (json_object_get_object_member (row, "fields"), parts[1]);

      /* Writes at the same revision left it as it was: any of them */
      for (guint i = 0; i < list->len; i++)
        {
          Write *write = g_ptr_array_index (list, i);

          if (write->rev != last->rev)
            continue;
          matches = matches || (final != NULL && json_node_equal (final, write->value));
          waitlisted = waitlisted || node_is_string (write->value, "waitlist");
        }

      /* The server moves the waitlist up by itself, when seats free */
      if (!matches && g_str_equal (parts[1], "response") && waitlisted && node_is_string (final, "yes"))
        matches = TRUE;

      if (!matches)
        {
          g_autofree char *have = final != NULL ? json_to_string (final, FALSE) : g_strdup ("nothing");
          g_autofree char *wrote = json_to_string (last->value, FALSE);

          g_error ("seed %u: %s of %s holds %s, but the last write the server applied (rev %" G_GINT64_FORMAT
                   ", %s's change %" G_GINT64_FORMAT ") was %s", seed, parts[1], parts[0], have, last->rev,
                   last->client->name, last->mutation_no, wrote);
        }
    }
}

static gboolean
kept_as_conflict (Client     *client,
                  const char *row_id,
                  const char *column,
                  JsonNode   *mine)
{
  g_autoptr(GPtrArray) conflicts = cercle_store_list_conflicts (client->store, row_id, NULL);

  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      CercleSyncConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autoptr(JsonNode) kept = NULL;

      if (g_strcmp0 (conflict->column, column) != 0)
        continue;
      kept = cercle_codec_value_to_json (&conflict->mine);
      if (json_node_equal (kept, mine))
        return TRUE;
    }

  return FALSE;
}

/* The user typed @column of @row_id again after the change at @index */
static gboolean
edited_again (Client     *client,
              guint       index,
              const char *row_id,
              const char *column)
{
  for (guint i = index + 1; i < client->edits->len; i++)
    {
      JsonObject *later = g_ptr_array_index (client->edits, i);

      if (g_str_equal (json_object_get_string_member (later, "row_id"), row_id) &&
          json_object_has_member (json_object_get_object_member (later, "changes"), column))
        return TRUE;
    }

  return FALSE;
}

static gboolean
kept_as_rejection (Client     *client,
                   JsonObject *mutation)
{
  g_autoptr(GPtrArray) rejections = cercle_store_list_rejections (client->store, NULL);
  g_autoptr(JsonNode) changes = json_node_init_object (json_node_alloc (),
                                                       json_object_get_object_member (mutation, "changes"));

  for (guint i = 0; rejections != NULL && i < rejections->len; i++)
    {
      CercleSyncRejection *rejection = g_ptr_array_index (rejections, i);
      g_autoptr(JsonObject) refused = cercle_mutation_to_json (rejection->mutation);
      g_autoptr(JsonNode) refused_changes = json_node_init_object (json_node_alloc (),
                                                                   json_object_get_object_member (refused,
                                                                                                  "changes"));

      if (g_str_equal (json_object_get_string_member (refused, "row_id"),
                       json_object_get_string_member (mutation, "row_id")) &&
          g_str_equal (json_object_get_string_member (refused, "op"), json_object_get_string_member (mutation, "op")) &&
          json_node_equal (refused_changes, changes))
        return TRUE;
    }

  return FALSE;
}

/* Every edit a client made reached the server and got one verdict; a
 * field that lost to the server's value is in the client's conflicts (or
 * typed again), a refused change in its rejections. What was applied is
 * for check_last_write_wins(). */
static void
check_every_edit_answered (CercleTestProxy *proxy,
                           Client          *client,
                           Tally           *tally)
{
  for (guint i = 0; i < client->edits->len; i++)
    {
      JsonObject *mutation = g_ptr_array_index (client->edits, i);
      gint64 mutation_no = json_object_get_int_member (mutation, "mutation_no");
      CercleTestPush *push = cercle_test_proxy_find_push (proxy, client->client_id, mutation_no);
      const char *row_id = json_object_get_string_member (mutation, "row_id");
      g_autofree char *what = describe (client, mutation);
      g_autoptr(GList) columns = NULL;
      const char *status;
      JsonObject *answer;

      if (push == NULL)
        g_error ("seed %u: %s never reached the server", seed, what);

      answer = verdict (push, client, &status, tally);

      if (g_str_equal (status, "rejected"))
        {
          if (!kept_as_rejection (client, mutation))
            g_error ("seed %u: %s was refused (%s), and the user is not told", seed, what,
                     json_object_get_string_member_with_default (answer, "reason", "no reason"));
          tally->n_rejected++;
          continue;
        }

      if (g_str_equal (status, "applied"))
        {
          tally->n_applied++;
          continue;
        }

      g_assert_cmpstr (status, ==, "conflict");
      tally->n_conflicts++;

      columns = json_object_get_members (json_object_get_object_member (mutation, "changes"));
      for (GList *l = columns; l != NULL; l = l->next)
        {
          JsonNode *mine = json_object_get_member (json_object_get_object_member (
                             json_object_get_object_member (mutation, "changes"), l->data), "new");

          if (field_conflicted (answer, status, l->data) &&
              !kept_as_conflict (client, row_id, l->data, mine) &&
              !edited_again (client, i, row_id, l->data))
            g_error ("seed %u: %s conflicted on %s, and the user's value is not kept", seed, what,
                     (char *)l->data);
        }
    }
}

static void
check_made_once (Client *client)
{
  /* Rows made once are there once, under their own id */
  for (guint i = 0; i < client->inserted->len; i++)
    {
      const char *id = g_ptr_array_index (client->inserted, i);
      guint n = 0;

      for (guint r = 0; r < client->rows->len; r++)
        if (g_str_equal (json_object_get_string_member (g_ptr_array_index (client->rows, r), "id"), id))
          n++;
      g_assert_cmpuint (n, <=, 1);
    }
}

static void
test_convergence (gconstpointer data)
{
  const char *argv0 = data;
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("convergence");
  g_autofree char *port = g_strdup_printf ("%u", cercle_test_server_get_port (world->server));
  const char * const same_port[] = { "--port", port, NULL };
  const char *seed_text = g_getenv ("CERCLE_CONVERGENCE_SEED") != NULL ? g_getenv ("CERCLE_CONVERGENCE_SEED")
                                                                      : g_getenv ("CERCLE_CONVERGENCE_DEFAULT_SEED");
  const char *rounds_text = g_getenv ("CERCLE_CONVERGENCE_ROUNDS");
  guint n_rounds = rounds_text != NULL ? (guint)g_ascii_strtoull (rounds_text, NULL, 10) : 12;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GHashTable) writes = NULL;
  CercleTestProxy *proxy;
  const char *url;
  Client *clients[3];
  Tally tally = { 0, };
  guint n_edits = 0;
  guint n_sync_errors = 0;
  guint n_kills = 0;
  guint n_child_kills = 0;
  gboolean server_up = TRUE;

  seed = seed_text != NULL ? (guint32)g_ascii_strtoull (seed_text, NULL, 10) : (guint32)g_test_rand_int ();
  g_printerr ("# convergence seed %u (CERCLE_CONVERGENCE_SEED=%u to run it again), %u rounds\n",
              seed, seed, n_rounds);
  rand = g_rand_new_with_seed (seed);

  proxy = cercle_test_proxy_new (world->server->base_url, seed);
  url = cercle_test_proxy_get_url (proxy);
  clients[0] = client_new (world, url, "staff", world->staff_token, world->staff_member, world->alice_member,
                           TRUE);
  clients[1] = client_new (world, url, "alice", world->alice_token, world->alice_member, world->bruno_member,
                           FALSE);
  clients[2] = client_new (world, url, "bruno", world->bruno_token, world->bruno_member, world->alice_member,
                           FALSE);

  for (guint c = 0; c < 3; c++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (client_sync (clients[c], &error));
      g_assert_no_error (error);
    }

  cercle_test_proxy_set_faulty (proxy, TRUE);

  for (guint round = 0; round < n_rounds; round++)
    {
      for (guint c = 0; c < 3; c++)
        {
          g_autoptr(GError) error = NULL;
          guint n = g_rand_int_range (rand, 0, 6);

          for (guint e = 0; e < n; e++)
            convergence_random_edit (clients[c], rand);

          if (!client_sync (clients[c], &error))
            n_sync_errors++;
        }

      if (g_rand_int_range (rand, 0, 4) == 0)
        {
          if (server_up)
            {
              cercle_test_server_kill (world->server);
              n_kills++;
            }
          else
            cercle_test_server_start (world->server, same_port);
          server_up = !server_up;
        }

      if (g_rand_int_range (rand, 0, 5) == 0 && server_up)
        {
          sync_in_killed_process (argv0, clients[g_rand_int_range (rand, 0, 3)], url, world->club_a, rand);
          n_child_kills++;
        }
    }

  /* The faults stop; everyone syncs until nothing moves */
  if (!server_up)
    cercle_test_server_start (world->server, same_port);
  cercle_test_proxy_set_faulty (proxy, FALSE);

  for (guint pass = 0; pass < 3; pass++)
    for (guint c = 0; c < 3; c++)
      {
        g_autoptr(GError) error = NULL;

        if (!client_sync (clients[c], &error))
          g_error ("seed %u: %s cannot sync once the faults stopped: %s", seed, clients[c]->name,
                   error->message);
      }

  for (guint c = 0; c < 3; c++)
    {
      clients[c]->rows = cercle_test_pull_all (world->server, clients[c]->token, world->club_a, 5000);
      check_every_edit_answered (proxy, clients[c], &tally);
      check_copy_equals_server (proxy, clients[c]);
      check_made_once (clients[c]);
      n_edits += clients[c]->edits->len;
    }

  writes = collect_writes (proxy, clients, 3);
  check_last_write_wins (writes);

  g_printerr ("# %u edits: %u applied, %u conflicts, %u rejected, %u answered again as duplicates; "
              "%u failed syncs, server killed %u times, clients killed %u times; "
              "proxy: %u dropped requests, %u dropped answers, %u duplicated, %u delayed\n",
              n_edits, tally.n_applied, tally.n_conflicts, tally.n_rejected, tally.n_duplicates,
              n_sync_errors, n_kills, n_child_kills,
              cercle_test_proxy_count_faults (proxy, CERCLE_TEST_FAULT_DROP_REQUEST),
              cercle_test_proxy_count_faults (proxy, CERCLE_TEST_FAULT_DROP_RESPONSE),
              cercle_test_proxy_count_faults (proxy, CERCLE_TEST_FAULT_DUPLICATE),
              cercle_test_proxy_count_faults (proxy, CERCLE_TEST_FAULT_DELAY));

  for (guint c = 0; c < 3; c++)
    client_free (clients[c]);
  cercle_test_proxy_free (proxy);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 6 && g_str_equal (argv[1], "--convergence-child"))
    return child_main (argv[2], argv[3], argv[4], argv[5]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/cercle/sync/convergence", argv[0], test_convergence);

  return g_test_run ();
}
