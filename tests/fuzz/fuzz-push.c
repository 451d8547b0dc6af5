/* fuzz-push.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cercle-server-protocol.h"
#include "fuzz-common.h"

/* A push body, as any client may send it: decoded whole or refused with
 * a reason, never a crash or a critical. What decodes, encodes back and
 * decodes again to the same mutations. */

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleServerPush) push = NULL;

  fuzz_init ();

  push = cercle_server_push_decode ((const char *)data, size, &error);
  if (push == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  for (guint i = 0; i < push->mutations->len; i++)
    {
      const CercleMutation *mutation = g_ptr_array_index (push->mutations, i);
      g_autoptr(JsonObject) json = cercle_mutation_to_json (mutation);
      g_autoptr(CercleMutation) again = cercle_mutation_from_json (json, &error);

      g_assert_no_error (error);
      g_assert_cmpint (again->mutation_no, ==, mutation->mutation_no);
      g_assert_cmpuint (cercle_mutation_get_n_changes (again), ==, cercle_mutation_get_n_changes (mutation));
    }

  return 0;
}
