/* cercle-search-terms.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-search"

#include "config.h"

#include <libstemmer.h>
#include <string.h>

#include "cercle-member.h"
#include "cercle-search-terms.h"

/* What a person typed in the member search, as words, and what each word
 * may match. A word matches as a prefix, whatever its accents and case
 * ("helene" finds "Hélène"); outside names it also matches other forms of
 * the same French word, found with the Snowball stemmer: "plombier" finds
 * "Plomberie", "avocate" finds "avocat", "comptables" finds "comptable".
 * Names are not stemmed: "Marie" must not find "Marion".
 *
 * The same terms write the FTS5 query that finds the members and find the
 * matched words in a member's text, so that a row can show what matched. */

/* Stems shorter than this match too many words to be of use */
#define MIN_STEM_LENGTH 4

typedef struct
{
  char *word;   /* folded: lower case, no accents */
  char *stem;   /* a shorter prefix for other forms, or NULL */
} Term;

struct _CercleSearchTerms
{
  gatomicrefcount ref_count;
  GArray         *terms;
};

G_DEFINE_BOXED_TYPE (CercleSearchTerms, cercle_search_terms,
                     cercle_search_terms_ref, cercle_search_terms_unref)

/* The columns of member_fts, in order, and the field each belongs to */
static const CercleSearchField fts_column_fields[] = {
  CERCLE_SEARCH_FIELD_NAME,    /* first_name */
  CERCLE_SEARCH_FIELD_NAME,    /* last_name */
  CERCLE_SEARCH_FIELD_COMPANY, /* company */
  CERCLE_SEARCH_FIELD_JOB,     /* job_title */
  CERCLE_SEARCH_FIELD_JOB,     /* sector */
  CERCLE_SEARCH_FIELD_CITY,    /* city */
  CERCLE_SEARCH_FIELD_OFFERS,  /* offers */
  CERCLE_SEARCH_FIELD_NEEDS,   /* needs */
};

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/**
 * cercle_search_fold:
 *
 * Returns: (transfer full): @text in lower case without accents, as the
 *   search index keeps its words ("Hélène" → "helene")
 */
char *
cercle_search_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *folded;

  g_return_val_if_fail (text != NULL, NULL);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup ("");

  folded = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (folded, g_unichar_tolower (c));
    }

  return g_string_free (folded, FALSE);
}

static gboolean
is_vowel (char c)
{
  return strchr ("aeiouy", c) != NULL;
}

/* The prefix that other forms of @word share: its Snowball stem, less the
 * vowels it ends with ("plombier" → "plombi" → "plomb", which "plomberie"
 * starts with too). NULL when it would add nothing or match too much. */
static char *
make_stem (struct sb_stemmer *stemmer,
           const char        *word)
{
  const sb_symbol *stemmed;
  g_autofree char *stem = NULL;
  gsize len;

  if (stemmer == NULL || g_ascii_isdigit (word[0]))
    return NULL;

  stemmed = sb_stemmer_stem (stemmer, (const sb_symbol *)word, (int)strlen (word));
  if (stemmed == NULL)
    return NULL;

  stem = g_strndup ((const char *)stemmed, (gsize)sb_stemmer_length (stemmer));
  len = strlen (stem);
  while (len > MIN_STEM_LENGTH && is_vowel (stem[len - 1]))
    stem[--len] = '\0';

  if (g_utf8_strlen (stem, -1) < MIN_STEM_LENGTH || g_str_has_prefix (stem, word))
    return NULL;

  return g_steal_pointer (&stem);
}

static void
term_clear (Term *term)
{
  g_clear_pointer (&term->word, g_free);
  g_clear_pointer (&term->stem, g_free);
}

/**
 * cercle_search_terms_new:
 * @text: what the user typed
 *
 * Returns: (transfer full) (nullable): the words of @text, or %NULL when
 *   it has none (only spaces or punctuation)
 */
CercleSearchTerms *
cercle_search_terms_new (const char *text)
{
  g_autoptr(GString) word = g_string_new (NULL);
  struct sb_stemmer *stemmer;
  CercleSearchTerms *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_new0 (CercleSearchTerms, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->terms = g_array_new (FALSE, TRUE, sizeof (Term));
  g_array_set_clear_func (self->terms, (GDestroyNotify)term_clear);

  /* One per call: a Snowball stemmer is not safe to share between threads */
  stemmer = sb_stemmer_new ("french", "UTF_8");

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && is_word_char (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          Term term;

          term.word = cercle_search_fold (word->str);
          term.stem = make_stem (stemmer, term.word);
          if (*term.word != '\0')
            g_array_append_val (self->terms, term);
          else
            term_clear (&term);
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  if (stemmer != NULL)
    sb_stemmer_delete (stemmer);

  if (self->terms->len == 0)
    {
      cercle_search_terms_unref (self);
      return NULL;
    }

  return self;
}

CercleSearchTerms *
cercle_search_terms_ref (CercleSearchTerms *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
cercle_search_terms_unref (CercleSearchTerms *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->terms);
      g_free (self);
    }
}

guint
cercle_search_terms_get_n_words (CercleSearchTerms *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->terms->len;
}

/* The first few letters of @word, for a second try when the whole query
 * found nobody ("dupond" then finds "Dupont") */
static char *
shorter_word (const char *word)
{
  glong len = g_utf8_strlen (word, -1);
  glong keep = MAX (MIN_STEM_LENGTH, (len * 2 + 2) / 3);

  if (len <= MIN_STEM_LENGTH)
    return g_strdup (word);

  return g_utf8_substring (word, 0, keep);
}

/**
 * cercle_search_terms_build_match:
 * @shorter: match shorter prefixes of the words, for a second try
 * @phrases: (element-type guint16): filled with each phrase's word, and
 *   %CERCLE_SEARCH_PHRASE_STEM for stems, in the order FTS5 numbers them
 *
 * Every word must match; each in its own form anywhere, or by its stem
 * anywhere but in names. Words are quoted, so that FTS5 syntax typed by
 * the user ("AND", quotes, stars) is searched as text.
 *
 * Returns: (transfer full): an FTS5 MATCH expression
 */
char *
cercle_search_terms_build_match (CercleSearchTerms *self,
                                 gboolean           shorter,
                                 GArray            *phrases)
{
  GString *match = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (phrases != NULL, NULL);

  g_array_set_size (phrases, 0);

  for (guint i = 0; i < self->terms->len; i++)
    {
      const Term *term = &g_array_index (self->terms, Term, i);
      guint16 phrase = (guint16)i;

      /* FTS5 takes no implicit AND between parentheses */
      if (match->len > 0)
        g_string_append (match, " AND ");

      if (shorter)
        {
          g_autofree char *prefix = shorter_word (term->word);

          g_string_append_printf (match, "\"%s\"*", prefix);
          g_array_append_val (phrases, phrase);
          continue;
        }

      g_string_append_printf (match, "(\"%s\"*", term->word);
      g_array_append_val (phrases, phrase);

      if (term->stem != NULL)
        {
          g_string_append_printf (match,
                                  " OR {company job_title sector city offers needs} : \"%s\"*",
                                  term->stem);
          phrase |= CERCLE_SEARCH_PHRASE_STEM;
          g_array_append_val (phrases, phrase);
        }

      g_string_append_c (match, ')');
    }

  return g_string_free (match, FALSE);
}

CercleSearchField
cercle_search_field_for_column (guint fts_column)
{
  if (fts_column >= G_N_ELEMENTS (fts_column_fields))
    return CERCLE_SEARCH_FIELD_NONE;

  return fts_column_fields[fts_column];
}

/* Which words of the terms match the token @folded: bit i for word i */
static guint64
token_matches (CercleSearchTerms *self,
               const char        *folded,
               CercleSearchField  field)
{
  guint64 words = 0;

  for (guint i = 0; i < self->terms->len && i < 64; i++)
    {
      const Term *term = &g_array_index (self->terms, Term, i);

      if (g_str_has_prefix (folded, term->word) ||
          (term->stem != NULL && field != CERCLE_SEARCH_FIELD_NAME &&
           g_str_has_prefix (folded, term->stem)))
        words |= G_GUINT64_CONSTANT (1) << i;
    }

  return words;
}

/* Calls back for every word of @text, as the index splits it */
static guint64
scan_text (CercleSearchTerms *self,
           const char        *text,
           CercleSearchField  field,
           GArray            *ranges)
{
  guint64 found = 0;
  const char *start = NULL;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && is_word_char (c))
        {
          if (start == NULL)
            start = p;
          continue;
        }

      if (start != NULL)
        {
          g_autofree char *token = g_strndup (start, (gsize)(p - start));
          g_autofree char *folded = cercle_search_fold (token);
          guint64 words = token_matches (self, folded, field);

          if (words != 0 && ranges != NULL)
            {
              CercleSearchRange range = { (guint)(start - text), (guint)(p - text) };

              g_array_append_val (ranges, range);
            }
          found |= words;
          start = NULL;
        }

      if (c == 0)
        break;
    }

  return found;
}

/**
 * cercle_search_terms_find:
 * @text: (nullable): a member's field
 * @field: which field @text is (names are matched without stems)
 * @ranges: (nullable) (element-type CercleSearchRange): filled with the
 *   byte ranges of the words that matched, in order
 *
 * Returns: whether any word of the search matched in @text
 */
gboolean
cercle_search_terms_find (CercleSearchTerms *self,
                          const char        *text,
                          CercleSearchField  field,
                          GArray            *ranges)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (ranges != NULL)
    g_array_set_size (ranges, 0);

  if (text == NULL)
    return FALSE;

  return scan_text (self, text, field, ranges) != 0;
}

/**
 * cercle_search_terms_best_field:
 *
 * The field that decided where @member ranks: each word counts where it
 * matches best, and the member ranks as its least telling word. A member
 * found for "comptable" because they offer "Tenue comptable" is an
 * %CERCLE_SEARCH_FIELD_OFFERS match; one who looks for "Experts-comptables"
 * a %CERCLE_SEARCH_FIELD_NEEDS one.
 *
 * Returns: the field, or %CERCLE_SEARCH_FIELD_NONE when some word matches
 *   nowhere
 */
CercleSearchField
cercle_search_terms_best_field (CercleSearchTerms *self,
                                CercleMember      *member)
{
  const char *texts[][2] = {
    [CERCLE_SEARCH_FIELD_NAME] = { cercle_member_get_first_name (member), cercle_member_get_last_name (member) },
    [CERCLE_SEARCH_FIELD_COMPANY] = { cercle_member_get_company (member), NULL },
    [CERCLE_SEARCH_FIELD_JOB] = { cercle_member_get_job_title (member), cercle_member_get_sector (member) },
    [CERCLE_SEARCH_FIELD_CITY] = { cercle_member_get_city (member), NULL },
    [CERCLE_SEARCH_FIELD_OFFERS] = { cercle_member_get_offers (member), NULL },
    [CERCLE_SEARCH_FIELD_NEEDS] = { cercle_member_get_needs (member), NULL },
  };
  guint64 all = self->terms->len >= 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << self->terms->len) - 1;
  guint64 found = 0;

  g_return_val_if_fail (self != NULL, CERCLE_SEARCH_FIELD_NONE);
  g_return_val_if_fail (CERCLE_IS_MEMBER (member), CERCLE_SEARCH_FIELD_NONE);

  for (CercleSearchField field = 0; field < CERCLE_SEARCH_N_FIELDS; field++)
    {
      for (guint k = 0; k < 2; k++)
        if (texts[field][k] != NULL)
          found |= scan_text (self, texts[field][k], field, NULL);

      if ((found & all) == all)
        return field;
    }

  return CERCLE_SEARCH_FIELD_NONE;
}
