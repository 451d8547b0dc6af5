/* cercle-regularity-item.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-regularity-item"

#include "config.h"

#include "cercle-regularity-item.h"

/* One line of the regularity table: a member, the events they were
 * expected at, those they came to, and the rate (-1 for none expected), as
 * properties that the table's columns sort on. */
struct _CercleRegularityItem
{
  GObject  parent_instance;

  char    *name;
  char    *company;
  guint    expected;
  guint    attended;
  double   rate;
};

G_DEFINE_FINAL_TYPE (CercleRegularityItem, cercle_regularity_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_COMPANY,
  PROP_EXPECTED,
  PROP_ATTENDED,
  PROP_RATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cercle_regularity_item_finalize (GObject *object)
{
  CercleRegularityItem *self = (CercleRegularityItem *) object;

  g_free (self->name);
  g_free (self->company);

  G_OBJECT_CLASS (cercle_regularity_item_parent_class)->finalize (object);
}

static void
cercle_regularity_item_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CercleRegularityItem *self = CERCLE_REGULARITY_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COMPANY:
      g_value_set_string (value, self->company);
      break;
    case PROP_EXPECTED:
      g_value_set_uint (value, self->expected);
      break;
    case PROP_ATTENDED:
      g_value_set_uint (value, self->attended);
      break;
    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_regularity_item_class_init (CercleRegularityItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cercle_regularity_item_finalize;
  object_class->get_property = cercle_regularity_item_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPANY] = g_param_spec_string ("company", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPECTED] = g_param_spec_uint ("expected", NULL, NULL, 0, G_MAXUINT, 0,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTENDED] = g_param_spec_uint ("attended", NULL, NULL, 0, G_MAXUINT, 0,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, -1, 1, -1,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cercle_regularity_item_init (CercleRegularityItem *self)
{
}

CercleRegularityItem *
cercle_regularity_item_new (const char *name,
                            const char *company,
                            guint       expected,
                            guint       attended,
                            double      rate)
{
  CercleRegularityItem *self = g_object_new (CERCLE_TYPE_REGULARITY_ITEM, NULL);

  self->name = g_strdup (name);
  self->company = g_strdup (company);
  self->expected = expected;
  self->attended = attended;
  self->rate = rate;

  return self;
}
