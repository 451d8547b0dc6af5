/* bench-typing.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <time.h>

#include <adwaita.h>

#include "cercle-application.h"
#include "cercle-calendar-view.h"
#include "cercle-context.h"
#include "cercle-format.h"
#include "cercle-member-slots.h"
#include "cercle-members-view.h"
#include "cercle-referrals-view.h"
#include "cercle-window.h"

#include "bench-common.h"

/* What a person feels typing in the member search of the real window:
 * from each keystroke to the first painted frame that shows its results
 * (the top rows and the count of every member found), to the frame where
 * the list holds every one of them (the directory fills a long list over
 * a few frames), and the longest the window goes without painting while
 * typing and clearing the search, and how much of the time to that
 * first frame the main thread itself worked (the rest it waited for the
 * CPU, which other programs share, or for the X server). The window paints continuously (a tick callback),
 * so any stall of the main loop shows as a gap between two frames.
 *
 * The same keys are typed in a 100,000-member club and in a 120-member
 * one, the baseline: the big club should feel the same. A keystroke is
 * inserted in the search entry as typing does (its own search delay
 * included); the next one waits until the results were painted and a
 * typist's pause (120 ms) went by. */

static const char * const typed[] = {
  "helene",
  "comptable",
  "plombier",
  "lyon",
  "avocate",
  "conseil",
  "de la",
};

#define PAUSE_MS 120

typedef struct
{
  GtkWidget     *window;
  GtkEditable   *entry;
  GtkLabel      *count_label;
  GListModel    *model;
  CercleStore   *store;

  gint64         last_paint;
  gint64         longest_gap;
  gboolean       measuring_gaps;

  /* What was being typed, to say where the longest stall happened, and
   * how much of it the main thread spent working: the rest it waited,
   * for the CPU (other programs) or for the X server */
  char          *doing;
  char          *longest_gap_doing;
  gint64         last_paint_cpu;
  gint64         longest_gap_cpu;

  /* The most the main thread worked between two frames: what the window
   * costs, whatever else the machine runs */
  gint64         longest_work;

  /* What the list must show for the keystroke being timed */
  GArray        *expected;
  char          *expected_count;
  gint64         keystroke;
  gint64         shown_at;
  gint64         complete_at;

  /* The main thread's own work from the keystroke to that frame: what
   * the window costs, however busy the machine is */
  gint64         keystroke_cpu;
  gint64         shown_cpu;
} Typing;

static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Typing        *typing)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();

  if (typing->measuring_gaps && typing->last_paint != 0 &&
      now - typing->last_paint > typing->longest_gap)
    {
      typing->longest_gap = now - typing->last_paint;
      typing->longest_gap_cpu = cpu - typing->last_paint_cpu;
      g_free (typing->longest_gap_doing);
      typing->longest_gap_doing = g_strdup (typing->doing);
    }
  if (typing->measuring_gaps && typing->last_paint != 0)
    typing->longest_work = MAX (typing->longest_work, cpu - typing->last_paint_cpu);
  typing->last_paint = now;
  typing->last_paint_cpu = cpu;

  /* The first frame painted with the expected rows on top and their
   * count, then the first with every expected row in the list */
  if (typing->expected != NULL && typing->complete_at == 0)
    {
      guint n = g_list_model_get_n_items (typing->model);
      CercleMemberSlots *slots = CERCLE_MEMBER_SLOTS (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (typing->model)));
      CercleRecordList *list = cercle_member_slots_get_records (slots);
      guint n_top = MIN (typing->expected->len, 20);
      gboolean top = n >= n_top && n <= typing->expected->len;

      /* The rows on top show those members, not the search before */
      for (guint i = 0; top && i < n_top; i++)
        top = cercle_record_list_get_row (list, i) == g_array_index (typing->expected, gint64, i) &&
              cercle_member_slots_is_current (slots, i);

      if (top && typing->shown_at == 0 &&
          (typing->expected->len == 0 ||
           g_str_has_prefix (gtk_label_get_text (typing->count_label), typing->expected_count)))
        {
          typing->shown_at = now;
          typing->shown_cpu = cpu - typing->keystroke_cpu;
        }
      if (top && typing->shown_at != 0 && n == typing->expected->len)
        typing->complete_at = now;
    }
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  /* Keeps the frame clock painting, so that a stall shows */
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
run_until (gboolean (*done) (Typing *typing),
           Typing    *typing,
           gint64     timeout_us)
{
  gint64 deadline = g_get_monotonic_time () + timeout_us;

  while (!done (typing) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
is_complete (Typing *typing)
{
  return typing->complete_at != 0;
}

/* What the count says before its noun: "1 250 résultats" */
static void
expect (Typing *typing,
        GArray *rows)
{
  g_autofree char *number = cercle_format_count (rows->len);

  g_clear_pointer (&typing->expected, g_array_unref);
  typing->expected = rows;
  g_free (typing->expected_count);
  typing->expected_count = g_strconcat (number, " ", NULL);
  typing->shown_at = 0;
  typing->complete_at = 0;
}

static gboolean
never (Typing *typing)
{
  return FALSE;
}

/* The window gives the club to the pages not shown when its main loop is
 * idle: that is start-up, not typing, and it should not land in the
 * middle of the keystrokes measured */
static gboolean
pages_loaded (Typing *typing)
{
  AdwViewStack *view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (typing->window, CERCLE_TYPE_WINDOW, "view_stack"));
  /* Their pages hold the views once made */
  GtkWidget *calendar = adw_bin_get_child (ADW_BIN (adw_view_stack_get_child_by_name (view_stack, "calendar")));
  GtkWidget *referrals = adw_bin_get_child (ADW_BIN (adw_view_stack_get_child_by_name (view_stack, "referrals")));

  return calendar != NULL && referrals != NULL &&
         cercle_calendar_view_get_context (CERCLE_CALENDAR_VIEW (calendar)) != NULL &&
         cercle_referrals_view_get_context (CERCLE_REFERRALS_VIEW (referrals)) != NULL;
}

static void
pause_ms (Typing *typing,
          guint   ms)
{
  run_until (never, typing, ms * 1000);
}

typedef struct
{
  GArray *keystrokes;
  GArray *completes;
  GArray *clears;
  GArray *keystrokes_cpu;
  GArray *clears_cpu;
  double  longest_gap_ms;
  double  longest_work_ms;
} Figures;

/* Types @text's last letter into the entry, which holds the rest, and
 * waits for its results on screen and then for all of them in the list */
static void
type_and_wait (Typing     *typing,
               const char *text,
               Figures    *figures)
{
  g_autoptr(GError) error = NULL;
  const char *last = g_utf8_offset_to_pointer (text, g_utf8_strlen (text, -1) - 1);
  int position = -1;
  double ms;

  /* What the list must show, known before the key is pressed (its own
   * search is not a stall of the window) */
  expect (typing, cercle_store_search_member_rows (typing->store, text, NULL, &error));
  g_assert_no_error (error);
  typing->last_paint = 0;
  g_free (typing->doing);
  typing->doing = g_strdup_printf ("typing “%s”", text);
  typing->keystroke = g_get_monotonic_time ();
  typing->keystroke_cpu = thread_cpu_time ();

  position = (int)g_utf8_strlen (gtk_editable_get_text (typing->entry), -1);
  gtk_editable_insert_text (typing->entry, last, -1, &position);

  run_until (is_complete, typing, 10 * G_USEC_PER_SEC);
  if (typing->complete_at == 0)
    g_error ("“%s” never showed its results", text);

  ms = (typing->shown_at - typing->keystroke) / 1000.0;
  g_array_append_val (figures->keystrokes, ms);
  ms = (typing->complete_at - typing->keystroke) / 1000.0;
  g_array_append_val (figures->completes, ms);
  ms = typing->shown_cpu / 1000.0;
  g_array_append_val (figures->keystrokes_cpu, ms);
}

static void
clear_and_wait (Typing  *typing,
                Figures *figures)
{
  g_autoptr(GError) error = NULL;
  double ms;

  expect (typing, cercle_store_search_member_rows (typing->store, NULL, NULL, &error));
  g_assert_no_error (error);
  typing->last_paint = 0;
  g_free (typing->doing);
  typing->doing = g_strdup ("clearing the search");
  typing->keystroke = g_get_monotonic_time ();
  typing->keystroke_cpu = thread_cpu_time ();

  gtk_editable_delete_text (typing->entry, 0, -1);

  run_until (is_complete, typing, 10 * G_USEC_PER_SEC);
  if (typing->complete_at == 0)
    g_error ("clearing the search never showed every member");

  ms = (typing->shown_at - typing->keystroke) / 1000.0;
  g_array_append_val (figures->clears, ms);
  ms = typing->shown_cpu / 1000.0;
  g_array_append_val (figures->clears_cpu, ms);
}

static void
measure (const char *path,
         guint       n_members,
         Figures    *figures)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(CercleContext) context = NULL;
  GtkWidget *members_view;
  AdwViewStack *view_stack;
  GtkListView *list_view;
  Typing typing = { NULL, };
  gulong paint_id;

  if (!bench_ensure_club (path, n_members, &error) ||
      !(store = cercle_store_open (path, &error)))
    g_error ("%s", error->message);

  context = cercle_context_new (store, NULL);
  typing.store = store;
  typing.window = GTK_WIDGET (cercle_window_new (NULL, context));
  gtk_window_set_default_size (GTK_WINDOW (typing.window), 1100, 740);
  gtk_window_present (GTK_WINDOW (typing.window));

  view_stack = ADW_VIEW_STACK (gtk_widget_get_template_child (typing.window, CERCLE_TYPE_WINDOW, "view_stack"));
  members_view = adw_view_stack_get_child_by_name (view_stack, "members");
  typing.entry = GTK_EDITABLE (gtk_widget_get_template_child (members_view, CERCLE_TYPE_MEMBERS_VIEW, "search_entry"));
  typing.count_label = GTK_LABEL (gtk_widget_get_template_child (members_view, CERCLE_TYPE_MEMBERS_VIEW, "count_label"));
  list_view = GTK_LIST_VIEW (gtk_widget_get_template_child (members_view, CERCLE_TYPE_MEMBERS_VIEW, "list_view"));
  typing.model = G_LIST_MODEL (gtk_list_view_get_model (list_view));

  while (!gtk_widget_get_mapped (typing.window))
    g_main_context_iteration (NULL, TRUE);

  paint_id = g_signal_connect (gtk_widget_get_frame_clock (typing.window), "after-paint",
                               G_CALLBACK (on_after_paint_cb), &typing);
  gtk_widget_add_tick_callback (typing.window, tick_cb, NULL, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (typing.entry));
  run_until (pages_loaded, &typing, 60 * G_USEC_PER_SEC);
  pause_ms (&typing, 500);

  typing.measuring_gaps = TRUE;
  typing.longest_gap = 0;

  for (guint q = 0; q < G_N_ELEMENTS (typed); q++)
    {
      for (glong len = 1; len <= g_utf8_strlen (typed[q], -1); len++)
        {
          g_autofree char *prefix = g_utf8_substring (typed[q], 0, len);

          type_and_wait (&typing, prefix, figures);
          pause_ms (&typing, PAUSE_MS);
        }

      clear_and_wait (&typing, figures);
      pause_ms (&typing, PAUSE_MS);
    }

  figures->longest_gap_ms = typing.longest_gap / 1000.0;
  figures->longest_work_ms = typing.longest_work / 1000.0;
  g_print ("# %u members: the longest stall (%.0f ms) came while %s; the main thread worked %.0f ms of it\n",
           n_members, figures->longest_gap_ms, typing.longest_gap_doing, typing.longest_gap_cpu / 1000.0);
  g_clear_pointer (&typing.doing, g_free);
  g_clear_pointer (&typing.longest_gap_doing, g_free);

  g_signal_handler_disconnect (gtk_widget_get_frame_clock (typing.window), paint_id);
  g_clear_pointer (&typing.expected, g_array_unref);
  g_clear_pointer (&typing.expected_count, g_free);
  gtk_window_destroy (GTK_WINDOW (typing.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  Figures big = { g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
                  g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
                  g_array_new (FALSE, FALSE, sizeof (double)), 0, 0 };
  Figures small = { g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
                    g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
                    g_array_new (FALSE, FALSE, sizeof (double)), 0, 0 };

  if (argc != 3)
    {
      g_printerr ("usage: %s CLUB-100k.db CLUB-120.db  (made if missing)\n", argv[0]);
      return EXIT_FAILURE;
    }

  setlocale (LC_ALL, "");
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);

  if (!gtk_init_check ())
    {
      g_print ("# no display: skipped\n");
      return BENCH_SKIP;
    }
  adw_init ();

  measure (argv[2], 120, &small);
  measure (argv[1], 100000, &big);

  g_print ("# %u keystrokes and %u clears in each club\n", big.keystrokes->len, big.clears->len);

  bench_report ("members.keystroke_frame_median", bench_median (big.keystrokes), "ms",
                "club-120", bench_median (small.keystrokes));
  bench_report ("members.keystroke_frame_p95", bench_percentile (big.keystrokes, 95), "ms",
                "club-120", bench_percentile (small.keystrokes, 95));
  bench_report ("members.keystroke_frame_max", bench_percentile (big.keystrokes, 100), "ms",
                "club-120", bench_percentile (small.keystrokes, 100));
  bench_report ("members.keystroke_complete_median", bench_median (big.completes), "ms",
                "club-120", bench_median (small.completes));
  bench_report ("members.clear_frame_median", bench_median (big.clears), "ms",
                "club-120", bench_median (small.clears));
  bench_report ("members.keystroke_frame_cpu_median", bench_median (big.keystrokes_cpu), "ms",
                "club-120", bench_median (small.keystrokes_cpu));
  bench_report ("members.clear_frame_cpu_median", bench_median (big.clears_cpu), "ms",
                "club-120", bench_median (small.clears_cpu));
  bench_report ("members.longest_stall_typing", big.longest_gap_ms, "ms",
                "club-120", small.longest_gap_ms);
  bench_report ("members.longest_frame_work_typing", big.longest_work_ms, "ms",
                "club-120", small.longest_work_ms);

  g_array_unref (big.keystrokes);
  g_array_unref (big.completes);
  g_array_unref (big.clears);
  g_array_unref (big.keystrokes_cpu);
  g_array_unref (big.clears_cpu);
  g_array_unref (small.keystrokes);
  g_array_unref (small.completes);
  g_array_unref (small.clears);
  g_array_unref (small.keystrokes_cpu);
  g_array_unref (small.clears_cpu);

  return EXIT_SUCCESS;
}
