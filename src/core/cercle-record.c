/* cercle-record.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-record"

#include "config.h"

#include "cercle-enums.h"
#include "cercle-record-private.h"

typedef struct
{
  char    *id;
  gint64   rev;
  char    *updated_at;
  gboolean deleted;

  /* One value per field of the concrete class, indexed by prop_id - 1;
   * allocated on first use because during instance init the class pointer
   * is still the parent's. */
  GValue  *values;
} CercleRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CercleRecord, cercle_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REV,
  PROP_UPDATED_AT,
  PROP_DELETED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GValue *
ensure_values (CercleRecord *self)
{
  CercleRecordPrivate *priv = cercle_record_get_instance_private (self);
  CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (self);

  if (priv->values == NULL)
    {
      priv->values = g_new0 (GValue, klass->n_fields);
      for (guint i = 0; i < klass->n_fields; i++)
        {
          g_value_init (&priv->values[i], G_PARAM_SPEC_VALUE_TYPE (klass->fields[i]));
          g_param_value_set_default (klass->fields[i], &priv->values[i]);
        }
    }

  return priv->values;
}

static void
cercle_record_get_field_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GValue *values = ensure_values (CERCLE_RECORD (object));

  g_value_copy (&values[prop_id - 1], value);
}

static void
cercle_record_set_field_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GValue *values = ensure_values (CERCLE_RECORD (object));
  GValue *slot = &values[prop_id - 1];

  if (g_param_values_cmp (pspec, slot, value) == 0)
    return;

  g_value_copy (value, slot);
  g_object_notify_by_pspec (object, pspec);
}

static void
cercle_record_finalize (GObject *object)
{
  CercleRecord *self = (CercleRecord *)object;
  CercleRecordPrivate *priv = cercle_record_get_instance_private (self);

  if (priv->values != NULL)
    {
      CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (self);

      for (guint i = 0; i < klass->n_fields; i++)
        g_value_unset (&priv->values[i]);
      g_free (priv->values);
    }

  g_free (priv->id);
  g_free (priv->updated_at);

  G_OBJECT_CLASS (cercle_record_parent_class)->finalize (object);
}

static void
cercle_record_constructed (GObject *object)
{
  CercleRecord *self = (CercleRecord *)object;
  CercleRecordPrivate *priv = cercle_record_get_instance_private (self);

  G_OBJECT_CLASS (cercle_record_parent_class)->constructed (object);

  /* Ids are made where the row is born, so a record created offline
   * needs no round trip to the server. */
  if (priv->id == NULL)
    priv->id = g_uuid_string_random ();
}

static void
cercle_record_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CercleRecord *self = CERCLE_RECORD (object);
  CercleRecordPrivate *priv = cercle_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;

    case PROP_REV:
      g_value_set_int64 (value, priv->rev);
      break;

    case PROP_UPDATED_AT:
      g_value_set_string (value, priv->updated_at);
      break;

    case PROP_DELETED:
      g_value_set_boolean (value, priv->deleted);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_record_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CercleRecord *self = CERCLE_RECORD (object);
  CercleRecordPrivate *priv = cercle_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (priv->id);
      priv->id = g_value_dup_string (value);
      break;

    case PROP_REV:
      cercle_record_set_rev (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      cercle_record_set_updated_at (self, g_value_get_string (value));
      break;

    case PROP_DELETED:
      cercle_record_set_deleted (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_record_class_init (CercleRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cercle_record_constructed;
  object_class->finalize = cercle_record_finalize;
  object_class->get_property = cercle_record_get_property;
  object_class->set_property = cercle_record_set_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_REV] =
    g_param_spec_int64 ("rev", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DELETED] =
    g_param_spec_boolean ("deleted", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cercle_record_init (CercleRecord *self)
{
}

const char *
cercle_record_get_id (CercleRecord *self)
{
  CercleRecordPrivate *priv = cercle_record_get_instance_private (self);

  g_return_val_if_fail (CERCLE_IS_RECORD (self), NULL);

  return priv->id;
}

gint64
cercle_record_get_rev (CercleRecord *self)
{
  CercleRecordPrivate *priv = cercle_record_get_instance_private (self);

  g_return_val_if_fail (CERCLE_IS_RECORD (self), 0);

  return priv->rev;
}

void
cercle_record_set_rev (CercleRecord *self,
                       gint64        rev)
{
  CercleRecordPrivate *priv = cercle_record_get_instance_private (self);

  g_return_if_fail (CERCLE_IS_RECORD (self));

  if (priv->rev != rev)
    {
      priv->rev = rev;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REV]);
    }
}

const char *
cercle_record_get_updated_at (CercleRecord *self)
{
  CercleRecordPrivate *priv = cercle_record_get_instance_private (self);

  g_return_val_if_fail (CERCLE_IS_RECORD (self), NULL);

  return priv->updated_at;
}

void
cercle_record_set_updated_at (CercleRecord *self,
                              const char   *updated_at)
{
  CercleRecordPrivate *priv = cercle_record_get_instance_private (self);

  g_return_if_fail (CERCLE_IS_RECORD (self));

  if (g_strcmp0 (priv->updated_at, updated_at) != 0)
    {
      g_free (priv->updated_at);
      priv->updated_at = g_strdup (updated_at);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UPDATED_AT]);
    }
}

gboolean
cercle_record_get_deleted (CercleRecord *self)
{
  CercleRecordPrivate *priv = cercle_record_get_instance_private (self);

  g_return_val_if_fail (CERCLE_IS_RECORD (self), FALSE);

  return priv->deleted;
}

void
cercle_record_set_deleted (CercleRecord *self,
                           gboolean      deleted)
{
  CercleRecordPrivate *priv = cercle_record_get_instance_private (self);

  g_return_if_fail (CERCLE_IS_RECORD (self));

  deleted = !!deleted;
  if (priv->deleted != deleted)
    {
      priv->deleted = deleted;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DELETED]);
    }
}

const char *
cercle_record_get_table_name (CercleRecord *self)
{
  g_return_val_if_fail (CERCLE_IS_RECORD (self), NULL);

  return CERCLE_RECORD_GET_CLASS (self)->table_name;
}

CercleEntity
cercle_record_get_entity (CercleRecord *self)
{
  g_return_val_if_fail (CERCLE_IS_RECORD (self), 0);

  return CERCLE_RECORD_GET_CLASS (self)->entity;
}

const char *
cercle_record_class_get_table_name (CercleRecordClass *klass)
{
  g_return_val_if_fail (CERCLE_IS_RECORD_CLASS (klass), NULL);

  return klass->table_name;
}

GParamSpec * const *
cercle_record_class_get_fields (CercleRecordClass *klass,
                                guint             *n_fields)
{
  g_return_val_if_fail (CERCLE_IS_RECORD_CLASS (klass), NULL);

  if (n_fields != NULL)
    *n_fields = klass->n_fields;

  return (GParamSpec * const *)klass->fields;
}

const char *
cercle_record_class_get_column (CercleRecordClass *klass,
                                guint              field)
{
  g_return_val_if_fail (CERCLE_IS_RECORD_CLASS (klass), NULL);
  g_return_val_if_fail (field < klass->n_fields, NULL);

  return klass->columns[field];
}

/**
 * cercle_record_class_find_field:
 * @column: a column name, as in the database and the sync protocol
 *
 * Returns: the index of the field stored in @column, or -1
 */
int
cercle_record_class_find_field (CercleRecordClass *klass,
                                const char        *column)
{
  g_return_val_if_fail (CERCLE_IS_RECORD_CLASS (klass), -1);

  if (column == NULL)
    return -1;

  for (guint i = 0; i < klass->n_fields; i++)
    if (g_str_equal (klass->columns[i], column))
      return (int)i;

  return -1;
}

/**
 * cercle_record_class_install_fields:
 * @pspecs: (array length=n_pspecs): indexed by property id, [0] unused
 *
 * Installs @pspecs as the stored fields of a concrete record class, whose
 * table is @table_name. Values live in the record itself, so subclasses need
 * no get_property/set_property of their own.
 */
void
cercle_record_class_install_fields (CercleRecordClass  *klass,
                                    const char         *table_name,
                                    GParamSpec        **pspecs,
                                    guint               n_pspecs)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  g_autoptr(GEnumClass) entities = g_type_class_ref (CERCLE_TYPE_ENTITY);
  GEnumValue *entity;

  g_return_if_fail (CERCLE_IS_RECORD_CLASS (klass));
  g_return_if_fail (table_name != NULL);
  g_return_if_fail (n_pspecs > 1);

  /* Every table is an entity of the sync protocol, named alike */
  entity = g_enum_get_value_by_nick (entities, table_name);
  g_return_if_fail (entity != NULL);

  object_class->get_property = cercle_record_get_field_property;
  object_class->set_property = cercle_record_set_field_property;
  g_object_class_install_properties (object_class, n_pspecs, pspecs);

  klass->table_name = table_name;
  klass->entity = entity->value;
  klass->n_fields = n_pspecs - 1;
  klass->fields = g_new0 (GParamSpec *, klass->n_fields);
  klass->columns = g_new0 (char *, klass->n_fields + 1);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      klass->fields[i] = pspecs[i + 1];
      klass->columns[i] = g_strdelimit (g_strdup (pspecs[i + 1]->name), "-", '_');
    }
}

const GValue *
cercle_record_peek_value (CercleRecord *self,
                          guint         prop_id)
{
  g_return_val_if_fail (CERCLE_IS_RECORD (self), NULL);
  g_return_val_if_fail (prop_id >= 1 && prop_id <= CERCLE_RECORD_GET_CLASS (self)->n_fields, NULL);

  return &ensure_values (self)[prop_id - 1];
}

const char *
cercle_record_peek_string (CercleRecord *self,
                           guint         prop_id)
{
  const GValue *value = cercle_record_peek_value (self, prop_id);

  return value != NULL ? g_value_get_string (value) : NULL;
}

int
cercle_record_peek_int (CercleRecord *self,
                        guint         prop_id)
{
  const GValue *value = cercle_record_peek_value (self, prop_id);

  return value != NULL ? g_value_get_int (value) : 0;
}

gint64
cercle_record_peek_int64 (CercleRecord *self,
                          guint         prop_id)
{
  const GValue *value = cercle_record_peek_value (self, prop_id);

  return value != NULL ? g_value_get_int64 (value) : 0;
}

gboolean
cercle_record_peek_boolean (CercleRecord *self,
                            guint         prop_id)
{
  const GValue *value = cercle_record_peek_value (self, prop_id);

  return value != NULL ? g_value_get_boolean (value) : FALSE;
}

int
cercle_record_peek_enum (CercleRecord *self,
                         guint         prop_id)
{
  const GValue *value = cercle_record_peek_value (self, prop_id);

  return value != NULL ? g_value_get_enum (value) : 0;
}

/* The store fills whole rows from the database: going through
 * g_object_set_property() would emit a notify per column for an object that
 * nobody watches yet. */
void
_cercle_record_set_field_value (CercleRecord *self,
                                guint         field,
                                const GValue *value)
{
  GValue *values = ensure_values (self);

  g_assert (field < CERCLE_RECORD_GET_CLASS (self)->n_fields);

  g_value_copy (value, &values[field]);
}

/**
 * cercle_record_update_from:
 * @other: the same row, as read again
 *
 * Makes @self hold what @other holds, notifying each property that
 * changed, so that a list keeps its objects (and its selection) while the
 * rows that show them follow the new values.
 *
 * Returns: whether anything changed
 */
gboolean
cercle_record_update_from (CercleRecord *self,
                           CercleRecord *other)
{
  CercleRecordClass *klass;
  GValue *values;
  gboolean changed = FALSE;

  g_return_val_if_fail (CERCLE_IS_RECORD (self), FALSE);
  g_return_val_if_fail (CERCLE_IS_RECORD (other), FALSE);
  g_return_val_if_fail (G_OBJECT_TYPE (self) == G_OBJECT_TYPE (other), FALSE);

  klass = CERCLE_RECORD_GET_CLASS (self);
  values = ensure_values (self);

  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const GValue *value = cercle_record_peek_value (other, i + 1);

      if (g_param_values_cmp (klass->fields[i], &values[i], value) == 0)
        continue;

      g_value_copy (value, &values[i]);
      g_object_notify_by_pspec (G_OBJECT (self), klass->fields[i]);
      changed = TRUE;
    }

  changed |= cercle_record_get_rev (self) != cercle_record_get_rev (other) ||
             g_strcmp0 (cercle_record_get_updated_at (self), cercle_record_get_updated_at (other)) != 0 ||
             cercle_record_get_deleted (self) != cercle_record_get_deleted (other);

  cercle_record_set_rev (self, cercle_record_get_rev (other));
  cercle_record_set_updated_at (self, cercle_record_get_updated_at (other));
  cercle_record_set_deleted (self, cercle_record_get_deleted (other));

  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

char *
cercle_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}
