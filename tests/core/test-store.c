/* test-store.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>
#include <unistd.h>

#include "cercle-core.h"
#include "cercle-test-utils.h"
#include "cercle-store-private.h"

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

  fixture->dir = g_dir_make_tmp ("cercle-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "club.db", NULL);
  g_assert_true (cercle_store_create (fixture->path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->store = cercle_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
remove_dir (const char *dir)
{
  cercle_test_remove_dir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  cercle_test_release_store (fixture->store);
  remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static CercleMember *
make_member (const char *first_name,
             const char *last_name,
             const char *company)
{
  return g_object_new (CERCLE_TYPE_MEMBER,
                       "first-name", first_name,
                       "last-name", last_name,
                       "company", company,
                       NULL);
}

static void
save_or_die (CercleStore *store,
             gpointer     record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cercle_store_save (store, record, &error));
  g_assert_no_error (error);
}

static guint
outbox_length (CercleStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) outbox = cercle_store_dup_outbox (store, &error);

  g_assert_no_error (error);
  return json_array_get_length (outbox);
}

static GStrv
search_names (CercleStore *store,
              const char  *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) results = cercle_store_search_members (store, query, NULL, &error);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (results) == CERCLE_TYPE_MEMBER);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CercleMember) member = g_list_model_get_item (results, i);

      g_strv_builder_add (names, cercle_member_get_last_name (member));
    }

  return g_strv_builder_end (names);
}

static void
test_member_crud (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(CercleMember) member = make_member ("Hélène", "de La Fontaine", "Fontaine Conseil SAS");
  g_autoptr(CercleMember) loaded = NULL;
  g_autoptr(CercleMember) reloaded = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = cercle_record_get_id (CERCLE_RECORD (member));

  g_assert_true (g_uuid_string_is_valid (id));

  g_object_set (member,
                "status", CERCLE_MEMBER_STATUS_CANDIDATE,
                "role", CERCLE_MEMBER_ROLE_STAFF,
                "qr-consent", TRUE,
                "joined-on", "2024-09-12",
                NULL);
  save_or_die (fixture->store, member);
  g_assert_nonnull (cercle_record_get_updated_at (CERCLE_RECORD (member)));

  loaded = cercle_store_get_record (fixture->store, CERCLE_TYPE_MEMBER, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cercle_member_get_first_name (loaded), ==, "Hélène");
  g_assert_cmpstr (cercle_member_get_last_name (loaded), ==, "de La Fontaine");
  g_assert_cmpstr (cercle_member_get_company (loaded), ==, "Fontaine Conseil SAS");
  g_assert_cmpint (cercle_member_get_status (loaded), ==, CERCLE_MEMBER_STATUS_CANDIDATE);
  g_assert_cmpint (cercle_member_get_role (loaded), ==, CERCLE_MEMBER_ROLE_STAFF);
  g_assert_true (cercle_member_get_qr_consent (loaded));
  g_assert_cmpstr (cercle_member_get_joined_on (loaded), ==, "2024-09-12");
  g_assert_null (cercle_member_get_phone (loaded));
  g_assert_cmpint (cercle_record_get_rev (CERCLE_RECORD (loaded)), ==, 0);

  g_object_set (loaded, "city", "Lyon", "company", NULL, NULL);
  save_or_die (fixture->store, loaded);
  reloaded = cercle_store_get_record (fixture->store, CERCLE_TYPE_MEMBER, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cercle_member_get_city (reloaded), ==, "Lyon");
  g_assert_null (cercle_member_get_company (reloaded));

  members = cercle_store_list_members (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 1);
  g_assert_cmpuint (cercle_store_count_members (fixture->store, NULL), ==, 1);

  g_assert_true (cercle_store_delete (fixture->store, CERCLE_RECORD (reloaded), &error));
  g_assert_no_error (error);
  g_clear_object (&members);
  members = cercle_store_list_members (fixture->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 0);
  g_assert_cmpuint (cercle_store_count_members (fixture->store, NULL), ==, 0);

  /* A tombstone stays, so that the deletion can be synced. */
  g_clear_object (&loaded);
  loaded = cercle_store_get_record (fixture->store, CERCLE_TYPE_MEMBER, id, &error);
  g_assert_no_error (error);
  g_assert_true (cercle_record_get_deleted (CERCLE_RECORD (loaded)));

  g_clear_object (&loaded);
  loaded = cercle_store_get_record (fixture->store, CERCLE_TYPE_MEMBER,
                                    "00000000-0000-4000-8000-000000000000", &error);
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_FOUND);
  g_assert_null (loaded);
}

static void
test_every_entity_crud (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(CercleMember) giver = make_member ("Jérôme", "Lefèvre", "Lefèvre BTP");
  g_autoptr(CercleMember) receiver = make_member ("Anaïs", "Bénard", "Bénard Avocats");
  g_autoptr(CercleClub) club = NULL;
  g_autoptr(CercleEvent) event = NULL;
  g_autoptr(CercleRegistration) registration = NULL;
  g_autoptr(CercleRegistration) guest = NULL;
  g_autoptr(CercleReferral) referral = NULL;
  g_autoptr(CercleOneToOne) one_to_one = NULL;
  g_autoptr(CercleRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  CercleRecord *records[8];
  const char *giver_id = cercle_record_get_id (CERCLE_RECORD (giver));
  const char *receiver_id = cercle_record_get_id (CERCLE_RECORD (receiver));

  club = g_object_new (CERCLE_TYPE_CLUB, "name", "Club des Entrepreneurs", "city", "Lyon", NULL);
  event = g_object_new (CERCLE_TYPE_EVENT,
                        "title", "Petit-déjeuner d’affaires",
                        "kind", CERCLE_EVENT_KIND_BREAKFAST,
                        "starts-at", "2030-01-15T06:30:00Z",
                        "ends-at", "2030-01-15T08:00:00Z",
                        "capacity", 30,
                        NULL);
  registration = g_object_new (CERCLE_TYPE_REGISTRATION,
                               "event-id", cercle_record_get_id (CERCLE_RECORD (event)),
                               "member-id", giver_id,
                               "response", CERCLE_RESPONSE_YES,
                               NULL);
  guest = g_object_new (CERCLE_TYPE_REGISTRATION,
                        "event-id", cercle_record_get_id (CERCLE_RECORD (event)),
                        "guest-name", "Zoé Martin",
                        "invited-by-id", receiver_id,
                        "response", CERCLE_RESPONSE_WAITLIST,
                        NULL);
  referral = g_object_new (CERCLE_TYPE_REFERRAL,
                           "giver-id", giver_id,
                           "receiver-id", receiver_id,
                           "prospect-name", "Boulangerie Noël",
                           "temperature", 5,
                           "status", CERCLE_REFERRAL_STATUS_WON,
                           "amount-cents", (gint64)1250000,
                           NULL);
  one_to_one = g_object_new (CERCLE_TYPE_ONE_TO_ONE,
                             "member-a-id", giver_id,
                             "member-b-id", receiver_id,
                             "met-on", "2026-11-02",
                             NULL);
  request = g_object_new (CERCLE_TYPE_REQUEST,
                          "member-id", receiver_id,
                          "title", "Cherche un expert-comptable",
                          NULL);

  records[0] = CERCLE_RECORD (club);
  records[1] = CERCLE_RECORD (giver);
  records[2] = CERCLE_RECORD (receiver);
  records[3] = CERCLE_RECORD (event);
  records[4] = CERCLE_RECORD (registration);
  records[5] = CERCLE_RECORD (guest);
  records[6] = CERCLE_RECORD (referral);
  records[7] = CERCLE_RECORD (one_to_one);
  g_assert_true (cercle_store_save_all (fixture->store, records, G_N_ELEMENTS (records),
                                        CERCLE_SAVE_LOCAL_EDIT, &error));
  g_assert_no_error (error);
  save_or_die (fixture->store, request);

  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_autoptr(CercleRecord) loaded = NULL;
      g_autoptr(CercleRecord) after_delete = NULL;
      CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (records[i]);
      const char *id = cercle_record_get_id (records[i]);

      loaded = cercle_store_get_record (fixture->store, G_OBJECT_TYPE (records[i]), id, &error);
      g_assert_no_error (error);

      /* Every stored field reads back as written. */
      for (guint f = 0; f < klass->n_fields; f++)
        g_assert_cmpint (g_param_values_cmp (klass->fields[f],
                                             cercle_record_peek_value (records[i], f + 1),
                                             cercle_record_peek_value (loaded, f + 1)), ==, 0);

      if (i >= 3)
        {
          g_assert_true (cercle_store_delete (fixture->store, loaded, &error));
          g_assert_no_error (error);
          after_delete = cercle_store_get_record (fixture->store, G_OBJECT_TYPE (records[i]), id, &error);
          g_assert_true (cercle_record_get_deleted (after_delete));
        }
    }

  {
    g_autoptr(CercleClub) loaded_club = cercle_store_dup_club (fixture->store, NULL);
    g_autoptr(CercleRequest) loaded_request = NULL;

    g_assert_cmpstr (cercle_club_get_name (loaded_club), ==, "Club des Entrepreneurs");
    g_assert_cmpstr (cercle_club_get_time_zone (loaded_club), ==, "Europe/Paris");

    g_object_set (request, "status", CERCLE_REQUEST_STATUS_CLOSED, NULL);
    save_or_die (fixture->store, request);
    loaded_request = cercle_store_get_record (fixture->store, CERCLE_TYPE_REQUEST,
                                              cercle_record_get_id (CERCLE_RECORD (request)), &error);
    g_assert_cmpint (cercle_request_get_status (loaded_request), ==, CERCLE_REQUEST_STATUS_CLOSED);
  }
}

static void
test_lists (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(CercleMember) member = make_member ("Loïc", "Le Goff", NULL);
  g_autoptr(CercleEvent) past = NULL;
  g_autoptr(CercleEvent) soon = NULL;
  g_autoptr(CercleEvent) later = NULL;
  g_autoptr(CercleEvent) under_way = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GListModel) registrations = NULL;
  g_autoptr(GListModel) referrals = NULL;
  g_autoptr(CercleEvent) first = NULL;
  g_autoptr(GDateTime) from = g_date_time_new_utc (2027, 1, 1, 0, 0, 0);
  g_autoptr(GError) error = NULL;

  past = g_object_new (CERCLE_TYPE_EVENT, "title", "Dîner de rentrée",
                       "starts-at", "2026-09-10T17:00:00Z", NULL);
  later = g_object_new (CERCLE_TYPE_EVENT, "title", "Visite d’usine",
                        "starts-at", "2027-03-01T13:00:00Z", NULL);
  soon = g_object_new (CERCLE_TYPE_EVENT, "title", "Petit-déjeuner",
                       "starts-at", "2027-01-05T06:30:00Z", "capacity", 2, NULL);
  under_way = g_object_new (CERCLE_TYPE_EVENT, "title", "Réveillon",
                            "starts-at", "2026-12-31T19:00:00Z",
                            "ends-at", "2027-01-01T02:00:00Z", NULL);
  save_or_die (fixture->store, member);
  save_or_die (fixture->store, past);
  save_or_die (fixture->store, later);
  save_or_die (fixture->store, soon);
  save_or_die (fixture->store, under_way);

  /* An event under way is still upcoming: attendance is taken then. */
  events = cercle_store_list_events (fixture->store, from, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 3);
  first = g_list_model_get_item (events, 0);
  g_assert_cmpstr (cercle_event_get_title (first), ==, "Réveillon");
  g_clear_object (&first);
  first = g_list_model_get_item (events, 1);
  g_assert_cmpstr (cercle_event_get_title (first), ==, "Petit-déjeuner");
  g_clear_object (&events);
  events = cercle_store_list_events (fixture->store, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 4);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CercleRegistration) registration = NULL;
      g_autofree char *guest_name = g_strdup_printf ("Invité %u", i);

      registration = g_object_new (CERCLE_TYPE_REGISTRATION,
                                   "event-id", cercle_record_get_id (CERCLE_RECORD (soon)),
                                   "guest-name", guest_name,
                                   "response", CERCLE_RESPONSE_YES,
                                   NULL);
      save_or_die (fixture->store, registration);
      /* Two seats: the third "yes" waits */
      g_assert_cmpint (cercle_registration_get_response (registration), ==,
                       i == 2 ? CERCLE_RESPONSE_WAITLIST : CERCLE_RESPONSE_YES);
    }

  registrations = cercle_store_list_registrations (fixture->store,
                                                   cercle_record_get_id (CERCLE_RECORD (soon)),
                                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (registrations), ==, 3);
  g_assert_cmpuint (cercle_store_count_registrations (fixture->store,
                                                      cercle_record_get_id (CERCLE_RECORD (soon)),
                                                      CERCLE_RESPONSE_YES, NULL), ==, 2);

  referrals = cercle_store_list_referrals (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (referrals), ==, 0);
}

static void
test_registration_unique (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(CercleMember) member = make_member ("Cécile", "Moreau", NULL);
  g_autoptr(CercleEvent) event = NULL;
  g_autoptr(CercleRegistration) first = NULL;
  g_autoptr(CercleRegistration) second = NULL;
  g_autoptr(GError) error = NULL;

  event = g_object_new (CERCLE_TYPE_EVENT, "title", "Dîner", "starts-at", "2027-01-05T18:30:00Z", NULL);
  save_or_die (fixture->store, member);
  save_or_die (fixture->store, event);

  first = g_object_new (CERCLE_TYPE_REGISTRATION,
                        "event-id", cercle_record_get_id (CERCLE_RECORD (event)),
                        "member-id", cercle_record_get_id (CERCLE_RECORD (member)),
                        NULL);
  second = g_object_new (CERCLE_TYPE_REGISTRATION,
                         "event-id", cercle_record_get_id (CERCLE_RECORD (event)),
                         "member-id", cercle_record_get_id (CERCLE_RECORD (member)),
                         NULL);
  save_or_die (fixture->store, first);
  g_assert_false (cercle_store_save (fixture->store, CERCLE_RECORD (second), &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_assert_cmpuint (outbox_length (fixture->store), ==, 3);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(CercleMember) helene = make_member ("Hélène", "de La Fontaine", "Fontaine Conseil");
  g_autoptr(CercleMember) jean = make_member ("Jean-Baptiste", "Müller", "Boulangerie Müller");
  g_autoptr(CercleMember) francois = make_member ("François", "Lefèvre", "Lefèvre Électricité");
  g_autoptr(CercleMember) gone = make_member ("Hélèna", "Partie", NULL);
  g_autoptr(GError) error = NULL;
  CercleRecord *records[] = { CERCLE_RECORD (helene), CERCLE_RECORD (jean),
                              CERCLE_RECORD (francois), CERCLE_RECORD (gone) };
  g_auto(GStrv) names = NULL;

  g_object_set (francois, "sector", "Bâtiment", "city", "Saint-Étienne",
                "offers", "Installation électrique, bornes de recharge", NULL);
  g_assert_true (cercle_store_save_all (fixture->store, records, G_N_ELEMENTS (records),
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);
  g_assert_true (cercle_store_delete (fixture->store, CERCLE_RECORD (gone), &error));

#define ASSERT_FINDS(query, ...) G_STMT_START { \
    const char *expected[] = { __VA_ARGS__, NULL }; \
    g_auto(GStrv) found = search_names (fixture->store, query); \
    g_assert_cmpstrv (found, expected); \
  } G_STMT_END

  ASSERT_FINDS ("helene", "de La Fontaine");
  ASSERT_FINDS ("HÉL", "de La Fontaine");
  ASSERT_FINDS ("hél", "de La Fontaine");
  ASSERT_FINDS ("  Helene   FONTAINE ", "de La Fontaine");
  ASSERT_FINDS ("fontaine", "de La Fontaine");
  ASSERT_FINDS ("jean-b", "Müller");
  ASSERT_FINDS ("muller", "Müller");
  ASSERT_FINDS ("francois", "Lefèvre");
  ASSERT_FINDS ("electr", "Lefèvre");
  ASSERT_FINDS ("saint-etienne", "Lefèvre");
  ASSERT_FINDS ("batiment", "Lefèvre");
  ASSERT_FINDS ("bornes rech", "Lefèvre");

  /* FTS5 syntax typed by a user is text, not a query. */
  names = search_names (fixture->store, "\"hel* OR NEAR(");
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  g_clear_pointer (&names, g_strfreev);
  names = search_names (fixture->store, "zzz");
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  g_clear_pointer (&names, g_strfreev);

  /* An empty query lists everyone in name order, accents aside. */
  ASSERT_FINDS ("", "de La Fontaine", "Lefèvre", "Müller");
  ASSERT_FINDS ("  -  ", "de La Fontaine", "Lefèvre", "Müller");

  /* Edits reach the index. */
  g_object_set (jean, "last-name", "Dupont", NULL);
  save_or_die (fixture->store, jean);
  ASSERT_FINDS ("muller", "Dupont");
  ASSERT_FINDS ("dupo", "Dupont");
  ASSERT_FINDS ("", "de La Fontaine", "Dupont", "Lefèvre");
  g_object_set (jean, "company", "Dupont & Fils", NULL);
  save_or_die (fixture->store, jean);
  ASSERT_FINDS ("muller", NULL);

#undef ASSERT_FINDS
}

static void
test_search_ranking (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(CercleMember) in_city = make_member ("Anne", "Aubert", "Aubert Transports");
  g_autoptr(CercleMember) in_company = make_member ("Paul", "Blanc", "Lyonnaise des Eaux");
  g_autoptr(CercleMember) in_name = make_member ("Lyonel", "Zeller", NULL);
  g_autoptr(CercleMember) twice = make_member ("Hugo", "Marchand", NULL);
  g_autoptr(CercleMember) twice_again = NULL;
  g_autoptr(GError) error = NULL;
  CercleRecord *records[5];

  g_object_set (in_city, "city", "Lyon", NULL);

  /* The same member twice in one batch: the index ends with its last words only. */
  twice_again = g_object_new (CERCLE_TYPE_MEMBER,
                              "id", cercle_record_get_id (CERCLE_RECORD (twice)),
                              "first-name", "Hugo", "last-name", "Lyonnet", NULL);
  records[0] = CERCLE_RECORD (in_city);
  records[1] = CERCLE_RECORD (in_company);
  records[2] = CERCLE_RECORD (twice);
  records[3] = CERCLE_RECORD (in_name);
  records[4] = CERCLE_RECORD (twice_again);
  g_assert_true (cercle_store_save_all (fixture->store, records, G_N_ELEMENTS (records),
                                        CERCLE_SAVE_LOCAL_EDIT, &error));
  g_assert_no_error (error);

  {
    const char *expected[] = { "Lyonnet", "Zeller", "Blanc", "Aubert", NULL };
    g_auto(GStrv) found = search_names (fixture->store, "lyon");

    g_assert_cmpstrv (found, expected);
  }
  {
    g_auto(GStrv) found = search_names (fixture->store, "marchand");

    g_assert_cmpuint (g_strv_length (found), ==, 0);
  }

  /* And a later edit takes its words out again. */
  g_object_set (twice_again, "last-name", "Marchand", NULL);
  save_or_die (fixture->store, twice_again);
  {
    const char *expected[] = { "Marchand", NULL };
    g_auto(GStrv) found = search_names (fixture->store, "hugo");

    g_assert_cmpstrv (found, expected);
  }

  /* The index agrees with the rows, word for word. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO member_fts (member_fts, rank)"
                                       " VALUES ('integrity-check', 1)",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
}

static CercleMember *
make_pro (const char *first_name,
          const char *last_name,
          const char *company,
          const char *job_title,
          const char *sector,
          const char *city,
          const char *offers,
          const char *needs)
{
  return g_object_new (CERCLE_TYPE_MEMBER,
                       "first-name", first_name, "last-name", last_name,
                       "company", company, "job-title", job_title,
                       "sector", sector, "city", city,
                       "offers", offers, "needs", needs,
                       NULL);
}

static GStrv
query_names (CercleStore             *store,
             const CercleMemberQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = cercle_store_query_member_rows (store, query, NULL, &error);
  g_autoptr(CercleRecordList) list = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_assert_no_error (error);
  list = cercle_record_list_new (store, CERCLE_TYPE_MEMBER, rows);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CercleMember) member = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_strv_builder_add (names, cercle_member_get_last_name (member));
    }

  return g_strv_builder_end (names);
}

/* A small club with the trades French queries look for: names first, then
 * company, job and sector, city, what members offer, and last what they
 * look for; French word forms find each other outside names. */
static void
test_search_relevance (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (members, make_pro ("Bruno", "Périer", "Plomberie Périer", "Plombier chauffagiste",
                                      "Artisanat", "Villeurbanne",
                                      "Dépannage plomberie et chauffage sous 24 h",
                                      "Syndics et gestionnaires d'immeubles"));
  g_ptr_array_add (members, make_pro ("Claire", "Morel", "Cabinet Morel Expertise", "Experte-comptable",
                                      "Expertise comptable", "Lyon",
                                      "Tenue comptable et bilans", "Créateurs d'entreprise"));
  g_ptr_array_add (members, make_pro ("Paul", "Girard", "Girard Conseil", "Consultant",
                                      "Conseil", "Lyon", "Accompagnement stratégique des dirigeants",
                                      "Experts-comptables pour des missions communes"));
  g_ptr_array_add (members, make_pro ("Sophie", "Leroy", "Cabinet Leroy Avocats", "Avocate associée",
                                      "Juridique", "Lyon", "Droit des sociétés",
                                      "Experts-comptables partenaires"));
  g_ptr_array_add (members, make_pro ("Anne", "Dupont", "Boulangerie Dupont", "Boulangère",
                                      "Artisanat", "Écully",
                                      "Viennoiseries pour petits-déjeuners d'entreprise",
                                      "Apprentis boulangers"));
  g_ptr_array_add (members, make_pro ("Jean", "Boulanger", "Octet Numérique", "Développeur web",
                                      "Numérique", "Lyon", "Création de sites web", "Commerçants"));
  g_ptr_array_add (members, make_pro ("Luc", "Martin", "Rhône Courtage", "Courtier en assurances",
                                      "Finance & assurance", "Lyon", "Assurance des entreprises",
                                      "Boulangeries et commerces de bouche"));
  g_ptr_array_add (members, make_pro ("Zoé", "Arnaud", "Arnaud Immobilier", "Agente immobilière",
                                      "Immobilier", "Bron", "Locaux commerciaux",
                                      "Dépannages urgents, chauffagistes et plombiers fiables"));
  g_object_set (members->pdata[6], "status", CERCLE_MEMBER_STATUS_CANDIDATE, "joined-on", NULL, NULL);
  g_object_set (members->pdata[1], "role", CERCLE_MEMBER_ROLE_STAFF, "joined-on", "2024-01-10", NULL);
  g_object_set (members->pdata[0], "joined-on", "2026-03-01", NULL);
  g_object_set (members->pdata[7], "joined-on", "2019-05-20", NULL);

  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)members->pdata, members->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);

#define ASSERT_QUERY(q, ...) G_STMT_START { \
    const char *expected[] = { __VA_ARGS__, NULL }; \
    g_auto(GStrv) found = query_names (fixture->store, q); \
    g_assert_cmpstrv (found, expected); \
  } G_STMT_END
#define ASSERT_FINDS(text, ...) G_STMT_START { \
    g_autoptr(CercleMemberQuery) query = cercle_member_query_new (text); \
    ASSERT_QUERY (query, __VA_ARGS__); \
  } G_STMT_END

  /* Word forms: plural, feminine and derived forms find each other */
  ASSERT_FINDS ("plombier", "Périer", "Arnaud");
  ASSERT_FINDS ("plomberie", "Périer");
  ASSERT_FINDS ("avocate", "Leroy");
  ASSERT_FINDS ("avocats", "Leroy");
  /* Accountants before those who look for one */
  ASSERT_FINDS ("comptable", "Morel", "Girard", "Leroy");
  ASSERT_FINDS ("comptables", "Morel", "Girard", "Leroy");
  ASSERT_FINDS ("expert-comptable", "Morel", "Girard", "Leroy");
  /* A name first, then the bakery, then who needs one */
  ASSERT_FINDS ("boulanger", "Boulanger", "Dupont", "Martin");
  /* Names are not stemmed: "boulangers" is not Mr Boulanger */
  ASSERT_FINDS ("boulangers", "Dupont", "Martin");
  /* Who offers it before who looks for it, whatever their names */
  ASSERT_FINDS ("depannage", "Périer", "Arnaud");
  /* A typing mistake at the end of a word: a shorter prefix is tried */
  ASSERT_FINDS ("periet", "Périer");
  ASSERT_FINDS ("xyzzy", NULL);

  /* Filters, with and without words */
  {
    g_autoptr(CercleMemberQuery) query = cercle_member_query_new (NULL);

    query->sector = g_strdup ("Artisanat");
    ASSERT_QUERY (query, "Dupont", "Périer");
    g_free (query->text);
    query->text = g_strdup ("boulanger");
    ASSERT_QUERY (query, "Dupont");
    g_clear_pointer (&query->sector, g_free);
    g_clear_pointer (&query->text, g_free);

    query->city = g_strdup ("Lyon");
    query->status = CERCLE_MEMBER_STATUS_ACTIVE;
    ASSERT_QUERY (query, "Boulanger", "Girard", "Leroy", "Morel");
    query->role = CERCLE_MEMBER_ROLE_STAFF;
    ASSERT_QUERY (query, "Morel");
    g_clear_pointer (&query->city, g_free);
    query->role = -1;
    query->status = CERCLE_MEMBER_STATUS_CANDIDATE;
    ASSERT_QUERY (query, "Martin");
    query->status = -1;

    /* A sector nobody has finds nobody */
    query->sector = g_strdup ("Aérospatiale");
    ASSERT_QUERY (query, NULL);
    g_clear_pointer (&query->sector, g_free);

    /* Orders: by company, accents and case aside; by join date, newest first */
    query->sort = CERCLE_MEMBER_SORT_COMPANY;
    ASSERT_QUERY (query, "Arnaud", "Dupont", "Leroy", "Morel", "Girard", "Boulanger", "Périer", "Martin");
    query->sort = CERCLE_MEMBER_SORT_JOINED;
    ASSERT_QUERY (query, "Périer", "Morel", "Arnaud", "Boulanger", "Dupont", "Girard", "Leroy", "Martin");
    query->text = g_strdup ("comptable");
    ASSERT_QUERY (query, "Morel", "Girard", "Leroy");
  }

  /* What a row shows: the field that decided, and the words that matched */
  {
    g_autoptr(CercleSearchTerms) terms = cercle_search_terms_new ("comptable");
    g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (CercleSearchRange));
    const char *needs = "Experts-comptables pour des missions communes";
    CercleSearchRange *range;

    g_assert_cmpint (cercle_search_terms_best_field (terms, members->pdata[1]), ==, CERCLE_SEARCH_FIELD_JOB);
    g_assert_cmpint (cercle_search_terms_best_field (terms, members->pdata[2]), ==, CERCLE_SEARCH_FIELD_NEEDS);
    g_assert_cmpint (cercle_search_terms_best_field (terms, members->pdata[0]), ==, CERCLE_SEARCH_FIELD_NONE);
    g_assert_true (cercle_search_terms_find (terms, needs, CERCLE_SEARCH_FIELD_NEEDS, ranges));
    g_assert_cmpuint (ranges->len, ==, 1);
    range = &g_array_index (ranges, CercleSearchRange, 0);
    g_assert_cmpuint (range->start, ==, 8);
    g_assert_cmpuint (range->end, ==, 18);
  }
  {
    g_autoptr(CercleSearchTerms) terms = cercle_search_terms_new ("hél dép");
    g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (CercleSearchRange));

    g_assert_true (cercle_search_terms_find (terms, "Dépannage plomberie", CERCLE_SEARCH_FIELD_OFFERS, ranges));
    g_assert_cmpuint (ranges->len, ==, 1);
    g_assert_cmpuint (g_array_index (ranges, CercleSearchRange, 0).end, ==, strlen ("Dépannage"));
    g_assert_cmpint (cercle_search_terms_best_field (terms, members->pdata[0]), ==, CERCLE_SEARCH_FIELD_NONE);
  }
  g_assert_null (cercle_search_terms_new (" - ; "));

#undef ASSERT_FINDS
#undef ASSERT_QUERY
}

typedef struct
{
  GMainLoop  *loop;
  GListModel *results;
  GError     *error;
} SearchResult;

static void
on_search_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SearchResult *search = user_data;

  search->results = cercle_store_search_members_finish (CERCLE_STORE (object), result, &search->error);
  g_main_loop_quit (search->loop);
}

static void
test_search_async (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CercleMember) first = NULL;
  g_autoptr(GError) error = NULL;
  SearchResult cancelled = { loop, NULL, NULL };
  SearchResult search = { loop, NULL, NULL };

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *last_name = g_strdup_printf ("Martin %03u", i);

      g_ptr_array_add (members, make_member (i == 7 ? "Hélène" : "Paul", last_name, NULL));
    }
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)members->pdata, members->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));

  /* A newer keystroke cancels the older query. */
  cercle_store_search_members_async (fixture->store, "pa", cancellable, on_search_done_cb, &cancelled);
  g_cancellable_cancel (cancellable);
  g_main_loop_run (loop);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled.results);
  g_clear_error (&cancelled.error);

  cercle_store_search_members_async (fixture->store, "HELE", NULL, on_search_done_cb, &search);
  g_main_loop_run (loop);
  g_assert_no_error (search.error);
  g_assert_cmpuint (g_list_model_get_n_items (search.results), ==, 1);
  first = g_list_model_get_item (search.results, 0);
  g_assert_cmpstr (cercle_member_get_last_name (first), ==, "Martin 007");

  /* The list hands out one object per row, however often asked. */
  {
    g_autoptr(GObject) again = g_list_model_get_item (search.results, 0);

    g_assert_true (again == (GObject *)first);
    g_assert_null (g_list_model_get_item (search.results, 1));
  }

  g_clear_object (&search.results);
}

static void
test_outbox_and_history (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(CercleMember) member = make_member ("Émilie", "Rousseau", "Rousseau SARL");
  g_autoptr(CercleMember) from_server = make_member ("Noël", "Garnier", NULL);
  g_autoptr(JsonArray) outbox = NULL;
  g_autoptr(JsonArray) history = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *mutation;
  JsonObject *changes;
  JsonObject *entry;
  const char *id = cercle_record_get_id (CERCLE_RECORD (member));

  save_or_die (fixture->store, member);
  g_assert_cmpuint (outbox_length (fixture->store), ==, 1);

  /* Saving what is already there is not an edit. */
  save_or_die (fixture->store, member);
  g_assert_cmpuint (outbox_length (fixture->store), ==, 1);

  g_object_set (member, "company", "Rousseau & Associés", "city", "Écully", NULL);
  save_or_die (fixture->store, member);
  g_assert_cmpuint (outbox_length (fixture->store), ==, 2);

  outbox = cercle_store_dup_outbox (fixture->store, &error);
  g_assert_no_error (error);
  mutation = json_array_get_object_element (outbox, 0);
  /* In the words of the sync protocol */
  g_assert_cmpstr (json_object_get_string_member (mutation, "op"), ==, "insert");
  g_assert_cmpstr (json_object_get_string_member (mutation, "entity"), ==, "member");
  g_assert_cmpstr (json_object_get_string_member (mutation, "row_id"), ==, id);
  g_assert_false (json_object_has_member (mutation, "id"));
  g_assert_cmpint (json_object_get_int_member (mutation, "base_rev"), ==, 0);
  /* A new row carries its fields, without old values */
  changes = json_object_get_object_member (mutation, "changes");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (changes, "last_name"), "new"),
                   ==, "Rousseau");
  g_assert_false (json_object_has_member (json_object_get_object_member (changes, "last_name"), "old"));

  mutation = json_array_get_object_element (outbox, 1);
  g_assert_cmpstr (json_object_get_string_member (mutation, "op"), ==, "update");
  g_assert_cmpint (json_object_get_int_member (mutation, "mutation_no"), >,
                   json_object_get_int_member (json_array_get_object_element (outbox, 0), "mutation_no"));
  changes = json_object_get_object_member (mutation, "changes");
  g_assert_cmpuint (json_object_get_size (changes), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (changes, "company"), "old"),
                   ==, "Rousseau SARL");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (changes, "company"), "new"),
                   ==, "Rousseau & Associés");
  g_assert_true (json_object_get_null_member (json_object_get_object_member (changes, "city"), "old"));

  history = cercle_store_dup_history (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (history), ==, 2);
  entry = json_array_get_object_element (history, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "field"), ==, "company");
  g_assert_cmpstr (json_object_get_string_member (entry, "old"), ==, "Rousseau SARL");
  g_assert_cmpstr (json_object_get_string_member (entry, "origin"), ==, "local");

  g_assert_true (cercle_store_delete (fixture->store, CERCLE_RECORD (member), &error));
  g_clear_pointer (&outbox, json_array_unref);
  outbox = cercle_store_dup_outbox (fixture->store, &error);
  g_assert_cmpuint (json_array_get_length (outbox), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (outbox, 2), "op"),
                   ==, "delete");

  /* Rows the server already has never go back to it. */
  cercle_record_set_rev (CERCLE_RECORD (from_server), 42);
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)&from_server, 1,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_cmpuint (outbox_length (fixture->store), ==, 3);
  g_object_set (from_server, "city", "Vénissieux", NULL);
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)&from_server, 1,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_cmpuint (outbox_length (fixture->store), ==, 3);
  g_clear_pointer (&history, json_array_unref);
  history = cercle_store_dup_history (fixture->store, cercle_record_get_id (CERCLE_RECORD (from_server)), &error);
  g_assert_cmpuint (json_array_get_length (history), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 0), "origin"),
                   ==, "server");

  /* A local edit keeps the server's rev as the base of its mutation. */
  g_object_set (from_server, "phone", "+33 6 12 34 56 78", NULL);
  save_or_die (fixture->store, from_server);
  g_clear_pointer (&outbox, json_array_unref);
  outbox = cercle_store_dup_outbox (fixture->store, &error);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (outbox, 3), "base_rev"), ==, 42);
  g_assert_cmpint (cercle_record_get_rev (CERCLE_RECORD (from_server)), ==, 42);
}

static void
test_failed_write_leaves_nothing (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(CercleMember) member = make_member ("Benoît", "Girard", NULL);
  g_autoptr(CercleEvent) event = NULL;
  g_autoptr(CercleRegistration) nobody = NULL;
  g_autoptr(CercleReferral) dangling = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(GError) error = NULL;
  CercleRecord *records[3];
  guint changed = 0;

  event = g_object_new (CERCLE_TYPE_EVENT, "title", "Afterwork", "starts-at", "2027-02-01T18:00:00Z", NULL);
  /* Neither a member nor a named guest: refused by the schema. */
  nobody = g_object_new (CERCLE_TYPE_REGISTRATION,
                         "event-id", cercle_record_get_id (CERCLE_RECORD (event)), NULL);

  records[0] = CERCLE_RECORD (member);
  records[1] = CERCLE_RECORD (event);
  records[2] = CERCLE_RECORD (nobody);
  g_assert_false (cercle_store_save_all (fixture->store, records, 3, CERCLE_SAVE_LOCAL_EDIT, &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_clear_error (&error);

  members = cercle_store_list_members (fixture->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 0);
  g_assert_cmpuint (outbox_length (fixture->store), ==, 0);
  g_assert_null (cercle_store_get_record (fixture->store, CERCLE_TYPE_EVENT,
                                          cercle_record_get_id (CERCLE_RECORD (event)), NULL));

  /* A reference to a member who does not exist fails only at commit, and
   * takes the whole batch with it too. */
  dangling = g_object_new (CERCLE_TYPE_REFERRAL,
                           "giver-id", cercle_record_get_id (CERCLE_RECORD (member)),
                           "receiver-id", "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                           NULL);
  records[1] = CERCLE_RECORD (dangling);
  g_signal_connect_swapped (fixture->store, "changed", G_CALLBACK (g_atomic_int_inc), &changed);
  g_assert_false (cercle_store_save_all (fixture->store, records, 2, CERCLE_SAVE_LOCAL_EDIT, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (cercle_store_count_members (fixture->store, NULL), ==, 0);
  g_assert_cmpuint (outbox_length (fixture->store), ==, 0);
  cercle_store_flush_changes (fixture->store);
  g_assert_cmpuint (changed, ==, 0);

  /* And the store is still usable afterwards. */
  save_or_die (fixture->store, member);
  g_assert_cmpuint (cercle_store_count_members (fixture->store, NULL), ==, 1);
  cercle_store_flush_changes (fixture->store);
  g_assert_cmpuint (changed, ==, 1);
}

static void
on_changed_cb (CercleStore     *store,
               CercleChangeSet *changes,
               GPtrArray       *seen)
{
  g_ptr_array_add (seen, cercle_change_set_ref (changes));
}

static gboolean
has_seen (gpointer data)
{
  return ((GPtrArray *)data)->len > 0;
}

/* Views hear of a burst of writes once, from the main loop, with the rows
 * of each entity that changed */
static void
test_changed_signal (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_change_set_unref);
  g_autoptr(CercleMember) member = make_member ("Zoé", "Blanc", NULL);
  g_autoptr(CercleEvent) event = NULL;
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  CercleChangeSet *changes;

  event = g_object_new (CERCLE_TYPE_EVENT, "title", "Visio", "starts-at", "2027-02-01T18:00:00Z", NULL);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed_cb), seen);

  save_or_die (fixture->store, member);
  save_or_die (fixture->store, event);

  /* Nothing yet: it comes from the main loop, once */
  g_assert_cmpuint (seen->len, ==, 0);
  g_assert_true (cercle_test_wait_for (has_seen, seen, 5));
  cercle_test_drain_main_context ();
  g_assert_cmpuint (seen->len, ==, 1);

  changes = g_ptr_array_index (seen, 0);
  g_assert_true (cercle_change_set_touches (changes, CERCLE_ENTITY_MEMBER));
  g_assert_true (cercle_change_set_touches (changes, CERCLE_ENTITY_EVENT));
  g_assert_false (cercle_change_set_touches (changes, CERCLE_ENTITY_REFERRAL));
  g_assert_true (cercle_change_set_contains (changes, CERCLE_ENTITY_MEMBER,
                                             cercle_record_get_id (CERCLE_RECORD (member))));
  g_assert_false (cercle_change_set_contains (changes, CERCLE_ENTITY_MEMBER,
                                              cercle_record_get_id (CERCLE_RECORD (event))));
  g_assert_false (cercle_change_set_is_everything (changes, CERCLE_ENTITY_MEMBER));

  /* A sync page of thousands of rows is one notification that does not
   * list every id */
  for (guint i = 0; i < 5000; i++)
    g_ptr_array_add (many, make_member ("Membre", "Nombreux", NULL));
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)many->pdata, many->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);
  g_assert_true (cercle_store_set_local_member (fixture->store,
                                                cercle_record_get_id (CERCLE_RECORD (member)), &error));
  cercle_store_flush_changes (fixture->store);
  g_assert_cmpuint (seen->len, ==, 2);
  changes = g_ptr_array_index (seen, 1);
  g_assert_true (cercle_change_set_is_everything (changes, CERCLE_ENTITY_MEMBER));
  g_assert_true (cercle_change_set_contains (changes, CERCLE_ENTITY_MEMBER, "any id"));
  g_assert_true (cercle_change_set_get_local_user_changed (changes));
  g_assert_false (cercle_change_set_touches (changes, CERCLE_ENTITY_EVENT));

  /* Nothing is left to tell */
  cercle_test_drain_main_context ();
  g_assert_cmpuint (seen->len, ==, 2);
}

static void
test_local_member (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(CercleMember) member = make_member ("Marie-Claire", "d’Aubigné", NULL);
  g_autoptr(CercleMember) local = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (cercle_store_dup_local_member (fixture->store, NULL));
  g_assert_false (cercle_test_local_user_is_staff (fixture->store));

  g_assert_false (cercle_store_set_local_member (fixture->store, "no-such-member", &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  save_or_die (fixture->store, member);
  g_assert_true (cercle_store_set_local_member (fixture->store,
                                                cercle_record_get_id (CERCLE_RECORD (member)), &error));
  g_assert_no_error (error);
  local = cercle_store_dup_local_member (fixture->store, NULL);
  g_assert_cmpstr (cercle_member_get_last_name (local), ==, "d’Aubigné");
  g_assert_false (cercle_test_local_user_is_staff (fixture->store));

  /* A member cannot make themselves staff; the club's server can */
  g_object_set (member, "role", CERCLE_MEMBER_ROLE_STAFF, NULL);
  g_assert_false (cercle_store_save (fixture->store, CERCLE_RECORD (member), &error));
  g_assert_error (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (cercle_test_local_user_is_staff (fixture->store));
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)&member, 1,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);
  g_assert_true (cercle_test_local_user_is_staff (fixture->store));

  /* Nor edit another member's profile, nor write what the rules refuse */
  {
    g_autoptr(CercleMember) other = make_member ("Autre", "Membre", NULL);
    g_autoptr(CercleEvent) event = g_object_new (CERCLE_TYPE_EVENT, "title", "Dîner",
                                                 "starts-at", "2027-01-05T18:30:00Z", NULL);

    g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)&other, 1,
                                          CERCLE_SAVE_FROM_SERVER, &error));
    g_object_set (member, "role", CERCLE_MEMBER_ROLE_MEMBER, NULL);
    g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)&member, 1,
                                          CERCLE_SAVE_FROM_SERVER, &error));
    g_object_set (other, "city", "Lyon", NULL);
    g_assert_false (cercle_store_save (fixture->store, CERCLE_RECORD (other), &error));
    g_assert_error (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN);
    g_clear_error (&error);
    g_assert_false (cercle_store_save (fixture->store, CERCLE_RECORD (event), &error));
    g_assert_error (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN);
    g_clear_error (&error);
    g_object_set (member, "city", "Écully", NULL);
    save_or_die (fixture->store, member);

    g_object_set (member, "role", CERCLE_MEMBER_ROLE_STAFF, NULL);
    g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)&member, 1,
                                          CERCLE_SAVE_FROM_SERVER, &error));
  }

  /* Known again after reopening. */
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  fixture->store = cercle_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (cercle_test_local_user_is_staff (fixture->store));
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
read_pragma_int (const char *path,
                 const char *pragma)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static char *
read_journal_mode (const char *path)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  char *mode;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  mode = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return mode;
}

static void
test_migrate_from_version_1 (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cercle-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpuint (cercle_store_n_migrations, >=, 2);

  /* A club written by the first version: no full-text index yet. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, cercle_store_migrations[0]);
  exec_or_die (db, "PRAGMA user_version = 1");
  exec_or_die (db, "INSERT INTO member (id, first_name, last_name, sort_key)"
                   " VALUES ('6fa459ea-ee8a-3ca4-894e-db77e160355e', 'Hélène', 'Dubois', 'dubois')");
  sqlite3_close (db);

  store = cercle_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cercle_store_get_schema_version (store), ==, cercle_store_n_migrations);

  /* and is marked as a Cercle club from now on */
  g_assert_cmpint (read_pragma_int (path, "application_id"), ==, CERCLE_STORE_APPLICATION_ID);

  names = search_names (store, "helene");
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "Dubois");

  g_assert_finalize_object (g_steal_pointer (&store));
  remove_dir (dir);
}

static void
test_refuses_newer_schema (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cercle-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "future.db", NULL);
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %u; PRAGMA application_id = %d",
                                             cercle_store_n_migrations + 1, CERCLE_STORE_APPLICATION_ID);
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, pragma);
  sqlite3_close (db);

  store = cercle_store_open (path, &error);
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_TOO_NEW);
  g_assert_null (store);
  remove_dir (dir);
}

static void
test_corrupt_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cercle-store-XXXXXX", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.db", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.db", NULL);
  g_autofree char *damaged = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *missing_dir = g_build_filename (dir, "no", "such", "dir.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  sqlite3 *db = NULL;
  CercleStore *store;

  g_assert_true (g_file_set_contents (garbage, "Nom;Prénom\nDupont;Jean\n" "not a database at all", -1, NULL));
  store = cercle_store_open (garbage, &error);
  g_assert_null (store);
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "garbage.db"));
  g_clear_error (&error);

  /* The file is left as it was. */
  g_assert_true (g_file_get_contents (garbage, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "Nom;Prénom"));

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  exec_or_die (db, "CREATE TABLE invoices (number INTEGER)");
  sqlite3_close (db);
  store = cercle_store_open (foreign, &error);
  g_assert_null (store);
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  /* A real club whose pages were overwritten. */
  g_assert_true (cercle_store_create (damaged, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *wal = g_strconcat (damaged, "-wal", NULL);
    g_autofree char *bytes = NULL;

    g_unlink (wal);
    g_assert_true (g_file_get_contents (damaged, &bytes, &length, NULL));
    g_assert_cmpuint (length, >, 4096);
    memset (bytes + 16, 0x5a, 84);
    g_assert_true (g_file_set_contents (damaged, bytes, length, NULL));
  }
  store = cercle_store_open (damaged, &error);
  g_assert_null (store);
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  store = cercle_store_open (missing_dir, &error);
  g_assert_null (store);
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_MISSING);

  remove_dir (dir);
}

/* Another program's SQLite files, at any schema version, are refused and
 * left byte for byte as they were: no WAL switch, no migration. */
static void
test_foreign_files_untouched (void)
{
  g_autofree char *dir = cercle_test_make_dir ("foreign");

  for (int version = -1; version <= 2; version++)
    {
      g_autofree char *name = g_strdup_printf ("foreign-%d.db", version);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *mode = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CercleStore) store = NULL;

      if (version < 0)
        /* An empty file is no club either */
        g_assert_true (g_file_set_contents (path, "", 0, NULL));
      else
        {
          g_autofree char *sql = g_strdup_printf ("CREATE TABLE invoices (number INTEGER);"
                                                  "INSERT INTO invoices VALUES (1);"
                                                  "PRAGMA user_version = %d", version);
          sqlite3 *db = NULL;

          g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
          exec_or_die (db, sql);
          sqlite3_close (db);
        }

      before = cercle_test_checksum_file (path);
      store = cercle_store_open (path, &error);
      g_assert_null (store);
      g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_A_DATABASE);
      g_assert_nonnull (strstr (error->message, name));

      after = cercle_test_checksum_file (path);
      g_assert_cmpstr (before, ==, after);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      if (version >= 0)
        {
          mode = read_journal_mode (path);
          g_assert_cmpstr (mode, ==, "delete");
        }
    }

  cercle_test_remove_dir (dir);
}

/* A mistyped path is an error and creates nothing */
static void
test_missing_path (void)
{
  g_autofree char *dir = cercle_test_make_dir ("missing");
  g_autofree char *path = g_build_filename (dir, "clubb.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleStore) store = cercle_store_open (path, &error);
  g_autoptr(GDir) listing = NULL;

  g_assert_null (store);
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "clubb.db"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));

  cercle_test_remove_dir (dir);
}

static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return 0;
  fields = g_strsplit (statm, " ", -1);

  return (gsize)g_ascii_strtoull (fields[1], NULL, 10) * (gsize)sysconf (_SC_PAGESIZE);
}

/* Row numbers come from a file anyone may craft: huge, negative or sparse
 * ones must neither crash the search, corrupt memory (this test also runs
 * under valgrind) nor make it allocate for rows that do not exist. */
static void
test_crafted_row_numbers (Fixture       *fixture,
                          gconstpointer  user_data)
{
  static const gint64 rows[] = {
    G_GINT64_CONSTANT (4294967295), -3, 100000000, G_MAXINT64, G_MININT64, 7,
  };
  static const char * const names[] = { "Ultime", "Négatif", "Centmillions", "Maximal", "Minimal", "Sept" };
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gsize before;

  g_assert_finalize_object (g_steal_pointer (&fixture->store));

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO member (pk, id, first_name, last_name, sort_key)"
                                              " VALUES (%" G_GINT64_FORMAT ", '%08x-0000-4000-8000-000000000000',"
                                              " 'Hélène', '%s', lower ('%s'))",
                                              rows[i], i + 1, names[i], names[i]);

      exec_or_die (db, sql);
    }
  exec_or_die (db, "INSERT INTO member_fts (member_fts) VALUES ('rebuild')");
  sqlite3_close (db);

  fixture->store = cercle_store_open (fixture->path, &error);
  g_assert_no_error (error);

  before = resident_bytes ();

  {
    const char *expected[] = { "Centmillions", "Maximal", "Minimal", "Négatif", "Sept", "Ultime", NULL };
    g_auto(GStrv) found = search_names (fixture->store, "");

    g_assert_cmpstrv (found, expected);
  }
  {
    const char *expected[] = { "Centmillions", "Maximal", "Minimal", "Négatif", "Sept", "Ultime", NULL };
    g_auto(GStrv) found = search_names (fixture->store, "helene");

    g_assert_cmpstrv (found, expected);
  }
  {
    const char *expected[] = { "Négatif", NULL };
    g_auto(GStrv) found = search_names (fixture->store, "negatif");

    g_assert_cmpstrv (found, expected);
  }

  /* Six members cost kilobytes, not the 400 MB a table indexed by row
   * number up to 10^8 would take */
  g_assert_cmpuint (resident_bytes () - MIN (before, resident_bytes ()), <, 32 * 1024 * 1024);
}

typedef struct
{
  const char *path;
  GMutex      lock;
  GCond       cond;
  guint       waiting;
  guint       opened;
  GError     *error;
} Race;

/* Holds each of two threads until both are here, so that they race */
static void
start_together (GMutex *lock,
                GCond  *cond,
                guint  *waiting)
{
  g_mutex_lock (lock);
  (*waiting)++;
  g_cond_broadcast (cond);
  while (*waiting < 2)
    g_cond_wait (cond, lock);
  g_mutex_unlock (lock);
}

static gpointer
open_in_race (gpointer data)
{
  Race *race = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleStore) store = NULL;

  start_together (&race->lock, &race->cond, &race->waiting);

  store = cercle_store_open (race->path, &error);

  g_mutex_lock (&race->lock);
  if (store != NULL)
    race->opened++;
  else if (race->error == NULL)
    race->error = g_steal_pointer (&error);
  g_mutex_unlock (&race->lock);

  return NULL;
}

/* Two programs opening a club that needs a migration at the same moment:
 * both open it, and the migration runs once */
static void
test_concurrent_openers (void)
{
  g_autofree char *dir = cercle_test_make_dir ("race");

  for (guint round = 0; round < 10; round++)
    {
      g_autofree char *name = g_strdup_printf ("old-%u.db", round);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      Race race = { path, };
      GThread *a, *b;
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      exec_or_die (db, cercle_store_migrations[0]);
      exec_or_die (db, "PRAGMA user_version = 1");
      sqlite3_close (db);

      g_mutex_init (&race.lock);
      g_cond_init (&race.cond);
      a = g_thread_new ("open-a", open_in_race, &race);
      b = g_thread_new ("open-b", open_in_race, &race);
      g_thread_join (a);
      g_thread_join (b);

      g_assert_no_error (race.error);
      g_assert_cmpuint (race.opened, ==, 2);
      g_assert_cmpint (read_pragma_int (path, "user_version"), ==, cercle_store_n_migrations);

      g_mutex_clear (&race.lock);
      g_cond_clear (&race.cond);
    }

  cercle_test_remove_dir (dir);
}

typedef struct
{
  const char *path;
  GMutex      lock;
  GCond       cond;
  guint       waiting;
  guint       created;
  guint       refused;
} CreateRace;

static gboolean
fill_slowly (CercleStore   *store,
             gpointer       user_data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(CercleMember) member = make_member ("Lent", "Créateur", NULL);

  g_usleep (G_USEC_PER_SEC / 20);

  return cercle_store_save (store, CERCLE_RECORD (member), error);
}

static gpointer
create_in_race (gpointer data)
{
  CreateRace *race = data;
  g_autoptr(GError) error = NULL;
  gboolean created;

  start_together (&race->lock, &race->cond, &race->waiting);

  created = cercle_store_create (race->path, fill_slowly, NULL, NULL, &error);

  g_mutex_lock (&race->lock);
  if (created)
    race->created++;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    race->refused++;
  g_mutex_unlock (&race->lock);

  return NULL;
}

static gboolean
only_entries (const char         *dir,
              const char * const *expected)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      if (!g_strv_contains (expected, name))
        {
          g_test_message ("unexpected file %s", name);
          return FALSE;
        }
      n++;
    }

  return n == g_strv_length ((char **)expected);
}

/* Two creators of the same club at once: one makes it, the other is told
 * it exists, and neither removes what the other made */
static void
test_concurrent_creators (void)
{
  g_autofree char *dir = cercle_test_make_dir ("create-race");
  g_autofree char *path = g_build_filename (dir, "club.db", NULL);
  const char *only_club[] = { "club.db", NULL };
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CreateRace race = { path, };
  GThread *a, *b;

  g_mutex_init (&race.lock);
  g_cond_init (&race.cond);
  a = g_thread_new ("create-a", create_in_race, &race);
  b = g_thread_new ("create-b", create_in_race, &race);
  g_thread_join (a);
  g_thread_join (b);
  g_mutex_clear (&race.lock);
  g_cond_clear (&race.cond);

  g_assert_cmpuint (race.created, ==, 1);
  g_assert_cmpuint (race.refused, ==, 1);
  g_assert_true (only_entries (dir, only_club));

  store = cercle_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cercle_store_count_members (store, NULL), ==, 1);

  cercle_test_remove_dir (dir);
}

static gboolean
fill_while_user_creates (CercleStore   *store,
                         gpointer       user_data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  /* Meanwhile, the user saves another file under the same name */
  g_assert_true (g_file_set_contents (user_data, "le fichier de l’utilisateur", -1, NULL));

  return TRUE;
}

static gboolean
fill_and_fail (CercleStore   *store,
               gpointer       user_data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(CercleMember) member = make_member ("Presque", "Fini", NULL);

  g_assert_true (cercle_store_save (store, CERCLE_RECORD (member), NULL));
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "failed on purpose");

  return FALSE;
}

/* What a creation did not make, it never removes; what it made and could
 * not finish, it leaves nowhere */
static void
test_create_is_all_or_nothing (void)
{
  g_autofree char *dir = cercle_test_make_dir ("create");
  g_autofree char *path = g_build_filename (dir, "club.db", NULL);
  g_autofree char *checksum = NULL;
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "le fichier de l’utilisateur", -1);
  const char *only_users[] = { "club.db", NULL };
  const char *nothing[] = { NULL };
  g_autoptr(GError) error = NULL;

  g_assert_false (cercle_store_create (path, fill_while_user_creates, path, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (only_entries (dir, only_users));
  checksum = cercle_test_checksum_file (path);
  g_assert_cmpstr (checksum, ==, expected);
  g_unlink (path);

  g_assert_false (cercle_store_create (path, fill_and_fail, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_true (only_entries (dir, nothing));

  cercle_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cercle/store/member-crud", test_member_crud);
  ADD ("/cercle/store/every-entity-crud", test_every_entity_crud);
  ADD ("/cercle/store/lists", test_lists);
  ADD ("/cercle/store/registration-unique", test_registration_unique);
  ADD ("/cercle/store/search", test_search);
  ADD ("/cercle/store/search-ranking", test_search_ranking);
  ADD ("/cercle/store/search-relevance", test_search_relevance);
  ADD ("/cercle/store/search-async", test_search_async);
  ADD ("/cercle/store/outbox-and-history", test_outbox_and_history);
  ADD ("/cercle/store/failed-write-leaves-nothing", test_failed_write_leaves_nothing);
  ADD ("/cercle/store/changed-signal", test_changed_signal);
  ADD ("/cercle/store/local-member", test_local_member);
  ADD ("/cercle/store/crafted-row-numbers", test_crafted_row_numbers);

#undef ADD

  g_test_add_func ("/cercle/store/migrate-from-version-1", test_migrate_from_version_1);
  g_test_add_func ("/cercle/store/refuses-newer-schema", test_refuses_newer_schema);
  g_test_add_func ("/cercle/store/corrupt-files", test_corrupt_files);
  g_test_add_func ("/cercle/store/foreign-files-untouched", test_foreign_files_untouched);
  g_test_add_func ("/cercle/store/missing-path", test_missing_path);
  g_test_add_func ("/cercle/store/concurrent-openers", test_concurrent_openers);
  g_test_add_func ("/cercle/store/concurrent-creators", test_concurrent_creators);
  g_test_add_func ("/cercle/store/create-is-all-or-nothing", test_create_is_all_or_nothing);

  return g_test_run ();
}
