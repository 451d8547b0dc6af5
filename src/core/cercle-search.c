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

#include "cercle-db.h"
#include "cercle-search.h"

/* Member search, on a connection of its own: in WAL mode it reads the last
 * committed state while the store's connection writes, and it runs in
 * worker threads, so a slow query never holds the interface. Searches are
 * serialized by a lock, which also guards the cached name order. */

#define MEMBERS_IN_ORDER_SQL \
  "SELECT pk FROM member WHERE deleted = 0 ORDER BY sort_key"

#define MATCH_SQL \
  "SELECT rowid FROM member_fts WHERE member_fts MATCH ?1"

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

struct _CercleSearch
{
  GObject     parent_instance;

  GMutex      lock;
  CercleDb   *db;

  /* Under lock: every member's row number in name order, and its inverse */
  GArray     *members_in_order;
  PlaceIndex  places;
  guint       order_generation;

  /* Moves on after every committed write of members */
  guint       members_generation;
};

G_DEFINE_FINAL_TYPE (CercleSearch, cercle_search, G_TYPE_OBJECT)

static void
place_index_clear (PlaceIndex *index)
{
  g_clear_pointer (&index->dense, g_free);
  g_clear_pointer (&index->sorted, g_free);
  index->dense_len = 0;
  index->n_sorted = 0;
  index->base = 0;
}

static int
compare_row_places (const void *a,
                    const void *b)
{
  gint64 ra = ((const RowPlace *)a)->row;
  gint64 rb = ((const RowPlace *)b)->row;

  return ra < rb ? -1 : ra > rb ? 1 : 0;
}

static void
place_index_build (PlaceIndex *index,
                   GArray     *members_in_order)
{
  guint n = members_in_order->len;
  gint64 min_row = G_MAXINT64;
  gint64 max_row = G_MININT64;

  place_index_clear (index);

  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      gint64 row = g_array_index (members_in_order, gint64, i);

      min_row = MIN (min_row, row);
      max_row = MAX (max_row, row);
    }

  /* max_row - min_row may overflow for rows at both ends of the range:
   * compare in unsigned arithmetic, where it cannot. */
  if ((guint64)max_row - (guint64)min_row < (guint64)n * 4 + 64)
    {
      index->base = min_row;
      index->dense_len = (gsize)((guint64)max_row - (guint64)min_row) + 1;
      index->dense = g_new0 (guint32, index->dense_len);
      for (guint i = 0; i < n; i++)
        index->dense[(guint64)g_array_index (members_in_order, gint64, i) - (guint64)min_row] = i + 1;
      return;
    }

  index->sorted = g_new (RowPlace, n);
  index->n_sorted = n;
  for (guint i = 0; i < n; i++)
    {
      index->sorted[i].row = g_array_index (members_in_order, gint64, i);
      index->sorted[i].place = i + 1;
    }
  qsort (index->sorted, n, sizeof (RowPlace), compare_row_places);
}

/* The place + 1 of @row in name order; 0 for a row with no place (deleted,
 * or written since the order was read) */
static guint32
place_index_lookup (const PlaceIndex *index,
                    gint64            row)
{
  if (index->dense != NULL)
    {
      guint64 offset = (guint64)row - (guint64)index->base;

      return offset < index->dense_len ? index->dense[offset] : 0;
    }

  if (index->sorted != NULL)
    {
      RowPlace key = { row, 0 };
      const RowPlace *found = bsearch (&key, index->sorted, index->n_sorted,
                                       sizeof (RowPlace), compare_row_places);

      return found != NULL ? found->place : 0;
    }

  return 0;
}

static int
progress_cb (void *data)
{
  return g_cancellable_is_cancelled (G_CANCELLABLE (data)) ? 1 : 0;
}

/* Turns what the user typed into an FTS5 query: every word must match as a
 * prefix. Words are quoted, so that FTS5 syntax typed by the user ("AND",
 * quotes, stars) is searched as text rather than interpreted. */
char *
cercle_search_build_match (const char *text)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          if (match->len > 0)
            g_string_append_c (match, ' ');
          g_string_append_printf (match, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  return match->len > 0 ? g_string_free (g_steal_pointer (&match), FALSE) : NULL;
}

/* Runs @stmt to its end, giving each row to @row_cb; finalizes @stmt */
static gboolean
step_all (CercleSearch  *self,
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

static void
add_member_in_order (sqlite3_stmt *stmt,
                     gpointer      data)
{
  gint64 row = sqlite3_column_int64 (stmt, 0);

  g_array_append_val ((GArray *)data, row);
}

/* Called with the lock held */
static gboolean
ensure_member_order (CercleSearch  *self,
                     GError       **error)
{
  guint generation = (guint)g_atomic_int_get (&self->members_generation);
  g_autoptr(GArray) members_in_order = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (self->members_in_order != NULL && self->order_generation == generation)
    return TRUE;

  members_in_order = g_array_new (FALSE, FALSE, sizeof (gint64));
  rc = sqlite3_prepare_v2 (cercle_db_get_handle (self->db), MEMBERS_IN_ORDER_SQL, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return cercle_db_set_error (error, cercle_db_get_handle (self->db), rc, CERCLE_DB_SEARCH);
  if (!step_all (self, stmt, add_member_in_order, members_in_order, error))
    return FALSE;

  g_clear_pointer (&self->members_in_order, g_array_unref);
  self->members_in_order = g_steal_pointer (&members_in_order);
  place_index_build (&self->places, self->members_in_order);
  self->order_generation = generation;

  return TRUE;
}

typedef struct
{
  const PlaceIndex *places;
  guint8           *tier_of_place;
  guint8            tier;
} MarkMatches;

static void
mark_match (sqlite3_stmt *stmt,
            gpointer      data)
{
  MarkMatches *mark = data;
  guint32 place = place_index_lookup (mark->places, sqlite3_column_int64 (stmt, 0));

  if (place != 0 && mark->tier_of_place[place - 1] == 0)
    mark->tier_of_place[place - 1] = mark->tier;
}

/* Members whose name matches every word come first, then those whose name
 * or company does, then the rest (title, sector, city, offers, needs); each
 * group in name order. Called with the lock held. */
static GArray *
search_locked (CercleSearch  *self,
               const char    *query,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *match = cercle_search_build_match (query != NULL ? query : "");
  g_autofree guint8 *tier_of_place = NULL;
  g_autoptr(GArray) row_numbers = NULL;
  sqlite3 *handle = cercle_db_get_handle (self->db);
  MarkMatches mark;
  char *matches[3];
  gboolean ok = TRUE;
  guint n_members;

  if (!ensure_member_order (self, error))
    return NULL;

  n_members = self->members_in_order->len;

  if (match == NULL)
    {
      row_numbers = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_members);
      g_array_append_vals (row_numbers, self->members_in_order->data, n_members);
      return g_steal_pointer (&row_numbers);
    }

  tier_of_place = g_malloc0 (MAX (n_members, 1));
  mark.places = &self->places;
  mark.tier_of_place = tier_of_place;

  matches[0] = g_strdup_printf ("{first_name last_name} : (%s)", match);
  matches[1] = g_strdup_printf ("{first_name last_name company} : (%s)", match);
  matches[2] = g_strdup (match);

  if (cancellable != NULL)
    sqlite3_progress_handler (handle, 1000, progress_cb, cancellable);

  for (guint i = 0; i < G_N_ELEMENTS (matches) && ok; i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      mark.tier = (guint8)(i + 1);

      rc = sqlite3_prepare_v2 (handle, MATCH_SQL, -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_bind_text (stmt, 1, matches[i], -1, SQLITE_TRANSIENT);
      if (rc != SQLITE_OK)
        {
          sqlite3_finalize (stmt);
          ok = cercle_db_set_error (error, handle, rc, CERCLE_DB_SEARCH);
          break;
        }

      ok = step_all (self, stmt, mark_match, &mark, error);
    }

  sqlite3_progress_handler (handle, 0, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (matches); i++)
    g_free (matches[i]);

  /* A cancelled query stops with an interrupt error: the cancellation is
   * what the caller wants to hear about. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }

  if (!ok)
    return NULL;

  row_numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint8 tier = 1; tier <= G_N_ELEMENTS (matches); tier++)
    for (guint place = 0; place < n_members; place++)
      if (tier_of_place[place] == tier)
        g_array_append_val (row_numbers, g_array_index (self->members_in_order, gint64, place));

  return g_steal_pointer (&row_numbers);
}

static void
cercle_search_finalize (GObject *object)
{
  CercleSearch *self = (CercleSearch *)object;

  g_clear_pointer (&self->db, cercle_db_close);
  g_clear_pointer (&self->members_in_order, g_array_unref);
  place_index_clear (&self->places);
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

  return g_steal_pointer (&self);
}

/* Members were written: the cached name order is read again on the next
 * search. May be called from any thread. */
void
cercle_search_members_changed (CercleSearch *self)
{
  g_return_if_fail (CERCLE_IS_SEARCH (self));

  g_atomic_int_inc (&self->members_generation);
}

/**
 * cercle_search_members:
 * @query: (nullable): what the user typed; empty finds every member
 *
 * Finds the members whose names, company, title, sector, city, offers or
 * needs start with every word of @query, ignoring case and accents, best
 * matches first. Blocks; safe to call from any thread.
 *
 * Returns: (transfer full): the members' row numbers, or %NULL with
 *   @error set
 */
GArray *
cercle_search_members (CercleSearch  *self,
                       const char    *query,
                       GCancellable  *cancellable,
                       GError       **error)
{
  GArray *row_numbers;

  g_return_val_if_fail (CERCLE_IS_SEARCH (self), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_mutex_lock (&self->lock);
  row_numbers = search_locked (self, query, cancellable, error);
  g_mutex_unlock (&self->lock);

  return row_numbers;
}
