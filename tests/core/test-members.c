/* test-members.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cercle-core.h"
#include "cercle-test-utils.h"

/* The member directory beyond search: a profile's activity and sponsored
 * members, who to meet, privacy, the membership life cycle, and the
 * ligatures of French in search. */

typedef struct
{
  char        *dir;
  char        *path;
  CercleStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = cercle_test_make_dir ("cercle-members-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "club.db", NULL);
  g_assert_true (cercle_store_create (fixture->path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->store = cercle_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  cercle_test_release_store (fixture->store);
  cercle_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
save_or_die (CercleStore *store,
             gpointer     record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cercle_store_save (store, record, &error));
  g_assert_no_error (error);
}

static CercleMember *
add_member (CercleStore *store,
            const char  *first_name,
            const char  *last_name,
            const char  *job_title,
            const char  *offers,
            const char  *needs)
{
  CercleMember *member = g_object_new (CERCLE_TYPE_MEMBER,
                                       "first-name", first_name,
                                       "last-name", last_name,
                                       "job-title", job_title,
                                       "offers", offers,
                                       "needs", needs,
                                       NULL);

  save_or_die (store, member);

  return member;
}

static const char *
id_of (gpointer record)
{
  return cercle_record_get_id (CERCLE_RECORD (record));
}

/* An event @days_ago days ago (or ahead, when negative) */
static CercleEvent *
add_event (CercleStore       *store,
           int                days_ago,
           CercleEventStatus  status)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) when = g_date_time_add_days (now, -days_ago);
  g_autofree char *starts_at = g_date_time_format_iso8601 (when);
  CercleEvent *event = g_object_new (CERCLE_TYPE_EVENT,
                                     "title", "Petit-déjeuner",
                                     "starts-at", starts_at,
                                     "status", status,
                                     NULL);

  save_or_die (store, event);

  return event;
}

static void
add_registration (CercleStore      *store,
                  CercleEvent      *event,
                  CercleMember     *member,
                  CercleResponse    response,
                  CercleAttendance  attendance)
{
  g_autoptr(CercleRegistration) registration =
    g_object_new (CERCLE_TYPE_REGISTRATION,
                  "event-id", id_of (event),
                  "member-id", id_of (member),
                  "response", response,
                  "attendance", attendance,
                  NULL);

  save_or_die (store, registration);
}

static void
add_one_to_one (CercleStore  *store,
                CercleMember *a,
                CercleMember *b)
{
  g_autoptr(CercleOneToOne) meeting = g_object_new (CERCLE_TYPE_ONE_TO_ONE,
                                                    "member-a-id", id_of (a),
                                                    "member-b-id", id_of (b),
                                                    "met-on", "2026-01-15",
                                                    NULL);

  save_or_die (store, meeting);
}

static void
add_referral (CercleStore          *store,
              CercleMember         *giver,
              CercleMember         *receiver,
              CercleReferralStatus  status)
{
  g_autoptr(CercleReferral) referral = g_object_new (CERCLE_TYPE_REFERRAL,
                                                     "giver-id", id_of (giver),
                                                     "receiver-id", id_of (receiver),
                                                     "prospect-name", "Prospect",
                                                     "status", status,
                                                     NULL);

  save_or_die (store, referral);
}

static void
test_activity (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(CercleMember) anne = add_member (fixture->store, "Anne", "Roux", NULL, NULL, NULL);
  g_autoptr(CercleMember) paul = add_member (fixture->store, "Paul", "Brun", NULL, NULL, NULL);
  g_autoptr(CercleMember) lea = add_member (fixture->store, "Léa", "Morel", NULL, NULL, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GListModel) sponsored = NULL;
  g_autoptr(GError) error = NULL;
  CercleMemberActivity activity;
  struct {
    int               days_ago;
    CercleEventStatus status;
    CercleResponse    response;
    CercleAttendance  attendance;
  } events[] = {
    { 10, CERCLE_EVENT_STATUS_SCHEDULED, CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_PRESENT },
    { 20, CERCLE_EVENT_STATUS_SCHEDULED, CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_LATE },
    { 30, CERCLE_EVENT_STATUS_SCHEDULED, CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_ABSENT },
    { 40, CERCLE_EVENT_STATUS_SCHEDULED, CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_SUBSTITUTE },
    /* expected, though excused (the calendar's rule: an excuse is not
     * attendance) */
    { 50, CERCLE_EVENT_STATUS_SCHEDULED, CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_EXCUSED },
    /* not counted: attendance not taken, not coming, cancelled, too long
     * ago, not yet */
    { 60, CERCLE_EVENT_STATUS_SCHEDULED, CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_UNKNOWN },
    { 70, CERCLE_EVENT_STATUS_SCHEDULED, CERCLE_RESPONSE_NO, CERCLE_ATTENDANCE_UNKNOWN },
    { 80, CERCLE_EVENT_STATUS_CANCELLED, CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_ABSENT },
    { 200, CERCLE_EVENT_STATUS_SCHEDULED, CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_ABSENT },
    { -5, CERCLE_EVENT_STATUS_SCHEDULED, CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autoptr(CercleEvent) event = add_event (fixture->store, events[i].days_ago, events[i].status);

      add_registration (fixture->store, event, anne, events[i].response, events[i].attendance);
      /* Someone else's attendance is not hers */
      add_registration (fixture->store, event, paul, CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_PRESENT);
    }

  add_referral (fixture->store, anne, paul, CERCLE_REFERRAL_STATUS_WON);
  add_referral (fixture->store, anne, lea, CERCLE_REFERRAL_STATUS_PROPOSED);
  add_referral (fixture->store, paul, anne, CERCLE_REFERRAL_STATUS_LOST);
  add_referral (fixture->store, paul, lea, CERCLE_REFERRAL_STATUS_WON);
  add_one_to_one (fixture->store, anne, paul);
  add_one_to_one (fixture->store, lea, anne);
  add_one_to_one (fixture->store, lea, paul);

  g_assert_true (cercle_store_get_member_activity (fixture->store, id_of (anne), now, &activity, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (activity.events_expected, ==, 5);
  g_assert_cmpuint (activity.events_attended, ==, 2);
  g_assert_cmpuint (activity.referrals_given, ==, 2);
  g_assert_cmpuint (activity.referrals_given_won, ==, 1);
  g_assert_cmpuint (activity.referrals_received, ==, 1);
  g_assert_cmpuint (activity.referrals_received_won, ==, 0);
  g_assert_cmpuint (activity.one_to_ones, ==, 2);

  /* The profile's rate is the calendar's regularity page's, over the same
   * six months: an excused absence lowers both alike */
  {
    g_autoptr(GDateTime) since = g_date_time_add_months (now, -6);
    g_autoptr(GArray) regularity = cercle_store_compute_regularity (fixture->store, since, now, &error);
    const CercleRegularity *entry = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < regularity->len; i++)
      if (g_str_equal (g_array_index (regularity, CercleRegularity, i).member_id, id_of (anne)))
        entry = &g_array_index (regularity, CercleRegularity, i);
    g_assert_nonnull (entry);
    g_assert_cmpuint (entry->expected, ==, activity.events_expected);
    g_assert_cmpuint (entry->attended, ==, activity.events_attended);
    g_assert_cmpfloat_with_epsilon (cercle_registration_policy_attendance_rate (activity.events_attended,
                                                                                activity.events_expected),
                                    2.0 / 5.0, 1e-9);
  }

  /* Sponsored members, in name order */
  g_object_set (lea, "sponsor-id", id_of (anne), NULL);
  g_object_set (paul, "sponsor-id", id_of (anne), NULL);
  save_or_die (fixture->store, lea);
  save_or_die (fixture->store, paul);
  sponsored = cercle_store_list_sponsored_members (fixture->store, id_of (anne), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sponsored), ==, 2);
  {
    g_autoptr(CercleMember) first = g_list_model_get_item (sponsored, 0);

    g_assert_cmpstr (cercle_member_get_last_name (first), ==, "Brun");
  }
}

static gboolean
contains_member (GPtrArray    *suggestions,
                 CercleMember *member)
{
  for (guint i = 0; i < suggestions->len; i++)
    if (g_str_equal (((CercleSuggestion *)suggestions->pdata[i])->member_id, id_of (member)))
      return TRUE;

  return FALSE;
}

static const CercleSuggestion *
suggestion_for (GPtrArray    *suggestions,
                CercleMember *member)
{
  for (guint i = 0; i < suggestions->len; i++)
    if (g_str_equal (((CercleSuggestion *)suggestions->pdata[i])->member_id, id_of (member)))
      return suggestions->pdata[i];

  return NULL;
}

/* A small club where the answer is known: who the user should meet, and
 * who not (already met, seen too often, not active, nothing in common) */
static void
test_who_to_meet (Fixture       *fixture,
                  gconstpointer  user_data)
{
  CercleStore *store = fixture->store;
  g_autoptr(CercleMember) user = add_member (store, "Hélène", "Lefèvre", "Gérante",
                                             "Sites internet pour les commerces",
                                             "Expert-comptable pour la clôture annuelle\n"
                                             "Avocat en droit social");
  g_autoptr(CercleMember) accountant = add_member (store, "Anne", "Roux", "Expert-comptable",
                                                   "Tenue comptable et bilans annuels",
                                                   "Clients en création d'entreprise");
  g_autoptr(CercleMember) lawyer = add_member (store, "Paul", "Brun", "Avocate",
                                               "Conseil en droit social des PME",
                                               "Dirigeants qui recrutent");
  g_autoptr(CercleMember) met = add_member (store, "Léa", "Morel", "Comptable",
                                            "Tenue comptable et clôture des comptes", NULL);
  g_autoptr(CercleMember) seen = add_member (store, "Jean", "Petit", "Expert-comptable",
                                             "Bilans comptables annuels", NULL);
  g_autoptr(CercleMember) shop = add_member (store, "Zoé", "Martin", "Fleuriste",
                                             "Bouquets pour les mariages",
                                             "Un site internet pour ma boutique");
  g_autoptr(CercleMember) candidate = add_member (store, "Marc", "Faure", "Expert-comptable",
                                                  "Expertise comptable", NULL);
  g_autoptr(CercleMember) plumber = add_member (store, "Noël", "Blanc", "Plombier",
                                                "Plomberie et chauffage", "Syndics");
  g_autoptr(CercleMember) once = add_member (store, "Yves", "Dumas", "Comptable",
                                             "Clôture des comptes des associations", NULL);
  /* Only a word half the club has in common with her: not telling */
  g_autoptr(CercleMember) common = add_member (store, "Luc", "Bonnet", "Comptable", "Tenue comptable", NULL);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  const CercleSuggestion *first;
  const CercleSuggestion *for_shop;

  g_object_set (candidate, "status", CERCLE_MEMBER_STATUS_CANDIDATE, NULL);
  save_or_die (store, candidate);
  add_one_to_one (store, met, user);

  /* Three breakfasts with "seen", one with "once" */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CercleEvent) event = add_event (store, 10 + (int)i, CERCLE_EVENT_STATUS_SCHEDULED);

      add_registration (store, event, user, CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_PRESENT);
      add_registration (store, event, seen, CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_PRESENT);
      if (i == 0)
        add_registration (store, event, once, CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_PRESENT);
    }

  suggestions = cercle_store_suggest_members (store, id_of (user), 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (suggestions);

  g_assert_true (contains_member (suggestions, accountant));
  g_assert_true (contains_member (suggestions, lawyer));
  g_assert_true (contains_member (suggestions, once));
  g_assert_true (contains_member (suggestions, shop));
  g_assert_false (contains_member (suggestions, user));
  g_assert_false (contains_member (suggestions, met));
  g_assert_false (contains_member (suggestions, seen));
  g_assert_false (contains_member (suggestions, candidate));
  g_assert_false (contains_member (suggestions, plumber));
  g_assert_false (contains_member (suggestions, common));
  g_assert_cmpuint (suggestions->len, ==, 4);

  /* Those who answer her needs first, the rarer the words in common the
   * better: the only labour lawyer, then the accountant (accountants are
   * many); the florist, who needs what she offers, last */
  first = suggestions->pdata[0];
  g_assert_cmpstr (first->member_id, ==, id_of (lawyer));
  g_assert_cmpint (first->reason, ==, CERCLE_SUGGESTION_OFFERS_YOUR_NEED);
  g_assert_cmpstr (first->their_text, ==, "Conseil en droit social des PME");
  g_assert_cmpstr (first->your_text, ==, "Avocat en droit social");
  g_assert_cmpstr (((CercleSuggestion *)suggestions->pdata[1])->member_id, ==, id_of (accountant));
  g_assert_cmpstr (suggestion_for (suggestions, accountant)->their_text, ==, "Tenue comptable et bilans annuels");
  g_assert_cmpstr (suggestion_for (suggestions, accountant)->your_text, ==, "Expert-comptable pour la clôture annuelle");
  g_assert_cmpuint (suggestion_for (suggestions, once)->shared_events, ==, 1);

  for_shop = suggestions->pdata[suggestions->len - 1];
  g_assert_cmpstr (for_shop->member_id, ==, id_of (shop));
  g_assert_cmpint (for_shop->reason, ==, CERCLE_SUGGESTION_NEEDS_YOUR_OFFER);
  g_assert_cmpstr (for_shop->their_text, ==, "Un site internet pour ma boutique");
  g_assert_cmpstr (for_shop->your_text, ==, "Sites internet pour les commerces");

  for (guint i = 1; i < suggestions->len; i++)
    g_assert_cmpfloat (((CercleSuggestion *)suggestions->pdata[i - 1])->score, >=,
                       ((CercleSuggestion *)suggestions->pdata[i])->score);

  /* The limit holds; a member the club does not have gets nothing */
  g_clear_pointer (&suggestions, g_ptr_array_unref);
  suggestions = cercle_store_suggest_members (store, id_of (user), 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, ==, 2);
  g_clear_pointer (&suggestions, g_ptr_array_unref);
  suggestions = cercle_store_suggest_members (store, "nobody", 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, ==, 0);
}

/* "oeuvres" finds "Œuvres", and "Lætitia" is found as "laetitia" */
static void
test_search_ligatures (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(CercleMember) builder = add_member (fixture->store, "Marc", "Roche", "Maçon",
                                                "Gros Œuvre et rénovation", NULL);
  g_autoptr(CercleMember) laetitia = add_member (fixture->store, "Lætitia", "Caron", NULL, NULL, NULL);
  const char *queries[][2] = {
    { "oeuvre", "Roche" },
    { "œuvre", "Roche" },
    { "ŒUVRE", "Roche" },
    { "laetitia", "Caron" },
    { "lætitia", "Caron" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) found = cercle_store_search_members (fixture->store, queries[i][0], NULL, &error);
      g_autoptr(CercleMember) first = NULL;

      g_assert_no_error (error);
      if (g_list_model_get_n_items (found) != 1)
        g_error ("“%s” found %u members", queries[i][0], g_list_model_get_n_items (found));
      first = g_list_model_get_item (found, 0);
      g_assert_cmpstr (cercle_member_get_last_name (first), ==, queries[i][1]);
    }

  /* Edited: the index forgets the old words, ligatures and all */
  g_object_set (builder, "offers", "Charpente", NULL);
  save_or_die (fixture->store, builder);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) found = cercle_store_search_members (fixture->store, "oeuvre", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
  }
}

/* Adding a candidate, approving them and moving them to alumni are each in
 * their history, with the sponsor they came with */
static void
test_life_cycle_history (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(CercleMember) staff = add_member (fixture->store, "Claire", "Blanc", NULL, NULL, NULL);
  g_autoptr(CercleMember) sponsor = add_member (fixture->store, "Anne", "Roux", NULL, NULL, NULL);
  g_autoptr(CercleMember) candidate = NULL;
  g_autoptr(JsonArray) history = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saw_sponsor = FALSE;
  guint statuses = 0;

  g_object_set (staff, "role", CERCLE_MEMBER_ROLE_STAFF, NULL);
  save_or_die (fixture->store, staff);
  g_assert_true (cercle_store_set_local_member (fixture->store, id_of (staff), &error));
  g_assert_no_error (error);

  candidate = g_object_new (CERCLE_TYPE_MEMBER,
                            "first-name", "Marc",
                            "last-name", "Faure",
                            "status", CERCLE_MEMBER_STATUS_CANDIDATE,
                            "sponsor-id", id_of (sponsor),
                            NULL);
  save_or_die (fixture->store, candidate);
  g_object_set (candidate, "status", CERCLE_MEMBER_STATUS_ACTIVE, "joined-on", "2026-03-01", NULL);
  save_or_die (fixture->store, candidate);
  g_object_set (candidate, "status", CERCLE_MEMBER_STATUS_ALUMNI, NULL);
  save_or_die (fixture->store, candidate);

  history = cercle_store_dup_history (fixture->store, id_of (candidate), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      JsonObject *entry = json_array_get_object_element (history, i);
      const char *field = json_object_get_string_member (entry, "field");

      const char *expected[] = { "candidate", "active", "alumni" };

      if (g_str_equal (field, CERCLE_HISTORY_CREATED))
        {
          JsonObject *made_with = json_object_get_object_member (entry, "new");

          g_assert_cmpuint (i, ==, 0);
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (made_with, "sponsor_id"), "new"),
                           ==, id_of (sponsor));
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (made_with, "status"), "new"),
                           ==, expected[statuses++]);
          saw_sponsor = TRUE;
        }
      else if (g_str_equal (field, "status"))
        {
          g_assert_cmpuint (statuses, <, 3);
          g_assert_cmpstr (json_object_get_string_member (entry, "new"), ==, expected[statuses]);
          statuses++;
        }
    }

  g_assert_true (saw_sponsor);
  g_assert_cmpuint (statuses, ==, 3);
}

/* One card of a vCard 4.0 text, read back as RFC 6350 says: lines
 * unfolded, properties by name (parameters aside), values unescaped */
static GPtrArray *
parse_vcards (const char *text)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify)g_hash_table_unref);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) unfolded = g_string_new (NULL);
  GHashTable *card = NULL;

  g_assert_true (g_str_has_suffix (text, "\r\n"));
  lines = g_strsplit (text, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_autoptr(GString) value = g_string_new (NULL);
      g_autofree char *name = NULL;
      const char *colon;

      /* At most 75 octets a line, lines that begin with a space go on the
       * line before */
      g_assert_cmpuint (strlen (line), <=, 75);
      g_assert_true (g_utf8_validate (line, -1, NULL));
      g_string_append (unfolded, line[0] == ' ' ? line + 1 : line);
      if (lines[i + 1] != NULL && lines[i + 1][0] == ' ')
        continue;
      if (unfolded->len == 0)
        continue;

      colon = strchr (unfolded->str, ':');
      g_assert_nonnull (colon);
      name = g_strndup (unfolded->str, strcspn (unfolded->str, ";:"));

      for (const char *p = colon + 1; *p; p++)
        {
          if (*p == '\\' && p[1] != '\0')
            {
              p++;
              g_string_append_c (value, *p == 'n' || *p == 'N' ? '\n' : *p);
            }
          else
            g_string_append_c (value, *p);
        }

      if (g_str_equal (name, "BEGIN"))
        {
          g_assert_null (card);
          card = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
        }
      else if (g_str_equal (name, "END"))
        {
          g_assert_nonnull (card);
          g_ptr_array_add (cards, g_steal_pointer (&card));
        }
      else
        {
          g_assert_nonnull (card);
          g_assert_false (g_hash_table_contains (card, name));
          g_hash_table_insert (card, g_steal_pointer (&name), g_string_free (g_steal_pointer (&value), FALSE));
        }

      g_string_truncate (unfolded, 0);
    }

  g_assert_null (card);

  return g_steal_pointer (&cards);
}

static char *
export_vcards (CercleStore *store)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cercle_store_export_members_vcard (store, NULL, output, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (output, NULL, NULL);

  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)));
}

/* The directory's vCard export, read back field by field, as each kind
 * of user may see it */
static void
test_vcard_export (Fixture       *fixture,
                   gconstpointer  user_data)
{
  CercleStore *store = fixture->store;
  g_autoptr(CercleMember) sofia = g_object_new (CERCLE_TYPE_MEMBER,
                                                "first-name", "Sofia",
                                                "last-name", "Dupré; dite « la Boss »",
                                                "company", "Boulangerie Dupré, père & fils",
                                                "job-title", "Gérante\nfondatrice",
                                                "city", "Saint-Étienne",
                                                "email", "sofia@secret.fr",
                                                "phone", "06 00 00 00 01",
                                                "website", "dupre.exemple.fr",
                                                "private-fields", "email,phone",
                                                "photo", "data:image/png;base64,iVBORw0KGgo=",
                                                NULL);
  g_autoptr(CercleMember) paul = add_member (store, "Paul", "Brun", NULL, NULL, NULL);
  g_autoptr(CercleMember) staff = add_member (store, "Claire", "Blanc", NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  const char *viewers[] = { "paul", "staff", "sofia" };

  save_or_die (store, sofia);
  g_object_set (staff, "role", CERCLE_MEMBER_ROLE_STAFF, NULL);
  save_or_die (store, staff);

  for (guint v = 0; v < G_N_ELEMENTS (viewers); v++)
    {
      CercleMember *viewer = v == 0 ? paul : v == 1 ? staff : sofia;
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) cards = NULL;
      GHashTable *card = NULL;
      gboolean sees_private = v != 0;

      g_assert_true (cercle_store_set_local_member (store, id_of (viewer), &error));
      g_assert_no_error (error);
      text = export_vcards (store);
      cards = parse_vcards (text);
      g_assert_cmpuint (cards->len, ==, 3);

      for (guint i = 0; i < cards->len; i++)
        if (g_str_equal (g_hash_table_lookup (cards->pdata[i], "FN"), "Sofia Dupré; dite « la Boss »"))
          card = cards->pdata[i];
      g_assert_nonnull (card);

      g_assert_cmpstr (g_hash_table_lookup (card, "VERSION"), ==, "4.0");
      g_assert_cmpstr (g_hash_table_lookup (card, "N"), ==, "Dupré; dite « la Boss »;Sofia;;;");
      g_assert_cmpstr (g_hash_table_lookup (card, "ORG"), ==, "Boulangerie Dupré, père & fils");
      g_assert_cmpstr (g_hash_table_lookup (card, "TITLE"), ==, "Gérante\nfondatrice");
      g_assert_cmpstr (g_hash_table_lookup (card, "ADR"), ==, ";;;Saint-Étienne;;;");
      g_assert_cmpstr (g_hash_table_lookup (card, "URL"), ==, "https://dupre.exemple.fr");
      g_assert_cmpstr (g_hash_table_lookup (card, "PHOTO"), ==, "data:image/png;base64,iVBORw0KGgo=");

      /* Her private e-mail address and phone: for staff and herself only */
      if (sees_private)
        {
          g_assert_cmpstr (g_hash_table_lookup (card, "EMAIL"), ==, "sofia@secret.fr");
          g_assert_cmpstr (g_hash_table_lookup (card, "TEL"), ==, "06 00 00 00 01");
        }
      else
        {
          g_assert_false (g_hash_table_contains (card, "EMAIL"));
          g_assert_false (g_hash_table_contains (card, "TEL"));
          g_assert_null (strstr (text, "sofia@secret.fr"));
        }
    }
}

/* Private fields never show in what other members get from a search:
 * they are not in the index, and a row is made from what they may see */
static void
test_search_privacy (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(CercleMember) sofia = g_object_new (CERCLE_TYPE_MEMBER,
                                                "first-name", "Sofia",
                                                "last-name", "Roux",
                                                "email", "sofia.secret@exemple.fr",
                                                "phone", "06 99 88 77 66",
                                                "private-fields", "email,phone",
                                                NULL);
  const char *private_queries[] = { "sofia.secret", "secret", "0699", "99 88" };

  save_or_die (fixture->store, sofia);

  for (guint i = 0; i < G_N_ELEMENTS (private_queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) found = cercle_store_search_members (fixture->store, private_queries[i], NULL, &error);

      g_assert_no_error (error);
      if (g_list_model_get_n_items (found) != 0)
        g_error ("“%s”, in a private field, found a member", private_queries[i]);
    }
}

/* What the store's search finds, and what a search that reads the whole
 * directory afresh finds, for a few queries: the same members in the same
 * order */
static void
assert_search_as_fresh (CercleStore *store,
                        const char  *path)
{
  static const struct {
    const char       *text;
    const char       *city;
    int               status;
    CercleMemberSort  sort;
  } queries[] = {
    { NULL, NULL, -1, CERCLE_MEMBER_SORT_NAME },
    { "a", NULL, -1, CERCLE_MEMBER_SORT_NAME },
    { "conseil", NULL, -1, CERCLE_MEMBER_SORT_NAME },
    { NULL, "Lyon", -1, CERCLE_MEMBER_SORT_NAME },
    { NULL, NULL, CERCLE_MEMBER_STATUS_ALUMNI, CERCLE_MEMBER_SORT_NAME },
    { "m", NULL, CERCLE_MEMBER_STATUS_ACTIVE, CERCLE_MEMBER_SORT_NAME },
    { NULL, NULL, -1, CERCLE_MEMBER_SORT_COMPANY },
    { NULL, NULL, -1, CERCLE_MEMBER_SORT_JOINED },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleSearch) fresh = cercle_search_new (path, &error);

  g_assert_no_error (error);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(CercleMemberQuery) query = cercle_member_query_new (queries[q].text);
      g_autoptr(GArray) found = NULL;
      g_autoptr(GArray) expected = NULL;

      query->city = g_strdup (queries[q].city);
      query->status = queries[q].status;
      query->sort = queries[q].sort;

      expected = cercle_search_query_members (fresh, query, NULL, &error);
      g_assert_no_error (error);

      /* Twice: one-letter searches are kept until the directory changes */
      for (guint round = 0; round < 2; round++)
        {
          g_clear_pointer (&found, g_array_unref);
          found = cercle_store_query_member_rows (store, query, NULL, &error);
          g_assert_no_error (error);

          g_assert_cmpuint (found->len, ==, expected->len);
          for (guint i = 0; i < found->len; i++)
            g_assert_cmpint (g_array_index (found, gint64, i), ==, g_array_index (expected, gint64, i));
        }
    }
}

static CercleMember *
nth_member (CercleStore *store,
            guint        n)
{
  g_autoptr(GListModel) all = cercle_store_list_members (store, NULL);
  g_autoptr(CercleMember) member = g_list_model_get_item (all, n);
  g_autoptr(GError) error = NULL;
  CercleMember *copy;

  g_assert_nonnull (member);
  copy = cercle_store_get_record (store, CERCLE_TYPE_MEMBER, id_of (member), &error);
  g_assert_no_error (error);

  return copy;
}

static void
save_from_server (CercleStore *store,
                  gpointer    *records,
                  guint        n_records)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cercle_store_save_all (store, (CercleRecord * const *)records, n_records,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);
}

/* The search keeps its directory from one write to the next, merging in
 * the members each write names: renamed members move, deleted ones go,
 * new ones come in at their place, and the filters and other orders see
 * what changed, exactly as if the directory had been read again */
static void
test_search_after_writes (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleStore) store = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "demo.db", NULL);

  g_assert_true (cercle_demo_create (path, 300, CERCLE_DEMO_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  store = cercle_store_open (path, &error);
  g_assert_no_error (error);

  assert_search_as_fresh (store, path);

  /* A member renamed to the top of the list, another to its end */
  {
    gpointer records[2] = { nth_member (store, 150), nth_member (store, 3) };

    g_object_set (records[0], "last-name", "Aaron", NULL);
    g_object_set (records[1], "last-name", "Zygmunt", "city", "Lyon", NULL);
    save_from_server (store, records, 2);
    g_object_unref (records[0]);
    g_object_unref (records[1]);
  }
  assert_search_as_fresh (store, path);

  /* Namesakes: the same key, ordered by row */
  {
    gpointer records[3] = { nth_member (store, 10), nth_member (store, 200), nth_member (store, 20) };

    for (guint i = 0; i < 3; i++)
      g_object_set (records[i], "first-name", "Jean", "last-name", "Martin", NULL);
    g_object_set (records[1], "status", CERCLE_MEMBER_STATUS_ALUMNI, NULL);
    save_from_server (store, records, 3);
    for (guint i = 0; i < 3; i++)
      g_object_unref (records[i]);
  }
  assert_search_as_fresh (store, path);

  /* Deleted, then new members, one with no name at all */
  {
    g_autoptr(CercleMember) gone = nth_member (store, 42);
    g_autoptr(CercleMember) first = add_member (store, "Amélie", "Abadie", NULL, NULL, NULL);
    gpointer added[2] = {
      g_object_new (CERCLE_TYPE_MEMBER, "first-name", "Maël", "last-name", "Moreau",
                    "city", "Lyon", "offers", "Conseil en gestion", NULL),
      g_object_new (CERCLE_TYPE_MEMBER, NULL),
    };

    g_assert_true (cercle_store_delete (store, CERCLE_RECORD (gone), &error));
    g_assert_no_error (error);
    assert_search_as_fresh (store, path);

    save_from_server (store, added, 2);
    g_object_unref (added[0]);
    g_object_unref (added[1]);
  }
  assert_search_as_fresh (store, path);

  /* Several writes before the next search */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(CercleMember) member = nth_member (store, 7 * i + 1);
      g_autofree char *name = g_strdup_printf ("Nom %u", 5 - i);

      g_object_set (member, "last-name", name, "city", i % 2 ? "Lyon" : "Paris", NULL);
      save_or_die (store, member);
    }
  assert_search_as_fresh (store, path);
}

static void
test_membership_rules (void)
{
  g_autoptr(CercleViewer) staff = cercle_viewer_new ("staff", TRUE);
  g_autoptr(CercleViewer) member = cercle_viewer_new ("member", FALSE);
  g_autoptr(CercleMember) candidate = g_object_new (CERCLE_TYPE_MEMBER,
                                                    "status", CERCLE_MEMBER_STATUS_CANDIDATE,
                                                    NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 14, 10, 0, 0);
  CercleMemberStatus moves[CERCLE_MEMBERSHIP_N_STATUSES];

  /* Staff approve candidates, move members to alumni and back; members
   * move nobody */
  g_assert_cmpuint (cercle_membership_list_moves (staff, CERCLE_MEMBER_STATUS_CANDIDATE, moves), ==, 1);
  g_assert_cmpint (moves[0], ==, CERCLE_MEMBER_STATUS_ACTIVE);
  g_assert_cmpuint (cercle_membership_list_moves (staff, CERCLE_MEMBER_STATUS_ACTIVE, moves), ==, 1);
  g_assert_cmpint (moves[0], ==, CERCLE_MEMBER_STATUS_ALUMNI);
  g_assert_cmpuint (cercle_membership_list_moves (staff, CERCLE_MEMBER_STATUS_ALUMNI, moves), ==, 1);
  g_assert_cmpint (moves[0], ==, CERCLE_MEMBER_STATUS_ACTIVE);
  g_assert_false (cercle_membership_can_move (staff, CERCLE_MEMBER_STATUS_ACTIVE, CERCLE_MEMBER_STATUS_CANDIDATE));
  for (CercleMemberStatus from = 0; from < CERCLE_MEMBERSHIP_N_STATUSES; from++)
    g_assert_cmpuint (cercle_membership_list_moves (member, from, moves), ==, 0);

  g_assert_true (cercle_membership_needs_sponsor (CERCLE_MEMBER_STATUS_CANDIDATE));
  g_assert_false (cercle_membership_needs_sponsor (CERCLE_MEMBER_STATUS_ACTIVE));

  /* Approved today: a member from today, dues not paid yet */
  cercle_membership_move (candidate, CERCLE_MEMBER_STATUS_ACTIVE, now);
  g_assert_cmpint (cercle_member_get_status (candidate), ==, CERCLE_MEMBER_STATUS_ACTIVE);
  g_assert_cmpstr (cercle_member_get_joined_on (candidate), ==, "2026-03-14");
  g_assert_true (cercle_membership_dues_overdue (candidate, now));
  g_object_set (candidate, "dues-paid-until", "2026-03-14", NULL);
  g_assert_false (cercle_membership_dues_overdue (candidate, now));
  g_object_set (candidate, "dues-paid-until", "2026-03-13", NULL);
  g_assert_true (cercle_membership_dues_overdue (candidate, now));

  /* Back from alumni: the day they first joined stays */
  cercle_membership_move (candidate, CERCLE_MEMBER_STATUS_ALUMNI, now);
  g_assert_false (cercle_membership_dues_overdue (candidate, now));
  g_object_set (candidate, "joined-on", "2019-09-01", NULL);
  cercle_membership_move (candidate, CERCLE_MEMBER_STATUS_ACTIVE, now);
  g_assert_cmpstr (cercle_member_get_joined_on (candidate), ==, "2019-09-01");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cercle/members/activity", test_activity);
  ADD ("/cercle/members/who-to-meet", test_who_to_meet);
  ADD ("/cercle/members/search-ligatures", test_search_ligatures);
  ADD ("/cercle/members/life-cycle-history", test_life_cycle_history);
  ADD ("/cercle/members/vcard-export", test_vcard_export);
  ADD ("/cercle/members/search-privacy", test_search_privacy);
  ADD ("/cercle/members/search-after-writes", test_search_after_writes);

#undef ADD

  g_test_add_func ("/cercle/members/membership-rules", test_membership_rules);

  return g_test_run ();
}
