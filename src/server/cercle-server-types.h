/* cercle-server-types.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cercle-core.h"

G_BEGIN_DECLS

typedef struct _CercleServer        CercleServer;
typedef struct _CercleServerStorage CercleServerStorage;
typedef struct _CercleServerTxn     CercleServerTxn;
typedef struct _CercleServerAuth    CercleServerAuth;

#define CERCLE_SERVER_ERROR (cercle_server_error_quark ())

/* What went wrong with a request or a command, which decides the HTTP
 * status the client gets: never 500 for anything a client can send. */
typedef enum
{
  CERCLE_SERVER_ERROR_FAILED,          /* 503: the storage failed, try again */
  CERCLE_SERVER_ERROR_INVALID,         /* 400 */
  CERCLE_SERVER_ERROR_UNAUTHORIZED,    /* 401 */
  CERCLE_SERVER_ERROR_FORBIDDEN,       /* 403 */
  CERCLE_SERVER_ERROR_NOT_FOUND,       /* 404 */
  CERCLE_SERVER_ERROR_EXISTS,          /* 409 */
  CERCLE_SERVER_ERROR_GONE,            /* 410: the cursor is from another epoch */
  CERCLE_SERVER_ERROR_TOO_MANY,        /* 429: throttled */
  CERCLE_SERVER_ERROR_BUSY,            /* 503: too much work queued */
} CercleServerError;

/* One person who signs in: one e-mail, one password, any number of clubs */
typedef struct
{
  char     *id;
  char     *email;
  char     *password_hash;
  gboolean  disabled;
  char     *created_at;
} CercleServerAccount;

/* An account's place in one club: the member row it signs in as. Whether
 * it is staff is that row's role, which staff change through sync. */
typedef struct
{
  char     *account_id;
  char     *club_id;
  char     *club_name;
  char     *member_id;
  gboolean  is_staff;
} CercleServerMembership;

/* One signed-in device. The token itself is never stored, only its hash. */
typedef struct
{
  char     *id;
  char     *account_id;
  char     *email;
  char     *device_name;
  char     *created_at;
  char     *last_used_at;
  gboolean  revoked;
  gboolean  account_disabled;
} CercleServerSession;

/* A consent given or withdrawn, with when the server learnt of it */
typedef struct
{
  char     *entity;
  char     *row_id;
  char     *kind;
  gboolean  granted;
  char     *at;
} CercleServerConsent;

GQuark                  cercle_server_error_quark        (void);

CercleServerAccount    *cercle_server_account_new        (void);
void                    cercle_server_account_free       (CercleServerAccount    *self);
CercleServerMembership *cercle_server_membership_new     (void);
void                    cercle_server_membership_free    (CercleServerMembership *self);
CercleServerSession    *cercle_server_session_new        (void);
void                    cercle_server_session_free       (CercleServerSession    *self);
CercleServerConsent    *cercle_server_consent_new        (void);
void                    cercle_server_consent_free       (CercleServerConsent    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleServerAccount, cercle_server_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleServerMembership, cercle_server_membership_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleServerSession, cercle_server_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleServerConsent, cercle_server_consent_free)

G_END_DECLS
