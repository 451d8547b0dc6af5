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
#include "cercle-member-history.h"
#include "cercle-member-photo.h"

/* A member's profile, as the local user may see it (cercle-visibility.c):
 * who they are, what they do, how to reach them, their membership and
 * their part in the club's life; the members to meet on the user's own
 * profile, and the profile's history for staff. */

/* How many members to suggest, and how many changes of a profile to list */
#define N_SUGGESTIONS  5
#define MAX_HISTORY    100

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
  FIELD_DUES,
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

typedef struct
{
  AdwActionRow *row;
  GtkWidget    *private_icon;
  GtkWidget    *open_button;
  GtkWidget    *copy_button;
  GtkWidget    *overdue_label;
  GtkWidget    *go_icon;
  char         *value;    /* what the buttons open or copy */
} FieldRow;

struct _CercleMemberDetails
{
  GtkWidget            parent_instance;

  CercleContext       *context;
  CercleMember        *member;
  GCancellable        *suggest_cancellable;

  FieldRow             rows[G_N_ELEMENTS (fields)];
  AdwPreferencesGroup *groups[N_GROUPS];
  GPtrArray           *sponsored_rows;
  GPtrArray           *meet_rows;
  GPtrArray           *history_rows;

  GtkScrolledWindow   *scrolled_window;
  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *headline_label;
  GtkLabel            *status_label;
  GtkLabel            *staff_label;
  GtkWidget           *message_button;
  AdwPreferencesGroup *meet_group;
  AdwPreferencesGroup *work_group;
  AdwPreferencesGroup *business_group;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *membership_group;
  AdwPreferencesGroup *sponsored_group;
  AdwPreferencesGroup *mentoring_group;
  GPtrArray           *mentoring_rows;
  AdwPreferencesGroup *activity_group;
  AdwActionRow        *attendance_row;
  AdwActionRow        *given_row;
  AdwActionRow        *received_row;
  AdwActionRow        *one_to_ones_row;
  AdwPreferencesGroup *history_group;
  AdwExpanderRow      *history_row;
};

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

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static CercleStore *
get_store (CercleMemberDetails *self)
{
  return self->context != NULL ? cercle_context_get_store (self->context) : NULL;
}

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
on_member_row_activated_cb (AdwActionRow        *row,
                            CercleMemberDetails *self)
{
  const char *member_id = g_object_get_data (G_OBJECT (row), "member-id");

  if (member_id != NULL)
    g_signal_emit (self, signals[OPEN_MEMBER], 0, member_id);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

/* A row that opens another member's profile */
static AdwActionRow *
make_member_row (CercleMemberDetails *self,
                 const char          *member_id,
                 const char          *title,
                 const char          *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_subtitle_lines (row, 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "member-id", g_strdup (member_id), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_member_row_activated_cb), self, 0);

  return row;
}

static void
update_sponsored (CercleMemberDetails *self)
{
  g_autoptr(GListModel) sponsored = NULL;
  guint n;

  clear_rows (self->sponsored_group, self->sponsored_rows);

  sponsored = cercle_store_list_sponsored_members (get_store (self),
                                                   cercle_record_get_id (CERCLE_RECORD (self->member)),
                                                   NULL);
  n = sponsored != NULL ? g_list_model_get_n_items (sponsored) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CercleMember) member = g_list_model_get_item (sponsored, i);
      g_autofree char *name = cercle_format_full_name (cercle_member_get_first_name (member),
                                                       cercle_member_get_last_name (member));
      const char *status = cercle_member_get_status (member) != CERCLE_MEMBER_STATUS_ACTIVE
        ? cercle_member_status_to_string (cercle_member_get_status (member)) : NULL;
      AdwActionRow *row = make_member_row (self, cercle_record_get_id (CERCLE_RECORD (member)),
                                           name, status);

      adw_preferences_group_add (self->sponsored_group, GTK_WIDGET (row));
      g_ptr_array_add (self->sponsored_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->sponsored_group), n > 0);
}

/* The member's mentor, or the new members they mentor, with the
 * one-to-ones of each pair since it began; only the pair and the staff
 * get these rows from the store */
static void
update_mentoring (CercleMemberDetails *self)
{
  const char *me = cercle_record_get_id (CERCLE_RECORD (self->member));
  g_autoptr(GListModel) mentorings = NULL;
  guint n;

  clear_rows (self->mentoring_group, self->mentoring_rows);

  mentorings = cercle_store_list_mentorings (get_store (self), me, NULL);
  n = mentorings != NULL ? g_list_model_get_n_items (mentorings) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CercleMentoring) mentoring = g_list_model_get_item (mentorings, i);
      gboolean is_mentor = g_strcmp0 (cercle_mentoring_get_mentor_id (mentoring), me) == 0;
      const char *other_id = is_mentor ? cercle_mentoring_get_mentee_id (mentoring)
                                       : cercle_mentoring_get_mentor_id (mentoring);
      g_autoptr(CercleMember) other = cercle_store_get_record (get_store (self), CERCLE_TYPE_MEMBER, other_id, NULL);
      g_autofree char *name = other != NULL ? cercle_format_full_name (cercle_member_get_first_name (other),
                                                                       cercle_member_get_last_name (other))
                                            : g_strdup (_("Unknown member"));
      g_autofree char *starts = cercle_format_day (cercle_mentoring_get_starts_on (mentoring));
      g_autofree char *ends = cercle_format_day (cercle_mentoring_get_ends_on (mentoring));
      int met = cercle_store_count_one_to_ones_between (get_store (self), me, other_id,
                                                        cercle_mentoring_get_starts_on (mentoring), NULL);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      AdwActionRow *row;

      title = is_mentor
        /* Translators: on a mentor's profile, the new member they mentor */
        ? g_strdup_printf (_("Mentor of %s"), name)
        /* Translators: on a new member's profile, their mentor */
        : g_strdup_printf (_("Mentored by %s"), name);
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s – %s · %d one-to-one", "%s – %s · %d one-to-ones",
                                               (gulong)MAX (met, 0)),
                                  starts ? starts : "", ends ? ends : "", MAX (met, 0));
      row = make_member_row (self, other_id, title, subtitle);
      adw_preferences_group_add (self->mentoring_group, GTK_WIDGET (row));
      g_ptr_array_add (self->mentoring_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->mentoring_group), n > 0);
}

static void
update_activity (CercleMemberDetails *self,
                 const CercleViewer  *viewer)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *attendance = NULL;
  g_autofree char *given = NULL;
  g_autofree char *received = NULL;
  g_autofree char *met = NULL;
  CercleMemberActivity activity;
  double rate;

  if (!cercle_store_get_member_activity (get_store (self),
                                         cercle_record_get_id (CERCLE_RECORD (self->member)),
                                         now, &activity, NULL))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->activity_group), FALSE);
      return;
    }

  rate = cercle_registration_policy_attendance_rate (activity.events_attended, activity.events_expected);
  if (rate >= 0)
    /* Translators: attendance over six months: "75 % — 6 of 8 events";
     * the first %u is a percentage */
    attendance = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u %% — %u of %u event over the last six months",
                                               "%u %% — %u of %u events over the last six months",
                                               activity.events_expected),
                                  (guint)(rate * 100 + 0.5),
                                  activity.events_attended, activity.events_expected);
  else
    attendance = g_strdup (_("No attendance taken over the last six months"));

  /* Translators: referrals a member gave, and how many brought business */
  given = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u, %u won", "%u, %u won", activity.referrals_given),
                           activity.referrals_given, activity.referrals_given_won);
  received = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u, %u won", "%u, %u won", activity.referrals_received),
                              activity.referrals_received, activity.referrals_received_won);
  met = g_strdup_printf ("%u", activity.one_to_ones);

  /* How regularly someone comes is between them and the staff */
  gtk_widget_set_visible (GTK_WIDGET (self->attendance_row),
                          cercle_visibility_can_see_regularity (viewer, cercle_record_get_id (CERCLE_RECORD (self->member))));
  adw_action_row_set_subtitle (self->attendance_row, attendance);
  adw_action_row_set_subtitle (self->given_row, given);
  adw_action_row_set_subtitle (self->received_row, received);
  adw_action_row_set_subtitle (self->one_to_ones_row, met);
  gtk_widget_set_visible (GTK_WIDGET (self->activity_group), TRUE);
}

static void
update_history (CercleMemberDetails *self,
                const CercleViewer  *viewer)
{
  g_autoptr(JsonArray) history = NULL;
  guint n = 0;

  for (guint i = 0; i < self->history_rows->len; i++)
    adw_expander_row_remove (self->history_row, g_ptr_array_index (self->history_rows, i));
  g_ptr_array_set_size (self->history_rows, 0);

  /* The history says who paid what and when: staff only */
  if (viewer->is_staff)
    history = cercle_store_dup_history (get_store (self),
                                        cercle_record_get_id (CERCLE_RECORD (self->member)), NULL);

  n = history != NULL ? json_array_get_length (history) : 0;

  /* Newest first */
  for (guint i = n; i > 0 && n - i < MAX_HISTORY; i--)
    {
      JsonObject *entry = json_array_get_object_element (history, i - 1);
      g_autofree char *when = NULL;
      g_autofree char *what = NULL;
      AdwActionRow *row;

      if (entry == NULL)
        continue;

      what = cercle_member_history_describe (get_store (self), entry, &when);
      row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), what);
      adw_action_row_set_subtitle (row, when);
      adw_action_row_set_title_lines (row, 3);
      adw_expander_row_add_row (self->history_row, GTK_WIDGET (row));
      g_ptr_array_add (self->history_rows, row);
    }

  if (n > 0)
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", n), n);

      adw_expander_row_set_subtitle (self->history_row, count);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->history_group), n > 0);
}

static char *
explain_suggestion (const CercleSuggestion *suggestion)
{
  if (suggestion->their_text == NULL)
    return NULL;

  if (suggestion->reason == CERCLE_SUGGESTION_OFFERS_YOUR_NEED)
    {
      if (suggestion->your_text != NULL)
        /* Translators: why to meet a member, as in "offers: Tenue comptable
         * — you look for: Expert-comptable pour la clôture" */
        return g_strdup_printf (_("offers: %s — you look for: %s"), suggestion->their_text, suggestion->your_text);
      return g_strdup_printf (_("offers: %s"), suggestion->their_text);
    }

  if (suggestion->your_text != NULL)
    /* Translators: why to meet a member, as in "looking for: un site
     * internet — you offer: Sites internet pour les commerces" */
    return g_strdup_printf (_("looking for: %s — you offer: %s"), suggestion->their_text, suggestion->your_text);
  return g_strdup_printf (_("looking for: %s"), suggestion->their_text);
}

static void
on_suggestions_ready_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(CercleMemberDetails) self = user_data;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;

  suggestions = cercle_store_suggest_members_finish (CERCLE_STORE (object), result, &error);
  if (suggestions == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not find members to meet: %s", error->message);
      return;
    }

  clear_rows (self->meet_group, self->meet_rows);

  for (guint i = 0; i < suggestions->len; i++)
    {
      const CercleSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      g_autoptr(CercleMember) member = cercle_store_get_record (CERCLE_STORE (object), CERCLE_TYPE_MEMBER,
                                                                suggestion->member_id, NULL);
      g_autofree char *name = NULL;
      g_autofree char *title = NULL;
      g_autofree char *why = explain_suggestion (suggestion);
      AdwActionRow *row;

      if (member == NULL)
        continue;

      name = cercle_format_full_name (cercle_member_get_first_name (member),
                                      cercle_member_get_last_name (member));
      if (has_text (cercle_member_get_company (member)))
        /* Translators: a member and their company, as in "Anne Roux ·
         * Cabinet Roux" */
        title = g_strdup_printf (_("%s · %s"), name, cercle_member_get_company (member));
      else
        title = g_steal_pointer (&name);

      row = make_member_row (self, suggestion->member_id, title, why);
      adw_preferences_group_add (self->meet_group, GTK_WIDGET (row));
      g_ptr_array_add (self->meet_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->meet_group), self->meet_rows->len > 0);
}

/* On the user's own profile only: who they should meet */
static void
update_suggestions (CercleMemberDetails *self,
                    const CercleViewer  *viewer)
{
  const char *member_id = cercle_record_get_id (CERCLE_RECORD (self->member));

  g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);

  if (!cercle_viewer_is (viewer, member_id))
    {
      clear_rows (self->meet_group, self->meet_rows);
      gtk_widget_set_visible (GTK_WIDGET (self->meet_group), FALSE);
      return;
    }

  self->suggest_cancellable = g_cancellable_new ();
  cercle_store_suggest_members_async (get_store (self), member_id, N_SUGGESTIONS,
                                      self->suggest_cancellable,
                                      on_suggestions_ready_cb, g_object_ref (self));
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
  update_sponsored (self);
  update_mentoring (self);
  update_activity (self, viewer);
  update_history (self, viewer);
  update_suggestions (self, viewer);
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
