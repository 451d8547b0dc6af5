/* cercle-server-cli-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-server-auth.h"
#include "cercle-server-cli.h"
#include "cercle-server-storage.h"

G_BEGIN_DECLS

/* --database, as every command takes it */
extern char *_cercle_server_cli_database;

int       _cercle_server_cli_fail               (const GError         *error);
int       _cercle_server_cli_fail_message       (const char           *message);
gboolean  _cercle_server_cli_parse_options      (int                  *argc,
                                                 char               ***argv,
                                                 const char           *parameter,
                                                 const GOptionEntry   *entries,
                                                 gboolean              with_cost,
                                                 GError              **error);
gboolean  _cercle_server_cli_require            (const char           *value,
                                                 const char           *option,
                                                 GError              **error);
char     *_cercle_server_cli_hash_password_from (const char           *variable,
                                                 GError              **error);
gboolean  _cercle_server_cli_check_email        (const char           *email,
                                                 GError              **error);
gboolean  _cercle_server_cli_club_exists        (CercleServerStorage  *storage,
                                                 const char           *club_id,
                                                 GError              **error);
gboolean  _cercle_server_cli_row_exists         (CercleServerStorage  *storage,
                                                 const char           *club_id,
                                                 CercleEntity          entity,
                                                 const char           *id,
                                                 char                 *missing,
                                                 GError              **error);
char     *_cercle_server_cli_new_account        (CercleServerStorage  *storage,
                                                 const char           *email,
                                                 const char           *password_hash,
                                                 GError              **error);
char     *_cercle_server_cli_default_first_name (const char           *email);
char     *_cercle_server_cli_add_member_row     (CercleServerStorage  *storage,
                                                 const char           *club_id,
                                                 const char           *first_name,
                                                 const char           *last_name,
                                                 const char           *email,
                                                 CercleMemberRole      role,
                                                 GError              **error);

int _cercle_server_cmd_account_add            (int argc, char **argv);
int _cercle_server_cmd_account_disable        (int argc, char **argv);
int _cercle_server_cmd_account_enable         (int argc, char **argv);
int _cercle_server_cmd_account_reset_password (int argc, char **argv);
int _cercle_server_cmd_account_list           (int argc, char **argv);
int _cercle_server_cmd_session_list           (int argc, char **argv);
int _cercle_server_cmd_session_revoke         (int argc, char **argv);
int _cercle_server_cmd_member_erase           (int argc, char **argv);
int _cercle_server_cmd_reset_epoch            (int argc, char **argv);
int _cercle_server_cmd_export                 (int argc, char **argv);
int _cercle_server_cmd_import                 (int argc, char **argv);

G_END_DECLS
