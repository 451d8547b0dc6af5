/* cercle-sync-server.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "cercle-core.h"

G_BEGIN_DECLS

#define CERCLE_SYNC_ERROR (cercle_sync_error_quark ())

/* Why talking to a club's server failed, as the app must react to it */
typedef enum
{
  CERCLE_SYNC_ERROR_FAILED,
  CERCLE_SYNC_ERROR_BAD_ADDRESS,            /* not an address of a server */
  CERCLE_SYNC_ERROR_PLAIN_HTTP,             /* http:// beyond this machine */
  CERCLE_SYNC_ERROR_UNTRUSTED_CERTIFICATE,  /* ask the user about its fingerprint */
  CERCLE_SYNC_ERROR_OFFLINE,                /* no answer: try again later */
  CERCLE_SYNC_ERROR_UNAUTHORIZED,           /* sign in again */
  CERCLE_SYNC_ERROR_FORBIDDEN,
  CERCLE_SYNC_ERROR_NOT_FOUND,              /* not (or no longer) in that club */
  CERCLE_SYNC_ERROR_GONE,                   /* the server's database was replaced */
  CERCLE_SYNC_ERROR_TOO_MANY_REQUESTS,
  CERCLE_SYNC_ERROR_UNAVAILABLE,            /* the server failed; try again later */
  CERCLE_SYNC_ERROR_BAD_ANSWER,             /* not what the protocol says */
} CercleSyncError;

/* A club this account belongs to, as the server lists it */
typedef struct
{
  char *id;
  char *name;
  char *role;
  char *member_id;
} CercleSyncClub;

/* What a sign-in gives */
typedef struct
{
  char      *token;
  char      *account_id;
  char      *email;
  GPtrArray *clubs;   /* CercleSyncClub */
} CercleSyncAccount;

#define CERCLE_TYPE_SYNC_CLUB (cercle_sync_club_get_type ())
#define CERCLE_TYPE_SYNC_ACCOUNT (cercle_sync_account_get_type ())

GType              cercle_sync_club_get_type    (void) G_GNUC_CONST;
CercleSyncClub    *cercle_sync_club_copy        (const CercleSyncClub    *self);
void               cercle_sync_club_free        (CercleSyncClub          *self);
GType              cercle_sync_account_get_type (void) G_GNUC_CONST;
CercleSyncAccount *cercle_sync_account_copy     (const CercleSyncAccount *self);
void               cercle_sync_account_free     (CercleSyncAccount       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleSyncClub, cercle_sync_club_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleSyncAccount, cercle_sync_account_free)

#define CERCLE_TYPE_SYNC_SERVER (cercle_sync_server_get_type ())

G_DECLARE_FINAL_TYPE (CercleSyncServer, cercle_sync_server, CERCLE, SYNC_SERVER, GObject)

GQuark             cercle_sync_error_quark      (void);
gboolean           cercle_sync_error_is_transient (const GError *error);

CercleSyncServer  *cercle_sync_server_new       (const char          *address,
                                                 const char          *certificate_pin,
                                                 GError             **error);
const char        *cercle_sync_server_get_url   (CercleSyncServer    *self);
char              *cercle_sync_server_dup_certificate_pin (CercleSyncServer *self);
void               cercle_sync_server_set_certificate_pin (CercleSyncServer *self,
                                                 const char          *pin);
char              *cercle_sync_server_dup_presented_fingerprint (CercleSyncServer *self);
SoupSession       *cercle_sync_server_get_session (CercleSyncServer  *self);

void               cercle_sync_server_sign_in_async  (CercleSyncServer    *self,
                                                 const char          *email,
                                                 const char          *password,
                                                 const char          *device_name,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
CercleSyncAccount *cercle_sync_server_sign_in_finish (CercleSyncServer    *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
/* Blocking, for worker threads */
CercleSyncAccount *cercle_sync_server_sign_in   (CercleSyncServer    *self,
                                                 const char          *email,
                                                 const char          *password,
                                                 const char          *device_name,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
gboolean           cercle_sync_server_sign_out  (CercleSyncServer    *self,
                                                 const char          *token,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
JsonObject        *cercle_sync_server_request   (CercleSyncServer    *self,
                                                 const char          *method,
                                                 const char          *path,
                                                 const char          *token,
                                                 const char          *body,
                                                 guint               *status,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
SoupMessage       *cercle_sync_server_new_message (CercleSyncServer  *self,
                                                 const char          *method,
                                                 const char          *path,
                                                 const char          *token);

G_END_DECLS
