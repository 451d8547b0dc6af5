/* cercle-referral-board.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-referral-board"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-need-card.h"
#include "cercle-need-thread.h"
#include "cercle-need-editor.h"
#include "cercle-referral-board-private.h"
#include "cercle-referral-editor.h"

/* The referral board: the needs of the club first ("je recherche…"), then
 * one column per status, in the order a referral moves through them. A
 * card moves by drag and drop, from its "Move" menu or with Ctrl+→, and
 * only along the moves the state machine allows the user
 * (cercle-referral-board-moves.c). The columns' rows are found in a
 * worker thread and put in place a few at a time
 * (cercle-referral-board-loading.c). This file makes the columns and
 * their cards, and the forms and pages opened from the board. */

/* What the scope menu offers, in its order */
static const CercleReferralScope scopes[] = {
  CERCLE_REFERRAL_SCOPE_MINE,
  CERCLE_REFERRAL_SCOPE_GIVEN,
  CERCLE_REFERRAL_SCOPE_RECEIVED,
  CERCLE_REFERRAL_SCOPE_CLUB,
};

G_DEFINE_FINAL_TYPE (CercleReferralBoard, cercle_referral_board, GTK_TYPE_WIDGET)

enum {
  CLOSED_BUSINESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Thanks the user for business closed with their referral @referral */
void
_cercle_referral_board_emit_closed_business (CercleReferralBoard *self,
                                             CercleReferral      *referral)
{
  g_signal_emit (self, signals[CLOSED_BUSINESS], 0, referral);
}

/* Whether @column shows referrals in @status */
gboolean
_cercle_referral_board_column_holds (guint                column,
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

const char *
_cercle_referral_board_lookup_name (CercleReferralBoard *self,
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

void
_cercle_referral_board_show_toast (CercleReferralBoard *self,
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

void
_cercle_referral_board_show_error (CercleReferralBoard *self,
                                   const char          *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Could Not Change the Board"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWindow *
_cercle_referral_board_parent_window (CercleReferralBoard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

CercleReferralScope
_cercle_referral_board_current_scope (CercleReferralBoard *self)
{
  guint selected = gtk_drop_down_get_selected (self->scope_dropdown);

  return selected < G_N_ELEMENTS (scopes) ? scopes[selected] : CERCLE_REFERRAL_SCOPE_MINE;
}

static void
on_setup_card_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  CercleReferralBoard      *self)
{
  GtkWidget *card = cercle_referral_card_new ();

  _cercle_referral_board_take_moves_of_card (self, CERCLE_REFERRAL_CARD (card));
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
                                     _cercle_referral_board_lookup_name (self, cercle_referral_get_giver_id (referral)),
                                     _cercle_referral_board_lookup_name (self, cercle_referral_get_receiver_id (referral)),
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
        _cercle_referral_board_show_error (pending->self, error->message);
      else
        _cercle_referral_board_show_toast (pending->self, _("Need closed"));
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

  thread = cercle_need_thread_new (_cercle_referral_board_parent_window (self), self->context,
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

  dialog = adw_message_dialog_new (_cercle_referral_board_parent_window (self), _("Close This Need?"),
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
                                _cercle_referral_board_lookup_name (self, cercle_request_get_member_id (request)),
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
on_card_activate_cb (GtkListView         *list_view,
                     guint                position,
                     CercleReferralBoard *self)
{
  g_autoptr(CercleReferral) referral = NULL;
  GtkWidget *details;

  referral = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list_view)), position);
  if (referral == NULL || self->viewer == NULL)
    return;

  details = cercle_referral_details_new (_cercle_referral_board_parent_window (self), referral,
                                         _cercle_referral_board_lookup_name (self, cercle_referral_get_giver_id (referral)),
                                         _cercle_referral_board_lookup_name (self, cercle_referral_get_receiver_id (referral)),
                                         self->viewer);
  _cercle_referral_board_take_moves_of_details (self, CERCLE_REFERRAL_DETAILS (details));
  gtk_window_present (GTK_WINDOW (details));
}

static void
on_passed_cb (CercleReferralEditor *editor,
              CercleReferral       *referral,
              CercleReferralBoard  *self)
{
  g_autofree char *message = NULL;
  const char *receiver = _cercle_referral_board_lookup_name (self, cercle_referral_get_receiver_id (referral));

  /* Translators: a toast once a referral was passed, %s is the receiver */
  message = g_strdup_printf (_("Referral passed to %s"), receiver ? receiver : _("Unknown member"));
  _cercle_referral_board_show_toast (self, message);
}

static void
on_posted_cb (CercleNeedEditor    *editor,
              CercleRequest       *request,
              CercleReferralBoard *self)
{
  _cercle_referral_board_show_toast (self, _("Need posted to the club"));
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

  editor = cercle_referral_editor_new (_cercle_referral_board_parent_window (self), self->context, need,
                                       need != NULL ? _cercle_referral_board_lookup_name (self, cercle_request_get_member_id (need))
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

  editor = cercle_need_editor_new (_cercle_referral_board_parent_window (self), self->context);
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
  _cercle_referral_board_load (self, TRUE);
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
  _cercle_referral_board_load (self, TRUE);
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

void
_cercle_referral_board_read_viewer (CercleReferralBoard *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->viewer, cercle_viewer_free);
  if (self->context != NULL)
    self->viewer = cercle_store_dup_viewer (cercle_context_get_store (self->context), &error);
  if (error != NULL)
    g_debug ("Could not read who uses the club: %s", error->message);

  update_scopes (self);
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
      _cercle_referral_board_load (self, TRUE);
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

      _cercle_referral_board_take_drops_on_column (self, board_column);
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
  g_clear_pointer (&self->shown, cercle_referral_rows_free);

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
                                          _cercle_referral_board_store_changed_cb, self);

  g_set_object (&self->context, context);

  if (context != NULL)
    g_signal_connect_object (cercle_context_get_store (context), "changed",
                             G_CALLBACK (_cercle_referral_board_store_changed_cb), self, 0);

  _cercle_referral_board_read_viewer (self);
  _cercle_referral_board_reset_lists (self);
  _cercle_referral_board_load (self, TRUE);
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

/* Whether a query is under way, or waits for the board to be shown, or
 * the columns still make the cards that fill them */
gboolean
cercle_referral_board_is_loading (CercleReferralBoard *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL_BOARD (self), FALSE);

  if (self->loading || self->stale || self->pending != NULL)
    return TRUE;

  for (guint column = 0; column < N_COLUMNS; column++)
    if (cercle_board_column_is_filling (self->columns[column]))
      return TRUE;

  return FALSE;
}

