/* cercle-json.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-json"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-json.h"

/* Small getters that say what is wrong with a document in a sentence of
 * ours and never print a critical: json-glib's own getters assume the
 * document has the expected shape, which nothing from outside promises. */

G_DEFINE_QUARK (cercle-json-error-quark, cercle_json_error)

static gboolean
not_json (GError **error)
{
  g_set_error_literal (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_MALFORMED,
                       _("The document is not valid JSON."));
  return FALSE;
}

/* json-glib parses recursively: measure the nesting first, on the raw
 * bytes, so that "[[[[…" a million deep costs a scan and not the stack.
 * The same scan refuses a second value after the first at the top
 * ("9{…}"), which json-glib 1.6 takes for valid and leaks. */
static gboolean
check_shape (const char  *data,
             gsize        length,
             guint        max_depth,
             GError     **error)
{
  gboolean in_string = FALSE;
  gboolean in_scalar = FALSE;
  gboolean top_done = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              if (depth == 0)
                top_done = TRUE;
            }
          continue;
        }

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          if (in_scalar)
            top_done = TRUE;
          in_scalar = FALSE;
          continue;
        }

      if (depth == 0 && (top_done || (in_scalar && (c == '"' || c == '[' || c == '{'))))
        return not_json (error);

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            {
              g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_TOO_DEEP,
                           _("The document is nested more than %u levels deep."), max_depth);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        {
          if (--depth == 0)
            top_done = TRUE;
        }
      else if (depth == 0)
        in_scalar = TRUE;
    }

  return TRUE;
}

/**
 * cercle_json_parse:
 * @length: the length of @data, or -1 when it ends with a nul byte
 *
 * Parses a document from outside: valid UTF-8 with no nul byte, nested at
 * most @max_depth levels.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set
 */
JsonNode *
cercle_json_parse (const char  *data,
                   gssize       length,
                   guint        max_depth,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  size = length < 0 ? strlen (data) : (gsize)length;

  if (!g_utf8_validate_len (data, size, NULL))
    {
      g_set_error_literal (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_MALFORMED,
                           _("The document is not valid UTF-8 text."));
      return NULL;
    }

  if (!check_shape (data, size, max_depth, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize)size, &local_error))
    {
      g_debug ("JSON parse error: %s", local_error->message);
      g_set_error_literal (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_MALFORMED,
                           _("The document is not valid JSON."));
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_MALFORMED,
                           _("The document is empty."));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/**
 * cercle_json_parse_object:
 *
 * Returns: (transfer full): the document's root object, or %NULL with
 *   @error set when it is not an object
 */
JsonObject *
cercle_json_parse_object (const char  *data,
                          gssize       length,
                          guint        max_depth,
                          GError     **error)
{
  g_autoptr(JsonNode) root = cercle_json_parse (data, length, max_depth, error);

  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_WRONG_TYPE,
                           _("The document must be a JSON object."));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

char *
cercle_json_to_string (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  return json_to_string (node, FALSE);
}

char *
cercle_json_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/* Finds @member; FALSE with @error set when it is missing and required.
 * *node is NULL when the member is absent, or null and nullable: the
 * caller keeps its default then. */
static gboolean
lookup (JsonObject       *object,
        const char       *member,
        CercleJsonFlags   flags,
        JsonNode        **node,
        GError          **error)
{
  JsonNode *found;

  *node = NULL;

  found = object != NULL ? json_object_get_member (object, member) : NULL;
  if (found == NULL)
    {
      if (flags & CERCLE_JSON_OPTIONAL)
        return TRUE;

      g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_MISSING,
                   _("“%s” is missing."), member);
      return FALSE;
    }

  if (JSON_NODE_HOLDS_NULL (found) && (flags & CERCLE_JSON_NULLABLE))
    return TRUE;

  *node = found;
  return TRUE;
}

/**
 * cercle_json_out_of_range:
 *
 * Sets @error to say that @member must lie between @min and @max.
 *
 * Returns: %FALSE
 */
gboolean
cercle_json_out_of_range (const char  *member,
                          gint64       min,
                          gint64       max,
                          GError     **error)
{
  g_autofree char *min_text = g_strdup_printf ("%" G_GINT64_FORMAT, min);
  g_autofree char *max_text = g_strdup_printf ("%" G_GINT64_FORMAT, max);

  /* Translators: “temperature” must be between 1 and 5. */
  g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_OUT_OF_RANGE,
               _("“%s” must be between %s and %s."), member, min_text, max_text);
  return FALSE;
}

static gboolean
wrong_type (const char  *member,
            const char  *expected,
            GError     **error)
{
  /* Translators: the first %s is a field name, the second a kind of value
   * such as "a text" or "a whole number" */
  g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_WRONG_TYPE,
               _("“%s” must be %s."), member, expected);
  return FALSE;
}

gboolean
cercle_json_get_string (JsonObject       *object,
                        const char       *member,
                        CercleJsonFlags   flags,
                        const char      **value,
                        GError          **error)
{
  JsonNode *node;

  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!lookup (object, member, flags, &node, error))
    return FALSE;

  if (node == NULL)
    {
      *value = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (member, _("a text"), error);

  *value = json_node_get_string (node);
  return TRUE;
}

gboolean
cercle_json_get_int (JsonObject       *object,
                     const char       *member,
                     CercleJsonFlags   flags,
                     gint64            min,
                     gint64            max,
                     gint64           *value,
                     GError          **error)
{
  JsonNode *node;
  gint64 number;

  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (min <= max, FALSE);

  if (!lookup (object, member, flags, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return wrong_type (member, _("a whole number"), error);

  number = json_node_get_int (node);
  if (number < min || number > max)
    {
      return cercle_json_out_of_range (member, min, max, error);
    }

  *value = number;
  return TRUE;
}

gboolean
cercle_json_get_boolean (JsonObject       *object,
                         const char       *member,
                         CercleJsonFlags   flags,
                         gboolean         *value,
                         GError          **error)
{
  JsonNode *node;

  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!lookup (object, member, flags, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (member, _("true or false"), error);

  *value = json_node_get_boolean (node);
  return TRUE;
}

gboolean
cercle_json_get_object (JsonObject       *object,
                        const char       *member,
                        CercleJsonFlags   flags,
                        JsonObject      **value,
                        GError          **error)
{
  JsonNode *node;

  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!lookup (object, member, flags, &node, error))
    return FALSE;

  if (node == NULL)
    {
      *value = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (member, _("an object"), error);

  *value = json_node_get_object (node);
  return TRUE;
}

gboolean
cercle_json_get_array (JsonObject       *object,
                       const char       *member,
                       CercleJsonFlags   flags,
                       JsonArray       **value,
                       GError          **error)
{
  JsonNode *node;

  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!lookup (object, member, flags, &node, error))
    return FALSE;

  if (node == NULL)
    {
      *value = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (member, _("a list"), error);

  *value = json_node_get_array (node);
  return TRUE;
}
