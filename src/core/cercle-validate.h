/* cercle-validate.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CERCLE_VALIDATE_ERROR (cercle_validate_error_quark ())

typedef enum
{
  CERCLE_VALIDATE_ERROR_INVALID,
} CercleValidateError;

GQuark    cercle_validate_error_quark (void);

gboolean  cercle_validate_email       (const char  *text,
                                       GError     **error);
char     *cercle_validate_phone       (const char  *text,
                                       GError     **error);
char     *cercle_validate_url         (const char  *text,
                                       GError     **error);
char     *cercle_validate_siret       (const char  *text,
                                       GError     **error);

G_END_DECLS
