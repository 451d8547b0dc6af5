/* print-test-util.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "print-test-util.h"

const char * const print_test_unicode_names[][2] = {
  { "Hélène", "Dupré-Lefèvre" },
  { "François", "Çelik" },
  { "Ægir", "Østergård" },
  { "Γιώργος", "Παπαδόπουλος" },
  { "Αικατερίνη", "Οικονόμου" },
  { "محمد", "العربي" },
  { "فاطمة", "الزهراء" },
  { "明", "王" },
  { "さくら", "山田" },
  { "지민", "김" },
  { "Іван", "Шевченко" },
  { "Zoë", "Ĳsselmeer" },
};

const guint print_test_n_unicode_names = G_N_ELEMENTS (print_test_unicode_names);

static const char * const first_names[] = {
  "Camille", "Louis", "Inès", "Hugo", "Chloé", "Mathis", "Léa", "Noé", "Manon", "Jules",
};

static const char * const last_names[] = {
  "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
  "Moreau", "Simon", "Laurent", "Lefèbvre", "Michel", "Garcia", "Écuyer",
};

/* @n_attendees people, the first of them with the names above, the others
 * French; every third one consents to a QR code */
CercleRoster *
print_test_roster_new (guint n_attendees)
{
  CercleRoster *roster = cercle_roster_new ();

  cercle_roster_set_club (roster, "Club des Entrepreneurs de Lyon Confluence", NULL);
  cercle_roster_set_event (roster, "Dîner des membres", "vendredi 27 novembre 2026, 19:30 – 22:30",
                           "Brasserie Georges, Lyon");

  for (guint i = 0; i < n_attendees; i++)
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      g_autofree char *company = NULL;
      CercleAttendee *attendee;

      if (i < print_test_n_unicode_names)
        {
          first = g_strdup (print_test_unicode_names[i][0]);
          last = g_strdup (print_test_unicode_names[i][1]);
        }
      else
        {
          first = g_strdup (first_names[i % G_N_ELEMENTS (first_names)]);
          last = g_strdup_printf ("%s%u", last_names[i % G_N_ELEMENTS (last_names)], i);
        }
      company = g_strdup_printf ("%s Conseil", last);

      attendee = cercle_roster_add (roster, first, last, company, "Gérant",
                                    (CercleAttendeeKind) (i % 3));
      attendee->presence = (CerclePresence) (i % 6);

      if (i % 3 == 0)
        {
          g_autofree char *vcard = g_strdup_printf ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:%s %s\r\n"
                                                    "END:VCARD\r\n", first, last);

          cercle_attendee_set_vcard (attendee, vcard);
        }
    }

  return roster;
}

char *
print_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cercle-print-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
print_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        print_test_remove_dir (path);
      else
        g_unlink (path);
    }

  g_rmdir (dir);
}

char *
print_test_write_pdf (CercleDocument *document,
                      const char     *dir,
                      const char     *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (cercle_document_write_pdf (document, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return path;
}

/* Runs a program and returns what it printed; stderr goes to the log */
char *
print_test_run (const char *first_arg,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  va_list args;

  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH,
                NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("%s: %s", first_arg, err);

  return out;
}

guint
print_test_pdf_n_pages (const char *pdf)
{
  g_autofree char *info = print_test_run ("pdfinfo", pdf, NULL);
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nPages:") + strspn (line + 7, " "), NULL, 10);
}

/* Lower case, no accents' case differences, no bidi marks or spaces: what
 * is left of a name whatever the order pdftotext puts words in */
char *
print_test_fold (const char *text)
{
  g_autofree char *casefolded = g_utf8_casefold (text, -1);
  g_autofree char *normalized = g_utf8_normalize (casefolded, -1, G_NORMALIZE_NFC);
  GString *out = g_string_new (NULL);

  for (const char *p = normalized; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || (c >= 0x200e && c <= 0x200f) ||
          (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

char *
print_test_pdf_text (const char *pdf)
{
  g_autofree char *text = print_test_run ("pdftotext", "-enc", "UTF-8", pdf, "-", NULL);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  return print_test_fold (text);
}

gboolean
print_test_have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}
