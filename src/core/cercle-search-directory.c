/* cercle-search-directory.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-search"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cercle-change-set.h"
#include "cercle-search-private.h"

/* CercleSearch's cached directory: every member's row number in name
 * order, with their name key and what the filters look at, so that
 * filtering and ordering a search's result is a pass over small arrays.
 *
 * Reading it costs a scan of the whole member table (some 40 ms at
 * 100,000 members), too much to do again after every save. The store
 * tells the search which members it wrote; the next search reads only
 * those rows and merges them into the arrays, in one pass. The cache is
 * in name order by its own keys, so a merge never depends on rows
 * written since and not told yet: those come with a later notice. */

#define MEMBERS_IN_ORDER_SQL \
  "SELECT pk, sector, city, status, role, sort_key FROM member WHERE deleted = 0 ORDER BY sort_key, pk"

#define MEMBER_SQL \
  "SELECT pk, sector, city, status, role, sort_key, deleted FROM member WHERE id = ?1"

/* More members written than this, and the whole directory is read again:
 * a merge costs a query per member */
#define MAX_MERGED 2000

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
guint32
_cercle_search_lookup_place (const PlaceIndex *index,
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

static void
names_init (Names *names)
{
  names->ids = g_hash_table_new (g_str_hash, g_str_equal);
  names->names = g_ptr_array_new_with_free_func (g_free);
}

static void
names_clear (Names *names)
{
  g_clear_pointer (&names->ids, g_hash_table_unref);
  g_clear_pointer (&names->names, g_ptr_array_unref);
}

/* 0 for none; ids go up to 65,535 names, the rest share the last */
static guint16
names_intern (Names      *names,
              const char *name)
{
  gpointer id;
  char *copy;

  if (name == NULL || *name == '\0')
    return 0;

  if ((id = g_hash_table_lookup (names->ids, name)) != NULL)
    return (guint16)GPOINTER_TO_UINT (id);

  if (names->names->len >= G_MAXUINT16 - 1)
    return G_MAXUINT16;

  copy = g_strdup (name);
  g_ptr_array_add (names->names, copy);
  g_hash_table_insert (names->ids, copy, GUINT_TO_POINTER (names->names->len));

  return (guint16)names->names->len;
}

/* The id @name has, 0 for an empty one, or -1 when no member has it */
int
_cercle_search_names_find (Names      *names,
                           const char *name)
{
  gpointer id;

  if (name == NULL || *name == '\0')
    return 0;

  id = g_hash_table_lookup (names->ids, name);

  return id != NULL ? (int)GPOINTER_TO_UINT (id) : -1;
}

typedef struct
{
  CercleSearch *self;
  GArray       *rows;
  GByteArray   *statuses;
  GByteArray   *roles;
  GArray       *sectors;
  GArray       *cities;
  GPtrArray    *keys;
} OrderReader;

/* Read for every member: a lookup in the enum classes would cost more
 * than the rest of the row */
static guint8
status_from_nick (const char *nick)
{
  if (g_strcmp0 (nick, "active") == 0)
    return CERCLE_MEMBER_STATUS_ACTIVE;
  if (g_strcmp0 (nick, "candidate") == 0)
    return CERCLE_MEMBER_STATUS_CANDIDATE;
  if (g_strcmp0 (nick, "alumni") == 0)
    return CERCLE_MEMBER_STATUS_ALUMNI;
  return G_MAXUINT8;
}

static guint8
role_from_nick (const char *nick)
{
  if (g_strcmp0 (nick, "member") == 0)
    return CERCLE_MEMBER_ROLE_MEMBER;
  if (g_strcmp0 (nick, "staff") == 0)
    return CERCLE_MEMBER_ROLE_STAFF;
  return G_MAXUINT8;
}

/* A NULL key sorts first, as SQLite's ORDER BY puts it */
static const char *
keep_key (CercleSearch *self,
          const char   *key)
{
  return key != NULL ? g_string_chunk_insert (self->keys, key) : NULL;
}

static void
read_member_in_order (sqlite3_stmt *stmt,
                      gpointer      data)
{
  OrderReader *reader = data;
  gint64 row = sqlite3_column_int64 (stmt, 0);
  guint16 sector = names_intern (&reader->self->sectors, (const char *)sqlite3_column_text (stmt, 1));
  guint16 city = names_intern (&reader->self->cities, (const char *)sqlite3_column_text (stmt, 2));
  guint8 status = status_from_nick ((const char *)sqlite3_column_text (stmt, 3));
  guint8 role = role_from_nick ((const char *)sqlite3_column_text (stmt, 4));
  const char *key = keep_key (reader->self, (const char *)sqlite3_column_text (stmt, 5));

  g_array_append_val (reader->rows, row);
  g_array_append_val (reader->sectors, sector);
  g_array_append_val (reader->cities, city);
  g_byte_array_append (reader->statuses, &status, 1);
  g_byte_array_append (reader->roles, &role, 1);
  g_ptr_array_add (reader->keys, (gpointer)key);
}

void
_cercle_search_clear_directory (CercleSearch *self)
{
  _cercle_search_forget_words (self);
  g_clear_pointer (&self->members_in_order, g_array_unref);
  g_clear_pointer (&self->key_of_place, g_free);
  g_clear_pointer (&self->keys, g_string_chunk_free);
  g_clear_pointer (&self->sector_of_place, g_free);
  g_clear_pointer (&self->city_of_place, g_free);
  g_clear_pointer (&self->status_of_place, g_free);
  g_clear_pointer (&self->role_of_place, g_free);
  g_clear_pointer (&self->company_order, g_free);
  g_clear_pointer (&self->joined_order, g_free);
  names_clear (&self->sectors);
  names_clear (&self->cities);
  place_index_clear (&self->places);
}

static gboolean
read_directory (CercleSearch  *self,
                GError       **error)
{
  OrderReader reader;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  _cercle_search_clear_directory (self);
  names_init (&self->sectors);
  names_init (&self->cities);
  self->keys = g_string_chunk_new (64 * 1024);

  reader.self = self;
  reader.rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  reader.sectors = g_array_new (FALSE, FALSE, sizeof (guint16));
  reader.cities = g_array_new (FALSE, FALSE, sizeof (guint16));
  reader.statuses = g_byte_array_new ();
  reader.roles = g_byte_array_new ();
  reader.keys = g_ptr_array_new ();

  ok = _cercle_search_prepare (self, MEMBERS_IN_ORDER_SQL, &stmt, error) &&
       _cercle_search_step_all (self, stmt, read_member_in_order, &reader, error);

  self->sector_of_place = (guint16 *)(void *)g_array_free (reader.sectors, FALSE);
  self->city_of_place = (guint16 *)(void *)g_array_free (reader.cities, FALSE);
  self->status_of_place = g_byte_array_free (reader.statuses, FALSE);
  self->role_of_place = g_byte_array_free (reader.roles, FALSE);
  self->key_of_place = (const char **)g_ptr_array_free (reader.keys, FALSE);
  self->members_in_order = reader.rows;

  if (!ok)
    {
      _cercle_search_clear_directory (self);
      return FALSE;
    }

  place_index_build (&self->places, self->members_in_order);

  return TRUE;
}

/* A member as the directory keeps them */
typedef struct
{
  gint64      row;
  const char *key;
  guint16     sector;
  guint16     city;
  guint8      status;
  guint8      role;
} Entry;

static int
compare_keys (const char *key_a,
              gint64      row_a,
              const char *key_b,
              gint64      row_b)
{
  int c;

  if (key_a == NULL || key_b == NULL)
    c = (key_a != NULL) - (key_b != NULL);
  else
    c = strcmp (key_a, key_b);

  if (c != 0)
    return c;
  return row_a < row_b ? -1 : row_a > row_b ? 1 : 0;
}

static int
compare_entries (const void *a,
                 const void *b)
{
  const Entry *ea = a, *eb = b;

  return compare_keys (ea->key, ea->row, eb->key, eb->row);
}

/* Reads the members @ids name again, and merges them into the directory:
 * those still there at their new place, the others taken out */
static gboolean
merge_members (CercleSearch        *self,
               const char * const  *ids,
               guint                n_ids,
               GError             **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autofree guint8 *dropped = NULL;
  g_autofree guint32 *old_place_of = NULL;
  g_autofree gint64 *rows_read = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = self->members_in_order->len;
  guint n_dropped = 0;
  guint n_total, i, j, k;
  GArray *rows;
  const char **keys;
  guint16 *sectors, *cities;
  guint8 *statuses, *roles;
  int rc = SQLITE_DONE;

  if (!_cercle_search_prepare (self, MEMBER_SQL, &stmt, error))
    return FALSE;

  dropped = g_malloc0 (MAX (n, 1));

  for (guint m = 0; m < n_ids; m++)
    {
      guint32 place;
      Entry entry;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, ids[m], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        continue;
      if (rc != SQLITE_ROW)
        break;
      rc = SQLITE_DONE;

      entry.row = sqlite3_column_int64 (stmt, 0);
      place = _cercle_search_lookup_place (&self->places, entry.row);
      if (place != 0 && !dropped[place - 1])
        {
          dropped[place - 1] = TRUE;
          n_dropped++;
        }

      if (sqlite3_column_int (stmt, 6) != 0)
        continue;

      entry.sector = names_intern (&self->sectors, (const char *)sqlite3_column_text (stmt, 1));
      entry.city = names_intern (&self->cities, (const char *)sqlite3_column_text (stmt, 2));
      entry.status = status_from_nick ((const char *)sqlite3_column_text (stmt, 3));
      entry.role = role_from_nick ((const char *)sqlite3_column_text (stmt, 4));
      entry.key = keep_key (self, (const char *)sqlite3_column_text (stmt, 5));
      g_array_append_val (entries, entry);
    }

  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return cercle_db_set_error (error, cercle_db_get_handle (self->db), rc, CERCLE_DB_SEARCH);

  qsort (entries->data, entries->len, sizeof (Entry), compare_entries);

  /* The members kept, in their order, and the members read, in theirs:
   * one merge */
  n_total = n - n_dropped + entries->len;
  rows = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_total);
  g_array_set_size (rows, n_total);
  keys = g_new (const char *, MAX (n_total, 1));
  sectors = g_new (guint16, MAX (n_total, 1));
  cities = g_new (guint16, MAX (n_total, 1));
  statuses = g_new (guint8, MAX (n_total, 1));
  roles = g_new (guint8, MAX (n_total, 1));
  old_place_of = g_new0 (guint32, MAX (n_total, 1));
  rows_read = g_new (gint64, MAX (entries->len, 1));

  for (i = 0, j = 0, k = 0; k < n_total; k++)
    {
      const Entry *entry;

      while (i < n && dropped[i])
        i++;

      entry = j < entries->len ? &g_array_index (entries, Entry, j) : NULL;
      if (entry != NULL &&
          (i >= n || compare_keys (entry->key, entry->row, self->key_of_place[i],
                                   g_array_index (self->members_in_order, gint64, i)) < 0))
        {
          g_array_index (rows, gint64, k) = entry->row;
          keys[k] = entry->key;
          sectors[k] = entry->sector;
          cities[k] = entry->city;
          statuses[k] = entry->status;
          roles[k] = entry->role;
          rows_read[j] = entry->row;
          j++;
        }
      else
        {
          g_array_index (rows, gint64, k) = g_array_index (self->members_in_order, gint64, i);
          keys[k] = self->key_of_place[i];
          sectors[k] = self->sector_of_place[i];
          cities[k] = self->city_of_place[i];
          statuses[k] = self->status_of_place[i];
          roles[k] = self->role_of_place[i];
          old_place_of[k] = i + 1;
          i++;
        }
    }

  g_array_unref (self->members_in_order);
  g_free (self->key_of_place);
  g_free (self->sector_of_place);
  g_free (self->city_of_place);
  g_free (self->status_of_place);
  g_free (self->role_of_place);
  self->members_in_order = rows;
  self->key_of_place = keys;
  self->sector_of_place = sectors;
  self->city_of_place = cities;
  self->status_of_place = statuses;
  self->role_of_place = roles;

  place_index_build (&self->places, self->members_in_order);

  /* The other orders hold places, which moved: made again when asked */
  g_clear_pointer (&self->company_order, g_free);
  g_clear_pointer (&self->joined_order, g_free);
  _cercle_search_move_words (self, old_place_of, n_total, rows_read, entries->len);

  return TRUE;
}

/* Called with the lock held */
gboolean
_cercle_search_ensure_member_order (CercleSearch  *self,
                                    GError       **error)
{
  g_autoptr(GHashTable) written = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer id;
  gboolean everything;
  guint generation;

  if (self->members_in_order != NULL &&
      self->order_generation == (guint)g_atomic_int_get (&self->members_generation))
    return TRUE;

  /* What was written until now; later writes come with a later notice */
  g_mutex_lock (&self->pending_lock);
  generation = (guint)g_atomic_int_get (&self->members_generation);
  everything = self->pending_all || g_hash_table_size (self->pending_ids) > MAX_MERGED;
  written = g_steal_pointer (&self->pending_ids);
  self->pending_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending_all = FALSE;
  g_mutex_unlock (&self->pending_lock);

  g_hash_table_iter_init (&iter, written);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_ptr_array_add (ids, id);

  if (self->members_in_order == NULL || everything ||
      !merge_members (self, (const char * const *)ids->pdata, ids->len, NULL))
    {
      if (!read_directory (self, error))
        return FALSE;
    }

  self->order_generation = generation;

  return TRUE;
}

/* Members were written: the directory is read again on the next search.
 * May be called from any thread. */
void
cercle_search_members_changed (CercleSearch *self)
{
  g_return_if_fail (CERCLE_IS_SEARCH (self));

  g_mutex_lock (&self->pending_lock);
  self->pending_all = TRUE;
  g_hash_table_remove_all (self->pending_ids);
  g_atomic_int_inc (&self->members_generation);
  g_mutex_unlock (&self->pending_lock);
}

/**
 * cercle_search_members_written:
 * @changes: what was committed
 *
 * Members @changes names were written: the next search reads them again
 * and merges them into its cached directory. May be called from any
 * thread.
 */
void
cercle_search_members_written (CercleSearch    *self,
                               CercleChangeSet *changes)
{
  g_auto(GStrv) ids = NULL;

  g_return_if_fail (CERCLE_IS_SEARCH (self));
  g_return_if_fail (changes != NULL);

  if (!cercle_change_set_touches (changes, CERCLE_ENTITY_MEMBER))
    return;

  if (cercle_change_set_is_everything (changes, CERCLE_ENTITY_MEMBER) ||
      cercle_change_set_get_n_ids (changes, CERCLE_ENTITY_MEMBER) > MAX_MERGED)
    {
      cercle_search_members_changed (self);
      return;
    }

  ids = cercle_change_set_dup_ids (changes, CERCLE_ENTITY_MEMBER);

  g_mutex_lock (&self->pending_lock);
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (self->pending_ids, g_steal_pointer (&ids[i]));
  g_atomic_int_inc (&self->members_generation);
  g_mutex_unlock (&self->pending_lock);
}
