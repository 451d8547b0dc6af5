/* sync-client-device.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-sync-client.h"
#include "cercle-test-proxy.h"
#include "cercle-test-server.h"
#include "cercle-test-utils.h"

G_BEGIN_DECLS

typedef struct
{
  char             *path;
  CercleStore      *store;     /* the interface's connection */
  CercleSyncClient *client;
} Device;

Device       *device_new_at (CercleTestWorld *world,
                             const char      *url,
                             const char      *name,
                             const char      *email,
                             const char      *club_id);
Device       *device_new    (CercleTestWorld *world,
                             const char      *name,
                             const char      *email,
                             const char      *club_id);
void          device_free   (Device          *device);
void          device_sync   (Device          *device);
CercleMember *device_member (Device          *device,
                             const char      *id);
void          device_set    (Device          *device,
                             const char      *member_id,
                             const char      *property,
                             const char      *value);
char         *device_get    (Device          *device,
                             const char      *member_id,
                             const char      *property);
char         *server_value  (CercleTestWorld *world,
                             const char      *row_id,
                             const char      *field);
void          staff_sets    (CercleTestWorld *world,
                             const char      *row_id,
                             const char      *field,
                             const char      *old_json,
                             const char      *new_json);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Device, device_free)

/* The tests of each source file of test-sync-client */
void test_first_sync_and_edits   (void);
void test_conflict               (void);
void test_offline                (void);
void test_two_clubs              (void);
void test_edit_during_pull       (void);
void test_rejected_twice         (void);
void test_refused_insert_and_edit (void);
void test_lost_answer            (void);
void test_addresses              (void);
void test_certificate_pin        (void);
void test_revoked_token          (void);
void test_session_ended          (void);
void test_join                   (void);
void test_club_life              (void);

G_END_DECLS
