/* test-event-roster.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cercle-core.h"
#include "cercle-event-roster.h"
#include "cercle-vcard.h"
#include "print-test-util.h"

/* From the club store to the badges: who gets one, in which order, and
 * whose QR code carries their card. */

typedef struct
{
  char        *dir;
  CercleStore *store;
  char        *event_id;
  char        *consenting_id;
} Fixture;

static CercleMember *
add_member (CercleStore *store,
            const char  *first,
            const char  *last,
            gboolean     consent,
            gboolean     staff)
{
  g_autoptr(GError) error = NULL;
  CercleMember *member = g_object_new (CERCLE_TYPE_MEMBER,
                                       "first-name", first,
                                       "last-name", last,
                                       "company", "Durand & Fils",
                                       "job-title", "Gérant",
                                       "email", "contact@durand.exemple.fr",
                                       "phone", "04 78 00 00 00",
                                       "qr-consent", consent,
                                       "role", staff ? CERCLE_MEMBER_ROLE_STAFF
                                                     : CERCLE_MEMBER_ROLE_MEMBER,
                                       NULL);

  g_assert_true (cercle_store_save (store, CERCLE_RECORD (member), &error));
  g_assert_no_error (error);

  return member;
}

static void
add_registration (CercleStore    *store,
                  const char     *event_id,
                  CercleMember   *member,
                  const char     *guest_name,
                  CercleResponse  response)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleRegistration) registration =
    g_object_new (CERCLE_TYPE_REGISTRATION,
                  "event-id", event_id,
                  "member-id", member ? cercle_record_get_id (CERCLE_RECORD (member)) : NULL,
                  "guest-name", guest_name,
                  "guest-company", guest_name ? "Invités SA" : NULL,
                  "response", response,
                  /* someone checked in has a seat, whatever the count */
                  "attendance", response == CERCLE_RESPONSE_WAITLIST ? CERCLE_ATTENDANCE_UNKNOWN
                                                                     : CERCLE_ATTENDANCE_PRESENT,
                  "registered-at", "2026-11-01T10:00:00Z",
                  NULL);

  g_assert_true (cercle_store_save (store, CERCLE_RECORD (registration), &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CercleClub) club = NULL;
  g_autoptr(CercleEvent) event = NULL;
  g_autoptr(CercleMember) zoe = NULL;
  g_autoptr(CercleMember) emilie = NULL;
  g_autoptr(CercleMember) staff = NULL;
  g_autoptr(CercleMember) absent = NULL;

  fixture->dir = print_test_make_dir ();
  path = g_build_filename (fixture->dir, "club.db", NULL);
  g_assert_true (cercle_store_create (path, NULL, NULL, NULL, &error));
  fixture->store = cercle_store_open (path, &error);
  g_assert_no_error (error);

  club = g_object_new (CERCLE_TYPE_CLUB, "name", "Club de Lyon", NULL);
  g_assert_true (cercle_store_save (fixture->store, CERCLE_RECORD (club), &error));
  event = g_object_new (CERCLE_TYPE_EVENT,
                        "title", "Dîner de Noël",
                        "starts-at", "2026-12-18T18:30:00Z",
                        "ends-at", "2026-12-18T22:00:00Z",
                        "place", "Brasserie Georges",
                        /* full with its four "yes": "Attente" really waits
                         * (the store admits a waitlist request to a free seat) */
                        "capacity", 4,
                        NULL);
  g_assert_true (cercle_store_save (fixture->store, CERCLE_RECORD (event), &error));
  g_assert_no_error (error);
  fixture->event_id = g_strdup (cercle_record_get_id (CERCLE_RECORD (event)));

  zoe = add_member (fixture->store, "Zoé", "Zimmer", FALSE, FALSE);
  emilie = add_member (fixture->store, "Émilie", "Écuyer", TRUE, FALSE);
  staff = add_member (fixture->store, "Paul", "Dubois", FALSE, TRUE);
  absent = add_member (fixture->store, "Nora", "Absente", TRUE, FALSE);
  fixture->consenting_id = g_strdup (cercle_record_get_id (CERCLE_RECORD (emilie)));

  add_registration (fixture->store, fixture->event_id, zoe, NULL, CERCLE_RESPONSE_YES);
  add_registration (fixture->store, fixture->event_id, emilie, NULL, CERCLE_RESPONSE_YES);
  add_registration (fixture->store, fixture->event_id, staff, NULL, CERCLE_RESPONSE_YES);
  add_registration (fixture->store, fixture->event_id, absent, NULL, CERCLE_RESPONSE_NO);
  add_registration (fixture->store, fixture->event_id, NULL, "Marie-Claire Dubois de Vallois",
                    CERCLE_RESPONSE_YES);
  add_registration (fixture->store, fixture->event_id, NULL, "Attente", CERCLE_RESPONSE_WAITLIST);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->store);
  print_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->event_id);
  g_free (fixture->consenting_id);
}

static void
test_roster (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleRoster) roster = cercle_event_roster_new (fixture->store, fixture->event_id, &error);
  g_autoptr(CercleMember) emilie = NULL;
  g_autofree char *vcard = NULL;
  const char *expected[][2] = {
    { "Marie-Claire", "Dubois de Vallois" },
    { "Paul", "Dubois" },
    { "Émilie", "Écuyer" },
    { "Zoé", "Zimmer" },
  };
  const CercleAttendee *a;

  g_assert_no_error (error);
  g_assert_cmpstr (cercle_roster_get_club_name (roster), ==, "Club de Lyon");
  g_assert_cmpstr (cercle_roster_get_event_title (roster), ==, "Dîner de Noël");
  g_assert_cmpstr (cercle_roster_get_event_place (roster), ==, "Brasserie Georges");
  /* in the event's time zone, Paris */
  g_assert_nonnull (strstr (cercle_roster_get_event_when (roster), "19:30"));
  g_assert_nonnull (strstr (cercle_roster_get_event_when (roster), "23:00"));

  /* yes only, guests too, by last name: "Dubois" before "Dubois de
   * Vallois", "Écuyer" among the E */
  g_assert_cmpuint (cercle_roster_get_n_attendees (roster), ==, G_N_ELEMENTS (expected));
  g_assert_cmpstr (cercle_roster_get_attendee (roster, 0)->last_name, ==, "Dubois");
  g_assert_cmpstr (cercle_roster_get_attendee (roster, 1)->last_name, ==, "Dubois de Vallois");
  g_assert_cmpstr (cercle_roster_get_attendee (roster, 1)->first_name, ==, "Marie-Claire");
  g_assert_cmpstr (cercle_roster_get_attendee (roster, 2)->last_name, ==, "Écuyer");
  g_assert_cmpstr (cercle_roster_get_attendee (roster, 3)->last_name, ==, "Zimmer");

  g_assert_cmpint (cercle_roster_get_attendee (roster, 0)->kind, ==, CERCLE_ATTENDEE_STAFF);
  g_assert_cmpint (cercle_roster_get_attendee (roster, 1)->kind, ==, CERCLE_ATTENDEE_GUEST);
  g_assert_cmpint (cercle_roster_get_attendee (roster, 2)->kind, ==, CERCLE_ATTENDEE_MEMBER);
  g_assert_cmpint (cercle_roster_get_attendee (roster, 2)->presence, ==, CERCLE_PRESENCE_PRESENT);

  /* a card only for the member who consented */
  emilie = cercle_store_get_record (fixture->store, CERCLE_TYPE_MEMBER, fixture->consenting_id, NULL);
  vcard = cercle_vcard_from_member (emilie);
  a = cercle_roster_get_attendee (roster, 2);
  g_assert_cmpstr (a->vcard, ==, vcard);
  g_assert_null (cercle_roster_get_attendee (roster, 0)->vcard);
  g_assert_null (cercle_roster_get_attendee (roster, 1)->vcard);
  g_assert_null (cercle_roster_get_attendee (roster, 3)->vcard);
}

static void
test_missing_event (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleRoster) roster = cercle_event_roster_new (fixture->store, "no-such-event", &error);

  g_assert_null (roster);
  g_assert_error (error, CERCLE_PRINT_ERROR, CERCLE_PRINT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-event"));
}

/* The cards as printed, photographed at 300 dpi and read by zbar: the
 * consenting member's code gives back her vCard byte for byte, and no
 * other badge has a code. */
static void
test_qr_codes (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleRoster) roster = cercle_event_roster_new (fixture->store, fixture->event_id, &error);
  g_autoptr(CercleBadgeDocument) badges = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *prefix = NULL;

  if (!print_test_have_program ("zbarimg") || !print_test_have_program ("pdftoppm"))
    {
      g_test_skip ("zbarimg or pdftoppm is missing: run build-aux/dev deps");
      return;
    }

  badges = cercle_badge_document_new (roster, CERCLE_BADGE_LAYOUT_CARD);
  pdf = print_test_write_pdf (CERCLE_DOCUMENT (badges), fixture->dir, "cards.pdf");
  prefix = g_build_filename (fixture->dir, "card", NULL);
  g_free (print_test_run ("pdftoppm", "-r", "300", "-png", pdf, prefix, NULL));

  for (guint i = 0; i < cercle_roster_get_n_attendees (roster); i++)
    {
      const CercleAttendee *a = cercle_roster_get_attendee (roster, i);
      g_autofree char *name = g_strdup_printf ("card-%u.png", i + 1);
      g_autofree char *png = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *decoded = NULL;

      g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
      decoded = print_test_run ("zbarimg", "--nodbus", "--raw", "-q", "-Sbinary", png, NULL);

      /* -Sbinary: the bytes of the code, nothing added */
      if (a->vcard != NULL)
        g_assert_cmpstr (decoded, ==, a->vcard);
      else
        g_assert_cmpstr (decoded, ==, "");
    }
}


static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/* A PNG of @width by @height as a club's logo field */
static char *
make_logo (int width,
           int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autofree char *base64 = NULL;
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.1, 0.3, 0.7);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  base64 = g_base64_encode (png->data, png->len);

  return g_strconcat ("data:image/png;base64,", base64, NULL);
}

static void
set_logo (CercleStore *store,
          const char  *logo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleClub) club = cercle_store_dup_club (store, &error);

  g_assert_no_error (error);
  g_object_set (club, "logo", logo, NULL);
  g_assert_true (cercle_store_save (store, CERCLE_RECORD (club), &error));
  g_assert_no_error (error);
}

/* The club's logo goes from its database to the badges; what a hostile
 * copy of the club may hold there is never read: not a PNG, a PNG wider
 * than any logo (whose header could as well claim gigabytes of pixels), a
 * field heavier than a logo may be, a PNG cut short. The badges then print without a logo. */
static void
test_logo (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *logo = make_logo (400, 200);
  g_autofree char *huge = NULL;
  g_autofree char *heavy = NULL;
  g_autofree char *cut = NULL;
  g_autoptr(CercleBadgeDocument) badges = NULL;
  g_autofree char *pdf = NULL;
  const char *hostile[4];
  guchar *bytes;
  gsize length;

  {
    g_autoptr(CercleRoster) roster = cercle_event_roster_new (fixture->store, fixture->event_id, &error);

    g_assert_no_error (error);
    g_assert_null (cercle_roster_get_club_logo (roster));
  }

  set_logo (fixture->store, logo);
  {
    g_autoptr(CercleRoster) roster = cercle_event_roster_new (fixture->store, fixture->event_id, &error);
    cairo_surface_t *read = cercle_roster_get_club_logo (roster);

    g_assert_no_error (error);
    g_assert_nonnull (read);
    g_assert_cmpint (cairo_image_surface_get_width (read), ==, 400);
    g_assert_cmpint (cairo_image_surface_get_height (read), ==, 200);

    badges = cercle_badge_document_new (roster, CERCLE_BADGE_LAYOUT_CARD);
    pdf = print_test_write_pdf (CERCLE_DOCUMENT (badges), fixture->dir, "logo.pdf");
    g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }

  /* A true PNG wider than any logo is read: its header is enough to
   * refuse it, before its pixels are allocated */
  huge = make_logo (CERCLE_LOGO_MAX_SIDE + 1, 8);

  bytes = g_base64_decode (logo + strlen ("data:image/png;base64,"), &length);
  /* The true PNG, cut after its header */
  {
    g_autofree char *base64 = g_base64_encode (bytes, 60);

    cut = g_strconcat ("data:image/png;base64,", base64, NULL);
  }
  g_free (bytes);
  heavy = g_strnfill (CERCLE_CLUB_LOGO_MAX_BYTES + 1, 'A');
  memcpy (heavy, "data:image/png;base64,", strlen ("data:image/png;base64,"));

  hostile[0] = "data:image/png;base64,PHN2Zz48L3N2Zz4=";
  hostile[1] = huge;
  hostile[2] = heavy;
  hostile[3] = cut;
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(CercleRoster) roster = NULL;

      set_logo (fixture->store, hostile[i]);
      roster = cercle_event_roster_new (fixture->store, fixture->event_id, &error);
      g_assert_no_error (error);
      g_assert_null (cercle_roster_get_club_logo (roster));
      g_assert_cmpuint (cercle_roster_get_n_attendees (roster), >, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cercle/print/event-roster/roster", Fixture, NULL,
              fixture_set_up, test_roster, fixture_tear_down);
  g_test_add ("/cercle/print/event-roster/missing-event", Fixture, NULL,
              fixture_set_up, test_missing_event, fixture_tear_down);
  g_test_add ("/cercle/print/event-roster/qr-codes", Fixture, NULL,
              fixture_set_up, test_qr_codes, fixture_tear_down);
  g_test_add ("/cercle/print/event-roster/logo", Fixture, NULL,
              fixture_set_up, test_logo, fixture_tear_down);

  return g_test_run ();
}
