/* fuzz-cursor.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cercle-server-cursor.h"
#include "fuzz-common.h"

/* Any text as a cursor: valid for this epoch, gone, or invalid, and a
 * valid one encodes back to itself. */

#define EPOCH "0123456789abcdef0123456789abcdef"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autoptr(GError) error = NULL;
  gint64 seq = -1;

  fuzz_init ();

  if (cercle_server_cursor_decode (text, EPOCH, &seq, &error))
    {
      g_autofree char *again = NULL;
      gint64 seq_again = -1;

      g_assert_no_error (error);
      g_assert_cmpint (seq, >=, 0);
      if (*text == '\0')
        return 0;

      again = cercle_server_cursor_encode (EPOCH, seq);
      g_assert_true (cercle_server_cursor_decode (again, EPOCH, &seq_again, NULL));
      g_assert_cmpint (seq_again, ==, seq);
    }
  else
    g_assert_true (g_error_matches (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID) ||
                   g_error_matches (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_GONE));

  return 0;
}
