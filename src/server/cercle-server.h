/* cercle-server.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cercle-server-auth.h"
#include "cercle-server-storage.h"

G_BEGIN_DECLS

#define CERCLE_SERVER_DEFAULT_MAX_BODY        (4 * 1024 * 1024)
#define CERCLE_SERVER_DEFAULT_REQUEST_TIMEOUT 30
#define CERCLE_SERVER_DEFAULT_IDLE_TIMEOUT    60
#define CERCLE_SERVER_DEFAULT_STREAM_RECHECK  5
#define CERCLE_SERVER_DEFAULT_MAX_CONNECTIONS 1000
#define CERCLE_SERVER_BUSY_RETRY_AFTER        5

/* The WebSocket close code of a stream whose session ended (signed out,
 * revoked, its account disabled): in the range RFC 6455 leaves to
 * applications, 4000 + the HTTP status a new request would get */
#define CERCLE_SERVER_STREAM_CLOSE_SESSION_ENDED 4401

typedef struct
{
  gsize     max_body;
  guint     request_timeout;
  guint     idle_timeout;
  /* Seconds between checks that the sessions of open streams are valid */
  guint     stream_recheck;
  /* Requests under way plus open streams beyond which a request is
   * answered 503 */
  guint     max_connections;
  char     *public_url;
  gboolean  trust_proxy;
} CercleServerOptions;

#define CERCLE_TYPE_SERVER (cercle_server_get_type ())

G_DECLARE_FINAL_TYPE (CercleServer, cercle_server, CERCLE, SERVER, GObject)

CercleServer *cercle_server_new             (CercleServerStorage        *storage,
                                             CercleServerAuth           *auth,
                                             const CercleServerOptions  *options);
gboolean      cercle_server_listen          (CercleServer               *self,
                                             const char                 *address,
                                             guint                       port,
                                             GTlsCertificate            *certificate,
                                             gboolean                    allow_plain_http,
                                             GError                    **error);
GSList       *cercle_server_get_uris        (CercleServer               *self);
void          cercle_server_stop            (CercleServer               *self);
gboolean      cercle_server_is_idle         (CercleServer               *self);
void          cercle_server_disconnect      (CercleServer               *self);

G_END_DECLS
