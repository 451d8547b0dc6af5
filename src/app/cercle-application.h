/* cercle-application.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-window.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_APPLICATION (cercle_application_get_type ())

G_DECLARE_FINAL_TYPE (CercleApplication, cercle_application, CERCLE, APPLICATION, AdwApplication)

CercleApplication *cercle_application_new             (void);
void               cercle_application_open_database   (CercleApplication *self,
                                                       GFile             *file);
void               cercle_application_show_error      (CercleApplication *self,
                                                       const GError      *error,
                                                       const char        *retry_path);
GSettings         *cercle_application_get_settings    (CercleApplication *self);
CercleWindow      *cercle_application_find_window     (CercleApplication *self,
                                                       const char        *path);

void               cercle_application_ensure_resources (void);
void               cercle_application_init_i18n        (void);

void               cercle_application_forget_club  (CercleApplication *self,
                                                    const char        *path);

G_END_DECLS
