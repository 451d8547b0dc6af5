/* cercle-amount-dialog.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     cercle_amount_dialog_ask_async  (GtkWindow           *parent,
                                          const char          *prospect,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean cercle_amount_dialog_ask_finish (GAsyncResult        *result,
                                          gint64              *cents);

G_END_DECLS
