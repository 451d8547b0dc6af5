/* cercle-test-sync.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cercle-test-sync.h"

JsonArray *
cercle_test_mutations (JsonObject *first,
                       ...)
{
  JsonArray *array = json_array_new ();
  va_list args;

  va_start (args, first);
  for (JsonObject *m = first; m != NULL; m = va_arg (args, JsonObject *))
    json_array_add_object_element (array, m);
  va_end (args);

  return array;
}

char *
cercle_test_quoted (const char *text)
{
  return g_strdup_printf ("\"%s\"", text);
}

JsonObject *
cercle_test_fields_of (JsonObject *row)
{
  return json_object_get_object_member (row, "fields");
}

const char *
cercle_test_field_string (JsonObject *row,
                          const char *column)
{
  JsonNode *node = json_object_get_member (cercle_test_fields_of (row), column);

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node);
}

JsonObject *
cercle_test_pull_page (CercleTestServer *server,
                       const char       *token,
                       const char       *club_id,
                       const char       *cursor,
                       guint             limit,
                       guint            *status)
{
  g_autofree char *path = NULL;
  g_autoptr(CercleTestResponse) response = NULL;

  path = g_strdup_printf ("/api/v1/clubs/%s/sync/pull?limit=%u&client_id=%s%s%s", club_id, limit, CERCLE_TEST_CLIENT_A,
                          cursor != NULL ? "&cursor=" : "", cursor != NULL ? cursor : "");
  response = cercle_test_request (server, "GET", path, token, NULL);
  *status = response->status;

  return response->status == 200 ? cercle_test_response_json (response) : NULL;
}

/* Staff makes an event of @capacity seats */
void
cercle_test_make_event (CercleTestWorld *world,
                        const char      *event_id,
                        const char      *title,
                        const char      *status,
                        int              capacity,
                        gint64           mutation_no)
{
  g_autofree char *title_json = cercle_test_quoted (title);
  g_autofree char *status_json = cercle_test_quoted (status);
  g_autofree char *capacity_json = g_strdup_printf ("%d", capacity);
  g_autoptr(JsonObject) answer = NULL;

  answer = cercle_test_push (world->server, world->staff_token, world->club_a, CERCLE_TEST_CLIENT_B,
                             cercle_test_mutations (cercle_test_mutation (mutation_no, "event", event_id, "insert", 0,
                                                                          "title", NULL, title_json,
                                                                          "starts_at", NULL, "\"2026-12-08T07:30:00Z\"",
                                                                          "ends_at", NULL, "\"2026-12-08T09:00:00Z\"",
                                                                          "place", NULL, "\"Brasserie Georges, Lyon\"",
                                                                          "status", NULL, status_json,
                                                                          "capacity", NULL, capacity_json,
                                                                          NULL),
                                                    NULL),
                             NULL);
  g_assert_cmpstr (cercle_test_result_status (answer, 0), ==, "applied");
}

