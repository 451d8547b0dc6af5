/* cercle-server-sync.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-server-messages.h"
#include "cercle-server-sync.h"

/* The server's side of sync, above the storage interface so that every
 * storage decides alike:
 *
 * - A push applies each mutation in a savepoint of its own: a mutation is
 *   applied, merged with a conflict, or rejected whole; its first answer
 *   is kept, and a retry gets it again as "duplicate".
 * - Edits merge field by field: a change applies when the server still
 *   has the value the client started from; otherwise the server keeps its
 *   value and answers a conflict with its row. Nothing is overwritten.
 * - Who may write what is cercle_permission_check()'s to say, checked on
 *   the whole of what the client asked; what a member may see, the rules
 *   of cercle-visibility.c, applied to every row a pull or an answer
 *   sends.
 * - The server alone decides registrations: when one was made, and who
 *   gets a seat or waits (cercle-registration-policy.c).
 * - Every accepted change takes the club's next seq as its rev.
 *
 * What a pull sends, and how a row is filtered for a viewer, is in
 * cercle-server-pull.c. */

typedef struct
{
  CercleServerTxn         *txn;
  const CercleServerActor *actor;
  const char              *now;

  /* The server changed what the client asked (a seat became a place on
   * the waitlist, say): the answer carries the row */
  gboolean                 server_decided;
} PushContext;

/* A reference from a row to another row of the same club */
typedef struct
{
  CercleEntity  entity;
  const char   *column;
  CercleEntity  target;
  gboolean      required;
} Reference;

static const Reference references[] = {
  { CERCLE_ENTITY_MEMBER,       "sponsor_id",    CERCLE_ENTITY_MEMBER, FALSE },
  { CERCLE_ENTITY_REGISTRATION, "event_id",      CERCLE_ENTITY_EVENT,  TRUE },
  { CERCLE_ENTITY_REGISTRATION, "member_id",     CERCLE_ENTITY_MEMBER, FALSE },
  { CERCLE_ENTITY_REGISTRATION, "invited_by_id", CERCLE_ENTITY_MEMBER, FALSE },
  { CERCLE_ENTITY_REFERRAL,     "giver_id",      CERCLE_ENTITY_MEMBER, TRUE },
  { CERCLE_ENTITY_REFERRAL,     "receiver_id",   CERCLE_ENTITY_MEMBER, TRUE },
  { CERCLE_ENTITY_ONE_TO_ONE,   "member_a_id",   CERCLE_ENTITY_MEMBER, TRUE },
  { CERCLE_ENTITY_ONE_TO_ONE,   "member_b_id",   CERCLE_ENTITY_MEMBER, TRUE },
  { CERCLE_ENTITY_REQUEST,      "member_id",     CERCLE_ENTITY_MEMBER, TRUE },
  { CERCLE_ENTITY_REFERRAL,     "reply_id",      CERCLE_ENTITY_NEED_REPLY, FALSE },
  { CERCLE_ENTITY_ANNOUNCEMENT, "author_id",     CERCLE_ENTITY_MEMBER, TRUE },
  { CERCLE_ENTITY_ANNOUNCEMENT, "event_id",      CERCLE_ENTITY_EVENT,  FALSE },
  { CERCLE_ENTITY_NEED_REPLY,   "request_id",    CERCLE_ENTITY_REQUEST, TRUE },
  { CERCLE_ENTITY_NEED_REPLY,   "member_id",     CERCLE_ENTITY_MEMBER, TRUE },
  { CERCLE_ENTITY_MENTORING,    "mentor_id",     CERCLE_ENTITY_MEMBER, TRUE },
  { CERCLE_ENTITY_MENTORING,    "mentee_id",     CERCLE_ENTITY_MEMBER, TRUE },
  { CERCLE_ENTITY_DEVICE_KEY,   "member_id",     CERCLE_ENTITY_MEMBER, TRUE },
  { CERCLE_ENTITY_CONVERSATION, "member_a_id",   CERCLE_ENTITY_MEMBER, TRUE },
  { CERCLE_ENTITY_CONVERSATION, "member_b_id",   CERCLE_ENTITY_MEMBER, TRUE },
  { CERCLE_ENTITY_MESSAGE,      "conversation_id", CERCLE_ENTITY_CONVERSATION, TRUE },
  { CERCLE_ENTITY_MESSAGE,      "sender_device_id", CERCLE_ENTITY_DEVICE_KEY, TRUE },
};

/* Fields that record a consent: each change is logged with its date */
typedef struct
{
  CercleEntity  entity;
  const char   *column;
  const char   *kind;
} ConsentField;

static const ConsentField consent_fields[] = {
  { CERCLE_ENTITY_MEMBER,   "qr_consent",       "badge_qr_code" },
  { CERCLE_ENTITY_REFERRAL, "prospect_consent", "prospect_contact" },
};

CercleServerActor *
cercle_server_actor_new (const char *account_id,
                         const char *club_id,
                         const char *member_id,
                         gboolean    is_staff)
{
  CercleServerActor *self = g_new0 (CercleServerActor, 1);

  self->account_id = g_strdup (account_id);
  self->club_id = g_strdup (club_id);
  self->viewer = cercle_viewer_new (member_id, is_staff);

  return self;
}

void
cercle_server_actor_free (CercleServerActor *self)
{
  if (self == NULL)
    return;

  g_free (self->account_id);
  g_free (self->club_id);
  cercle_viewer_free (self->viewer);
  g_free (self);
}

static CercleRecord *
copy_record (CercleRecord *record)
{
  CercleRecord *copy = g_object_new (G_OBJECT_TYPE (record),
                                     "id", cercle_record_get_id (record),
                                     NULL);

  cercle_record_update_from (copy, record);

  return copy;
}

static GParamSpec *
field_pspec (CercleRecord *record,
             guint         field)
{
  return cercle_record_class_get_fields (CERCLE_RECORD_GET_CLASS (record), NULL)[field];
}

static gboolean
field_equals (CercleRecord *record,
              guint         field,
              const GValue *value)
{
  return g_param_values_cmp (field_pspec (record, field),
                             cercle_record_peek_value (record, field + 1), value) == 0;
}

static void
set_field (CercleRecord *record,
           guint         field,
           const GValue *value)
{
  g_object_set_property (G_OBJECT (record), field_pspec (record, field)->name, value);
}

static gboolean
records_differ (CercleRecord *a,
                CercleRecord *b)
{
  guint n_fields;

  if (cercle_record_get_deleted (a) != cercle_record_get_deleted (b))
    return TRUE;

  cercle_record_class_get_fields (CERCLE_RECORD_GET_CLASS (a), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (!field_equals (a, i, cercle_record_peek_value (b, i + 1)))
      return TRUE;

  return FALSE;
}

static const char *
string_field (CercleRecord *record,
              const char   *column)
{
  CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (record);
  int field = cercle_record_class_find_field (klass, column);

  g_assert (field >= 0);

  return cercle_record_peek_string (record, (guint)field + 1);
}

static JsonObject *
result_new (const CercleMutation *mutation,
            const char           *status)
{
  JsonObject *result = json_object_new ();

  json_object_set_int_member (result, "mutation_no", mutation->mutation_no);
  json_object_set_string_member (result, "status", status);

  return result;
}

static JsonObject *
rejected (const CercleMutation *mutation,
          const char           *reason)
{
  JsonObject *result = result_new (mutation, "rejected");

  json_object_set_string_member (result, "reason", reason);

  return result;
}

/* Stamps @record with the club's next seq and writes it */
static gboolean
put_with_seq (CercleServerTxn  *txn,
              CercleRecord     *record,
              const char       *now,
              GError          **error)
{
  gint64 seq = cercle_server_txn_next_seq (txn, error);

  if (seq <= 0)
    return FALSE;

  cercle_record_set_rev (record, seq);
  cercle_record_set_updated_at (record, now);

  return cercle_server_txn_put_record (txn, record, error);
}

/**
 * cercle_server_sync_put_new_row:
 *
 * Writes a row made on the server (a club, an account's member, the demo)
 * with the club's next seq, so that clients pull it like any other.
 */
gboolean
cercle_server_sync_put_new_row (CercleServerTxn  *txn,
                                CercleRecord     *record,
                                const char       *now,
                                GError          **error)
{
  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (CERCLE_IS_RECORD (record), FALSE);

  return put_with_seq (txn, record, now, error);
}

/* Checks what the server requires of a row beyond permissions: that it
 * points at rows of this club and has what it cannot be without. Sets
 * *reason for the client, or @error when the storage failed. */
/* Club life: a reply goes under an open need; a referral made from a
 * reply is what the reply and its need make of it */
static gboolean
check_club_life (PushContext   *ctx,
                 CercleRecord  *current,
                 CercleRecord  *proposed,
                 char         **reason,
                 GError       **error)
{
  gboolean is_new = current == NULL || cercle_record_get_deleted (current);
  g_autoptr(CercleRecord) need = NULL;
  g_autoptr(CercleRecord) reply = NULL;
  g_autoptr(GError) refused = NULL;
  const char *reply_id;

  if (!is_new)
    return TRUE;

  switch (cercle_record_get_entity (proposed))
    {
    case CERCLE_ENTITY_NEED_REPLY:
      need = cercle_server_txn_get_record (ctx->txn, CERCLE_ENTITY_REQUEST,
                                           cercle_need_reply_get_request_id (CERCLE_NEED_REPLY (proposed)),
                                           error);
      if (need == NULL)
        return error == NULL || *error == NULL;
      if (!cercle_permission_can_reply_to_need (ctx->actor->viewer, CERCLE_REQUEST (need)) &&
          !ctx->actor->viewer->is_staff)
        *reason = g_strdup (_("This need is closed: it takes no more replies."));
      return TRUE;

    case CERCLE_ENTITY_REFERRAL:
      reply_id = cercle_referral_get_reply_id (CERCLE_REFERRAL (proposed));
      if (reply_id == NULL)
        return TRUE;

      reply = cercle_server_txn_get_record (ctx->txn, CERCLE_ENTITY_NEED_REPLY, reply_id, error);
      if (reply == NULL && error != NULL && *error != NULL)
        return FALSE;
      if (reply != NULL)
        {
          need = cercle_server_txn_get_record (ctx->txn, CERCLE_ENTITY_REQUEST,
                                               cercle_need_reply_get_request_id (CERCLE_NEED_REPLY (reply)),
                                               error);
          if (need == NULL && error != NULL && *error != NULL)
            return FALSE;
        }

      if (!cercle_permission_check_reply_referral (CERCLE_REFERRAL (proposed),
                                                   reply ? CERCLE_NEED_REPLY (reply) : NULL,
                                                   need ? CERCLE_REQUEST (need) : NULL,
                                                   &refused))
        *reason = g_strdup (refused->message);
      return TRUE;

    case CERCLE_ENTITY_CLUB:
    case CERCLE_ENTITY_MEMBER:
    case CERCLE_ENTITY_EVENT:
    case CERCLE_ENTITY_REGISTRATION:
    case CERCLE_ENTITY_ONE_TO_ONE:
    case CERCLE_ENTITY_REQUEST:
    case CERCLE_ENTITY_ANNOUNCEMENT:
    case CERCLE_ENTITY_MENTORING:
    default:
      return TRUE;
    }
}

static gboolean
check_row (PushContext   *ctx,
           CercleRecord  *current,
           CercleRecord  *proposed,
           char         **reason,
           GError       **error)
{
  CercleEntity entity = cercle_record_get_entity (proposed);

  if (cercle_record_get_deleted (proposed))
    {
      if (entity == CERCLE_ENTITY_CLUB)
        *reason = g_strdup (_("A club cannot be deleted through sync."));
      return TRUE;
    }

  if (entity == CERCLE_ENTITY_CLUB &&
      !g_str_equal (cercle_record_get_id (proposed), ctx->actor->club_id))
    {
      *reason = g_strdup (_("A club has no other club entry than its own."));
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (references); i++)
    {
      g_autoptr(CercleRecord) target = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *value;

      if (references[i].entity != entity)
        continue;

      value = string_field (proposed, references[i].column);
      if (value == NULL || *value == '\0')
        {
          if (references[i].required)
            {
              *reason = g_strdup_printf (_("“%s” is missing."), references[i].column);
              return TRUE;
            }
          continue;
        }

      if (current != NULL && !cercle_record_get_deleted (current) &&
          g_strcmp0 (value, string_field (current, references[i].column)) == 0)
        continue;

      target = cercle_server_txn_get_record (ctx->txn, references[i].target, value, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (target == NULL || cercle_record_get_deleted (target))
        {
          *reason = g_strdup_printf (_("“%s” names nothing in this club."), references[i].column);
          return TRUE;
        }
    }

  switch (entity)
    {
    case CERCLE_ENTITY_EVENT:
      {
        CercleEvent *event = CERCLE_EVENT (proposed);

        if (cercle_event_get_title (event) == NULL || *cercle_event_get_title (event) == '\0')
          *reason = g_strdup_printf (_("“%s” is missing."), "title");
        else if (cercle_event_get_starts_at (event) == NULL || *cercle_event_get_starts_at (event) == '\0')
          *reason = g_strdup_printf (_("“%s” is missing."), "starts_at");
        break;
      }

    case CERCLE_ENTITY_REGISTRATION:
      {
        CercleRegistration *registration = CERCLE_REGISTRATION (proposed);
        const char *guest = cercle_registration_get_guest_name (registration);

        if (cercle_registration_get_member_id (registration) == NULL && (guest == NULL || *guest == '\0'))
          *reason = g_strdup (_("A registration is for a member or for a named guest."));
        break;
      }

    case CERCLE_ENTITY_REFERRAL:
      if (g_strcmp0 (cercle_referral_get_giver_id (CERCLE_REFERRAL (proposed)),
                     cercle_referral_get_receiver_id (CERCLE_REFERRAL (proposed))) == 0)
        *reason = g_strdup (_("You cannot pass a referral to yourself."));
      break;

    case CERCLE_ENTITY_MESSAGE:
      return cercle_server_messages_check (ctx->txn, CERCLE_MESSAGE (proposed), ctx->now,
                                           &ctx->server_decided, reason, error);

    case CERCLE_ENTITY_CLUB:
    case CERCLE_ENTITY_MEMBER:
    case CERCLE_ENTITY_ONE_TO_ONE:
    case CERCLE_ENTITY_REQUEST:
    case CERCLE_ENTITY_ANNOUNCEMENT:
    case CERCLE_ENTITY_NEED_REPLY:
    case CERCLE_ENTITY_MENTORING:
    default:
      break;
    }

  if (*reason == NULL)
    return check_club_life (ctx, current, proposed, reason, error);

  return TRUE;
}

static guint
count_other_seats (GPtrArray  *registrations,
                   const char *except_id)
{
  guint seats = 0;

  for (guint i = 0; i < registrations->len; i++)
    {
      CercleRegistration *other = g_ptr_array_index (registrations, i);

      if (!g_str_equal (cercle_record_get_id (CERCLE_RECORD (other)), except_id) &&
          cercle_registration_policy_takes_seat (other))
        seats++;
    }

  return seats;
}

/* The server's say on a registration: when it was made, whether it gets a
 * seat, and that a member registers once per event */
static gboolean
decide_registration (PushContext         *ctx,
                     CercleRegistration  *current,
                     CercleRegistration  *proposed,
                     char               **reason,
                     GError             **error)
{
  const char *id = cercle_record_get_id (CERCLE_RECORD (proposed));
  const char *member_id = cercle_registration_get_member_id (proposed);
  gboolean alive = current != NULL && !cercle_record_get_deleted (CERCLE_RECORD (current));
  g_autoptr(CercleRecord) event_record = NULL;
  g_autoptr(GPtrArray) registrations = NULL;
  CercleEvent *event;
  CercleResponse wanted;
  CercleResponse decided;
  const char *registered_at;

  if (cercle_record_get_deleted (CERCLE_RECORD (proposed)))
    return TRUE;

  /* A registration's time orders the waitlist: the server's clock says */
  registered_at = alive ? cercle_registration_get_registered_at (current) : ctx->now;
  if (g_strcmp0 (registered_at, cercle_registration_get_registered_at (proposed)) != 0)
    {
      g_object_set (proposed, "registered-at", registered_at, NULL);
      ctx->server_decided = TRUE;
    }

  event_record = cercle_server_txn_get_record (ctx->txn, CERCLE_ENTITY_EVENT,
                                               cercle_registration_get_event_id (proposed), error);
  if (event_record == NULL)
    return error == NULL || *error == NULL;
  event = CERCLE_EVENT (event_record);

  if (cercle_record_get_deleted (event_record) ||
      !cercle_visibility_can_see_event (ctx->actor->viewer, event))
    {
      *reason = g_strdup_printf (_("“%s” names nothing in this club."), "event_id");
      return TRUE;
    }

  registrations = cercle_server_txn_list_records (ctx->txn, CERCLE_ENTITY_REGISTRATION,
                                                  "event_id", cercle_record_get_id (event_record), error);
  if (registrations == NULL)
    return FALSE;

  if (member_id != NULL)
    for (guint i = 0; i < registrations->len; i++)
      {
        CercleRegistration *other = g_ptr_array_index (registrations, i);

        if (!g_str_equal (cercle_record_get_id (CERCLE_RECORD (other)), id) &&
            !cercle_record_get_deleted (CERCLE_RECORD (other)) &&
            g_strcmp0 (cercle_registration_get_member_id (other), member_id) == 0)
          {
            *reason = g_strdup (_("This member is already registered for this event."));
            return TRUE;
          }
      }

  wanted = cercle_registration_get_response (proposed);
  if (wanted != CERCLE_RESPONSE_YES && wanted != CERCLE_RESPONSE_WAITLIST)
    return TRUE;

  if (cercle_event_get_status (event) == CERCLE_EVENT_STATUS_CANCELLED &&
      (!alive || cercle_registration_get_response (current) != wanted))
    {
      *reason = g_strdup (_("This event is cancelled."));
      return TRUE;
    }

  if (alive && cercle_registration_get_response (current) == wanted)
    decided = wanted;
  else if (alive && cercle_registration_get_response (current) == CERCLE_RESPONSE_WAITLIST)
    decided = CERCLE_RESPONSE_WAITLIST;   /* keeps its place in the queue */
  else
    decided = cercle_registration_policy_admit (cercle_event_get_capacity (event),
                                                count_other_seats (registrations, id), wanted);

  if (decided != wanted)
    {
      g_object_set (proposed, "response", decided, NULL);
      ctx->server_decided = TRUE;
    }

  return TRUE;
}

/* Moves the waitlist of @event_id up into the seats free now */
static gboolean
promote_waitlist (PushContext  *ctx,
                  const char   *event_id,
                  GError      **error)
{
  g_autoptr(CercleRecord) event = NULL;
  g_autoptr(GPtrArray) registrations = NULL;
  g_autoptr(GPtrArray) promoted = NULL;

  event = cercle_server_txn_get_record (ctx->txn, CERCLE_ENTITY_EVENT, event_id, error);
  if (event == NULL)
    return error == NULL || *error == NULL;

  if (cercle_record_get_deleted (event) ||
      cercle_event_get_status (CERCLE_EVENT (event)) == CERCLE_EVENT_STATUS_CANCELLED)
    return TRUE;

  registrations = cercle_server_txn_list_records (ctx->txn, CERCLE_ENTITY_REGISTRATION,
                                                  "event_id", event_id, error);
  if (registrations == NULL)
    return FALSE;

  promoted = cercle_registration_policy_promotions (cercle_event_get_capacity (CERCLE_EVENT (event)),
                                                    (CercleRegistration * const *)registrations->pdata,
                                                    registrations->len);

  for (guint i = 0; i < promoted->len; i++)
    {
      CercleRecord *registration = g_ptr_array_index (promoted, i);

      g_object_set (registration, "response", CERCLE_RESPONSE_YES, NULL);
      if (!put_with_seq (ctx->txn, registration, ctx->now, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
log_consents (PushContext   *ctx,
              CercleRecord  *current,
              CercleRecord  *proposed,
              GError       **error)
{
  CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (proposed);

  for (guint i = 0; i < G_N_ELEMENTS (consent_fields); i++)
    {
      g_autoptr(CercleServerConsent) consent = NULL;
      int field = cercle_record_class_find_field (klass, consent_fields[i].column);
      gboolean granted;

      if (consent_fields[i].entity != cercle_record_get_entity (proposed) || field < 0)
        continue;

      granted = cercle_record_peek_boolean (proposed, (guint)field + 1);
      if (current != NULL ? granted == cercle_record_peek_boolean (current, (guint)field + 1) : !granted)
        continue;

      consent = cercle_server_consent_new ();
      consent->entity = g_strdup (cercle_record_get_table_name (proposed));
      consent->row_id = g_strdup (cercle_record_get_id (proposed));
      consent->kind = g_strdup (consent_fields[i].kind);
      consent->granted = granted;
      consent->at = g_strdup (ctx->now);

      if (!cercle_server_txn_add_consent (ctx->txn, consent, error))
        return FALSE;
    }

  return TRUE;
}

static JsonObject *
conflict_result (PushContext          *ctx,
                 const CercleMutation *mutation,
                 CercleRecord         *row,
                 GPtrArray            *fields)
{
  JsonObject *result = result_new (mutation, "conflict");
  JsonArray *names = json_array_new ();

  json_object_set_int_member (result, "rev", cercle_record_get_rev (row));
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    json_array_add_string_element (names, g_ptr_array_index (fields, i));
  json_object_set_array_member (result, "fields", names);

  return result;
}

/* The row the answer carries, as this viewer may see it */
static JsonObject *
answer_row (PushContext   *ctx,
            CercleRecord  *row,
            GError       **error)
{
  g_autoptr(CercleRecord) copy = copy_record (row);
  g_autoptr(CercleRecord) event = NULL;

  if (cercle_record_get_entity (row) == CERCLE_ENTITY_REGISTRATION)
    {
      const char *event_id = cercle_registration_get_event_id (CERCLE_REGISTRATION (row));

      if (event_id != NULL)
        {
          event = cercle_server_txn_get_record (ctx->txn, CERCLE_ENTITY_EVENT, event_id, error);
          if (event == NULL && error != NULL && *error != NULL)
            return NULL;
        }
    }

  return cercle_server_sync_row_for_viewer (ctx->actor->viewer, copy,
                                            event != NULL ? CERCLE_EVENT (event) : NULL);
}

/* Applies one mutation in the caller's savepoint. Returns its answer, or
 * %NULL with @error set when the storage failed (then nothing of it
 * stays). */
static JsonObject *
apply_mutation (PushContext           *ctx,
                const CercleMutation  *mutation,
                GError               **error)
{
  const CercleViewer *viewer = ctx->actor->viewer;
  g_autoptr(CercleRecord) current = NULL;
  g_autoptr(CercleRecord) intended = NULL;
  g_autoptr(CercleRecord) proposed = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *reason = NULL;
  GType type = cercle_entity_get_record_type (mutation->entity);
  gboolean exists;
  JsonObject *result;

  ctx->server_decided = FALSE;

  current = cercle_server_txn_get_record (ctx->txn, mutation->entity, mutation->row_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  exists = current != NULL && !cercle_record_get_deleted (current);

  switch (mutation->op)
    {
    case CERCLE_MUTATION_INSERT:
      if (current != NULL && !exists)
        return rejected (mutation, _("This entry was deleted."));
      break;

    case CERCLE_MUTATION_UPDATE:
      if (current == NULL)
        return rejected (mutation, _("There is no such entry in this club."));
      if (!exists)
        {
          /* Deleted meanwhile: the client learns it from the row */
          result = conflict_result (ctx, mutation, current, NULL);
          return result;
        }
      break;

    case CERCLE_MUTATION_DELETE:
    default:
      if (!exists)
        {
          result = result_new (mutation, "applied");
          json_object_set_int_member (result, "rev", current != NULL ? cercle_record_get_rev (current) : 0);
          return result;
        }
      break;
    }

  /* What the client asks for, whole: checked before any merge, so that a
   * forbidden change is refused even where it would conflict */
  if (current != NULL)
    intended = copy_record (current);
  else
    intended = g_object_new (type, "id", mutation->row_id, NULL);

  cercle_mutation_apply (mutation, intended);

  if (!cercle_permission_check (viewer, exists ? current : NULL, intended, &local_error))
    return rejected (mutation, local_error->message);

  /* The merge: each field changes only where the server still has what
   * the client changed it from */
  if (exists && mutation->op != CERCLE_MUTATION_DELETE)
    {
      proposed = copy_record (current);

      for (guint i = 0; i < cercle_mutation_get_n_changes (mutation); i++)
        {
          const CercleFieldChange *change = cercle_mutation_get_change (mutation, i);
          gboolean base_matches;

          if (field_equals (current, change->field, &change->new_value))
            continue;

          if (change->has_old)
            base_matches = field_equals (current, change->field, &change->old_value);
          else
            base_matches = mutation->op == CERCLE_MUTATION_UPDATE &&
                           mutation->base_rev == cercle_record_get_rev (current);

          if (base_matches)
            set_field (proposed, change->field, &change->new_value);
          else
            g_ptr_array_add (conflicts,
                             (gpointer)cercle_record_class_get_column (CERCLE_RECORD_GET_CLASS (current),
                                                                       change->field));
        }
    }
  else
    proposed = g_object_ref (intended);

  if (!check_row (ctx, exists ? current : NULL, proposed, &reason, error))
    return NULL;
  if (reason != NULL)
    return rejected (mutation, reason);

  if (mutation->entity == CERCLE_ENTITY_REGISTRATION)
    {
      if (!decide_registration (ctx, exists ? CERCLE_REGISTRATION (current) : NULL,
                                CERCLE_REGISTRATION (proposed), &reason, error))
        return NULL;
      if (reason != NULL)
        return rejected (mutation, reason);
    }

  if (exists && !records_differ (current, proposed))
    {
      /* Already so, or nothing of it could apply */
      if (conflicts->len > 0)
        return conflict_result (ctx, mutation, current, conflicts);

      result = result_new (mutation, "applied");
      json_object_set_int_member (result, "rev", cercle_record_get_rev (current));
      return result;
    }

  if (!put_with_seq (ctx->txn, proposed, ctx->now, error) ||
      !log_consents (ctx, exists ? current : NULL, proposed, error))
    return NULL;

  /* A seat freed, or more seats: the waitlist moves up */
  if (mutation->entity == CERCLE_ENTITY_REGISTRATION &&
      !promote_waitlist (ctx, cercle_registration_get_event_id (CERCLE_REGISTRATION (proposed)), error))
    return NULL;
  if (mutation->entity == CERCLE_ENTITY_EVENT &&
      !promote_waitlist (ctx, cercle_record_get_id (proposed), error))
    return NULL;

  if (conflicts->len > 0)
    return conflict_result (ctx, mutation, proposed, conflicts);

  result = result_new (mutation, "applied");
  json_object_set_int_member (result, "rev", cercle_record_get_rev (proposed));
  return result;
}

/* A retried mutation: its first answer again, as "duplicate" */
static JsonObject *
duplicate_result (const char  *answer,
                  GError     **error)
{
  g_autoptr(JsonObject) first = cercle_json_parse_object (answer, -1, CERCLE_JSON_MAX_DEPTH, error);
  const char *status = NULL;
  JsonObject *result;

  if (first == NULL)
    return NULL;

  result = json_object_new ();
  {
    JsonObjectIter iter;
    const char *name;
    JsonNode *node;

    json_object_iter_init (&iter, first);
    while (json_object_iter_next (&iter, &name, &node))
      json_object_set_member (result, name, json_node_copy (node));
  }

  cercle_json_get_string (first, "status", CERCLE_JSON_OPTIONAL, &status, NULL);
  json_object_set_string_member (result, "first_status", status != NULL ? status : "applied");
  json_object_set_string_member (result, "status", "duplicate");

  return result;
}

/**
 * cercle_server_sync_push:
 *
 * Applies @push for @actor, in order, each mutation in a savepoint of its
 * own, and commits them together.
 *
 * Returns: (transfer full): {"results": […]}, one per mutation, or %NULL
 *   with @error set when the storage failed: then nothing was applied
 */
JsonObject *
cercle_server_sync_push (CercleServerStorage      *storage,
                         const CercleServerActor  *actor,
                         CercleServerPush         *push,
                         GError                  **error)
{
  g_autoptr(CercleServerTxn) txn = NULL;
  g_autoptr(JsonArray) results = json_array_new ();
  g_autofree char *now = cercle_now_iso8601 ();
  PushContext ctx = { 0, };
  JsonObject *answer;

  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (storage), NULL);
  g_return_val_if_fail (actor != NULL, NULL);
  g_return_val_if_fail (push != NULL, NULL);

  txn = cercle_server_storage_begin (storage, actor->club_id, TRUE, error);
  if (txn == NULL)
    return NULL;

  ctx.txn = txn;
  ctx.actor = actor;
  ctx.now = now;

  /* A device pushes its outbox in order and drops what was answered: the
   * answers before this push's first mutation are of no more use */
  if (push->mutations->len > 0)
    {
      gint64 first = G_MAXINT64;

      for (guint i = 0; i < push->mutations->len; i++)
        first = MIN (first, ((CercleMutation *)g_ptr_array_index (push->mutations, i))->mutation_no);

      if (!cercle_server_txn_prune_answers (txn, actor->account_id, push->client_id, first, error))
        return NULL;
    }

  for (guint i = 0; i < push->mutations->len; i++)
    {
      const CercleMutation *mutation = g_ptr_array_index (push->mutations, i);
      g_autoptr(JsonObject) result = NULL;
      g_autofree char *first = NULL;
      g_autofree char *saved = NULL;
      GError *local_error = NULL;

      first = cercle_server_txn_find_answer (txn, actor->account_id, push->client_id,
                                             mutation->mutation_no, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }

      if (first != NULL)
        {
          g_autoptr(CercleRecord) row = NULL;

          if (!(result = duplicate_result (first, error)))
            return NULL;

          /* A conflict's or a refusal's row was not kept: the row as it
           * is now says more */
          if (g_strcmp0 (json_object_get_string_member_with_default (result, "first_status", NULL),
                         "conflict") == 0 ||
              g_strcmp0 (json_object_get_string_member_with_default (result, "first_status", NULL),
                         "rejected") == 0)
            {
              row = cercle_server_txn_get_record (txn, mutation->entity, mutation->row_id, &local_error);
              if (local_error != NULL)
                {
                  g_propagate_error (error, local_error);
                  return NULL;
                }
              if (row != NULL)
                {
                  JsonObject *row_json = answer_row (&ctx, row, error);

                  if (row_json == NULL)
                    return NULL;
                  json_object_set_object_member (result, "row", row_json);
                }
            }

          json_array_add_object_element (results, g_steal_pointer (&result));
          continue;
        }

      if (!cercle_server_txn_savepoint (txn, error))
        return NULL;

      result = apply_mutation (&ctx, mutation, error);
      if (result == NULL)
        {
          cercle_server_txn_rollback_to (txn);
          return NULL;
        }

      /* What is kept holds no row: rows change, and hold personal data */
      saved = cercle_json_object_to_string (result);
      if (!cercle_server_txn_save_answer (txn, actor->account_id, push->client_id,
                                          mutation->mutation_no, saved, error))
        {
          cercle_server_txn_rollback_to (txn);
          return NULL;
        }

      /* A refused change carries the row as it is, when there is one: the
       * device's later edits of it were made on top of what was refused,
       * so their "old" values cannot tell it what to put back */
      if (g_str_equal (json_object_get_string_member (result, "status"), "conflict") ||
          g_str_equal (json_object_get_string_member (result, "status"), "rejected") ||
          (ctx.server_decided && g_str_equal (json_object_get_string_member (result, "status"), "applied")))
        {
          g_autoptr(CercleRecord) row = NULL;
          JsonObject *row_json;

          row = cercle_server_txn_get_record (txn, mutation->entity, mutation->row_id, &local_error);
          if (local_error != NULL ||
              (row == NULL && !g_str_equal (json_object_get_string_member (result, "status"), "rejected")))
            {
              g_propagate_error (error, local_error);
              cercle_server_txn_rollback_to (txn);
              return NULL;
            }
          if (row != NULL && !(row_json = answer_row (&ctx, row, error)))
            {
              cercle_server_txn_rollback_to (txn);
              return NULL;
            }
          if (row != NULL)
            json_object_set_object_member (result, "row", row_json);
        }

      if (!cercle_server_txn_release (txn, error))
        return NULL;

      json_array_add_object_element (results, g_steal_pointer (&result));
    }

  if (!cercle_server_txn_commit (g_steal_pointer (&txn), error))
    return NULL;

  answer = json_object_new ();
  json_object_set_array_member (answer, "results", g_steal_pointer (&results));

  return answer;
}
