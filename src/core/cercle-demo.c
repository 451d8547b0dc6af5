/* cercle-demo.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-demo"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cercle-club.h"
#include "cercle-demo.h"
#include "cercle-demo-data.h"
#include "cercle-enums.h"
#include "cercle-event.h"
#include "cercle-member.h"
#include "cercle-one-to-one.h"
#include "cercle-announcement.h"
#include "cercle-mentoring.h"
#include "cercle-need-reply.h"
#include "cercle-referral.h"
#include "cercle-registration.h"
#include "cercle-registration-policy.h"
#include "cercle-request.h"

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

#define CLUB_NAME "Club des Entrepreneurs de Lyon Confluence"

typedef struct
{
  char    id[37];
  guint8  sector;
  guint8  trade;
  guint8  status;
  guint8  role;
  guint8  female;
} DemoMember;

typedef struct
{
  char             id[37];
  GDateTime       *starts_at;
  CercleEventKind  kind;
  CercleEventStatus status;
  int              capacity;
  gboolean         past;
  int              target;
} DemoEvent;

typedef struct
{
  GRand        *rand;
  CercleRecordSink sink;
  gpointer      sink_data;
  char         *local_member_id;
  GTimeZone    *tz;
  GPtrArray    *batch;
  gint64        rev;
  guint32       today_julian;
  GDateTime    *now;

  DemoMember   *members;
  guint         n_members;
  guint        *eligible;
  guint         n_eligible;

  GArray       *events;

  /* The open needs, for replies under them */
  GArray       *open_needs;
} DemoContext;

typedef struct
{
  char    id[37];
  guint   member;
  guint32 posted;
} DemoNeed;


static guint
count_strings (const char * const *strv,
               guint               max)
{
  guint n = 0;

  while (n < max && strv[n] != NULL)
    n++;

  return n;
}

static guint
count_titles (const DemoTitle *titles,
              guint            max)
{
  guint n = 0;

  while (n < max && titles[n].masculine != NULL)
    n++;

  return n;
}

static guint
count_trades (const DemoSector *sector)
{
  guint n = 0;

  while (n < G_N_ELEMENTS (sector->trades) && sector->trades[n].pitch != NULL)
    n++;

  return n;
}

static const DemoTrade *
random_trade (GRand             *rand,
              const DemoSector **out_sector)
{
  const DemoSector *sector = &demo_sectors[g_rand_int_range (rand, 0, G_N_ELEMENTS (demo_sectors))];

  if (out_sector != NULL)
    *out_sector = sector;

  return &sector->trades[g_rand_int_range (rand, 0, (gint32)count_trades (sector))];
}

#define PICK(rand, array) \
  ((array)[g_rand_int_range ((rand), 0, (gint32)count_strings ((array), G_N_ELEMENTS (array)))])

static inline guint
rand_index (GRand *rand,
            guint  n)
{
  g_assert (n > 0);

  return (guint)g_rand_int_range (rand, 0, (gint32)n);
}

static inline gboolean
chance (GRand *rand,
        int    percent)
{
  return g_rand_int_range (rand, 0, 100) < percent;
}

static void
make_uuid (GRand *rand,
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

static guint32
julian (int year,
        int month,
        int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay)day, (GDateMonth)month, (GDateYear)year);

  return g_date_get_julian (&date);
}

static void
format_julian (guint32 day,
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

static int
year_of (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);

  return g_date_get_year (&date);
}

static char *
format_utc (GDateTime *when)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (when);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* ASCII, lower case, words joined by "-": "Hélène d'Aubigné" → "helene-d-aubigne" */
static char *
slugify (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *slug = g_string_sized_new (strlen (ascii));
  gboolean dash = FALSE;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && slug->len > 0)
            g_string_append_c (slug, '-');
          g_string_append_c (slug, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }

  return g_string_free (slug, FALSE);
}

/* "Gérante" + "Octet Numérique" → "Gérante d'Octet Numérique" */
static char *
title_of_company (const char *title,
                  const char *company)
{
  g_autofree char *ascii = g_str_to_ascii (company, "C");
  char first = g_ascii_tolower (ascii[0]);

  if (g_str_has_prefix (company, "Les "))
    return g_strconcat (title, " des ", company + 4, NULL);
  if (g_str_has_prefix (company, "Le "))
    return g_strconcat (title, " du ", company + 3, NULL);
  if (strchr ("aeiouyh", first) != NULL && first != '\0')
    return g_strconcat (title, " d'", company, NULL);

  return g_strconcat (title, " de ", company, NULL);
}

static char *
make_last_name (GRand *rand)
{
  const char *name = PICK (rand, demo_last_names);

  /* Some people carry both parents' names */
  if (chance (rand, 5) && strchr (name, ' ') == NULL && strchr (name, '-') == NULL)
    {
      const char *second = PICK (rand, demo_last_names);

      if (strchr (second, ' ') == NULL && strchr (second, '-') == NULL &&
          strcmp (second, name) != 0)
        return g_strconcat (name, "-", second, NULL);
    }

  return g_strdup (name);
}

/* Returns the company's registered name ("Octet Numérique SAS"); @out_name
 * gets the name people use ("Octet Numérique"), @out_slug its web name. */
static char *
make_company (GRand            *rand,
              const DemoSector *sector,
              const DemoTrade  *trade,
              const char       *last_name,
              char            **out_name,
              char            **out_slug)
{
  const char *template = PICK (rand, trade->companies);
  const char *at = strchr (template, '@');
  g_autofree char *core = NULL;

  if (at != NULL)
    {
      g_autofree char *prefix = g_strndup (template, (gsize)(at - template));

      core = g_strconcat (prefix, last_name, at + 1, NULL);
      /* "d'Aubigné Conseil" starts a name: "D'Aubigné Conseil" */
      core[0] = g_ascii_toupper (core[0]);
    }
  else
    core = g_strdup (template);

  if (out_slug != NULL)
    *out_slug = slugify (core);
  if (out_name != NULL)
    *out_name = g_strdup (core);

  if (chance (rand, 70))
    return g_strconcat (core, " ", PICK (rand, sector->forms), NULL);

  return g_steal_pointer (&core);
}

static char *
make_phone (GRand *rand)
{
  if (chance (rand, 80))
    return g_strdup_printf ("+33 %d %02d %02d %02d %02d",
                            chance (rand, 75) ? 6 : 7,
                            g_rand_int_range (rand, 0, 100), g_rand_int_range (rand, 0, 100),
                            g_rand_int_range (rand, 0, 100), g_rand_int_range (rand, 0, 100));

  return g_strdup_printf ("+33 4 7%d %02d %02d %02d",
                          g_rand_int_range (rand, 2, 9),
                          g_rand_int_range (rand, 0, 100), g_rand_int_range (rand, 0, 100),
                          g_rand_int_range (rand, 0, 100));
}

static char *
make_email (const char *first_name,
            const char *last_name,
            const char *domain_slug)
{
  g_autofree char *first = slugify (first_name);
  g_autofree char *last = slugify (last_name);

  return g_strdup_printf ("%s.%s@%s.exemple.fr", first, last, domain_slug);
}

/* Two lines of what a sector offers or needs */
static char *
pick_two (GRand             *rand,
          const char * const *strv,
          guint               max)
{
  guint n = count_strings (strv, max);
  guint a = rand_index (rand, n);
  guint b = rand_index (rand, n);

  if (a == b || chance (rand, 30))
    return g_strdup (strv[a]);

  return g_strconcat (strv[a], "\n", strv[b], NULL);
}

static void
stamp (DemoContext  *ctx,
       CercleRecord *record)
{
  /* As the club's server would have it: every row has a revision of its
   * own, and was last changed some time during this autumn. */
  guint32 day = julian (2026, 9, 1) + rand_index (ctx->rand, 81);
  guint32 seconds = rand_index (ctx->rand, 86400);
  char date[11];
  char updated_at[21];

  format_julian (day, date);
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

static gboolean
flush (DemoContext  *ctx,
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
static gboolean
add (DemoContext  *ctx,
     gpointer      record,
     GError      **error)
{
  stamp (ctx, record);
  g_ptr_array_add (ctx->batch, record);

  if (ctx->batch->len >= BATCH_SIZE)
    return flush (ctx, error);

  return TRUE;
}

static GDateTime *
local_time (DemoContext *ctx,
            guint32      day,
            int          hour,
            int          minute)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);

  return g_date_time_new (ctx->tz,
                          g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), hour, minute, 0);
}

static gboolean
add_club (DemoContext  *ctx,
          GError      **error)
{
  char id[37];

  make_uuid (ctx->rand, id);

  return add (ctx,
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

static gboolean
add_members (DemoContext  *ctx,
             GError      **error)
{
  guint n = ctx->n_members;
  guint32 first_day = julian (2010, 9, 1);
  guint32 last_day = julian (2026, 10, 31);
  guint32 span = last_day - first_day;
  guint local = n >= 2 ? 1 : 0;

  ctx->members = g_new0 (DemoMember, n);
  ctx->eligible = g_new (guint, n);
  ctx->n_eligible = 0;

  for (guint i = 0; i < n; i++)
    {
      DemoMember *m = &ctx->members[i];
      const DemoSector *sector;
      const DemoTrade *trade;
      const char *first_name;
      g_autofree char *last_name = NULL;
      g_autofree char *company = NULL;
      g_autofree char *company_name = NULL;
      g_autofree char *company_slug = NULL;
      g_autofree char *email = NULL;
      g_autofree char *phone = NULL;
      g_autofree char *website = NULL;
      g_autofree char *job_title = NULL;
      g_autofree char *title_at = NULL;
      g_autofree char *bio = NULL;
      g_autofree char *offers = NULL;
      g_autofree char *needs = NULL;
      const char *city;
      const char *sponsor_id = NULL;
      const char *private_fields = NULL;
      char joined_on[11];
      char dues[11];
      gboolean has_joined = TRUE;
      gboolean has_dues = TRUE;
      guint32 joined_day;
      int since;
      gboolean staff;
      CercleMemberStatus status;

      make_uuid (ctx->rand, m->id);

      /* Index 0 is always "Hélène": the tests and the documentation search
       * for her. Index 1 (or 0 in a club of one) is the staff member who
       * uses the app. */
      staff = i == local || (n > 50 && i % 499 == 250);
      m->female = i == 0 ? TRUE : chance (ctx->rand, 48);
      m->role = staff ? CERCLE_MEMBER_ROLE_STAFF : CERCLE_MEMBER_ROLE_MEMBER;

      if (i == 0)
        first_name = "Hélène";
      else if (m->female)
        first_name = PICK (ctx->rand, demo_female_first_names);
      else
        first_name = PICK (ctx->rand, demo_male_first_names);

      last_name = i == 0 ? g_strdup ("Lefèvre-Bénard") : make_last_name (ctx->rand);
      city = PICK (ctx->rand, demo_cities);

      /* Members join in order over the years, so a sponsor always joined
       * before the member they brought in. */
      joined_day = first_day + (guint32)(((guint64)i * span) / n) +
                   rand_index (ctx->rand, MAX (1, span / n));
      joined_day = MIN (joined_day, last_day);

      if (staff || i == 0)
        status = CERCLE_MEMBER_STATUS_ACTIVE;
      else if (i * 100 >= n * 93 && chance (ctx->rand, 80))
        status = CERCLE_MEMBER_STATUS_CANDIDATE;
      else if (chance (ctx->rand, joined_day < julian (2020, 1, 1) ? 18 : 3))
        status = CERCLE_MEMBER_STATUS_ALUMNI;
      else
        status = CERCLE_MEMBER_STATUS_ACTIVE;
      m->status = status;

      if (staff)
        {
          guint which = i == local ? 0 : rand_index (ctx->rand, G_N_ELEMENTS (demo_staff_titles));
          const DemoTitle *title = &demo_staff_titles[which];

          m->sector = G_N_ELEMENTS (demo_sectors);
          job_title = g_strdup (m->female ? title->feminine : title->masculine);
          company = g_strdup ("Association " CLUB_NAME);
          company_slug = g_strdup ("club-entrepreneurs-confluence");
          bio = g_strdup_printf ("%s du club depuis %d. Accueille les nouveaux membres, "
                                 "organise les petits-déjeuners et les dîners, et tient "
                                 "l'agenda du club. En dehors du club : %s.",
                                 job_title,
                                 year_of (joined_day),
                                 PICK (ctx->rand, demo_hobbies));
          offers = g_strdup ("Mises en relation entre membres\n"
                             "Organisation de vos visites d'entreprise");
          needs = g_strdup ("Lieux pour accueillir les dîners du club\n"
                            "Intervenants pour les dîners-conférences");
          has_dues = FALSE;
        }
      else
        {
          const DemoTitle *title;

          m->sector = rand_index (ctx->rand, G_N_ELEMENTS (demo_sectors));
          sector = &demo_sectors[m->sector];
          m->trade = rand_index (ctx->rand, count_trades (sector));
          trade = &sector->trades[m->trade];

          /* Owners often call themselves by their trade; the title never
           * says another trade than the company's */
          if (chance (ctx->rand, 35))
            title = &demo_generic_titles[rand_index (ctx->rand, G_N_ELEMENTS (demo_generic_titles))];
          else
            title = &trade->titles[rand_index (ctx->rand,
                                               count_titles (trade->titles,
                                                             G_N_ELEMENTS (trade->titles)))];

          job_title = g_strdup (m->female ? title->feminine : title->masculine);
          company = make_company (ctx->rand, sector, trade, last_name, &company_name, &company_slug);
          since = year_of (joined_day) -
                  g_rand_int_range (ctx->rand, 0, 15);
          title_at = title_of_company (job_title, company_name);
          bio = g_strdup_printf ("%s depuis %d. %s En dehors du travail : %s et %s.",
                                 title_at, since, trade->pitch,
                                 PICK (ctx->rand, demo_hobbies), PICK (ctx->rand, demo_hobbies));
          offers = pick_two (ctx->rand, trade->offers, G_N_ELEMENTS (trade->offers));
          needs = pick_two (ctx->rand, trade->needs, G_N_ELEMENTS (trade->needs));
        }

      email = make_email (first_name, last_name, company_slug);
      phone = make_phone (ctx->rand);
      if (!staff && chance (ctx->rand, 75))
        website = g_strdup_printf ("https://%s.exemple.fr", company_slug);

      /* Clubs recruit by cooptation: candidates always have a sponsor */
      if (i > 0 && i != local &&
          (status == CERCLE_MEMBER_STATUS_CANDIDATE || chance (ctx->rand, 70)))
        {
          guint sponsor = rand_index (ctx->rand, i);

          for (guint tries = 0;
               tries < 4 && ctx->members[sponsor].status == CERCLE_MEMBER_STATUS_CANDIDATE;
               tries++)
            sponsor = rand_index (ctx->rand, i);

          if (ctx->members[sponsor].status != CERCLE_MEMBER_STATUS_CANDIDATE)
            sponsor_id = ctx->members[sponsor].id;
          else
            sponsor_id = ctx->members[0].id;
        }

      switch (status)
        {
        case CERCLE_MEMBER_STATUS_CANDIDATE:
          has_joined = FALSE;
          has_dues = FALSE;
          break;

        case CERCLE_MEMBER_STATUS_ALUMNI:
          g_snprintf (dues, sizeof dues, "%04d-12-31",
                      MIN (2025, year_of (joined_day) + g_rand_int_range (ctx->rand, 1, 8)));
          break;

        case CERCLE_MEMBER_STATUS_ACTIVE:
        default:
          {
            int r = g_rand_int_range (ctx->rand, 0, 100);

            /* Most are paid up for the calendar year, a few are late */
            g_strlcpy (dues, r < 80 ? "2026-12-31" : r < 90 ? "2027-06-30" : "2025-12-31",
                       sizeof dues);
          }
          break;
        }

      if (has_joined)
        format_julian (joined_day, joined_on);

      {
        int r = g_rand_int_range (ctx->rand, 0, 100);

        if (r < 12)
          private_fields = "phone";
        else if (r < 17)
          private_fields = "phone,email";
        else if (r < 20)
          private_fields = "email";
      }

      if (status == CERCLE_MEMBER_STATUS_ACTIVE)
        ctx->eligible[ctx->n_eligible++] = i;

      if (!add (ctx,
                g_object_new (CERCLE_TYPE_MEMBER,
                              "id", m->id,
                              "first-name", first_name,
                              "last-name", last_name,
                              "company", company,
                              "job-title", job_title,
                              "sector", staff ? STAFF_SECTOR : demo_sectors[m->sector].name,
                              "city", staff ? "Lyon" : city,
                              "email", email,
                              "phone", phone,
                              "website", website,
                              "bio", bio,
                              "offers", offers,
                              "needs", needs,
                              "status", status,
                              "role", (CercleMemberRole)m->role,
                              "sponsor-id", sponsor_id,
                              "joined-on", has_joined ? joined_on : NULL,
                              "dues-paid-until", has_dues ? dues : NULL,
                              "private-fields", private_fields,
                              "qr-consent", chance (ctx->rand, 70),
                              NULL),
                error))
        return FALSE;
    }

  if (!flush (ctx, error))
    return FALSE;

  ctx->local_member_id = g_strdup (ctx->members[local].id);

  return TRUE;
}

static DemoEvent *
add_event (DemoContext        *ctx,
           CercleEventKind     kind,
           const char         *title,
           guint32             day,
           int                 hour,
           int                 minute,
           int                 duration_minutes,
           const char         *place,
           const char         *video_url,
           int                 capacity,
           const char         *description,
           CercleEventStatus   status,
           int                 target,
           GError            **error)
{
  DemoEvent event = { { 0 } };
  g_autoptr(GDateTime) ends_at = NULL;
  g_autofree char *starts_text = NULL;
  g_autofree char *ends_text = NULL;

  make_uuid (ctx->rand, event.id);
  event.starts_at = local_time (ctx, day, hour, minute);
  event.kind = kind;
  event.status = status;
  event.capacity = capacity;
  event.past = g_date_time_compare (event.starts_at, ctx->now) < 0;
  event.target = target;

  ends_at = g_date_time_add_minutes (event.starts_at, duration_minutes);
  starts_text = format_utc (event.starts_at);
  ends_text = format_utc (ends_at);

  g_array_append_val (ctx->events, event);

  if (!add (ctx,
            g_object_new (CERCLE_TYPE_EVENT,
                          "id", event.id,
                          "title", title,
                          "kind", kind,
                          "starts-at", starts_text,
                          "ends-at", ends_text,
                          "time-zone", "Europe/Paris",
                          "place", place,
                          "video-url", video_url,
                          "capacity", capacity,
                          "description", description,
                          "status", status,
                          "organizer-id", ctx->local_member_id,
                          NULL),
            error))
    return NULL;

  return &g_array_index (ctx->events, DemoEvent, ctx->events->len - 1);
}

static gboolean
is_school_holiday (guint32 day)
{
  /* Zone A (Lyon) school holidays of the 2026–2027 year */
  static const struct { int y1, m1, d1, y2, m2, d2; } holidays[] = {
    { 2026, 10, 17, 2026, 11, 2 },
    { 2026, 12, 19, 2027, 1, 3 },
    { 2027, 2, 6, 2027, 2, 21 },
    { 2027, 4, 3, 2027, 4, 18 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (holidays); i++)
    if (day >= julian (holidays[i].y1, holidays[i].m1, holidays[i].d1) &&
        day <= julian (holidays[i].y2, holidays[i].m2, holidays[i].d2))
      return TRUE;

  return FALSE;
}

/* The first @weekday (G_DATE_MONDAY…) of a month, plus @weeks weeks */
static guint32
nth_weekday (int          year,
             int          month,
             GDateWeekday weekday,
             int          weeks)
{
  guint32 day = julian (year, month, 1);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);

  while (g_date_get_weekday (&date) != weekday)
    g_date_add_days (&date, 1);

  return g_date_get_julian (&date) + 7 * (guint32)weeks;
}

static gboolean
add_events (DemoContext  *ctx,
            GError      **error)
{
  guint32 season_end = julian (2027, 6, 30);
  guint n_breakfast = 0;

  /* Business breakfasts, every Tuesday out of school holidays */
  for (guint32 day = nth_weekday (2026, 9, G_DATE_TUESDAY, 1); day <= season_end; day += 7)
    {
      g_autofree char *title = NULL;

      if (is_school_holiday (day))
        continue;

      n_breakfast++;
      title = n_breakfast % 4 == 0
        ? g_strdup ("Petit-déjeuner d'affaires : présentation métier")
        : g_strdup ("Petit-déjeuner d'affaires");

      if (!add_event (ctx, CERCLE_EVENT_KIND_BREAKFAST, title, day, 7, 30, 90,
                      demo_places[n_breakfast % 2 == 0 ? 0 : 3], NULL, 45,
                      "Tour de table des 60 secondes, présentation d'un membre, "
                      "échange de recommandations. Café et viennoiseries offerts.",
                      CERCLE_EVENT_STATUS_SCHEDULED, g_rand_int_range (ctx->rand, 28, 52),
                      error))
        return FALSE;
    }

  /* A dinner on the second Thursday of each month */
  for (guint month = 0; month < 10; month++)
    {
      int year = month < 4 ? 2026 : 2027;
      int m = (int)((month + 8) % 12) + 1;
      guint32 day = nth_weekday (year, m, G_DATE_THURSDAY, 1);
      /* The February dinner-debate had to be called off */
      CercleEventStatus status = m == 2 ? CERCLE_EVENT_STATUS_CANCELLED
                                        : CERCLE_EVENT_STATUS_SCHEDULED;

      if (!add_event (ctx, CERCLE_EVENT_KIND_DINNER, demo_dinner_themes[month], day, 19, 30, 180,
                      demo_places[month % 2 == 0 ? 1 : 2], NULL, 80,
                      status == CERCLE_EVENT_STATUS_CANCELLED
                        ? "Annulé : l'intervenant ne peut pas venir. Le sujet est reporté à la saison prochaine."
                        : "Apéritif à 19 h 30, dîner à 20 h. Conjoints et invités bienvenus, "
                          "inscription obligatoire.",
                      status, g_rand_int_range (ctx->rand, 50, 95), error))
        return FALSE;
    }

  /* Company visits, in small groups */
  {
    static const int visit_months[][2] = {
      { 2026, 10 }, { 2026, 11 }, { 2027, 1 }, { 2027, 3 }, { 2027, 4 }, { 2027, 6 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (visit_months); i++)
      {
        g_autofree char *title = g_strdup_printf ("Visite : %s", demo_visit_hosts[i]);
        guint32 day = nth_weekday (visit_months[i][0], visit_months[i][1], G_DATE_WEDNESDAY, 2);

        if (!add_event (ctx, CERCLE_EVENT_KIND_VISIT, title, day, 17, 30, 120,
                        demo_visit_hosts[i], NULL, 25,
                        "Visite de l'atelier et des lignes de production, suivie d'un "
                        "verre avec l'équipe. Chaussures fermées conseillées.",
                        CERCLE_EVENT_STATUS_SCHEDULED, 25 + g_rand_int_range (ctx->rand, 4, 12),
                        error))
          return FALSE;
      }
  }

  /* Video workshops at lunch time */
  for (guint i = 0; i < G_N_ELEMENTS (demo_video_topics); i++)
    {
      g_autofree char *title = g_strdup_printf ("Visio : %s", demo_video_topics[i]);
      g_autofree char *url = NULL;
      g_autofree char *slug = slugify (demo_video_topics[i]);
      /* Every five weeks or so, on a Friday */
      guint32 day = nth_weekday (2026, 9, G_DATE_FRIDAY, 2 + 5 * (int)i);

      url = g_strdup_printf ("https://visio.exemple.fr/cel-%s", slug);
      while (is_school_holiday (day))
        day += 7;

      if (!add_event (ctx, CERCLE_EVENT_KIND_VIDEO, title, day, 12, 30, 60,
                      NULL, url, 0,
                      "Atelier pratique d'une heure en visioconférence, animé par un membre du club.",
                      CERCLE_EVENT_STATUS_SCHEDULED, g_rand_int_range (ctx->rand, 15, 45), error))
        return FALSE;
    }

  /* Lunches for newcomers, the general assembly, board meetings */
  {
    static const int lunch_months[][2] = { { 2026, 9 }, { 2027, 1 }, { 2027, 5 } };

    for (guint i = 0; i < G_N_ELEMENTS (lunch_months); i++)
      if (!add_event (ctx, CERCLE_EVENT_KIND_LUNCH, "Déjeuner des nouveaux membres",
                      nth_weekday (lunch_months[i][0], lunch_months[i][1], G_DATE_FRIDAY, 3),
                      12, 15, 105, demo_places[4], NULL, 20,
                      "Les nouveaux membres et leurs parrains déjeunent avec le bureau du club.",
                      CERCLE_EVENT_STATUS_SCHEDULED, g_rand_int_range (ctx->rand, 10, 22), error))
        return FALSE;
  }

  for (guint i = 0; i < 4; i++)
    {
      static const int board_months[][2] = { { 2026, 9 }, { 2026, 12 }, { 2027, 3 }, { 2027, 6 } };

      if (!add_event (ctx, CERCLE_EVENT_KIND_MEETING, "Réunion du bureau",
                      nth_weekday (board_months[i][0], board_months[i][1], G_DATE_MONDAY, 1),
                      18, 30, 90, demo_places[3], NULL, 0,
                      "Budget, adhésions, programme des prochains mois.",
                      CERCLE_EVENT_STATUS_SCHEDULED, g_rand_int_range (ctx->rand, 6, 12), error))
        return FALSE;
    }

  if (!add_event (ctx, CERCLE_EVENT_KIND_MEETING, "Assemblée générale",
                  nth_weekday (2027, 6, G_DATE_THURSDAY, 2), 18, 0, 120, demo_places[1], NULL, 0,
                  "Rapport moral et financier, élection du bureau, vote des cotisations 2028. "
                  "Suivie d'un cocktail.",
                  CERCLE_EVENT_STATUS_SCHEDULED, g_rand_int_range (ctx->rand, 60, 120), error))
    return FALSE;

  if (!add_event (ctx, CERCLE_EVENT_KIND_OTHER, "Tournoi de pétanque inter-clubs",
                  nth_weekday (2026, 9, G_DATE_SATURDAY, 3), 10, 0, 360,
                  "Boulodrome du parc de la Tête d'Or, 69006 Lyon", NULL, 0,
                  "Triplettes mélangées avec les clubs de Villeurbanne et de Saint-Étienne. "
                  "Pique-nique tiré du sac.",
                  CERCLE_EVENT_STATUS_SCHEDULED, g_rand_int_range (ctx->rand, 20, 50), error))
    return FALSE;

  if (!add_event (ctx, CERCLE_EVENT_KIND_OTHER, "Soirée de fin de saison",
                  nth_weekday (2027, 6, G_DATE_FRIDAY, 3), 19, 0, 240,
                  "Péniche La Traboule, quai Rambaud, 69002 Lyon", NULL, 120,
                  "Programme en préparation.",
                  CERCLE_EVENT_STATUS_DRAFT, 0, error))
    return FALSE;

  return TRUE;
}

static gboolean
add_registrations (DemoContext  *ctx,
                   GError      **error)
{
  for (guint e = 0; e < ctx->events->len; e++)
    {
      DemoEvent *event = &g_array_index (ctx->events, DemoEvent, e);
      gboolean happened = event->past && event->status == CERCLE_EVENT_STATUS_SCHEDULED;
      g_autoptr(GDateTime) latest = NULL;
      guint target = (guint)event->target;
      guint n_yes = 0;
      guint n_guests;

      if (event->status == CERCLE_EVENT_STATUS_DRAFT || ctx->n_eligible == 0 || target == 0)
        continue;

      /* A small club fills its rooms less */
      if (ctx->n_eligible < 150)
        target = target * ctx->n_eligible / 150 + 1;
      target = MIN (target, ctx->n_eligible);

      latest = g_date_time_compare (event->starts_at, ctx->now) < 0
        ? g_date_time_add_hours (event->starts_at, -2)
        : g_date_time_add_hours (ctx->now, -2);

      n_guests = event->kind == CERCLE_EVENT_KIND_BREAKFAST ||
                 event->kind == CERCLE_EVENT_KIND_DINNER
        ? rand_index (ctx->rand, 5) : 0;

      for (guint k = 0; k < target + n_guests; k++)
        {
          gboolean guest = k >= target;
          CercleResponse response;
          CercleAttendance attendance = CERCLE_ATTENDANCE_UNKNOWN;
          g_autofree char *checked_in_at = NULL;
          g_autofree char *registered_at = NULL;
          g_autofree char *guest_name = NULL;
          g_autofree char *guest_company = NULL;
          g_autofree char *guest_email = NULL;
          g_autofree char *substitute_name = NULL;
          g_autoptr(GDateTime) registered = NULL;
          const char *member_id = NULL;
          const char *invited_by_id = NULL;
          char id[37];

          make_uuid (ctx->rand, id);

          if (!guest)
            {
              /* A partial Fisher-Yates shuffle: k distinct members */
              guint j = k + rand_index (ctx->rand, ctx->n_eligible - k);
              guint tmp = ctx->eligible[k];
              int r = g_rand_int_range (ctx->rand, 0, 100);

              ctx->eligible[k] = ctx->eligible[j];
              ctx->eligible[j] = tmp;
              member_id = ctx->members[ctx->eligible[k]].id;

              response = r < 78 ? CERCLE_RESPONSE_YES
                       : r < 88 ? CERCLE_RESPONSE_NO
                       : CERCLE_RESPONSE_MAYBE;
            }
          else
            {
              const DemoSector *sector;
              const DemoTrade *trade = random_trade (ctx->rand, &sector);
              const char *first = chance (ctx->rand, 50) ? PICK (ctx->rand, demo_female_first_names)
                                                        : PICK (ctx->rand, demo_male_first_names);
              g_autofree char *last = make_last_name (ctx->rand);
              g_autofree char *slug = NULL;

              guest_name = g_strconcat (first, " ", last, NULL);
              guest_company = make_company (ctx->rand, sector, trade, last, NULL, &slug);
              guest_email = make_email (first, last, slug);
              /* Guests come with one of the members registered above */
              invited_by_id = ctx->members[ctx->eligible[rand_index (ctx->rand, target)]].id;
              response = CERCLE_RESPONSE_YES;
            }

          /* As the club's server would decide it */
          response = cercle_registration_policy_admit (event->capacity, n_yes, response);
          if (response == CERCLE_RESPONSE_YES)
            n_yes++;

          registered = g_date_time_add_seconds (latest,
                                                -g_rand_double_range (ctx->rand, 0, 21 * 86400));
          registered_at = format_utc (registered);

          if (happened && response == CERCLE_RESPONSE_YES)
            {
              int r = g_rand_int_range (ctx->rand, 0, 100);
              int minutes = 0;

              if (r < 75)
                {
                  attendance = CERCLE_ATTENDANCE_PRESENT;
                  minutes = g_rand_int_range (ctx->rand, -15, 6);
                }
              else if (r < 83)
                {
                  attendance = CERCLE_ATTENDANCE_LATE;
                  minutes = g_rand_int_range (ctx->rand, 10, 35);
                }
              else if (r < 90)
                attendance = CERCLE_ATTENDANCE_ABSENT;
              else if (r < 96 || guest)
                attendance = CERCLE_ATTENDANCE_EXCUSED;
              else
                {
                  const char *first = chance (ctx->rand, 50) ? PICK (ctx->rand, demo_female_first_names)
                                                            : PICK (ctx->rand, demo_male_first_names);

                  attendance = CERCLE_ATTENDANCE_SUBSTITUTE;
                  substitute_name = g_strconcat (first, " ", PICK (ctx->rand, demo_last_names), NULL);
                  minutes = g_rand_int_range (ctx->rand, -10, 5);
                }

              if (attendance == CERCLE_ATTENDANCE_PRESENT ||
                  attendance == CERCLE_ATTENDANCE_LATE ||
                  attendance == CERCLE_ATTENDANCE_SUBSTITUTE)
                {
                  g_autoptr(GDateTime) checked_in =
                    g_date_time_add_seconds (event->starts_at,
                                             minutes * 60.0 + g_rand_int_range (ctx->rand, 0, 60));

                  checked_in_at = format_utc (checked_in);
                }
            }

          if (!add (ctx,
                    g_object_new (CERCLE_TYPE_REGISTRATION,
                                  "id", id,
                                  "event-id", event->id,
                                  "member-id", member_id,
                                  "guest-name", guest_name,
                                  "guest-company", guest_company,
                                  "guest-email", guest_email,
                                  "invited-by-id", invited_by_id,
                                  "response", response,
                                  "attendance", attendance,
                                  "checked-in-at", checked_in_at,
                                  "substitute-name", substitute_name,
                                  "registered-at", registered_at,
                                  NULL),
                    error))
            return FALSE;
        }
    }

  return TRUE;
}

/* The trade a member works in; staff work for the club, so a referral
 * or a request of theirs is about some trade of the club's members */
static const DemoTrade *
member_trade (DemoContext *ctx,
              guint        member)
{
  const DemoMember *m = &ctx->members[member];

  if (m->sector < G_N_ELEMENTS (demo_sectors))
    return &demo_sectors[m->sector].trades[m->trade];

  return random_trade (ctx->rand, NULL);
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

static guint
pick_member (DemoContext *ctx)
{
  /* Mostly active members, as in real life; anyone in a tiny club */
  if (ctx->n_eligible >= 2)
    return ctx->eligible[rand_index (ctx->rand, ctx->n_eligible)];

  return rand_index (ctx->rand, ctx->n_members);
}

static void
pick_pair (DemoContext *ctx,
           guint       *a,
           guint       *b)
{
  *a = pick_member (ctx);
  do
    *b = pick_member (ctx);
  while (*b == *a);
}

static gboolean
add_referrals (DemoContext  *ctx,
               GError      **error)
{
  guint n_referrals;
  int total_weight = 0;
  guint32 first_day = julian (2025, 9, 1);
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

      make_uuid (ctx->rand, id);

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

      pick_pair (ctx, &giver, &receiver);
      trade = member_trade (ctx, receiver);

      first = chance (ctx->rand, 50) ? PICK (ctx->rand, demo_female_first_names)
                                    : PICK (ctx->rand, demo_male_first_names);
      last = make_last_name (ctx->rand);
      prospect_name = g_strconcat (first, " ", last, NULL);
      prospect_trade = random_trade (ctx->rand, &prospect_sector);
      prospect_company = make_company (ctx->rand, prospect_sector, prospect_trade, last, NULL, &slug);
      prospect_contact = chance (ctx->rand, 50) ? make_email (first, last, slug)
                                                : make_phone (ctx->rand);

      closed = status == CERCLE_REFERRAL_STATUS_WON ||
               status == CERCLE_REFERRAL_STATUS_LOST ||
               status == CERCLE_REFERRAL_STATUS_DECLINED;

      /* Open referrals are recent; closed ones spread over the last year */
      if (closed)
        given_day = first_day + rand_index (ctx->rand, last_day - first_day - 30);
      else
        given_day = last_day - rand_index (ctx->rand, 75);
      format_julian (given_day, given_on);

      if (closed)
        format_julian (MIN (last_day, given_day + 3 + rand_index (ctx->rand, 90)), closed_on);

      /* An open referral last moved some days after it was given, the
       * further along the longer; taken from the day, not from the random
       * sequence, so that the rest of the club stays as it was */
      if (closed)
        memcpy (moved_on, closed_on, sizeof moved_on);
      else
        format_julian (MIN (last_day, given_day + (given_day % 9) * (guint)status), moved_on);

      if (status == CERCLE_REFERRAL_STATUS_WON)
        {
          /* From a few hundred euros to tens of thousands, rounded to ten */
          double euros = exp (g_rand_double_range (ctx->rand, log (300.0), log (60000.0)));

          amount_cents = (gint64)(euros / 10.0) * 1000;
        }

      if (!add (ctx,
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

static gboolean
add_one_to_ones (DemoContext  *ctx,
                 GError      **error)
{
  guint32 first_day = julian (2025, 9, 1);
  guint n;

  if (ctx->n_members < 2)
    return TRUE;

  n = MAX (5, ctx->n_members / 5);

  for (guint i = 0; i < n; i++)
    {
      guint a, b;
      char met_on[11];
      char id[37];

      make_uuid (ctx->rand, id);
      pick_pair (ctx, &a, &b);
      format_julian (first_day + rand_index (ctx->rand, ctx->today_julian - first_day), met_on);

      if (!add (ctx,
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

static gboolean
add_requests (DemoContext  *ctx,
              GError      **error)
{
  guint n = MAX (3, ctx->n_members / 40);

  for (guint i = 0; i < n; i++)
    {
      guint member = pick_member (ctx);
      const DemoTrade *trade = member_trade (ctx, member);
      const char *need = PICK (ctx->rand, trade->needs);
      g_autofree char *title = g_strdup_printf ("Je cherche : %s", need);
      g_autofree char *body = NULL;
      gboolean open = chance (ctx->rand, 75);
      guint32 posted_day;
      char posted_on[11];
      char id[37];

      make_uuid (ctx->rand, id);
      body = g_strdup_printf ("Bonjour à tous, je cherche des contacts du côté des « %s ». "
                              "Une présentation par mail ou un café me suffit. Merci d'avance !",
                              need);
      posted_day = ctx->today_julian - 1 - rand_index (ctx->rand, open ? 45 : 300);
      format_julian (posted_day, posted_on);

      if (!add (ctx,
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

/* @day at @hour:@minute UTC, as ISO 8601 */
static void
format_instant (guint32 day,
                int     hour,
                int     minute,
                char    out[21])
{
  format_julian (day, out);
  g_snprintf (out + 10, 11, "T%02d:%02d:00Z", hour, minute);
}

/* Club life: the staff's announcements, replies under the open needs, new
 * members paired with mentors (one with the demo's user). It comes last,
 * so that the records before it stay what the same seed always made. */
static gboolean
add_club_life (DemoContext  *ctx,
               GError      **error)
{
  const char *author = ctx->local_member_id;
  const char *next_event = NULL;
  guint n_mentorings = 0;

  for (guint i = 0; i < ctx->events->len; i++)
    {
      DemoEvent *event = &g_array_index (ctx->events, DemoEvent, i);

      if (!event->past && event->status == CERCLE_EVENT_STATUS_SCHEDULED)
        {
          next_event = event->id;
          break;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_announcements); i++)
    {
      char posted_at[21];
      char id[37];

      make_uuid (ctx->rand, id);
      format_instant (ctx->today_julian - 1 - i * 9, 8 + (int)i, 15, posted_at);
      if (!add (ctx,
                g_object_new (CERCLE_TYPE_ANNOUNCEMENT,
                              "id", id,
                              "author-id", author,
                              "title", demo_announcements[i].title,
                              "body", demo_announcements[i].body,
                              "event-id", i == 1 ? next_event : NULL,
                              "pinned", i == 0,
                              "posted-at", posted_at,
                              NULL),
                error))
        return FALSE;
    }

  for (guint i = 0; i < ctx->open_needs->len; i++)
    {
      DemoNeed *need = &g_array_index (ctx->open_needs, DemoNeed, i);
      guint n_replies = 1 + rand_index (ctx->rand, 3);

      for (guint j = 0; j < n_replies && ctx->n_members > 1; j++)
        {
          char posted_at[21];
          char id[37];
          guint member;

          do
            member = pick_member (ctx);
          while (member == need->member);

          make_uuid (ctx->rand, id);
          format_instant (MIN (ctx->today_julian - 1, need->posted + j + 1), 9 + (int)j * 3, 40, posted_at);
          if (!add (ctx,
                    g_object_new (CERCLE_TYPE_NEED_REPLY,
                                  "id", id,
                                  "request-id", need->id,
                                  "member-id", ctx->members[member].id,
                                  "body", PICK (ctx->rand, demo_need_replies),
                                  "posted-at", posted_at,
                                  NULL),
                    error))
            return FALSE;
        }
    }

  /* Candidates are the new members; the demo's user mentors the first */
  for (guint i = 0; i < ctx->n_members && n_mentorings < 6; i++)
    {
      char starts_on[11];
      char ends_on[11];
      char id[37];
      guint32 start;
      const char *mentor_id;

      if (ctx->members[i].status != CERCLE_MEMBER_STATUS_CANDIDATE ||
          g_strcmp0 (ctx->members[i].id, author) == 0)
        continue;

      if (n_mentorings == 0 && author != NULL)
        mentor_id = author;
      else
        {
          guint mentor;

          do
            mentor = pick_member (ctx);
          while (mentor == i);
          mentor_id = ctx->members[mentor].id;
        }

      start = ctx->today_julian - rand_index (ctx->rand, 90);
      format_julian (start, starts_on);
      format_julian (start + 182, ends_on);
      make_uuid (ctx->rand, id);
      if (!add (ctx,
                g_object_new (CERCLE_TYPE_MENTORING,
                              "id", id,
                              "mentor-id", mentor_id,
                              "mentee-id", ctx->members[i].id,
                              "starts-on", starts_on,
                              "ends-on", ends_on,
                              NULL),
                error))
        return FALSE;
      n_mentorings++;
    }

  return TRUE;
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
  ctx.today_julian = julian (DEMO_TODAY_YEAR, DEMO_TODAY_MONTH, DEMO_TODAY_DAY);
  ctx.now = g_date_time_new (ctx.tz, DEMO_TODAY_YEAR, DEMO_TODAY_MONTH, DEMO_TODAY_DAY, 9, 0, 0);

  ok = add_club (&ctx, error) &&
       add_members (&ctx, error) &&
       add_events (&ctx, error) &&
       add_registrations (&ctx, error) &&
       add_referrals (&ctx, error) &&
       add_one_to_ones (&ctx, error) &&
       add_requests (&ctx, error) &&
       add_club_life (&ctx, error) &&
       flush (&ctx, error);

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
