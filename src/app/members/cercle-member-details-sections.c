/* cercle-member-details-sections.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-member-details"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-format.h"
#include "cercle-member-details-private.h"
#include "cercle-member-history.h"

/* The profile's sections below the member's own fields: the members they
 * sponsored, their mentoring, their club activity, the profile's history
 * (staff) and, on the user's own profile, who they should meet. Their
 * rows are made again for each member shown. */

/* How many members to suggest, and how many changes of a profile to list */
#define N_SUGGESTIONS  5
#define MAX_HISTORY    100

static void
on_member_row_activated_cb (AdwActionRow        *row,
                            CercleMemberDetails *self)
{
  const char *member_id = g_object_get_data (G_OBJECT (row), "member-id");

  if (member_id != NULL)
    _cercle_member_details_open_member (self, member_id);
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

void
_cercle_member_details_update_sections (CercleMemberDetails *self,
                                        const CercleViewer  *viewer)
{
  update_sponsored (self);
  update_mentoring (self);
  update_activity (self, viewer);
  update_history (self, viewer);
  update_suggestions (self, viewer);
}
