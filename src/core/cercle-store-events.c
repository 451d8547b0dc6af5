/* cercle-store-events.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include "cercle-enums.h"
#include "cercle-event.h"
#include "cercle-registration.h"
#include "cercle-store-private.h"

/* The calendar's queries: events and their registrations. */

/**
 * cercle_store_list_events:
 * @from: (nullable): only events not over yet at this time; an event
 *   under way stays listed, as staff take attendance at the door then
 *
 * Returns: (transfer full): a #GListModel of #CercleEvent by start time
 */
GListModel *
cercle_store_list_events (CercleStore  *self,
                          GDateTime    *from,
                          GError      **error)
{
  g_autofree char *from_text = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (from != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (from);

      from_text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
    }

  return _cercle_store_list_where (self, CERCLE_TYPE_EVENT,
                                   "AND coalesce (ends_at, starts_at) >= ?1 ORDER BY starts_at, title",
                                   from_text != NULL ? from_text : "", NULL, error);
}

/**
 * cercle_store_list_registrations:
 *
 * Returns: (transfer full): a #GListModel of #CercleRegistration
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
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (CERCLE_TYPE_RESPONSE);
  GEnumValue *value = g_enum_get_value (enum_class, response);
  sqlite3_stmt *stmt;
  guint count = 0;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), 0);
  g_return_val_if_fail (event_id != NULL, 0);
  g_return_val_if_fail (value != NULL, 0);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT count(*) FROM registration"
                                  " WHERE event_id = ?1 AND response = ?2 AND deleted = 0",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, event_id, error) ||
      !cercle_db_bind_text (self->db, stmt, 2, value->value_nick, error))
    return 0;

  rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error);
  if (rc == SQLITE_ROW)
    count = (guint)sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}
