/* cercle-server-protocol.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-server-types.h"

G_BEGIN_DECLS

/* Every document of the protocol fits in this depth */
#define CERCLE_SERVER_MAX_DEPTH           8
#define CERCLE_SERVER_MAX_MUTATIONS       1000
#define CERCLE_SERVER_DEFAULT_PULL_LIMIT  500
#define CERCLE_SERVER_MAX_PULL_LIMIT      5000
#define CERCLE_SERVER_MAX_DEVICE_NAME     200
#define CERCLE_SERVER_MAX_EMAIL           254
#define CERCLE_SERVER_MAX_PASSWORD        1024

/* A push, decoded and checked before anything of it is applied */
typedef struct
{
  char      *client_id;
  GPtrArray *mutations;   /* CercleMutation */
} CercleServerPush;

typedef struct
{
  char   *cursor;
  char   *client_id;
  guint   limit;
} CercleServerPullParams;

typedef struct
{
  char *email;
  char *password;
  char *device_name;
} CercleServerLogin;

CercleServerPush       *cercle_server_push_decode        (const char              *body,
                                                          gsize                    length,
                                                          GError                 **error);
void                    cercle_server_push_free          (CercleServerPush        *self);
CercleServerPullParams *cercle_server_pull_params_parse  (const char              *query,
                                                          GError                 **error);
void                    cercle_server_pull_params_free   (CercleServerPullParams  *self);
CercleServerLogin      *cercle_server_login_decode       (const char              *body,
                                                          gsize                    length,
                                                          GError                 **error);
void                    cercle_server_login_free         (CercleServerLogin       *self);

JsonObject             *cercle_server_error_object       (const char              *code,
                                                          const char              *message);
const char             *cercle_server_error_code_name    (const GError            *error);
guint                   cercle_server_error_status       (const GError            *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleServerPush, cercle_server_push_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleServerPullParams, cercle_server_pull_params_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleServerLogin, cercle_server_login_free)

G_END_DECLS
