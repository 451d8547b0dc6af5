/* cercle-test-server.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "cercle-core.h"

G_BEGIN_DECLS

/* A real cercle-server for a test: its own database in a folder of its
 * own, served on 127.0.0.1 on a port the server picks, stopped at the end. */
typedef struct
{
  char        *dir;
  char        *database;
  char        *base_url;
  GPid         pid;
  int          stdout_fd;
  int          stderr_fd;
  SoupSession *session;
} CercleTestServer;

typedef struct
{
  guint                status;
  GBytes              *body;
  SoupMessageHeaders  *headers;
} CercleTestResponse;

#define CERCLE_TEST_CLIENT_ID "c11e0000-0000-4000-8000-000000000001"

const char         *cercle_test_server_program     (void);
const char         *cercle_test_password           (void);
CercleTestServer   *cercle_test_server_new         (const char         *name);
CercleTestServer   *cercle_test_server_new_on      (const char         *name,
                                                    CercleTestServer   *other);
CercleTestServer   *cercle_test_server_new_at      (const char         *name,
                                                    const char         *database);
CercleTestServer   *cercle_test_server_new_client  (CercleTestServer   *server);
void                cercle_test_server_free        (CercleTestServer   *self);
char               *cercle_test_server_command     (CercleTestServer   *self,
                                                    int                *exit_status,
                                                    const char         *first_arg,
                                                    ...) G_GNUC_NULL_TERMINATED;
char               *cercle_test_server_command_ok  (CercleTestServer   *self,
                                                    const char         *first_arg,
                                                    ...) G_GNUC_NULL_TERMINATED;
GSubprocess        *cercle_test_server_spawn       (CercleTestServer   *self,
                                                    const char         *first_arg,
                                                    ...) G_GNUC_NULL_TERMINATED;
void                cercle_test_server_start       (CercleTestServer   *self,
                                                    const char * const *extra_args);
int                 cercle_test_server_stop        (CercleTestServer   *self);
void                cercle_test_server_kill        (CercleTestServer   *self);
char               *cercle_test_server_backup     (CercleTestServer   *self);
void                cercle_test_server_restore    (CercleTestServer   *self,
                                                    const char         *backup);
char               *cercle_test_server_read_log    (CercleTestServer   *self);
guint               cercle_test_server_get_port    (CercleTestServer   *self);

CercleTestResponse *cercle_test_request            (CercleTestServer   *self,
                                                    const char         *method,
                                                    const char         *path,
                                                    const char         *token,
                                                    const char         *json_body);
void                cercle_test_response_free      (CercleTestResponse *response);
JsonObject         *cercle_test_response_json      (CercleTestResponse *response);
char               *cercle_test_login              (CercleTestServer   *self,
                                                    const char         *email,
                                                    const char         *device);

JsonObject         *cercle_test_push               (CercleTestServer   *self,
                                                    const char         *token,
                                                    const char         *club_id,
                                                    const char         *client_id,
                                                    JsonArray          *mutations,
                                                    guint              *status);
JsonObject         *cercle_test_mutation           (gint64              mutation_no,
                                                    const char         *entity,
                                                    const char         *row_id,
                                                    const char         *op,
                                                    gint64              base_rev,
                                                    const char         *first_field,
                                                    ...);
GPtrArray          *cercle_test_pull_all           (CercleTestServer   *self,
                                                    const char         *token,
                                                    const char         *club_id,
                                                    guint               limit);
JsonObject         *cercle_test_find_row           (GPtrArray          *rows,
                                                    const char         *id);

/* A small federation to test against: club Alpha with its staff and two
 * members (and a disabled one), club Beta with its staff and a member */
typedef struct
{
  CercleTestServer *server;
  char             *club_a;
  char             *club_b;
  char             *staff_member;
  char             *alice_member;
  char             *bruno_member;
  char             *staffb_member;
  char             *carol_member;
  char             *staff_token;
  char             *alice_token;
  char             *bruno_token;
  char             *staffb_token;
  char             *carol_token;
  char             *disabled_token;
  char             *revoked_token;
} CercleTestWorld;

#define CERCLE_TEST_STAFF_EMAIL    "staff@alpha.exemple.fr"
#define CERCLE_TEST_ALICE_EMAIL    "alice@alpha.exemple.fr"
#define CERCLE_TEST_BRUNO_EMAIL    "bruno@alpha.exemple.fr"
#define CERCLE_TEST_DORA_EMAIL     "dora@alpha.exemple.fr"
#define CERCLE_TEST_STAFFB_EMAIL   "staff@beta.exemple.fr"
#define CERCLE_TEST_CAROL_EMAIL    "carol@beta.exemple.fr"

CercleTestWorld    *cercle_test_world_new          (const char         *name);
void                cercle_test_world_free         (CercleTestWorld    *world);
char               *cercle_test_member_id          (CercleTestServer   *self,
                                                    const char         *token,
                                                    const char         *club_id);
const char         *cercle_test_result_status      (JsonObject         *answer,
                                                    guint               index);
JsonObject         *cercle_test_result             (JsonObject         *answer,
                                                    guint               index);

/* A WebSocket stream being opened with soup_session_websocket_connect_async()
 * (user data: the stream), and the messages it hears */
typedef struct
{
  SoupWebsocketConnection *conn;
  GError                  *error;
  GPtrArray               *messages;
} CercleTestStream;

void                cercle_test_stream_connected_cb (GObject                 *source,
                                                     GAsyncResult            *result,
                                                     gpointer                 user_data);
void                cercle_test_stream_message_cb  (SoupWebsocketConnection *conn,
                                                    int                      type,
                                                    GBytes                  *message,
                                                    gpointer                 user_data);
gboolean            cercle_test_stream_done        (gpointer                 data);
gboolean            cercle_test_stream_has_message (gpointer                 data);
gboolean            cercle_test_stream_closed      (gpointer                 data);
void                cercle_test_stream_open        (CercleTestServer        *server,
                                                    const char              *token,
                                                    const char              *club_id,
                                                    CercleTestStream        *state);
void                cercle_test_stream_clear       (CercleTestStream        *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleTestWorld, cercle_test_world_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleTestServer, cercle_test_server_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleTestResponse, cercle_test_response_free)

G_END_DECLS
