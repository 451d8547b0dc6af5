/* cercle-json.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CERCLE_JSON_ERROR (cercle_json_error_quark ())

/* What was wrong with a JSON document that came from outside: a request to
 * the server, a server's answer, a row of the outbox. */
typedef enum
{
  CERCLE_JSON_ERROR_MALFORMED,
  CERCLE_JSON_ERROR_TOO_DEEP,
  CERCLE_JSON_ERROR_MISSING,
  CERCLE_JSON_ERROR_WRONG_TYPE,
  CERCLE_JSON_ERROR_OUT_OF_RANGE,
  CERCLE_JSON_ERROR_UNKNOWN_ENTITY,
  CERCLE_JSON_ERROR_UNKNOWN_FIELD,
  CERCLE_JSON_ERROR_INVALID,
} CercleJsonError;

typedef enum
{
  CERCLE_JSON_REQUIRED = 0,
  CERCLE_JSON_OPTIONAL = 1 << 0, /* a missing member reads as the default */
  CERCLE_JSON_NULLABLE = 1 << 1, /* null reads as the default */
} CercleJsonFlags;

/* Deep enough for every document of the protocol, shallow enough that a
 * hostile one cannot exhaust the stack of a recursive parser. */
#define CERCLE_JSON_MAX_DEPTH 32

GQuark     cercle_json_error_quark   (void);

JsonNode  *cercle_json_parse         (const char       *data,
                                      gssize            length,
                                      guint             max_depth,
                                      GError          **error);
JsonObject *cercle_json_parse_object (const char       *data,
                                      gssize            length,
                                      guint             max_depth,
                                      GError          **error);
char      *cercle_json_to_string     (JsonNode         *node);
char      *cercle_json_object_to_string (JsonObject    *object);

gboolean   cercle_json_out_of_range  (const char       *member,
                                      gint64            min,
                                      gint64            max,
                                      GError          **error);

gboolean   cercle_json_get_string    (JsonObject       *object,
                                      const char       *member,
                                      CercleJsonFlags   flags,
                                      const char      **value,
                                      GError          **error);
gboolean   cercle_json_get_int       (JsonObject       *object,
                                      const char       *member,
                                      CercleJsonFlags   flags,
                                      gint64            min,
                                      gint64            max,
                                      gint64           *value,
                                      GError          **error);
gboolean   cercle_json_get_boolean   (JsonObject       *object,
                                      const char       *member,
                                      CercleJsonFlags   flags,
                                      gboolean         *value,
                                      GError          **error);
gboolean   cercle_json_get_object    (JsonObject       *object,
                                      const char       *member,
                                      CercleJsonFlags   flags,
                                      JsonObject      **value,
                                      GError          **error);
gboolean   cercle_json_get_array     (JsonObject       *object,
                                      const char       *member,
                                      CercleJsonFlags   flags,
                                      JsonArray       **value,
                                      GError          **error);

G_END_DECLS
