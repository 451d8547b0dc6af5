/* cercle-server-routes.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-server-ical.h"
#include "cercle-server-privacy.h"
#include "cercle-server-private.h"

/* What each endpoint does, in a worker thread, on a copy of the request:
 * it reads the storage and fills the reply, and never sees the message.
 * A club the account is not in answers 404, as one that does not exist. */

static gboolean
no_such_club (CercleServerReply *reply)
{
  g_autoptr(GError) error = g_error_new_literal (CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND,
                                                 _("There is no such club."));

  _cercle_server_reply_error (reply, error);
  return FALSE;
}

static CercleServerMembership *
find_membership (GPtrArray  *memberships,
                 const char *club_id)
{
  for (guint i = 0; i < memberships->len; i++)
    {
      CercleServerMembership *membership = g_ptr_array_index (memberships, i);

      if (g_str_equal (membership->club_id, club_id))
        return membership;
    }

  return NULL;
}

JsonArray *
_cercle_server_clubs_json (GPtrArray *memberships)
{
  JsonArray *clubs = json_array_new ();

  for (guint i = 0; memberships != NULL && i < memberships->len; i++)
    {
      CercleServerMembership *membership = g_ptr_array_index (memberships, i);
      JsonObject *club = json_object_new ();

      json_object_set_string_member (club, "id", membership->club_id);
      json_object_set_string_member (club, "name", membership->club_name);
      json_object_set_string_member (club, "role", membership->is_staff ? "staff" : "member");
      json_object_set_string_member (club, "member_id", membership->member_id);
      json_array_add_object_element (clubs, club);
    }

  return clubs;
}

/**
 * _cercle_server_authorize:
 *
 * Checks the request's token and, for a club's route, that the account is
 * in the club, as which member and with which role. Fills the reply
 * when the request is to be refused.
 */
gboolean
_cercle_server_authorize (CercleServerWork *work)
{
  g_autoptr(GPtrArray) memberships = NULL;
  g_autoptr(GError) error = NULL;
  CercleServerMembership *membership;

  work->session = cercle_server_auth_authenticate (work->server->auth, work->token, &error);
  if (work->session == NULL)
    {
      _cercle_server_reply_error (&work->reply, error);
      return FALSE;
    }

  if (work->route.club_id == NULL)
    return TRUE;

  memberships = cercle_server_storage_list_memberships (work->server->storage, work->session->account_id,
                                                        &error);
  if (memberships == NULL)
    {
      _cercle_server_reply_error (&work->reply, error);
      return FALSE;
    }

  membership = find_membership (memberships, work->route.club_id);
  if (membership == NULL)
    return no_such_club (&work->reply);

  work->actor = cercle_server_actor_new (work->session->account_id, membership->club_id,
                                         membership->member_id, membership->is_staff);
  return TRUE;
}

static void
reply_result (CercleServerReply *reply,
              guint              status,
              JsonObject        *body,
              GError            *error)
{
  if (body == NULL)
    _cercle_server_reply_error (reply, error);
  else
    _cercle_server_reply_json (reply, status, body);
}

static void
logout (CercleServerWork *work)
{
  g_autoptr(GError) error = NULL;

  if (!cercle_server_storage_revoke_sessions (work->server->storage, work->session->id, NULL, NULL, &error))
    {
      _cercle_server_reply_error (&work->reply, error);
      return;
    }

  work->reply.status = 204;
}

static void
list_clubs (CercleServerWork *work)
{
  g_autoptr(GPtrArray) memberships = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;

  memberships = cercle_server_storage_list_memberships (work->server->storage, work->session->account_id,
                                                        &error);
  if (memberships != NULL)
    {
      body = json_object_new ();
      json_object_set_array_member (body, "clubs", _cercle_server_clubs_json (memberships));
    }

  reply_result (&work->reply, 200, body, error);
}

static void
push (CercleServerWork *work)
{
  g_autoptr(CercleServerPush) push = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *text = work->body != NULL ? g_bytes_get_data (work->body, &length) : NULL;

  push = cercle_server_push_decode (text != NULL ? text : "", length, &error);
  if (push != NULL)
    body = cercle_server_sync_push (work->server->storage, work->actor, push, &error);

  reply_result (&work->reply, 200, body, error);
}

static void
pull (CercleServerWork *work)
{
  g_autoptr(CercleServerPullParams) params = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *page = NULL;

  params = cercle_server_pull_params_parse (work->query, &error);
  if (params != NULL)
    page = cercle_server_sync_pull (work->server->storage, work->actor, params, &error);

  if (page == NULL)
    {
      _cercle_server_reply_error (&work->reply, error);
      return;
    }

  _cercle_server_reply_clear (&work->reply);
  work->reply.status = 200;
  work->reply.content_type = g_strdup ("application/json");
  work->reply.body = page;
}

static void
new_calendar (CercleServerWork *work)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = cercle_server_token_new ();
  g_autofree char *secret_hash = cercle_server_token_hash (secret);

  if (cercle_server_storage_set_feed (work->server->storage, work->actor->account_id,
                                      work->actor->club_id, secret_hash, &error))
    {
      g_autofree char *url = g_strdup_printf ("%s/api/v1/clubs/%s/calendar/%s.ics",
                                              work->base_url, work->actor->club_id, secret);

      body = json_object_new ();
      json_object_set_string_member (body, "url", url);
    }

  reply_result (&work->reply, 201, body, error);
}

static gboolean
feed_not_found (CercleServerReply *reply)
{
  g_autoptr(GError) error = g_error_new_literal (CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND,
                                                 _("There is no such calendar."));

  _cercle_server_reply_error (reply, error);
  return FALSE;
}

/* The feed's secret stands for a token: it is checked as one, and leads
 * to the account and club it was made for, while they still hold */
static void
calendar_feed (CercleServerWork *work)
{
  CercleServerStorage *storage = work->server->storage;
  g_autoptr(CercleServerAccount) account = NULL;
  g_autoptr(GPtrArray) memberships = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) visible = g_ptr_array_new ();
  g_autoptr(CercleServerTxn) txn = NULL;
  g_autoptr(CercleRecord) club = NULL;
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret_hash = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *club_id = NULL;
  g_autofree char *now = cercle_now_iso8601 ();
  CercleServerMembership *membership;
  char *text;

  if (!cercle_server_token_is_well_formed (work->route.arg))
    {
      feed_not_found (&work->reply);
      return;
    }

  secret_hash = cercle_server_token_hash (work->route.arg);
  if (!cercle_server_storage_find_feed (storage, secret_hash, &account_id, &club_id, &error))
    {
      if (g_error_matches (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND))
        feed_not_found (&work->reply);
      else
        _cercle_server_reply_error (&work->reply, error);
      return;
    }

  if (!g_str_equal (club_id, work->route.club_id))
    {
      feed_not_found (&work->reply);
      return;
    }

  account = cercle_server_storage_find_account (storage, NULL, account_id, &error);
  if (account == NULL || account->disabled)
    {
      feed_not_found (&work->reply);
      return;
    }

  if (!(memberships = cercle_server_storage_list_memberships (storage, account_id, &error)))
    {
      _cercle_server_reply_error (&work->reply, error);
      return;
    }

  membership = find_membership (memberships, club_id);
  if (membership == NULL)
    {
      feed_not_found (&work->reply);
      return;
    }

  viewer = cercle_viewer_new (membership->member_id, membership->is_staff);

  if (!(txn = cercle_server_storage_begin (storage, club_id, FALSE, &error)) ||
      !(events = cercle_server_txn_list_records (txn, CERCLE_ENTITY_EVENT, NULL, NULL, &error)))
    {
      _cercle_server_reply_error (&work->reply, error);
      return;
    }

  club = cercle_server_txn_get_record (txn, CERCLE_ENTITY_CLUB, club_id, &error);
  if (error != NULL || !cercle_server_txn_commit (g_steal_pointer (&txn), &error))
    {
      _cercle_server_reply_error (&work->reply, error);
      return;
    }

  for (guint i = 0; i < events->len; i++)
    {
      CercleEvent *event = g_ptr_array_index (events, i);

      if (!cercle_record_get_deleted (CERCLE_RECORD (event)) &&
          cercle_visibility_can_see_event (viewer, event))
        g_ptr_array_add (visible, event);
    }

  text = cercle_server_ical_feed (club != NULL ? CERCLE_CLUB (club) : NULL, visible, now);

  _cercle_server_reply_clear (&work->reply);
  work->reply.status = 200;
  work->reply.content_type = g_strdup ("text/calendar; charset=utf-8");
  work->reply.body = g_bytes_new_take (text, strlen (text));
}

static void
export (CercleServerWork *work)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;

  body = cercle_server_privacy_export (work->server->storage, work->session->account_id, &error);
  reply_result (&work->reply, 200, body, error);
}

static void
erase (CercleServerWork *work)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;

  body = cercle_server_privacy_erase_member (work->server->storage, work->actor, work->route.arg, &error);
  reply_result (&work->reply, 200, body, error);
}

void
_cercle_server_run_route (CercleServerWork *work)
{
  switch (work->route.kind)
    {
    case ROUTE_LOGOUT:
      logout (work);
      break;
    case ROUTE_CLUBS:
      list_clubs (work);
      break;
    case ROUTE_PUSH:
      push (work);
      break;
    case ROUTE_PULL:
      pull (work);
      break;
    case ROUTE_CALENDAR_NEW:
      new_calendar (work);
      break;
    case ROUTE_CALENDAR_FEED:
      calendar_feed (work);
      break;
    case ROUTE_EXPORT:
      export (work);
      break;
    case ROUTE_ERASE:
      erase (work);
      break;
    case ROUTE_NONE:
    case ROUTE_HEALTH:
    case ROUTE_LOGIN:
    case ROUTE_STREAM:
    default:
      g_assert_not_reached ();
    }
}
