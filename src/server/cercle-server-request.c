/* cercle-server-request.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server"

#include "config.h"

#include <string.h>

#include "cercle-server-private.h"

#define SMALL_BODY (16 * 1024)

/* What a request says before anything is done for it: its route, its
 * token, where it comes from, and what may be written to the log */

void
_cercle_server_route_clear (Route *route)
{
  g_clear_pointer (&route->club_id, g_free);
  g_clear_pointer (&route->arg, g_free);
}

/* Paths in the log: no feed secret, nothing unprintable, nothing long */
char *
_cercle_server_path_for_log (SoupServerMessage *msg,
                             const Route       *route)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  GString *clean;

  if (route->kind == ROUTE_CALENDAR_FEED)
    return g_strdup_printf ("/api/v1/clubs/%s/calendar/[secret].ics", route->club_id);

  clean = g_string_new (NULL);
  for (const char *p = path; p != NULL && *p != '\0' && clean->len < 200; p++)
    g_string_append_c (clean, (*p >= 0x21 && *p < 0x7f) ? *p : '?');

  return g_string_free (clean, FALSE);
}

static gboolean
is_uuid_segment (const char *segment)
{
  return g_uuid_string_is_valid (segment);
}

/* Which route @path is, for @method. Paths are matched whole, segment by
 * segment; a club must be a UUID. */
void
_cercle_server_parse_route (const char *method,
                            const char *path,
                            Route      *route)
{
  g_auto(GStrv) parts = NULL;
  guint n;
  const char *expected_method = NULL;

  memset (route, 0, sizeof *route);
  route->error_status = 404;

  if (path == NULL || !g_str_has_prefix (path, "/api/v1/") || strlen (path) > 512)
    return;

  parts = g_strsplit (path + strlen ("/api/v1/"), "/", 8);
  n = g_strv_length (parts);

#define METHOD_IS(m) (g_strcmp0 (method, (m)) == 0)

  if (n == 1 && g_str_equal (parts[0], "health"))
    {
      route->kind = ROUTE_HEALTH;
      expected_method = "GET";
    }
  else if (n == 1 && g_str_equal (parts[0], "session"))
    {
      if (METHOD_IS ("DELETE"))
        route->kind = ROUTE_LOGOUT, expected_method = "DELETE";
      else
        route->kind = ROUTE_LOGIN, expected_method = "POST";
    }
  else if (n == 1 && g_str_equal (parts[0], "clubs"))
    {
      route->kind = ROUTE_CLUBS;
      expected_method = "GET";
    }
  else if (n == 2 && g_str_equal (parts[0], "account") && g_str_equal (parts[1], "export"))
    {
      route->kind = ROUTE_EXPORT;
      expected_method = "GET";
    }
  else if (n >= 3 && g_str_equal (parts[0], "clubs") && is_uuid_segment (parts[1]))
    {
      route->club_id = g_ascii_strdown (parts[1], -1);

      if (n == 4 && g_str_equal (parts[2], "sync") && g_str_equal (parts[3], "push"))
        route->kind = ROUTE_PUSH, expected_method = "POST";
      else if (n == 4 && g_str_equal (parts[2], "sync") && g_str_equal (parts[3], "pull"))
        route->kind = ROUTE_PULL, expected_method = "GET";
      else if (n == 4 && g_str_equal (parts[2], "sync") && g_str_equal (parts[3], "stream"))
        route->kind = ROUTE_STREAM, expected_method = "GET";
      else if (n == 3 && g_str_equal (parts[2], "calendar"))
        route->kind = ROUTE_CALENDAR_NEW, expected_method = "POST";
      else if (n == 4 && g_str_equal (parts[2], "calendar") && g_str_has_suffix (parts[3], ".ics") &&
               strlen (parts[3]) > 4)
        {
          route->kind = ROUTE_CALENDAR_FEED;
          expected_method = "GET";
          route->arg = g_strndup (parts[3], strlen (parts[3]) - 4);
        }
      else if (n == 5 && g_str_equal (parts[2], "members") && is_uuid_segment (parts[3]) &&
               g_str_equal (parts[4], "erase"))
        {
          route->kind = ROUTE_ERASE;
          expected_method = "POST";
          route->arg = g_ascii_strdown (parts[3], -1);
        }
    }

#undef METHOD_IS

  if (route->kind == ROUTE_NONE)
    {
      _cercle_server_route_clear (route);
      return;
    }

  if (g_strcmp0 (method, expected_method) != 0)
    {
      route->error_status = 405;
      route->kind = ROUTE_NONE;
      return;
    }

  route->error_status = 0;
}

gboolean
_cercle_server_route_needs_token (RouteKind kind)
{
  return kind != ROUTE_HEALTH && kind != ROUTE_LOGIN && kind != ROUTE_CALENDAR_FEED;
}

gsize
_cercle_server_route_max_body (CercleServer *self,
                               RouteKind     kind)
{
  return kind == ROUTE_PUSH ? self->options.max_body : SMALL_BODY;
}

char *
_cercle_server_bearer_token (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return NULL;

  return g_strstrip (g_strdup (header + 7));
}

char *
_cercle_server_client_address (CercleServer      *self,
                               SoupServerMessage *msg)
{
  const char *forwarded;

  if (self->options.trust_proxy &&
      (forwarded = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                  "X-Forwarded-For")) != NULL)
    {
      const char *last = strrchr (forwarded, ',');
      g_autofree char *address = g_strdup (last != NULL ? last + 1 : forwarded);

      g_strstrip (address);
      if (*address != '\0' && strlen (address) < 64)
        return g_steal_pointer (&address);
    }

  return g_strdup (soup_server_message_get_remote_host (msg));
}

char *
_cercle_server_base_url (CercleServer      *self,
                         SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);

  if (self->options.public_url != NULL)
    return g_strdup (self->options.public_url);

  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "", NULL, NULL);
}

gboolean
_cercle_server_has_json_content (SoupServerMessage *msg)
{
  GHashTable *params = NULL;
  const char *type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg),
                                                            &params);
  gboolean ok = type != NULL && g_ascii_strcasecmp (type, "application/json") == 0;

  if (params != NULL)
    g_hash_table_unref (params);

  return ok;
}
