/* test-print-reference.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cercle-print.h"

/* Fixed pages drawn to images and held against the pictures in
 * tests/print/reference/, so that a change of layout is seen. A pixel
 * differs when one of its channels moved by more than PIXEL_TOLERANCE; a
 * page fails when more than PAGE_TOLERANCE of its pixels differ, which
 * lets antialiasing vary a little but not a text move.
 *
 * After a deliberate change of layout, look at the new pictures, then:
 *   CERCLE_UPDATE_REFERENCES=1 _build/tests/print/test-print-reference \
 *     tests/print/reference
 * A failed comparison leaves the page drawn and its differences (in red)
 * beside the test program, as NAME.png and NAME-diff.png. */

#define PIXEL_TOLERANCE 64
#define PAGE_TOLERANCE  0.001

static const char *reference_dir;

static const char *vcard =
  "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Hélène Durand\r\nN:Durand;Hélène;;;\r\n"
  "ORG:Boulangerie Durand & Fils\r\nTITLE:Gérante\r\nEMAIL;TYPE=work:helene@durand.exemple.fr\r\n"
  "END:VCARD\r\n";

static CercleRoster *
make_roster (void)
{
  CercleRoster *roster = cercle_roster_new ();
  struct {
    const char *first, *last, *company, *role;
    CercleAttendeeKind kind;
    CerclePresence presence;
    gboolean qr;
  } people[] = {
    { "Hélène", "Durand", "Boulangerie Durand & Fils", "Gérante",
      CERCLE_ATTENDEE_MEMBER, CERCLE_PRESENCE_PRESENT, TRUE },
    { "Jean-Baptiste", "de La Rochefoucauld", "Société Lyonnaise de Conseil en Transformation "
      "Numérique des Entreprises", "Directeur général délégué", CERCLE_ATTENDEE_MEMBER,
      CERCLE_PRESENCE_LATE, TRUE },
    { "Γιώργος", "Παπαδόπουλος", "Ελληνικά Τρόφιμα", "Εξαγωγές", CERCLE_ATTENDEE_GUEST,
      CERCLE_PRESENCE_ABSENT, FALSE },
    { "محمد", "العربي", "شركة التجارة", "مدير", CERCLE_ATTENDEE_GUEST,
      CERCLE_PRESENCE_EXCUSED, FALSE },
    { "明", "王", "北京科技有限公司", "总经理", CERCLE_ATTENDEE_MEMBER,
      CERCLE_PRESENCE_PRESENT, TRUE },
    { "Chloé", "Lefèvre", "Club des Entrepreneurs", "Chargée de mission", CERCLE_ATTENDEE_STAFF,
      CERCLE_PRESENCE_PRESENT, FALSE },
    { "Zoé", "Martin", "", "", CERCLE_ATTENDEE_MEMBER, CERCLE_PRESENCE_UNKNOWN, FALSE },
    { "Maximilien", "Vandenbroucke", "Menuiserie Vandenbroucke", "Artisan menuisier",
      CERCLE_ATTENDEE_MEMBER, CERCLE_PRESENCE_SUBSTITUTE, TRUE },
  };

  cercle_roster_set_club (roster, "Club des Entrepreneurs de Lyon Confluence", NULL);
  cercle_roster_set_event (roster, "Dîner des membres de novembre",
                           "vendredi 27 novembre 2026, 19:30 – 22:30", "Brasserie Georges, Lyon");

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      CercleAttendee *a = cercle_roster_add (roster, people[i].first, people[i].last,
                                             people[i].company, people[i].role, people[i].kind);

      a->presence = people[i].presence;
      if (people[i].qr)
        cercle_attendee_set_vcard (a, vcard);
    }

  return roster;
}

static cairo_surface_t *
render (CercleDocument *document,
        guint           page,
        double          scale)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;

  cercle_document_get_page_size (document, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (width * scale + 0.5),
                                        (int) (height * scale + 0.5));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cercle_document_draw_page (document, cr, page);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static void
compare (CercleDocument *document,
         guint           page,
         double          scale,
         const char     *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *reference_path = g_build_filename (reference_dir, file, NULL);
  cairo_surface_t *actual = render (document, page, scale);
  cairo_surface_t *reference;
  cairo_surface_t *diff;
  int width, height;
  guint64 n_different = 0;

  if (g_strcmp0 (g_getenv ("CERCLE_UPDATE_REFERENCES"), "1") == 0)
    {
      g_assert_cmpint (cairo_surface_write_to_png (actual, reference_path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", reference_path);
      cairo_surface_destroy (actual);
      return;
    }

  reference = cairo_image_surface_create_from_png (reference_path);
  if (cairo_surface_status (reference) != CAIRO_STATUS_SUCCESS)
    g_error ("cannot read %s", reference_path);

  width = cairo_image_surface_get_width (actual);
  height = cairo_image_surface_get_height (actual);
  g_assert_cmpint (cairo_image_surface_get_width (reference), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (reference), ==, height);

  diff = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_surface_flush (reference);

  for (int y = 0; y < height; y++)
    {
      const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (actual)
                                            + y * cairo_image_surface_get_stride (actual));
      const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (reference)
                                            + y * cairo_image_surface_get_stride (reference));
      guint32 *d = (guint32 *) (cairo_image_surface_get_data (diff)
                                + y * cairo_image_surface_get_stride (diff));

      for (int x = 0; x < width; x++)
        {
          int delta = 0;

          for (int shift = 0; shift < 24; shift += 8)
            delta = MAX (delta, abs ((int) ((a[x] >> shift) & 0xff) - (int) ((b[x] >> shift) & 0xff)));

          if (delta > PIXEL_TOLERANCE)
            {
              n_different++;
              d[x] = 0xff0000;
            }
          else
            d[x] = 0xffffff - ((0xffffff - (b[x] & 0xffffff)) >> 2 & 0x3f3f3f);
        }
    }
  cairo_surface_mark_dirty (diff);

  g_test_message ("%s: %" G_GUINT64_FORMAT " of %d pixels differ", name, n_different, width * height);

  if (n_different > PAGE_TOLERANCE * width * height)
    {
      g_autofree char *diff_name = g_strconcat (name, "-diff.png", NULL);
      g_autofree char *actual_path = g_test_build_filename (G_TEST_BUILT, file, NULL);
      g_autofree char *diff_path = g_test_build_filename (G_TEST_BUILT, diff_name, NULL);

      cairo_surface_write_to_png (actual, actual_path);
      cairo_surface_write_to_png (diff, diff_path);
      g_error ("%s differs from its reference in %" G_GUINT64_FORMAT " pixels: see %s and %s",
               name, n_different, actual_path, diff_path);
    }

  cairo_surface_destroy (diff);
  cairo_surface_destroy (reference);
  cairo_surface_destroy (actual);
}

static void
test_badges (void)
{
  g_autoptr(CercleRoster) roster = make_roster ();
  g_autoptr(CercleBadgeDocument) badges = cercle_badge_document_new (roster, CERCLE_BADGE_LAYOUT_A4_8);

  compare (CERCLE_DOCUMENT (badges), 0, 1.25, "badges-a4-8");
  cercle_badge_document_set_layout (badges, CERCLE_BADGE_LAYOUT_A6);
  compare (CERCLE_DOCUMENT (badges), 1, 1.5, "badge-a6");
  cercle_badge_document_set_layout (badges, CERCLE_BADGE_LAYOUT_CARD);
  compare (CERCLE_DOCUMENT (badges), 0, 2.5, "badge-card");
}

static void
test_sheets (void)
{
  g_autoptr(CercleRoster) roster = make_roster ();
  g_autoptr(CercleSheetDocument) sign_in = NULL;
  g_autoptr(CercleSheetDocument) attendance = NULL;

  cercle_roster_sort (roster);
  sign_in = cercle_sheet_document_new (roster, CERCLE_SHEET_SIGN_IN);
  attendance = cercle_sheet_document_new (roster, CERCLE_SHEET_ATTENDANCE);

  compare (CERCLE_DOCUMENT (sign_in), 0, 1.25, "sheet-sign-in");
  compare (CERCLE_DOCUMENT (attendance), 0, 1.25, "sheet-attendance");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s REFERENCE-DIR\n", argv[0]);
      return EXIT_FAILURE;
    }
  reference_dir = argv[1];

  g_test_add_func ("/cercle/print/reference/badges", test_badges);
  g_test_add_func ("/cercle/print/reference/sheets", test_sheets);

  return g_test_run ();
}
