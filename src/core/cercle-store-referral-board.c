/* cercle-store-referral-board.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-format.h"
#include "cercle-json.h"
#include "cercle-member.h"
#include "cercle-record-sql.h"
#include "cercle-referral.h"
#include "cercle-request.h"
#include "cercle-store-referrals-private.h"

/* The referral board's query, in a worker thread on the store's reader
 * connection: the rows of each column as the viewer may see them, then
 * the records of the first rows of each column and their members' names,
 * read there too, so that the main thread shows the first cards without
 * a query of its own. A first page is not counted: counting 200,000 rows
 * is most of the query, and the board shows the cards first. */

/* Records read with the rows, in each column: what a column shows first */
#define PRELOADED 12

void
cercle_referral_rows_free (CercleReferralRows *board)
{
  if (board == NULL)
    return;

  for (guint i = 0; i < CERCLE_REFERRAL_N_STATUSES; i++)
    g_clear_pointer (&board->rows[i], g_array_unref);
  g_clear_pointer (&board->needs, g_array_unref);
  g_clear_pointer (&board->won_given, g_array_unref);
  for (guint i = 0; i < CERCLE_REFERRAL_N_STATUSES; i++)
    g_clear_pointer (&board->records[i], g_ptr_array_unref);
  g_clear_pointer (&board->need_records, g_ptr_array_unref);
  g_clear_pointer (&board->names, g_hash_table_unref);
  g_clear_pointer (&board->changed, g_array_unref);
  for (guint i = 0; i < CERCLE_REFERRAL_N_STATUSES; i++)
    g_clear_pointer (&board->keys[i], g_array_unref);
  g_free (board);
}

typedef struct
{
  gint32 key;
  gint64 row;
} Keyed;

/* Whether @a goes before @b in a column: moved later, or on the same day
 * and a higher row, as the query's ORDER BY moved_on DESC, pk DESC */
static inline gboolean
goes_before (gint32 a_key,
             gint64 a_row,
             gint32 b_key,
             gint64 b_row)
{
  return a_key > b_key || (a_key == b_key && a_row > b_row);
}

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  const Keyed *ka = a, *kb = b;

  return goes_before (ka->key, ka->row, kb->key, kb->row) ? -1 : goes_before (kb->key, kb->row, ka->key, ka->row);
}

/* A bit per row, by the row's low bits, set for the changed rows: a row
 * whose bit is clear is not among them, which spares a hash lookup for
 * nearly every row. About 64 bits per changed row keep false hits near
 * 1 in 64. */
typedef struct
{
  guint64 *bits;
  guint64  mask;
} RowFilter;

static void
row_filter_init (RowFilter *filter,
                 guint      n_rows)
{
  guint64 n_bits = 64;

  while (n_bits < (guint64)n_rows * 64 && n_bits < (G_GUINT64_CONSTANT (1) << 24))
    n_bits <<= 1;
  filter->bits = g_new0 (guint64, n_bits / 64);
  filter->mask = n_bits - 1;
}

static inline void
row_filter_add (RowFilter *filter,
                gint64     row)
{
  guint64 bit = (guint64)row & filter->mask;

  filter->bits[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
}

static inline gboolean
row_filter_may_hold (const RowFilter *filter,
                     gint64           row)
{
  guint64 bit = (guint64)row & filter->mask;

  return (filter->bits[bit / 64] & (G_GUINT64_CONSTANT (1) << (bit % 64))) != 0;
}

/**
 * cercle_referral_rows_apply_changes:
 * @board: a board of every row, as cercle_store_query_referral_board()
 *   found it, keyed
 * @changes: what cercle_store_query_referral_changes() found since, for
 *   the same scope and search
 * @touched: (out) (optional): a bit (1 << status) for each column whose
 *   rows changed
 *
 * Takes the changed referrals out of @board's columns and puts those it
 * shows back where their keys place them, with the counts, needs and
 * totals of @changes: @board becomes what a query of every row would
 * find now. Each column is read once, and copied only where a changed
 * referral was or goes; nothing is counted or sorted but the changes.
 *
 * Returns: %FALSE, leaving @board as it was, when @board is not every
 *   row or a key does not keep the order of its day (a moved-on day
 *   written otherwise than YYYY-MM-DD): a query of every row is then
 *   the way to the new board
 */
gboolean
cercle_referral_rows_apply_changes (CercleReferralRows       *board,
                                    const CercleReferralRows *changes,
                                    guint                    *touched)
{
  g_autoptr(GHashTable) changed = NULL;
  g_autofree guint64 *filter_bits = NULL;
  RowFilter filter;
  guint mask = 0;

  g_return_val_if_fail (board != NULL, FALSE);
  g_return_val_if_fail (changes != NULL && changes->delta, FALSE);

  if (touched != NULL)
    *touched = 0;
  if (!board->complete || board->delta || !board->keyed || !changes->keyed)
    return FALSE;

  changed = g_hash_table_new (g_int64_hash, g_int64_equal);
  row_filter_init (&filter, changes->changed->len);
  filter_bits = filter.bits;
  for (guint i = 0; i < changes->changed->len; i++)
    {
      gint64 *row = &g_array_index (changes->changed, gint64, i);

      g_hash_table_add (changed, row);
      row_filter_add (&filter, *row);
    }

  for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
    {
      GArray *rows = board->rows[status];
      GArray *keys = board->keys[status];
      guint n_in = changes->rows[status]->len;
      g_autoptr(GArray) in = g_array_sized_new (FALSE, FALSE, sizeof (Keyed), n_in);
      GArray *new_rows, *new_keys;
      guint first = rows->len;
      guint k = 0;

      for (guint i = 0; i < rows->len; i++)
        {
          gint64 row = g_array_index (rows, gint64, i);

          if (row_filter_may_hold (&filter, row) && g_hash_table_contains (changed, &row))
            {
              first = i;
              break;
            }
        }

      if (first == rows->len && n_in == 0)
        continue;

      for (guint i = 0; i < n_in; i++)
        {
          Keyed keyed = { g_array_index (changes->keys[status], gint32, i),
                          g_array_index (changes->rows[status], gint64, i) };

          g_array_append_val (in, keyed);
        }
      g_array_sort (in, compare_keyed);

      /* What comes before the first changed row stays, but for the
       * changed rows that go there */
      new_rows = g_array_sized_new (FALSE, FALSE, sizeof (gint64), rows->len + n_in);
      new_keys = g_array_sized_new (FALSE, FALSE, sizeof (gint32), rows->len + n_in);

      for (guint i = 0; i < rows->len; i++)
        {
          gint64 row = g_array_index (rows, gint64, i);
          gint32 key = g_array_index (keys, gint32, i);

          if (i >= first && row_filter_may_hold (&filter, row) && g_hash_table_contains (changed, &row))
            continue;

          while (k < in->len && goes_before (g_array_index (in, Keyed, k).key, g_array_index (in, Keyed, k).row,
                                             key, row))
            {
              g_array_append_val (new_rows, g_array_index (in, Keyed, k).row);
              g_array_append_val (new_keys, g_array_index (in, Keyed, k).key);
              k++;
            }

          g_array_append_val (new_rows, row);
          g_array_append_val (new_keys, key);
        }
      for (; k < in->len; k++)
        {
          g_array_append_val (new_rows, g_array_index (in, Keyed, k).row);
          g_array_append_val (new_keys, g_array_index (in, Keyed, k).key);
        }

      if (new_rows->len != rows->len ||
          memcmp (new_rows->data, rows->data, rows->len * sizeof (gint64)) != 0)
        mask |= 1u << status;

      g_array_unref (board->rows[status]);
      board->rows[status] = new_rows;
      g_array_unref (board->keys[status]);
      board->keys[status] = new_keys;
    }

  if (changes->counted)
    {
      memcpy (board->counts, changes->counts, sizeof board->counts);
      board->won_cents = changes->won_cents;
      board->n_needs = changes->n_needs;
      /* New arrays: whoever holds a reference to the old ones keeps them */
      g_array_unref (board->needs);
      board->needs = g_array_copy (changes->needs);
      g_array_unref (board->won_given);
      board->won_given = g_array_copy (changes->won_given);
    }

  if (touched != NULL)
    *touched = mask;

  return TRUE;
}

/* The WHERE clause that keeps what the viewer may see and asked for, with
 * ?1 the status when @status_term: ?2 is the viewer, ?3 the folded search,
 * ?4 the ids of the members whose names match it.
 *
 * SQLite knows nothing of how rows spread (there is no ANALYZE), and
 * would rather read a whole status, or every live row, than a member's
 * few: a unary "+" keeps it from using those terms' indexes, so that a
 * member's referrals are found through the giver and receiver indexes. */
static char *
where_clause (CercleReferralScope  scope,
              gboolean             status_term,
              const char          *search_clause)
{
  const char *member;

  switch (scope)
    {
    case CERCLE_REFERRAL_SCOPE_CLUB:
      return g_strdup_printf ("deleted = 0%s%s", status_term ? " AND status = ?1" : "", search_clause);
    case CERCLE_REFERRAL_SCOPE_GIVEN:
      member = "giver_id = ?2";
      break;
    case CERCLE_REFERRAL_SCOPE_RECEIVED:
      member = "receiver_id = ?2";
      break;
    case CERCLE_REFERRAL_SCOPE_MINE:
    default:
      member = "(giver_id = ?2 OR receiver_id = ?2)";
      break;
    }

  return g_strdup_printf ("+deleted = 0%s AND %s%s", status_term ? " AND +status = ?1" : "",
                          member, search_clause);
}

#define SEARCH_CLAUSE \
  " AND (cercle_match (?3, prospect_name, prospect_company, need)" \
  " OR giver_id IN (SELECT value FROM json_each (?4))" \
  " OR receiver_id IN (SELECT value FROM json_each (?4)))"

static gboolean
bind_board (CercleDb      *db,
            sqlite3_stmt  *stmt,
            const char    *member_id,
            const char    *words,
            const char    *member_ids,
            GError       **error)
{
  int n = sqlite3_bind_parameter_count (stmt);

  return (n < 2 || cercle_db_bind_text (db, stmt, 2, member_id, error)) &&
         (n < 3 || cercle_db_bind_text (db, stmt, 3, words, error)) &&
         (n < 4 || cercle_db_bind_text (db, stmt, 4, member_ids, error));
}

/* The ids of the members whose names match the search, as a JSON array */
static char *
matching_members (CercleDb    *db,
                  const char  *words,
                  GError     **error)
{
  g_autoptr(JsonArray) ids = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = cercle_db_prepare (db,
                                  "SELECT id FROM member WHERE deleted = 0"
                                  " AND cercle_match (?1, first_name, last_name, company)",
                                  error)) ||
      !cercle_db_bind_text (db, stmt, 1, words, error))
    return NULL;

  while ((rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    json_array_add_string_element (ids, (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  node = json_node_init_array (json_node_alloc (), ids);

  return cercle_json_to_string (node);
}

/* The key of a column's order for the day @day (see CercleReferralRows):
 * FALSE for text that is not a day, whose order as text a number would
 * not keep */
static gboolean
day_key (const char *day,
         gint32     *key)
{
  *key = -1;

  if (day == NULL)
    return TRUE;

  if (strlen (day) != 10 || day[4] != '-' || day[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (day[i]))
      return FALSE;

  *key = (gint32)(g_ascii_strtoull (day, NULL, 10) * 10000 +
                  g_ascii_strtoull (day + 5, NULL, 10) * 100 +
                  g_ascii_strtoull (day + 8, NULL, 10));

  return TRUE;
}

static void
append_keyed (CercleReferralRows   *board,
              CercleReferralStatus  status,
              gint64                row,
              const char           *moved_on)
{
  gint32 key;

  board->keyed &= day_key (moved_on, &key);
  g_array_append_val (board->rows[status], row);
  g_array_append_val (board->keys[status], key);
}

/* Rows with their day, from a statement of "pk, moved_on", in order */
static gboolean
collect_keyed_rows (CercleDb             *db,
                    sqlite3_stmt         *stmt,
                    CercleReferralRows   *board,
                    CercleReferralStatus  status,
                    GError              **error)
{
  int rc;

  while ((rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    append_keyed (board, status, sqlite3_column_int64 (stmt, 0), (const char *)sqlite3_column_text (stmt, 1));

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return rc == SQLITE_DONE;
}

/* The changed referrals (@changed_ids, a JSON array of ids): all their
 * rows, to take out of the board, and of those the board shows, the
 * column and the key of each, by which the board puts them back in
 * place (cercle_referral_rows_apply_changes()). A few lookups by id,
 * whatever the number of rows in the columns, and however deep in a
 * column a changed referral sits. */
static gboolean
query_changes (CercleDb            *db,
               CercleReferralRows  *board,
               const ReaderViewer  *viewer,
               const char          *count_where,
               const char          *words,
               const char          *member_ids,
               const char          *changed_ids,
               GError             **error)
{
  g_autofree char *shown_sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  board->delta = TRUE;

  if (!(stmt = cercle_db_prepare (db, "SELECT pk FROM referral WHERE id IN (SELECT value FROM json_each (?1))",
                                  error)) ||
      !cercle_db_bind_text (db, stmt, 1, changed_ids, error) ||
      !_cercle_referrals_collect_rows (db, stmt, board->changed, error))
    return FALSE;

  /* From the ids to the rows, never a scan of the table for the ids */
  shown_sql = g_strdup_printf ("SELECT referral.pk, referral.status, referral.moved_on"
                               " FROM json_each (?6) AS changed CROSS JOIN referral"
                               " ON referral.id = changed.value WHERE %s", count_where);

  if (!(stmt = cercle_db_prepare (db, shown_sql, error)) ||
      !bind_board (db, stmt, viewer->member_id, words, member_ids, error) ||
      !cercle_db_bind_text (db, stmt, 6, changed_ids, error))
    return FALSE;

  while ((rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      const char *nick = (const char *)sqlite3_column_text (stmt, 1);
      CercleReferralStatus status;

      for (status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
        if (g_strcmp0 (nick, _cercle_referrals_status_nick (status)) == 0)
          break;
      if (status < CERCLE_REFERRAL_N_STATUSES)
        append_keyed (board, status, sqlite3_column_int64 (stmt, 0), (const char *)sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return rc == SQLITE_DONE;
}

/* The first cards of one column in one query: each row with the record's
 * fields, its row number and its giver's and receiver's names, read in
 * the order the column shows them; the records and names the board shows
 * first, without a query of each card's record and each member's name
 * afterwards */
static gboolean
read_first_cards (CercleDb               *db,
                  const CercleRecordSql  *sql,
                  sqlite3_stmt           *stmt,
                  CercleReferralRows     *board,
                  CercleReferralStatus    status,
                  GError                **error)
{
  int n_fields = sqlite3_column_count (stmt) - 5;
  int rc;

  while ((rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      CercleRecord *record = cercle_record_sql_read (sql, stmt);

      append_keyed (board, status, sqlite3_column_int64 (stmt, n_fields),
                    cercle_referral_get_moved_on (CERCLE_REFERRAL (record)));
      g_ptr_array_add (board->records[status], record);

      for (guint k = 0; k < 2; k++)
        {
          const char *member_id = k == 0 ? cercle_referral_get_giver_id (CERCLE_REFERRAL (record))
                                         : cercle_referral_get_receiver_id (CERCLE_REFERRAL (record));
          const char *first = (const char *)sqlite3_column_text (stmt, n_fields + 1 + 2 * k);
          const char *last = (const char *)sqlite3_column_text (stmt, n_fields + 2 + 2 * k);

          if (member_id != NULL && *member_id != '\0' && !g_hash_table_contains (board->names, member_id))
            g_hash_table_insert (board->names, g_strdup (member_id),
                                 first != NULL || last != NULL ? cercle_format_full_name (first, last) : NULL);
        }
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return rc == SQLITE_DONE;
}

static gboolean
query_board (CercleDb             *db,
             CercleReferralRows  *board,
             const ReaderViewer   *viewer,
             CercleReferralScope   scope,
             const char           *words,
             guint                 first_page,
             const char           *changed_ids,
             const CercleRecordSql *referral_sql,
             GError              **error)
{
  g_autofree char *member_ids = NULL;
  g_autofree char *rows_where = NULL;
  g_autofree char *count_where = NULL;
  g_autofree char *rows_sql = NULL;
  g_autofree char *count_sql = NULL;
  g_autofree char *needs_sql = NULL;
  const char *search_clause = words != NULL ? SEARCH_CLAUSE : "";
  sqlite3_stmt *stmt;
  gint64 limit = first_page > 0 ? (gint64)first_page : -1;
  int rc;

  /* Nobody in the club sees nobody's referrals; staff see the club's */
  if (!viewer->is_staff && scope == CERCLE_REFERRAL_SCOPE_CLUB)
    scope = CERCLE_REFERRAL_SCOPE_MINE;

  if (words != NULL && !(member_ids = matching_members (db, words, error)))
    return FALSE;

  if (viewer->member_id != NULL || viewer->is_staff)
    {
      rows_where = where_clause (scope, TRUE, search_clause);
      count_where = where_clause (scope, FALSE, search_clause);
      /* A first page reads its cards with their rows (see
       * read_first_cards()); the names come from subqueries, where a
       * join would make the WHERE clause's columns ambiguous */
      if (first_page > 0)
        rows_sql = g_strdup_printf ("SELECT %s, pk,"
                                    " (SELECT first_name FROM member WHERE id = referral.giver_id),"
                                    " (SELECT last_name FROM member WHERE id = referral.giver_id),"
                                    " (SELECT first_name FROM member WHERE id = referral.receiver_id),"
                                    " (SELECT last_name FROM member WHERE id = referral.receiver_id)"
                                    " FROM referral WHERE %s"
                                    " ORDER BY moved_on DESC, pk DESC LIMIT ?5",
                                    referral_sql->select_columns, rows_where);
      else
        rows_sql = g_strdup_printf ("SELECT pk, moved_on FROM referral WHERE %s"
                                    " ORDER BY moved_on DESC, pk DESC LIMIT ?5", rows_where);
      count_sql = g_strdup_printf ("SELECT status, count (*), total (amount_cents) FROM referral"
                                   " WHERE %s GROUP BY status", count_where);

      if (changed_ids != NULL)
        {
          if (!query_changes (db, board, viewer, count_where, words, member_ids, changed_ids, error))
            return FALSE;
        }
      else for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
        {
          if (!(stmt = cercle_db_prepare (db, rows_sql, error)) ||
              !cercle_db_bind_static_text (db, stmt, 1, _cercle_referrals_status_nick (status), error) ||
              !bind_board (db, stmt, viewer->member_id, words, member_ids, error) ||
              !cercle_db_bind_int64 (db, stmt, 5, limit, error) ||
              !(first_page > 0 ? read_first_cards (db, referral_sql, stmt, board, status, error)
                               : collect_keyed_rows (db, stmt, board, status, error)))
            return FALSE;
        }

      if (first_page > 0)
        goto needs;

      if (!(stmt = cercle_db_prepare (db, count_sql, error)) ||
          !bind_board (db, stmt, viewer->member_id, words, member_ids, error))
        return FALSE;

      while ((rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
        {
          CercleReferralStatus status;
          const char *nick = (const char *)sqlite3_column_text (stmt, 0);

          for (status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
            if (g_strcmp0 (nick, _cercle_referrals_status_nick (status)) == 0)
              break;
          if (status == CERCLE_REFERRAL_N_STATUSES)
            continue;

          board->counts[status] = (guint)sqlite3_column_int64 (stmt, 1);
          if (status == CERCLE_REFERRAL_STATUS_WON)
            board->won_cents = (gint64)sqlite3_column_double (stmt, 2);
        }
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      if (rc != SQLITE_DONE)
        return FALSE;
    }

needs:
  /* The needs board is the whole club's */
  needs_sql = g_strdup_printf ("SELECT pk FROM request WHERE deleted = 0 AND status = 'open'%s"
                               " ORDER BY posted_on DESC, pk DESC LIMIT ?5",
                               words != NULL ? " AND (cercle_match (?3, title, body, sector)"
                                               " OR member_id IN (SELECT value FROM json_each (?4)))"
                                             : "");
  if (!(stmt = cercle_db_prepare (db, needs_sql, error)) ||
      !bind_board (db, stmt, NULL, words, member_ids, error) ||
      !cercle_db_bind_int64 (db, stmt, 5, limit, error) ||
      !_cercle_referrals_collect_rows (db, stmt, board->needs, error))
    return FALSE;

  if (first_page > 0)
    return TRUE;

  if (!(stmt = cercle_db_prepare (db,
                                  words != NULL
                                    ? "SELECT count (*) FROM request WHERE deleted = 0 AND status = 'open'"
                                      " AND (cercle_match (?3, title, body, sector)"
                                      " OR member_id IN (SELECT value FROM json_each (?4)))"
                                    : "SELECT count (*) FROM request WHERE deleted = 0 AND status = 'open'",
                                  error)) ||
      !bind_board (db, stmt, NULL, words, member_ids, error))
    return FALSE;
  rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error);
  if (rc == SQLITE_ROW)
    board->n_needs = (guint)sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW)
    return FALSE;

  /* What the viewer gave that is now won: the app thanks them when one
   * more is */
  if (viewer->member_id != NULL)
    {
      if (!(stmt = cercle_db_prepare (db,
                                      "SELECT pk FROM referral"
                                      " WHERE giver_id = ?2 AND deleted = 0 AND +status = 'won' ORDER BY pk",
                                      error)) ||
          !bind_board (db, stmt, viewer->member_id, NULL, NULL, error) ||
          !_cercle_referrals_collect_rows (db, stmt, board->won_given, error))
        return FALSE;
    }

  board->counted = TRUE;
  board->complete = TRUE;
  for (guint i = 0; i < CERCLE_REFERRAL_N_STATUSES && changed_ids == NULL; i++)
    board->complete &= board->rows[i]->len == board->counts[i];
  board->complete &= board->needs->len == board->n_needs;

  return TRUE;
}

static CercleReferralRows *
referral_rows_new (void)
{
  CercleReferralRows *board = g_new0 (CercleReferralRows, 1);

  for (guint i = 0; i < CERCLE_REFERRAL_N_STATUSES; i++)
    board->rows[i] = g_array_new (FALSE, FALSE, sizeof (gint64));
  board->needs = g_array_new (FALSE, FALSE, sizeof (gint64));
  board->won_given = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < CERCLE_REFERRAL_N_STATUSES; i++)
    board->records[i] = g_ptr_array_new_with_free_func (g_object_unref);
  board->need_records = g_ptr_array_new_with_free_func (g_object_unref);
  board->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  board->changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < CERCLE_REFERRAL_N_STATUSES; i++)
    board->keys[i] = g_array_new (FALSE, FALSE, sizeof (gint32));
  board->keyed = TRUE;

  return board;
}

/* Reads the records of the first @rows into @records, in their order */
static gboolean
preload_records (CercleDb               *db,
                 const CercleRecordSql  *sql,
                 GArray                 *rows,
                 GPtrArray              *records,
                 GError                **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = cercle_db_prepare (db, sql->select_by_row_number, error)))
    return FALSE;

  /* Those read with the rows already are not read again */
  for (guint i = records->len; i < MIN (rows->len, PRELOADED); i++)
    {
      int rc;

      if (!cercle_db_bind_int64 (db, stmt, 1, g_array_index (rows, gint64, i), error))
        return FALSE;

      rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (records, cercle_record_sql_read (sql, stmt));
      sqlite3_reset (stmt);

      /* A row that went meanwhile ends what is read ahead */
      if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE;
    }

  return TRUE;
}

static gboolean
add_name (CercleDb      *db,
          GHashTable    *names,
          const char    *member_id,
          GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (member_id == NULL || *member_id == '\0' || g_hash_table_contains (names, member_id))
    return TRUE;

  if (!(stmt = cercle_db_prepare (db, "SELECT first_name, last_name FROM member WHERE id = ?1", error)) ||
      !cercle_db_bind_text (db, stmt, 1, member_id, error))
    return FALSE;

  rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error);
  g_hash_table_insert (names, g_strdup (member_id),
                       rc == SQLITE_ROW ? cercle_format_full_name ((const char *)sqlite3_column_text (stmt, 0),
                                                                   (const char *)sqlite3_column_text (stmt, 1))
                                        : NULL);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* The first cards of each column, ready to show, with their names */
static gboolean
preload_board (CercleDb            *db,
               CercleStore         *store,
               CercleReferralRows  *board,
               GError             **error)
{
  const CercleRecordSql *referral_sql = _cercle_store_get_sql (store, CERCLE_ENTITY_REFERRAL);
  const CercleRecordSql *request_sql = _cercle_store_get_sql (store, CERCLE_ENTITY_REQUEST);

  for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
    {
      if (!preload_records (db, referral_sql, board->rows[status], board->records[status], error))
        return FALSE;

      for (guint i = 0; i < board->records[status]->len; i++)
        {
          CercleReferral *referral = g_ptr_array_index (board->records[status], i);

          if (!add_name (db, board->names, cercle_referral_get_giver_id (referral), error) ||
              !add_name (db, board->names, cercle_referral_get_receiver_id (referral), error))
            return FALSE;
        }
    }

  if (!preload_records (db, request_sql, board->needs, board->need_records, error))
    return FALSE;

  for (guint i = 0; i < board->need_records->len; i++)
    if (!add_name (db, board->names,
                   cercle_request_get_member_id (g_ptr_array_index (board->need_records, i)), error))
      return FALSE;

  return TRUE;
}

static CercleReferralRows *
query_referrals (CercleStore          *self,
                 CercleReferralScope   scope,
                 const char           *search,
                 guint                 first_page,
                 const char * const   *ids,
                 GCancellable         *cancellable,
                 GError              **error)
{
  g_autoptr(CercleReferralRows) board = NULL;
  g_auto(ReaderViewer) viewer = { NULL, };
  g_autofree char *words = NULL;
  g_autofree char *changed_ids = NULL;
  gint64 started = g_get_monotonic_time ();
  CercleDb *db;
  gboolean ok;

  if (ids != NULL)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; ids[i] != NULL; i++)
        json_array_add_string_element (array, ids[i]);
      node = json_node_init_array (json_node_alloc (), array);
      changed_ids = cercle_json_to_string (node);
    }

  if (!(db = _cercle_referrals_lock_reader (self, cancellable, error)))
    return NULL;

  board = referral_rows_new ();
  words = _cercle_referrals_fold_search (search);

  ok = _cercle_referrals_read_viewer (db, &viewer, error) &&
       query_board (db, board, &viewer, scope, words, first_page, changed_ids,
                    _cercle_store_get_sql (self, CERCLE_ENTITY_REFERRAL), error) &&
       preload_board (db, self, board, error);

  if (!_cercle_referrals_unlock_reader (self, db, cancellable, ok, error))
    return NULL;

  g_debug ("Referral board: %s found in %.1f ms",
           ids != NULL ? "changes" : first_page > 0 ? "a first page" : "every row",
           (g_get_monotonic_time () - started) / 1000.);

  return g_steal_pointer (&board);
}

/**
 * cercle_store_query_referral_board:
 * @scope: which referrals; a member who asks for the club's gets their own
 * @search: (nullable): words that the prospect, the need or the giver's or
 *   receiver's name must hold, regardless of case and accents
 * @first_page: how many rows of each column to read at most, 0 for all
 *
 * Finds the referrals of each column of the board and the open needs, as
 * the local user may see them, and reads the first of each. Blocks; safe
 * to call from any thread (the records' SQL is made once, under g_once),
 * or through cercle_store_query_referral_board_async(). A first page is
 * not counted (see #CercleReferralRows).
 *
 * Returns: (transfer full): the board, or %NULL with @error set
 */
CercleReferralRows *
cercle_store_query_referral_board (CercleStore          *self,
                                   CercleReferralScope   scope,
                                   const char           *search,
                                   guint                 first_page,
                                   GCancellable         *cancellable,
                                   GError              **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  return query_referrals (self, scope, search, first_page, NULL, cancellable, error);
}

/**
 * cercle_store_query_referral_changes:
 * @ids: the ids of the referrals that changed
 *
 * What the board as cercle_store_query_referral_board() found it needs to
 * take in after @ids changed: the rows of those referrals, to take out
 * of its columns, then of those it shows, in which column and at which
 * position each goes (rows, positions), with the counts of the whole
 * board. Costs little more than the counts for a few referrals, where
 * reading every row again would read 200,000.
 *
 * Returns: (transfer full): the changes, or %NULL with @error set
 */
CercleReferralRows *
cercle_store_query_referral_changes (CercleStore          *self,
                                     CercleReferralScope   scope,
                                     const char           *search,
                                     const char * const   *ids,
                                     GCancellable         *cancellable,
                                     GError              **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  return query_referrals (self, scope, search, 0, ids, cancellable, error);
}

typedef struct
{
  CercleReferralScope  scope;
  char                *search;
  guint                first_page;
  char               **ids;
} BoardQuery;

static void
board_query_free (BoardQuery *query)
{
  g_free (query->search);
  g_strfreev (query->ids);
  g_free (query);
}

static void
board_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BoardQuery *query = task_data;
  GError *error = NULL;
  CercleReferralRows *board;

  board = query_referrals (source_object, query->scope, query->search, query->first_page,
                           (const char * const *)query->ids, cancellable, &error);
  if (board == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, board, (GDestroyNotify)cercle_referral_rows_free);
}

static void
start_query (CercleStore          *self,
             CercleReferralScope   scope,
             const char           *search,
             guint                 first_page,
             const char * const   *ids,
             GCancellable         *cancellable,
             GAsyncReadyCallback   callback,
             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  BoardQuery *query;

  query = g_new0 (BoardQuery, 1);
  query->scope = scope;
  query->search = g_strdup (search);
  query->first_page = first_page;
  query->ids = g_strdupv ((char **)ids);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cercle_store_query_referral_board_async);
  g_task_set_task_data (task, query, (GDestroyNotify)board_query_free);
  g_task_run_in_thread (task, board_thread);
}

void
cercle_store_query_referral_board_async (CercleStore          *self,
                                         CercleReferralScope   scope,
                                         const char           *search,
                                         guint                 first_page,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data)
{
  g_return_if_fail (CERCLE_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_query (self, scope, search, first_page, NULL, cancellable, callback, user_data);
}

/* Finished with cercle_store_query_referral_board_finish() */
void
cercle_store_query_referral_changes_async (CercleStore          *self,
                                           CercleReferralScope   scope,
                                           const char           *search,
                                           const char * const   *ids,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  g_return_if_fail (CERCLE_IS_STORE (self));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_query (self, scope, search, 0, ids, cancellable, callback, user_data);
}

/**
 * cercle_store_query_referral_board_finish:
 *
 * Returns: (transfer full): the board, or %NULL with @error set
 */
CercleReferralRows *
cercle_store_query_referral_board_finish (CercleStore   *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cercle_store_query_referral_board_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
