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
#include <string.h>

#include "cercle-server-cli-private.h"

/* "cercle-server export" and "import": a club that outgrows its SQLite
 * server moves to the federation's PostgreSQL (or back) with every row,
 * its seq, its accounts and their sessions, so that its members neither
 * sign in again nor, when the database they move to is new, sync again.
 *
 * The file is JSON Lines, so that neither side ever holds a whole club:
 *
 *   {"format":"cercle-server-export","version":2,"epoch":"…"}
 *   {"table":"account","row":{…}}          one line per row, the tables
 *   …                                      in the order they are written
 *   {"end":true,"rows":N}                  a file cut short is refused
 *
 * Rows are the tables' own, the same in both storages. The export reads
 * them in one snapshot, so that a running server can be exported; the
 * import writes them in one transaction: all of them, or nothing. */

#define FORMAT  "cercle-server-export"
#define VERSION 2

/* Every table a club has rows in, in the order an import writes them
 * (an account before its memberships and sessions); what selects one
 * club's rows, $1 being its id. Failed sign-ins are not moved: they only
 * slow a guesser down for a quarter of an hour. */
static const char * const table_names[] = {
  "account", "membership", "session", "club_seq", "club", "member", "event", "registration", "referral",
  "one_to_one", "request", "announcement", "need_reply", "mentoring", "device_key", "conversation",
  "message", "answer", "feed", "consent", NULL
};
static const char * const table_wheres[] = {
  "id IN (SELECT account_id FROM membership WHERE club_id = $1)",
  "club_id = $1",
  "account_id IN (SELECT account_id FROM membership WHERE club_id = $1)",
  "club_id = $1", "club_id = $1", "club_id = $1", "club_id = $1", "club_id = $1", "club_id = $1",
  "club_id = $1", "club_id = $1", "club_id = $1", "club_id = $1", "club_id = $1",
  "club_id = $1", "club_id = $1", "club_id = $1",
  "club_id = $1", "club_id = $1", "club_id = $1", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (table_names) == G_N_ELEMENTS (table_wheres));

static const char *
known_table (const char *name)
{
  for (guint i = 0; table_names[i] != NULL; i++)
    if (g_str_equal (table_names[i], name))
      return table_names[i];

  return NULL;
}

static gboolean
write_line (GOutputStream  *out,
            JsonObject     *object,
            GError        **error)
{
  g_autofree char *text = cercle_json_object_to_string (object);

  return g_output_stream_write_all (out, text, strlen (text), NULL, NULL, error) &&
         g_output_stream_write_all (out, "\n", 1, NULL, NULL, error);
}

typedef struct
{
  GOutputStream *out;
  guint          n_rows;
} ExportState;

static gboolean
export_row_cb (const char  *table,
               JsonObject  *row,
               gpointer     user_data,
               GError     **error)
{
  ExportState *state = user_data;
  g_autoptr(JsonObject) line = json_object_new ();

  json_object_set_string_member (line, "table", table);
  json_object_set_object_member (line, "row", json_object_ref (row));
  state->n_rows++;

  return write_line (state->out, line, error);
}

static int
fail_writing (const char *output,
              GError     *error)
{
  g_autofree char *display = g_filename_display_name (output);
  g_autofree char *message = g_strdup_printf (_("Cannot write “%s”: %s"), display, error->message);

  return _cercle_server_cli_fail_message (message);
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
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(JsonObject) end = json_object_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) file_out = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autofree char *epoch = NULL;
  ExportState state = { 0, };

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, entries, FALSE, &error) ||
      !_cercle_server_cli_require (output, "--output", &error) ||
      !(storage = cercle_server_storage_open (_cercle_server_cli_database, FALSE, &error)) ||
      (club_id != NULL && !_cercle_server_cli_club_exists (storage, club_id, &error)) ||
      !(epoch = cercle_server_storage_dup_epoch (storage, &error)))
    return _cercle_server_cli_fail (error);

  /* Written beside, and put in place only whole */
  file = g_file_new_for_commandline_arg (output);
  if (!(file_out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error)))
    return fail_writing (output, error);
  out = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (file_out), 256 * 1024);
  state.out = out;

  json_object_set_string_member (header, "format", FORMAT);
  json_object_set_int_member (header, "version", VERSION);
  json_object_set_string_member (header, "epoch", epoch);

  if (!write_line (out, header, &error) ||
      !cercle_server_storage_export_rows (storage, table_names, table_wheres, club_id, export_row_cb, &state,
                                          &error))
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      /* A cancelled close leaves whatever was there before in place */
      g_cancellable_cancel (cancelled);
      g_output_stream_close (G_OUTPUT_STREAM (file_out), cancelled, NULL);
      if (error->domain == G_IO_ERROR)
        return fail_writing (output, error);
      return _cercle_server_cli_fail (error);
    }

  json_object_set_boolean_member (end, "end", TRUE);
  json_object_set_int_member (end, "rows", state.n_rows);
  if (!write_line (out, end, &error) ||
      !g_output_stream_close (out, NULL, &error))
    return fail_writing (output, error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u row.\n", "Exported %u rows.\n", state.n_rows),
           state.n_rows);
  return EXIT_SUCCESS;
}

static gboolean
bad_line (guint        line,
          const char  *detail,
          GError     **error)
{
  /* Translators: the first %u is a line's number in the file, %s what is wrong with it */
  g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
               _("This is not a cercle-server export: line %u: %s"), line, detail);
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
check_row (guint        line,
           JsonObject  *row,
           GError     **error)
{
  g_autoptr(GList) columns = json_object_get_members (row);

  for (GList *c = columns; c != NULL; c = c->next)
    {
      JsonNode *value = json_object_get_member (row, c->data);

      /* Column names go into SQL: nothing but an identifier gets there */
      if (!is_column_name (c->data) || !(JSON_NODE_HOLDS_VALUE (value) || JSON_NODE_HOLDS_NULL (value)))
        {
          g_autofree char *detail = g_strdup_printf (_("“%s” is not a column."), (const char *)c->data);

          return bad_line (line, detail, error);
        }
    }

  return TRUE;
}

/* Reads the file a line at a time, for cercle_server_storage_import_rows() */
typedef struct
{
  GDataInputStream *in;
  JsonParser       *parser;
  guint             line;
  guint             n_rows;
  gboolean          ended;
  /* The clubs of the database imported into, and those imported */
  GHashTable       *existing_clubs;
  guint             n_clubs;
  /* Whether the last error was the file's, rather than the database's */
  gboolean          file_error;
} ImportState;

/* The next line as a JSON object; %NULL at the end of the file, or with
 * @error set */
static JsonObject *
read_line (ImportState  *state,
           GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  gsize length;

  text = g_data_input_stream_read_line_utf8 (state->in, &length, NULL, &local_error);
  if (text == NULL)
    {
      if (local_error != NULL)
        bad_line (state->line + 1, local_error->message, error);
      return NULL;
    }

  state->line++;
  if (!json_parser_load_from_data (state->parser, text, (gssize)length, &local_error))
    {
      bad_line (state->line, local_error->message, error);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (state->parser)))
    {
      bad_line (state->line, _("it is not a JSON object."), error);
      return NULL;
    }

  return json_node_get_object (json_parser_get_root (state->parser));
}

static gboolean
next_row_cb (gpointer      user_data,
             const char  **table,
             JsonObject  **row,
             GError      **error)
{
  ImportState *state = user_data;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  const char *name = NULL;
  JsonObject *values = NULL;
  gboolean end = FALSE;
  gint64 n_rows = 0;

  state->file_error = TRUE;

  if (state->ended)
    {
      /* Nothing may follow the last line */
      if ((object = read_line (state, error)) != NULL)
        return bad_line (state->line, _("there is more after the last line."), error);
      return FALSE;
    }

  if ((object = read_line (state, error)) == NULL)
    {
      if (error != NULL && *error == NULL)
        bad_line (state->line, _("the file ends before its last line: it was cut short."), error);
      return FALSE;
    }

  if (!cercle_json_get_boolean (object, "end", CERCLE_JSON_OPTIONAL, &end, &local_error))
    return bad_line (state->line, local_error->message, error);

  if (end)
    {
      if (!cercle_json_get_int (object, "rows", CERCLE_JSON_REQUIRED, 0, G_MAXINT64, &n_rows, &local_error))
        return bad_line (state->line, local_error->message, error);
      if (n_rows != state->n_rows)
        return bad_line (state->line, _("it does not count as many rows as the file holds."), error);

      state->ended = TRUE;
      return next_row_cb (user_data, table, row, error);
    }

  if (!cercle_json_get_string (object, "table", CERCLE_JSON_REQUIRED, &name, &local_error) ||
      !cercle_json_get_object (object, "row", CERCLE_JSON_REQUIRED, &values, &local_error))
    return bad_line (state->line, local_error->message, error);

  if (known_table (name) == NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” is not one of its tables."), name);

      return bad_line (state->line, detail, error);
    }

  if (!check_row (state->line, values, error))
    return FALSE;

  /* A club already there is refused at its first row (its memberships
   * come before its seq), and nothing is written */
  if (json_object_has_member (values, "club_id"))
    {
      const char *club_id = NULL;

      if (!cercle_json_get_string (values, "club_id", CERCLE_JSON_REQUIRED, &club_id, &local_error))
        return bad_line (state->line, local_error->message, error);

      if (g_hash_table_contains (state->existing_clubs, club_id))
        {
          g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_EXISTS,
                       _("The club “%s” is already in this database; nothing was imported."), club_id);
          return FALSE;
        }
    }

  if (g_str_equal (name, "club_seq"))
    state->n_clubs++;

  state->n_rows++;
  state->file_error = FALSE;
  *table = known_table (name);
  *row = values;

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
  g_autoptr(GHashTable) existing = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) clubs = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) file_in = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *epoch = NULL;
  ImportState state = { 0, };
  JsonObject *header;
  const char *format = NULL;
  const char *file_epoch = NULL;
  gint64 version = 0;

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, entries, FALSE, &error) ||
      !_cercle_server_cli_require (input, "--input", &error))
    return _cercle_server_cli_fail (error);

  file = g_file_new_for_commandline_arg (input);
  if (!(file_in = g_file_read (file, NULL, &error)))
    {
      g_autofree char *display = g_filename_display_name (input);
      g_autofree char *message = g_strdup_printf (_("Cannot read “%s”: %s"), display, error->message);

      return _cercle_server_cli_fail_message (message);
    }
  in = g_data_input_stream_new (G_INPUT_STREAM (file_in));
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (in), 256 * 1024);
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_LF);

  state.in = in;
  state.parser = parser;
  state.existing_clubs = existing;

  /* The first line says what the file is: another file is told as such */
  if (!(header = read_line (&state, &error)))
    {
      if (error == NULL)
        bad_line (1, _("the file is empty."), &error);
      return _cercle_server_cli_fail (error);
    }

  if (!cercle_json_get_string (header, "format", CERCLE_JSON_OPTIONAL, &format, NULL) ||
      g_strcmp0 (format, FORMAT) != 0)
    {
      bad_line (1, _("its “format” is not “cercle-server-export”."), &error);
      return _cercle_server_cli_fail (error);
    }

  if (!cercle_json_get_int (header, "version", CERCLE_JSON_REQUIRED, 1, G_MAXINT, &version, &error) ||
      !cercle_json_get_string (header, "epoch", CERCLE_JSON_OPTIONAL, &file_epoch, &error))
    {
      g_autoptr(GError) detail = g_steal_pointer (&error);

      bad_line (1, detail->message, &error);
      return _cercle_server_cli_fail (error);
    }

  if (version != VERSION)
    {
      bad_line (1, _("its “version” is not one this cercle-server reads."), &error);
      return _cercle_server_cli_fail (error);
    }
  epoch = g_strdup (file_epoch);

  if (!(storage = cercle_server_storage_open (_cercle_server_cli_database, TRUE, &error)) ||
      !(clubs = cercle_server_storage_list_clubs (storage, &error)))
    return _cercle_server_cli_fail (error);

  for (guint i = 0; i < clubs->len; i++)
    g_hash_table_add (existing, (gpointer)cercle_record_get_id (g_ptr_array_index (clubs, i)));

  /* A database of its own keeps the clubs' epoch, and with it every
   * device's cursor; among other clubs, the devices pull again from the
   * start (410), still signed in */
  if (clubs->len > 0)
    g_clear_pointer (&epoch, g_free);

  if (!cercle_server_storage_import_rows (storage, next_row_cb, &state, epoch, &error))
    {
      /* The database's refusal, of the row on the line just read */
      if (!state.file_error && error->domain == CERCLE_SERVER_ERROR &&
          error->code == CERCLE_SERVER_ERROR_INVALID)
        {
          g_autofree char *message = NULL;

          /* Translators: a line's number in the file, a table of the server's database, the database's message */
          message = g_strdup_printf (_("Nothing was imported: line %u (table “%s”): %s"), state.line,
                                     json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                                    "table"),
                                     error->message);
          return _cercle_server_cli_fail_message (message);
        }

      return _cercle_server_cli_fail (error);
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u club.\n", "Imported %u clubs.\n", state.n_clubs),
           state.n_clubs);
  if (epoch == NULL && state.n_clubs > 0)
    g_print ("%s\n", _("Its devices stay signed in and will sync again from the start."));

  return EXIT_SUCCESS;
}
