/* cercle-members-view.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_MEMBERS_VIEW (cercle_members_view_get_type ())

G_DECLARE_FINAL_TYPE (CercleMembersView, cercle_members_view, CERCLE, MEMBERS_VIEW, GtkWidget)

CercleContext *cercle_members_view_get_context     (CercleMembersView *self);
void           cercle_members_view_set_context     (CercleMembersView *self,
                                                    CercleContext     *context);
void           cercle_members_view_set_cancellable (CercleMembersView *self,
                                                    GCancellable      *cancellable);
void           cercle_members_view_focus_search    (CercleMembersView *self);
gboolean       cercle_members_view_has_unsaved_changes (CercleMembersView *self);
void           cercle_members_view_leave_async     (CercleMembersView   *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean       cercle_members_view_leave_finish    (CercleMembersView   *self,
                                                    GAsyncResult        *result);

G_END_DECLS
