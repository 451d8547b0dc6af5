/* cercle-codec.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-codec"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-codec.h"
#include "cercle-entity.h"
#include "cercle-enums.h"
#include "cercle-record-private.h"

/* The one place that turns records and mutations into the JSON of the sync
 * protocol and back. The app's outbox, the sync client and the server all
 * go through it, so that they cannot disagree on a field's name or type;
 * reading, it checks every value against the field's declared type and
 * range and says which field is wrong. */

G_DEFINE_BOXED_TYPE (CercleMutation, cercle_mutation, cercle_mutation_copy, cercle_mutation_free)

static void
field_change_clear (gpointer data)
{
  CercleFieldChange *change = data;

  if (G_IS_VALUE (&change->old_value))
    g_value_unset (&change->old_value);
  if (G_IS_VALUE (&change->new_value))
    g_value_unset (&change->new_value);
}

static CercleRecordClass *
peek_record_class (CercleEntity entity)
{
  return CERCLE_RECORD_CLASS (g_type_class_ref (cercle_entity_get_record_type (entity)));
}

/**
 * cercle_mutation_new:
 *
 * Returns: (transfer full): a mutation with no changes and no number yet
 */
CercleMutation *
cercle_mutation_new (CercleEntity      entity,
                     const char       *row_id,
                     CercleMutationOp  op,
                     gint64            base_rev)
{
  CercleMutation *self;

  g_return_val_if_fail (entity < CERCLE_N_ENTITIES, NULL);
  g_return_val_if_fail (row_id != NULL, NULL);

  self = g_new0 (CercleMutation, 1);
  self->entity = entity;
  self->row_id = g_strdup (row_id);
  self->op = op;
  self->base_rev = base_rev;
  self->changes = g_array_new (FALSE, TRUE, sizeof (CercleFieldChange));
  g_array_set_clear_func (self->changes, field_change_clear);

  return self;
}

CercleMutation *
cercle_mutation_copy (const CercleMutation *self)
{
  CercleMutation *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = cercle_mutation_new (self->entity, self->row_id, self->op, self->base_rev);
  copy->mutation_no = self->mutation_no;

  for (guint i = 0; i < self->changes->len; i++)
    {
      const CercleFieldChange *change = &g_array_index (self->changes, CercleFieldChange, i);

      cercle_mutation_add_change (copy, change->field,
                                  change->has_old ? &change->old_value : NULL,
                                  &change->new_value);
    }

  return copy;
}

void
cercle_mutation_free (CercleMutation *self)
{
  if (self == NULL)
    return;

  g_free (self->row_id);
  g_array_unref (self->changes);
  g_free (self);
}

/**
 * cercle_mutation_add_change:
 * @field: the index of the field in the entity's record class
 * @old_value: (nullable): the value before the edit; %NULL for an insert
 */
void
cercle_mutation_add_change (CercleMutation *self,
                            guint           field,
                            const GValue   *old_value,
                            const GValue   *new_value)
{
  CercleFieldChange change = { 0, };

  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_VALUE (new_value));

  change.field = field;
  change.has_old = old_value != NULL;
  if (old_value != NULL)
    {
      g_value_init (&change.old_value, G_VALUE_TYPE (old_value));
      g_value_copy (old_value, &change.old_value);
    }
  g_value_init (&change.new_value, G_VALUE_TYPE (new_value));
  g_value_copy (new_value, &change.new_value);

  g_array_append_val (self->changes, change);
}

guint
cercle_mutation_get_n_changes (const CercleMutation *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->changes->len;
}

const CercleFieldChange *
cercle_mutation_get_change (const CercleMutation *self,
                            guint                 index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->changes->len, NULL);

  return &g_array_index (self->changes, CercleFieldChange, index);
}

/**
 * cercle_mutation_find_change:
 *
 * Returns: (nullable): the change of @field, if the mutation has one
 */
const CercleFieldChange *
cercle_mutation_find_change (const CercleMutation *self,
                             guint                 field)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->changes->len; i++)
    if (g_array_index (self->changes, CercleFieldChange, i).field == field)
      return &g_array_index (self->changes, CercleFieldChange, i);

  return NULL;
}

/**
 * cercle_codec_value_to_json:
 *
 * Returns: (transfer full): @value as the protocol writes it: enums by
 *   their nick, a missing text as null
 */
JsonNode *
cercle_codec_value_to_json (const GValue *value)
{
  GType type = G_VALUE_TYPE (value);
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  if (type == G_TYPE_STRING)
    {
      if (g_value_get_string (value) == NULL)
        json_node_init_null (node);
      else
        json_node_set_string (node, g_value_get_string (value));
    }
  else if (type == G_TYPE_INT)
    json_node_set_int (node, g_value_get_int (value));
  else if (type == G_TYPE_INT64)
    json_node_set_int (node, g_value_get_int64 (value));
  else if (type == G_TYPE_BOOLEAN)
    json_node_set_boolean (node, g_value_get_boolean (value));
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
      GEnumValue *enum_value = g_enum_get_value (enum_class, g_value_get_enum (value));

      json_node_set_string (node, enum_value != NULL ? enum_value->value_nick : "");
    }
  else
    g_assert_not_reached ();

  return node;
}

static gboolean
wrong_value (const char  *column,
             const char  *expected,
             GError     **error)
{
  /* Translators: the first %s is a field name, the second a kind of value
   * such as "a text" or "a whole number" */
  g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_WRONG_TYPE,
               _("“%s” must be %s."), column, expected);
  return FALSE;
}

static gboolean
holds (JsonNode *node,
       GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/**
 * cercle_codec_value_from_json:
 * @pspec: the field
 * @column: the field's name, for the error message
 * @value: initialized to the field's type
 *
 * Reads a value of @pspec's type from @node, checking its type and range.
 */
gboolean
cercle_codec_value_from_json (GParamSpec  *pspec,
                              const char  *column,
                              JsonNode    *node,
                              GValue      *value,
                              GError     **error)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (G_VALUE_HOLDS (value, type), FALSE);

  if (type == G_TYPE_STRING)
    {
      const char *text;

      if (JSON_NODE_HOLDS_NULL (node))
        {
          g_value_set_string (value, NULL);
          return TRUE;
        }

      if (!holds (node, G_TYPE_STRING))
        return wrong_value (column, _("a text"), error);

      text = json_node_get_string (node);
      if (strlen (text) > CERCLE_CODEC_MAX_TEXT_BYTES)
        {
          g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_OUT_OF_RANGE,
                       _("“%s” is longer than %u KiB."), column,
                       CERCLE_CODEC_MAX_TEXT_BYTES / 1024);
          return FALSE;
        }

      g_value_set_string (value, text);
      return TRUE;
    }

  if (type == G_TYPE_INT || type == G_TYPE_INT64)
    {
      gint64 min, max, number;

      if (type == G_TYPE_INT)
        {
          min = G_PARAM_SPEC_INT (pspec)->minimum;
          max = G_PARAM_SPEC_INT (pspec)->maximum;
        }
      else
        {
          min = G_PARAM_SPEC_INT64 (pspec)->minimum;
          max = G_PARAM_SPEC_INT64 (pspec)->maximum;
        }

      if (!holds (node, G_TYPE_INT64))
        return wrong_value (column, _("a whole number"), error);

      number = json_node_get_int (node);
      if (number < min || number > max)
        {
          return cercle_json_out_of_range (column, min, max, error);
        }

      if (type == G_TYPE_INT)
        g_value_set_int (value, (int)number);
      else
        g_value_set_int64 (value, number);
      return TRUE;
    }

  if (type == G_TYPE_BOOLEAN)
    {
      if (!holds (node, G_TYPE_BOOLEAN))
        return wrong_value (column, _("true or false"), error);

      g_value_set_boolean (value, json_node_get_boolean (node));
      return TRUE;
    }

  if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *enum_class = G_PARAM_SPEC_ENUM (pspec)->enum_class;
      GEnumValue *enum_value;

      if (!holds (node, G_TYPE_STRING))
        return wrong_value (column, _("a text"), error);

      enum_value = g_enum_get_value_by_nick (enum_class, json_node_get_string (node));
      if (enum_value == NULL)
        {
          g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_OUT_OF_RANGE,
                       _("“%s” cannot be “%s”."), column, json_node_get_string (node));
          return FALSE;
        }

      g_value_set_enum (value, enum_value->value);
      return TRUE;
    }

  g_assert_not_reached ();
}

/**
 * cercle_codec_record_to_json:
 *
 * Returns: (transfer full): @record as a row of a pull:
 *   {"entity", "id", "rev", "updated_at", "deleted", "fields": {…}}
 */
JsonObject *
cercle_codec_record_to_json (CercleRecord *record)
{
  CercleRecordClass *klass;
  JsonObject *row;
  JsonObject *fields;

  g_return_val_if_fail (CERCLE_IS_RECORD (record), NULL);

  klass = CERCLE_RECORD_GET_CLASS (record);
  row = json_object_new ();
  fields = json_object_new ();

  json_object_set_string_member (row, "entity", klass->table_name);
  json_object_set_string_member (row, "id", cercle_record_get_id (record));
  json_object_set_int_member (row, "rev", cercle_record_get_rev (record));
  if (cercle_record_get_updated_at (record) != NULL)
    json_object_set_string_member (row, "updated_at", cercle_record_get_updated_at (record));
  json_object_set_boolean_member (row, "deleted", cercle_record_get_deleted (record));

  for (guint i = 0; i < klass->n_fields; i++)
    json_object_set_member (fields, klass->columns[i],
                            cercle_codec_value_to_json (cercle_record_peek_value (record, i + 1)));

  json_object_set_object_member (row, "fields", fields);

  return row;
}

static gboolean
get_entity (JsonObject    *object,
            CercleEntity  *entity,
            GError       **error)
{
  const char *name;

  if (!cercle_json_get_string (object, "entity", CERCLE_JSON_REQUIRED, &name, error))
    return FALSE;

  if (!cercle_entity_from_name (name, entity))
    {
      g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_UNKNOWN_ENTITY,
                   _("“%s” is not a kind of club data."), name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
get_uuid (JsonObject   *object,
          const char   *member,
          const char  **uuid,
          GError      **error)
{
  if (!cercle_json_get_string (object, member, CERCLE_JSON_REQUIRED, uuid, error))
    return FALSE;

  if (!g_uuid_string_is_valid (*uuid))
    {
      g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_INVALID,
                   _("“%s” must be a UUID."), member);
      return FALSE;
    }

  return TRUE;
}

static gboolean
unknown_field (CercleRecordClass  *klass,
               const char         *column,
               GError            **error)
{
  g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_UNKNOWN_FIELD,
               _("“%s” has no field “%s”."), klass->table_name, column);
  return FALSE;
}

/**
 * cercle_codec_record_from_json:
 * @row: a row as cercle_codec_record_to_json() writes it
 *
 * Returns: (transfer full): a new record of the row's entity, or %NULL
 *   with @error set, naming the field that is wrong
 */
CercleRecord *
cercle_codec_record_from_json (JsonObject        *row,
                               CercleCodecFlags   flags,
                               GError           **error)
{
  g_autoptr(CercleRecord) record = NULL;
  g_autoptr(GTypeClass) type_class = NULL;
  CercleRecordClass *klass;
  CercleEntity entity;
  const char *id;
  const char *updated_at = NULL;
  gint64 rev = 0;
  gboolean deleted = FALSE;
  JsonObject *fields = NULL;
  JsonObjectIter iter;
  const char *column;
  JsonNode *node;

  g_return_val_if_fail (row != NULL, NULL);

  if (!get_entity (row, &entity, error) ||
      !get_uuid (row, "id", &id, error) ||
      !cercle_json_get_int (row, "rev", CERCLE_JSON_OPTIONAL, 0, G_MAXINT64, &rev, error) ||
      !cercle_json_get_string (row, "updated_at", CERCLE_JSON_OPTIONAL | CERCLE_JSON_NULLABLE,
                               &updated_at, error) ||
      !cercle_json_get_boolean (row, "deleted", CERCLE_JSON_OPTIONAL, &deleted, error) ||
      !cercle_json_get_object (row, "fields", CERCLE_JSON_OPTIONAL, &fields, error))
    return NULL;

  type_class = g_type_class_ref (cercle_entity_get_record_type (entity));
  klass = CERCLE_RECORD_CLASS (type_class);
  record = g_object_new (G_TYPE_FROM_CLASS (klass), "id", id, NULL);
  cercle_record_set_rev (record, rev);
  cercle_record_set_updated_at (record, updated_at);
  cercle_record_set_deleted (record, deleted);

  if (fields == NULL)
    return g_steal_pointer (&record);

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &column, &node))
    {
      g_auto(GValue) value = G_VALUE_INIT;
      int field = cercle_record_class_find_field (klass, column);

      if (field < 0)
        {
          if (flags & CERCLE_CODEC_IGNORE_UNKNOWN_FIELDS)
            continue;
          unknown_field (klass, column, error);
          return NULL;
        }

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (klass->fields[field]));
      if (!cercle_codec_value_from_json (klass->fields[field], column, node, &value, error))
        return NULL;

      _cercle_record_set_field_value (record, (guint)field, &value);
    }

  return g_steal_pointer (&record);
}

/**
 * cercle_mutation_changes_to_json:
 *
 * Returns: (transfer full): the "changes" object of the mutation:
 *   {"column": {"old": …, "new": …}}, without "old" for an insert
 */
JsonObject *
cercle_mutation_changes_to_json (const CercleMutation *self)
{
  g_autoptr(GTypeClass) type_class = NULL;
  CercleRecordClass *klass;
  JsonObject *changes;

  g_return_val_if_fail (self != NULL, NULL);

  type_class = (GTypeClass *)peek_record_class (self->entity);
  klass = CERCLE_RECORD_CLASS (type_class);
  changes = json_object_new ();

  for (guint i = 0; i < self->changes->len; i++)
    {
      const CercleFieldChange *change = &g_array_index (self->changes, CercleFieldChange, i);
      JsonObject *pair = json_object_new ();

      g_assert (change->field < klass->n_fields);

      if (change->has_old)
        json_object_set_member (pair, "old", cercle_codec_value_to_json (&change->old_value));
      json_object_set_member (pair, "new", cercle_codec_value_to_json (&change->new_value));
      json_object_set_object_member (changes, klass->columns[change->field], pair);
    }

  return changes;
}

/**
 * cercle_mutation_to_json:
 *
 * Returns: (transfer full): the mutation as a push carries it
 */
JsonObject *
cercle_mutation_to_json (const CercleMutation *self)
{
  g_autoptr(GEnumClass) ops = NULL;
  JsonObject *object;

  g_return_val_if_fail (self != NULL, NULL);

  ops = g_type_class_ref (CERCLE_TYPE_MUTATION_OP);
  object = json_object_new ();

  json_object_set_int_member (object, "mutation_no", self->mutation_no);
  json_object_set_string_member (object, "entity", cercle_entity_get_name (self->entity));
  json_object_set_string_member (object, "row_id", self->row_id);
  json_object_set_string_member (object, "op", g_enum_get_value (ops, self->op)->value_nick);
  json_object_set_int_member (object, "base_rev", self->base_rev);
  json_object_set_object_member (object, "changes", cercle_mutation_changes_to_json (self));

  return object;
}

/**
 * cercle_mutation_set_changes_from_json:
 * @changes: a "changes" object, as cercle_mutation_changes_to_json()
 *   writes it
 *
 * Adds the changes of @changes to the mutation, checking each field's name
 * and both values against the entity's fields.
 */
gboolean
cercle_mutation_set_changes_from_json (CercleMutation  *self,
                                       JsonObject      *changes,
                                       GError         **error)
{
  g_autoptr(GTypeClass) type_class = NULL;
  CercleRecordClass *klass;
  JsonObjectIter iter;
  const char *column;
  JsonNode *node;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  type_class = (GTypeClass *)peek_record_class (self->entity);
  klass = CERCLE_RECORD_CLASS (type_class);

  json_object_iter_init (&iter, changes);
  while (json_object_iter_next (&iter, &column, &node))
    {
      g_auto(GValue) old_value = G_VALUE_INIT;
      g_auto(GValue) new_value = G_VALUE_INIT;
      int field = cercle_record_class_find_field (klass, column);
      JsonObject *pair;
      JsonNode *old_node;
      JsonNode *new_node;
      GType type;

      if (field < 0)
        return unknown_field (klass, column, error);

      if (cercle_mutation_find_change (self, (guint)field) != NULL)
        {
          g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_INVALID,
                       _("“%s” is changed twice."), column);
          return FALSE;
        }

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return wrong_value (column, _("an object with “old” and “new”"), error);

      pair = json_node_get_object (node);
      old_node = json_object_get_member (pair, "old");
      new_node = json_object_get_member (pair, "new");
      if (new_node == NULL)
        {
          g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_MISSING,
                       _("“%s” has no new value."), column);
          return FALSE;
        }

      type = G_PARAM_SPEC_VALUE_TYPE (klass->fields[field]);
      g_value_init (&new_value, type);
      if (!cercle_codec_value_from_json (klass->fields[field], column, new_node, &new_value, error))
        return FALSE;

      if (old_node != NULL)
        {
          g_value_init (&old_value, type);
          if (!cercle_codec_value_from_json (klass->fields[field], column, old_node, &old_value, error))
            return FALSE;
        }

      cercle_mutation_add_change (self, (guint)field,
                                  old_node != NULL ? &old_value : NULL,
                                  &new_value);
    }

  return TRUE;
}

/**
 * cercle_mutation_from_json:
 * @object: a mutation as a push carries it
 *
 * Returns: (transfer full): the mutation, or %NULL with @error set, naming
 *   what is wrong
 */
CercleMutation *
cercle_mutation_from_json (JsonObject  *object,
                           GError     **error)
{
  g_autoptr(CercleMutation) mutation = NULL;
  g_autoptr(GEnumClass) ops = NULL;
  CercleEntity entity;
  GEnumValue *op;
  const char *row_id;
  const char *op_name;
  gint64 mutation_no = 0;
  gint64 base_rev = 0;
  JsonObject *changes = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  if (!cercle_json_get_int (object, "mutation_no", CERCLE_JSON_REQUIRED, 1, G_MAXINT64,
                            &mutation_no, error) ||
      !get_entity (object, &entity, error) ||
      !get_uuid (object, "row_id", &row_id, error) ||
      !cercle_json_get_string (object, "op", CERCLE_JSON_REQUIRED, &op_name, error) ||
      !cercle_json_get_int (object, "base_rev", CERCLE_JSON_OPTIONAL, 0, G_MAXINT64,
                            &base_rev, error) ||
      !cercle_json_get_object (object, "changes", CERCLE_JSON_OPTIONAL, &changes, error))
    return NULL;

  ops = g_type_class_ref (CERCLE_TYPE_MUTATION_OP);
  op = g_enum_get_value_by_nick (ops, op_name);
  if (op == NULL)
    {
      g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_INVALID,
                   _("“op” must be “insert”, “update” or “delete”, not “%s”."), op_name);
      return NULL;
    }

  mutation = cercle_mutation_new (entity, row_id, op->value, base_rev);
  mutation->mutation_no = mutation_no;

  if (changes != NULL && !cercle_mutation_set_changes_from_json (mutation, changes, error))
    return NULL;

  return g_steal_pointer (&mutation);
}

/**
 * cercle_mutation_apply:
 * @record: a record of the mutation's entity
 *
 * Gives @record the new value of every changed field, and marks it deleted
 * for a delete.
 */
void
cercle_mutation_apply (const CercleMutation *self,
                       CercleRecord         *record)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (CERCLE_IS_RECORD (record));
  g_return_if_fail (cercle_record_get_entity (record) == self->entity);

  for (guint i = 0; i < self->changes->len; i++)
    {
      const CercleFieldChange *change = &g_array_index (self->changes, CercleFieldChange, i);

      _cercle_record_set_field_value (record, change->field, &change->new_value);
    }

  if (self->op == CERCLE_MUTATION_DELETE)
    cercle_record_set_deleted (record, TRUE);
}

/* The same rows as text, written straight into a buffer: a club's pull
 * sends a hundred thousand of them, and building a tree of nodes for each
 * only to print it costs more than reading them. The text is what
 * cercle_codec_record_to_json() would print, except that characters
 * beyond ASCII are written as UTF-8 rather than escaped. */

/**
 * cercle_codec_write_string:
 * @text: (nullable): a text, written as null when %NULL
 *
 * Appends @text to @out as a JSON string. Bytes that are not UTF-8 (a
 * damaged file) become U+FFFD, so that the document stays valid.
 */
void
cercle_codec_write_string (GString    *out,
                           const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char)c);
        }
    }
  g_string_append_c (out, '"');
}

void
cercle_codec_write_value (GString      *out,
                          const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    cercle_codec_write_string (out, g_value_get_string (value));
  else if (type == G_TYPE_INT)
    g_string_append_printf (out, "%d", g_value_get_int (value));
  else if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, g_value_get_int64 (value));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, g_value_get_boolean (value) ? "true" : "false");
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
      GEnumValue *enum_value = g_enum_get_value (enum_class, g_value_get_enum (value));

      cercle_codec_write_string (out, enum_value != NULL ? enum_value->value_nick : "");
    }
  else
    g_assert_not_reached ();
}

/**
 * cercle_codec_write_record:
 *
 * Appends @record to @out as the JSON object cercle_codec_record_to_json()
 * makes of it.
 */
void
cercle_codec_write_record (GString      *out,
                           CercleRecord *record)
{
  CercleRecordClass *klass;

  g_return_if_fail (out != NULL);
  g_return_if_fail (CERCLE_IS_RECORD (record));

  klass = CERCLE_RECORD_GET_CLASS (record);

  g_string_append (out, "{\"entity\":");
  cercle_codec_write_string (out, klass->table_name);
  g_string_append (out, ",\"id\":");
  cercle_codec_write_string (out, cercle_record_get_id (record));
  g_string_append_printf (out, ",\"rev\":%" G_GINT64_FORMAT, cercle_record_get_rev (record));
  if (cercle_record_get_updated_at (record) != NULL)
    {
      g_string_append (out, ",\"updated_at\":");
      cercle_codec_write_string (out, cercle_record_get_updated_at (record));
    }
  g_string_append (out, cercle_record_get_deleted (record) ? ",\"deleted\":true" : ",\"deleted\":false");
  g_string_append (out, ",\"fields\":{");

  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      cercle_codec_write_string (out, klass->columns[i]);
      g_string_append_c (out, ':');
      cercle_codec_write_value (out, cercle_record_peek_value (record, i + 1));
    }

  g_string_append (out, "}}");
}
