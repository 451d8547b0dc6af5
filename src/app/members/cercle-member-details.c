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
#include "cercle-member-details.h"

typedef enum
{
  GROUP_WORK,
  GROUP_BUSINESS,
  GROUP_CONTACT,
  GROUP_MEMBERSHIP,
  N_GROUPS
} Group;

typedef enum
{
  FIELD_TEXT,
  FIELD_EMAIL,
  FIELD_PHONE,
  FIELD_WEBSITE,
  FIELD_SPONSOR,
  FIELD_DAY,
} FieldKind;

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
  { "offers",          "offers",          N_("I offer"),          GROUP_BUSINESS,   FIELD_TEXT },
  { "needs",           "needs",           N_("I am looking for"), GROUP_BUSINESS,   FIELD_TEXT },
  { "bio",             "bio",             N_("About"),            GROUP_BUSINESS,   FIELD_TEXT },
  { "email",           "email",           N_("Email"),            GROUP_CONTACT,    FIELD_EMAIL },
  { "phone",           "phone",           N_("Phone"),            GROUP_CONTACT,    FIELD_PHONE },
  { "website",         "website",         N_("Website"),          GROUP_CONTACT,    FIELD_WEBSITE },
  { "sponsor-id",      "sponsor_id",      N_("Sponsor"),          GROUP_MEMBERSHIP, FIELD_SPONSOR },
  { "joined-on",       "joined_on",       N_("Member since"),     GROUP_MEMBERSHIP, FIELD_DAY },
  { "dues-paid-until", "dues_paid_until", N_("Dues paid until"),  GROUP_MEMBERSHIP, FIELD_DAY },
};

typedef struct
{
  AdwActionRow *row;
  GtkWidget    *private_icon;
  GtkWidget    *open_button;
} FieldRow;

struct _CercleMemberDetails
{
  GtkWidget            parent_instance;

  CercleContext       *context;
  CercleMember        *member;

  FieldRow             rows[G_N_ELEMENTS (fields)];
  AdwPreferencesGroup *groups[N_GROUPS];

  GtkScrolledWindow   *scrolled_window;
  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *headline_label;
  GtkLabel            *status_label;
  GtkLabel            *staff_label;
  AdwPreferencesGroup *work_group;
  AdwPreferencesGroup *business_group;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *membership_group;
  AdwActionRow        *attendance_row;
};

G_DEFINE_FINAL_TYPE (CercleMemberDetails, cercle_member_details, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MEMBER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_member_name (CercleContext *context,
                 const char    *member_id)
{
  g_autoptr(CercleMember) member = NULL;

  if (context == NULL || member_id == NULL || *member_id == '\0')
    return NULL;

  member = cercle_store_get_record (cercle_context_get_store (context),
                                    CERCLE_TYPE_MEMBER, member_id, NULL);
  if (member == NULL)
    return NULL;

  return cercle_format_full_name (cercle_member_get_first_name (member),
                                  cercle_member_get_last_name (member));
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
    default:
      return NULL;
    }
}

static void
on_open_clicked_cb (GtkButton           *button,
                    CercleMemberDetails *self)
{
  const char *uri = g_object_get_data (G_OBJECT (button), "uri");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (uri == NULL)
    return;

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/* The attendance rate of the last six months, for the member and the
 * staff (the calendar's regularity); returns whether it is shown */
static gboolean
cercle_member_details_update_attendance (CercleMemberDetails *self,
                                         const CercleViewer  *viewer)
{
  const char *member_id = cercle_record_get_id (CERCLE_RECORD (self->member));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) since = g_date_time_add_months (now, -6);
  g_autofree char *text = NULL;
  CercleRegularity regularity;
  double rate;

  if (self->context == NULL || !cercle_visibility_can_see_regularity (viewer, member_id) ||
      !cercle_store_get_member_regularity (cercle_context_get_store (self->context), member_id,
                                           since, now, &regularity, NULL))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->attendance_row), FALSE);
      return FALSE;
    }

  rate = cercle_registration_policy_attendance_rate (regularity.attended, regularity.expected);
  if (rate < 0)
    text = g_strdup (_("Expected at no event"));
  else
    /* Translators: an attendance rate, as in "75 % — 9 of 12 events" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f %% — %u of %u event", "%.0f %% — %u of %u events",
                                         regularity.expected),
                            rate * 100, regularity.attended, regularity.expected);
  adw_action_row_set_subtitle (self->attendance_row, text);
  gtk_widget_set_visible (GTK_WIDGET (self->attendance_row), TRUE);

  return TRUE;
}

static void
cercle_member_details_update (CercleMemberDetails *self)
{
  g_autofree char *full_name = NULL;
  g_autofree char *headline = NULL;
  g_autoptr(CercleViewer) viewer = NULL;
  const char *job;
  const char *company;
  gboolean group_has_rows[N_GROUPS] = { FALSE, };

  if (self->member == NULL)
    return;

  full_name = cercle_format_full_name (cercle_member_get_first_name (self->member),
                                       cercle_member_get_last_name (self->member));
  adw_avatar_set_text (self->avatar, full_name);
  gtk_label_set_text (self->name_label, full_name);

  job = cercle_member_get_job_title (self->member);
  company = cercle_member_get_company (self->member);
  if (job != NULL && *job != '\0' && company != NULL && *company != '\0')
    /* Translators: a member's job at a company, as in
     * "Managing director at Atelier Dupont" */
    headline = g_strdup_printf (_("%s at %s"), job, company);
  else if (job != NULL && *job != '\0')
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

  /* Who looks decides what is shown: the rules of cercle-visibility.c */
  if (self->context != NULL)
    viewer = cercle_store_dup_viewer (cercle_context_get_store (self->context), NULL);
  if (viewer == NULL)
    viewer = cercle_viewer_new (NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      FieldRow *field_row = &self->rows[i];
      g_autofree char *value = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *uri = NULL;
      gboolean visible;

      g_object_get (self->member, fields[i].property, &value, NULL);

      switch (fields[i].kind)
        {
        case FIELD_SPONSOR:
          shown = dup_member_name (self->context, value);
          break;

        case FIELD_DAY:
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

      visible = shown != NULL && *shown != '\0' &&
                cercle_visibility_can_see_member_field (viewer, self->member, fields[i].column);
      gtk_widget_set_visible (GTK_WIDGET (field_row->row), visible);
      if (!visible)
        continue;

      group_has_rows[fields[i].group] = TRUE;
      adw_action_row_set_subtitle (field_row->row, shown);

      /* Members choose which of their fields other members may see; staff
       * and the member see them, marked as private */
      gtk_widget_set_visible (field_row->private_icon,
                              cercle_visibility_is_field_private (self->member, fields[i].column));

      if (field_row->open_button != NULL)
        {
          uri = dup_uri_for_field (fields[i].kind, shown);
          g_object_set_data_full (G_OBJECT (field_row->open_button), "uri",
                                  g_steal_pointer (&uri), g_free);
        }
    }

  group_has_rows[GROUP_MEMBERSHIP] |= cercle_member_details_update_attendance (self, viewer);

  for (guint g = 0; g < N_GROUPS; g++)
    gtk_widget_set_visible (GTK_WIDGET (self->groups[g]), group_has_rows[g]);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
}

static void
cercle_member_details_build_rows (CercleMemberDetails *self)
{
  self->groups[GROUP_WORK] = self->work_group;
  self->groups[GROUP_BUSINESS] = self->business_group;
  self->groups[GROUP_CONTACT] = self->contact_group;
  self->groups[GROUP_MEMBERSHIP] = self->membership_group;

  self->attendance_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->attendance_row), _("Attendance, last six months"));
  gtk_widget_add_css_class (GTK_WIDGET (self->attendance_row), "property");
  adw_preferences_group_add (self->membership_group, GTK_WIDGET (self->attendance_row));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      FieldRow *field_row = &self->rows[i];
      const char *icon_name = NULL;
      const char *tooltip = NULL;

      field_row->row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field_row->row), _(fields[i].title));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (field_row->row), FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (field_row->row), "property");

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
          icon_name = "mail-send-symbolic";
          tooltip = _("Send Email");
          break;

        case FIELD_PHONE:
          icon_name = "call-start-symbolic";
          tooltip = _("Call");
          break;

        case FIELD_WEBSITE:
          icon_name = "web-browser-symbolic";
          tooltip = _("Open Website");
          break;

        case FIELD_TEXT:
        case FIELD_SPONSOR:
        case FIELD_DAY:
        default:
          break;
        }

      if (icon_name != NULL)
        {
          field_row->open_button = gtk_button_new_from_icon_name (icon_name);
          gtk_widget_set_valign (field_row->open_button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (field_row->open_button, tooltip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (field_row->open_button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                          -1);
          gtk_widget_add_css_class (field_row->open_button, "flat");
          g_signal_connect_object (field_row->open_button, "clicked",
                                   G_CALLBACK (on_open_clicked_cb), self, 0);
          adw_action_row_add_suffix (field_row->row, field_row->open_button);
        }

      adw_preferences_group_add (self->groups[fields[i].group], GTK_WIDGET (field_row->row));
    }
}

static void
cercle_member_details_dispose (GObject *object)
{
  CercleMemberDetails *self = (CercleMemberDetails *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_MEMBER_DETAILS);
  memset (self->rows, 0, sizeof self->rows);
  memset (self->groups, 0, sizeof self->groups);
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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/members/cercle-member-details.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, avatar);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, name_label);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, headline_label);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, status_label);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, staff_label);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, work_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, business_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, contact_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberDetails, membership_group);
}

static void
cercle_member_details_init (CercleMemberDetails *self)
{
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
 * fresh copy of the record after the store changed. */
void
cercle_member_details_set_member (CercleMemberDetails *self,
                                  CercleMember        *member)
{
  gboolean changed;

  g_return_if_fail (CERCLE_IS_MEMBER_DETAILS (self));
  g_return_if_fail (!member || CERCLE_IS_MEMBER (member));

  changed = g_set_object (&self->member, member);
  cercle_member_details_update (self);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBER]);
}
