/* cercle-calendar-dialogs.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void       cercle_calendar_show_error  (GtkWidget              *parent,
                                        const char             *heading,
                                        const char             *message);
GtkWidget *cercle_calendar_add_entry   (GtkWidget              *box,
                                        const char             *label);
void       cercle_calendar_ask         (GtkWidget              *parent,
                                        const char             *heading,
                                        const char             *body,
                                        GtkWidget              *extra_child,
                                        const char             *cancel_label,
                                        const char             *response_id,
                                        const char             *response_label,
                                        AdwResponseAppearance   appearance,
                                        GCallback               callback,
                                        gpointer                object);

G_END_DECLS
