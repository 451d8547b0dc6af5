/* cercle-referral-stats.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cercle-types.h"

G_BEGIN_DECLS

/* A club's season runs from September to August, as its meetings do */
#define CERCLE_SEASON_N_MONTHS 12
#define CERCLE_TEMPERATURE_MAX 5

/* One member's part in the season's referrals and one-to-ones */
typedef struct
{
  char   *member_id;
  char   *name;
  guint   given;
  guint   received;
  guint   won;             /* received, and won */
  gint64  business_cents;  /* closed as receiver; -1 when not the viewer's to see */
  guint   one_to_ones;
} CercleMemberSeason;

/* What the referrals of a season are worth to the club: counts and totals,
 * never a prospect. Referrals count in the season they were given; business
 * in the season and month it was closed. */
typedef struct
{
  int        season;                                  /* its first year */
  guint      n_given;
  guint      n_closed;
  guint      n_won;
  guint      n_one_to_ones;
  gint64     total_cents;
  gint64     month_cents[CERCLE_SEASON_N_MONTHS];      /* September first */
  guint      month_won[CERCLE_SEASON_N_MONTHS];
  guint      temperature_closed[CERCLE_TEMPERATURE_MAX]; /* closed in the season, by temperature - 1 */
  guint      temperature_won[CERCLE_TEMPERATURE_MAX];
  GPtrArray *members;                                  /* of CercleMemberSeason, in name order */
} CercleReferralStats;

#define CERCLE_TYPE_REFERRAL_STATS (cercle_referral_stats_get_type ())

GType                cercle_referral_stats_get_type    (void) G_GNUC_CONST;
CercleReferralStats *cercle_referral_stats_new         (int                        season);
CercleReferralStats *cercle_referral_stats_copy        (const CercleReferralStats *self);
void                 cercle_referral_stats_free        (CercleReferralStats       *self);
CercleMemberSeason *cercle_referral_stats_add_member (CercleReferralStats       *self,
                                                        const char                *member_id,
                                                        const char                *name);
double               cercle_referral_stats_conversion  (const CercleReferralStats *self,
                                                        int                        temperature);
char                *cercle_referral_stats_to_csv      (const CercleReferralStats *self);

int                  cercle_season_of_day              (const char                *ymd);
void                 cercle_season_bounds              (int                        season,
                                                        char                       first_day[11],
                                                        char                       day_after[11]);
int                  cercle_season_month_index         (const char                *ymd);
char                *cercle_format_season              (int                        season);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleReferralStats, cercle_referral_stats_free)

G_END_DECLS
