/* cercle-club.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-club"

#include "config.h"

#include "cercle-club.h"

struct _CercleClub
{
  CercleRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CercleClub, cercle_club, CERCLE_TYPE_RECORD)

enum {
  PROP_0,
  PROP_NAME,
  PROP_CITY,
  PROP_WEBSITE,
  PROP_DESCRIPTION,
  PROP_TIME_ZONE,
  PROP_RANK_BUSINESS,
  PROP_LOGO,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
cercle_club_class_init (CercleClubClass *klass)
{
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_WEBSITE] =
    g_param_spec_string ("website", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TIME_ZONE] =
    g_param_spec_string ("time-zone", NULL, NULL, "Europe/Paris",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Whether members see each other's business closed, member by member:
   * the amount of a referral is its giver's and receiver's unless the club
   * decides to rank it */
  properties [PROP_RANK_BUSINESS] =
    g_param_spec_boolean ("rank-business", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The logo on the club's badges, as a data: URI of a small PNG (see
   * CERCLE_CLUB_LOGO_MAX_BYTES): every copy of the club prints it offline,
   * and PNG keeps a logo's transparency and is read by cairo alone */
  properties [PROP_LOGO] =
    g_param_spec_string ("logo", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  cercle_record_class_install_fields (CERCLE_RECORD_CLASS (klass), "club",
                                      properties, N_PROPS);
}

static void
cercle_club_init (CercleClub *self)
{
}

CercleClub *
cercle_club_new (void)
{
  return g_object_new (CERCLE_TYPE_CLUB, NULL);
}

const char *
cercle_club_get_name (CercleClub *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_NAME);
}

const char *
cercle_club_get_city (CercleClub *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_CITY);
}

const char *
cercle_club_get_website (CercleClub *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_WEBSITE);
}

const char *
cercle_club_get_description (CercleClub *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_DESCRIPTION);
}

const char *
cercle_club_get_time_zone (CercleClub *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_TIME_ZONE);
}

gboolean
cercle_club_get_rank_business (CercleClub *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB (self), FALSE);

  return cercle_record_peek_boolean (CERCLE_RECORD (self), PROP_RANK_BUSINESS);
}

const char *
cercle_club_get_logo (CercleClub *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_LOGO);
}
