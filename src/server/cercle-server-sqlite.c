/* cercle-server-sqlite.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-server-sqlite-private.h"

/* The server's storage in one SQLite file, the embedded default: its
 * schema, its connections and its epoch. Accounts, sessions, throttling
 * and feeds are in cercle-server-sqlite-accounts.c; a club's rows, seq and
 * idempotency records in cercle-server-sqlite-rows.c.
 *
 * Every club's rows share the tables, keyed by (club_id, id): a row id a
 * client made up can never reach a row of another club. */

static void storage_iface_init (CercleServerStorageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CercleServerSqlite, cercle_server_sqlite, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CERCLE_TYPE_SERVER_STORAGE, storage_iface_init))

#define ROW_COLUMNS "club_id TEXT NOT NULL, id TEXT NOT NULL, " \
                    "rev INTEGER NOT NULL DEFAULT 0, updated_at TEXT, " \
                    "deleted INTEGER NOT NULL DEFAULT 0"
#define ROW_KEY     "PRIMARY KEY (club_id, id)"

/* One SQL string per schema version. A field added to an entity later
 * needs no migration here: open adds the column it finds missing (see
 * add_missing_columns()), as the codec picks up the field. */
const char * const cercle_server_sqlite_migrations[] = {
  /* 0 → 1: the server's first schema */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "INSERT INTO meta (key, value) VALUES ('epoch', lower (hex (randomblob (16))));"
  "CREATE TABLE club_seq (club_id TEXT PRIMARY KEY, seq INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE club (" ROW_COLUMNS ","
  "  name TEXT, city TEXT, website TEXT, description TEXT, time_zone TEXT, " ROW_KEY ");"
  "CREATE TABLE member (" ROW_COLUMNS ","
  "  first_name TEXT, last_name TEXT, company TEXT, job_title TEXT, sector TEXT,"
  "  city TEXT, email TEXT, phone TEXT, website TEXT, bio TEXT, offers TEXT,"
  "  needs TEXT, photo_uri TEXT, status TEXT, role TEXT, sponsor_id TEXT,"
  "  joined_on TEXT, dues_paid_until TEXT, private_fields TEXT,"
  "  qr_consent INTEGER NOT NULL DEFAULT 0, " ROW_KEY ");"
  "CREATE TABLE event (" ROW_COLUMNS ","
  "  title TEXT, kind TEXT, starts_at TEXT, ends_at TEXT, time_zone TEXT, place TEXT,"
  "  video_url TEXT, capacity INTEGER NOT NULL DEFAULT 0, description TEXT, status TEXT,"
  "  " ROW_KEY ");"
  "CREATE TABLE registration (" ROW_COLUMNS ","
  "  event_id TEXT, member_id TEXT, guest_name TEXT, guest_company TEXT, guest_email TEXT,"
  "  invited_by_id TEXT, response TEXT, attendance TEXT, checked_in_at TEXT,"
  "  substitute_name TEXT, registered_at TEXT, " ROW_KEY ");"
  "CREATE INDEX registration_by_event ON registration (club_id, event_id);"
  "CREATE TABLE referral (" ROW_COLUMNS ","
  "  giver_id TEXT, receiver_id TEXT, prospect_name TEXT, prospect_company TEXT,"
  "  prospect_contact TEXT, need TEXT, temperature INTEGER NOT NULL DEFAULT 3, status TEXT,"
  "  amount_cents INTEGER NOT NULL DEFAULT 0, given_on TEXT, closed_on TEXT, notes TEXT,"
  "  prospect_consent INTEGER NOT NULL DEFAULT 0,"
  "  " ROW_KEY ");"
  "CREATE TABLE one_to_one (" ROW_COLUMNS ","
  "  member_a_id TEXT, member_b_id TEXT, met_on TEXT, notes TEXT, " ROW_KEY ");"
  "CREATE TABLE request (" ROW_COLUMNS ","
  "  member_id TEXT, title TEXT, body TEXT, status TEXT, posted_on TEXT, " ROW_KEY ");"
  "CREATE INDEX club_by_seq ON club (club_id, rev);"
  "CREATE INDEX member_by_seq ON member (club_id, rev);"
  "CREATE INDEX event_by_seq ON event (club_id, rev);"
  "CREATE INDEX registration_by_seq ON registration (club_id, rev);"
  "CREATE INDEX referral_by_seq ON referral (club_id, rev);"
  "CREATE INDEX one_to_one_by_seq ON one_to_one (club_id, rev);"
  "CREATE INDEX request_by_seq ON request (club_id, rev);"
  "CREATE TABLE account ("
  "  id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE membership ("
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,"
  "  club_id TEXT NOT NULL, member_id TEXT NOT NULL,"
  "  PRIMARY KEY (account_id, club_id), UNIQUE (club_id, member_id));"
  "CREATE TABLE session ("
  "  id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,"
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,"
  "  device_name TEXT, created_at TEXT NOT NULL, last_used_at TEXT,"
  "  revoked INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX session_by_account ON session (account_id);"
  "CREATE TABLE login_failure (key TEXT NOT NULL, at INTEGER NOT NULL);"
  "CREATE INDEX login_failure_by_key ON login_failure (key, at);"
  "CREATE TABLE answer ("
  "  club_id TEXT NOT NULL, account_id TEXT NOT NULL, client_id TEXT NOT NULL,"
  "  mutation_no INTEGER NOT NULL, answer TEXT NOT NULL,"
  "  PRIMARY KEY (club_id, account_id, client_id, mutation_no)) WITHOUT ROWID;"
  "CREATE TABLE feed ("
  "  secret_hash TEXT PRIMARY KEY,"
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,"
  "  club_id TEXT NOT NULL, UNIQUE (account_id, club_id));"
  "CREATE TABLE consent ("
  "  pk INTEGER PRIMARY KEY, club_id TEXT NOT NULL, entity TEXT NOT NULL,"
  "  row_id TEXT NOT NULL, kind TEXT NOT NULL, granted INTEGER NOT NULL, at TEXT NOT NULL);"
  "CREATE INDEX consent_by_row ON consent (club_id, row_id);",

  /* club life: announcements, replies under needs, mentoring (their
   * fields are added by open, as any field) */
  "CREATE TABLE announcement (" ROW_COLUMNS ", " ROW_KEY ");"
  "CREATE TABLE need_reply (" ROW_COLUMNS ", " ROW_KEY ");"
  "CREATE TABLE mentoring (" ROW_COLUMNS ", " ROW_KEY ");"
  "CREATE INDEX announcement_by_seq ON announcement (club_id, rev);"
  "CREATE INDEX need_reply_by_seq ON need_reply (club_id, rev);"
  "CREATE INDEX mentoring_by_seq ON mentoring (club_id, rev);",
  /* messages: devices' public keys, conversations, encrypted messages
   * (the server never holds a key that opens them) */
  "CREATE TABLE device_key (" ROW_COLUMNS ","
  "  member_id TEXT, public_key TEXT, device_name TEXT, added_at TEXT, " ROW_KEY ");"
  "CREATE TABLE conversation (" ROW_COLUMNS ","
  "  member_a_id TEXT, member_b_id TEXT, vanish_after TEXT, " ROW_KEY ");"
  "CREATE TABLE message (" ROW_COLUMNS ","
  "  conversation_id TEXT, sender_id TEXT, recipient_id TEXT, sender_device_id TEXT,"
  "  sent_at TEXT, expires_at TEXT, ciphertext TEXT, sealed_keys TEXT, " ROW_KEY ");"
  "CREATE INDEX device_key_by_seq ON device_key (club_id, rev);"
  "CREATE INDEX conversation_by_seq ON conversation (club_id, rev);"
  "CREATE INDEX message_by_seq ON message (club_id, rev);"
  "CREATE INDEX message_by_expiry ON message (club_id, expires_at) WHERE expires_at IS NOT NULL;",
};

const guint cercle_server_sqlite_n_migrations = G_N_ELEMENTS (cercle_server_sqlite_migrations);

static gboolean
not_a_server_database (const char  *path,
                       GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
               _("“%s” is not a cercle-server database."), display);
  return FALSE;
}

static gboolean
configure_connection (CercleDb  *db,
                      GError   **error)
{
  /* Readers and the writer meet on the file: waiting is better than
   * failing a request for a lock held a few milliseconds */
  sqlite3_busy_timeout (cercle_db_get_handle (db), 10000);

  /* Checkpoints are the checkpointer thread's: a commit never waits for
   * one */
  return cercle_db_exec (db,
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA synchronous = NORMAL;"
                         "PRAGMA wal_autocheckpoint = 0;"
                         "PRAGMA cache_size = -32768;",
                         CERCLE_DB_OPEN, error);
}

/* Adds the columns of fields the tables lack; with @check_only, only
 * says in @missing whether there are any */
static gboolean
add_missing_columns (CercleDb  *db,
                     gboolean   check_only,
                     gboolean  *missing,
                     GError   **error)
{
  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    {
      g_autoptr(GTypeClass) type_class = g_type_class_ref (cercle_entity_get_record_type (entity));
      CercleRecordClass *klass = CERCLE_RECORD_CLASS (type_class);
      g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autofree char *query = NULL;
      GParamSpec * const *fields;
      sqlite3_stmt *stmt;
      guint n_fields;
      int rc;

      query = g_strdup_printf ("PRAGMA table_info (%s)", cercle_record_class_get_table_name (klass));
      if (!(stmt = cercle_db_prepare (db, query, error)))
        return FALSE;
      while ((rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
        g_hash_table_add (present, g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
      sqlite3_reset (stmt);
      if (rc == 0)
        return FALSE;

      fields = cercle_record_class_get_fields (klass, &n_fields);
      for (guint i = 0; i < n_fields; i++)
        {
          const char *column = cercle_record_class_get_column (klass, i);
          GType type = G_PARAM_SPEC_VALUE_TYPE (fields[i]);
          g_autofree char *alter = NULL;

          if (g_hash_table_contains (present, column))
            continue;

          *missing = TRUE;
          if (check_only)
            return TRUE;

          if (type == G_TYPE_INT || type == G_TYPE_INT64 || type == G_TYPE_BOOLEAN)
            alter = g_strdup_printf ("ALTER TABLE %s ADD COLUMN %s INTEGER NOT NULL DEFAULT 0",
                                     cercle_record_class_get_table_name (klass), column);
          else
            alter = g_strdup_printf ("ALTER TABLE %s ADD COLUMN %s TEXT",
                                     cercle_record_class_get_table_name (klass), column);

          g_debug ("Adding the column %s.%s", cercle_record_class_get_table_name (klass), column);
          if (!cercle_db_exec (db, alter, CERCLE_DB_WRITE, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
migrate (CercleServerSqlite  *self,
         GError             **error)
{
  gint64 version = 0;
  gint64 application_id = 0;
  g_autofree char *set_version = NULL;
  g_autofree char *set_application_id = NULL;
  gboolean missing = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  /* Most opens (every admin command) find the database up to date: they
   * need no write lock, which a running server may hold. One statement
   * reads both numbers, so a migration in between cannot mix them up. */
  if (!(stmt = cercle_db_prepare (self->writer,
                                  "SELECT a.application_id, v.user_version"
                                  " FROM pragma_application_id AS a, pragma_user_version AS v",
                                  error)))
    return FALSE;
  rc = cercle_db_step (self->writer, stmt, CERCLE_DB_READ, error);
  if (rc == SQLITE_ROW)
    {
      application_id = sqlite3_column_int64 (stmt, 0);
      version = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return FALSE;

  if (application_id == CERCLE_SERVER_SQLITE_APPLICATION_ID &&
      version == (gint64)cercle_server_sqlite_n_migrations)
    {
      if (!add_missing_columns (self->writer, TRUE, &missing, error))
        return FALSE;
      if (!missing)
        return TRUE;
    }

  if (!cercle_db_begin (self->writer, error))
    return FALSE;

  if (!cercle_db_query_int64 (self->writer, "PRAGMA application_id", &application_id, error) ||
      !cercle_db_query_int64 (self->writer, "PRAGMA user_version", &version, error))
    goto fail;

  if (application_id != CERCLE_SERVER_SQLITE_APPLICATION_ID && (application_id != 0 || version != 0))
    {
      not_a_server_database (self->path, error);
      goto fail;
    }

  if (application_id == 0)
    {
      gint64 n_tables = 0;

      /* An empty file is ours to fill; one with tables is someone else's */
      if (!cercle_db_query_int64 (self->writer, "SELECT count(*) FROM sqlite_master", &n_tables, error))
        goto fail;
      if (n_tables > 0)
        {
          not_a_server_database (self->path, error);
          goto fail;
        }
    }

  if (version > (gint64)cercle_server_sqlite_n_migrations)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
                   _("“%s” was written by a newer cercle-server; update it to open this database."),
                   display);
      goto fail;
    }

  for (guint i = (guint)version; i < cercle_server_sqlite_n_migrations; i++)
    if (!cercle_db_exec (self->writer, cercle_server_sqlite_migrations[i], CERCLE_DB_WRITE, error))
      goto fail;

  if (!add_missing_columns (self->writer, FALSE, &missing, error))
    goto fail;

  set_version = g_strdup_printf ("PRAGMA user_version = %u", cercle_server_sqlite_n_migrations);
  set_application_id = g_strdup_printf ("PRAGMA application_id = %d", CERCLE_SERVER_SQLITE_APPLICATION_ID);
  if (!cercle_db_exec (self->writer, set_version, CERCLE_DB_WRITE, error) ||
      !cercle_db_exec (self->writer, set_application_id, CERCLE_DB_WRITE, error))
    goto fail;

  return cercle_db_commit (self->writer, error);

fail:
  cercle_db_rollback (self->writer);
  return FALSE;
}

CercleDb *
_cercle_server_sqlite_take_reader (CercleServerSqlite  *self,
                                   GError             **error)
{
  CercleDb *db = NULL;

  g_mutex_lock (&self->readers_lock);
  if (self->idle_readers->len > 0)
    db = g_ptr_array_steal_index_fast (self->idle_readers, self->idle_readers->len - 1);
  g_mutex_unlock (&self->readers_lock);

  if (db != NULL)
    return db;

  db = cercle_db_open (self->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, error);
  if (db == NULL)
    return NULL;

  if (!configure_connection (db, error))
    {
      cercle_db_close (db);
      return NULL;
    }

  return db;
}

void
_cercle_server_sqlite_give_reader (CercleServerSqlite *self,
                                   CercleDb           *db)
{
  g_mutex_lock (&self->readers_lock);
  g_ptr_array_add (self->idle_readers, db);
  g_mutex_unlock (&self->readers_lock);
}

CercleDb *
_cercle_server_sqlite_lock_writer (CercleServerSqlite *self)
{
  g_mutex_lock (&self->writer_lock);
  return self->writer;
}

void
_cercle_server_sqlite_unlock_writer (CercleServerSqlite *self)
{
  g_mutex_unlock (&self->writer_lock);
}

static char *
sqlite_dup_epoch (CercleServerStorage  *storage,
                  GError              **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);
  CercleDb *db = _cercle_server_sqlite_take_reader (self, error);
  sqlite3_stmt *stmt;
  char *epoch = NULL;

  if (db == NULL)
    return NULL;

  if ((stmt = _cercle_server_sqlite_read_prepare (db, "SELECT value FROM meta WHERE key = 'epoch'", error, NULL)))
    {
      int rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error);

      if (rc == SQLITE_ROW)
        epoch = _cercle_server_sqlite_dup_column (stmt, 0);
      else if (rc == SQLITE_DONE)
        not_a_server_database (self->path, error);
      sqlite3_reset (stmt);
    }

  _cercle_server_sqlite_give_reader (self, db);
  return epoch;
}

static gboolean
sqlite_new_epoch (CercleServerStorage  *storage,
                  GError              **error)
{
  return _cercle_server_sqlite_write_one (CERCLE_SERVER_SQLITE (storage),
                                          "UPDATE meta SET value = lower (hex (randomblob (16))) WHERE key = 'epoch'",
                                          NULL, error, "");
}

/* Every second, copies what the log holds into the file, as far as the
 * readers let it (PASSIVE: it never blocks a reader or the writer) */
static gpointer
checkpoint_thread (gpointer data)
{
  CercleServerSqlite *self = data;
  g_autoptr(GError) error = NULL;
  CercleDb *db;

  db = cercle_db_open (self->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, &error);
  if (db == NULL || !configure_connection (db, &error))
    {
      g_warning ("No background checkpoints: %s", error->message);
      g_clear_pointer (&db, cercle_db_close);
    }

  g_mutex_lock (&self->checkpoint_lock);
  while (!self->stopping)
    {
      gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

      while (!self->stopping && g_cond_wait_until (&self->checkpoint_cond, &self->checkpoint_lock, until))
        ;
      if (self->stopping || db == NULL)
        continue;

      g_mutex_unlock (&self->checkpoint_lock);
      if (sqlite3_wal_checkpoint_v2 (cercle_db_get_handle (db), NULL, SQLITE_CHECKPOINT_PASSIVE,
                                     NULL, NULL) != SQLITE_OK)
        g_debug ("Checkpoint: %s", sqlite3_errmsg (cercle_db_get_handle (db)));
      g_mutex_lock (&self->checkpoint_lock);
    }
  g_mutex_unlock (&self->checkpoint_lock);

  g_clear_pointer (&db, cercle_db_close);
  return NULL;
}

static void
cercle_server_sqlite_finalize (GObject *object)
{
  CercleServerSqlite *self = (CercleServerSqlite *)object;

  if (self->checkpointer != NULL)
    {
      g_mutex_lock (&self->checkpoint_lock);
      self->stopping = TRUE;
      g_cond_signal (&self->checkpoint_cond);
      g_mutex_unlock (&self->checkpoint_lock);
      g_thread_join (self->checkpointer);
    }

  _cercle_server_sqlite_clear_tables (self);
  g_clear_pointer (&self->idle_readers, g_ptr_array_unref);

  /* The last connection to close checkpoints the log into the file */
  g_clear_pointer (&self->writer, cercle_db_close);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->writer_lock);
  g_mutex_clear (&self->readers_lock);
  g_mutex_clear (&self->checkpoint_lock);
  g_cond_clear (&self->checkpoint_cond);

  G_OBJECT_CLASS (cercle_server_sqlite_parent_class)->finalize (object);
}

static void
cercle_server_sqlite_class_init (CercleServerSqliteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cercle_server_sqlite_finalize;
}

static void
cercle_server_sqlite_init (CercleServerSqlite *self)
{
  g_mutex_init (&self->writer_lock);
  g_mutex_init (&self->readers_lock);
  g_mutex_init (&self->checkpoint_lock);
  g_cond_init (&self->checkpoint_cond);
  self->idle_readers = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_db_close);
}

static void
storage_iface_init (CercleServerStorageInterface *iface)
{
  iface->dup_epoch = sqlite_dup_epoch;
  iface->new_epoch = sqlite_new_epoch;

  _cercle_server_sqlite_init_accounts_iface (iface);
  _cercle_server_sqlite_init_txn_iface (iface);
  _cercle_server_sqlite_init_move_iface (iface);
}

/**
 * cercle_server_sqlite_open:
 * @path: the database file
 * @create: whether to make it when it does not exist
 *
 * Opens the server's database, brings its schema up to date in one
 * transaction, and refuses a file that is not one (an app's club file,
 * another program's database) without changing it.
 *
 * Returns: (transfer full): the storage, or %NULL with @error set
 */
CercleServerSqlite *
cercle_server_sqlite_open (const char  *path,
                           gboolean     create,
                           GError     **error)
{
  g_autoptr(CercleServerSqlite) self = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

  g_return_val_if_fail (path != NULL, NULL);

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND,
                   _("There is no server database at “%s”; make one with “cercle-server init”."),
                   display);
      return NULL;
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      not_a_server_database (path, error);
      return NULL;
    }

  if (create)
    flags |= SQLITE_OPEN_CREATE;

  self = g_object_new (CERCLE_TYPE_SERVER_SQLITE, NULL);
  self->path = g_strdup (path);

  self->writer = cercle_db_open (path, flags, error);
  if (self->writer == NULL || !configure_connection (self->writer, error))
    return NULL;

  if (!migrate (self, error))
    return NULL;

  /* A write-ahead log lets pulls read while pushes write */
  if (!cercle_db_exec (self->writer, "PRAGMA journal_mode = WAL", CERCLE_DB_OPEN, error))
    return NULL;

  _cercle_server_sqlite_prepare_tables (self);
  self->checkpointer = g_thread_new ("cercle-checkpoint", checkpoint_thread, self);

  return g_steal_pointer (&self);
}
