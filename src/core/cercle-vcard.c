/* cercle-vcard.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-vcard"

#include "config.h"

#include <string.h>

#include "cercle-vcard.h"
#include "cercle-visibility.h"

/* A member's business card as vCard 4.0 (RFC 6350): what a badge's QR code
 * carries and what the member directory exports. Fields the member marked
 * private stay out, whoever asks: a card is handed to people outside the
 * club. Whether a card may be made at all (the member's QR consent) is the
 * caller's decision. */

/* RFC 6350 §3.2: lines longer than 75 octets are folded with CRLF and one
 * space; never inside a UTF-8 sequence, which would break the text for
 * readers that unfold byte by byte. */
#define MAX_LINE_OCTETS 75

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/**
 * cercle_vcard_escape_text:
 *
 * Escapes a text value or a component of a structured value (RFC 6350
 * §3.4): backslash, comma and semicolon get a backslash, a line break
 * becomes "\n". Other control characters have no place on a card and
 * become spaces.
 */
char *
cercle_vcard_escape_text (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 8);

  for (const char *p = text; *p; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case '\r':
          if (p[1] == '\n')
            p++;
          G_GNUC_FALLTHROUGH;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          if ((guchar) *p < 0x20 || *p == 0x7f)
            g_string_append_c (out, ' ');
          else
            g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

static void
append_folded (GString    *out,
               const char *line)
{
  const char *p = line;
  gsize room = MAX_LINE_OCTETS;

  while (*p)
    {
      const char *next = g_utf8_next_char (p);
      gsize len = next - p;

      if (len > room)
        {
          g_string_append (out, "\r\n ");
          /* the leading space of a continuation line counts */
          room = MAX_LINE_OCTETS - 1;
        }

      g_string_append_len (out, p, len);
      room -= len;
      p = next;
    }

  g_string_append (out, "\r\n");
}

static void
append_property (GString    *out,
                 const char *name,
                 const char *value)
{
  g_autofree char *escaped = cercle_vcard_escape_text (value);
  g_autofree char *line = g_strconcat (name, ":", escaped, NULL);

  append_folded (out, line);
}

/* A URI value is not text: it is not escaped, but it must be one line. */
static void
append_uri (GString    *out,
            const char *name,
            const char *uri)
{
  g_autofree char *line = NULL;

  if (strpbrk (uri, "\r\n") != NULL)
    return;

  line = g_strconcat (name, ":", uri, NULL);
  append_folded (out, line);
}

static char *
dup_valid_utf8 (const char *text)
{
  if (text == NULL)
    return g_strdup ("");

  return g_utf8_make_valid (text, -1);
}

/**
 * cercle_vcard_from_member:
 *
 * Returns: (transfer full): the member's card as vCard 4.0 text, lines
 *   ending in CRLF
 */
char *
cercle_vcard_from_member (CercleMember *member)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *full = NULL;
  g_autofree char *n_value = NULL;
  g_autofree char *first_escaped = NULL;
  g_autofree char *last_escaped = NULL;
  const char *company;
  const char *job_title;
  const char *email;
  const char *phone;
  const char *website;
  const char *city;

  g_return_val_if_fail (CERCLE_IS_MEMBER (member), NULL);

  first = g_strstrip (dup_valid_utf8 (cercle_member_get_first_name (member)));
  last = g_strstrip (dup_valid_utf8 (cercle_member_get_last_name (member)));

  if (*first != '\0' && *last != '\0')
    full = g_strconcat (first, " ", last, NULL);
  else
    full = g_strconcat (first, last, NULL);

  g_string_append (out, "BEGIN:VCARD\r\n");
  g_string_append (out, "VERSION:4.0\r\n");
  g_string_append (out, "KIND:individual\r\n");

  /* FN is the one property a card must have */
  append_property (out, "FN", full);

  /* N is structured: family;given;additional;prefixes;suffixes */
  last_escaped = cercle_vcard_escape_text (last);
  first_escaped = cercle_vcard_escape_text (first);
  n_value = g_strdup_printf ("N:%s;%s;;;", last_escaped, first_escaped);
  append_folded (out, n_value);

  company = cercle_member_get_company (member);
  if (has_text (company) && !cercle_visibility_is_field_private (member, "company"))
    {
      g_autofree char *valid = dup_valid_utf8 (company);

      append_property (out, "ORG", valid);
    }

  job_title = cercle_member_get_job_title (member);
  if (has_text (job_title) && !cercle_visibility_is_field_private (member, "job_title"))
    {
      g_autofree char *valid = dup_valid_utf8 (job_title);

      append_property (out, "TITLE", valid);
    }

  email = cercle_member_get_email (member);
  if (has_text (email) && !cercle_visibility_is_field_private (member, "email"))
    {
      g_autofree char *valid = dup_valid_utf8 (email);

      append_property (out, "EMAIL;TYPE=work", valid);
    }

  /* A phone number as members type it ("06 12 34 56 78") is text: RFC 6350
   * allows it, and a tel: URI would need the country we do not know. */
  phone = cercle_member_get_phone (member);
  if (has_text (phone) && !cercle_visibility_is_field_private (member, "phone"))
    {
      g_autofree char *valid = dup_valid_utf8 (phone);

      append_property (out, "TEL;TYPE=work;VALUE=text", valid);
    }

  website = cercle_member_get_website (member);
  if (has_text (website) && !cercle_visibility_is_field_private (member, "website"))
    {
      g_autofree char *valid = dup_valid_utf8 (website);

      if (strstr (valid, "://") == NULL)
        {
          g_autofree char *uri = g_strconcat ("https://", valid, NULL);

          append_uri (out, "URL", uri);
        }
      else
        append_uri (out, "URL", valid);
    }

  city = cercle_member_get_city (member);
  if (has_text (city) && !cercle_visibility_is_field_private (member, "city"))
    {
      g_autofree char *valid = dup_valid_utf8 (city);
      g_autofree char *escaped = cercle_vcard_escape_text (valid);
      /* ADR: box;extended;street;locality;region;code;country */
      g_autofree char *adr = g_strdup_printf ("ADR;TYPE=work:;;;%s;;;", escaped);

      append_folded (out, adr);
    }

  g_string_append (out, "END:VCARD\r\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
