/* cercle-referral-board-moves.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-referral-board"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-amount-dialog.h"
#include "cercle-referral-board-private.h"


/* Moving a card: from its "Move" menu, with Ctrl+→, from the referral's
 * page or by drag and drop onto another column, and only along the moves
 * the state machine allows the user; a move to won asks for the amount of
 * business closed first. While a card is dragged, the columns say where
 * it may go. */

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
    if (_cercle_referral_board_column_holds (column, moves[i]))
      return (int)moves[i];

  return -1;
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
      _cercle_referral_board_show_error (self, error->message);
      return;
    }

  if (to == CERCLE_REFERRAL_STATUS_WON)
    g_hash_table_add (self->moved_here, g_strdup (referral_id));

  {
    g_autofree char *message = NULL;

    /* Translators: a toast once a referral moved, %s is a status */
    message = g_strdup_printf (_("Referral moved to “%s”"), cercle_referral_status_to_string (to));
    _cercle_referral_board_show_toast (self, message);
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
      cercle_amount_dialog_ask_async (_cercle_referral_board_parent_window (self), prospect, self->cancellable,
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
on_details_move_cb (CercleReferralDetails *details,
                    CercleReferral        *referral,
                    CercleReferralStatus   to,
                    CercleReferralBoard   *self)
{
  cercle_referral_board_move (self, referral, to);
}


/* The card's moves, from its menu, the keyboard or a drag, go through the
 * board */
void
_cercle_referral_board_take_moves_of_card (CercleReferralBoard *self,
                                           CercleReferralCard  *card)
{
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (source, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (card), GTK_EVENT_CONTROLLER (source));

  g_signal_connect (card, "move", G_CALLBACK (on_card_move_cb), self);
}

/* A card dropped on @column moves there, if the rules allow the user */
void
_cercle_referral_board_take_drops_on_column (CercleReferralBoard *self,
                                             CercleBoardColumn   *column)
{
  GtkDropTarget *target = gtk_drop_target_new (CERCLE_TYPE_REFERRAL, GDK_ACTION_MOVE);

  g_signal_connect (target, "accept", G_CALLBACK (on_drop_accept_cb), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (column), GTK_EVENT_CONTROLLER (target));
}

/* Moves asked for on a referral's own page */
void
_cercle_referral_board_take_moves_of_details (CercleReferralBoard   *self,
                                              CercleReferralDetails *details)
{
  g_signal_connect_object (details, "move", G_CALLBACK (on_details_move_cb), self, 0);
}
