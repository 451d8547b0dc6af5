/* cercle-attendees-page.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-attendees-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-attendee-row.h"
#include "cercle-attendees-page.h"
#include "cercle-calendar-dialogs.h"

/* An event's registrants by last name: who is coming, for anyone; the
 * door's check-in list, for the staff. A big search field finds a name
 * typed without accents, Enter marks the first one found present, and
 * the count of those in the room against those expected follows each
 * mark. Everything is in the local copy of the club: no network needed,
 * and each mark is saved at once, so closing the app loses nothing. */
struct _CercleAttendeesPage
{
  GtkWidget         parent_instance;

  CercleContext    *context;
  char             *event_id;
  gboolean          check_in;
  gboolean          editable;
  CercleRecordList *list;
  char             *query;
  GPtrArray        *rows;

  GtkLabel         *title_label;
  GtkWidget        *register_button;
  GtkWidget        *walk_in_button;
  GtkSearchEntry   *search_entry;
  GtkLabel         *count_label;
  GtkStack         *stack;
  GtkListView      *list_view;
  AdwStatusPage    *empty_page;
};

G_DEFINE_FINAL_TYPE (CercleAttendeesPage, cercle_attendees_page, GTK_TYPE_WIDGET)

enum {
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CercleStore *
get_store (CercleAttendeesPage *self)
{
  return self->context ? cercle_context_get_store (self->context) : NULL;
}

static void
update_count (CercleAttendeesPage *self)
{
  CercleEventCounts counts = { 0, };
  g_autofree char *present = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;

  cercle_store_count_event (get_store (self), self->event_id, &counts, NULL);
  present = cercle_format_count (counts.checked_in);
  expected = cercle_format_count (counts.yes);

  if (self->check_in)
    /* Translators: the live count at the door, as in "Arrived: 12 of 45";
       a heading, so that it reads right for any number */
    text = g_strdup_printf (_("Arrived: %s of %s"), present, expected);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s person coming", "%s people coming", counts.yes),
                            expected);
  gtk_label_set_text (self->count_label, text);
}

static void
load (CercleAttendeesPage *self)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (get_store (self) == NULL || self->event_id == NULL)
    return;

  rows = cercle_store_list_registration_rows (get_store (self), self->event_id,
                                              self->check_in ? CERCLE_RESPONSES_COMING : CERCLE_RESPONSES_ALL,
                                              self->query, &error);
  if (rows == NULL)
    {
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  cercle_record_list_set_rows (self->list, rows);
  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "list" : "empty");
  update_count (self);
}

static void
on_store_changed_cb (CercleStore         *store,
                     CercleChangeSet     *changes,
                     CercleAttendeesPage *self)
{
  if (!cercle_change_set_touches (changes, CERCLE_ENTITY_REGISTRATION) &&
      !cercle_change_set_touches (changes, CERCLE_ENTITY_MEMBER))
    return;

  cercle_record_list_refresh (self->list, changes);
  load (self);
}

static void
on_search_changed_cb (GtkSearchEntry      *entry,
                      CercleAttendeesPage *self)
{
  g_free (self->query);
  self->query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  load (self);
}

/* Enter: the first one found is in the room */
static void
on_search_activate_cb (GtkSearchEntry      *entry,
                       CercleAttendeesPage *self)
{
  g_autoptr(CercleRegistration) first = NULL;
  g_autoptr(GError) error = NULL;

  if (!self->editable || g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    return;

  first = g_list_model_get_item (G_LIST_MODEL (self->list), 0);
  if (cercle_registration_policy_is_checked_in (first))
    return;

  if (!cercle_store_take_attendance (get_store (self), first, CERCLE_ATTENDANCE_PRESENT, NULL, &error))
    {
      cercle_calendar_show_error (GTK_WIDGET (self), _("Could Not Save the Attendance"), error->message);
      return;
    }

  /* Ready for the next name */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CercleAttendeesPage      *self)
{
  GtkWidget *row = cercle_attendee_row_new (get_store (self));

  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, row);
  g_ptr_array_add (self->rows, row);
}

static void
teardown_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CercleAttendeesPage      *self)
{
  g_ptr_array_remove (self->rows, gtk_list_item_get_child (item));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CercleAttendeesPage      *self)
{
  CercleAttendeeRow *row = CERCLE_ATTENDEE_ROW (gtk_list_item_get_child (item));

  cercle_attendee_row_set_editable (row, self->editable, self->check_in);
  cercle_attendee_row_set_registration (row, gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CercleAttendeesPage      *self)
{
  cercle_attendee_row_set_registration (CERCLE_ATTENDEE_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static void
on_walk_in_response_cb (AdwMessageDialog    *dialog,
                        const char          *response,
                        CercleAttendeesPage *self)
{
  g_autoptr(CercleRegistration) guest = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkEditable *name = g_object_get_data (G_OBJECT (box), "name");
  GtkEditable *company = g_object_get_data (G_OBJECT (box), "company");

  if (!g_str_equal (response, "add"))
    return;

  guest = cercle_store_add_guest (get_store (self), self->event_id, NULL,
                                  gtk_editable_get_text (name), gtk_editable_get_text (company), NULL,
                                  TRUE, &error);
  if (guest == NULL)
    cercle_calendar_show_error (GTK_WIDGET (self), _("Could Not Add the Walk-In"), error->message);
}

static void
walk_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CercleAttendeesPage *self = CERCLE_ATTENDEES_PAGE (widget);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  g_object_set_data (G_OBJECT (box), "name", cercle_calendar_add_entry (box, _("Name")));
  g_object_set_data (G_OBJECT (box), "company", cercle_calendar_add_entry (box, _("Company")));
  cercle_calendar_ask (widget, _("Add a Walk-In Guest"), _("The guest is checked in at once."),
                       box, _("_Cancel"), "add", _("_Check In"), ADW_RESPONSE_SUGGESTED,
                       G_CALLBACK (on_walk_in_response_cb), self);
}

static char *
member_name (CercleMember *member)
{
  if (member == NULL)
    return NULL;

  return cercle_format_full_name (cercle_member_get_first_name (member), cercle_member_get_last_name (member));
}

static void
on_register_response_cb (AdwMessageDialog    *dialog,
                         const char          *response,
                         CercleAttendeesPage *self)
{
  GtkDropDown *members = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  CercleMember *member = gtk_drop_down_get_selected_item (members);
  g_autoptr(CercleRegistration) registration = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "register") || member == NULL)
    return;

  /* A "yes" in the member's name; a full event puts them on the waitlist */
  registration = cercle_store_register (get_store (self), self->event_id,
                                        cercle_record_get_id (CERCLE_RECORD (member)),
                                        CERCLE_RESPONSE_YES, &error);
  if (registration == NULL)
    cercle_calendar_show_error (GTK_WIDGET (self), _("Could Not Register the Member"), error->message);
}

/* Staff answer for a member who called or wrote */
static void
register_member_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CercleAttendeesPage *self = CERCLE_ATTENDEES_PAGE (widget);
  g_autoptr(GListModel) members = NULL;
  GtkExpression *name;
  GtkWidget *drop_down;

  if (get_store (self) == NULL || !(members = cercle_store_list_members (get_store (self), NULL)))
    return;

  name = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (member_name), NULL, NULL);
  drop_down = gtk_drop_down_new (g_object_ref (members), name);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Member"), -1);

  cercle_calendar_ask (widget, _("Register a Member"),
                       _("The member is registered as coming; a full event puts them on the waitlist."),
                       drop_down, _("_Cancel"), "register", _("_Register"), ADW_RESPONSE_SUGGESTED,
                       G_CALLBACK (on_register_response_cb), self);
}

static void
cercle_attendees_page_dispose (GObject *object)
{
  CercleAttendeesPage *self = (CercleAttendeesPage *) object;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (cercle_context_get_store (self->context), on_store_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_ATTENDEES_PAGE);
  while (gtk_widget_get_first_child (GTK_WIDGET (self)) != NULL)
    gtk_widget_unparent (gtk_widget_get_first_child (GTK_WIDGET (self)));
  g_clear_object (&self->list);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_attendees_page_parent_class)->dispose (object);
}

static void
cercle_attendees_page_finalize (GObject *object)
{
  CercleAttendeesPage *self = (CercleAttendeesPage *) object;

  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cercle_attendees_page_parent_class)->finalize (object);
}

static void
cercle_attendees_page_class_init (CercleAttendeesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_attendees_page_dispose;
  object_class->finalize = cercle_attendees_page_finalize;

  signals[BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/calendar/cercle-attendees-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleAttendeesPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CercleAttendeesPage, register_button);
  gtk_widget_class_bind_template_child (widget_class, CercleAttendeesPage, walk_in_button);
  gtk_widget_class_bind_template_child (widget_class, CercleAttendeesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CercleAttendeesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CercleAttendeesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CercleAttendeesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CercleAttendeesPage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);

  gtk_widget_class_install_action (widget_class, "attendees.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "attendees.walk-in", NULL, walk_in_action);
  gtk_widget_class_install_action (widget_class, "attendees.register-member", NULL, register_member_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "attendees.back", NULL);
}

static void
cercle_attendees_page_init (CercleAttendeesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
}

void
cercle_attendees_page_set_event (CercleAttendeesPage *self,
                                 CercleContext       *context,
                                 const char          *event_id,
                                 gboolean             check_in)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(CercleEvent) event = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autoptr(GArray) no_rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *title = NULL;
  CercleStore *store;

  g_return_if_fail (CERCLE_IS_ATTENDEES_PAGE (self));
  g_return_if_fail (CERCLE_IS_CONTEXT (context));
  g_return_if_fail (event_id != NULL);

  store = cercle_context_get_store (context);

  if (self->context != context)
    {
      if (self->context != NULL)
        g_signal_handlers_disconnect_by_func (cercle_context_get_store (self->context), on_store_changed_cb, self);
      g_set_object (&self->context, context);
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
    }

  /* The rows are made for this store */
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->list);
  self->list = cercle_record_list_new (store, CERCLE_TYPE_REGISTRATION, no_rows);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  g_free (self->event_id);
  self->event_id = g_strdup (event_id);
  self->check_in = check_in;

  viewer = cercle_store_dup_viewer (store, NULL);
  self->editable = viewer != NULL && cercle_permission_can_take_attendance (viewer);
  gtk_widget_set_visible (self->walk_in_button, self->editable && check_in);
  gtk_widget_set_visible (self->register_button,
                          viewer != NULL && cercle_permission_can_register_others (viewer) && !check_in);

  event = cercle_store_get_record (store, CERCLE_TYPE_EVENT, event_id, NULL);
  if (check_in)
    /* Translators: the title of the door's list, as in "Check-In: Dîner de rentrée" */
    title = g_strdup_printf (_("Check-In: %s"), event ? cercle_event_get_title (event) : "");
  else
    /* Translators: the title of an event's list of registrants */
    title = g_strdup_printf (_("Registrants: %s"), event ? cercle_event_get_title (event) : "");
  gtk_label_set_text (self->title_label, title);

  g_clear_pointer (&self->query, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  load (self);
}

void
cercle_attendees_page_focus_search (CercleAttendeesPage *self)
{
  g_return_if_fail (CERCLE_IS_ATTENDEES_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
