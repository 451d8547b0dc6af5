/* cercle-member-editor-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-member-editor.h"

G_BEGIN_DECLS

typedef enum
{
  GROUP_NAME,
  GROUP_WORK,
  GROUP_BUSINESS,
  GROUP_CONTACT,
  GROUP_MEMBERSHIP,
  N_GROUPS
} Group;

typedef enum
{
  KIND_TEXT,
  KIND_MULTILINE,
  KIND_EMAIL,
  KIND_PHONE,
  KIND_URL,
  KIND_SIRET,
  KIND_DAY,
} Kind;

typedef struct
{
  const char *column;
  const char *property;
  const char *title;
  Group       group;
  Kind        kind;
} EditorField;

/* The form's text fields, in cercle-member-editor-form.c's table */
#define N_FIELDS 15
extern const EditorField _cercle_member_editor_fields[N_FIELDS];

typedef struct
{
  const char *column;
  const char *title;
} PrivacySwitch;

/* The switches of the privacy group: who else sees the contact fields */
#define N_SWITCHES 3
extern const PrivacySwitch _cercle_member_editor_privacy_switches[N_SWITCHES];

typedef struct
{
  GtkWidget *widget;       /* an AdwEntryRow, or the GtkTextView */
  GtkWidget *container;    /* what is shown or hidden */
  char      *error;        /* why the text cannot be saved, or NULL */
} Field;

struct _CercleMemberEditor
{
  GtkWidget            parent_instance;

  CercleContext       *context;
  CercleMember        *original;
  char                *photo;
  char                *sponsor_id;
  GCancellable        *cancellable;
  gboolean             loading;
  gboolean             is_new;

  Field                fields[N_FIELDS];
  GtkSwitch           *switches[N_SWITCHES];
  GtkSwitch           *qr_switch;
  GtkLabel            *group_errors[N_GROUPS];
  AdwPreferencesGroup *groups[N_GROUPS];

  GtkLabel            *title_label;
  GtkWidget           *save_button;
  GtkScrolledWindow   *scrolled_window;
  GtkLabel            *error_label;
  AdwAvatar           *avatar;
  GtkWidget           *photo_button;
  GtkWidget           *remove_photo_button;
  AdwPreferencesGroup *name_group;
  AdwPreferencesGroup *work_group;
  AdwPreferencesGroup *business_group;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *privacy_group;
  AdwPreferencesGroup *membership_group;
  AdwComboRow         *status_row;
  AdwComboRow         *role_row;
  AdwActionRow        *sponsor_row;
  GtkWidget           *clear_sponsor_button;
  GtkMenuButton       *sponsor_button;
};

/* cercle-member-editor.c */
CercleStore  *_cercle_member_editor_get_store      (CercleMemberEditor *self);
void          _cercle_member_editor_changed        (CercleMemberEditor *self);

/* cercle-member-editor-form.c */
void          _cercle_member_editor_build_form     (CercleMemberEditor *self);
char         *_cercle_member_editor_field_text     (CercleMemberEditor *self,
                                                    guint               i);
void          _cercle_member_editor_set_field_text (CercleMemberEditor *self,
                                                    guint               i,
                                                    const char         *text);
gboolean      _cercle_member_editor_validate       (CercleMemberEditor *self);
CercleMember *_cercle_member_editor_build_member   (CercleMemberEditor *self);

/* cercle-member-editor-photo.c */
void          _cercle_member_editor_install_photo  (GtkWidgetClass     *widget_class);
void          _cercle_member_editor_update_avatar  (CercleMemberEditor *self);

G_END_DECLS
