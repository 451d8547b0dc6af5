/* cercle-server-protocol.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-protocol"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-server-protocol.h"

/* What clients send, read as hostile: every request body and query goes
 * through here before anything acts on it, and comes out whole and
 * checked, or as an error that names what is wrong. The values themselves
 * are checked by the codec, field by field. */

static const char * const mutation_members[] = {
  "mutation_no", "entity", "row_id", "op", "base_rev", "changes", NULL
};

static gboolean
check_members (JsonObject          *object,
               const char * const  *allowed,
               const char          *prefix,
               GError             **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    if (!g_strv_contains (allowed, name))
      {
        if (prefix != NULL)
          /* Translators: "Mutation 3: “foo” is not part of the protocol." */
          g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_UNKNOWN_FIELD,
                       _("%s: “%s” is not part of the protocol."), prefix, name);
        else
          g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_UNKNOWN_FIELD,
                       _("“%s” is not part of the protocol."), name);
        return FALSE;
      }

  return TRUE;
}

static gboolean
get_uuid (JsonObject   *object,
          const char   *member,
          char        **uuid,
          GError      **error)
{
  const char *text;

  if (!cercle_json_get_string (object, member, CERCLE_JSON_REQUIRED, &text, error))
    return FALSE;

  if (!g_uuid_string_is_valid (text))
    {
      g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_INVALID,
                   _("“%s” must be a UUID."), member);
      return FALSE;
    }

  *uuid = g_ascii_strdown (text, -1);
  return TRUE;
}

void
cercle_server_push_free (CercleServerPush *self)
{
  if (self == NULL)
    return;

  g_free (self->client_id);
  g_clear_pointer (&self->mutations, g_ptr_array_unref);
  g_free (self);
}

static CercleServerPush *
push_decode (const char  *body,
             gsize        length,
             GError     **error)
{
  static const char * const push_members[] = { "client_id", "mutations", NULL };
  g_autoptr(CercleServerPush) push = g_new0 (CercleServerPush, 1);
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_int64_hash, g_int64_equal);
  JsonArray *mutations;
  guint n_mutations;

  root = cercle_json_parse_object (body, (gssize)length, CERCLE_SERVER_MAX_DEPTH, error);
  if (root == NULL)
    return NULL;

  if (!check_members (root, push_members, NULL, error) ||
      !get_uuid (root, "client_id", &push->client_id, error) ||
      !cercle_json_get_array (root, "mutations", CERCLE_JSON_REQUIRED, &mutations, error))
    return NULL;

  n_mutations = json_array_get_length (mutations);
  if (n_mutations > CERCLE_SERVER_MAX_MUTATIONS)
    {
      g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_OUT_OF_RANGE,
                   _("A push carries at most %u mutations."), CERCLE_SERVER_MAX_MUTATIONS);
      return NULL;
    }

  push->mutations = g_ptr_array_new_full (n_mutations, (GDestroyNotify)cercle_mutation_free);

  for (guint i = 0; i < n_mutations; i++)
    {
      JsonNode *node = json_array_get_element (mutations, i);
      g_autofree char *prefix = g_strdup_printf (_("Mutation %u"), i + 1);
      CercleMutation *mutation;
      GError *local_error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_WRONG_TYPE,
                       _("%s must be an object."), prefix);
          return NULL;
        }

      if (!check_members (json_node_get_object (node), mutation_members, prefix, error))
        return NULL;

      mutation = cercle_mutation_from_json (json_node_get_object (node), &local_error);
      if (mutation == NULL)
        {
          /* Translators: "Mutation 3: “city” must be a text." */
          g_propagate_prefixed_error (error, local_error, _("%s: "), prefix);
          return NULL;
        }

      g_ptr_array_add (push->mutations, mutation);

      if (g_hash_table_contains (numbers, &mutation->mutation_no))
        {
          g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_INVALID,
                       _("%s: its mutation_no appears twice."), prefix);
          return NULL;
        }
      g_hash_table_add (numbers, &mutation->mutation_no);

      if (mutation->op == CERCLE_MUTATION_DELETE && cercle_mutation_get_n_changes (mutation) > 0)
        {
          g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_INVALID,
                       _("%s: a deletion carries no changes."), prefix);
          return NULL;
        }
    }

  return g_steal_pointer (&push);
}

/* Errors quote what the client sent (field names, values), and a JSON
 * escape may carry any byte: the message must stay UTF-8 all the same */
static void
make_message_valid (GError *error)
{
  if (error != NULL && !g_utf8_validate (error->message, -1, NULL))
    {
      char *valid = g_utf8_make_valid (error->message, -1);

      g_free (error->message);
      error->message = valid;
    }
}

/**
 * cercle_server_push_decode:
 * @body: the request's body, not nul-terminated
 *
 * Returns: (transfer full): the push, every mutation checked against its
 *   entity's fields, or %NULL with @error naming the first problem
 */
CercleServerPush *
cercle_server_push_decode (const char  *body,
                           gsize        length,
                           GError     **error)
{
  GError *local_error = NULL;
  CercleServerPush *push = push_decode (body, length, &local_error);

  make_message_valid (local_error);
  if (local_error != NULL)
    g_propagate_error (error, local_error);

  return push;
}

void
cercle_server_pull_params_free (CercleServerPullParams *self)
{
  if (self == NULL)
    return;

  g_free (self->cursor);
  g_free (self->client_id);
  g_free (self);
}

/**
 * cercle_server_pull_params_parse:
 * @query: (nullable): the query string of a pull, without "?"
 *
 * Returns: (transfer full): the cursor, the page size (the default when
 *   absent, at most %CERCLE_SERVER_MAX_PULL_LIMIT) and the client id, or
 *   %NULL with @error set
 */
CercleServerPullParams *
cercle_server_pull_params_parse (const char  *query,
                                 GError     **error)
{
  g_autoptr(CercleServerPullParams) params = g_new0 (CercleServerPullParams, 1);
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(GError) local_error = NULL;
  GHashTableIter iter;
  const char *name;
  const char *value;

  params->limit = CERCLE_SERVER_DEFAULT_PULL_LIMIT;

  if (query == NULL || *query == '\0')
    return g_steal_pointer (&params);

  if (!g_utf8_validate (query, -1, NULL) ||
      !(table = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, &local_error)))
    {
      g_set_error_literal (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_MALFORMED,
                           _("The query string is not valid."));
      return NULL;
    }

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, (gpointer *)&name, (gpointer *)&value))
    {
      if (!g_utf8_validate (value, -1, NULL) || !g_utf8_validate (name, -1, NULL))
        {
          g_set_error_literal (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_MALFORMED,
                               _("The query string is not valid."));
          return NULL;
        }

      if (g_str_equal (name, "cursor"))
        {
          params->cursor = g_strdup (value);
        }
      else if (g_str_equal (name, "limit"))
        {
          guint64 limit = 0;

          if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT32, &limit, NULL))
            {
              cercle_json_out_of_range ("limit", 1, G_MAXUINT32, error);
              return NULL;
            }
          params->limit = (guint)MIN (limit, CERCLE_SERVER_MAX_PULL_LIMIT);
        }
      else if (g_str_equal (name, "client_id"))
        {
          if (!g_uuid_string_is_valid (value))
            {
              g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_INVALID,
                           _("“%s” must be a UUID."), "client_id");
              return NULL;
            }
          params->client_id = g_ascii_strdown (value, -1);
        }
      else
        {
          g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_UNKNOWN_FIELD,
                       _("“%s” is not part of the protocol."), name);
          return NULL;
        }
    }

  return g_steal_pointer (&params);
}

void
cercle_server_login_free (CercleServerLogin *self)
{
  if (self == NULL)
    return;

  g_free (self->email);
  if (self->password != NULL)
    {
      /* What the user typed does not linger in freed memory */
      memset (self->password, 0, strlen (self->password));
      g_free (self->password);
    }
  g_free (self->device_name);
  g_free (self);
}

static gboolean
get_bounded_string (JsonObject   *object,
                    const char   *member,
                    gsize         max_chars,
                    gboolean      required,
                    char        **value,
                    GError      **error)
{
  const char *text = NULL;

  if (!cercle_json_get_string (object, member, required ? CERCLE_JSON_REQUIRED : CERCLE_JSON_OPTIONAL,
                               &text, error))
    return FALSE;

  if (text == NULL)
    return TRUE;

  if ((required && *text == '\0') || g_utf8_strlen (text, -1) > (glong)max_chars)
    {
      /* Translators: “email” must have between 1 and 254 characters. */
      g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_OUT_OF_RANGE,
                   _("“%s” must have between %d and %d characters."),
                   member, required ? 1 : 0, (int)max_chars);
      return FALSE;
    }

  *value = g_strdup (text);
  return TRUE;
}

/**
 * cercle_server_login_decode:
 *
 * Returns: (transfer full): {"email", "password", "device_name"}, or
 *   %NULL with @error set
 */
CercleServerLogin *
cercle_server_login_decode (const char  *body,
                            gsize        length,
                            GError     **error)
{
  static const char * const login_members[] = { "email", "password", "device_name", NULL };
  g_autoptr(CercleServerLogin) login = g_new0 (CercleServerLogin, 1);
  g_autoptr(JsonObject) root = NULL;

  root = cercle_json_parse_object (body, (gssize)length, CERCLE_SERVER_MAX_DEPTH, error);
  if (root == NULL)
    return NULL;

  if (!check_members (root, login_members, NULL, error) ||
      !get_bounded_string (root, "email", CERCLE_SERVER_MAX_EMAIL, TRUE, &login->email, error) ||
      !get_bounded_string (root, "password", CERCLE_SERVER_MAX_PASSWORD, TRUE, &login->password, error) ||
      !get_bounded_string (root, "device_name", CERCLE_SERVER_MAX_DEVICE_NAME, FALSE,
                           &login->device_name, error))
    return NULL;

  return g_steal_pointer (&login);
}

/**
 * cercle_server_error_object:
 *
 * Returns: (transfer full): {"error": {"code", "message"}}
 */
JsonObject *
cercle_server_error_object (const char *code,
                            const char *message)
{
  JsonObject *root = json_object_new ();
  JsonObject *inner = json_object_new ();

  json_object_set_string_member (inner, "code", code);
  json_object_set_string_member (inner, "message", message);
  json_object_set_object_member (root, "error", inner);

  return root;
}

/* The HTTP status for an error: what a client sent is a 4xx, what failed
 * here a 503 that says to try again, never a 500 */
guint
cercle_server_error_status (const GError *error)
{
  if (error->domain == CERCLE_JSON_ERROR)
    return 400;

  if (error->domain == CERCLE_PERMISSION_ERROR)
    return 403;

  if (error->domain == CERCLE_SERVER_ERROR)
    {
      switch ((CercleServerError)error->code)
        {
        case CERCLE_SERVER_ERROR_INVALID:      return 400;
        case CERCLE_SERVER_ERROR_UNAUTHORIZED: return 401;
        case CERCLE_SERVER_ERROR_FORBIDDEN:    return 403;
        case CERCLE_SERVER_ERROR_NOT_FOUND:    return 404;
        case CERCLE_SERVER_ERROR_EXISTS:       return 409;
        case CERCLE_SERVER_ERROR_GONE:         return 410;
        case CERCLE_SERVER_ERROR_TOO_MANY:     return 429;
        case CERCLE_SERVER_ERROR_BUSY:
        case CERCLE_SERVER_ERROR_FAILED:
        default:
          return 503;
        }
    }

  return 503;
}

const char *
cercle_server_error_code_name (const GError *error)
{
  switch (cercle_server_error_status (error))
    {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 409: return "exists";
    case 410: return "gone";
    case 429: return "too_many_requests";
    default:  return "unavailable";
    }
}
