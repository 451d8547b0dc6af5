/* cercle-document.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define CERCLE_PRINT_ERROR (cercle_print_error_quark ())

typedef enum
{
  CERCLE_PRINT_ERROR_FAILED,
  CERCLE_PRINT_ERROR_EMPTY,
  CERCLE_PRINT_ERROR_WRITE,
  CERCLE_PRINT_ERROR_NOT_FOUND,
} CerclePrintError;

#define CERCLE_TYPE_DOCUMENT (cercle_document_get_type ())

G_DECLARE_INTERFACE (CercleDocument, cercle_document, CERCLE, DOCUMENT, GObject)

/* Pages drawn on any cairo context whose user space is in points with the
 * origin at the top left corner of the page: a PDF surface, a print
 * context or an image for the tests. A document draws from one thread at a
 * time; make one per job. */
struct _CercleDocumentInterface
{
  GTypeInterface parent_iface;

  guint (*get_n_pages)   (CercleDocument *self);
  void  (*get_page_size) (CercleDocument *self,
                          double         *width,
                          double         *height);
  void  (*draw_page)     (CercleDocument *self,
                          cairo_t        *cr,
                          guint           page);
};

/* Called with the fraction done, between 0 and 1 */
typedef void (*CercleProgressFunc) (double   fraction,
                                    gpointer user_data);

GQuark   cercle_print_error_quark          (void);

guint    cercle_document_get_n_pages       (CercleDocument      *self);
void     cercle_document_get_page_size     (CercleDocument      *self,
                                            double              *width,
                                            double              *height);
void     cercle_document_draw_page         (CercleDocument      *self,
                                            cairo_t             *cr,
                                            guint                page);

gboolean cercle_document_write_pdf         (CercleDocument      *self,
                                            const char          *path,
                                            GCancellable        *cancellable,
                                            CercleProgressFunc   progress,
                                            gpointer             progress_data,
                                            GError             **error);
void     cercle_document_write_pdf_async   (CercleDocument      *self,
                                            const char          *path,
                                            GCancellable        *cancellable,
                                            CercleProgressFunc   progress,
                                            gpointer             progress_data,
                                            GDestroyNotify       progress_data_destroy,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean cercle_document_write_pdf_finish  (CercleDocument      *self,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
