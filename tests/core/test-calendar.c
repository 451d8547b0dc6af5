/* test-calendar.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libical/ical.h>
#include <string.h>

#include "cercle-core.h"
#include "cercle-test-utils.h"

typedef struct
{
  char         *dir;
  char         *path;
  CercleStore  *store;
  CercleMember *staff;
} Fixture;

static void
save_or_die (CercleStore *store,
             gpointer     record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cercle_store_save (store, record, &error));
  g_assert_no_error (error);
}

static CercleMember *
make_member (CercleStore *store,
             const char  *first_name,
             const char  *last_name,
             gboolean     staff)
{
  CercleMember *member = g_object_new (CERCLE_TYPE_MEMBER,
                                       "first-name", first_name,
                                       "last-name", last_name,
                                       "email", "someone@example.org",
                                       "role", staff ? CERCLE_MEMBER_ROLE_STAFF : CERCLE_MEMBER_ROLE_MEMBER,
                                       NULL);

  save_or_die (store, member);
  return member;
}

/* A club whose local user is a staff member */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = cercle_test_make_dir ("calendar");
  fixture->path = g_build_filename (fixture->dir, "club.db", NULL);
  g_assert_true (cercle_store_create (fixture->path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->store = cercle_store_open (fixture->path, &error);
  g_assert_no_error (error);

  fixture->staff = make_member (fixture->store, "Sophie", "Martin", TRUE);
  g_assert_true (cercle_store_set_local_member (fixture->store,
                                                cercle_record_get_id (CERCLE_RECORD (fixture->staff)),
                                                &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->staff);
  cercle_test_release_store (fixture->store);
  cercle_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static CercleEvent *
make_event (CercleStore *store,
            const char  *title,
            const char  *starts_at,
            int          capacity)
{
  CercleEvent *event = g_object_new (CERCLE_TYPE_EVENT,
                                     "title", title,
                                     "starts-at", starts_at,
                                     "capacity", capacity,
                                     NULL);

  save_or_die (store, event);
  return event;
}

static CercleRegistration *
reload (CercleStore        *store,
        CercleRegistration *registration)
{
  g_autoptr(GError) error = NULL;
  CercleRegistration *fresh = cercle_store_get_record (store, CERCLE_TYPE_REGISTRATION,
                                                       cercle_record_get_id (CERCLE_RECORD (registration)),
                                                       &error);

  g_assert_no_error (error);
  return fresh;
}

static CercleRegistration *
register_guest (CercleStore *store,
                CercleEvent *event,
                const char  *name,
                const char  *registered_at)
{
  CercleRegistration *registration = g_object_new (CERCLE_TYPE_REGISTRATION,
                                                   "event-id", cercle_record_get_id (CERCLE_RECORD (event)),
                                                   "guest-name", name,
                                                   "registered-at", registered_at,
                                                   NULL);

  save_or_die (store, registration);
  return registration;
}

static guint
outbox_length (CercleStore *store)
{
  g_autoptr(JsonArray) outbox = cercle_store_dup_outbox (store, NULL);

  return json_array_get_length (outbox);
}

/* Seats go in the order people asked, whatever form their times came
 * in; a freed seat goes to the first on the waitlist, and the move is
 * not queued for sync: the server makes it from the same command. */
static void
test_waitlist_order (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(CercleEvent) event = make_event (fixture->store, "Dîner", "2027-02-11T18:30:00Z", 2);
  g_autoptr(CercleRegistration) a = register_guest (fixture->store, event, "Anne", "2026-11-01T08:00:00Z");
  g_autoptr(CercleRegistration) b = register_guest (fixture->store, event, "Bruno", "2026-11-01T08:05:00Z");
  /* 08:20 UTC, written with an offset: it sorts after 09:15+02:00 = 07:15Z
   * as an instant, before it as a string */
  g_autoptr(CercleRegistration) d = register_guest (fixture->store, event, "Denis", "2026-11-01T08:20:00Z");
  g_autoptr(CercleRegistration) c = register_guest (fixture->store, event, "Chloé", "2026-11-01T09:15:00+02:00");
  g_autoptr(CercleRegistration) fresh = NULL;
  g_autoptr(GError) error = NULL;
  CercleEventCounts counts;
  guint outbox_before;

  g_assert_cmpint (cercle_registration_get_response (a), ==, CERCLE_RESPONSE_YES);
  g_assert_cmpint (cercle_registration_get_response (b), ==, CERCLE_RESPONSE_YES);
  g_assert_cmpint (cercle_registration_get_response (c), ==, CERCLE_RESPONSE_WAITLIST);
  g_assert_cmpint (cercle_registration_get_response (d), ==, CERCLE_RESPONSE_WAITLIST);
  g_assert_cmpstr (cercle_registration_get_registered_at (c), ==, "2026-11-01T07:15:00Z");

  g_assert_cmpuint (cercle_store_get_waitlist_place (fixture->store, c, &error), ==, 1);
  g_assert_cmpuint (cercle_store_get_waitlist_place (fixture->store, d, &error), ==, 2);

  /* Anne cannot come: Chloé, who asked before Denis, moves up */
  outbox_before = outbox_length (fixture->store);
  g_object_set (a, "response", CERCLE_RESPONSE_NO, NULL);
  save_or_die (fixture->store, a);
  g_assert_cmpuint (outbox_length (fixture->store), ==, outbox_before + 1);

  fresh = reload (fixture->store, c);
  g_assert_cmpint (cercle_registration_get_response (fresh), ==, CERCLE_RESPONSE_YES);
  g_clear_object (&fresh);
  fresh = reload (fixture->store, d);
  g_assert_cmpint (cercle_registration_get_response (fresh), ==, CERCLE_RESPONSE_WAITLIST);
  g_assert_cmpuint (cercle_store_get_waitlist_place (fixture->store, fresh, &error), ==, 1);
  g_clear_object (&fresh);

  /* Bruno's registration is withdrawn: Denis moves up */
  g_assert_true (cercle_store_delete (fixture->store, CERCLE_RECORD (b), &error));
  g_assert_no_error (error);
  fresh = reload (fixture->store, d);
  g_assert_cmpint (cercle_registration_get_response (fresh), ==, CERCLE_RESPONSE_YES);

  g_assert_true (cercle_store_count_event (fixture->store, cercle_record_get_id (CERCLE_RECORD (event)),
                                           &counts, &error));
  g_assert_cmpuint (counts.yes, ==, 2);
  g_assert_cmpuint (counts.waitlist, ==, 0);
  g_assert_cmpuint (counts.no, ==, 1);

  /* The policy orders instants, not strings, also where the store is not */
  {
    g_autoptr(CercleRegistration) x = g_object_new (CERCLE_TYPE_REGISTRATION, "id", "x",
                                                    "registered-at", "2026-11-01T09:15:00+02:00", NULL);
    g_autoptr(CercleRegistration) y = g_object_new (CERCLE_TYPE_REGISTRATION, "id", "y",
                                                    "registered-at", "2026-11-01T08:20:00Z", NULL);

    g_assert_cmpint (cercle_registration_policy_compare_queue (x, y), <, 0);
  }
}

/* Two answers in one batch never take the same last seat; more seats
 * (the capacity raised) move the waitlist up; a walk-in checked in at the
 * door is in the room whatever the count. */
static void
test_capacity_batch (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(CercleEvent) event = make_event (fixture->store, "Visite", "2027-03-10T16:30:00Z", 3);
  g_autoptr(CercleRegistration) first = register_guest (fixture->store, event, "Premier", NULL);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CercleRegistration) walk_in = NULL;
  g_autoptr(GError) error = NULL;
  const char *event_id = cercle_record_get_id (CERCLE_RECORD (event));
  CercleEventCounts counts;
  guint n_yes = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Invité %u", i);

      g_ptr_array_add (batch, g_object_new (CERCLE_TYPE_REGISTRATION,
                                            "event-id", event_id,
                                            "guest-name", name,
                                            NULL));
    }

  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)batch->pdata, batch->len,
                                        CERCLE_SAVE_LOCAL_EDIT, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < batch->len; i++)
    if (cercle_registration_get_response (g_ptr_array_index (batch, i)) == CERCLE_RESPONSE_YES)
      n_yes++;
  g_assert_cmpuint (n_yes, ==, 2);

  g_assert_true (cercle_store_count_event (fixture->store, event_id, &counts, &error));
  g_assert_cmpuint (counts.yes, ==, 3);
  g_assert_cmpuint (counts.waitlist, ==, 1);

  /* A walk-in at the door */
  walk_in = cercle_store_add_guest (fixture->store, event_id, NULL, "  Paul Dupuis ", "Dupuis SA", NULL,
                                    TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cercle_registration_get_guest_name (walk_in), ==, "Paul Dupuis");
  g_assert_cmpint (cercle_registration_get_response (walk_in), ==, CERCLE_RESPONSE_YES);
  g_assert_nonnull (cercle_registration_get_checked_in_at (walk_in));

  /* One more seat: the waitlisted guest moves up */
  g_object_set (event, "capacity", 5, NULL);
  save_or_die (fixture->store, event);
  g_assert_true (cercle_store_count_event (fixture->store, event_id, &counts, &error));
  g_assert_cmpuint (counts.yes, ==, 5);
  g_assert_cmpuint (counts.waitlist, ==, 0);
  g_assert_cmpuint (counts.checked_in, ==, 1);

  /* Nobody without a name */
  g_assert_null (cercle_store_add_guest (fixture->store, event_id, NULL, "   ", NULL, NULL, FALSE, &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
}

static CercleEvent *
make_past_event (CercleStore *store,
                 const char  *starts_at,
                 CercleEventStatus status)
{
  CercleEvent *event = g_object_new (CERCLE_TYPE_EVENT, "title", "Réunion", "starts-at", starts_at,
                                     "status", status, NULL);

  save_or_die (store, event);
  return event;
}

static void
attend (CercleStore      *store,
        CercleEvent      *event,
        CercleMember     *member,
        CercleResponse    response,
        CercleAttendance  attendance)
{
  g_autoptr(CercleRegistration) registration = g_object_new (CERCLE_TYPE_REGISTRATION,
                                                             "event-id", cercle_record_get_id (CERCLE_RECORD (event)),
                                                             "member-id", cercle_record_get_id (CERCLE_RECORD (member)),
                                                             "response", response,
                                                             "attendance", attendance,
                                                             NULL);

  save_or_die (store, registration);
}

static const CercleRegularity *
find_regularity (GArray      *table,
                 CercleMember *member)
{
  for (guint i = 0; i < table->len; i++)
    if (g_str_equal (g_array_index (table, CercleRegularity, i).member_id,
                     cercle_record_get_id (CERCLE_RECORD (member))))
      return &g_array_index (table, CercleRegularity, i);

  return NULL;
}

/* Present or late, out of the events a member said yes to and whose
 * attendance was taken, over the period only */
static void
test_attendance_rate (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(CercleMember) alice = make_member (fixture->store, "Alice", "Bernard", FALSE);
  g_autoptr(CercleMember) bob = make_member (fixture->store, "Bob", "Durand", FALSE);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CercleEvent) too_old = make_past_event (fixture->store, "2026-01-10T07:00:00Z",
                                                    CERCLE_EVENT_STATUS_SCHEDULED);
  g_autoptr(CercleEvent) cancelled = make_past_event (fixture->store, "2026-09-10T07:00:00Z",
                                                      CERCLE_EVENT_STATUS_CANCELLED);
  g_autoptr(GDateTime) since = g_date_time_new_utc (2026, 6, 1, 0, 0, 0);
  g_autoptr(GDateTime) until = g_date_time_new_utc (2026, 12, 1, 0, 0, 0);
  g_autoptr(GArray) table = NULL;
  g_autoptr(GError) error = NULL;
  const CercleAttendance alice_days[] = {
    CERCLE_ATTENDANCE_PRESENT, CERCLE_ATTENDANCE_LATE, CERCLE_ATTENDANCE_ABSENT,
    CERCLE_ATTENDANCE_EXCUSED, CERCLE_ATTENDANCE_PRESENT, CERCLE_ATTENDANCE_SUBSTITUTE,
  };
  const CercleRegularity *entry;

  for (guint i = 0; i < G_N_ELEMENTS (alice_days); i++)
    {
      g_autofree char *starts = g_strdup_printf ("2026-%02u-15T06:30:00Z", 6 + i);

      g_ptr_array_add (events, make_past_event (fixture->store, starts, CERCLE_EVENT_STATUS_SCHEDULED));
      attend (fixture->store, g_ptr_array_index (events, i), alice, CERCLE_RESPONSE_YES, alice_days[i]);
    }

  /* Not counted: outside the period, a cancelled event, attendance not
   * taken, an answer other than yes */
  attend (fixture->store, too_old, alice, CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_ABSENT);
  attend (fixture->store, cancelled, alice, CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_ABSENT);
  attend (fixture->store, g_ptr_array_index (events, 0), bob, CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_UNKNOWN);
  attend (fixture->store, g_ptr_array_index (events, 1), bob, CERCLE_RESPONSE_NO, CERCLE_ATTENDANCE_ABSENT);

  table = cercle_store_compute_regularity (fixture->store, since, until, &error);
  g_assert_no_error (error);

  /* Every active member is listed, expected or not */
  g_assert_cmpuint (table->len, ==, 3);

  entry = find_regularity (table, alice);
  g_assert_nonnull (entry);
  g_assert_cmpuint (entry->expected, ==, 6);
  g_assert_cmpuint (entry->attended, ==, 3);
  g_assert_cmpfloat_with_epsilon (cercle_registration_policy_attendance_rate (entry->attended, entry->expected),
                                  0.5, 1e-9);

  entry = find_regularity (table, bob);
  g_assert_cmpuint (entry->expected, ==, 0);
  g_assert_cmpfloat (cercle_registration_policy_attendance_rate (0, 0), <, 0);
  g_assert_cmpfloat_with_epsilon (cercle_registration_policy_attendance_rate (2, 3), 2.0 / 3, 1e-9);
}

/* A weekly 08:00 meeting in Paris stays at 08:00 across both daylight
 * saving changes; its UTC time moves, and queries compare instants. */
static void
test_time_zones (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GDateTime) first = cercle_time_local (2027, 3, 16, 8, 0, "Europe/Paris");
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  /* March 16 to November 9, 2027: over March 28 and October 31 */
  for (guint week = 0; week < 35; week++)
    {
      g_autoptr(GDateTime) local = g_date_time_add_weeks (first, (int)week);
      g_autofree char *starts = cercle_time_format_utc (local);
      CercleEvent *event = g_object_new (CERCLE_TYPE_EVENT,
                                         "title", "Réunion hebdomadaire",
                                         "starts-at", starts,
                                         "time-zone", "Europe/Paris",
                                         NULL);

      save_or_die (fixture->store, event);
      g_ptr_array_add (events, event);
    }

  for (guint week = 0; week < events->len; week++)
    {
      CercleEvent *event = g_ptr_array_index (events, week);
      g_autoptr(GDateTime) local = cercle_parse_utc (cercle_event_get_starts_at (event),
                                                     cercle_event_get_time_zone (event));
      g_autoptr(GDateTime) utc = cercle_parse_utc (cercle_event_get_starts_at (event), "UTC");
      gboolean summer = week >= 2 && week < 33;

      g_assert_cmpint (g_date_time_get_hour (local), ==, 8);
      g_assert_cmpint (g_date_time_get_minute (local), ==, 0);
      g_assert_cmpint (g_date_time_get_day_of_week (local), ==, 2);
      g_assert_cmpint (g_date_time_get_hour (utc), ==, summer ? 6 : 7);
    }

  /* The week of the spring change, found by instants */
  from = cercle_time_local (2027, 3, 27, 0, 0, "Europe/Paris");
  until = cercle_time_local (2027, 4, 3, 0, 0, "Europe/Paris");
  rows = cercle_store_list_event_rows (fixture->store, from, until, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);

  /* Any ISO 8601 form is stored as UTC; a time without an offset is a
   * wall-clock time in the event's zone */
  {
    g_autoptr(CercleEvent) event = g_object_new (CERCLE_TYPE_EVENT, "title", "Dîner",
                                                 "starts-at", "2027-07-08T19:30:00",
                                                 "ends-at", "2027-07-08T22:30:00+02:00",
                                                 "time-zone", "Europe/Paris", NULL);

    save_or_die (fixture->store, event);
    g_assert_cmpstr (cercle_event_get_starts_at (event), ==, "2027-07-08T17:30:00Z");
    g_assert_cmpstr (cercle_event_get_ends_at (event), ==, "2027-07-08T20:30:00Z");
  }

  /* Nonsense is refused with a sentence naming the field */
  {
    g_autoptr(CercleEvent) event = g_object_new (CERCLE_TYPE_EVENT, "title", "Apéro",
                                                 "starts-at", "demain soir", NULL);
    g_autoptr(CercleEvent) backwards = g_object_new (CERCLE_TYPE_EVENT, "title", "Apéro",
                                                     "starts-at", "2027-07-08T19:30:00Z",
                                                     "ends-at", "2027-07-08T18:30:00Z", NULL);
    g_autoptr(CercleEvent) nowhere = g_object_new (CERCLE_TYPE_EVENT, "title", "Apéro",
                                                   "starts-at", "2027-07-08T19:30:00Z",
                                                   "time-zone", "Europe/Atlantis", NULL);

    g_assert_false (cercle_store_save (fixture->store, CERCLE_RECORD (event), &error));
    g_assert_error (error, CERCLE_TIME_ERROR, CERCLE_TIME_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "demain soir"));
    g_clear_error (&error);
    g_assert_false (cercle_store_save (fixture->store, CERCLE_RECORD (backwards), &error));
    g_assert_error (error, CERCLE_TIME_ERROR, CERCLE_TIME_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (cercle_store_save (fixture->store, CERCLE_RECORD (nowhere), &error));
    g_assert_error (error, CERCLE_TIME_ERROR, CERCLE_TIME_ERROR_UNKNOWN_ZONE);
    g_clear_error (&error);
  }

  normalized = cercle_time_normalize ("2026-11-24T07:30:00+01:00", NULL, &error);
  g_assert_cmpstr (normalized, ==, "2026-11-24T06:30:00Z");
  g_assert_cmpint (cercle_time_compare ("2026-11-24T07:30:00+01:00", "2026-11-24T06:30:00Z"), ==, 0);
}

static void
test_next_month (void)
{
  struct { int y, m, d, ny, nm, nd; } cases[] = {
    { 2026, 11, 12, 2026, 12, 10 },   /* 2nd Thursday → 2nd Thursday */
    { 2026, 12, 29, 2027, 1, 26 },    /* 5th Tuesday, January has 4: the last */
    { 2027, 1, 4, 2027, 2, 1 },       /* 1st Monday */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) date = cercle_time_local (cases[i].y, cases[i].m, cases[i].d, 19, 30,
                                                     "Europe/Paris");
      g_autoptr(GDateTime) next = cercle_time_same_weekday_next_month (date);
      int y, m, d;

      g_date_time_get_ymd (next, &y, &m, &d);
      g_assert_cmpint (y, ==, cases[i].ny);
      g_assert_cmpint (m, ==, cases[i].nm);
      g_assert_cmpint (d, ==, cases[i].nd);
      g_assert_cmpint (g_date_time_get_hour (next), ==, 19);
      g_assert_cmpint (g_date_time_get_day_of_week (next), ==, g_date_time_get_day_of_week (date));
    }
}

/* Drafts are the staff's; registrants by last name, found without
 * accents */
static void
test_lists (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(CercleEvent) event = make_event (fixture->store, "Petit-déjeuner", "2027-01-05T06:30:00Z", 0);
  g_autoptr(CercleEvent) draft = g_object_new (CERCLE_TYPE_EVENT, "title", "Soirée",
                                               "starts-at", "2027-01-20T18:00:00Z",
                                               "status", CERCLE_EVENT_STATUS_DRAFT, NULL);
  g_autoptr(CercleMember) helene = make_member (fixture->store, "Hélène", "Zola", FALSE);
  g_autoptr(CercleMember) marc = make_member (fixture->store, "Marc", "Amiel", FALSE);
  g_autoptr(CercleRegistration) guest = register_guest (fixture->store, event, "Jean Müller", NULL);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GDateTime) from = g_date_time_new_utc (2027, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) until = g_date_time_new_utc (2027, 2, 1, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  const char *event_id = cercle_record_get_id (CERCLE_RECORD (event));

  save_or_die (fixture->store, draft);
  g_clear_object (&helene);
  helene = NULL;

  rows = cercle_store_list_event_rows (fixture->store, from, until, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);

  /* Read in one query, the same records as one by one, in list order */
  {
    g_autoptr(CercleRecordList) loaded = cercle_record_list_new (fixture->store, CERCLE_TYPE_EVENT, rows);
    g_autoptr(CercleRecordList) lazy = cercle_record_list_new (fixture->store, CERCLE_TYPE_EVENT, rows);

    g_assert_true (cercle_record_list_load (loaded, 0, 100, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < rows->len; i++)
      {
        g_autoptr(CercleEvent) a = g_list_model_get_item (G_LIST_MODEL (loaded), i);
        g_autoptr(CercleEvent) b = g_list_model_get_item (G_LIST_MODEL (lazy), i);

        g_assert_cmpstr (cercle_record_get_id (CERCLE_RECORD (a)), ==, cercle_record_get_id (CERCLE_RECORD (b)));
        g_assert_cmpstr (cercle_event_get_starts_at (a), ==, cercle_event_get_starts_at (b));
      }
  }

  /* The month's way: rows and records from one query, the same as read
   * one by one; a list that had some of them keeps its objects */
  {
    g_autoptr(GPtrArray) records = NULL;
    g_autoptr(GArray) read_rows = cercle_store_read_event_rows (fixture->store, from, until, &records, &error);
    g_autoptr(CercleRecordList) lazy = cercle_record_list_new (fixture->store, CERCLE_TYPE_EVENT, rows);
    g_autoptr(GArray) first_only = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(CercleRecordList) month = NULL;
    g_autoptr(CercleEvent) kept = NULL;
    g_autoptr(CercleEvent) kept_again = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (read_rows->len, ==, rows->len);
    g_assert_cmpuint (records->len, ==, rows->len);
    g_array_append_val (first_only, g_array_index (rows, gint64, 0));
    month = cercle_record_list_new (fixture->store, CERCLE_TYPE_EVENT, first_only);
    kept = g_list_model_get_item (G_LIST_MODEL (month), 0);
    cercle_record_list_set_rows_with_records (month, read_rows, records);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (month)), ==, rows->len);
    kept_again = g_list_model_get_item (G_LIST_MODEL (month), 0);
    g_assert_true (kept_again == kept);

    for (guint i = 0; i < rows->len; i++)
      {
        g_autoptr(CercleEvent) a = g_list_model_get_item (G_LIST_MODEL (month), i);
        g_autoptr(CercleEvent) b = g_list_model_get_item (G_LIST_MODEL (lazy), i);

        g_assert_cmpint (g_array_index (read_rows, gint64, i), ==, g_array_index (rows, gint64, i));
        g_assert_cmpstr (cercle_record_get_id (CERCLE_RECORD (a)), ==, cercle_record_get_id (CERCLE_RECORD (b)));
        g_assert_cmpstr (cercle_event_get_title (a), ==, cercle_event_get_title (b));
        g_assert_cmpint (cercle_record_get_rev (CERCLE_RECORD (a)), ==, cercle_record_get_rev (CERCLE_RECORD (b)));
      }
  }
  g_clear_pointer (&rows, g_array_unref);

  {
    g_autoptr(GListModel) members = cercle_store_search_members (fixture->store, "helene", NULL, &error);
    g_autoptr(CercleMember) found = g_list_model_get_item (members, 0);

    g_autoptr(CercleRegistration) yes = NULL;

    g_assert_nonnull (found);
    yes = cercle_store_register (fixture->store, event_id, cercle_record_get_id (CERCLE_RECORD (found)),
                                 CERCLE_RESPONSE_YES, &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(CercleRegistration) maybe = NULL;

    maybe = cercle_store_register (fixture->store, event_id, cercle_record_get_id (CERCLE_RECORD (marc)),
                                   CERCLE_RESPONSE_MAYBE, &error);
    g_assert_no_error (error);
  }

  /* Amiel, Müller, Zola */
  rows = cercle_store_list_registration_rows (fixture->store, event_id, CERCLE_RESPONSES_ALL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_clear_pointer (&rows, g_array_unref);

  rows = cercle_store_list_registration_rows (fixture->store, event_id, CERCLE_RESPONSES_ALL, "helene", &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_array_unref);
  rows = cercle_store_list_registration_rows (fixture->store, event_id, CERCLE_RESPONSES_ALL, "MULL", &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_array_unref);
  rows = cercle_store_list_registration_rows (fixture->store, event_id, 1u << CERCLE_RESPONSE_YES, NULL, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_array_unref);

  /* A member sees no drafts */
  g_assert_true (cercle_store_set_local_member (fixture->store, cercle_record_get_id (CERCLE_RECORD (marc)), &error));
  rows = cercle_store_list_event_rows (fixture->store, from, until, FALSE, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_array_unref);
  {
    g_autoptr(GPtrArray) records = NULL;

    rows = cercle_store_read_event_rows (fixture->store, from, until, &records, &error);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpuint (cercle_event_get_status (g_ptr_array_index (records, 0)), !=, CERCLE_EVENT_STATUS_DRAFT);
    g_clear_pointer (&rows, g_array_unref);
  }

  rows = cercle_store_list_member_event_rows (fixture->store, cercle_record_get_id (CERCLE_RECORD (marc)),
                                              from, &error);
  g_assert_cmpuint (rows->len, ==, 1);
}

static CercleEvent *
make_rich_event (CercleStore  *store,
                 CercleMember *organizer)
{
  CercleEvent *event = g_object_new (CERCLE_TYPE_EVENT,
                                     "title", "Visio : la facture électronique",
                                     "kind", CERCLE_EVENT_KIND_VIDEO,
                                     "starts-at", "2027-07-09T10:30:00Z",
                                     "ends-at", "2027-07-09T11:30:00Z",
                                     "time-zone", "Europe/Paris",
                                     "place", "Maison des Entrepreneurs, 55 rue de la République, 69002 Lyon",
                                     "video-url", "https://visio.exemple.fr/cel-facture",
                                     "description", "Atelier pratique ; questions, réponses.\nDeuxième ligne.",
                                     "organizer-id", cercle_record_get_id (CERCLE_RECORD (organizer)),
                                     NULL);

  save_or_die (store, event);
  return event;
}

static time_t
ical_time (icalcomponent     *vevent,
           icalproperty_kind  kind)
{
  icalproperty *property = icalcomponent_get_first_property (vevent, kind);
  struct icaltimetype t = icalvalue_get_datetimedate (icalproperty_get_value (property));
  const char *tzid = icalparameter_get_tzid (icalproperty_get_first_parameter (property, ICAL_TZID_PARAMETER));
  icalcomponent *calendar = icalcomponent_get_parent (vevent);

  return icaltime_as_timet_with_zone (t, icalcomponent_get_timezone (calendar, tzid));
}

/* What we export, libical reads back field by field; and what we export,
 * we import again as the same events */
static void
test_ical_export (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(CercleEvent) event = make_rich_event (fixture->store, fixture->staff);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = cercle_ical_export (fixture->store, cercle_record_get_id (CERCLE_RECORD (event)), &error);
  icalcomponent *calendar;
  icalcomponent *vevent;
  icalproperty *property;

  g_assert_no_error (error);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  g_assert_nonnull (icalcomponent_get_timezone (calendar, "Europe/Paris"));

  vevent = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
  g_assert_nonnull (vevent);
  g_assert_null (icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT));

  g_assert_cmpstr (icalcomponent_get_uid (vevent), ==, cercle_record_get_id (CERCLE_RECORD (event)));
  g_assert_cmpstr (icalcomponent_get_summary (vevent), ==, cercle_event_get_title (event));
  g_assert_cmpstr (icalcomponent_get_description (vevent), ==, cercle_event_get_description (event));
  g_assert_cmpstr (icalcomponent_get_location (vevent), ==, cercle_event_get_place (event));
  g_assert_cmpint (ical_time (vevent, ICAL_DTSTART_PROPERTY), ==,
                   cercle_time_to_unix (cercle_event_get_starts_at (event)));
  g_assert_cmpint (ical_time (vevent, ICAL_DTEND_PROPERTY), ==,
                   cercle_time_to_unix (cercle_event_get_ends_at (event)));
  /* 10:30 UTC in July is 12:30 in Paris */
  g_assert_cmpint (icalcomponent_get_dtstart (vevent).hour, ==, 12);
  g_assert_cmpint (icalcomponent_get_status (vevent), ==, ICAL_STATUS_CONFIRMED);

  property = icalcomponent_get_first_property (vevent, ICAL_CONFERENCE_PROPERTY);
  g_assert_nonnull (property);
  g_assert_cmpstr (icalproperty_get_conference (property), ==, cercle_event_get_video_url (event));
  g_assert_cmpint (icalparameter_get_feature (icalproperty_get_first_parameter (property, ICAL_FEATURE_PARAMETER)),
                   ==, ICAL_FEATURE_VIDEO);

  property = icalcomponent_get_first_property (vevent, ICAL_ORGANIZER_PROPERTY);
  g_assert_nonnull (property);
  g_assert_cmpstr (icalproperty_get_organizer (property), ==, "mailto:someone@example.org");
  g_assert_cmpstr (icalparameter_get_cn (icalproperty_get_first_parameter (property, ICAL_CN_PARAMETER)),
                   ==, "Sophie Martin");

  icalcomponent_free (calendar);

  /* Into another club: the same event, the same id */
  {
    g_autofree char *dir = cercle_test_make_dir ("calendar-import");
    g_autofree char *path = g_build_filename (dir, "other.db", NULL);
    g_autoptr(CercleStore) other = NULL;
    g_autoptr(CercleEvent) imported = NULL;
    guint n_events = 0;

    g_assert_true (cercle_store_create (path, NULL, NULL, NULL, &error));
    other = cercle_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_true (cercle_ical_import (other, text, strlen (text), &n_events, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_events, ==, 1);
    /* twice: updated, not doubled */
    g_assert_true (cercle_ical_import (other, text, strlen (text), &n_events, &error));

    imported = cercle_store_get_record (other, CERCLE_TYPE_EVENT, cercle_record_get_id (CERCLE_RECORD (event)),
                                        &error);
    g_assert_no_error (error);
    g_assert_cmpstr (cercle_event_get_title (imported), ==, cercle_event_get_title (event));
    g_assert_cmpstr (cercle_event_get_starts_at (imported), ==, cercle_event_get_starts_at (event));
    g_assert_cmpstr (cercle_event_get_ends_at (imported), ==, cercle_event_get_ends_at (event));
    g_assert_cmpstr (cercle_event_get_time_zone (imported), ==, "Europe/Paris");
    g_assert_cmpstr (cercle_event_get_place (imported), ==, cercle_event_get_place (event));
    g_assert_cmpstr (cercle_event_get_video_url (imported), ==, cercle_event_get_video_url (event));
    g_assert_cmpstr (cercle_event_get_description (imported), ==, cercle_event_get_description (event));
    g_assert_cmpint (cercle_event_get_kind (imported), ==, CERCLE_EVENT_KIND_VIDEO);
    {
      g_autoptr(GListModel) all = cercle_store_list_events (other, NULL, &error);

      g_assert_cmpuint (g_list_model_get_n_items (all), ==, 1);
    }

    cercle_test_release_store (g_steal_pointer (&other));
    cercle_test_remove_dir (dir);
  }
}

static guint
count_events (CercleStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = cercle_store_list_events (store, NULL, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (events);
}

/* A broken file names its broken line and changes nothing */
static void
test_ical_broken (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const struct { const char *text; const char *line; } cases[] = {
    { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
      "BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Bon\r\nDTSTART:20270105T063000Z\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:b\r\nSUMMARY:Mauvais\r\nDTSTART;TZID=Europe/Paris:2027AB05T073000\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n", "Line 11:" },
    { "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nSUMMARY:Bon\nDTSTART:20270105T063000Z\n"
      "n'importe quoi\nEND:VEVENT\nEND:VCALENDAR\n", "Line 7:" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20270105T063000Z\nEND:VEVENT\nEND:VCALENDAR\n",
      "Line 2:" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nDTSTART:20270105T063000Z\n"
      "DTEND:20270105T053000Z\nEND:VEVENT\nEND:VCALENDAR\n", "Line 5:" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nDTSTART;TZID=Mars/Olympus:20270105T063000\n"
      "END:VEVENT\nEND:VCALENDAR\n", "Line 4:" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nDTSTART:20270105T063000Z\nEND:VTODO\nEND:VCALENDAR\n",
      "Line 5:" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nDTSTART:20270105T063000Z\n", "END:VEVENT" },
    { "SUMMARY:x\n", "Line 1:" },
    { "BEGIN:VCALENDAR\nEND:VCALENDAR\n", "no event" },
    { "BEGIN:VCALENDAR\nSUMMARY:\xff\xfe\nEND:VCALENDAR\n", "UTF-8" },
  };
  g_autoptr(CercleEvent) existing = make_event (fixture->store, "Déjà là", "2027-01-01T10:00:00Z", 0);
  guint events_before = count_events (fixture->store);
  guint outbox_before = outbox_length (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint n_events = 42;

      g_assert_false (cercle_ical_import (fixture->store, cases[i].text, strlen (cases[i].text),
                                          &n_events, &error));
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].line) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].line);
      g_assert_cmpuint (n_events, ==, 0);
      g_assert_cmpuint (count_events (fixture->store), ==, events_before);
      g_assert_cmpuint (outbox_length (fixture->store), ==, outbox_before);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cercle/calendar/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("waitlist-order", test_waitlist_order);
  ADD ("capacity-batch", test_capacity_batch);
  ADD ("attendance-rate", test_attendance_rate);
  ADD ("time-zones", test_time_zones);
  ADD ("lists", test_lists);
  ADD ("ical-export", test_ical_export);
  ADD ("ical-broken", test_ical_broken);
  g_test_add_func ("/cercle/calendar/same-weekday-next-month", test_next_month);

  return g_test_run ();
}
