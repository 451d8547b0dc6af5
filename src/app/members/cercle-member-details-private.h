/* cercle-member-details-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-member-details.h"

G_BEGIN_DECLS

/* The rows of the profile's fields (cercle-member-details.c's table) */
#define N_FIELDS 14

typedef enum
{
  GROUP_WORK,
  GROUP_BUSINESS,
  GROUP_CONTACT,
  GROUP_MEMBERSHIP,
  N_GROUPS
} Group;

typedef enum
{
  FIELD_TEXT,
  FIELD_EMAIL,
  FIELD_PHONE,
  FIELD_WEBSITE,
  FIELD_SPONSOR,
  FIELD_DAY,
  FIELD_DUES,
} FieldKind;

typedef struct
{
  AdwActionRow *row;
  GtkWidget    *private_icon;
  GtkWidget    *open_button;
  GtkWidget    *copy_button;
  GtkWidget    *overdue_label;
  GtkWidget    *go_icon;
  char         *value;    /* what the buttons open or copy */
} FieldRow;

struct _CercleMemberDetails
{
  GtkWidget            parent_instance;

  CercleContext       *context;
  CercleMember        *member;
  GCancellable        *suggest_cancellable;

  FieldRow             rows[N_FIELDS];
  AdwPreferencesGroup *groups[N_GROUPS];
  GPtrArray           *sponsored_rows;
  GPtrArray           *meet_rows;
  GPtrArray           *history_rows;

  GtkScrolledWindow   *scrolled_window;
  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *headline_label;
  GtkLabel            *status_label;
  GtkLabel            *staff_label;
  GtkWidget           *message_button;
  AdwPreferencesGroup *meet_group;
  AdwPreferencesGroup *work_group;
  AdwPreferencesGroup *business_group;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *membership_group;
  AdwPreferencesGroup *sponsored_group;
  AdwPreferencesGroup *mentoring_group;
  GPtrArray           *mentoring_rows;
  AdwPreferencesGroup *activity_group;
  AdwActionRow        *attendance_row;
  AdwActionRow        *given_row;
  AdwActionRow        *received_row;
  AdwActionRow        *one_to_ones_row;
  AdwPreferencesGroup *history_group;
  AdwExpanderRow      *history_row;
};

static inline gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static inline CercleStore *
get_store (CercleMemberDetails *self)
{
  return self->context != NULL ? cercle_context_get_store (self->context) : NULL;
}

/* cercle-member-details.c */
void _cercle_member_details_open_member     (CercleMemberDetails *self,
                                             const char          *member_id);

/* cercle-member-details-sections.c */
void _cercle_member_details_update_sections (CercleMemberDetails *self,
                                             const CercleViewer  *viewer);

G_END_DECLS
