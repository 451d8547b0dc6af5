/* fuzz-pull.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cercle-server-protocol.h"
#include "fuzz-common.h"

/* Both halves of a pull, from whoever sends them: the query string a
 * client sends the server, and the page a server sends a client, whose
 * rows the codec reads as the sync client does. */

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autoptr(CercleServerPullParams) params = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *rows = NULL;

  fuzz_init ();

  /* The query string: a NUL ends it, as it would in a URI */
  params = cercle_server_pull_params_parse (text, &error);
  g_assert_true (params != NULL || error != NULL);
  if (params != NULL)
    g_assert_cmpuint (params->limit, <=, CERCLE_SERVER_MAX_PULL_LIMIT);
  g_clear_error (&error);

  page = cercle_json_parse_object ((const char *)data, (gssize)size, CERCLE_JSON_MAX_DEPTH, &error);
  if (page == NULL)
    return 0;

  if (!cercle_json_get_array (page, "rows", CERCLE_JSON_REQUIRED, &rows, &error))
    return 0;

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      g_autoptr(CercleRecord) record = NULL;
      g_autoptr(GError) row_error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      record = cercle_codec_record_from_json (json_node_get_object (node), CERCLE_CODEC_IGNORE_UNKNOWN_FIELDS,
                                              &row_error);
      g_assert_true (record != NULL || row_error != NULL);

      /* A row that reads writes back as valid JSON */
      if (record != NULL)
        {
          g_autoptr(GString) out = g_string_new (NULL);
          g_autoptr(JsonNode) back = NULL;

          cercle_codec_write_record (out, record);
          back = cercle_json_parse (out->str, (gssize)out->len, CERCLE_JSON_MAX_DEPTH, &row_error);
          g_assert_no_error (row_error);
        }
    }

  return 0;
}
