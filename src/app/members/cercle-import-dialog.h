/* cercle-import-dialog.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_IMPORT_DIALOG (cercle_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CercleImportDialog, cercle_import_dialog, CERCLE, IMPORT_DIALOG, AdwWindow)

CercleImportDialog *cercle_import_dialog_new         (GtkWindow     *parent,
                                                      CercleContext *context,
                                                      GFile         *file);
void                cercle_import_dialog_choose_file (GtkWindow     *parent,
                                                      CercleContext *context);

G_END_DECLS
