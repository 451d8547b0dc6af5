/* cercle-server-privacy.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-privacy"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-server-privacy.h"
#include "cercle-server-sync.h"

/* What the RGPD asks of the club's server:
 *
 * - Access: a member downloads, in one JSON document, everything the server
 *   holds about them in every club (their account, sessions, member rows,
 *   registrations, referrals, one-to-ones, needs, replies to needs,
 *   mentorings, and consents with dates), and of their private messages
 *   what the server has, which it cannot read: their devices' public keys,
 *   their conversations, and the envelopes of the messages they sent or
 *   received with the ciphertext and the keys sealed for their own
 *   devices (the other member's are the other member's), which their
 *   devices can open.
 * - Erasure: staff erase a member who leaves. Their personal fields are
 *   wiped and their row becomes a tombstone, which every copy of the club
 *   pulls; their notes in one-to-ones and referrals go too; their
 *   referrals and registrations stay, pointing at a row with nothing left
 *   in it, so the club's figures still add up; their posted needs are
 *   deleted, as are their replies under needs and their mentorings (the
 *   announcements they posted as staff are the club's and stay). Their
 *   devices' keys are deleted, and so are their conversations with every
 *   message in them, both ways: the messages the other member sent them
 *   were sealed for them and are about them, and a thread whose other
 *   half vanished, with no one left to answer, tells the other member
 *   nothing true. Every device of the other member deletes its copy at
 *   its next pull, as it does a vanished message. Their sign-in leaves the
 *   club, and their account goes when it has no club left. */

/* Rows of @entity in the club where @column is the member */
static gboolean
add_rows (CercleServerTxn  *txn,
          JsonArray        *into,
          CercleEntity      entity,
          const char       *column,
          const char       *member_id,
          GHashTable       *seen,
          GError          **error)
{
  g_autoptr(GPtrArray) rows = cercle_server_txn_list_records (txn, entity, column, member_id, error);

  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      CercleRecord *record = g_ptr_array_index (rows, i);

      if (cercle_record_get_deleted (record) ||
          !g_hash_table_add (seen, g_strdup (cercle_record_get_id (record))))
        continue;

      json_array_add_object_element (into, cercle_codec_record_to_json (record));
    }

  return TRUE;
}

/* The device ids of @devices, a set */
static GHashTable *
device_ids (JsonArray *devices)
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (devices); i++)
    g_hash_table_add (ids, (gpointer)json_object_get_string_member (json_array_get_object_element (devices, i), "id"));

  return ids;
}

/* A message as the member gets it: its envelope and ciphertext, and of
 * its sealed keys only those for the member's own devices */
static JsonObject *
message_json (CercleRecord *record,
              GHashTable   *mine)
{
  JsonObject *object = cercle_codec_record_to_json (record);
  JsonObject *fields = json_object_get_object_member (object, "fields");
  const char *sealed = cercle_message_get_sealed_keys (CERCLE_MESSAGE (record));
  g_autoptr(JsonObject) keys = sealed != NULL ? cercle_json_parse_object (sealed, -1, 2, NULL) : NULL;
  g_autoptr(JsonObject) own = json_object_new ();
  g_autoptr(GList) devices = keys != NULL ? json_object_get_members (keys) : NULL;

  for (GList *l = devices; l != NULL; l = l->next)
    if (g_hash_table_contains (mine, l->data))
      json_object_set_member (own, l->data, json_node_copy (json_object_get_member (keys, l->data)));

  if (json_object_has_member (fields, "sealed_keys"))
    {
      g_autofree char *text = cercle_json_object_to_string (own);

      json_object_set_string_member (fields, "sealed_keys", text);
    }

  return object;
}

/* The member's private messages, as far as the server knows them */
static gboolean
add_messages (CercleServerTxn  *txn,
              JsonObject       *club,
              const char       *me,
              GHashTable       *seen,
              GError          **error)
{
  static const char * const columns[] = { "sender_id", "recipient_id" };
  JsonArray *devices = json_array_new ();
  JsonArray *conversations = json_array_new ();
  JsonArray *messages = json_array_new ();
  g_autoptr(GHashTable) mine = NULL;

  json_object_set_array_member (club, "device_keys", devices);
  json_object_set_array_member (club, "conversations", conversations);
  json_object_set_array_member (club, "messages", messages);

  if (!add_rows (txn, devices, CERCLE_ENTITY_DEVICE_KEY, "member_id", me, seen, error) ||
      !add_rows (txn, conversations, CERCLE_ENTITY_CONVERSATION, "member_a_id", me, seen, error) ||
      !add_rows (txn, conversations, CERCLE_ENTITY_CONVERSATION, "member_b_id", me, seen, error))
    return FALSE;

  mine = device_ids (devices);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      g_autoptr(GPtrArray) rows = cercle_server_txn_list_records (txn, CERCLE_ENTITY_MESSAGE, columns[c], me, error);

      if (rows == NULL)
        return FALSE;

      for (guint i = 0; i < rows->len; i++)
        {
          CercleRecord *record = g_ptr_array_index (rows, i);

          if (cercle_record_get_deleted (record) ||
              !g_hash_table_add (seen, g_strdup (cercle_record_get_id (record))))
            continue;

          json_array_add_object_element (messages, message_json (record, mine));
        }
    }

  return TRUE;
}

static JsonArray *
consents_json (CercleServerTxn  *txn,
               const char       *row_id,
               GError          **error)
{
  g_autoptr(GPtrArray) consents = cercle_server_txn_list_consents (txn, row_id, error);
  JsonArray *array;

  if (consents == NULL)
    return NULL;

  array = json_array_new ();
  for (guint i = 0; i < consents->len; i++)
    {
      CercleServerConsent *consent = g_ptr_array_index (consents, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "entity", consent->entity);
      json_object_set_string_member (object, "row_id", consent->row_id);
      json_object_set_string_member (object, "kind", consent->kind);
      json_object_set_boolean_member (object, "granted", consent->granted);
      json_object_set_string_member (object, "at", consent->at);
      json_array_add_object_element (array, object);
    }

  return array;
}

static JsonObject *
export_club (CercleServerStorage     *storage,
             CercleServerMembership  *membership,
             GError                 **error)
{
  g_autoptr(CercleServerTxn) txn = NULL;
  g_autoptr(CercleRecord) member = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonObject) club = json_object_new ();
  g_autoptr(JsonArray) consents = NULL;
  JsonArray *registrations = json_array_new ();
  JsonArray *referrals = json_array_new ();
  JsonArray *one_to_ones = json_array_new ();
  JsonArray *requests = json_array_new ();
  JsonArray *need_replies = json_array_new ();
  JsonArray *mentorings = json_array_new ();
  const char *me = membership->member_id;

  json_object_set_string_member (club, "club_id", membership->club_id);
  json_object_set_string_member (club, "club_name", membership->club_name);
  json_object_set_string_member (club, "role", membership->is_staff ? "staff" : "member");
  json_object_set_array_member (club, "registrations", registrations);
  json_object_set_array_member (club, "referrals", referrals);
  json_object_set_array_member (club, "one_to_ones", one_to_ones);
  json_object_set_array_member (club, "requests", requests);
  json_object_set_array_member (club, "need_replies", need_replies);
  json_object_set_array_member (club, "mentorings", mentorings);

  if (!(txn = cercle_server_storage_begin (storage, membership->club_id, FALSE, error)))
    return NULL;

  member = cercle_server_txn_get_record (txn, CERCLE_ENTITY_MEMBER, me, error);
  if (member == NULL && error != NULL && *error != NULL)
    return NULL;
  if (member != NULL)
    json_object_set_object_member (club, "member", cercle_codec_record_to_json (member));

  if (!add_rows (txn, registrations, CERCLE_ENTITY_REGISTRATION, "member_id", me, seen, error) ||
      !add_rows (txn, registrations, CERCLE_ENTITY_REGISTRATION, "invited_by_id", me, seen, error) ||
      !add_rows (txn, referrals, CERCLE_ENTITY_REFERRAL, "giver_id", me, seen, error) ||
      !add_rows (txn, referrals, CERCLE_ENTITY_REFERRAL, "receiver_id", me, seen, error) ||
      !add_rows (txn, one_to_ones, CERCLE_ENTITY_ONE_TO_ONE, "member_a_id", me, seen, error) ||
      !add_rows (txn, one_to_ones, CERCLE_ENTITY_ONE_TO_ONE, "member_b_id", me, seen, error) ||
      !add_rows (txn, requests, CERCLE_ENTITY_REQUEST, "member_id", me, seen, error) ||
      !add_rows (txn, need_replies, CERCLE_ENTITY_NEED_REPLY, "member_id", me, seen, error) ||
      !add_rows (txn, mentorings, CERCLE_ENTITY_MENTORING, "mentor_id", me, seen, error) ||
      !add_rows (txn, mentorings, CERCLE_ENTITY_MENTORING, "mentee_id", me, seen, error) ||
      !add_messages (txn, club, me, seen, error))
    return NULL;

  if (!(consents = consents_json (txn, me, error)))
    return NULL;

  /* The consents the member's referrals carry for their prospects */
  for (guint i = 0; i < json_array_get_length (referrals); i++)
    {
      JsonObject *referral = json_array_get_object_element (referrals, i);
      g_autoptr(JsonArray) more = consents_json (txn, json_object_get_string_member (referral, "id"), error);

      if (more == NULL)
        return NULL;
      for (guint j = 0; j < json_array_get_length (more); j++)
        json_array_add_element (consents, json_node_copy (json_array_get_element (more, j)));
    }

  json_object_set_array_member (club, "consents", g_steal_pointer (&consents));

  if (!cercle_server_txn_commit (g_steal_pointer (&txn), error))
    return NULL;

  return g_steal_pointer (&club);
}

/**
 * cercle_server_privacy_export:
 *
 * Returns: (transfer full): everything the server holds about
 *   @account_id, or %NULL with @error set
 */
JsonObject *
cercle_server_privacy_export (CercleServerStorage  *storage,
                              const char           *account_id,
                              GError              **error)
{
  g_autoptr(CercleServerAccount) account = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) memberships = NULL;
  g_autoptr(JsonObject) export = json_object_new ();
  g_autofree char *now = cercle_now_iso8601 ();
  JsonObject *account_json;
  JsonArray *sessions_json;
  JsonArray *clubs_json;

  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (storage), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  if (!(account = cercle_server_storage_find_account (storage, NULL, account_id, error)) ||
      !(sessions = cercle_server_storage_list_sessions (storage, account_id, error)) ||
      !(memberships = cercle_server_storage_list_memberships (storage, account_id, error)))
    return NULL;

  json_object_set_string_member (export, "exported_at", now);

  /* Everything but the password's hash, which is no information about
   * the person and a risk in a file */
  account_json = json_object_new ();
  json_object_set_string_member (account_json, "id", account->id);
  json_object_set_string_member (account_json, "email", account->email);
  json_object_set_string_member (account_json, "created_at", account->created_at);
  json_object_set_boolean_member (account_json, "disabled", account->disabled);
  json_object_set_object_member (export, "account", account_json);

  sessions_json = json_array_new ();
  for (guint i = 0; i < sessions->len; i++)
    {
      CercleServerSession *session = g_ptr_array_index (sessions, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "id", session->id);
      json_object_set_string_member (object, "device_name", session->device_name);
      json_object_set_string_member (object, "created_at", session->created_at);
      json_object_set_string_member (object, "last_used_at", session->last_used_at);
      json_object_set_boolean_member (object, "revoked", session->revoked);
      json_array_add_object_element (sessions_json, object);
    }
  json_object_set_array_member (export, "sessions", sessions_json);

  clubs_json = json_array_new ();
  json_object_set_array_member (export, "clubs", clubs_json);
  for (guint i = 0; i < memberships->len; i++)
    {
      JsonObject *club = export_club (storage, g_ptr_array_index (memberships, i), error);

      if (club == NULL)
        return NULL;
      json_array_add_object_element (clubs_json, club);
    }

  return g_steal_pointer (&export);
}

static void
clear_field (CercleRecord *record,
             const char   *column)
{
  CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (record);
  int field = cercle_record_class_find_field (klass, column);
  GParamSpec *pspec;
  g_auto(GValue) empty = G_VALUE_INIT;

  g_assert (field >= 0);

  pspec = cercle_record_class_get_fields (klass, NULL)[field];
  g_value_init (&empty, G_PARAM_SPEC_VALUE_TYPE (pspec));
  g_param_value_set_default (pspec, &empty);
  g_object_set_property (G_OBJECT (record), pspec->name, &empty);
}

/* Every text of the member's row goes; what the club decided (status,
 * role) is no personal data and keeps the statistics right */
static void
wipe_member (CercleRecord *member)
{
  CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (member);
  GParamSpec * const *fields;
  guint n_fields;

  fields = cercle_record_class_get_fields (klass, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      GType type = G_PARAM_SPEC_VALUE_TYPE (fields[i]);

      if (type == G_TYPE_STRING || type == G_TYPE_BOOLEAN)
        clear_field (member, cercle_record_class_get_column (klass, i));
    }

  cercle_record_set_deleted (member, TRUE);
}

static gboolean
rewrite_rows (CercleServerTxn  *txn,
              CercleEntity      entity,
              const char       *column,
              const char       *member_id,
              const char * const *wipe,
              gboolean          delete,
              const char       *now,
              guint            *n_changed,
              GError          **error)
{
  g_autoptr(GPtrArray) rows = cercle_server_txn_list_records (txn, entity, column, member_id, error);

  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      CercleRecord *record = g_ptr_array_index (rows, i);

      for (guint j = 0; wipe != NULL && wipe[j] != NULL; j++)
        clear_field (record, wipe[j]);
      if (delete)
        cercle_record_set_deleted (record, TRUE);

      if (!cercle_server_sync_put_new_row (txn, record, now, error))
        return FALSE;
      (*n_changed)++;
    }

  return TRUE;
}

/* Deletes @record, with @wipe's fields emptied, unless it is already */
static gboolean
delete_row (CercleServerTxn     *txn,
            CercleRecord        *record,
            const char * const  *wipe,
            const char          *now,
            guint               *n_changed,
            GError             **error)
{
  if (cercle_record_get_deleted (record))
    return TRUE;

  for (guint j = 0; wipe != NULL && wipe[j] != NULL; j++)
    clear_field (record, wipe[j]);
  cercle_record_set_deleted (record, TRUE);

  if (!cercle_server_sync_put_new_row (txn, record, now, error))
    return FALSE;
  (*n_changed)++;

  return TRUE;
}

/* The member's conversations go with every message in them, both ways,
 * then their devices' keys: nothing is left that names one of them */
static gboolean
erase_messages (CercleServerTxn  *txn,
                const char       *member_id,
                const char       *now,
                guint            *n_changed,
                GError          **error)
{
  static const char * const sides[] = { "member_a_id", "member_b_id" };
  static const char * const envelope[] = { "ciphertext", "sealed_keys", NULL };
  static const char * const device[] = { "public_key", "device_name", NULL };
  g_autoptr(GPtrArray) devices = NULL;

  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      g_autoptr(GPtrArray) conversations = cercle_server_txn_list_records (txn, CERCLE_ENTITY_CONVERSATION,
                                                                           sides[s], member_id, error);

      if (conversations == NULL)
        return FALSE;

      for (guint i = 0; i < conversations->len; i++)
        {
          CercleRecord *conversation = g_ptr_array_index (conversations, i);
          g_autoptr(GPtrArray) messages = NULL;

          messages = cercle_server_txn_list_records (txn, CERCLE_ENTITY_MESSAGE, "conversation_id",
                                                     cercle_record_get_id (conversation), error);
          if (messages == NULL)
            return FALSE;

          for (guint m = 0; m < messages->len; m++)
            if (!delete_row (txn, g_ptr_array_index (messages, m), envelope, now, n_changed, error))
              return FALSE;

          if (!delete_row (txn, conversation, NULL, now, n_changed, error))
            return FALSE;
        }
    }

  if (!(devices = cercle_server_txn_list_records (txn, CERCLE_ENTITY_DEVICE_KEY, "member_id", member_id, error)))
    return FALSE;
  for (guint i = 0; i < devices->len; i++)
    if (!delete_row (txn, g_ptr_array_index (devices, i), device, now, n_changed, error))
      return FALSE;

  return TRUE;
}

/**
 * cercle_server_privacy_erase_member:
 * @actor: staff of the club
 *
 * Erases @member_id from the club, in one transaction: all of it or
 * nothing.
 *
 * Returns: (transfer full): {"member_id", "rows_changed", "account_removed"},
 *   or %NULL with @error set
 */
JsonObject *
cercle_server_privacy_erase_member (CercleServerStorage      *storage,
                                    const CercleServerActor  *actor,
                                    const char               *member_id,
                                    GError                  **error)
{
  static const char * const notes[] = { "notes", NULL };
  static const char * const request_texts[] = { "title", "body", NULL };
  static const char * const reply_texts[] = { "body", NULL };
  g_autoptr(CercleServerTxn) txn = NULL;
  g_autoptr(CercleRecord) member = NULL;
  g_autoptr(GPtrArray) memberships = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *now = cercle_now_iso8601 ();
  gboolean account_removed = FALSE;
  guint n_changed = 0;
  JsonObject *result;

  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (storage), NULL);
  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  if (!actor->viewer->is_staff)
    {
      g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_FORBIDDEN,
                           _("Only the club’s staff can do this."));
      return NULL;
    }

  account_id = cercle_server_storage_find_member_account (storage, actor->club_id, member_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!(txn = cercle_server_storage_begin (storage, actor->club_id, TRUE, error)))
    return NULL;

  member = cercle_server_txn_get_record (txn, CERCLE_ENTITY_MEMBER, member_id, &local_error);
  if (member == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND,
                             _("There is no such member in this club."));
      return NULL;
    }

  wipe_member (member);
  if (!cercle_server_sync_put_new_row (txn, member, now, error))
    return NULL;
  n_changed++;

  if (!rewrite_rows (txn, CERCLE_ENTITY_ONE_TO_ONE, "member_a_id", member_id, notes, FALSE, now, &n_changed, error) ||
      !rewrite_rows (txn, CERCLE_ENTITY_ONE_TO_ONE, "member_b_id", member_id, notes, FALSE, now, &n_changed, error) ||
      !rewrite_rows (txn, CERCLE_ENTITY_REFERRAL, "giver_id", member_id, notes, FALSE, now, &n_changed, error) ||
      !rewrite_rows (txn, CERCLE_ENTITY_REFERRAL, "receiver_id", member_id, notes, FALSE, now, &n_changed, error) ||
      !rewrite_rows (txn, CERCLE_ENTITY_REQUEST, "member_id", member_id, request_texts, TRUE, now, &n_changed, error) ||
      !rewrite_rows (txn, CERCLE_ENTITY_NEED_REPLY, "member_id", member_id, reply_texts, TRUE, now, &n_changed, error) ||
      !rewrite_rows (txn, CERCLE_ENTITY_MENTORING, "mentor_id", member_id, NULL, TRUE, now, &n_changed, error) ||
      !rewrite_rows (txn, CERCLE_ENTITY_MENTORING, "mentee_id", member_id, NULL, TRUE, now, &n_changed, error) ||
      !erase_messages (txn, member_id, now, &n_changed, error))
    return NULL;

  if (account_id != NULL && !cercle_server_txn_forget_answers (txn, account_id, error))
    return NULL;

  if (!cercle_server_txn_commit (g_steal_pointer (&txn), error))
    return NULL;

  /* The sign-in goes after the data: a failure here leaves an account
   * that can reach nothing, the member row being gone */
  if (account_id != NULL)
    {
      if (!cercle_server_storage_remove_membership (storage, account_id, actor->club_id, error) ||
          !(memberships = cercle_server_storage_list_memberships (storage, account_id, error)))
        return NULL;

      if (memberships->len == 0)
        {
          if (!cercle_server_storage_delete_account (storage, account_id, error))
            return NULL;
          account_removed = TRUE;
        }
    }

  result = json_object_new ();
  json_object_set_string_member (result, "member_id", member_id);
  json_object_set_int_member (result, "rows_changed", n_changed);
  json_object_set_boolean_member (result, "account_removed", account_removed);

  return result;
}
