/* cercle-server-auth.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cercle-server-protocol.h"
#include "cercle-server-storage.h"

G_BEGIN_DECLS

/* How costly a password hash is to compute: libsodium's argon2id limits.
 * "minimum" is for tests only, where a hash must not take a second. */
typedef enum
{
  CERCLE_SERVER_PASSWORD_COST_MINIMUM,
  CERCLE_SERVER_PASSWORD_COST_INTERACTIVE,
  CERCLE_SERVER_PASSWORD_COST_MODERATE,
  CERCLE_SERVER_PASSWORD_COST_SENSITIVE,
} CercleServerPasswordCost;

/* Failed sign-ins allowed in a window, per account and per address */
#define CERCLE_SERVER_THROTTLE_WINDOW        (15 * 60)
#define CERCLE_SERVER_THROTTLE_PER_ACCOUNT   5
#define CERCLE_SERVER_THROTTLE_PER_ADDRESS   20

/* A token is 256 random bits, written in base64url */
#define CERCLE_SERVER_TOKEN_LENGTH           43

#define CERCLE_SERVER_MIN_PASSWORD_LENGTH    8

#define CERCLE_TYPE_SERVER_AUTH (cercle_server_auth_get_type ())

G_DECLARE_FINAL_TYPE (CercleServerAuth, cercle_server_auth, CERCLE, SERVER_AUTH, GObject)

gboolean          cercle_server_password_cost_from_name (const char               *name,
                                                         CercleServerPasswordCost *cost);
char             *cercle_server_password_hash           (const char               *password,
                                                         CercleServerPasswordCost  cost,
                                                         GError                  **error);
gboolean          cercle_server_password_verify         (const char               *hash,
                                                         const char               *password);
gboolean          cercle_server_password_check_quality  (const char               *password,
                                                         GError                  **error);
char             *cercle_server_token_new               (void);
char             *cercle_server_token_hash              (const char               *token);
gboolean          cercle_server_token_is_well_formed    (const char               *token);

CercleServerAuth *cercle_server_auth_new                (CercleServerStorage      *storage,
                                                         CercleServerPasswordCost  cost,
                                                         guint                     max_hashes,
                                                         GError                  **error);
void              cercle_server_auth_login_async        (CercleServerAuth         *self,
                                                         CercleServerLogin        *login,
                                                         const char               *address,
                                                         GCancellable             *cancellable,
                                                         GAsyncReadyCallback       callback,
                                                         gpointer                  user_data);
CercleServerSession *
                  cercle_server_auth_login_finish       (CercleServerAuth         *self,
                                                         GAsyncResult             *result,
                                                         char                    **token,
                                                         GPtrArray               **memberships,
                                                         gint64                   *retry_after,
                                                         GError                  **error);
CercleServerSession *
                  cercle_server_auth_authenticate       (CercleServerAuth         *self,
                                                         const char               *token,
                                                         GError                  **error);

G_END_DECLS
