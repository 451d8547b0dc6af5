/* cercle-cli-calendar.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "cercle-cli-calendar.h"
#include "cercle-core.h"

/* cercle --database FILE --import-ics IN.ics
 * cercle --database FILE --export-ics OUT.ics [--event EVENT_ID]
 *
 * The club's calendar in and out as iCalendar, without a display. */

static gboolean
has_option (int         argc,
            char      **argv,
            const char *name)
{
  gsize len = strlen (name);

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (strncmp (argv[i], name, len) == 0 && (argv[i][len] == '\0' || argv[i][len] == '='))
        return TRUE;
    }

  return FALSE;
}

gboolean
cercle_cli_calendar_wants (int    argc,
                           char **argv)
{
  return has_option (argc, argv, "--import-ics") ||
         has_option (argc, argv, "--export-ics");
}

static int
fail (const char *message)
{
  g_printerr ("%s\n", message);
  return EXIT_FAILURE;
}

int
cercle_cli_calendar_run (int    argc,
                         char **argv)
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleStore) store = NULL;
  g_autofree char *database = NULL;
  g_autofree char *import_path = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *event_id = NULL;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database,
      N_("Open the club database FILE"), N_("FILE") },
    { "import-ics", 0, 0, G_OPTION_ARG_FILENAME, &import_path,
      N_("Import the events of an iCalendar FILE and exit"), N_("FILE") },
    { "export-ics", 0, 0, G_OPTION_ARG_FILENAME, &export_path,
      N_("Export the club’s events to an iCalendar FILE and exit"), N_("FILE") },
    { "event", 0, 0, G_OPTION_ARG_STRING, &event_id,
      N_("Export only the event with this id"), N_("EVENT_ID") },
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

  if (import_path != NULL && export_path != NULL)
    return fail (_("Give either --import-ics or --export-ics, not both."));

  if ((import_path != NULL && *import_path == '\0') || (export_path != NULL && *export_path == '\0'))
    return fail (_("The options --import-ics and --export-ics need the name of a file."));

  if (event_id != NULL && export_path == NULL)
    return fail (_("The option --event goes with --export-ics."));

  if (database == NULL || *database == '\0')
    return fail (_("Say which club with --database FILE."));

  if (!(store = cercle_store_open (database, &error)))
    return fail (error->message);

  if (import_path != NULL)
    {
      guint n_events = 0;
      g_autofree char *display = g_filename_display_name (import_path);

      if (!cercle_ical_import_file (store, import_path, &n_events, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Could not import “%s”: %s"), display, error->message);

          return fail (message);
        }

      g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u event.\n", "Imported %u events.\n", n_events),
               n_events);
      return EXIT_SUCCESS;
    }

  if (!cercle_ical_export_file (store, event_id, export_path, &error))
    {
      g_autofree char *display = g_filename_display_name (export_path);
      g_autofree char *message = g_strdup_printf (_("Could not export to “%s”: %s"), display, error->message);

      return fail (message);
    }

  return EXIT_SUCCESS;
}
