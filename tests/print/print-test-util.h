/* print-test-util.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-print.h"

G_BEGIN_DECLS

/* Names from every script a club may meet, with the ones the tests look for */
extern const char * const print_test_unicode_names[][2];
extern const guint print_test_n_unicode_names;

CercleRoster *print_test_roster_new      (guint           n_attendees);
char         *print_test_make_dir        (void);
void          print_test_remove_dir      (const char     *dir);
char         *print_test_write_pdf       (CercleDocument *document,
                                          const char     *dir,
                                          const char     *name);
char         *print_test_run             (const char     *first_arg,
                                          ...) G_GNUC_NULL_TERMINATED;
guint         print_test_pdf_n_pages     (const char     *pdf);
char         *print_test_pdf_text        (const char     *pdf);
char         *print_test_fold            (const char     *text);
gboolean      print_test_have_program    (const char     *name);

G_END_DECLS
