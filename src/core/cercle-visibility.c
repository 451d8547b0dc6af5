/* cercle-visibility.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-visibility"

#include "config.h"

#include "cercle-record-private.h"
#include "cercle-visibility.h"

/* Who sees what. The app asks before it shows or exports, the store
 * before it answers a query, the server before it sends a row: all three
 * must reach the same verdict, so the rules live here and nowhere else.
 *
 * - A member's contact fields listed in private_fields are seen by staff
 *   and by the member; other members do not get them at all.
 * - Dues are a matter between the member and the staff.
 * - Draft events are the staff's work in progress.
 * - A referral's details belong to its giver, its receiver and the staff.
 * - A one-to-one is seen by the two members who met and by the staff, who
 *   count them; its notes by their author alone, staff included.
 * - Business closed is club-wide in totals; member by member it is seen
 *   by the member and the staff, and by everyone only when the club ranks
 *   it.
 * - A guest's e-mail address is for the member who invited them and the
 *   staff; a registration to a draft event is as hidden as the event.
 * - Announcements are for the members of their club (the server sends a
 *   club's rows to its members only); replies under needs too.
 * - A mentoring is seen by the mentor, the new member and the staff. */

G_DEFINE_BOXED_TYPE (CercleViewer, cercle_viewer, cercle_viewer_copy, cercle_viewer_free)

static const char * const private_capable_fields[] = {
  "email", "phone", "website", NULL
};

static const char * const staff_only_fields[] = {
  "dues_paid_until", NULL
};

/**
 * cercle_viewer_new:
 * @member_id: (nullable): the member who looks, if any
 *
 * Returns: (transfer full): a viewer
 */
CercleViewer *
cercle_viewer_new (const char *member_id,
                   gboolean    is_staff)
{
  CercleViewer *self = g_new0 (CercleViewer, 1);

  self->member_id = g_strdup (member_id);
  self->is_staff = !!is_staff;

  return self;
}

CercleViewer *
cercle_viewer_copy (const CercleViewer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return cercle_viewer_new (self->member_id, self->is_staff);
}

void
cercle_viewer_free (CercleViewer *self)
{
  if (self == NULL)
    return;

  g_free (self->member_id);
  g_free (self);
}

/**
 * cercle_viewer_is:
 * @member_id: (nullable): a member id
 *
 * Returns: whether the viewer is that member
 */
gboolean
cercle_viewer_is (const CercleViewer *self,
                  const char         *member_id)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->member_id != NULL && member_id != NULL &&
         g_str_equal (self->member_id, member_id);
}

/**
 * cercle_visibility_private_capable_fields:
 *
 * Returns: (transfer none): the member fields a member may hide from the
 *   other members, as column names
 */
const char * const *
cercle_visibility_private_capable_fields (void)
{
  return private_capable_fields;
}

/**
 * cercle_visibility_parse_private_fields:
 * @private_fields: (nullable): a member's private_fields value
 *
 * Returns: (transfer full): the columns it lists that may be private;
 *   anything else in it is ignored
 */
char **
cercle_visibility_parse_private_fields (const char *private_fields)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  if (private_fields != NULL)
    names = g_strsplit (private_fields, ",", -1);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_strstrip (names[i]);
      if (g_strv_contains (private_capable_fields, names[i]))
        g_strv_builder_add (builder, names[i]);
    }

  return g_strv_builder_end (builder);
}

/**
 * cercle_visibility_join_private_fields:
 * @columns: (array zero-terminated=1): columns to keep private
 *
 * Returns: (transfer full) (nullable): the private_fields value that keeps
 *   @columns private, in a stable order; %NULL for none
 */
char *
cercle_visibility_join_private_fields (const char * const *columns)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; private_capable_fields[i] != NULL; i++)
    {
      if (columns == NULL || !g_strv_contains (columns, private_capable_fields[i]))
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ',');
      g_string_append (joined, private_capable_fields[i]);
    }

  if (joined->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

gboolean
cercle_visibility_is_field_private (CercleMember *member,
                                    const char   *column)
{
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (CERCLE_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  names = cercle_visibility_parse_private_fields (cercle_member_get_private_fields (member));

  return g_strv_contains ((const char * const *)names, column);
}

gboolean
cercle_visibility_is_staff_only_field (const char *column)
{
  g_return_val_if_fail (column != NULL, FALSE);

  return g_strv_contains (staff_only_fields, column);
}

/**
 * cercle_visibility_can_see_member_field:
 * @column: a member column, such as "email"
 *
 * Returns: whether @viewer may see @member's @column
 */
gboolean
cercle_visibility_can_see_member_field (const CercleViewer *viewer,
                                        CercleMember       *member,
                                        const char         *column)
{
  g_return_val_if_fail (viewer != NULL, FALSE);
  g_return_val_if_fail (CERCLE_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  if (viewer->is_staff || cercle_viewer_is (viewer, cercle_record_get_id (CERCLE_RECORD (member))))
    return TRUE;

  if (cercle_visibility_is_staff_only_field (column))
    return FALSE;

  return !cercle_visibility_is_field_private (member, column);
}

/**
 * cercle_visibility_redact_member:
 *
 * Empties every field of @member that @viewer may not see, so that what
 * is shown, exported or sent cannot leak it.
 */
void
cercle_visibility_redact_member (const CercleViewer *viewer,
                                 CercleMember       *member)
{
  CercleRecordClass *klass;
  g_auto(GStrv) hidden = NULL;

  g_return_if_fail (viewer != NULL);
  g_return_if_fail (CERCLE_IS_MEMBER (member));

  if (viewer->is_staff || cercle_viewer_is (viewer, cercle_record_get_id (CERCLE_RECORD (member))))
    return;

  klass = CERCLE_RECORD_GET_CLASS (member);
  hidden = cercle_visibility_parse_private_fields (cercle_member_get_private_fields (member));

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const char *column = klass->columns[i];
      g_auto(GValue) empty = G_VALUE_INIT;

      if (!g_strv_contains ((const char * const *)hidden, column) &&
          !cercle_visibility_is_staff_only_field (column))
        continue;

      g_value_init (&empty, G_PARAM_SPEC_VALUE_TYPE (klass->fields[i]));
      g_param_value_set_default (klass->fields[i], &empty);
      _cercle_record_set_field_value (CERCLE_RECORD (member), i, &empty);
    }
}

/**
 * cercle_visibility_can_see_drafts:
 *
 * Returns: whether @viewer sees draft events; queries that list events
 *   ask it, so that they agree with cercle_visibility_can_see_event()
 */
gboolean
cercle_visibility_can_see_drafts (const CercleViewer *viewer)
{
  g_return_val_if_fail (viewer != NULL, FALSE);

  return viewer->is_staff;
}

gboolean
cercle_visibility_can_see_event (const CercleViewer *viewer,
                                 CercleEvent        *event)
{
  g_return_val_if_fail (viewer != NULL, FALSE);
  g_return_val_if_fail (CERCLE_IS_EVENT (event), FALSE);

  return cercle_visibility_can_see_drafts (viewer) ||
         cercle_event_get_status (event) != CERCLE_EVENT_STATUS_DRAFT;
}

gboolean
cercle_visibility_can_see_referral (const CercleViewer *viewer,
                                    CercleReferral     *referral)
{
  g_return_val_if_fail (viewer != NULL, FALSE);
  g_return_val_if_fail (CERCLE_IS_REFERRAL (referral), FALSE);

  return viewer->is_staff ||
         cercle_viewer_is (viewer, cercle_referral_get_giver_id (referral)) ||
         cercle_viewer_is (viewer, cercle_referral_get_receiver_id (referral));
}

/**
 * cercle_visibility_can_see_regularity:
 * @member_id: the member whose attendance rate it is
 *
 * Returns: whether @viewer sees how regularly @member_id comes: the
 *   member and the staff, who look after the club's members
 */
gboolean
cercle_visibility_can_see_regularity (const CercleViewer *viewer,
                                      const char         *member_id)
{
  g_return_val_if_fail (viewer != NULL, FALSE);

  return viewer->is_staff || cercle_viewer_is (viewer, member_id);
}

/**
 * cercle_visibility_can_see_one_to_one:
 *
 * Returns: whether @viewer may know that the one-to-one took place
 */
gboolean
cercle_visibility_can_see_one_to_one (const CercleViewer *viewer,
                                      CercleOneToOne     *one_to_one)
{
  g_return_val_if_fail (viewer != NULL, FALSE);
  g_return_val_if_fail (CERCLE_IS_ONE_TO_ONE (one_to_one), FALSE);

  return viewer->is_staff ||
         cercle_viewer_is (viewer, cercle_one_to_one_get_member_a_id (one_to_one)) ||
         cercle_viewer_is (viewer, cercle_one_to_one_get_member_b_id (one_to_one)) ||
         cercle_viewer_is (viewer, cercle_one_to_one_get_author_id (one_to_one));
}

/**
 * cercle_visibility_can_see_one_to_one_notes:
 *
 * Returns: whether @viewer may read the one-to-one's notes: only their
 *   author, whoever else looks
 */
gboolean
cercle_visibility_can_see_one_to_one_notes (const CercleViewer *viewer,
                                            CercleOneToOne     *one_to_one)
{
  g_return_val_if_fail (viewer != NULL, FALSE);
  g_return_val_if_fail (CERCLE_IS_ONE_TO_ONE (one_to_one), FALSE);

  return cercle_viewer_is (viewer, cercle_one_to_one_get_author_id (one_to_one));
}

/**
 * cercle_visibility_redact_one_to_one:
 *
 * Empties the notes of @one_to_one unless @viewer wrote them.
 */
void
cercle_visibility_redact_one_to_one (const CercleViewer *viewer,
                                     CercleOneToOne     *one_to_one)
{
  CercleRecordClass *klass;
  int notes;

  g_return_if_fail (viewer != NULL);
  g_return_if_fail (CERCLE_IS_ONE_TO_ONE (one_to_one));

  if (cercle_visibility_can_see_one_to_one_notes (viewer, one_to_one))
    return;

  klass = CERCLE_RECORD_GET_CLASS (one_to_one);
  notes = cercle_record_class_find_field (klass, "notes");
  if (notes >= 0)
    {
      g_auto(GValue) empty = G_VALUE_INIT;

      g_value_init (&empty, G_TYPE_STRING);
      _cercle_record_set_field_value (CERCLE_RECORD (one_to_one), (guint)notes, &empty);
    }
}

/**
 * cercle_visibility_redact:
 *
 * Empties every field of @record that @viewer may not see, whatever its
 * entity, so that a list of records can be handed out as it is read.
 */
void
cercle_visibility_redact (const CercleViewer *viewer,
                          CercleRecord       *record)
{
  g_return_if_fail (viewer != NULL);
  g_return_if_fail (CERCLE_IS_RECORD (record));

  switch (cercle_record_get_entity (record))
    {
    case CERCLE_ENTITY_MEMBER:
      cercle_visibility_redact_member (viewer, CERCLE_MEMBER (record));
      break;

    case CERCLE_ENTITY_ONE_TO_ONE:
      cercle_visibility_redact_one_to_one (viewer, CERCLE_ONE_TO_ONE (record));
      break;

    case CERCLE_ENTITY_REGISTRATION:
      cercle_visibility_redact_registration (viewer, CERCLE_REGISTRATION (record));
      break;

    case CERCLE_ENTITY_CLUB:
    case CERCLE_ENTITY_EVENT:
    case CERCLE_ENTITY_REFERRAL:
    case CERCLE_ENTITY_REQUEST:
    case CERCLE_ENTITY_ANNOUNCEMENT:
    case CERCLE_ENTITY_NEED_REPLY:
    case CERCLE_ENTITY_MENTORING:
    default:
      break;
    }
}

/**
 * cercle_visibility_can_see_member_business:
 * @club: (nullable): the club, for whether it ranks business
 * @member_id: the member whose business closed would be shown
 *
 * Returns: whether @viewer may see the business @member_id closed through
 *   referrals, as a figure of their own (a row of the statistics)
 */
gboolean
cercle_visibility_can_see_member_business (const CercleViewer *viewer,
                                           CercleClub         *club,
                                           const char         *member_id)
{
  g_return_val_if_fail (viewer != NULL, FALSE);
  g_return_val_if_fail (!club || CERCLE_IS_CLUB (club), FALSE);

  return viewer->is_staff ||
         cercle_viewer_is (viewer, member_id) ||
         (club != NULL && cercle_club_get_rank_business (club));
}

/**
 * cercle_visibility_can_see_registration:
 * @event: (nullable): the registration's event, %NULL when it is unknown
 *
 * Returns: whether @viewer may see @registration at all
 */
gboolean
cercle_visibility_can_see_registration (const CercleViewer *viewer,
                                        CercleRegistration *registration,
                                        CercleEvent        *event)
{
  g_return_val_if_fail (viewer != NULL, FALSE);
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (registration), FALSE);
  g_return_val_if_fail (!event || CERCLE_IS_EVENT (event), FALSE);

  if (viewer->is_staff)
    return TRUE;

  return event != NULL && cercle_visibility_can_see_event (viewer, event);
}

/**
 * cercle_visibility_redact_registration:
 *
 * Empties what @viewer may not see of @registration: a guest's e-mail
 * address, unless @viewer invited the guest or is staff.
 */
void
cercle_visibility_redact_registration (const CercleViewer *viewer,
                                       CercleRegistration *registration)
{
  g_return_if_fail (viewer != NULL);
  g_return_if_fail (CERCLE_IS_REGISTRATION (registration));

  if (viewer->is_staff ||
      cercle_viewer_is (viewer, cercle_registration_get_invited_by_id (registration)))
    return;

  if (cercle_registration_get_guest_email (registration) != NULL)
    g_object_set (registration, "guest-email", NULL, NULL);
}

/**
 * cercle_visibility_can_see_mentoring:
 *
 * Returns: whether @viewer may know of @mentoring: its two members and
 *   the staff who paired them
 */
gboolean
cercle_visibility_can_see_mentoring (const CercleViewer *viewer,
                                     CercleMentoring    *mentoring)
{
  g_return_val_if_fail (viewer != NULL, FALSE);
  g_return_val_if_fail (CERCLE_IS_MENTORING (mentoring), FALSE);

  return viewer->is_staff ||
         cercle_viewer_is (viewer, cercle_mentoring_get_mentor_id (mentoring)) ||
         cercle_viewer_is (viewer, cercle_mentoring_get_mentee_id (mentoring));
}

/**
 * cercle_visibility_can_see_announcement:
 *
 * Returns: whether @viewer, one of the club's members or staff, may read
 *   @announcement; nobody outside the club gets the club's rows at all
 */
gboolean
cercle_visibility_can_see_announcement (const CercleViewer *viewer,
                                        CercleAnnouncement *announcement)
{
  g_return_val_if_fail (viewer != NULL, FALSE);
  g_return_val_if_fail (CERCLE_IS_ANNOUNCEMENT (announcement), FALSE);

  return viewer->is_staff || viewer->member_id != NULL;
}
