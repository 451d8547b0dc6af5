/* cercle-cli-members.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "cercle-cli-members.h"
#include "cercle-core.h"

/* cercle --database FILE --import-members IN.csv [--dry-run]
 * cercle --database FILE --export-members OUT.csv
 *
 * For staff scripts: no display, one clear sentence on stderr and a
 * non-zero status on any error, and an import changes nothing unless
 * every row can be imported. */

static int
fail (const char *message)
{
  g_printerr ("%s\n", message);
  return EXIT_FAILURE;
}

static int
import_members (CercleStore *store,
                const char  *path,
                gboolean     dry_run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(CercleCsvTable) table = NULL;
  g_autoptr(CercleImportReport) report = NULL;
  g_auto(GStrv) mapping = NULL;
  gboolean ok;

  /* Refused before it is read into memory */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info == NULL)
    return fail (error->message);
  if (g_file_info_get_size (info) > CERCLE_CSV_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (CERCLE_CSV_MAX_BYTES);
      g_autofree char *message = g_strdup_printf (_("The file is too big to import: at most %s."), size);

      return fail (message);
    }

  if (!(bytes = g_file_load_bytes (file, NULL, NULL, &error)) ||
      !(table = cercle_csv_table_parse (bytes, &error)))
    return fail (error->message);

  mapping = cercle_csv_guess_mapping (table);
  ok = cercle_store_import_members (store, table, (const char * const *)mapping, dry_run,
                                    NULL, NULL, NULL, &report, &error);

  if (report != NULL)
    {
      g_autofree char *added = cercle_format_count (report->n_added);
      g_autofree char *updated = cercle_format_count (report->n_updated);
      g_autofree char *unchanged = cercle_format_count (report->n_unchanged);
      g_autofree char *rejected = cercle_format_count (report->rejected->len);

      /* Translators: what an import of members did; %s are numbers */
      g_print (dry_run ? _("Would add %s, update %s, leave %s unchanged; %s rejected.\n")
                       : _("Added %s, updated %s, left %s unchanged; %s rejected.\n"),
               added, updated, unchanged, rejected);

      for (guint i = 0; i < report->rejected->len; i++)
        g_printerr ("%s\n", (const char *)report->rejected->pdata[i]);
    }

  if (!ok)
    return fail (error->message);

  if (dry_run)
    g_print ("%s\n", _("Nothing was changed (--dry-run)."));

  return EXIT_SUCCESS;
}

static int
export_members (CercleStore *store,
                const char  *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileOutputStream) output = NULL;

  if (!g_str_has_suffix (path, ".csv") && !g_str_has_suffix (path, ".CSV"))
    return fail (_("Members are exported to a file whose name ends in .csv."));

  /* Written beside, and moved in place once complete */
  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &error);
  if (output == NULL)
    return fail (error->message);

  if (!cercle_store_export_members_csv (store, NULL, G_OUTPUT_STREAM (output), NULL, &error))
    {
      g_output_stream_close (G_OUTPUT_STREAM (output), NULL, NULL);
      return fail (error->message);
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (output), NULL, &error))
    return fail (error->message);

  return EXIT_SUCCESS;
}

/**
 * cercle_cli_members_run:
 *
 * Handles --import-members and --export-members, before GTK starts.
 *
 * Returns: the program's exit status
 */
int
cercle_cli_members_run (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleStore) store = NULL;
  g_autofree char *database = NULL;
  g_autofree char *import_path = NULL;
  g_autofree char *export_path = NULL;
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database,
      N_("Open the club database FILE"), N_("FILE") },
    { "import-members", 0, 0, G_OPTION_ARG_FILENAME, &import_path,
      N_("Import the members of a CSV file and exit"), N_("FILE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only say what the import would do"), NULL },
    { "export-members", 0, 0, G_OPTION_ARG_FILENAME, &export_path,
      N_("Export the members to a CSV file and exit"), N_("FILE") },
    { NULL }
  };

  option_context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (option_context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (option_context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (option_context, &argc, &argv, &error))
    return fail (error->message);

  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), argv[1]);

      return fail (message);
    }

  if (database == NULL || *database == '\0')
    return fail (_("Importing or exporting members needs --database FILE."));

  if ((import_path != NULL) == (export_path != NULL))
    return fail (_("Give either --import-members or --export-members."));

  if (dry_run && import_path == NULL)
    return fail (_("The option --dry-run goes with --import-members."));

  if (!(store = cercle_store_open (database, &error)))
    return fail (error->message);

  if (import_path != NULL)
    return import_members (store, import_path, dry_run);

  return export_members (store, export_path);
}
