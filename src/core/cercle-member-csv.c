/* cercle-member-csv.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-csv"

#include "config.h"

#include <csv.h>
#include <string.h>
#include <uchardet/uchardet.h>

#include <glib/gi18n.h>

#include "cercle-format.h"
#include "cercle-member-csv.h"
#include "cercle-member.h"
#include "cercle-permission.h"
#include "cercle-record-list.h"
#include "cercle-search-terms.h"
#include "cercle-store-private.h"
#include "cercle-validate.h"
#include "cercle-visibility.h"

/* Members to and from spreadsheets. Staff moving a club from Excel bring a
 * CSV file: French Excel writes it with ";" between cells and in
 * Windows-1252. The grammar is libcsv's and the encoding is guessed by
 * uchardet; the columns are mapped to fields from their titles, and the
 * user may change that mapping. An import is all or nothing: one row that
 * cannot be read, and nothing is written. A member already in the club
 * (the same e-mail address) is updated, not added again. */

G_DEFINE_QUARK (cercle-csv-error-quark, cercle_csv_error)

/* The member fields an import fills and an export writes, in order */
static const char * const member_columns[] = {
  "first_name", "last_name", "company", "job_title", "sector", "city",
  "email", "phone", "website", "offers", "needs", "bio", "status", "joined_on",
  NULL
};

/* Column titles people write, folded (lower case, no accents, only letters
 * and digits), and the field each means */
static const struct {
  const char *title;
  const char *column;
} known_titles[] = {
  { "prenom", "first_name" }, { "firstname", "first_name" }, { "givenname", "first_name" },
  { "nom", "last_name" }, { "nomdefamille", "last_name" }, { "lastname", "last_name" },
  { "surname", "last_name" }, { "familyname", "last_name" },
  { "societe", "company" }, { "entreprise", "company" }, { "raisonsociale", "company" },
  { "company", "company" }, { "organisation", "company" }, { "organization", "company" },
  { "fonction", "job_title" }, { "poste", "job_title" }, { "titre", "job_title" },
  { "jobtitle", "job_title" }, { "title", "job_title" }, { "position", "job_title" },
  { "secteur", "sector" }, { "filiere", "sector" }, { "secteurdactivite", "sector" },
  { "activite", "sector" }, { "sector", "sector" }, { "industry", "sector" },
  { "ville", "city" }, { "commune", "city" }, { "city", "city" }, { "town", "city" },
  { "email", "email" }, { "mail", "email" }, { "courriel", "email" }, { "adresseemail", "email" },
  { "adressemail", "email" }, { "emailaddress", "email" },
  { "telephone", "phone" }, { "tel", "phone" }, { "portable", "phone" }, { "mobile", "phone" },
  { "phone", "phone" }, { "telephoneportable", "phone" },
  { "siteweb", "website" }, { "siteinternet", "website" }, { "site", "website" },
  { "website", "website" }, { "web", "website" }, { "url", "website" },
  { "jepropose", "offers" }, { "propose", "offers" }, { "offres", "offers" },
  { "ioffer", "offers" }, { "offers", "offers" },
  { "jerecherche", "needs" }, { "recherche", "needs" }, { "besoins", "needs" },
  { "iamlookingfor", "needs" }, { "lookingfor", "needs" }, { "needs", "needs" },
  { "bio", "bio" }, { "presentation", "bio" }, { "apropos", "bio" }, { "about", "bio" },
  { "statut", "status" }, { "status", "status" },
  { "membredepuis", "joined_on" }, { "datedadhesion", "joined_on" }, { "adhesion", "joined_on" },
  { "membersince", "joined_on" }, { "joined", "joined_on" }, { "joinedon", "joined_on" },
};

const char * const *
cercle_csv_member_columns (void)
{
  return member_columns;
}

/**
 * cercle_csv_column_title:
 * @column: one of cercle_csv_member_columns()
 *
 * Returns: the field's title, translated, as an export writes it and as
 *   the import dialog names it
 */
const char *
cercle_csv_column_title (const char *column)
{
  static const struct { const char *column; const char *title; } titles[] = {
    { "first_name", N_("First name") },
    { "last_name", N_("Last name") },
    { "company", N_("Company") },
    { "job_title", N_("Job title") },
    { "sector", N_("Sector") },
    { "city", N_("City") },
    { "email", N_("Email") },
    { "phone", N_("Phone") },
    { "website", N_("Website") },
    { "offers", N_("I offer") },
    { "needs", N_("I am looking for") },
    { "bio", N_("About") },
    { "status", N_("Status") },
    { "joined_on", N_("Member since") },
  };

  g_return_val_if_fail (column != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].column, column))
      return _(titles[i].title);

  return column;
}

void
cercle_csv_table_free (CercleCsvTable *self)
{
  if (self == NULL)
    return;

  g_free (self->encoding);
  g_strfreev (self->header);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  g_free (self);
}

void
cercle_import_report_free (CercleImportReport *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->rejected, g_ptr_array_unref);
  g_free (self);
}

static guint
line_of_offset (const char *text,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n')
      line++;

  return line;
}

/* The text of @data in UTF-8, whatever it was written in */
static char *
to_utf8 (const char  *data,
         gsize        len,
         char       **encoding,
         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *charset;
  uchardet_t detector;
  char *text;
  gsize bytes_read = 0;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
      *encoding = g_strdup ("UTF-8");
    }
  else if (g_utf8_validate_len (data, len, NULL))
    *encoding = g_strdup ("UTF-8");
  else
    {
      detector = uchardet_new ();
      uchardet_handle_data (detector, data, len);
      uchardet_data_end (detector);
      charset = uchardet_get_charset (detector);

      /* What French Excel writes, when the guess is no better; Latin-1 is
       * read as its superset, which has "Œ" and "€" */
      if (charset == NULL || *charset == '\0' || g_ascii_strcasecmp (charset, "ASCII") == 0 ||
          g_ascii_strcasecmp (charset, "ISO-8859-1") == 0 || g_ascii_strcasecmp (charset, "ISO-8859-15") == 0)
        charset = "WINDOWS-1252";
      *encoding = g_ascii_strup (charset, -1);
      uchardet_delete (detector);
    }

  if (g_str_equal (*encoding, "UTF-8"))
    {
      const char *end = NULL;

      if (!g_utf8_validate_len (data, len, &end))
        {
          g_set_error (error, CERCLE_CSV_ERROR, CERCLE_CSV_ERROR_ENCODING,
                       _("Line %u has bytes that are not text in this file’s encoding (UTF-8)."),
                       line_of_offset (data, (gsize)(end - data)));
          return NULL;
        }
      return g_strndup (data, len);
    }

  text = g_convert (data, (gssize)len, "UTF-8", *encoding, &bytes_read, NULL, &local_error);
  if (text == NULL)
    {
      g_set_error (error, CERCLE_CSV_ERROR, CERCLE_CSV_ERROR_ENCODING,
                   _("Line %u has bytes that are not text in this file’s encoding (%s)."),
                   line_of_offset (data, bytes_read), *encoding);
      return NULL;
    }

  return text;
}

/* The separator of the first line: the one of ";", "," and tab it has
 * most of outside quotes; ";" when in doubt, as French Excel writes */
static char
guess_separator (const char *text)
{
  guint semicolons = 0, commas = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0' && (quoted || *p != '\n'); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == ';')
        semicolons++;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == '\t')
        tabs++;
    }

  if (tabs > semicolons && tabs > commas)
    return '\t';
  if (commas > semicolons)
    return ',';
  return ';';
}

typedef struct
{
  GPtrArray *cells;      /* of the row being read */
  GPtrArray *rows;
  GArray    *lines;
  guint      line;       /* of the text fed last */
  guint      row_line;   /* where the row being read started */
  gboolean   at_row_start;
  guint      too_wide_line;
  guint      too_wide_count;
} Reader;

static void
on_field_cb (void   *field,
             size_t  len,
             void   *data)
{
  Reader *reader = data;

  if (reader->cells->len >= CERCLE_CSV_MAX_COLUMNS)
    {
      if (reader->too_wide_line == 0)
        reader->too_wide_line = reader->row_line;
      reader->too_wide_count = reader->cells->len + 1;
      return;
    }

  g_ptr_array_add (reader->cells, g_strndup (field != NULL ? field : "", len));
}

static void
on_row_cb (int   c,
           void *data)
{
  Reader *reader = data;
  gboolean empty = TRUE;

  for (guint i = 0; i < reader->cells->len && empty; i++)
    empty = *g_strstrip ((char *)reader->cells->pdata[i]) == '\0';

  /* Blank lines, and rows of empty cells as spreadsheets leave, are skipped */
  if (!empty)
    {
      g_ptr_array_add (reader->cells, NULL);
      g_ptr_array_add (reader->rows, g_ptr_array_steal (reader->cells, NULL));
      g_array_append_val (reader->lines, reader->row_line);
    }

  g_ptr_array_set_size (reader->cells, 0);
  reader->at_row_start = TRUE;
}

/**
 * cercle_csv_table_parse:
 * @bytes: a CSV file's contents
 *
 * Reads a spreadsheet saved as CSV, in UTF-8 (with or without its byte
 * order mark) or in the encoding uchardet recognizes (Windows-1252 when
 * unsure), with ";", "," or tab between cells.
 *
 * Returns: (transfer full): the table, or %NULL with @error set to a
 *   sentence naming the line at fault
 */
CercleCsvTable *
cercle_csv_table_parse (GBytes  *bytes,
                        GError **error)
{
  g_autoptr(CercleCsvTable) table = NULL;
  g_autofree char *text = NULL;
  g_autofree char *size = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  struct csv_parser parser;
  Reader reader = { 0, };
  const char *data;
  gsize len;
  const char *line;
  gboolean ok = TRUE;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);

  if (len == 0)
    {
      g_set_error_literal (error, CERCLE_CSV_ERROR, CERCLE_CSV_ERROR_EMPTY, _("The file is empty."));
      return NULL;
    }

  if (len > CERCLE_CSV_MAX_BYTES)
    {
      size = g_format_size (CERCLE_CSV_MAX_BYTES);
      g_set_error (error, CERCLE_CSV_ERROR, CERCLE_CSV_ERROR_TOO_BIG,
                   _("The file is too big to import: at most %s."), size);
      return NULL;
    }

  /* Text has no NUL byte: this is a picture, a spreadsheet in Excel's own
   * format, or some other binary file */
  if (memchr (data, '\0', len) != NULL)
    {
      g_set_error (error, CERCLE_CSV_ERROR, CERCLE_CSV_ERROR_NOT_CSV,
                   _("This is not a CSV file: line %u is not text. Save the spreadsheet as CSV first."),
                   line_of_offset (data, (gsize)((const char *)memchr (data, '\0', len) - data)));
      return NULL;
    }

  table = g_new0 (CercleCsvTable, 1);
  text = to_utf8 (data, len, &table->encoding, error);
  if (text == NULL)
    return NULL;

  table->separator = guess_separator (text);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  table->lines = g_array_new (FALSE, FALSE, sizeof (guint));

  reader.cells = cells;
  reader.rows = table->rows;
  reader.lines = table->lines;
  reader.at_row_start = TRUE;

  csv_init (&parser, CSV_APPEND_NULL);
  csv_set_delim (&parser, (unsigned char)table->separator);

  /* Line by line, so that every row knows where it started */
  line = text;
  while (*line != '\0' && ok)
    {
      const char *end = strchr (line, '\n');
      gsize line_len = end != NULL ? (gsize)(end - line) + 1 : strlen (line);

      reader.line++;

      /* A blank line between rows is no row: the next one starts below */
      if (reader.at_row_start && strspn (line, " \t\r") == line_len - (end != NULL ? 1 : 0))
        {
          line += line_len;
          continue;
        }

      if (reader.at_row_start)
        {
          reader.row_line = reader.line;
          reader.at_row_start = FALSE;
        }

      ok = csv_parse (&parser, line, line_len, on_field_cb, on_row_cb, &reader) == line_len;
      line += line_len;
    }

  if (ok)
    ok = csv_fini (&parser, on_field_cb, on_row_cb, &reader) == 0;
  csv_free (&parser);

  if (!ok)
    {
      g_set_error (error, CERCLE_CSV_ERROR, CERCLE_CSV_ERROR_NOT_CSV,
                   _("Line %u could not be read as CSV: %s."), reader.row_line,
                   csv_strerror (csv_error (&parser)));
      return NULL;
    }

  if (reader.too_wide_line != 0)
    {
      g_set_error (error, CERCLE_CSV_ERROR, CERCLE_CSV_ERROR_TOO_MANY_COLUMNS,
                   _("Line %u has more than %u columns: this does not look like a list of members."),
                   reader.too_wide_line, CERCLE_CSV_MAX_COLUMNS);
      return NULL;
    }

  if (table->rows->len == 0)
    {
      g_set_error_literal (error, CERCLE_CSV_ERROR, CERCLE_CSV_ERROR_EMPTY, _("The file is empty."));
      return NULL;
    }

  table->header = g_ptr_array_steal_index (table->rows, 0);
  g_array_remove_index (table->lines, 0);

  return g_steal_pointer (&table);
}

static char *
fold_title (const char *title)
{
  g_autofree char *folded = cercle_search_fold (title);
  GString *letters = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (letters, *p);

  return g_string_free (letters, FALSE);
}

/**
 * cercle_csv_guess_mapping:
 *
 * Returns: (transfer full): for each column of @self's header, the member
 *   field its title names, or "" to leave the column out; a field is
 *   given to one column only
 */
GStrv
cercle_csv_guess_mapping (CercleCsvTable *self)
{
  guint n = g_strv_length (self->header);
  GStrv mapping = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *folded = fold_title (self->header[i]);
      const char *column = "";

      for (guint k = 0; k < G_N_ELEMENTS (known_titles); k++)
        if (g_str_equal (folded, known_titles[k].title))
          column = known_titles[k].column;

      /* Our own export's titles, in the language it was made in */
      for (guint k = 0; *column == '\0' && member_columns[k] != NULL; k++)
        {
          g_autofree char *title = fold_title (cercle_csv_column_title (member_columns[k]));

          if (g_str_equal (folded, title))
            column = member_columns[k];
        }

      for (guint j = 0; j < i && *column != '\0'; j++)
        if (g_str_equal (mapping[j], column))
          column = "";

      mapping[i] = g_strdup (column);
    }

  return mapping;
}

static int
parse_status (const char *text)
{
  g_autofree char *folded = fold_title (text);

  if (g_str_has_prefix (folded, "act") || g_str_equal (folded, "membre") || g_str_equal (folded, "member"))
    return CERCLE_MEMBER_STATUS_ACTIVE;
  if (g_str_has_prefix (folded, "cand"))
    return CERCLE_MEMBER_STATUS_CANDIDATE;
  if (g_str_has_prefix (folded, "alum") || g_str_has_prefix (folded, "ancien") || g_str_has_prefix (folded, "former"))
    return CERCLE_MEMBER_STATUS_ALUMNI;

  return -1;
}

/* "2024-09-12" or "12/09/2024", as French spreadsheets write dates */
static char *
parse_day (const char *text)
{
  int y = 0, m = 0, d = 0;
  char tail;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 &&
      sscanf (text, "%2d/%2d/%4d%c", &d, &m, &y, &tail) != 3)
    return NULL;

  if (!g_date_valid_dmy ((GDateDay)d, (GDateMonth)m, (GDateYear)y) || y < 1900)
    return NULL;

  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

static void
reject (CercleImportReport *report,
        guint               line,
        const char         *reason)
{
  g_ptr_array_add (report->rejected,
                   /* Translators: a rejected row of an import, as in
                    * "Line 12: the e-mail address is not valid." */
                   g_strdup_printf (_("Line %u: %s"), line, reason));
}

/* Reads the members the club has by e-mail address, lower case */
static GHashTable *
members_by_email (CercleStore  *store,
                  GError      **error)
{
  g_autoptr(GHashTable) by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = cercle_db_prepare (store->db,
                                  "SELECT lower (trim (email)), id FROM member"
                                  " WHERE deleted = 0 AND coalesce (email, '') <> ''",
                                  error)))
    return NULL;

  while ((rc = cercle_db_step (store->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    g_hash_table_insert (by_email,
                         g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&by_email);
}

/* Sets @column of @member from @value, checked; returns a reason for the
 * user when @value cannot go there */
static char *
set_field (CercleMember *member,
           const char   *column,
           const char   *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *property = g_strdelimit (g_strdup (column), "_", '-');

  if (g_str_equal (column, "email") && *value != '\0' && !cercle_validate_email (value, &error))
    return g_strdup_printf (_("e-mail address “%s”: %s"), value, error->message);

  if (g_str_equal (column, "phone") && *value != '\0')
    {
      g_autofree char *e164 = cercle_validate_phone (value, &error);

      if (e164 == NULL)
        return g_strdup_printf (_("phone “%s”: %s"), value, error->message);
    }

  if (g_str_equal (column, "website") && *value != '\0')
    {
      g_autofree char *url = cercle_validate_url (value, &error);

      if (url == NULL)
        return g_strdup_printf (_("website “%s”: %s"), value, error->message);
      g_object_set (member, "website", url, NULL);
      return NULL;
    }

  if (g_str_equal (column, "status"))
    {
      int status = *value != '\0' ? parse_status (value) : CERCLE_MEMBER_STATUS_ACTIVE;

      if (status < 0)
        return g_strdup_printf (_("status “%s” is none of candidate, active or alumni."), value);
      g_object_set (member, "status", status, NULL);
      return NULL;
    }

  if (g_str_equal (column, "joined_on"))
    {
      g_autofree char *day = *value != '\0' ? parse_day (value) : NULL;

      if (*value != '\0' && day == NULL)
        return g_strdup_printf (_("date “%s” is not a day, such as 12/09/2024."), value);
      g_object_set (member, "joined-on", day, NULL);
      return NULL;
    }

  g_object_set (member, property, *value != '\0' ? value : NULL, NULL);

  return NULL;
}

/**
 * cercle_store_import_members:
 * @mapping: (array zero-terminated=1): the member field of each column of
 *   @table, "" to leave it out (see cercle_csv_guess_mapping())
 * @dry_run: only say what would be done
 * @progress: (scope call) (nullable): told how many rows were read
 * @report: (out) (optional): what was done, or would be; filled on
 *   failure too, with the rows that were rejected
 *
 * Adds the members of @table to the club, or updates those whose e-mail
 * address it already has, as local edits of the user (staff), in one
 * transaction. When any row is rejected nothing is written, and @error
 * says how many; @report names each with its line and reason.
 */
gboolean
cercle_store_import_members (CercleStore           *store,
                             CercleCsvTable        *table,
                             const char * const    *mapping,
                             gboolean               dry_run,
                             CercleImportProgress   progress,
                             gpointer               progress_data,
                             GCancellable          *cancellable,
                             CercleImportReport   **report,
                             GError               **error)
{
  g_autoptr(CercleImportReport) result = g_new0 (CercleImportReport, 1);
  g_autoptr(GHashTable) by_email = NULL;
  g_autoptr(GHashTable) email_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_columns;
  gboolean has_name = FALSE;

  g_return_val_if_fail (CERCLE_IS_STORE (store), FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (mapping != NULL, FALSE);

  result->rejected = g_ptr_array_new_with_free_func (g_free);
  n_columns = g_strv_length (table->header);

  for (guint c = 0; c < n_columns && mapping[c] != NULL; c++)
    has_name |= g_str_equal (mapping[c], "last_name") || g_str_equal (mapping[c], "first_name");

  if (g_strv_length ((char **)mapping) != n_columns || !has_name)
    {
      g_set_error_literal (error, CERCLE_CSV_ERROR, CERCLE_CSV_ERROR_NO_NAME_COLUMN,
                           _("No column holds the members’ names: choose the column of their last names."));
      return FALSE;
    }

  if (!(by_email = members_by_email (store, error)))
    return FALSE;

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (table->rows, r);
      guint line = g_array_index (table->lines, guint, r);
      guint n_cells = g_strv_length (cells);
      g_autoptr(CercleMember) member = NULL;
      g_autofree char *email = NULL;
      g_autofree char *reason = NULL;
      const char *existing_id = NULL;
      gboolean named = FALSE;

      if (r % 256 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (r, table->rows->len, progress_data);
        }

      if (n_cells > n_columns)
        {
          g_autofree char *why = g_strdup_printf (_("it has %u cells, and the first line %u titles."),
                                                  n_cells, n_columns);

          reject (result, line, why);
          continue;
        }

      for (guint c = 0; c < n_columns; c++)
        if (g_str_equal (mapping[c], "email") && c < n_cells && *g_strstrip (cells[c]) != '\0')
          email = g_ascii_strdown (cells[c], -1);

      if (email != NULL)
        {
          guint first_line = GPOINTER_TO_UINT (g_hash_table_lookup (email_lines, email));

          if (first_line != 0)
            {
              g_autofree char *why = g_strdup_printf (_("the e-mail address “%s” is already on line %u."),
                                                      email, first_line);

              reject (result, line, why);
              continue;
            }
          g_hash_table_insert (email_lines, g_strdup (email), GUINT_TO_POINTER (line));
          existing_id = g_hash_table_lookup (by_email, email);
        }

      if (existing_id != NULL)
        member = cercle_store_get_record (store, CERCLE_TYPE_MEMBER, existing_id, error);
      else
        member = cercle_member_new ();
      if (member == NULL)
        return FALSE;

      for (guint c = 0; c < n_columns && reason == NULL; c++)
        {
          const char *value = c < n_cells ? g_strstrip (cells[c]) : "";

          if (*mapping[c] == '\0')
            continue;
          if (!g_strv_contains (member_columns, mapping[c]))
            continue;

          reason = set_field (member, mapping[c], value);
          named |= (g_str_equal (mapping[c], "last_name") || g_str_equal (mapping[c], "first_name")) &&
                   *value != '\0';
        }

      if (reason == NULL && !named && existing_id == NULL)
        reason = g_strdup (_("it has no name."));

      if (reason != NULL)
        {
          reject (result, line, reason);
          continue;
        }

      if (existing_id != NULL)
        {
          g_autoptr(CercleMember) before = cercle_store_get_record (store, CERCLE_TYPE_MEMBER, existing_id, NULL);
          CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (member);
          gboolean changed = FALSE;

          for (guint f = 0; f < klass->n_fields && before != NULL && !changed; f++)
            changed = g_param_values_cmp (klass->fields[f],
                                          cercle_record_peek_value (CERCLE_RECORD (before), f + 1),
                                          cercle_record_peek_value (CERCLE_RECORD (member), f + 1)) != 0;
          if (!changed)
            {
              result->n_unchanged++;
              continue;
            }
          result->n_updated++;
        }
      else
        result->n_added++;

      g_ptr_array_add (records, g_steal_pointer (&member));
    }

  if (progress != NULL)
    progress (table->rows->len, table->rows->len, progress_data);

  if (result->rejected->len > 0)
    {
      g_set_error (error, CERCLE_CSV_ERROR, CERCLE_CSV_ERROR_REJECTED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u row could not be imported; nothing was changed.",
                                "%u rows could not be imported; nothing was changed.",
                                result->rejected->len),
                   result->rejected->len);
      if (report != NULL)
        *report = g_steal_pointer (&result);
      return FALSE;
    }

  if (!dry_run && records->len > 0 &&
      !cercle_store_save_all (store, (CercleRecord **)records->pdata, records->len,
                              CERCLE_SAVE_LOCAL_EDIT, error))
    return FALSE;

  if (report != NULL)
    *report = g_steal_pointer (&result);

  return TRUE;
}

static gboolean
write_text (GOutputStream  *output,
            const char     *text,
            GCancellable   *cancellable,
            GError        **error)
{
  return g_output_stream_write_all (output, text, strlen (text), NULL, cancellable, error);
}

static void
append_cell (GString    *line,
             const char *value)
{
  gsize len = value != NULL ? strlen (value) : 0;
  gsize room = len * 2 + 3;
  gsize old_len = line->len;

  if (old_len > 0 && line->str[old_len - 1] != '\n')
    g_string_append_c (line, ';');
  old_len = line->len;

  g_string_set_size (line, old_len + room);
  g_string_set_size (line, old_len + csv_write2 (line->str + old_len, room, value != NULL ? value : "", len, '"'));
}

/**
 * cercle_store_export_members_csv:
 * @rows: (nullable) (element-type gint64): the members to export, as row
 *   numbers of a #CercleRecordList, or %NULL for every member
 *
 * Writes the members as French Excel and LibreOffice read a CSV file:
 * UTF-8 with a byte order mark, ";" between cells, a line per member.
 * Fields the user may not see (cercle-visibility.c) are left empty.
 */
gboolean
cercle_store_export_members_csv (CercleStore    *store,
                                 GArray         *rows,
                                 GOutputStream  *output,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GString) line = g_string_new (NULL);

  g_return_val_if_fail (CERCLE_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  if (!(viewer = cercle_store_dup_viewer (store, error)))
    return FALSE;

  if (rows == NULL)
    {
      if (!(all = cercle_store_search_member_rows (store, NULL, cancellable, error)))
        return FALSE;
      rows = all;
    }

  if (!write_text (output, "\xef\xbb\xbf", cancellable, error))
    return FALSE;

  for (guint c = 0; member_columns[c] != NULL; c++)
    append_cell (line, cercle_csv_column_title (member_columns[c]));
  g_string_append (line, "\r\n");

  for (guint r = 0; r < rows->len; r++)
    {
      g_autoptr(CercleMember) member = NULL;

      member = _cercle_store_load_by_row_number (store, CERCLE_TYPE_MEMBER,
                                                 g_array_index (rows, gint64, r), error);
      if (member == NULL)
        return FALSE;

      /* What the user may not see, they may not export either */
      cercle_visibility_redact_member (viewer, member);

      for (guint c = 0; member_columns[c] != NULL; c++)
        {
          g_autofree char *property = g_strdelimit (g_strdup (member_columns[c]), "_", '-');

          if (g_str_equal (member_columns[c], "status"))
            append_cell (line, cercle_member_status_to_string (cercle_member_get_status (member)));
          else
            {
              g_autofree char *value = NULL;

              g_object_get (member, property, &value, NULL);
              append_cell (line, value);
            }
        }
      g_string_append (line, "\r\n");

      if (line->len > 64 * 1024)
        {
          if (!write_text (output, line->str, cancellable, error))
            return FALSE;
          g_string_truncate (line, 0);
        }
    }

  return write_text (output, line->str, cancellable, error) &&
         g_output_stream_flush (output, cancellable, error);
}
