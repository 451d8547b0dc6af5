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

G_DECLARE_FINAL_TYPE (CercleMemberPicker, cercle_member_picker, CERCLE, MEMBER_PICKER, GtkPopover)

GtkWidget *cercle_member_picker_new         (void);
void       cercle_member_picker_set_context (CercleMemberPicker *self,
                                             CercleContext      *context);

G_END_DECLS
