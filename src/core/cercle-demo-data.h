/* cercle-demo-data.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-types.h"

G_BEGIN_DECLS

/* The words a demo club is made of: French names, sectors with their
 * companies, offers and needs, places and themes. Kept apart from the
 * generators so that either can change without reading through the other. */

typedef struct
{
  const char *masculine;
  const char *feminine;
} DemoTitle;

/* One trade of a sector: its titles, companies, offers and needs agree
 * with each other, so that a baker offers bread and a plumber repairs
 * leaks. */
typedef struct
{
  const char *pitch;
  DemoTitle   titles[4];
  /* "@" is replaced by the owner's last name */
  const char *companies[7];
  const char *offers[5];
  const char *needs[5];
} DemoTrade;

typedef struct
{
  const char *name;
  const char *forms[5];
  DemoTrade   trades[5];
} DemoSector;

#define STAFF_SECTOR "Vie du club"

/* The sizes are spelled out so that the generators can count them; the
 * compiler refuses a definition that disagrees. */
extern const char * const demo_female_first_names[62];
extern const char * const demo_male_first_names[60];
extern const char * const demo_last_names[133];
extern const char * const demo_cities[32];
extern const DemoTitle demo_generic_titles[6];
extern const DemoTitle demo_staff_titles[5];
extern const DemoSector demo_sectors[16];
extern const char * const demo_hobbies[15];
extern const char * const demo_places[5];
extern const char * const demo_dinner_themes[10];
extern const char * const demo_visit_hosts[6];
extern const char * const demo_video_topics[8];
extern const char * const demo_one_to_one_notes[6];

typedef struct
{
  const char *title;
  const char *body;
} DemoAnnouncement;

extern const DemoAnnouncement demo_announcements[5];
extern const char * const demo_need_replies[8];
extern const char * const demo_referral_notes[7];
extern const int demo_referral_weights[7];

G_END_DECLS
