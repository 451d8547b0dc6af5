/* cercle-member-csv.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cercle-types.h"

G_BEGIN_DECLS

#define CERCLE_CSV_ERROR (cercle_csv_error_quark ())

typedef enum
{
  CERCLE_CSV_ERROR_EMPTY,
  CERCLE_CSV_ERROR_TOO_BIG,
  CERCLE_CSV_ERROR_NOT_CSV,
  CERCLE_CSV_ERROR_ENCODING,
  CERCLE_CSV_ERROR_TOO_MANY_COLUMNS,
  CERCLE_CSV_ERROR_NO_NAME_COLUMN,
  CERCLE_CSV_ERROR_REJECTED,
} CercleCsvError;

/* The largest file and the most columns an import reads */
#define CERCLE_CSV_MAX_BYTES   (50 * 1024 * 1024)
#define CERCLE_CSV_MAX_COLUMNS 200

/* A spreadsheet read from a CSV file: its first row is the header. */
typedef struct
{
  char       *encoding;    /* as detected: "UTF-8", "WINDOWS-1252", … */
  char        separator;
  GStrv       header;
  GPtrArray  *rows;        /* GStrv, as many cells as the header */
  GArray     *lines;       /* guint: the file's line where each row starts */
} CercleCsvTable;

/* What an import did, or would do */
typedef struct
{
  guint      n_added;
  guint      n_updated;
  guint      n_unchanged;
  GPtrArray *rejected;     /* char *: "Line 12: …", in line order */
} CercleImportReport;

typedef void (*CercleImportProgress) (guint    done,
                                      guint    total,
                                      gpointer user_data);

GQuark              cercle_csv_error_quark          (void);

CercleCsvTable     *cercle_csv_table_parse          (GBytes              *bytes,
                                                     GError             **error);
void                cercle_csv_table_free           (CercleCsvTable      *self);
GStrv               cercle_csv_guess_mapping        (CercleCsvTable      *self);
const char * const *cercle_csv_member_columns       (void);
const char         *cercle_csv_column_title         (const char          *column);

void                cercle_import_report_free       (CercleImportReport  *self);

gboolean            cercle_store_import_members     (CercleStore          *store,
                                                     CercleCsvTable       *table,
                                                     const char * const   *mapping,
                                                     gboolean              dry_run,
                                                     CercleImportProgress  progress,
                                                     gpointer              progress_data,
                                                     GCancellable         *cancellable,
                                                     CercleImportReport  **report,
                                                     GError              **error);
gboolean            cercle_store_export_members_csv (CercleStore          *store,
                                                     GArray               *rows,
                                                     GOutputStream        *output,
                                                     GCancellable         *cancellable,
                                                     GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleCsvTable, cercle_csv_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleImportReport, cercle_import_report_free)

G_END_DECLS
