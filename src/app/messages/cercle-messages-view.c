/* cercle-messages-view.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-messages-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cercle-message-bubble.h"
#include "cercle-message-list.h"
#include "cercle-messages-view.h"

/* The Messages page: the member's conversations (and a search in what
 * this device could read of them), and one conversation's thread with a
 * composer. Sending encrypts on the spot for each device of both members
 * (a few key exchanges) and saves to the outbox, so it works offline;
 * what arrives was decrypted by the sync worker, so showing a thread of
 * any length reads a page or two of plain text. */

struct _CercleMessagesView
{
  GtkWidget          parent_instance;

  CercleContext     *context;
  CercleMessageList *messages;
  char              *other_member_id;
  /* Who the thread is with, as each of its rows says it */
  char              *other_name;
  gboolean           stick_to_bottom;
  gboolean           scrolling;
  /* The thread's geometry at the last scroll: a scroll that comes with a
   * new geometry is the list's own, as it lays out rows, not the user's */
  double             last_upper;
  double             last_page;
  guint              grow_tick_id;
  /* How many earlier messages the next frame adds, and when the last
   * frame that added some began */
  guint              grow_step;
  gint64             grow_frame_time;
  gboolean           updating_vanish;

  GtkStack          *main_stack;
  AdwLeaflet        *leaflet;
  GtkWidget         *sidebar;
  GtkSearchEntry    *search_entry;
  GtkStack          *sidebar_stack;
  GtkListBox        *conversation_list;
  GtkListBox        *result_list;
  GtkStack          *thread_stack;
  GtkLabel          *title_label;
  GtkDropDown       *vanish_dropdown;
  GtkScrolledWindow *thread_scroller;
  GtkListView       *thread_view;
  GtkSignalListItemFactory *thread_factory;
  GtkLabel          *error_label;
  GtkWidget         *unreadable_notice;
  GtkEntry          *composer;
};

G_DEFINE_FINAL_TYPE (CercleMessagesView, cercle_messages_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

#define MAX_RESULTS 50

/* Messages added above a thread in one frame, as the user scrolls up to
 * them: as many as the frames afford, between these, starting low */
#define GROW_STEP_FIRST 4
#define GROW_STEP_MAX   16
/* A frame that comes later than this after the last one (a frame and a
 * half at 60 Hz) halves the step; one on time doubles it */
#define GROW_FRAME_BUDGET_US 24000

static CercleStore *
get_store (CercleMessagesView *self)
{
  return self->context != NULL ? cercle_context_get_store (self->context) : NULL;
}

static char *
dup_member_name (CercleMessagesView *self,
                 const char         *member_id)
{
  g_autoptr(CercleMember) member = NULL;

  if (member_id != NULL)
    member = cercle_store_get_record (get_store (self), CERCLE_TYPE_MEMBER, member_id, NULL);
  if (member == NULL)
    return g_strdup (_("A former member"));

  return cercle_format_full_name (cercle_member_get_first_name (member), cercle_member_get_last_name (member));
}

/* "14:02" today, "23 novembre" this year, a full date before */
static char *
format_when (const char *sent_at)
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

static void show_error (CercleMessagesView *self,
                        const char         *message);

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

  if (!cercle_store_withdraw_message (get_store (self), message_id, &error))
    {
      show_error (self, error->message);
      return;
    }

  cercle_store_flush_changes (get_store (self));
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
static void
setup_message_cb (GtkSignalListItemFactory *factory,
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

static void
bind_message_cb (GtkSignalListItemFactory *factory,
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
  g_autofree char *when = format_when (cercle_message_item_get_sent_at (item));
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
static void
on_adjustment_changed_cb (GtkAdjustment      *adjustment,
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

static void
grow_thread (CercleMessagesView *self)
{
  if (self->grow_tick_id == 0 && self->messages != NULL && cercle_message_list_has_earlier (self->messages))
    {
      self->grow_step = GROW_STEP_FIRST;
      self->grow_frame_time = 0;
      self->grow_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), grow_tick_cb, NULL, NULL);
    }
}

static void
on_adjustment_value_changed_cb (GtkAdjustment      *adjustment,
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
    grow_thread (self);
}

static void
show_error (CercleMessagesView *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
mark_read (CercleMessagesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->messages == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->thread_view)) ||
      (GTK_IS_WINDOW (root) && !gtk_window_is_active (GTK_WINDOW (root))))
    return;

  cercle_store_mark_conversation_read (get_store (self),
                                       cercle_message_list_get_conversation_id (self->messages), NULL);
}

/* Sets what @row says of @summary, leaving alone what did not change, so
 * that a change to a conversation changes only its row */
static void
update_conversation_row (CercleMessagesView        *self,
                         AdwActionRow              *row,
                         CercleConversationSummary *summary)
{
  g_autofree char *name = dup_member_name (self, summary->other_member_id);
  g_autofree char *preview = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *count = g_strdup_printf ("%u", summary->n_unread);
  GtkLabel *badge = g_object_get_data (G_OBJECT (row), "badge");

  if (summary->last_at == NULL)
    preview = g_strdup (_("No messages yet"));
  else if (summary->last_text == NULL)
    preview = g_strdup (_("A message this device cannot read"));
  else if (summary->last_outgoing)
    /* Translators: the last message of a conversation, which the user wrote */
    preview = g_strdup_printf (_("You: %s"), summary->last_text);
  else
    preview = g_strdup (summary->last_text);

  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (g_strcmp0 (adw_action_row_get_subtitle (row), preview) != 0)
    adw_action_row_set_subtitle (row, preview);
  if (g_strcmp0 (gtk_label_get_label (badge), count) != 0)
    gtk_label_set_label (badge, count);
  gtk_widget_set_visible (GTK_WIDGET (badge), summary->n_unread > 0);
  g_object_set_data_full (G_OBJECT (row), "member-id", g_strdup (summary->other_member_id), g_free);

  if (summary->n_unread > 0)
    /* Translators: a conversation in the list: who with, how many
     * messages are unread, and the last one */
    accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u unread message: %s",
                                               "%s, %u unread messages: %s", summary->n_unread),
                                  name, summary->n_unread, preview);
  else
    /* Translators: a conversation in the list: who with, and the last message */
    accessible = g_strdup_printf (_("%s: %s"), name, preview);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static GtkWidget *
make_conversation_row (CercleMessagesView        *self,
                       CercleConversationSummary *summary)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *badge = gtk_label_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "conversation-id", g_strdup (summary->conversation_id), g_free);

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "message-unread");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
  g_object_set_data (G_OBJECT (row), "badge", badge);

  update_conversation_row (self, ADW_ACTION_ROW (row), summary);

  return row;
}

/* The list keeps the store's order, the latest conversation first, by
 * the place each row was last given */
static int
sort_conversations_cb (GtkListBoxRow *row_a,
                       GtkListBoxRow *row_b,
                       gpointer       user_data)
{
  guint a = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row_a), "place"));
  guint b = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row_b), "place"));

  return (a > b) - (a < b);
}

static void
update_badge (CercleMessagesView *self,
              guint               n_unread)
{
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_VIEW_STACK);
  AdwViewStackPage *page;

  if (stack == NULL)
    return;

  page = adw_view_stack_get_page (ADW_VIEW_STACK (stack), GTK_WIDGET (self));
  if (page != NULL)
    {
      adw_view_stack_page_set_badge_number (page, n_unread);
      adw_view_stack_page_set_needs_attention (page, n_unread > 0);
    }
}

/* The open conversation's row is the one selected in the list */
static void
select_conversation_row (CercleMessagesView *self,
                         const char         *conversation_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->conversation_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) &&
        g_strcmp0 (g_object_get_data (G_OBJECT (child), "conversation-id"), conversation_id) == 0)
      {
        if (gtk_list_box_get_selected_row (self->conversation_list) != GTK_LIST_BOX_ROW (child))
          gtk_list_box_select_row (self->conversation_list, GTK_LIST_BOX_ROW (child));
        return;
      }

  gtk_list_box_unselect_all (self->conversation_list);
}

static void
collect_value (gpointer   key,
               gpointer   value,
               GPtrArray *values)
{
  g_ptr_array_add (values, value);
}

static void
reload_conversations (CercleMessagesView *self)
{
  g_autoptr(GPtrArray) conversations = NULL;
  g_autoptr(GError) error = NULL;
  const char *selected = self->messages != NULL ? cercle_message_list_get_conversation_id (self->messages) : NULL;
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  GtkWidget *child;
  guint n_unread = 0;

  conversations = cercle_store_list_conversations (get_store (self), &error);
  if (conversations == NULL)
    {
      /* A club file that cannot be read says so on the other pages */
      g_debug ("Could not list the conversations: %s", error->message);
      gtk_stack_set_visible_child_name (self->sidebar_stack, "empty");
      return;
    }

  /* The rows change in place and move to their new places: the selected
   * one stays selected, and the list where it was scrolled */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->conversation_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      g_hash_table_insert (rows, g_object_get_data (G_OBJECT (child), "conversation-id"), child);

  for (guint i = 0; i < conversations->len; i++)
    {
      CercleConversationSummary *summary = g_ptr_array_index (conversations, i);
      GtkWidget *row = g_hash_table_lookup (rows, summary->conversation_id);

      if (row != NULL)
        {
          g_hash_table_remove (rows, summary->conversation_id);
          update_conversation_row (self, ADW_ACTION_ROW (row), summary);
          g_object_set_data (G_OBJECT (row), "place", GUINT_TO_POINTER (i));
        }
      else
        {
          row = make_conversation_row (self, summary);
          g_object_set_data (G_OBJECT (row), "place", GUINT_TO_POINTER (i));
          gtk_list_box_append (self->conversation_list, row);
        }

      if (g_strcmp0 (summary->conversation_id, selected) == 0 &&
          gtk_list_box_get_selected_row (self->conversation_list) != GTK_LIST_BOX_ROW (row))
        gtk_list_box_select_row (self->conversation_list, GTK_LIST_BOX_ROW (row));
      n_unread += summary->n_unread;
    }

  g_hash_table_foreach (rows, (GHFunc)collect_value, gone);
  for (guint i = 0; i < gone->len; i++)
    gtk_list_box_remove (self->conversation_list, g_ptr_array_index (gone, i));
  gtk_list_box_invalidate_sort (self->conversation_list);

  update_badge (self, n_unread);

  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0')
    gtk_stack_set_visible_child_name (self->sidebar_stack, conversations->len > 0 ? "conversations" : "empty");
}

static void
sync_vanish (CercleMessagesView *self)
{
  g_autoptr(CercleConversation) conversation = NULL;

  if (self->other_member_id == NULL)
    return;

  conversation = cercle_store_dup_conversation_with (get_store (self), self->other_member_id, NULL);
  if (conversation == NULL)
    return;

  self->updating_vanish = TRUE;
  gtk_drop_down_set_selected (self->vanish_dropdown, cercle_conversation_get_vanish_after (conversation));
  self->updating_vanish = FALSE;
}

/* Said once above the thread rather than in each of its old messages */
static void
update_unreadable_notice (CercleMessagesView *self)
{
  guint n = 0;

  if (self->messages != NULL)
    n = cercle_store_count_unreadable_messages (get_store (self),
                                                cercle_message_list_get_conversation_id (self->messages), NULL);
  gtk_widget_set_visible (self->unreadable_notice, n > 0);
}

static void
on_vanish_selected_cb (GtkDropDown        *dropdown,
                       GParamSpec         *pspec,
                       CercleMessagesView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->updating_vanish || self->other_member_id == NULL)
    return;

  if (!cercle_store_set_conversation_vanish (get_store (self), self->other_member_id,
                                             (CercleVanish)gtk_drop_down_get_selected (dropdown), &error))
    show_error (self, error->message);
}

static void
on_store_changed_cb (CercleStore        *store,
                     CercleChangeSet    *changes,
                     CercleMessagesView *self)
{
  if (!cercle_change_set_touches (changes, CERCLE_ENTITY_MESSAGE) &&
      !cercle_change_set_touches (changes, CERCLE_ENTITY_CONVERSATION) &&
      !cercle_change_set_touches (changes, CERCLE_ENTITY_MEMBER))
    return;

  if (self->messages != NULL)
    {
      if (cercle_change_set_touches (changes, CERCLE_ENTITY_MESSAGE))
        {
          cercle_message_list_apply_changes (self->messages, changes);
          update_unreadable_notice (self);
          mark_read (self);
        }
      if (cercle_change_set_touches (changes, CERCLE_ENTITY_CONVERSATION))
        sync_vanish (self);
      if (cercle_change_set_touches (changes, CERCLE_ENTITY_MEMBER))
        {
          g_free (self->other_name);
          self->other_name = dup_member_name (self, self->other_member_id);
          gtk_label_set_text (self->title_label, self->other_name);
        }
    }

  reload_conversations (self);
}

static void
update_main_page (CercleMessagesView *self)
{
  CercleClubSync *sync = self->context != NULL ? cercle_context_get_sync (self->context) : NULL;
  gboolean local = sync == NULL || cercle_club_sync_get_status (sync) == CERCLE_SYNC_STATUS_LOCAL;

  gtk_stack_set_visible_child_name (self->main_stack, local ? "local" : "messages");
}

/* Shows the conversation with @member_id in the thread pane; @navigate
 * brings the pane into view when the list and the thread are folded */
static void
show_conversation (CercleMessagesView *self,
                   const char         *member_id,
                   gboolean            navigate)
{
  g_autoptr(CercleConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;

  if (get_store (self) == NULL)
    return;

  conversation = cercle_store_dup_conversation_with (get_store (self), member_id, &error);
  if (conversation == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_free (self->other_member_id);
  self->other_member_id = g_strdup (member_id);
  g_free (self->other_name);
  self->other_name = dup_member_name (self, member_id);
  g_clear_object (&self->messages);
  self->messages = cercle_message_list_new (get_store (self), cercle_record_get_id (CERCLE_RECORD (conversation)));
  self->stick_to_bottom = TRUE;

  gtk_list_view_set_model (self->thread_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->messages)))));
  g_object_unref (gtk_list_view_get_model (self->thread_view));

  gtk_label_set_text (self->title_label, self->other_name);
  select_conversation_row (self, cercle_record_get_id (CERCLE_RECORD (conversation)));
  update_unreadable_notice (self);
  sync_vanish (self);
  show_error (self, NULL);

  gtk_stack_set_visible_child_name (self->thread_stack, "thread");
  if (navigate)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  if (navigate || !adw_leaflet_get_folded (self->leaflet))
    gtk_widget_grab_focus (GTK_WIDGET (self->composer));
  grow_thread (self);
  mark_read (self);
}


/**
 * cercle_messages_view_open_conversation:
 * @member_id: the member to write to
 *
 * Shows the local member's conversation with @member_id, a new one if
 * they never wrote to each other, with the composer focused.
 */
void
cercle_messages_view_open_conversation (CercleMessagesView *self,
                                        const char         *member_id)
{
  g_return_if_fail (CERCLE_IS_MESSAGES_VIEW (self));
  g_return_if_fail (member_id != NULL);

  show_conversation (self, member_id, TRUE);
}

static void
on_conversation_activated_cb (GtkListBox         *list,
                              GtkListBoxRow      *row,
                              CercleMessagesView *self)
{
  cercle_messages_view_open_conversation (self, g_object_get_data (G_OBJECT (row), "member-id"));
}

static void
on_result_activated_cb (GtkListBox         *list,
                        GtkListBoxRow      *row,
                        CercleMessagesView *self)
{
  cercle_messages_view_open_conversation (self, g_object_get_data (G_OBJECT (row), "member-id"));
}

static void
on_back_clicked_cb (GtkButton          *button,
                    CercleMessagesView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_search_changed_cb (GtkSearchEntry     *entry,
                      CercleMessagesView *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) conversations = NULL;
  g_autoptr(GHashTable) others = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  if (*query == '\0')
    {
      reload_conversations (self);
      return;
    }

  found = cercle_store_search_messages (get_store (self), query, MAX_RESULTS, &error);
  conversations = cercle_store_list_conversations (get_store (self), NULL);
  if (found == NULL || conversations == NULL)
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "no-results");
      return;
    }

  for (guint i = 0; i < conversations->len; i++)
    {
      CercleConversationSummary *summary = g_ptr_array_index (conversations, i);

      g_hash_table_insert (others, g_strdup (summary->conversation_id), g_strdup (summary->other_member_id));
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->result_list))) != NULL)
    gtk_list_box_remove (self->result_list, child);

  for (guint i = 0; i < found->len; i++)
    {
      CercleMessageText *hit = g_ptr_array_index (found, i);
      const char *other = g_hash_table_lookup (others, hit->conversation_id);
      g_autofree char *name = dup_member_name (self, other);
      g_autofree char *when = format_when (hit->sent_at);
      g_autofree char *title = g_strdup_printf ("%s · %s", name, when);
      g_autofree char *accessible = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (other == NULL)
        continue;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hit->text);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "member-id", g_strdup (other), g_free);
      /* Translators: a message found by a search: who, when, what */
      accessible = g_strdup_printf (_("%s, %s: %s"), name, when, hit->text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_list_box_append (self->result_list, row);
    }

  gtk_stack_set_visible_child_name (self->sidebar_stack,
                                    gtk_widget_get_first_child (GTK_WIDGET (self->result_list)) != NULL
                                      ? "results" : "no-results");
}

static void
on_send_cb (CercleMessagesView *self)
{
  g_autoptr(CercleMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  CercleClubSync *sync;
  const CercleKeyPair *keys;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->composer));

  if (self->other_member_id == NULL || get_store (self) == NULL)
    return;

  sync = cercle_context_get_sync (self->context);
  keys = sync != NULL ? cercle_club_sync_get_device_keys (sync) : NULL;
  if (keys == NULL)
    {
      show_error (self, _("This device has no key for private messages yet: it gets one when it reaches the club’s server."));
      return;
    }

  message = cercle_store_send_message (get_store (self), keys, self->other_member_id, text, &error);
  if (message == NULL)
    {
      /* What the user wrote stays in the composer */
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->composer), "");
  self->stick_to_bottom = TRUE;
  cercle_store_flush_changes (get_store (self));

  /* A message goes out at once, not with the next edit or poll */
  cercle_club_sync_sync_now (sync);
}

static void
on_thread_map_cb (GtkWidget          *widget,
                  CercleMessagesView *self)
{
  grow_thread (self);
  mark_read (self);
}

static void
on_map_cb (GtkWidget          *widget,
           CercleMessagesView *self)
{
  GtkListBoxRow *first;

  update_main_page (self);

  /* The latest conversation is open rather than nothing: side by side,
   * beside the list; folded (whether it is may not be known yet), behind
   * the list, which stays in view */
  first = gtk_list_box_get_row_at_index (self->conversation_list, 0);
  if (self->messages == NULL && first != NULL)
    show_conversation (self, g_object_get_data (G_OBJECT (first), "member-id"), FALSE);

  mark_read (self);
}

static void
cercle_messages_view_dispose (GObject *object)
{
  CercleMessagesView *self = CERCLE_MESSAGES_VIEW (object);

  if (self->grow_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->grow_tick_id);
  self->grow_tick_id = 0;
  if (self->thread_view != NULL)
    gtk_list_view_set_model (self->thread_view, NULL);
  g_clear_object (&self->messages);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_MESSAGES_VIEW);

  G_OBJECT_CLASS (cercle_messages_view_parent_class)->dispose (object);
}

static void
cercle_messages_view_finalize (GObject *object)
{
  CercleMessagesView *self = CERCLE_MESSAGES_VIEW (object);

  g_clear_pointer (&self->other_member_id, g_free);
  g_clear_pointer (&self->other_name, g_free);

  G_OBJECT_CLASS (cercle_messages_view_parent_class)->finalize (object);
}

static void
cercle_messages_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CercleMessagesView *self = CERCLE_MESSAGES_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_messages_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CercleMessagesView *self = CERCLE_MESSAGES_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      cercle_messages_view_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_messages_view_class_init (CercleMessagesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_messages_view_dispose;
  object_class->finalize = cercle_messages_view_finalize;
  object_class->get_property = cercle_messages_view_get_property;
  object_class->set_property = cercle_messages_view_set_property;

  properties [PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CERCLE_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/messages/cercle-messages-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleMessagesView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleMessagesView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CercleMessagesView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CercleMessagesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CercleMessagesView, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleMessagesView, conversation_list);
  gtk_widget_class_bind_template_child (widget_class, CercleMessagesView, result_list);
  gtk_widget_class_bind_template_child (widget_class, CercleMessagesView, thread_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleMessagesView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CercleMessagesView, vanish_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CercleMessagesView, thread_scroller);
  gtk_widget_class_bind_template_child (widget_class, CercleMessagesView, thread_view);
  gtk_widget_class_bind_template_child (widget_class, CercleMessagesView, thread_factory);
  gtk_widget_class_bind_template_child (widget_class, CercleMessagesView, error_label);
  gtk_widget_class_bind_template_child (widget_class, CercleMessagesView, unreadable_notice);
  gtk_widget_class_bind_template_child (widget_class, CercleMessagesView, composer);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_conversation_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_send_cb);

  gtk_widget_class_set_css_name (widget_class, "messagesview");
}

static void
cercle_messages_view_init (CercleMessagesView *self)
{
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_sort_func (self->conversation_list, sort_conversations_cb, NULL, NULL);
  g_signal_connect (self->thread_factory, "setup", G_CALLBACK (setup_message_cb), self);
  g_signal_connect (self->thread_factory, "bind", G_CALLBACK (bind_message_cb), self);
  g_signal_connect (self->vanish_dropdown, "notify::selected", G_CALLBACK (on_vanish_selected_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), self);
  g_signal_connect (self->thread_view, "map", G_CALLBACK (on_thread_map_cb), self);

  adjustment = gtk_scrolled_window_get_vadjustment (self->thread_scroller);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_adjustment_changed_cb), self, 0);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed_cb), self, 0);
}

CercleMessagesView *
cercle_messages_view_new (void)
{
  return g_object_new (CERCLE_TYPE_MESSAGES_VIEW, NULL);
}

CercleContext *
cercle_messages_view_get_context (CercleMessagesView *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGES_VIEW (self), NULL);

  return self->context;
}

void
cercle_messages_view_set_context (CercleMessagesView *self,
                                  CercleContext      *context)
{
  g_return_if_fail (CERCLE_IS_MESSAGES_VIEW (self));
  g_return_if_fail (!context || CERCLE_IS_CONTEXT (context));

  if (self->context == context)
    return;

  g_set_object (&self->context, context);

  if (context != NULL)
    {
      CercleClubSync *sync = cercle_context_get_sync (context);

      g_signal_connect_object (cercle_context_get_store (context), "changed",
                               G_CALLBACK (on_store_changed_cb), self, 0);
      if (sync != NULL)
        g_signal_connect_object (sync, "notify::status", G_CALLBACK (update_main_page), self, G_CONNECT_SWAPPED);
      reload_conversations (self);
      update_main_page (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONTEXT]);
}
