/* cercle-test-proxy.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  CERCLE_TEST_FAULT_NONE,
  CERCLE_TEST_FAULT_DROP_REQUEST,
  CERCLE_TEST_FAULT_DROP_RESPONSE,
  CERCLE_TEST_FAULT_DUPLICATE,
  CERCLE_TEST_FAULT_DELAY,
  CERCLE_TEST_N_FAULTS
} CercleTestFault;

/* One mutation a client pushed, and every answer the server gave it, in
 * the order given: the first is the server's verdict, the others must be
 * "duplicate"s of it. Answers are logged even when the proxy then drops
 * them, so the log is the server's own account of what it applied and at
 * which revision, whatever reached the client. */
typedef struct
{
  char       *client_id;
  gint64      mutation_no;
  JsonObject *mutation;   /* as pushed: entity, row_id, op, base_rev, changes */
  GPtrArray  *answers;    /* JsonObject results */
} CercleTestPush;

typedef struct _CercleTestProxy CercleTestProxy;

CercleTestProxy *cercle_test_proxy_new          (const char      *target,
                                                 guint32          seed);
void             cercle_test_proxy_free         (CercleTestProxy *self);
const char      *cercle_test_proxy_get_url      (CercleTestProxy *self);
void             cercle_test_proxy_set_faulty   (CercleTestProxy *self,
                                                 gboolean         faulty);
void             cercle_test_proxy_drop_push_answers (CercleTestProxy *self,
                                                 guint            n);
guint            cercle_test_proxy_count_faults (CercleTestProxy *self,
                                                 CercleTestFault  fault);
CercleTestPush  *cercle_test_proxy_find_push    (CercleTestProxy *self,
                                                 const char      *client_id,
                                                 gint64           mutation_no);
GPtrArray       *cercle_test_proxy_list_pushes  (CercleTestProxy *self);

G_END_DECLS
