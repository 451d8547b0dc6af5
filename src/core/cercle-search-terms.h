/* cercle-search-terms.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cercle-types.h"

G_BEGIN_DECLS

/* The member fields search looks in, from the most telling to the least:
 * a member found by name comes before one found by company, and a member
 * who offers what was typed before one who looks for it. */
typedef enum
{
  CERCLE_SEARCH_FIELD_NAME,
  CERCLE_SEARCH_FIELD_COMPANY,
  CERCLE_SEARCH_FIELD_JOB,
  CERCLE_SEARCH_FIELD_CITY,
  CERCLE_SEARCH_FIELD_OFFERS,
  CERCLE_SEARCH_FIELD_NEEDS,
  CERCLE_SEARCH_N_FIELDS,
  CERCLE_SEARCH_FIELD_NONE = CERCLE_SEARCH_N_FIELDS,
} CercleSearchField;

/* A byte range of a text that a search word matched */
typedef struct
{
  guint start;
  guint end;
} CercleSearchRange;

typedef struct _CercleSearchTerms CercleSearchTerms;

#define CERCLE_TYPE_SEARCH_TERMS (cercle_search_terms_get_type ())

GType              cercle_search_terms_get_type       (void) G_GNUC_CONST;
CercleSearchTerms *cercle_search_terms_new            (const char          *text);
CercleSearchTerms *cercle_search_terms_ref            (CercleSearchTerms   *self);
void               cercle_search_terms_unref          (CercleSearchTerms   *self);
guint              cercle_search_terms_get_n_words    (CercleSearchTerms   *self);
char              *cercle_search_terms_build_match    (CercleSearchTerms   *self,
                                                       gboolean             shorter,
                                                       GArray              *phrases);
gboolean           cercle_search_terms_find           (CercleSearchTerms   *self,
                                                       const char          *text,
                                                       CercleSearchField    field,
                                                       GArray              *ranges);
CercleSearchField  cercle_search_terms_best_field     (CercleSearchTerms   *self,
                                                       CercleMember        *member);

CercleSearchField  cercle_search_field_for_column     (guint                fts_column);
char              *cercle_search_fold                 (const char          *text);

/* How cercle_search_terms_build_match() numbers the phrases of the MATCH
 * it writes: each phrase's word, and whether it is a stem of it (stems
 * do not count in names). */
#define CERCLE_SEARCH_PHRASE_STEM 0x8000
#define CERCLE_SEARCH_PHRASE_WORD(p) ((p) & 0x7fff)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleSearchTerms, cercle_search_terms_unref)

G_END_DECLS
