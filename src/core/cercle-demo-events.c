/* cercle-demo-events.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-demo"

#include "config.h"

#include "cercle-demo-private.h"
#include "cercle-event.h"
#include "cercle-registration.h"
#include "cercle-registration-policy.h"

/* The demo's season: breakfasts, dinners, visits, video workshops and
 * meetings from September to June, and who registered for each, with the
 * attendance taken at the door of those already past. */

static char *
format_utc (GDateTime *when)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (when);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
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

  demo_make_uuid (ctx->rand, event.id);
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

  if (!demo_add (ctx,
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
    if (day >= demo_julian (holidays[i].y1, holidays[i].m1, holidays[i].d1) &&
        day <= demo_julian (holidays[i].y2, holidays[i].m2, holidays[i].d2))
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
  guint32 day = demo_julian (year, month, 1);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);

  while (g_date_get_weekday (&date) != weekday)
    g_date_add_days (&date, 1);

  return g_date_get_julian (&date) + 7 * (guint32)weeks;
}

gboolean
demo_add_events (DemoContext  *ctx,
                 GError      **error)
{
  guint32 season_end = demo_julian (2027, 6, 30);
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
      g_autofree char *slug = demo_slugify (demo_video_topics[i]);
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

gboolean
demo_add_registrations (DemoContext  *ctx,
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

          demo_make_uuid (ctx->rand, id);

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
              const DemoTrade *trade = demo_random_trade (ctx->rand, &sector);
              const char *first = chance (ctx->rand, 50) ? PICK (ctx->rand, demo_female_first_names)
                                                        : PICK (ctx->rand, demo_male_first_names);
              g_autofree char *last = demo_make_last_name (ctx->rand);
              g_autofree char *slug = NULL;

              guest_name = g_strconcat (first, " ", last, NULL);
              guest_company = demo_make_company (ctx->rand, sector, trade, last, NULL, &slug);
              guest_email = demo_make_email (first, last, slug);
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

          if (!demo_add (ctx,
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
