/* cercle-demo-members.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-demo"

#include "config.h"

#include <string.h>

#include "cercle-demo-private.h"
#include "cercle-member.h"

/* The demo's people: members with their companies, trades, contacts and
 * sponsors, and the names, companies and contacts of guests and prospects
 * made the same way. */

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

const DemoTrade *
demo_random_trade (GRand             *rand,
                   const DemoSector **out_sector)
{
  const DemoSector *sector = &demo_sectors[g_rand_int_range (rand, 0, G_N_ELEMENTS (demo_sectors))];

  if (out_sector != NULL)
    *out_sector = sector;

  return &sector->trades[g_rand_int_range (rand, 0, (gint32)count_trades (sector))];
}

static int
year_of (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);

  return g_date_get_year (&date);
}

/* ASCII, lower case, words joined by "-": "Hélène d'Aubigné" → "helene-d-aubigne" */
char *
demo_slugify (const char *text)
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

char *
demo_make_last_name (GRand *rand)
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
char *
demo_make_company (GRand            *rand,
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
    *out_slug = demo_slugify (core);
  if (out_name != NULL)
    *out_name = g_strdup (core);

  if (chance (rand, 70))
    return g_strconcat (core, " ", PICK (rand, sector->forms), NULL);

  return g_steal_pointer (&core);
}

char *
demo_make_phone (GRand *rand)
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

char *
demo_make_email (const char *first_name,
                 const char *last_name,
                 const char *domain_slug)
{
  g_autofree char *first = demo_slugify (first_name);
  g_autofree char *last = demo_slugify (last_name);

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

gboolean
demo_add_members (DemoContext  *ctx,
                  GError      **error)
{
  guint n = ctx->n_members;
  guint32 first_day = demo_julian (2010, 9, 1);
  guint32 last_day = demo_julian (2026, 10, 31);
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

      demo_make_uuid (ctx->rand, m->id);

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

      last_name = i == 0 ? g_strdup ("Lefèvre-Bénard") : demo_make_last_name (ctx->rand);
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
      else if (chance (ctx->rand, joined_day < demo_julian (2020, 1, 1) ? 18 : 3))
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
          company = demo_make_company (ctx->rand, sector, trade, last_name, &company_name, &company_slug);
          since = year_of (joined_day) -
                  g_rand_int_range (ctx->rand, 0, 15);
          title_at = title_of_company (job_title, company_name);
          bio = g_strdup_printf ("%s depuis %d. %s En dehors du travail : %s et %s.",
                                 title_at, since, trade->pitch,
                                 PICK (ctx->rand, demo_hobbies), PICK (ctx->rand, demo_hobbies));
          offers = pick_two (ctx->rand, trade->offers, G_N_ELEMENTS (trade->offers));
          needs = pick_two (ctx->rand, trade->needs, G_N_ELEMENTS (trade->needs));
        }

      email = demo_make_email (first_name, last_name, company_slug);
      phone = demo_make_phone (ctx->rand);
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
        demo_format_julian (joined_day, joined_on);

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

      if (!demo_add (ctx,
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

  if (!demo_flush (ctx, error))
    return FALSE;

  ctx->local_member_id = g_strdup (ctx->members[local].id);

  return TRUE;
}

guint
demo_pick_member (DemoContext *ctx)
{
  /* Mostly active members, as in real life; anyone in a tiny club */
  if (ctx->n_eligible >= 2)
    return ctx->eligible[rand_index (ctx->rand, ctx->n_eligible)];

  return rand_index (ctx->rand, ctx->n_members);
}

void
demo_pick_pair (DemoContext *ctx,
                guint       *a,
                guint       *b)
{
  *a = demo_pick_member (ctx);
  do
    *b = demo_pick_member (ctx);
  while (*b == *a);
}
