/* cercle-store-members.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-member.h"
#include "cercle-record-list.h"
#include "cercle-store-private.h"

/* The members area of the store: the member table's own columns (a sort
 * key, the full-text index) and the directory's queries. Search itself is
 * CercleSearch's, on its own connection. */

#define FTS_COLUMNS "first_name, last_name, company, job_title, sector, city, offers, needs"

static const char * const member_extra_columns[] = { "sort_key", NULL };

/* Member names sort without regard to case or accents: "Émilie" next to
 * "Emma", not after "Zoé". */
static char *
member_sort_key (CercleMember *member)
{
  g_autofree char *full = g_strdup_printf ("%s\x01%s",
                                           cercle_member_get_last_name (member) ?: "",
                                           cercle_member_get_first_name (member) ?: "");
  g_autofree char *ascii = g_str_to_ascii (full, "C");

  return g_ascii_strdown (ascii, -1);
}

static gboolean
bind_member_extra (CercleStore   *self,
                   sqlite3_stmt  *stmt,
                   int            first_index,
                   CercleRecord  *record,
                   GError       **error)
{
  g_autofree char *sort_key = member_sort_key (CERCLE_MEMBER (record));

  return cercle_db_bind_text (self->db, stmt, first_index, sort_key, error);
}

/* Takes the words of a member about to be rewritten out of the index, while
 * the row still holds them: an external-content FTS5 table can only forget
 * the exact text it was given. A member written twice in one batch was
 * taken out already, and its first version never went in. */
static gboolean
unindex_member (CercleStore   *self,
                CercleRecord  *record,
                gboolean       exists,
                GError       **error)
{
  const char *id = cercle_record_get_id (record);
  sqlite3_stmt *stmt;

  if (self->bulk_load)
    return TRUE;

  if (g_hash_table_contains (self->unindexed_members, id))
    return TRUE;

  g_hash_table_add (self->unindexed_members, g_strdup (id));

  if (!exists)
    return TRUE;

  if (!(stmt = cercle_db_prepare (self->db,
                                  "INSERT INTO member_fts (member_fts, rowid, " FTS_COLUMNS ")"
                                  " SELECT 'delete', pk, " FTS_COLUMNS " FROM member_fts_text"
                                  " WHERE pk = (SELECT pk FROM member WHERE id = ?1)",
                                  error)))
    return FALSE;

  return cercle_db_bind_text (self->db, stmt, 1, id, error) &&
         cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error);
}

/* Indexes every member the batch wrote, in one statement: FTS5 flushes its
 * pending terms at every statement's end, so one statement per member
 * would write one index segment each. */
static gboolean
index_written_members (CercleStore  *self,
                       GError      **error)
{
  g_autoptr(JsonArray) ids = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *ids_text = NULL;
  GHashTableIter iter;
  const char *id;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (self->bulk_load || g_hash_table_size (self->unindexed_members) == 0)
    return TRUE;

  ids = json_array_sized_new (g_hash_table_size (self->unindexed_members));
  g_hash_table_iter_init (&iter, self->unindexed_members);
  while (g_hash_table_iter_next (&iter, (gpointer *)&id, NULL))
    json_array_add_string_element (ids, id);

  node = json_node_init_array (json_node_alloc (), ids);
  ids_text = cercle_json_to_string (node);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "INSERT INTO member_fts (rowid, " FTS_COLUMNS ")"
                                  " SELECT pk, " FTS_COLUMNS " FROM member_fts_text WHERE pk IN"
                                  " (SELECT pk FROM member WHERE id IN (SELECT value FROM json_each (?1)))",
                                  error)))
    return FALSE;

  ok = cercle_db_bind_text (self->db, stmt, 1, ids_text, error) &&
       cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error);

  g_hash_table_remove_all (self->unindexed_members);

  return ok;
}

static void
forget_unindexed_members (CercleStore *self)
{
  g_hash_table_remove_all (self->unindexed_members);
}

static void
members_committed (CercleStore *self)
{
  cercle_search_members_written (self->search, self->batch_changes);
}

const CercleTableHooks *
_cercle_store_member_hooks (void)
{
  static const CercleTableHooks hooks = {
    .extra_columns = member_extra_columns,
    .bind_extra = bind_member_extra,
    .before_write = unindex_member,
    .end_batch = index_written_members,
    .abort_batch = forget_unindexed_members,
    .committed = members_committed,
  };

  return &hooks;
}

/* Another connection to the club file (an import's worker thread) wrote
 * members: the search reads the directory again, and views hear of it as
 * of a write of this store's own, about every member. */
void
_cercle_store_members_written_elsewhere (CercleStore *self)
{
  g_autoptr(CercleChangeSet) changes = cercle_change_set_new ();

  cercle_search_members_changed (self->search);
  cercle_change_set_add_all (changes, CERCLE_ENTITY_MEMBER);
  _cercle_store_note_change (self, changes);
}

/**
 * cercle_store_begin_bulk_load:
 *
 * Prepares for writing many rows at once (a club being created, a first
 * sync): until cercle_store_end_bulk_load(), members are not indexed as
 * they are written, and member search does not see them. Indexing them
 * all at once at the end costs a fraction of doing it batch by batch.
 */
void
cercle_store_begin_bulk_load (CercleStore *self)
{
  g_return_if_fail (CERCLE_IS_STORE (self));
  g_return_if_fail (!self->bulk_load);
  g_return_if_fail (self->batch_changes == NULL);

  self->bulk_load = TRUE;
}

/**
 * cercle_store_end_bulk_load:
 *
 * Indexes every member, in one transaction; on failure the index is as
 * it was, and the bulk load is over all the same.
 */
gboolean
cercle_store_end_bulk_load (CercleStore  *self,
                            GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->bulk_load, FALSE);

  self->bulk_load = FALSE;

  if (!cercle_db_begin (self->db, error))
    return FALSE;

  if (!cercle_db_exec (self->db, "INSERT INTO member_fts (member_fts) VALUES ('rebuild')",
                       CERCLE_DB_WRITE, error))
    {
      cercle_db_rollback (self->db);
      return FALSE;
    }

  if (!cercle_db_commit (self->db, error))
    return FALSE;

  cercle_search_members_changed (self->search);

  return TRUE;
}

/**
 * cercle_store_list_members:
 *
 * Returns: (transfer full): a #GListModel of #CercleMember in name order
 */
GListModel *
cercle_store_list_members (CercleStore  *self,
                           GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  return cercle_store_search_members (self, NULL, NULL, error);
}

/**
 * cercle_store_search_member_rows:
 * @query: (nullable): what the user typed; empty lists every member
 *
 * Returns: (transfer full): the row numbers of the members found, best
 *   first, for a #CercleRecordList; %NULL with @error set
 */
GArray *
cercle_store_search_member_rows (CercleStore   *self,
                                 const char    *query,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  return cercle_search_members (self->search, query, cancellable, error);
}

/**
 * cercle_store_search_members:
 * @query: (nullable): what the user typed; empty lists every member
 *
 * Finds members whose names, company, title, sector, city, offers or needs
 * start with every word of @query, ignoring case and accents, best matches
 * first. Blocks: the interface uses cercle_store_search_members_async().
 *
 * Returns: (transfer full): a #GListModel of #CercleMember
 */
GListModel *
cercle_store_search_members (CercleStore   *self,
                             const char    *query,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GArray) row_numbers = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  row_numbers = cercle_search_members (self->search, query, cancellable, error);
  if (row_numbers == NULL)
    return NULL;

  return G_LIST_MODEL (cercle_record_list_new (self, CERCLE_TYPE_MEMBER, row_numbers));
}

/**
 * cercle_store_query_member_rows:
 *
 * Returns: (transfer full): the row numbers of the members @query finds,
 *   best first, for a #CercleRecordList; %NULL with @error set
 */
GArray *
cercle_store_query_member_rows (CercleStore              *self,
                                const CercleMemberQuery  *query,
                                GCancellable             *cancellable,
                                GError                  **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  return cercle_search_query_members (self->search, query, cancellable, error);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CercleStore *self = source_object;
  GError *error = NULL;
  GArray *row_numbers;

  row_numbers = cercle_search_query_members (self->search, task_data, cancellable, &error);

  if (row_numbers == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, row_numbers, (GDestroyNotify)g_array_unref);
}

/**
 * cercle_store_query_member_rows_async:
 *
 * Runs @query in a worker thread; finish with
 * cercle_store_search_member_rows_finish().
 */
void
cercle_store_query_member_rows_async (CercleStore             *self,
                                      const CercleMemberQuery *query,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CERCLE_IS_STORE (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cercle_store_search_member_rows_async);
  g_task_set_task_data (task, cercle_member_query_copy (query), (GDestroyNotify)cercle_member_query_free);
  g_task_run_in_thread (task, search_thread);
}

void
cercle_store_search_member_rows_async (CercleStore         *self,
                                       const char          *query,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(CercleMemberQuery) member_query = cercle_member_query_new (query);

  cercle_store_query_member_rows_async (self, member_query, cancellable, callback, user_data);
}

/**
 * cercle_store_search_member_rows_finish:
 *
 * Returns: (transfer full): the row numbers of the members found
 */
GArray *
cercle_store_search_member_rows_finish (CercleStore   *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cercle_store_search_member_rows_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cercle_store_search_members_async (CercleStore         *self,
                                   const char          *query,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  cercle_store_search_member_rows_async (self, query, cancellable, callback, user_data);
}

/**
 * cercle_store_search_members_finish:
 *
 * Returns: (transfer full): a #GListModel of #CercleMember
 */
GListModel *
cercle_store_search_members_finish (CercleStore   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_autoptr(GArray) row_numbers = cercle_store_search_member_rows_finish (self, result, error);

  if (row_numbers == NULL)
    return NULL;

  return G_LIST_MODEL (cercle_record_list_new (self, CERCLE_TYPE_MEMBER, row_numbers));
}

/**
 * cercle_store_count_members:
 *
 * Returns: how many members the club has (not counting tombstones); 0
 *   with @error set when it cannot be read
 */
guint
cercle_store_count_members (CercleStore  *self,
                            GError      **error)
{
  gint64 count = 0;

  g_return_val_if_fail (CERCLE_IS_STORE (self), 0);

  if (!cercle_db_query_int64 (self->db, "SELECT count(*) FROM member WHERE deleted = 0", &count, error))
    return 0;

  return (guint)count;
}

static GStrv
list_distinct (CercleStore  *self,
               const char   *sql,
               GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = cercle_db_prepare (self->db, sql, error)))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_strv_builder_end (builder);
}

/**
 * cercle_store_list_member_sectors:
 *
 * Returns: (transfer full): the sectors of the club's members, each once,
 *   sorted; %NULL with @error set
 */
GStrv
cercle_store_list_member_sectors (CercleStore  *self,
                                  GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  return list_distinct (self,
                        "SELECT DISTINCT sector FROM member"
                        " WHERE deleted = 0 AND coalesce (sector, '') <> ''"
                        " ORDER BY sector COLLATE NOCASE",
                        error);
}

/**
 * cercle_store_list_member_cities:
 *
 * Returns: (transfer full): the cities of the club's members, each once,
 *   sorted; %NULL with @error set
 */
GStrv
cercle_store_list_member_cities (CercleStore  *self,
                                 GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  return list_distinct (self,
                        "SELECT DISTINCT city FROM member"
                        " WHERE deleted = 0 AND coalesce (city, '') <> ''"
                        " ORDER BY city COLLATE NOCASE",
                        error);
}

/**
 * cercle_store_list_sponsored_members:
 *
 * Returns: (transfer full): a #GListModel of the #CercleMember that
 *   @member_id brought into the club (cooptation), in name order; %NULL
 *   with @error set
 */
GListModel *
cercle_store_list_sponsored_members (CercleStore  *self,
                                     const char   *member_id,
                                     GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  /* Ordered by an expression, not by the column: a member sponsors a few
   * members, which are sorted in no time, while the name order's index
   * would walk the whole club to find them */
  return _cercle_store_list_where (self, CERCLE_TYPE_MEMBER,
                                   "AND sponsor_id = ?1 ORDER BY sort_key || '', pk",
                                   member_id, NULL, error);
}

static gboolean
query_counts (CercleStore  *self,
              const char   *sql,
              const char   *member_id,
              gint64        since,
              gint64        until,
              gint64       *counts,
              guint         n_counts,
              GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = cercle_db_prepare (self->db, sql, error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, member_id, error))
    return FALSE;

  if (since != 0 &&
      (!cercle_db_bind_int64 (self->db, stmt, 2, since, error) ||
       !cercle_db_bind_int64 (self->db, stmt, 3, until, error)))
    return FALSE;

  rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error);
  if (rc == SQLITE_ROW)
    for (guint i = 0; i < n_counts; i++)
      counts[i] = sqlite3_column_int64 (stmt, (int)i);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

/**
 * cercle_store_get_member_activity:
 * @now: the time the six months of attendance end at
 * @activity: (out caller-allocates): filled with what @member_id did
 *
 * A member's part in the club's life: how often they came over the six
 * months before @now, and the referrals and one-to-ones they took part in.
 *
 * Attendance is the calendar's regularity
 * (cercle_store_get_member_regularity()), by the rules of
 * cercle-registration-policy.c, so that the profile and the calendar's
 * regularity page never disagree.
 *
 * Returns: %FALSE with @error set when the club cannot be read
 */
gboolean
cercle_store_get_member_activity (CercleStore           *self,
                                  const char            *member_id,
                                  GDateTime             *now,
                                  CercleMemberActivity  *activity,
                                  GError               **error)
{
  g_autoptr(GDateTime) since = NULL;
  CercleRegularity regularity;
  gint64 given[2] = { 0, };
  gint64 received[2] = { 0, };
  gint64 met[1] = { 0, };

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (member_id != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (activity != NULL, FALSE);

  since = g_date_time_add_months (now, -6);

  if (!cercle_store_get_member_regularity (self, member_id, since, now, &regularity, error) ||
      !query_counts (self,
                     "SELECT count (*), coalesce (sum (status = 'won'), 0)"
                     " FROM referral WHERE giver_id = ?1 AND deleted = 0",
                     member_id, 0, 0, given, G_N_ELEMENTS (given), error) ||
      !query_counts (self,
                     "SELECT count (*), coalesce (sum (status = 'won'), 0)"
                     " FROM referral WHERE receiver_id = ?1 AND deleted = 0",
                     member_id, 0, 0, received, G_N_ELEMENTS (received), error) ||
      !query_counts (self,
                     "SELECT (SELECT count (*) FROM one_to_one WHERE member_a_id = ?1 AND deleted = 0)"
                     " + (SELECT count (*) FROM one_to_one WHERE member_b_id = ?1 AND deleted = 0)",
                     member_id, 0, 0, met, G_N_ELEMENTS (met), error))
    return FALSE;

  activity->events_expected = regularity.expected;
  activity->events_attended = regularity.attended;
  activity->referrals_given = (guint)given[0];
  activity->referrals_given_won = (guint)given[1];
  activity->referrals_received = (guint)received[0];
  activity->referrals_received_won = (guint)received[1];
  activity->one_to_ones = (guint)met[0];

  return TRUE;
}

/**
 * cercle_store_suggest_members:
 * @member_id: who asks: the local user, on their own profile
 * @limit: how many members at most
 *
 * Members @member_id should meet; see cercle_search_suggest_members().
 * Blocks: the interface calls cercle_store_suggest_members_async().
 *
 * Returns: (transfer full) (element-type CercleSuggestion): best first;
 *   %NULL with @error set
 */
GPtrArray *
cercle_store_suggest_members (CercleStore   *self,
                              const char    *member_id,
                              guint          limit,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  return cercle_search_suggest_members (self->search, member_id, limit, cancellable, error);
}

typedef struct
{
  char  *member_id;
  guint  limit;
} SuggestData;

static void
suggest_data_free (SuggestData *data)
{
  g_free (data->member_id);
  g_free (data);
}

static void
suggest_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CercleStore *self = source_object;
  SuggestData *data = task_data;
  GError *error = NULL;
  GPtrArray *suggestions;

  suggestions = cercle_search_suggest_members (self->search, data->member_id, data->limit,
                                               cancellable, &error);
  if (suggestions == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, suggestions, (GDestroyNotify)g_ptr_array_unref);
}

void
cercle_store_suggest_members_async (CercleStore         *self,
                                    const char          *member_id,
                                    guint                limit,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SuggestData *data;

  g_return_if_fail (CERCLE_IS_STORE (self));
  g_return_if_fail (member_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (SuggestData, 1);
  data->member_id = g_strdup (member_id);
  data->limit = limit;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cercle_store_suggest_members_async);
  g_task_set_task_data (task, data, (GDestroyNotify)suggest_data_free);
  g_task_run_in_thread (task, suggest_thread);
}

/**
 * cercle_store_suggest_members_finish:
 *
 * Returns: (transfer full) (element-type CercleSuggestion): best first;
 *   %NULL with @error set
 */
GPtrArray *
cercle_store_suggest_members_finish (CercleStore   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cercle_store_suggest_members_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
