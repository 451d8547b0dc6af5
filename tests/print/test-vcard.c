/* test-vcard.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cercle-core.h"
#include "cercle-vcard.h"

static CercleMember *
make_member (void)
{
  return g_object_new (CERCLE_TYPE_MEMBER,
                       "first-name", "Hélène",
                       "last-name", "Dupré, dite \"la Boss\"; ou pas",
                       "company", "Boulangerie Dupré & Fils\\Filles",
                       "job-title", "Gérante\nfondatrice",
                       "email", "helene@dupre.exemple.fr",
                       "phone", "06 12 34 56 78",
                       "website", "dupre.exemple.fr",
                       "city", "Lyon",
                       "qr-consent", TRUE,
                       NULL);
}

static GPtrArray *
unfold (const char *vcard)
{
  g_auto(GStrv) lines = NULL;
  GPtrArray *logical = g_ptr_array_new_with_free_func (g_free);

  /* every line ends with CRLF, the text ends with one */
  g_assert_true (g_str_has_suffix (vcard, "\r\n"));
  lines = g_strsplit (vcard, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
      /* 75 octets at most, whole UTF-8 characters */
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));

      if (lines[i][0] == ' ')
        {
          char *joined;

          g_assert_cmpuint (logical->len, >, 0);
          joined = g_strconcat (logical->pdata[logical->len - 1], lines[i] + 1, NULL);
          g_free (logical->pdata[logical->len - 1]);
          logical->pdata[logical->len - 1] = joined;
        }
      else
        g_ptr_array_add (logical, g_strdup (lines[i]));
    }

  return logical;
}

static gboolean
has_line (GPtrArray  *lines,
          const char *line)
{
  for (guint i = 0; i < lines->len; i++)
    if (g_str_equal (lines->pdata[i], line))
      return TRUE;

  return FALSE;
}

static void
test_escaping (void)
{
  g_autoptr(CercleMember) member = make_member ();
  g_autofree char *vcard = cercle_vcard_from_member (member);
  g_autoptr(GPtrArray) lines = unfold (vcard);

  g_assert_cmpstr (lines->pdata[0], ==, "BEGIN:VCARD");
  g_assert_cmpstr (lines->pdata[1], ==, "VERSION:4.0");
  g_assert_cmpstr (lines->pdata[lines->len - 1], ==, "END:VCARD");
  g_assert_true (has_line (lines, "FN:Hélène Dupré\\, dite \"la Boss\"\\; ou pas"));
  g_assert_true (has_line (lines, "N:Dupré\\, dite \"la Boss\"\\; ou pas;Hélène;;;"));
  g_assert_true (has_line (lines, "ORG:Boulangerie Dupré & Fils\\\\Filles"));
  g_assert_true (has_line (lines, "TITLE:Gérante\\nfondatrice"));
  g_assert_true (has_line (lines, "EMAIL;TYPE=work:helene@dupre.exemple.fr"));
  g_assert_true (has_line (lines, "TEL;TYPE=work;VALUE=text:06 12 34 56 78"));
  g_assert_true (has_line (lines, "URL:https://dupre.exemple.fr"));
  g_assert_true (has_line (lines, "ADR;TYPE=work:;;;Lyon;;;"));
}

static void
test_folding (void)
{
  g_autoptr(GString) company = g_string_new (NULL);
  g_autoptr(CercleMember) member = NULL;
  g_autofree char *vcard = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  /* two-byte and three-byte characters across every fold */
  for (guint i = 0; i < 40; i++)
    g_string_append (company, i % 2 ? "é" : "北a");

  member = g_object_new (CERCLE_TYPE_MEMBER,
                         "first-name", "A", "last-name", "B", "company", company->str, NULL);
  vcard = cercle_vcard_from_member (member);
  lines = unfold (vcard);
  expected = g_strconcat ("ORG:", company->str, NULL);
  g_assert_true (has_line (lines, expected));
}

static void
test_private_fields (void)
{
  g_autoptr(CercleMember) member = make_member ();
  g_autofree char *vcard = NULL;

  g_object_set (member, "private-fields", "phone, email", NULL);
  vcard = cercle_vcard_from_member (member);

  g_assert_null (strstr (vcard, "TEL"));
  g_assert_null (strstr (vcard, "EMAIL"));
  g_assert_nonnull (strstr (vcard, "ORG:"));
}

static void
test_minimal (void)
{
  g_autoptr(CercleMember) member = g_object_new (CERCLE_TYPE_MEMBER, "last-name", "Seul", NULL);
  g_autofree char *vcard = cercle_vcard_from_member (member);

  g_assert_cmpstr (vcard, ==,
                   "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:individual\r\nFN:Seul\r\nN:Seul;;;;\r\n"
                   "END:VCARD\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/vcard/escaping", test_escaping);
  g_test_add_func ("/cercle/vcard/folding", test_folding);
  g_test_add_func ("/cercle/vcard/private-fields", test_private_fields);
  g_test_add_func ("/cercle/vcard/minimal", test_minimal);

  return g_test_run ();
}
