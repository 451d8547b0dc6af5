/* cercle-server-types.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server"

#include "config.h"

#include "cercle-server-types.h"

/* The small types that travel between the server's parts */

G_DEFINE_QUARK (cercle-server-error-quark, cercle_server_error)

CercleServerAccount *
cercle_server_account_new (void)
{
  return g_new0 (CercleServerAccount, 1);
}

void
cercle_server_account_free (CercleServerAccount *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->email);
  g_free (self->password_hash);
  g_free (self->created_at);
  g_free (self);
}

CercleServerMembership *
cercle_server_membership_new (void)
{
  return g_new0 (CercleServerMembership, 1);
}

void
cercle_server_membership_free (CercleServerMembership *self)
{
  if (self == NULL)
    return;

  g_free (self->account_id);
  g_free (self->club_id);
  g_free (self->club_name);
  g_free (self->member_id);
  g_free (self);
}

CercleServerSession *
cercle_server_session_new (void)
{
  return g_new0 (CercleServerSession, 1);
}

void
cercle_server_session_free (CercleServerSession *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->account_id);
  g_free (self->email);
  g_free (self->device_name);
  g_free (self->created_at);
  g_free (self->last_used_at);
  g_free (self);
}

CercleServerConsent *
cercle_server_consent_new (void)
{
  return g_new0 (CercleServerConsent, 1);
}

void
cercle_server_consent_free (CercleServerConsent *self)
{
  if (self == NULL)
    return;

  g_free (self->entity);
  g_free (self->row_id);
  g_free (self->kind);
  g_free (self->at);
  g_free (self);
}
