/* cercle-search-meet.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-search"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cercle-search-private.h"
#include "cercle-search-terms.h"

/* Who to meet: members a member should have a coffee with. Weak ties bring
 * the most business, so these are members they have had no one-to-one
 * with and rarely sat at the same event as, whose trade answers what they
 * look for (and, less, who look for what they offer).
 *
 * Each keyword of the member's needs is looked for in the others' offers,
 * job titles and sectors, and each keyword of their offers in the others'
 * needs, one FTS5 query per word on the search index (stems included, so
 * "comptable" meets "comptabilité"). A word counts as much as it is rare
 * in the club (its inverse document frequency): "conseil" matches a third
 * of a club and says little, "charpente" says a lot. The scores add up in
 * arrays indexed by the members' places in the cached directory, which
 * also says who is active: no per-member query until the few best. */

/* A member who sat at more events with the user than this is no weak tie */
#define MAX_SHARED_EVENTS 2

/* How far down the ranking to look for members the user rarely meets */
#define MAX_EXAMINED 400

/* What they do, for what the user looks for; what they look for, for
 * what the user offers */
#define GIVE_COLUMNS "offers job_title sector"
#define TAKE_COLUMNS "needs"

/* What the user looks for matters more than what they could sell */
#define TAKE_WEIGHT 0.5

/* A word found in more members than this says little of a trade
 * ("entreprise", "conseil"): a suggestion needs at least one word that
 * is rarer, however many common ones it has */
#define MAX_TELLING(n_members) MAX (3, (n_members) / 10)

typedef struct
{
  guint32 place;
  float   score;
} Ranked;

static int
compare_ranked (const void *a,
                const void *b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->score != rb->score)
    return ra->score > rb->score ? -1 : 1;
  /* Ties in name order, so that the answer does not depend on the file */
  return ra->place < rb->place ? -1 : ra->place > rb->place ? 1 : 0;
}

void
cercle_suggestion_free (CercleSuggestion *self)
{
  if (self == NULL)
    return;

  g_free (self->member_id);
  g_free (self->their_text);
  g_free (self->your_text);
  g_free (self);
}

static gboolean
prepare (CercleSearch  *self,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  sqlite3 *handle = cercle_db_get_handle (self->db);
  int rc = sqlite3_prepare_v2 (handle, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    return cercle_db_set_error (error, handle, rc, CERCLE_DB_SEARCH);

  return TRUE;
}

static gboolean
finish (CercleSearch  *self,
        sqlite3_stmt  *stmt,
        int            rc,
        GError       **error)
{
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return cercle_db_set_error (error, cercle_db_get_handle (self->db), rc, CERCLE_DB_SEARCH);

  return TRUE;
}

/* Adds word @word of @terms, weighted by its rarity, to the score of every
 * member whose @columns it is found in */
static gboolean
score_word (CercleSearch       *self,
            CercleSearchTerms  *terms,
            guint               word,
            const char         *columns,
            float               weight,
            float              *scores,
            guint32            *masks,
            guint32            *telling,
            GCancellable       *cancellable,
            GError            **error)
{
  g_autofree char *match = cercle_search_terms_build_word_match (terms, word, columns);
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint n_members = self->members_in_order->len;
  sqlite3 *handle = cercle_db_get_handle (self->db);
  sqlite3_stmt *stmt = NULL;
  float idf;
  int rc;

  if (!prepare (self, "SELECT rowid FROM member_fts WHERE member_fts MATCH ?1", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);

  if (cancellable != NULL)
    sqlite3_progress_handler (handle, 1000, _cercle_search_progress_cb, cancellable);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 place = _cercle_search_lookup_place (&self->places, sqlite3_column_int64 (stmt, 0));

      if (place != 0)
        {
          place--;
          g_array_append_val (places, place);
        }
    }

  sqlite3_progress_handler (handle, 0, NULL, NULL);

  if (!finish (self, stmt, rc, error))
    return FALSE;

  if (places->len == 0)
    return TRUE;

  if (places->len <= MAX_TELLING (n_members))
    *telling |= (guint32)1 << word;

  idf = weight * logf ((float)(n_members + 1) / (float)(places->len + 1));
  if (idf <= 0)
    return TRUE;

  for (guint i = 0; i < places->len; i++)
    {
      guint32 place = g_array_index (places, guint32, i);
      guint32 bit = (guint32)1 << word;

      /* A word found in several fields of a member counts once */
      if (masks[place] & bit)
        continue;
      masks[place] |= bit;
      scores[place] += idf;
    }

  return TRUE;
}

/* The row numbers of the members @member_id had a one-to-one with */
static GHashTable *
read_met (CercleSearch  *self,
          const char    *member_id,
          GError       **error)
{
  g_autoptr(GHashTable) met = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (self,
                "SELECT pk FROM member WHERE id IN"
                " (SELECT member_b_id FROM one_to_one WHERE member_a_id = ?1 AND deleted = 0"
                "  UNION SELECT member_a_id FROM one_to_one WHERE member_b_id = ?1 AND deleted = 0)",
                &stmt, error))
    return NULL;
  sqlite3_bind_text (stmt, 1, member_id, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *row = g_new (gint64, 1);

      *row = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (met, row);
    }

  if (!finish (self, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&met);
}

/* The line of @text with the most of @words, the @telling ones first;
 * NULL when none has any */
static char *
best_line (CercleSearchTerms *terms,
           const char        *text,
           CercleSearchField  field,
           guint32            words,
           guint32            telling,
           guint32           *matched)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  const char *best = NULL;
  guint best_count = 0;

  *matched = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint32 found = (guint32)cercle_search_terms_match_words (terms, lines[i], field) & words;
      guint count = 2 * (guint)__builtin_popcount (found & telling) + (guint)__builtin_popcount (found);

      if (found != 0 && count > best_count)
        {
          best = lines[i];
          best_count = count;
          *matched = found;
        }
    }

  return best != NULL ? g_strstrip (g_strdup (best)) : NULL;
}

typedef struct
{
  char *member_id;
  char *offers;
  char *needs;
  char *job_title;
  char *sector;
} Profile;

static void
profile_clear (Profile *profile)
{
  g_clear_pointer (&profile->member_id, g_free);
  g_clear_pointer (&profile->offers, g_free);
  g_clear_pointer (&profile->needs, g_free);
  g_clear_pointer (&profile->job_title, g_free);
  g_clear_pointer (&profile->sector, g_free);
}

static gboolean
read_profile (CercleSearch  *self,
              gint64         row,
              Profile       *profile,
              GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (self, "SELECT id, offers, needs, job_title, sector FROM member WHERE pk = ?1",
                &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      profile->member_id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      profile->offers = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      profile->needs = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      profile->job_title = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      profile->sector = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      rc = SQLITE_DONE;
    }

  return finish (self, stmt, rc, error) && profile->member_id != NULL;
}

static gboolean
count_shared_events (CercleSearch  *self,
                     const char    *member_id,
                     const char    *other_id,
                     guint         *shared,
                     GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (self,
                "SELECT count (*) FROM registration"
                " WHERE member_id = ?2 AND deleted = 0 AND response = 'yes' AND event_id IN"
                "  (SELECT event_id FROM registration"
                "   WHERE member_id = ?1 AND deleted = 0 AND response = 'yes')",
                &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, member_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, other_id, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *shared = (guint)sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }

  return finish (self, stmt, rc, error);
}

/* Says why: the line of theirs that matched, and the line of the user's
 * it answers */
static void
explain (CercleSuggestion  *suggestion,
         const Profile     *user,
         const Profile     *other,
         CercleSearchTerms *needs,
         CercleSearchTerms *offers,
         guint32            give_mask,
         guint32            take_mask,
         guint32            give_telling,
         guint32            take_telling,
         gboolean           gives)
{
  guint32 matched = 0;
  guint32 unused = 0;

  if (gives)
    {
      suggestion->reason = CERCLE_SUGGESTION_OFFERS_YOUR_NEED;
      suggestion->their_text = best_line (needs, other->offers, CERCLE_SEARCH_FIELD_OFFERS,
                                          give_mask, give_telling, &matched);
      if (suggestion->their_text == NULL)
        suggestion->their_text = best_line (needs, other->job_title, CERCLE_SEARCH_FIELD_JOB,
                                            give_mask, give_telling, &matched);
      if (suggestion->their_text == NULL)
        suggestion->their_text = best_line (needs, other->sector, CERCLE_SEARCH_FIELD_JOB,
                                            give_mask, give_telling, &matched);
      suggestion->your_text = best_line (needs, user->needs, CERCLE_SEARCH_FIELD_NEEDS,
                                         matched != 0 ? matched : give_mask, give_telling, &unused);
    }
  else
    {
      g_autofree char *what_you_do = g_strjoin ("\n", user->offers ? user->offers : "",
                                                user->job_title ? user->job_title : "", NULL);

      suggestion->reason = CERCLE_SUGGESTION_NEEDS_YOUR_OFFER;
      suggestion->their_text = best_line (offers, other->needs, CERCLE_SEARCH_FIELD_NEEDS,
                                          take_mask, take_telling, &matched);
      suggestion->your_text = best_line (offers, what_you_do, CERCLE_SEARCH_FIELD_OFFERS,
                                         matched != 0 ? matched : take_mask, take_telling, &unused);
    }
}

static GPtrArray *
suggest_locked (CercleSearch  *self,
                const char    *member_id,
                guint          limit,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_suggestion_free);
  g_autoptr(CercleSearchTerms) needs = NULL;
  g_autoptr(CercleSearchTerms) offers = NULL;
  g_autoptr(GHashTable) met = NULL;
  g_autoptr(GArray) ranked = NULL;
  g_autofree float *give = NULL;
  g_autofree float *take = NULL;
  g_autofree guint32 *give_masks = NULL;
  g_autofree guint32 *take_masks = NULL;
  g_autofree char *what_you_do = NULL;
  guint32 give_telling = 0;
  guint32 take_telling = 0;
  Profile user = { NULL, };
  sqlite3_stmt *stmt = NULL;
  gint64 user_row = -1;
  guint32 user_place = 0;
  guint n_members;
  gboolean ok = TRUE;
  int rc;

  if (!_cercle_search_ensure_member_order (self, error))
    return NULL;
  n_members = self->members_in_order->len;

  if (!prepare (self, "SELECT pk FROM member WHERE id = ?1 AND deleted = 0", &stmt, error))
    return NULL;
  sqlite3_bind_text (stmt, 1, member_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      user_row = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  if (!finish (self, stmt, rc, error))
    return NULL;

  /* Someone the club does not know (yet) gets no advice */
  if (user_row < 0 || !read_profile (self, user_row, &user, error) ||
      (user_place = _cercle_search_lookup_place (&self->places, user_row)) == 0)
    {
      profile_clear (&user);
      return error == NULL || *error == NULL ? g_steal_pointer (&suggestions) : NULL;
    }

  needs = user.needs != NULL ? cercle_search_terms_new_keywords (user.needs) : NULL;
  what_you_do = g_strjoin ("\n", user.offers ? user.offers : "", user.job_title ? user.job_title : "", NULL);
  offers = cercle_search_terms_new_keywords (what_you_do);

  give = g_new0 (float, MAX (n_members, 1));
  take = g_new0 (float, MAX (n_members, 1));
  give_masks = g_new0 (guint32, MAX (n_members, 1));
  take_masks = g_new0 (guint32, MAX (n_members, 1));

  for (guint w = 0; ok && needs != NULL && w < cercle_search_terms_get_n_words (needs); w++)
    ok = score_word (self, needs, w, GIVE_COLUMNS, 1.0f, give, give_masks, &give_telling, cancellable, error);
  for (guint w = 0; ok && offers != NULL && w < cercle_search_terms_get_n_words (offers); w++)
    ok = score_word (self, offers, w, TAKE_COLUMNS, TAKE_WEIGHT, take, take_masks, &take_telling,
                     cancellable, error);

  if (!ok || !(met = read_met (self, member_id, error)))
    goto failed;

  ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  for (guint place = 0; place < n_members; place++)
    {
      Ranked r = { place, give[place] + take[place] };
      gint64 row = g_array_index (self->members_in_order, gint64, place);

      if (r.score <= 0 || place == user_place - 1 ||
          ((give_masks[place] & give_telling) == 0 && (take_masks[place] & take_telling) == 0) ||
          self->status_of_place[place] != CERCLE_MEMBER_STATUS_ACTIVE ||
          g_hash_table_contains (met, &row))
        continue;
      g_array_append_val (ranked, r);
    }
  qsort (ranked->data, ranked->len, sizeof (Ranked), compare_ranked);

  for (guint i = 0; i < ranked->len && i < MAX_EXAMINED && suggestions->len < limit; i++)
    {
      const Ranked *r = &g_array_index (ranked, Ranked, i);
      gint64 row = g_array_index (self->members_in_order, gint64, r->place);
      Profile other = { NULL, };
      CercleSuggestion *suggestion;
      guint shared = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !read_profile (self, row, &other, error) ||
          !count_shared_events (self, member_id, other.member_id, &shared, error))
        {
          profile_clear (&other);
          goto failed;
        }

      if (shared > MAX_SHARED_EVENTS)
        {
          profile_clear (&other);
          continue;
        }

      suggestion = g_new0 (CercleSuggestion, 1);
      suggestion->row = row;
      suggestion->member_id = g_strdup (other.member_id);
      suggestion->score = r->score;
      suggestion->shared_events = shared;
      explain (suggestion, &user, &other, needs, offers,
               give_masks[r->place], take_masks[r->place], give_telling, take_telling,
               give[r->place] >= take[r->place]);
      g_ptr_array_add (suggestions, suggestion);
      profile_clear (&other);
    }

  profile_clear (&user);
  return g_steal_pointer (&suggestions);

failed:
  profile_clear (&user);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  return NULL;
}

/**
 * cercle_search_suggest_members:
 * @member_id: the member who asks, usually the local user
 * @limit: how many suggestions at most
 *
 * Members @member_id should meet: active, never met in a one-to-one, at
 * most two events in common, whose trade answers @member_id's needs or
 * who need what @member_id offers; best first, each with the lines that
 * explain it. Blocks; safe to call from any thread.
 *
 * Returns: (transfer full) (element-type CercleSuggestion): the
 *   suggestions, perhaps none; %NULL with @error set
 */
GPtrArray *
cercle_search_suggest_members (CercleSearch  *self,
                               const char    *member_id,
                               guint          limit,
                               GCancellable  *cancellable,
                               GError       **error)
{
  GPtrArray *suggestions;

  g_return_val_if_fail (CERCLE_IS_SEARCH (self), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_mutex_lock (&self->lock);
  suggestions = suggest_locked (self, member_id, limit, cancellable, error);
  g_mutex_unlock (&self->lock);

  return suggestions;
}
