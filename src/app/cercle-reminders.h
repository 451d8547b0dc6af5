/* cercle-reminders.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cercle-core.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_REMINDERS (cercle_reminders_get_type ())

G_DECLARE_FINAL_TYPE (CercleReminders, cercle_reminders, CERCLE, REMINDERS, GObject)

CercleReminders *cercle_reminders_new          (CercleStore     *store,
                                                GSettings       *settings);
char            *cercle_reminders_dup_next     (CercleReminders *self,
                                                GDateTime       *now,
                                                gint64          *remind_at);

G_END_DECLS
