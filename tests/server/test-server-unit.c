/* test-server-unit.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cercle-server-auth.h"
#include "cercle-server-cursor.h"
#include "cercle-server-protocol.h"
#include "cercle-server-sqlite.h"
#include "cercle-server-sync.h"
#include "cercle-test-utils.h"

/* The server's pieces without a server: cursors, the decoding of what
 * clients send, passwords and tokens, and the SQLite storage on its own. */

#define EPOCH  "0123456789abcdef0123456789abcdef"
#define OTHER  "fedcba9876543210fedcba9876543210"
#define CLIENT "\"client_id\":\"c11e0000-0000-4000-8000-000000000001\""
#define ROW    "\"row_id\":\"a11ce000-0000-4000-8000-000000000001\""

static void
test_cursor (void)
{
  static const char * const invalid[] = {
    "!!!!", "a", "MTox", "====", "MTowMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjotMQ",
    "MjowMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjox",
  };
  g_autofree char *cursor = cercle_server_cursor_encode (EPOCH, 42);
  g_autofree char *zero = cercle_server_cursor_encode (EPOCH, 0);
  g_autofree char *big = cercle_server_cursor_encode (EPOCH, G_MAXINT64);
  g_autofree char *long_one = g_strnfill (CERCLE_SERVER_CURSOR_MAX_LENGTH + 1, 'A');
  g_autoptr(GError) error = NULL;
  gint64 seq = -1;

  /* Opaque, and safe in a query string */
  g_assert_null (strpbrk (cursor, "+/=:"));
  g_assert_null (strstr (cursor, EPOCH));

  g_assert_true (cercle_server_cursor_decode (cursor, EPOCH, &seq, &error));
  g_assert_no_error (error);
  g_assert_cmpint (seq, ==, 42);
  g_assert_true (cercle_server_cursor_decode (zero, EPOCH, &seq, NULL));
  g_assert_cmpint (seq, ==, 0);
  g_assert_true (cercle_server_cursor_decode (big, EPOCH, &seq, NULL));
  g_assert_cmpint (seq, ==, G_MAXINT64);
  g_assert_true (cercle_server_cursor_decode (NULL, EPOCH, &seq, NULL));
  g_assert_cmpint (seq, ==, 0);
  g_assert_true (cercle_server_cursor_decode ("", EPOCH, &seq, NULL));

  /* Another database's cursor is gone, not invalid */
  g_assert_false (cercle_server_cursor_decode (cursor, OTHER, &seq, &error));
  g_assert_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_GONE);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_assert_false (cercle_server_cursor_decode (invalid[i], EPOCH, &seq, &error));
      g_assert_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID);
      g_clear_error (&error);
    }

  g_assert_false (cercle_server_cursor_decode (long_one, EPOCH, &seq, &error));
  g_assert_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID);
}

static void
assert_push_refused (const char *body,
                     const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleServerPush) push = cercle_server_push_decode (body, strlen (body), &error);

  g_assert_null (push);
  g_assert_nonnull (error);
  g_assert_cmpuint (cercle_server_error_status (error), ==, 400);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

static void
test_push_decode (void)
{
  const char *good = "{" CLIENT ",\"mutations\":[{\"mutation_no\":3,\"entity\":\"member\"," ROW ","
                     "\"op\":\"update\",\"base_rev\":2,\"changes\":{\"city\":{\"old\":null,\"new\":\"Lyon\"}}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleServerPush) push = cercle_server_push_decode (good, strlen (good), &error);
  g_autofree char *deep = NULL;
  g_autofree char *many = NULL;
  CercleMutation *mutation;

  g_assert_no_error (error);
  g_assert_cmpstr (push->client_id, ==, "c11e0000-0000-4000-8000-000000000001");
  g_assert_cmpuint (push->mutations->len, ==, 1);
  mutation = g_ptr_array_index (push->mutations, 0);
  g_assert_cmpint (mutation->mutation_no, ==, 3);
  g_assert_cmpint (mutation->entity, ==, CERCLE_ENTITY_MEMBER);
  g_assert_cmpuint (cercle_mutation_get_n_changes (mutation), ==, 1);

  assert_push_refused ("", "empty");
  assert_push_refused ("[]", "object");
  assert_push_refused ("{\"mutations\":[]}", "client_id");
  assert_push_refused ("{\"client_id\":\"nope\",\"mutations\":[]}", "UUID");
  assert_push_refused ("{" CLIENT ",\"mutations\":{}}", "list");
  assert_push_refused ("{" CLIENT ",\"mutations\":[],\"extra\":1}", "extra");
  assert_push_refused ("{" CLIENT ",\"mutations\":[1]}", "Mutation 1");
  assert_push_refused ("{" CLIENT ",\"mutations\":[{\"mutation_no\":1,\"entity\":\"spaceship\"," ROW
                       ",\"op\":\"insert\"}]}", "spaceship");
  assert_push_refused ("{" CLIENT ",\"mutations\":[{\"mutation_no\":1,\"entity\":\"member\"," ROW
                       ",\"op\":\"insert\",\"changes\":{\"shoe_size\":{\"new\":42}}}]}", "shoe_size");
  assert_push_refused ("{" CLIENT ",\"mutations\":[{\"mutation_no\":1,\"entity\":\"member\"," ROW
                       ",\"op\":\"insert\",\"changes\":{\"city\":{\"new\":42}}}]}", "city");
  assert_push_refused ("{" CLIENT ",\"mutations\":[{\"mutation_no\":1,\"entity\":\"referral\"," ROW
                       ",\"op\":\"insert\",\"changes\":{\"temperature\":{\"new\":99999999999999999999}}}]}",
                       "temperature");
  assert_push_refused ("{" CLIENT ",\"mutations\":[{\"mutation_no\":1,\"entity\":\"member\"," ROW
                       ",\"op\":\"teleport\"}]}", "teleport");
  assert_push_refused ("{" CLIENT ",\"mutations\":[{\"mutation_no\":1,\"entity\":\"member\"," ROW
                       ",\"op\":\"delete\",\"changes\":{\"city\":{\"new\":\"x\"}}}]}", "deletion");
  assert_push_refused ("{" CLIENT ",\"mutations\":[{\"mutation_no\":1,\"entity\":\"member\"," ROW
                       ",\"op\":\"delete\"},{\"mutation_no\":1,\"entity\":\"member\"," ROW
                       ",\"op\":\"delete\"}]}", "twice");
  assert_push_refused ("{" CLIENT ",\"mutations\":[{\"mutation_no\":0,\"entity\":\"member\"," ROW
                       ",\"op\":\"delete\"}]}", "mutation_no");
  assert_push_refused ("{" CLIENT ",\"mutations\":[{\"mutation_no\":1,\"entity\":\"member\"," ROW
                       ",\"op\":\"delete\",\"colour\":\"red\"}]}", "colour");
  {
    const char with_nul[] = "{\"client_id\":\"c11e0000-0000-4000-8000-000000000001\0\",\"mutations\":[]}";
    g_autoptr(CercleServerPush) refused = cercle_server_push_decode (with_nul, sizeof with_nul - 1, &error);

    g_assert_null (refused);
    g_assert_cmpuint (cercle_server_error_status (error), ==, 400);
    g_clear_error (&error);
  }
  assert_push_refused ("{\"client_id\":\"\xff\xfe\"}", "UTF-8");

  deep = g_strnfill (10000, '[');
  assert_push_refused (deep, "nested");

  {
    GString *text = g_string_new ("{" CLIENT ",\"mutations\":[");

    for (guint i = 0; i <= CERCLE_SERVER_MAX_MUTATIONS; i++)
      g_string_append_printf (text, "%s{\"mutation_no\":%u,\"entity\":\"member\"," ROW ",\"op\":\"delete\"}",
                              i > 0 ? "," : "", i + 1);
    g_string_append (text, "]}");
    many = g_string_free (text, FALSE);
  }
  assert_push_refused (many, "at most");
}

static void
test_pull_params (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleServerPullParams) none = cercle_server_pull_params_parse (NULL, &error);
  g_autoptr(CercleServerPullParams) some = NULL;
  g_autoptr(CercleServerPullParams) huge = NULL;
  static const char * const refused[] = {
    "limit=0", "limit=-3", "limit=ten", "limit=99999999999999999999", "client_id=me",
    "colour=red", "cursor=%ZZ", "limit=%00",
  };

  g_assert_no_error (error);
  g_assert_cmpuint (none->limit, ==, CERCLE_SERVER_DEFAULT_PULL_LIMIT);
  g_assert_null (none->cursor);

  some = cercle_server_pull_params_parse ("cursor=abc&limit=7&client_id=C11E0000-0000-4000-8000-000000000001",
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpstr (some->cursor, ==, "abc");
  g_assert_cmpuint (some->limit, ==, 7);
  g_assert_cmpstr (some->client_id, ==, "c11e0000-0000-4000-8000-000000000001");

  /* A page is never larger than the server allows */
  huge = cercle_server_pull_params_parse ("limit=1000000", &error);
  g_assert_cmpuint (huge->limit, ==, CERCLE_SERVER_MAX_PULL_LIMIT);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(CercleServerPullParams) params = cercle_server_pull_params_parse (refused[i], &error);

      g_assert_null (params);
      g_assert_nonnull (error);
      g_assert_cmpuint (cercle_server_error_status (error), ==, 400);
      g_clear_error (&error);
    }
}

static void
test_login_decode (void)
{
  const char *good = "{\"email\":\"a@b.fr\",\"password\":\"secret-password\",\"device_name\":\"Poste\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleServerLogin) login = cercle_server_login_decode (good, strlen (good), &error);
  static const char * const refused[] = {
    "{\"email\":\"a@b.fr\"}",
    "{\"email\":\"\",\"password\":\"x\"}",
    "{\"email\":1,\"password\":\"x\"}",
    "{\"email\":\"a@b.fr\",\"password\":\"x\",\"admin\":true}",
  };

  g_assert_no_error (error);
  g_assert_cmpstr (login->email, ==, "a@b.fr");
  g_assert_cmpstr (login->device_name, ==, "Poste");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(CercleServerLogin) bad = cercle_server_login_decode (refused[i], strlen (refused[i]), &error);

      g_assert_null (bad);
      g_assert_cmpuint (cercle_server_error_status (error), ==, 400);
      g_clear_error (&error);
    }
}

static void
test_passwords_and_tokens (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = cercle_server_password_hash ("correct horse", CERCLE_SERVER_PASSWORD_COST_MINIMUM, &error);
  g_autofree char *again = cercle_server_password_hash ("correct horse", CERCLE_SERVER_PASSWORD_COST_MINIMUM, NULL);
  g_autofree char *token = cercle_server_token_new ();
  g_autofree char *other = cercle_server_token_new ();
  g_autofree char *token_hash = cercle_server_token_hash (token);
  CercleServerPasswordCost cost;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_cmpstr (hash, !=, again);
  g_assert_true (cercle_server_password_verify (hash, "correct horse"));
  g_assert_false (cercle_server_password_verify (hash, "correct horsf"));
  g_assert_false (cercle_server_password_verify ("$argon2id$garbage", "correct horse"));

  g_assert_true (cercle_server_password_check_quality ("eight ch", NULL));
  g_assert_false (cercle_server_password_check_quality ("short", &error));
  g_assert_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID);

  g_assert_true (cercle_server_password_cost_from_name ("interactive", &cost));
  g_assert_cmpint (cost, ==, CERCLE_SERVER_PASSWORD_COST_INTERACTIVE);
  g_assert_false (cercle_server_password_cost_from_name ("cheap", &cost));

  /* 256 bits, URL-safe, different each time, stored only as a digest */
  g_assert_cmpuint (strlen (token), ==, CERCLE_SERVER_TOKEN_LENGTH);
  g_assert_true (cercle_server_token_is_well_formed (token));
  g_assert_cmpstr (token, !=, other);
  g_assert_cmpuint (strlen (token_hash), ==, 64);
  g_assert_null (strstr (token_hash, token));
  g_assert_false (cercle_server_token_is_well_formed (NULL));
  g_assert_false (cercle_server_token_is_well_formed ("short"));
  g_assert_false (cercle_server_token_is_well_formed ("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+"));
}

static void
test_sqlite_refuses_other_files (void)
{
  g_autofree char *dir = cercle_test_make_dir ("server-files");
  g_autofree char *club = g_build_filename (dir, "club.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleServerStorage) storage = NULL;
  sqlite3 *db;

  /* An app's club file and another program's database are left alone */
  g_assert_true (cercle_demo_create (club, 5, 1, &error));
  g_assert_no_error (error);
  before = cercle_test_checksum_file (club);
  storage = cercle_server_storage_open (club, TRUE, &error);
  g_assert_null (storage);
  g_assert_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID);
  g_clear_error (&error);
  after = cercle_test_checksum_file (club);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_null (cercle_server_storage_open (other, TRUE, &error));
  g_assert_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (text, "not a database, at all, really not", -1, NULL));
  g_assert_null (cercle_server_storage_open (text, FALSE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_null (cercle_server_storage_open (missing, FALSE, &error));
  g_assert_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A PostgreSQL address that cannot be one is refused before connecting */
  g_assert_null (cercle_server_storage_open ("postgresql://localhost/cercle?pool_size=0", FALSE, &error));
  g_assert_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cercle_server_storage_open ("postgresql://localhost/cercle?no_such_option=1", FALSE, &error));
  g_assert_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID);

  cercle_test_remove_dir (dir);
}

/* A field an entity gains later needs no migration of the server */
static void
test_sqlite_adds_new_columns (void)
{
  g_autofree char *dir = cercle_test_make_dir ("server-columns");
  g_autofree char *path = g_build_filename (dir, "server.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(CercleServerTxn) txn = NULL;
  g_autoptr(CercleRecord) read = NULL;
  g_autoptr(CercleRecord) referral = NULL;
  sqlite3 *db;

  storage = cercle_server_storage_open (path, TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&storage);

  /* As if the file were from before the referral had prospect_consent */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "ALTER TABLE referral DROP COLUMN prospect_consent", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  storage = cercle_server_storage_open (path, FALSE, &error);
  g_assert_no_error (error);

  referral = g_object_new (CERCLE_TYPE_REFERRAL,
                           "id", "f0000000-0000-4000-8000-000000000001",
                           "giver-id", "a", "receiver-id", "b", "prospect-consent", TRUE,
                           NULL);
  txn = cercle_server_storage_begin (storage, "c1000000-0000-4000-8000-000000000001", TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (cercle_server_sync_put_new_row (txn, referral, "2026-11-22T10:00:00Z", &error));
  g_assert_no_error (error);
  g_assert_cmpint (cercle_record_get_rev (referral), ==, 1);
  read = cercle_server_txn_get_record (txn, CERCLE_ENTITY_REFERRAL, "f0000000-0000-4000-8000-000000000001", &error);
  g_assert_no_error (error);
  g_assert_true (cercle_referral_get_prospect_consent (CERCLE_REFERRAL (read)));
  g_assert_true (cercle_server_txn_commit (g_steal_pointer (&txn), &error));

  /* Another club has its own seq, and does not see the row */
  txn = cercle_server_storage_begin (storage, "c2000000-0000-4000-8000-000000000002", TRUE, &error);
  g_clear_object (&read);
  read = cercle_server_txn_get_record (txn, CERCLE_ENTITY_REFERRAL, "f0000000-0000-4000-8000-000000000001", &error);
  g_assert_no_error (error);
  g_assert_null (read);
  g_assert_cmpint (cercle_server_txn_next_seq (txn, &error), ==, 1);
  cercle_server_txn_rollback (g_steal_pointer (&txn));

  g_clear_object (&storage);
  cercle_test_remove_dir (dir);
}

/* First answers are kept for retries, and go once the device has moved on */
static void
test_sqlite_answers (void)
{
  g_autofree char *dir = cercle_test_make_dir ("server-answers");
  g_autofree char *path = g_build_filename (dir, "server.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleServerStorage) storage = cercle_server_storage_open (path, TRUE, &error);
  g_autoptr(CercleServerTxn) txn = NULL;
  gint64 last = -1;

  g_assert_no_error (error);
  txn = cercle_server_storage_begin (storage, "c1000000-0000-4000-8000-000000000001", TRUE, &error);
  g_assert_no_error (error);

  for (gint64 n = 1; n <= 5; n++)
    g_assert_true (cercle_server_txn_save_answer (txn, "account", "device", n, "{\"status\":\"applied\"}", &error));
  g_assert_true (cercle_server_txn_save_answer (txn, "account", "other-device", 1, "{}", &error));

  g_assert_true (cercle_server_txn_prune_answers (txn, "account", "device", 4, &error));
  g_assert_no_error (error);

  for (gint64 n = 1; n <= 5; n++)
    {
      g_autofree char *answer = cercle_server_txn_find_answer (txn, "account", "device", n, &error);

      g_assert_no_error (error);
      g_assert_true ((answer != NULL) == (n >= 4));
    }
  g_free (cercle_server_txn_find_answer (txn, "account", "other-device", 1, &error));
  g_assert_true (cercle_server_txn_last_mutation_no (txn, "account", "device", &last, &error));
  g_assert_cmpint (last, ==, 5);
  g_assert_true (cercle_server_txn_last_mutation_no (txn, "account", "other-device", &last, &error));
  g_assert_cmpint (last, ==, 1);

  cercle_server_txn_rollback (g_steal_pointer (&txn));
  g_clear_object (&storage);
  cercle_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/server/unit/cursor", test_cursor);
  g_test_add_func ("/cercle/server/unit/push-decode", test_push_decode);
  g_test_add_func ("/cercle/server/unit/pull-params", test_pull_params);
  g_test_add_func ("/cercle/server/unit/login-decode", test_login_decode);
  g_test_add_func ("/cercle/server/unit/passwords-and-tokens", test_passwords_and_tokens);
  g_test_add_func ("/cercle/server/unit/sqlite-refuses-other-files", test_sqlite_refuses_other_files);
  g_test_add_func ("/cercle/server/unit/sqlite-adds-new-columns", test_sqlite_adds_new_columns);
  g_test_add_func ("/cercle/server/unit/sqlite-answers", test_sqlite_answers);

  return g_test_run ();
}
