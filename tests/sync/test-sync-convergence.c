/* test-sync-convergence.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include "cercle-sync-client.h"
#include "cercle-test-server.h"
#include "cercle-test-utils.h"

/* A seeded, randomized convergence harness. Three clients (staff, Alice,
 * Bruno) edit members, events and requests while a proxy on loopback
 * between them and the server drops requests, drops answers after the
 * server committed, sends requests twice and delays them; the server is
 * killed with SIGKILL and restarted; a client's sync runs in a process of
 * its own that is killed in the middle of its pull. Once the faults stop
 * and everyone synced:
 *
 *  - every client's copy equals what the server sends that client;
 *  - every outbox is empty, and no row a client made exists twice;
 *  - each client's last value of every field it edited is the server's,
 *    or was replaced by another client's edit of that field, or is kept
 *    as a conflict or a rejection for the user.
 *
 * Short in the suite; longer with, for example:
 *
 *   CERCLE_CONVERGENCE_ROUNDS=200 CERCLE_CONVERGENCE_SEED=42 \
 *     meson test -C _build sync-convergence --timeout-multiplier 20
 *
 * The seed is printed at the start and on failure: the same seed makes
 * the same edits and the same faults (timings aside). Against a server on
 * PostgreSQL, the same harness runs with the test server's --database. */

/* ---------- the fault-injecting proxy ---------- */

typedef enum
{
  FAULT_NONE,
  FAULT_DROP_REQUEST,
  FAULT_DROP_RESPONSE,
  FAULT_DUPLICATE,
  FAULT_DELAY,
} Fault;

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  SoupSession  *session;
  char         *target;      /* the real server's base URL */
  char         *url;         /* the proxy's */
  GMutex        lock;
  GRand        *rand;
  gboolean      faulty;
  guint         n_faults[FAULT_DELAY + 1];
} Proxy;

static void
hang_up (SoupServerMessage *msg)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);

  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

static SoupMessage *
forward_message (Proxy             *proxy,
                 SoupServerMessage *msg,
                 GBytes            *body)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *url = NULL;
  SoupMessage *out;
  SoupMessageHeaders *in_headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (in_headers, "Authorization");
  const char *content_type = soup_message_headers_get_content_type (in_headers, NULL);

  url = g_strdup_printf ("%s%s%s%s", proxy->target, g_uri_get_path (uri),
                         g_uri_get_query (uri) != NULL ? "?" : "",
                         g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "");
  out = soup_message_new (soup_server_message_get_method (msg), url);
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (out), "Authorization", authorization);
  if (body != NULL && g_bytes_get_size (body) > 0)
    soup_message_set_request_body_from_bytes (out, content_type != NULL ? content_type : "application/json",
                                              body);

  return out;
}

static gboolean
forward (Proxy             *proxy,
         SoupServerMessage *msg,
         GBytes            *body,
         guint             *status,
         GBytes           **answer)
{
  g_autoptr(SoupMessage) out = forward_message (proxy, msg, body);
  g_autoptr(GError) error = NULL;

  *answer = soup_session_send_and_read (proxy->session, out, NULL, &error);
  if (*answer == NULL)
    return FALSE;

  *status = soup_message_get_status (out);
  return TRUE;
}

static void
on_proxy_request_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  Proxy *proxy = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(GBytes) answer = NULL;
  Fault fault = FAULT_NONE;
  guint status = 0;

  g_mutex_lock (&proxy->lock);
  if (proxy->faulty)
    {
      double dice = g_rand_double (proxy->rand);

      if (dice < 0.08)
        fault = FAULT_DROP_REQUEST;
      else if (dice < 0.16)
        fault = FAULT_DROP_RESPONSE;
      else if (dice < 0.24)
        fault = FAULT_DUPLICATE;
      else if (dice < 0.32)
        fault = FAULT_DELAY;
    }
  proxy->n_faults[fault]++;
  g_mutex_unlock (&proxy->lock);

  if (fault == FAULT_DROP_REQUEST)
    {
      hang_up (msg);
      return;
    }

  if (fault == FAULT_DELAY)
    g_usleep (150 * 1000);

  if (!forward (proxy, msg, body, &status, &answer))
    {
      hang_up (msg);
      return;
    }

  if (fault == FAULT_DUPLICATE)
    {
      g_clear_pointer (&answer, g_bytes_unref);
      if (!forward (proxy, msg, body, &status, &answer))
        {
          hang_up (msg);
          return;
        }
    }

  /* The server committed; its answer never arrives */
  if (fault == FAULT_DROP_RESPONSE)
    {
      hang_up (msg);
      return;
    }

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

static gpointer
proxy_thread (gpointer data)
{
  Proxy *proxy = data;

  g_main_context_push_thread_default (proxy->context);
  g_main_loop_run (proxy->loop);
  g_main_context_pop_thread_default (proxy->context);

  return NULL;
}

static Proxy *
proxy_new (const char *target,
           guint32     seed)
{
  Proxy *proxy = g_new0 (Proxy, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  g_mutex_init (&proxy->lock);
  proxy->rand = g_rand_new_with_seed (seed ^ 0x5eed);
  proxy->target = g_strdup (target);
  proxy->context = g_main_context_new ();
  proxy->loop = g_main_loop_new (proxy->context, FALSE);

  g_main_context_push_thread_default (proxy->context);
  proxy->session = soup_session_new_with_options ("timeout", 30, "proxy-resolver", NULL, NULL);
  proxy->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (proxy->server, NULL, on_proxy_request_cb, proxy, NULL);
  soup_server_listen_local (proxy->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  g_main_context_pop_thread_default (proxy->context);

  uris = soup_server_get_uris (proxy->server);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);

  proxy->thread = g_thread_new ("convergence-proxy", proxy_thread, proxy);

  return proxy;
}

static void
proxy_set_faulty (Proxy    *proxy,
                  gboolean  faulty)
{
  g_mutex_lock (&proxy->lock);
  proxy->faulty = faulty;
  g_mutex_unlock (&proxy->lock);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
proxy_free (Proxy *proxy)
{
  g_main_context_invoke (proxy->context, quit_cb, proxy->loop);
  g_thread_join (proxy->thread);

  g_main_context_push_thread_default (proxy->context);
  soup_server_disconnect (proxy->server);
  g_clear_object (&proxy->server);
  g_clear_object (&proxy->session);
  while (g_main_context_iteration (proxy->context, FALSE))
    ;
  g_main_context_pop_thread_default (proxy->context);

  g_main_loop_unref (proxy->loop);
  g_main_context_unref (proxy->context);
  g_rand_free (proxy->rand);
  g_mutex_clear (&proxy->lock);
  g_free (proxy->target);
  g_free (proxy->url);
  g_free (proxy);
}

/* ---------- the clients ---------- */

typedef struct
{
  char   *entity;
  char   *row_id;
  char   *column;
  char   *value;
} Edit;

typedef struct
{
  const char       *name;
  char             *token;
  char             *member_id;
  gboolean          staff;
  char             *path;
  CercleStore      *store;
  CercleSyncClient *client;
  GPtrArray        *edits;     /* Edit, in the order made */
  GPtrArray        *inserted;  /* ids of the rows this client made */
} Client;

static guint32 seed;

static void
edit_free (Edit *edit)
{
  g_free (edit->entity);
  g_free (edit->row_id);
  g_free (edit->column);
  g_free (edit->value);
  g_free (edit);
}

static Client *
client_new (CercleTestWorld *world,
            const char      *proxy_url,
            const char      *name,
            const char      *token,
            const char      *member_id,
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
  client->staff = staff;
  client->path = g_build_filename (world->server->dir, file, NULL);
  client->edits = g_ptr_array_new_with_free_func ((GDestroyNotify)edit_free);
  client->inserted = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (cercle_store_create (client->path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  client->store = cercle_store_open (client->path, &error);
  g_assert_no_error (error);
  client->client = cercle_sync_client_new (server, client->path, world->club_a, member_id, token);
  /* Small pages: more of them to cut in the middle of */
  cercle_sync_client_set_page_size (client->client, 7);

  return client;
}

static void
client_free (Client *client)
{
  cercle_sync_client_close (client->client);
  g_assert_finalize_object (client->client);
  cercle_test_release_store (client->store);
  g_ptr_array_unref (client->edits);
  g_ptr_array_unref (client->inserted);
  g_free (client->token);
  g_free (client->member_id);
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

static char *
unique_value (Client *client)
{
  static guint counter;

  return g_strdup_printf ("%s-%u", client->name, ++counter);
}

static void
note_edit (Client       *client,
           CercleRecord *record,
           const char   *column,
           const char   *value)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->entity = g_strdup (cercle_entity_get_name (cercle_record_get_entity (record)));
  edit->row_id = g_strdup (cercle_record_get_id (record));
  edit->column = g_strdup (column);
  edit->value = g_strdup (value);
  g_ptr_array_add (client->edits, edit);
}

static gboolean
save_edit (Client       *client,
           CercleRecord *record,
           const char   *column,
           const char   *value)
{
  g_autoptr(GError) error = NULL;

  /* Edits the rules refuse locally are not made: the user is told at once */
  if (!cercle_store_save (client->store, record, &error))
    return FALSE;

  note_edit (client, record, column, value);
  return TRUE;
}

static GPtrArray *
live_ids (Client     *client,
          const char *table,
          const char *where)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE deleted = 0 %s ORDER BY id", table, where);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (client->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_steal_pointer (&ids);
}

static const char *
pick (GRand     *rand,
      GPtrArray *ids)
{
  if (ids->len == 0)
    return NULL;

  return g_ptr_array_index (ids, g_rand_int_range (rand, 0, ids->len));
}

static void
edit_member (Client *client,
             GRand  *rand)
{
  static const char * const columns[] = { "city", "company", "bio", "job_title" };
  static const char * const properties[] = { "city", "company", "bio", "job-title" };
  g_autoptr(GPtrArray) members = live_ids (client, "member", "");
  const char *id = client->member_id;
  g_autoptr(CercleRecord) record = NULL;
  g_autofree char *value = unique_value (client);
  guint field = g_rand_int_range (rand, 0, G_N_ELEMENTS (columns));

  /* Staff edit anyone's profile, members their own */
  if (client->staff && g_rand_boolean (rand) && members->len > 0)
    id = pick (rand, members);

  record = cercle_store_get_record (client->store, CERCLE_TYPE_MEMBER, id, NULL);
  if (record == NULL)
    return;

  g_object_set (record, properties[field], value, NULL);
  save_edit (client, record, columns[field], value);
}

static void
edit_event (Client *client,
            GRand  *rand)
{
  g_autoptr(GPtrArray) events = live_ids (client, "event", "");
  g_autoptr(CercleRecord) record = NULL;
  g_autofree char *value = unique_value (client);
  guint what = g_rand_int_range (rand, 0, 10);

  if (what < 4 || events->len == 0)
    {
      g_autofree char *starts = g_strdup_printf ("2027-%02d-%02dT07:30:00Z", g_rand_int_range (rand, 1, 13),
                                                 g_rand_int_range (rand, 1, 29));

      record = CERCLE_RECORD (cercle_event_new ());
      g_object_set (record, "title", value, "starts-at", starts, NULL);
      if (save_edit (client, record, "title", value))
        g_ptr_array_add (client->inserted, g_strdup (cercle_record_get_id (record)));
      return;
    }

  record = cercle_store_get_record (client->store, CERCLE_TYPE_EVENT, pick (rand, events), NULL);
  if (record == NULL)
    return;

  if (what == 9)
    {
      if (cercle_store_delete (client->store, record, NULL))
        note_edit (client, record, "deleted", "1");
      return;
    }

  g_object_set (record, what < 7 ? "title" : "place", value, NULL);
  save_edit (client, record, what < 7 ? "title" : "place", value);
}

static void
edit_request (Client *client,
              GRand  *rand)
{
  g_autofree char *mine_where = g_strdup_printf ("AND member_id = '%s'", client->member_id);
  g_autoptr(GPtrArray) requests = live_ids (client, "request", mine_where);
  g_autoptr(CercleRecord) record = NULL;
  g_autofree char *value = unique_value (client);

  if (requests->len == 0 || g_rand_int_range (rand, 0, 3) == 0)
    {
      record = CERCLE_RECORD (cercle_request_new ());
      g_object_set (record, "member-id", client->member_id, "title", value, NULL);
      if (save_edit (client, record, "title", value))
        g_ptr_array_add (client->inserted, g_strdup (cercle_record_get_id (record)));
      return;
    }

  record = cercle_store_get_record (client->store, CERCLE_TYPE_REQUEST, pick (rand, requests), NULL);
  if (record == NULL)
    return;

  g_object_set (record, "body", value, NULL);
  save_edit (client, record, "body", value);
}

static void
random_edit (Client *client,
             GRand  *rand)
{
  switch (g_rand_int_range (rand, 0, client->staff ? 3 : 2))
    {
    case 0:
      edit_member (client, rand);
      break;
    case 1:
      edit_request (client, rand);
      break;
    default:
      edit_event (client, rand);
      break;
    }
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

/* ---------- the checks ---------- */

static const char * const tables[] = { "club", "member", "event", "registration", "referral",
                                       "one_to_one", "request" };

static void
check_copy_equals_server (CercleTestWorld *world,
                          Client          *client)
{
  g_autoptr(GPtrArray) rows = cercle_test_pull_all (world->server, client->token, world->club_a, 5000);
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

          g_error ("seed %u: %s's copy differs from the server's:\n  mine   %s\n  server %s", seed,
                   client->name, a, b);
        }
    }

  /* Nothing alive that the server does not send */
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autoptr(GPtrArray) ids = live_ids (client, tables[t], "");

      for (guint i = 0; i < ids->len; i++)
        if (!g_hash_table_contains (seen, g_ptr_array_index (ids, i)))
          g_error ("seed %u: %s has %s %s, which the server does not have", seed, client->name,
                   tables[t], (char *)g_ptr_array_index (ids, i));
    }

  g_assert_cmpuint (cercle_store_count_outbox (client->store, NULL), ==, 0);
}

static gboolean
is_kept_for_user (Client     *client,
                  const Edit *edit)
{
  g_autoptr(GPtrArray) conflicts = cercle_store_list_conflicts (client->store, edit->row_id, NULL);
  g_autoptr(GPtrArray) rejections = cercle_store_list_rejections (client->store, NULL);

  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      CercleSyncConflict *conflict = g_ptr_array_index (conflicts, i);

      if (g_strcmp0 (conflict->column, edit->column) == 0)
        return TRUE;
    }

  for (guint i = 0; rejections != NULL && i < rejections->len; i++)
    {
      CercleSyncRejection *rejection = g_ptr_array_index (rejections, i);

      if (g_strcmp0 (rejection->mutation->row_id, edit->row_id) == 0)
        return TRUE;
    }

  return FALSE;
}

static const char *
written_by (Client     **clients,
            guint        n_clients,
            const char  *row_id,
            const char  *column,
            const char  *value)
{
  for (guint c = 0; c < n_clients; c++)
    for (guint i = 0; i < clients[c]->edits->len; i++)
      {
        Edit *edit = g_ptr_array_index (clients[c]->edits, i);

        if (g_str_equal (edit->row_id, row_id) && g_str_equal (edit->column, column) &&
            g_strcmp0 (edit->value, value) == 0)
          return clients[c]->name;
      }

  return NULL;
}

static void
check_no_edit_lost (CercleTestWorld  *world,
                    Client          **clients,
                    guint             n_clients)
{
  g_autoptr(GPtrArray) rows = cercle_test_pull_all (world->server, world->staff_token, world->club_a, 5000);

  for (guint c = 0; c < n_clients; c++)
    {
      Client *client = clients[c];
      g_autoptr(GHashTable) last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GHashTableIter iter;
      Edit *edit;

      /* Each field's last edit by this client */
      for (guint i = 0; i < client->edits->len; i++)
        {
          edit = g_ptr_array_index (client->edits, i);
          g_hash_table_replace (last, g_strconcat (edit->row_id, "/", edit->column, NULL), edit);
        }

      g_hash_table_iter_init (&iter, last);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&edit))
        {
          JsonObject *row = cercle_test_find_row (rows, edit->row_id);
          const char *value = NULL;

          if (is_kept_for_user (client, edit))
            continue;

          if (row == NULL)
            g_error ("seed %u: %s's %s %s never reached the server", seed, client->name, edit->entity,
                     edit->row_id);

          if (g_str_equal (edit->column, "deleted"))
            {
              if (!json_object_get_boolean_member (row, "deleted"))
                g_error ("seed %u: %s's deletion of %s was lost", seed, client->name, edit->row_id);
              continue;
            }

          /* A row deleted by someone else takes the edit with it */
          if (json_object_get_boolean_member (row, "deleted"))
            continue;

          if (!json_object_get_null_member (json_object_get_object_member (row, "fields"), edit->column))
            value = json_object_get_string_member (json_object_get_object_member (row, "fields"), edit->column);

          if (g_strcmp0 (value, edit->value) == 0)
            continue;

          if (written_by (clients, n_clients, edit->row_id, edit->column, value) == NULL)
            g_error ("seed %u: %s's %s of %s (%s) was lost: the server has %s", seed, client->name,
                     edit->column, edit->row_id, edit->value, value);
        }

      /* Rows made once are there once, under their own id */
      for (guint i = 0; i < client->inserted->len; i++)
        {
          const char *id = g_ptr_array_index (client->inserted, i);
          guint n = 0;

          for (guint r = 0; r < rows->len; r++)
            if (g_str_equal (json_object_get_string_member (g_ptr_array_index (rows, r), "id"), id))
              n++;
          g_assert_cmpuint (n, <=, 1);
        }
    }
}

static void
test_convergence (gconstpointer data)
{
  const char *argv0 = data;
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("convergence");
  g_autofree char *port = g_strdup_printf ("%u", cercle_test_server_get_port (world->server));
  const char * const same_port[] = { "--port", port, NULL };
  const char *seed_text = g_getenv ("CERCLE_CONVERGENCE_SEED");
  const char *rounds_text = g_getenv ("CERCLE_CONVERGENCE_ROUNDS");
  guint n_rounds = rounds_text != NULL ? (guint)g_ascii_strtoull (rounds_text, NULL, 10) : 12;
  g_autoptr(GRand) rand = NULL;
  Proxy *proxy;
  Client *clients[3];
  guint n_sync_errors = 0;
  guint n_kills = 0;
  guint n_child_kills = 0;
  gboolean server_up = TRUE;

  seed = seed_text != NULL ? (guint32)g_ascii_strtoull (seed_text, NULL, 10) : (guint32)g_test_rand_int ();
  g_printerr ("# convergence seed %u (CERCLE_CONVERGENCE_SEED=%u to run it again), %u rounds\n",
              seed, seed, n_rounds);
  rand = g_rand_new_with_seed (seed);

  proxy = proxy_new (world->server->base_url, seed);
  clients[0] = client_new (world, proxy->url, "staff", world->staff_token, world->staff_member, TRUE);
  clients[1] = client_new (world, proxy->url, "alice", world->alice_token, world->alice_member, FALSE);
  clients[2] = client_new (world, proxy->url, "bruno", world->bruno_token, world->bruno_member, FALSE);

  for (guint c = 0; c < 3; c++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (client_sync (clients[c], &error));
      g_assert_no_error (error);
    }

  proxy_set_faulty (proxy, TRUE);

  for (guint round = 0; round < n_rounds; round++)
    {
      for (guint c = 0; c < 3; c++)
        {
          g_autoptr(GError) error = NULL;
          guint n_edits = g_rand_int_range (rand, 0, 5);

          for (guint e = 0; e < n_edits; e++)
            random_edit (clients[c], rand);

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
          sync_in_killed_process (argv0, clients[g_rand_int_range (rand, 0, 3)], proxy->url,
                                  world->club_a, rand);
          n_child_kills++;
        }
    }

  /* The faults stop; everyone syncs until nothing moves */
  if (!server_up)
    cercle_test_server_start (world->server, same_port);
  proxy_set_faulty (proxy, FALSE);

  for (guint pass = 0; pass < 3; pass++)
    for (guint c = 0; c < 3; c++)
      {
        g_autoptr(GError) error = NULL;

        if (!client_sync (clients[c], &error))
          g_error ("seed %u: %s cannot sync once the faults stopped: %s", seed, clients[c]->name,
                   error->message);
      }

  for (guint c = 0; c < 3; c++)
    check_copy_equals_server (world, clients[c]);
  check_no_edit_lost (world, clients, 3);

  g_printerr ("# %u edits, %u failed syncs, server killed %u times, clients killed %u times; "
              "proxy: %u dropped requests, %u dropped answers, %u duplicated, %u delayed\n",
              clients[0]->edits->len + clients[1]->edits->len + clients[2]->edits->len,
              n_sync_errors, n_kills, n_child_kills, proxy->n_faults[FAULT_DROP_REQUEST],
              proxy->n_faults[FAULT_DROP_RESPONSE], proxy->n_faults[FAULT_DUPLICATE],
              proxy->n_faults[FAULT_DELAY]);

  for (guint c = 0; c < 3; c++)
    client_free (clients[c]);
  proxy_free (proxy);
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
