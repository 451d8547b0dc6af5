/* cercle-search.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-search"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "cercle-db.h"
#include "cercle-search-private.h"
#include "cercle-search-terms.h"

/* Member search, on a connection of its own: in WAL mode it reads the last
 * committed state while the store's connection writes, and it runs in
 * worker threads, so a slow query never holds the interface. Searches are
 * serialized by a lock, which also guards the cached directory.
 *
 * The cache holds every member's place in name order with what the filters
 * look at (sector, city, status, role), so that filtering and ordering a
 * result costs a pass over small arrays, not a query. One FTS5 query finds
 * the members; an auxiliary function of ours tells from the matched
 * columns how well each matched (see cercle-search-terms.c). */

#define COMPANY_ORDER_SQL \
  "SELECT pk, company FROM member WHERE deleted = 0"

#define JOINED_ORDER_SQL \
  "SELECT pk FROM member WHERE deleted = 0 ORDER BY joined_on IS NULL, joined_on DESC, sort_key, pk"

#define MATCH_SQL \
  "SELECT rowid, cercle_rank (member_fts, ?2) FROM member_fts WHERE member_fts MATCH ?1"

#define MEMBER_TEXT_SQL \
  "SELECT first_name, last_name, company, job_title, sector, city, offers, needs" \
  " FROM member_fts_text WHERE pk = ?1"

/* Words kept ranked, at most: some 100 kB each at 100,000 members */
#define MAX_WORD_RANKS 64

/* A word found in more members than this is worth keeping ranked; rarer
 * words cost little to search again */
#define WORTH_KEEPING(n_members) MAX (64, (n_members) / 64)

/* Only words as short as the index's prefixes (prefix = '1 2 3') are
 * kept: those are the common ones, and the index finds one member's
 * match for them without reading every member's, which ranking the
 * members written again needs */
#define MAX_KEPT_LENGTH 3

/* More members written than this, and the kept words are forgotten
 * instead of ranking the members again */
#define MAX_RERANKED 256

/* Two ranks per field: words matched in their own form, then by a stem */
#define N_RANKS (CERCLE_SEARCH_N_FIELDS * 2)

G_DEFINE_FINAL_TYPE (CercleSearch, cercle_search, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (CercleMemberQuery, cercle_member_query,
                     cercle_member_query_copy, cercle_member_query_free)

/**
 * cercle_member_query_new:
 * @text: (nullable): what the user typed
 *
 * Returns: (transfer full): a query for @text with no filter, in name
 *   order
 */
CercleMemberQuery *
cercle_member_query_new (const char *text)
{
  CercleMemberQuery *self = g_new0 (CercleMemberQuery, 1);

  self->text = g_strdup (text);
  self->status = -1;
  self->role = -1;
  self->sort = CERCLE_MEMBER_SORT_NAME;

  return self;
}

CercleMemberQuery *
cercle_member_query_copy (const CercleMemberQuery *self)
{
  CercleMemberQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->text = g_strdup (self->text);
  copy->sector = g_strdup (self->sector);
  copy->city = g_strdup (self->city);

  return copy;
}

void
cercle_member_query_free (CercleMemberQuery *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->sector);
  g_free (self->city);
  g_free (self);
}

gboolean
cercle_member_query_has_filter (const CercleMemberQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->sector != NULL || self->city != NULL || self->status >= 0 || self->role >= 0;
}

int
_cercle_search_progress_cb (void *data)
{
  return g_cancellable_is_cancelled (G_CANCELLABLE (data)) ? 1 : 0;
}

/**
 * cercle_search_build_match:
 *
 * Returns: (transfer full) (nullable): the FTS5 query the member search
 *   runs for @text, or %NULL when @text has no word
 */
char *
cercle_search_build_match (const char *text)
{
  g_autoptr(CercleSearchTerms) terms = NULL;
  g_autoptr(GArray) phrases = g_array_new (FALSE, FALSE, sizeof (guint16));

  g_return_val_if_fail (text != NULL, NULL);

  terms = cercle_search_terms_new (text);
  if (terms == NULL)
    return NULL;

  return cercle_search_terms_build_match (terms, FALSE, phrases);
}

/* What cercle_rank() needs to know of the query: the word of each phrase */
typedef struct
{
  const guint16 *phrases;
  guint          n_phrases;
  guint          n_words;
} RankSpec;

#define RANK_SPEC_TYPE "cercle-rank-spec"

/* cercle_rank (member_fts, spec): how well a row matched, 0 best. Each
 * word counts in the most telling field it was found in; the row ranks as
 * its least telling word; a word found only through its stem ranks after
 * one found as typed. */
static void
rank_function (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               int                      n_values,
               sqlite3_value          **values)
{
  const RankSpec *spec;
  guint8 best[64];
  guint64 as_typed = 0;
  guint worst = 0;
  gboolean stem_only = FALSE;
  int n_phrases;

  spec = n_values == 1 ? sqlite3_value_pointer (values[0], RANK_SPEC_TYPE) : NULL;
  if (spec == NULL || spec->n_words == 0 || spec->n_words > G_N_ELEMENTS (best))
    {
      sqlite3_result_int (context, N_RANKS - 1);
      return;
    }

  memset (best, CERCLE_SEARCH_FIELD_NONE, sizeof best);
  n_phrases = MIN (api->xPhraseCount (fts), (int)spec->n_phrases);

  /* Only the columns each phrase was found in matter, not where in them:
   * walking them costs far less than listing every instance, which the
   * one- and two-letter prefixes of a big club have many of */
  for (int phrase = 0; phrase < n_phrases; phrase++)
    {
      guint16 spec_phrase = spec->phrases[phrase];
      guint word = CERCLE_SEARCH_PHRASE_WORD (spec_phrase);
      Fts5PhraseIter iter;
      int column = -1;

      if (word >= spec->n_words ||
          api->xPhraseFirstColumn (fts, phrase, &iter, &column) != SQLITE_OK)
        continue;

      for (; column >= 0; api->xPhraseNextColumn (fts, &iter, &column))
        {
          CercleSearchField field = cercle_search_field_for_column ((guint)column);

          if (field == CERCLE_SEARCH_FIELD_NONE)
            continue;
          if ((spec_phrase & CERCLE_SEARCH_PHRASE_STEM) && field == CERCLE_SEARCH_FIELD_NAME)
            continue;

          best[word] = MIN (best[word], field);
          if (!(spec_phrase & CERCLE_SEARCH_PHRASE_STEM))
            as_typed |= G_GUINT64_CONSTANT (1) << word;
        }
    }

  for (guint w = 0; w < spec->n_words; w++)
    {
      worst = MAX (worst, MIN (best[w], CERCLE_SEARCH_N_FIELDS - 1));
      if (!(as_typed & (G_GUINT64_CONSTANT (1) << w)))
        stem_only = TRUE;
    }

  sqlite3_result_int (context, (int)(worst * 2 + (stem_only ? 1 : 0)));
}

static gboolean
register_rank_function (CercleSearch  *self,
                        GError       **error)
{
  sqlite3 *handle = cercle_db_get_handle (self->db);
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, "SELECT fts5 (?1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (api == NULL)
    return cercle_db_set_error (error, handle, rc != SQLITE_OK ? rc : SQLITE_ERROR, CERCLE_DB_OPEN);

  rc = api->xCreateFunction (api, "cercle_rank", NULL, rank_function, NULL);
  if (rc != SQLITE_OK)
    return cercle_db_set_error (error, handle, rc, CERCLE_DB_OPEN);

  return TRUE;
}

/* Runs @stmt to its end, giving each row to @row_cb; finalizes @stmt */
gboolean
_cercle_search_step_all (CercleSearch  *self,
                         sqlite3_stmt  *stmt,
                         void         (*row_cb) (sqlite3_stmt *stmt, gpointer data),
                         gpointer       data,
                         GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row_cb (stmt, data);

  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return cercle_db_set_error (error, cercle_db_get_handle (self->db), rc, CERCLE_DB_SEARCH);

  return TRUE;
}

gboolean
_cercle_search_prepare (CercleSearch  *self,
                        const char    *sql,
                        sqlite3_stmt **stmt,
                        GError       **error)
{
  int rc = sqlite3_prepare_v2 (cercle_db_get_handle (self->db), sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    return cercle_db_set_error (error, cercle_db_get_handle (self->db), rc, CERCLE_DB_SEARCH);

  return TRUE;
}

typedef struct
{
  char    *key;
  guint32  place;
} Keyed;

static int
compare_keyed (const void *a,
               const void *b)
{
  const Keyed *ka = a, *kb = b;
  int c = strcmp (ka->key, kb->key);

  /* Same company: in name order */
  if (c != 0)
    return c;
  return ka->place < kb->place ? -1 : ka->place > kb->place ? 1 : 0;
}

static void
read_company (sqlite3_stmt *stmt,
              gpointer      data)
{
  struct { CercleSearch *self; GArray *keyed; } *reader = data;
  guint32 place = _cercle_search_lookup_place (&reader->self->places, sqlite3_column_int64 (stmt, 0));
  const char *company = (const char *)sqlite3_column_text (stmt, 1);
  Keyed keyed;

  if (place == 0)
    return;

  /* Companies sort like names, without regard to case or accents; members
   * with no company come last */
  keyed.key = company != NULL && *company != '\0' ? cercle_search_fold (company) : g_strdup ("\xff");
  keyed.place = place - 1;
  g_array_append_val (reader->keyed, keyed);
}

static void
read_joined (sqlite3_stmt *stmt,
             gpointer      data)
{
  struct { CercleSearch *self; GArray *places; } *reader = data;
  guint32 place = _cercle_search_lookup_place (&reader->self->places, sqlite3_column_int64 (stmt, 0));

  if (place != 0)
    {
      place--;
      g_array_append_val (reader->places, place);
    }
}

/* Places in the order of @sort, or NULL for name order. Called with the
 * lock held, after ensure_member_order(). */
static const guint32 *
ensure_sort_order (CercleSearch      *self,
                   CercleMemberSort   sort,
                   GError           **error)
{
  guint n = self->members_in_order->len;
  sqlite3_stmt *stmt = NULL;

  if (sort == CERCLE_MEMBER_SORT_COMPANY && self->company_order == NULL)
    {
      struct { CercleSearch *self; GArray *keyed; } reader = { self, g_array_new (FALSE, FALSE, sizeof (Keyed)) };
      gboolean ok = _cercle_search_prepare (self, COMPANY_ORDER_SQL, &stmt, error) &&
                    _cercle_search_step_all (self, stmt, read_company, &reader, error);

      if (ok && reader.keyed->len == n)
        {
          qsort (reader.keyed->data, n, sizeof (Keyed), compare_keyed);
          self->company_order = g_new (guint32, MAX (n, 1));
          for (guint i = 0; i < n; i++)
            self->company_order[i] = g_array_index (reader.keyed, Keyed, i).place;
        }

      for (guint i = 0; i < reader.keyed->len; i++)
        g_free (g_array_index (reader.keyed, Keyed, i).key);
      g_array_unref (reader.keyed);

      /* The file changed between the two reads: name order will do */
      if (!ok)
        return NULL;
    }

  if (sort == CERCLE_MEMBER_SORT_JOINED && self->joined_order == NULL)
    {
      struct { CercleSearch *self; GArray *places; } reader = { self, g_array_new (FALSE, FALSE, sizeof (guint32)) };

      if (_cercle_search_prepare (self, JOINED_ORDER_SQL, &stmt, error) &&
          _cercle_search_step_all (self, stmt, read_joined, &reader, error) &&
          reader.places->len == n)
        self->joined_order = (guint32 *)(void *)g_array_free (g_steal_pointer (&reader.places), FALSE);

      g_clear_pointer (&reader.places, g_array_unref);
    }

  if (sort == CERCLE_MEMBER_SORT_COMPANY)
    return self->company_order;
  if (sort == CERCLE_MEMBER_SORT_JOINED)
    return self->joined_order;

  return NULL;
}

typedef struct
{
  const PlaceIndex *places;
  guint8           *rank_of_place;   /* rank + 1, 0 for no match */
  guint             n_found;
} MarkMatches;

static void
mark_match (sqlite3_stmt *stmt,
            gpointer      data)
{
  MarkMatches *mark = data;
  guint32 place = _cercle_search_lookup_place (mark->places, sqlite3_column_int64 (stmt, 0));
  int rank = sqlite3_column_int (stmt, 1);

  if (place == 0 || mark->rank_of_place[place - 1] != 0)
    return;

  mark->rank_of_place[place - 1] = (guint8)(CLAMP (rank, 0, N_RANKS - 1) + 1);
  mark->n_found++;
}

/* Marks the members @terms find with their rank */
static gboolean
run_match (CercleSearch       *self,
           CercleSearchTerms  *terms,
           gboolean            shorter,
           MarkMatches        *mark,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autoptr(GArray) phrases = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autofree char *match = cercle_search_terms_build_match (terms, shorter, phrases);
  sqlite3 *handle = cercle_db_get_handle (self->db);
  RankSpec spec = { (const guint16 *)(void *)phrases->data, phrases->len,
                    cercle_search_terms_get_n_words (terms) };
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (!_cercle_search_prepare (self, MATCH_SQL, &stmt, error))
    return FALSE;

  if (sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC) != SQLITE_OK ||
      sqlite3_bind_pointer (stmt, 2, &spec, RANK_SPEC_TYPE, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return cercle_db_set_error (error, handle, SQLITE_ERROR, CERCLE_DB_SEARCH);
    }

  if (cancellable != NULL)
    sqlite3_progress_handler (handle, 1000, _cercle_search_progress_cb, cancellable);

  ok = _cercle_search_step_all (self, stmt, mark_match, mark, error);

  sqlite3_progress_handler (handle, 0, NULL, NULL);

  return ok;
}

static gboolean
place_passes (CercleSearch *self,
              guint         place,
              int           sector,
              int           city,
              int           status,
              int           role)
{
  return (sector < 0 || self->sector_of_place[place] == sector) &&
         (city < 0 || self->city_of_place[place] == city) &&
         (status < 0 || self->status_of_place[place] == status) &&
         (role < 0 || self->role_of_place[place] == role);
}

static void
word_ranks_free (gpointer data)
{
  WordRanks *kept = data;

  g_free (kept->word);
  g_free (kept->ranks);
  g_free (kept);
}

/* Called with the lock held, whenever the directory is read again */
void
_cercle_search_forget_words (CercleSearch *self)
{
  if (self->word_ranks != NULL)
    g_ptr_array_set_size (self->word_ranks, 0);
}

/* The ranks of @word searched alone, per place: kept, or searched for
 * and kept when it matches many members. Called with the lock held. */
static const guint8 *
rank_word (CercleSearch  *self,
           const char    *word,
           guint8       **searched,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(CercleSearchTerms) terms = NULL;
  guint n_members = self->members_in_order->len;
  WordRanks *kept;
  MarkMatches mark;

  for (guint i = 0; i < self->word_ranks->len; i++)
    {
      kept = g_ptr_array_index (self->word_ranks, i);
      if (g_str_equal (kept->word, word))
        {
          kept->used = ++self->word_clock;
          return kept->ranks;
        }
    }

  /* A word of the terms, already folded: it is one word again */
  terms = cercle_search_terms_new (word);
  g_assert (terms != NULL && cercle_search_terms_get_n_words (terms) == 1);

  mark.places = &self->places;
  mark.rank_of_place = g_malloc0 (MAX (n_members, 1));
  mark.n_found = 0;

  if (!run_match (self, terms, FALSE, &mark, cancellable, error))
    {
      g_free (mark.rank_of_place);
      return NULL;
    }

  if (mark.n_found <= WORTH_KEEPING (n_members) || g_utf8_strlen (word, -1) > MAX_KEPT_LENGTH)
    {
      *searched = mark.rank_of_place;
      return *searched;
    }

  if (self->word_ranks->len >= MAX_WORD_RANKS)
    {
      guint oldest = 0;

      for (guint i = 1; i < self->word_ranks->len; i++)
        if (((WordRanks *)g_ptr_array_index (self->word_ranks, i))->used <
            ((WordRanks *)g_ptr_array_index (self->word_ranks, oldest))->used)
          oldest = i;
      g_ptr_array_remove_index_fast (self->word_ranks, oldest);
    }

  kept = g_new0 (WordRanks, 1);
  kept->word = g_strdup (word);
  kept->ranks = mark.rank_of_place;
  kept->used = ++self->word_clock;
  g_ptr_array_add (self->word_ranks, kept);

  return kept->ranks;
}

/* How well each place matched every word of @terms, from each word's
 * ranks searched alone: as cercle_rank() ranks the whole query, a member
 * ranks as their least telling word, and after the members who match
 * every word as typed when some word matched only by its stem. Returns
 * how many members matched. */
static gboolean
rank_words (CercleSearch       *self,
            CercleSearchTerms  *terms,
            guint8             *rank_of_place,
            guint              *n_found,
            GCancellable       *cancellable,
            GError            **error)
{
  guint n_members = self->members_in_order->len;
  guint n_words = cercle_search_terms_get_n_words (terms);

  *n_found = 0;

  for (guint w = 0; w < n_words; w++)
    {
      g_autofree guint8 *searched = NULL;
      const guint8 *ranks = rank_word (self, cercle_search_terms_get_word (terms, w),
                                       &searched, cancellable, error);

      if (ranks == NULL)
        return FALSE;

      if (w == 0)
        {
          memcpy (rank_of_place, ranks, n_members);
          continue;
        }

      for (guint p = 0; p < n_members; p++)
        {
          guint a = rank_of_place[p], b = ranks[p];

          if (a == 0 || b == 0)
            rank_of_place[p] = 0;
          else
            rank_of_place[p] = (guint8)(1 + (MAX ((a - 1) >> 1, (b - 1) >> 1) << 1) +
                                        (((a - 1) | (b - 1)) & 1));
        }
    }

  for (guint p = 0; p < n_members; p++)
    if (rank_of_place[p] != 0)
      (*n_found)++;

  return TRUE;
}

/* @row's rank + 1 for each kept word, 0 where it does not match, as
 * cercle_rank() gives it: the most telling field a word of the member's
 * text starts with the kept word in. Kept words are too short to have a
 * stem (see cercle-search-terms.c), so only their own form counts. The
 * text is what the index was given (ligatures spelled out), split and
 * folded as the index splits and folds it. */
static gboolean
rank_row_again (CercleSearch       *self,
                gint64              row,
                CercleSearchTerms **terms,
                guint8             *ranks)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  memset (ranks, 0, self->word_ranks->len);

  if (!_cercle_search_prepare (self, MEMBER_TEXT_SQL, &stmt, NULL))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      for (int column = sqlite3_column_count (stmt) - 1; column >= 0; column--)
        {
          const char *text = (const char *)sqlite3_column_text (stmt, column);
          CercleSearchField field = cercle_search_field_for_column ((guint)column);

          if (text == NULL || field == CERCLE_SEARCH_FIELD_NONE)
            continue;

          for (guint w = 0; w < self->word_ranks->len; w++)
            if (cercle_search_terms_match_words (terms[w], text, field) != 0 &&
                (ranks[w] == 0 || ranks[w] > field * 2 + 1))
              ranks[w] = (guint8)(field * 2 + 1);
        }
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE;
}

/**
 * _cercle_search_move_words:
 * @old_place_of: per new place, its old place + 1, or 0 for a member read
 *   again
 * @rows_read: the row numbers of the members read again
 *
 * The directory's places moved after a write: the kept words' ranks move
 * along, and the members written are ranked again. Called with the lock
 * held, the places already made again.
 */
void
_cercle_search_move_words (CercleSearch  *self,
                           const guint32 *old_place_of,
                           guint          n_places,
                           const gint64  *rows_read,
                           guint          n_rows_read)
{
  guint n_words = self->word_ranks->len;
  g_autofree CercleSearchTerms **terms = NULL;
  g_autofree guint8 *row_ranks = NULL;

  if (n_words == 0)
    return;

  if (n_rows_read > MAX_RERANKED)
    {
      _cercle_search_forget_words (self);
      return;
    }

  for (guint i = 0; i < n_words; i++)
    {
      WordRanks *kept = g_ptr_array_index (self->word_ranks, i);
      guint8 *moved = g_malloc0 (MAX (n_places, 1));

      for (guint p = 0; p < n_places; p++)
        if (old_place_of[p] != 0)
          moved[p] = kept->ranks[old_place_of[p] - 1];

      g_free (kept->ranks);
      kept->ranks = moved;
    }

  terms = g_new0 (CercleSearchTerms *, n_words);
  for (guint i = 0; i < n_words; i++)
    terms[i] = cercle_search_terms_new (((WordRanks *)g_ptr_array_index (self->word_ranks, i))->word);
  row_ranks = g_new0 (guint8, n_words);

  for (guint r = 0; r < n_rows_read; r++)
    {
      guint32 place = _cercle_search_lookup_place (&self->places, rows_read[r]);

      if (place == 0)
        continue;

      /* Not knowing a member's rank would hide them: search again */
      if (!rank_row_again (self, rows_read[r], terms, row_ranks))
        {
          _cercle_search_forget_words (self);
          break;
        }

      for (guint i = 0; i < n_words; i++)
        ((WordRanks *)g_ptr_array_index (self->word_ranks, i))->ranks[place - 1] = row_ranks[i];
    }

  for (guint i = 0; i < n_words; i++)
    cercle_search_terms_unref (terms[i]);
}

/* Members found by name come first, then by company, job and sector,
 * city, offers and last needs; each group in the order asked for. Called
 * with the lock held. */
static GArray *
search_locked (CercleSearch             *self,
               const CercleMemberQuery  *query,
               GCancellable             *cancellable,
               GError                  **error)
{
  g_autoptr(CercleSearchTerms) terms = NULL;
  g_autofree guint8 *rank_of_place = NULL;
  g_autoptr(GArray) row_numbers = NULL;
  const guint32 *order;
  guint counts[N_RANKS + 1] = { 0, };
  guint starts[N_RANKS + 1];
  int sector = -1, city = -1;
  guint n_members;
  guint total = 0;

  if (!_cercle_search_ensure_member_order (self, error))
    return NULL;

  n_members = self->members_in_order->len;
  terms = query->text != NULL ? cercle_search_terms_new (query->text) : NULL;
  order = ensure_sort_order (self, query->sort, NULL);

  /* A filter on a sector or city no member has finds nobody */
  if ((query->sector != NULL && (sector = _cercle_search_names_find (&self->sectors, query->sector)) < 0) ||
      (query->city != NULL && (city = _cercle_search_names_find (&self->cities, query->city)) < 0))
    return g_array_new (FALSE, FALSE, sizeof (gint64));

  if (terms == NULL && order == NULL && !cercle_member_query_has_filter (query))
    {
      row_numbers = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_members);
      g_array_append_vals (row_numbers, self->members_in_order->data, n_members);
      return g_steal_pointer (&row_numbers);
    }

  if (terms != NULL)
    {
      MarkMatches mark;

      rank_of_place = g_malloc0 (MAX (n_members, 1));
      mark.places = &self->places;
      mark.rank_of_place = rank_of_place;
      mark.n_found = 0;

      /* Nobody: perhaps the words were typed with a mistake at the end */
      if (!rank_words (self, terms, rank_of_place, &mark.n_found, cancellable, error) ||
          (mark.n_found == 0 && !run_match (self, terms, TRUE, &mark, cancellable, error)))
        {
          /* A cancelled query stops with an interrupt error: the
           * cancellation is what the caller wants to hear about */
          if (g_cancellable_is_cancelled (cancellable))
            {
              g_clear_error (error);
              g_cancellable_set_error_if_cancelled (cancellable, error);
            }
          return NULL;
        }
    }

  /* Counted, then placed: one pass over the directory each */
  for (guint i = 0; i < n_members; i++)
    {
      guint place = order != NULL ? order[i] : i;
      guint bucket = rank_of_place != NULL ? rank_of_place[place] : 1;

      if (bucket != 0 && place_passes (self, place, sector, city, query->status, query->role))
        counts[bucket]++;
    }

  for (guint b = 0; b <= N_RANKS; b++)
    {
      starts[b] = total;
      total += counts[b];
    }

  row_numbers = g_array_sized_new (FALSE, FALSE, sizeof (gint64), total);
  g_array_set_size (row_numbers, total);

  for (guint i = 0; i < n_members; i++)
    {
      guint place = order != NULL ? order[i] : i;
      guint bucket = rank_of_place != NULL ? rank_of_place[place] : 1;

      if (bucket != 0 && place_passes (self, place, sector, city, query->status, query->role))
        g_array_index (row_numbers, gint64, starts[bucket]++) =
          g_array_index (self->members_in_order, gint64, place);
    }

  return g_steal_pointer (&row_numbers);
}

static void
cercle_search_finalize (GObject *object)
{
  CercleSearch *self = (CercleSearch *)object;

  g_clear_pointer (&self->db, cercle_db_close);
  _cercle_search_clear_directory (self);
  g_clear_pointer (&self->word_ranks, g_ptr_array_unref);
  g_clear_pointer (&self->pending_ids, g_hash_table_unref);
  g_mutex_clear (&self->pending_lock);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cercle_search_parent_class)->finalize (object);
}

static void
cercle_search_class_init (CercleSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cercle_search_finalize;
}

static void
cercle_search_init (CercleSearch *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->pending_lock);
  self->word_ranks = g_ptr_array_new_with_free_func (word_ranks_free);
  self->pending_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * cercle_search_new:
 * @path: a club file, already opened and migrated by a store
 *
 * Returns: (transfer full): a search on its own read-only connection
 */
CercleSearch *
cercle_search_new (const char  *path,
                   GError     **error)
{
  g_autoptr(CercleSearch) self = g_object_new (CERCLE_TYPE_SEARCH, NULL);

  g_return_val_if_fail (path != NULL, NULL);

  self->db = cercle_db_open (path, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, error);
  if (self->db == NULL)
    return NULL;

  /* Readers in WAL mode wait only for a checkpoint's brief lock */
  sqlite3_busy_timeout (cercle_db_get_handle (self->db), 1000);

  /* A one-letter prefix reads the index's longest lists, megabytes at
   * 100,000 members: through SQLite's default cache they were copied in
   * by a read() per page on every search, and again after every write of
   * another connection, which empties a reader's cache. Mapped, the pages
   * are read where the kernel keeps them.
   *
   * A mapped file that shrinks under the mapping makes a read of its lost
   * pages a SIGBUS, which SQLite cannot turn into an error (SQLite's
   * "Memory-Mapped I/O" page). Only SQLite writes a club file, and its
   * database file grows but never shrinks: nothing here runs VACUUM or
   * auto_vacuum, and checkpoints truncate the -wal file, not this one. A
   * file replaced or truncated by another program while the app runs
   * (restoring a backup over it) is the one way left; README.md says not
   * to do that. */
  if (!cercle_db_exec (self->db, "PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -16384",
                       CERCLE_DB_SEARCH, error))
    return NULL;

  if (!register_rank_function (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * cercle_search_query_members:
 *
 * Finds the members whose names, company, title, sector, city, offers or
 * needs match every word of @query's text (see cercle-search-terms.c) and
 * pass its filters, best matches first, each group in @query's order.
 * Blocks; safe to call from any thread.
 *
 * Returns: (transfer full): the members' row numbers, or %NULL with
 *   @error set
 */
GArray *
cercle_search_query_members (CercleSearch             *self,
                             const CercleMemberQuery  *query,
                             GCancellable             *cancellable,
                             GError                  **error)
{
  GArray *row_numbers;

  g_return_val_if_fail (CERCLE_IS_SEARCH (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_mutex_lock (&self->lock);
  row_numbers = search_locked (self, query, cancellable, error);
  g_mutex_unlock (&self->lock);

  return row_numbers;
}

/**
 * cercle_search_members:
 * @text: (nullable): what the user typed; empty finds every member
 *
 * Returns: (transfer full): the row numbers of the members @text finds,
 *   best first, or %NULL with @error set
 */
GArray *
cercle_search_members (CercleSearch  *self,
                       const char    *text,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(CercleMemberQuery) query = cercle_member_query_new (text);

  return cercle_search_query_members (self, query, cancellable, error);
}
