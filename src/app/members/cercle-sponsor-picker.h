/* cercle-sponsor-picker.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_SPONSOR_PICKER (cercle_sponsor_picker_get_type ())

G_DECLARE_FINAL_TYPE (CercleSponsorPicker, cercle_sponsor_picker, CERCLE, SPONSOR_PICKER, GtkPopover)

GtkWidget *cercle_sponsor_picker_new         (void);
void       cercle_sponsor_picker_set_context (CercleSponsorPicker *self,
                                              CercleContext       *context);

G_END_DECLS
