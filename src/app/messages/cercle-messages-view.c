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

#include "cercle-message-list.h"
#include "cercle-messages-view-private.h"

G_DEFINE_FINAL_TYPE (CercleMessagesView, cercle_messages_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

#define MAX_RESULTS 50


CercleStore *
_cercle_messages_view_get_store (CercleMessagesView *self)
{
  return self->context != NULL ? cercle_context_get_store (self->context) : NULL;
}

static char *
dup_member_name (CercleMessagesView *self,
                 const char         *member_id)
{
  g_autoptr(CercleMember) member = NULL;

  if (member_id != NULL)
    member = cercle_store_get_record (_cercle_messages_view_get_store (self), CERCLE_TYPE_MEMBER, member_id, NULL);
  if (member == NULL)
    return g_strdup (_("A former member"));

  return cercle_format_full_name (cercle_member_get_first_name (member), cercle_member_get_last_name (member));
}

void
_cercle_messages_view_show_error (CercleMessagesView *self,
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

  /* Folded, the thread loaded behind the list stays mapped: it is read
   * only once it is the pane in view */
  if (adw_leaflet_get_folded (self->leaflet) &&
      adw_leaflet_get_visible_child (self->leaflet) != GTK_WIDGET (self->thread_stack))
    return;

  cercle_store_mark_conversation_read (_cercle_messages_view_get_store (self),
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

  conversations = cercle_store_list_conversations (_cercle_messages_view_get_store (self), &error);
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

  conversation = cercle_store_dup_conversation_with (_cercle_messages_view_get_store (self), self->other_member_id, NULL);
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
    n = cercle_store_count_unreadable_messages (_cercle_messages_view_get_store (self),
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

  if (!cercle_store_set_conversation_vanish (_cercle_messages_view_get_store (self), self->other_member_id,
                                             (CercleVanish)gtk_drop_down_get_selected (dropdown), &error))
    _cercle_messages_view_show_error (self, error->message);
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

  if (_cercle_messages_view_get_store (self) == NULL)
    return;

  conversation = cercle_store_dup_conversation_with (_cercle_messages_view_get_store (self), member_id, &error);
  if (conversation == NULL)
    {
      _cercle_messages_view_show_error (self, error->message);
      return;
    }

  g_free (self->other_member_id);
  self->other_member_id = g_strdup (member_id);
  g_free (self->other_name);
  self->other_name = dup_member_name (self, member_id);
  g_clear_object (&self->messages);
  self->messages = cercle_message_list_new (_cercle_messages_view_get_store (self), cercle_record_get_id (CERCLE_RECORD (conversation)));
  self->stick_to_bottom = TRUE;

  gtk_list_view_set_model (self->thread_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->messages)))));
  g_object_unref (gtk_list_view_get_model (self->thread_view));

  gtk_label_set_text (self->title_label, self->other_name);
  select_conversation_row (self, cercle_record_get_id (CERCLE_RECORD (conversation)));
  update_unreadable_notice (self);
  sync_vanish (self);
  _cercle_messages_view_show_error (self, NULL);

  gtk_stack_set_visible_child_name (self->thread_stack, "thread");
  if (navigate)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  if (navigate || !adw_leaflet_get_folded (self->leaflet))
    gtk_widget_grab_focus (GTK_WIDGET (self->composer));
  _cercle_messages_view_grow_thread (self);
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

  found = cercle_store_search_messages (_cercle_messages_view_get_store (self), query, MAX_RESULTS, &error);
  conversations = cercle_store_list_conversations (_cercle_messages_view_get_store (self), NULL);
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
      g_autofree char *when = _cercle_messages_view_format_when (hit->sent_at);
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

  if (self->other_member_id == NULL || _cercle_messages_view_get_store (self) == NULL)
    return;

  sync = cercle_context_get_sync (self->context);
  keys = sync != NULL ? cercle_club_sync_get_device_keys (sync) : NULL;
  if (keys == NULL)
    {
      _cercle_messages_view_show_error (self, _("This device has no key for private messages yet: it gets one when it reaches the club’s server."));
      return;
    }

  message = cercle_store_send_message (_cercle_messages_view_get_store (self), keys, self->other_member_id, text, &error);
  if (message == NULL)
    {
      /* What the user wrote stays in the composer */
      _cercle_messages_view_show_error (self, error->message);
      return;
    }

  _cercle_messages_view_show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->composer), "");
  self->stick_to_bottom = TRUE;
  cercle_store_flush_changes (_cercle_messages_view_get_store (self));

  /* A message goes out at once, not with the next edit or poll */
  cercle_club_sync_sync_now (sync);
}

static void
on_thread_map_cb (GtkWidget          *widget,
                  CercleMessagesView *self)
{
  _cercle_messages_view_grow_thread (self);
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
  g_signal_connect (self->thread_factory, "setup", G_CALLBACK (_cercle_messages_view_setup_message_cb), self);
  g_signal_connect (self->thread_factory, "bind", G_CALLBACK (_cercle_messages_view_bind_message_cb), self);
  g_signal_connect (self->vanish_dropdown, "notify::selected", G_CALLBACK (on_vanish_selected_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), self);
  g_signal_connect (self->thread_view, "map", G_CALLBACK (on_thread_map_cb), self);
  g_signal_connect_swapped (self->leaflet, "notify::visible-child", G_CALLBACK (mark_read), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (mark_read), self);

  adjustment = gtk_scrolled_window_get_vadjustment (self->thread_scroller);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (_cercle_messages_view_on_adjustment_changed_cb), self, 0);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (_cercle_messages_view_on_adjustment_value_changed_cb), self, 0);
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
