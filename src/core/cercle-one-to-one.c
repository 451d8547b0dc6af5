/* cercle-one-to-one.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-one-to-one"

#include "config.h"

#include "cercle-one-to-one.h"

struct _CercleOneToOne
{
  CercleRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CercleOneToOne, cercle_one_to_one, CERCLE_TYPE_RECORD)

enum {
  PROP_0,
  PROP_MEMBER_A_ID,
  PROP_MEMBER_B_ID,
  PROP_MET_ON,
  PROP_NOTES,
  PROP_AUTHOR_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
cercle_one_to_one_class_init (CercleOneToOneClass *klass)
{
  properties [PROP_MEMBER_A_ID] =
    g_param_spec_string ("member-a-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_MEMBER_B_ID] =
    g_param_spec_string ("member-b-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_MET_ON] =
    g_param_spec_string ("met-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Who logged it: the notes are theirs alone */
  properties [PROP_AUTHOR_ID] =
    g_param_spec_string ("author-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  cercle_record_class_install_fields (CERCLE_RECORD_CLASS (klass), "one_to_one",
                                      properties, N_PROPS);
}

static void
cercle_one_to_one_init (CercleOneToOne *self)
{
}

CercleOneToOne *
cercle_one_to_one_new (void)
{
  return g_object_new (CERCLE_TYPE_ONE_TO_ONE, NULL);
}

const char *
cercle_one_to_one_get_member_a_id (CercleOneToOne *self)
{
  g_return_val_if_fail (CERCLE_IS_ONE_TO_ONE (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_MEMBER_A_ID);
}

const char *
cercle_one_to_one_get_member_b_id (CercleOneToOne *self)
{
  g_return_val_if_fail (CERCLE_IS_ONE_TO_ONE (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_MEMBER_B_ID);
}

const char *
cercle_one_to_one_get_met_on (CercleOneToOne *self)
{
  g_return_val_if_fail (CERCLE_IS_ONE_TO_ONE (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_MET_ON);
}

const char *
cercle_one_to_one_get_notes (CercleOneToOne *self)
{
  g_return_val_if_fail (CERCLE_IS_ONE_TO_ONE (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_NOTES);
}

const char *
cercle_one_to_one_get_author_id (CercleOneToOne *self)
{
  g_return_val_if_fail (CERCLE_IS_ONE_TO_ONE (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_AUTHOR_ID);
}
