/* cercle-record-list.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cercle-types.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_RECORD_LIST (cercle_record_list_get_type ())

G_DECLARE_FINAL_TYPE (CercleRecordList, cercle_record_list, CERCLE, RECORD_LIST, GObject)

/* A list model over row numbers of one table: rows are read from the store
 * only when a view asks for them, so a list of 100,000 members costs an
 * array of integers, not 100,000 objects. It lives as long as its view and
 * changes in place. */
CercleRecordList *cercle_record_list_new       (CercleStore      *store,
                                                GType             record_type,
                                                GArray           *row_numbers);
void              cercle_record_list_set_rows  (CercleRecordList *self,
                                                GArray           *row_numbers);
void              cercle_record_list_replace_rows (CercleRecordList *self,
                                                GArray           *row_numbers);
const GArray     *cercle_record_list_get_rows  (CercleRecordList *self);
void              cercle_record_list_set_rows_with_records (CercleRecordList *self,
                                                            GArray           *row_numbers,
                                                            GPtrArray        *records);
guint             cercle_record_list_refresh   (CercleRecordList *self,
                                                CercleChangeSet  *changes);
gint64            cercle_record_list_get_row   (CercleRecordList *self,
                                                guint             position);
guint             cercle_record_list_find_row  (CercleRecordList *self,
                                                gint64            row_number);
void              cercle_record_list_set_viewer (CercleRecordList   *self,
                                                 const CercleViewer *viewer);
gboolean          cercle_record_list_load      (CercleRecordList *self,
                                                guint             position,
                                                guint             n_items,
                                                GError          **error);

G_END_DECLS
