/* cercle-editor-dialog.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What the small editor windows (an announcement, a need, a referral, a
 * one-to-one, a mentoring, an event) share: reading what was typed,
 * saying what is wrong with it, and asking before closing throws it away. */

char     *cercle_editor_dup_text        (GtkTextView *view);
char     *cercle_editor_dup_entry_text  (GtkEditable *editable);
void      cercle_editor_show_error      (GtkWindow   *editor,
                                         GtkLabel    *error_label,
                                         const char  *message);
gboolean  cercle_editor_ask_discard     (GtkWindow   *editor,
                                         const char  *heading,
                                         const char  *body);

G_END_DECLS
