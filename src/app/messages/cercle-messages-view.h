/* cercle-messages-view.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_MESSAGES_VIEW (cercle_messages_view_get_type ())

G_DECLARE_FINAL_TYPE (CercleMessagesView, cercle_messages_view, CERCLE, MESSAGES_VIEW, GtkWidget)

CercleMessagesView *cercle_messages_view_new               (void);
CercleContext      *cercle_messages_view_get_context       (CercleMessagesView *self);
void                cercle_messages_view_set_context       (CercleMessagesView *self,
                                                            CercleContext      *context);
void                cercle_messages_view_open_conversation (CercleMessagesView *self,
                                                            const char         *member_id);

G_END_DECLS
