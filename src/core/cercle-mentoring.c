/* cercle-mentoring.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-mentoring"

#include "config.h"

#include "cercle-mentoring.h"

/* A new member paired with a mentor by the staff, for a period */
struct _CercleMentoring
{
  CercleRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CercleMentoring, cercle_mentoring, CERCLE_TYPE_RECORD)

enum {
  PROP_0,
  PROP_MENTOR_ID,
  PROP_MENTEE_ID,
  PROP_STARTS_ON,
  PROP_ENDS_ON,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
cercle_mentoring_class_init (CercleMentoringClass *klass)
{
  properties [PROP_MENTOR_ID] =
    g_param_spec_string ("mentor-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The new member */
  properties [PROP_MENTEE_ID] =
    g_param_spec_string ("mentee-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* YYYY-MM-DD */
  properties [PROP_STARTS_ON] =
    g_param_spec_string ("starts-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* YYYY-MM-DD, the last day */
  properties [PROP_ENDS_ON] =
    g_param_spec_string ("ends-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  cercle_record_class_install_fields (CERCLE_RECORD_CLASS (klass), "mentoring",
                                      properties, N_PROPS);
}

static void
cercle_mentoring_init (CercleMentoring *self)
{
}

CercleMentoring *
cercle_mentoring_new (void)
{
  return g_object_new (CERCLE_TYPE_MENTORING, NULL);
}

const char *
cercle_mentoring_get_mentor_id (CercleMentoring *self)
{
  g_return_val_if_fail (CERCLE_IS_MENTORING (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_MENTOR_ID);
}

const char *
cercle_mentoring_get_mentee_id (CercleMentoring *self)
{
  g_return_val_if_fail (CERCLE_IS_MENTORING (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_MENTEE_ID);
}

const char *
cercle_mentoring_get_starts_on (CercleMentoring *self)
{
  g_return_val_if_fail (CERCLE_IS_MENTORING (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_STARTS_ON);
}

const char *
cercle_mentoring_get_ends_on (CercleMentoring *self)
{
  g_return_val_if_fail (CERCLE_IS_MENTORING (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_ENDS_ON);
}
