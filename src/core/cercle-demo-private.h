/* cercle-demo-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-demo.h"
#include "cercle-demo-data.h"
#include "cercle-enums.h"

G_BEGIN_DECLS

/* What the demo's generators share (cercle-demo.c runs them in order):
 * the one context they fill, and the helpers that make the same kind of
 * thing the same way in each. Every random draw comes from ctx->rand, in
 * the order the generators run, so moving code between them must keep
 * that order or the same seed stops making the same club. */

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

static inline guint
count_strings (const char * const *strv,
               guint               max)
{
  guint n = 0;

  while (n < max && strv[n] != NULL)
    n++;

  return n;
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

/* cercle-demo.c: ids, days and the batches handed to the sink */
void               demo_make_uuid         (GRand             *rand,
                                           char               out[37]);
guint32            demo_julian            (int                year,
                                           int                month,
                                           int                day);
void               demo_format_julian     (guint32            day,
                                           char               out[11]);
/* Takes ownership of @record */
gboolean           demo_add               (DemoContext       *ctx,
                                           gpointer           record,
                                           GError           **error);
gboolean           demo_flush             (DemoContext       *ctx,
                                           GError           **error);

/* cercle-demo-members.c: people and companies */
const DemoTrade   *demo_random_trade      (GRand             *rand,
                                           const DemoSector **out_sector);
char              *demo_slugify           (const char        *text);
char              *demo_make_last_name    (GRand             *rand);
char              *demo_make_company      (GRand             *rand,
                                           const DemoSector  *sector,
                                           const DemoTrade   *trade,
                                           const char        *last_name,
                                           char             **out_name,
                                           char             **out_slug);
char              *demo_make_phone        (GRand             *rand);
char              *demo_make_email        (const char        *first_name,
                                           const char        *last_name,
                                           const char        *domain_slug);
guint              demo_pick_member       (DemoContext       *ctx);
void               demo_pick_pair         (DemoContext       *ctx,
                                           guint             *a,
                                           guint             *b);

/* The generators, in the order cercle_demo_generate() runs them */
gboolean           demo_add_members       (DemoContext       *ctx,
                                           GError           **error);
gboolean           demo_add_events        (DemoContext       *ctx,
                                           GError           **error);
gboolean           demo_add_registrations (DemoContext       *ctx,
                                           GError           **error);
gboolean           demo_add_referrals     (DemoContext       *ctx,
                                           GError           **error);
gboolean           demo_add_one_to_ones   (DemoContext       *ctx,
                                           GError           **error);
gboolean           demo_add_requests      (DemoContext       *ctx,
                                           GError           **error);
gboolean           demo_add_club_life     (DemoContext       *ctx,
                                           GError           **error);

G_END_DECLS
