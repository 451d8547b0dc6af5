/* cercle-need-thread.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_NEED_THREAD (cercle_need_thread_get_type ())

G_DECLARE_FINAL_TYPE (CercleNeedThread, cercle_need_thread, CERCLE, NEED_THREAD, AdwWindow)

GtkWidget  *cercle_need_thread_new         (GtkWindow     *parent,
                                            CercleContext *context,
                                            const char    *request_id);
GListModel *cercle_need_thread_get_replies (CercleNeedThread *self);

G_END_DECLS
