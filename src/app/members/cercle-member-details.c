/* cercle-member-details.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-member-details"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cercle-format.h"
#include "cercle-member-details-private.h"
#include "cercle-member-photo.h"

/* A member's profile, as the local user may see it (cercle-visibility.c):
 * who they are, what they do, how to reach them, their membership and
 * their part in the club's life; the members to meet on the user's own
 * profile, and the profile's history for staff. */

/* The profile, in the order it reads: one row per stored property. Rows
 * are made once; showing another member only changes their text. */
static const struct {
  const char *property;
  const char *column;
  const char *title;
  Group       group;
  FieldKind   kind;
} fields[] = {
  { "company",         "company",         N_("Company"),          GROUP_WORK,       FIELD_TEXT },
  { "job-title",       "job_title",       N_("Job title"),        GROUP_WORK,       FIELD_TEXT },
  { "sector",          "sector",          N_("Sector"),           GROUP_WORK,       FIELD_TEXT },
  { "city",            "city",            N_("City"),             GROUP_WORK,       FIELD_TEXT },
  { "siret",           "siret",           N_("SIRET"),            GROUP_WORK,       FIELD_TEXT },
  { "offers",          "offers",          N_("I offer"),          GROUP_BUSINESS,   FIELD_TEXT },
  { "needs",           "needs",           N_("I am looking for"), GROUP_BUSINESS,   FIELD_TEXT },
  { "bio",             "bio",             N_("About"),            GROUP_BUSINESS,   FIELD_TEXT },
  { "email",           "email",           N_("Email"),            GROUP_CONTACT,    FIELD_EMAIL },
  { "phone",           "phone",           N_("Phone"),            GROUP_CONTACT,    FIELD_PHONE },
  { "website",         "website",         N_("Website"),          GROUP_CONTACT,    FIELD_WEBSITE },
  { "sponsor-id",      "sponsor_id",      N_("Sponsor"),          GROUP_MEMBERSHIP, FIELD_SPONSOR },
  { "joined-on",       "joined_on",       N_("Member since"),     GROUP_MEMBERSHIP, FIELD_DAY },
  { "dues-paid-until", "dues_paid_until", N_("Dues paid until"),  GROUP_MEMBERSHIP, FIELD_DUES },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == N_FIELDS);

G_DEFINE_FINAL_TYPE (CercleMemberDetails, cercle_member_details, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MEMBER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_MEMBER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


static char *
dup_member_name (CercleMemberDetails *self,
                 const char          *member_id)
{
  g_autoptr(CercleMember) member = NULL;

  if (get_store (self) == NULL || !has_text (member_id))
    return NULL;

  member = cercle_store_get_record (get_store (self), CERCLE_TYPE_MEMBER, member_id, NULL);
  if (member == NULL)
    return NULL;

  return cercle_format_full_name (cercle_member_get_first_name (member),
                                  cercle_member_get_last_name (member));
}

static void
show_toast (CercleMemberDetails *self,
            const char          *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static char *
dup_uri_for_field (FieldKind   kind,
                   const char *value)
{
  g_autofree char *escaped = NULL;

  switch (kind)
    {
    case FIELD_EMAIL:
      escaped = g_uri_escape_string (value, "@+.", FALSE);
      return g_strconcat ("mailto:", escaped, NULL);

    case FIELD_PHONE:
      {
        g_autoptr(GString) digits = g_string_new ("tel:");

        for (const char *p = value; *p; p++)
          if (g_ascii_isdigit (*p) || *p == '+')
            g_string_append_c (digits, *p);
        return g_string_free (g_steal_pointer (&digits), FALSE);
      }

    case FIELD_WEBSITE:
      if (g_str_has_prefix (value, "http://") || g_str_has_prefix (value, "https://"))
        return g_strdup (value);
      return g_strconcat ("https://", value, NULL);

    case FIELD_TEXT:
    case FIELD_SPONSOR:
    case FIELD_DAY:
    case FIELD_DUES:
    default:
      return NULL;
    }
}

static void
copy_field (CercleMemberDetails *self,
            FieldRow            *field_row)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), field_row->value);
}

typedef struct
{
  CercleMemberDetails *self;
  FieldKind            kind;
  char                *value;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->self);
  g_free (data->value);
  g_free (data);
}

/* No app could open it (none installed, or the portal refused): the user
 * still gets what they wanted to act on, in the clipboard */
static void
on_show_uri_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  OpenData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      gtk_widget_get_root (GTK_WIDGET (data->self)) != NULL)
    {
      const char *message;

      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (data->self)), data->value);

      switch (data->kind)
        {
        case FIELD_EMAIL:
          message = _("No app can send email on this computer; the address was copied");
          break;
        case FIELD_PHONE:
          message = _("No app can make calls on this computer; the number was copied");
          break;
        case FIELD_WEBSITE:
        case FIELD_TEXT:
        case FIELD_SPONSOR:
        case FIELD_DAY:
        case FIELD_DUES:
        default:
          message = _("No app can open websites on this computer; the address was copied");
          break;
        }

      g_debug ("Could not open %s: %s", data->value, error->message);
      show_toast (data->self, message);
    }

  open_data_free (data);
}

static void
on_open_clicked_cb (GtkButton           *button,
                    CercleMemberDetails *self)
{
  FieldRow *field_row = g_object_get_data (G_OBJECT (button), "field-row");
  guint index = (guint)(field_row - self->rows);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *uri = NULL;
  OpenData *data;

  if (field_row->value == NULL || !GTK_IS_WINDOW (root))
    return;

  uri = dup_uri_for_field (fields[index].kind, field_row->value);
  data = g_new0 (OpenData, 1);
  data->self = g_object_ref (self);
  data->kind = fields[index].kind;
  data->value = g_strdup (field_row->value);

  gtk_show_uri_full (GTK_WINDOW (root), uri, GDK_CURRENT_TIME, NULL, on_show_uri_done_cb, data);
}

static void
on_copy_clicked_cb (GtkButton           *button,
                    CercleMemberDetails *self)
{
  FieldRow *field_row = g_object_get_data (G_OBJECT (button), "field-row");

  if (field_row->value == NULL)
    return;

  copy_field (self, field_row);
  show_toast (self, _("Copied"));
}

static void
update_header (CercleMemberDetails *self)
{
  g_autofree char *full_name = NULL;
  g_autofree char *headline = NULL;
  g_autoptr(GdkPaintable) photo = NULL;
  const char *job;
  const char *company;

  full_name = cercle_format_full_name (cercle_member_get_first_name (self->member),
                                       cercle_member_get_last_name (self->member));
  adw_avatar_set_text (self->avatar, full_name);
  photo = cercle_member_photo_to_paintable (cercle_member_get_photo (self->member));
  adw_avatar_set_custom_image (self->avatar, photo);
  gtk_label_set_text (self->name_label, full_name);

  job = cercle_member_get_job_title (self->member);
  company = cercle_member_get_company (self->member);
  if (has_text (job) && has_text (company))
    /* Translators: a member's job at a company, as in
     * "Managing director at Atelier Dupont" */
    headline = g_strdup_printf (_("%s at %s"), job, company);
  else if (has_text (job))
    headline = g_strdup (job);
  else
    headline = g_strdup (company ? company : "");
  gtk_label_set_text (self->headline_label, headline);
  gtk_widget_set_visible (GTK_WIDGET (self->headline_label), *headline != '\0');

  gtk_label_set_text (self->status_label,
                      cercle_member_status_to_string (cercle_member_get_status (self->member)));
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "candidate");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "alumni");
  if (cercle_member_get_status (self->member) == CERCLE_MEMBER_STATUS_CANDIDATE)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "candidate");
  else if (cercle_member_get_status (self->member) == CERCLE_MEMBER_STATUS_ALUMNI)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "alumni");
  gtk_widget_set_visible (GTK_WIDGET (self->staff_label),
                          cercle_member_get_role (self->member) == CERCLE_MEMBER_ROLE_STAFF);
}

static void
update_fields (CercleMemberDetails *self,
               const CercleViewer  *viewer)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean group_has_rows[N_GROUPS] = { FALSE, };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      FieldRow *field_row = &self->rows[i];
      g_autofree char *value = NULL;
      g_autofree char *shown = NULL;
      gboolean visible;

      g_object_get (self->member, fields[i].property, &value, NULL);

      switch (fields[i].kind)
        {
        case FIELD_SPONSOR:
          shown = dup_member_name (self, value);
          break;

        case FIELD_DAY:
        case FIELD_DUES:
          shown = cercle_format_day (value);
          break;

        case FIELD_TEXT:
        case FIELD_EMAIL:
        case FIELD_PHONE:
        case FIELD_WEBSITE:
        default:
          shown = value ? g_strstrip (g_strdup (value)) : NULL;
          break;
        }

      /* Who looks decides what is shown: the rules of cercle-visibility.c.
       * Overdue dues show even when never paid. */
      visible = cercle_visibility_can_see_member_field (viewer, self->member, fields[i].column) &&
                (has_text (shown) ||
                 (fields[i].kind == FIELD_DUES && cercle_membership_dues_overdue (self->member, now)));
      gtk_widget_set_visible (GTK_WIDGET (field_row->row), visible);
      g_clear_pointer (&field_row->value, g_free);
      if (!visible)
        continue;

      group_has_rows[fields[i].group] = TRUE;
      adw_action_row_set_subtitle (field_row->row, has_text (shown) ? shown : _("Never paid"));
      /* What the buttons act on: the sponsor's id, or the text shown */
      if (fields[i].kind == FIELD_SPONSOR)
        field_row->value = g_steal_pointer (&value);
      else
        field_row->value = g_steal_pointer (&shown);

      /* Members choose which of their fields other members may see; staff
       * and the member see them, marked as private */
      gtk_widget_set_visible (field_row->private_icon,
                              cercle_visibility_is_field_private (self->member, fields[i].column));

      if (field_row->overdue_label != NULL)
        {
          gboolean overdue = cercle_membership_dues_overdue (self->member, now);

          gtk_widget_set_visible (field_row->overdue_label, overdue);
          if (overdue)
            gtk_widget_add_css_class (GTK_WIDGET (field_row->row), "overdue");
          else
            gtk_widget_remove_css_class (GTK_WIDGET (field_row->row), "overdue");
        }
    }

  for (guint g = 0; g < N_GROUPS; g++)
    gtk_widget_set_visible (GTK_WIDGET (self->groups[g]), group_has_rows[g]);
}

static void
cercle_member_details_update (CercleMemberDetails *self)
{
  g_autoptr(CercleViewer) viewer = NULL;

  if (self->member == NULL || self->context == NULL)
    return;

  viewer = cercle_store_dup_viewer (get_store (self), NULL);
  if (viewer == NULL)
    viewer = cercle_viewer_new (NULL, FALSE);

  update_header (self);
  gtk_widget_set_visible (self->message_button,
                          cercle_message_policy_can_write_to (viewer,
                                                              cercle_record_get_id (CERCLE_RECORD (self->member))));
  update_fields (self, viewer);
  _cercle_member_details_update_sections (self, viewer);
}

static void
on_message_clicked_cb (GtkButton           *button,
                       CercleMemberDetails *self)
{
  if (self->member != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.message-member", "s",
                                cercle_record_get_id (CERCLE_RECORD (self->member)));
}

static void
on_sponsor_activated_cb (AdwActionRow        *row,
                         CercleMemberDetails *self)
{
  FieldRow *field_row = g_object_get_data (G_OBJECT (row), "field-row");

  if (field_row->value != NULL)
    g_signal_emit (self, signals[OPEN_MEMBER], 0, field_row->value);
}

static GtkWidget *
make_button (CercleMemberDetails *self,
             FieldRow            *field_row,
             const char          *icon_name,
             const char          *tooltip,
             GCallback            callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "field-row", field_row);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  adw_action_row_add_suffix (field_row->row, button);

  return button;
}

static void
cercle_member_details_build_rows (CercleMemberDetails *self)
{
  self->groups[GROUP_WORK] = self->work_group;
  self->groups[GROUP_BUSINESS] = self->business_group;
  self->groups[GROUP_CONTACT] = self->contact_group;
  self->groups[GROUP_MEMBERSHIP] = self->membership_group;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      FieldRow *field_row = &self->rows[i];

      field_row->row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field_row->row), _(fields[i].title));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (field_row->row), FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (field_row->row), "property");
      g_object_set_data (G_OBJECT (field_row->row), "field-row", field_row);

      field_row->private_icon = gtk_image_new_from_icon_name ("view-conceal-symbolic");
      gtk_widget_set_tooltip_text (field_row->private_icon,
                                   _("Private: only staff and this member can see it"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (field_row->private_icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Private"),
                                      -1);
      gtk_widget_add_css_class (field_row->private_icon, "dim-label");
      gtk_widget_set_visible (field_row->private_icon, FALSE);
      adw_action_row_add_suffix (field_row->row, field_row->private_icon);

      switch (fields[i].kind)
        {
        case FIELD_EMAIL:
          field_row->open_button = make_button (self, field_row, "mail-send-symbolic", _("Send Email"),
                                                G_CALLBACK (on_open_clicked_cb));
          field_row->copy_button = make_button (self, field_row, "edit-copy-symbolic", _("Copy Email Address"),
                                                G_CALLBACK (on_copy_clicked_cb));
          break;

        case FIELD_PHONE:
          field_row->open_button = make_button (self, field_row, "call-start-symbolic", _("Call"),
                                                G_CALLBACK (on_open_clicked_cb));
          field_row->copy_button = make_button (self, field_row, "edit-copy-symbolic", _("Copy Phone Number"),
                                                G_CALLBACK (on_copy_clicked_cb));
          break;

        case FIELD_WEBSITE:
          field_row->open_button = make_button (self, field_row, "web-browser-symbolic", _("Open Website"),
                                                G_CALLBACK (on_open_clicked_cb));
          field_row->copy_button = make_button (self, field_row, "edit-copy-symbolic", _("Copy Website Address"),
                                                G_CALLBACK (on_copy_clicked_cb));
          break;

        case FIELD_SPONSOR:
          field_row->go_icon = gtk_image_new_from_icon_name ("go-next-symbolic");
          adw_action_row_add_suffix (field_row->row, field_row->go_icon);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (field_row->row), TRUE);
          g_signal_connect_object (field_row->row, "activated",
                                   G_CALLBACK (on_sponsor_activated_cb), self, 0);
          break;

        case FIELD_DUES:
          field_row->overdue_label = gtk_label_new (_("Overdue"));
          gtk_widget_set_valign (field_row->overdue_label, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (field_row->overdue_label, "member-status");
          gtk_widget_add_css_class (field_row->overdue_label, "overdue");
          gtk_widget_set_visible (field_row->overdue_label, FALSE);
          adw_action_row_add_suffix (field_row->row, field_row->overdue_label);
          break;

        case FIELD_TEXT:
        case FIELD_DAY:
        default:
          break;
        }

      adw_preferences_group_add (self->groups[fields[i].group], GTK_WIDGET (field_row->row));
    }
}

static void
cercle_member_details_dispose (GObject *object)
{
  CercleMemberDetails *self = (CercleMemberDetails *) object;

  g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_MEMBER_DETAILS);
  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    g_free (self->rows[i].value);
  memset (self->rows, 0, sizeof self->rows);
  memset (self->groups, 0, sizeof self->groups);
  g_clear_pointer (&self->sponsored_rows, g_ptr_array_unref);
  g_clear_pointer (&self->mentoring_rows, g_ptr_array_unref);
  g_clear_pointer (&self->meet_rows, g_ptr_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  g_clear_object (&self->member);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_member_details_parent_class)->dispose (object);
}

static void
cercle_member_details_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CercleMemberDetails *self = CERCLE_MEMBER_DETAILS (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_MEMBER:
      g_value_set_object (value, self->member);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_member_details_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CercleMemberDetails *self = CERCLE_MEMBER_DETAILS (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      cercle_member_details_set_context (self, g_value_get_object (value));
      break;

    case PROP_MEMBER:
      cercle_member_details_set_member (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_member_details_class_init (CercleMemberDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_member_details_dispose;
  object_class->get_property = cercle_member_details_get_property;
  object_class->set_property = cercle_member_details_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CERCLE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MEMBER] =
    g_param_spec_object ("member", NULL, NULL,
                         CERCLE_TYPE_MEMBER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CercleMemberDetails::open-member:
   * @member_id: the member to show
   *
   * The user asked for another member's profile: a sponsor, a member
   * sponsored, a member to meet.
   */
  signals[OPEN_MEMBER] =
    g_signal_new ("open-member",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/members/cercle-member-details.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, avatar);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, name_label);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, headline_label);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, status_label);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, staff_label);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, meet_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, work_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, business_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, contact_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, membership_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, sponsored_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, mentoring_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, activity_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, attendance_row);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, given_row);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, received_row);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, one_to_ones_row);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, history_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, history_row);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, message_button);
  gtk_widget_class_bind_template_callback (widget_class, on_message_clicked_cb);
}

static void
cercle_member_details_init (CercleMemberDetails *self)
{
  self->sponsored_rows = g_ptr_array_new ();
  self->mentoring_rows = g_ptr_array_new ();
  self->meet_rows = g_ptr_array_new ();
  self->history_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  cercle_member_details_build_rows (self);
}

CercleContext *
cercle_member_details_get_context (CercleMemberDetails *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER_DETAILS (self), NULL);

  return self->context;
}

void
cercle_member_details_set_context (CercleMemberDetails *self,
                                   CercleContext       *context)
{
  g_return_if_fail (CERCLE_IS_MEMBER_DETAILS (self));
  g_return_if_fail (!context || CERCLE_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    {
      cercle_member_details_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
    }
}

CercleMember *
cercle_member_details_get_member (CercleMemberDetails *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER_DETAILS (self), NULL);

  return self->member;
}

/* Always updates, even for the same object: the caller uses it to show a
 * fresh copy of the record after the store changed. A new member is
 * shown from the top. */
void
cercle_member_details_set_member (CercleMemberDetails *self,
                                  CercleMember        *member)
{
  const char *old_id;
  gboolean same_member;
  gboolean changed;

  g_return_if_fail (CERCLE_IS_MEMBER_DETAILS (self));
  g_return_if_fail (!member || CERCLE_IS_MEMBER (member));

  old_id = self->member != NULL ? cercle_record_get_id (CERCLE_RECORD (self->member)) : NULL;
  same_member = member != NULL && g_strcmp0 (old_id, cercle_record_get_id (CERCLE_RECORD (member))) == 0;

  changed = g_set_object (&self->member, member);
  cercle_member_details_update (self);

  if (!same_member)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBER]);
}

void
_cercle_member_details_open_member (CercleMemberDetails *self,
                                    const char          *member_id)
{
  g_signal_emit (self, signals[OPEN_MEMBER], 0, member_id);
}
