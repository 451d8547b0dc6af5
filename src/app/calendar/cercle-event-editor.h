/* cercle-event-editor.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_EVENT_EDITOR (cercle_event_editor_get_type ())

G_DECLARE_FINAL_TYPE (CercleEventEditor, cercle_event_editor, CERCLE, EVENT_EDITOR, AdwWindow)

GtkWidget *cercle_event_editor_new (CercleContext *context,
                                    CercleEvent   *event,
                                    GDateTime     *day);

G_END_DECLS
