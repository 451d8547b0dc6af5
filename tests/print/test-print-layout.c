/* test-print-layout.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cercle-print.h"
#include "print-test-util.h"

/* Badges and sheets written as PDF and read back with poppler: every name
 * is there, in every script, the page counts are right, and the texts
 * stay inside their badge whatever their length. */

static const guint sizes[] = { 1, 8, 9, 150 };

static guint
expected_badge_pages (CercleBadgeLayout layout,
                      guint             n)
{
  return layout == CERCLE_BADGE_LAYOUT_A4_8 ? (n + 7) / 8 : n;
}

static void
test_badge_pages (void)
{
  g_autofree char *dir = print_test_make_dir ();

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(CercleRoster) roster = print_test_roster_new (sizes[s]);

      for (CercleBadgeLayout layout = 0; layout <= CERCLE_BADGE_LAYOUT_LAST; layout++)
        {
          g_autoptr(CercleBadgeDocument) document = cercle_badge_document_new (roster, layout);
          g_autofree char *name = g_strdup_printf ("badges-%s-%u.pdf",
                                                   cercle_badge_layout_to_string (layout), sizes[s]);
          g_autofree char *pdf = print_test_write_pdf (CERCLE_DOCUMENT (document), dir, name);
          guint expected = expected_badge_pages (layout, sizes[s]);

          g_test_message ("%s: %u pages", name, expected);
          g_assert_cmpuint (cercle_document_get_n_pages (CERCLE_DOCUMENT (document)), ==, expected);
          g_assert_cmpuint (print_test_pdf_n_pages (pdf), ==, expected);
        }
    }

  print_test_remove_dir (dir);
}

static void
test_sheet_pages (void)
{
  g_autofree char *dir = print_test_make_dir ();

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(CercleRoster) roster = print_test_roster_new (sizes[s]);
      g_autoptr(CercleSheetDocument) sign_in = cercle_sheet_document_new (roster, CERCLE_SHEET_SIGN_IN);
      g_autoptr(CercleSheetDocument) attendance = cercle_sheet_document_new (roster,
                                                                           CERCLE_SHEET_ATTENDANCE);
      g_autofree char *name = g_strdup_printf ("sheet-%u.pdf", sizes[s]);
      g_autofree char *name2 = g_strdup_printf ("attendance-%u.pdf", sizes[s]);
      g_autofree char *pdf = print_test_write_pdf (CERCLE_DOCUMENT (sign_in), dir, name);
      g_autofree char *pdf2 = print_test_write_pdf (CERCLE_DOCUMENT (attendance), dir, name2);
      guint rows = cercle_sheet_document_get_rows_per_page (sign_in);
      guint rows2 = cercle_sheet_document_get_rows_per_page (attendance);
      /* the registrants and at least 5 blank rows for walk-ins */
      guint expected = (sizes[s] + CERCLE_SHEET_MIN_WALK_INS + rows - 1) / rows;
      guint expected2 = (sizes[s] + rows2 - 1) / rows2;

      g_assert_cmpuint (rows, >=, 15);
      g_assert_cmpuint (rows2, >=, rows);
      g_assert_cmpuint (print_test_pdf_n_pages (pdf), ==, expected);
      g_assert_cmpuint (print_test_pdf_n_pages (pdf2), ==, expected2);
      g_assert_cmpuint (cercle_sheet_document_get_n_blank_rows (sign_in), >=, CERCLE_SHEET_MIN_WALK_INS);
      g_assert_cmpuint (cercle_sheet_document_get_n_blank_rows (sign_in) + sizes[s], ==, expected * rows);
    }

  /* 150 people fill 7 pages of 22 rows, and the walk-ins an eighth */
  {
    g_autoptr(CercleRoster) roster = print_test_roster_new (150);
    g_autoptr(CercleSheetDocument) sheet = cercle_sheet_document_new (roster, CERCLE_SHEET_SIGN_IN);

    g_assert_cmpuint (cercle_document_get_n_pages (CERCLE_DOCUMENT (sheet)), ==, 8);
  }

  print_test_remove_dir (dir);
}

static void
assert_has_every_name (const char   *text,
                       CercleRoster *roster)
{
  for (guint i = 0; i < cercle_roster_get_n_attendees (roster); i++)
    {
      const CercleAttendee *attendee = cercle_roster_get_attendee (roster, i);
      g_autofree char *first = print_test_fold (attendee->first_name);
      g_autofree char *last = print_test_fold (attendee->last_name);

      if (strstr (text, first) == NULL || strstr (text, last) == NULL)
        g_error ("“%s %s” is not in the PDF", attendee->first_name, attendee->last_name);
    }
}

static void
test_names (void)
{
  g_autofree char *dir = print_test_make_dir ();
  g_autoptr(CercleRoster) roster = print_test_roster_new (150);
  g_autoptr(CercleSheetDocument) sheet = cercle_sheet_document_new (roster, CERCLE_SHEET_SIGN_IN);
  g_autofree char *sheet_pdf = print_test_write_pdf (CERCLE_DOCUMENT (sheet), dir, "sheet.pdf");
  g_autofree char *sheet_text = print_test_pdf_text (sheet_pdf);

  assert_has_every_name (sheet_text, roster);
  g_assert_nonnull (strstr (sheet_text, "150registrants"));
  g_assert_nonnull (strstr (sheet_text, "page8/8"));
  g_assert_nonnull (strstr (sheet_text, "dînerdesmembres"));

  for (CercleBadgeLayout layout = 0; layout <= CERCLE_BADGE_LAYOUT_LAST; layout++)
    {
      g_autoptr(CercleBadgeDocument) badges = cercle_badge_document_new (roster, layout);
      g_autofree char *pdf = print_test_write_pdf (CERCLE_DOCUMENT (badges), dir, "badges.pdf");
      g_autofree char *text = print_test_pdf_text (pdf);

      assert_has_every_name (text, roster);
    }

  print_test_remove_dir (dir);
}

/* Greek, Arabic, Chinese, Japanese, Korean, Cyrillic, accented Latin:
 * each drawn with a real glyph (no tofu), by a font embedded in the PDF */
static void
test_unicode (void)
{
  g_autofree char *dir = print_test_make_dir ();
  g_autoptr(CercleRoster) roster = print_test_roster_new (print_test_n_unicode_names);
  g_autoptr(CercleBadgeDocument) badges = cercle_badge_document_new (roster, CERCLE_BADGE_LAYOUT_A4_8);
  g_autoptr(CercleSheetDocument) sheet = cercle_sheet_document_new (roster, CERCLE_SHEET_SIGN_IN);
  g_autofree char *pdf = print_test_write_pdf (CERCLE_DOCUMENT (badges), dir, "badges.pdf");
  g_autofree char *sheet_pdf = print_test_write_pdf (CERCLE_DOCUMENT (sheet), dir, "sheet.pdf");
  g_autofree char *text = print_test_pdf_text (pdf);
  const char *pdfs[] = { pdf, sheet_pdf };

  for (guint i = 0; i < print_test_n_unicode_names; i++)
    {
      CercleBadgeMeasure measure;

      cercle_badge_document_measure (badges, i, &measure);
      if (measure.unknown_glyphs != 0)
        g_error ("no font draws “%s %s”", print_test_unicode_names[i][0],
                 print_test_unicode_names[i][1]);
    }

  assert_has_every_name (text, roster);

  for (guint p = 0; p < G_N_ELEMENTS (pdfs); p++)
    {
      g_autofree char *fonts = print_test_run ("pdffonts", pdfs[p], NULL);
      g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
      guint n_fonts = 0;

      g_test_message ("%s", fonts);
      /* name, type, encoding, then emb sub uni: every font embedded */
      for (guint i = 2; lines[i] != NULL; i++)
        {
          g_auto(GStrv) words = NULL;
          g_autoptr(GPtrArray) columns = g_ptr_array_new ();

          if (*lines[i] == '\0')
            continue;
          words = g_strsplit_set (lines[i], " ", -1);
          for (guint j = 0; words[j]; j++)
            if (*words[j] != '\0')
              g_ptr_array_add (columns, words[j]);
          g_assert_cmpuint (columns->len, >=, 7);
          g_assert_cmpstr (columns->pdata[columns->len - 5], ==, "yes");
          n_fonts++;
        }
      g_assert_cmpuint (n_fonts, >, 0);
    }

  print_test_remove_dir (dir);
}

static gboolean
inside (const cairo_rectangle_t *inner,
        const cairo_rectangle_t *outer)
{
  return inner->x >= outer->x - 0.01 && inner->y >= outer->y - 0.01 &&
         inner->x + inner->width <= outer->x + outer->width + 0.01 &&
         inner->y + inner->height <= outer->y + outer->height + 0.01;
}

static gboolean
overlap (const cairo_rectangle_t *a,
         const cairo_rectangle_t *b)
{
  return a->width > 0 && b->width > 0 &&
         a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* A company of 150 letters, a name of one unbroken word, a role in
 * Chinese: every text's ink stays inside the badge, 2 mm from its edge,
 * off the QR code, and off every other text. */
static void
test_long_texts (void)
{
  g_autoptr(CercleRoster) roster = cercle_roster_new ();
  const char *long_company = "Société Coopérative d'Intérêt Collectif pour la Transformation "
                             "Numérique, Énergétique et Organisationnelle des Très Petites "
                             "Entreprises Rhône-Alpes";
  CercleAttendee *a;

  cercle_roster_set_club (roster, "Association des Clubs d'Entrepreneurs de la Métropole "
                                  "de Lyon et du Nord-Isère", NULL);
  cercle_roster_set_event (roster, "Assemblée générale extraordinaire et dîner de gala de fin "
                                   "d'année avec remise des trophées", "", "");

  for (guint qr = 0; qr < 2; qr++)
    {
      a = cercle_roster_add (roster, "Marie-Christine-Alexandrine", "de La Rochefoucauld-Montmorency",
                             long_company, "Directrice générale déléguée aux opérations "
                             "internationales et au développement commercial",
                             CERCLE_ATTENDEE_MEMBER);
      cercle_attendee_set_vcard (a, qr ? "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:M\r\nEND:VCARD\r\n" : NULL);
      a = cercle_roster_add (roster, "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaft",
                             "Xyzzyxyzzyxyzzyxyzzyxyzzyxyzzyxyzzyxyzzyxyzzyxyzzy",
                             "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                             "北京国际科技发展有限公司上海分公司华东区域销售与市场部总经理助理",
                             CERCLE_ATTENDEE_GUEST);
      cercle_attendee_set_vcard (a, qr ? "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:W\r\nEND:VCARD\r\n" : NULL);
    }

  for (CercleBadgeLayout layout = 0; layout <= CERCLE_BADGE_LAYOUT_LAST; layout++)
    {
      g_autoptr(CercleBadgeDocument) badges = cercle_badge_document_new (roster, layout);

      for (guint i = 0; i < cercle_roster_get_n_attendees (roster); i++)
        {
          CercleBadgeMeasure m;
          cairo_rectangle_t safe;

          cercle_badge_document_measure (badges, i, &m);
          safe = (cairo_rectangle_t) { m.badge.x + 2 * 72 / 25.4, m.badge.y + 2 * 72 / 25.4,
                                       m.badge.width - 4 * 72 / 25.4,
                                       m.badge.height - 4 * 72 / 25.4 };

          g_assert_cmpuint (m.n_text, >=, 5);
          g_assert_cmpint (m.unknown_glyphs, ==, 0);
          g_assert_true ((m.qr.width > 0) == (cercle_roster_get_attendee (roster, i)->vcard != NULL));
          if (m.qr.width > 0)
            g_assert_true (inside (&m.qr, &safe));

          for (guint t = 0; t < m.n_text; t++)
            {
              if (!inside (&m.text[t], &safe))
                g_error ("%s badge %u: text %u at %.1f,%.1f %.1f×%.1f leaves %.1f,%.1f %.1f×%.1f",
                         cercle_badge_layout_to_string (layout), i, t,
                         m.text[t].x, m.text[t].y, m.text[t].width, m.text[t].height,
                         safe.x, safe.y, safe.width, safe.height);
              g_assert_false (overlap (&m.text[t], &m.qr));
              for (guint u = t + 1; u < m.n_text; u++)
                g_assert_false (overlap (&m.text[t], &m.text[u]));
            }
        }
    }
}

static void
test_sort (void)
{
  g_autoptr(CercleRoster) roster = cercle_roster_new ();
  const char *expected[] = { "Eckert", "Écuyer", "Edouard", "élise", "Martin", "Martin", "Martinez",
                             "Zola", "Παπαδόπουλος" };

  cercle_roster_add (roster, "Jean", "Zola", NULL, NULL, CERCLE_ATTENDEE_MEMBER);
  cercle_roster_add (roster, "Γιώργος", "Παπαδόπουλος", NULL, NULL, CERCLE_ATTENDEE_GUEST);
  cercle_roster_add (roster, "Ana", "Martinez", NULL, NULL, CERCLE_ATTENDEE_MEMBER);
  cercle_roster_add (roster, "Zoé", "Martin", NULL, NULL, CERCLE_ATTENDEE_MEMBER);
  cercle_roster_add (roster, "Anne", "Martin", NULL, NULL, CERCLE_ATTENDEE_MEMBER);
  cercle_roster_add (roster, "Luc", "Edouard", NULL, NULL, CERCLE_ATTENDEE_MEMBER);
  cercle_roster_add (roster, "Paul", "élise", NULL, NULL, CERCLE_ATTENDEE_STAFF);
  cercle_roster_add (roster, "Émilie", "Écuyer", NULL, NULL, CERCLE_ATTENDEE_MEMBER);
  cercle_roster_add (roster, "Max", "Eckert", NULL, NULL, CERCLE_ATTENDEE_MEMBER);
  cercle_roster_sort (roster);

  g_assert_cmpuint (cercle_roster_get_n_attendees (roster), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (cercle_roster_get_attendee (roster, i)->last_name, ==, expected[i]);
  /* the same last name: by first name */
  g_assert_cmpstr (cercle_roster_get_attendee (roster, 4)->first_name, ==, "Anne");
}

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  if (cercle_document_write_pdf_finish (CERCLE_DOCUMENT (source), result, error))
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "written");
}

static GError *
write_async (CercleDocument *document,
             const char     *path,
             GCancellable   *cancellable,
             GArray         *fractions)
{
  GError *error = NULL;

  cercle_document_write_pdf_async (document, path, cancellable, on_progress_cb,
                                   g_array_ref (fractions), (GDestroyNotify) g_array_unref,
                                   on_written_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* the last progress reports */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return error;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (handle) != NULL)
    n++;

  return n;
}

/* In a worker thread, with progress; cancelled, it leaves nothing behind
 * and does not touch a file already at the path */
static void
test_async (void)
{
  g_autofree char *dir = print_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "badges.pdf", NULL);
  g_autoptr(CercleRoster) roster = print_test_roster_new (400);
  g_autoptr(CercleBadgeDocument) badges = cercle_badge_document_new (roster, CERCLE_BADGE_LAYOUT_A4_8);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *contents = NULL;
  GError *error;

  error = write_async (CERCLE_DOCUMENT (badges), path, NULL, fractions);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpuint (print_test_pdf_n_pages (path), ==, 50);
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_assert_cmpuint (fractions->len, >=, 10);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);

  /* a file of the user's stays what it was */
  g_assert_true (g_file_set_contents (path, "mine", -1, NULL));
  g_array_set_size (fractions, 0);
  g_cancellable_cancel (cancellable);
  error = write_async (CERCLE_DOCUMENT (badges), path, cancellable, fractions);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (fractions->len, ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "mine");
  g_assert_cmpuint (count_files (dir), ==, 1);

  print_test_remove_dir (dir);
}

static gboolean
cancel_soon_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Cancelled half-way through a long job */
static void
test_cancel_midway (void)
{
  g_autofree char *dir = print_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "badges.pdf", NULL);
  g_autoptr(CercleRoster) roster = print_test_roster_new (3000);
  g_autoptr(CercleBadgeDocument) badges = cercle_badge_document_new (roster, CERCLE_BADGE_LAYOUT_A6);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GError *error;

  g_timeout_add (150, cancel_soon_cb, cancellable);
  error = write_async (CERCLE_DOCUMENT (badges), path, cancellable, fractions);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (dir), ==, 0);

  print_test_remove_dir (dir);
}

static void
test_refusals (void)
{
  g_autofree char *dir = print_test_make_dir ();
  g_autofree char *missing = g_build_filename (dir, "no", "such", "badges.pdf", NULL);
  g_autofree char *path = g_build_filename (dir, "badges.pdf", NULL);
  g_autoptr(CercleRoster) empty = cercle_roster_new ();
  g_autoptr(CercleRoster) roster = print_test_roster_new (3);
  g_autoptr(CercleBadgeDocument) none = cercle_badge_document_new (empty, CERCLE_BADGE_LAYOUT_CARD);
  g_autoptr(CercleBadgeDocument) badges = cercle_badge_document_new (roster, CERCLE_BADGE_LAYOUT_CARD);
  g_autoptr(CercleSheetDocument) sheet = cercle_sheet_document_new (empty, CERCLE_SHEET_SIGN_IN);
  g_autoptr(GError) error = NULL;

  /* no one to print a badge for: nothing written */
  g_assert_false (cercle_document_write_pdf (CERCLE_DOCUMENT (none), path, NULL, NULL, NULL, &error));
  g_assert_error (error, CERCLE_PRINT_ERROR, CERCLE_PRINT_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (dir), ==, 0);

  /* an empty sheet still has its blank rows */
  g_assert_cmpuint (cercle_document_get_n_pages (CERCLE_DOCUMENT (sheet)), ==, 1);

  g_assert_false (cercle_document_write_pdf (CERCLE_DOCUMENT (badges), missing, NULL, NULL, NULL, &error));
  g_assert_error (error, CERCLE_PRINT_ERROR, CERCLE_PRINT_ERROR_WRITE);
  g_clear_error (&error);

  /* a folder where the file should be: refused, and nothing left */
  g_assert_false (cercle_document_write_pdf (CERCLE_DOCUMENT (badges), dir, NULL, NULL, NULL, &error));
  g_assert_error (error, CERCLE_PRINT_ERROR, CERCLE_PRINT_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (dir), ==, 0);

  /* a link: the file it points to gets the pages, the link stays */
  {
    g_autofree char *real = g_build_filename (dir, "real.pdf", NULL);
    g_autofree char *link = g_build_filename (dir, "link.pdf", NULL);

    g_assert_true (g_file_set_contents (real, "old", -1, NULL));
    g_assert_cmpint (symlink ("real.pdf", link), ==, 0);
    g_assert_true (cercle_document_write_pdf (CERCLE_DOCUMENT (badges), link, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
    g_assert_cmpuint (print_test_pdf_n_pages (real), ==, 3);
    g_assert_cmpuint (count_files (dir), ==, 2);
  }

  print_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/print/badges/pages", test_badge_pages);
  g_test_add_func ("/cercle/print/sheet/pages", test_sheet_pages);
  g_test_add_func ("/cercle/print/names", test_names);
  g_test_add_func ("/cercle/print/unicode", test_unicode);
  g_test_add_func ("/cercle/print/badges/long-texts", test_long_texts);
  g_test_add_func ("/cercle/print/sort", test_sort);
  g_test_add_func ("/cercle/print/pdf/async", test_async);
  g_test_add_func ("/cercle/print/pdf/cancel", test_cancel_midway);
  g_test_add_func ("/cercle/print/pdf/refusals", test_refusals);

  return g_test_run ();
}
