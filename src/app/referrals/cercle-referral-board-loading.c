/* cercle-referral-board-loading.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-referral-board"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-referral-board-private.h"


/* How the board finds its rows and puts them in its lists.
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
 * rather than for every row again: a lookup by id each, where every row
 * is 200,000 */
#define MAX_DELTA 5000
/* Main-thread time one step of applying rows may take before it lets a
 * frame be drawn, in microseconds */
#define APPLY_BUDGET 4000
/* Lists whose first rows change in one frame at most: the cards such a
 * list shows are made in the frame's layout, not while the rows are
 * applied, so the budget above cannot see them; a column's first cards
 * take a few milliseconds to make and lay out, and seven columns' in one
 * frame would hold it for tens */
#define NEW_LISTS_PER_FRAME 2

/* The lists rows are applied to, one step at a time: the needs, then the
 * statuses from left to right */
#define N_APPLY_STEPS (1 + CERCLE_REFERRAL_N_STATUSES)

static void load_changes (CercleReferralBoard  *self,
                          char                **ids);

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
        if (_cercle_referral_board_column_holds (column, status))
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
  const char *receiver = _cercle_referral_board_lookup_name (self, cercle_referral_get_receiver_id (referral));
  const char *prospect = cercle_referral_get_prospect_name (referral);
  GApplication *application = g_application_get_default ();

  if (prospect == NULL || *prospect == '\0')
    prospect = cercle_referral_get_prospect_company (referral);

  /* Translators: news for the giver of a referral, as in "Paul Durand
   * closed 12 500,00 € of business with your referral for Marc Petit." */
  body = g_strdup_printf (_("%s closed %s of business with your referral for %s."),
                          receiver ? receiver : _("Unknown member"), money, prospect ? prospect : "");

  _cercle_referral_board_show_toast (self, body);
  _cercle_referral_board_emit_closed_business (self, referral);

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

/* Puts the changed rows where they go in the rows shown, then changes the
 * lists whose rows changed, in place: a change costs a read of each
 * column, and a few items changed in a list or two */
static void
apply_delta (CercleReferralBoard *self,
             CercleReferralRows  *rows)
{
  guint touched = 0;

  take_names (self, rows);

  /* Rows a change cannot be placed in: every row again */
  if (self->shown == NULL || !cercle_referral_rows_apply_changes (self->shown, rows, &touched))
    {
      g_clear_pointer (&self->shown, cercle_referral_rows_free);
      _cercle_referral_board_load (self, FALSE);
      return;
    }

  for (CercleReferralStatus status = 0; status < CERCLE_REFERRAL_N_STATUSES; status++)
    if ((touched & (1u << status)) != 0)
      cercle_record_list_set_rows (self->lists[status], self->shown->rows[status]);

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
  guint new_lists = 0;

  g_assert (self->pending != NULL);

  gtk_stack_set_visible_child_name (self->stack, "board");

  do
    {
      if (!keeps_first_rows (self, self->pending, self->next_step))
        new_lists++;
      apply_step (self, self->pending, self->next_step++);
    }
  while (self->next_step < N_APPLY_STEPS &&
         (keeps_first_rows (self, self->pending, self->next_step) ||
          (g_get_monotonic_time () - started < APPLY_BUDGET && new_lists < NEW_LISTS_PER_FRAME)));

  if (self->next_step < N_APPLY_STEPS)
    return TRUE;

  rows = g_steal_pointer (&self->pending);

  /* Counts, totals and thanks wait for rows that were counted */
  if (rows->counted)
    {
      update_headers (self, rows);
      thank_for_closed_business (self, rows->won_given);
    }

  g_clear_pointer (&self->shown, cercle_referral_rows_free);
  if (rows->complete && rows->keyed)
    self->shown = g_steal_pointer (&rows);

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
    _cercle_referral_board_load (self, FALSE);
}

/* @new_query: the user asked for other referrals (a search, a scope):
 * a first page comes first. Otherwise the club changed under the board,
 * whose lists are updated in place. */
void
_cercle_referral_board_load (CercleReferralBoard *self,
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
    g_clear_pointer (&self->shown, cercle_referral_rows_free);
  for (guint column = 0; column < N_COLUMNS && new_query; column++)
    cercle_board_column_set_loading (self->columns[column], TRUE);

  cercle_store_query_referral_board_async (cercle_context_get_store (self->context),
                                           _cercle_referral_board_current_scope (self), self->search,
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
                                             _cercle_referral_board_current_scope (self), self->search,
                                             (const char * const *)self->delta_ids,
                                             self->query_cancellable,
                                             on_rows_ready_cb,
                                             g_object_ref (self));
}

/* New lists for a new club or a new user: cards are bound anew */
void
_cercle_referral_board_reset_lists (CercleReferralBoard *self)
{
  g_autoptr(GArray) no_rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  CercleStore *store = self->context != NULL ? cercle_context_get_store (self->context) : NULL;

  for (guint column = 0; column < N_COLUMNS; column++)
    cercle_board_column_set_model (self->columns[column], NULL);
  g_list_store_remove_all (self->closed_lists);
  g_clear_pointer (&self->pending, cercle_referral_rows_free);
  g_clear_pointer (&self->shown, cercle_referral_rows_free);

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

/* Cards whose referral changed are updated in place; the columns are
 * asked again, since a referral may have moved, come or gone. A sync page
 * is one notification, however many referrals it wrote. */
void
_cercle_referral_board_store_changed_cb (CercleStore         *store,
                                         CercleChangeSet     *changes,
                                         CercleReferralBoard *self)
{
  if (cercle_change_set_get_local_user_changed (changes))
    {
      _cercle_referral_board_read_viewer (self);
      _cercle_referral_board_reset_lists (self);
      _cercle_referral_board_load (self, TRUE);
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
      self->shown != NULL && self->pending == NULL && (!self->loading || self->delta_ids != NULL) &&
      gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      cercle_change_set_get_n_ids (changes, CERCLE_ENTITY_REFERRAL) +
      (self->delta_ids != NULL ? g_strv_length (self->delta_ids) : 0) <= MAX_DELTA)
    {
      load_changes (self, cercle_change_set_dup_ids (changes, CERCLE_ENTITY_REFERRAL));
      return;
    }

  _cercle_referral_board_load (self, FALSE);
}
