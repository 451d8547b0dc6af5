/* cercle-record.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-types.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_RECORD (cercle_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (CercleRecord, cercle_record, CERCLE, RECORD, GObject)

/* A row of the club database. Subclasses only declare their stored fields
 * as properties with cercle_record_class_install_fields(); the store reads
 * and writes every such property as the column of the same name (with "-"
 * spelled "_"), so a field is added in one place and the migration. */
struct _CercleRecordClass
{
  GObjectClass parent_class;

  /*< private >*/
  const char  *table_name;
  CercleEntity entity;
  GParamSpec **fields;
  char       **columns;
  guint        n_fields;
  gpointer     padding[8];
};

const char  *cercle_record_get_id                (CercleRecord      *self);
gint64       cercle_record_get_rev               (CercleRecord      *self);
void         cercle_record_set_rev               (CercleRecord      *self,
                                                  gint64             rev);
const char  *cercle_record_get_updated_at        (CercleRecord      *self);
void         cercle_record_set_updated_at        (CercleRecord      *self,
                                                  const char        *updated_at);
gboolean     cercle_record_get_deleted           (CercleRecord      *self);
void         cercle_record_set_deleted           (CercleRecord      *self,
                                                  gboolean           deleted);
const char  *cercle_record_get_table_name        (CercleRecord      *self);
CercleEntity cercle_record_get_entity            (CercleRecord      *self);

const char  *cercle_record_class_get_table_name  (CercleRecordClass *klass);
GParamSpec *const *cercle_record_class_get_fields (CercleRecordClass *klass,
                                                  guint             *n_fields);
const char  *cercle_record_class_get_column      (CercleRecordClass *klass,
                                                  guint              field);
int          cercle_record_class_find_field      (CercleRecordClass *klass,
                                                  const char        *column);
void         cercle_record_class_install_fields  (CercleRecordClass *klass,
                                                  const char        *table_name,
                                                  GParamSpec       **pspecs,
                                                  guint              n_pspecs);

/* Direct access to a field by its property id, for subclasses' getters and
 * for the store, which copies whole rows without going through notify. */
const GValue *cercle_record_peek_value           (CercleRecord      *self,
                                                  guint              prop_id);
const char  *cercle_record_peek_string           (CercleRecord      *self,
                                                  guint              prop_id);
int          cercle_record_peek_int              (CercleRecord      *self,
                                                  guint              prop_id);
gint64       cercle_record_peek_int64            (CercleRecord      *self,
                                                  guint              prop_id);
gboolean     cercle_record_peek_boolean          (CercleRecord      *self,
                                                  guint              prop_id);
int          cercle_record_peek_enum             (CercleRecord      *self,
                                                  guint              prop_id);

gboolean     cercle_record_update_from           (CercleRecord      *self,
                                                  CercleRecord      *other);

char        *cercle_now_iso8601                  (void);

G_END_DECLS
