/* cercle-add-club-dialog.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A club's file was made (or its token renewed): @path, with @token */
typedef void (*CercleClubJoined) (const char *path,
                                  const char *token,
                                  gpointer    user_data);

#define CERCLE_TYPE_ADD_CLUB_DIALOG (cercle_add_club_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CercleAddClubDialog, cercle_add_club_dialog, CERCLE, ADD_CLUB_DIALOG, AdwWindow)

GtkWindow *cercle_add_club_dialog_new (GtkWindow        *parent,
                                       const char       *server_url,
                                       const char       *email,
                                       CercleClubJoined  joined_cb,
                                       gpointer          user_data);

G_END_DECLS
