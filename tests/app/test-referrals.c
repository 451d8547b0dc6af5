/* test-referrals.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cercle-application.h"
#include "cercle-context.h"
#include "cercle-member-picker.h"
#include "cercle-need-editor.h"
#include "cercle-one-to-one-editor.h"
#include "cercle-one-to-ones-view.h"
#include "cercle-referral-board.h"
#include "cercle-referral-card.h"
#include "cercle-referral-details.h"
#include "cercle-referral-editor.h"
#include "cercle-referral-stats-view.h"
#include "cercle-referrals-view.h"
#include "cercle-test-app.h"
#include "cercle-window.h"

/* The Referrals page in a real window on a demo club: what the board
 * shows, which moves it offers to whom, moves made from the keyboard and
 * the won amount, a sync page updating it in place, the thanks to the
 * giver, the forms, the statistics and one's one-to-ones. */

#define N_DEMO_MEMBERS 60

typedef struct
{
  char          *directory;
  char          *path;
  CercleStore   *store;
  CercleContext *context;
  CercleWindow  *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->directory = cercle_test_make_dir ("referrals-view");
  fixture->path = g_build_filename (fixture->directory, "club.db", NULL);
  g_assert_true (cercle_demo_create (fixture->path, N_DEMO_MEMBERS, CERCLE_DEMO_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  fixture->store = cercle_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->context = cercle_context_new (fixture->store, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      cercle_test_drain_main_context ();
      g_assert_finalize_object (fixture->window);
    }

  /* Dialogs the tests left open */
  for (GList *l = gtk_window_list_toplevels (), *next; l != NULL; l = next)
    {
      next = l->next;
      gtk_window_destroy (l->data);
      g_list_free_1 (l);
    }
  cercle_test_drain_main_context ();

  g_assert_finalize_object (fixture->context);
  cercle_test_release_store (fixture->store);
  cercle_test_remove_dir (fixture->directory);
  g_free (fixture->path);
  g_free (fixture->directory);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static GtkWidget *
referrals_view (Fixture *fixture)
{
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                                       CERCLE_TYPE_WINDOW, "view_stack"));

  /* The page holds the view, made when first shown */
  return adw_bin_get_child (ADW_BIN (adw_view_stack_get_child_by_name (stack, "referrals")));
}

static gpointer
page_child (Fixture    *fixture,
            const char *name)
{
  return gtk_widget_get_template_child (referrals_view (fixture), CERCLE_TYPE_REFERRALS_VIEW, name);
}

static CercleReferralBoard *
board_of (Fixture *fixture)
{
  return page_child (fixture, "board");
}

static gboolean
board_loaded (gpointer data)
{
  return !cercle_referral_board_is_loading (data);
}

/* The store's changes reach the board, which asks again and applies */
static void
settle_board (Fixture *fixture)
{
  cercle_store_flush_changes (fixture->store);
  cercle_test_drain_main_context ();
  g_assert_true (cercle_test_wait_for (board_loaded, board_of (fixture), 10));
  cercle_test_wait_ms (50);
}

static void
open_window (Fixture *fixture,
             int      width,
             int      height)
{
  fixture->window = g_object_ref (cercle_window_new (NULL, fixture->context));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (cercle_test_wait_for (is_mapped, fixture->window, 10));
  cercle_window_show_page (fixture->window, "referrals");
  settle_board (fixture);
}

static void
be (Fixture    *fixture,
    const char *member_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cercle_store_set_local_member (fixture->store, member_id, &error));
  g_assert_no_error (error);
  if (fixture->window != NULL)
    settle_board (fixture);
}

/* The card bound to @referral_id, if one is on screen */
static CercleReferralCard *
find_card (GtkWidget  *widget,
           const char *referral_id)
{
  if (CERCLE_IS_REFERRAL_CARD (widget))
    {
      CercleReferral *referral = cercle_referral_card_get_referral (CERCLE_REFERRAL_CARD (widget));

      if (referral != NULL && g_strcmp0 (cercle_record_get_id (CERCLE_RECORD (referral)), referral_id) == 0)
        return CERCLE_REFERRAL_CARD (widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      CercleReferralCard *card = find_card (child, referral_id);

      if (card != NULL)
        return card;
    }

  return NULL;
}

static guint
position_in (GListModel *model,
             const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CercleRecord) record = g_list_model_get_item (model, i);

      if (g_strcmp0 (cercle_record_get_id (record), id) == 0)
        return i;
    }

  return G_MAXUINT;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Every column holds what the store has in its status; the needs column,
 * the open needs */
static void
test_board_columns (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const char * const nicks[] = {
    "proposed", "accepted", "contacted", "quoted", "won", "lost", "declined",
  };
  CercleReferralBoard *board;

  open_window (fixture, 1200, 800);
  board = board_of (fixture);

  /* The demo's user is staff: the whole club */
  for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM referral WHERE deleted = 0 AND status = '%s'",
                                              nicks[status]);

      g_assert_cmpuint (g_list_model_get_n_items (cercle_referral_board_get_column (board, status)), ==,
                        cercle_test_query_count (fixture->path, sql));
      g_assert_cmpuint (g_list_model_get_n_items (cercle_referral_board_get_column (board, status)), >, 0);
    }

  g_assert_cmpuint (g_list_model_get_n_items (cercle_referral_board_get_needs (board)), ==,
                    cercle_test_query_count (fixture->path, "SELECT count (*) FROM request WHERE deleted = 0 AND status = 'open'"));
  g_assert_nonnull (find_descendant (GTK_WIDGET (board), CERCLE_TYPE_REFERRAL_CARD));
}

/* The giver is offered no move; the receiver accepts or declines; staff
 * may not accept in the receiver's name */
static void
test_forbidden_moves (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *id = cercle_test_query_text (fixture->path, "SELECT id FROM referral WHERE status = 'proposed' ORDER BY pk LIMIT 1");
  g_autofree char *giver = cercle_test_query_text (fixture->path, "SELECT giver_id FROM referral WHERE status = 'proposed' ORDER BY pk LIMIT 1");
  g_autofree char *receiver = cercle_test_query_text (fixture->path, "SELECT receiver_id FROM referral WHERE status = 'proposed' ORDER BY pk LIMIT 1");
  CercleReferralStatus moves[CERCLE_REFERRAL_N_STATUSES];
  CercleReferralCard *card;
  GtkWidget *move_button;
  g_autoptr(CercleReferral) after = NULL;

  open_window (fixture, 1200, 800);

  /* Staff */
  card = find_card (GTK_WIDGET (board_of (fixture)), id);
  g_assert_nonnull (card);
  g_assert_cmpuint (cercle_referral_card_list_moves (card, moves), ==, 0);

  /* The giver: nothing, and the keyboard's move does nothing */
  be (fixture, giver);
  card = find_card (GTK_WIDGET (board_of (fixture)), id);
  g_assert_nonnull (card);
  move_button = find_descendant (GTK_WIDGET (card), GTK_TYPE_MENU_BUTTON);
  g_assert_cmpuint (cercle_referral_card_list_moves (card, moves), ==, 0);
  g_assert_true (move_button == NULL || !gtk_widget_get_visible (move_button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.move-forward", NULL));
  settle_board (fixture);
  after = cercle_store_get_record (fixture->store, CERCLE_TYPE_REFERRAL, id, NULL);
  g_assert_cmpint (cercle_referral_get_status (after), ==, CERCLE_REFERRAL_STATUS_PROPOSED);

  /* The receiver: accept or decline, in the menu */
  be (fixture, receiver);
  card = find_card (GTK_WIDGET (board_of (fixture)), id);
  g_assert_nonnull (card);
  move_button = find_descendant (GTK_WIDGET (card), GTK_TYPE_MENU_BUTTON);
  g_assert_cmpuint (cercle_referral_card_list_moves (card, moves), ==, 2);
  g_assert_nonnull (move_button);
  g_assert_cmpint (moves[0], ==, CERCLE_REFERRAL_STATUS_ACCEPTED);
  g_assert_cmpint (moves[1], ==, CERCLE_REFERRAL_STATUS_DECLINED);
  g_assert_true (gtk_widget_get_visible (move_button));
}

static gboolean
has_amount_dialog (gpointer data)
{
  return cercle_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* The receiver moves a referral along with the keyboard, to won with an
 * amount; the card follows, and the statistics count the business */
static void
test_move_to_won (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *id = cercle_test_query_text (fixture->path, "SELECT id FROM referral WHERE status = 'proposed' ORDER BY pk LIMIT 1");
  g_autofree char *receiver = cercle_test_query_text (fixture->path, "SELECT receiver_id FROM referral WHERE status = 'proposed' ORDER BY pk LIMIT 1");
  g_autoptr(CercleReferral) won = NULL;
  g_autofree char *today = cercle_today ();
  CercleReferralBoard *board;
  CercleReferralStatsView *stats_view;
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  CercleReferralCard *card;
  gint64 total_before;

  be (fixture, receiver);
  open_window (fixture, 1200, 800);
  board = board_of (fixture);

  /* The statistics before */
  stats_view = page_child (fixture, "stats");
  cercle_referrals_view_show_page (CERCLE_REFERRALS_VIEW (referrals_view (fixture)), "statistics");
  g_assert_true (cercle_test_wait_for ((gboolean (*) (gpointer)) cercle_referral_stats_view_get_stats, stats_view, 10));
  total_before = cercle_referral_stats_view_get_stats (stats_view)->total_cents;
  cercle_referrals_view_show_page (CERCLE_REFERRALS_VIEW (referrals_view (fixture)), "board");
  settle_board (fixture);

  /* Ctrl+→ twice: accepted, contacted */
  for (CercleReferralStatus to = CERCLE_REFERRAL_STATUS_ACCEPTED; to <= CERCLE_REFERRAL_STATUS_CONTACTED; to++)
    {
      card = find_card (GTK_WIDGET (board), id);
      g_assert_nonnull (card);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.move-forward", NULL));
      settle_board (fixture);
      g_assert_cmpuint (position_in (cercle_referral_board_get_column (board, to), id), ==, 0);
      g_assert_cmpuint (position_in (cercle_referral_board_get_column (board, to - 1), id), ==, G_MAXUINT);
    }

  /* Won, from the menu's action: the amount is asked first */
  card = find_card (GTK_WIDGET (board), id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.move", "i", CERCLE_REFERRAL_STATUS_WON));
  g_assert_true (cercle_test_wait_for (has_amount_dialog, NULL, 10));
  dialog = ADW_MESSAGE_DIALOG (cercle_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  entry = GTK_EDITABLE (find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY));

  /* Nonsense cannot be recorded, and says why */
  gtk_editable_set_text (entry, "douze mille");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "record"));
  gtk_editable_set_text (entry, "12 500,50 €");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "record"));
  adw_message_dialog_response (dialog, "record");
  settle_board (fixture);

  won = cercle_store_get_record (fixture->store, CERCLE_TYPE_REFERRAL, id, NULL);
  g_assert_cmpint (cercle_referral_get_status (won), ==, CERCLE_REFERRAL_STATUS_WON);
  g_assert_cmpint (cercle_referral_get_amount_cents (won), ==, 1250050);
  g_assert_cmpstr (cercle_referral_get_closed_on (won), ==, today);
  g_assert_cmpuint (position_in (cercle_referral_board_get_column (board, CERCLE_REFERRAL_STATUS_WON), id), ==, 0);

  /* The statistics of this season count it */
  cercle_referrals_view_show_page (CERCLE_REFERRALS_VIEW (referrals_view (fixture)), "statistics");
  cercle_referral_stats_view_set_season (stats_view, cercle_season_of_day (today));
  cercle_test_wait_ms (50);
  while (cercle_referral_stats_view_is_loading (stats_view))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (cercle_referral_stats_view_get_stats (stats_view)->total_cents, ==, total_before + 1250050);
}

/* Counts a model's changes */
typedef struct
{
  guint n_changes;
} Changes;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Changes    *changes)
{
  changes->n_changes++;
}

static void
on_store_changed_cb (CercleStore     *store,
                     CercleChangeSet *set,
                     guint           *n_signals)
{
  (*n_signals)++;
}

/* A sync page of many changed referrals: one notification, the cards
 * shown updated in place, the columns where nothing moved untouched */
static void
test_burst_in_place (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleReferral) shown_before = NULL;
  CercleReferralBoard *board;
  GListModel *won;
  Changes changes = { 0 };
  guint n_signals = 0;
  gulong handler, store_handler;

  open_window (fixture, 1200, 800);
  board = board_of (fixture);
  won = cercle_referral_board_get_column (board, CERCLE_REFERRAL_STATUS_WON);
  shown_before = g_list_model_get_item (won, 0);

  /* Every referral of the club changes its notes, as the server says */
  {
    g_autoptr(GListModel) all = cercle_store_list_referrals (fixture->store, &error);

    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        CercleRecord *referral = g_list_model_get_item (all, i);

        g_object_set (referral, "notes", "Relancé par l’équipe", "rev", cercle_record_get_rev (referral) + 1, NULL);
        g_ptr_array_add (page, referral);
      }
  }

  handler = g_signal_connect (won, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  store_handler = g_signal_connect (fixture->store, "changed", G_CALLBACK (on_store_changed_cb), &n_signals);
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)page->pdata, page->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);
  settle_board (fixture);
  g_signal_handler_disconnect (won, handler);
  g_signal_handler_disconnect (fixture->store, store_handler);

  g_assert_cmpuint (n_signals, ==, 1);
  g_assert_cmpuint (changes.n_changes, ==, 0);
  {
    g_autoptr(CercleReferral) shown_after = g_list_model_get_item (won, 0);

    g_assert_true (shown_after == shown_before);
    g_assert_cmpstr (cercle_referral_get_notes (shown_after), ==, "Relancé par l’équipe");
  }
}

static void
on_closed_business_cb (CercleReferralBoard *board,
                       CercleReferral      *referral,
                       GPtrArray           *thanked)
{
  g_ptr_array_add (thanked, g_strdup (cercle_record_get_id (CERCLE_RECORD (referral))));
}

/* Business won with one's referral, on another device: the giver is
 * thanked once; a move the user made here is no news */
static void
test_thanks (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *id = cercle_test_query_text (fixture->path, "SELECT id FROM referral WHERE status = 'quoted' ORDER BY pk LIMIT 1");
  g_autofree char *giver = cercle_test_query_text (fixture->path, "SELECT giver_id FROM referral WHERE status = 'quoted' ORDER BY pk LIMIT 1");
  g_autoptr(GPtrArray) thanked = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CercleReferral) referral = NULL;
  g_autoptr(GError) error = NULL;

  be (fixture, giver);
  open_window (fixture, 1200, 800);
  g_signal_connect (board_of (fixture), "closed-business", G_CALLBACK (on_closed_business_cb), thanked);

  referral = cercle_store_get_record (fixture->store, CERCLE_TYPE_REFERRAL, id, &error);
  cercle_referral_apply_move (referral, CERCLE_REFERRAL_STATUS_WON, 880000, "2026-11-23");
  cercle_record_set_rev (CERCLE_RECORD (referral), cercle_record_get_rev (CERCLE_RECORD (referral)) + 1);
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)&referral, 1, CERCLE_SAVE_FROM_SERVER, &error));
  settle_board (fixture);

  g_assert_cmpuint (thanked->len, ==, 1);
  g_assert_cmpstr (thanked->pdata[0], ==, id);

  /* Something else changes: no second thanks */
  g_object_set (referral, "notes", "Merci !", NULL);
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)&referral, 1, CERCLE_SAVE_FROM_SERVER, &error));
  settle_board (fixture);
  g_assert_cmpuint (thanked->len, ==, 1);
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *)data == NULL;
}

/* Passing a referral from the form, after it named what was missing */
static void
test_pass_form (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *me = cercle_test_query_text (fixture->path, "SELECT id FROM member WHERE role = 'member' ORDER BY pk LIMIT 1");
  g_autofree char *other = cercle_test_query_text (fixture->path, "SELECT id FROM member WHERE role = 'member' ORDER BY pk LIMIT 1 OFFSET 1");
  GtkWidget *editor;
  GtkLabel *error_label;
  gpointer weak;
  guint before;

  be (fixture, me);
  open_window (fixture, 1200, 800);
  before = g_list_model_get_n_items (cercle_referral_board_get_column (board_of (fixture), CERCLE_REFERRAL_STATUS_PROPOSED));

  cercle_referral_board_pass (board_of (fixture), NULL);
  editor = GTK_WIDGET (cercle_test_find_toplevel (CERCLE_TYPE_REFERRAL_EDITOR));
  g_assert_nonnull (editor);
  error_label = GTK_LABEL (gtk_widget_get_template_child (editor, CERCLE_TYPE_REFERRAL_EDITOR, "error_label"));

  /* Nothing chosen: the form says so and stays */
  g_signal_emit_by_name (gtk_widget_get_template_child (editor, CERCLE_TYPE_REFERRAL_EDITOR, "pass_button"), "clicked");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "member"));

  /* Filled in: passed, and on the board */
  {
    GtkWidget *picker = GTK_WIDGET (gtk_widget_get_template_child (editor, CERCLE_TYPE_REFERRAL_EDITOR, "picker"));
    GtkEditable *name = GTK_EDITABLE (gtk_widget_get_template_child (editor, CERCLE_TYPE_REFERRAL_EDITOR, "name_row"));
    GtkTextView *need = GTK_TEXT_VIEW (gtk_widget_get_template_child (editor, CERCLE_TYPE_REFERRAL_EDITOR, "need_view"));

    cercle_member_picker_choose (CERCLE_MEMBER_PICKER (picker), other, "Someone", FALSE);
    gtk_editable_set_text (name, "Sophie Laurent");
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (need), "Un bilan social", -1);
  }
  weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  g_signal_emit_by_name (gtk_widget_get_template_child (editor, CERCLE_TYPE_REFERRAL_EDITOR, "pass_button"), "clicked");
  g_assert_true (cercle_test_wait_for (window_gone, &weak, 5));
  settle_board (fixture);

  g_assert_cmpuint (g_list_model_get_n_items (cercle_referral_board_get_column (board_of (fixture), CERCLE_REFERRAL_STATUS_PROPOSED)),
                    ==, before + 1);
  g_assert_cmpuint (cercle_test_query_count (fixture->path, "SELECT count (*) FROM referral WHERE prospect_name = 'Sophie Laurent'"
                                          " AND need = 'Un bilan social'"), ==, 1);
}

/* Closing a form with something typed asks first */
static void
test_forms_ask_before_discarding (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(GListModel) referrals = NULL;
  g_autoptr(CercleReferral) referral = NULL;
  g_autoptr(CercleViewer) viewer = NULL;
  GtkWidget *forms[3];

  open_window (fixture, 1200, 800);

  forms[0] = cercle_referral_editor_new (GTK_WINDOW (fixture->window), fixture->context, NULL, NULL);
  forms[1] = cercle_need_editor_new (GTK_WINDOW (fixture->window), fixture->context);
  forms[2] = cercle_one_to_one_editor_new (GTK_WINDOW (fixture->window), fixture->context);

  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (forms[0], CERCLE_TYPE_REFERRAL_EDITOR, "name_row")),
                         "Quelqu’un");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (forms[1], CERCLE_TYPE_NEED_EDITOR, "title_row")),
                         "Un traiteur");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_widget_get_template_child (forms[2],
                                                                                                      CERCLE_TYPE_ONE_TO_ONE_EDITOR,
                                                                                                      "notes_view"))),
                            "Des notes", -1);

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      gtk_window_present (GTK_WINDOW (forms[i]));
      cercle_test_drain_main_context ();
      gtk_window_close (GTK_WINDOW (forms[i]));
      cercle_test_drain_main_context ();
      g_assert_true (gtk_widget_get_visible (forms[i]));
      g_assert_nonnull (cercle_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (cercle_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "discard");
      cercle_test_drain_main_context ();
    }

  /* And a referral's page opens */
  referrals = cercle_store_list_referrals (fixture->store, NULL);
  referral = g_list_model_get_item (referrals, 0);
  viewer = cercle_store_dup_viewer (fixture->store, NULL);
  gtk_window_present (GTK_WINDOW (cercle_referral_details_new (GTK_WINDOW (fixture->window), referral,
                                                               "A", "B", viewer)));
  cercle_test_drain_main_context ();
  g_assert_nonnull (cercle_test_find_toplevel (CERCLE_TYPE_REFERRAL_DETAILS));
}

/* One's one-to-ones, with one's own notes only */
static void
test_one_to_ones (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *a = cercle_test_query_text (fixture->path, "SELECT member_a_id FROM one_to_one ORDER BY pk LIMIT 1");
  g_autofree char *b = cercle_test_query_text (fixture->path, "SELECT member_b_id FROM one_to_one ORDER BY pk LIMIT 1");
  g_autofree char *count_sql = NULL;
  g_autoptr(GError) error = NULL;
  CercleOneToOnesView *view;
  GListModel *model;

  be (fixture, b);
  open_window (fixture, 1200, 800);
  view = page_child (fixture, "one_to_ones");
  model = cercle_one_to_ones_view_get_model (view);
  count_sql = g_strdup_printf ("SELECT count (*) FROM one_to_one WHERE deleted = 0 AND"
                               " (member_a_id = '%s' OR member_b_id = '%s')", b, b);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, cercle_test_query_count (fixture->path, count_sql));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CercleOneToOne) one_to_one = g_list_model_get_item (model, i);

      if (g_strcmp0 (cercle_one_to_one_get_author_id (one_to_one), b) != 0)
        g_assert_null (cercle_one_to_one_get_notes (one_to_one));
    }

  /* Logged here: at the top */
  g_assert_nonnull (cercle_store_log_one_to_one (fixture->store, a, "2026-11-20", "Mes notes", &error));
  g_assert_no_error (error);
  cercle_store_flush_changes (fixture->store);
  cercle_test_drain_main_context ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, cercle_test_query_count (fixture->path, count_sql));
}

static int
height_for (GtkWidget *widget,
            int        width)
{
  int height = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);

  return height;
}

/* A card is one widget drawing its lines: it makes its Move button only
 * once it has a move to offer, wraps a long need to two lines at most,
 * and follows its record, changed in place, in the next frame */
static void
test_card (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(CercleReferral) referral = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *card = cercle_referral_card_new ();
  GtkWidget *button;
  int short_need, long_need;

  referral = g_object_new (CERCLE_TYPE_REFERRAL,
                           "giver-id", "g", "receiver-id", "r",
                           "prospect-name", "Marc Petit", "prospect-company", "Boulangerie Petit",
                           "need", "Un bilan", "temperature", 4, "status", CERCLE_REFERRAL_STATUS_PROPOSED,
                           "given-on", "2026-11-20", "moved-on", "2026-11-20", NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 200);
  gtk_window_set_child (GTK_WINDOW (window), card);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cercle_test_wait_for (is_mapped, card, 10));

  /* The giver may not move it: no button is made */
  cercle_referral_card_set_referral (CERCLE_REFERRAL_CARD (card), referral, "Alice Martin", "Bruno Dupont",
                                     CERCLE_REFERRAL_ACTOR_GIVER, "2026-11-23");
  g_assert_null (find_descendant (card, GTK_TYPE_MENU_BUTTON));
  short_need = height_for (card, 260);
  g_assert_cmpint (short_need, >, 0);

  /* The receiver accepts or declines */
  cercle_referral_card_set_referral (CERCLE_REFERRAL_CARD (card), referral, "Alice Martin", "Bruno Dupont",
                                     CERCLE_REFERRAL_ACTOR_RECEIVER, "2026-11-23");
  button = find_descendant (card, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));

  /* A long need: two lines at most */
  g_object_set (referral, "need", "Une très longue description du besoin du prospect, qui ne tient pas"
                                  " sur une ligne, ni sur deux, ni même sur trois lignes d’une carte", NULL);
  cercle_test_wait_ms (100);
  long_need = height_for (card, 260);
  g_assert_cmpint (long_need, >, short_need);
  g_object_set (referral, "need", "Une très longue description du besoin du prospect, qui ne tient pas"
                                  " sur une ligne, ni sur deux, ni même sur trois lignes d’une carte,"
                                  " répétée : une très longue description du besoin du prospect", NULL);
  cercle_test_wait_ms (100);
  g_assert_cmpint (height_for (card, 260), ==, long_need);

  /* Won elsewhere, many properties at once: no move is left */
  g_object_set (referral, "status", CERCLE_REFERRAL_STATUS_WON, "amount-cents", (gint64)1250000,
                "closed-on", "2026-11-23", "moved-on", "2026-11-23", NULL);
  cercle_test_wait_ms (100);
  g_assert_false (gtk_widget_get_visible (button));

  gtk_window_destroy (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
}

/* On a phone-sized window, the page fits */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  user_data)
{
  int minimum = 0, natural = 0;

  open_window (fixture, 360, 640);
  gtk_widget_measure (referrals_view (fixture), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  for (const char * const *page = (const char * const []){ "one-to-ones", "statistics", "board", NULL }; *page; page++)
    {
      cercle_referrals_view_show_page (CERCLE_REFERRALS_VIEW (referrals_view (fixture)), *page);
      cercle_test_wait_ms (200);
      gtk_widget_measure (referrals_view (fixture), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      g_assert_cmpint (minimum, <=, 360);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  cercle_application_ensure_resources ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cercle/app/referrals/board-columns", test_board_columns);
  ADD ("/cercle/app/referrals/forbidden-moves", test_forbidden_moves);
  ADD ("/cercle/app/referrals/move-to-won", test_move_to_won);
  ADD ("/cercle/app/referrals/burst-in-place", test_burst_in_place);
  ADD ("/cercle/app/referrals/thanks", test_thanks);
  ADD ("/cercle/app/referrals/pass-form", test_pass_form);
  ADD ("/cercle/app/referrals/forms-ask-before-discarding", test_forms_ask_before_discarding);
  ADD ("/cercle/app/referrals/one-to-ones", test_one_to_ones);
  ADD ("/cercle/app/referrals/narrow", test_narrow);
  ADD ("/cercle/app/referrals/card", test_card);

  return g_test_run ();
}
