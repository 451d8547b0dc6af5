/* cercle-server-pull.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-server-cursor.h"
#include "cercle-server-sync.h"

/* What members get of their club: pages of rows in seq order after their
 * cursor, each filtered for them by the rules of cercle-visibility.c — the
 * fields they may see, or a tombstone without fields for a row they may
 * not see at all. Pages are written as text through the codec: a first
 * sync of a big club is a hundred thousand rows. */

static JsonObject *
tombstone (CercleRecord *record)
{
  JsonObject *row = json_object_new ();

  json_object_set_string_member (row, "entity", cercle_record_get_table_name (record));
  json_object_set_string_member (row, "id", cercle_record_get_id (record));
  json_object_set_int_member (row, "rev", cercle_record_get_rev (record));
  json_object_set_boolean_member (row, "deleted", TRUE);
  json_object_set_object_member (row, "fields", json_object_new ());

  return row;
}

/* Redacts @record for @viewer; FALSE when they may not see it at all */
static gboolean
filter_for_viewer (const CercleViewer *viewer,
                   CercleRecord       *record,
                   CercleEvent        *event)
{
  if (cercle_record_get_deleted (record))
    return FALSE;

  switch (cercle_record_get_entity (record))
    {
    case CERCLE_ENTITY_MEMBER:
      cercle_visibility_redact_member (viewer, CERCLE_MEMBER (record));
      return TRUE;

    case CERCLE_ENTITY_EVENT:
      return cercle_visibility_can_see_event (viewer, CERCLE_EVENT (record));

    case CERCLE_ENTITY_REGISTRATION:
      if (!cercle_visibility_can_see_registration (viewer, CERCLE_REGISTRATION (record), event))
        return FALSE;
      cercle_visibility_redact_registration (viewer, CERCLE_REGISTRATION (record));
      return TRUE;

    case CERCLE_ENTITY_REFERRAL:
      return cercle_visibility_can_see_referral (viewer, CERCLE_REFERRAL (record));

    case CERCLE_ENTITY_ONE_TO_ONE:
      return cercle_visibility_can_see_one_to_one (viewer, CERCLE_ONE_TO_ONE (record));

    case CERCLE_ENTITY_ANNOUNCEMENT:
      return cercle_visibility_can_see_announcement (viewer, CERCLE_ANNOUNCEMENT (record));

    case CERCLE_ENTITY_MENTORING:
      return cercle_visibility_can_see_mentoring (viewer, CERCLE_MENTORING (record));
    case CERCLE_ENTITY_DEVICE_KEY:
    case CERCLE_ENTITY_CONVERSATION:
    case CERCLE_ENTITY_MESSAGE:
      return cercle_message_policy_can_see (viewer, record);

    case CERCLE_ENTITY_CLUB:
    case CERCLE_ENTITY_REQUEST:
    case CERCLE_ENTITY_NEED_REPLY:
    default:
      return TRUE;
    }
}

/**
 * cercle_server_sync_row_for_viewer:
 * @record: a row of the club; redacted in place
 * @event: (nullable): for a registration, its event
 *
 * Returns: (transfer full): @record as @viewer may get it: with the fields
 *   they may see, or, when they may not see it at all (or it is deleted),
 *   as a tombstone without fields, so that a copy they had goes away
 */
JsonObject *
cercle_server_sync_row_for_viewer (const CercleViewer *viewer,
                                   CercleRecord       *record,
                                   CercleEvent        *event)
{
  if (!filter_for_viewer (viewer, record, event))
    return tombstone (record);

  return cercle_codec_record_to_json (record);
}

/* As cercle_server_sync_row_for_viewer(), written as text into @out */
static void
write_row_for_viewer (GString            *out,
                      const CercleViewer *viewer,
                      CercleRecord       *record,
                      CercleEvent        *event)
{
  if (filter_for_viewer (viewer, record, event))
    {
      cercle_codec_write_record (out, record);
      return;
    }

  g_string_append (out, "{\"entity\":");
  cercle_codec_write_string (out, cercle_record_get_table_name (record));
  g_string_append (out, ",\"id\":");
  cercle_codec_write_string (out, cercle_record_get_id (record));
  g_string_append_printf (out, ",\"rev\":%" G_GINT64_FORMAT ",\"deleted\":true,\"fields\":{}}",
                          cercle_record_get_rev (record));
}

/**
 * cercle_server_sync_pull:
 *
 * Returns: (transfer full): a page of the club's rows after the cursor,
 *   as @actor may see them, as the JSON text {"rows", "next_cursor",
 *   "has_more", "last_mutation_no"}; or %NULL with @error set,
 *   %CERCLE_SERVER_ERROR_GONE for a cursor that is not of this database
 */
GBytes *
cercle_server_sync_pull (CercleServerStorage      *storage,
                         const CercleServerActor  *actor,
                         CercleServerPullParams   *params,
                         GError                  **error)
{
  g_autoptr(CercleServerTxn) txn = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GString) page = NULL;
  g_autofree char *epoch = NULL;
  g_autofree char *next_cursor = NULL;
  gint64 after = 0;
  gint64 club_seq;
  gint64 last_mutation_no = 0;
  gint64 last_rev;
  gboolean has_more = FALSE;

  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (storage), NULL);
  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  if (!(epoch = cercle_server_storage_dup_epoch (storage, error)) ||
      !cercle_server_cursor_decode (params->cursor, epoch, &after, error))
    return NULL;

  if (!(txn = cercle_server_storage_begin (storage, actor->club_id, FALSE, error)))
    return NULL;

  club_seq = cercle_server_txn_get_seq (txn, error);
  if (club_seq < 0)
    return NULL;

  /* A cursor ahead of the club: a backup was restored under it */
  if (after > club_seq)
    {
      g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_GONE,
                           _("The server’s database was restored or replaced; sync again from the start."));
      return NULL;
    }

  if (!cercle_server_txn_pull (txn, after, params->limit, rows, &has_more, error))
    return NULL;

  if (params->client_id != NULL &&
      !cercle_server_txn_last_mutation_no (txn, actor->account_id, params->client_id,
                                           &last_mutation_no, error))
    return NULL;

  page = g_string_sized_new (1024 + rows->len * 768);
  g_string_append (page, "{\"rows\":[");
  last_rev = after;

  for (guint i = 0; i < rows->len; i++)
    {
      CercleRecord *record = g_ptr_array_index (rows, i);
      CercleEvent *event = NULL;

      if (cercle_record_get_entity (record) == CERCLE_ENTITY_REGISTRATION)
        {
          const char *event_id = cercle_registration_get_event_id (CERCLE_REGISTRATION (record));

          if (event_id != NULL && !(event = g_hash_table_lookup (events, event_id)))
            {
              g_autoptr(GError) local_error = NULL;
              CercleRecord *found = cercle_server_txn_get_record (txn, CERCLE_ENTITY_EVENT, event_id,
                                                                  &local_error);

              if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return NULL;
                }
              if (found != NULL)
                {
                  g_hash_table_insert (events, g_strdup (event_id), found);
                  event = CERCLE_EVENT (found);
                }
            }
        }

      if (i > 0)
        g_string_append_c (page, ',');
      write_row_for_viewer (page, actor->viewer, record, event);
      last_rev = cercle_record_get_rev (record);
    }

  if (!cercle_server_txn_commit (g_steal_pointer (&txn), error))
    return NULL;

  next_cursor = cercle_server_cursor_encode (epoch, last_rev);

  g_string_append (page, "],\"next_cursor\":");
  cercle_codec_write_string (page, next_cursor);
  g_string_append_printf (page, ",\"has_more\":%s,\"last_mutation_no\":%" G_GINT64_FORMAT "}",
                          has_more ? "true" : "false", last_mutation_no);

  return g_string_free_to_bytes (g_steal_pointer (&page));
}
