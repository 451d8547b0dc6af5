/* cercle-members-view.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-members-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cercle-member-details.h"
#include "cercle-member-row.h"
#include "cercle-members-view-private.h"

G_DEFINE_FINAL_TYPE (CercleMembersView, cercle_members_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_cercle_members_view_show_member (CercleMembersView *self,
                                  CercleMember      *member)
{
  g_free (self->shown_member_id);
  self->shown_member_id = member ? g_strdup (cercle_record_get_id (CERCLE_RECORD (member))) : NULL;
  self->shown_row = -1;

  /* Nobody shown yet: the profile pane needs not be made for it */
  if (member != NULL || self->details != NULL)
    cercle_member_details_set_member (_cercle_members_view_ensure_details (self), member);
  if (!_cercle_members_view_is_editing (self))
    gtk_stack_set_visible_child_name (self->details_stack, member ? "details" : "none");
  _cercle_members_view_update_actions (self);
}


/* Rows that changed are updated in place; the search runs again, since
 * a member may now match or not, or sort elsewhere. A sync page is one
 * notification, however many members it wrote. */
static void
on_store_changed_cb (CercleStore       *store,
                     CercleChangeSet   *changes,
                     CercleMembersView *self)
{
  if (cercle_change_set_get_local_user_changed (changes))
    _cercle_members_view_update_actions (self);

  if (!cercle_change_set_touches (changes, CERCLE_ENTITY_MEMBER))
    return;

  _cercle_members_view_load_filters (self);

  if (self->list != NULL)
    cercle_record_list_refresh (self->list, changes);

  if (self->shown_member_id != NULL &&
      cercle_change_set_contains (changes, CERCLE_ENTITY_MEMBER, self->shown_member_id))
    {
      g_autoptr(CercleMember) member = NULL;

      member = cercle_store_get_record (store, CERCLE_TYPE_MEMBER, self->shown_member_id, NULL);
      if (member != NULL && cercle_record_get_deleted (CERCLE_RECORD (member)))
        g_clear_object (&member);
      _cercle_members_view_show_member (self, member);
    }

  _cercle_members_view_run_query (self, FALSE);
}

static void
on_cancelled_cb (GCancellable      *cancellable,
                 CercleMembersView *self)
{
  g_cancellable_cancel (self->search_cancellable);
}

static void
on_search_changed_cb (GtkSearchEntry    *entry,
                      CercleMembersView *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (g_strcmp0 (query, self->query) == 0)
    return;

  g_free (self->query);
  self->query = g_steal_pointer (&query);
  _cercle_members_view_run_query (self, TRUE);
}

static void
on_stop_search_cb (GtkSearchEntry    *entry,
                   CercleMembersView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_search_activate_cb (GtkSearchEntry    *entry,
                       CercleMembersView *self)
{
  GListModel *model = gtk_single_selection_get_model (self->selection);

  /* Enter opens the best match */
  if (model != NULL && g_list_model_get_n_items (model) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      if (adw_leaflet_get_folded (self->leaflet))
        adw_leaflet_set_visible_child (self->leaflet, self->details_pane);
    }
}

/* The member of the selected row, or %NULL */
static CercleMember *
selected_member (CercleMembersView *self)
{
  CercleMemberSlot *slot = gtk_single_selection_get_selected_item (self->selection);

  return slot != NULL ? cercle_member_slot_get_member (slot) : NULL;
}

static void
show_selected (CercleMembersView *self)
{
  CercleMember *member = selected_member (self);
  guint position = gtk_single_selection_get_selected (self->selection);

  if (member == NULL)
    return;

  _cercle_members_view_show_member (self, member);
  self->shown_row = cercle_record_list_get_row (self->list, position);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->details_pane);
}

typedef struct
{
  CercleMembersView *self;
  gint64             previous_row;
} Reselect;

/* Another member was chosen while a profile was being edited: shown if the
 * user saved or let go of their changes, otherwise the list goes back to
 * the member being edited */
static void
on_left_for_selection_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  Reselect *reselect = user_data;
  CercleMembersView *self = reselect->self;

  if (_cercle_members_view_ask_to_leave_finish (self, result))
    show_selected (self);
  else if (self->list != NULL)
    {
      guint position = reselect->previous_row >= 0
        ? cercle_record_list_find_row (self->list, reselect->previous_row)
        : GTK_INVALID_LIST_POSITION;

      self->restoring_selection = TRUE;
      gtk_single_selection_set_selected (self->selection, position);
      self->restoring_selection = FALSE;
    }

  g_object_unref (self);
  g_free (reselect);
}

static void
on_selected_item_cb (GtkSingleSelection *selection,
                     GParamSpec         *pspec,
                     CercleMembersView  *self)
{
  CercleMember *member = selected_member (self);
  Reselect *reselect;

  if (member == NULL || self->restoring_selection)
    return;

  if (!_cercle_members_view_is_editing (self) ||
      g_strcmp0 (cercle_record_get_id (CERCLE_RECORD (member)),
                 cercle_member_editor_get_member_id (self->editor)) == 0)
    {
      show_selected (self);
      return;
    }

  reselect = g_new0 (Reselect, 1);
  reselect->self = g_object_ref (self);
  reselect->previous_row = self->shown_row;

  _cercle_members_view_ask_to_leave (self, NULL, on_left_for_selection_cb, reselect);
}

static void
on_list_activate_cb (GtkListView       *list_view,
                     guint              position,
                     CercleMembersView *self)
{
  g_autoptr(CercleMemberSlot) slot = NULL;
  GListModel *model = gtk_single_selection_get_model (self->selection);

  /* The selection asks about unsaved changes first */
  if (model == NULL || _cercle_members_view_is_editing (self))
    return;

  slot = g_list_model_get_item (model, position);
  _cercle_members_view_show_member (self, cercle_member_slot_get_member (slot));
  self->shown_row = cercle_record_list_get_row (self->list, position);
  adw_leaflet_set_visible_child (self->leaflet, self->details_pane);
}

static void
on_back_clicked_cb (GtkButton         *button,
                    CercleMembersView *self)
{
  if (_cercle_members_view_is_editing (self))
    return;

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  /* so that choosing the same member again shows it again */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
on_leaflet_folded_cb (AdwLeaflet        *leaflet,
                      GParamSpec        *pspec,
                      CercleMembersView *self)
{
  if (adw_leaflet_get_folded (leaflet) && self->shown_member_id == NULL)
    adw_leaflet_set_visible_child (leaflet, self->list_pane);
}

static void
cercle_members_view_dispose (GObject *object)
{
  CercleMembersView *self = (CercleMembersView *) object;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  cercle_members_view_set_cancellable (self, NULL);
  if (self->fill_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->fill_tick_id);
      self->fill_tick_id = 0;
    }

  if (self->leave_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->leave_dialog));

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_MEMBERS_VIEW);
  /* Gone with the stack that held them */
  self->details = NULL;
  self->editor = NULL;

  g_clear_object (&self->context);
  g_clear_object (&self->slots);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (cercle_members_view_parent_class)->dispose (object);
}

static void
cercle_members_view_finalize (GObject *object)
{
  CercleMembersView *self = (CercleMembersView *) object;

  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->target_rows, g_array_unref);
  g_clear_pointer (&self->shown_member_id, g_free);
  g_clear_pointer (&self->terms, cercle_search_terms_unref);
  _cercle_members_view_forget_rows (self);
  g_clear_pointer (&self->sectors, g_strfreev);
  g_clear_pointer (&self->cities, g_strfreev);

  G_OBJECT_CLASS (cercle_members_view_parent_class)->finalize (object);
}

static void
cercle_members_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CercleMembersView *self = CERCLE_MEMBERS_VIEW (object);

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
cercle_members_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CercleMembersView *self = CERCLE_MEMBERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      cercle_members_view_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_members_view_class_init (CercleMembersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_members_view_dispose;
  object_class->finalize = cercle_members_view_finalize;
  object_class->get_property = cercle_members_view_get_property;
  object_class->set_property = cercle_members_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CERCLE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CERCLE_TYPE_MEMBER_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/members/cercle-members-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, details_pane);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, count_label);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, sector_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, city_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, list_error_page);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, list_view);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, selection);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, details_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, details_header);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, member_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CercleMembersView, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_item_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);

  _cercle_members_view_install_filters (widget_class);
  _cercle_members_view_install_actions (widget_class);
}

static void
cercle_members_view_init (CercleMembersView *self)
{
  self->shown_row = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
  _cercle_members_view_init_list (self);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_pane));
}

CercleContext *
cercle_members_view_get_context (CercleMembersView *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBERS_VIEW (self), NULL);

  return self->context;
}

void
cercle_members_view_set_context (CercleMembersView *self,
                                 CercleContext     *context)
{
  g_return_if_fail (CERCLE_IS_MEMBERS_VIEW (self));
  g_return_if_fail (!context || CERCLE_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (cercle_context_get_store (self->context),
                                          on_store_changed_cb, self);

  g_set_object (&self->context, context);
  if (self->details != NULL)
    cercle_member_details_set_context (self->details, context);
  if (self->editor != NULL)
    cercle_member_editor_set_context (self->editor, context);

  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->slots);
  g_clear_object (&self->list);
  g_clear_pointer (&self->target_rows, g_array_unref);

  if (context != NULL)
    {
      g_autoptr(GArray) no_rows = g_array_new (FALSE, FALSE, sizeof (gint64));

      self->list = cercle_record_list_new (cercle_context_get_store (context),
                                           CERCLE_TYPE_MEMBER, no_rows);
      self->slots = cercle_member_slots_new (self->list);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->slots));

      g_signal_connect_object (cercle_context_get_store (context),
                               "changed",
                               G_CALLBACK (on_store_changed_cb),
                               self,
                               0);
    }

  _cercle_members_view_show_member (self, NULL);
  _cercle_members_view_load_filters (self);
  _cercle_members_view_run_query (self, TRUE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* Cancels the search under way, and stops searching, once @cancellable
 * (the window's) is cancelled. */
void
cercle_members_view_set_cancellable (CercleMembersView *self,
                                     GCancellable      *cancellable)
{
  g_return_if_fail (CERCLE_IS_MEMBERS_VIEW (self));
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
    self->cancelled_id = g_cancellable_connect (cancellable,
                                                G_CALLBACK (on_cancelled_cb),
                                                self, NULL);
}

void
cercle_members_view_focus_search (CercleMembersView *self)
{
  g_return_if_fail (CERCLE_IS_MEMBERS_VIEW (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/**
 * cercle_members_view_has_unsaved_changes:
 *
 * Returns: whether a profile is being edited with changes not saved yet
 */
gboolean
cercle_members_view_has_unsaved_changes (CercleMembersView *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBERS_VIEW (self), FALSE);

  return _cercle_members_view_is_editing (self) && cercle_member_editor_has_changes (self->editor);
}

/**
 * cercle_members_view_leave_async:
 *
 * Before the window closes or shows another page: asks the user whether
 * to save the profile being edited, if its changes are not saved yet.
 * Finishes with %TRUE once they were saved or let go of, %FALSE when the
 * user wants to keep editing.
 */
void
cercle_members_view_leave_async (CercleMembersView   *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CERCLE_IS_MEMBERS_VIEW (self));

  _cercle_members_view_ask_to_leave (self, cancellable, callback, user_data);
}

gboolean
cercle_members_view_leave_finish (CercleMembersView *self,
                                  GAsyncResult      *result)
{
  g_return_val_if_fail (CERCLE_IS_MEMBERS_VIEW (self), FALSE);

  return _cercle_members_view_ask_to_leave_finish (self, result);
}
