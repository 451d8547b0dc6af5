/* cercle-codec.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cercle-json.h"
#include "cercle-record.h"

G_BEGIN_DECLS

/* The longest text one field may hold on the wire: a bio, a photo made
 * small, a description. Anything longer is hostile or a mistake. */
#define CERCLE_CODEC_MAX_TEXT_BYTES (256 * 1024)

typedef enum
{
  CERCLE_CODEC_STRICT                = 0,
  /* Rows from a newer server may carry fields this version does not know */
  CERCLE_CODEC_IGNORE_UNKNOWN_FIELDS = 1 << 0,
} CercleCodecFlags;

/* One field of a mutation: its value before the edit (unknown for an
 * insert) and after it. */
typedef struct
{
  guint    field;
  gboolean has_old;
  GValue   old_value;
  GValue   new_value;
} CercleFieldChange;

/* A local edit on its way to the club's server, as the sync protocol
 * carries it: "changes" holds only the changed fields. */
struct _CercleMutation
{
  gint64            mutation_no;
  CercleEntity      entity;
  char             *row_id;
  CercleMutationOp  op;
  gint64            base_rev;
  GArray           *changes;
};

#define CERCLE_TYPE_MUTATION (cercle_mutation_get_type ())

GType           cercle_mutation_get_type      (void) G_GNUC_CONST;
CercleMutation *cercle_mutation_new           (CercleEntity           entity,
                                               const char            *row_id,
                                               CercleMutationOp       op,
                                               gint64                 base_rev);
CercleMutation *cercle_mutation_copy          (const CercleMutation  *self);
void            cercle_mutation_free          (CercleMutation        *self);
void            cercle_mutation_add_change    (CercleMutation        *self,
                                               guint                  field,
                                               const GValue          *old_value,
                                               const GValue          *new_value);
guint           cercle_mutation_get_n_changes (const CercleMutation  *self);
const CercleFieldChange *
                cercle_mutation_get_change    (const CercleMutation  *self,
                                               guint                  index);
const CercleFieldChange *
                cercle_mutation_find_change   (const CercleMutation  *self,
                                               guint                  field);
JsonObject     *cercle_mutation_to_json       (const CercleMutation  *self);
JsonObject     *cercle_mutation_changes_to_json (const CercleMutation *self);
CercleMutation *cercle_mutation_from_json     (JsonObject            *object,
                                               GError               **error);
gboolean        cercle_mutation_set_changes_from_json (CercleMutation *self,
                                               JsonObject            *changes,
                                               GError               **error);
void            cercle_mutation_apply         (const CercleMutation  *self,
                                               CercleRecord          *record);

JsonNode       *cercle_codec_value_to_json    (const GValue          *value);
gboolean        cercle_codec_value_from_json  (GParamSpec            *pspec,
                                               const char            *column,
                                               JsonNode              *node,
                                               GValue                *value,
                                               GError               **error);
JsonObject     *cercle_codec_record_to_json   (CercleRecord          *record);
CercleRecord   *cercle_codec_record_from_json (JsonObject            *row,
                                               CercleCodecFlags       flags,
                                               GError               **error);

void            cercle_codec_write_string     (GString               *out,
                                               const char            *text);
void            cercle_codec_write_value      (GString               *out,
                                               const GValue          *value);
void            cercle_codec_write_record     (GString               *out,
                                               CercleRecord          *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleMutation, cercle_mutation_free)

G_END_DECLS
