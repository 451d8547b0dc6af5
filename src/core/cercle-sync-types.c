/* cercle-sync-types.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include "cercle-sync-types.h"

G_DEFINE_BOXED_TYPE (CercleSyncState, cercle_sync_state, cercle_sync_state_copy, cercle_sync_state_free)
G_DEFINE_BOXED_TYPE (CercleSyncConflict, cercle_sync_conflict, cercle_sync_conflict_copy, cercle_sync_conflict_free)
G_DEFINE_BOXED_TYPE (CercleSyncRejection, cercle_sync_rejection, cercle_sync_rejection_copy, cercle_sync_rejection_free)

CercleSyncState *
cercle_sync_state_copy (const CercleSyncState *self)
{
  CercleSyncState *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (CercleSyncState, 1);
  copy->client_id = g_strdup (self->client_id);
  copy->server_url = g_strdup (self->server_url);
  copy->club_id = g_strdup (self->club_id);
  copy->account_email = g_strdup (self->account_email);
  copy->certificate_pin = g_strdup (self->certificate_pin);
  copy->cursor = g_strdup (self->cursor);
  copy->last_synced_at = g_strdup (self->last_synced_at);
  copy->resyncing = self->resyncing;

  return copy;
}

void
cercle_sync_state_free (CercleSyncState *self)
{
  if (self == NULL)
    return;

  g_free (self->client_id);
  g_free (self->server_url);
  g_free (self->club_id);
  g_free (self->account_email);
  g_free (self->certificate_pin);
  g_free (self->cursor);
  g_free (self->last_synced_at);
  g_free (self);
}

/* Whether the copy syncs with a club's server at all */
gboolean
cercle_sync_state_has_server (const CercleSyncState *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->server_url != NULL && self->club_id != NULL;
}

static void
copy_value (const GValue *from,
            GValue       *to)
{
  if (!G_IS_VALUE (from))
    return;

  g_value_init (to, G_VALUE_TYPE (from));
  g_value_copy (from, to);
}

CercleSyncConflict *
cercle_sync_conflict_copy (const CercleSyncConflict *self)
{
  CercleSyncConflict *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (CercleSyncConflict, 1);
  copy->id = self->id;
  copy->entity = self->entity;
  copy->row_id = g_strdup (self->row_id);
  copy->field = self->field;
  copy->column = g_strdup (self->column);
  copy_value (&self->mine, &copy->mine);
  copy_value (&self->theirs, &copy->theirs);
  copy->row_deleted = self->row_deleted;
  copy->created_at = g_strdup (self->created_at);

  return copy;
}

void
cercle_sync_conflict_free (CercleSyncConflict *self)
{
  if (self == NULL)
    return;

  g_free (self->row_id);
  g_free (self->column);
  if (G_IS_VALUE (&self->mine))
    g_value_unset (&self->mine);
  if (G_IS_VALUE (&self->theirs))
    g_value_unset (&self->theirs);
  g_free (self->created_at);
  g_free (self);
}

CercleSyncRejection *
cercle_sync_rejection_copy (const CercleSyncRejection *self)
{
  CercleSyncRejection *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (CercleSyncRejection, 1);
  copy->id = self->id;
  copy->mutation = self->mutation != NULL ? cercle_mutation_copy (self->mutation) : NULL;
  copy->reason = g_strdup (self->reason);
  copy->created_at = g_strdup (self->created_at);

  return copy;
}

void
cercle_sync_rejection_free (CercleSyncRejection *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->mutation, cercle_mutation_free);
  g_free (self->reason);
  g_free (self->created_at);
  g_free (self);
}
