/* cercle-print.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-roster.h"
#include "cercle-document.h"
#include "cercle-logo.h"
#include "cercle-badge-document.h"
#include "cercle-sheet-document.h"
#include "cercle-qr.h"
