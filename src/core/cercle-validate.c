/* cercle-validate.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-validate"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-validate.h"

/* What a profile's contact fields must look like, for the editor's inline
 * messages and for imports: the same verdict and the same sentence in
 * both. Each check takes what a person typed, spaces and all, and the
 * ones that have a canonical form return it. */

G_DEFINE_QUARK (cercle-validate-error-quark, cercle_validate_error)

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, CERCLE_VALIDATE_ERROR, CERCLE_VALIDATE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
is_domain (const char *domain)
{
  g_auto(GStrv) labels = NULL;
  guint n;

  if (domain == NULL || *domain == '\0' || strlen (domain) > 253)
    return FALSE;

  labels = g_strsplit (domain, ".", -1);
  n = g_strv_length (labels);
  if (n < 2)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const char *label = labels[i];
      gsize len = strlen (label);

      if (len == 0 || len > 63 || label[0] == '-' || label[len - 1] == '-')
        return FALSE;

      for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          /* Accented domains (IDN) are fine: "société.fr" */
          if (c != '-' && !g_unichar_isalnum (c))
            return FALSE;
        }
    }

  /* The last label is a top-level domain: letters only */
  for (const char *p = labels[n - 1]; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isalpha (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/**
 * cercle_validate_email:
 *
 * Returns: whether @text is an e-mail address ("nom@societe.fr"); %FALSE
 *   with @error set to a sentence for the user otherwise
 */
gboolean
cercle_validate_email (const char  *text,
                       GError     **error)
{
  g_autofree char *trimmed = NULL;
  const char *at;

  g_return_val_if_fail (text != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  at = strchr (trimmed, '@');

  if (at == NULL || at == trimmed || strchr (at + 1, '@') != NULL)
    return invalid (error, _("An e-mail address looks like name@company.fr."));

  for (const char *p = trimmed; p < at; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>' || *p == '"')
      return invalid (error, _("An e-mail address has no spaces, commas or quotes."));

  if (!is_domain (at + 1))
    return invalid (error, _("The part after “@” must be a domain, such as company.fr."));

  return TRUE;
}

/**
 * cercle_validate_phone:
 *
 * Accepts French numbers as the French write them ("06 12 34 56 78",
 * "04.72.00.00.00") and international ones with their "+" or "00"
 * prefix.
 *
 * Returns: (transfer full): the number in E.164 ("+33612345678"), or
 *   %NULL with @error set
 */
char *
cercle_validate_phone (const char  *text,
                       GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean plus = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      invalid (error, _("A phone number has only digits, spaces and a leading “+”."));
      return NULL;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 128 && g_ascii_isdigit (c))
        g_string_append_c (digits, (char)c);
      else if (c == '+' && digits->len == 0 && !plus)
        plus = TRUE;
      else if (g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR ||
               c == '.' || c == '-' || c == '(' || c == ')' || c == '/')
        /* separators, no-break spaces included */
        continue;
      else
        {
          invalid (error, _("A phone number has only digits, spaces and a leading “+”."));
          return NULL;
        }
    }

  if (!plus && g_str_has_prefix (digits->str, "00"))
    {
      g_string_erase (digits, 0, 2);
      plus = TRUE;
    }

  if (!plus)
    {
      /* A French number: ten digits starting with 0 */
      if (digits->len != 10 || digits->str[0] != '0' || digits->str[1] == '0')
        {
          invalid (error, _("A French phone number has ten digits, such as 06 12 34 56 78; "
                            "start others with “+” and the country code."));
          return NULL;
        }
      g_string_erase (digits, 0, 1);
      g_string_prepend (digits, "33");
    }
  else if (g_str_has_prefix (digits->str, "330"))
    /* "+33 (0)6 12 34 56 78" */
    g_string_erase (digits, 2, 1);

  /* E.164: a country code that does not start with 0, at most 15 digits */
  if (digits->len < 8 || digits->len > 15 || digits->str[0] == '0' ||
      (g_str_has_prefix (digits->str, "33") && digits->len != 11))
    {
      invalid (error, _("This phone number has too few or too many digits."));
      return NULL;
    }

  g_string_prepend_c (digits, '+');

  return g_string_free (g_steal_pointer (&digits), FALSE);
}

/**
 * cercle_validate_url:
 *
 * Accepts a web address with or without its "https://".
 *
 * Returns: (transfer full): the address with its scheme, or %NULL with
 *   @error set
 */
char *
cercle_validate_url (const char  *text,
                     GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  scheme = g_uri_peek_scheme (trimmed);

  if (scheme == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else if (g_str_equal (scheme, "http") || g_str_equal (scheme, "https"))
    with_scheme = g_strdup (trimmed);
  else
    {
      invalid (error, _("A website address starts with https:// or with its name, such as www.company.fr."));
      return NULL;
    }

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || strchr (trimmed, ' ') != NULL || !is_domain (g_uri_get_host (uri)))
    {
      invalid (error, _("This is not a website address, such as www.company.fr."));
      return NULL;
    }

  return g_steal_pointer (&with_scheme);
}

/**
 * cercle_validate_siret:
 *
 * A SIRET is 14 digits, the SIREN of the company and the number of its
 * establishment, whose sum passes the Luhn check (La Poste's
 * establishments have a rule of their own).
 *
 * Returns: (transfer full): the 14 digits without spaces, or %NULL with
 *   @error set
 */
char *
cercle_validate_siret (const char  *text,
                       GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  int sum = 0;

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '.' && *p != '-')
        {
          invalid (error, _("A SIRET number has only digits."));
          return NULL;
        }
    }

  if (digits->len != 14)
    {
      invalid (error, _("A SIRET number has 14 digits."));
      return NULL;
    }

  /* La Poste (SIREN 356 000 000): the digits add up to a multiple of 5 */
  if (g_str_has_prefix (digits->str, "356000000"))
    {
      for (guint i = 0; i < 14; i++)
        sum += digits->str[i] - '0';
      if (sum % 5 == 0)
        return g_string_free (g_steal_pointer (&digits), FALSE);
    }

  sum = 0;
  for (guint i = 0; i < 14; i++)
    {
      int d = digits->str[13 - i] - '0';

      if (i % 2 == 1)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }

  if (sum % 10 != 0)
    {
      invalid (error, _("This SIRET number has a mistake: its check digit does not match."));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&digits), FALSE);
}
