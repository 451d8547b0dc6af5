/* cercle-server-cli-accounts.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "cercle-server-cli-private.h"
#include "cercle-server-privacy.h"

/* The commands about people: accounts, their sessions, erasing a member,
 * and the epoch after a restore. */

static gboolean
member_exists (CercleServerStorage  *storage,
               const char           *club_id,
               const char           *member_id,
               GError              **error)
{
  return _cercle_server_cli_row_exists (storage, club_id, CERCLE_ENTITY_MEMBER, member_id,
                                        g_strdup_printf (_("There is no member “%s” in this club."), member_id),
                                        error);
}

int
_cercle_server_cmd_account_add (int    argc,
                                char **argv)
{
  g_autofree char *email = NULL;
  g_autofree char *club_id = NULL;
  g_autofree char *member_id = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *last_name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *account_id = NULL;
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(CercleServerAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  CercleMemberRole member_role = CERCLE_MEMBER_ROLE_MEMBER;
  const GOptionEntry entries[] = {
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("The e-mail address the person signs in with"),
      N_("EMAIL") },
    { "club", 0, 0, G_OPTION_ARG_STRING, &club_id, N_("The club, by its id"), N_("CLUB") },
    { "member", 0, 0, G_OPTION_ARG_STRING, &member_id, N_("The club’s member this account is, by id"),
      N_("MEMBER") },
    { "first-name", 0, 0, G_OPTION_ARG_STRING, &first_name, N_("For a new member: the first name"), N_("NAME") },
    { "last-name", 0, 0, G_OPTION_ARG_STRING, &last_name, N_("For a new member: the last name"), N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("For a new member: member (default) or staff"), N_("ROLE") },
    { NULL }
  };

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, entries, TRUE, &error) ||
      !_cercle_server_cli_require (email, "--email", &error) ||
      !_cercle_server_cli_check_email (email, &error) ||
      !_cercle_server_cli_require (club_id, "--club", &error))
    return _cercle_server_cli_fail (error);

  if (role != NULL)
    {
      if (g_str_equal (role, "staff"))
        member_role = CERCLE_MEMBER_ROLE_STAFF;
      else if (!g_str_equal (role, "member"))
        return _cercle_server_cli_fail_message (_("--role is member or staff."));
    }

  if (!(storage = cercle_server_storage_open (_cercle_server_cli_database, FALSE, &error)) ||
      !_cercle_server_cli_club_exists (storage, club_id, &error))
    return _cercle_server_cli_fail (error);

  account = cercle_server_storage_find_account (storage, email, NULL, &error);
  if (account == NULL)
    {
      g_autofree char *hash = NULL;

      if (!g_error_matches (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND))
        return _cercle_server_cli_fail (error);
      g_clear_error (&error);

      if (!(hash = _cercle_server_cli_hash_password_from ("CERCLE_PASSWORD", &error)) ||
          !(account_id = _cercle_server_cli_new_account (storage, email, hash, &error)))
        return _cercle_server_cli_fail (error);
    }
  else
    account_id = g_strdup (account->id);

  if (member_id != NULL)
    {
      if (!member_exists (storage, club_id, member_id, &error))
        return _cercle_server_cli_fail (error);
    }
  else
    {
      g_autofree char *name = first_name != NULL ? g_strdup (first_name)
                                                 : _cercle_server_cli_default_first_name (email);

      if (!(member_id = _cercle_server_cli_add_member_row (storage, club_id, name, last_name, email,
                                                           member_role, &error)))
        return _cercle_server_cli_fail (error);
    }

  if (!cercle_server_storage_add_membership (storage, account_id, club_id, member_id, &error))
    return _cercle_server_cli_fail (error);

  g_print ("%s\n", account_id);
  return EXIT_SUCCESS;
}

static CercleServerAccount *
find_account_by_email (CercleServerStorage  *storage,
                       const char           *email,
                       GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  CercleServerAccount *account;

  account = cercle_server_storage_find_account (storage, email, NULL, &local_error);
  if (account == NULL)
    {
      if (g_error_matches (local_error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND))
        g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND,
                     _("There is no account “%s”."), email);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return account;
}

static int
set_disabled (int       argc,
              char    **argv,
              gboolean  disabled)
{
  g_autofree char *email = NULL;
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(CercleServerAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("The account’s e-mail address"), N_("EMAIL") },
    { NULL }
  };

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, entries, FALSE, &error) ||
      !_cercle_server_cli_require (email, "--email", &error) ||
      !(storage = cercle_server_storage_open (_cercle_server_cli_database, FALSE, &error)) ||
      !(account = find_account_by_email (storage, email, &error)))
    return _cercle_server_cli_fail (error);

  account->disabled = disabled;
  if (!cercle_server_storage_update_account (storage, account, &error))
    return _cercle_server_cli_fail (error);

  return EXIT_SUCCESS;
}

int
_cercle_server_cmd_account_disable (int    argc,
                                    char **argv)
{
  return set_disabled (argc, argv, TRUE);
}

int
_cercle_server_cmd_account_enable (int    argc,
                                   char **argv)
{
  return set_disabled (argc, argv, FALSE);
}

int
_cercle_server_cmd_account_reset_password (int    argc,
                                           char **argv)
{
  g_autofree char *email = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *key = NULL;
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(CercleServerAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("The account’s e-mail address"), N_("EMAIL") },
    { NULL }
  };

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, entries, TRUE, &error) ||
      !_cercle_server_cli_require (email, "--email", &error) ||
      !(storage = cercle_server_storage_open (_cercle_server_cli_database, FALSE, &error)) ||
      !(account = find_account_by_email (storage, email, &error)) ||
      !(hash = _cercle_server_cli_hash_password_from ("CERCLE_PASSWORD", &error)))
    return _cercle_server_cli_fail (error);

  folded = g_utf8_casefold (account->email, -1);
  key = g_strconcat ("account:", folded, NULL);

  /* A new password signs every device out, and lifts the lock */
  g_free (account->password_hash);
  account->password_hash = g_steal_pointer (&hash);
  if (!cercle_server_storage_update_account (storage, account, &error) ||
      !cercle_server_storage_revoke_sessions (storage, NULL, account->id, NULL, &error) ||
      !cercle_server_storage_clear_failures (storage, key, &error))
    return _cercle_server_cli_fail (error);

  return EXIT_SUCCESS;
}

int
_cercle_server_cmd_account_list (int    argc,
                                 char **argv)
{
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, NULL, FALSE, &error) ||
      !(storage = cercle_server_storage_open (_cercle_server_cli_database, FALSE, &error)) ||
      !(accounts = cercle_server_storage_list_accounts (storage, &error)))
    return _cercle_server_cli_fail (error);

  for (guint i = 0; i < accounts->len; i++)
    {
      CercleServerAccount *account = g_ptr_array_index (accounts, i);
      g_autoptr(GPtrArray) memberships = cercle_server_storage_list_memberships (storage, account->id, &error);
      g_autoptr(GString) clubs = g_string_new (NULL);

      if (memberships == NULL)
        return _cercle_server_cli_fail (error);

      for (guint j = 0; j < memberships->len; j++)
        {
          CercleServerMembership *membership = g_ptr_array_index (memberships, j);

          g_string_append_printf (clubs, "%s%s (%s)", j > 0 ? ", " : "", membership->club_name,
                                  membership->is_staff ? "staff" : "member");
        }

      g_print ("%s\t%s\t%s\t%s\n", account->email, account->id,
               account->disabled ? _("disabled") : _("enabled"), clubs->str);
    }

  return EXIT_SUCCESS;
}

int
_cercle_server_cmd_session_list (int    argc,
                                 char **argv)
{
  g_autofree char *email = NULL;
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(CercleServerAccount) account = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("Only this account’s sessions"), N_("EMAIL") },
    { NULL }
  };

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, entries, FALSE, &error) ||
      !(storage = cercle_server_storage_open (_cercle_server_cli_database, FALSE, &error)) ||
      (email != NULL && !(account = find_account_by_email (storage, email, &error))) ||
      !(sessions = cercle_server_storage_list_sessions (storage, account != NULL ? account->id : NULL, &error)))
    return _cercle_server_cli_fail (error);

  for (guint i = 0; i < sessions->len; i++)
    {
      CercleServerSession *session = g_ptr_array_index (sessions, i);

      g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", session->id, session->email,
               session->device_name != NULL ? session->device_name : "-",
               session->created_at, session->last_used_at != NULL ? session->last_used_at : "-",
               session->revoked ? _("revoked") : _("active"));
    }

  return EXIT_SUCCESS;
}

int
_cercle_server_cmd_session_revoke (int    argc,
                                   char **argv)
{
  g_autofree char *email = NULL;
  g_autofree char *session_id = NULL;
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(CercleServerAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  guint n_revoked = 0;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_STRING, &session_id, N_("The session to revoke, by id"), N_("ID") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("Revoke every session of this account"), N_("EMAIL") },
    { NULL }
  };

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, entries, FALSE, &error))
    return _cercle_server_cli_fail (error);

  if ((session_id == NULL) == (email == NULL))
    return _cercle_server_cli_fail_message (_("Give --session or --email."));

  if (!(storage = cercle_server_storage_open (_cercle_server_cli_database, FALSE, &error)) ||
      (email != NULL && !(account = find_account_by_email (storage, email, &error))) ||
      !cercle_server_storage_revoke_sessions (storage, session_id, account != NULL ? account->id : NULL,
                                              &n_revoked, &error))
    return _cercle_server_cli_fail (error);

  if (session_id != NULL && n_revoked == 0)
    return _cercle_server_cli_fail_message (_("There is no such active session."));

  return EXIT_SUCCESS;
}

int
_cercle_server_cmd_member_erase (int    argc,
                                 char **argv)
{
  g_autofree char *club_id = NULL;
  g_autofree char *member_id = NULL;
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(CercleServerActor) admin = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "club", 0, 0, G_OPTION_ARG_STRING, &club_id, N_("The club, by its id"), N_("CLUB") },
    { "member", 0, 0, G_OPTION_ARG_STRING, &member_id, N_("The member to erase, by id"), N_("MEMBER") },
    { NULL }
  };

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, entries, FALSE, &error) ||
      !_cercle_server_cli_require (club_id, "--club", &error) ||
      !_cercle_server_cli_require (member_id, "--member", &error) ||
      !(storage = cercle_server_storage_open (_cercle_server_cli_database, FALSE, &error)) ||
      !_cercle_server_cli_club_exists (storage, club_id, &error))
    return _cercle_server_cli_fail (error);

  /* The server's admin acts as the club's staff */
  admin = cercle_server_actor_new (NULL, club_id, NULL, TRUE);
  if (!(result = cercle_server_privacy_erase_member (storage, admin, member_id, &error)))
    return _cercle_server_cli_fail (error);

  return EXIT_SUCCESS;
}

int
_cercle_server_cmd_reset_epoch (int    argc,
                                char **argv)
{
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, NULL, FALSE, &error) ||
      !(storage = cercle_server_storage_open (_cercle_server_cli_database, FALSE, &error)) ||
      !cercle_server_storage_new_epoch (storage, &error))
    return _cercle_server_cli_fail (error);

  g_print ("%s\n", _("Every device will sync again from the start."));
  return EXIT_SUCCESS;
}
