/* cercle-sync-types.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cercle-codec.h"
#include "cercle-types.h"

G_BEGIN_DECLS

/* What a local copy knows of the club's server it syncs with. Every text
 * is %NULL for a club that syncs with no server (a demo, an import). */
typedef struct
{
  char *client_id;        /* this copy's UUID, the push's "client_id" */
  char *server_url;       /* "https://club.exemple.fr" */
  char *club_id;          /* the club's UUID on that server */
  char *account_email;    /* who signed in */
  char *certificate_pin;  /* SHA-256 of a certificate the user trusted */
  char *cursor;           /* the last page stored; %NULL for the start */
  char *last_synced_at;   /* when the last pull reached the end */
  gboolean resyncing;     /* pulling again from the start (a 410) */
} CercleSyncState;

/* The server kept its value of a field that the user had changed too:
 * both are kept until the user chooses. */
typedef struct
{
  gint64        id;
  CercleEntity  entity;
  char         *row_id;
  guint         field;        /* index in the entity's record class */
  char         *column;
  GValue        mine;         /* what the user had typed */
  GValue        theirs;       /* the server's; unset when @row_deleted */
  gboolean      row_deleted;  /* the row was deleted on the server */
  char         *created_at;
} CercleSyncConflict;

/* A local edit the server refused whole, with its reason */
typedef struct
{
  gint64          id;
  CercleMutation *mutation;
  char           *reason;
  char           *created_at;
} CercleSyncRejection;

#define CERCLE_TYPE_SYNC_STATE (cercle_sync_state_get_type ())
#define CERCLE_TYPE_SYNC_CONFLICT (cercle_sync_conflict_get_type ())
#define CERCLE_TYPE_SYNC_REJECTION (cercle_sync_rejection_get_type ())

GType                cercle_sync_state_get_type      (void) G_GNUC_CONST;
CercleSyncState     *cercle_sync_state_copy          (const CercleSyncState     *self);
void                 cercle_sync_state_free          (CercleSyncState           *self);
gboolean             cercle_sync_state_has_server    (const CercleSyncState     *self);

GType                cercle_sync_conflict_get_type   (void) G_GNUC_CONST;
CercleSyncConflict  *cercle_sync_conflict_copy       (const CercleSyncConflict  *self);
void                 cercle_sync_conflict_free       (CercleSyncConflict        *self);

GType                cercle_sync_rejection_get_type  (void) G_GNUC_CONST;
CercleSyncRejection *cercle_sync_rejection_copy      (const CercleSyncRejection *self);
void                 cercle_sync_rejection_free      (CercleSyncRejection       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleSyncState, cercle_sync_state_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleSyncConflict, cercle_sync_conflict_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleSyncRejection, cercle_sync_rejection_free)

G_END_DECLS
