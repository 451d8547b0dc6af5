/* cercle-preferences-window.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CERCLE_TYPE_PREFERENCES_WINDOW (cercle_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CerclePreferencesWindow, cercle_preferences_window, CERCLE, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *cercle_preferences_window_new (GSettings *settings);

G_END_DECLS
