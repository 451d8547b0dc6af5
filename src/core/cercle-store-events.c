/* cercle-store-events.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-enums.h"
#include "cercle-event.h"
#include "cercle-member.h"
#include "cercle-registration.h"
#include "cercle-record-list.h"
#include "cercle-registration-policy.h"
#include "cercle-store-private.h"
#include "cercle-time.h"

/* The calendar's area of the store: what the event and registration
 * tables add to the generic writing (times in their stored form, seats and
 * the waitlist), and the calendar's queries.
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

static void
rebalance_later (CercleStore *self,
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
    rebalance_later (self, cercle_record_get_id (record));

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

static gboolean
normalize_registration_time (CercleRecord  *record,
                             const char    *property,
                             const char    *what,
                             GError       **error)
{
  g_autofree char *text = NULL;
  g_autofree char *normalized = NULL;
  g_autoptr(GError) local_error = NULL;

  g_object_get (record, property, &text, NULL);
  if (text == NULL || *text == '\0')
    return TRUE;

  if (!(normalized = cercle_time_normalize (text, "UTC", &local_error)))
    {
      /* Translators: %s names a time of a registration, such as "The
       * check-in time", then says what is wrong with it */
      g_set_error (error, CERCLE_TIME_ERROR, CERCLE_TIME_ERROR_INVALID,
                   _("%s of a registration: %s"), what, local_error->message);
      return FALSE;
    }

  g_object_set (record, property, normalized, NULL);

  return TRUE;
}

/* Seats of @event_id taken by others than @registration_id; and the
 * event's capacity */
static gboolean
count_other_seats (CercleStore  *self,
                   const char   *event_id,
                   const char   *registration_id,
                   int          *capacity,
                   guint        *seats,
                   GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT e.capacity,"
                                  " (SELECT count(*) FROM registration r WHERE r.event_id = e.id"
                                  "   AND r.response = 'yes' AND r.deleted = 0 AND r.id <> ?2)"
                                  " FROM event e WHERE e.id = ?1",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, event_id, error) ||
      !cercle_db_bind_text (self->db, stmt, 2, registration_id, error))
    return FALSE;

  rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error);
  if (rc == SQLITE_ROW)
    {
      *capacity = sqlite3_column_int (stmt, 0);
      *seats = (guint)sqlite3_column_int64 (stmt, 1);
    }
  else
    {
      /* An event not synced yet: no limit known here, the server decides */
      *capacity = 0;
      *seats = 0;
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* A local answer gets a seat or a place on the waitlist here and now, as
 * the server will decide it; answers of one batch are decided one after
 * the other, so that two of them never take the same last seat. */
static gboolean
prepare_registration (CercleStore      *self,
                      CercleRecord     *record,
                      CercleRecord     *current,
                      CercleSaveFlags   flags,
                      GError          **error)
{
  CercleRegistration *registration = CERCLE_REGISTRATION (record);
  CercleRegistration *old = current != NULL ? CERCLE_REGISTRATION (current) : NULL;
  const char *event_id = cercle_registration_get_event_id (registration);
  gboolean local = !(flags & (CERCLE_SAVE_FROM_SERVER | CERCLE_SAVE_DERIVED));

  if (local && old == NULL && cercle_registration_get_registered_at (registration) == NULL)
    {
      g_autofree char *now = cercle_now_iso8601 ();

      g_object_set (record, "registered-at", now, NULL);
    }

  if (!normalize_registration_time (record, "registered-at", _("The registration time"), error) ||
      !normalize_registration_time (record, "checked-in-at", _("The check-in time"), error))
    return FALSE;

  if (!local)
    return TRUE;

  /* A seat kept needs no count: a check-in at the door is one write */
  if ((cercle_registration_policy_takes_seat (registration) ||
       cercle_registration_get_response (registration) == CERCLE_RESPONSE_WAITLIST) &&
      !(old != NULL && cercle_registration_policy_takes_seat (old) &&
        g_strcmp0 (cercle_registration_get_event_id (old), event_id) == 0))
    {
      int capacity = 0;
      guint seats = 0;
      CercleResponse response;

      if (!count_other_seats (self, event_id, cercle_record_get_id (record), &capacity, &seats, error))
        return FALSE;

      response = cercle_registration_policy_decide (capacity, seats, old, registration);
      if (response != cercle_registration_get_response (registration))
        g_object_set (record, "response", response, NULL);
    }

  if (cercle_registration_policy_frees_seat (old, registration))
    rebalance_later (self, event_id);

  /* Moved to another event: the seat it leaves is free */
  if (old != NULL && g_strcmp0 (cercle_registration_get_event_id (old), event_id) != 0 &&
      cercle_registration_policy_takes_seat (old))
    rebalance_later (self, cercle_registration_get_event_id (old));

  return TRUE;
}

/* Moves up the waitlist of @event_id into the seats free now */
static gboolean
rebalance_event (CercleStore  *self,
                 const char   *event_id,
                 GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CercleEvent) event = NULL;
  g_autoptr(GListModel) registrations = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) promotions = NULL;
  guint n;

  event = cercle_store_get_record (self, CERCLE_TYPE_EVENT, event_id, &local_error);
  if (event == NULL)
    return TRUE;

  if (cercle_record_get_deleted (CERCLE_RECORD (event)) ||
      cercle_event_get_status (event) == CERCLE_EVENT_STATUS_CANCELLED)
    return TRUE;

  registrations = _cercle_store_list_where (self, CERCLE_TYPE_REGISTRATION,
                                            "AND event_id = ?1", event_id, NULL, error);
  if (registrations == NULL)
    return FALSE;

  n = g_list_model_get_n_items (registrations);
  all = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (all, g_list_model_get_item (registrations, i));

  promotions = cercle_registration_policy_promotions (cercle_event_get_capacity (event),
                                                      (CercleRegistration **)all->pdata, all->len);

  for (guint i = 0; i < promotions->len; i++)
    {
      CercleRecord *promoted = g_ptr_array_index (promotions, i);

      g_object_set (promoted, "response", CERCLE_RESPONSE_YES, NULL);
      if (!_cercle_store_save_derived (self, promoted, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
rebalance_events (CercleStore  *self,
                  GError      **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer id;
  gboolean ok = TRUE;

  if (g_hash_table_size (self->events_to_rebalance) == 0)
    return TRUE;

  /* Promotions write registrations, which may ask for more rebalancing */
  g_hash_table_iter_init (&iter, self->events_to_rebalance);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_ptr_array_add (ids, id);
      g_hash_table_iter_steal (&iter);
    }

  for (guint i = 0; ok && i < ids->len; i++)
    ok = rebalance_event (self, g_ptr_array_index (ids, i), error);

  return ok;
}

static void
forget_rebalance (CercleStore *self)
{
  g_hash_table_remove_all (self->events_to_rebalance);
}

const CercleTableHooks *
_cercle_store_registration_hooks (void)
{
  static const CercleTableHooks hooks = {
    .prepare = prepare_registration,
    .end_batch = rebalance_events,
    .abort_batch = forget_rebalance,
  };

  return &hooks;
}

static gboolean
bind_time (CercleStore   *self,
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
      !bind_time (self, stmt, 1, from, G_MININT64, error) ||
      !bind_time (self, stmt, 2, until, G_MAXINT64, error) ||
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
      !bind_time (self, stmt, 2, from, G_MININT64, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 3, sees_drafts, error))
    return NULL;

  return collect_rows (self, stmt, error);
}

/**
 * cercle_store_list_registrations:
 *
 * Returns: (transfer full): a #GListModel of the #CercleRegistration of
 *   @event_id, in the order they were made
 */
GListModel *
cercle_store_list_registrations (CercleStore  *self,
                                 const char   *event_id,
                                 GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  return _cercle_store_list_where (self, CERCLE_TYPE_REGISTRATION,
                                   "AND event_id = ?1 ORDER BY registered_at, pk",
                                   event_id, NULL, error);
}

/**
 * cercle_store_dup_registration_for:
 *
 * Returns: (transfer full) (nullable): @member_id's registration for
 *   @event_id; %NULL without an error when they have none
 */
CercleRegistration *
cercle_store_dup_registration_for (CercleStore  *self,
                                   const char   *event_id,
                                   const char   *member_id,
                                   GError      **error)
{
  g_autoptr(GListModel) found = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  found = _cercle_store_list_where (self, CERCLE_TYPE_REGISTRATION,
                                    "AND event_id = ?1 AND member_id = ?2 LIMIT 1",
                                    event_id, member_id, error);
  if (found == NULL)
    return NULL;

  return g_list_model_get_item (found, 0);
}

/* "Hélène Durand-Lefèvre" → "helene durand-lefevre" */
static char *
fold (const char *text)
{
  g_autofree char *ascii = NULL;

  if (text == NULL)
    return g_strdup ("");

  ascii = g_str_to_ascii (text, "C");

  return g_ascii_strdown (ascii, -1);
}

/* Every word of @words starts a word of @haystack */
static gboolean
matches_words (const char         *haystack,
               const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *p = haystack;
      gboolean found = FALSE;

      if (*words[i] == '\0')
        continue;

      while (!found && (p = strstr (p, words[i])) != NULL)
        {
          found = p == haystack || !g_ascii_isalnum (p[-1]);
          p++;
        }

      if (!found)
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  gint64  row;
  char   *sort_key;
} Attendee;

static void
attendee_clear (Attendee *attendee)
{
  g_free (attendee->sort_key);
}

static int
compare_attendees (gconstpointer a,
                   gconstpointer b)
{
  const Attendee *x = a, *y = b;
  int cmp = g_strcmp0 (x->sort_key, y->sort_key);

  if (cmp != 0)
    return cmp;

  return x->row < y->row ? -1 : x->row > y->row;
}

/* A guest's name sorts by its last word, as a member's by last name */
static char *
guest_sort_key (const char *name)
{
  g_autofree char *folded = fold (name);
  char *space = strrchr (g_strstrip (folded), ' ');

  if (space == NULL)
    return g_steal_pointer (&folded);

  *space = '\0';
  return g_strdup_printf ("%s\x01%s", space + 1, folded);
}

/**
 * cercle_store_list_registration_rows:
 * @responses: the answers to list, a mask of `1 << CercleResponse`
 * @query: (nullable): words that must start words of the registrant's
 *   name, company or substitute, ignoring case and accents
 *
 * The registrants of an event for its page and for the door, members and
 * guests by last name.
 *
 * Returns: (transfer full): row numbers for a #CercleRecordList of
 *   #CercleRegistration; %NULL with @error set
 */
GArray *
cercle_store_list_registration_rows (CercleStore  *self,
                                     const char   *event_id,
                                     guint         responses,
                                     const char   *query,
                                     GError      **error)
{
  g_autoptr(GEnumClass) response_class = g_type_class_ref (CERCLE_TYPE_RESPONSE);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Attendee));
  g_autoptr(GArray) rows = NULL;
  g_autofree char *folded_query = fold (query);
  g_auto(GStrv) words = g_strsplit_set (folded_query, " \t", -1);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  g_array_set_clear_func (found, (GDestroyNotify)attendee_clear);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT r.pk, r.response, m.sort_key,"
                                  " m.first_name, m.last_name, m.company,"
                                  " r.guest_name, r.guest_company, r.substitute_name"
                                  " FROM registration r LEFT JOIN member m ON m.id = r.member_id"
                                  " WHERE r.event_id = ?1 AND r.deleted = 0",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, event_id, error))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      const char *response = (const char *)sqlite3_column_text (stmt, 1);
      GEnumValue *value = g_enum_get_value_by_nick (response_class, response ? response : "");
      const char *sort_key = (const char *)sqlite3_column_text (stmt, 2);
      Attendee attendee;

      if (value == NULL || !(responses & (1u << value->value)))
        continue;

      if (words[0] != NULL && *folded_query != '\0')
        {
          g_autofree char *haystack = NULL;
          g_autofree char *folded = NULL;

          haystack = g_strjoin (" ",
                                (const char *)sqlite3_column_text (stmt, 3) ?: "",
                                (const char *)sqlite3_column_text (stmt, 4) ?: "",
                                (const char *)sqlite3_column_text (stmt, 5) ?: "",
                                (const char *)sqlite3_column_text (stmt, 6) ?: "",
                                (const char *)sqlite3_column_text (stmt, 7) ?: "",
                                (const char *)sqlite3_column_text (stmt, 8) ?: "",
                                NULL);
          folded = fold (haystack);
          if (!matches_words (folded, (const char * const *)words))
            continue;
        }

      attendee.row = sqlite3_column_int64 (stmt, 0);
      attendee.sort_key = sort_key != NULL
        ? g_strdup (sort_key)
        : guest_sort_key ((const char *)sqlite3_column_text (stmt, 6));
      g_array_append_val (found, attendee);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  g_array_sort (found, compare_attendees);

  rows = g_array_sized_new (FALSE, FALSE, sizeof (gint64), found->len);
  for (guint i = 0; i < found->len; i++)
    g_array_append_val (rows, g_array_index (found, Attendee, i).row);

  return g_steal_pointer (&rows);
}

/**
 * cercle_store_count_event:
 *
 * Counts the answers and the check-ins of @event_id.
 */
gboolean
cercle_store_count_event (CercleStore        *self,
                          const char         *event_id,
                          CercleEventCounts  *counts,
                          GError            **error)
{
  g_autoptr(GEnumClass) response_class = g_type_class_ref (CERCLE_TYPE_RESPONSE);
  g_autoptr(GEnumClass) attendance_class = g_type_class_ref (CERCLE_TYPE_ATTENDANCE);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (event_id != NULL, FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT response, attendance, member_id IS NULL, count(*)"
                                  " FROM registration WHERE event_id = ?1 AND deleted = 0"
                                  " GROUP BY 1, 2, 3",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, event_id, error))
    return FALSE;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      GEnumValue *response = g_enum_get_value_by_nick (response_class,
                                                       (const char *)sqlite3_column_text (stmt, 0) ?: "");
      GEnumValue *attendance = g_enum_get_value_by_nick (attendance_class,
                                                         (const char *)sqlite3_column_text (stmt, 1) ?: "");
      gboolean guest = sqlite3_column_int (stmt, 2) != 0;
      guint n = (guint)sqlite3_column_int64 (stmt, 3);

      if (response == NULL)
        continue;

      switch ((CercleResponse)response->value)
        {
        case CERCLE_RESPONSE_YES:
          counts->yes += n;
          if (guest)
            counts->guests += n;
          if (attendance != NULL &&
              cercle_registration_policy_attendance_is_in ((CercleAttendance)attendance->value))
            counts->checked_in += n;
          break;
        case CERCLE_RESPONSE_NO:
          counts->no += n;
          break;
        case CERCLE_RESPONSE_MAYBE:
          counts->maybe += n;
          break;
        case CERCLE_RESPONSE_WAITLIST:
          counts->waitlist += n;
          break;
        default:
          break;
        }
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

/**
 * cercle_store_count_registrations:
 *
 * Returns: how many registrations of @event_id answered @response; 0 with
 *   @error set when they cannot be counted
 */
guint
cercle_store_count_registrations (CercleStore     *self,
                                  const char      *event_id,
                                  CercleResponse   response,
                                  GError         **error)
{
  CercleEventCounts counts;

  g_return_val_if_fail (CERCLE_IS_STORE (self), 0);
  g_return_val_if_fail (event_id != NULL, 0);

  if (!cercle_store_count_event (self, event_id, &counts, error))
    return 0;

  switch (response)
    {
    case CERCLE_RESPONSE_YES:
      return counts.yes;
    case CERCLE_RESPONSE_NO:
      return counts.no;
    case CERCLE_RESPONSE_MAYBE:
      return counts.maybe;
    case CERCLE_RESPONSE_WAITLIST:
      return counts.waitlist;
    default:
      return 0;
    }
}

/**
 * cercle_store_get_waitlist_place:
 *
 * Returns: @registration's place on its event's waitlist, from 1; 0 when
 *   it is not waiting (or with @error set)
 */
guint
cercle_store_get_waitlist_place (CercleStore         *self,
                                 CercleRegistration  *registration,
                                 GError             **error)
{
  g_autoptr(GListModel) registrations = NULL;
  g_autoptr(GPtrArray) all = NULL;
  guint n;

  g_return_val_if_fail (CERCLE_IS_STORE (self), 0);
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (registration), 0);

  if (cercle_registration_get_response (registration) != CERCLE_RESPONSE_WAITLIST)
    return 0;

  registrations = _cercle_store_list_where (self, CERCLE_TYPE_REGISTRATION,
                                            "AND event_id = ?1 AND response = 'waitlist'",
                                            cercle_registration_get_event_id (registration),
                                            NULL, error);
  if (registrations == NULL)
    return 0;

  n = g_list_model_get_n_items (registrations);
  all = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (all, g_list_model_get_item (registrations, i));

  return cercle_registration_policy_waitlist_place ((CercleRegistration **)all->pdata, all->len,
                                                    registration);
}

static void
regularity_clear (CercleRegularity *regularity)
{
  g_free (regularity->member_id);
}

/**
 * cercle_store_compute_regularity:
 * @since: the start of the period, included
 * @until: its end, excluded
 *
 * How regularly each active member came to the events of the period, by
 * the rules of cercle-registration-policy.c; members expected nowhere are
 * listed too, with nothing counted.
 *
 * Returns: (transfer full) (element-type CercleRegularity): one entry per
 *   active member, in no particular order; %NULL with @error set
 */
GArray *
cercle_store_compute_regularity (CercleStore  *self,
                                 GDateTime    *since,
                                 GDateTime    *until,
                                 GError      **error)
{
  g_autoptr(GEnumClass) response_class = g_type_class_ref (CERCLE_TYPE_RESPONSE);
  g_autoptr(GEnumClass) attendance_class = g_type_class_ref (CERCLE_TYPE_ATTENDANCE);
  g_autoptr(GArray) result = g_array_new (FALSE, TRUE, sizeof (CercleRegularity));
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (since != NULL && until != NULL, NULL);

  g_array_set_clear_func (result, (GDestroyNotify)regularity_clear);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT id, pk FROM member WHERE deleted = 0 AND status = 'active'",
                                  error)))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      CercleRegularity entry = { NULL, };

      entry.member_id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      entry.member_row = sqlite3_column_int64 (stmt, 1);
      g_array_append_val (result, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  /* Indexed once the array stops growing */
  for (guint i = 0; i < result->len; i++)
    g_hash_table_insert (index, g_array_index (result, CercleRegularity, i).member_id,
                         GUINT_TO_POINTER (i + 1));

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT r.member_id, r.response, r.attendance, count(*)"
                                  " FROM event e JOIN registration r ON r.event_id = e.id"
                                  " WHERE e.deleted = 0 AND e.status = 'scheduled'"
                                  " AND e.starts_epoch >= ?1 AND e.starts_epoch < ?2"
                                  " AND r.deleted = 0 AND r.member_id IS NOT NULL"
                                  " GROUP BY 1, 2, 3",
                                  error)) ||
      !bind_time (self, stmt, 1, since, 0, error) ||
      !bind_time (self, stmt, 2, until, 0, error))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      guint position = GPOINTER_TO_UINT (g_hash_table_lookup (index, sqlite3_column_text (stmt, 0)));
      GEnumValue *response = g_enum_get_value_by_nick (response_class,
                                                       (const char *)sqlite3_column_text (stmt, 1) ?: "");
      GEnumValue *attendance = g_enum_get_value_by_nick (attendance_class,
                                                         (const char *)sqlite3_column_text (stmt, 2) ?: "");
      guint n = (guint)sqlite3_column_int64 (stmt, 3);
      CercleRegularity *entry;

      if (position == 0 || response == NULL || attendance == NULL)
        continue;

      entry = &g_array_index (result, CercleRegularity, position - 1);
      if (cercle_registration_policy_counts_as_expected (response->value, attendance->value))
        entry->expected += n;
      if (cercle_registration_policy_counts_as_attended (response->value, attendance->value))
        entry->attended += n;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&result);
}

/**
 * cercle_store_get_member_regularity:
 * @regularity: (out caller-allocates): filled for @member_id; its
 *   member_id is left %NULL
 *
 * How regularly @member_id came to the events of [@since, @until), by the
 * rules of cercle-registration-policy.c.
 */
gboolean
cercle_store_get_member_regularity (CercleStore       *self,
                                    const char        *member_id,
                                    GDateTime         *since,
                                    GDateTime         *until,
                                    CercleRegularity  *regularity,
                                    GError           **error)
{
  g_autoptr(GEnumClass) response_class = g_type_class_ref (CERCLE_TYPE_RESPONSE);
  g_autoptr(GEnumClass) attendance_class = g_type_class_ref (CERCLE_TYPE_ATTENDANCE);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (member_id != NULL, FALSE);
  g_return_val_if_fail (since != NULL && until != NULL, FALSE);
  g_return_val_if_fail (regularity != NULL, FALSE);

  memset (regularity, 0, sizeof *regularity);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT r.response, r.attendance, count(*)"
                                  " FROM registration r JOIN event e ON e.id = r.event_id"
                                  " WHERE r.member_id = ?1 AND r.deleted = 0"
                                  " AND e.deleted = 0 AND e.status = 'scheduled'"
                                  " AND e.starts_epoch >= ?2 AND e.starts_epoch < ?3"
                                  " GROUP BY 1, 2",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, member_id, error) ||
      !bind_time (self, stmt, 2, since, 0, error) ||
      !bind_time (self, stmt, 3, until, 0, error))
    return FALSE;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      GEnumValue *response = g_enum_get_value_by_nick (response_class,
                                                       (const char *)sqlite3_column_text (stmt, 0) ?: "");
      GEnumValue *attendance = g_enum_get_value_by_nick (attendance_class,
                                                         (const char *)sqlite3_column_text (stmt, 1) ?: "");
      guint n = (guint)sqlite3_column_int64 (stmt, 2);

      if (response == NULL || attendance == NULL)
        continue;
      if (cercle_registration_policy_counts_as_expected (response->value, attendance->value))
        regularity->expected += n;
      if (cercle_registration_policy_counts_as_attended (response->value, attendance->value))
        regularity->attended += n;
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

/**
 * cercle_store_register:
 * @member_id: the member who answers
 * @response: what they answer; a "yes" that finds the event full waits
 *
 * Answers @event_id's invitation for @member_id, as the local user (who
 * must be that member, or staff): a new registration, or a new answer on
 * the one they have.
 *
 * Returns: (transfer full): the registration as saved, with the answer
 *   the rules gave it; %NULL with @error set
 */
CercleRegistration *
cercle_store_register (CercleStore     *self,
                       const char      *event_id,
                       const char      *member_id,
                       CercleResponse   response,
                       GError         **error)
{
  g_autoptr(CercleRegistration) registration = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  registration = cercle_store_dup_registration_for (self, event_id, member_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (registration == NULL)
    registration = g_object_new (CERCLE_TYPE_REGISTRATION,
                                 "event-id", event_id,
                                 "member-id", member_id,
                                 NULL);

  g_object_set (registration, "response", response, NULL);

  if (!cercle_store_save (self, CERCLE_RECORD (registration), error))
    return NULL;

  return g_steal_pointer (&registration);
}

/**
 * cercle_store_add_guest:
 * @invited_by_id: (nullable): the member who brings the guest
 * @company: (nullable): the guest's company
 * @email: (nullable): the guest's e-mail address
 * @walk_in: whether the guest is at the door now: checked in at once
 *
 * Returns: (transfer full): the guest's registration as saved; %NULL with
 *   @error set
 */
CercleRegistration *
cercle_store_add_guest (CercleStore  *self,
                        const char   *event_id,
                        const char   *invited_by_id,
                        const char   *name,
                        const char   *company,
                        const char   *email,
                        gboolean      walk_in,
                        GError      **error)
{
  g_autoptr(CercleRegistration) registration = NULL;
  g_autofree char *now = cercle_now_iso8601 ();
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  if (*stripped == '\0')
    {
      g_set_error_literal (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID,
                           _("A guest needs a name."));
      return NULL;
    }

  registration = g_object_new (CERCLE_TYPE_REGISTRATION,
                               "event-id", event_id,
                               "invited-by-id", invited_by_id,
                               "guest-name", stripped,
                               "guest-company", company != NULL && *company != '\0' ? company : NULL,
                               "guest-email", email != NULL && *email != '\0' ? email : NULL,
                               "response", CERCLE_RESPONSE_YES,
                               "attendance", walk_in ? CERCLE_ATTENDANCE_PRESENT : CERCLE_ATTENDANCE_UNKNOWN,
                               "checked-in-at", walk_in ? now : NULL,
                               NULL);

  if (!cercle_store_save (self, CERCLE_RECORD (registration), error))
    return NULL;

  return g_steal_pointer (&registration);
}

/**
 * cercle_store_take_attendance:
 * @attendance: what the door saw
 * @substitute_name: (nullable): who came instead, for
 *   %CERCLE_ATTENDANCE_SUBSTITUTE
 *
 * Records @registration's attendance at once, with the time for someone
 * who came in, so that a check-in survives the app being closed.
 */
gboolean
cercle_store_take_attendance (CercleStore         *self,
                              CercleRegistration  *registration,
                              CercleAttendance     attendance,
                              const char          *substitute_name,
                              GError             **error)
{
  g_autofree char *now = NULL;
  g_autofree char *old_time = NULL;
  g_autofree char *old_substitute = NULL;
  CercleAttendance old_attendance;
  gboolean in;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (registration), FALSE);

  if (attendance == CERCLE_ATTENDANCE_SUBSTITUTE &&
      (substitute_name == NULL || *substitute_name == '\0'))
    {
      g_set_error_literal (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID,
                           _("Give the name of the substitute."));
      return FALSE;
    }

  in = cercle_registration_policy_attendance_is_in (attendance);
  old_attendance = cercle_registration_get_attendance (registration);
  old_time = g_strdup (cercle_registration_get_checked_in_at (registration));
  old_substitute = g_strdup (cercle_registration_get_substitute_name (registration));

  /* The first time someone came in is kept when corrected to late */
  if (in && old_time == NULL)
    now = cercle_now_iso8601 ();

  g_object_set (registration,
                "attendance", attendance,
                "checked-in-at", in ? (old_time ? old_time : now) : NULL,
                "substitute-name", attendance == CERCLE_ATTENDANCE_SUBSTITUTE ? substitute_name : NULL,
                NULL);

  if (!cercle_store_save (self, CERCLE_RECORD (registration), error))
    {
      g_object_set (registration,
                    "attendance", old_attendance,
                    "checked-in-at", old_time,
                    "substitute-name", old_substitute,
                    NULL);
      return FALSE;
    }

  return TRUE;
}
