/* cercle-server-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "cercle-server.h"
#include "cercle-server-sync.h"

G_BEGIN_DECLS

typedef enum
{
  ROUTE_NONE,
  ROUTE_HEALTH,
  ROUTE_LOGIN,
  ROUTE_LOGOUT,
  ROUTE_CLUBS,
  ROUTE_PUSH,
  ROUTE_PULL,
  ROUTE_STREAM,
  ROUTE_CALENDAR_NEW,
  ROUTE_CALENDAR_FEED,
  ROUTE_EXPORT,
  ROUTE_ERASE,
} RouteKind;

typedef struct
{
  RouteKind  kind;
  char      *club_id;
  char      *arg;
  /* 404 or 405 when no route matches */
  guint      error_status;
} Route;

typedef struct
{
  guint   status;
  char   *content_type;
  GBytes *body;
  gint64  retry_after;
} CercleServerReply;

/* What a worker thread gets: a copy of the request, never the message,
 * which belongs to the main loop */
typedef struct
{
  CercleServer        *server;
  Route                route;
  char                *token;
  char                *query;
  GBytes              *body;
  char                *address;
  char                *base_url;
  CercleServerSession *session;
  CercleServerActor   *actor;
  CercleServerReply    reply;
} CercleServerWork;

struct _CercleServer
{
  GObject              parent_instance;

  CercleServerStorage *storage;
  CercleServerAuth    *auth;
  SoupServer          *soup;
  CercleServerOptions  options;
  GMainContext        *context;

  /* club id → GPtrArray of SoupWebsocketConnection */
  GHashTable          *streams;
  /* club id → newest seq not announced yet */
  GHashTable          *pending_seqs;
  GMutex               pending_lock;
  GSource             *announce_source;
  gulong               club_changed_id;
  /* The periodic check of open streams' sessions, and whether one runs */
  guint                recheck_id;
  gboolean             rechecking;

  guint                in_flight;
  gboolean             stopping;

  /* Requests under way (a counter that outlives the server: each request
   * holds it, and gives its count back when it is freed), open streams */
  guint               *n_requests;
  guint                n_streams;
};

void     _cercle_server_reply_json      (CercleServerReply  *reply,
                                         guint               status,
                                         JsonObject         *body);
void     _cercle_server_reply_error     (CercleServerReply  *reply,
                                         const GError       *error);
void     _cercle_server_reply_clear     (CercleServerReply  *reply);
gboolean _cercle_server_authorize       (CercleServerWork   *work);
void     _cercle_server_run_route       (CercleServerWork   *work);
void     _cercle_server_work_free       (CercleServerWork   *work);
JsonArray *_cercle_server_clubs_json    (GPtrArray          *memberships);
void     _cercle_server_log_request     (SoupServerMessage  *msg,
                                         guint               status);
void     _cercle_server_set_error_now   (SoupServerMessage  *msg,
                                         guint               status,
                                         GQuark              domain,
                                         int                 code,
                                         const char         *message);
/* cercle-server-request.c */
void     _cercle_server_route_clear     (Route              *route);
void     _cercle_server_parse_route     (const char         *method,
                                         const char         *path,
                                         Route              *route);
gboolean _cercle_server_route_needs_token (RouteKind         kind);
gsize    _cercle_server_route_max_body  (CercleServer       *self,
                                         RouteKind           kind);
char    *_cercle_server_path_for_log    (SoupServerMessage  *msg,
                                         const Route        *route);
char    *_cercle_server_bearer_token    (SoupServerMessage  *msg);
char    *_cercle_server_client_address  (CercleServer       *self,
                                         SoupServerMessage  *msg);
char    *_cercle_server_base_url        (CercleServer       *self,
                                         SoupServerMessage  *msg);
gboolean _cercle_server_has_json_content (SoupServerMessage *msg);
/* cercle-server-reply.c */
void     _cercle_server_set_response    (SoupServerMessage  *msg,
                                         CercleServerReply  *reply);
void     _cercle_server_reply_and_close (SoupServerMessage  *msg,
                                         guint               status,
                                         const char         *code,
                                         const char         *message);
void     _cercle_server_start_stream    (CercleServer       *self,
                                         SoupServerMessage  *msg,
                                         const char         *club_id,
                                         const char         *session_id);
void     _cercle_server_end_session_streams (CercleServer   *self,
                                         const char         *session_id);
void     _cercle_server_start_recheck   (CercleServer       *self);
void     _cercle_server_close_streams   (CercleServer       *self);
void     _cercle_server_on_club_changed (CercleServerStorage *storage,
                                         const char         *club_id,
                                         gint64              seq,
                                         gpointer            user_data);

G_END_DECLS
