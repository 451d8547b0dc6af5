/* test-server-sync-club.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libical/ical.h>
#include <string.h>

#include "test-server-sync.h"

/* What the server decides for the club: the calendar feed a member
 * subscribes to, and who gets a seat and who waits. */

static const char *
response_of (GPtrArray  *rows,
             const char *id)
{
  JsonObject *row = cercle_test_find_row (rows, id);

  g_assert_nonnull (row);
  return cercle_test_field_string (row, "response");
}

void
test_calendar_feed (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-ics");
  g_autoptr(CercleTestResponse) created = NULL;
  g_autoptr(CercleTestResponse) feed = NULL;
  g_autoptr(CercleTestResponse) wrong = NULL;
  g_autoptr(CercleTestResponse) gone = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *feed_path = NULL;
  g_autofree char *wrong_path = NULL;
  icalcomponent *calendar;
  icalcomponent *event;
  guint n_events = 0;
  gsize length;
  const char *url;
  const char *content_type;

  cercle_test_make_event (world, EVENT_ID, "Petit-déjeuner « Export »", "scheduled", 0, 1);
  cercle_test_make_event (world, EVENT2_ID, "Dîner annulé", "cancelled", 0, 2);
  cercle_test_make_event (world, DRAFT_ID, "Projet de séminaire", "draft", 0, 3);

  path = g_strdup_printf ("/api/v1/clubs/%s/calendar", world->club_a);
  created = cercle_test_request (world->server, "POST", path, world->alice_token, NULL);
  g_assert_cmpuint (created->status, ==, 201);
  answer = cercle_test_response_json (created);
  url = json_object_get_string_member (answer, "url");
  g_assert_true (g_str_has_prefix (url, world->server->base_url));
  feed_path = g_strdup (url + strlen (world->server->base_url));

  /* Any calendar app fetches it, with no token */
  feed = cercle_test_request (world->server, "GET", feed_path, NULL, NULL);
  g_assert_cmpuint (feed->status, ==, 200);
  content_type = soup_message_headers_get_content_type (feed->headers, NULL);
  g_assert_cmpstr (content_type, ==, "text/calendar");

  text = g_strndup (g_bytes_get_data (feed->body, &length), g_bytes_get_size (feed->body));
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);

  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      const char *summary = icalcomponent_get_summary (event);
      struct icaltimetype start = icalcomponent_get_dtstart (event);

      n_events++;
      g_assert_cmpstr (summary, !=, "Projet de séminaire");
      if (g_str_equal (summary, "Petit-déjeuner « Export »"))
        {
          g_assert_cmpint (start.year, ==, 2026);
          g_assert_cmpint (start.month, ==, 12);
          g_assert_cmpint (start.hour, ==, 7);
          g_assert_true (icaltime_is_utc (start));
          g_assert_cmpstr (icalcomponent_get_location (event), ==, "Brasserie Georges, Lyon");
          g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CONFIRMED);
        }
      else
        {
          g_assert_cmpstr (summary, ==, "Dîner annulé");
          g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CANCELLED);
        }
    }
  g_assert_cmpuint (n_events, ==, 2);
  icalcomponent_free (calendar);

  /* A wrong secret, or another club's, finds nothing */
  wrong_path = g_strdup_printf ("/api/v1/clubs/%s/calendar/%s.ics", world->club_a,
                                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  wrong = cercle_test_request (world->server, "GET", wrong_path, NULL, NULL);
  g_assert_cmpuint (wrong->status, ==, 404);

  /* Once the member leaves the club, the feed goes with them */
  g_free (cercle_test_server_command_ok (world->server, "account", "disable",
                                         "--email", CERCLE_TEST_ALICE_EMAIL, NULL));
  gone = cercle_test_request (world->server, "GET", feed_path, NULL, NULL);
  g_assert_cmpuint (gone->status, ==, 404);
}

void
test_waitlist (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-waitlist");
  g_autoptr(JsonObject) alice = NULL;
  g_autoptr(JsonObject) bruno = NULL;
  g_autoptr(JsonObject) cancel = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *alice_id = NULL;
  g_autofree char *bruno_id = NULL;
  JsonObject *row;

  alice_id = cercle_test_quoted (world->alice_member);
  bruno_id = cercle_test_quoted (world->bruno_member);
  cercle_test_make_event (world, EVENT_ID, "Visite de l’usine", "scheduled", 1, 1);

  alice = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                            cercle_test_mutations (cercle_test_mutation (1, "registration", REG_ALICE, "insert", 0,
                                                                         "event_id", NULL, "\"" EVENT_ID "\"",
                                                                         "member_id", NULL, alice_id,
                                                                         "registered_at", NULL, "\"2001-01-01T00:00:00Z\"",
                                                                         NULL),
                                                   NULL),
                            NULL);
  g_assert_cmpstr (cercle_test_result_status (alice, 0), ==, "applied");

  /* The server's clock orders the queue, not the client's */
  row = json_object_get_object_member (cercle_test_result (alice, 0), "row");
  g_assert_nonnull (row);
  g_assert_cmpstr (cercle_test_field_string (row, "registered_at"), !=, "2001-01-01T00:00:00Z");

  /* The one seat is taken: Bruno's "yes" becomes a place on the waitlist */
  bruno = cercle_test_push (world->server, world->bruno_token, world->club_a, CLIENT_B,
                            cercle_test_mutations (cercle_test_mutation (1, "registration", REG_BRUNO, "insert", 0,
                                                                         "event_id", NULL, "\"" EVENT_ID "\"",
                                                                         "member_id", NULL, bruno_id,
                                                                         "response", NULL, "\"yes\"", NULL),
                                                   NULL),
                            NULL);
  g_assert_cmpstr (cercle_test_result_status (bruno, 0), ==, "applied");
  row = json_object_get_object_member (cercle_test_result (bruno, 0), "row");
  g_assert_cmpstr (cercle_test_field_string (row, "response"), ==, "waitlist");

  before = cercle_test_pull_all (world->server, world->staff_token, world->club_a, 100);
  g_assert_cmpstr (response_of (before, REG_ALICE), ==, "yes");
  g_assert_cmpstr (response_of (before, REG_BRUNO), ==, "waitlist");

  /* A member registers once per event */
  again = cercle_test_push (world->server, world->bruno_token, world->club_a, CLIENT_B,
                            cercle_test_mutations (cercle_test_mutation (2, "registration", "a1000000-0000-4000-8000-0000000000ff",
                                                                         "insert", 0,
                                                                         "event_id", NULL, "\"" EVENT_ID "\"",
                                                                         "member_id", NULL, bruno_id, NULL),
                                                   NULL),
                            NULL);
  g_assert_cmpstr (cercle_test_result_status (again, 0), ==, "rejected");

  /* Alice cancels: Bruno moves up */
  cancel = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                             cercle_test_mutations (cercle_test_mutation (2, "registration", REG_ALICE, "update", 0,
                                                                          "response", "\"yes\"", "\"no\"", NULL),
                                                    NULL),
                             NULL);
  g_assert_cmpstr (cercle_test_result_status (cancel, 0), ==, "applied");

  after = cercle_test_pull_all (world->server, world->staff_token, world->club_a, 100);
  g_assert_cmpstr (response_of (after, REG_ALICE), ==, "no");
  g_assert_cmpstr (response_of (after, REG_BRUNO), ==, "yes");
}

