/* cercle-member-history.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-member-history"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-member-history.h"

/* A profile's history, as staff read it: "Status: Candidate → Active
 * member" rather than the store's column names and stored values. */

/* Longer values are cut: the history says what changed, not the text */
#define MAX_VALUE_CHARS 60

static const struct {
  const char *column;
  const char *title;
} field_titles[] = {
  { "first_name", N_("First name") },
  { "last_name", N_("Last name") },
  { "company", N_("Company") },
  { "job_title", N_("Job title") },
  { "sector", N_("Sector") },
  { "city", N_("City") },
  { "email", N_("Email") },
  { "phone", N_("Phone") },
  { "website", N_("Website") },
  { "bio", N_("About") },
  { "offers", N_("I offer") },
  { "needs", N_("I am looking for") },
  { "photo", N_("Photo") },
  { "photo_uri", N_("Photo") },
  { "status", N_("Status") },
  { "role", N_("Role") },
  { "sponsor_id", N_("Sponsor") },
  { "joined_on", N_("Member since") },
  { "dues_paid_until", N_("Dues paid until") },
  { "private_fields", N_("Hidden from members") },
  { "qr_consent", N_("Card on the badge") },
  { "siret", N_("SIRET") },
};

/**
 * cercle_member_field_title:
 * @column: a member column
 *
 * Returns: the field's name for the user, translated
 */
const char *
cercle_member_field_title (const char *column)
{
  g_return_val_if_fail (column != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_titles); i++)
    if (g_str_equal (field_titles[i].column, column))
      return _(field_titles[i].title);

  return column;
}

static char *
member_name (CercleStore *store,
             const char  *member_id)
{
  g_autoptr(CercleMember) member = cercle_store_get_record (store, CERCLE_TYPE_MEMBER, member_id, NULL);

  if (member == NULL)
    return g_strdup (_("a former member"));

  return cercle_format_full_name (cercle_member_get_first_name (member),
                                  cercle_member_get_last_name (member));
}

/* @value of @column as the user reads it; NULL for none */
static char *
describe_value (CercleStore *store,
                const char  *column,
                JsonNode    *value)
{
  const char *text;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;

  if (g_str_equal (column, "qr_consent"))
    return g_strdup (json_node_get_boolean (value) ? _("allowed") : _("not allowed"));

  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (value);
  if (*text == '\0')
    return NULL;

  if (g_str_equal (column, "status"))
    {
      g_autoptr(GEnumClass) statuses = g_type_class_ref (CERCLE_TYPE_MEMBER_STATUS);
      GEnumValue *status = g_enum_get_value_by_nick (statuses, text);

      return g_strdup (status != NULL ? cercle_member_status_to_string (status->value) : text);
    }

  if (g_str_equal (column, "role"))
    return g_strdup (g_str_equal (text, "staff") ? C_("member role", "Staff") : C_("member role", "Member"));

  if (g_str_equal (column, "sponsor_id"))
    return member_name (store, text);

  if (g_str_equal (column, "joined_on") || g_str_equal (column, "dues_paid_until"))
    return cercle_format_day (text);

  if (g_str_equal (column, "photo") || g_str_equal (column, "photo_uri"))
    return g_strdup (_("a photo"));

  if (g_str_equal (column, "private_fields"))
    {
      g_auto(GStrv) columns = cercle_visibility_parse_private_fields (text);
      g_autoptr(GString) titles = g_string_new (NULL);

      for (guint i = 0; columns[i] != NULL; i++)
        g_string_append_printf (titles, "%s%s", i > 0 ? ", " : "", cercle_member_field_title (columns[i]));
      return titles->len > 0 ? g_string_free (g_steal_pointer (&titles), FALSE) : NULL;
    }

  if (g_utf8_strlen (text, -1) > MAX_VALUE_CHARS)
    {
      g_autofree char *start = g_utf8_substring (text, 0, MAX_VALUE_CHARS);

      return g_strconcat (g_strstrip (start), "…", NULL);
    }

  return g_strdelimit (g_strdup (text), "\n", ' ');
}

static char *
describe_creation (CercleStore *store,
                   JsonObject  *fields)
{
  JsonObject *status = fields != NULL && json_object_has_member (fields, "status")
    ? json_object_get_object_member (fields, "status") : NULL;
  JsonObject *sponsor = fields != NULL && json_object_has_member (fields, "sponsor_id")
    ? json_object_get_object_member (fields, "sponsor_id") : NULL;
  g_autofree char *status_text = status != NULL
    ? describe_value (store, "status", json_object_get_member (status, "new")) : NULL;
  g_autofree char *sponsor_text = sponsor != NULL
    ? describe_value (store, "sponsor_id", json_object_get_member (sponsor, "new")) : NULL;

  if (status_text == NULL)
    status_text = g_strdup (cercle_member_status_to_string (CERCLE_MEMBER_STATUS_ACTIVE));

  if (sponsor_text != NULL)
    /* Translators: the first entry of a profile's history, as in "Added
     * as Candidate, sponsored by Anne Roux" */
    return g_strdup_printf (_("Added as %s, sponsored by %s"), status_text, sponsor_text);

  /* Translators: the first entry of a profile's history, as in "Added as
   * Active member" */
  return g_strdup_printf (_("Added as %s"), status_text);
}

/**
 * cercle_member_history_describe:
 * @entry: an entry of cercle_store_dup_history()
 * @when: (out) (optional): when it changed, as the user reads a date
 *
 * Returns: (transfer full): one line that says what changed
 */
char *
cercle_member_history_describe (CercleStore *store,
                                JsonObject  *entry,
                                char       **when)
{
  const char *field = json_object_get_string_member_with_default (entry, "field", "");
  const char *changed_at = json_object_get_string_member_with_default (entry, "changed_at", "");
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  if (when != NULL)
    {
      g_autofree char *day = g_strndup (changed_at, 10);

      *when = cercle_format_day (day);
    }

  if (g_str_equal (field, CERCLE_HISTORY_CREATED))
    {
      JsonNode *made_with = json_object_get_member (entry, "new");

      return describe_creation (store, made_with != NULL && JSON_NODE_HOLDS_OBJECT (made_with)
                                         ? json_node_get_object (made_with) : NULL);
    }

  old_text = describe_value (store, field, json_object_get_member (entry, "old"));
  new_text = describe_value (store, field, json_object_get_member (entry, "new"));

  if (old_text != NULL && new_text != NULL)
    /* Translators: a change in a profile's history, as in "City: Lyon →
     * Villeurbanne" */
    return g_strdup_printf (_("%s: %s → %s"), cercle_member_field_title (field), old_text, new_text);
  if (new_text != NULL)
    /* Translators: a field given a value, as in "Phone: 06 12 34 56 78" */
    return g_strdup_printf (_("%s: %s"), cercle_member_field_title (field), new_text);

  /* Translators: a field emptied, as in "Website removed" */
  return g_strdup_printf (_("%s removed"), cercle_member_field_title (field));
}
