/* cercle-one-to-one-editor.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_ONE_TO_ONE_EDITOR (cercle_one_to_one_editor_get_type ())

G_DECLARE_FINAL_TYPE (CercleOneToOneEditor, cercle_one_to_one_editor, CERCLE, ONE_TO_ONE_EDITOR, AdwWindow)

GtkWidget *cercle_one_to_one_editor_new (GtkWindow     *parent,
                                         CercleContext *context);

G_END_DECLS
