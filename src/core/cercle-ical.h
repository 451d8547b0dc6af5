/* cercle-ical.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cercle-types.h"

G_BEGIN_DECLS

#define CERCLE_ICAL_ERROR (cercle_ical_error_quark ())

typedef enum
{
  CERCLE_ICAL_ERROR_INVALID,
  CERCLE_ICAL_ERROR_EMPTY,
} CercleIcalError;

GQuark    cercle_ical_error_quark   (void);

char     *cercle_ical_export        (CercleStore  *store,
                                     const char   *event_id,
                                     GError      **error);
gboolean  cercle_ical_export_file   (CercleStore  *store,
                                     const char   *event_id,
                                     const char   *path,
                                     GError      **error);
gboolean  cercle_ical_import        (CercleStore  *store,
                                     const char   *data,
                                     gsize         length,
                                     guint        *n_events,
                                     GError      **error);
gboolean  cercle_ical_import_file   (CercleStore  *store,
                                     const char   *path,
                                     guint        *n_events,
                                     GError      **error);

G_END_DECLS
