/* cercle-member-editor-form.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-member-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cercle-member-editor-private.h"

/* The editor's form: its fields built from one table, what they hold read
 * back in canonical form, and checked as they are typed, with the messages
 * of cercle-validate.c under their group. */

const EditorField _cercle_member_editor_fields[N_FIELDS] = {
  { "first_name",      "first-name",      N_("First name"),       GROUP_NAME,       KIND_TEXT },
  { "last_name",       "last-name",       N_("Last name"),        GROUP_NAME,       KIND_TEXT },
  { "company",         "company",         N_("Company"),          GROUP_WORK,       KIND_TEXT },
  { "job_title",       "job-title",       N_("Job title"),        GROUP_WORK,       KIND_TEXT },
  { "sector",          "sector",          N_("Sector"),           GROUP_WORK,       KIND_TEXT },
  { "city",            "city",            N_("City"),             GROUP_WORK,       KIND_TEXT },
  { "siret",           "siret",           N_("SIRET"),            GROUP_WORK,       KIND_SIRET },
  { "offers",          "offers",          N_("I offer"),          GROUP_BUSINESS,   KIND_MULTILINE },
  { "needs",           "needs",           N_("I am looking for"), GROUP_BUSINESS,   KIND_MULTILINE },
  { "bio",             "bio",             N_("About"),            GROUP_BUSINESS,   KIND_MULTILINE },
  { "email",           "email",           N_("Email"),            GROUP_CONTACT,    KIND_EMAIL },
  { "phone",           "phone",           N_("Phone"),            GROUP_CONTACT,    KIND_PHONE },
  { "website",         "website",         N_("Website"),          GROUP_CONTACT,    KIND_URL },
  { "joined_on",       "joined-on",       N_("Member since"),     GROUP_MEMBERSHIP, KIND_DAY },
  { "dues_paid_until", "dues-paid-until", N_("Dues paid until"),  GROUP_MEMBERSHIP, KIND_DAY },
};

const PrivacySwitch _cercle_member_editor_privacy_switches[N_SWITCHES] = {
  { "email", N_("Show my email address to members") },
  { "phone", N_("Show my phone number to members") },
  { "website", N_("Show my website to members") },
};

char *
_cercle_member_editor_field_text (CercleMemberEditor *self,
            guint               i)
{
  g_autofree char *text = NULL;

  if (_cercle_member_editor_fields[i].kind == KIND_MULTILINE)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->fields[i].widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  else
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->fields[i].widget)));

  g_strstrip (text);

  if (*text == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

void
_cercle_member_editor_set_field_text (CercleMemberEditor *self,
                guint               i,
                const char         *text)
{
  if (_cercle_member_editor_fields[i].kind == KIND_MULTILINE)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->fields[i].widget)),
                              text != NULL ? text : "", -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->fields[i].widget), text != NULL ? text : "");
}

/* What to store for @text typed in a field of @kind, in its canonical
 * form; %NULL with @error set when it is not valid */
static char *
check_text (Kind         kind,
            const char  *text,
            GError     **error)
{
  switch (kind)
    {
    case KIND_EMAIL:
      return cercle_validate_email (text, error) ? g_strdup (text) : NULL;

    case KIND_PHONE:
      {
        /* Kept as typed, once known to be a number */
        g_autofree char *e164 = cercle_validate_phone (text, error);

        return e164 != NULL ? g_strdup (text) : NULL;
      }

    case KIND_URL:
      return cercle_validate_url (text, error);

    case KIND_SIRET:
      return cercle_validate_siret (text, error);

    case KIND_DAY:
      return cercle_validate_day (text, error);

    case KIND_TEXT:
    case KIND_MULTILINE:
    default:
      return g_strdup (text);
    }
}

/* The value to store for what was typed in field @i, in its canonical
 * form; NULL for an empty field. Sets the field's error otherwise. */
static char *
field_value (CercleMemberEditor *self,
             guint               i,
             gboolean           *valid)
{
  g_autofree char *text = _cercle_member_editor_field_text (self, i);
  g_autoptr(GError) error = NULL;
  char *value;

  *valid = TRUE;

  if (text == NULL)
    return NULL;

  value = check_text (_cercle_member_editor_fields[i].kind, text, &error);
  if (error != NULL)
    *valid = FALSE;

  return value;
}

/* Shows under each group what its fields need, and marks the fields */
gboolean
_cercle_member_editor_validate (CercleMemberEditor *self)
{
  GString *messages[N_GROUPS] = { NULL, };
  gboolean all_valid = TRUE;

  for (guint g = 0; g < N_GROUPS; g++)
    messages[g] = g_string_new (NULL);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];
      g_autofree char *text = _cercle_member_editor_field_text (self, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;

      g_clear_pointer (&field->error, g_free);

      if (text != NULL && gtk_widget_get_visible (field->container))
        value = check_text (_cercle_member_editor_fields[i].kind, text, &error);

      if (error != NULL)
        {
          Group group = _cercle_member_editor_fields[i].group;

          /* Translators: a field's error under its group, as in
           * "Phone: a phone number has 10 digits." */
          g_autofree char *message = g_strdup_printf (_("%s: %s"), _(_cercle_member_editor_fields[i].title), error->message);

          field->error = g_strdup (error->message);
          g_string_append_printf (messages[group], "%s%s", messages[group]->len > 0 ? "\n" : "", message);
          gtk_widget_add_css_class (field->widget, "error");
          all_valid = FALSE;
        }
      else
        gtk_widget_remove_css_class (field->widget, "error");

      gtk_accessible_update_property (GTK_ACCESSIBLE (field->widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, field->error,
                                      -1);
    }

  /* A member needs a name; a candidate a sponsor */
  {
    g_autofree char *first = _cercle_member_editor_field_text (self, 0);
    g_autofree char *last = _cercle_member_editor_field_text (self, 1);

    if (first == NULL && last == NULL)
      {
        g_string_append (messages[GROUP_NAME], _("A member needs a name."));
        all_valid = FALSE;
      }
  }

  if (gtk_widget_get_visible (GTK_WIDGET (self->membership_group)) &&
      cercle_membership_needs_sponsor ((CercleMemberStatus)adw_combo_row_get_selected (self->status_row)) &&
      self->sponsor_id == NULL)
    {
      g_string_append_printf (messages[GROUP_MEMBERSHIP], "%s%s",
                              messages[GROUP_MEMBERSHIP]->len > 0 ? "\n" : "",
                              _("A candidate comes in with a sponsor: choose one."));
      all_valid = FALSE;
    }

  for (guint g = 0; g < N_GROUPS; g++)
    {
      gtk_label_set_text (self->group_errors[g], messages[g]->str);
      gtk_widget_set_visible (GTK_WIDGET (self->group_errors[g]), messages[g]->len > 0);
      g_string_free (messages[g], TRUE);
    }

  return all_valid;
}

static gboolean
same_private_fields (const char *a,
                     const char *b)
{
  g_auto(GStrv) columns_a = cercle_visibility_parse_private_fields (a);
  g_auto(GStrv) columns_b = cercle_visibility_parse_private_fields (b);
  g_autofree char *joined_a = cercle_visibility_join_private_fields ((const char * const *)columns_a);
  g_autofree char *joined_b = cercle_visibility_join_private_fields ((const char * const *)columns_b);

  return g_strcmp0 (joined_a, joined_b) == 0;
}

/* The member as the form says, on a copy of the original */
CercleMember *
_cercle_member_editor_build_member (CercleMemberEditor *self)
{
  g_autoptr(CercleMember) member = g_object_new (CERCLE_TYPE_MEMBER,
                                                "id", cercle_record_get_id (CERCLE_RECORD (self->original)),
                                                NULL);
  g_autoptr(GStrvBuilder) hidden = g_strv_builder_new ();
  g_auto(GStrv) hidden_columns = NULL;
  g_autofree char *private_fields = NULL;

  cercle_record_update_from (CERCLE_RECORD (member), CERCLE_RECORD (self->original));

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *value = NULL;
      gboolean valid;

      if (!gtk_widget_get_visible (self->fields[i].container))
        continue;

      value = field_value (self, i, &valid);
      /* What cannot be read as typed is left as it was; saving is refused
       * until it is right */
      if (valid)
        g_object_set (member, _cercle_member_editor_fields[i].property, value, NULL);
    }

  if (gtk_widget_get_visible (GTK_WIDGET (self->privacy_group)))
    {
      for (guint i = 0; i < N_SWITCHES; i++)
        if (!gtk_switch_get_active (self->switches[i]))
          g_strv_builder_add (hidden, _cercle_member_editor_privacy_switches[i].column);
      hidden_columns = g_strv_builder_end (hidden);
      private_fields = cercle_visibility_join_private_fields ((const char * const *)hidden_columns);

      /* The same fields kept private, listed in another order (as a
       * spreadsheet import or another client may write them), are no
       * change: the user would be asked to save what they never touched */
      if (same_private_fields (private_fields, cercle_member_get_private_fields (self->original)))
        {
          g_free (private_fields);
          private_fields = g_strdup (cercle_member_get_private_fields (self->original));
        }
      g_object_set (member,
                    "private-fields", private_fields,
                    "qr-consent", gtk_switch_get_active (self->qr_switch),
                    NULL);
    }

  if (gtk_widget_get_visible (self->photo_button))
    g_object_set (member, "photo", self->photo, NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self->membership_group)))
    {
      if (gtk_widget_get_visible (GTK_WIDGET (self->status_row)))
        g_object_set (member, "status", (CercleMemberStatus)adw_combo_row_get_selected (self->status_row), NULL);
      if (gtk_widget_get_visible (GTK_WIDGET (self->role_row)))
        g_object_set (member, "role", (CercleMemberRole)adw_combo_row_get_selected (self->role_row), NULL);
      if (gtk_widget_get_visible (GTK_WIDGET (self->sponsor_row)))
        g_object_set (member, "sponsor-id", self->sponsor_id, NULL);
    }

  return g_steal_pointer (&member);
}

/* libadwaita 1.2 has no switch row: an action row with a switch does */
static GtkSwitch *
add_switch_row (CercleMemberEditor *self,
                const char         *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (_cercle_member_editor_changed), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->privacy_group, row);

  return GTK_SWITCH (toggle);
}

void
_cercle_member_editor_build_form (CercleMemberEditor *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  self->groups[GROUP_NAME] = self->name_group;
  self->groups[GROUP_WORK] = self->work_group;
  self->groups[GROUP_BUSINESS] = self->business_group;
  self->groups[GROUP_CONTACT] = self->contact_group;
  self->groups[GROUP_MEMBERSHIP] = self->membership_group;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];
      AdwPreferencesGroup *group = self->groups[_cercle_member_editor_fields[i].group];

      if (_cercle_member_editor_fields[i].kind == KIND_MULTILINE)
        {
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
          GtkWidget *label = gtk_label_new (_(_cercle_member_editor_fields[i].title));
          GtkWidget *frame = gtk_frame_new (NULL);
          GtkTextBuffer *buffer;

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "caption-heading");
          field->widget = gtk_text_view_new ();
          gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (field->widget), GTK_WRAP_WORD_CHAR);
          gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (field->widget), FALSE);
          gtk_text_view_set_top_margin (GTK_TEXT_VIEW (field->widget), 8);
          gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (field->widget), 8);
          gtk_text_view_set_left_margin (GTK_TEXT_VIEW (field->widget), 10);
          gtk_text_view_set_right_margin (GTK_TEXT_VIEW (field->widget), 10);
          gtk_widget_set_size_request (field->widget, -1, 72);
          gtk_widget_add_css_class (field->widget, "member-text");
          gtk_accessible_update_property (GTK_ACCESSIBLE (field->widget),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _(_cercle_member_editor_fields[i].title),
                                          -1);
          gtk_frame_set_child (GTK_FRAME (frame), field->widget);
          gtk_box_append (GTK_BOX (box), label);
          gtk_box_append (GTK_BOX (box), frame);
          gtk_widget_set_margin_top (box, 6);
          field->container = box;

          buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget));
          g_signal_connect_object (buffer, "changed", G_CALLBACK (_cercle_member_editor_changed), self, G_CONNECT_SWAPPED);
        }
      else
        {
          field->widget = adw_entry_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->widget), _(_cercle_member_editor_fields[i].title));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (field->widget), FALSE);
          field->container = field->widget;

          if (_cercle_member_editor_fields[i].kind == KIND_EMAIL)
            gtk_editable_set_max_width_chars (GTK_EDITABLE (field->widget), 254);
          if (_cercle_member_editor_fields[i].kind == KIND_DAY)
            adw_entry_row_add_suffix (ADW_ENTRY_ROW (field->widget),
                                      g_object_new (GTK_TYPE_LABEL,
                                                    /* Translators: how to write a day in a field */
                                                    "label", _("dd/mm/yyyy"),
                                                    "css-classes", (const char * const[]) { "dim-label", NULL },
                                                    NULL));
          g_signal_connect_object (field->widget, "changed", G_CALLBACK (_cercle_member_editor_changed), self, G_CONNECT_SWAPPED);
        }

      /* The membership's rows come after the status, role and sponsor */
      adw_preferences_group_add (group, field->container);
    }

  for (guint g = 0; g < N_GROUPS; g++)
    {
      self->group_errors[g] = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_wrap (self->group_errors[g], TRUE);
      gtk_label_set_xalign (self->group_errors[g], 0);
      gtk_widget_set_margin_top (GTK_WIDGET (self->group_errors[g]), 6);
      gtk_widget_add_css_class (GTK_WIDGET (self->group_errors[g]), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->group_errors[g]), FALSE);
      adw_preferences_group_add (self->groups[g], GTK_WIDGET (self->group_errors[g]));
    }

  for (guint i = 0; i < N_SWITCHES; i++)
    self->switches[i] = add_switch_row (self, _(_cercle_member_editor_privacy_switches[i].title));
  self->qr_switch = add_switch_row (self, _("My card as a QR code on my badge"));

  for (CercleMemberStatus status = 0; status < CERCLE_MEMBERSHIP_N_STATUSES; status++)
    gtk_string_list_append (statuses, cercle_member_status_to_string (status));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
}
