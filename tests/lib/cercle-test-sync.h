/* cercle-test-sync.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-test-server.h"

G_BEGIN_DECLS

/* The sync protocol in a test's words: pushes made of mutations, pulled
 * rows and their fields */

/* The two devices the tests push and pull from */
#define CERCLE_TEST_CLIENT_A "c0000000-0000-4000-8000-00000000000a"
#define CERCLE_TEST_CLIENT_B "c0000000-0000-4000-8000-00000000000b"

/* A push's "mutations": @first and the ones after it, %NULL-terminated;
 * takes them */
JsonArray  *cercle_test_mutations    (JsonObject       *first,
                                      ...) G_GNUC_NULL_TERMINATED;
/* @text as a JSON string, for a mutation's old or new value */
char       *cercle_test_quoted       (const char       *text);
JsonObject *cercle_test_fields_of    (JsonObject       *row);
/* A pulled row's field, which it must carry; %NULL for a JSON null */
const char *cercle_test_field_string (JsonObject       *row,
                                      const char       *column);
/* One page of a pull as CERCLE_TEST_CLIENT_A; %NULL unless @status is 200 */
JsonObject *cercle_test_pull_page    (CercleTestServer *server,
                                      const char       *token,
                                      const char       *club_id,
                                      const char       *cursor,
                                      guint             limit,
                                      guint            *status);
void        cercle_test_make_event   (CercleTestWorld  *world,
                                      const char       *event_id,
                                      const char       *title,
                                      const char       *status,
                                      int               capacity,
                                      gint64            mutation_no);

G_END_DECLS
