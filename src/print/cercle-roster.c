/* cercle-roster.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-roster"

#include "config.h"

#include <string.h>

#include "cercle-roster.h"

struct _CercleRoster
{
  char            *club_name;
  cairo_surface_t *club_logo;
  char            *event_title;
  char            *event_when;
  char            *event_place;
  /* of CercleAttendee: pointers stay valid while the array grows */
  GPtrArray       *attendees;
};

static void cercle_roster_free (CercleRoster *self);

G_DEFINE_BOXED_TYPE (CercleRoster, cercle_roster, cercle_roster_ref, cercle_roster_unref)

static void
cercle_attendee_free (CercleAttendee *attendee)
{
  g_free (attendee->first_name);
  g_free (attendee->last_name);
  g_free (attendee->company);
  g_free (attendee->role);
  g_free (attendee->vcard);
  g_free (attendee->sort_key);
  g_free (attendee);
}

/* Names come from other people's files: whatever they hold, a badge gets
 * valid UTF-8 on one line. */
static char *
dup_clean (const char *text)
{
  char *valid;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  for (char *p = valid; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';

  return g_strstrip (valid);
}

static void
cercle_roster_free (CercleRoster *self)
{
  g_free (self->club_name);
  g_clear_pointer (&self->club_logo, cairo_surface_destroy);
  g_free (self->event_title);
  g_free (self->event_when);
  g_free (self->event_place);
  g_ptr_array_unref (self->attendees);
}

CercleRoster *
cercle_roster_new (void)
{
  CercleRoster *self = g_atomic_rc_box_new0 (CercleRoster);

  self->club_name = g_strdup ("");
  self->event_title = g_strdup ("");
  self->event_when = g_strdup ("");
  self->event_place = g_strdup ("");
  self->attendees = g_ptr_array_new_with_free_func ((GDestroyNotify) cercle_attendee_free);

  return self;
}

CercleRoster *
cercle_roster_ref (CercleRoster *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
cercle_roster_unref (CercleRoster *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) cercle_roster_free);
}

/**
 * cercle_roster_set_club:
 * @logo: (nullable): the club's logo, any size: it is scaled to fit
 */
void
cercle_roster_set_club (CercleRoster    *self,
                        const char      *name,
                        cairo_surface_t *logo)
{
  g_return_if_fail (self != NULL);

  g_free (self->club_name);
  self->club_name = dup_clean (name);

  if (logo != NULL)
    cairo_surface_reference (logo);
  g_clear_pointer (&self->club_logo, cairo_surface_destroy);
  self->club_logo = logo;
}

const char *
cercle_roster_get_club_name (CercleRoster *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->club_name;
}

cairo_surface_t *
cercle_roster_get_club_logo (CercleRoster *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->club_logo;
}

/**
 * cercle_roster_set_event:
 * @when: the date and time, already written for the reader's locale
 */
void
cercle_roster_set_event (CercleRoster *self,
                         const char   *title,
                         const char   *when,
                         const char   *place)
{
  g_return_if_fail (self != NULL);

  g_free (self->event_title);
  g_free (self->event_when);
  g_free (self->event_place);
  self->event_title = dup_clean (title);
  self->event_when = dup_clean (when);
  self->event_place = dup_clean (place);
}

const char *
cercle_roster_get_event_title (CercleRoster *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->event_title;
}

const char *
cercle_roster_get_event_when (CercleRoster *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->event_when;
}

const char *
cercle_roster_get_event_place (CercleRoster *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->event_place;
}

/* Removes accents (and any other combining mark) after canonical
 * decomposition and folds case, so that "Émilie" sorts next to "Emma" in
 * every locale, while Greek, Arabic or Chinese letters stay what they are. */
static char *
dup_folded (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  g_autofree char *casefolded = NULL;
  GString *out;

  if (decomposed == NULL)
    return g_strdup ("");

  casefolded = g_utf8_casefold (decomposed, -1);
  out = g_string_sized_new (strlen (casefolded));

  for (const char *p = casefolded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * cercle_roster_sort_key:
 *
 * Returns: a key that compares with strcmp(): last names in the order of
 *   the user's locale, regardless of case and accents, then first names;
 *   the accented spelling only breaks ties
 */
char *
cercle_roster_sort_key (const char *last_name,
                        const char *first_name)
{
  g_autofree char *folded_last = dup_folded (last_name ? last_name : "");
  g_autofree char *folded_first = dup_folded (first_name ? first_name : "");
  g_autofree char *key_last = g_utf8_collate_key (folded_last, -1);
  g_autofree char *key_first = g_utf8_collate_key (folded_first, -1);
  g_autofree char *exact = g_strconcat (last_name ? last_name : "", "\x01",
                                        first_name ? first_name : "", NULL);

  /* \x01 sorts below anything a collation key holds, so "Martin" comes
   * before "Martinez" whatever the first names */
  return g_strconcat (key_last, "\x01", key_first, "\x01", exact, NULL);
}

/**
 * cercle_roster_add:
 * @company: (nullable):
 * @role: (nullable): job title or sector
 *
 * Returns: (transfer none): the new attendee, to set its QR code
 */
CercleAttendee *
cercle_roster_add (CercleRoster       *self,
                   const char         *first_name,
                   const char         *last_name,
                   const char         *company,
                   const char         *role,
                   CercleAttendeeKind  kind)
{
  CercleAttendee *attendee;

  g_return_val_if_fail (self != NULL, NULL);

  attendee = g_new0 (CercleAttendee, 1);
  attendee->first_name = dup_clean (first_name);
  attendee->last_name = dup_clean (last_name);
  attendee->company = dup_clean (company);
  attendee->role = dup_clean (role);
  attendee->kind = kind;
  attendee->presence = CERCLE_PRESENCE_UNKNOWN;
  g_ptr_array_add (self->attendees, attendee);

  return attendee;
}

/**
 * cercle_attendee_set_vcard:
 * @vcard: (nullable): the text of the attendee's QR code, %NULL for none
 */
void
cercle_attendee_set_vcard (CercleAttendee *attendee,
                           const char     *vcard)
{
  g_return_if_fail (attendee != NULL);

  g_free (attendee->vcard);
  attendee->vcard = vcard != NULL && *vcard != '\0' ? g_strdup (vcard) : NULL;
}

guint
cercle_roster_get_n_attendees (CercleRoster *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->attendees->len;
}

const CercleAttendee *
cercle_roster_get_attendee (CercleRoster *self,
                            guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->attendees->len, NULL);

  return g_ptr_array_index (self->attendees, index);
}

static int
compare_attendees (gconstpointer a,
                   gconstpointer b)
{
  const CercleAttendee *x = *(CercleAttendee * const *) a;
  const CercleAttendee *y = *(CercleAttendee * const *) b;

  return strcmp (x->sort_key, y->sort_key);
}

/* Sorts by last name, then first name (see cercle_roster_sort_key()) */
void
cercle_roster_sort (CercleRoster *self)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->attendees->len; i++)
    {
      CercleAttendee *attendee = g_ptr_array_index (self->attendees, i);

      if (attendee->sort_key == NULL)
        attendee->sort_key = cercle_roster_sort_key (attendee->last_name, attendee->first_name);
    }

  g_ptr_array_sort (self->attendees, compare_attendees);
}
