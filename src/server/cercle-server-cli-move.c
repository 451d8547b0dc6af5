/* cercle-server-cli-move.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "cercle-server-cli-private.h"

/* "cercle-server export" and "import": a club that outgrows its SQLite
 * server moves to the federation's PostgreSQL (or back) with every row,
 * its seq, its accounts and their sessions, so that its members neither
 * sign in again nor, when the database they move to is new, sync again.
 * The file is one JSON document of the tables' rows, the same in both
 * storages since their tables are. */

#define FORMAT  "cercle-server-export"
#define VERSION 1

/* Every table a club has rows in, in the order an import writes them
 * (an account before its memberships and sessions); what selects one
 * club's rows, $1 being its id. Failed sign-ins are not moved: they only
 * slow a guesser down for a quarter of an hour. */
static const struct
{
  const char *name;
  const char *where;
} tables[] = {
  { "account", "id IN (SELECT account_id FROM membership WHERE club_id = $1)" },
  { "membership", "club_id = $1" },
  { "session", "account_id IN (SELECT account_id FROM membership WHERE club_id = $1)" },
  { "club_seq", "club_id = $1" },
  { "club", "club_id = $1" },
  { "member", "club_id = $1" },
  { "event", "club_id = $1" },
  { "registration", "club_id = $1" },
  { "referral", "club_id = $1" },
  { "one_to_one", "club_id = $1" },
  { "request", "club_id = $1" },
  { "device_key", "club_id = $1" },
  { "conversation", "club_id = $1" },
  { "message", "club_id = $1" },
  { "answer", "club_id = $1" },
  { "feed", "club_id = $1" },
  { "consent", "club_id = $1" },
};

static const char * const *
table_names (void)
{
  static const char *names[G_N_ELEMENTS (tables) + 1];

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    names[i] = tables[i].name;
  names[G_N_ELEMENTS (tables)] = NULL;

  return names;
}

int
_cercle_server_cmd_export (int    argc,
                           char **argv)
{
  g_autofree char *club_id = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "club", 0, 0, G_OPTION_ARG_STRING, &club_id, N_("Only this club (every club without it)"), N_("ID") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("FILE") },
    { NULL }
  };
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) document = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *epoch = NULL;
  JsonObject *rows_of = json_object_new ();
  guint n_rows = 0;

  json_object_set_object_member (document, "tables", rows_of);

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, entries, FALSE, &error) ||
      !_cercle_server_cli_require (output, "--output", &error) ||
      !(storage = cercle_server_storage_open (_cercle_server_cli_database, FALSE, &error)) ||
      (club_id != NULL && !_cercle_server_cli_club_exists (storage, club_id, &error)) ||
      !(epoch = cercle_server_storage_dup_epoch (storage, &error)))
    return _cercle_server_cli_fail (error);

  json_object_set_string_member (document, "format", FORMAT);
  json_object_set_int_member (document, "version", VERSION);
  json_object_set_string_member (document, "epoch", epoch);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      JsonArray *rows = json_array_new ();

      json_object_set_array_member (rows_of, tables[i].name, rows);
      if (!cercle_server_storage_export_rows (storage, tables[i].name, tables[i].where, club_id, rows, &error))
        return _cercle_server_cli_fail (error);
      n_rows += json_array_get_length (rows);
    }

  root = json_node_init_object (json_node_alloc (), document);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  if (!json_generator_to_file (generator, output, &error))
    return _cercle_server_cli_fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u row.\n", "Exported %u rows.\n", n_rows), n_rows);
  return EXIT_SUCCESS;
}

static gboolean
bad_file (const char  *detail,
          GError     **error)
{
  g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
               _("This is not a cercle-server export: %s"), detail);
  return FALSE;
}

static gboolean
is_column_name (const char *name)
{
  if (!g_ascii_islower (name[0]))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

static gboolean
check_row (const char  *table,
           guint        r,
           JsonNode    *row,
           GError     **error)
{
  g_autoptr(GList) columns = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (row))
    {
      g_autofree char *detail = g_strdup_printf (_("table “%s”, row %u is not an object."), table, r + 1);

      return bad_file (detail, error);
    }

  columns = json_object_get_members (json_node_get_object (row));
  for (GList *c = columns; c != NULL; c = c->next)
    {
      JsonNode *value = json_object_get_member (json_node_get_object (row), c->data);

      /* Column names go into SQL: nothing but an identifier gets there */
      if (!is_column_name (c->data) || !(JSON_NODE_HOLDS_VALUE (value) || JSON_NODE_HOLDS_NULL (value)))
        {
          g_autofree char *detail = g_strdup_printf (_("table “%s”, row %u: “%s” is not a column."),
                                                     table, r + 1, (const char *)c->data);

          return bad_file (detail, error);
        }
    }

  return TRUE;
}

/* The document's shape, before anything is written: known tables of
 * objects whose members are column names, and the clubs it holds */
static gboolean
check_document (JsonObject  *document,
                GPtrArray   *club_ids,
                GError     **error)
{
  g_autoptr(GList) names = NULL;
  JsonObject *rows_of = NULL;
  JsonArray *seqs = NULL;
  const char *format = NULL;
  gint64 version = 0;
  g_autoptr(GError) local_error = NULL;

  /* The format first: another JSON file is told as such */
  if (!cercle_json_get_string (document, "format", CERCLE_JSON_OPTIONAL, &format, NULL) ||
      g_strcmp0 (format, FORMAT) != 0)
    return bad_file (_("its “format” is not “cercle-server-export”."), error);

  if (!cercle_json_get_int (document, "version", CERCLE_JSON_REQUIRED, 1, G_MAXINT, &version, &local_error) ||
      !cercle_json_get_object (document, "tables", CERCLE_JSON_REQUIRED, &rows_of, &local_error) ||
      !cercle_json_get_array (rows_of, "club_seq", CERCLE_JSON_OPTIONAL, &seqs, &local_error))
    return bad_file (local_error->message, error);

  if (version != VERSION)
    return bad_file (_("its “version” is not one this cercle-server reads."), error);

  names = json_object_get_members (rows_of);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (rows_of, name);
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
        known = known || g_str_equal (tables[i].name, name);

      if (!known || !JSON_NODE_HOLDS_ARRAY (node))
        {
          g_autofree char *detail = g_strdup_printf (_("“%s” is not one of its tables."), name);

          return bad_file (detail, error);
        }

      for (guint r = 0; r < json_array_get_length (json_node_get_array (node)); r++)
        if (!check_row (name, r, json_array_get_element (json_node_get_array (node), r), error))
          return FALSE;
    }

  for (guint r = 0; seqs != NULL && r < json_array_get_length (seqs); r++)
    {
      const char *club_id = NULL;

      if (!cercle_json_get_string (json_array_get_object_element (seqs, r), "club_id",
                                   CERCLE_JSON_REQUIRED, &club_id, &local_error))
        return bad_file (local_error->message, error);
      g_ptr_array_add (club_ids, g_strdup (club_id));
    }

  return TRUE;
}

int
_cercle_server_cmd_import (int    argc,
                           char **argv)
{
  g_autofree char *input = NULL;
  const GOptionEntry entries[] = {
    { "input", 0, 0, G_OPTION_ARG_FILENAME, &input, N_("The file cercle-server export wrote"), N_("FILE") },
    { NULL }
  };
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) club_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) clubs = NULL;
  JsonObject *document;
  JsonObject *rows_of = NULL;
  const char *epoch = NULL;

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, entries, FALSE, &error) ||
      !_cercle_server_cli_require (input, "--input", &error))
    return _cercle_server_cli_fail (error);

  if (!json_parser_load_from_mapped_file (parser, input, &error))
    {
      g_autofree char *display = g_filename_display_name (input);
      g_autofree char *message = g_strdup_printf (_("Cannot read “%s”: %s"), display, error->message);

      return _cercle_server_cli_fail_message (message);
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (&error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
                           _("This is not a cercle-server export: it is not a JSON object."));
      return _cercle_server_cli_fail (error);
    }
  document = json_node_get_object (json_parser_get_root (parser));

  if (!check_document (document, club_ids, &error) ||
      !cercle_json_get_object (document, "tables", CERCLE_JSON_REQUIRED, &rows_of, &error) ||
      !(storage = cercle_server_storage_open (_cercle_server_cli_database, TRUE, &error)) ||
      !(clubs = cercle_server_storage_list_clubs (storage, &error)))
    return _cercle_server_cli_fail (error);

  for (guint i = 0; i < clubs->len; i++)
    {
      const char *id = cercle_record_get_id (g_ptr_array_index (clubs, i));

      for (guint j = 0; j < club_ids->len; j++)
        if (g_str_equal (id, g_ptr_array_index (club_ids, j)))
          {
            g_autofree char *message = g_strdup_printf (_("The club “%s” is already in this database; nothing was imported."),
                                                        id);

            return _cercle_server_cli_fail_message (message);
          }
    }

  /* A database of its own keeps the clubs' epoch, and with it every
   * device's cursor; among other clubs, the devices pull again from the
   * start (410), still signed in */
  if (clubs->len == 0 &&
      !cercle_json_get_string (document, "epoch", CERCLE_JSON_OPTIONAL, &epoch, &error))
    return _cercle_server_cli_fail (error);

  if (!cercle_server_storage_import_rows (storage, table_names (), rows_of, epoch, &error))
    return _cercle_server_cli_fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u club.\n", "Imported %u clubs.\n", club_ids->len),
           club_ids->len);
  if (epoch == NULL && club_ids->len > 0)
    g_print ("%s\n", _("Its devices stay signed in and will sync again from the start."));

  return EXIT_SUCCESS;
}
