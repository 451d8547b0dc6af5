/* cercle-store-sync.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-codec.h"
#include "cercle-entity.h"
#include "cercle-store-private.h"

/* What sync reads and writes of the local copy: the outbox of local edits
 * waiting for the club's server, and the history of replaced values. */

/* An outbox row back into a mutation, through the codec: the row came
 * from a file, which anyone may have edited, so it is checked like a
 * mutation from the network. */
static CercleMutation *
mutation_from_row (sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonObject) changes = NULL;
  const char *changes_text = (const char *)sqlite3_column_text (stmt, 5);
  CercleMutation *mutation;

  json_object_set_int_member (object, "mutation_no", sqlite3_column_int64 (stmt, 0));
  json_object_set_string_member (object, "entity", (const char *)sqlite3_column_text (stmt, 1));
  json_object_set_string_member (object, "row_id", (const char *)sqlite3_column_text (stmt, 2));
  json_object_set_string_member (object, "op", (const char *)sqlite3_column_text (stmt, 3));
  json_object_set_int_member (object, "base_rev", sqlite3_column_int64 (stmt, 4));

  changes = cercle_json_parse_object (changes_text != NULL ? changes_text : "{}", -1,
                                      CERCLE_JSON_MAX_DEPTH, error);
  if (changes == NULL)
    return NULL;
  json_object_set_object_member (object, "changes", json_object_ref (changes));

  mutation = cercle_mutation_from_json (object, error);
  if (mutation == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)sqlite3_column_int64 (stmt, 0));

      /* Translators: %s is the number of a change waiting for sync; the
       * reason follows */
      g_prefix_error (error, _("Change %s waiting for sync is damaged: "), number);
    }

  return mutation;
}

/**
 * cercle_store_dup_outbox_mutations:
 *
 * The local edits not yet accepted by the club's server, oldest first.
 *
 * Returns: (transfer container) (element-type CercleMutation): the
 *   mutations, or %NULL with @error set
 */
GPtrArray *
cercle_store_dup_outbox_mutations (CercleStore  *self,
                                   GError      **error)
{
  g_autoptr(GPtrArray) mutations = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_mutation_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT mutation_no, entity, row_id, op, base_rev, changes"
                                  " FROM outbox ORDER BY mutation_no",
                                  error)))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      CercleMutation *mutation = mutation_from_row (stmt, error);

      if (mutation == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }

      g_ptr_array_add (mutations, mutation);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&mutations);
}

/**
 * cercle_store_dup_outbox:
 *
 * The local edits not yet accepted by the club's server, oldest first, each
 * as the push of the sync protocol carries it.
 *
 * Returns: (transfer full): a #JsonArray of mutation objects
 */
JsonArray *
cercle_store_dup_outbox (CercleStore  *self,
                         GError      **error)
{
  g_autoptr(GPtrArray) mutations = cercle_store_dup_outbox_mutations (self, error);
  JsonArray *outbox;

  if (mutations == NULL)
    return NULL;

  outbox = json_array_sized_new (mutations->len);
  for (guint i = 0; i < mutations->len; i++)
    json_array_add_object_element (outbox, cercle_mutation_to_json (g_ptr_array_index (mutations, i)));

  return outbox;
}

/**
 * cercle_store_dup_history:
 *
 * Every value of @row_id that was replaced, oldest first. A row made on
 * this device starts with an entry whose "field" is
 * %CERCLE_HISTORY_CREATED and whose "new" holds the fields it was made
 * with, as an object of {"new": value} by column, as a push carries them.
 *
 * Returns: (transfer full): a #JsonArray of objects with "entity", "field",
 *   "old", "new", "changed_at" and "origin"
 */
JsonArray *
cercle_store_dup_history (CercleStore  *self,
                          const char   *row_id,
                          GError      **error)
{
  g_autoptr(JsonArray) history = json_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (row_id != NULL, NULL);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT entity, field, old_value, new_value, changed_at, origin"
                                  " FROM history WHERE row_id = ?1 ORDER BY pk",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, row_id, error))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      JsonObject *entry = json_object_new ();
      const char *old_text = (const char *)sqlite3_column_text (stmt, 2);
      const char *new_text = (const char *)sqlite3_column_text (stmt, 3);
      JsonNode *old_node = old_text != NULL ? cercle_json_parse (old_text, -1, CERCLE_JSON_MAX_DEPTH, NULL) : NULL;
      JsonNode *new_node = new_text != NULL ? cercle_json_parse (new_text, -1, CERCLE_JSON_MAX_DEPTH, NULL) : NULL;

      json_object_set_string_member (entry, "entity", (const char *)sqlite3_column_text (stmt, 0));
      json_object_set_string_member (entry, "field", (const char *)sqlite3_column_text (stmt, 1));
      json_object_set_member (entry, "old", old_node ? old_node : json_node_new (JSON_NODE_NULL));
      json_object_set_member (entry, "new", new_node ? new_node : json_node_new (JSON_NODE_NULL));
      json_object_set_string_member (entry, "changed_at", (const char *)sqlite3_column_text (stmt, 4));
      json_object_set_string_member (entry, "origin", (const char *)sqlite3_column_text (stmt, 5));
      json_array_add_object_element (history, entry);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&history);
}
