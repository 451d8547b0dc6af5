/* cercle-store-events.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include "cercle-event.h"
#include "cercle-record-list.h"
#include "cercle-store-events-private.h"
#include "cercle-time.h"

/* The calendar's area of the store: what the event table adds to the
 * generic writing, and the calendar's queries. Registrations, seats and
 * the waitlist are in cercle-store-registrations.c; attendance and
 * regularity in cercle-store-attendance.c.
 *
 * Events keep their start and end as numbers too (starts_epoch,
 * ends_epoch), written from the stored times: every query compares
 * instants, never strings. */

static const char * const event_extra_columns[] = { "starts_epoch", "ends_epoch", NULL };

static void
bind_epoch (CercleStore  *self,
            sqlite3_stmt *stmt,
            int           index,
            const char   *time)
{
  gint64 epoch = cercle_time_to_unix (time);

  if (epoch == G_MININT64)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, epoch);
}

static gboolean
bind_event_extra (CercleStore   *self,
                  sqlite3_stmt  *stmt,
                  int            first_index,
                  CercleRecord  *record,
                  GError       **error)
{
  CercleEvent *event = CERCLE_EVENT (record);
  const char *ends = cercle_event_get_ends_at (event);

  bind_epoch (self, stmt, first_index, cercle_event_get_starts_at (event));
  bind_epoch (self, stmt, first_index + 1,
              ends != NULL && *ends != '\0' ? ends : cercle_event_get_starts_at (event));

  return TRUE;
}

void
_cercle_store_rebalance_later (CercleStore *self,
                               const char  *event_id)
{
  if (event_id != NULL && !g_hash_table_contains (self->events_to_rebalance, event_id))
    g_hash_table_add (self->events_to_rebalance, g_strdup (event_id));
}

static gboolean
prepare_event (CercleStore      *self,
               CercleRecord     *record,
               CercleRecord     *current,
               CercleSaveFlags   flags,
               GError          **error)
{
  CercleEvent *event = CERCLE_EVENT (record);

  if (!cercle_event_normalize (event, error))
    return FALSE;

  /* More seats, or no limit any more: the waitlist may move up */
  if (current != NULL && !(flags & CERCLE_SAVE_FROM_SERVER) &&
      cercle_event_get_capacity (event) != cercle_event_get_capacity (CERCLE_EVENT (current)))
    _cercle_store_rebalance_later (self, cercle_record_get_id (record));

  return TRUE;
}

const CercleTableHooks *
_cercle_store_event_hooks (void)
{
  static const CercleTableHooks hooks = {
    .extra_columns = event_extra_columns,
    .prepare = prepare_event,
    .bind_extra = bind_event_extra,
  };

  return &hooks;
}

gboolean
_cercle_store_bind_time (CercleStore   *self,
                         sqlite3_stmt  *stmt,
                         int            index,
                         GDateTime     *time,
                         gint64         otherwise,
                         GError       **error)
{
  return cercle_db_bind_int64 (self->db, stmt, index,
                               time != NULL ? g_date_time_to_unix (time) : otherwise, error);
}

static GArray *
collect_rows (CercleStore   *self,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&rows);
}

/* Whether the local user sees drafts; the answer of cercle-visibility.c */
static gboolean
local_user_sees_drafts (CercleStore  *self,
                        gboolean     *sees_drafts,
                        GError      **error)
{
  g_autoptr(CercleViewer) viewer = cercle_store_dup_viewer (self, error);

  if (viewer == NULL)
    return FALSE;

  *sees_drafts = cercle_visibility_can_see_drafts (viewer);

  return TRUE;
}

/* The events the local user may see that overlap [@from, @until), with
 * their records read by the same query when @records is given */
static GArray *
select_events (CercleStore   *self,
               GDateTime     *from,
               GDateTime     *until,
               gboolean       newest_first,
               GPtrArray    **records,
               GError       **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autofree char *query = NULL;
  CercleRecordSql *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean sees_drafts = FALSE;
  int pk_column = 0;
  int rc;

  if (!local_user_sees_drafts (self, &sees_drafts, error))
    return NULL;

  if (records != NULL)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (CERCLE_TYPE_EVENT);

      sql = _cercle_store_get_sql (self, CERCLE_ENTITY_EVENT);
      pk_column = (int)CERCLE_RECORD_CLASS (klass)->n_fields + CERCLE_RECORD_SQL_FIRST_FIELD;
    }
  query = g_strdup_printf ("SELECT %s%spk FROM event WHERE deleted = 0"
                           " AND starts_epoch < ?2 AND ends_epoch >= ?1"
                           " AND (?3 OR status <> 'draft')"
                           " ORDER BY starts_epoch%s, title, pk",
                           sql != NULL ? sql->select_columns : "", sql != NULL ? ", " : "",
                           newest_first ? " DESC" : "");
  stmt = cercle_db_prepare (self->db, query, error);
  if (stmt == NULL ||
      !_cercle_store_bind_time (self, stmt, 1, from, G_MININT64, error) ||
      !_cercle_store_bind_time (self, stmt, 2, until, G_MAXINT64, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 3, sees_drafts, error))
    return NULL;

  rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (sql != NULL)
    read = g_ptr_array_new_with_free_func (g_object_unref);

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (stmt, pk_column);

      g_array_append_val (rows, row);
      if (sql != NULL)
        g_ptr_array_add (read, cercle_record_sql_read (sql, stmt));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  if (records != NULL)
    *records = g_steal_pointer (&read);

  return g_steal_pointer (&rows);
}

/**
 * cercle_store_list_event_rows:
 * @from: (nullable): only events not over yet at this time
 * @until: (nullable): only events starting before this time
 * @newest_first: the order, by start time
 *
 * Lists the events the local user may see (drafts are the staff's) that
 * overlap [@from, @until): an event under way at @from is in, as staff
 * take attendance at the door then.
 *
 * Returns: (transfer full): row numbers for a #CercleRecordList of
 *   #CercleEvent; %NULL with @error set
 */
GArray *
cercle_store_list_event_rows (CercleStore  *self,
                              GDateTime    *from,
                              GDateTime    *until,
                              gboolean      newest_first,
                              GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  return select_events (self, from, until, newest_first, NULL, error);
}

/**
 * cercle_store_read_event_rows:
 * @from: (nullable): only events not over yet at this time
 * @until: (nullable): only events starting before this time
 * @records: (out) (transfer full): the #CercleEvent of each row, in order
 *
 * cercle_store_list_event_rows() for a view that shows every event of a
 * span at once, such as a month: the records come with their row numbers
 * in one query; hand both to cercle_record_list_set_rows_with_records().
 *
 * Returns: (transfer full): the row numbers, by start time; %NULL with
 *   @error set
 */
GArray *
cercle_store_read_event_rows (CercleStore  *self,
                              GDateTime    *from,
                              GDateTime    *until,
                              GPtrArray   **records,
                              GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (records != NULL, NULL);

  return select_events (self, from, until, FALSE, records, error);
}

/**
 * cercle_store_list_events:
 * @from: (nullable): only events not over yet at this time
 *
 * Returns: (transfer full): a #GListModel of the #CercleEvent the local
 *   user may see, by start time
 */
GListModel *
cercle_store_list_events (CercleStore  *self,
                          GDateTime    *from,
                          GError      **error)
{
  g_autoptr(GArray) rows = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(rows = cercle_store_list_event_rows (self, from, NULL, FALSE, error)))
    return NULL;

  return G_LIST_MODEL (cercle_record_list_new (self, CERCLE_TYPE_EVENT, rows));
}

/**
 * cercle_store_list_member_event_rows:
 * @from: (nullable): only events not over yet at this time
 *
 * Returns: (transfer full): the row numbers of the events @member_id
 *   answered anything but "no" to, by start time
 */
GArray *
cercle_store_list_member_event_rows (CercleStore  *self,
                                     const char   *member_id,
                                     GDateTime    *from,
                                     GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean sees_drafts = FALSE;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  if (!local_user_sees_drafts (self, &sees_drafts, error))
    return NULL;

  stmt = cercle_db_prepare (self->db,
                            "SELECT e.pk FROM registration r JOIN event e ON e.id = r.event_id"
                            " WHERE r.member_id = ?1 AND r.deleted = 0 AND r.response <> 'no'"
                            " AND e.deleted = 0 AND e.ends_epoch >= ?2"
                            " AND (?3 OR e.status <> 'draft')"
                            " ORDER BY e.starts_epoch, e.title, e.pk",
                            error);
  if (stmt == NULL ||
      !cercle_db_bind_text (self->db, stmt, 1, member_id, error) ||
      !_cercle_store_bind_time (self, stmt, 2, from, G_MININT64, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 3, sees_drafts, error))
    return NULL;

  return collect_rows (self, stmt, error);
}
