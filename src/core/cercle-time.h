/* cercle-time.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CERCLE_TIME_ERROR (cercle_time_error_quark ())

typedef enum
{
  CERCLE_TIME_ERROR_INVALID,
  CERCLE_TIME_ERROR_UNKNOWN_ZONE,
} CercleTimeError;

#define CERCLE_DEFAULT_TIME_ZONE "Europe/Paris"

GQuark      cercle_time_error_quark           (void);

GTimeZone  *cercle_time_zone_new              (const char  *identifier,
                                               GError     **error);
GDateTime  *cercle_time_parse                 (const char  *text,
                                               const char  *time_zone,
                                               GError     **error);
char       *cercle_time_normalize             (const char  *text,
                                               const char  *time_zone,
                                               GError     **error);
char       *cercle_time_format_utc            (GDateTime   *date_time);
gint64      cercle_time_to_unix               (const char  *normalized);
GDateTime  *cercle_time_local                 (int          year,
                                               int          month,
                                               int          day,
                                               int          hour,
                                               int          minute,
                                               const char  *time_zone);
GDateTime  *cercle_time_same_weekday_next_month (GDateTime *date_time);
int         cercle_time_compare               (const char  *a,
                                               const char  *b);

G_END_DECLS
