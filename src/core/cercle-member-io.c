/* cercle-member-io.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-member-csv.h"
#include "cercle-member-io.h"
#include "cercle-member.h"
#include "cercle-store-private.h"
#include "cercle-vcard.h"

/* Members to and from files, away from the interface: an import or an
 * export of a whole club takes seconds, so the app runs them in a worker
 * thread, on a connection of the thread's own (the store's connection
 * belongs to the main thread). Once an import is committed, the store
 * the app holds hears of it as of its own writes. */

/**
 * cercle_store_export_members_vcard:
 * @rows: (nullable) (element-type gint64): the members to export, as row
 *   numbers of a #CercleRecordList, or %NULL for every member
 *
 * Writes one vCard 4.0 card per member (RFC 6350), with what the club's
 * local user may see of each (cercle-visibility.c).
 */
gboolean
cercle_store_export_members_vcard (CercleStore    *store,
                                   GArray         *rows,
                                   GOutputStream  *output,
                                   GCancellable   *cancellable,
                                   GError        **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

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

  for (guint r = 0; r < rows->len; r++)
    {
      g_autoptr(CercleMember) member = NULL;
      g_autofree char *card = NULL;

      member = _cercle_store_load_by_row_number (store, CERCLE_TYPE_MEMBER,
                                                 g_array_index (rows, gint64, r), error);
      if (member == NULL)
        return FALSE;

      card = cercle_vcard_from_member_for_viewer (member, viewer);
      g_string_append (text, card);

      if (text->len > 64 * 1024)
        {
          if (!g_output_stream_write_all (output, text->str, text->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (text, 0);
        }
    }

  return g_output_stream_write_all (output, text->str, text->len, NULL, cancellable, error) &&
         g_output_stream_flush (output, cancellable, error);
}

/**
 * cercle_member_format_for_path:
 *
 * Returns: the format a file name asks for by its extension (.csv or
 *   .vcf, in any case), or -1 for neither
 */
int
cercle_member_format_for_path (const char *path)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, -1);

  lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".csv"))
    return CERCLE_MEMBER_FORMAT_CSV;
  if (g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard"))
    return CERCLE_MEMBER_FORMAT_VCARD;

  return -1;
}

/**
 * cercle_store_export_members_to_file:
 * @rows: (nullable) (element-type gint64): the members, or %NULL for all
 *
 * Writes the members to @file in @format, beside it first: @file is
 * replaced only once the export is complete, and a failure leaves it as
 * it was.
 */
gboolean
cercle_store_export_members_to_file (CercleStore       *store,
                                     GArray            *rows,
                                     CercleMemberFormat format,
                                     GFile             *file,
                                     GCancellable      *cancellable,
                                     GError           **error)
{
  g_autoptr(GFileOutputStream) output = NULL;
  gboolean ok;

  g_return_val_if_fail (CERCLE_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (output == NULL)
    return FALSE;

  if (format == CERCLE_MEMBER_FORMAT_VCARD)
    ok = cercle_store_export_members_vcard (store, rows, G_OUTPUT_STREAM (output), cancellable, error);
  else
    ok = cercle_store_export_members_csv (store, rows, G_OUTPUT_STREAM (output), cancellable, error);

  if (!ok)
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      /* A cancelled close leaves the file as it was */
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (output), abandon, NULL);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (output), cancellable, error);
}

typedef struct
{
  char               *path;
  GArray             *rows;
  CercleMemberFormat  format;
  GFile              *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->rows, g_array_unref);
  g_clear_object (&data->file);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(CercleStore) store = NULL;
  GError *error = NULL;

  if (!(store = cercle_store_open (data->path, &error)) ||
      !cercle_store_export_members_to_file (store, data->rows, data->format, data->file,
                                            cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * cercle_store_export_members_async:
 * @rows: (nullable) (element-type gint64): the members, or %NULL for all
 *
 * Runs cercle_store_export_members_to_file() in a worker thread.
 */
void
cercle_store_export_members_async (CercleStore         *store,
                                   GArray              *rows,
                                   CercleMemberFormat   format,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (CERCLE_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ExportData, 1);
  data->path = g_strdup (cercle_store_get_path (store));
  data->rows = rows != NULL ? g_array_ref (rows) : NULL;
  data->format = format;
  data->file = g_object_ref (file);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, cercle_store_export_members_async);
  g_task_set_task_data (task, data, (GDestroyNotify)export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
cercle_store_export_members_finish (CercleStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cercle_store_export_members_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  char                 *path;
  CercleCsvTable       *table;
  GStrv                 mapping;
  gboolean              dry_run;
  CercleImportProgress  progress;
  gpointer              progress_data;
  GMainContext         *context;
  CercleImportReport   *report;

  /* Under lock: the latest progress, and whether the main loop is told */
  GMutex                lock;
  guint                 done;
  guint                 total;
  GSource              *progress_source;
  gboolean              finished;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->table, cercle_csv_table_free);
  g_strfreev (data->mapping);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_clear_pointer (&data->report, cercle_import_report_free);
  if (data->progress_source != NULL)
    {
      g_source_destroy (data->progress_source);
      g_source_unref (data->progress_source);
    }
  g_mutex_clear (&data->lock);
  g_free (data);
}

/* In the caller's main context: tells the latest progress, once however
 * many reports the thread made since */
static gboolean
report_progress_cb (gpointer user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);
  guint done, total;
  gboolean finished;

  g_mutex_lock (&data->lock);
  done = data->done;
  total = data->total;
  finished = data->finished;
  g_clear_pointer (&data->progress_source, g_source_unref);
  g_mutex_unlock (&data->lock);

  if (!finished && data->progress != NULL)
    data->progress (done, total, data->progress_data);

  return G_SOURCE_REMOVE;
}

static void
on_import_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);

  g_mutex_lock (&data->lock);
  data->done = done;
  data->total = total;
  if (data->progress_source == NULL && data->progress != NULL)
    {
      data->progress_source = g_idle_source_new ();
      g_source_set_priority (data->progress_source, G_PRIORITY_DEFAULT);
      g_source_set_callback (data->progress_source, report_progress_cb,
                             g_object_ref (task), g_object_unref);
      g_source_set_static_name (data->progress_source, "[cercle] import progress");
      g_source_attach (data->progress_source, data->context);
    }
  g_mutex_unlock (&data->lock);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(CercleStore) store = NULL;
  GError *error = NULL;
  gboolean ok;

  if (!(store = cercle_store_open (data->path, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  ok = cercle_store_import_members (store, data->table, (const char * const *)data->mapping,
                                    data->dry_run, on_import_progress, task, cancellable,
                                    &data->report, &error);

  g_mutex_lock (&data->lock);
  data->finished = TRUE;
  g_mutex_unlock (&data->lock);

  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * cercle_store_import_members_async:
 * @table: (transfer full): the spreadsheet, read with
 *   cercle_csv_table_parse()
 * @mapping: (array zero-terminated=1): as for cercle_store_import_members()
 * @progress: (scope notified) (nullable): told in the caller's main context
 *   how many rows were read, at most once per main loop iteration
 *
 * Runs cercle_store_import_members() in a worker thread, all or nothing.
 * Once it is committed, @store emits #CercleStore::changed for every
 * member, as for writes of its own.
 */
void
cercle_store_import_members_async (CercleStore          *store,
                                   CercleCsvTable       *table,
                                   const char * const   *mapping,
                                   gboolean              dry_run,
                                   CercleImportProgress  progress,
                                   gpointer              progress_data,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (CERCLE_IS_STORE (store));
  g_return_if_fail (table != NULL);
  g_return_if_fail (mapping != NULL);

  data = g_new0 (ImportData, 1);
  g_mutex_init (&data->lock);
  data->path = g_strdup (cercle_store_get_path (store));
  data->table = table;
  data->mapping = g_strdupv ((char **)mapping);
  data->dry_run = dry_run;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, cercle_store_import_members_async);
  g_task_set_task_data (task, data, (GDestroyNotify)import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * cercle_store_import_members_finish:
 * @report: (out) (optional): what was done, or would be; set on failure
 *   too when rows were rejected
 */
gboolean
cercle_store_import_members_finish (CercleStore          *store,
                                    GAsyncResult         *result,
                                    CercleImportReport  **report,
                                    GError              **error)
{
  ImportData *data;
  gboolean ok;

  g_return_val_if_fail (CERCLE_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cercle_store_import_members_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  ok = g_task_propagate_boolean (G_TASK (result), error);

  if (ok && !data->dry_run)
    _cercle_store_members_written_elsewhere (store);

  if (report != NULL)
    *report = g_steal_pointer (&data->report);

  return ok;
}
