/* test-server-sync.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-test-server.h"
#include "cercle-test-sync.h"
#include "cercle-test-utils.h"

G_BEGIN_DECLS

/* What the files of test-server-sync share: the rows' ids, and the cases
 * that test-server-sync.c's main() runs with its own */

#define EVENT_ID    "e0000000-0000-4000-8000-000000000001"
#define EVENT2_ID   "e0000000-0000-4000-8000-000000000002"
#define DRAFT_ID    "e0000000-0000-4000-8000-000000000003"
#define REG_ALICE   "a1000000-0000-4000-8000-000000000001"
#define REG_BRUNO   "b1000000-0000-4000-8000-000000000002"
#define REFERRAL_ID "f0000000-0000-4000-8000-000000000001"
#define CLIENT_A    CERCLE_TEST_CLIENT_A
#define CLIENT_B    CERCLE_TEST_CLIENT_B

/* test-server-sync-stream.c */
void test_stream                      (void);
void test_stream_session_ended        (void);

/* test-server-sync-club.c */
void test_calendar_feed               (void);
void test_waitlist                    (void);

/* test-server-sync-sessions.c */
void test_logout_and_throttle         (void);
void test_rgpd                        (void);
void test_rgpd_messages               (void);
void test_sigterm_keeps_writes        (void);
void test_tls                         (void);
void test_plain_http_only_on_loopback (void);

G_END_DECLS
