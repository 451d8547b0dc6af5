/* test-store-records.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Saving, reading and listing every kind of record, and the local member */

#include "config.h"

#include "test-store.h"

void
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

void
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

void
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

void
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

void
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
