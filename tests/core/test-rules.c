/* test-rules.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cercle-core.h"

#define ALICE "a11ce000-0000-4000-8000-000000000001"
#define BRUNO "b2000000-0000-4000-8000-000000000002"
#define CLARA "c3000000-0000-4000-8000-000000000003"
#define STAFF "5aff0000-0000-4000-8000-000000000004"

static CercleMember *
make_member (const char *id,
             const char *private_fields)
{
  return g_object_new (CERCLE_TYPE_MEMBER,
                       "id", id,
                       "first-name", "Alice",
                       "email", "alice@exemple.fr",
                       "phone", "+33 6 12 34 56 78",
                       "website", "alice.fr",
                       "city", "Lyon",
                       "dues-paid-until", "2027-06-30",
                       "private-fields", private_fields,
                       NULL);
}

static void
test_visibility_member_fields (void)
{
  g_autoptr(CercleMember) alice = make_member (ALICE, "phone, email,bogus");
  g_autoptr(CercleViewer) self = cercle_viewer_new (ALICE, FALSE);
  g_autoptr(CercleViewer) other = cercle_viewer_new (BRUNO, FALSE);
  g_autoptr(CercleViewer) staff = cercle_viewer_new (STAFF, TRUE);
  g_autoptr(CercleViewer) nobody = cercle_viewer_new (NULL, FALSE);
  g_auto(GStrv) parsed = cercle_visibility_parse_private_fields ("phone, email,bogus");
  g_autofree char *joined = cercle_visibility_join_private_fields ((const char * const *)parsed);

  g_assert_cmpuint (g_strv_length (parsed), ==, 2);
  g_assert_cmpstr (joined, ==, "email,phone");
  g_assert_null (cercle_visibility_join_private_fields (NULL));

  for (guint i = 0; i < 3; i++)
    {
      const char *column = (const char *[]){ "phone", "email", "dues_paid_until" }[i];

      g_assert_true (cercle_visibility_can_see_member_field (self, alice, column));
      g_assert_true (cercle_visibility_can_see_member_field (staff, alice, column));
      g_assert_false (cercle_visibility_can_see_member_field (other, alice, column));
      g_assert_false (cercle_visibility_can_see_member_field (nobody, alice, column));
    }

  g_assert_true (cercle_visibility_can_see_member_field (other, alice, "website"));
  g_assert_true (cercle_visibility_can_see_member_field (other, alice, "city"));

  /* What another member is sent, or exports, has nothing private in it */
  cercle_visibility_redact_member (other, alice);
  g_assert_null (cercle_member_get_phone (alice));
  g_assert_null (cercle_member_get_email (alice));
  g_assert_null (cercle_member_get_dues_paid_until (alice));
  g_assert_cmpstr (cercle_member_get_website (alice), ==, "alice.fr");
  g_assert_cmpstr (cercle_member_get_first_name (alice), ==, "Alice");
}

static void
test_visibility_redact_keeps_for_self_and_staff (void)
{
  g_autoptr(CercleMember) alice = make_member (ALICE, "phone");
  g_autoptr(CercleViewer) self = cercle_viewer_new (ALICE, FALSE);
  g_autoptr(CercleViewer) staff = cercle_viewer_new (STAFF, TRUE);

  cercle_visibility_redact_member (self, alice);
  cercle_visibility_redact_member (staff, alice);
  g_assert_cmpstr (cercle_member_get_phone (alice), ==, "+33 6 12 34 56 78");
  g_assert_cmpstr (cercle_member_get_dues_paid_until (alice), ==, "2027-06-30");
}

static void
test_visibility_events_and_referrals (void)
{
  g_autoptr(CercleEvent) draft = g_object_new (CERCLE_TYPE_EVENT, "title", "Dîner",
                                               "status", CERCLE_EVENT_STATUS_DRAFT, NULL);
  g_autoptr(CercleEvent) cancelled = g_object_new (CERCLE_TYPE_EVENT, "title", "Dîner",
                                                   "status", CERCLE_EVENT_STATUS_CANCELLED, NULL);
  g_autoptr(CercleReferral) referral = g_object_new (CERCLE_TYPE_REFERRAL,
                                                     "giver-id", ALICE, "receiver-id", BRUNO, NULL);
  g_autoptr(CercleViewer) alice = cercle_viewer_new (ALICE, FALSE);
  g_autoptr(CercleViewer) bruno = cercle_viewer_new (BRUNO, FALSE);
  g_autoptr(CercleViewer) clara = cercle_viewer_new (CLARA, FALSE);
  g_autoptr(CercleViewer) staff = cercle_viewer_new (STAFF, TRUE);

  g_assert_false (cercle_visibility_can_see_event (alice, draft));
  g_assert_true (cercle_visibility_can_see_event (staff, draft));
  g_assert_true (cercle_visibility_can_see_event (alice, cancelled));

  g_assert_true (cercle_visibility_can_see_referral (alice, referral));
  g_assert_true (cercle_visibility_can_see_referral (bruno, referral));
  g_assert_true (cercle_visibility_can_see_referral (staff, referral));
  g_assert_false (cercle_visibility_can_see_referral (clara, referral));
}

/* The whole state machine, written out: a move not in this table must be
 * refused to everyone. */
static void
test_referral_status_matrix (void)
{
  enum { G = CERCLE_REFERRAL_ACTOR_GIVER, R = CERCLE_REFERRAL_ACTOR_RECEIVER,
         S = CERCLE_REFERRAL_ACTOR_STAFF };
  static const struct {
    CercleReferralStatus from, to;
    guint                who;
  } allowed[] = {
    { CERCLE_REFERRAL_STATUS_PROPOSED,  CERCLE_REFERRAL_STATUS_ACCEPTED,  R },
    { CERCLE_REFERRAL_STATUS_PROPOSED,  CERCLE_REFERRAL_STATUS_DECLINED,  R },
    { CERCLE_REFERRAL_STATUS_ACCEPTED,  CERCLE_REFERRAL_STATUS_CONTACTED, R | S },
    { CERCLE_REFERRAL_STATUS_ACCEPTED,  CERCLE_REFERRAL_STATUS_LOST,      R | S },
    { CERCLE_REFERRAL_STATUS_CONTACTED, CERCLE_REFERRAL_STATUS_QUOTED,    R | S },
    { CERCLE_REFERRAL_STATUS_CONTACTED, CERCLE_REFERRAL_STATUS_WON,       R | S },
    { CERCLE_REFERRAL_STATUS_CONTACTED, CERCLE_REFERRAL_STATUS_LOST,      R | S },
    { CERCLE_REFERRAL_STATUS_QUOTED,    CERCLE_REFERRAL_STATUS_WON,       R | S },
    { CERCLE_REFERRAL_STATUS_QUOTED,    CERCLE_REFERRAL_STATUS_LOST,      R | S },
  };
  static const guint actors[] = { 0, G, R, S, G | S, R | S };

  for (CercleReferralStatus from = 0; from < CERCLE_REFERRAL_N_STATUSES; from++)
    for (CercleReferralStatus to = 0; to < CERCLE_REFERRAL_N_STATUSES; to++)
      for (guint a = 0; a < G_N_ELEMENTS (actors); a++)
        {
          gboolean expected = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
            if (allowed[i].from == from && allowed[i].to == to)
              expected = (allowed[i].who & actors[a]) != 0;

          if (cercle_referral_status_can_move (from, to, actors[a]) != expected)
            g_error ("move %d → %d by actor %u: expected %d", from, to, actors[a], expected);
        }

  g_assert_true (cercle_referral_status_is_open (CERCLE_REFERRAL_STATUS_QUOTED));
  g_assert_false (cercle_referral_status_is_open (CERCLE_REFERRAL_STATUS_WON));
  g_assert_true (cercle_referral_status_is_closed (CERCLE_REFERRAL_STATUS_DECLINED));
  g_assert_false (cercle_referral_status_is_closed (CERCLE_REFERRAL_STATUS_PROPOSED));
  g_assert_true (cercle_referral_status_needs_amount (CERCLE_REFERRAL_STATUS_WON));
  g_assert_false (cercle_referral_status_needs_amount (CERCLE_REFERRAL_STATUS_LOST));

  {
    CercleReferralStatus moves[CERCLE_REFERRAL_N_STATUSES];
    guint n = cercle_referral_status_list_moves (CERCLE_REFERRAL_STATUS_CONTACTED, CERCLE_REFERRAL_ACTOR_RECEIVER, moves);

    g_assert_cmpuint (n, ==, 3);
    g_assert_cmpint (moves[0], ==, CERCLE_REFERRAL_STATUS_QUOTED);
    g_assert_cmpint (moves[1], ==, CERCLE_REFERRAL_STATUS_WON);
    g_assert_cmpint (moves[2], ==, CERCLE_REFERRAL_STATUS_LOST);
    g_assert_cmpuint (cercle_referral_status_list_moves (CERCLE_REFERRAL_STATUS_PROPOSED, CERCLE_REFERRAL_ACTOR_STAFF, moves), ==, 0);
    g_assert_cmpuint (cercle_referral_status_list_moves (CERCLE_REFERRAL_STATUS_WON, CERCLE_REFERRAL_ACTOR_RECEIVER | CERCLE_REFERRAL_ACTOR_STAFF, moves), ==, 0);
  }
}

static CercleRegistration *
make_registration (const char     *member_id,
                   CercleResponse  response,
                   const char     *registered_at)
{
  return g_object_new (CERCLE_TYPE_REGISTRATION,
                       "event-id", "e0000000-0000-4000-8000-000000000000",
                       "member-id", member_id,
                       "response", response,
                       "registered-at", registered_at,
                       NULL);
}

static void
test_registration_policy (void)
{
  g_autoptr(GPtrArray) registrations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) promoted = NULL;

  g_assert_cmpint (cercle_registration_policy_admit (2, 1, CERCLE_RESPONSE_YES), ==, CERCLE_RESPONSE_YES);
  g_assert_cmpint (cercle_registration_policy_admit (2, 2, CERCLE_RESPONSE_YES), ==, CERCLE_RESPONSE_WAITLIST);
  g_assert_cmpint (cercle_registration_policy_admit (2, 0, CERCLE_RESPONSE_WAITLIST), ==, CERCLE_RESPONSE_YES);
  g_assert_cmpint (cercle_registration_policy_admit (2, 5, CERCLE_RESPONSE_NO), ==, CERCLE_RESPONSE_NO);
  g_assert_cmpint (cercle_registration_policy_admit (2, 5, CERCLE_RESPONSE_MAYBE), ==, CERCLE_RESPONSE_MAYBE);
  /* No capacity: no limit */
  g_assert_cmpint (cercle_registration_policy_admit (0, 5000, CERCLE_RESPONSE_YES), ==, CERCLE_RESPONSE_YES);

  g_ptr_array_add (registrations, make_registration (ALICE, CERCLE_RESPONSE_YES, "2026-11-01T08:00:00Z"));
  g_ptr_array_add (registrations, make_registration (BRUNO, CERCLE_RESPONSE_WAITLIST, "2026-11-03T08:00:00Z"));
  g_ptr_array_add (registrations, make_registration (CLARA, CERCLE_RESPONSE_WAITLIST, "2026-11-02T08:00:00Z"));
  g_ptr_array_add (registrations, make_registration (STAFF, CERCLE_RESPONSE_NO, "2026-11-01T07:00:00Z"));

  g_assert_cmpuint (cercle_registration_policy_count_seats ((CercleRegistration **)registrations->pdata,
                                                            registrations->len), ==, 1);

  /* Clara asked before Bruno, so she is first in line */
  g_assert_cmpuint (cercle_registration_policy_waitlist_place ((CercleRegistration **)registrations->pdata,
                                                               registrations->len,
                                                               registrations->pdata[2]), ==, 1);
  g_assert_cmpuint (cercle_registration_policy_waitlist_place ((CercleRegistration **)registrations->pdata,
                                                               registrations->len,
                                                               registrations->pdata[1]), ==, 2);
  g_assert_cmpuint (cercle_registration_policy_waitlist_place ((CercleRegistration **)registrations->pdata,
                                                               registrations->len,
                                                               registrations->pdata[0]), ==, 0);

  /* Full: nobody moves up */
  promoted = cercle_registration_policy_promotions (1, (CercleRegistration **)registrations->pdata,
                                                    registrations->len);
  g_assert_cmpuint (promoted->len, ==, 0);
  g_clear_pointer (&promoted, g_ptr_array_unref);

  /* One seat frees: Clara, the first in line, moves up */
  cercle_record_set_deleted (registrations->pdata[0], TRUE);
  promoted = cercle_registration_policy_promotions (1, (CercleRegistration **)registrations->pdata,
                                                    registrations->len);
  g_assert_cmpuint (promoted->len, ==, 1);
  g_assert_true (promoted->pdata[0] == registrations->pdata[2]);
  g_clear_pointer (&promoted, g_ptr_array_unref);

  /* The capacity grows to three: both move up, in order */
  promoted = cercle_registration_policy_promotions (3, (CercleRegistration **)registrations->pdata,
                                                    registrations->len);
  g_assert_cmpuint (promoted->len, ==, 2);
  g_assert_true (promoted->pdata[0] == registrations->pdata[2]);
  g_assert_true (promoted->pdata[1] == registrations->pdata[1]);
}

static void
assert_allowed (const CercleViewer *viewer,
                CercleRecord       *current,
                CercleRecord       *proposed)
{
  g_autoptr(GError) error = NULL;

  cercle_permission_check (viewer, current, proposed, &error);
  g_assert_no_error (error);
}

static void
assert_forbidden (const CercleViewer *viewer,
                  CercleRecord       *current,
                  CercleRecord       *proposed)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (cercle_permission_check (viewer, current, proposed, &error));
  g_assert_error (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN);
}

static CercleRecord *
edited (CercleRecord *record,
        const char   *property,
        ...)
{
  CercleRecord *copy;
  g_autoptr(JsonObject) row = cercle_codec_record_to_json (record);
  va_list args;

  copy = cercle_codec_record_from_json (row, CERCLE_CODEC_STRICT, NULL);
  va_start (args, property);
  g_object_set_valist (G_OBJECT (copy), property, args);
  va_end (args);

  return copy;
}

static void
test_permission_members (void)
{
  g_autoptr(CercleMember) alice = make_member (ALICE, NULL);
  g_autoptr(CercleViewer) self = cercle_viewer_new (ALICE, FALSE);
  g_autoptr(CercleViewer) other = cercle_viewer_new (BRUNO, FALSE);
  g_autoptr(CercleViewer) staff = cercle_viewer_new (STAFF, TRUE);
  g_autoptr(CercleRecord) new_city = edited (CERCLE_RECORD (alice), "city", "Villeurbanne", NULL);
  g_autoptr(CercleRecord) alumni = edited (CERCLE_RECORD (alice), "status", CERCLE_MEMBER_STATUS_ALUMNI, NULL);
  g_autoptr(CercleRecord) dues = edited (CERCLE_RECORD (alice), "dues-paid-until", "2030-01-01", NULL);
  g_autoptr(CercleRecord) deleted = edited (CERCLE_RECORD (alice), "deleted", TRUE, NULL);

  assert_allowed (self, CERCLE_RECORD (alice), new_city);
  assert_forbidden (other, CERCLE_RECORD (alice), new_city);
  assert_allowed (staff, CERCLE_RECORD (alice), new_city);

  assert_forbidden (self, CERCLE_RECORD (alice), alumni);
  assert_forbidden (self, CERCLE_RECORD (alice), dues);
  assert_allowed (staff, CERCLE_RECORD (alice), alumni);

  assert_forbidden (self, CERCLE_RECORD (alice), deleted);
  assert_allowed (staff, CERCLE_RECORD (alice), deleted);

  /* Only staff add members (candidates, by cooptation) */
  assert_forbidden (self, NULL, CERCLE_RECORD (alice));
  assert_allowed (staff, NULL, CERCLE_RECORD (alice));

  g_assert_true (cercle_permission_can_edit_field (self, CERCLE_RECORD (alice), "offers"));
  g_assert_false (cercle_permission_can_edit_field (self, CERCLE_RECORD (alice), "role"));
  g_assert_false (cercle_permission_can_edit_field (other, CERCLE_RECORD (alice), "offers"));
  g_assert_true (cercle_permission_can_edit_field (staff, CERCLE_RECORD (alice), "role"));
}

static void
test_permission_registrations (void)
{
  g_autoptr(CercleRegistration) mine = make_registration (ALICE, CERCLE_RESPONSE_YES, "2026-11-01T08:00:00Z");
  g_autoptr(CercleRegistration) guest = g_object_new (CERCLE_TYPE_REGISTRATION,
                                                      "event-id", "e0000000-0000-4000-8000-000000000000",
                                                      "guest-name", "Invitée", "invited-by-id", ALICE, NULL);
  g_autoptr(CercleViewer) alice = cercle_viewer_new (ALICE, FALSE);
  g_autoptr(CercleViewer) bruno = cercle_viewer_new (BRUNO, FALSE);
  g_autoptr(CercleViewer) staff = cercle_viewer_new (STAFF, TRUE);
  g_autoptr(CercleRecord) no = edited (CERCLE_RECORD (mine), "response", CERCLE_RESPONSE_NO, NULL);
  g_autoptr(CercleRecord) present = edited (CERCLE_RECORD (mine), "attendance", CERCLE_ATTENDANCE_PRESENT, NULL);
  g_autoptr(CercleRecord) hijack = edited (CERCLE_RECORD (mine), "member-id", BRUNO, NULL);
  g_autoptr(CercleRecord) checked_in = edited (CERCLE_RECORD (mine), "checked-in-at", "2026-11-01T08:00:00Z", NULL);

  assert_allowed (alice, NULL, CERCLE_RECORD (mine));
  assert_allowed (alice, NULL, CERCLE_RECORD (guest));
  assert_forbidden (bruno, NULL, CERCLE_RECORD (mine));
  assert_forbidden (bruno, NULL, CERCLE_RECORD (guest));
  assert_forbidden (alice, NULL, checked_in);

  assert_allowed (alice, CERCLE_RECORD (mine), no);
  assert_forbidden (bruno, CERCLE_RECORD (mine), no);
  assert_forbidden (alice, CERCLE_RECORD (mine), present);
  assert_allowed (staff, CERCLE_RECORD (mine), present);
  assert_forbidden (alice, CERCLE_RECORD (mine), hijack);
}

static void
test_permission_referrals (void)
{
  g_autoptr(CercleReferral) proposed = g_object_new (CERCLE_TYPE_REFERRAL,
                                                     "giver-id", ALICE, "receiver-id", BRUNO,
                                                     "need", "Un site web", NULL);
  g_autoptr(CercleViewer) alice = cercle_viewer_new (ALICE, FALSE);
  g_autoptr(CercleViewer) bruno = cercle_viewer_new (BRUNO, FALSE);
  g_autoptr(CercleViewer) clara = cercle_viewer_new (CLARA, FALSE);
  g_autoptr(CercleViewer) staff = cercle_viewer_new (STAFF, TRUE);
  g_autoptr(CercleRecord) accepted = edited (CERCLE_RECORD (proposed), "status", CERCLE_REFERRAL_STATUS_ACCEPTED, NULL);
  g_autoptr(CercleRecord) won_early = edited (CERCLE_RECORD (proposed), "status", CERCLE_REFERRAL_STATUS_WON, NULL);
  g_autoptr(CercleRecord) new_need = edited (CERCLE_RECORD (proposed), "need", "Deux sites", NULL);
  g_autoptr(CercleRecord) amount = edited (CERCLE_RECORD (accepted), "amount-cents", (gint64)1250000, NULL);
  g_autoptr(CercleRecord) withdrawn = edited (CERCLE_RECORD (proposed), "deleted", TRUE, NULL);
  g_autoptr(CercleRecord) to_self = edited (CERCLE_RECORD (proposed), "receiver-id", ALICE, NULL);
  g_autoptr(CercleRecord) already_won = edited (CERCLE_RECORD (proposed), "status", CERCLE_REFERRAL_STATUS_WON, NULL);

  /* Passing one */
  assert_allowed (alice, NULL, CERCLE_RECORD (proposed));
  assert_forbidden (bruno, NULL, CERCLE_RECORD (proposed));
  assert_forbidden (alice, NULL, to_self);
  assert_forbidden (alice, NULL, already_won);

  /* Only the receiver accepts; nobody jumps to won */
  assert_allowed (bruno, CERCLE_RECORD (proposed), accepted);
  assert_forbidden (alice, CERCLE_RECORD (proposed), accepted);
  assert_forbidden (staff, CERCLE_RECORD (proposed), accepted);
  assert_forbidden (bruno, CERCLE_RECORD (proposed), won_early);

  /* The giver edits the need, the receiver the amount */
  assert_allowed (alice, CERCLE_RECORD (proposed), new_need);
  assert_forbidden (bruno, CERCLE_RECORD (proposed), new_need);
  assert_allowed (bruno, accepted, amount);
  assert_forbidden (alice, accepted, amount);
  assert_forbidden (clara, CERCLE_RECORD (proposed), new_need);

  /* Withdrawn by its giver before it is accepted */
  assert_allowed (alice, CERCLE_RECORD (proposed), withdrawn);
  assert_forbidden (bruno, CERCLE_RECORD (proposed), withdrawn);
}

static void
test_permission_staff_only (void)
{
  g_autoptr(CercleEvent) event = g_object_new (CERCLE_TYPE_EVENT, "title", "Petit-déjeuner", NULL);
  g_autoptr(CercleClub) club = g_object_new (CERCLE_TYPE_CLUB, "name", "Club", NULL);
  g_autoptr(CercleViewer) alice = cercle_viewer_new (ALICE, FALSE);
  g_autoptr(CercleViewer) nobody = cercle_viewer_new (NULL, FALSE);
  g_autoptr(CercleViewer) staff = cercle_viewer_new (STAFF, TRUE);
  g_autoptr(CercleRecord) renamed = edited (CERCLE_RECORD (event), "title", "Dîner", NULL);

  assert_forbidden (alice, NULL, CERCLE_RECORD (event));
  assert_forbidden (alice, CERCLE_RECORD (event), renamed);
  assert_forbidden (nobody, CERCLE_RECORD (event), renamed);
  assert_allowed (staff, CERCLE_RECORD (event), renamed);
  assert_forbidden (alice, NULL, CERCLE_RECORD (club));
  assert_allowed (staff, NULL, CERCLE_RECORD (club));
}

/* The calendar's rules: who organizes, takes attendance, registers whom
 * and sees whose regularity; seats kept, freed and taken at the door */
static void
test_calendar_rules (void)
{
  g_autoptr(CercleViewer) staff = cercle_viewer_new ("staff-1", TRUE);
  g_autoptr(CercleViewer) member = cercle_viewer_new ("member-1", FALSE);
  g_autoptr(CercleViewer) nobody = cercle_viewer_new (NULL, FALSE);
  g_autoptr(CercleRegistration) seated = g_object_new (CERCLE_TYPE_REGISTRATION, "response", CERCLE_RESPONSE_YES, NULL);
  g_autoptr(CercleRegistration) leaving = g_object_new (CERCLE_TYPE_REGISTRATION, "response", CERCLE_RESPONSE_NO, NULL);
  g_autoptr(CercleRegistration) asking = g_object_new (CERCLE_TYPE_REGISTRATION, "response", CERCLE_RESPONSE_YES, NULL);
  g_autoptr(CercleRegistration) at_door = g_object_new (CERCLE_TYPE_REGISTRATION, "response", CERCLE_RESPONSE_YES,
                                                        "attendance", CERCLE_ATTENDANCE_PRESENT, NULL);

  g_assert_true (cercle_permission_can_organize_events (staff));
  g_assert_false (cercle_permission_can_organize_events (member));
  g_assert_true (cercle_permission_can_take_attendance (staff));
  g_assert_false (cercle_permission_can_take_attendance (member));
  g_assert_true (cercle_permission_can_register_for (staff, "member-2"));
  g_assert_true (cercle_permission_can_register_for (member, "member-1"));
  g_assert_true (cercle_permission_can_register_for (member, NULL));
  g_assert_false (cercle_permission_can_register_for (member, "member-2"));
  g_assert_false (cercle_permission_can_register_for (nobody, NULL));
  g_assert_true (cercle_permission_can_register_others (staff));
  g_assert_false (cercle_permission_can_register_others (member));

  g_assert_true (cercle_visibility_can_see_drafts (staff));
  g_assert_false (cercle_visibility_can_see_drafts (member));
  g_assert_true (cercle_visibility_can_see_regularity (staff, "member-2"));
  g_assert_true (cercle_visibility_can_see_regularity (member, "member-1"));
  g_assert_false (cercle_visibility_can_see_regularity (member, "member-2"));

  /* Full: a seat kept stays, a new "yes" waits, someone at the door is in */
  g_assert_cmpint (cercle_registration_policy_decide (2, 2, seated, seated), ==, CERCLE_RESPONSE_YES);
  g_assert_cmpint (cercle_registration_policy_decide (2, 2, NULL, asking), ==, CERCLE_RESPONSE_WAITLIST);
  g_assert_cmpint (cercle_registration_policy_decide (2, 1, NULL, asking), ==, CERCLE_RESPONSE_YES);
  g_assert_cmpint (cercle_registration_policy_decide (2, 2, NULL, at_door), ==, CERCLE_RESPONSE_YES);
  g_assert_cmpint (cercle_registration_policy_decide (2, 2, NULL, leaving), ==, CERCLE_RESPONSE_NO);
  g_assert_true (cercle_registration_policy_frees_seat (seated, leaving));
  g_assert_false (cercle_registration_policy_frees_seat (NULL, leaving));
  g_assert_false (cercle_registration_policy_frees_seat (seated, asking));

  /* Regularity: expected once attendance is taken, attended when in person */
  g_assert_true (cercle_registration_policy_counts_as_expected (CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_EXCUSED));
  g_assert_false (cercle_registration_policy_counts_as_expected (CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_UNKNOWN));
  g_assert_false (cercle_registration_policy_counts_as_expected (CERCLE_RESPONSE_NO, CERCLE_ATTENDANCE_ABSENT));
  g_assert_true (cercle_registration_policy_counts_as_attended (CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_LATE));
  g_assert_false (cercle_registration_policy_counts_as_attended (CERCLE_RESPONSE_YES, CERCLE_ATTENDANCE_SUBSTITUTE));
  g_assert_cmpfloat (cercle_registration_policy_attendance_rate (3, 4), ==, 0.75);
  g_assert_cmpfloat (cercle_registration_policy_attendance_rate (5, 4), ==, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/rules/visibility/member-fields", test_visibility_member_fields);
  g_test_add_func ("/cercle/rules/visibility/self-and-staff", test_visibility_redact_keeps_for_self_and_staff);
  g_test_add_func ("/cercle/rules/visibility/events-referrals", test_visibility_events_and_referrals);
  g_test_add_func ("/cercle/rules/referral-status/matrix", test_referral_status_matrix);
  g_test_add_func ("/cercle/rules/registration-policy", test_registration_policy);
  g_test_add_func ("/cercle/rules/calendar", test_calendar_rules);
  g_test_add_func ("/cercle/rules/permission/members", test_permission_members);
  g_test_add_func ("/cercle/rules/permission/registrations", test_permission_registrations);
  g_test_add_func ("/cercle/rules/permission/referrals", test_permission_referrals);
  g_test_add_func ("/cercle/rules/permission/staff-only", test_permission_staff_only);

  return g_test_run ();
}
