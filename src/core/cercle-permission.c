/* cercle-permission.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-permission"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-announcement.h"
#include "cercle-format.h"
#include "cercle-member.h"
#include "cercle-mentoring.h"
#include "cercle-need-reply.h"
#include "cercle-message-policy.h"
#include "cercle-one-to-one.h"
#include "cercle-permission.h"
#include "cercle-referral-status.h"
#include "cercle-registration.h"
#include "cercle-request.h"

/* Who may write what. The server checks every pushed mutation with
 * cercle_permission_check(); the app asks the same functions which fields
 * to offer for editing, so that it never offers what the server refuses.
 *
 * - Staff run the club: the club itself, events, memberships, attendance.
 * - A member edits their own profile, but not what the club decides about
 *   them (status, role, sponsor, dates, dues).
 * - A member answers for themselves and for the guests they bring.
 * - A referral is its giver's and receiver's; its status moves along the
 *   state machine of cercle-referral-status.c.
 * - A prospect's contact details are passed on only with their consent.
 * - A one-to-one is its author's, who met the other member; its notes are
 *   the author's alone, staff or not.
 * - A need is its author's, who closes it; staff may close it too.
 * - Announcements are the staff's, each posted in its author's name.
 * - A reply under a need is its author's, in the thread of an open need.
 *   The need's author may turn a reply into a referral: in the replier's
 *   name, to themselves, as the replier offered business to them; it
 *   starts accepted, as they asked for it (cercle_permission_check_reply_referral()).
 * - Staff pair mentors with new members; the pair only reads it. */

G_DEFINE_QUARK (cercle-permission-error-quark, cercle_permission_error)

static const char * const member_staff_fields[] = {
  "status", "role", "sponsor_id", "joined_on", "dues_paid_until", NULL
};

static const char * const registration_staff_fields[] = {
  "attendance", "checked_in_at", "substitute_name", NULL
};

static const char * const referral_giver_fields[] = {
  "prospect_name", "prospect_company", "prospect_contact", "prospect_consent", "need",
  "temperature", "given_on", "request_id", NULL
};

/* What a move writes besides the status (cercle_referral_apply_move()) */
static const char * const referral_receiver_fields[] = {
  "amount_cents", "closed_on", "moved_on", NULL
};

/* A reply stays in its thread and in its author's name */
static const char * const need_reply_fixed_fields[] = {
  "request_id", "member_id", "posted_at", NULL
};

/* Who a one-to-one was with and who wrote it stay as they were made */
static const char * const one_to_one_fixed_fields[] = {
  "member_a_id", "member_b_id", "author_id", NULL
};

static gboolean
forbidden (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN, message);
  return FALSE;
}

static gboolean
in_list (const char * const *list,
         const char         *column)
{
  return g_strv_contains (list, column);
}

/* Whose registration this is: the member's own, or a guest they invited */
static gboolean
owns_registration (const CercleViewer *viewer,
                   CercleRegistration *registration)
{
  const char *member_id = cercle_registration_get_member_id (registration);

  if (member_id != NULL)
    return cercle_viewer_is (viewer, member_id);

  return cercle_viewer_is (viewer, cercle_registration_get_invited_by_id (registration));
}

static gboolean
belongs_to (const CercleViewer *viewer,
            CercleRecord       *record)
{
  switch (cercle_record_get_entity (record))
    {
    case CERCLE_ENTITY_MEMBER:
      return cercle_viewer_is (viewer, cercle_record_get_id (record));

    case CERCLE_ENTITY_REGISTRATION:
      return owns_registration (viewer, CERCLE_REGISTRATION (record));

    case CERCLE_ENTITY_REFERRAL:
      return cercle_referral_actor_for (viewer, CERCLE_REFERRAL (record)) != CERCLE_REFERRAL_ACTOR_NONE;

    case CERCLE_ENTITY_ONE_TO_ONE:
      return cercle_viewer_is (viewer, cercle_one_to_one_get_author_id (CERCLE_ONE_TO_ONE (record)));

    case CERCLE_ENTITY_REQUEST:
      return cercle_viewer_is (viewer, cercle_request_get_member_id (CERCLE_REQUEST (record)));

    case CERCLE_ENTITY_NEED_REPLY:
      return cercle_viewer_is (viewer, cercle_need_reply_get_member_id (CERCLE_NEED_REPLY (record)));

    case CERCLE_ENTITY_CLUB:
    case CERCLE_ENTITY_EVENT:
    case CERCLE_ENTITY_ANNOUNCEMENT:
    case CERCLE_ENTITY_MENTORING:
    default:
      return FALSE;
    }
}

static const char *
not_yours_message (CercleEntity entity)
{
  switch (entity)
    {
    case CERCLE_ENTITY_MEMBER:
      return _("You can only change your own profile.");
    case CERCLE_ENTITY_REGISTRATION:
      return _("You can only answer for yourself and for your guests.");
    case CERCLE_ENTITY_REFERRAL:
      return _("You can only change the referrals you give or receive.");
    case CERCLE_ENTITY_ONE_TO_ONE:
      return _("You can only change your own one-to-ones.");
    case CERCLE_ENTITY_REQUEST:
      return _("You can only change the needs you posted.");
    case CERCLE_ENTITY_NEED_REPLY:
      return _("You can only change your own replies.");
    case CERCLE_ENTITY_CLUB:
    case CERCLE_ENTITY_EVENT:
    case CERCLE_ENTITY_ANNOUNCEMENT:
    case CERCLE_ENTITY_MENTORING:
    default:
      return _("Only the club’s staff can do this.");
    }
}

/**
 * cercle_permission_can_create:
 *
 * Returns: whether @viewer may create rows of @entity at all (which rows,
 *   exactly, cercle_permission_check() says)
 */
gboolean
cercle_permission_can_create (const CercleViewer *viewer,
                              CercleEntity        entity)
{
  g_return_val_if_fail (viewer != NULL, FALSE);

  if (viewer->is_staff)
    return TRUE;

  if (viewer->member_id == NULL)
    return FALSE;

  switch (entity)
    {
    case CERCLE_ENTITY_DEVICE_KEY:
    case CERCLE_ENTITY_CONVERSATION:
    case CERCLE_ENTITY_MESSAGE:
    case CERCLE_ENTITY_REGISTRATION:
    case CERCLE_ENTITY_REFERRAL:
    case CERCLE_ENTITY_ONE_TO_ONE:
    case CERCLE_ENTITY_REQUEST:
    case CERCLE_ENTITY_NEED_REPLY:
      return TRUE;

    case CERCLE_ENTITY_CLUB:
    case CERCLE_ENTITY_MEMBER:
    case CERCLE_ENTITY_EVENT:
    case CERCLE_ENTITY_ANNOUNCEMENT:
    case CERCLE_ENTITY_MENTORING:
    default:
      return FALSE;
    }
}

/* A field of a row the viewer may touch at all (belongs_to() or staff);
 * the referral status is checked apart, along the state machine. */
static gboolean
field_allowed (const CercleViewer *viewer,
               CercleRecord       *record,
               const char         *column)
{
  CercleEntity entity = cercle_record_get_entity (record);

  /* Private notes are their author's, whoever else asks */
  if (entity == CERCLE_ENTITY_ONE_TO_ONE)
    {
      if (in_list (one_to_one_fixed_fields, column))
        return FALSE;
      if (g_str_equal (column, "notes"))
        return belongs_to (viewer, record);
    }

  if (entity == CERCLE_ENTITY_NEED_REPLY && in_list (need_reply_fixed_fields, column))
    return FALSE;
  if (entity == CERCLE_ENTITY_ANNOUNCEMENT &&
      (g_str_equal (column, "author_id") || g_str_equal (column, "posted_at")))
    return FALSE;

  if (viewer->is_staff)
    {
      /* Staff never accept or decline in a receiver's name, nor read or
       * write anyone's private notes: those rules are in the state
       * machine and in the entities' own fields. */
      return TRUE;
    }

  if (!belongs_to (viewer, record))
    return FALSE;

  switch (entity)
    {
    case CERCLE_ENTITY_MEMBER:
      return !in_list (member_staff_fields, column);

    case CERCLE_ENTITY_REGISTRATION:
      return !in_list (registration_staff_fields, column) &&
             !g_str_equal (column, "event_id") &&
             !g_str_equal (column, "member_id") &&
             !g_str_equal (column, "invited_by_id");

    case CERCLE_ENTITY_REFERRAL:
      {
        CercleReferralActor actor = cercle_referral_actor_for (viewer, CERCLE_REFERRAL (record));

        if (in_list (referral_giver_fields, column))
          return (actor & CERCLE_REFERRAL_ACTOR_GIVER) != 0;
        if (in_list (referral_receiver_fields, column))
          return (actor & CERCLE_REFERRAL_ACTOR_RECEIVER) != 0;
        if (g_str_equal (column, "notes"))
          return TRUE;
        return FALSE;
      }

    case CERCLE_ENTITY_ONE_TO_ONE:
      return TRUE;

    case CERCLE_ENTITY_REQUEST:
      return !g_str_equal (column, "member_id");

    case CERCLE_ENTITY_NEED_REPLY:
      return TRUE;

    case CERCLE_ENTITY_CLUB:
    case CERCLE_ENTITY_EVENT:
    case CERCLE_ENTITY_ANNOUNCEMENT:
    case CERCLE_ENTITY_MENTORING:
    default:
      return FALSE;
    }
}

/**
 * cercle_permission_can_edit_field:
 * @column: a column of @record's entity
 *
 * Returns: whether @viewer may change @column of @record; for a referral's
 *   status, whether any move is open to them
 */
gboolean
cercle_permission_can_edit_field (const CercleViewer *viewer,
                                  CercleRecord       *record,
                                  const char         *column)
{
  g_return_val_if_fail (viewer != NULL, FALSE);
  g_return_val_if_fail (CERCLE_IS_RECORD (record), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  if (cercle_message_policy_handles (cercle_record_get_entity (record)))
    return cercle_message_policy_can_edit_field (viewer, record, column);

  if (cercle_record_get_entity (record) == CERCLE_ENTITY_REFERRAL &&
      g_str_equal (column, "status"))
    {
      CercleReferralStatus moves[CERCLE_REFERRAL_N_STATUSES];
      CercleReferral *referral = CERCLE_REFERRAL (record);

      return cercle_referral_status_list_moves (cercle_referral_get_status (referral),
                                                cercle_referral_actor_for (viewer, referral),
                                                moves) > 0;
    }

  return field_allowed (viewer, record, column);
}

static gboolean
check_referral_status (const CercleViewer  *viewer,
                       CercleReferral      *current,
                       CercleReferral      *proposed,
                       GError             **error)
{
  CercleReferralStatus from = cercle_referral_get_status (current);
  CercleReferralStatus to = cercle_referral_get_status (proposed);

  if (from == to)
    return TRUE;

  if (!cercle_referral_status_can_move (from, to, cercle_referral_actor_for (viewer, current)))
    {
      g_set_error (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN,
                   _("You cannot move this referral from “%s” to “%s”."),
                   cercle_referral_status_to_string (from),
                   cercle_referral_status_to_string (to));
      return FALSE;
    }

  return TRUE;
}

static gboolean has_text (const char *text);

/* Rules on what a row holds, whoever writes it */
static gboolean
check_content (CercleRecord  *current,
               CercleRecord  *proposed,
               GError       **error)
{
  switch (cercle_record_get_entity (proposed))
    {
    case CERCLE_ENTITY_REFERRAL:
      {
        CercleReferral *referral = CERCLE_REFERRAL (proposed);
        const char *contact = cercle_referral_get_prospect_contact (referral);

        /* Contact details passed before consent was recorded stay as
         * they were: a move must not need a consent nobody asked for */
        if (current != NULL &&
            g_strcmp0 (cercle_referral_get_prospect_contact (CERCLE_REFERRAL (current)), contact) == 0 &&
            cercle_referral_get_prospect_consent (CERCLE_REFERRAL (current)) ==
            cercle_referral_get_prospect_consent (referral))
          return TRUE;

        if (contact != NULL && *contact != '\0' && !cercle_referral_get_prospect_consent (referral))
          return forbidden (error, _("A prospect’s contact details can only be passed on with their consent."));

        return TRUE;
      }

    case CERCLE_ENTITY_ANNOUNCEMENT:
      if (!has_text (cercle_announcement_get_title (CERCLE_ANNOUNCEMENT (proposed))))
        return forbidden (error, _("An announcement needs a title."));
      return TRUE;

    case CERCLE_ENTITY_NEED_REPLY:
      if (!has_text (cercle_need_reply_get_body (CERCLE_NEED_REPLY (proposed))))
        return forbidden (error, _("A reply needs some text."));
      return TRUE;

    case CERCLE_ENTITY_MENTORING:
      {
        CercleMentoring *mentoring = CERCLE_MENTORING (proposed);
        const char *starts_on = cercle_mentoring_get_starts_on (mentoring);
        const char *ends_on = cercle_mentoring_get_ends_on (mentoring);

        if (g_strcmp0 (cercle_mentoring_get_mentor_id (mentoring),
                       cercle_mentoring_get_mentee_id (mentoring)) == 0)
          return forbidden (error, _("A member cannot be their own mentor."));
        if (starts_on != NULL && ends_on != NULL && g_strcmp0 (ends_on, starts_on) < 0)
          return forbidden (error, _("A mentoring ends after it starts."));
        return TRUE;
      }

    case CERCLE_ENTITY_CLUB:
    case CERCLE_ENTITY_MEMBER:
    case CERCLE_ENTITY_EVENT:
    case CERCLE_ENTITY_REGISTRATION:
    case CERCLE_ENTITY_ONE_TO_ONE:
    case CERCLE_ENTITY_REQUEST:
    default:
      return TRUE;
    }
}

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return TRUE;

  return FALSE;
}

static gboolean
check_one_to_one_insert (const CercleViewer  *viewer,
                         CercleOneToOne      *one_to_one,
                         GError             **error)
{
  const char *a = cercle_one_to_one_get_member_a_id (one_to_one);
  const char *b = cercle_one_to_one_get_member_b_id (one_to_one);

  /* Staff may log a meeting between two others, in their own name */
  if (!cercle_viewer_is (viewer, cercle_one_to_one_get_author_id (one_to_one)))
    return forbidden (error, _("You can only log one-to-ones in your own name."));

  if (!viewer->is_staff && !cercle_viewer_is (viewer, a) && !cercle_viewer_is (viewer, b))
    return forbidden (error, _("You can only log the one-to-ones you took part in."));

  if (a == NULL || b == NULL || g_str_equal (a, b))
    return forbidden (error, _("A one-to-one is a meeting between two different members."));

  return TRUE;
}

static gboolean
check_insert (const CercleViewer  *viewer,
              CercleRecord        *proposed,
              GError             **error)
{
  CercleEntity entity = cercle_record_get_entity (proposed);

  if (entity == CERCLE_ENTITY_ONE_TO_ONE &&
      !check_one_to_one_insert (viewer, CERCLE_ONE_TO_ONE (proposed), error))
    return FALSE;

  if (entity == CERCLE_ENTITY_ANNOUNCEMENT &&
      !cercle_viewer_is (viewer, cercle_announcement_get_author_id (CERCLE_ANNOUNCEMENT (proposed))))
    return forbidden (error, _("You can only post announcements in your own name."));

  if (entity == CERCLE_ENTITY_NEED_REPLY &&
      !cercle_viewer_is (viewer, cercle_need_reply_get_member_id (CERCLE_NEED_REPLY (proposed))))
    return forbidden (error, _("You can only reply in your own name."));

  if (viewer->is_staff)
    return TRUE;

  if (!cercle_permission_can_create (viewer, entity))
    return forbidden (error, _("Only the club’s staff can do this."));

  switch (entity)
    {
    case CERCLE_ENTITY_REGISTRATION:
      {
        CercleRegistration *registration = CERCLE_REGISTRATION (proposed);

        if (!owns_registration (viewer, registration))
          return forbidden (error, not_yours_message (entity));

        if (cercle_registration_get_attendance (registration) != CERCLE_ATTENDANCE_UNKNOWN ||
            cercle_registration_get_checked_in_at (registration) != NULL)
          return forbidden (error, _("Only the club’s staff take attendance."));

        return TRUE;
      }

    case CERCLE_ENTITY_REFERRAL:
      {
        CercleReferral *referral = CERCLE_REFERRAL (proposed);

        /* A reply turned into a referral by the need's author, who is
         * its receiver; that the reply and the need are what it says is
         * cercle_permission_check_reply_referral()'s to check */
        if (cercle_referral_get_reply_id (referral) != NULL &&
            cercle_viewer_is (viewer, cercle_referral_get_receiver_id (referral)) &&
            !cercle_viewer_is (viewer, cercle_referral_get_giver_id (referral)))
          {
            if ((cercle_referral_get_status (referral) != CERCLE_REFERRAL_STATUS_PROPOSED &&
                 cercle_referral_get_status (referral) != CERCLE_REFERRAL_STATUS_ACCEPTED) ||
                cercle_referral_get_amount_cents (referral) != 0)
              return forbidden (error, _("A referral from a reply starts accepted, with no amount."));
            return TRUE;
          }

        if (!cercle_viewer_is (viewer, cercle_referral_get_giver_id (referral)))
          return forbidden (error, _("You can only pass referrals in your own name."));

        if (cercle_viewer_is (viewer, cercle_referral_get_receiver_id (referral)))
          return forbidden (error, _("You cannot pass a referral to yourself."));

        if (cercle_referral_get_status (referral) != CERCLE_REFERRAL_STATUS_PROPOSED ||
            cercle_referral_get_amount_cents (referral) != 0)
          return forbidden (error, _("A new referral starts as proposed, with no amount."));

        return TRUE;
      }

    case CERCLE_ENTITY_ONE_TO_ONE:
      return TRUE;

    case CERCLE_ENTITY_REQUEST:
      if (!belongs_to (viewer, proposed))
        return forbidden (error, not_yours_message (entity));
      if (cercle_request_get_status (CERCLE_REQUEST (proposed)) != CERCLE_REQUEST_STATUS_OPEN)
        return forbidden (error, _("A new need starts open."));
      return TRUE;

    case CERCLE_ENTITY_NEED_REPLY:
      return TRUE;

    case CERCLE_ENTITY_CLUB:
    case CERCLE_ENTITY_MEMBER:
    case CERCLE_ENTITY_EVENT:
    default:
      return forbidden (error, _("Only the club’s staff can do this."));
    }
}

/**
 * cercle_permission_check:
 * @current: (nullable): the row as it is, %NULL for a new row
 * @proposed: the row as @viewer wants it (deleted, for a deletion)
 *
 * Returns: whether @viewer may make that change; %FALSE with @error set
 *   to a sentence for the user otherwise
 */
gboolean
cercle_permission_check (const CercleViewer  *viewer,
                         CercleRecord        *current,
                         CercleRecord        *proposed,
                         GError             **error)
{
  CercleRecordClass *klass;
  CercleEntity entity;

  g_return_val_if_fail (viewer != NULL, FALSE);
  g_return_val_if_fail (!current || CERCLE_IS_RECORD (current), FALSE);
  g_return_val_if_fail (CERCLE_IS_RECORD (proposed), FALSE);
  g_return_val_if_fail (!current || G_OBJECT_TYPE (current) == G_OBJECT_TYPE (proposed), FALSE);

  if (viewer->member_id == NULL && !viewer->is_staff)
    return forbidden (error, _("Only members of the club can change it."));

  /* Private messages are their members' alone: staff are members there */
  if (cercle_message_policy_handles (cercle_record_get_entity (proposed)))
    return cercle_message_policy_check (viewer, current, proposed, error);

  if (!cercle_record_get_deleted (proposed) && !check_content (current, proposed, error))
    return FALSE;

  if (current == NULL)
    return check_insert (viewer, proposed, error);

  entity = cercle_record_get_entity (proposed);

  if (!viewer->is_staff && !belongs_to (viewer, current))
    return forbidden (error, not_yours_message (entity));

  if (cercle_record_get_deleted (proposed) != cercle_record_get_deleted (current))
    {
      if (viewer->is_staff)
        return TRUE;

      switch (entity)
        {
        case CERCLE_ENTITY_REGISTRATION:
        case CERCLE_ENTITY_ONE_TO_ONE:
        case CERCLE_ENTITY_REQUEST:
        case CERCLE_ENTITY_NEED_REPLY:
          return TRUE;

        case CERCLE_ENTITY_REFERRAL:
          if ((cercle_referral_actor_for (viewer, CERCLE_REFERRAL (current)) & CERCLE_REFERRAL_ACTOR_GIVER) &&
              cercle_referral_get_status (CERCLE_REFERRAL (current)) == CERCLE_REFERRAL_STATUS_PROPOSED)
            return TRUE;
          return forbidden (error, _("A referral can only be withdrawn by its giver, before it is accepted."));

        case CERCLE_ENTITY_CLUB:
        case CERCLE_ENTITY_MEMBER:
        case CERCLE_ENTITY_EVENT:
        default:
          return forbidden (error, _("Only the club’s staff can do this."));
        }
    }

  klass = CERCLE_RECORD_GET_CLASS (proposed);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const char *column = klass->columns[i];

      if (g_param_values_cmp (klass->fields[i],
                              cercle_record_peek_value (current, i + 1),
                              cercle_record_peek_value (proposed, i + 1)) == 0)
        continue;

      if (entity == CERCLE_ENTITY_REFERRAL && g_str_equal (column, "status"))
        {
          if (!check_referral_status (viewer, CERCLE_REFERRAL (current),
                                      CERCLE_REFERRAL (proposed), error))
            return FALSE;
          continue;
        }

      if (!field_allowed (viewer, current, column))
        {
          if (viewer->is_staff || belongs_to (viewer, current))
            g_set_error (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN,
                         _("You cannot change “%s” here."), column);
          else
            forbidden (error, not_yours_message (entity));
          return FALSE;
        }
    }

  /* A registration stays with the person it was made for */
  if (!viewer->is_staff && !belongs_to (viewer, proposed))
    return forbidden (error, not_yours_message (entity));

  return TRUE;
}

/**
 * cercle_permission_can_organize_events:
 *
 * Returns: whether @viewer creates, edits, duplicates and cancels events
 */
gboolean
cercle_permission_can_organize_events (const CercleViewer *viewer)
{
  g_return_val_if_fail (viewer != NULL, FALSE);

  return viewer->is_staff;
}

/**
 * cercle_permission_can_take_attendance:
 *
 * Returns: whether @viewer checks people in at the door and corrects the
 *   attendance afterwards
 */
gboolean
cercle_permission_can_take_attendance (const CercleViewer *viewer)
{
  g_return_val_if_fail (viewer != NULL, FALSE);

  return viewer->is_staff;
}

/**
 * cercle_permission_can_register_for:
 * @member_id: (nullable): the member to answer for; %NULL for a guest
 *   @viewer would bring
 *
 * Returns: whether @viewer may answer an event's invitation in the name
 *   of @member_id: staff for anyone, a member for themselves and their
 *   guests
 */
gboolean
cercle_permission_can_register_for (const CercleViewer *viewer,
                                    const char         *member_id)
{
  g_return_val_if_fail (viewer != NULL, FALSE);

  if (viewer->is_staff)
    return TRUE;

  if (viewer->member_id == NULL)
    return FALSE;

  return member_id == NULL || cercle_viewer_is (viewer, member_id);
}

/**
 * cercle_permission_can_register_others:
 *
 * Returns: whether @viewer answers for any member of the club (the staff,
 *   for a member who called or wrote)
 */
gboolean
cercle_permission_can_register_others (const CercleViewer *viewer)
{
  g_return_val_if_fail (viewer != NULL, FALSE);

  return viewer->is_staff;
}

/**
 * cercle_permission_check_reply_referral:
 * @referral: a new referral whose reply-id is set
 * @reply: (nullable): the reply it names
 * @need: (nullable): the need @reply answers
 *
 * A referral made from a reply to a need goes from the reply's author,
 * who offered the business, to the need's author, who asked for it; it
 * answers that need. The server checks this before it accepts the
 * referral; the store before it writes one.
 *
 * Returns: whether @referral is what @reply and @need make of it
 */
gboolean
cercle_permission_check_reply_referral (CercleReferral   *referral,
                                        CercleNeedReply  *reply,
                                        CercleRequest    *need,
                                        GError          **error)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (referral), FALSE);
  g_return_val_if_fail (!reply || CERCLE_IS_NEED_REPLY (reply), FALSE);
  g_return_val_if_fail (!need || CERCLE_IS_REQUEST (need), FALSE);

  if (reply == NULL || need == NULL ||
      cercle_record_get_deleted (CERCLE_RECORD (reply)) ||
      g_strcmp0 (cercle_need_reply_get_request_id (reply),
                 cercle_record_get_id (CERCLE_RECORD (need))) != 0)
    return forbidden (error, _("This reply is no longer under its need."));

  if (g_strcmp0 (cercle_referral_get_giver_id (referral), cercle_need_reply_get_member_id (reply)) != 0 ||
      g_strcmp0 (cercle_referral_get_receiver_id (referral), cercle_request_get_member_id (need)) != 0 ||
      g_strcmp0 (cercle_referral_get_request_id (referral), cercle_record_get_id (CERCLE_RECORD (need))) != 0)
    return forbidden (error, _("A referral from a reply goes from its author to the need’s author."));

  return TRUE;
}

/**
 * cercle_permission_can_reply_to_need:
 *
 * Returns: whether @viewer may reply under @need: any member, while it
 *   is open
 */
gboolean
cercle_permission_can_reply_to_need (const CercleViewer *viewer,
                                     CercleRequest      *need)
{
  g_return_val_if_fail (viewer != NULL, FALSE);
  g_return_val_if_fail (CERCLE_IS_REQUEST (need), FALSE);

  return viewer->member_id != NULL &&
         !cercle_record_get_deleted (CERCLE_RECORD (need)) &&
         cercle_request_get_status (need) == CERCLE_REQUEST_STATUS_OPEN;
}

/**
 * cercle_permission_can_turn_reply_into_referral:
 *
 * Returns: whether @viewer may turn @reply, under @need, into a referral:
 *   the need's author, for another member's reply
 */
gboolean
cercle_permission_can_turn_reply_into_referral (const CercleViewer *viewer,
                                                CercleNeedReply    *reply,
                                                CercleRequest      *need)
{
  g_return_val_if_fail (viewer != NULL, FALSE);
  g_return_val_if_fail (CERCLE_IS_NEED_REPLY (reply), FALSE);
  g_return_val_if_fail (CERCLE_IS_REQUEST (need), FALSE);

  return cercle_viewer_is (viewer, cercle_request_get_member_id (need)) &&
         !cercle_viewer_is (viewer, cercle_need_reply_get_member_id (reply));
}

/**
 * cercle_permission_can_post_announcements:
 *
 * Returns: whether @viewer posts, pins and removes the club's announcements
 */
gboolean
cercle_permission_can_post_announcements (const CercleViewer *viewer)
{
  g_return_val_if_fail (viewer != NULL, FALSE);

  return viewer->is_staff && viewer->member_id != NULL;
}

/**
 * cercle_permission_can_pair_mentors:
 *
 * Returns: whether @viewer pairs new members with mentors
 */
gboolean
cercle_permission_can_pair_mentors (const CercleViewer *viewer)
{
  g_return_val_if_fail (viewer != NULL, FALSE);

  return viewer->is_staff;
}
