/* cercle-store-messages-read.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-permission.h"
#include "cercle-store-messages.h"
#include "cercle-store-messages-private.h"

/* What the Messages page reads: conversations, threads, unread counts
 * and search, all from this device's decrypted message_text. */

/**
 * cercle_store_list_conversations:
 *
 * Returns: (transfer full) (element-type CercleConversationSummary): the
 *   local member's conversations, the most recent first, with their last
 *   message and how many are unread
 */
GPtrArray *
cercle_store_list_conversations (CercleStore  *self,
                                 GError      **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GEnumClass) vanish_class = NULL;
  sqlite3_stmt *stmt;
  const char *member_id;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(member_id = _cercle_store_local_member_id (self, &viewer, error)))
    return NULL;

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT c.id,"
                                  "  CASE WHEN c.member_a_id = ?1 THEN c.member_b_id ELSE c.member_a_id END,"
                                  "  c.vanish_after, last.body, last.sent_at, last.outgoing,"
                                  "  (SELECT count(*) FROM message_text t WHERE t.conversation_id = c.id"
                                  "     AND t.outgoing = 0 AND t.state <> ?2 AND t.sent_at > coalesce ("
                                  "       (SELECT read_until FROM conversation_read r WHERE r.conversation_id = c.id), ''))"
                                  " FROM conversation c"
                                  " LEFT JOIN message_text last ON last.pk = ("
                                  "   SELECT pk FROM message_text t WHERE t.conversation_id = c.id"
                                  "   ORDER BY t.sent_at DESC, t.pk DESC LIMIT 1)"
                                  " WHERE c.deleted = 0 AND ?1 IN (c.member_a_id, c.member_b_id)"
                                  " ORDER BY coalesce (last.sent_at, c.updated_at) DESC",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, member_id, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 2, CERCLE_MESSAGE_STATE_NOT_FOR_THIS_DEVICE, error))
    return NULL;

  vanish_class = g_type_class_ref (CERCLE_TYPE_VANISH);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_conversation_summary_free);
  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      CercleConversationSummary *row = g_new0 (CercleConversationSummary, 1);
      GEnumValue *vanish = g_enum_get_value_by_nick (vanish_class, (const char *)sqlite3_column_text (stmt, 2));

      row->conversation_id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      row->other_member_id = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      row->vanish_after = vanish != NULL ? vanish->value : CERCLE_VANISH_NEVER;
      row->last_text = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      row->last_at = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      row->last_outgoing = sqlite3_column_int (stmt, 5);
      row->n_unread = (guint)sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&rows);
}

/* The count a prepared count(*) statement makes, or 0 with @error set */
static guint
read_count (CercleStore   *self,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  guint count = 0;

  if (cercle_db_step (self->db, stmt, CERCLE_DB_READ, error) == SQLITE_ROW)
    count = (guint)sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/**
 * cercle_store_count_unread_messages:
 *
 * Returns: how many messages the local member has not read yet, in all
 *   their conversations: those this device cannot read (sealed before it
 *   was added) are not waiting for them
 */
guint
cercle_store_count_unread_messages (CercleStore  *self,
                                    GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CERCLE_IS_STORE (self), 0);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT count(*) FROM message_text t WHERE t.outgoing = 0 AND t.state <> ?1"
                                  " AND t.sent_at > coalesce ((SELECT read_until FROM conversation_read r"
                                  "   WHERE r.conversation_id = t.conversation_id), '')",
                                  error)) ||
      !cercle_db_bind_int64 (self->db, stmt, 1, CERCLE_MESSAGE_STATE_NOT_FOR_THIS_DEVICE, error))
    return 0;

  return read_count (self, stmt, error);
}

/**
 * cercle_store_mark_conversation_read:
 *
 * Marks every message of @conversation_id that arrived so far as read, on
 * this device.
 */
gboolean
cercle_store_mark_conversation_read (CercleStore  *self,
                                     const char   *conversation_id,
                                     GError      **error)
{
  g_autoptr(CercleChangeSet) changes = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (conversation_id != NULL, FALSE);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "INSERT OR REPLACE INTO conversation_read (conversation_id, read_until)"
                                  " SELECT ?1, max (sent_at) FROM message_text WHERE conversation_id = ?1"
                                  " HAVING max (sent_at) IS NOT NULL",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, conversation_id, error) ||
      !cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error))
    return FALSE;

  if (sqlite3_changes (cercle_db_get_handle (self->db)) > 0)
    {
      changes = cercle_change_set_new ();
      cercle_change_set_add (changes, CERCLE_ENTITY_CONVERSATION, conversation_id);
      _cercle_store_note_change (self, changes);
    }

  return TRUE;
}

/* The count @sql makes of @conversation_id's messages */
static guint
count_in_conversation (CercleStore  *self,
                       const char   *sql,
                       const char   *conversation_id,
                       GError      **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = cercle_db_prepare (self->db, sql, error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, conversation_id, error))
    return 0;

  return read_count (self, stmt, error);
}

/**
 * cercle_store_count_conversation_messages:
 *
 * Returns: how many messages @conversation_id has on this device
 */
guint
cercle_store_count_conversation_messages (CercleStore  *self,
                                          const char   *conversation_id,
                                          GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), 0);
  g_return_val_if_fail (conversation_id != NULL, 0);

  return count_in_conversation (self, "SELECT count(*) FROM message_text WHERE conversation_id = ?1",
                                conversation_id, error);
}

static CercleMessageText *
read_text_row (sqlite3_stmt *stmt)
{
  CercleMessageText *row = g_new0 (CercleMessageText, 1);

  row->message_id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  row->conversation_id = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  row->sent_at = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  row->outgoing = sqlite3_column_int (stmt, 3);
  row->state = CLAMP (sqlite3_column_int (stmt, 4), CERCLE_MESSAGE_STATE_READABLE, CERCLE_MESSAGE_STATE_DAMAGED);
  row->text = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
  row->position = sqlite3_column_int64 (stmt, 6);

  return row;
}

static GPtrArray *
read_text_rows (CercleStore   *self,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_message_text_free);
  int rc;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_text_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&rows);
}

/**
 * cercle_store_read_messages:
 * @offset: the position of the first, from the oldest
 *
 * Returns: (transfer full) (element-type CercleMessageText): up to @limit
 *   messages of @conversation_id from @offset, oldest first
 */
GPtrArray *
cercle_store_read_messages (CercleStore  *self,
                            const char   *conversation_id,
                            guint         offset,
                            guint         limit,
                            GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT message_id, conversation_id, sent_at, outgoing, state, body, pk"
                                  " FROM message_text WHERE conversation_id = ?1"
                                  " ORDER BY sent_at, pk LIMIT ?2 OFFSET ?3",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, conversation_id, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 2, limit, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 3, offset, error))
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_message_text_free);
  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_text_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&rows);
}

/**
 * cercle_store_read_messages_before:
 * @before: (nullable): a message read before, or %NULL for the latest
 *
 * Reads the @limit messages of @conversation_id that come just before
 * @before, through the conversation's index: the cost is that of the
 * rows read, however long the conversation (an OFFSET would walk every
 * message after them).
 *
 * Returns: (transfer full) (element-type CercleMessageText): the
 *   messages, oldest first
 */
GPtrArray *
cercle_store_read_messages_before (CercleStore             *self,
                                   const char              *conversation_id,
                                   const CercleMessageText *before,
                                   guint                    limit,
                                   GError                 **error)
{
  GPtrArray *rows;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);

  /* Two statements, so that each is a range of the index */
  if (!(stmt = cercle_db_prepare (self->db,
                                  before != NULL
                                    ? "SELECT message_id, conversation_id, sent_at, outgoing, state, body, pk"
                                      " FROM message_text WHERE conversation_id = ?1 AND (sent_at, pk) < (?2, ?3)"
                                      " ORDER BY sent_at DESC, pk DESC LIMIT ?4"
                                    : "SELECT message_id, conversation_id, sent_at, outgoing, state, body, pk"
                                      " FROM message_text WHERE conversation_id = ?1 AND ?2 IS NULL AND ?3 = 0"
                                      " ORDER BY sent_at DESC, pk DESC LIMIT ?4",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, conversation_id, error) ||
      !cercle_db_bind_text (self->db, stmt, 2, before != NULL ? before->sent_at : NULL, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 3, before != NULL ? before->position : 0, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 4, limit, error))
    return NULL;

  if (!(rows = read_text_rows (self, stmt, error)))
    return NULL;

  /* Read newest first, to stop after @limit; handed oldest first */
  for (guint i = 0; i < rows->len / 2; i++)
    {
      gpointer swap = rows->pdata[i];

      rows->pdata[i] = rows->pdata[rows->len - 1 - i];
      rows->pdata[rows->len - 1 - i] = swap;
    }

  return rows;
}

/**
 * cercle_store_read_messages_since:
 * @since: (nullable): a message read before, or %NULL for all of them
 *
 * Reads the messages of @conversation_id from @since (included, if it is
 * still there) to the latest: what a thread that shows them from @since
 * compares with what it holds, to show the messages that arrived, or
 * that went, in place.
 *
 * Returns: (transfer full) (element-type CercleMessageText): the
 *   messages, oldest first
 */
GPtrArray *
cercle_store_read_messages_since (CercleStore             *self,
                                  const char              *conversation_id,
                                  const CercleMessageText *since,
                                  GError                 **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);

  if (!(stmt = cercle_db_prepare (self->db,
                                  since != NULL
                                    ? "SELECT message_id, conversation_id, sent_at, outgoing, state, body, pk"
                                      " FROM message_text WHERE conversation_id = ?1 AND (sent_at, pk) >= (?2, ?3)"
                                      " ORDER BY sent_at, pk"
                                    : "SELECT message_id, conversation_id, sent_at, outgoing, state, body, pk"
                                      " FROM message_text WHERE conversation_id = ?1 AND ?2 IS NULL AND ?3 = 0"
                                      " ORDER BY sent_at, pk",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, conversation_id, error) ||
      !cercle_db_bind_text (self->db, stmt, 2, since != NULL ? since->sent_at : NULL, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 3, since != NULL ? since->position : 0, error))
    return NULL;

  return read_text_rows (self, stmt, error);
}

/**
 * cercle_store_read_messages_by_id:
 * @ids: message ids, of any conversation
 *
 * Reads what this device holds of the messages @ids, in one statement: a
 * thread that was told these changed learns which are still there, and
 * where, without reading again the messages it shows.
 *
 * Returns: (transfer full) (element-type CercleMessageText): the messages
 *   of @ids this device holds, in no order; those gone are not in it
 */
GPtrArray *
cercle_store_read_messages_by_id (CercleStore         *self,
                                  const char * const  *ids,
                                  GError             **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    json_array_add_string_element (array, ids[i]);
  json_node_set_array (node, array);
  text = cercle_json_to_string (node);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT message_id, conversation_id, sent_at, outgoing, state, body, pk"
                                  " FROM message_text WHERE message_id IN (SELECT value FROM json_each (?1))",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, text, error))
    return NULL;

  return read_text_rows (self, stmt, error);
}

G_STATIC_ASSERT (CERCLE_MESSAGE_STATE_NOT_FOR_THIS_DEVICE == 1);

/**
 * cercle_store_count_unreadable_messages:
 *
 * Returns: how many messages of @conversation_id were sealed before this
 *   device's key was published, and so cannot be read on it
 */
guint
cercle_store_count_unreadable_messages (CercleStore  *self,
                                        const char   *conversation_id,
                                        GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), 0);
  g_return_val_if_fail (conversation_id != NULL, 0);

  /* The state as a literal, so that the planner takes the partial index
   * message_text_unreadable rather than the conversation's every row */
  return count_in_conversation (self,
                                "SELECT count(*) FROM message_text WHERE conversation_id = ?1 AND state = 1",
                                conversation_id, error);
}

/* Each word of @query as a prefix, quoted: nothing the user types is
 * read as FTS5 syntax */
static char *
build_match (const char *query)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = query; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          if (match->len > 0)
            g_string_append_c (match, ' ');
          g_string_append_printf (match, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  return match->len > 0 ? g_string_free (g_steal_pointer (&match), FALSE) : NULL;
}

/**
 * cercle_store_search_messages:
 * @query: words, as typed ("hélène devis" finds "Helene" and "devis")
 *
 * Searches the messages this device decrypted (only the local member's
 * own: sent or received).
 *
 * Returns: (transfer full) (element-type CercleMessageText): up to @limit
 *   matching messages, the most recent first
 */
GPtrArray *
cercle_store_search_messages (CercleStore  *self,
                              const char   *query,
                              guint         limit,
                              GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_message_text_free);
  if (!g_utf8_validate (query, -1, NULL) || !(match = build_match (query)))
    return g_steal_pointer (&rows);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT t.message_id, t.conversation_id, t.sent_at, t.outgoing, t.state, t.body, t.pk"
                                  " FROM message_fts f JOIN message_text t ON t.pk = f.rowid"
                                  " WHERE message_fts MATCH ?1 ORDER BY t.sent_at DESC LIMIT ?2",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, match, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 2, limit, error))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_SEARCH, error)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_text_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&rows);
}
