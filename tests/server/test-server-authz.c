/* test-server-authz.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cercle-test-server.h"
#include "cercle-test-utils.h"

/* Who may do what, against a real server: every endpoint for every kind
 * of caller (nobody, a member, another member, staff, staff of another
 * club, a disabled account, a revoked token), every kind of row in a pull
 * with the exact fields each may see, and the pushes each may make. Each
 * rule of cercle-permission.c and cercle-visibility.c that the server
 * relies on has a case here that fails without it. */

typedef enum
{
  ANONYMOUS,
  ALICE,
  BRUNO,
  STAFF,
  STAFF_B,
  DISABLED,
  REVOKED,
  N_ACTORS
} Actor;

static const char * const actor_names[] = {
  "anonymous", "alice", "bruno", "staff", "staff-b", "disabled", "revoked",
};

#define E_PUB   "e0000000-0000-4000-8000-000000000001"
#define E_DRAFT "e0000000-0000-4000-8000-000000000002"
#define E_NEW   "e0000000-0000-4000-8000-000000000003"
#define R_STAFF "f0000000-0000-4000-8000-000000000001"
#define R_BRUNO "f0000000-0000-4000-8000-000000000002"
#define R_NEW   "f0000000-0000-4000-8000-000000000003"
#define O_ONE   "0e000000-0000-4000-8000-000000000001"
#define REG     "a0000000-0000-4000-8000-000000000001"
#define GUEST   "a0000000-0000-4000-8000-000000000002"
#define REG_NEW "a0000000-0000-4000-8000-000000000003"
#define Q_ALICE "9e000000-0000-4000-8000-000000000001"
#define M_NEW   "3e000000-0000-4000-8000-000000000001"
#define C_NEW   "c1000000-0000-4000-8000-000000000009"
#define AN_ONE  "a1000000-0000-4000-8000-000000000001"
#define AN_NEW  "a1000000-0000-4000-8000-000000000002"
#define NR_BRUNO "b1000000-0000-4000-8000-000000000001"
#define NR_NEW  "b1000000-0000-4000-8000-000000000002"
#define MT_ONE  "d1000000-0000-4000-8000-000000000001"
#define MT_NEW  "d1000000-0000-4000-8000-000000000002"
#define R_REPLY "f0000000-0000-4000-8000-000000000004"
#define DK_ALICE "dd000000-0000-4000-8000-000000000001"
#define DK_BRUNO "dd000000-0000-4000-8000-000000000002"
#define DK_NEW   "dd000000-0000-4000-8000-000000000003"
#define MSG      "5e000000-0000-4000-8000-000000000001"
#define MSG_NEW  "5e000000-0000-4000-8000-000000000002"
/* 32 bytes: what a public key must be, whatever its value */
#define PUBLIC_KEY "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\""

typedef struct
{
  CercleTestWorld *world;
  gint64           mutation_no;
} Fixture;

static const char *
token_of (Fixture *fixture,
          Actor    actor)
{
  CercleTestWorld *world = fixture->world;

  switch (actor)
    {
    case ALICE:    return world->alice_token;
    case BRUNO:    return world->bruno_token;
    case STAFF:    return world->staff_token;
    case STAFF_B:  return world->staffb_token;
    case DISABLED: return world->disabled_token;
    case REVOKED:  return world->revoked_token;
    case ANONYMOUS:
    case N_ACTORS:
    default:
      return NULL;
    }
}

/* "$alice" and friends stand for ids known only once the world exists */
static char *
expand (Fixture    *fixture,
        const char *text)
{
  CercleTestWorld *world = fixture->world;
  const char *id = NULL;

  if (text == NULL)
    return NULL;

  if (g_str_equal (text, "$alice"))
    id = world->alice_member;
  else if (g_str_equal (text, "$bruno"))
    id = world->bruno_member;
  else if (g_str_equal (text, "$staff"))
    id = world->staff_member;
  else if (g_str_equal (text, "$carol"))
    id = world->carol_member;
  else if (g_str_equal (text, "$club"))
    id = world->club_a;
  else if (g_str_equal (text, "$pair_a"))
    id = strcmp (world->alice_member, world->bruno_member) < 0 ? world->alice_member : world->bruno_member;
  else if (g_str_equal (text, "$pair_b"))
    id = strcmp (world->alice_member, world->bruno_member) < 0 ? world->bruno_member : world->alice_member;
  else if (g_str_equal (text, "$conv") || g_str_equal (text, "$staff_conv"))
    {
      g_autofree char *conversation =
        cercle_message_policy_conversation_id (world->alice_member,
                                               g_str_equal (text, "$conv") ? world->bruno_member
                                                                           : world->staff_member);

      return g_strdup_printf ("\"%s\"", conversation);
    }

  if (id == NULL)
    return g_strdup (text);

  return g_strdup_printf ("\"%s\"", id);
}

static char *
expand_id (Fixture    *fixture,
           const char *text)
{
  g_autofree char *quoted = expand (fixture, text);

  if (quoted[0] == '"')
    return g_strndup (quoted + 1, strlen (quoted) - 2);

  return g_steal_pointer (&quoted);
}

/* Pushes one mutation of up to three fields; returns the result's status,
 * or the HTTP status when the push itself is refused */
static char *
push_one (Fixture    *fixture,
          Actor       actor,
          const char *entity,
          const char *row,
          const char *op,
          const char *f1, const char *o1, const char *n1,
          const char *f2, const char *o2, const char *n2,
          const char *f3, const char *o3, const char *n3)
{
  CercleTestWorld *world = fixture->world;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *row_id = expand_id (fixture, row);
  g_autofree char *eo1 = expand (fixture, o1), *en1 = expand (fixture, n1);
  g_autofree char *eo2 = expand (fixture, o2), *en2 = expand (fixture, n2);
  g_autofree char *eo3 = expand (fixture, o3), *en3 = expand (fixture, n3);
  JsonArray *mutations = json_array_new ();
  JsonObject *mutation;
  guint status;

  if (f1 == NULL)
    mutation = cercle_test_mutation (++fixture->mutation_no, entity, row_id, op, 0, NULL);
  else if (f2 == NULL)
    mutation = cercle_test_mutation (++fixture->mutation_no, entity, row_id, op, 0, f1, eo1, en1, NULL);
  else if (f3 == NULL)
    mutation = cercle_test_mutation (++fixture->mutation_no, entity, row_id, op, 0,
                                     f1, eo1, en1, f2, eo2, en2, NULL);
  else
    mutation = cercle_test_mutation (++fixture->mutation_no, entity, row_id, op, 0,
                                     f1, eo1, en1, f2, eo2, en2, f3, eo3, en3, NULL);
  json_array_add_object_element (mutations, mutation);

  answer = cercle_test_push (world->server, token_of (fixture, actor), world->club_a,
                             CERCLE_TEST_CLIENT_ID, mutations, &status);
  if (answer == NULL)
    return g_strdup_printf ("%u", status);

  return g_strdup (cercle_test_result_status (answer, 0));
}

/* Pushes one mutation made with cercle_test_mutation(), whose values
 * went through expand() */
static char *
push_built (Fixture    *fixture,
            Actor       actor,
            JsonObject *mutation)
{
  CercleTestWorld *world = fixture->world;
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *mutations = json_array_new ();
  guint status;

  json_array_add_object_element (mutations, mutation);
  answer = cercle_test_push (world->server, token_of (fixture, actor), world->club_a,
                             CERCLE_TEST_CLIENT_ID, mutations, &status);
  if (answer == NULL)
    return g_strdup_printf ("%u", status);

  return g_strdup (cercle_test_result_status (answer, 0));
}

/* A referral made of a reply, by @actor, from @giver to @receiver */
static char *
push_reply_referral (Fixture    *fixture,
                     Actor       actor,
                     const char *giver,
                     const char *receiver,
                     const char *status)
{
  g_autofree char *g = expand (fixture, giver);
  g_autofree char *r = expand (fixture, receiver);

  return push_built (fixture, actor,
                     cercle_test_mutation (++fixture->mutation_no, "referral", R_REPLY, "insert", 0,
                                           "giver_id", NULL, g, "receiver_id", NULL, r,
                                           "request_id", NULL, "\"" Q_ALICE "\"",
                                           "reply_id", NULL, "\"" NR_BRUNO "\"",
                                           "status", NULL, status, NULL));
}

#define PUSH1(actor, entity, row, op, f, o, n) \
  push_one (fixture, actor, entity, row, op, f, o, n, NULL, NULL, NULL, NULL, NULL, NULL)

/* A new message, its ciphertext of no matter: the server cannot tell */
static char *
message_push (Fixture    *fixture,
              Actor       actor,
              const char *id,
              const char *conversation,
              const char *sender,
              const char *recipient,
              const char *device)
{
  CercleTestWorld *world = fixture->world;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *esender = expand (fixture, sender);
  g_autofree char *erecipient = expand (fixture, recipient);
  g_autofree char *edevice = g_strdup_printf ("\"%s\"", device);
  JsonArray *mutations = json_array_new ();
  guint status;

  json_array_add_object_element (mutations,
                                 cercle_test_mutation (++fixture->mutation_no, "message", id, "insert", 0,
                                                       "conversation_id", NULL, conversation,
                                                       "sender_id", NULL, esender,
                                                       "recipient_id", NULL, erecipient,
                                                       "sender_device_id", NULL, edevice,
                                                       "sent_at", NULL, "\"2026-11-23T10:00:00.000Z\"",
                                                       "ciphertext", NULL, "\"c2VjcmV0\"",
                                                       "sealed_keys", NULL, "\"{}\"", NULL));
  answer = cercle_test_push (world->server, token_of (fixture, actor), world->club_a,
                             CERCLE_TEST_CLIENT_ID, mutations, &status);
  if (answer == NULL)
    return g_strdup_printf ("%u", status);

  return g_strdup (cercle_test_result_status (answer, 0));
}

static void
expect_push (Fixture    *fixture,
             const char *what,
             char       *got,
             const char *expected)
{
  g_autofree char *owned = got;

  if (g_strcmp0 (got, expected) != 0)
    g_error ("%s: expected %s, got %s", what, expected, got);
}

/* The club as the tests need it: every kind of row, made by whom may */
static void
make_rows (Fixture *fixture)
{
  expect_push (fixture, "staff makes an event",
               push_one (fixture, STAFF, "event", E_PUB, "insert",
                         "title", NULL, "\"Petit-déjeuner\"", "starts_at", NULL, "\"2026-12-01T07:00:00Z\"",
                         NULL, NULL, NULL), "applied");
  expect_push (fixture, "staff drafts an event",
               push_one (fixture, STAFF, "event", E_DRAFT, "insert",
                         "title", NULL, "\"Séminaire secret\"", "starts_at", NULL, "\"2027-03-01T07:00:00Z\"",
                         "status", NULL, "\"draft\""), "applied");
  expect_push (fixture, "alice hides her contact details",
               push_one (fixture, ALICE, "member", "$alice", "update",
                         "email", "\"alice@alpha.exemple.fr\"", "\"alice@fleurs.exemple.fr\"",
                         "phone", "null", "\"+33 6 12 34 56 78\"",
                         "private_fields", "null", "\"email,phone\""), "applied");
  expect_push (fixture, "staff records alice's dues",
               PUSH1 (STAFF, "member", "$alice", "update", "dues_paid_until", "null", "\"2027-06-30\""),
               "applied");
  expect_push (fixture, "alice gives staff a referral",
               push_one (fixture, ALICE, "referral", R_STAFF, "insert",
                         "giver_id", NULL, "$alice", "receiver_id", NULL, "$staff",
                         "notes", NULL, "\"Le gérant attend un appel\""), "applied");
  expect_push (fixture, "alice gives bruno a referral",
               push_one (fixture, ALICE, "referral", R_BRUNO, "insert",
                         "giver_id", NULL, "$alice", "receiver_id", NULL, "$bruno",
                         "prospect_name", NULL, "\"Boulangerie Pain d’Or\""), "applied");
  /* A one-to-one's notes are its author's, who must be one who met */
  expect_push (fixture, "alice logs a one-to-one with staff",
               push_one (fixture, ALICE, "one_to_one", O_ONE, "insert",
                         "member_a_id", NULL, "$alice", "member_b_id", NULL, "$staff",
                         "author_id", NULL, "$alice"), "applied");
  expect_push (fixture, "alice notes it",
               PUSH1 (ALICE, "one_to_one", O_ONE, "update", "notes", "null", "\"Parlé du salon\""), "applied");
  expect_push (fixture, "alice registers",
               push_one (fixture, ALICE, "registration", REG, "insert",
                         "event_id", NULL, "\"" E_PUB "\"", "member_id", NULL, "$alice",
                         NULL, NULL, NULL), "applied");
  expect_push (fixture, "alice brings a guest",
               push_one (fixture, ALICE, "registration", GUEST, "insert",
                         "event_id", NULL, "\"" E_PUB "\"", "guest_name", NULL, "\"Gaston Invité\"",
                         "guest_email", NULL, "\"gaston@exemple.fr\""),
               "rejected");
  /* A guest is someone's: with invited_by, it is Alice's to bring */
  {
    CercleTestWorld *world = fixture->world;
    g_autoptr(JsonObject) answer = NULL;
    g_autofree char *alice = g_strdup_printf ("\"%s\"", world->alice_member);
    JsonArray *mutations = json_array_new ();

    json_array_add_object_element (mutations,
                                   cercle_test_mutation (++fixture->mutation_no, "registration", GUEST,
                                                         "insert", 0,
                                                         "event_id", NULL, "\"" E_PUB "\"",
                                                         "guest_name", NULL, "\"Gaston Invité\"",
                                                         "guest_email", NULL, "\"gaston@exemple.fr\"",
                                                         "invited_by_id", NULL, alice, NULL));
    answer = cercle_test_push (world->server, world->alice_token, world->club_a, CERCLE_TEST_CLIENT_ID,
                               mutations, NULL);
    g_assert_cmpstr (cercle_test_result_status (answer, 0), ==, "applied");
  }
  expect_push (fixture, "alice posts a need",
               push_one (fixture, ALICE, "request", Q_ALICE, "insert",
                         "member_id", NULL, "$alice", "title", NULL, "\"Cherche un imprimeur\"",
                         NULL, NULL, NULL), "applied");

  /* Club life: a word from the staff, a reply under Alice's need, and
   * Alice paired with a mentor (the staff member), whom Bruno does not see */
  expect_push (fixture, "staff posts an announcement",
               push_one (fixture, STAFF, "announcement", AN_ONE, "insert",
                         "author_id", NULL, "$staff", "title", NULL, "\"Assemblée générale\"",
                         "body", NULL, "\"Ordre du jour : https://alpha.exemple.fr/ag\""), "applied");
  expect_push (fixture, "bruno replies to alice's need",
               push_one (fixture, BRUNO, "need_reply", NR_BRUNO, "insert",
                         "request_id", NULL, "\"" Q_ALICE "\"", "member_id", NULL, "$bruno",
                         "body", NULL, "\"Mon cousin imprime à Villeurbanne\""), "applied");
  expect_push (fixture, "staff pairs alice with a mentor",
               push_one (fixture, STAFF, "mentoring", MT_ONE, "insert",
                         "mentor_id", NULL, "$staff", "mentee_id", NULL, "$alice",
                         "starts_on", NULL, "\"2026-09-01\""), "applied");
  /* Private messages: keys for oneself, a conversation and a message */
  expect_push (fixture, "alice publishes her device's key",
               push_one (fixture, ALICE, "device_key", DK_ALICE, "insert",
                         "member_id", NULL, "$alice", "public_key", NULL, PUBLIC_KEY, NULL, NULL, NULL), "applied");
  expect_push (fixture, "bruno publishes his device's key",
               push_one (fixture, BRUNO, "device_key", DK_BRUNO, "insert",
                         "member_id", NULL, "$bruno", "public_key", NULL, PUBLIC_KEY, NULL, NULL, NULL), "applied");
  expect_push (fixture, "alice starts a conversation with bruno",
               push_one (fixture, ALICE, "conversation", "$conv", "insert",
                         "member_a_id", NULL, "$pair_a", "member_b_id", NULL, "$pair_b", NULL, NULL, NULL), "applied");
  {
    g_autofree char *conversation = expand (fixture, "$conv");

    expect_push (fixture, "alice writes to bruno",
                 message_push (fixture, ALICE, MSG, conversation, "$alice", "$bruno", DK_ALICE), "applied");
  }
}

static guint
status_of (Fixture    *fixture,
           Actor       actor,
           const char *method,
           const char *path)
{
  g_autoptr(CercleTestResponse) response = cercle_test_request (fixture->world->server, method, path,
                                                                token_of (fixture, actor),
                                                                g_str_equal (method, "POST") &&
                                                                strstr (path, "/push") != NULL
                                                                  ? "{\"client_id\":\"" CERCLE_TEST_CLIENT_ID
                                                                    "\",\"mutations\":[]}"
                                                                  : NULL);

  return response->status;
}

/* Every endpoint × every caller → the status they get */
static void
check_endpoints (Fixture *fixture)
{
  CercleTestWorld *world = fixture->world;
  g_autofree char *pull = g_strdup_printf ("/api/v1/clubs/%s/sync/pull", world->club_a);
  g_autofree char *push = g_strdup_printf ("/api/v1/clubs/%s/sync/push", world->club_a);
  g_autofree char *stream = g_strdup_printf ("/api/v1/clubs/%s/sync/stream", world->club_a);
  g_autofree char *calendar = g_strdup_printf ("/api/v1/clubs/%s/calendar", world->club_a);
  g_autofree char *feed = g_strdup_printf ("/api/v1/clubs/%s/calendar/%s.ics", world->club_a,
                                           "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE");
  g_autofree char *erase = g_strdup_printf ("/api/v1/clubs/%s/members/%s/erase", world->club_a,
                                            "d0000000-0000-4000-8000-000000000000");
  g_autofree char *pull_b = g_strdup_printf ("/api/v1/clubs/%s/sync/pull", world->club_b);
  g_autofree char *unknown_club = g_strdup ("/api/v1/clubs/00000000-0000-4000-8000-000000000000/sync/pull");
  const struct
  {
    const char *method;
    const char *path;
    guint       expected[N_ACTORS];
  } cases[] = {
    /*                                   anon alice bruno staff staffB disabled revoked */
    { "GET",    "/api/v1/health",        { 200, 200, 200, 200, 200, 200, 200 } },
    { "GET",    "/api/v1/clubs",         { 401, 200, 200, 200, 200, 401, 401 } },
    { "GET",    "/api/v1/account/export", { 401, 200, 200, 200, 200, 401, 401 } },
    { "GET",    pull,                    { 401, 200, 200, 200, 404, 401, 401 } },
    { "POST",   push,                    { 401, 200, 200, 200, 404, 401, 401 } },
    { "GET",    stream,                  { 401, 400, 400, 400, 404, 401, 401 } },
    { "POST",   calendar,                { 401, 201, 201, 201, 404, 401, 401 } },
    { "GET",    feed,                    { 404, 404, 404, 404, 404, 404, 404 } },
    { "POST",   erase,                   { 401, 403, 403, 404, 404, 401, 401 } },
    { "GET",    pull_b,                  { 401, 404, 404, 404, 200, 401, 401 } },
    { "GET",    unknown_club,            { 401, 404, 404, 404, 404, 401, 401 } },
    { "PUT",    push,                    { 405, 405, 405, 405, 405, 405, 405 } },
    { "GET",    "/api/v1/nowhere",       { 404, 404, 404, 404, 404, 404, 404 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (Actor actor = 0; actor < N_ACTORS; actor++)
      {
        guint status = status_of (fixture, actor, cases[i].method, cases[i].path);

        if (status != cases[i].expected[actor])
          g_error ("%s %s as %s: expected %u, got %u", cases[i].method, cases[i].path,
                   actor_names[actor], cases[i].expected[actor], status);
      }
}

typedef enum
{
  HIDDEN,   /* a tombstone without fields */
  SHOWN,    /* the row, with the fields checked below */
} Seen;

static JsonObject *
row_for (GPtrArray  *rows,
         const char *id)
{
  JsonObject *row = cercle_test_find_row (rows, id);

  if (row == NULL)
    g_error ("No row %s in the pull", id);

  return row;
}

static void
expect_seen (GPtrArray  *rows,
             const char *id,
             Seen        seen,
             const char *who)
{
  JsonObject *row = row_for (rows, id);
  gboolean hidden = json_object_get_boolean_member (row, "deleted") &&
                    json_object_get_size (json_object_get_object_member (row, "fields")) == 0;

  if (hidden != (seen == HIDDEN))
    g_error ("%s: row %s should be %s", who, id, seen == HIDDEN ? "hidden" : "shown");
}

static void
expect_field (GPtrArray  *rows,
              const char *id,
              const char *column,
              const char *expected,
              const char *who)
{
  JsonObject *fields = json_object_get_object_member (row_for (rows, id), "fields");
  JsonNode *node = json_object_get_member (fields, column);
  const char *value;

  if (node == NULL)
    g_error ("%s: row %s has no field %s", who, id, column);

  value = JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node);
  if (g_strcmp0 (value, expected) != 0)
    g_error ("%s: %s of %s is “%s”, not “%s”", who, column, id, value, expected);
}

/* A pull, row by row and field by field, for each member of the club */
static void
check_pulls (Fixture *fixture)
{
  CercleTestWorld *world = fixture->world;
  g_autoptr(GPtrArray) staff = cercle_test_pull_all (world->server, world->staff_token, world->club_a, 1000);
  g_autoptr(GPtrArray) alice = cercle_test_pull_all (world->server, world->alice_token, world->club_a, 1000);
  g_autoptr(GPtrArray) bruno = cercle_test_pull_all (world->server, world->bruno_token, world->club_a, 1000);
  GPtrArray *everyone[] = { staff, alice, bruno };
  const char *names[] = { "staff", "alice", "bruno" };

  /* The same rows reach everyone, some of them as tombstones */
  g_assert_cmpuint (staff->len, ==, alice->len);
  g_assert_cmpuint (staff->len, ==, bruno->len);

  for (guint i = 0; i < G_N_ELEMENTS (everyone); i++)
    {
      gboolean is_staff = i == 0;
      gboolean is_alice = i == 1;

      /* Alice's private contact details and dues: hers and the staff's */
      expect_seen (everyone[i], world->alice_member, SHOWN, names[i]);
      expect_field (everyone[i], world->alice_member, "first_name", "Alice", names[i]);
      expect_field (everyone[i], world->alice_member, "email",
                    is_staff || is_alice ? "alice@fleurs.exemple.fr" : NULL, names[i]);
      expect_field (everyone[i], world->alice_member, "phone",
                    is_staff || is_alice ? "+33 6 12 34 56 78" : NULL, names[i]);
      expect_field (everyone[i], world->alice_member, "dues_paid_until",
                    is_staff || is_alice ? "2027-06-30" : NULL, names[i]);

      /* Bruno hid nothing, but his dues are his and the staff's */
      expect_field (everyone[i], world->bruno_member, "email", "bruno@alpha.exemple.fr", names[i]);

      /* A draft is the staff's */
      expect_seen (everyone[i], E_PUB, SHOWN, names[i]);
      expect_seen (everyone[i], E_DRAFT, is_staff ? SHOWN : HIDDEN, names[i]);

      /* A referral is its giver's, its receiver's and the staff's */
      expect_seen (everyone[i], R_STAFF, is_staff || is_alice ? SHOWN : HIDDEN, names[i]);
      expect_seen (everyone[i], R_BRUNO, SHOWN, names[i]);
      if (is_staff || is_alice)
        expect_field (everyone[i], R_STAFF, "notes", "Le gérant attend un appel", names[i]);

      /* A one-to-one is its two members' and the staff's */
      expect_seen (everyone[i], O_ONE, is_staff || is_alice ? SHOWN : HIDDEN, names[i]);

      /* Who comes is known to all; a guest's e-mail to whoever invited them */
      expect_seen (everyone[i], REG, SHOWN, names[i]);
      expect_seen (everyone[i], GUEST, SHOWN, names[i]);
      expect_field (everyone[i], GUEST, "guest_name", "Gaston Invité", names[i]);
      expect_field (everyone[i], GUEST, "guest_email", is_staff || is_alice ? "gaston@exemple.fr" : NULL,
                    names[i]);

      expect_seen (everyone[i], Q_ALICE, SHOWN, names[i]);

      /* Announcements and replies are the club's; a mentoring is its
       * two members' and the staff's */
      expect_seen (everyone[i], AN_ONE, SHOWN, names[i]);
      expect_field (everyone[i], AN_ONE, "title", "Assemblée générale", names[i]);
      expect_seen (everyone[i], NR_BRUNO, SHOWN, names[i]);
      expect_field (everyone[i], NR_BRUNO, "body", "Mon cousin imprime à Villeurbanne", names[i]);
      expect_seen (everyone[i], MT_ONE, is_staff || is_alice ? SHOWN : HIDDEN, names[i]);
      /* Public keys are everyone's; a conversation and its messages are
       * its two members' only, not the staff's */
      expect_seen (everyone[i], DK_ALICE, SHOWN, names[i]);
      expect_field (everyone[i], DK_ALICE, "member_id", world->alice_member, names[i]);
      expect_seen (everyone[i], MSG, is_staff ? HIDDEN : SHOWN, names[i]);
      {
        g_autofree char *conversation = expand_id (fixture, "$conv");

        expect_seen (everyone[i], conversation, is_staff ? HIDDEN : SHOWN, names[i]);
      }
      if (!is_staff)
        expect_field (everyone[i], MSG, "ciphertext", "c2VjcmV0", names[i]);
    }

  /* Another club's members do not get Alpha's announcements at all */
  {
    g_autoptr(GPtrArray) beta = cercle_test_pull_all (world->server, world->staffb_token, world->club_b, 1000);

    g_assert_nonnull (cercle_test_find_row (beta, world->carol_member));
    g_assert_null (cercle_test_find_row (beta, AN_ONE));
    g_assert_null (cercle_test_find_row (beta, NR_BRUNO));
    g_assert_null (cercle_test_find_row (beta, MT_ONE));
  }

  /* Nothing of Beta, to anyone of Alpha */
  g_assert_null (cercle_test_find_row (staff, world->carol_member));
  g_assert_null (cercle_test_find_row (staff, world->club_b));
}

/* Who may push what: each case is one mutation and the status its answer
 * must have. They run in order, on the rows make_rows() made. */
static void
check_pushes (Fixture *fixture)
{
  /* Profiles: one's own, and not what the club decides */
  expect_push (fixture, "alice edits her city", PUSH1 (ALICE, "member", "$alice", "update", "city", "null", "\"Lyon\""), "applied");
  expect_push (fixture, "bruno edits alice's city", PUSH1 (BRUNO, "member", "$alice", "update", "city", "\"Lyon\"", "\"Nice\""), "rejected");
  expect_push (fixture, "staff edits alice's city", PUSH1 (STAFF, "member", "$alice", "update", "city", "\"Lyon\"", "\"Bron\""), "applied");
  expect_push (fixture, "alice makes herself staff", PUSH1 (ALICE, "member", "$alice", "update", "role", "\"member\"", "\"staff\""), "rejected");
  expect_push (fixture, "alice changes her status", PUSH1 (ALICE, "member", "$alice", "update", "status", "\"active\"", "\"alumni\""), "rejected");
  expect_push (fixture, "alice pays her own dues", PUSH1 (ALICE, "member", "$alice", "update", "dues_paid_until", "\"2027-06-30\"", "\"2099-12-31\""), "rejected");
  expect_push (fixture, "alice picks her sponsor", PUSH1 (ALICE, "member", "$alice", "update", "sponsor_id", "null", "$bruno"), "rejected");
  expect_push (fixture, "staff sets a sponsor", PUSH1 (STAFF, "member", "$alice", "update", "sponsor_id", "null", "$bruno"), "applied");
  expect_push (fixture, "staff promotes bruno", PUSH1 (STAFF, "member", "$bruno", "update", "role", "\"member\"", "\"staff\""), "applied");
  expect_push (fixture, "staff demotes bruno", PUSH1 (STAFF, "member", "$bruno", "update", "role", "\"staff\"", "\"member\""), "applied");
  expect_push (fixture, "alice adds a member", PUSH1 (ALICE, "member", M_NEW, "insert", "first_name", NULL, "\"Zoé\""), "rejected");
  expect_push (fixture, "alice deletes bruno", PUSH1 (ALICE, "member", "$bruno", "delete", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "alice deletes herself", PUSH1 (ALICE, "member", "$alice", "delete", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "staff adds a member", PUSH1 (STAFF, "member", M_NEW, "insert", "first_name", NULL, "\"Zoé\""), "applied");
  expect_push (fixture, "alice edits a member of Beta", PUSH1 (ALICE, "member", "$carol", "update", "city", "null", "\"Paris\""), "rejected");

  /* The club and its events are the staff's */
  expect_push (fixture, "alice renames the club", PUSH1 (ALICE, "club", "$club", "update", "name", "\"Club Alpha\"", "\"Club Alice\""), "rejected");
  expect_push (fixture, "staff renames the club", PUSH1 (STAFF, "club", "$club", "update", "name", "\"Club Alpha\"", "\"Club Alpha Lyon\""), "applied");
  expect_push (fixture, "staff makes a second club row", PUSH1 (STAFF, "club", C_NEW, "insert", "name", NULL, "\"Autre\""), "rejected");
  expect_push (fixture, "staff deletes the club", PUSH1 (STAFF, "club", "$club", "delete", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "alice makes an event", push_one (fixture, ALICE, "event", E_NEW, "insert", "title", NULL, "\"Fête\"", "starts_at", NULL, "\"2027-01-01T18:00:00Z\"", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "alice renames an event", PUSH1 (ALICE, "event", E_PUB, "update", "title", "\"Petit-déjeuner\"", "\"Brunch\""), "rejected");
  expect_push (fixture, "staff renames an event", PUSH1 (STAFF, "event", E_PUB, "update", "title", "\"Petit-déjeuner\"", "\"Petit-déjeuner d’affaires\""), "applied");
  expect_push (fixture, "staff makes an event without a title", PUSH1 (STAFF, "event", E_NEW, "insert", "starts_at", NULL, "\"2027-01-01T18:00:00Z\""), "rejected");

  /* Registrations: for oneself and one's guests; attendance is the staff's */
  expect_push (fixture, "alice registers bruno", push_one (fixture, ALICE, "registration", REG_NEW, "insert", "event_id", NULL, "\"" E_PUB "\"", "member_id", NULL, "$bruno", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "alice registers for a draft", push_one (fixture, ALICE, "registration", REG_NEW, "insert", "event_id", NULL, "\"" E_DRAFT "\"", "member_id", NULL, "$alice", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "alice marks herself present", PUSH1 (ALICE, "registration", REG, "update", "attendance", "\"unknown\"", "\"present\""), "rejected");
  expect_push (fixture, "bruno cancels alice", PUSH1 (BRUNO, "registration", REG, "update", "response", "\"yes\"", "\"no\""), "rejected");
  expect_push (fixture, "alice moves her registration to bruno", PUSH1 (ALICE, "registration", REG, "update", "member_id", "$alice", "$bruno"), "rejected");
  expect_push (fixture, "staff takes attendance", PUSH1 (STAFF, "registration", REG, "update", "attendance", "\"unknown\"", "\"present\""), "applied");
  expect_push (fixture, "bruno registers", push_one (fixture, BRUNO, "registration", REG_NEW, "insert", "event_id", NULL, "\"" E_PUB "\"", "member_id", NULL, "$bruno", NULL, NULL, NULL), "applied");

  /* Referrals: passed in one's own name; moved by their receiver */
  expect_push (fixture, "bruno passes a referral as alice", push_one (fixture, BRUNO, "referral", R_NEW, "insert", "giver_id", NULL, "$alice", "receiver_id", NULL, "$staff", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "alice passes one to herself", push_one (fixture, ALICE, "referral", R_NEW, "insert", "giver_id", NULL, "$alice", "receiver_id", NULL, "$alice", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "alice passes one already won", push_one (fixture, ALICE, "referral", R_NEW, "insert", "giver_id", NULL, "$alice", "receiver_id", NULL, "$bruno", "status", NULL, "\"won\""), "rejected");
  expect_push (fixture, "the giver accepts for bruno", PUSH1 (ALICE, "referral", R_BRUNO, "update", "status", "\"proposed\"", "\"accepted\""), "rejected");
  expect_push (fixture, "staff accepts for bruno", PUSH1 (STAFF, "referral", R_BRUNO, "update", "status", "\"proposed\"", "\"accepted\""), "rejected");
  expect_push (fixture, "bruno wins before accepting", PUSH1 (BRUNO, "referral", R_BRUNO, "update", "status", "\"proposed\"", "\"won\""), "rejected");
  expect_push (fixture, "bruno accepts", PUSH1 (BRUNO, "referral", R_BRUNO, "update", "status", "\"proposed\"", "\"accepted\""), "applied");
  expect_push (fixture, "bruno rewrites the prospect", PUSH1 (BRUNO, "referral", R_BRUNO, "update", "prospect_name", "\"Boulangerie Pain d’Or\"", "\"Autre\""), "rejected");
  expect_push (fixture, "alice records the amount", PUSH1 (ALICE, "referral", R_BRUNO, "update", "amount_cents", "0", "100000"), "rejected");
  expect_push (fixture, "bruno records the amount", PUSH1 (BRUNO, "referral", R_BRUNO, "update", "amount_cents", "0", "250000"), "applied");
  expect_push (fixture, "alice hands the referral to herself", PUSH1 (ALICE, "referral", R_BRUNO, "update", "receiver_id", "$bruno", "$alice"), "rejected");
  expect_push (fixture, "alice withdraws an accepted referral", PUSH1 (ALICE, "referral", R_BRUNO, "delete", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "bruno edits a referral not his", PUSH1 (BRUNO, "referral", R_STAFF, "update", "notes", "\"Le gérant attend un appel\"", "\"x\""), "rejected");
  expect_push (fixture, "the prospect's consent by the giver", PUSH1 (ALICE, "referral", R_STAFF, "update", "prospect_consent", "false", "true"), "applied");

  /* Announcements: the staff's, in their own name */
  expect_push (fixture, "alice posts an announcement", push_one (fixture, ALICE, "announcement", AN_NEW, "insert", "author_id", NULL, "$alice", "title", NULL, "\"Soirée\"", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "staff posts in bruno's name", push_one (fixture, STAFF, "announcement", AN_NEW, "insert", "author_id", NULL, "$bruno", "title", NULL, "\"Soirée\"", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "staff posts without a title", PUSH1 (STAFF, "announcement", AN_NEW, "insert", "author_id", NULL, "$staff"), "rejected");
  expect_push (fixture, "staff links a Beta member's event", push_one (fixture, STAFF, "announcement", AN_NEW, "insert", "author_id", NULL, "$staff", "title", NULL, "\"Soirée\"", "event_id", NULL, "$carol"), "rejected");
  expect_push (fixture, "alice retitles an announcement", PUSH1 (ALICE, "announcement", AN_ONE, "update", "title", "\"Assemblée générale\"", "\"Fête\""), "rejected");
  expect_push (fixture, "alice pins an announcement", PUSH1 (ALICE, "announcement", AN_ONE, "update", "pinned", "false", "true"), "rejected");
  expect_push (fixture, "bruno deletes an announcement", PUSH1 (BRUNO, "announcement", AN_ONE, "delete", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "staff pins an announcement", PUSH1 (STAFF, "announcement", AN_ONE, "update", "pinned", "false", "true"), "applied");
  expect_push (fixture, "staff reassigns an announcement", PUSH1 (STAFF, "announcement", AN_ONE, "update", "author_id", "$staff", "$bruno"), "rejected");
  expect_push (fixture, "staff of Beta posts to Alpha", push_one (fixture, STAFF_B, "announcement", AN_NEW, "insert", "author_id", NULL, "$carol", "title", NULL, "\"Intrus\"", NULL, NULL, NULL), "404");

  /* Replies: one's own, under a need of the club */
  expect_push (fixture, "alice replies as bruno", push_one (fixture, ALICE, "need_reply", NR_NEW, "insert", "request_id", NULL, "\"" Q_ALICE "\"", "member_id", NULL, "$bruno", "body", NULL, "\"Moi\""), "rejected");
  expect_push (fixture, "alice replies with nothing", push_one (fixture, ALICE, "need_reply", NR_NEW, "insert", "request_id", NULL, "\"" Q_ALICE "\"", "member_id", NULL, "$alice", "body", NULL, "\"  \""), "rejected");
  expect_push (fixture, "alice replies under no need", push_one (fixture, ALICE, "need_reply", NR_NEW, "insert", "request_id", NULL, "\"" R_NEW "\"", "member_id", NULL, "$alice", "body", NULL, "\"Moi\""), "rejected");
  expect_push (fixture, "alice edits bruno's reply", PUSH1 (ALICE, "need_reply", NR_BRUNO, "update", "body", "\"Mon cousin imprime à Villeurbanne\"", "\"x\""), "rejected");
  expect_push (fixture, "staff edits bruno's reply", PUSH1 (STAFF, "need_reply", NR_BRUNO, "update", "member_id", "$bruno", "$staff"), "rejected");
  expect_push (fixture, "bruno moves his reply", PUSH1 (BRUNO, "need_reply", NR_BRUNO, "update", "request_id", "\"" Q_ALICE "\"", "\"" R_NEW "\""), "rejected");
  expect_push (fixture, "bruno edits his reply", PUSH1 (BRUNO, "need_reply", NR_BRUNO, "update", "body", "\"Mon cousin imprime à Villeurbanne\"", "\"Mon cousin imprime à Lyon\""), "applied");

  /* A reply made a referral by the need's author, from the replier to them */
  expect_push (fixture, "bruno makes his reply a referral to himself", push_reply_referral (fixture, BRUNO, "$alice", "$bruno", "\"accepted\""), "rejected");
  expect_push (fixture, "alice credits the staff with bruno's reply", push_reply_referral (fixture, ALICE, "$staff", "$alice", "\"accepted\""), "rejected");
  expect_push (fixture, "alice makes bruno's reply a won referral", push_reply_referral (fixture, ALICE, "$bruno", "$alice", "\"won\""), "rejected");
  expect_push (fixture, "alice makes bruno's reply a referral", push_reply_referral (fixture, ALICE, "$bruno", "$alice", "\"accepted\""), "applied");

  /* Mentoring: the staff's; its members only read it */
  expect_push (fixture, "alice picks a mentor", push_one (fixture, ALICE, "mentoring", MT_NEW, "insert", "mentor_id", NULL, "$bruno", "mentee_id", NULL, "$alice", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "staff makes alice her own mentor", push_one (fixture, STAFF, "mentoring", MT_NEW, "insert", "mentor_id", NULL, "$alice", "mentee_id", NULL, "$alice", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "staff ends a mentoring before it starts", PUSH1 (STAFF, "mentoring", MT_ONE, "update", "ends_on", "null", "\"2026-01-01\""), "rejected");
  expect_push (fixture, "alice ends her mentoring", PUSH1 (ALICE, "mentoring", MT_ONE, "update", "ends_on", "null", "\"2027-03-01\""), "rejected");
  expect_push (fixture, "bruno deletes alice's mentoring", PUSH1 (BRUNO, "mentoring", MT_ONE, "delete", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "staff pairs a member of Beta", push_one (fixture, STAFF, "mentoring", MT_NEW, "insert", "mentor_id", NULL, "$carol", "mentee_id", NULL, "$alice", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "staff sets the end", PUSH1 (STAFF, "mentoring", MT_ONE, "update", "ends_on", "null", "\"2027-03-01\""), "applied");

  /* One-to-ones and needs: their members' */
  expect_push (fixture, "bruno edits their one-to-one", PUSH1 (BRUNO, "one_to_one", O_ONE, "update", "notes", "\"Parlé du salon\"", "\"x\""), "rejected");
  expect_push (fixture, "alice edits her one-to-one", PUSH1 (ALICE, "one_to_one", O_ONE, "update", "notes", "\"Parlé du salon\"", "\"Salon Made in Lyon\""), "applied");
  expect_push (fixture, "bruno deletes alice's need", PUSH1 (BRUNO, "request", Q_ALICE, "delete", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "alice deletes her need", PUSH1 (ALICE, "request", Q_ALICE, "delete", NULL, NULL, NULL), "applied");
  expect_push (fixture, "bruno replies under a deleted need", push_one (fixture, BRUNO, "need_reply", NR_NEW, "insert", "request_id", NULL, "\"" Q_ALICE "\"", "member_id", NULL, "$bruno", "body", NULL, "\"Encore\""), "rejected");

  /* Private messages: nobody speaks in another's name, staff included */
  {
    g_autofree char *conversation = expand (fixture, "$conv");

    expect_push (fixture, "staff publishes a key for alice", push_one (fixture, STAFF, "device_key", DK_NEW, "insert", "member_id", NULL, "$alice", "public_key", NULL, PUBLIC_KEY, NULL, NULL, NULL), "rejected");
    expect_push (fixture, "bruno publishes a key for alice", push_one (fixture, BRUNO, "device_key", DK_NEW, "insert", "member_id", NULL, "$alice", "public_key", NULL, PUBLIC_KEY, NULL, NULL, NULL), "rejected");
    expect_push (fixture, "alice publishes a key that is none", push_one (fixture, ALICE, "device_key", DK_NEW, "insert", "member_id", NULL, "$alice", "public_key", NULL, "\"c2VjcmV0\"", NULL, NULL, NULL), "rejected");
    expect_push (fixture, "alice swaps her device's key", PUSH1 (ALICE, "device_key", DK_ALICE, "update", "public_key", PUBLIC_KEY, "\"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\""), "rejected");
    expect_push (fixture, "alice names her device", PUSH1 (ALICE, "device_key", DK_ALICE, "update", "device_name", "null", "\"Portable\""), "applied");
    expect_push (fixture, "staff starts a conversation for alice", push_one (fixture, STAFF, "conversation", "$staff_conv", "insert", "member_a_id", NULL, "$pair_a", "member_b_id", NULL, "$pair_b", NULL, NULL, NULL), "rejected");
    expect_push (fixture, "staff makes a conversation vanish", PUSH1 (STAFF, "conversation", "$conv", "update", "vanish_after", "\"never\"", "\"day\""), "rejected");
    expect_push (fixture, "bruno makes their conversation vanish", PUSH1 (BRUNO, "conversation", "$conv", "update", "vanish_after", "\"never\"", "\"day\""), "applied");
    expect_push (fixture, "bruno moves the conversation to staff", PUSH1 (BRUNO, "conversation", "$conv", "update", "member_a_id", "$pair_a", "$staff"), "rejected");
    expect_push (fixture, "bruno writes as alice", message_push (fixture, BRUNO, MSG_NEW, conversation, "$alice", "$bruno", DK_ALICE), "rejected");
    expect_push (fixture, "staff writes as alice", message_push (fixture, STAFF, MSG_NEW, conversation, "$alice", "$bruno", DK_ALICE), "rejected");
    expect_push (fixture, "alice writes to staff in bruno's conversation", message_push (fixture, ALICE, MSG_NEW, conversation, "$alice", "$staff", DK_ALICE), "rejected");
    expect_push (fixture, "alice seals with bruno's device", message_push (fixture, ALICE, MSG_NEW, conversation, "$alice", "$bruno", DK_BRUNO), "rejected");
    expect_push (fixture, "alice rewrites her message", PUSH1 (ALICE, "message", MSG, "update", "ciphertext", "\"c2VjcmV0\"", "\"YXV0cmU=\""), "rejected");
    expect_push (fixture, "bruno withdraws alice's message", PUSH1 (BRUNO, "message", MSG, "delete", NULL, NULL, NULL), "rejected");
    expect_push (fixture, "staff deletes alice's message", PUSH1 (STAFF, "message", MSG, "delete", NULL, NULL, NULL), "rejected");
    expect_push (fixture, "bruno answers alice", message_push (fixture, BRUNO, MSG_NEW, conversation, "$bruno", "$alice", DK_BRUNO), "applied");
    expect_push (fixture, "alice withdraws her message", PUSH1 (ALICE, "message", MSG, "delete", NULL, NULL, NULL), "applied");
  }

  /* Rows point at rows of their own club only */
  expect_push (fixture, "alice passes a referral to Beta", push_one (fixture, ALICE, "referral", R_NEW, "insert", "giver_id", NULL, "$alice", "receiver_id", NULL, "$carol", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "staff registers a member of Beta", push_one (fixture, STAFF, "registration", "a0000000-0000-4000-8000-000000000009", "insert", "event_id", NULL, "\"" E_PUB "\"", "member_id", NULL, "$carol", NULL, NULL, NULL), "rejected");
  expect_push (fixture, "staff gives alice a sponsor in Beta", PUSH1 (STAFF, "member", "$alice", "update", "sponsor_id", "$bruno", "$carol"), "rejected");

  /* Beyond the club, and without a valid token, nothing goes in */
  expect_push (fixture, "staff of Beta pushes to Alpha", PUSH1 (STAFF_B, "member", "$alice", "update", "city", "\"Bron\"", "\"Paris\""), "404");
  expect_push (fixture, "a disabled account pushes", PUSH1 (DISABLED, "member", "$alice", "update", "city", "\"Bron\"", "\"Paris\""), "401");
  expect_push (fixture, "a revoked token pushes", PUSH1 (REVOKED, "member", "$alice", "update", "city", "\"Bron\"", "\"Paris\""), "401");
  expect_push (fixture, "nobody pushes", PUSH1 (ANONYMOUS, "member", "$alice", "update", "city", "\"Bron\"", "\"Paris\""), "401");
}

static void
test_matrix (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("authz");
  Fixture fixture = { world, 0 };

  make_rows (&fixture);
  check_endpoints (&fixture);
  check_pulls (&fixture);
  check_pushes (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/server/authz/matrix", test_matrix);

  return g_test_run ();
}
