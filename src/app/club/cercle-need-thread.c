/* cercle-need-thread.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-need-thread"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-editor-dialog.h"
#include "cercle-need-thread.h"

/* The replies under a need, oldest first as a conversation reads, and a
 * reply of one's own while the need is open. The need's author turns a
 * reply into a referral in one step (from the replier to them, as the
 * store explains) or closes the need. The list changes in place as
 * replies arrive by sync; closing with a reply typed asks first. */
struct _CercleNeedThread
{
  AdwWindow          parent_instance;

  CercleContext     *context;
  CercleViewer      *viewer;
  CercleRequest     *need;
  char              *request_id;
  CercleRecordList  *list;
  GHashTable        *names;

  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkWidget         *close_need_button;
  GtkLabel          *need_label;
  GtkStack          *stack;
  GtkNoSelection    *selection;
  GtkWidget         *reply_box;
  GtkTextView       *reply_view;
  GtkWidget         *send_button;
  GtkLabel          *closed_label;
};

G_DEFINE_FINAL_TYPE (CercleNeedThread, cercle_need_thread, ADW_TYPE_WINDOW)

static const char *
lookup_name (CercleNeedThread *self,
             const char       *member_id)
{
  g_autoptr(CercleMember) member = NULL;
  char *name;

  if (member_id == NULL || self->context == NULL)
    return NULL;

  if (g_hash_table_lookup_extended (self->names, member_id, NULL, (gpointer *)&name))
    return name;

  member = cercle_store_get_record (cercle_context_get_store (self->context), CERCLE_TYPE_MEMBER, member_id, NULL);
  name = member != NULL ? cercle_format_full_name (cercle_member_get_first_name (member),
                                                   cercle_member_get_last_name (member))
                        : NULL;
  g_hash_table_insert (self->names, g_strdup (member_id), name);

  return name;
}

static char *
reply_text (CercleNeedThread *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->reply_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
toast (CercleNeedThread *self,
       const char       *title)
{
  AdwToast *message = adw_toast_new (title);

  adw_toast_set_timeout (message, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, message);
}

static void
update_need (CercleNeedThread *self)
{
  CercleStore *store = cercle_context_get_store (self->context);
  g_autoptr(CercleRequest) need = cercle_store_get_record (store, CERCLE_TYPE_REQUEST, self->request_id, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *author;
  gboolean open;

  if (need == NULL)
    return;
  g_set_object (&self->need, need);

  author = lookup_name (self, cercle_request_get_member_id (need));
  adw_window_title_set_title (self->window_title, cercle_request_get_title (need));
  /* Translators: under the title of a need's replies, who posted it */
  adw_window_title_set_subtitle (self->window_title, author != NULL ? author : "");
  g_string_append (text, cercle_request_get_body (need) != NULL ? cercle_request_get_body (need)
                                                                 : cercle_request_get_title (need));
  gtk_label_set_text (self->need_label, text->str);

  open = self->viewer != NULL && cercle_permission_can_reply_to_need (self->viewer, need);
  gtk_widget_set_visible (self->reply_box, open);
  gtk_widget_set_visible (GTK_WIDGET (self->closed_label), !open);
  gtk_widget_set_visible (self->close_need_button,
                          self->viewer != NULL &&
                          cercle_request_get_status (need) == CERCLE_REQUEST_STATUS_OPEN &&
                          cercle_permission_can_edit_field (self->viewer, CERCLE_RECORD (need), "status"));
}

static void
reload (CercleNeedThread *self,
        CercleChangeSet  *changes)
{
  g_autoptr(GArray) rows = NULL;

  rows = cercle_store_list_need_reply_rows (cercle_context_get_store (self->context), self->request_id, NULL);
  if (rows == NULL)
    return;

  if (self->list == NULL)
    {
      self->list = cercle_record_list_new (cercle_context_get_store (self->context), CERCLE_TYPE_NEED_REPLY, rows);
      gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->list));
    }
  else
    {
      if (changes != NULL)
        cercle_record_list_refresh (self->list, changes);
      cercle_record_list_set_rows (self->list, rows);
    }

  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "list" : "empty");
}

static void
on_store_changed_cb (CercleStore      *store,
                     CercleChangeSet  *changes,
                     CercleNeedThread *self)
{
  if (cercle_change_set_touches (changes, CERCLE_ENTITY_MEMBER))
    g_hash_table_remove_all (self->names);
  if (cercle_change_set_touches (changes, CERCLE_ENTITY_REQUEST))
    update_need (self);
  if (cercle_change_set_touches (changes, CERCLE_ENTITY_NEED_REPLY))
    reload (self, changes);
}

static void
on_refer_clicked_cb (GtkButton        *button,
                     CercleNeedThread *self)
{
  const char *reply_id = g_object_get_data (G_OBJECT (button), "reply-id");
  g_autoptr(CercleReferral) referral = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (reply_id == NULL || self->context == NULL)
    return;

  referral = cercle_store_refer_from_reply (cercle_context_get_store (self->context), reply_id, &error);
  if (referral == NULL)
    {
      toast (self, error->message);
      return;
    }

  /* Translators: a toast, %s is the member who replied */
  title = g_strdup_printf (_("Referral from %s added to your board"),
                           lookup_name (self, cercle_referral_get_giver_id (referral)) ?: _("Unknown member"));
  toast (self, title);
}

static void
on_setup_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CercleNeedThread         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *author = gtk_label_new (NULL);
  GtkWidget *body = gtk_label_new (NULL);
  GtkWidget *refer = gtk_button_new_with_mnemonic (_("Make a _Referral"));

  gtk_label_set_xalign (GTK_LABEL (author), 0);
  gtk_label_set_wrap (GTK_LABEL (author), TRUE);
  gtk_widget_add_css_class (author, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_use_markup (GTK_LABEL (body), TRUE);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_widget_set_halign (refer, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (refer, _("Turn this reply into a referral from its author to you"));
  g_signal_connect (refer, "clicked", G_CALLBACK (on_refer_clicked_cb), self);

  gtk_box_append (GTK_BOX (box), author);
  gtk_box_append (GTK_BOX (box), body);
  gtk_box_append (GTK_BOX (box), refer);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, box);
}

static void
on_bind_row_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                CercleNeedThread         *self)
{
  CercleNeedReply *reply = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *author_label = gtk_widget_get_first_child (box);
  GtkWidget *body_label = gtk_widget_get_next_sibling (author_label);
  GtkWidget *refer_button = gtk_widget_get_next_sibling (body_label);
  g_autoptr(GDateTime) posted = cercle_parse_utc (cercle_need_reply_get_posted_at (reply), NULL);
  g_autofree char *when = posted != NULL ? cercle_format_date_time (posted, _("%-d %B, %H:%M")) : g_strdup ("");
  g_autofree char *byline = NULL;
  g_autofree char *markup = cercle_format_linkify (cercle_need_reply_get_body (reply));
  g_autofree char *accessible = NULL;
  const char *name = lookup_name (self, cercle_need_reply_get_member_id (reply));

  /* Translators: who replied and when, as in "Paul Durand · 12 November, 09:40" */
  byline = g_strdup_printf (_("%s · %s"), name != NULL ? name : _("Unknown member"), when);
  gtk_label_set_text (GTK_LABEL (author_label), byline);
  gtk_label_set_markup (GTK_LABEL (body_label), markup);

  g_object_set_data_full (G_OBJECT (refer_button), "reply-id",
                          g_strdup (cercle_record_get_id (CERCLE_RECORD (reply))), g_free);
  gtk_widget_set_visible (refer_button,
                          self->viewer != NULL && self->need != NULL &&
                          cercle_permission_can_turn_reply_into_referral (self->viewer, reply, self->need));

  /* Translators: what a screen reader says for a reply under a need: who,
   * when, what */
  accessible = g_strdup_printf (_("Reply by %s: %s"), byline, cercle_need_reply_get_body (reply) ?: "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
on_send_clicked_cb (GtkButton        *button,
                    CercleNeedThread *self)
{
  g_autoptr(CercleNeedReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = reply_text (self);

  if (self->context == NULL)
    return;

  reply = cercle_store_reply_to_need (cercle_context_get_store (self->context), self->request_id, text, &error);
  if (reply == NULL)
    {
      toast (self, error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->reply_view), "", -1);
}

static void
on_close_need_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           CercleNeedThread *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "close-need") || self->context == NULL)
    return;

  if (!cercle_store_close_request (cercle_context_get_store (self->context), self->request_id, &error))
    toast (self, error->message);
  else
    toast (self, _("Need closed"));
}

static void
on_close_need_clicked_cb (GtkButton        *button,
                          CercleNeedThread *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Close This Need?"),
                                   _("It leaves the needs board. Referrals that answered it stay."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close-need", _("C_lose Need"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close-need",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_need_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
cercle_need_thread_close_request (GtkWindow *window)
{
  CercleNeedThread *self = CERCLE_NEED_THREAD (window);
  g_autofree char *text = reply_text (self);

  if (*text != '\0' && cercle_editor_ask_discard (window, _("Discard This Reply?"), NULL))
    return TRUE;

  return GTK_WINDOW_CLASS (cercle_need_thread_parent_class)->close_request (window);
}

static void
cercle_need_thread_dispose (GObject *object)
{
  CercleNeedThread *self = (CercleNeedThread *) object;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (cercle_context_get_store (self->context), on_store_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_NEED_THREAD);
  g_clear_object (&self->list);
  g_clear_object (&self->need);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_need_thread_parent_class)->dispose (object);
}

static void
cercle_need_thread_finalize (GObject *object)
{
  CercleNeedThread *self = (CercleNeedThread *) object;

  g_clear_pointer (&self->viewer, cercle_viewer_free);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_free (self->request_id);

  G_OBJECT_CLASS (cercle_need_thread_parent_class)->finalize (object);
}

static void
cercle_need_thread_class_init (CercleNeedThreadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cercle_need_thread_dispose;
  object_class->finalize = cercle_need_thread_finalize;
  window_class->close_request = cercle_need_thread_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/club/cercle-need-thread.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleNeedThread, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedThread, window_title);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedThread, close_need_button);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedThread, need_label);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedThread, stack);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedThread, selection);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedThread, reply_box);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedThread, reply_view);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedThread, send_button);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedThread, closed_label);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_need_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cercle_need_thread_init (CercleNeedThread *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reply_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your reply"), -1);
}

GtkWidget *
cercle_need_thread_new (GtkWindow     *parent,
                        CercleContext *context,
                        const char    *request_id)
{
  CercleNeedThread *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CERCLE_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (request_id != NULL, NULL);

  self = g_object_new (CERCLE_TYPE_NEED_THREAD,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->context = g_object_ref (context);
  self->request_id = g_strdup (request_id);
  self->viewer = cercle_store_dup_viewer (cercle_context_get_store (context), NULL);
  g_signal_connect_object (cercle_context_get_store (context), "changed",
                           G_CALLBACK (on_store_changed_cb), self, 0);

  update_need (self);
  reload (self, NULL);

  return GTK_WIDGET (self);
}

/**
 * cercle_need_thread_get_replies:
 *
 * Returns: (transfer none) (nullable): the replies shown
 */
GListModel *
cercle_need_thread_get_replies (CercleNeedThread *self)
{
  g_return_val_if_fail (CERCLE_IS_NEED_THREAD (self), NULL);

  return G_LIST_MODEL (self->list);
}
