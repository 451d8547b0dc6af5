/* cercle-roster.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/* Who an attendee is at the event: the colour of their badge */
typedef enum
{
  CERCLE_ATTENDEE_MEMBER,
  CERCLE_ATTENDEE_GUEST,
  CERCLE_ATTENDEE_STAFF,
} CercleAttendeeKind;

/* What the attendance list says of an attendee after the event */
typedef enum
{
  CERCLE_PRESENCE_UNKNOWN,
  CERCLE_PRESENCE_PRESENT,
  CERCLE_PRESENCE_LATE,
  CERCLE_PRESENCE_ABSENT,
  CERCLE_PRESENCE_EXCUSED,
  CERCLE_PRESENCE_SUBSTITUTE,
} CerclePresence;

typedef struct _CercleAttendee CercleAttendee;

struct _CercleAttendee
{
  char               *first_name;
  char               *last_name;
  char               *company;
  /* job title, or else sector */
  char               *role;
  CercleAttendeeKind  kind;
  CerclePresence      presence;
  /* the text of the QR code (a vCard), or %NULL for no code */
  char               *vcard;

  /*< private >*/
  char               *sort_key;
};

/* What is printed for an event, copied out of the club store so that it can
 * be drawn in another thread while the store changes. Fill it, then hand it
 * to a document: from then on it is read-only and may be shared between
 * threads. */
typedef struct _CercleRoster CercleRoster;

#define CERCLE_TYPE_ROSTER (cercle_roster_get_type ())

GType                 cercle_roster_get_type         (void) G_GNUC_CONST;
CercleRoster         *cercle_roster_new              (void);
CercleRoster         *cercle_roster_ref              (CercleRoster       *self);
void                  cercle_roster_unref            (CercleRoster       *self);

void                  cercle_roster_set_club         (CercleRoster       *self,
                                                      const char         *name,
                                                      cairo_surface_t    *logo);
const char           *cercle_roster_get_club_name    (CercleRoster       *self);
cairo_surface_t      *cercle_roster_get_club_logo    (CercleRoster       *self);
void                  cercle_roster_set_event        (CercleRoster       *self,
                                                      const char         *title,
                                                      const char         *when,
                                                      const char         *place);
const char           *cercle_roster_get_event_title  (CercleRoster       *self);
const char           *cercle_roster_get_event_when   (CercleRoster       *self);
const char           *cercle_roster_get_event_place  (CercleRoster       *self);

CercleAttendee       *cercle_roster_add              (CercleRoster       *self,
                                                      const char         *first_name,
                                                      const char         *last_name,
                                                      const char         *company,
                                                      const char         *role,
                                                      CercleAttendeeKind  kind);
void                  cercle_attendee_set_vcard      (CercleAttendee     *attendee,
                                                      const char         *vcard);
guint                 cercle_roster_get_n_attendees  (CercleRoster       *self);
const CercleAttendee *cercle_roster_get_attendee     (CercleRoster       *self,
                                                      guint               index);
void                  cercle_roster_sort             (CercleRoster       *self);

char                 *cercle_roster_sort_key         (const char         *last_name,
                                                      const char         *first_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleRoster, cercle_roster_unref)

G_END_DECLS
