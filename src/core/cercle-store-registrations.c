/* cercle-store-registrations.c
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
#include "cercle-registration.h"
#include "cercle-registration-policy.h"
#include "cercle-store-events-private.h"
#include "cercle-time.h"

/* Registrations: what their table adds to the generic writing (times in
 * their stored form, a seat or a place on the waitlist decided as the
 * server will, the waitlist moving up when seats free), an event's
 * registrants and their counts, and the answers and guests the app
 * writes. */

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
    _cercle_store_rebalance_later (self, event_id);

  /* Moved to another event: the seat it leaves is free */
  if (old != NULL && g_strcmp0 (cercle_registration_get_event_id (old), event_id) != 0 &&
      cercle_registration_policy_takes_seat (old))
    _cercle_store_rebalance_later (self, cercle_registration_get_event_id (old));

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
