/* cercle-test-proxy.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "cercle-test-proxy.h"

/* A fault-injecting HTTP proxy on loopback, in a thread of its own: it
 * drops requests, drops answers after the server committed, sends
 * requests twice and delays them, drawing its faults from a seeded
 * generator. It keeps a log of every push the server answered. */

struct _CercleTestProxy
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
  guint         n_answers_to_drop;  /* of pushes, whatever the dice say */
  guint         n_faults[CERCLE_TEST_N_FAULTS];
  GHashTable   *pushes;      /* "client_id/mutation_no" → CercleTestPush */
  GPtrArray    *push_order;  /* CercleTestPush, first answered first */
};

static void
push_free (CercleTestPush *push)
{
  g_free (push->client_id);
  g_clear_pointer (&push->mutation, json_object_unref);
  g_ptr_array_unref (push->answers);
  g_free (push);
}

static void
hang_up (SoupServerMessage *msg)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);

  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

static JsonObject *
parse_object (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

/* Pairs each pushed mutation with its result, as the server answered */
static void
log_push (CercleTestProxy *self,
          GBytes          *request,
          GBytes          *answer)
{
  g_autoptr(JsonObject) push = parse_object (request);
  g_autoptr(JsonObject) results = parse_object (answer);
  JsonArray *mutations;
  JsonArray *list;
  const char *client_id;

  if (push == NULL || results == NULL ||
      !json_object_has_member (push, "mutations") || !json_object_has_member (results, "results"))
    return;

  client_id = json_object_get_string_member_with_default (push, "client_id", "");
  mutations = json_object_get_array_member (push, "mutations");
  list = json_object_get_array_member (results, "results");

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < MIN (json_array_get_length (mutations), json_array_get_length (list)); i++)
    {
      JsonObject *mutation = json_array_get_object_element (mutations, i);
      gint64 mutation_no = json_object_get_int_member (mutation, "mutation_no");
      g_autofree char *key = g_strdup_printf ("%s/%" G_GINT64_FORMAT, client_id, mutation_no);
      CercleTestPush *entry = g_hash_table_lookup (self->pushes, key);

      if (entry == NULL)
        {
          entry = g_new0 (CercleTestPush, 1);
          entry->client_id = g_strdup (client_id);
          entry->mutation_no = mutation_no;
          entry->mutation = json_object_ref (mutation);
          entry->answers = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
          g_hash_table_insert (self->pushes, g_steal_pointer (&key), entry);
          g_ptr_array_add (self->push_order, entry);
        }

      g_ptr_array_add (entry->answers, json_object_ref (json_array_get_object_element (list, i)));
    }
  g_mutex_unlock (&self->lock);
}

static SoupMessage *
forward_message (CercleTestProxy   *self,
                 SoupServerMessage *msg,
                 GBytes            *body)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *url = NULL;
  SoupMessage *out;
  SoupMessageHeaders *in_headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (in_headers, "Authorization");
  const char *content_type = soup_message_headers_get_content_type (in_headers, NULL);

  url = g_strdup_printf ("%s%s%s%s", self->target, g_uri_get_path (uri),
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
forward (CercleTestProxy   *self,
         SoupServerMessage *msg,
         GBytes            *body,
         guint             *status,
         GBytes           **answer)
{
  g_autoptr(SoupMessage) out = forward_message (self, msg, body);
  g_autoptr(GError) error = NULL;

  *answer = soup_session_send_and_read (self->session, out, NULL, &error);
  if (*answer == NULL)
    return FALSE;

  *status = soup_message_get_status (out);
  if (*status == SOUP_STATUS_OK && g_str_has_suffix (g_uri_get_path (soup_server_message_get_uri (msg)),
                                                     "/sync/push"))
    log_push (self, body, *answer);

  return TRUE;
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  CercleTestProxy *self = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(GBytes) answer = NULL;
  CercleTestFault fault = CERCLE_TEST_FAULT_NONE;
  guint status = 0;

  g_mutex_lock (&self->lock);
  if (self->n_answers_to_drop > 0 && g_str_has_suffix (path, "/sync/push"))
    {
      fault = CERCLE_TEST_FAULT_DROP_RESPONSE;
      self->n_answers_to_drop--;
    }
  else if (self->faulty)
    {
      double dice = g_rand_double (self->rand);

      if (dice < 0.08)
        fault = CERCLE_TEST_FAULT_DROP_REQUEST;
      else if (dice < 0.16)
        fault = CERCLE_TEST_FAULT_DROP_RESPONSE;
      else if (dice < 0.24)
        fault = CERCLE_TEST_FAULT_DUPLICATE;
      else if (dice < 0.32)
        fault = CERCLE_TEST_FAULT_DELAY;
    }
  self->n_faults[fault]++;
  g_mutex_unlock (&self->lock);

  if (fault == CERCLE_TEST_FAULT_DROP_REQUEST)
    {
      hang_up (msg);
      return;
    }

  if (fault == CERCLE_TEST_FAULT_DELAY)
    g_usleep (150 * 1000);

  if (!forward (self, msg, body, &status, &answer))
    {
      hang_up (msg);
      return;
    }

  if (fault == CERCLE_TEST_FAULT_DUPLICATE)
    {
      g_clear_pointer (&answer, g_bytes_unref);
      if (!forward (self, msg, body, &status, &answer))
        {
          hang_up (msg);
          return;
        }
    }

  /* The server committed; its answer never arrives */
  if (fault == CERCLE_TEST_FAULT_DROP_RESPONSE)
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
  CercleTestProxy *self = data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

/**
 * cercle_test_proxy_new:
 * @target: the base URL of the server to forward to
 * @seed: what the faults are drawn from
 *
 * Starts a proxy on 127.0.0.1, without faults until
 * cercle_test_proxy_set_faulty().
 */
CercleTestProxy *
cercle_test_proxy_new (const char *target,
                       guint32     seed)
{
  CercleTestProxy *self = g_new0 (CercleTestProxy, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  g_mutex_init (&self->lock);
  self->rand = g_rand_new_with_seed (seed ^ 0x5eed);
  self->target = g_strdup (target);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->pushes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)push_free);
  self->push_order = g_ptr_array_new ();

  g_main_context_push_thread_default (self->context);
  self->session = soup_session_new_with_options ("timeout", 30, "proxy-resolver", NULL, NULL);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, on_request_cb, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  g_main_context_pop_thread_default (self->context);

  uris = soup_server_get_uris (self->server);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);

  self->thread = g_thread_new ("test-proxy", proxy_thread, self);

  return self;
}

const char *
cercle_test_proxy_get_url (CercleTestProxy *self)
{
  return self->url;
}

void
cercle_test_proxy_set_faulty (CercleTestProxy *self,
                              gboolean         faulty)
{
  g_mutex_lock (&self->lock);
  self->faulty = faulty;
  g_mutex_unlock (&self->lock);
}

/**
 * cercle_test_proxy_drop_push_answers:
 *
 * Lets the next @n pushes through to the server and drops their answers,
 * as a connection cut after the server committed would
 */
void
cercle_test_proxy_drop_push_answers (CercleTestProxy *self,
                                     guint            n)
{
  g_mutex_lock (&self->lock);
  self->n_answers_to_drop = n;
  g_mutex_unlock (&self->lock);
}

guint
cercle_test_proxy_count_faults (CercleTestProxy *self,
                                CercleTestFault  fault)
{
  guint n;

  g_assert (fault < CERCLE_TEST_N_FAULTS);

  g_mutex_lock (&self->lock);
  n = self->n_faults[fault];
  g_mutex_unlock (&self->lock);

  return n;
}

/**
 * cercle_test_proxy_find_push:
 *
 * Returns: (transfer none) (nullable): the push of @mutation_no by
 *   @client_id, if the server answered it; to read once nothing more
 *   goes through the proxy
 */
CercleTestPush *
cercle_test_proxy_find_push (CercleTestProxy *self,
                             const char      *client_id,
                             gint64           mutation_no)
{
  g_autofree char *key = g_strdup_printf ("%s/%" G_GINT64_FORMAT, client_id, mutation_no);
  CercleTestPush *push;

  g_mutex_lock (&self->lock);
  push = g_hash_table_lookup (self->pushes, key);
  g_mutex_unlock (&self->lock);

  return push;
}

/**
 * cercle_test_proxy_list_pushes:
 *
 * Returns: (transfer none) (element-type CercleTestPush): every push the
 *   server answered, in the order of their first answers
 */
GPtrArray *
cercle_test_proxy_list_pushes (CercleTestProxy *self)
{
  return self->push_order;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
cercle_test_proxy_free (CercleTestProxy *self)
{
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);

  g_main_context_push_thread_default (self->context);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->session);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_rand_free (self->rand);
  g_mutex_clear (&self->lock);
  g_ptr_array_unref (self->push_order);
  g_hash_table_unref (self->pushes);
  g_free (self->target);
  g_free (self->url);
  g_free (self);
}
