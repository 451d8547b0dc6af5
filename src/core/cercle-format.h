/* cercle-format.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cercle-types.h"
#include "cercle-enums.h"

G_BEGIN_DECLS

#define CERCLE_FORMAT_ERROR (cercle_format_error_quark ())

typedef enum
{
  CERCLE_FORMAT_ERROR_INVALID,
} CercleFormatError;

GQuark      cercle_format_error_quark           (void);

char       *cercle_format_money                 (gint64                cents);
char       *cercle_format_count                 (guint                 count);
char       *cercle_format_day                   (const char           *ymd);
char       *cercle_format_date_time             (GDateTime            *date_time,
                                                 const char           *format);
char       *cercle_format_capitalize            (const char           *text);
char       *cercle_format_full_name             (const char           *first_name,
                                                 const char           *last_name);
GDateTime  *cercle_parse_utc                    (const char           *iso8601,
                                                 const char           *time_zone);
gboolean    cercle_parse_day                    (const char           *ymd,
                                                 GDate                *date);
int         cercle_days_between                 (const char           *from_ymd,
                                                 const char           *to_ymd);
char       *cercle_today                        (void);
gboolean    cercle_parse_money                  (const char           *text,
                                                 gint64               *cents,
                                                 GError              **error);

const char *cercle_event_kind_to_string         (CercleEventKind       kind);
const char *cercle_event_status_to_string       (CercleEventStatus     status);
const char *cercle_member_status_to_string      (CercleMemberStatus    status);
const char *cercle_referral_status_to_string    (CercleReferralStatus  status);
const char *cercle_referral_status_to_plural    (CercleReferralStatus  status);
const char *cercle_temperature_to_string        (int                   temperature);
char       *cercle_format_temperature           (int                   temperature);

char       *cercle_format_linkify               (const char           *text);

G_END_DECLS
