/* cercle-print-command.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-print-command"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "cercle-event-roster.h"
#include "cercle-print-command.h"

/* cercle --database FILE --export-badges EVENT_ID --output OUT.pdf
 *        [--layout a4-8|a6|card]
 * cercle --database FILE --export-sheet EVENT_ID --output OUT.pdf
 *        [--attendance]
 *
 * Runs before GTK starts, so it needs no display. Any error is one
 * sentence on stderr and a non-zero status, and leaves no file behind. */

static const char * const wanted_options[] = { "--export-badges", "--export-sheet" };

gboolean
cercle_print_command_wanted (int    argc,
                             char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;

      for (guint j = 0; j < G_N_ELEMENTS (wanted_options); j++)
        {
          gsize len = strlen (wanted_options[j]);

          if (strncmp (argv[i], wanted_options[j], len) == 0 &&
              (argv[i][len] == '\0' || argv[i][len] == '='))
            return TRUE;
        }
    }

  return FALSE;
}

static int
fail (const char *message)
{
  g_printerr ("%s\n", message);
  return EXIT_FAILURE;
}

int
cercle_print_command_run (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(CercleRoster) roster = NULL;
  g_autoptr(GObject) document = NULL;
  g_autofree char *database = NULL;
  g_autofree char *badges_event = NULL;
  g_autofree char *sheet_event = NULL;
  g_autofree char *output = NULL;
  g_autofree char *layout_name = NULL;
  gboolean attendance = FALSE;
  CercleBadgeLayout layout = CERCLE_BADGE_LAYOUT_A4_8;
  const char *option;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database,
      N_("Open the club database FILE"), N_("FILE") },
    { "export-badges", 0, 0, G_OPTION_ARG_STRING, &badges_event,
      N_("Write the badges of the event EVENT_ID to a PDF file and exit"), N_("EVENT_ID") },
    { "export-sheet", 0, 0, G_OPTION_ARG_STRING, &sheet_event,
      N_("Write the sign-in sheet of the event EVENT_ID to a PDF file and exit"), N_("EVENT_ID") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output,
      N_("The PDF file to write"), N_("FILE") },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &layout_name,
      N_("Badge layout: a4-8 (default), a6 or card"), N_("LAYOUT") },
    { "attendance", 0, 0, G_OPTION_ARG_NONE, &attendance,
      N_("Write the attendance list of the event instead of its sign-in sheet"), NULL },
    { NULL }
  };

  option_context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (option_context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (option_context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (option_context, &argc, &argv, &error))
    return fail (error->message);

  option = badges_event != NULL ? "--export-badges" : "--export-sheet";

  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), argv[1]);

      return fail (message);
    }

  if (badges_event != NULL && sheet_event != NULL)
    return fail (_("Give either --export-badges or --export-sheet, not both."));

  if (database == NULL || *database == '\0')
    {
      /* Translators: %s is --export-badges or --export-sheet */
      g_autofree char *message = g_strdup_printf (_("The option %s needs --database FILE."), option);

      return fail (message);
    }

  if (output == NULL || *output == '\0')
    {
      /* Translators: %s is --export-badges or --export-sheet */
      g_autofree char *message = g_strdup_printf (_("The option %s needs --output FILE."), option);

      return fail (message);
    }

  if (layout_name != NULL && badges_event == NULL)
    return fail (_("The option --layout goes with --export-badges."));

  if (attendance && sheet_event == NULL)
    return fail (_("The option --attendance goes with --export-sheet."));

  if (layout_name != NULL && !cercle_badge_layout_from_string (layout_name, &layout))
    {
      g_autofree char *message = g_strdup_printf (_("Unknown badge layout “%s”: use a4-8, a6 or card."),
                                                  layout_name);

      return fail (message);
    }

  /* opening a missing file would make a new, empty club */
  if (!g_file_test (database, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (database);
      g_autofree char *message = g_strdup_printf (_("There is no club database “%s”."), display);

      return fail (message);
    }

  store = cercle_store_open (database, &error);
  if (store == NULL)
    return fail (error->message);

  roster = cercle_event_roster_new (store, badges_event != NULL ? badges_event : sheet_event,
                                    &error);
  if (roster == NULL)
    return fail (error->message);

  if (badges_event != NULL)
    {
      if (cercle_roster_get_n_attendees (roster) == 0)
        return fail (_("Nobody is registered for this event yet: there is no badge to print."));

      document = G_OBJECT (cercle_badge_document_new (roster, layout));
    }
  else
    document = G_OBJECT (cercle_sheet_document_new (roster, attendance ? CERCLE_SHEET_ATTENDANCE
                                                                       : CERCLE_SHEET_SIGN_IN));

  if (!cercle_document_write_pdf (CERCLE_DOCUMENT (document), output, NULL, NULL, NULL, &error))
    return fail (error->message);

  return EXIT_SUCCESS;
}
