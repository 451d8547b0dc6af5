/* cercle-board-column.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CERCLE_TYPE_BOARD_COLUMN (cercle_board_column_get_type ())

G_DECLARE_FINAL_TYPE (CercleBoardColumn, cercle_board_column, CERCLE, BOARD_COLUMN, GtkWidget)

GtkWidget   *cercle_board_column_new               (void);
void         cercle_board_column_set_title         (CercleBoardColumn  *self,
                                                    const char         *title);
void         cercle_board_column_set_subtitle      (CercleBoardColumn  *self,
                                                    const char         *subtitle);
void         cercle_board_column_set_placeholder   (CercleBoardColumn  *self,
                                                    const char         *text);
void         cercle_board_column_set_model         (CercleBoardColumn  *self,
                                                    GListModel         *model);
void         cercle_board_column_set_factory       (CercleBoardColumn  *self,
                                                    GtkListItemFactory *factory);
void         cercle_board_column_set_header_widget (CercleBoardColumn  *self,
                                                    GtkWidget          *widget);
void         cercle_board_column_set_loading        (CercleBoardColumn  *self,
                                                     gboolean            loading);
gboolean     cercle_board_column_is_filling        (CercleBoardColumn  *self);
GtkListView *cercle_board_column_get_list_view     (CercleBoardColumn  *self);

G_END_DECLS
