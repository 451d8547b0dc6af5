/* cercle-search-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "cercle-db.h"
#include "cercle-search.h"

G_BEGIN_DECLS

/* CercleSearch's insides, shared by its files: cercle-search.c (the
 * search), cercle-search-directory.c (its cached directory) and
 * cercle-search-meet.c (who to meet). */

typedef struct
{
  gint64  row;
  guint32 place;
} RowPlace;

/* Every member's place in name order, found from its row number. Row
 * numbers come from the file, which anyone may have crafted: they may be
 * negative, huge or sparse. When they are dense enough a direct table is
 * fastest; otherwise a sorted array is searched. Either way the memory is
 * bounded by the number of members, not by the largest row number. */
typedef struct
{
  gint64    base;
  guint32  *dense;       /* place + 1 of row base + i, 0 for none */
  gsize     dense_len;
  RowPlace *sorted;
  guint     n_sorted;
} PlaceIndex;

/* Sectors and cities as small numbers, for filtering */
typedef struct
{
  GHashTable *ids;     /* string → id + 1 */
  GPtrArray  *names;
} Names;

/* A word's rank + 1 per place (0 for no match), as cercle_rank() gives it
 * for the word searched alone */
typedef struct
{
  char   *word;
  guint8 *ranks;
  guint   used;
} WordRanks;

struct _CercleSearch
{
  GObject     parent_instance;

  GMutex      lock;
  CercleDb   *db;

  /* Under lock: every member's row number in name order, and its inverse */
  GArray     *members_in_order;
  PlaceIndex  places;
  guint       order_generation;

  /* Under lock: per place in name order; the keys live in the chunk */
  const char **key_of_place;
  GStringChunk *keys;
  guint16    *sector_of_place;
  guint16    *city_of_place;
  guint8     *status_of_place;
  guint8     *role_of_place;
  Names       sectors;
  Names       cities;

  /* Under lock, made when first asked: places in other orders */
  guint32    *company_order;
  guint32    *joined_order;

  /* Under lock: how well each place matched a word searched alone, for
   * the words that match many members (a search's first letters, "de",
   * "saint"), the least recently used forgotten first. Typing changes only
   * the last word of a search: the others' ranks are combined from here
   * rather than searched again. A write moves the places along and ranks
   * the members written again, word by word. */
  GPtrArray  *word_ranks;    /* of WordRanks */
  guint       word_clock;

  /* Moves on after every committed write of members */
  guint       members_generation;

  /* Under pending_lock: the members written since the directory was
   * read (ids), or whether to read all of it again */
  GMutex      pending_lock;
  GHashTable *pending_ids;
  gboolean    pending_all;
};

/* Under the lock: cercle-search-directory.c */
gboolean _cercle_search_ensure_member_order (CercleSearch      *self,
                                             GError           **error);
void     _cercle_search_clear_directory     (CercleSearch      *self);
guint32  _cercle_search_lookup_place        (const PlaceIndex  *index,
                                             gint64             row);
int      _cercle_search_names_find          (Names             *names,
                                             const char        *name);

/* cercle-search.c */
int      _cercle_search_progress_cb         (void              *data);
void     _cercle_search_forget_words        (CercleSearch      *self);
void     _cercle_search_move_words          (CercleSearch      *self,
                                             const guint32     *old_place_of,
                                             guint              n_places,
                                             const gint64      *rows_read,
                                             guint              n_rows_read);
gboolean _cercle_search_prepare             (CercleSearch      *self,
                                             const char        *sql,
                                             sqlite3_stmt     **stmt,
                                             GError           **error);
gboolean _cercle_search_step_all            (CercleSearch      *self,
                                             sqlite3_stmt      *stmt,
                                             void             (*row_cb) (sqlite3_stmt *stmt,
                                                                         gpointer      data),
                                             gpointer           data,
                                             GError           **error);

G_END_DECLS
