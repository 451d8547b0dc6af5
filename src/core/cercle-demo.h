/* cercle-demo.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cercle-types.h"

G_BEGIN_DECLS

#define CERCLE_DEMO_DEFAULT_MEMBERS 120
#define CERCLE_DEMO_DEFAULT_SEED    20261122

/* Takes a batch of new records; the records stay the caller's. */
typedef gboolean (*CercleRecordSink) (CercleRecord * const  *records,
                                      guint                  n_records,
                                      gpointer               user_data,
                                      GError               **error);

gboolean cercle_demo_generate (guint              n_members,
                               guint32            seed,
                               CercleRecordSink   sink,
                               gpointer           sink_data,
                               char             **local_member_id,
                               GError           **error);

G_END_DECLS
