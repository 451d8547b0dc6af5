/* cercle-server-pg.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-pg"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cercle-server-pg-private.h"

/* The server's storage in PostgreSQL, for a federation or a host that
 * outgrows one machine: several cercle-server processes share one
 * database, and nothing lives in a process but a pool of connections.
 * This file holds the schema, its migrations and the storage's opening;
 * the pool and the statements' plumbing are in cercle-server-pg-conn.c,
 * accounts, sessions and feeds are in cercle-server-pg-accounts.c, a
 * club's rows and seq in cercle-server-pg-rows.c, and the listener that
 * hears other processes' commits in cercle-server-pg-notify.c, moving
 * clubs in and out in cercle-server-pg-move.c.
 *
 * The tables are those of the SQLite storage, with PostgreSQL's types, and
 * the migrations have the same numbers: a schema version means the same
 * tables in both. */

static void storage_iface_init (CercleServerStorageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CercleServerPg, cercle_server_pg, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CERCLE_TYPE_SERVER_STORAGE, storage_iface_init))

/* The schema's own version, beside the migrations; also says that the
 * database is cercle-server's */
#define SCHEMA_TABLE     "cercle_server_schema"
/* Serializes migrations when several processes start at once */
#define MIGRATION_LOCK   "4378627636261"

#define ROW_COLUMNS "club_id TEXT NOT NULL, id TEXT NOT NULL, " \
                    "rev BIGINT NOT NULL DEFAULT 0, updated_at TEXT, " \
                    "deleted BOOLEAN NOT NULL DEFAULT FALSE"
#define ROW_KEY     "PRIMARY KEY (club_id, id)"

/* One SQL string per schema version, numbered as the SQLite storage's
 * (cercle-server-sqlite.c): a migration added there is written here too.
 * As there, a field added to an entity later needs no migration: open
 * adds the column it finds missing. */
const char * const cercle_server_pg_migrations[] = {
  /* 0 → 1: the server's first schema */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "INSERT INTO meta (key, value) VALUES ('epoch', replace (gen_random_uuid ()::text, '-', ''));"
  "CREATE TABLE club_seq (club_id TEXT PRIMARY KEY, seq BIGINT NOT NULL DEFAULT 0);"
  "CREATE TABLE club (" ROW_COLUMNS ","
  "  name TEXT, city TEXT, website TEXT, description TEXT, time_zone TEXT, " ROW_KEY ");"
  "CREATE TABLE member (" ROW_COLUMNS ","
  "  first_name TEXT, last_name TEXT, company TEXT, job_title TEXT, sector TEXT,"
  "  city TEXT, email TEXT, phone TEXT, website TEXT, bio TEXT, offers TEXT,"
  "  needs TEXT, photo_uri TEXT, status TEXT, role TEXT, sponsor_id TEXT,"
  "  joined_on TEXT, dues_paid_until TEXT, private_fields TEXT,"
  "  qr_consent BOOLEAN NOT NULL DEFAULT FALSE, " ROW_KEY ");"
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
  "  amount_cents BIGINT NOT NULL DEFAULT 0, given_on TEXT, closed_on TEXT, notes TEXT,"
  "  prospect_consent BOOLEAN NOT NULL DEFAULT FALSE,"
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
  "  id TEXT PRIMARY KEY, email TEXT NOT NULL,"
  "  password_hash TEXT NOT NULL, disabled BOOLEAN NOT NULL DEFAULT FALSE,"
  "  created_at TEXT NOT NULL);"
  "CREATE UNIQUE INDEX account_by_email ON account (lower (email));"
  "CREATE TABLE membership ("
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,"
  "  club_id TEXT NOT NULL, member_id TEXT NOT NULL,"
  "  PRIMARY KEY (account_id, club_id), UNIQUE (club_id, member_id));"
  "CREATE TABLE session ("
  "  id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,"
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,"
  "  device_name TEXT, created_at TEXT NOT NULL, last_used_at TEXT,"
  "  revoked BOOLEAN NOT NULL DEFAULT FALSE);"
  "CREATE INDEX session_by_account ON session (account_id);"
  "CREATE TABLE login_failure (key TEXT NOT NULL, at BIGINT NOT NULL);"
  "CREATE INDEX login_failure_by_key ON login_failure (key, at);"
  "CREATE TABLE answer ("
  "  club_id TEXT NOT NULL, account_id TEXT NOT NULL, client_id TEXT NOT NULL,"
  "  mutation_no BIGINT NOT NULL, answer TEXT NOT NULL,"
  "  PRIMARY KEY (club_id, account_id, client_id, mutation_no));"
  "CREATE TABLE feed ("
  "  secret_hash TEXT PRIMARY KEY,"
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,"
  "  club_id TEXT NOT NULL, UNIQUE (account_id, club_id));"
  "CREATE TABLE consent ("
  "  pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, club_id TEXT NOT NULL,"
  "  entity TEXT NOT NULL, row_id TEXT NOT NULL, kind TEXT NOT NULL,"
  "  granted BOOLEAN NOT NULL, at TEXT NOT NULL);"
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

const guint cercle_server_pg_n_migrations = G_N_ELEMENTS (cercle_server_pg_migrations);

gboolean
cercle_server_pg_is_uri (const char *database)
{
  return database != NULL &&
         (g_str_has_prefix (database, "postgresql://") || g_str_has_prefix (database, "postgres://"));
}

static gboolean
not_a_server_database (CercleServerPg  *self,
                       GError         **error)
{
  g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
               _("“%s” is not a cercle-server database."), self->display_name);
  return FALSE;
}

/* Adds the columns of fields the tables lack; with @check_only, only
 * says in @missing whether there are any */
static gboolean
add_missing_columns (CercleServerPgConn  *conn,
                     gboolean             check_only,
                     gboolean            *missing,
                     GError             **error)
{
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PGresult *result;

  result = _cercle_server_pg_query (conn,
                                    "SELECT table_name, column_name FROM information_schema.columns"
                                    " WHERE table_schema = current_schema ()",
                                    error, "");
  if (result == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (result); i++)
    g_hash_table_add (present, g_strdup_printf ("%s.%s", PQgetvalue (result, i, 0), PQgetvalue (result, i, 1)));
  PQclear (result);

  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    {
      g_autoptr(GTypeClass) type_class = g_type_class_ref (cercle_entity_get_record_type (entity));
      CercleRecordClass *klass = CERCLE_RECORD_CLASS (type_class);
      const char *table = cercle_record_class_get_table_name (klass);
      GParamSpec * const *fields;
      guint n_fields;

      fields = cercle_record_class_get_fields (klass, &n_fields);
      for (guint i = 0; i < n_fields; i++)
        {
          const char *column = cercle_record_class_get_column (klass, i);
          g_autofree char *key = g_strdup_printf ("%s.%s", table, column);
          g_autofree char *alter = NULL;
          GType type = G_PARAM_SPEC_VALUE_TYPE (fields[i]);
          const char *sql_type;

          if (g_hash_table_contains (present, key))
            continue;

          *missing = TRUE;
          if (check_only)
            return TRUE;

          if (type == G_TYPE_INT)
            sql_type = "INTEGER NOT NULL DEFAULT 0";
          else if (type == G_TYPE_INT64)
            sql_type = "BIGINT NOT NULL DEFAULT 0";
          else if (type == G_TYPE_BOOLEAN)
            sql_type = "BOOLEAN NOT NULL DEFAULT FALSE";
          else
            sql_type = "TEXT";

          alter = g_strdup_printf ("ALTER TABLE %s ADD COLUMN %s %s", table, column, sql_type);
          g_debug ("Adding the column %s", key);
          if (!_cercle_server_pg_simple (conn, alter, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* The schema's application and version, or 0 without the table */
static gboolean
read_version (CercleServerPgConn  *conn,
              gboolean            *exists,
              char               **application,
              gint64              *version,
              GError             **error)
{
  PGresult *result;

  result = _cercle_server_pg_query (conn, "SELECT to_regclass ('" SCHEMA_TABLE "') IS NOT NULL", error, "");
  if (result == NULL)
    return FALSE;
  *exists = _cercle_server_pg_boolean (result, 0, 0);
  PQclear (result);

  *version = 0;
  if (!*exists)
    return TRUE;

  result = _cercle_server_pg_query (conn, "SELECT application, version FROM " SCHEMA_TABLE, error, "");
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 1)
    {
      *application = g_strdup (PQgetvalue (result, 0, 0));
      *version = _cercle_server_pg_int64 (result, 0, 1);
    }
  PQclear (result);

  return TRUE;
}

static gboolean
migrate (CercleServerPg      *self,
         CercleServerPgConn  *conn,
         gboolean             create,
         GError             **error)
{
  g_autofree char *application = NULL;
  g_autofree char *set_version = NULL;
  gboolean exists = FALSE;
  gboolean missing = FALSE;
  gint64 version = 0;
  PGresult *result;

  /* Most opens find the schema up to date, and take no lock */
  if (!read_version (conn, &exists, &application, &version, error))
    return FALSE;
  if (exists && g_strcmp0 (application, APPLICATION_NAME) == 0 &&
      version == (gint64)cercle_server_pg_n_migrations)
    {
      if (!add_missing_columns (conn, TRUE, &missing, error))
        return FALSE;
      if (!missing)
        return TRUE;
    }

  /* Another process may be migrating: the lock waits for it, then the
   * version is read again. DDL is transactional: all or nothing. */
  if (!_cercle_server_pg_simple (conn, "BEGIN; SELECT pg_advisory_xact_lock (" MIGRATION_LOCK ")", error))
    return FALSE;

  g_clear_pointer (&application, g_free);
  if (!read_version (conn, &exists, &application, &version, error))
    goto fail;

  if (!exists)
    {
      result = _cercle_server_pg_query (conn,
                                        "SELECT count(*) FROM pg_catalog.pg_tables"
                                        " WHERE schemaname = current_schema ()",
                                        error, "");
      if (result == NULL)
        goto fail;

      /* An empty database is ours to fill; one with tables is another's */
      if (_cercle_server_pg_int64 (result, 0, 0) > 0)
        {
          PQclear (result);
          not_a_server_database (self, error);
          goto fail;
        }
      PQclear (result);

      if (!create)
        {
          g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND,
                       _("The database “%s” is empty; make a server database in it with “cercle-server init”."),
                       self->display_name);
          goto fail;
        }

      if (!_cercle_server_pg_simple (conn,
                                     "CREATE TABLE " SCHEMA_TABLE " (application TEXT NOT NULL,"
                                     " version INTEGER NOT NULL);"
                                     "INSERT INTO " SCHEMA_TABLE " VALUES ('" APPLICATION_NAME "', 0)",
                                     error))
        goto fail;
    }
  else if (g_strcmp0 (application, APPLICATION_NAME) != 0)
    {
      not_a_server_database (self, error);
      goto fail;
    }

  if (version > (gint64)cercle_server_pg_n_migrations)
    {
      g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
                   _("“%s” was written by a newer cercle-server; update it to open this database."),
                   self->display_name);
      goto fail;
    }

  for (guint i = (guint)version; i < cercle_server_pg_n_migrations; i++)
    if (!_cercle_server_pg_simple (conn, cercle_server_pg_migrations[i], error))
      goto fail;

  if (!add_missing_columns (conn, FALSE, &missing, error))
    goto fail;

  set_version = g_strdup_printf ("UPDATE " SCHEMA_TABLE " SET version = %u; COMMIT",
                                 cercle_server_pg_n_migrations);
  if (!_cercle_server_pg_simple (conn, set_version, error))
    goto fail;

  return TRUE;

fail:
  _cercle_server_pg_simple (conn, "ROLLBACK", NULL);
  return FALSE;
}

static char *
pg_dup_epoch (CercleServerStorage  *storage,
              GError              **error)
{
  CercleServerPg *self = CERCLE_SERVER_PG (storage);
  PGresult *result;
  char *epoch = NULL;

  result = _cercle_server_pg_read_one (self, "SELECT value FROM meta WHERE key = 'epoch'", error, "");
  if (result == NULL)
    return NULL;

  if (PQntuples (result) == 1)
    epoch = g_strdup (PQgetvalue (result, 0, 0));
  else
    not_a_server_database (self, error);
  PQclear (result);

  return epoch;
}

static gboolean
pg_new_epoch (CercleServerStorage  *storage,
              GError              **error)
{
  return _cercle_server_pg_write_one (CERCLE_SERVER_PG (storage),
                                      "UPDATE meta SET value = replace (gen_random_uuid ()::text, '-', '')"
                                      " WHERE key = 'epoch'",
                                      NULL, error, "");
}

static void
pg_listen (CercleServerStorage *storage)
{
  _cercle_server_pg_start_listener (CERCLE_SERVER_PG (storage));
}

static void
cercle_server_pg_dispose (GObject *object)
{
  CercleServerPg *self = (CercleServerPg *)object;

  /* No signal from the listener once the object goes */
  _cercle_server_pg_stop_listener (self);

  G_OBJECT_CLASS (cercle_server_pg_parent_class)->dispose (object);
}

static void
cercle_server_pg_finalize (GObject *object)
{
  CercleServerPg *self = (CercleServerPg *)object;

  g_assert (self->idle->len == self->n_open);

  _cercle_server_pg_clear_tables (self);
  g_ptr_array_foreach (self->idle, (GFunc)_cercle_server_pg_conn_free, NULL);
  g_clear_pointer (&self->idle, g_ptr_array_unref);
  g_clear_pointer (&self->seen_seqs, g_hash_table_unref);
  g_clear_pointer (&self->conninfo, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_mutex_clear (&self->pool_lock);
  g_cond_clear (&self->pool_cond);
  g_mutex_clear (&self->seen_lock);

  G_OBJECT_CLASS (cercle_server_pg_parent_class)->finalize (object);
}

static void
cercle_server_pg_class_init (CercleServerPgClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cercle_server_pg_dispose;
  object_class->finalize = cercle_server_pg_finalize;
}

static void
cercle_server_pg_init (CercleServerPg *self)
{
  g_mutex_init (&self->pool_lock);
  g_cond_init (&self->pool_cond);
  g_mutex_init (&self->seen_lock);
  self->idle = g_ptr_array_new ();
  self->seen_seqs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pool_size = CERCLE_SERVER_PG_DEFAULT_POOL_SIZE;
  self->wake_fds[0] = self->wake_fds[1] = -1;
}

static void
storage_iface_init (CercleServerStorageInterface *iface)
{
  iface->dup_epoch = pg_dup_epoch;
  iface->new_epoch = pg_new_epoch;
  iface->listen = pg_listen;

  _cercle_server_pg_init_accounts_iface (iface);
  _cercle_server_pg_init_txn_iface (iface);
  _cercle_server_pg_init_move_iface (iface);
}

static gboolean
bad_uri (const char  *message,
         GError     **error)
{
  g_autofree char *line = _cercle_server_pg_first_line (message);

  g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
               _("This is not a PostgreSQL address: %s"), line);
  return FALSE;
}

/* Takes our own parameters (pool_size) out of @uri's query, which libpq
 * would refuse, and checks the rest with libpq */
static gboolean
parse_uri (CercleServerPg  *self,
           const char      *uri,
           GError         **error)
{
  g_autoptr(GString) conninfo = NULL;
  g_auto(GStrv) params = NULL;
  const char *query = strchr (uri, '?');
  PQconninfoOption *options;
  char *message = NULL;
  const char *user = NULL;
  const char *host = NULL;
  const char *port = NULL;
  const char *dbname = NULL;

  conninfo = g_string_new_len (uri, query != NULL ? query - uri : (gssize)strlen (uri));

  if (query != NULL)
    {
      guint n_kept = 0;

      params = g_strsplit (query + 1, "&", -1);
      for (guint i = 0; params[i] != NULL; i++)
        {
          if (g_str_has_prefix (params[i], "pool_size="))
            {
              const char *text = params[i] + strlen ("pool_size=");
              guint64 size = 0;

              if (!g_ascii_string_to_unsigned (text, 10, 1, CERCLE_SERVER_PG_MAX_POOL_SIZE, &size, NULL))
                {
                  g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
                               _("pool_size must be a number between 1 and %d."),
                               CERCLE_SERVER_PG_MAX_POOL_SIZE);
                  return FALSE;
                }
              self->pool_size = (guint)size;
              continue;
            }

          g_string_append_c (conninfo, n_kept++ == 0 ? '?' : '&');
          g_string_append (conninfo, params[i]);
        }
    }

  options = PQconninfoParse (conninfo->str, &message);
  if (options == NULL)
    {
      gboolean ok = bad_uri (message, error);

      PQfreemem (message);
      return ok;
    }

  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    {
      if (option->val == NULL || *option->val == '\0')
        continue;
      if (g_str_equal (option->keyword, "user"))
        user = option->val;
      else if (g_str_equal (option->keyword, "host"))
        host = option->val;
      else if (g_str_equal (option->keyword, "port"))
        port = option->val;
      else if (g_str_equal (option->keyword, "dbname"))
        dbname = option->val;
    }

  /* What messages show: never the password */
  self->display_name = g_strdup_printf ("postgresql://%s%s%s%s%s/%s",
                                        user != NULL ? user : "", user != NULL ? "@" : "",
                                        host != NULL && host[0] != '/' ? host : "",
                                        port != NULL ? ":" : "", port != NULL ? port : "",
                                        dbname != NULL ? dbname : "");
  if (host != NULL && host[0] == '/')
    {
      g_autofree char *with_socket = g_strdup_printf ("%s?host=%s", self->display_name, host);

      g_free (self->display_name);
      self->display_name = g_steal_pointer (&with_socket);
    }

  PQconninfoFree (options);
  self->conninfo = g_string_free (g_steal_pointer (&conninfo), FALSE);

  return TRUE;
}

const char *
cercle_server_pg_get_display_name (CercleServerPg *self)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_PG (self), NULL);

  return self->display_name;
}

/**
 * cercle_server_pg_open:
 * @uri: a postgresql:// URI, as libpq takes it, with pool_size=N if need be
 * @create: whether to make the schema in an empty database
 *
 * Connects, and brings the schema up to date in one transaction (one
 * process at a time). A database that holds other tables is refused
 * without being changed. The database itself is the administrator's to
 * make (createdb), with its role.
 *
 * Returns: (transfer full): the storage, or %NULL with @error set
 */
CercleServerPg *
cercle_server_pg_open (const char  *uri,
                       gboolean     create,
                       GError     **error)
{
  g_autoptr(CercleServerPg) self = NULL;
  CercleServerPgConn *conn;
  gboolean ok;

  g_return_val_if_fail (cercle_server_pg_is_uri (uri), NULL);

  self = g_object_new (CERCLE_TYPE_SERVER_PG, NULL);
  if (!parse_uri (self, uri, error))
    return NULL;

  if (!(conn = _cercle_server_pg_take (self, error)))
    return NULL;

  ok = migrate (self, conn, create, error);
  _cercle_server_pg_give (self, conn);
  if (!ok)
    return NULL;

  _cercle_server_pg_prepare_tables (self);

  return g_steal_pointer (&self);
}
