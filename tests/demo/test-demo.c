/* test-demo.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cercle-core.h"
#include "cercle-demo-data.h"
#include "cercle-test-utils.h"

/* The demo pretends that today is 2026-11-22, whatever the real date. */
#define DEMO_TODAY "2026-11-22"

static char *tmp_dir;
static CercleStore *club_500;

static char *
demo_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static CercleStore *
create_and_open (const char *name,
                 guint       n_members,
                 guint32     seed)
{
  g_autofree char *path = demo_path (name);
  g_autoptr(GError) error = NULL;
  CercleStore *store;

  g_assert_true (cercle_demo_create (path, n_members, seed, &error));
  g_assert_no_error (error);

  store = cercle_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }

  g_rmdir (path);
}

/* One line per member with every field the tests care about */
static char *
dump_members (CercleStore *store)
{
  g_autoptr(GListModel) members = cercle_store_list_members (store, NULL);
  GString *dump = g_string_new (NULL);
  guint n = g_list_model_get_n_items (members);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CercleMember) m = g_list_model_get_item (members, i);

      g_string_append_printf (dump, "%s|%" G_GINT64_FORMAT "|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%d|%d|%s|%s|%s|%d\n",
                              cercle_record_get_id (CERCLE_RECORD (m)),
                              cercle_record_get_rev (CERCLE_RECORD (m)),
                              cercle_record_get_updated_at (CERCLE_RECORD (m)),
                              cercle_member_get_first_name (m),
                              cercle_member_get_last_name (m),
                              cercle_member_get_company (m),
                              cercle_member_get_job_title (m),
                              cercle_member_get_sector (m),
                              cercle_member_get_city (m),
                              cercle_member_get_email (m),
                              cercle_member_get_phone (m),
                              cercle_member_get_bio (m),
                              cercle_member_get_status (m),
                              cercle_member_get_role (m),
                              cercle_member_get_sponsor_id (m),
                              cercle_member_get_joined_on (m),
                              cercle_member_get_dues_paid_until (m),
                              cercle_member_get_qr_consent (m));
    }

  return g_string_free (dump, FALSE);
}

static char *
dump_events_and_registrations (CercleStore *store)
{
  g_autoptr(GListModel) events = cercle_store_list_events (store, NULL, NULL);
  GString *dump = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(CercleEvent) event = g_list_model_get_item (events, i);
      const char *event_id = cercle_record_get_id (CERCLE_RECORD (event));
      g_autoptr(GListModel) registrations = cercle_store_list_registrations (store, event_id, NULL);

      g_string_append_printf (dump, "%s|%s|%s|%s|%d\n", event_id,
                              cercle_event_get_title (event),
                              cercle_event_get_starts_at (event),
                              cercle_event_get_ends_at (event),
                              cercle_event_get_status (event));

      for (guint j = 0; j < g_list_model_get_n_items (registrations); j++)
        {
          g_autoptr(CercleRegistration) r = g_list_model_get_item (registrations, j);

          g_string_append_printf (dump, "  %s|%s|%s|%d|%d|%s|%s\n",
                                  cercle_record_get_id (CERCLE_RECORD (r)),
                                  cercle_registration_get_member_id (r),
                                  cercle_registration_get_guest_name (r),
                                  cercle_registration_get_response (r),
                                  cercle_registration_get_attendance (r),
                                  cercle_registration_get_checked_in_at (r),
                                  cercle_registration_get_registered_at (r));
        }
    }

  return g_string_free (dump, FALSE);
}

static char *
dump_referrals (CercleStore *store)
{
  g_autoptr(GListModel) referrals = cercle_store_list_referrals (store, NULL);
  GString *dump = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (referrals); i++)
    {
      g_autoptr(CercleReferral) r = g_list_model_get_item (referrals, i);

      g_string_append_printf (dump, "%s|%s|%s|%s|%d|%" G_GINT64_FORMAT "|%s|%s\n",
                              cercle_record_get_id (CERCLE_RECORD (r)),
                              cercle_referral_get_giver_id (r),
                              cercle_referral_get_receiver_id (r),
                              cercle_referral_get_prospect_name (r),
                              cercle_referral_get_status (r),
                              cercle_referral_get_amount_cents (r),
                              cercle_referral_get_given_on (r),
                              cercle_referral_get_closed_on (r));
    }

  return g_string_free (dump, FALSE);
}

static void
test_demo_deterministic (void)
{
  g_autoptr(CercleStore) a = create_and_open ("same-a.db", 300, 42);
  g_autoptr(CercleStore) b = create_and_open ("same-b.db", 300, 42);
  g_autoptr(CercleStore) c = create_and_open ("other.db", 300, 43);
  g_autofree char *members_a = dump_members (a);
  g_autofree char *members_b = dump_members (b);
  g_autofree char *members_c = dump_members (c);
  g_autofree char *events_a = dump_events_and_registrations (a);
  g_autofree char *events_b = dump_events_and_registrations (b);
  g_autofree char *referrals_a = dump_referrals (a);
  g_autofree char *referrals_b = dump_referrals (b);
  g_autoptr(CercleClub) club_a = cercle_store_dup_club (a, NULL);
  g_autoptr(CercleClub) club_b = cercle_store_dup_club (b, NULL);
  g_autoptr(CercleMember) local_a = cercle_store_dup_local_member (a, NULL);
  g_autoptr(CercleMember) local_b = cercle_store_dup_local_member (b, NULL);

  g_assert_cmpuint (cercle_store_count_members (a, NULL), ==, 300);
  g_assert_true (g_uuid_string_is_valid (cercle_record_get_id (CERCLE_RECORD (club_a))));
  g_assert_true (g_uuid_string_is_valid (cercle_record_get_id (CERCLE_RECORD (local_a))));
  g_assert_cmpstr (members_a, ==, members_b);
  g_assert_cmpstr (events_a, ==, events_b);
  g_assert_cmpstr (referrals_a, ==, referrals_b);
  g_assert_cmpstr (cercle_record_get_id (CERCLE_RECORD (club_a)), ==,
                   cercle_record_get_id (CERCLE_RECORD (club_b)));
  g_assert_cmpstr (cercle_record_get_id (CERCLE_RECORD (local_a)), ==,
                   cercle_record_get_id (CERCLE_RECORD (local_b)));

  /* Another seed, another club */
  g_assert_cmpstr (members_a, !=, members_c);

  /* Data that came "from the server": nothing waits in the outbox */
  {
    g_autoptr(JsonArray) outbox = cercle_store_dup_outbox (a, NULL);

    g_assert_nonnull (outbox);
    g_assert_cmpuint (json_array_get_length (outbox), ==, 0);
  }
}

static void
test_demo_refuses_existing (void)
{
  g_autofree char *path = demo_path ("existing.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "not yours", -1, NULL));

  g_assert_false (cercle_demo_create (path, 10, CERCLE_DEMO_DEFAULT_SEED, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "already exists"));

  /* Left untouched */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "not yours");

  /* Nor would it overwrite a demo club it made itself */
  {
    g_autofree char *demo = demo_path ("twice.db");

    g_clear_error (&error);
    g_assert_true (cercle_demo_create (demo, 5, 1, &error));
    g_assert_no_error (error);
    g_assert_false (cercle_demo_create (demo, 5, 1, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  }
}

static void
test_demo_no_members (void)
{
  g_autofree char *path = demo_path ("empty.db");
  g_autoptr(GError) error = NULL;

  g_assert_false (cercle_demo_create (path, 0, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar)*p >= 0x80)
      return FALSE;

  return TRUE;
}

static void
test_demo_names (void)
{
  g_autoptr(GListModel) members = cercle_store_list_members (club_500, NULL);
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (members);
  guint helene = 0;
  guint accents = 0, hyphenated_first = 0, particles = 0, hyphenated_last = 0;
  guint with_sponsor = 0, candidates = 0, alumni = 0, staff = 0;

  g_assert_cmpuint (n, ==, 500);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CercleMember) m = g_list_model_get_item (members, i);
      const char *first_name = cercle_member_get_first_name (m);
      const char *last_name = cercle_member_get_last_name (m);

      g_assert_true (g_utf8_validate (first_name, -1, NULL));
      g_assert_true (g_utf8_validate (last_name, -1, NULL));
      g_assert_nonnull (cercle_member_get_company (m));
      g_assert_nonnull (cercle_member_get_job_title (m));
      g_assert_nonnull (cercle_member_get_sector (m));
      g_assert_nonnull (cercle_member_get_city (m));
      g_assert_nonnull (strchr (cercle_member_get_email (m), '@'));
      g_assert_true (g_str_has_prefix (cercle_member_get_phone (m), "+33 "));

      if (!is_ascii (first_name) || !is_ascii (last_name))
        accents++;
      if (strchr (first_name, '-') != NULL)
        hyphenated_first++;
      if (g_str_has_prefix (last_name, "de ") || g_str_has_prefix (last_name, "d'") ||
          g_str_has_prefix (last_name, "du ") || g_str_has_prefix (last_name, "Le "))
        particles++;
      if (strchr (last_name, '-') != NULL)
        hyphenated_last++;

      if (cercle_member_get_sponsor_id (m) != NULL)
        {
          g_autoptr(CercleMember) sponsor =
            cercle_store_get_record (club_500, CERCLE_TYPE_MEMBER,
                                     cercle_member_get_sponsor_id (m), &error);

          g_assert_no_error (error);
          g_assert_nonnull (sponsor);
          g_assert_cmpstr (cercle_member_get_joined_on (sponsor), <=,
                           cercle_member_get_joined_on (m) ? cercle_member_get_joined_on (m) : "9999");
          with_sponsor++;
        }

      switch (cercle_member_get_status (m))
        {
        case CERCLE_MEMBER_STATUS_CANDIDATE:
          g_assert_nonnull (cercle_member_get_sponsor_id (m));
          candidates++;
          break;
        case CERCLE_MEMBER_STATUS_ALUMNI:
          g_assert_cmpstr (cercle_member_get_dues_paid_until (m), <, DEMO_TODAY);
          alumni++;
          break;
        case CERCLE_MEMBER_STATUS_ACTIVE:
        default:
          g_assert_nonnull (cercle_member_get_joined_on (m));
          break;
        }

      if (cercle_member_get_role (m) == CERCLE_MEMBER_ROLE_STAFF)
        staff++;
    }

  g_assert_cmpuint (accents, >, 50);
  g_assert_cmpuint (hyphenated_first, >, 5);
  g_assert_cmpuint (particles, >, 2);
  g_assert_cmpuint (hyphenated_last, >, 2);
  g_assert_cmpuint (with_sponsor, >, 100);
  g_assert_cmpuint (candidates, >, 5);
  g_assert_cmpuint (alumni, >, 5);
  g_assert_cmpuint (staff, >=, 1);
  g_assert_cmpuint (staff, <, 10);

  /* Accent-insensitive search finds Hélène */
  found = cercle_store_search_members (club_500, "helene", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), >=, 1);

  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr(CercleMember) m = g_list_model_get_item (found, i);
      g_autofree char *ascii = g_str_to_ascii (cercle_member_get_first_name (m), "C");

      if (strcmp (cercle_member_get_first_name (m), "Hélène") == 0)
        helene++;
      /* Every hit is a (Marie-)Hélène: no other field holds that word */
      g_assert_nonnull (strstr (ascii, "Helene"));
    }

  g_assert_cmpuint (helene, >=, 1);
}

static void
test_demo_events (void)
{
  g_autoptr(GListModel) events = cercle_store_list_events (club_500, NULL, NULL);
  g_autoptr(GHashTable) kinds = g_hash_table_new (NULL, NULL);
  guint n = g_list_model_get_n_items (events);
  guint past = 0, upcoming = 0, cancelled = 0, past_with_attendance = 0;
  guint responses[CERCLE_RESPONSE_WAITLIST + 1] = { 0 };
  guint attendances[CERCLE_ATTENDANCE_SUBSTITUTE + 1] = { 0 };
  guint guests = 0;

  g_assert_cmpuint (n, >, 40);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CercleEvent) event = g_list_model_get_item (events, i);
      const char *event_id = cercle_record_get_id (CERCLE_RECORD (event));
      const char *starts_at = cercle_event_get_starts_at (event);
      g_autoptr(GListModel) registrations = cercle_store_list_registrations (club_500, event_id, NULL);
      g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (starts_at, NULL);
      g_autoptr(GDateTime) end = g_date_time_new_from_iso8601 (cercle_event_get_ends_at (event), NULL);
      gboolean is_past = strcmp (starts_at, DEMO_TODAY) < 0;
      guint yes = 0, attended = 0;

      /* UTC ISO 8601, ends after it starts */
      g_assert_true (g_str_has_suffix (starts_at, "Z"));
      g_assert_nonnull (start);
      g_assert_nonnull (end);
      g_assert_cmpint (g_date_time_compare (start, end), <, 0);
      g_assert_cmpstr (cercle_event_get_time_zone (event), ==, "Europe/Paris");
      g_assert_cmpstr (starts_at, >=, "2026-09-01");
      g_assert_cmpstr (starts_at, <=, "2027-07-01");

      g_hash_table_add (kinds, GINT_TO_POINTER (cercle_event_get_kind (event)));

      if (is_past)
        past++;
      else
        upcoming++;

      if (cercle_event_get_status (event) == CERCLE_EVENT_STATUS_CANCELLED)
        cancelled++;

      /* Breakfasts at 7:30 Paris time, whatever the season */
      if (cercle_event_get_kind (event) == CERCLE_EVENT_KIND_BREAKFAST)
        {
          g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Paris");
          g_autoptr(GDateTime) local = g_date_time_to_timezone (start, tz);

          g_assert_cmpint (g_date_time_get_hour (local), ==, 7);
          g_assert_cmpint (g_date_time_get_minute (local), ==, 30);
        }

      for (guint j = 0; j < g_list_model_get_n_items (registrations); j++)
        {
          g_autoptr(CercleRegistration) r = g_list_model_get_item (registrations, j);
          CercleAttendance attendance = cercle_registration_get_attendance (r);

          g_assert_cmpstr (cercle_registration_get_event_id (r), ==, event_id);
          responses[cercle_registration_get_response (r)]++;
          attendances[attendance]++;

          if (cercle_registration_get_response (r) == CERCLE_RESPONSE_YES)
            yes++;

          if (cercle_registration_get_member_id (r) == NULL)
            {
              g_assert_nonnull (cercle_registration_get_guest_name (r));
              g_assert_nonnull (cercle_registration_get_invited_by_id (r));
              guests++;
            }

          if (attendance != CERCLE_ATTENDANCE_UNKNOWN)
            {
              g_assert_true (is_past);
              attended++;
            }

          if (attendance == CERCLE_ATTENDANCE_PRESENT || attendance == CERCLE_ATTENDANCE_LATE)
            g_assert_nonnull (cercle_registration_get_checked_in_at (r));
          if (attendance == CERCLE_ATTENDANCE_SUBSTITUTE)
            g_assert_nonnull (cercle_registration_get_substitute_name (r));
        }

      if (cercle_event_get_capacity (event) > 0)
        g_assert_cmpuint (yes, <=, (guint)cercle_event_get_capacity (event));

      g_assert_cmpuint (cercle_store_count_registrations (club_500, event_id, CERCLE_RESPONSE_YES, NULL), ==, yes);

      if (attended > 0)
        past_with_attendance++;
    }

  g_assert_cmpuint (past, >, 5);
  g_assert_cmpuint (upcoming, >, 5);
  g_assert_cmpuint (cancelled, >=, 1);
  g_assert_cmpuint (past_with_attendance, >, 5);
  g_assert_true (g_hash_table_contains (kinds, GINT_TO_POINTER (CERCLE_EVENT_KIND_BREAKFAST)));
  g_assert_true (g_hash_table_contains (kinds, GINT_TO_POINTER (CERCLE_EVENT_KIND_DINNER)));
  g_assert_true (g_hash_table_contains (kinds, GINT_TO_POINTER (CERCLE_EVENT_KIND_VISIT)));
  g_assert_true (g_hash_table_contains (kinds, GINT_TO_POINTER (CERCLE_EVENT_KIND_VIDEO)));

  for (guint r = 0; r <= CERCLE_RESPONSE_WAITLIST; r++)
    g_assert_cmpuint (responses[r], >, 0);
  for (guint a = 0; a <= CERCLE_ATTENDANCE_SUBSTITUTE; a++)
    g_assert_cmpuint (attendances[a], >, 0);
  g_assert_cmpuint (guests, >, 0);

  /* Events from "today" on are the upcoming ones */
  {
    g_autoptr(GDateTime) today = g_date_time_new_utc (2026, 11, 22, 0, 0, 0);
    g_autoptr(GListModel) later = cercle_store_list_events (club_500, today, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (later), ==, upcoming);
  }
}

static void
test_demo_referrals (void)
{
  g_autoptr(GListModel) referrals = cercle_store_list_referrals (club_500, NULL);
  guint statuses[CERCLE_REFERRAL_STATUS_DECLINED + 1] = { 0 };
  guint n = g_list_model_get_n_items (referrals);

  g_assert_cmpuint (n, >=, 100);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CercleReferral) r = g_list_model_get_item (referrals, i);
      CercleReferralStatus status = cercle_referral_get_status (r);

      statuses[status]++;
      g_assert_cmpstr (cercle_referral_get_giver_id (r), !=, cercle_referral_get_receiver_id (r));
      g_assert_cmpint (cercle_referral_get_temperature (r), >=, 1);
      g_assert_cmpint (cercle_referral_get_temperature (r), <=, 5);
      g_assert_nonnull (cercle_referral_get_prospect_name (r));
      g_assert_nonnull (cercle_referral_get_need (r));
      g_assert_cmpstr (cercle_referral_get_given_on (r), <, DEMO_TODAY);

      if (status == CERCLE_REFERRAL_STATUS_WON)
        g_assert_cmpint (cercle_referral_get_amount_cents (r), >, 0);
      else
        g_assert_cmpint (cercle_referral_get_amount_cents (r), ==, 0);

      if (status == CERCLE_REFERRAL_STATUS_WON || status == CERCLE_REFERRAL_STATUS_LOST ||
          status == CERCLE_REFERRAL_STATUS_DECLINED)
        g_assert_cmpstr (cercle_referral_get_closed_on (r), >=, cercle_referral_get_given_on (r));
      else
        g_assert_null (cercle_referral_get_closed_on (r));
    }

  for (guint s = 0; s <= CERCLE_REFERRAL_STATUS_DECLINED; s++)
    g_assert_cmpuint (statuses[s], >, 0);
}

static void
test_demo_local_user (void)
{
  g_autoptr(CercleMember) local = cercle_store_dup_local_member (club_500, NULL);
  g_autoptr(CercleClub) club = cercle_store_dup_club (club_500, NULL);

  g_assert_nonnull (local);
  g_assert_cmpint (cercle_member_get_role (local), ==, CERCLE_MEMBER_ROLE_STAFF);
  g_assert_cmpint (cercle_member_get_status (local), ==, CERCLE_MEMBER_STATUS_ACTIVE);
  g_assert_true (cercle_test_local_user_is_staff (club_500));

  g_assert_nonnull (club);
  g_assert_nonnull (strstr (cercle_club_get_name (club), "Lyon"));
  g_assert_cmpstr (cercle_club_get_time_zone (club), ==, "Europe/Paris");
}

static void
test_demo_one_member (void)
{
  g_autoptr(CercleStore) store = create_and_open ("one.db", 1, CERCLE_DEMO_DEFAULT_SEED);
  g_autoptr(GListModel) members = cercle_store_list_members (store, NULL);
  g_autoptr(GListModel) found = NULL;
  g_autoptr(CercleMember) only = NULL;
  g_autoptr(CercleMember) local = cercle_store_dup_local_member (store, NULL);
  g_autoptr(GListModel) events = cercle_store_list_events (store, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (cercle_store_count_members (store, NULL), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 1);
  only = g_list_model_get_item (members, 0);
  g_assert_cmpstr (cercle_member_get_first_name (only), ==, "Hélène");

  /* The only member is the staff member using the app */
  g_assert_nonnull (local);
  g_assert_cmpstr (cercle_record_get_id (CERCLE_RECORD (local)), ==,
                   cercle_record_get_id (CERCLE_RECORD (only)));
  g_assert_true (cercle_test_local_user_is_staff (store));

  found = cercle_store_search_members (store, "helene", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);

  g_assert_cmpuint (g_list_model_get_n_items (events), >, 40);
}

static gboolean
in_list (const char * const *list,
         guint               max,
         const char         *text)
{
  for (guint i = 0; i < max && list[i] != NULL; i++)
    if (g_str_equal (list[i], text))
      return TRUE;

  return FALSE;
}

static gboolean
lines_in_list (const char * const *list,
               guint               max,
               const char         *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (!in_list (list, max, lines[i]))
      return FALSE;

  return TRUE;
}

static gboolean
title_in (const DemoTitle *titles,
          guint            max,
          const char      *title)
{
  for (guint i = 0; i < max && titles[i].masculine != NULL; i++)
    if (g_str_equal (titles[i].masculine, title) || g_str_equal (titles[i].feminine, title))
      return TRUE;

  return FALSE;
}

/* "Plomberie @" made for Périer reads "Plomberie Périer" or "Plomberie Périer SARL" */
static gboolean
company_of (const DemoTrade  *trade,
            const DemoSector *sector,
            const char       *last_name,
            const char       *company)
{
  for (guint i = 0; i < G_N_ELEMENTS (trade->companies) && trade->companies[i] != NULL; i++)
    {
      g_autoptr(GString) core = g_string_new (trade->companies[i]);

      g_string_replace (core, "@", last_name, 0);
      core->str[0] = g_ascii_toupper (core->str[0]);

      if (g_str_equal (company, core->str))
        return TRUE;

      for (guint f = 0; f < G_N_ELEMENTS (sector->forms) && sector->forms[f] != NULL; f++)
        {
          g_autofree char *with_form = g_strconcat (core->str, " ", sector->forms[f], NULL);

          if (g_str_equal (company, with_form))
            return TRUE;
        }
    }

  return FALSE;
}

/* A baker's company is a bakery, and a baker offers bread, not plumbing:
 * every member's title, company, offers and needs come from one trade of
 * their sector. */
static void
test_demo_trades_agree (void)
{
  g_autoptr(GListModel) members = cercle_store_list_members (club_500, NULL);
  guint n = g_list_model_get_n_items (members);
  guint n_checked = 0;
  gboolean plumber_found = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CercleMember) m = g_list_model_get_item (members, i);
      const DemoSector *sector = NULL;
      gboolean agrees = FALSE;

      if (cercle_member_get_role (m) == CERCLE_MEMBER_ROLE_STAFF)
        continue;

      for (guint s = 0; s < G_N_ELEMENTS (demo_sectors); s++)
        if (g_str_equal (demo_sectors[s].name, cercle_member_get_sector (m)))
          sector = &demo_sectors[s];
      g_assert_nonnull (sector);

      for (guint t = 0; t < G_N_ELEMENTS (sector->trades) && sector->trades[t].pitch != NULL && !agrees; t++)
        {
          const DemoTrade *trade = &sector->trades[t];

          agrees = company_of (trade, sector, cercle_member_get_last_name (m), cercle_member_get_company (m)) &&
                   lines_in_list (trade->offers, G_N_ELEMENTS (trade->offers), cercle_member_get_offers (m)) &&
                   lines_in_list (trade->needs, G_N_ELEMENTS (trade->needs), cercle_member_get_needs (m)) &&
                   (title_in (trade->titles, G_N_ELEMENTS (trade->titles), cercle_member_get_job_title (m)) ||
                    title_in (demo_generic_titles, G_N_ELEMENTS (demo_generic_titles), cercle_member_get_job_title (m)));
        }

      if (!agrees)
        g_error ("%s %s: “%s” at “%s” (%s) offers “%s” and looks for “%s”",
                 cercle_member_get_first_name (m), cercle_member_get_last_name (m),
                 cercle_member_get_job_title (m), cercle_member_get_company (m),
                 cercle_member_get_sector (m), cercle_member_get_offers (m),
                 cercle_member_get_needs (m));

      if (g_str_has_prefix (cercle_member_get_company (m), "Plomberie "))
        {
          g_assert_nonnull (strstr (cercle_member_get_offers (m), "plomberie") ?:
                            strstr (cercle_member_get_offers (m), "chaudières") ?:
                            strstr (cercle_member_get_offers (m), "salles de bains"));
          plumber_found = TRUE;
        }
      if (g_str_has_prefix (cercle_member_get_company (m), "Boulangerie "))
        g_assert_null (strstr (cercle_member_get_offers (m), "plomberie"));

      n_checked++;
    }

  g_assert_cmpuint (n_checked, >, 400);
  g_assert_true (plumber_found);
}

static gboolean
folded_contains (const char *text,
                 const char *needle)
{
  g_autofree char *folded = cercle_search_fold (text != NULL ? text : "");

  return strstr (folded, needle) != NULL;
}

/* French queries a member types, and what the first members found must
 * be: the trade itself, not those who look for it */
static void
test_demo_search_relevance (void)
{
  static const struct {
    const char *query;
    const char *in_job_or_company;
  } cases[] = {
    { "plombier", "plomb" },
    { "avocate", "avocat" },
    { "avocat", "avocat" },
    { "comptables", "compta" },
    { "comptable", "compta" },
    { "expert-comptable", "expert" },
    { "boulangers", "boulang" },
    { "boulangerie", "boulang" },
    { "notaire", "notai" },
    { "electricien", "electric" },
    { "photographe", "photograph" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) found = cercle_store_search_members (club_500, cases[c].query, NULL, &error);
      guint n = g_list_model_get_n_items (found);

      g_assert_no_error (error);
      g_assert_cmpuint (n, >, 0);

      /* The first three (or fewer) all work in the trade */
      for (guint i = 0; i < MIN (n, 3); i++)
        {
          g_autoptr(CercleMember) m = g_list_model_get_item (found, i);

          if (!folded_contains (cercle_member_get_job_title (m), cases[c].in_job_or_company) &&
              !folded_contains (cercle_member_get_company (m), cases[c].in_job_or_company) &&
              !folded_contains (cercle_member_get_sector (m), cases[c].in_job_or_company))
            g_error ("“%s”: result %u is %s, %s at %s (%s)", cases[c].query, i,
                     cercle_member_get_last_name (m), cercle_member_get_job_title (m),
                     cercle_member_get_company (m), cercle_member_get_sector (m));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("cercle-test-demo-XXXXXX", &error);
  g_assert_no_error (error);

  club_500 = create_and_open ("club-500.db", 500, CERCLE_DEMO_DEFAULT_SEED);

  g_test_add_func ("/cercle/demo/deterministic", test_demo_deterministic);
  g_test_add_func ("/cercle/demo/refuses-existing", test_demo_refuses_existing);
  g_test_add_func ("/cercle/demo/no-members", test_demo_no_members);
  g_test_add_func ("/cercle/demo/names", test_demo_names);
  g_test_add_func ("/cercle/demo/trades-agree", test_demo_trades_agree);
  g_test_add_func ("/cercle/demo/search-relevance", test_demo_search_relevance);
  g_test_add_func ("/cercle/demo/events", test_demo_events);
  g_test_add_func ("/cercle/demo/referrals", test_demo_referrals);
  g_test_add_func ("/cercle/demo/local-user", test_demo_local_user);
  g_test_add_func ("/cercle/demo/one-member", test_demo_one_member);

  ret = g_test_run ();

  g_clear_object (&club_500);
  remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
