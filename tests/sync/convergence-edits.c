/* convergence-edits.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "convergence.h"

/* The convergence harness's users: random edits of every kind of row the
 * club syncs, each as its user may make it (the rules refuse the others
 * locally, and those are not kept), each kept as the mutation the store
 * queued for the server. */

static char *
unique_value (Client *client)
{
  static guint counter;

  return g_strdup_printf ("%s-%u", client->name, ++counter);
}

/* Keeps the mutation the store just queued for @row_id, as it will be
 * pushed: what the harness later looks for in the server's answers */
static void
note_edit (Client     *client,
           const char *row_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outbox = cercle_store_dup_outbox_mutations (client->store, &error);
  CercleMutation *last;

  g_assert_no_error (error);
  if (outbox->len == 0)
    return;

  last = g_ptr_array_index (outbox, outbox->len - 1);
  if (last->mutation_no <= client->last_noted)
    return;

  g_assert_cmpstr (last->row_id, ==, row_id);
  client->last_noted = last->mutation_no;
  g_ptr_array_add (client->edits, cercle_mutation_to_json (last));
}

static void
save_edit (Client       *client,
           CercleRecord *record)
{
  g_autoptr(GError) error = NULL;

  /* Edits the rules refuse locally are not made: the user is told at once */
  if (!cercle_store_save (client->store, record, &error))
    return;

  note_edit (client, cercle_record_get_id (record));
}

static void
save_new (Client       *client,
          CercleRecord *record)
{
  g_autoptr(GError) error = NULL;

  if (!cercle_store_save (client->store, record, &error))
    return;

  note_edit (client, cercle_record_get_id (record));
  g_ptr_array_add (client->inserted, g_strdup (cercle_record_get_id (record)));
}

/**
 * convergence_live_ids:
 * @where: more of the WHERE clause, from "AND"
 *
 * Returns: (transfer full): the ids of @client's rows of @table that are
 *   not deleted, read straight from its file
 */
GPtrArray *
convergence_live_ids (Client     *client,
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

static char *
random_date (GRand *rand)
{
  return g_strdup_printf ("2027-%02d-%02d", g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
}

static void
edit_member (Client *client,
             GRand  *rand)
{
  static const char * const properties[] = { "city", "company", "bio", "job-title", "offers", "needs" };
  g_autoptr(GPtrArray) members = convergence_live_ids (client, "member", "");
  const char *id = client->member_id;
  g_autoptr(CercleRecord) record = NULL;
  g_autofree char *value = unique_value (client);

  /* Staff edit anyone's profile (most often the two members', to meet
   * their own edits), members their own */
  if (client->staff && members->len > 0)
    {
      guint who = g_rand_int_range (rand, 0, 4);

      id = who == 0 ? pick (rand, members) : who == 1 ? client->member_id : client->other_id;
    }

  record = cercle_store_get_record (client->store, CERCLE_TYPE_MEMBER, id, NULL);
  if (record == NULL)
    return;

  g_object_set (record, properties[g_rand_int_range (rand, 0, G_N_ELEMENTS (properties))], value, NULL);
  save_edit (client, record);
}

static void
edit_event (Client *client,
            GRand  *rand)
{
  g_autoptr(GPtrArray) events = convergence_live_ids (client, "event", "");
  g_autoptr(CercleRecord) record = NULL;
  g_autofree char *value = unique_value (client);
  guint what = g_rand_int_range (rand, 0, 10);

  if (what < 4 || events->len == 0)
    {
      g_autofree char *starts = g_strdup_printf ("2027-%02d-%02dT07:30:00Z", g_rand_int_range (rand, 1, 13),
                                                 g_rand_int_range (rand, 1, 29));

      record = CERCLE_RECORD (cercle_event_new ());
      g_object_set (record, "title", value, "starts-at", starts, NULL);
      save_new (client, record);
      return;
    }

  record = cercle_store_get_record (client->store, CERCLE_TYPE_EVENT, pick (rand, events), NULL);
  if (record == NULL)
    return;

  if (what == 9)
    {
      if (cercle_store_delete (client->store, record, NULL))
        note_edit (client, cercle_record_get_id (record));
      return;
    }

  g_object_set (record, what < 7 ? "title" : "place", value, NULL);
  save_edit (client, record);
}

/* A need ("I am looking for"): its author's; staff edit anyone's */
static void
edit_request (Client *client,
              GRand  *rand)
{
  g_autofree char *mine_where = g_strdup_printf ("AND member_id = '%s'", client->member_id);
  g_autoptr(GPtrArray) requests = convergence_live_ids (client, "request", client->staff ? "" : mine_where);
  g_autoptr(CercleRecord) record = NULL;
  g_autofree char *value = unique_value (client);

  if (requests->len == 0 || g_rand_int_range (rand, 0, 3) == 0)
    {
      record = CERCLE_RECORD (cercle_request_new ());
      g_object_set (record, "member-id", client->member_id, "title", value, NULL);
      save_new (client, record);
      return;
    }

  record = cercle_store_get_record (client->store, CERCLE_TYPE_REQUEST, pick (rand, requests), NULL);
  if (record == NULL)
    return;

  g_object_set (record, g_rand_boolean (rand) ? "body" : "title", value, NULL);
  save_edit (client, record);
}

/* Everyone answers for themselves; staff also take attendance */
static void
edit_registration (Client *client,
                   GRand  *rand)
{
  static const CercleResponse responses[] = { CERCLE_RESPONSE_YES, CERCLE_RESPONSE_NO, CERCLE_RESPONSE_MAYBE };
  static const CercleAttendance attendances[] = { CERCLE_ATTENDANCE_PRESENT, CERCLE_ATTENDANCE_ABSENT,
                                                  CERCLE_ATTENDANCE_LATE };
  g_autoptr(GPtrArray) events = convergence_live_ids (client, "event", "");
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(CercleRecord) record = NULL;
  g_autofree char *where = NULL;
  const char *event_id;

  if (client->staff && g_rand_boolean (rand))
    {
      g_autoptr(GPtrArray) all = convergence_live_ids (client, "registration", "");

      if (all->len == 0)
        return;
      record = cercle_store_get_record (client->store, CERCLE_TYPE_REGISTRATION, pick (rand, all), NULL);
      if (record == NULL)
        return;
      g_object_set (record, "attendance", attendances[g_rand_int_range (rand, 0, G_N_ELEMENTS (attendances))],
                    NULL);
      save_edit (client, record);
      return;
    }

  if ((event_id = pick (rand, events)) == NULL)
    return;

  where = g_strdup_printf ("AND event_id = '%s' AND member_id = '%s'", event_id, client->member_id);
  mine = convergence_live_ids (client, "registration", where);

  if (mine->len == 0)
    {
      g_autofree char *now = cercle_now_iso8601 ();

      record = CERCLE_RECORD (cercle_registration_new ());
      g_object_set (record, "event-id", event_id, "member-id", client->member_id,
                    "response", CERCLE_RESPONSE_YES, "registered-at", now, NULL);
      save_new (client, record);
      return;
    }

  record = cercle_store_get_record (client->store, CERCLE_TYPE_REGISTRATION, pick (rand, mine), NULL);
  if (record == NULL)
    return;

  g_object_set (record, "response", responses[g_rand_int_range (rand, 0, G_N_ELEMENTS (responses))], NULL);
  save_edit (client, record);
}

/* Referrals between the two members: the giver edits the need, the
 * receiver moves the status, both (and staff) write notes */
static void
edit_referral (Client *client,
               GRand  *rand)
{
  g_autofree char *where = g_strdup_printf ("AND (giver_id = '%s' OR receiver_id = '%s')",
                                            client->member_id, client->member_id);
  g_autoptr(GPtrArray) referrals = convergence_live_ids (client, "referral", client->staff ? "" : where);
  g_autoptr(CercleRecord) record = NULL;
  g_autofree char *value = unique_value (client);
  CercleReferralActor actor;
  guint what = g_rand_int_range (rand, 0, 3);

  if (!client->staff && (referrals->len == 0 || g_rand_int_range (rand, 0, 4) == 0))
    {
      g_autofree char *today = cercle_today ();

      record = CERCLE_RECORD (cercle_referral_new ());
      g_object_set (record, "giver-id", client->member_id, "receiver-id", client->other_id,
                    "prospect-name", value, "need", value, "given-on", today, NULL);
      save_new (client, record);
      return;
    }

  if (referrals->len == 0 ||
      !(record = cercle_store_get_record (client->store, CERCLE_TYPE_REFERRAL, pick (rand, referrals), NULL)))
    return;

  actor = cercle_referral_actor_for (client->viewer, CERCLE_REFERRAL (record));

  if (what == 1 && (actor & CERCLE_REFERRAL_ACTOR_GIVER) != 0)
    {
      if (g_rand_boolean (rand))
        g_object_set (record, "need", value, NULL);
      else
        g_object_set (record, "temperature", g_rand_int_range (rand, 1, 6), NULL);
    }
  else if (what == 2 && (actor & (CERCLE_REFERRAL_ACTOR_RECEIVER | CERCLE_REFERRAL_ACTOR_GIVER)) != 0)
    {
      CercleReferralStatus moves[CERCLE_REFERRAL_N_STATUSES];
      guint n = cercle_referral_status_list_moves (cercle_referral_get_status (CERCLE_REFERRAL (record)),
                                                   actor, moves);
      g_autofree char *today = cercle_today ();
      CercleReferralStatus to;

      if (n == 0)
        return;
      to = moves[g_rand_int_range (rand, 0, n)];
      cercle_referral_apply_move (CERCLE_REFERRAL (record), to,
                                  cercle_referral_status_needs_amount (to) ? 150000 : 0, today);
    }
  else
    g_object_set (record, "notes", value, NULL);

  save_edit (client, record);
}

/* A one-to-one is its author's; staff may move its date, not its notes */
static void
edit_one_to_one (Client *client,
                 GRand  *rand)
{
  g_autofree char *where = g_strdup_printf ("AND author_id = '%s'", client->member_id);
  g_autoptr(GPtrArray) mine = convergence_live_ids (client, "one_to_one", where);
  g_autoptr(GPtrArray) all = convergence_live_ids (client, "one_to_one", "");
  g_autoptr(CercleRecord) record = NULL;
  g_autofree char *value = unique_value (client);
  g_autofree char *date = random_date (rand);

  if (client->staff && all->len > 0 && g_rand_boolean (rand))
    {
      record = cercle_store_get_record (client->store, CERCLE_TYPE_ONE_TO_ONE, pick (rand, all), NULL);
      if (record == NULL)
        return;
      g_object_set (record, "met-on", date, NULL);
      save_edit (client, record);
      return;
    }

  if (mine->len == 0 || g_rand_int_range (rand, 0, 4) == 0)
    {
      record = CERCLE_RECORD (cercle_one_to_one_new ());
      g_object_set (record, "member-a-id", client->member_id, "member-b-id", client->other_id,
                    "author-id", client->member_id, "met-on", date, "notes", value, NULL);
      save_new (client, record);
      return;
    }

  record = cercle_store_get_record (client->store, CERCLE_TYPE_ONE_TO_ONE, pick (rand, mine), NULL);
  if (record == NULL)
    return;

  if (g_rand_boolean (rand))
    g_object_set (record, "notes", value, NULL);
  else
    g_object_set (record, "met-on", date, NULL);
  save_edit (client, record);
}

/**
 * convergence_random_edit:
 *
 * Makes one edit @client may make, of a kind and a row drawn from @rand,
 * and keeps it in @client's edits
 */
void
convergence_random_edit (Client *client,
                         GRand  *rand)
{
  if (client->viewer == NULL)
    client->viewer = cercle_viewer_new (client->member_id, client->staff);

  switch (g_rand_int_range (rand, 0, client->staff ? 6 : 5))
    {
    case 0:
      edit_member (client, rand);
      break;
    case 1:
      edit_request (client, rand);
      break;
    case 2:
      edit_registration (client, rand);
      break;
    case 3:
      edit_referral (client, rand);
      break;
    case 4:
      edit_one_to_one (client, rand);
      break;
    default:
      edit_event (client, rand);
      break;
    }
}
