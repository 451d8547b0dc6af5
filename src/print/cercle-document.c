/* cercle-document.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-document"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "cercle-document.h"

G_DEFINE_QUARK (cercle-print-error-quark, cercle_print_error)

G_DEFINE_INTERFACE (CercleDocument, cercle_document, G_TYPE_OBJECT)

/* The caller's progress callback, shared by the worker and every progress
 * report on its way to the caller's main context: it is freed after the
 * last one ran. */
typedef struct
{
  CercleProgressFunc  func;
  gpointer            data;
  GDestroyNotify      destroy;
  GMainContext       *context;
  GCancellable       *cancellable;
  /* worker side only */
  double              last_fraction;
} Progress;

typedef struct
{
  Progress *progress;
  double    fraction;
} ProgressReport;

typedef struct
{
  char     *path;
  Progress *progress;
} WriteData;

typedef struct
{
  int fd;
  int saved_errno;
} Stream;

static void
cercle_document_default_init (CercleDocumentInterface *iface)
{
}

static void
progress_free (Progress *progress)
{
  if (progress->destroy != NULL)
    progress->destroy (progress->data);
  g_clear_pointer (&progress->context, g_main_context_unref);
  g_clear_object (&progress->cancellable);
}

static void
progress_unref (Progress *progress)
{
  g_atomic_rc_box_release_full (progress, (GDestroyNotify) progress_free);
}

static void
write_data_free (WriteData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->progress, progress_unref);
  g_free (data);
}

static void
progress_report_free (ProgressReport *report)
{
  progress_unref (report->progress);
  g_free (report);
}

static gboolean
on_progress_report_cb (gpointer user_data)
{
  ProgressReport *report = user_data;

  /* a cancelled job's window may be gone already */
  if (!g_cancellable_is_cancelled (report->progress->cancellable))
    report->progress->func (report->fraction, report->progress->data);

  return G_SOURCE_REMOVE;
}

/* Runs in the worker: hands the fraction to the caller's main context, at
 * most once per percent so that a long job does not flood it. */
static void
report_progress_to_context (double   fraction,
                            gpointer user_data)
{
  Progress *progress = user_data;
  ProgressReport *report;

  if (fraction < 1.0 && fraction - progress->last_fraction < 0.01)
    return;
  progress->last_fraction = fraction;

  report = g_new0 (ProgressReport, 1);
  report->progress = g_atomic_rc_box_acquire (progress);
  report->fraction = fraction;
  g_main_context_invoke_full (progress->context, G_PRIORITY_DEFAULT,
                              on_progress_report_cb, report,
                              (GDestroyNotify) progress_report_free);
}

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  Stream *stream = closure;

  while (length > 0)
    {
      ssize_t written = write (stream->fd, data, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          stream->saved_errno = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }

      data += written;
      length -= (unsigned int) written;
    }

  return CAIRO_STATUS_SUCCESS;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, CERCLE_PRINT_ERROR, CERCLE_PRINT_ERROR_WRITE,
               /* Translators: %s are a file name and why it could not be written */
               _("Could not write “%s”: %s."), display, g_strerror (saved_errno));
}

/* The file that will take the new pages: @path, or the file a symbolic
 * link at @path points to. Only a regular file is ever replaced: never a
 * device, a pipe or a folder that happens to have the name. */
static char *
dup_target (const char  *path,
            GError     **error)
{
  GStatBuf buf;

  if (g_lstat (path, &buf) != 0)
    return g_strdup (path);

  if (S_ISLNK (buf.st_mode))
    {
      char *real = realpath (path, NULL);

      if (real == NULL)
        return g_strdup (path);
      if (g_stat (real, &buf) != 0 || S_ISREG (buf.st_mode))
        return real;
      free (real);
    }
  else if (S_ISREG (buf.st_mode))
    return g_strdup (path);

  if (S_ISDIR (buf.st_mode))
    set_write_error (error, path, EISDIR);
  else
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, CERCLE_PRINT_ERROR, CERCLE_PRINT_ERROR_WRITE,
                   _("Could not write “%s”: it is not a regular file."), display);
    }
  return NULL;
}

/* Opens a new file beside @path, with the permissions a new file gets
 * (the umask applies), that nobody else can have made. */
static int
open_beside (const char  *path,
             char       **temp_path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x.part", base, g_random_int ());
      g_autofree char *candidate = g_build_filename (dir, name, NULL);
      int fd = g_open (candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);

      if (fd >= 0)
        {
          *temp_path = g_steal_pointer (&candidate);
          return fd;
        }

      if (errno != EEXIST)
        {
          set_write_error (error, path, errno);
          return -1;
        }
    }

  set_write_error (error, path, EEXIST);
  return -1;
}

guint
cercle_document_get_n_pages (CercleDocument *self)
{
  g_return_val_if_fail (CERCLE_IS_DOCUMENT (self), 0);

  return CERCLE_DOCUMENT_GET_IFACE (self)->get_n_pages (self);
}

/**
 * cercle_document_get_page_size:
 * @width: (out): in points
 * @height: (out): in points
 */
void
cercle_document_get_page_size (CercleDocument *self,
                               double         *width,
                               double         *height)
{
  g_return_if_fail (CERCLE_IS_DOCUMENT (self));
  g_return_if_fail (width != NULL && height != NULL);

  CERCLE_DOCUMENT_GET_IFACE (self)->get_page_size (self, width, height);
}

void
cercle_document_draw_page (CercleDocument *self,
                           cairo_t        *cr,
                           guint           page)
{
  g_return_if_fail (CERCLE_IS_DOCUMENT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < cercle_document_get_n_pages (self));

  cairo_save (cr);
  CERCLE_DOCUMENT_GET_IFACE (self)->draw_page (self, cr, page);
  cairo_restore (cr);
}

/* cairo compresses every page of a PDF with its own zlib stream, whose
 * quarter-megabyte state is freed when the page ends. glibc hands such a
 * free block at the top of the heap straight back to the kernel, and takes
 * it again for the next page: on 125 pages of badges that was a third of
 * the job's time spent in brk() and the TLB flushes it costs (perf, on a
 * 2-core virtual machine). A higher trim threshold keeps those pages; the
 * memory is still reused, and given back once more than this is free. */
static void
keep_freed_pages_for_reuse (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      mallopt (M_TRIM_THRESHOLD, 8 * 1024 * 1024);
      g_once_init_leave (&done, 1);
    }
}

/**
 * cercle_document_write_pdf:
 * @progress: (nullable) (scope call): called after each page
 *
 * Writes the document to a PDF file at @path. The pages go to a new file
 * beside it, which takes the name @path only once complete: a failure or a
 * cancellation leaves nothing behind, and never touches a file at @path.
 */
gboolean
cercle_document_write_pdf (CercleDocument      *self,
                           const char          *path,
                           GCancellable        *cancellable,
                           CercleProgressFunc   progress,
                           gpointer             progress_data,
                           GError             **error)
{
  g_autofree char *temp_path = NULL;
  g_autofree char *target = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  Stream stream = { -1, 0 };
  double width, height;
  guint n_pages;
  gboolean ok = TRUE;

  g_return_val_if_fail (CERCLE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_pages = cercle_document_get_n_pages (self);
  if (n_pages == 0)
    {
      g_set_error_literal (error, CERCLE_PRINT_ERROR, CERCLE_PRINT_ERROR_EMPTY,
                           _("There is nothing to print."));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  keep_freed_pages_for_reuse ();

  target = dup_target (path, error);
  if (target == NULL)
    return FALSE;

  stream.fd = open_beside (target, &temp_path, error);
  if (stream.fd < 0)
    return FALSE;

  cercle_document_get_page_size (self, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (write_to_stream, &stream, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Cercle");
  cr = cairo_create (surface);

  for (guint page = 0; page < n_pages; page++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }

      cercle_document_draw_page (self, cr, page);
      cairo_show_page (cr);

      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        {
          ok = FALSE;
          if (stream.saved_errno != 0)
            set_write_error (error, path, stream.saved_errno);
          else
            g_set_error (error, CERCLE_PRINT_ERROR, CERCLE_PRINT_ERROR_FAILED,
                         _("Could not make the PDF file: %s."),
                         cairo_status_to_string (cairo_status (cr)));
          break;
        }

      /* the last step, finishing the file, is the size of a page or two */
      if (progress != NULL)
        progress ((page + 1.0) / (n_pages + 1.0), progress_data);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      ok = FALSE;
      if (stream.saved_errno != 0)
        set_write_error (error, path, stream.saved_errno);
      else
        g_set_error (error, CERCLE_PRINT_ERROR, CERCLE_PRINT_ERROR_FAILED,
                     _("Could not make the PDF file: %s."), cairo_status_to_string (status));
    }

  /* the file must be on disk before it takes the final name */
  if (ok && fsync (stream.fd) != 0)
    {
      ok = FALSE;
      set_write_error (error, path, errno);
    }

  if (close (stream.fd) != 0 && ok)
    {
      ok = FALSE;
      set_write_error (error, path, errno);
    }

  if (ok && g_rename (temp_path, target) != 0)
    {
      ok = FALSE;
      set_write_error (error, path, errno);
    }

  if (!ok)
    {
      g_unlink (temp_path);
      return FALSE;
    }

  if (progress != NULL)
    progress (1.0, progress_data);

  return TRUE;
}

static void
write_pdf_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CercleDocument *self = source_object;
  WriteData *data = task_data;
  GError *error = NULL;

  if (cercle_document_write_pdf (self, data->path, cancellable,
                                 data->progress ? report_progress_to_context : NULL,
                                 data->progress, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * cercle_document_write_pdf_async:
 * @progress: (nullable): called in the thread-default main context of the
 *   caller as pages are done, never after @cancellable was cancelled
 *
 * Writes the PDF file in a worker thread, as cercle_document_write_pdf()
 * does. The document must not be drawn elsewhere until the job is over.
 */
void
cercle_document_write_pdf_async (CercleDocument      *self,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 CercleProgressFunc   progress,
                                 gpointer             progress_data,
                                 GDestroyNotify       progress_data_destroy,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (CERCLE_IS_DOCUMENT (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (WriteData, 1);
  data->path = g_strdup (path);

  if (progress != NULL)
    {
      data->progress = g_atomic_rc_box_new0 (Progress);
      data->progress->func = progress;
      data->progress->data = progress_data;
      data->progress->destroy = progress_data_destroy;
      data->progress->context = g_main_context_ref_thread_default ();
      data->progress->cancellable = cancellable ? g_object_ref (cancellable)
                                                : g_cancellable_new ();
    }
  else if (progress_data_destroy != NULL)
    progress_data_destroy (progress_data);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cercle_document_write_pdf_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_pdf_thread);
}

gboolean
cercle_document_write_pdf_finish (CercleDocument  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (CERCLE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cercle_document_write_pdf_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
