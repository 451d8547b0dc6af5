/* cercle-referral-board.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-referral-board"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-amount-dialog.h"
#include "cercle-board-column.h"
#include "cercle-need-card.h"
#include "cercle-need-thread.h"
#include "cercle-need-editor.h"
#include "cercle-referral-board.h"
#include "cercle-referral-card.h"
#include "cercle-referral-details.h"
#include "cercle-referral-editor.h"

/* The referral board: the needs of the club first ("je recherche…"), then
 * one column per status, in the order a referral moves through them. A
 * card moves by drag and drop, from its "Move" menu or with Ctrl+→, and
 * only along the moves the state machine allows the user.
 *
 * Each column is a live list of row numbers that lives as long as the
 * board. The store finds the rows in a worker thread: a first page of
 * each column, with the records of its cards and their members' names
 * read there too, then all of them, counted; a change of the club (a sync
 * page of a thousand referrals as much as one move) costs one query,
 * after which each list changes in place and only the cards whose
 * referral changed are drawn again.
 *
 * What the main thread does with a query's rows is mostly making cards:
 * it does so a column or two at a time, within a budget, one step per
 * frame, so that the interface never stands still for long however slow
 * the machine. */

#define FIRST_PAGE 12
/* At most this many referrals changed, the board asks where they go
 * rather than for every row again */
#define MAX_DELTA 64
/* Main-thread time one step of applying rows may take before it lets a
 * frame be drawn, in microseconds */
#define APPLY_BUDGET 4000

/* The lists rows are applied to, one step at a time: the needs, then the
 * statuses from left to right */
#define N_APPLY_STEPS (1 + CERCLE_REFERRAL_N_STATUSES)

enum {
  COLUMN_NEEDS,
  COLUMN_PROPOSED,
  COLUMN_ACCEPTED,
  COLUMN_CONTACTED,
  COLUMN_QUOTED,
  COLUMN_WON,
  COLUMN_CLOSED,
  N_COLUMNS
};

/* What the scope menu offers, in its order */
static const CercleReferralScope scopes[] = {
  CERCLE_REFERRAL_SCOPE_MINE,
  CERCLE_REFERRAL_SCOPE_GIVEN,
  CERCLE_REFERRAL_SCOPE_RECEIVED,
  CERCLE_REFERRAL_SCOPE_CLUB,
};

struct _CercleReferralBoard
{
  GtkWidget            parent_instance;

  CercleContext       *context;
  CercleViewer        *viewer;
  GCancellable        *cancellable;
  gulong               cancelled_id;
  GCancellable        *query_cancellable;
  char                *search;
  char                *today;
  gboolean             stale;
  gboolean             loading;

  CercleRecordList    *lists[CERCLE_REFERRAL_N_STATUSES];
  CercleRecordList    *needs;
  GListStore          *closed_lists;
  GtkFlattenListModel *closed;
  CercleBoardColumn   *columns[N_COLUMNS];

  /* member id → full name, filled as cards are shown */
  GHashTable          *names;
  /* The viewer's given referrals known to be won, to thank them once for
   * each new one; NULL before the first load */
  GArray              *won_given;
  /* Referrals the user moved here, which need no news of their move */
  GHashTable          *moved_here;
  CercleReferral      *dragging;

  /* Rows a query found, which the lists take a step at a time */
  CercleReferralRows  *pending;
  guint                next_step;
  guint                apply_tick_id;
  /* The ids a query of changes under way asks about; NULL when the query
   * under way, if any, is of every row */
  char               **delta_ids;
  /* The lists hold every row, which changes can be applied to */
  gboolean             shown_whole;

  GtkStack            *stack;
  AdwStatusPage       *error_page;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *scope_dropdown;
  GtkStringList       *scope_names;
  GtkBox              *columns_box;
};

G_DEFINE_FINAL_TYPE (CercleReferralBoard, cercle_referral_board, GTK_TYPE_WIDGET)

enum {
  CLOSED_BUSINESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void cercle_referral_board_load (CercleReferralBoard *self,
                                        gboolean             new_query);

static gboolean
column_holds (guint                column,
              CercleReferralStatus status)
{
  switch (column)
    {
    case COLUMN_PROPOSED:
      return status == CERCLE_REFERRAL_STATUS_PROPOSED;
    case COLUMN_ACCEPTED:
      return status == CERCLE_REFERRAL_STATUS_ACCEPTED;
    case COLUMN_CONTACTED:
      return status == CERCLE_REFERRAL_STATUS_CONTACTED;
    case COLUMN_QUOTED:
      return status == CERCLE_REFERRAL_STATUS_QUOTED;
    case COLUMN_WON:
      return status == CERCLE_REFERRAL_STATUS_WON;
    case COLUMN_CLOSED:
      return status == CERCLE_REFERRAL_STATUS_LOST || status == CERCLE_REFERRAL_STATUS_DECLINED;
    case COLUMN_NEEDS:
    default:
      return FALSE;
    }
}

/* The status a drop of @referral on @column moves it to, among those the
 * rules allow the user; -1 for none */
static int
drop_status (CercleReferralBoard *self,
             guint                column,
             CercleReferral      *referral)
{
  CercleReferralStatus moves[CERCLE_REFERRAL_N_STATUSES];
  guint n;

  if (self->viewer == NULL || referral == NULL)
    return -1;

  n = cercle_referral_status_list_moves (cercle_referral_get_status (referral),
                                         cercle_referral_actor_for (self->viewer, referral),
                                         moves);
  for (guint i = 0; i < n; i++)
    if (column_holds (column, moves[i]))
      return (int)moves[i];

  return -1;
}

static const char *
lookup_name (CercleReferralBoard *self,
             const char          *member_id)
{
  g_autoptr(CercleMember) member = NULL;
  char *name;

  if (member_id == NULL || *member_id == '\0' || self->context == NULL)
    return NULL;

  if (g_hash_table_lookup_extended (self->names, member_id, NULL, (gpointer *)&name))
    return name;

  member = cercle_store_get_record (cercle_context_get_store (self->context),
                                    CERCLE_TYPE_MEMBER, member_id, NULL);
  name = member != NULL ? cercle_format_full_name (cercle_member_get_first_name (member),
                                                   cercle_member_get_last_name (member))
                        : NULL;
  g_hash_table_insert (self->names, g_strdup (member_id), name);

  return name;
}

static void
show_toast (CercleReferralBoard *self,
            const char          *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
show_error (CercleReferralBoard *self,
            const char          *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Could Not Change the Board"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWindow *
parent_window (CercleReferralBoard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static char *
count_text (guint count)
{
  g_autofree char *number = cercle_format_count (count);

  /* Translators: under a column title, %s is a number such as "1,250" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s referral", "%s referrals", count), number);
}

static void
update_headers (CercleReferralBoard  *self,
                CercleReferralRows   *rows)
{
  for (guint column = COLUMN_PROPOSED; column < N_COLUMNS; column++)
    {
      g_autofree char *subtitle = NULL;
      guint count = 0;

      for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
        if (column_holds (column, status))
          count += rows->counts[status];

      if (column == COLUMN_WON)
        {
          g_autofree char *number = cercle_format_count (count);
          g_autofree char *money = cercle_format_money (rows->won_cents);

          /* Translators: under the "Won" column title: how many referrals
           * and the business they brought, as in "12 referrals · 48 300,00 €" */
          subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s referral · %s",
                                                   "%s referrals · %s", count),
                                      number, money);
        }
      else
        subtitle = count_text (count);

      cercle_board_column_set_subtitle (self->columns[column], subtitle);
    }

  {
    g_autofree char *number = cercle_format_count (rows->n_needs);
    g_autofree char *subtitle = NULL;

    /* Translators: under the needs column title, %s is a number */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s open need", "%s open needs",
                                             rows->n_needs), number);
    cercle_board_column_set_subtitle (self->columns[COLUMN_NEEDS], subtitle);
  }
}

static void
send_thanks (CercleReferralBoard *self,
             CercleReferral      *referral)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *money = cercle_format_money (cercle_referral_get_amount_cents (referral));
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;
  const char *receiver = lookup_name (self, cercle_referral_get_receiver_id (referral));
  const char *prospect = cercle_referral_get_prospect_name (referral);
  GApplication *application = g_application_get_default ();

  if (prospect == NULL || *prospect == '\0')
    prospect = cercle_referral_get_prospect_company (referral);

  /* Translators: news for the giver of a referral, as in "Paul Durand
   * closed 12 500,00 € of business with your referral for Marc Petit." */
  body = g_strdup_printf (_("%s closed %s of business with your referral for %s."),
                          receiver ? receiver : _("Unknown member"), money, prospect ? prospect : "");

  show_toast (self, body);
  g_signal_emit (self, signals[CLOSED_BUSINESS], 0, referral);

  if (application == NULL || !g_application_get_is_registered (application))
    return;

  notification = g_notification_new (_("Business Closed Thanks to You"));
  g_notification_set_body (notification, body);
  id = g_strdup_printf ("referral-won-%s", cercle_record_get_id (CERCLE_RECORD (referral)));
  g_application_send_notification (application, id, notification);
}

/* Thanks the giver for each referral of theirs that was won since the
 * board last looked: moves made elsewhere, that came by sync */
static void
thank_for_closed_business (CercleReferralBoard *self,
                           GArray              *won_given)
{
  g_autoptr(GArray) new_rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CercleRecordList) won = NULL;
  guint i = 0, j = 0;

  if (self->won_given != NULL)
    {
      /* Both are in row order */
      while (j < won_given->len)
        {
          gint64 row = g_array_index (won_given, gint64, j);

          if (i < self->won_given->len && g_array_index (self->won_given, gint64, i) < row)
            i++;
          else if (i < self->won_given->len && g_array_index (self->won_given, gint64, i) == row)
            i++, j++;
          else
            {
              g_array_append_val (new_rows, row);
              j++;
            }
        }
    }

  g_clear_pointer (&self->won_given, g_array_unref);
  self->won_given = g_array_ref (won_given);

  if (new_rows->len == 0)
    return;

  won = cercle_record_list_new (cercle_context_get_store (self->context), CERCLE_TYPE_REFERRAL, new_rows);
  for (guint k = 0; k < new_rows->len && k < 5; k++)
    {
      g_autoptr(CercleReferral) referral = g_list_model_get_item (G_LIST_MODEL (won), k);

      if (!g_hash_table_remove (self->moved_here, cercle_record_get_id (CERCLE_RECORD (referral))))
        send_thanks (self, referral);
    }
}

static void
apply_step (CercleReferralBoard *self,
            CercleReferralRows  *rows,
            guint                step)
{
  CercleReferralStatus status = step - 1;

  if (step == 0)
    {
      cercle_record_list_set_rows_with_records (self->needs, rows->needs, rows->need_records);
      cercle_board_column_set_loading (self->columns[COLUMN_NEEDS], FALSE);
      return;
    }

  cercle_record_list_set_rows_with_records (self->lists[status], rows->rows[status], rows->records[status]);

  /* Lost and declined share the last column */
  if (status <= CERCLE_REFERRAL_STATUS_WON)
    cercle_board_column_set_loading (self->columns[COLUMN_PROPOSED + status], FALSE);
  else if (status == CERCLE_REFERRAL_STATUS_DECLINED)
    cercle_board_column_set_loading (self->columns[COLUMN_CLOSED], FALSE);
}

static void
take_names (CercleReferralBoard *self,
            CercleReferralRows  *rows)
{
  GHashTableIter iter;
  gpointer member_id, name;

  g_hash_table_iter_init (&iter, rows->names);
  while (g_hash_table_iter_next (&iter, &member_id, &name))
    {
      g_hash_table_iter_steal (&iter);
      g_hash_table_replace (self->names, member_id, name);
    }
}

/* Takes the changed rows out of each list and puts those shown back where
 * they go: the lists change by a few rows, in place, at once */
static void
apply_delta (CercleReferralBoard *self,
             CercleReferralRows  *rows)
{
  g_autoptr(GHashTable) changed = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < rows->changed->len; i++)
    g_hash_table_add (changed, &g_array_index (rows->changed, gint64, i));

  take_names (self, rows);

  for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
    {
      const GArray *old = cercle_record_list_get_rows (self->lists[status]);
      g_autoptr(GArray) new = g_array_sized_new (FALSE, FALSE, sizeof (gint64), old->len + rows->rows[status]->len);

      for (guint i = 0; i < old->len; i++)
        if (!g_hash_table_contains (changed, &g_array_index (old, gint64, i)))
          g_array_append_val (new, g_array_index (old, gint64, i));

      for (guint k = 0; k < rows->rows[status]->len; k++)
        g_array_insert_val (new, MIN (g_array_index (rows->positions[status], guint, k), new->len),
                            g_array_index (rows->rows[status], gint64, k));

      cercle_record_list_set_rows (self->lists[status], new);
    }

  cercle_record_list_set_rows_with_records (self->needs, rows->needs, rows->need_records);
  update_headers (self, rows);
  thank_for_closed_business (self, rows->won_given);
}

/* Whether @step leaves the first rows of its list as they are, as all
 * rows do after a first page: it makes no card, and needs no frame of
 * its own */
static gboolean
keeps_first_rows (CercleReferralBoard *self,
                  CercleReferralRows  *rows,
                  guint                step)
{
  CercleRecordList *list = step == 0 ? self->needs : self->lists[step - 1];
  GArray *new = step == 0 ? rows->needs : rows->rows[step - 1];
  const GArray *old = cercle_record_list_get_rows (list);
  guint n = MIN (FIRST_PAGE, MAX (old->len, new->len));

  if (old->len < n || new->len < n)
    return FALSE;

  return memcmp (old->data, new->data, n * sizeof (gint64)) == 0;
}

/* Applies the pending rows' next steps, at least one, until the budget is
 * spent; then, once all are, what the rows say of the whole board.
 * Returns whether steps remain. */
static gboolean
apply_some (CercleReferralBoard *self)
{
  g_autoptr(CercleReferralRows) rows = NULL;
  gint64 started = g_get_monotonic_time ();

  g_assert (self->pending != NULL);

  gtk_stack_set_visible_child_name (self->stack, "board");

  do
    apply_step (self, self->pending, self->next_step++);
  while (self->next_step < N_APPLY_STEPS &&
         (g_get_monotonic_time () - started < APPLY_BUDGET ||
          keeps_first_rows (self, self->pending, self->next_step)));

  if (self->next_step < N_APPLY_STEPS)
    return TRUE;

  rows = g_steal_pointer (&self->pending);
  self->shown_whole = rows->complete;

  /* Counts, totals and thanks wait for rows that were counted */
  if (rows->counted)
    {
      update_headers (self, rows);
      thank_for_closed_business (self, rows->won_given);
    }

  return FALSE;
}

static gboolean
apply_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  CercleReferralBoard *self = CERCLE_REFERRAL_BOARD (widget);

  if (self->pending != NULL && apply_some (self))
    return G_SOURCE_CONTINUE;

  self->apply_tick_id = 0;

  return G_SOURCE_REMOVE;
}

/* The lists take @rows in steps from now on, instead of any rows still
 * pending, which newer rows make useless */
static void
apply_rows (CercleReferralBoard *self,
            CercleReferralRows  *rows)
{
  take_names (self, rows);

  g_clear_pointer (&self->pending, cercle_referral_rows_free);
  self->pending = rows;
  self->next_step = 0;

  /* The first step at once, the others a frame apart */
  if (apply_some (self) && self->apply_tick_id == 0)
    self->apply_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), apply_tick_cb, NULL, NULL);
}

static void
on_rows_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CercleReferralBoard) self = user_data;
  g_autoptr(CercleReferralRows) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  gboolean complete;

  rows = cercle_store_query_referral_board_finish (CERCLE_STORE (object), result, &error);

  /* A newer query, or closing the window, cancelled this one */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->query_cancellable);
  self->loading = FALSE;

  if (rows == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->delta_ids, g_strfreev);

  if (rows->delta)
    {
      apply_delta (self, rows);
      g_debug ("Referral board: changes applied in %.1f ms", (g_get_monotonic_time () - started) / 1000.);
      return;
    }

  /* The rest is found meanwhile, in the worker thread */
  complete = rows->complete;
  apply_rows (self, g_steal_pointer (&rows));

  g_debug ("Referral board: %s page's first step applied in %.1f ms",
           complete ? "full" : "first", (g_get_monotonic_time () - started) / 1000.);

  if (!complete)
    cercle_referral_board_load (self, FALSE);
}

static CercleReferralScope
current_scope (CercleReferralBoard *self)
{
  guint selected = gtk_drop_down_get_selected (self->scope_dropdown);

  return selected < G_N_ELEMENTS (scopes) ? scopes[selected] : CERCLE_REFERRAL_SCOPE_MINE;
}

/* @new_query: the user asked for other referrals (a search, a scope):
 * a first page comes first. Otherwise the club changed under the board,
 * whose lists are updated in place. */
static void
cercle_referral_board_load (CercleReferralBoard *self,
                            gboolean             new_query)
{
  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);

  if (self->context == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  /* Loads when shown: a page nobody looks at costs nothing */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  g_free (self->today);
  self->today = cercle_today ();
  self->loading = TRUE;
  self->query_cancellable = g_cancellable_new ();
  g_clear_pointer (&self->delta_ids, g_strfreev);
  if (new_query)
    self->shown_whole = FALSE;
  for (guint column = 0; column < N_COLUMNS && new_query; column++)
    cercle_board_column_set_loading (self->columns[column], TRUE);

  cercle_store_query_referral_board_async (cercle_context_get_store (self->context),
                                           current_scope (self), self->search,
                                           new_query ? FIRST_PAGE : 0,
                                           self->query_cancellable,
                                           on_rows_ready_cb,
                                           g_object_ref (self));
}

/* Asks where the referrals @ids (taken) go now, with those of the query
 * of changes under way, which this one replaces */
static void
load_changes (CercleReferralBoard  *self,
              char                **ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_addv (builder, (const char **)ids);
  if (self->delta_ids != NULL)
    g_strv_builder_addv (builder, (const char **)self->delta_ids);
  g_strfreev (ids);

  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  g_clear_pointer (&self->delta_ids, g_strfreev);
  self->delta_ids = g_strv_builder_end (builder);

  g_free (self->today);
  self->today = cercle_today ();
  self->loading = TRUE;
  self->query_cancellable = g_cancellable_new ();

  cercle_store_query_referral_changes_async (cercle_context_get_store (self->context),
                                             current_scope (self), self->search,
                                             (const char * const *)self->delta_ids,
                                             self->query_cancellable,
                                             on_rows_ready_cb,
                                             g_object_ref (self));
}

typedef struct
{
  CercleReferralBoard *self;
  char                *referral_id;
} PendingMove;

static void
pending_move_free (PendingMove *move)
{
  g_clear_object (&move->self);
  g_free (move->referral_id);
  g_free (move);
}

static void
do_move (CercleReferralBoard  *self,
         const char           *referral_id,
         CercleReferralStatus  to,
         gint64                amount_cents)
{
  g_autoptr(GError) error = NULL;

  if (self->context == NULL)
    return;

  if (!cercle_store_move_referral (cercle_context_get_store (self->context), referral_id, to,
                                   amount_cents, &error))
    {
      show_error (self, error->message);
      return;
    }

  if (to == CERCLE_REFERRAL_STATUS_WON)
    g_hash_table_add (self->moved_here, g_strdup (referral_id));

  {
    g_autofree char *message = NULL;

    /* Translators: a toast once a referral moved, %s is a status */
    message = g_strdup_printf (_("Referral moved to “%s”"), cercle_referral_status_to_string (to));
    show_toast (self, message);
  }
}

static void
on_amount_ready_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PendingMove *move = user_data;
  gint64 cents = 0;

  if (cercle_amount_dialog_ask_finish (result, &cents))
    do_move (move->self, move->referral_id, CERCLE_REFERRAL_STATUS_WON, cents);

  pending_move_free (move);
}

/**
 * cercle_referral_board_move:
 *
 * Moves @referral to @to as the user asked: a move to won first asks for
 * the amount of business closed. The store checks the move against the
 * rules, as the server will.
 */
void
cercle_referral_board_move (CercleReferralBoard  *self,
                            CercleReferral       *referral,
                            CercleReferralStatus  to)
{
  g_return_if_fail (CERCLE_IS_REFERRAL_BOARD (self));
  g_return_if_fail (CERCLE_IS_REFERRAL (referral));

  if (cercle_referral_status_needs_amount (to))
    {
      PendingMove *move = g_new0 (PendingMove, 1);
      const char *prospect = cercle_referral_get_prospect_name (referral);

      move->self = g_object_ref (self);
      move->referral_id = g_strdup (cercle_record_get_id (CERCLE_RECORD (referral)));
      if (prospect == NULL || *prospect == '\0')
        prospect = cercle_referral_get_prospect_company (referral);
      cercle_amount_dialog_ask_async (parent_window (self), prospect, self->cancellable,
                                      on_amount_ready_cb, move);
      return;
    }

  do_move (self, cercle_record_get_id (CERCLE_RECORD (referral)), to, 0);
}

static void
on_card_move_cb (CercleReferralCard   *card,
                 CercleReferral       *referral,
                 CercleReferralStatus  to,
                 CercleReferralBoard  *self)
{
  cercle_referral_board_move (self, referral, to);
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource       *source,
                    double               x,
                    double               y,
                    CercleReferralBoard *self)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  CercleReferral *referral = cercle_referral_card_get_referral (CERCLE_REFERRAL_CARD (card));
  CercleReferralStatus moves[CERCLE_REFERRAL_N_STATUSES];

  /* A card the user cannot move does not leave its column */
  if (referral == NULL || cercle_referral_card_list_moves (CERCLE_REFERRAL_CARD (card), moves) == 0)
    return NULL;

  return gdk_content_provider_new_typed (CERCLE_TYPE_REFERRAL, referral);
}

static void
on_drag_begin_cb (GtkDragSource       *source,
                  GdkDrag             *drag,
                  CercleReferralBoard *self)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (card);

  g_set_object (&self->dragging, cercle_referral_card_get_referral (CERCLE_REFERRAL_CARD (card)));
  gtk_drag_source_set_icon (source, icon, 0, 0);

  /* Where it may go shows at once, and where it may not */
  for (guint column = COLUMN_PROPOSED; column < N_COLUMNS; column++)
    gtk_widget_add_css_class (GTK_WIDGET (self->columns[column]),
                              drop_status (self, column, self->dragging) >= 0 ? "drop-allowed"
                                                                               : "drop-forbidden");
}

static void
on_drag_end_cb (GtkDragSource       *source,
                GdkDrag             *drag,
                gboolean             delete_data,
                CercleReferralBoard *self)
{
  g_clear_object (&self->dragging);

  for (guint column = COLUMN_PROPOSED; column < N_COLUMNS; column++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->columns[column]), "drop-allowed");
      gtk_widget_remove_css_class (GTK_WIDGET (self->columns[column]), "drop-forbidden");
    }
}

static guint
column_of_target (CercleReferralBoard *self,
                  GtkDropTarget       *target)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  for (guint column = 0; column < N_COLUMNS; column++)
    if (widget == GTK_WIDGET (self->columns[column]))
      return column;

  return COLUMN_NEEDS;
}

static gboolean
on_drop_accept_cb (GtkDropTarget       *target,
                   GdkDrop             *drop,
                   CercleReferralBoard *self)
{
  return self->dragging != NULL && drop_status (self, column_of_target (self, target), self->dragging) >= 0;
}

static gboolean
on_drop_cb (GtkDropTarget       *target,
            const GValue        *value,
            double               x,
            double               y,
            CercleReferralBoard *self)
{
  CercleReferral *referral = g_value_get_object (value);
  int to = drop_status (self, column_of_target (self, target), referral);

  if (to < 0)
    return FALSE;

  cercle_referral_board_move (self, referral, (CercleReferralStatus)to);

  return TRUE;
}

static void
on_setup_card_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  CercleReferralBoard      *self)
{
  GtkWidget *card = cercle_referral_card_new ();
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (source, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (source));

  g_signal_connect (card, "move", G_CALLBACK (on_card_move_cb), self);
  gtk_list_item_set_child (list_item, card);
}

static void
on_bind_card_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CercleReferralBoard      *self)
{
  CercleReferral *referral = gtk_list_item_get_item (list_item);
  CercleReferralActor actor = self->viewer != NULL ? cercle_referral_actor_for (self->viewer, referral)
                                                   : CERCLE_REFERRAL_ACTOR_NONE;

  cercle_referral_card_set_referral (CERCLE_REFERRAL_CARD (gtk_list_item_get_child (list_item)),
                                     referral,
                                     lookup_name (self, cercle_referral_get_giver_id (referral)),
                                     lookup_name (self, cercle_referral_get_receiver_id (referral)),
                                     actor, self->today);
}

static void
on_unbind_card_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   CercleReferralBoard      *self)
{
  cercle_referral_card_set_referral (CERCLE_REFERRAL_CARD (gtk_list_item_get_child (list_item)),
                                     NULL, NULL, NULL, CERCLE_REFERRAL_ACTOR_NONE, NULL);
}

static void
on_need_answer_cb (CercleNeedCard      *card,
                   CercleRequest       *request,
                   CercleReferralBoard *self)
{
  cercle_referral_board_pass (self, request);
}

typedef struct
{
  CercleReferralBoard *self;
  char                *request_id;
} PendingClose;

static void
on_close_need_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           gpointer          user_data)
{
  PendingClose *pending = user_data;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "close-need") && pending->self->context != NULL)
    {
      if (!cercle_store_close_request (cercle_context_get_store (pending->self->context),
                                       pending->request_id, &error))
        show_error (pending->self, error->message);
      else
        show_toast (pending->self, _("Need closed"));
    }

  g_object_unref (pending->self);
  g_free (pending->request_id);
  g_free (pending);
}

static void
on_need_replies_cb (CercleNeedCard      *card,
                    CercleRequest       *request,
                    CercleReferralBoard *self)
{
  GtkWidget *thread;

  if (self->context == NULL)
    return;

  thread = cercle_need_thread_new (parent_window (self), self->context,
                                   cercle_record_get_id (CERCLE_RECORD (request)));
  gtk_window_present (GTK_WINDOW (thread));
}

static void
on_need_close_cb (CercleNeedCard      *card,
                  CercleRequest       *request,
                  CercleReferralBoard *self)
{
  PendingClose *pending = g_new0 (PendingClose, 1);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent_window (self), _("Close This Need?"),
                                   _("It leaves the needs board. Referrals that answered it stay."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close-need", _("C_lose Need"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close-need",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  pending->self = g_object_ref (self);
  pending->request_id = g_strdup (cercle_record_get_id (CERCLE_RECORD (request)));
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_need_response_cb), pending);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_setup_need_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  CercleReferralBoard      *self)
{
  GtkWidget *card = cercle_need_card_new ();

  g_signal_connect (card, "answer", G_CALLBACK (on_need_answer_cb), self);
  g_signal_connect (card, "close", G_CALLBACK (on_need_close_cb), self);
  g_signal_connect (card, "replies", G_CALLBACK (on_need_replies_cb), self);
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, card);
}

static void
on_bind_need_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CercleReferralBoard      *self)
{
  CercleRequest *request = gtk_list_item_get_item (list_item);

  cercle_need_card_set_request (CERCLE_NEED_CARD (gtk_list_item_get_child (list_item)), request,
                                lookup_name (self, cercle_request_get_member_id (request)),
                                self->viewer);
}

static void
on_unbind_need_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   CercleReferralBoard      *self)
{
  cercle_need_card_set_request (CERCLE_NEED_CARD (gtk_list_item_get_child (list_item)), NULL, NULL, NULL);
}

static void
on_details_move_cb (CercleReferralDetails *details,
                    CercleReferral        *referral,
                    CercleReferralStatus   to,
                    CercleReferralBoard   *self)
{
  cercle_referral_board_move (self, referral, to);
}

static void
on_card_activate_cb (GtkListView         *list_view,
                     guint                position,
                     CercleReferralBoard *self)
{
  g_autoptr(CercleReferral) referral = NULL;
  GtkWidget *details;

  referral = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list_view)), position);
  if (referral == NULL || self->viewer == NULL)
    return;

  details = cercle_referral_details_new (parent_window (self), referral,
                                         lookup_name (self, cercle_referral_get_giver_id (referral)),
                                         lookup_name (self, cercle_referral_get_receiver_id (referral)),
                                         self->viewer);
  g_signal_connect_object (details, "move", G_CALLBACK (on_details_move_cb), self, 0);
  gtk_window_present (GTK_WINDOW (details));
}

static void
on_passed_cb (CercleReferralEditor *editor,
              CercleReferral       *referral,
              CercleReferralBoard  *self)
{
  g_autofree char *message = NULL;
  const char *receiver = lookup_name (self, cercle_referral_get_receiver_id (referral));

  /* Translators: a toast once a referral was passed, %s is the receiver */
  message = g_strdup_printf (_("Referral passed to %s"), receiver ? receiver : _("Unknown member"));
  show_toast (self, message);
}

static void
on_posted_cb (CercleNeedEditor    *editor,
              CercleRequest       *request,
              CercleReferralBoard *self)
{
  show_toast (self, _("Need posted to the club"));
}

/**
 * cercle_referral_board_pass:
 * @need: (nullable): the need the referral answers
 *
 * Opens the form to pass a referral, filled in from @need when answering it.
 */
void
cercle_referral_board_pass (CercleReferralBoard *self,
                            CercleRequest       *need)
{
  GtkWidget *editor;

  g_return_if_fail (CERCLE_IS_REFERRAL_BOARD (self));

  if (self->context == NULL)
    return;

  editor = cercle_referral_editor_new (parent_window (self), self->context, need,
                                       need != NULL ? lookup_name (self, cercle_request_get_member_id (need))
                                                    : NULL);
  g_signal_connect_object (editor, "passed", G_CALLBACK (on_passed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_pass_clicked_cb (GtkButton           *button,
                    CercleReferralBoard *self)
{
  cercle_referral_board_pass (self, NULL);
}

static void
on_post_need_clicked_cb (GtkButton           *button,
                         CercleReferralBoard *self)
{
  GtkWidget *editor;

  if (self->context == NULL)
    return;

  editor = cercle_need_editor_new (parent_window (self), self->context);
  g_signal_connect_object (editor, "posted", G_CALLBACK (on_posted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_search_changed_cb (GtkSearchEntry      *entry,
                      CercleReferralBoard *self)
{
  g_autofree char *search = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (g_strcmp0 (search, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_steal_pointer (&search);
  cercle_referral_board_load (self, TRUE);
}

static void
on_stop_search_cb (GtkSearchEntry      *entry,
                   CercleReferralBoard *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_scope_selected_cb (GtkDropDown         *dropdown,
                      GParamSpec          *pspec,
                      CercleReferralBoard *self)
{
  cercle_referral_board_load (self, TRUE);
}

/* Staff choose among the whole club's referrals; a member only among
 * theirs, which is all the store would give them anyway */
static void
update_scopes (CercleReferralBoard *self)
{
  const char *names[] = {
    _("My Referrals"), _("Given by Me"), _("Received by Me"), _("Whole Club"), NULL,
  };
  guint n = self->viewer != NULL && self->viewer->is_staff ? 4 : 3;
  guint selected = n == G_N_ELEMENTS (scopes) ? G_N_ELEMENTS (scopes) - 1 : 0;

  g_signal_handlers_block_by_func (self->scope_dropdown, on_scope_selected_cb, self);
  gtk_string_list_splice (self->scope_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->scope_names)),
                          NULL);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (self->scope_names, names[i]);
  /* Staff open on the whole club, members on their own referrals */
  gtk_drop_down_set_selected (self->scope_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->scope_dropdown, on_scope_selected_cb, self);
}

/* New lists for a new club or a new user: cards are bound anew */
static void
reset_lists (CercleReferralBoard *self)
{
  g_autoptr(GArray) no_rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  CercleStore *store = self->context != NULL ? cercle_context_get_store (self->context) : NULL;

  for (guint column = 0; column < N_COLUMNS; column++)
    cercle_board_column_set_model (self->columns[column], NULL);
  g_list_store_remove_all (self->closed_lists);
  g_clear_pointer (&self->pending, cercle_referral_rows_free);
  self->shown_whole = FALSE;

  for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
    g_clear_object (&self->lists[status]);
  g_clear_object (&self->needs);
  g_clear_pointer (&self->won_given, g_array_unref);
  g_hash_table_remove_all (self->names);

  if (store == NULL)
    return;

  for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
    self->lists[status] = cercle_record_list_new (store, CERCLE_TYPE_REFERRAL, no_rows);
  self->needs = cercle_record_list_new (store, CERCLE_TYPE_REQUEST, no_rows);

  g_list_store_append (self->closed_lists, self->lists[CERCLE_REFERRAL_STATUS_LOST]);
  g_list_store_append (self->closed_lists, self->lists[CERCLE_REFERRAL_STATUS_DECLINED]);

  cercle_board_column_set_model (self->columns[COLUMN_NEEDS], G_LIST_MODEL (self->needs));
  cercle_board_column_set_model (self->columns[COLUMN_PROPOSED], G_LIST_MODEL (self->lists[CERCLE_REFERRAL_STATUS_PROPOSED]));
  cercle_board_column_set_model (self->columns[COLUMN_ACCEPTED], G_LIST_MODEL (self->lists[CERCLE_REFERRAL_STATUS_ACCEPTED]));
  cercle_board_column_set_model (self->columns[COLUMN_CONTACTED], G_LIST_MODEL (self->lists[CERCLE_REFERRAL_STATUS_CONTACTED]));
  cercle_board_column_set_model (self->columns[COLUMN_QUOTED], G_LIST_MODEL (self->lists[CERCLE_REFERRAL_STATUS_QUOTED]));
  cercle_board_column_set_model (self->columns[COLUMN_WON], G_LIST_MODEL (self->lists[CERCLE_REFERRAL_STATUS_WON]));
  cercle_board_column_set_model (self->columns[COLUMN_CLOSED], G_LIST_MODEL (self->closed));
}

static void
read_viewer (CercleReferralBoard *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->viewer, cercle_viewer_free);
  if (self->context != NULL)
    self->viewer = cercle_store_dup_viewer (cercle_context_get_store (self->context), &error);
  if (error != NULL)
    g_debug ("Could not read who uses the club: %s", error->message);

  update_scopes (self);
}

/* Cards whose referral changed are updated in place; the columns are
 * asked again, since a referral may have moved, come or gone. A sync page
 * is one notification, however many referrals it wrote. */
static void
on_store_changed_cb (CercleStore         *store,
                     CercleChangeSet     *changes,
                     CercleReferralBoard *self)
{
  if (cercle_change_set_get_local_user_changed (changes))
    {
      read_viewer (self);
      reset_lists (self);
      cercle_referral_board_load (self, TRUE);
      return;
    }

  if (cercle_change_set_touches (changes, CERCLE_ENTITY_MEMBER))
    g_hash_table_remove_all (self->names);

  if (!cercle_change_set_touches (changes, CERCLE_ENTITY_REFERRAL) &&
      !cercle_change_set_touches (changes, CERCLE_ENTITY_REQUEST))
    return;

  for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
    if (self->lists[status] != NULL)
      cercle_record_list_refresh (self->lists[status], changes);
  if (self->needs != NULL)
    cercle_record_list_refresh (self->needs, changes);

  /* A few referrals changed under a board that shows every row, and no
   * query of every row is under way: where do they go */
  if (!cercle_change_set_touches (changes, CERCLE_ENTITY_REQUEST) &&
      !cercle_change_set_is_everything (changes, CERCLE_ENTITY_REFERRAL) &&
      self->shown_whole && self->pending == NULL && (!self->loading || self->delta_ids != NULL) &&
      gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      cercle_change_set_get_n_ids (changes, CERCLE_ENTITY_REFERRAL) +
      (self->delta_ids != NULL ? g_strv_length (self->delta_ids) : 0) <= MAX_DELTA)
    {
      load_changes (self, cercle_change_set_dup_ids (changes, CERCLE_ENTITY_REFERRAL));
      return;
    }

  cercle_referral_board_load (self, FALSE);
}

static void
on_cancelled_cb (GCancellable        *cancellable,
                 CercleReferralBoard *self)
{
  g_cancellable_cancel (self->query_cancellable);
}

static void
cercle_referral_board_map (GtkWidget *widget)
{
  CercleReferralBoard *self = (CercleReferralBoard *) widget;

  GTK_WIDGET_CLASS (cercle_referral_board_parent_class)->map (widget);

  if (self->stale)
    {
      self->stale = FALSE;
      cercle_referral_board_load (self, TRUE);
    }
}

static GtkListItemFactory *
new_factory (CercleReferralBoard *self,
             GCallback            setup,
             GCallback            bind,
             GCallback            unbind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, self);
  g_signal_connect (factory, "bind", bind, self);
  g_signal_connect (factory, "unbind", unbind, self);

  return factory;
}

static void
build_columns (CercleReferralBoard *self)
{
  g_autoptr(GtkListItemFactory) card_factory = NULL;
  g_autoptr(GtkListItemFactory) need_factory = NULL;
  GtkWidget *post_button;

  card_factory = new_factory (self, G_CALLBACK (on_setup_card_cb), G_CALLBACK (on_bind_card_cb),
                              G_CALLBACK (on_unbind_card_cb));
  need_factory = new_factory (self, G_CALLBACK (on_setup_need_cb), G_CALLBACK (on_bind_need_cb),
                              G_CALLBACK (on_unbind_need_cb));

  for (guint column = 0; column < N_COLUMNS; column++)
    {
      CercleBoardColumn *board_column = CERCLE_BOARD_COLUMN (cercle_board_column_new ());
      GtkListView *list_view = cercle_board_column_get_list_view (board_column);

      self->columns[column] = board_column;
      gtk_box_append (self->columns_box, GTK_WIDGET (board_column));

      if (column == COLUMN_NEEDS)
        {
          cercle_board_column_set_factory (board_column, need_factory);
          gtk_widget_add_css_class (GTK_WIDGET (board_column), "needs");
          continue;
        }

      cercle_board_column_set_factory (board_column, card_factory);
      gtk_list_view_set_single_click_activate (list_view, TRUE);
      g_signal_connect (list_view, "activate", G_CALLBACK (on_card_activate_cb), self);

      {
        GtkDropTarget *target = gtk_drop_target_new (CERCLE_TYPE_REFERRAL, GDK_ACTION_MOVE);

        g_signal_connect (target, "accept", G_CALLBACK (on_drop_accept_cb), self);
        g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
        gtk_widget_add_controller (GTK_WIDGET (board_column), GTK_EVENT_CONTROLLER (target));
      }
    }

  cercle_board_column_set_title (self->columns[COLUMN_NEEDS], _("Looking For…"));
  cercle_board_column_set_placeholder (self->columns[COLUMN_NEEDS], _("No open needs"));
  for (guint column = COLUMN_PROPOSED; column <= COLUMN_WON; column++)
    {
      cercle_board_column_set_title (self->columns[column],
                                     cercle_referral_status_to_plural (column - COLUMN_PROPOSED));
      cercle_board_column_set_placeholder (self->columns[column], _("No referrals"));
    }
  cercle_board_column_set_title (self->columns[COLUMN_CLOSED], _("Lost or Declined"));
  cercle_board_column_set_placeholder (self->columns[COLUMN_CLOSED], _("No referrals"));

  post_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_tooltip_text (post_button, _("Post a Need"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (post_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Post a Need"), -1);
  gtk_widget_add_css_class (post_button, "flat");
  g_signal_connect (post_button, "clicked", G_CALLBACK (on_post_need_clicked_cb), self);
  cercle_board_column_set_header_widget (self->columns[COLUMN_NEEDS], post_button);
}

static void
cercle_referral_board_dispose (GObject *object)
{
  CercleReferralBoard *self = (CercleReferralBoard *) object;
  GtkWidget *child;

  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  cercle_referral_board_set_cancellable (self, NULL);
  if (self->apply_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->apply_tick_id);
  self->apply_tick_id = 0;
  g_clear_pointer (&self->pending, cercle_referral_rows_free);

  for (guint column = 0; column < N_COLUMNS; column++)
    if (self->columns[column] != NULL)
      cercle_board_column_set_model (self->columns[column], NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_REFERRAL_BOARD);
  /* Children the template does not bind are ours to unparent too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
    g_clear_object (&self->lists[status]);
  g_clear_object (&self->needs);
  g_clear_object (&self->closed);
  g_clear_object (&self->closed_lists);
  g_clear_object (&self->dragging);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_referral_board_parent_class)->dispose (object);
}

static void
cercle_referral_board_finalize (GObject *object)
{
  CercleReferralBoard *self = (CercleReferralBoard *) object;

  g_clear_pointer (&self->viewer, cercle_viewer_free);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->moved_here, g_hash_table_unref);
  g_clear_pointer (&self->won_given, g_array_unref);
  g_clear_pointer (&self->delta_ids, g_strfreev);
  g_free (self->search);
  g_free (self->today);

  G_OBJECT_CLASS (cercle_referral_board_parent_class)->finalize (object);
}

static void
cercle_referral_board_class_init (CercleReferralBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_referral_board_dispose;
  object_class->finalize = cercle_referral_board_finalize;
  widget_class->map = cercle_referral_board_map;

  /**
   * CercleReferralBoard::closed-business:
   * @referral: a referral the user gave, won since the board last looked
   *
   * The user is thanked for it: business was closed with their referral
   * somewhere else, and came by sync.
   */
  signals[CLOSED_BUSINESS] =
    g_signal_new ("closed-business", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CERCLE_TYPE_REFERRAL);

  g_type_ensure (CERCLE_TYPE_BOARD_COLUMN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/referrals/cercle-referral-board.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleReferralBoard, stack);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralBoard, error_page);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralBoard, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralBoard, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralBoard, scope_names);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralBoard, columns_box);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pass_clicked_cb);
}

static void
cercle_referral_board_init (CercleReferralBoard *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->moved_here = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->closed_lists = g_list_store_new (G_TYPE_LIST_MODEL);
  self->closed = gtk_flatten_list_model_new (G_LIST_MODEL (g_object_ref (self->closed_lists)));

  gtk_widget_init_template (GTK_WIDGET (self));
  build_columns (self);
  update_scopes (self);
}

void
cercle_referral_board_set_context (CercleReferralBoard *self,
                                   CercleContext       *context)
{
  g_return_if_fail (CERCLE_IS_REFERRAL_BOARD (self));
  g_return_if_fail (!context || CERCLE_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (cercle_context_get_store (self->context),
                                          on_store_changed_cb, self);

  g_set_object (&self->context, context);

  if (context != NULL)
    g_signal_connect_object (cercle_context_get_store (context), "changed",
                             G_CALLBACK (on_store_changed_cb), self, 0);

  read_viewer (self);
  reset_lists (self);
  cercle_referral_board_load (self, TRUE);
}

/* Stops the query under way, and querying, once @cancellable (the
 * window's) is cancelled */
void
cercle_referral_board_set_cancellable (CercleReferralBoard *self,
                                       GCancellable        *cancellable)
{
  g_return_if_fail (CERCLE_IS_REFERRAL_BOARD (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (self->cancellable == cancellable)
    return;

  if (self->cancellable != NULL)
    {
      g_cancellable_disconnect (self->cancellable, self->cancelled_id);
      self->cancelled_id = 0;
    }

  g_set_object (&self->cancellable, cancellable);

  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_cb), self, NULL);
}

/**
 * cercle_referral_board_get_column:
 *
 * Returns: (transfer none): the live list of the referrals in @status
 */
GListModel *
cercle_referral_board_get_column (CercleReferralBoard  *self,
                                  CercleReferralStatus  status)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL_BOARD (self), NULL);
  g_return_val_if_fail (status < CERCLE_REFERRAL_N_STATUSES, NULL);

  return G_LIST_MODEL (self->lists[status]);
}

/**
 * cercle_referral_board_get_needs:
 *
 * Returns: (transfer none): the live list of the open needs
 */
GListModel *
cercle_referral_board_get_needs (CercleReferralBoard *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL_BOARD (self), NULL);

  return G_LIST_MODEL (self->needs);
}

/* Whether a query is under way, or waits for the board to be shown */
gboolean
cercle_referral_board_is_loading (CercleReferralBoard *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL_BOARD (self), FALSE);

  return self->loading || self->stale || self->pending != NULL;
}
