/* cercle-member-io.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cercle-member-csv.h"
#include "cercle-types.h"

G_BEGIN_DECLS

/* The files the member directory exports */
typedef enum
{
  CERCLE_MEMBER_FORMAT_CSV,
  CERCLE_MEMBER_FORMAT_VCARD,
} CercleMemberFormat;

int       cercle_member_format_for_path       (const char           *path);

gboolean  cercle_store_export_members_vcard   (CercleStore          *store,
                                               GArray               *rows,
                                               GOutputStream        *output,
                                               GCancellable         *cancellable,
                                               GError              **error);
gboolean  cercle_store_export_members_to_file (CercleStore          *store,
                                               GArray               *rows,
                                               CercleMemberFormat    format,
                                               GFile                *file,
                                               GCancellable         *cancellable,
                                               GError              **error);
void      cercle_store_export_members_async   (CercleStore          *store,
                                               GArray               *rows,
                                               CercleMemberFormat    format,
                                               GFile                *file,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean  cercle_store_export_members_finish  (CercleStore          *store,
                                               GAsyncResult         *result,
                                               GError              **error);

void      cercle_store_import_members_async   (CercleStore          *store,
                                               CercleCsvTable       *table,
                                               const char * const   *mapping,
                                               gboolean              dry_run,
                                               CercleImportProgress  progress,
                                               gpointer              progress_data,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean  cercle_store_import_members_finish  (CercleStore          *store,
                                               GAsyncResult         *result,
                                               CercleImportReport  **report,
                                               GError              **error);

G_END_DECLS
