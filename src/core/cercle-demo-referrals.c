/* cercle-demo-referrals.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-demo"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cercle-demo-private.h"
#include "cercle-one-to-one.h"
#include "cercle-referral.h"
#include "cercle-request.h"

/* The business members pass each other: referrals in every state of the
 * board, one-to-ones, and "I am looking for" requests. */

/* The trade a member works in; staff work for the club, so a referral
 * or a request of theirs is about some trade of the club's members */
static const DemoTrade *
member_trade (DemoContext *ctx,
              guint        member)
{
  const DemoMember *m = &ctx->members[member];

  if (m->sector < G_N_ELEMENTS (demo_sectors))
    return &demo_sectors[m->sector].trades[m->trade];

  return demo_random_trade (ctx->rand, NULL);
}

/* The sector of one of demo_sectors' trades, for a request's sector */
static const char *
trade_sector_name (const DemoTrade *trade)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_sectors); i++)
    if (trade >= demo_sectors[i].trades && trade < demo_sectors[i].trades + G_N_ELEMENTS (demo_sectors[i].trades))
      return demo_sectors[i].name;

  return NULL;
}

gboolean
demo_add_referrals (DemoContext  *ctx,
                    GError      **error)
{
  guint n_referrals;
  int total_weight = 0;
  guint32 first_day = demo_julian (2025, 9, 1);
  guint32 last_day = ctx->today_julian - 1;

  if (ctx->n_members < 2)
    return TRUE;

  n_referrals = MAX (14, ctx->n_members / 4);

  for (guint i = 0; i < G_N_ELEMENTS (demo_referral_weights); i++)
    total_weight += demo_referral_weights[i];

  for (guint i = 0; i < n_referrals; i++)
    {
      CercleReferralStatus status;
      const DemoTrade *trade;
      const DemoSector *prospect_sector;
      const DemoTrade *prospect_trade;
      const char *first;
      g_autofree char *last = NULL;
      g_autofree char *prospect_name = NULL;
      g_autofree char *prospect_company = NULL;
      g_autofree char *prospect_contact = NULL;
      g_autofree char *slug = NULL;
      gint64 amount_cents = 0;
      char given_on[11];
      char closed_on[11];
      char moved_on[11];
      gboolean closed;
      guint32 given_day;
      guint giver, receiver;
      char id[37];

      demo_make_uuid (ctx->rand, id);

      /* Every status at least once, then as weighted */
      if (i < G_N_ELEMENTS (demo_referral_weights))
        status = (CercleReferralStatus)i;
      else
        {
          int r = g_rand_int_range (ctx->rand, 0, total_weight);

          status = 0;
          while (r >= demo_referral_weights[status])
            r -= demo_referral_weights[status++];
        }

      demo_pick_pair (ctx, &giver, &receiver);
      trade = member_trade (ctx, receiver);

      first = chance (ctx->rand, 50) ? PICK (ctx->rand, demo_female_first_names)
                                    : PICK (ctx->rand, demo_male_first_names);
      last = demo_make_last_name (ctx->rand);
      prospect_name = g_strconcat (first, " ", last, NULL);
      prospect_trade = demo_random_trade (ctx->rand, &prospect_sector);
      prospect_company = demo_make_company (ctx->rand, prospect_sector, prospect_trade, last, NULL, &slug);
      prospect_contact = chance (ctx->rand, 50) ? demo_make_email (first, last, slug)
                                                : demo_make_phone (ctx->rand);

      closed = status == CERCLE_REFERRAL_STATUS_WON ||
               status == CERCLE_REFERRAL_STATUS_LOST ||
               status == CERCLE_REFERRAL_STATUS_DECLINED;

      /* Open referrals are recent; closed ones spread over the last year */
      if (closed)
        given_day = first_day + rand_index (ctx->rand, last_day - first_day - 30);
      else
        given_day = last_day - rand_index (ctx->rand, 75);
      demo_format_julian (given_day, given_on);

      if (closed)
        demo_format_julian (MIN (last_day, given_day + 3 + rand_index (ctx->rand, 90)), closed_on);

      /* An open referral last moved some days after it was given, the
       * further along the longer; taken from the day, not from the random
       * sequence, so that the rest of the club stays as it was */
      if (closed)
        memcpy (moved_on, closed_on, sizeof moved_on);
      else
        demo_format_julian (MIN (last_day, given_day + (given_day % 9) * (guint)status), moved_on);

      if (status == CERCLE_REFERRAL_STATUS_WON)
        {
          /* From a few hundred euros to tens of thousands, rounded to ten */
          double euros = exp (g_rand_double_range (ctx->rand, log (300.0), log (60000.0)));

          amount_cents = (gint64)(euros / 10.0) * 1000;
        }

      if (!demo_add (ctx,
                     g_object_new (CERCLE_TYPE_REFERRAL,
                                   "id", id,
                                   "giver-id", ctx->members[giver].id,
                                   "receiver-id", ctx->members[receiver].id,
                                   "prospect-name", prospect_name,
                                   "prospect-company", prospect_company,
                                   "prospect-contact", prospect_contact,
                                   "need", PICK (ctx->rand, trade->offers),
                                   "temperature", g_rand_int_range (ctx->rand, 1, 6),
                                   "status", status,
                                   "amount-cents", amount_cents,
                                   "given-on", given_on,
                                   "closed-on", closed ? closed_on : NULL,
                                   "notes", demo_referral_notes[status],
                                   "prospect-consent", TRUE,
                                   "moved-on", moved_on,
                                   NULL),
                     error))
        return FALSE;
    }

  return TRUE;
}

gboolean
demo_add_one_to_ones (DemoContext  *ctx,
                      GError      **error)
{
  guint32 first_day = demo_julian (2025, 9, 1);
  guint n;

  if (ctx->n_members < 2)
    return TRUE;

  n = MAX (5, ctx->n_members / 5);

  for (guint i = 0; i < n; i++)
    {
      guint a, b;
      char met_on[11];
      char id[37];

      demo_make_uuid (ctx->rand, id);
      demo_pick_pair (ctx, &a, &b);
      demo_format_julian (first_day + rand_index (ctx->rand, ctx->today_julian - first_day), met_on);

      if (!demo_add (ctx,
                     g_object_new (CERCLE_TYPE_ONE_TO_ONE,
                                   "id", id,
                                   "member-a-id", ctx->members[a].id,
                                   "member-b-id", ctx->members[b].id,
                                   "met-on", met_on,
                                   "notes", PICK (ctx->rand, demo_one_to_one_notes),
                                   "author-id", ctx->members[a].id,
                                   NULL),
                     error))
        return FALSE;
    }

  return TRUE;
}

gboolean
demo_add_requests (DemoContext  *ctx,
                   GError      **error)
{
  guint n = MAX (3, ctx->n_members / 40);

  for (guint i = 0; i < n; i++)
    {
      guint member = demo_pick_member (ctx);
      const DemoTrade *trade = member_trade (ctx, member);
      const char *need = PICK (ctx->rand, trade->needs);
      g_autofree char *title = g_strdup_printf ("Je cherche : %s", need);
      g_autofree char *body = NULL;
      gboolean open = chance (ctx->rand, 75);
      guint32 posted_day;
      char posted_on[11];
      char id[37];

      demo_make_uuid (ctx->rand, id);
      body = g_strdup_printf ("Bonjour à tous, je cherche des contacts du côté des « %s ». "
                              "Une présentation par mail ou un café me suffit. Merci d'avance !",
                              need);
      posted_day = ctx->today_julian - 1 - rand_index (ctx->rand, open ? 45 : 300);
      demo_format_julian (posted_day, posted_on);

      if (!demo_add (ctx,
                     g_object_new (CERCLE_TYPE_REQUEST,
                                   "id", id,
                                   "member-id", ctx->members[member].id,
                                   "title", title,
                                   "body", body,
                                   "status", open ? CERCLE_REQUEST_STATUS_OPEN : CERCLE_REQUEST_STATUS_CLOSED,
                                   "posted-on", posted_on,
                                   "sector", trade_sector_name (trade),
                                   "closed-on", open ? NULL : posted_on,
                                   NULL),
                     error))
        return FALSE;

      if (open)
        {
          DemoNeed open_need = { .member = member, .posted = posted_day };

          memcpy (open_need.id, id, sizeof id);
          g_array_append_val (ctx->open_needs, open_need);
        }
    }

  return TRUE;
}
