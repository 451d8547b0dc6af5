/* cercle-referral-editor.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_REFERRAL_EDITOR (cercle_referral_editor_get_type ())

G_DECLARE_FINAL_TYPE (CercleReferralEditor, cercle_referral_editor, CERCLE, REFERRAL_EDITOR, AdwWindow)

GtkWidget *cercle_referral_editor_new (GtkWindow     *parent,
                                       CercleContext *context,
                                       CercleRequest *need,
                                       const char    *need_author_name);

G_END_DECLS
