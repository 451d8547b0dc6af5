/* cercle-message-bubble.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CERCLE_TYPE_MESSAGE_BUBBLE (cercle_message_bubble_get_type ())

G_DECLARE_FINAL_TYPE (CercleMessageBubble, cercle_message_bubble, CERCLE, MESSAGE_BUBBLE, GtkWidget)

GtkWidget  *cercle_message_bubble_new      (void);
void        cercle_message_bubble_set      (CercleMessageBubble *self,
                                            const char          *text,
                                            const char          *when);
const char *cercle_message_bubble_get_text (CercleMessageBubble *self);
const char *cercle_message_bubble_get_when (CercleMessageBubble *self);

G_END_DECLS
