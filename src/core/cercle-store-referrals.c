/* cercle-store-referrals.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "cercle-format.h"
#include "cercle-member.h"
#include "cercle-one-to-one.h"
#include "cercle-record-list.h"
#include "cercle-referral.h"
#include "cercle-request.h"
#include "cercle-store-private.h"
#include "cercle-store-referrals-private.h"

/* The referral board's queries: its columns, the needs board, one's
 * one-to-ones and the season's statistics, and the writes that move a
 * referral along. The board and the statistics read on the store's
 * read-only connection, in worker threads, so that a club of 200,000
 * referrals never holds the interface.
 *
 * Confidentiality is enforced here, in the SQL: whoever asks, a member's
 * queries find only the referrals they give or receive, and the
 * statistics hand out counts and totals, never a prospect. Who the viewer
 * is comes from the club file itself, not from the caller. */


const char *
_cercle_referrals_status_nick (CercleReferralStatus status)
{
  static const char * const nicks[] = {
    [CERCLE_REFERRAL_STATUS_PROPOSED] = "proposed",
    [CERCLE_REFERRAL_STATUS_ACCEPTED] = "accepted",
    [CERCLE_REFERRAL_STATUS_CONTACTED] = "contacted",
    [CERCLE_REFERRAL_STATUS_QUOTED] = "quoted",
    [CERCLE_REFERRAL_STATUS_WON] = "won",
    [CERCLE_REFERRAL_STATUS_LOST] = "lost",
    [CERCLE_REFERRAL_STATUS_DECLINED] = "declined",
  };

  g_assert (status < G_N_ELEMENTS (nicks));

  return nicks[status];
}


/* Lower case without accents, so that "helene" finds "Hélène". Most text
 * is plain ASCII and is folded in place. */
static void
append_folded (GString    *out,
               const char *text,
               int         len)
{
  gboolean ascii = TRUE;
  g_autofree char *decomposed = NULL;

  if (text == NULL)
    return;
  if (len < 0)
    len = (int)strlen (text);

  for (int i = 0; i < len && ascii; i++)
    ascii = (guchar)text[i] < 0x80;

  if (ascii)
    {
      for (int i = 0; i < len; i++)
        g_string_append_c (out, g_ascii_tolower (text[i]));
      return;
    }

  if (!g_utf8_validate_len (text, len, NULL))
    return;

  decomposed = g_utf8_normalize (text, len, G_NORMALIZE_NFKD);
  for (const char *p = decomposed; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (out, g_unichar_tolower (c));
    }
}

/* cercle_match(WORDS, TEXT...): whether every word of WORDS (folded,
 * separated by spaces) is found in the TEXTs, folded too */
static void
match_function (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  const char *words = (const char *)sqlite3_value_text (argv[0]);
  g_autoptr(GString) haystack = g_string_new (NULL);
  const char *word;

  if (words == NULL || *words == '\0')
    {
      sqlite3_result_int (context, 1);
      return;
    }

  for (int i = 1; i < argc; i++)
    {
      g_string_append_c (haystack, ' ');
      append_folded (haystack, (const char *)sqlite3_value_text (argv[i]),
                     sqlite3_value_bytes (argv[i]));
    }

  for (word = words; *word != '\0'; )
    {
      const char *space = strchr (word, ' ');
      gsize len = space != NULL ? (gsize)(space - word) : strlen (word);
      g_autofree char *needle = g_strndup (word, len);

      if (len > 0 && strstr (haystack->str, needle) == NULL)
        {
          sqlite3_result_int (context, 0);
          return;
        }

      word += len;
      while (*word == ' ')
        word++;
    }

  sqlite3_result_int (context, 1);
}

/* The words of what the user typed, folded and joined by single spaces;
 * NULL for nothing to look for */
char *
_cercle_referrals_fold_search (const char *search)
{
  g_autoptr(GString) folded = g_string_new (NULL);
  g_autoptr(GString) words = g_string_new (NULL);

  if (search == NULL)
    return NULL;

  append_folded (folded, search, -1);

  for (const char *p = folded->str; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '@' || c == '.' || c == '-' || c == '\'')
        g_string_append_unichar (words, c);
      else if (words->len > 0 && words->str[words->len - 1] != ' ')
        g_string_append_c (words, ' ');
    }

  while (words->len > 0 && words->str[words->len - 1] == ' ')
    g_string_truncate (words, words->len - 1);

  return words->len > 0 ? g_string_free (g_steal_pointer (&words), FALSE) : NULL;
}

static int
progress_cb (void *data)
{
  return g_cancellable_is_cancelled (G_CANCELLABLE (data)) ? 1 : 0;
}

/* Takes the reader for a query that stops when @cancellable is cancelled */
CercleDb *
_cercle_referrals_lock_reader (CercleStore   *self,
             GCancellable  *cancellable,
             GError       **error)
{
  CercleDb *db;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!(db = _cercle_store_lock_reader (self, error)))
    return NULL;

  sqlite3_create_function (cercle_db_get_handle (db), "cercle_match", -1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, match_function, NULL, NULL);

  if (cancellable != NULL)
    sqlite3_progress_handler (cercle_db_get_handle (db), 1000, progress_cb, cancellable);

  return db;
}

/* Gives the reader back; a query that stopped because it was cancelled
 * reports the cancellation rather than SQLite's interruption */
gboolean
_cercle_referrals_unlock_reader (CercleStore   *self,
               CercleDb      *db,
               GCancellable  *cancellable,
               gboolean       ok,
               GError       **error)
{
  sqlite3_progress_handler (cercle_db_get_handle (db), 0, NULL, NULL);
  _cercle_store_unlock_reader (self);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }

  return ok;
}

/* Who uses this copy of the club, read on the reader's connection, so that
 * a worker thread needs nothing from the caller to know it */
gboolean
_cercle_referrals_read_viewer (CercleDb      *db,
             ReaderViewer  *viewer,
             GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = cercle_db_prepare (db,
                                  "SELECT m.id, m.role = 'staff',"
                                  " (SELECT rank_business FROM club WHERE deleted = 0 ORDER BY pk LIMIT 1)"
                                  " FROM meta JOIN member m ON m.id = meta.value"
                                  " WHERE meta.key = 'local_member_id' AND m.deleted = 0",
                                  error)))
    return FALSE;

  rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error);
  if (rc == SQLITE_ROW)
    {
      viewer->member_id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      viewer->is_staff = sqlite3_column_int (stmt, 1) != 0;
      viewer->rank_business = sqlite3_column_int (stmt, 2) != 0;
    }
  sqlite3_reset (stmt);

  return rc != 0;
}

/* Runs @stmt to its end, adding its first column to @rows */
gboolean
_cercle_referrals_collect_rows (CercleDb      *db,
              sqlite3_stmt  *stmt,
              GArray        *rows,
              GError       **error)
{
  int rc;

  while ((rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rows, row);
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return rc == SQLITE_DONE;
}

/* The statistics. Referrals count in the season they were given in,
 * business in the month it closed; nothing here reads a prospect.
 *
 * Two reads of an index range each, summed up here rather than grouped
 * by SQLite: the season's referrals, giver and receiver side by side
 * (referral_by_season), and the season's closed ones, with what the
 * figures of closed business need (referral_by_closing). Grouping would
 * take a read per figure (givers, receivers, months of business,
 * temperatures), over indexes that do not all fit the reader's cache
 * together, which read them again from the disk at every computation. */
enum {
  STATS_MEMBERS,
  STATS_GIVEN,
  STATS_CLOSED,
  STATS_ONE_TO_ONES,
  N_STATS_SQL
};

static const char * const stats_sql[] = {
  [STATS_MEMBERS] =
    "SELECT id, first_name, last_name FROM member WHERE deleted = 0 ORDER BY sort_key",
  [STATS_GIVEN] =
    "SELECT giver_id, receiver_id FROM referral"
    " WHERE deleted = 0 AND given_on >= ?1 AND given_on < ?2",
  [STATS_CLOSED] =
    "SELECT receiver_id, status, temperature, substr (closed_on, 6, 2), amount_cents FROM referral"
    " WHERE deleted = 0 AND status IN ('won', 'lost', 'declined')"
    " AND closed_on >= ?1 AND closed_on < ?2",
  [STATS_ONE_TO_ONES] =
    "SELECT member, count (*) FROM"
    " (SELECT member_a_id AS member FROM one_to_one WHERE deleted = 0 AND met_on >= ?1 AND met_on < ?2"
    "  UNION ALL"
    "  SELECT member_b_id FROM one_to_one WHERE deleted = 0 AND met_on >= ?1 AND met_on < ?2)"
    " GROUP BY member",
};

G_STATIC_ASSERT (G_N_ELEMENTS (stats_sql) == N_STATS_SQL);

static gboolean
query_stats (CercleDb             *db,
             CercleReferralStats  *stats,
             const ReaderViewer   *viewer,
             GError              **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CercleViewer) rule_viewer = cercle_viewer_new (viewer->member_id, viewer->is_staff);
  g_autoptr(CercleClub) club = g_object_new (CERCLE_TYPE_CLUB, "rank-business", viewer->rank_business, NULL);
  char first_day[11], day_after[11];

  cercle_season_bounds (stats->season, first_day, day_after);

  for (guint q = 0; q < N_STATS_SQL; q++)
    {
      sqlite3_stmt *stmt;
      int rc;

      if (!(stmt = cercle_db_prepare (db, stats_sql[q], error)))
        return FALSE;
      if (sqlite3_bind_parameter_count (stmt) >= 2 &&
          (!cercle_db_bind_static_text (db, stmt, 1, first_day, error) ||
           !cercle_db_bind_static_text (db, stmt, 2, day_after, error)))
        return FALSE;

      while ((rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
        {
          const char *id = (const char *)sqlite3_column_text (stmt, 0);
          CercleMemberSeason *activity = id != NULL ? g_hash_table_lookup (by_id, id) : NULL;
          guint count;

          switch (q)
            {
            case STATS_MEMBERS:
              {
                g_autofree char *name = cercle_format_full_name ((const char *)sqlite3_column_text (stmt, 1),
                                                                 (const char *)sqlite3_column_text (stmt, 2));

                activity = cercle_referral_stats_add_member (stats, id, name);
                activity->business_cents = cercle_visibility_can_see_member_business (rule_viewer, club, id)
                                           ? 0 : -1;
                g_hash_table_insert (by_id, activity->member_id, activity);
              }
              break;

            case STATS_GIVEN:
              {
                const char *receiver_id = (const char *)sqlite3_column_text (stmt, 1);
                CercleMemberSeason *receiver = receiver_id != NULL ? g_hash_table_lookup (by_id, receiver_id)
                                                                   : NULL;

                stats->n_given++;
                if (activity != NULL)
                  activity->given++;
                if (receiver != NULL)
                  receiver->received++;
              }
              break;

            case STATS_CLOSED:
              {
                const char *status = (const char *)sqlite3_column_text (stmt, 1);
                int temperature = sqlite3_column_int (stmt, 2);
                gboolean won = g_strcmp0 (status, "won") == 0;

                stats->n_closed++;
                if (temperature >= 1 && temperature <= CERCLE_TEMPERATURE_MAX)
                  {
                    stats->temperature_closed[temperature - 1]++;
                    stats->temperature_won[temperature - 1] += won;
                  }

                if (won)
                  {
                    int month = atoi ((const char *)sqlite3_column_text (stmt, 3) ?: "0");
                    gint64 cents = sqlite3_column_int64 (stmt, 4);

                    stats->n_won++;
                    stats->total_cents += cents;
                    if (month >= 1 && month <= 12)
                      {
                        stats->month_won[(month - G_DATE_SEPTEMBER + 12) % 12]++;
                        stats->month_cents[(month - G_DATE_SEPTEMBER + 12) % 12] += cents;
                      }
                    if (activity != NULL)
                      {
                        activity->won++;
                        if (activity->business_cents >= 0)
                          activity->business_cents += cents;
                      }
                  }
              }
              break;

            case STATS_ONE_TO_ONES:
              count = (guint)sqlite3_column_int64 (stmt, 1);
              if (activity != NULL)
                activity->one_to_ones = count;
              break;

            default:
              g_assert_not_reached ();
            }
        }

      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      if (rc != SQLITE_DONE)
        return FALSE;
    }

  /* Each one-to-one counts once for the club, twice member by member */
  for (guint i = 0; i < stats->members->len; i++)
    stats->n_one_to_ones += ((CercleMemberSeason *)g_ptr_array_index (stats->members, i))->one_to_ones;
  stats->n_one_to_ones /= 2;

  return TRUE;
}

/**
 * cercle_store_compute_referral_stats:
 * @season: the first year of the season, as cercle_season_of_day() says
 *
 * Counts the season's referrals, business closed and one-to-ones, club
 * wide and member by member. Business closed member by member is filled
 * only where the local user may see it. Blocks; safe to call from any
 * thread.
 *
 * Returns: (transfer full): the statistics, or %NULL with @error set
 */
CercleReferralStats *
cercle_store_compute_referral_stats (CercleStore   *self,
                                     int            season,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  g_autoptr(CercleReferralStats) stats = NULL;
  g_auto(ReaderViewer) viewer = { NULL, };
  CercleDb *db;
  gboolean ok;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  if (!(db = _cercle_referrals_lock_reader (self, cancellable, error)))
    return NULL;

  stats = cercle_referral_stats_new (season);
  ok = _cercle_referrals_read_viewer (db, &viewer, error) &&
       query_stats (db, stats, &viewer, error);

  if (!_cercle_referrals_unlock_reader (self, db, cancellable, ok, error))
    return NULL;

  return g_steal_pointer (&stats);
}

static void
stats_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  CercleReferralStats *stats;

  stats = cercle_store_compute_referral_stats (source_object, GPOINTER_TO_INT (task_data),
                                               cancellable, &error);
  if (stats == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stats, (GDestroyNotify)cercle_referral_stats_free);
}

void
cercle_store_compute_referral_stats_async (CercleStore         *self,
                                           int                  season,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CERCLE_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cercle_store_compute_referral_stats_async);
  g_task_set_task_data (task, GINT_TO_POINTER (season), NULL);
  g_task_run_in_thread (task, stats_thread);
}

/**
 * cercle_store_compute_referral_stats_finish:
 *
 * Returns: (transfer full): the statistics, or %NULL with @error set
 */
CercleReferralStats *
cercle_store_compute_referral_stats_finish (CercleStore   *self,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cercle_store_compute_referral_stats_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cercle_store_list_referrals:
 *
 * Returns: (transfer full): a #GListModel of every #CercleReferral the
 *   local user may see, newest first
 */
GListModel *
cercle_store_list_referrals (CercleStore  *self,
                             GError      **error)
{
  g_autoptr(CercleViewer) viewer = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(viewer = cercle_store_dup_viewer (self, error)))
    return NULL;

  if (viewer->is_staff)
    return _cercle_store_list_where (self, CERCLE_TYPE_REFERRAL,
                                     "ORDER BY given_on DESC, pk DESC", NULL, NULL, error);

  return _cercle_store_list_where (self, CERCLE_TYPE_REFERRAL,
                                   "AND (giver_id = ?1 OR receiver_id = ?1)"
                                   " ORDER BY given_on DESC, pk DESC",
                                   viewer->member_id != NULL ? viewer->member_id : "", NULL, error);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID, message);
  return FALSE;
}

/**
 * cercle_store_pass_referral:
 * @referral: the referral as the user filled it in: receiver, prospect,
 *   need, temperature, consent and, answering a need, its request id
 *
 * Passes @referral in the local user's name, today, as proposed.
 *
 * Returns: whether it was saved; %FALSE with @error set to a sentence
 *   naming what is missing or not allowed otherwise
 */
gboolean
cercle_store_pass_referral (CercleStore     *self,
                            CercleReferral  *referral,
                            GError         **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autofree char *today = cercle_today ();

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (CERCLE_IS_REFERRAL (referral), FALSE);

  if (!(viewer = cercle_store_dup_viewer (self, error)))
    return FALSE;

  if (viewer->member_id == NULL)
    return invalid (error, _("Only members of the club can pass referrals."));

  if (!has_text (cercle_referral_get_receiver_id (referral)))
    return invalid (error, _("Choose the member who receives the referral."));

  if (!has_text (cercle_referral_get_prospect_name (referral)) &&
      !has_text (cercle_referral_get_prospect_company (referral)))
    return invalid (error, _("Give the prospect’s name or company."));

  if (!has_text (cercle_referral_get_need (referral)))
    return invalid (error, _("Describe the prospect’s need in a few words."));

  g_object_set (referral,
                "giver-id", viewer->member_id,
                "status", CERCLE_REFERRAL_STATUS_PROPOSED,
                "amount-cents", (gint64)0,
                "given-on", today,
                "moved-on", today,
                "closed-on", NULL,
                NULL);

  return cercle_store_save (self, CERCLE_RECORD (referral), error);
}

/**
 * cercle_store_move_referral:
 * @to: the status to move it to
 * @amount_cents: the business closed, for a move to won
 *
 * Moves a referral along its state machine, today, if the local user may
 * make that move (cercle_permission_check() decides, as the server will).
 *
 * Returns: whether it moved; %FALSE with @error set otherwise
 */
gboolean
cercle_store_move_referral (CercleStore           *self,
                            const char            *referral_id,
                            CercleReferralStatus   to,
                            gint64                 amount_cents,
                            GError               **error)
{
  g_autoptr(CercleReferral) referral = NULL;
  g_autofree char *today = cercle_today ();

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (referral_id != NULL, FALSE);
  g_return_val_if_fail (to < CERCLE_REFERRAL_N_STATUSES, FALSE);

  if (cercle_referral_status_needs_amount (to) && amount_cents <= 0)
    return invalid (error, _("Enter the amount of business closed, in euros."));

  if (!(referral = cercle_store_get_record (self, CERCLE_TYPE_REFERRAL, referral_id, error)))
    return FALSE;

  if (cercle_record_get_deleted (CERCLE_RECORD (referral)))
    {
      g_set_error_literal (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_FOUND,
                           _("This referral was withdrawn."));
      return FALSE;
    }

  cercle_referral_apply_move (referral, to, amount_cents, today);

  return cercle_store_save (self, CERCLE_RECORD (referral), error);
}

/**
 * cercle_store_post_request:
 * @title: what the local user is looking for, in a few words
 * @body: (nullable): more about it
 * @sector: (nullable): the trade or sector it is in
 *
 * Posts a need to the club's needs board, in the local user's name.
 *
 * Returns: (transfer full): the need, or %NULL with @error set
 */
CercleRequest *
cercle_store_post_request (CercleStore  *self,
                           const char   *title,
                           const char   *body,
                           const char   *sector,
                           GError      **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(CercleRequest) request = NULL;
  g_autofree char *today = cercle_today ();
  g_autofree char *clean_title = g_strstrip (g_strdup (title ? title : ""));

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(viewer = cercle_store_dup_viewer (self, error)))
    return NULL;

  if (viewer->member_id == NULL)
    {
      invalid (error, _("Only members of the club can post needs."));
      return NULL;
    }

  if (*clean_title == '\0')
    {
      invalid (error, _("Say what you are looking for."));
      return NULL;
    }

  request = g_object_new (CERCLE_TYPE_REQUEST,
                          "member-id", viewer->member_id,
                          "title", clean_title,
                          "body", has_text (body) ? body : NULL,
                          "sector", has_text (sector) ? sector : NULL,
                          "status", CERCLE_REQUEST_STATUS_OPEN,
                          "posted-on", today,
                          NULL);

  if (!cercle_store_save (self, CERCLE_RECORD (request), error))
    return NULL;

  return g_steal_pointer (&request);
}

/**
 * cercle_store_close_request:
 *
 * Closes a need of the needs board: it was answered, or is no longer one.
 */
gboolean
cercle_store_close_request (CercleStore  *self,
                            const char   *request_id,
                            GError      **error)
{
  g_autoptr(CercleRequest) request = NULL;
  g_autofree char *today = cercle_today ();

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (request_id != NULL, FALSE);

  if (!(request = cercle_store_get_record (self, CERCLE_TYPE_REQUEST, request_id, error)))
    return FALSE;

  g_object_set (request,
                "status", CERCLE_REQUEST_STATUS_CLOSED,
                "closed-on", today,
                NULL);

  return cercle_store_save (self, CERCLE_RECORD (request), error);
}

/**
 * cercle_store_log_one_to_one:
 * @other_member_id: who the local user met
 * @met_on: the day, "YYYY-MM-DD"
 * @notes: (nullable): what the local user wants to remember; private
 *
 * Returns: (transfer full): the one-to-one, or %NULL with @error set
 */
CercleOneToOne *
cercle_store_log_one_to_one (CercleStore  *self,
                             const char   *other_member_id,
                             const char   *met_on,
                             const char   *notes,
                             GError      **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(CercleOneToOne) one_to_one = NULL;
  g_autofree char *today = cercle_today ();
  GDate day;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(viewer = cercle_store_dup_viewer (self, error)))
    return NULL;

  if (viewer->member_id == NULL)
    {
      invalid (error, _("Only members of the club can log one-to-ones."));
      return NULL;
    }

  if (!has_text (other_member_id))
    {
      invalid (error, _("Choose the member you met."));
      return NULL;
    }

  if (!cercle_parse_day (met_on, &day))
    {
      invalid (error, _("Give the day you met, as a date."));
      return NULL;
    }

  if (cercle_days_between (today, met_on) > 0)
    {
      invalid (error, _("A one-to-one is logged once it took place: the day is in the future."));
      return NULL;
    }

  one_to_one = g_object_new (CERCLE_TYPE_ONE_TO_ONE,
                             "member-a-id", viewer->member_id,
                             "member-b-id", other_member_id,
                             "author-id", viewer->member_id,
                             "met-on", met_on,
                             "notes", has_text (notes) ? notes : NULL,
                             NULL);

  if (!cercle_store_save (self, CERCLE_RECORD (one_to_one), error))
    return NULL;

  return g_steal_pointer (&one_to_one);
}

/**
 * cercle_store_list_one_to_ones:
 *
 * Returns: (transfer full): a #GListModel of the local user's
 *   #CercleOneToOne, newest first, with only their own notes in them
 */
GListModel *
cercle_store_list_one_to_ones (CercleStore  *self,
                               GError      **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  CercleRecordList *list;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(viewer = cercle_store_dup_viewer (self, error)))
    return NULL;

  if (viewer->member_id != NULL)
    {
      if (!(stmt = cercle_db_prepare (self->db,
                                      "SELECT pk FROM one_to_one WHERE deleted = 0"
                                      " AND (member_a_id = ?1 OR member_b_id = ?1 OR author_id = ?1)"
                                      " ORDER BY met_on DESC, pk DESC",
                                      error)) ||
          !cercle_db_bind_text (self->db, stmt, 1, viewer->member_id, error) ||
          !_cercle_referrals_collect_rows (self->db, stmt, rows, error))
        return NULL;
    }

  list = cercle_record_list_new (self, CERCLE_TYPE_ONE_TO_ONE, rows);
  cercle_record_list_set_viewer (list, viewer);

  return G_LIST_MODEL (list);
}

/**
 * cercle_store_dup_sectors:
 *
 * Returns: (transfer full): the sectors the club's members work in, in
 *   alphabetical order, for a need to be filed under
 */
char **
cercle_store_dup_sectors (CercleStore  *self,
                          GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT DISTINCT sector FROM member"
                                  " WHERE deleted = 0 AND coalesce (sector, '') <> ''"
                                  " ORDER BY sector COLLATE NOCASE",
                                  error)))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_strv_builder_end (builder);
}
