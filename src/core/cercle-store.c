/* cercle-store.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cercle-club.h"
#include "cercle-member.h"
#include "cercle-store-private.h"

/* One member's local copy of a club: one SQLite file. This file holds the
 * schema (its migrations, applied by cercle-store-open.c), the store's
 * lifetime, its meta table and reader connection, who the local user is,
 * and the "changed" signal that tells views, once per burst, what was
 * written. The generic reading and writing of records, with history and
 * outbox, is in cercle-store-records.c; what is particular to a table is
 * in its area file (cercle-store-members.c…). */

G_DEFINE_FINAL_TYPE (CercleStore, cercle_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

#define COMMON_COLUMNS "pk INTEGER PRIMARY KEY, " \
                       "id TEXT NOT NULL UNIQUE, " \
                       "rev INTEGER NOT NULL DEFAULT 0, " \
                       "updated_at TEXT, " \
                       "deleted INTEGER NOT NULL DEFAULT 0"

const char * const cercle_store_migrations[] = {
  /* 0 → 1: the entities, history and outbox. */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
  "CREATE TABLE club (" COMMON_COLUMNS ","
  "  name TEXT, city TEXT, website TEXT, description TEXT, time_zone TEXT);"
  "CREATE TABLE member (" COMMON_COLUMNS ","
  "  first_name TEXT, last_name TEXT, company TEXT, job_title TEXT, sector TEXT,"
  "  city TEXT, email TEXT, phone TEXT, website TEXT, bio TEXT, offers TEXT,"
  "  needs TEXT, photo_uri TEXT,"
  "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('candidate','active','alumni')),"
  "  role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member','staff')),"
  "  sponsor_id TEXT REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  joined_on TEXT, dues_paid_until TEXT, private_fields TEXT,"
  "  qr_consent INTEGER NOT NULL DEFAULT 0,"
  "  sort_key TEXT);"
  "CREATE INDEX member_by_name ON member (deleted, sort_key);"
  "CREATE TABLE event (" COMMON_COLUMNS ","
  "  title TEXT NOT NULL CHECK (title <> ''), kind TEXT NOT NULL DEFAULT 'meeting',"
  "  starts_at TEXT NOT NULL, ends_at TEXT, time_zone TEXT, place TEXT, video_url TEXT,"
  "  capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0), description TEXT,"
  "  status TEXT NOT NULL DEFAULT 'scheduled');"
  "CREATE INDEX event_by_start ON event (deleted, starts_at);"
  "CREATE TABLE registration (" COMMON_COLUMNS ","
  "  event_id TEXT NOT NULL REFERENCES event (id) DEFERRABLE INITIALLY DEFERRED,"
  "  member_id TEXT REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  guest_name TEXT, guest_company TEXT, guest_email TEXT,"
  "  invited_by_id TEXT REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  response TEXT NOT NULL DEFAULT 'yes'"
  "    CHECK (response IN ('yes','no','maybe','waitlist')),"
  "  attendance TEXT NOT NULL DEFAULT 'unknown',"
  "  checked_in_at TEXT, substitute_name TEXT, registered_at TEXT,"
  "  CHECK (member_id IS NOT NULL OR coalesce (guest_name, '') <> ''));"
  "CREATE INDEX registration_by_event ON registration (event_id, deleted);"
  "CREATE UNIQUE INDEX registration_once ON registration (event_id, member_id)"
  "  WHERE member_id IS NOT NULL AND deleted = 0;"
  "CREATE TABLE referral (" COMMON_COLUMNS ","
  "  giver_id TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  receiver_id TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  prospect_name TEXT, prospect_company TEXT, prospect_contact TEXT, need TEXT,"
  "  temperature INTEGER NOT NULL DEFAULT 3 CHECK (temperature BETWEEN 1 AND 5),"
  "  status TEXT NOT NULL DEFAULT 'proposed',"
  "  amount_cents INTEGER NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),"
  "  given_on TEXT, closed_on TEXT, notes TEXT);"
  "CREATE INDEX referral_by_date ON referral (deleted, given_on);"
  "CREATE TABLE one_to_one (" COMMON_COLUMNS ","
  "  member_a_id TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  member_b_id TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  met_on TEXT, notes TEXT);"
  "CREATE TABLE request (" COMMON_COLUMNS ","
  "  member_id TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  title TEXT, body TEXT, status TEXT NOT NULL DEFAULT 'open', posted_on TEXT);"
  "CREATE TABLE history ("
  "  pk INTEGER PRIMARY KEY, entity TEXT NOT NULL, row_id TEXT NOT NULL,"
  "  field TEXT NOT NULL, old_value TEXT, new_value TEXT,"
  "  changed_at TEXT NOT NULL, origin TEXT NOT NULL);"
  "CREATE INDEX history_by_row ON history (row_id);"
  "CREATE TABLE outbox ("
  "  mutation_no INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL,"
  "  row_id TEXT NOT NULL, op TEXT NOT NULL, base_rev INTEGER NOT NULL,"
  "  changes TEXT NOT NULL, created_at TEXT NOT NULL);",

  /* 1 → 2: full-text search on members. External content, so the text is
   * stored once. The store indexes the rows it writes itself, not through
   * triggers: FTS5 flushes its pending terms at every statement savepoint,
   * so a trigger would write one index segment per member. */
  "CREATE VIRTUAL TABLE member_fts USING fts5 ("
  "  first_name, last_name, company, job_title, sector, city, offers, needs,"
  "  content = 'member', content_rowid = 'pk',"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');"
  "INSERT INTO member_fts (member_fts) VALUES ('rebuild');",

  /* Members: the directory in name order with what its filters look at,
   * read from the index alone, so that the search's cached directory is
   * read again quickly after an edit. It replaces the plain name index;
   * namesakes keep their order by row number when their city changes. */
  "DROP INDEX IF EXISTS member_by_name;"
  "CREATE INDEX IF NOT EXISTS member_directory ON member (deleted, sort_key, pk, sector, city, status, role);",

  /* server: whether a referral's prospect agreed to be passed on */
  "ALTER TABLE referral ADD COLUMN prospect_consent INTEGER NOT NULL DEFAULT 0;",

  /* calendar: an event's organizer; times in one UTC form, and as numbers
   * for the queries, which compare instants rather than strings; a
   * member's registrations at a glance. */
  "ALTER TABLE event ADD COLUMN organizer_id TEXT"
  "  REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED;"
  "ALTER TABLE event ADD COLUMN starts_epoch INTEGER;"
  "ALTER TABLE event ADD COLUMN ends_epoch INTEGER;"
  "UPDATE event SET"
  "  starts_at = coalesce (strftime ('%Y-%m-%dT%H:%M:%SZ', starts_at), starts_at),"
  "  ends_at = coalesce (strftime ('%Y-%m-%dT%H:%M:%SZ', ends_at), ends_at);"
  "UPDATE event SET starts_epoch = unixepoch (starts_at),"
  "  ends_epoch = unixepoch (coalesce (ends_at, starts_at));"
  "UPDATE registration SET"
  "  registered_at = coalesce (strftime ('%Y-%m-%dT%H:%M:%SZ', registered_at), registered_at),"
  "  checked_in_at = coalesce (strftime ('%Y-%m-%dT%H:%M:%SZ', checked_in_at), checked_in_at);"
  "CREATE INDEX event_by_time ON event (deleted, starts_epoch);"
  "CREATE INDEX registration_by_member ON registration (member_id, deleted);",

  /* Members: a company's SIRET and the member's photo (a small data: URI).
   * The index reads its text through a view that spells the ligatures œ
   * and æ as two letters, which the unicode61 tokenizer does not do, so
   * that "oeuvres" finds "Œuvres"; the view needs no function of ours, so
   * any SQLite can still query the index. Then what a profile's activity
   * and its sponsored members are read by (names of their own: other
   * areas index these tables for their own queries; the referrals
   * given and received use the referral board's indexes). */
  "ALTER TABLE member ADD COLUMN siret TEXT;"
  "ALTER TABLE member ADD COLUMN photo TEXT;"
  "DROP TABLE member_fts;"
  "CREATE VIEW member_fts_text AS SELECT pk,"
  "  " CERCLE_STORE_FOLD_LIGATURES ("first_name") " AS first_name,"
  "  " CERCLE_STORE_FOLD_LIGATURES ("last_name") " AS last_name,"
  "  " CERCLE_STORE_FOLD_LIGATURES ("company") " AS company,"
  "  " CERCLE_STORE_FOLD_LIGATURES ("job_title") " AS job_title,"
  "  " CERCLE_STORE_FOLD_LIGATURES ("sector") " AS sector,"
  "  " CERCLE_STORE_FOLD_LIGATURES ("city") " AS city,"
  "  " CERCLE_STORE_FOLD_LIGATURES ("offers") " AS offers,"
  "  " CERCLE_STORE_FOLD_LIGATURES ("needs") " AS needs"
  "  FROM member;"
  "CREATE VIRTUAL TABLE member_fts USING fts5 ("
  "  first_name, last_name, company, job_title, sector, city, offers, needs,"
  "  content = 'member_fts_text', content_rowid = 'pk',"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');"
  "INSERT INTO member_fts (member_fts) VALUES ('rebuild');"
  "CREATE INDEX member_profile_sponsor ON member (sponsor_id, deleted) WHERE sponsor_id IS NOT NULL;"
  "CREATE INDEX member_profile_registrations ON registration (member_id, deleted, event_id, response, attendance);"
  "CREATE INDEX member_profile_met_a ON one_to_one (member_a_id, deleted, member_b_id);"
  "CREATE INDEX member_profile_met_b ON one_to_one (member_b_id, deleted, member_a_id);",

  /* Referral board: a referral records the need it answers and the day
   * its status last moved; a one-to-one has an author, whose notes are
   * private; a need has a sector; the club may rank business closed
   * member by member. Existing one-to-ones are
   * their first member's; existing referrals last moved when closed or
   * given. The indexes serve the board's columns and counts, a member's
   * own referrals and the season's statistics (a member's one-to-ones use
   * the profile's indexes of the migration before), each covering what its
   * query reads: at 200,000 referrals, reading the rows themselves costs
   * ten times more. */
  "ALTER TABLE referral ADD COLUMN request_id TEXT"
  "  REFERENCES request (id) DEFERRABLE INITIALLY DEFERRED;"
  "ALTER TABLE referral ADD COLUMN moved_on TEXT;"
  "UPDATE referral SET moved_on = coalesce (closed_on, given_on);"
  "ALTER TABLE one_to_one ADD COLUMN author_id TEXT"
  "  REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED;"
  "UPDATE one_to_one SET author_id = member_a_id;"
  "ALTER TABLE request ADD COLUMN sector TEXT;"
  "ALTER TABLE request ADD COLUMN closed_on TEXT;"
  "ALTER TABLE club ADD COLUMN rank_business INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX referral_by_status ON referral (deleted, status, moved_on);"
  "CREATE INDEX referral_by_giver ON referral (giver_id, deleted, given_on);"
  "CREATE INDEX referral_by_receiver ON referral (receiver_id, deleted, given_on);"
  "CREATE INDEX referral_by_closing ON referral"
  "  (deleted, status, closed_on, receiver_id, amount_cents, temperature);"
  "CREATE INDEX one_to_one_by_date ON one_to_one (deleted, met_on);"
  "CREATE INDEX request_by_date ON request (deleted, status, posted_on);",

  /* sync: what the club's server answered that the user must see (the
   * values it kept beside the user's, the edits it refused), the rows seen
   * by a pull started again from scratch, and the outbox by row, which
   * every pulled row looks up */
  "CREATE TABLE sync_conflict ("
  "  pk INTEGER PRIMARY KEY, entity TEXT NOT NULL, row_id TEXT NOT NULL,"
  "  field TEXT NOT NULL, mine TEXT, theirs TEXT,"
  "  row_deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL,"
  "  UNIQUE (row_id, field));"
  "CREATE TABLE sync_rejection ("
  "  pk INTEGER PRIMARY KEY, entity TEXT NOT NULL, row_id TEXT NOT NULL,"
  "  op TEXT NOT NULL, base_rev INTEGER NOT NULL DEFAULT 0, changes TEXT NOT NULL,"
  "  reason TEXT NOT NULL, created_at TEXT NOT NULL);"
  "CREATE TABLE sync_resync_seen (id TEXT PRIMARY KEY) WITHOUT ROWID;"
  "CREATE INDEX outbox_by_row ON outbox (row_id);",

  /* printing: the club's logo, a small PNG as a data: URI, for badges */
  "ALTER TABLE club ADD COLUMN logo TEXT;",
  /* club life: the staff's announcements, replies under needs, mentors
   * paired with new members; a referral remembers the reply it came from.
   * An announcement's event is a link, not a key: a member's copy does
   * not hold the staff's drafts. club_life_seen is this device's own:
   * which announcements the local user read, and which rows they were
   * told about by a notification; it never syncs. */
  "CREATE TABLE announcement (" COMMON_COLUMNS ","
  "  author_id TEXT REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  title TEXT, body TEXT, event_id TEXT,"
  "  pinned INTEGER NOT NULL DEFAULT 0, posted_at TEXT);"
  "CREATE INDEX announcement_by_date ON announcement (deleted, pinned, posted_at);"
  "CREATE TABLE need_reply (" COMMON_COLUMNS ","
  "  request_id TEXT NOT NULL REFERENCES request (id) DEFERRABLE INITIALLY DEFERRED,"
  "  member_id TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  body TEXT, posted_at TEXT);"
  "CREATE INDEX need_reply_by_request ON need_reply (request_id, deleted, posted_at);"
  "CREATE TABLE mentoring (" COMMON_COLUMNS ","
  "  mentor_id TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  mentee_id TEXT NOT NULL REFERENCES member (id) DEFERRABLE INITIALLY DEFERRED,"
  "  starts_on TEXT, ends_on TEXT);"
  "CREATE INDEX mentoring_by_mentor ON mentoring (mentor_id, deleted);"
  "CREATE INDEX mentoring_by_mentee ON mentoring (mentee_id, deleted);"
  "ALTER TABLE referral ADD COLUMN reply_id TEXT"
  "  REFERENCES need_reply (id) DEFERRABLE INITIALLY DEFERRED;"
  "CREATE TABLE club_life_seen ("
  "  row_id TEXT PRIMARY KEY, read INTEGER NOT NULL DEFAULT 0,"
  "  notified INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;",
  /* messages: the devices' public keys, conversations and their
   * encrypted messages as synced; then, never synced, what this device
   * could decrypt (message_text, with its full-text index: the only
   * place the plaintext is kept) and how far each conversation was read */
  "CREATE TABLE device_key (" COMMON_COLUMNS ","
  "  member_id TEXT, public_key TEXT, device_name TEXT, added_at TEXT);"
  "CREATE INDEX device_key_by_member ON device_key (member_id, deleted);"
  "CREATE TABLE conversation (" COMMON_COLUMNS ","
  "  member_a_id TEXT, member_b_id TEXT, vanish_after TEXT NOT NULL DEFAULT 'never');"
  "CREATE TABLE message (" COMMON_COLUMNS ","
  "  conversation_id TEXT, sender_id TEXT, recipient_id TEXT, sender_device_id TEXT,"
  "  sent_at TEXT, expires_at TEXT, ciphertext TEXT, sealed_keys TEXT);"
  "CREATE INDEX message_by_expiry ON message (expires_at) WHERE deleted = 0 AND expires_at IS NOT NULL;"
  "CREATE TABLE message_text ("
  "  pk INTEGER PRIMARY KEY, message_id TEXT NOT NULL UNIQUE, conversation_id TEXT NOT NULL,"
  "  sent_at TEXT NOT NULL, outgoing INTEGER NOT NULL, state INTEGER NOT NULL, body TEXT);"
  "CREATE INDEX message_text_by_conversation ON message_text (conversation_id, sent_at, pk);"
  "CREATE VIRTUAL TABLE message_fts USING fts5 ("
  "  body, content = 'message_text', content_rowid = 'pk',"
  "  tokenize = 'unicode61 remove_diacritics 2');"
  "CREATE TRIGGER message_text_indexed AFTER INSERT ON message_text BEGIN"
  "  INSERT INTO message_fts (rowid, body) VALUES (new.pk, new.body); END;"
  "CREATE TRIGGER message_text_unindexed AFTER DELETE ON message_text BEGIN"
  "  INSERT INTO message_fts (message_fts, rowid, body) VALUES ('delete', old.pk, old.body); END;"
  "CREATE TABLE conversation_read (conversation_id TEXT PRIMARY KEY, read_until TEXT NOT NULL);",
  /* messages: a thread asks, as it opens, whether any of its messages
   * were sealed before this device; its other ten thousand need not be
   * read to say no (state 1 is CERCLE_MESSAGE_STATE_NOT_FOR_THIS_DEVICE) */
  "CREATE INDEX message_text_unreadable ON message_text (conversation_id) WHERE state = 1;",

  /* Members: a profile's referrals given and received, counted from an
   * index of their own. Without one the planner counted the received ones
   * by walking the referral board's closing index, every referral of the
   * club, because it covers the columns the count reads. */
  "CREATE INDEX member_profile_given ON referral (giver_id, deleted, status);"
  "CREATE INDEX member_profile_received ON referral (receiver_id, deleted, status);",
  /* referrals: the statistics' referrals given and received, member by
   * member, in one read of the season's range */
  "CREATE INDEX referral_by_season ON referral (deleted, given_on, giver_id, receiver_id);",
};

const guint cercle_store_n_migrations = G_N_ELEMENTS (cercle_store_migrations);

/* The value of @key in the meta table, or NULL without an error when it
 * has none */
char *
_cercle_store_get_meta (CercleStore  *self,
                        const char   *key,
                        GError      **error)
{
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  if (!(stmt = cercle_db_prepare (self->db, "SELECT value FROM meta WHERE key = ?1", error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, key, error))
    return NULL;

  rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error);
  if (rc == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

/**
 * _cercle_store_lock_reader:
 *
 * Takes the store's read-only connection for one query, from any thread,
 * opening it the first time; give it back with _cercle_store_unlock_reader().
 *
 * Returns: (transfer none): the connection, or %NULL with @error set (and
 *   nothing to give back)
 */
CercleDb *
_cercle_store_lock_reader (CercleStore  *self,
                           GError      **error)
{
  g_mutex_lock (&self->reader_lock);

  if (self->reader == NULL)
    {
      self->reader = cercle_db_open (self->path, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, error);
      if (self->reader == NULL)
        {
          g_mutex_unlock (&self->reader_lock);
          return NULL;
        }

      /* Readers in WAL mode wait only for a checkpoint's brief lock; the
       * board reads the indexes of every referral of the club */
      sqlite3_busy_timeout (cercle_db_get_handle (self->reader), 1000);
      if (!cercle_db_exec (self->reader, "PRAGMA cache_size = -32768", CERCLE_DB_READ, error))
        {
          g_clear_pointer (&self->reader, cercle_db_close);
          g_mutex_unlock (&self->reader_lock);
          return NULL;
        }
    }

  return self->reader;
}

void
_cercle_store_unlock_reader (CercleStore *self)
{
  g_mutex_unlock (&self->reader_lock);
}

gboolean
_cercle_store_set_meta (CercleStore  *self,
                        const char   *key,
                        const char   *value,
                        GError      **error)
{
  sqlite3_stmt *stmt;

  if (value == NULL)
    {
      if (!(stmt = cercle_db_prepare (self->db, "DELETE FROM meta WHERE key = ?1", error)))
        return FALSE;
      return cercle_db_bind_text (self->db, stmt, 1, key, error) &&
             cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error);
    }

  if (!(stmt = cercle_db_prepare (self->db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                                  error)))
    return FALSE;

  return cercle_db_bind_text (self->db, stmt, 1, key, error) &&
         cercle_db_bind_text (self->db, stmt, 2, value, error) &&
         cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error);
}

static gboolean
emit_changes_cb (gpointer user_data)
{
  CercleStore *self = user_data;

  g_clear_pointer (&self->changes_source, g_source_unref);
  cercle_store_flush_changes (self);

  return G_SOURCE_REMOVE;
}

/* Adds @changes to what views will hear of, once, from the main loop: a
 * burst of writes (a sync page, a batch of check-ins) costs one refresh. */
void
_cercle_store_note_change (CercleStore     *self,
                           CercleChangeSet *changes)
{
  if (cercle_change_set_is_empty (changes))
    return;

  if (self->pending_changes == NULL)
    self->pending_changes = cercle_change_set_new ();
  cercle_change_set_merge (self->pending_changes, changes);

  if (self->changes_source == NULL)
    {
      self->changes_source = g_idle_source_new ();
      g_source_set_priority (self->changes_source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (self->changes_source, emit_changes_cb, self, NULL);
      g_source_set_static_name (self->changes_source, "[cercle] store changes");
      g_source_attach (self->changes_source, self->main_context);
    }
}

static void
cercle_store_dispose (GObject *object)
{
  CercleStore *self = (CercleStore *)object;

  if (self->changes_source != NULL)
    {
      g_source_destroy (self->changes_source);
      g_clear_pointer (&self->changes_source, g_source_unref);
    }

  G_OBJECT_CLASS (cercle_store_parent_class)->dispose (object);
}

static void
cercle_store_finalize (GObject *object)
{
  CercleStore *self = (CercleStore *)object;

  for (guint i = 0; i < CERCLE_N_ENTITIES; i++)
    g_clear_pointer (&self->sql[i], cercle_record_sql_free);
  g_clear_pointer (&self->batch_changes, cercle_change_set_unref);
  g_clear_pointer (&self->pending_changes, cercle_change_set_unref);
  g_clear_pointer (&self->unindexed_members, g_hash_table_unref);
  g_clear_pointer (&self->events_to_rebalance, g_hash_table_unref);
  g_clear_pointer (&self->message_texts, g_hash_table_unref);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_object (&self->search);
  g_clear_pointer (&self->reader, cercle_db_close);
  g_mutex_clear (&self->reader_lock);
  g_clear_pointer (&self->db, cercle_db_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (cercle_store_parent_class)->finalize (object);
}

static void
cercle_store_class_init (CercleStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cercle_store_dispose;
  object_class->finalize = cercle_store_finalize;

  /**
   * CercleStore::changed:
   * @changes: what was written since the last emission
   *
   * Emitted from the main loop after writes were committed: once for a
   * burst of them, however many rows they wrote.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CERCLE_TYPE_CHANGE_SET | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
cercle_store_init (CercleStore *self)
{
  self->unindexed_members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->events_to_rebalance = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->main_context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->reader_lock);
}

/**
 * cercle_store_remove_database:
 * @path: a club database file, closed
 *
 * Removes the file and the write-ahead log and shared-memory files SQLite
 * keeps beside it: a new file of the same name must not pick up an old log.
 */
void
cercle_store_remove_database (const char *path)
{
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *journal = NULL;

  g_return_if_fail (path != NULL);

  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (journal);
}

const char *
cercle_store_get_path (CercleStore *self)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  return self->path;
}

int
cercle_store_get_schema_version (CercleStore *self)
{
  gint64 version = -1;

  g_return_val_if_fail (CERCLE_IS_STORE (self), -1);

  if (!cercle_db_query_int64 (self->db, "PRAGMA user_version", &version, NULL))
    return -1;

  return (int)version;
}

/**
 * cercle_store_flush_changes:
 *
 * Emits #CercleStore::changed now for what was committed and not told
 * yet, instead of from the main loop.
 */
void
cercle_store_flush_changes (CercleStore *self)
{
  g_autoptr(CercleChangeSet) changes = NULL;

  g_return_if_fail (CERCLE_IS_STORE (self));

  if (self->changes_source != NULL)
    {
      g_source_destroy (self->changes_source);
      g_clear_pointer (&self->changes_source, g_source_unref);
    }

  changes = g_steal_pointer (&self->pending_changes);
  if (changes != NULL)
    g_signal_emit (self, signals [CHANGED], 0, changes);
}

/**
 * cercle_store_dup_club:
 *
 * Returns: (transfer full) (nullable): the club this database belongs to;
 *   %NULL without an error when it has none yet
 */
CercleClub *
cercle_store_dup_club (CercleStore  *self,
                       GError      **error)
{
  g_autoptr(GListModel) clubs = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  clubs = _cercle_store_list_where (self, CERCLE_TYPE_CLUB, "ORDER BY pk LIMIT 1", NULL, NULL, error);
  if (clubs == NULL)
    return NULL;

  return g_list_model_get_item (clubs, 0);
}

/**
 * cercle_store_dup_local_member:
 *
 * Returns: (transfer full) (nullable): the member who uses this app in
 *   this club; %NULL without an error when not known yet
 */
CercleMember *
cercle_store_dup_local_member (CercleStore  *self,
                               GError      **error)
{
  g_autofree char *member_id = NULL;
  g_autoptr(GError) local_error = NULL;
  CercleMember *member;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(member_id = _cercle_store_get_meta (self, "local_member_id", &local_error)))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  member = _cercle_store_find_record (self, CERCLE_TYPE_MEMBER, member_id, error);
  if (member != NULL && cercle_record_get_deleted (CERCLE_RECORD (member)))
    g_clear_object (&member);

  return member;
}

/**
 * cercle_store_dup_viewer:
 *
 * Returns: (transfer full): who uses this copy of the club, for the rules
 *   of cercle-visibility.c and cercle-permission.c; a viewer with no member
 *   when not known yet; %NULL with @error set when it cannot be read
 */
CercleViewer *
cercle_store_dup_viewer (CercleStore  *self,
                         GError      **error)
{
  g_autoptr(GEnumClass) roles = NULL;
  CercleViewer *viewer = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  /* Every list a view shows asks this first: two columns through the
   * primary keys, not the whole member record */
  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT m.id, m.role FROM meta JOIN member m ON m.id = meta.value"
                                  " WHERE meta.key = 'local_member_id' AND m.deleted = 0",
                                  error)))
    return NULL;

  rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error);
  if (rc == SQLITE_ROW)
    {
      const char *role = (const char *)sqlite3_column_text (stmt, 1);

      roles = g_type_class_ref (CERCLE_TYPE_MEMBER_ROLE);
      viewer = cercle_viewer_new ((const char *)sqlite3_column_text (stmt, 0),
                                  g_strcmp0 (role, g_enum_get_value (roles, CERCLE_MEMBER_ROLE_STAFF)->value_nick) == 0);
    }
  else if (rc == SQLITE_DONE)
    viewer = cercle_viewer_new (NULL, FALSE);
  sqlite3_reset (stmt);

  return viewer;
}

gboolean
cercle_store_set_local_member (CercleStore  *self,
                               const char   *member_id,
                               GError      **error)
{
  g_autoptr(CercleChangeSet) changes = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (member_id != NULL, FALSE);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "INSERT OR REPLACE INTO meta (key, value)"
                                  " SELECT 'local_member_id', id FROM member WHERE id = ?1",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, member_id, error) ||
      !cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error))
    return FALSE;

  if (sqlite3_changes (cercle_db_get_handle (self->db)) == 0)
    {
      g_set_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_FOUND,
                   _("There is no member “%s” in this club"), member_id);
      return FALSE;
    }

  changes = cercle_change_set_new ();
  cercle_change_set_set_local_user_changed (changes);
  _cercle_store_note_change (self, changes);

  return TRUE;
}
