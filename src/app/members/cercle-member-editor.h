/* cercle-member-editor.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_MEMBER_EDITOR (cercle_member_editor_get_type ())

G_DECLARE_FINAL_TYPE (CercleMemberEditor, cercle_member_editor, CERCLE, MEMBER_EDITOR, GtkWidget)

GtkWidget  *cercle_member_editor_new            (void);
void        cercle_member_editor_set_context    (CercleMemberEditor  *self,
                                                 CercleContext       *context);
void        cercle_member_editor_edit           (CercleMemberEditor  *self,
                                                 CercleMember        *member);
void        cercle_member_editor_add_candidate  (CercleMemberEditor  *self,
                                                 const char          *sponsor_id);
void        cercle_member_editor_focus_first_field (CercleMemberEditor *self);
const char *cercle_member_editor_get_member_id  (CercleMemberEditor  *self);
gboolean    cercle_member_editor_has_changes    (CercleMemberEditor  *self);
gboolean    cercle_member_editor_save           (CercleMemberEditor  *self,
                                                 GError             **error);

G_END_DECLS
