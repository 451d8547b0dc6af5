/* cercle-attendee-row.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-attendee-row"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-attendee-row.h"
#include "cercle-calendar-dialogs.h"

/* One registrant at the door: their name, company and answer, one click
 * to mark them present, and the other cases (late, excused, absent, a
 * substitute) one step away in a menu. Every mark is saved at once. */
struct _CercleAttendeeRow
{
  GtkWidget           parent_instance;

  CercleStore        *store;
  CercleRegistration *registration;
  gulong              notify_id;
  gboolean            editable;
  gboolean            check_in;

  GtkLabel           *name_label;
  GtkLabel           *detail_label;
  GtkLabel           *state_label;
  GtkWidget          *present_button;
  GtkWidget          *menu_button;
};

G_DEFINE_FINAL_TYPE (CercleAttendeeRow, cercle_attendee_row, GTK_TYPE_WIDGET)

/**
 * cercle_registration_dup_name:
 * @company: (out) (optional): the registrant's company
 *
 * Returns: (transfer full): the registrant's name, a member's or a guest's
 */
char *
cercle_registration_dup_name (CercleStore         *store,
                              CercleRegistration  *registration,
                              char               **company)
{
  const char *member_id = cercle_registration_get_member_id (registration);
  g_autoptr(CercleMember) member = NULL;

  if (member_id == NULL)
    {
      if (company != NULL)
        *company = g_strdup (cercle_registration_get_guest_company (registration));
      return g_strdup (cercle_registration_get_guest_name (registration));
    }

  member = cercle_store_get_record (store, CERCLE_TYPE_MEMBER, member_id, NULL);
  if (company != NULL)
    *company = member ? g_strdup (cercle_member_get_company (member)) : NULL;
  if (member == NULL)
    return g_strdup (_("Unknown member"));

  return cercle_format_full_name (cercle_member_get_first_name (member), cercle_member_get_last_name (member));
}

static const char *
attendance_to_string (CercleAttendance attendance)
{
  switch (attendance)
    {
    case CERCLE_ATTENDANCE_PRESENT:
      return C_("attendance", "Present");
    case CERCLE_ATTENDANCE_LATE:
      return C_("attendance", "Late");
    case CERCLE_ATTENDANCE_ABSENT:
      return C_("attendance", "Absent");
    case CERCLE_ATTENDANCE_EXCUSED:
      return C_("attendance", "Excused");
    case CERCLE_ATTENDANCE_SUBSTITUTE:
      return C_("attendance", "Substitute");
    case CERCLE_ATTENDANCE_UNKNOWN:
    default:
      return NULL;
    }
}

static const char *
response_to_string (CercleResponse response)
{
  switch (response)
    {
    case CERCLE_RESPONSE_YES:
      return C_("response", "Coming");
    case CERCLE_RESPONSE_NO:
      return C_("response", "Not coming");
    case CERCLE_RESPONSE_MAYBE:
      return C_("response", "Maybe");
    case CERCLE_RESPONSE_WAITLIST:
      return C_("response", "Waitlist");
    default:
      return "";
    }
}

static void
update (CercleAttendeeRow *self)
{
  CercleRegistration *registration = self->registration;
  g_autofree char *company = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *state = NULL;
  g_autofree char *accessible = NULL;
  CercleAttendance attendance;
  gboolean in;

  if (registration == NULL)
    return;

  name = cercle_registration_dup_name (self->store, registration, &company);
  attendance = cercle_registration_get_attendance (registration);
  in = cercle_registration_policy_attendance_is_in (attendance);

  gtk_label_set_text (self->name_label, name ? name : "");

  if (company != NULL && *company != '\0')
    g_string_append (detail, company);
  if (cercle_registration_get_member_id (registration) == NULL)
    {
      if (detail->len > 0)
        g_string_append (detail, " · ");
      g_string_append (detail, C_("registrant", "Guest"));
    }
  if (detail->len > 0)
    g_string_append (detail, " · ");
  g_string_append (detail, response_to_string (cercle_registration_get_response (registration)));
  gtk_label_set_text (self->detail_label, detail->str);

  if (attendance == CERCLE_ATTENDANCE_SUBSTITUTE)
    /* Translators: a substitute came instead of the registrant */
    state = g_strdup_printf (_("Substitute: %s"), cercle_registration_get_substitute_name (registration) ?: "");
  else if (in && cercle_registration_get_checked_in_at (registration) != NULL)
    {
      g_autoptr(GDateTime) at = cercle_parse_utc (cercle_registration_get_checked_in_at (registration), NULL);
      g_autofree char *time = at ? cercle_format_date_time (at, _("%H:%M")) : g_strdup ("");

      /* Translators: "Present, 07:32" */
      state = g_strdup_printf (_("%s, %s"), attendance_to_string (attendance), time);
    }
  else if (attendance_to_string (attendance) != NULL)
    state = g_strdup (attendance_to_string (attendance));

  gtk_label_set_text (self->state_label, state ? state : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), state != NULL);
  if (in)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "success");

  /* One click at the door; a correction afterwards is in the menu */
  gtk_widget_set_visible (self->present_button,
                          self->editable && self->check_in && !in &&
                          cercle_registration_get_response (registration) != CERCLE_RESPONSE_NO);
  gtk_widget_set_visible (self->menu_button, self->editable);

  accessible = g_strdup_printf ("%s, %s%s%s", name ? name : "", detail->str,
                                state ? ", " : "", state ? state : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  {
    g_autofree char *present = g_strdup_printf (_("Mark %s present"), name ? name : "");
    g_autofree char *more = g_strdup_printf (_("Other attendance for %s"), name ? name : "");

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->present_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, present, -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, more, -1);
  }
}

static void
mark (CercleAttendeeRow *self,
      CercleAttendance   attendance,
      const char        *substitute)
{
  g_autoptr(GError) error = NULL;

  if (self->registration == NULL)
    return;

  if (!cercle_store_take_attendance (self->store, self->registration, attendance, substitute, &error))
    cercle_calendar_show_error (GTK_WIDGET (self), _("Could Not Save the Attendance"), error->message);
}

static void
on_substitute_response_cb (AdwMessageDialog  *dialog,
                           const char        *response,
                           CercleAttendeeRow *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_str_equal (response, "save"))
    mark (self, CERCLE_ATTENDANCE_SUBSTITUTE, gtk_editable_get_text (entry));
}

static void
mark_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CercleAttendeeRow *self = CERCLE_ATTENDEE_ROW (widget);
  g_autoptr(GEnumClass) attendances = g_type_class_ref (CERCLE_TYPE_ATTENDANCE);
  GEnumValue *value = g_enum_get_value_by_nick (attendances, g_variant_get_string (parameter, NULL));

  if (value == NULL)
    return;

  if (value->value == CERCLE_ATTENDANCE_SUBSTITUTE)
    {
      GtkWidget *entry = gtk_entry_new ();

      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Substitute’s name"), -1);
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      cercle_calendar_ask (widget, _("Who Came Instead?"),
                           _("The substitute’s name goes on the attendance list."),
                           entry, _("_Cancel"), "save", _("_Save"), ADW_RESPONSE_SUGGESTED,
                           G_CALLBACK (on_substitute_response_cb), self);
      return;
    }

  mark (self, value->value, NULL);
}

static void
on_notify_cb (CercleRegistration *registration,
              GParamSpec         *pspec,
              CercleAttendeeRow  *self)
{
  update (self);
}

static void
cercle_attendee_row_dispose (GObject *object)
{
  CercleAttendeeRow *self = (CercleAttendeeRow *) object;
  GtkWidget *child;

  cercle_attendee_row_set_registration (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cercle_attendee_row_parent_class)->dispose (object);
}

static void
cercle_attendee_row_class_init (CercleAttendeeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_attendee_row_dispose;

  gtk_widget_class_install_action (widget_class, "attendee.mark", "s", mark_action);
  gtk_widget_class_set_css_name (widget_class, "row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cercle_attendee_row_init (CercleAttendeeRow *self)
{
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_box_layout_new (GTK_ORIENTATION_HORIZONTAL));
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autoptr(GMenu) menu = g_menu_new ();

  gtk_box_layout_set_spacing (layout, 12);
  gtk_widget_set_layout_manager (GTK_WIDGET (self), GTK_LAYOUT_MANAGER (layout));
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 6);

  self->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name_label, 0);
  gtk_label_set_ellipsize (self->name_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "heading");
  self->detail_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->detail_label, 0);
  gtk_label_set_ellipsize (self->detail_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "dim-label");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->name_label));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->detail_label));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (text, GTK_WIDGET (self));

  self->state_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->state_label), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "numeric");
  gtk_widget_set_parent (GTK_WIDGET (self->state_label), GTK_WIDGET (self));

  self->present_button = gtk_button_new_with_mnemonic (_("_Present"));
  gtk_widget_set_valign (self->present_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->present_button), "attendee.mark");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->present_button), "s", "present");
  gtk_widget_add_css_class (self->present_button, "suggested-action");
  gtk_widget_set_parent (self->present_button, GTK_WIDGET (self));

  g_menu_append (menu, C_("attendance", "Present"), "attendee.mark::present");
  g_menu_append (menu, C_("attendance", "Late"), "attendee.mark::late");
  g_menu_append (menu, C_("attendance", "Excused"), "attendee.mark::excused");
  g_menu_append (menu, C_("attendance", "Absent"), "attendee.mark::absent");
  g_menu_append (menu, _("Substitute…"), "attendee.mark::substitute");
  g_menu_append (menu, _("Not Checked In"), "attendee.mark::unknown");
  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->menu_button, "flat");
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));
}

GtkWidget *
cercle_attendee_row_new (CercleStore *store)
{
  CercleAttendeeRow *self = g_object_new (CERCLE_TYPE_ATTENDEE_ROW, NULL);

  self->store = g_object_ref (store);

  return GTK_WIDGET (self);
}

void
cercle_attendee_row_set_registration (CercleAttendeeRow  *self,
                                      CercleRegistration *registration)
{
  g_return_if_fail (CERCLE_IS_ATTENDEE_ROW (self));

  if (self->registration == registration)
    return;

  if (self->registration != NULL)
    g_clear_signal_handler (&self->notify_id, self->registration);

  g_set_object (&self->registration, registration);

  if (registration != NULL)
    {
      self->notify_id = g_signal_connect (registration, "notify", G_CALLBACK (on_notify_cb), self);
      update (self);
    }
}

CercleRegistration *
cercle_attendee_row_get_registration (CercleAttendeeRow *self)
{
  g_return_val_if_fail (CERCLE_IS_ATTENDEE_ROW (self), NULL);

  return self->registration;
}

/**
 * cercle_attendee_row_set_editable:
 * @editable: whether the viewer takes attendance
 * @check_in: whether this is the door's list, where "Present" is one click
 */
void
cercle_attendee_row_set_editable (CercleAttendeeRow *self,
                                  gboolean           editable,
                                  gboolean           check_in)
{
  g_return_if_fail (CERCLE_IS_ATTENDEE_ROW (self));

  self->editable = editable;
  self->check_in = check_in;
  update (self);
}
