/* cercle-demo.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-demo"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cercle-club.h"
#include "cercle-demo.h"
#include "cercle-demo-private.h"

/* A demo club is made from one seeded GRand and nothing else: the same seed
 * and size give the same club, ids and timestamps included, so that tests
 * and benchmarks always look at the same data. The season is fixed too
 * (September 2026 to June 2027, "today" being DEMO_TODAY), so that the file
 * does not depend on the day it was made. */

#define BATCH_SIZE 5000

/* The day the demo pretends to be: events before it are past, with
 * attendance taken; events after it are open for registration. */
#define DEMO_TODAY_YEAR  2026
#define DEMO_TODAY_MONTH 11
#define DEMO_TODAY_DAY   22

void
demo_make_uuid (GRand *rand,
                char   out[37])
{
  guint8 b[16];

  for (guint i = 0; i < 16; i += 4)
    {
      guint32 word = g_rand_int (rand);

      b[i] = word & 0xff;
      b[i + 1] = (word >> 8) & 0xff;
      b[i + 2] = (word >> 16) & 0xff;
      b[i + 3] = (word >> 24) & 0xff;
    }

  /* A version 4 (random) UUID, like g_uuid_string_random() makes */
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;

  /* Written by hand: a demo makes hundreds of thousands of them, and
   * printf would be a good part of its time */
  for (guint i = 0, o = 0; i < 16; i++)
    {
      static const char hex[] = "0123456789abcdef";

      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[o++] = '-';
      out[o++] = hex[b[i] >> 4];
      out[o++] = hex[b[i] & 0xf];
    }
  out[36] = '\0';
}

/* Writes @value as @width decimal digits, zero-padded */
static void
put_digits (char  *out,
            guint  value,
            guint  width)
{
  for (guint i = width; i > 0; i--)
    {
      out[i - 1] = (char)('0' + value % 10);
      value /= 10;
    }
}

guint32
demo_julian (int year,
             int month,
             int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay)day, (GDateMonth)month, (GDateYear)year);

  return g_date_get_julian (&date);
}

void
demo_format_julian (guint32 day,
                    char    out[11])
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  put_digits (out, g_date_get_year (&date), 4);
  out[4] = '-';
  put_digits (out + 5, g_date_get_month (&date), 2);
  out[7] = '-';
  put_digits (out + 8, g_date_get_day (&date), 2);
  out[10] = '\0';
}

static void
stamp (DemoContext  *ctx,
       CercleRecord *record)
{
  /* As the club's server would have it: every row has a revision of its
   * own, and was last changed some time during this autumn. */
  guint32 day = demo_julian (2026, 9, 1) + rand_index (ctx->rand, 81);
  guint32 seconds = rand_index (ctx->rand, 86400);
  char date[11];
  char updated_at[21];

  demo_format_julian (day, date);
  memcpy (updated_at, date, 10);
  updated_at[10] = 'T';
  put_digits (updated_at + 11, seconds / 3600, 2);
  updated_at[13] = ':';
  put_digits (updated_at + 14, (seconds / 60) % 60, 2);
  updated_at[16] = ':';
  put_digits (updated_at + 17, seconds % 60, 2);
  updated_at[19] = 'Z';
  updated_at[20] = '\0';

  cercle_record_set_rev (record, ++ctx->rev);
  cercle_record_set_updated_at (record, updated_at);
}

gboolean
demo_flush (DemoContext  *ctx,
            GError      **error)
{
  gboolean ret;

  if (ctx->batch->len == 0)
    return TRUE;

  ret = ctx->sink ((CercleRecord * const *)ctx->batch->pdata, ctx->batch->len,
                   ctx->sink_data, error);
  g_ptr_array_set_size (ctx->batch, 0);

  return ret;
}

/* Takes ownership of @record */
gboolean
demo_add (DemoContext  *ctx,
          gpointer      record,
          GError      **error)
{
  stamp (ctx, record);
  g_ptr_array_add (ctx->batch, record);

  if (ctx->batch->len >= BATCH_SIZE)
    return demo_flush (ctx, error);

  return TRUE;
}

static gboolean
add_club (DemoContext  *ctx,
          GError      **error)
{
  char id[37];

  demo_make_uuid (ctx->rand, id);

  return demo_add (ctx,
                   g_object_new (CERCLE_TYPE_CLUB,
                                 "id", id,
                                 "name", CLUB_NAME,
                                 "city", "Lyon",
                                 "website", "https://club-entrepreneurs-confluence.exemple.fr",
                                 "description",
                                 "Depuis 2010, le Club des Entrepreneurs de Lyon Confluence réunit "
                                 "chefs d'entreprise, artisans, commerçants et professions libérales "
                                 "de la métropole lyonnaise. Petits-déjeuners d'affaires chaque mardi, "
                                 "dîners mensuels, visites d'entreprises et recommandations d'affaires "
                                 "entre membres : ici, on se connaît, on se fait confiance et on "
                                 "travaille ensemble.",
                                 "time-zone", "Europe/Paris",
                                 NULL),
                   error);
}

static GTimeZone *
paris_time_zone (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/Paris");

  /* Without tzdata, winter time is the best guess */
  if (tz == NULL)
    tz = g_time_zone_new_offset (3600);

  return tz;
}

/**
 * cercle_demo_generate:
 * @n_members: how many members (at least 1)
 * @seed: the same seed makes the same club
 * @sink: (scope call): takes the records, in batches, in an order that
 *   keeps references valid (a member's sponsor before the member, events
 *   before their registrations)
 * @local_member_id: (out) (optional): the staff member the demo's user is
 *
 * Makes a realistic French business club: members with their companies
 * and sponsors, a season of breakfasts, dinners, visits and video calls with
 * registrations and attendance, referrals in every state, one-to-ones and
 * requests, announcements, replies under needs and mentorings. Every record carries a server revision, as if synced.
 *
 * Returns: %TRUE on success, %FALSE with @error set when @sink failed
 */
gboolean
cercle_demo_generate (guint              n_members,
                      guint32            seed,
                      CercleRecordSink   sink,
                      gpointer           sink_data,
                      char             **local_member_id,
                      GError           **error)
{
  DemoContext ctx = { 0 };
  gboolean ok;

  g_return_val_if_fail (sink != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_members == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A demo club needs at least one member"));
      return FALSE;
    }

  ctx.sink = sink;
  ctx.sink_data = sink_data;
  ctx.rand = g_rand_new_with_seed (seed);
  ctx.tz = paris_time_zone ();
  ctx.batch = g_ptr_array_new_full (BATCH_SIZE, g_object_unref);
  ctx.events = g_array_new (FALSE, TRUE, sizeof (DemoEvent));
  ctx.open_needs = g_array_new (FALSE, TRUE, sizeof (DemoNeed));
  ctx.n_members = n_members;
  ctx.today_julian = demo_julian (DEMO_TODAY_YEAR, DEMO_TODAY_MONTH, DEMO_TODAY_DAY);
  ctx.now = g_date_time_new (ctx.tz, DEMO_TODAY_YEAR, DEMO_TODAY_MONTH, DEMO_TODAY_DAY, 9, 0, 0);

  ok = add_club (&ctx, error) &&
       demo_add_members (&ctx, error) &&
       demo_add_events (&ctx, error) &&
       demo_add_registrations (&ctx, error) &&
       demo_add_referrals (&ctx, error) &&
       demo_add_one_to_ones (&ctx, error) &&
       demo_add_requests (&ctx, error) &&
       demo_add_club_life (&ctx, error) &&
       demo_flush (&ctx, error);

  if (ok && local_member_id != NULL)
    *local_member_id = g_steal_pointer (&ctx.local_member_id);

  for (guint i = 0; i < ctx.events->len; i++)
    g_date_time_unref (g_array_index (ctx.events, DemoEvent, i).starts_at);
  g_array_unref (ctx.events);
  g_array_unref (ctx.open_needs);
  g_ptr_array_unref (ctx.batch);
  g_date_time_unref (ctx.now);
  g_time_zone_unref (ctx.tz);
  g_rand_free (ctx.rand);
  g_free (ctx.members);
  g_free (ctx.eligible);
  g_free (ctx.local_member_id);

  return ok;
}
