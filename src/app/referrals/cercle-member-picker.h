/* cercle-member-picker.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_MEMBER_PICKER (cercle_member_picker_get_type ())

G_DECLARE_FINAL_TYPE (CercleMemberPicker, cercle_member_picker, CERCLE, MEMBER_PICKER, GtkWidget)

void        cercle_member_picker_set_context  (CercleMemberPicker *self,
                                               CercleContext      *context);
void        cercle_member_picker_set_excluded (CercleMemberPicker *self,
                                               const char         *member_id);
void        cercle_member_picker_choose       (CercleMemberPicker *self,
                                               const char         *member_id,
                                               const char         *name,
                                               gboolean            locked);
const char *cercle_member_picker_get_member_id (CercleMemberPicker *self);
const char *cercle_member_picker_get_name     (CercleMemberPicker *self);
void        cercle_member_picker_set_label    (CercleMemberPicker *self,
                                               const char         *label);

G_END_DECLS
