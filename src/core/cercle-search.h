/* cercle-search.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cercle-types.h"
#include "cercle-enums.h"

G_BEGIN_DECLS

/* What the member directory asks for: the words typed, the filters, and
 * the order. A NULL string or -1 filters nothing. */
typedef struct
{
  char             *text;
  char             *sector;
  char             *city;
  int               status;   /* a CercleMemberStatus, or -1 */
  int               role;     /* a CercleMemberRole, or -1 */
  CercleMemberSort  sort;
} CercleMemberQuery;

#define CERCLE_TYPE_MEMBER_QUERY (cercle_member_query_get_type ())

GType              cercle_member_query_get_type  (void) G_GNUC_CONST;
CercleMemberQuery *cercle_member_query_new       (const char              *text);
CercleMemberQuery *cercle_member_query_copy      (const CercleMemberQuery *self);
void               cercle_member_query_free      (CercleMemberQuery       *self);
gboolean           cercle_member_query_has_filter (const CercleMemberQuery *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleMemberQuery, cercle_member_query_free)

/* Why a member is worth meeting */
typedef enum
{
  CERCLE_SUGGESTION_OFFERS_YOUR_NEED,  /* their trade answers what you look for */
  CERCLE_SUGGESTION_NEEDS_YOUR_OFFER,  /* they look for what you offer */
} CercleSuggestionReason;

/* A member to meet, and why in their words and the user's */
typedef struct
{
  gint64                  row;
  char                   *member_id;
  float                   score;
  CercleSuggestionReason  reason;
  char                   *their_text;    /* the line of their offers, title or needs */
  char                   *your_text;     /* the line of the user's needs or offers */
  guint                   shared_events;
} CercleSuggestion;

void               cercle_suggestion_free        (CercleSuggestion        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleSuggestion, cercle_suggestion_free)

#define CERCLE_TYPE_SEARCH (cercle_search_get_type ())

G_DECLARE_FINAL_TYPE (CercleSearch, cercle_search, CERCLE, SEARCH, GObject)

CercleSearch *cercle_search_new             (const char              *path,
                                             GError                 **error);
void          cercle_search_members_changed (CercleSearch            *self);
void          cercle_search_members_written (CercleSearch            *self,
                                             CercleChangeSet         *changes);
GArray       *cercle_search_members         (CercleSearch            *self,
                                             const char              *text,
                                             GCancellable            *cancellable,
                                             GError                 **error);
GArray       *cercle_search_query_members   (CercleSearch            *self,
                                             const CercleMemberQuery *query,
                                             GCancellable            *cancellable,
                                             GError                 **error);
char         *cercle_search_build_match     (const char              *text);

/* Who to meet: cercle-search-meet.c */
GPtrArray    *cercle_search_suggest_members (CercleSearch            *self,
                                             const char              *member_id,
                                             guint                    limit,
                                             GCancellable            *cancellable,
                                             GError                 **error);

G_END_DECLS
