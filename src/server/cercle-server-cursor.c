/* cercle-server-cursor.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-cursor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-server-cursor.h"

/* Where a client stands in a club's changes: the last seq it has, and the
 * epoch of the database that numbered it. Clients keep it as an opaque
 * text; a cursor of another epoch (a database restored or replaced) means
 * their copy no longer matches, and they must start again. It reads as
 * base64url of "1:EPOCH:SEQ". */

#define EPOCH_LENGTH 32

char *
cercle_server_cursor_encode (const char *epoch,
                             gint64      seq)
{
  g_autofree char *plain = NULL;
  char *encoded;

  g_return_val_if_fail (epoch != NULL, NULL);
  g_return_val_if_fail (seq >= 0, NULL);

  plain = g_strdup_printf ("1:%s:%" G_GINT64_FORMAT, epoch, seq);
  encoded = g_base64_encode ((const guchar *)plain, strlen (plain));

  /* URL-safe, without padding: it travels in a query string */
  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  for (char *end = encoded + strlen (encoded); end > encoded && end[-1] == '='; end--)
    end[-1] = '\0';

  return encoded;
}

static gboolean
invalid (GError **error)
{
  g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
                       _("The cursor is not valid."));
  return FALSE;
}

static gboolean
is_hex_epoch (const char *text,
              gsize       length)
{
  if (length != EPOCH_LENGTH)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;

  return TRUE;
}

/**
 * cercle_server_cursor_decode:
 * @cursor: (nullable): a cursor from a client; %NULL or "" for the start
 * @epoch: the database's epoch now
 * @seq: (out): the seq the client has
 *
 * Returns: whether @cursor is valid for this database; %FALSE with
 *   %CERCLE_SERVER_ERROR_GONE for a cursor of another epoch, or
 *   %CERCLE_SERVER_ERROR_INVALID for anything else
 */
gboolean
cercle_server_cursor_decode (const char  *cursor,
                             const char  *epoch,
                             gint64      *seq,
                             GError     **error)
{
  g_autofree char *padded = NULL;
  g_autofree guchar *plain = NULL;
  const char *epoch_start;
  const char *seq_start;
  gsize length;
  gsize plain_length = 0;
  guint64 number = 0;

  g_return_val_if_fail (epoch != NULL, FALSE);
  g_return_val_if_fail (seq != NULL, FALSE);

  *seq = 0;

  if (cursor == NULL || *cursor == '\0')
    return TRUE;

  length = strnlen (cursor, CERCLE_SERVER_CURSOR_MAX_LENGTH + 1);
  if (length > CERCLE_SERVER_CURSOR_MAX_LENGTH || length % 4 == 1)
    return invalid (error);

  /* GLib's decoder skips what is not base64: check every character first */
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (cursor[i]) && cursor[i] != '-' && cursor[i] != '_')
      return invalid (error);

  padded = g_malloc0 (length + 4);
  memcpy (padded, cursor, length);
  for (gsize i = length; i % 4 != 0; i++)
    padded[i] = '=';
  g_strdelimit (padded, "-", '+');
  g_strdelimit (padded, "_", '/');

  plain = g_base64_decode (padded, &plain_length);
  if (plain == NULL || plain_length < 5 || memchr (plain, '\0', plain_length) != NULL)
    return invalid (error);

  /* NUL-terminate what the decoder made, which has room: it is shorter */
  plain = g_realloc (plain, plain_length + 1);
  plain[plain_length] = '\0';

  if (!g_str_has_prefix ((const char *)plain, "1:"))
    return invalid (error);

  epoch_start = (const char *)plain + 2;
  seq_start = strchr (epoch_start, ':');
  if (seq_start == NULL || !is_hex_epoch (epoch_start, (gsize)(seq_start - epoch_start)))
    return invalid (error);
  seq_start++;

  /* Digits only, no sign, no leading zero, within gint64 */
  if (*seq_start == '\0' || strlen (seq_start) > 19 ||
      (seq_start[0] == '0' && seq_start[1] != '\0'))
    return invalid (error);
  for (const char *p = seq_start; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return invalid (error);
      number = number * 10 + (guint64)(*p - '0');
    }
  if (number > G_MAXINT64)
    return invalid (error);

  if (strncmp (epoch_start, epoch, EPOCH_LENGTH) != 0 || strlen (epoch) != EPOCH_LENGTH)
    {
      g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_GONE,
                           _("The server’s database was restored or replaced; sync again from the start."));
      return FALSE;
    }

  *seq = (gint64)number;
  return TRUE;
}
