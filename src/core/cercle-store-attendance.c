/* cercle-store-attendance.c
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

/* Attendance: what the door records, and how regularly each member came
 * to the events of a period, by the rules of
 * cercle-registration-policy.c. */

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
      !_cercle_store_bind_time (self, stmt, 1, since, 0, error) ||
      !_cercle_store_bind_time (self, stmt, 2, until, 0, error))
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
      !_cercle_store_bind_time (self, stmt, 2, since, 0, error) ||
      !_cercle_store_bind_time (self, stmt, 3, until, 0, error))
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
