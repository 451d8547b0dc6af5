/* test-members-io.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cercle-core.h"
#include "cercle-test-utils.h"

/* Members in and out of spreadsheets, and the checks of their contact
 * fields */

typedef struct
{
  char        *dir;
  char        *path;
  CercleStore *store;
} Fixture;

/* A club of one: its staff member uses the app */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = cercle_test_make_dir ("members-io");
  fixture->path = g_build_filename (fixture->dir, "club.db", NULL);
  g_assert_true (cercle_demo_create (fixture->path, 1, CERCLE_DEMO_DEFAULT_SEED, &error));
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

/* What French Excel writes: Windows-1252, ";" between cells, CRLF */
static GBytes *
excel_bytes (const char *utf8)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  char *converted = g_convert (utf8, -1, "WINDOWS-1252", "UTF-8", NULL, &len, &error);

  g_assert_no_error (error);

  return g_bytes_new_take (converted, len);
}

#define EXCEL_FILE \
  "Nom;Prénom;Société;E-mail;Téléphone;Ville;Je propose\r\n" \
  "Lefèvre;Hélène;Œuvres d'Art Lefèvre;helene@oeuvres.fr;06 12 34 56 78;Écully;\"Restauration de tableaux\r\nEncadrement\"\r\n" \
  "Cœur;Noël;\"Cœur & Fils; Plomberie\";noel@coeur.fr;+33 4 72 00 00 00;Lyon;Dépannage\r\n" \
  "\r\n" \
  "Dupré;Anaïs;Atelier Dupré;anais@dupre.fr;;Villeurbanne;Ébénisterie\r\n"

static GStrv
row (CercleCsvTable *table,
     guint           i)
{
  return g_ptr_array_index (table->rows, i);
}

static void
test_csv_excel (void)
{
  g_autoptr(GBytes) bytes = excel_bytes (EXCEL_FILE);
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleCsvTable) table = cercle_csv_table_parse (bytes, &error);
  g_auto(GStrv) mapping = NULL;
  const char *expected[] = { "last_name", "first_name", "company", "email", "phone", "city", "offers", NULL };

  g_assert_no_error (error);
  g_assert_cmpstr (table->encoding, ==, "WINDOWS-1252");
  g_assert_cmpint (table->separator, ==, ';');
  g_assert_cmpstr (table->header[1], ==, "Prénom");
  g_assert_cmpuint (table->rows->len, ==, 3);

  /* Accents and "Œ" read back, a quoted ";" and a quoted line break kept */
  g_assert_cmpstr (row (table, 0)[2], ==, "Œuvres d'Art Lefèvre");
  g_assert_cmpstr (row (table, 0)[6], ==, "Restauration de tableaux\r\nEncadrement");
  g_assert_cmpstr (row (table, 1)[2], ==, "Cœur & Fils; Plomberie");

  /* Each row knows its line, past a field on two lines and a blank line */
  g_assert_cmpuint (g_array_index (table->lines, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (table->lines, guint, 1), ==, 4);
  g_assert_cmpuint (g_array_index (table->lines, guint, 2), ==, 6);

  mapping = cercle_csv_guess_mapping (table);
  g_assert_cmpstrv (mapping, expected);
}

static void
test_csv_utf8_and_separators (void)
{
  const struct { const char *text; char separator; } cases[] = {
    { "\xef\xbb\xbf" "Prénom,Nom\nZoé,Müller\n", ',' },
    { "First name\tLast name\nZoé\tMüller\n", '\t' },
    { "\"Prénom; du membre\";Nom\nZoé;Müller", ';' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(GError) error = NULL;
      g_autoptr(CercleCsvTable) table = cercle_csv_table_parse (bytes, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (table->encoding, ==, "UTF-8");
      g_assert_cmpint (table->separator, ==, cases[i].separator);
      g_assert_cmpstr (row (table, 0)[0], ==, "Zoé");
      g_assert_cmpstr (row (table, 0)[1], ==, "Müller");
    }
}

static void
assert_refused (const char *data,
                gsize       len,
                int         code,
                const char *in_message)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleCsvTable) table = cercle_csv_table_parse (bytes, &error);

  g_assert_null (table);
  g_assert_error (error, CERCLE_CSV_ERROR, code);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, in_message);
}

static void
test_csv_bad_input (void)
{
  g_autoptr(GString) wide = g_string_new ("Nom;Prénom\nA;B\n");
  static const char picture[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  static const char bad_utf8[] = "\xef\xbb\xbfNom;Prénom\nA;B\nC\xff;D\n";

  assert_refused ("", 0, CERCLE_CSV_ERROR_EMPTY, NULL);
  assert_refused ("\r\n\r\n", 4, CERCLE_CSV_ERROR_EMPTY, NULL);
  assert_refused (picture, sizeof picture - 1, CERCLE_CSV_ERROR_NOT_CSV, "line 3");
  assert_refused (bad_utf8, sizeof bad_utf8 - 1, CERCLE_CSV_ERROR_ENCODING, "Line 3");

  for (guint i = 0; i < 500; i++)
    g_string_append (wide, "x;");
  g_string_append (wide, "\n");
  assert_refused (wide->str, wide->len, CERCLE_CSV_ERROR_TOO_MANY_COLUMNS, "Line 3");
}

static guint
count_members (CercleStore *store)
{
  return cercle_store_count_members (store, NULL);
}

static CercleImportReport *
import (CercleStore *store,
        const char  *utf8,
        gboolean     dry_run,
        GError     **error)
{
  g_autoptr(GBytes) bytes = excel_bytes (utf8);
  g_autoptr(CercleCsvTable) table = cercle_csv_table_parse (bytes, error);
  g_auto(GStrv) mapping = NULL;
  CercleImportReport *report = NULL;

  g_assert_nonnull (table);
  mapping = cercle_csv_guess_mapping (table);
  cercle_store_import_members (store, table, (const char * const *)mapping, dry_run,
                               NULL, NULL, NULL, &report, error);

  return report;
}

static void
test_import_all_or_nothing (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleImportReport) report = NULL;
  g_autoptr(GListModel) found = NULL;
  guint before = count_members (fixture->store);

  /* A dry run says what would happen, and changes nothing */
  report = import (fixture->store, EXCEL_FILE, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_added, ==, 3);
  g_assert_cmpuint (count_members (fixture->store), ==, before);
  g_clear_pointer (&report, cercle_import_report_free);

  report = import (fixture->store, EXCEL_FILE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_added, ==, 3);
  g_assert_cmpuint (count_members (fixture->store), ==, before + 3);
  g_clear_pointer (&report, cercle_import_report_free);

  found = cercle_store_search_members (fixture->store, "œuvres", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);

  /* The same file again: matched on e-mail, nobody twice */
  report = import (fixture->store, EXCEL_FILE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_added, ==, 0);
  g_assert_cmpuint (report->n_updated, ==, 0);
  g_assert_cmpuint (report->n_unchanged, ==, 3);
  g_assert_cmpuint (count_members (fixture->store), ==, before + 3);
  g_clear_pointer (&report, cercle_import_report_free);

  /* A member moved: updated, still once */
  report = import (fixture->store,
                   "Nom;Prénom;E-mail;Ville\r\nDupré;Anaïs;ANAIS@dupre.fr;Lyon\r\n",
                   FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_updated, ==, 1);
  g_assert_cmpuint (count_members (fixture->store), ==, before + 3);
  g_clear_pointer (&report, cercle_import_report_free);

  /* Rows that cannot be read are named with their line, and nothing of
   * the file is written, the good rows included */
  report = import (fixture->store,
                   "Nom;Prénom;E-mail;Téléphone;Statut\r\n"
                   "Neuf;Nadia;nadia@neuf.fr;;actif\r\n"
                   "Faux;Fabien;fabien chez faux;;\r\n"
                   "Deux;Denis;nadia@neuf.fr;;\r\n"
                   "Tel;Théo;theo@tel.fr;12 34;\r\n"
                   ";;sans@nom.fr;;\r\n"
                   "Trop;Tom;tom@trop.fr;;actif;en trop\r\n"
                   "Statut;Sam;sam@statut.fr;;président\r\n",
                   FALSE, &error);
  g_assert_error (error, CERCLE_CSV_ERROR, CERCLE_CSV_ERROR_REJECTED);
  g_assert_cmpuint (report->rejected->len, ==, 6);
  g_assert_true (g_str_has_prefix (report->rejected->pdata[0], "Line 3: "));
  g_assert_nonnull (strstr (report->rejected->pdata[1], "line 2"));
  g_assert_true (g_str_has_prefix (report->rejected->pdata[2], "Line 5: "));
  g_assert_true (g_str_has_prefix (report->rejected->pdata[3], "Line 6: "));
  g_assert_true (g_str_has_prefix (report->rejected->pdata[4], "Line 7: "));
  g_assert_true (g_str_has_prefix (report->rejected->pdata[5], "Line 8: "));
  g_assert_cmpuint (count_members (fixture->store), ==, before + 3);
}

static void
test_import_ten_thousand (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GString) csv = g_string_new ("Prénom;Nom;Société;E-mail;Ville;Secteur\r\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleImportReport) report = NULL;
  guint before = count_members (fixture->store);

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (csv, "Membre;Numéro %u;Société %u;membre%u@exemple.fr;Lyon;Conseil\r\n", i, i % 97, i);

  report = import (fixture->store, csv->str, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_added, ==, 10000);
  g_assert_cmpuint (count_members (fixture->store), ==, before + 10000);
}

/* Fields a member keeps private are not in another member's export */
static void
test_export_privacy (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(CercleMember) secret = g_object_new (CERCLE_TYPE_MEMBER,
                                                 "first-name", "Sofia", "last-name", "Secret",
                                                 "email", "sofia@secret.fr", "phone", "+33 6 00 00 00 01",
                                                 "private-fields", "email,phone", NULL);
  g_autoptr(CercleMember) plain = g_object_new (CERCLE_TYPE_MEMBER,
                                                "first-name", "Paul", "last-name", "Public",
                                                "email", "paul@public.fr", NULL);
  CercleRecord *records[] = { CERCLE_RECORD (secret), CERCLE_RECORD (plain) };
  g_autoptr(GError) error = NULL;

  g_assert_true (cercle_store_save_all (fixture->store, records, 2, CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);

  for (guint as_member = 0; as_member < 2; as_member++)
    {
      g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
      g_autofree char *text = NULL;

      if (as_member)
        {
          g_assert_true (cercle_store_set_local_member (fixture->store,
                                                        cercle_record_get_id (CERCLE_RECORD (plain)), &error));
          g_assert_no_error (error);
        }

      g_assert_true (cercle_store_export_members_csv (fixture->store, NULL, output, NULL, &error));
      g_assert_no_error (error);
      g_output_stream_close (output, NULL, NULL);
      text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)),
                        g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)));

      g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf"));
      g_assert_nonnull (strstr (text, "\"Secret\""));
      g_assert_nonnull (strstr (text, "paul@public.fr"));
      if (as_member)
        {
          g_assert_null (strstr (text, "sofia@secret.fr"));
          g_assert_null (strstr (text, "00 00 00 01"));
        }
      else
        g_assert_nonnull (strstr (text, "sofia@secret.fr"));
    }
}

static void
test_validate (void)
{
  static const char *good_emails[] = { "helene@exemple.fr", "h.lefevre+club@sous.domaine.fr", "zoé@société.fr" };
  static const char *bad_emails[] = { "", "helene", "helene@", "@exemple.fr", "a b@c.fr", "a@b", "a@b@c.fr", "a@-b.fr" };
  static const struct { const char *typed; const char *e164; } phones[] = {
    { "06 12 34 56 78", "+33612345678" },
    { "04.72.00.00.00", "+33472000000" },
    { "+33 6 12 34 56 78", "+33612345678" },
    { "+33 (0)6 12 34 56 78", "+33612345678" },
    { "0033 6 12 34 56 78", "+33612345678" },
    { "+44 20 7946 0958", "+442079460958" },
    { "06\u00a012\u202f34 56 78", "+33612345678" },
  };
  static const char *bad_phones[] = { "12 34", "06 12 34 56", "+33 6 12 34 56 78 90", "06 12 AB 56 78", "0012", "+0 12 34 56 78" };
  g_autofree char *url = NULL;
  g_autofree char *siret = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good_emails); i++)
    {
      g_assert_true (cercle_validate_email (good_emails[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_emails); i++)
    {
      g_assert_false (cercle_validate_email (bad_emails[i], &error));
      g_assert_error (error, CERCLE_VALIDATE_ERROR, CERCLE_VALIDATE_ERROR_INVALID);
      g_clear_error (&error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autofree char *e164 = cercle_validate_phone (phones[i].typed, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (e164, ==, phones[i].e164);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_phones); i++)
    {
      g_autofree char *e164 = cercle_validate_phone (bad_phones[i], &error);

      if (e164 != NULL)
        g_error ("“%s” was taken as %s", bad_phones[i], e164);
      g_assert_error (error, CERCLE_VALIDATE_ERROR, CERCLE_VALIDATE_ERROR_INVALID);
      g_clear_error (&error);
    }

  url = cercle_validate_url ("www.exemple.fr", &error);
  g_assert_cmpstr (url, ==, "https://www.exemple.fr");
  g_clear_pointer (&url, g_free);
  url = cercle_validate_url ("http://exemple.fr/chemin?x=1", &error);
  g_assert_cmpstr (url, ==, "http://exemple.fr/chemin?x=1");
  g_clear_pointer (&url, g_free);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      const char *bad[] = { "ftp://exemple.fr", "exemple", "www exemple.fr", "https://" };

      url = cercle_validate_url (bad[i], &error);
      g_assert_null (url);
      g_assert_error (error, CERCLE_VALIDATE_ERROR, CERCLE_VALIDATE_ERROR_INVALID);
      g_clear_error (&error);
    }

  /* The SIRET's last digit checks the others (Luhn) */
  siret = cercle_validate_siret ("732 829 320 00074", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (siret, ==, "73282932000074");
  g_clear_pointer (&siret, g_free);
  siret = cercle_validate_siret ("73282932000075", &error);
  g_assert_null (siret);
  g_assert_error (error, CERCLE_VALIDATE_ERROR, CERCLE_VALIDATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "check digit"));
  g_clear_error (&error);
  siret = cercle_validate_siret ("7328293200007", &error);
  g_assert_null (siret);
  g_assert_nonnull (strstr (error->message, "14 digits"));
  g_clear_error (&error);
  siret = cercle_validate_siret ("7328293200007A", &error);
  g_assert_null (siret);
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/members-io/csv-excel", test_csv_excel);
  g_test_add_func ("/cercle/members-io/csv-utf8-and-separators", test_csv_utf8_and_separators);
  g_test_add_func ("/cercle/members-io/csv-bad-input", test_csv_bad_input);
  g_test_add ("/cercle/members-io/import-all-or-nothing", Fixture, NULL,
              fixture_set_up, test_import_all_or_nothing, fixture_tear_down);
  g_test_add ("/cercle/members-io/import-ten-thousand", Fixture, NULL,
              fixture_set_up, test_import_ten_thousand, fixture_tear_down);
  g_test_add ("/cercle/members-io/export-privacy", Fixture, NULL,
              fixture_set_up, test_export_privacy, fixture_tear_down);
  g_test_add_func ("/cercle/members-io/validate", test_validate);

  return g_test_run ();
}
