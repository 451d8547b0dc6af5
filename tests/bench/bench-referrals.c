/* bench-referrals.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cercle-application.h"
#include "cercle-core.h"
#include "cercle-referral-board.h"
#include "cercle-referrals-view.h"
#include "cercle-store-private.h"
#include "cercle-window.h"

#include "bench-common.h"

/* The referral board of a club with 200,000 referrals, as its staff sees it
 * (the whole club), in the real window:
 *
 *   referrals.board_first_cards   from showing the page to the first frame
 *                                 painted with cards in it
 *   referrals.board_stall         the longest the main loop stood still
 *                                 meanwhile, until every column was loaded
 *   referrals.apply_change        from moving a referral to the frame that
 *                                 shows it in its new column
 *   referrals.burst_1000          from a sync page of 1,000 changed
 *                                 referrals to the frame that shows them
 *   referrals.stats               the season's statistics
 *
 * On a machine shared with other work the main loop also stands still
 * while the process waits for a processor or for the X server, which no
 * code of ours can help, so the stalls are measured twice: in time, and
 * in processor time the main thread spent between two beats of the main
 * loop (board_stall_cpu, apply_change_stall_cpu), which is the work that
 * held the interface; board_main_cpu is all of the main thread's work
 * from showing the page until every column is loaded.
 *
 * Each beside raw SQLite running the same queries on a connection of its
 * own, stepping every row: the board's first cards (the same referrals,
 * every field, and their members' names, joined in one query per
 * column), its full columns (which
 * is what a main loop doing the work itself would stand still for), the
 * move's write and the full columns again, and the statistics' figures
 * one SQLite query each (raw_stats_sql).
 *
 * The club is made once through the store (a demo club of 2,000 members,
 * then the referrals, in bulk) and kept in the build directory. */

#define N_MEMBERS    2000
#define N_REFERRALS  200000
#define RUNS         5
#define BATCH        5000

typedef struct
{
  CercleStore *store;
  GPtrArray   *member_ids;
  char        *local_member_id;
} Fill;

static gboolean
keep_member_ids (CercleRecord * const  *records,
                 guint                  n_records,
                 gpointer               user_data,
                 GError               **error)
{
  Fill *fill = user_data;

  for (guint i = 0; i < n_records; i++)
    if (CERCLE_IS_MEMBER (records[i]))
      g_ptr_array_add (fill->member_ids, g_strdup (cercle_record_get_id (records[i])));

  return cercle_store_save_all (fill->store, records, n_records, CERCLE_SAVE_FROM_SERVER, error);
}

static void
format_day (GDate *date,
            guint  offset,
            char   out[11])
{
  GDate day = *date;

  g_date_add_days (&day, offset);
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (&day), g_date_get_month (&day),
              g_date_get_day (&day));
}

/* The referrals, as a season and a half of a big federation's would be:
 * given from September 2025 to November 2026, in every status */
static gboolean
fill_club (CercleStore   *store,
           gpointer       user_data,
           GCancellable  *cancellable,
           GError       **error)
{
  static const char * const needs[] = {
    "Refonte du site web", "Bilan comptable", "Audit énergétique", "Recrutement d'un commercial",
    "Assurance flotte automobile", "Local commercial", "Formation management", "Logo et charte",
  };
  static const int weights[] = { 8, 8, 12, 10, 34, 18, 10 };
  Fill *fill = user_data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  GDate first;
  guint days;
  guint made = 0;
  gint64 existing = 0;

  fill->store = store;
  if (!cercle_demo_generate (N_MEMBERS, CERCLE_DEMO_DEFAULT_SEED, keep_member_ids, fill,
                             &fill->local_member_id, error))
    return FALSE;

  if (!cercle_db_query_int64 (store->db, "SELECT count (*) FROM referral", &existing, error))
    return FALSE;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, G_DATE_SEPTEMBER, 2025);
  days = 446;

  for (made = (guint)existing; made < N_REFERRALS; made++)
    {
      guint giver = g_rand_int_range (rand, 0, fill->member_ids->len);
      guint receiver = (giver + 1 + g_rand_int_range (rand, 0, fill->member_ids->len - 1)) % fill->member_ids->len;
      guint given = g_rand_int_range (rand, 0, days);
      int r = g_rand_int_range (rand, 0, 100);
      CercleReferralStatus status = 0;
      g_autofree char *prospect = g_strdup_printf ("Prospect %u", made);
      char given_on[11], moved_on[11];
      gboolean closed;

      while (r >= weights[status])
        r -= weights[status++];
      closed = cercle_referral_status_is_closed (status);

      format_day (&first, given, given_on);
      format_day (&first, MIN (days, given + (closed ? 10 + given % 60 : given % 20)), moved_on);

      g_ptr_array_add (batch,
                       g_object_new (CERCLE_TYPE_REFERRAL,
                                     "giver-id", g_ptr_array_index (fill->member_ids, giver),
                                     "receiver-id", g_ptr_array_index (fill->member_ids, receiver),
                                     "prospect-name", prospect,
                                     "prospect-company", "Entreprise",
                                     "need", needs[made % G_N_ELEMENTS (needs)],
                                     "temperature", g_rand_int_range (rand, 1, 6),
                                     "status", status,
                                     "amount-cents", status == CERCLE_REFERRAL_STATUS_WON
                                                     ? (gint64)g_rand_int_range (rand, 300, 60000) * 100 : (gint64)0,
                                     "given-on", given_on,
                                     "moved-on", moved_on,
                                     "closed-on", closed ? moved_on : NULL,
                                     "rev", (gint64)1,
                                     NULL));

      if (batch->len == BATCH)
        {
          if (!cercle_store_save_all (store, (CercleRecord **)batch->pdata, batch->len,
                                      CERCLE_SAVE_FROM_SERVER, error))
            return FALSE;
          g_ptr_array_set_size (batch, 0);
        }
    }

  if (!cercle_store_save_all (store, (CercleRecord **)batch->pdata, batch->len,
                              CERCLE_SAVE_FROM_SERVER, error))
    return FALSE;

  return cercle_store_set_local_member (store, fill->local_member_id, error);
}

static gboolean
ensure_club (const char  *path,
             GError     **error)
{
  Fill fill = { NULL, g_ptr_array_new_with_free_func (g_free), NULL };
  gint64 started;
  gboolean ok;

  /* Kept across builds of the benchmark: opening it brings its schema up
   * to date, and the seeded fill makes the same club every time (remove
   * the file to make it again) */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(CercleStore) store = cercle_store_open (path, NULL);
      gint64 n = 0;

      if (store != NULL &&
          cercle_db_query_int64 (store->db, "SELECT count (*) FROM referral", &n, NULL) &&
          n == N_REFERRALS)
        {
          g_ptr_array_unref (fill.member_ids);
          return TRUE;
        }
    }

  cercle_store_remove_database (path);
  g_print ("# making a club of %u members and %u referrals in %s\n", N_MEMBERS, N_REFERRALS, path);
  started = g_get_monotonic_time ();
  ok = cercle_store_create (path, fill_club, &fill, NULL, error);
  g_print ("# made in %.1f s\n", (g_get_monotonic_time () - started) / 1e6);

  g_ptr_array_unref (fill.member_ids);
  g_free (fill.local_member_id);

  return ok;
}

/* Raw SQLite, on a connection of its own: runs @sql with ?1..?n bound to
 * @args, stepping every row and reading its first column */
static double
raw_query_ms (sqlite3            *db,
              const char         *sql,
              const char * const *args)
{
  sqlite3_stmt *stmt = NULL;
  gint64 started = g_get_monotonic_time ();
  gint64 sum = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  for (int i = 0; args != NULL && args[i] != NULL; i++)
    sqlite3_bind_text (stmt, i + 1, args[i], -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    sum += sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return (g_get_monotonic_time () - started) / 1000.0 + (sum == G_MININT64);
}

/* As raw_query_ms(), reading every column of every row as the records
 * and names shown would be read */
static double
raw_read_ms (sqlite3            *db,
             const char         *sql,
             const char * const *args)
{
  sqlite3_stmt *stmt = NULL;
  gint64 started = g_get_monotonic_time ();
  gsize bytes = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  for (int i = 0; args != NULL && args[i] != NULL; i++)
    sqlite3_bind_text (stmt, i + 1, args[i], -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      {
        const unsigned char *text = sqlite3_column_text (stmt, c);

        bytes += text != NULL ? strlen ((const char *)text) : 0;
      }
  sqlite3_finalize (stmt);

  return (g_get_monotonic_time () - started) / 1000.0 + (bytes == G_MAXSIZE);
}

static const char * const status_nicks[] = {
  "proposed", "accepted", "contacted", "quoted", "won", "lost", "declined",
};

/* What the board's first cards show, the fastest raw way: in each column,
 * the first referrals with every field and their giver's and receiver's
 * names, in one query joined with the members; the first open needs and
 * their authors' names likewise */
static double
raw_first_cards_ms (sqlite3 *db,
                    int      limit)
{
  double ms = 0;

  for (guint s = 0; s < G_N_ELEMENTS (status_nicks); s++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT r.*, g.first_name, g.last_name, c.first_name, c.last_name"
                                              " FROM referral r LEFT JOIN member g ON g.id = r.giver_id"
                                              " LEFT JOIN member c ON c.id = r.receiver_id"
                                              " WHERE r.deleted = 0 AND r.status = ?1"
                                              " ORDER BY r.moved_on DESC, r.pk DESC LIMIT %d", limit);
      const char *args[] = { status_nicks[s], NULL };

      ms += raw_read_ms (db, sql, args);
    }

  {
    g_autofree char *sql = g_strdup_printf ("SELECT q.*, m.first_name, m.last_name FROM request q"
                                            " LEFT JOIN member m ON m.id = q.member_id"
                                            " WHERE q.deleted = 0 AND q.status = 'open'"
                                            " ORDER BY q.posted_on DESC, q.pk DESC LIMIT %d", limit);

    ms += raw_read_ms (db, sql, NULL);
  }

  return ms;
}

/* The statistics' figures the way an expert would ask SQLite for them:
 * one query grouped by SQLite per figure, each reading a covering index
 * (the members, referrals given and received member by member, business
 * won by member and month, closed referrals by temperature, one-to-ones
 * by member) */
static const char * const raw_stats_sql[] = {
  "SELECT id, first_name, last_name FROM member WHERE deleted = 0 ORDER BY sort_key",
  "SELECT giver_id, count (*) FROM referral"
  " WHERE +deleted = 0 AND given_on >= ?1 AND given_on < ?2 GROUP BY giver_id",
  "SELECT receiver_id, count (*) FROM referral"
  " WHERE +deleted = 0 AND given_on >= ?1 AND given_on < ?2 GROUP BY receiver_id",
  "SELECT receiver_id, substr (closed_on, 6, 2), count (*), total (amount_cents) FROM referral"
  " WHERE deleted = 0 AND status = 'won' AND closed_on >= ?1 AND closed_on < ?2 GROUP BY 1, 2",
  "SELECT temperature, count (*), total (status = 'won') FROM referral"
  " WHERE deleted = 0 AND status IN ('won', 'lost', 'declined')"
  " AND closed_on >= ?1 AND closed_on < ?2 GROUP BY temperature",
  "SELECT member, count (*) FROM"
  " (SELECT member_a_id AS member FROM one_to_one WHERE deleted = 0 AND met_on >= ?1 AND met_on < ?2"
  "  UNION ALL"
  "  SELECT member_b_id FROM one_to_one WHERE deleted = 0 AND met_on >= ?1 AND met_on < ?2)"
  " GROUP BY member",
};

/* The board as the store asks it of SQLite, for the staff's whole club:
 * each column (a first page of @limit, or all) and, for all, the counts
 * (the board counts a column only with all its rows) */
static double
raw_board_ms (sqlite3 *db,
              int      limit)
{
  double ms = 0;

  for (guint s = 0; s < G_N_ELEMENTS (status_nicks); s++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT pk FROM referral WHERE deleted = 0 AND status = ?1"
                                              " ORDER BY moved_on DESC, pk DESC LIMIT %d", limit);
      const char *args[] = { status_nicks[s], NULL };

      ms += raw_query_ms (db, sql, args);
    }

  if (limit < 0)
    ms += raw_query_ms (db, "SELECT status, count (*), total (amount_cents) FROM referral"
                            " WHERE deleted = 0 GROUP BY status", NULL);
  ms += raw_query_ms (db, "SELECT pk FROM request WHERE deleted = 0 AND status = 'open'"
                          " ORDER BY posted_on DESC, pk DESC", NULL);

  return ms;
}

/* The main loop's heartbeat: the longest it went without running a
 * callback is the longest the interface stood still */
typedef struct
{
  gint64 last;
  gint64 longest;
  double last_cpu;
  double longest_cpu;
} Heart;

/* Processor time the calling thread used, in milliseconds */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
heart_start (Heart *heart)
{
  heart->last = g_get_monotonic_time ();
  heart->longest = 0;
  heart->last_cpu = thread_cpu_ms ();
  heart->longest_cpu = 0;
}

static gboolean
on_beat_cb (gpointer user_data)
{
  Heart *heart = user_data;
  gint64 now = g_get_monotonic_time ();
  double cpu = thread_cpu_ms ();

  heart->longest = MAX (heart->longest, now - heart->last);
  heart->last = now;
  heart->longest_cpu = MAX (heart->longest_cpu, cpu - heart->last_cpu);
  heart->last_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

typedef struct
{
  gboolean (*ready) (gpointer data);
  gpointer   data;
  gint64     painted_at;
} PaintWait;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   PaintWait     *wait)
{
  if (wait->painted_at == 0 && wait->ready (wait->data))
    wait->painted_at = g_get_monotonic_time ();
}

/* Runs the main loop until a frame is painted once @ready; returns when */
static gint64
wait_for_paint (GtkWidget  *window,
                gboolean  (*ready) (gpointer data),
                gpointer    data)
{
  PaintWait wait = { ready, data, 0 };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &wait);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (wait.painted_at == 0 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      if (ready (data))
        gtk_widget_queue_draw (window);
    }

  g_signal_handler_disconnect (clock, id);

  return wait.painted_at;
}

static void
run_until (gboolean (*done) (gpointer data),
           gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
always (gpointer data)
{
  return TRUE;
}

static gboolean
has_cards (gpointer data)
{
  return g_list_model_get_n_items (cercle_referral_board_get_column (data, CERCLE_REFERRAL_STATUS_PROPOSED)) > 0;
}

static gboolean
board_loaded (gpointer data)
{
  return !cercle_referral_board_is_loading (data);
}

typedef struct
{
  CercleReferralBoard  *board;
  CercleReferralStatus  status;
  char                 *id;
} Shown;

/* The referral is at the top of its new column (among those moved today) */
static gboolean
shown_in_column (gpointer data)
{
  Shown *shown = data;
  GListModel *column = cercle_referral_board_get_column (shown->board, shown->status);

  if (cercle_referral_board_is_loading (shown->board))
    return FALSE;

  for (guint i = 0; i < MIN (g_list_model_get_n_items (column), 64); i++)
    {
      g_autoptr(CercleRecord) record = g_list_model_get_item (column, i);

      if (g_strcmp0 (cercle_record_get_id (record), shown->id) == 0)
        return TRUE;
    }

  return FALSE;
}

static CercleReferralBoard *
find_board (CercleWindow *window)
{
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), CERCLE_TYPE_WINDOW,
                                                                       "view_stack"));
  GtkWidget *view = adw_bin_get_child (ADW_BIN (adw_view_stack_get_child_by_name (stack, "referrals")));

  /* The window makes its pages once the main loop is idle */
  if (view == NULL)
    return NULL;

  return CERCLE_REFERRAL_BOARD (gtk_widget_get_template_child (view, CERCLE_TYPE_REFERRALS_VIEW, "board"));
}

static gboolean
has_board (gpointer data)
{
  return find_board (data) != NULL;
}

/* The first referral of @status on the board */
static char *
first_of (CercleReferralBoard  *board,
          CercleReferralStatus  status,
          guint                 position)
{
  g_autoptr(CercleRecord) record = g_list_model_get_item (cercle_referral_board_get_column (board, status), position);

  return g_strdup (cercle_record_get_id (record));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) first_cards = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) complete = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stall_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) main_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) change_stall_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) change_stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bursts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stats_runs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) query_first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) query_all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_full = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_change = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_burst = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_stats = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(CercleContext) context = NULL;
  const char *path;
  sqlite3 *raw = NULL;
  char first_day[11], day_after[11];
  int season = 2025;
  guint runs = RUNS;

  if (argc < 2)
    {
      g_printerr ("usage: bench-referrals CLUB.db [RUNS]\n");
      return EXIT_FAILURE;
    }
  path = argv[1];
  if (argc > 2)
    runs = CLAMP ((guint)g_ascii_strtoull (argv[2], NULL, 10), 1, 100);

  if (!gtk_init_check ())
    {
      g_print ("# no display: skipped\n");
      return BENCH_SKIP;
    }
  adw_init ();
  cercle_application_ensure_resources ();

  if (!ensure_club (path, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  store = cercle_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  context = cercle_context_new (store, NULL);
  sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READWRITE, NULL);
  sqlite3_busy_timeout (raw, 2000);
  sqlite3_exec (raw, "PRAGMA cache_size = -65536", NULL, NULL, NULL);

  /* The statistics, and the same SQL in raw SQLite */
  cercle_season_bounds (season, first_day, day_after);
  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(CercleReferralStats) stats = NULL;
      const char *args[] = { first_day, day_after, NULL };
      gint64 started = g_get_monotonic_time ();
      double ms = 0;

      stats = cercle_store_compute_referral_stats (store, season, NULL, &error);
      if (stats == NULL)
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - started) / 1000.0;
      g_array_append_val (stats_runs, ms);

      ms = 0;
      for (guint q = 0; q < G_N_ELEMENTS (raw_stats_sql); q++)
        ms += raw_query_ms (raw, raw_stats_sql[q], args);
      g_array_append_val (raw_stats, ms);

      if (run == 0)
        g_print ("# season %d: %u referrals given, %u won, %u members\n",
                 season, stats->n_given, stats->n_won, stats->members->len);
    }

  /* The board's queries alone, in the store, as its worker thread runs them */
  for (guint run = 0; run < runs; run++)
    {
      gint64 started = g_get_monotonic_time ();
      g_autoptr(CercleReferralRows) first = NULL;
      g_autoptr(CercleReferralRows) all = NULL;
      double ms;

      first = cercle_store_query_referral_board (store, CERCLE_REFERRAL_SCOPE_CLUB, NULL, 12, NULL, &error);
      ms = (g_get_monotonic_time () - started) / 1000.0;
      g_array_append_val (query_first, ms);
      started = g_get_monotonic_time ();
      all = cercle_store_query_referral_board (store, CERCLE_REFERRAL_SCOPE_CLUB, NULL, 0, NULL, &error);
      ms = (g_get_monotonic_time () - started) / 1000.0;
      g_array_append_val (query_all, ms);
      if (first == NULL || all == NULL)
        g_error ("%s", error->message);
    }

  /* Opening the board, in the real window, already open on another page */
  for (guint run = 0; run < runs; run++)
    {
      CercleWindow *window = cercle_window_new (NULL, context);
      CercleReferralBoard *board;
      Heart heart = { 0, };
      guint beat;
      gint64 started, painted, loaded;
      double ms, cpu_started;

      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      gtk_window_present (GTK_WINDOW (window));
      settle (600);
      run_until (has_board, window);
      board = find_board (window);
      settle (200);

      /* What a frame of this window costs on this display, nothing changed */
      started = g_get_monotonic_time ();
      gtk_widget_queue_draw (GTK_WIDGET (window));
      painted = wait_for_paint (GTK_WIDGET (window), always, NULL);
      ms = (painted - started) / 1000.0;
      g_array_append_val (frames, ms);

      heart_start (&heart);
      beat = g_timeout_add_full (G_PRIORITY_HIGH, 1, on_beat_cb, &heart, NULL);

      started = g_get_monotonic_time ();
      cpu_started = thread_cpu_ms ();
      cercle_window_show_page (window, "referrals");
      painted = wait_for_paint (GTK_WIDGET (window), has_cards, board);
      run_until (board_loaded, board);
      loaded = g_get_monotonic_time ();
      ms = thread_cpu_ms () - cpu_started;
      g_array_append_val (main_cpu, ms);
      settle (50);
      g_source_remove (beat);
      ms = heart.longest_cpu;
      g_array_append_val (stall_cpus, ms);

      ms = (painted - started) / 1000.0;
      g_array_append_val (first_cards, ms);
      ms = (loaded - started) / 1000.0;
      g_array_append_val (complete, ms);
      ms = heart.longest / 1000.0;
      g_array_append_val (stalls, ms);

      ms = raw_first_cards_ms (raw, 12);
      g_array_append_val (raw_first, ms);
      ms = raw_board_ms (raw, -1);
      g_array_append_val (raw_full, ms);

      /* A move: an accepted referral is contacted; the board shows it
       * first of its new column */
      {
        Shown shown = { board, CERCLE_REFERRAL_STATUS_CONTACTED, first_of (board, CERCLE_REFERRAL_STATUS_ACCEPTED, run) };
        g_autofree char *update = NULL;

        heart_start (&heart);
        beat = g_timeout_add_full (G_PRIORITY_HIGH, 1, on_beat_cb, &heart, NULL);
        started = g_get_monotonic_time ();
        if (!cercle_store_move_referral (store, shown.id, CERCLE_REFERRAL_STATUS_CONTACTED, 0, &error))
          g_error ("%s", error->message);
        painted = wait_for_paint (GTK_WIDGET (window), shown_in_column, &shown);
        g_source_remove (beat);
        ms = (painted - started) / 1000.0;
        g_array_append_val (changes, ms);
        ms = heart.longest / 1000.0;
        g_array_append_val (change_stalls, ms);
        ms = heart.longest_cpu;
        g_array_append_val (change_stall_cpus, ms);

        /* Raw SQLite: the same write, then the full columns again */
        started = g_get_monotonic_time ();
        update = g_strdup_printf ("UPDATE referral SET status = 'contacted', moved_on = '2026-11-23'"
                                  " WHERE id = '%s'", shown.id);
        sqlite3_exec (raw, update, NULL, NULL, NULL);
        ms = (g_get_monotonic_time () - started) / 1000.0 + raw_board_ms (raw, -1);
        g_array_append_val (raw_change, ms);
        g_free (shown.id);
      }

      /* A sync page: 1,000 referrals change at once (their notes), one of
       * them moves */
      {
        g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
        GListModel *won = cercle_referral_board_get_column (board, CERCLE_REFERRAL_STATUS_WON);
        Shown shown = { board, CERCLE_REFERRAL_STATUS_LOST, NULL };
        g_autofree char *note = g_strdup_printf ("Relance n° %u", run);

        for (guint i = 0; i < 1000; i++)
          {
            g_autoptr(CercleRecord) item = g_list_model_get_item (won, 1000 * run + i);
            CercleRecord *copy = cercle_store_get_record (store, CERCLE_TYPE_REFERRAL,
                                                          cercle_record_get_id (item), NULL);

            g_object_set (copy, "notes", note, "rev", cercle_record_get_rev (copy) + 1, NULL);
            g_ptr_array_add (page, copy);
          }
        shown.id = g_strdup (cercle_record_get_id (page->pdata[0]));
        g_object_set (page->pdata[0], "status", CERCLE_REFERRAL_STATUS_LOST, "moved-on", "2026-11-24",
                      "amount-cents", (gint64)0, NULL);

        started = g_get_monotonic_time ();
        if (!cercle_store_save_all (store, (CercleRecord **)page->pdata, page->len,
                                    CERCLE_SAVE_FROM_SERVER, &error))
          g_error ("%s", error->message);
        painted = wait_for_paint (GTK_WIDGET (window), shown_in_column, &shown);
        ms = (painted - started) / 1000.0;
        g_array_append_val (bursts, ms);
        g_free (shown.id);

        /* Raw SQLite: the same thousand rows written in one transaction,
         * then the full columns again */
        started = g_get_monotonic_time ();
        sqlite3_exec (raw, "BEGIN", NULL, NULL, NULL);
        for (guint i = 0; i < page->len; i++)
          {
            g_autofree char *sql = g_strdup_printf ("UPDATE referral SET notes = 'x' WHERE id = '%s'",
                                                    cercle_record_get_id (page->pdata[i]));

            sqlite3_exec (raw, sql, NULL, NULL, NULL);
          }
        sqlite3_exec (raw, "COMMIT", NULL, NULL, NULL);
        ms = (g_get_monotonic_time () - started) / 1000.0 + raw_board_ms (raw, -1);
        g_array_append_val (raw_burst, ms);
      }

      g_print ("# run %u: a frame %.1f ms, first cards %.1f ms, complete %.1f ms, stall %.1f ms"
               " (%.1f ms of work; %.1f ms of work in all), change %.1f ms (stall %.1f ms, %.1f ms of work),"
               " burst %.1f ms\n",
               run + 1, g_array_index (frames, double, run),
               g_array_index (first_cards, double, run), g_array_index (complete, double, run),
               g_array_index (stalls, double, run), g_array_index (stall_cpus, double, run),
               g_array_index (main_cpu, double, run), g_array_index (changes, double, run),
               g_array_index (change_stalls, double, run), g_array_index (change_stall_cpus, double, run),
               g_array_index (bursts, double, run));

      gtk_window_destroy (GTK_WINDOW (window));
      settle (200);
    }

  sqlite3_close (raw);

  bench_report ("referrals.board_query_first_page_200k", bench_median (query_first), "ms",
                "sqlite3-first-cards", bench_median (raw_first));
  bench_report ("referrals.board_query_all_200k", bench_median (query_all), "ms",
                "sqlite3-full-columns", bench_median (raw_full));
  bench_report ("referrals.board_first_cards_200k", bench_median (first_cards), "ms",
                "sqlite3-first-cards", bench_median (raw_first));
  bench_report ("referrals.board_complete_200k", bench_median (complete), "ms",
                "sqlite3-full-columns", bench_median (raw_full));
  bench_report ("referrals.board_stall_200k", bench_median (stalls), "ms",
                "sqlite3-full-columns", bench_median (raw_full));
  bench_report ("referrals.board_stall_cpu_200k", bench_median (stall_cpus), "ms",
                "sqlite3-full-columns", bench_median (raw_full));
  bench_report ("referrals.board_main_cpu_200k", bench_median (main_cpu), "ms",
                "sqlite3-full-columns", bench_median (raw_full));
  bench_report ("referrals.apply_change_200k", bench_median (changes), "ms",
                "sqlite3-write-and-columns", bench_median (raw_change));
  bench_report ("referrals.apply_change_stall_200k", bench_median (change_stalls), "ms",
                "sqlite3-write-and-columns", bench_median (raw_change));
  bench_report ("referrals.apply_change_stall_cpu_200k", bench_median (change_stall_cpus), "ms",
                "sqlite3-write-and-columns", bench_median (raw_change));
  bench_report ("referrals.burst_1000_200k", bench_median (bursts), "ms",
                "sqlite3-write-and-columns", bench_median (raw_burst));
  bench_report ("referrals.stats_200k", bench_median (stats_runs), "ms",
                "sqlite3", bench_median (raw_stats));

  return EXIT_SUCCESS;
}
