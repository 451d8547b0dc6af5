/* cercle-greeter.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CERCLE_TYPE_GREETER (cercle_greeter_get_type ())

G_DECLARE_FINAL_TYPE (CercleGreeter, cercle_greeter, CERCLE, GREETER, AdwBin)

G_END_DECLS
