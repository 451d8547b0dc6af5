/* cercle-messages-view-thread.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-messages-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-message-bubble.h"
#include "cercle-messages-view-private.h"

/* Messages added above a thread in one frame, as the user scrolls up to
 * them: as many as the frames afford, between these, starting low */
#define GROW_STEP_FIRST 4
#define GROW_STEP_MAX   16
/* A frame that comes later than this after the last one (a frame and a
 * half at 60 Hz) halves the step; one on time doubles it */
#define GROW_FRAME_BUDGET_US 24000

/* "14:02" today, "23 novembre" this year, a full date before */
char *
_cercle_messages_view_format_when (const char *sent_at)
{
  g_autoptr(GDateTime) utc = sent_at != NULL ? g_date_time_new_from_iso8601 (sent_at, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (utc == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (utc);
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: the time a message was sent today */
    return cercle_format_date_time (local, _("%H:%M"));

  /* Translators: the day and time a message was sent */
  return cercle_format_date_time (local, _("%-d %B %Y, %H:%M"));
}

static const char *
item_text (CercleMessageItem *item)
{
  switch (cercle_message_item_get_state (item))
    {
    case CERCLE_MESSAGE_STATE_READABLE:
      return cercle_message_item_get_text (item);
    case CERCLE_MESSAGE_STATE_NOT_FOR_THIS_DEVICE:
      /* Why, the notice above the thread says once */
      return _("Sent before this device was added: cannot be read here");
    case CERCLE_MESSAGE_STATE_DAMAGED:
    default:
      return _("This message was altered or damaged, and cannot be read.");
    }
}

static void
on_withdraw_response_cb (AdwMessageDialog   *dialog,
                         const char         *response,
                         CercleMessagesView *self)
{
  g_autoptr(GError) error = NULL;
  const char *message_id = g_object_get_data (G_OBJECT (dialog), "message-id");
  CercleClubSync *sync;

  if (g_strcmp0 (response, "withdraw") != 0 || self->context == NULL)
    return;

  if (!cercle_store_withdraw_message (_cercle_messages_view_get_store (self), message_id, &error))
    {
      _cercle_messages_view_show_error (self, error->message);
      return;
    }

  cercle_store_flush_changes (_cercle_messages_view_get_store (self));
  /* Gone from the other member's devices as soon as the server knows */
  sync = cercle_context_get_sync (self->context);
  if (sync != NULL)
    cercle_club_sync_sync_now (sync);
}

/* Withdrawing deletes for both members: asked first */
static void
on_withdraw_clicked_cb (GtkButton          *button,
                        CercleMessagesView *self)
{
  const char *message_id = g_object_get_data (G_OBJECT (button), "message-id");
  GtkWidget *dialog;

  if (message_id == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Withdraw This Message?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("It will be deleted for %s too, on every device, and from the club’s server."),
                                  self->other_name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "withdraw", _("_Withdraw"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "withdraw",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "message-id", g_strdup (message_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_withdraw_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
on_withdraw_query_tooltip_cb (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip,
                              gpointer    user_data)
{
  gtk_tooltip_set_text (tooltip, _("Withdraw for Everyone"));
  return TRUE;
}

/* Only the sender's own messages have one, made the first time a row
 * shows one of them. Its tooltip is asked for, not set: setting a
 * tooltip asks the display where the pointer is, a round trip per row */
static GtkWidget *
ensure_withdraw_button (CercleMessagesView *self,
                        GtkWidget          *box)
{
  GtkWidget *withdraw = gtk_widget_get_first_child (box);

  if (GTK_IS_BUTTON (withdraw))
    return withdraw;

  withdraw = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  gtk_widget_set_has_tooltip (withdraw, TRUE);
  g_signal_connect (withdraw, "query-tooltip", G_CALLBACK (on_withdraw_query_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (withdraw), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Withdraw This Message for Everyone"), -1);
  gtk_widget_add_css_class (withdraw, "flat");
  gtk_widget_add_css_class (withdraw, "message-withdraw");
  gtk_widget_set_valign (withdraw, GTK_ALIGN_END);
  g_signal_connect (withdraw, "clicked", G_CALLBACK (on_withdraw_clicked_cb), self);
  gtk_box_prepend (GTK_BOX (box), withdraw);

  return withdraw;
}

/* A row is the bubble, which draws the text and its time itself, and
 * for the sender's own messages a withdraw button beside it */
void
_cercle_messages_view_setup_message_cb (GtkSignalListItemFactory *factory,
                                        GtkListItem              *list_item,
                                        gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bubble = cercle_message_bubble_new ();

  gtk_widget_add_css_class (bubble, "message-bubble");
  gtk_box_append (GTK_BOX (box), bubble);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
}

void
_cercle_messages_view_bind_message_cb (GtkSignalListItemFactory *factory,
                                       GtkListItem              *list_item,
                                       gpointer                  user_data)
{
  CercleMessagesView *self = user_data;
  CercleMessageItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *bubble = gtk_widget_get_last_child (box);
  GtkWidget *withdraw = NULL;
  gboolean outgoing = cercle_message_item_get_outgoing (item);
  gboolean readable = cercle_message_item_get_state (item) == CERCLE_MESSAGE_STATE_READABLE;
  g_autofree char *when = _cercle_messages_view_format_when (cercle_message_item_get_sent_at (item));
  const char *who = outgoing ? _("You") : self->other_name;
  g_autofree char *accessible = NULL;
  const char *text = item_text (item);

  cercle_message_bubble_set (CERCLE_MESSAGE_BUBBLE (bubble), text, when);
  gtk_widget_set_halign (box, outgoing ? GTK_ALIGN_END : GTK_ALIGN_START);
  /* Only its sender withdraws a message: the store asks the rule again */
  if (outgoing)
    withdraw = ensure_withdraw_button (self, box);
  else if (gtk_widget_get_first_child (box) != bubble)
    withdraw = gtk_widget_get_first_child (box);
  if (withdraw != NULL)
    {
      gtk_widget_set_visible (withdraw, outgoing);
      g_object_set_data_full (G_OBJECT (withdraw), "message-id",
                              g_strdup (cercle_message_item_get_id (item)), g_free);
    }
  if (outgoing)
    gtk_widget_add_css_class (bubble, "outgoing");
  else
    gtk_widget_remove_css_class (bubble, "outgoing");
  if (readable)
    gtk_widget_remove_css_class (bubble, "unreadable");
  else
    gtk_widget_add_css_class (bubble, "unreadable");

  /* Translators: how a screen reader reads a message: who wrote it, when,
   * and what */
  accessible = g_strdup_printf (_("%s, %s: %s"), who, when, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box) != NULL
                                                  ? gtk_widget_get_parent (box) : box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
scroll_to_bottom (CercleMessagesView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->thread_scroller);

  guint n = self->messages != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->messages)) : 0;

  self->scrolling = TRUE;
  /* The list's height is an estimate until its rows are laid out: the
   * list itself brings its last row into view, where the end of the
   * estimate may not be it */
  if (n > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->thread_view), "list.scroll-to-item", "u", n - 1);
  else
    gtk_adjustment_set_value (adjustment,
                              gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  self->scrolling = FALSE;
}

/* The thread keeps to its newest message, unless the user scrolled up */
void
_cercle_messages_view_on_adjustment_changed_cb (GtkAdjustment      *adjustment,
                                                CercleMessagesView *self)
{
  if (self->stick_to_bottom)
    scroll_to_bottom (self);
}

/* While less than a screen of the thread is above what it shows, a few
 * earlier messages come in front, one step a frame: a conversation opens
 * with its latest messages and fills upward without a long frame. */
static gboolean
grow_tick_cb (GtkWidget     *widget,
              GdkFrameClock *frame_clock,
              gpointer       user_data)
{
  CercleMessagesView *self = CERCLE_MESSAGES_VIEW (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->thread_scroller);
  double page = gtk_adjustment_get_page_size (adjustment);

  /* A thread out of view grows when it comes into view */
  if (self->messages == NULL || !cercle_message_list_has_earlier (self->messages) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->thread_view)))
    {
      self->grow_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* Not laid out yet: the next frame tells */
  if (page <= 0)
    return G_SOURCE_CONTINUE;

  if (gtk_adjustment_get_value (adjustment) >= page)
    {
      self->grow_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* What the last step cost shows in how long its frame took */
  if (self->grow_frame_time != 0)
    {
      gint64 frame = gdk_frame_clock_get_frame_time (frame_clock) - self->grow_frame_time;

      if (frame > GROW_FRAME_BUDGET_US)
        self->grow_step = MAX (1, self->grow_step / 2);
      else
        self->grow_step = MIN (GROW_STEP_MAX, self->grow_step * 2);
    }
  self->grow_frame_time = gdk_frame_clock_get_frame_time (frame_clock);

  cercle_message_list_load_earlier (self->messages, self->grow_step);

  return G_SOURCE_CONTINUE;
}

void
_cercle_messages_view_grow_thread (CercleMessagesView *self)
{
  if (self->grow_tick_id == 0 && self->messages != NULL && cercle_message_list_has_earlier (self->messages))
    {
      self->grow_step = GROW_STEP_FIRST;
      self->grow_frame_time = 0;
      self->grow_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), grow_tick_cb, NULL, NULL);
    }
}

void
_cercle_messages_view_on_adjustment_value_changed_cb (GtkAdjustment      *adjustment,
                                                      CercleMessagesView *self)
{
  double bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  /* Only the user's own scrolling: not the view's keeping to the end,
   * nor the list's keeping its rows in place as rows come above them */
  if (self->scrolling)
    return;

  if (gtk_adjustment_get_upper (adjustment) == self->last_upper &&
      gtk_adjustment_get_page_size (adjustment) == self->last_page)
    self->stick_to_bottom = gtk_adjustment_get_value (adjustment) >= bottom - 8;
  self->last_upper = gtk_adjustment_get_upper (adjustment);
  self->last_page = gtk_adjustment_get_page_size (adjustment);

  if (gtk_adjustment_get_value (adjustment) < gtk_adjustment_get_page_size (adjustment))
    _cercle_messages_view_grow_thread (self);
}
