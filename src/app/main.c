/* main.c
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

#include "cercle-application.h"
#include "cercle-cli-calendar.h"
#include "cercle-cli-members.h"
#include "cercle-core.h"
#include "cercle-print-command.h"

#define MAX_DEMO_MEMBERS 1000000

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

/* cercle --create-demo FILE [--demo-members N]: writes a demo club and
 * exits, without a display. */
static int
create_demo (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int n_members = CERCLE_DEMO_DEFAULT_MEMBERS;
  const GOptionEntry entries[] = {
    { "create-demo", 0, 0, G_OPTION_ARG_FILENAME, &path,
      N_("Write a demo club database to FILE and exit"), N_("FILE") },
    { "demo-members", 0, 0, G_OPTION_ARG_INT, &n_members,
      N_("Number of members in the demo club"), N_("N") },
    { NULL }
  };

  option_context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (option_context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (option_context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (option_context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (path == NULL)
    {
      g_printerr ("%s\n", _("The option --demo-members needs --create-demo FILE."));
      return EXIT_FAILURE;
    }

  if (*path == '\0')
    {
      g_printerr ("%s\n", _("The option --create-demo needs the name of the file to create."));
      return EXIT_FAILURE;
    }

  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), argv[1]);

      g_printerr ("%s\n", message);
      return EXIT_FAILURE;
    }

  if (n_members < 1 || n_members > MAX_DEMO_MEMBERS)
    {
      g_autofree char *limit = cercle_format_count (MAX_DEMO_MEMBERS);
      g_autofree char *message = g_strdup_printf (_("The number of demo members must be between 1 and %s."),
                                                  limit);

      g_printerr ("%s\n", message);
      return EXIT_FAILURE;
    }

  if (!cercle_demo_create (path, (guint) n_members, CERCLE_DEMO_DEFAULT_SEED, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CercleApplication) app = NULL;

  cercle_application_init_i18n ();

  /* Command-line modes that need no display run before GTK starts */
  if (has_option (argc, argv, "--create-demo") || has_option (argc, argv, "--demo-members"))
    return create_demo (argc, argv);
  if (cercle_cli_calendar_wants (argc, argv))
    return cercle_cli_calendar_run (argc, argv);
  if (cercle_print_command_wanted (argc, argv))
    return cercle_print_command_run (argc, argv);
  if (has_option (argc, argv, "--import-members") || has_option (argc, argv, "--export-members"))
    return cercle_cli_members_run (argc, argv);

  app = cercle_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
