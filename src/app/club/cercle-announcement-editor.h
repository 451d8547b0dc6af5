/* cercle-announcement-editor.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_ANNOUNCEMENT_EDITOR (cercle_announcement_editor_get_type ())

G_DECLARE_FINAL_TYPE (CercleAnnouncementEditor, cercle_announcement_editor, CERCLE, ANNOUNCEMENT_EDITOR, AdwWindow)

GtkWidget *cercle_announcement_editor_new (GtkWindow     *parent,
                                           CercleContext *context);

G_END_DECLS
