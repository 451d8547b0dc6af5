/* bench-print.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <malloc.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>

#include "cercle-core.h"
#include "cercle-print.h"
#include "cercle-vcard.h"

#include "bench-common.h"

/* 1,000 badges, every one with a QR code, and the sign-in sheet of the
 * same 1,000 people, written to PDF: time and peak memory.
 *
 * Baseline: cairo and pango alone drawing the same texts to a PDF, at
 * fixed places and sizes, with one layout per field reused, no fitting
 * and no QR code: what putting these words on these pages costs before
 * any layout decision of ours.
 *
 * Each run is a child process, so that its peak memory (getrusage) is
 * its own and every run starts as cold as a `cercle --export-badges`. */

#define N_PEOPLE 1000
#define N_RUNS   5
#define MM       (72.0 / 25.4)

typedef enum
{
  JOB_BADGES,
  JOB_SHEET,
  JOB_BASELINE_BADGES,
  JOB_BASELINE_SHEET,
} Job;

static CercleRoster *
make_roster (const char *club_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleStore) store = cercle_store_open (club_path, &error);
  g_autoptr(GListModel) members = NULL;
  CercleRoster *roster;

  g_assert_no_error (error);
  members = cercle_store_list_members (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (members), >=, N_PEOPLE);

  roster = cercle_roster_new ();
  cercle_roster_set_club (roster, "Club des Entrepreneurs de Lyon Confluence", NULL);
  cercle_roster_set_event (roster, "Assemblée générale annuelle",
                           "jeudi 10 décembre 2026, 18:30 – 22:00", "Palais de la Bourse, Lyon");

  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autoptr(CercleMember) member = g_list_model_get_item (members, i);
      g_autofree char *vcard = cercle_vcard_from_member (member);
      CercleAttendee *attendee;

      attendee = cercle_roster_add (roster,
                                    cercle_member_get_first_name (member),
                                    cercle_member_get_last_name (member),
                                    cercle_member_get_company (member),
                                    cercle_member_get_job_title (member),
                                    i % 10 == 0 ? CERCLE_ATTENDEE_GUEST : CERCLE_ATTENDEE_MEMBER);
      /* every badge gets a code, consent or not: the heaviest case */
      cercle_attendee_set_vcard (attendee, vcard);
    }

  cercle_roster_sort (roster);

  return roster;
}

static void
baseline (CercleRoster *roster,
          const char   *path,
          gboolean      sheet)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 210 * MM, 297 * MM);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layouts[4];
  const char *fonts[4] = { "Cantarell Heavy 24", "Cantarell Bold 14", "Cantarell Bold 10",
                           "Cantarell 8.5" };
  guint n = cercle_roster_get_n_attendees (roster);
  guint per_page = sheet ? 22 : 8;

  /* the allocator setting cercle_document_write_pdf() makes, so that the
   * two sides differ by their drawing only */
  mallopt (M_TRIM_THRESHOLD, 8 * 1024 * 1024);

  for (guint f = 0; f < 4; f++)
    {
      PangoFontDescription *font = pango_font_description_from_string (fonts[f]);

      layouts[f] = pango_cairo_create_layout (cr);
      pango_layout_set_font_description (layouts[f], font);
      pango_font_description_free (font);
    }

  for (guint i = 0; i < n; i++)
    {
      const CercleAttendee *a = cercle_roster_get_attendee (roster, i);
      const char *texts[4] = { a->first_name, a->last_name, a->company, a->role };
      guint slot = i % per_page;
      double x = sheet ? 20 * MM : 15 * MM + (slot % 2) * 90 * MM;
      double y = sheet ? 50 * MM + slot * 10 * MM : 38 * MM + (slot / 2) * 55 * MM;

      for (guint f = 0; f < (sheet ? 3u : 4u); f++)
        {
          pango_layout_set_text (layouts[f], texts[f], -1);
          cairo_move_to (cr, sheet ? x + f * 55 * MM : x + 5 * MM, sheet ? y : y + 15 * MM + f * 8 * MM);
          pango_cairo_show_layout (cr, layouts[f]);
        }

      if (slot == per_page - 1 || i == n - 1)
        cairo_show_page (cr);
    }

  for (guint f = 0; f < 4; f++)
    g_object_unref (layouts[f]);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
run_job (CercleRoster *roster,
         Job           job,
         const char   *path)
{
  g_autoptr(GObject) document = NULL;
  g_autoptr(GError) error = NULL;

  switch (job)
    {
    case JOB_BADGES:
      document = G_OBJECT (cercle_badge_document_new (roster, CERCLE_BADGE_LAYOUT_A4_8));
      break;
    case JOB_SHEET:
      document = G_OBJECT (cercle_sheet_document_new (roster, CERCLE_SHEET_SIGN_IN));
      break;
    case JOB_BASELINE_BADGES:
      baseline (roster, path, FALSE);
      return;
    case JOB_BASELINE_SHEET:
      baseline (roster, path, TRUE);
      return;
    }

  if (!cercle_document_write_pdf (CERCLE_DOCUMENT (document), path, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
}

/* Runs @job in a child; returns its time in seconds and peak memory in MiB */
static void
measure (CercleRoster *roster,
         Job           job,
         const char   *path,
         double       *seconds,
         double       *peak_mib)
{
  struct rusage usage;
  int fds[2];
  pid_t pid;
  int status = 0;
  double elapsed = 0;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);

  if (pid == 0)
    {
      gint64 started = g_get_monotonic_time ();

      close (fds[0]);
      run_job (roster, job, path);
      elapsed = (g_get_monotonic_time () - started) / 1e6;
      if (write (fds[1], &elapsed, sizeof elapsed) != sizeof elapsed)
        _exit (2);
      _exit (0);
    }

  close (fds[1]);
  g_assert_cmpint (read (fds[0], &elapsed, sizeof elapsed), ==, sizeof elapsed);
  close (fds[0]);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  *seconds = elapsed;
  /* ru_maxrss is in KiB on Linux */
  *peak_mib = usage.ru_maxrss / 1024.0;
}

static void
bench (CercleRoster *roster,
       Job           job,
       Job           baseline_job,
       const char   *dir,
       const char   *name)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) peaks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base_peaks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *base_path = g_build_filename (dir, "baseline.pdf", NULL);
  g_autofree char *peak_name = g_strconcat (name, "_peak", NULL);
  GStatBuf buf;

  /* interleaved, so that a busy moment of the machine hits both */
  for (guint run = 0; run < N_RUNS; run++)
    {
      double t, m;

      measure (roster, job, path, &t, &m);
      g_array_append_val (times, t);
      g_array_append_val (peaks, m);
      measure (roster, baseline_job, base_path, &t, &m);
      g_array_append_val (base_times, t);
      g_array_append_val (base_peaks, m);
    }

  if (g_stat (path, &buf) == 0)
    g_print ("# %s: %.1f MiB of PDF\n", name, buf.st_size / 1048576.0);

  bench_report (name, bench_median (times), "s", "cairo-pango", bench_median (base_times));
  bench_report (peak_name, bench_median (peaks), "MiB", "cairo-pango", bench_median (base_peaks));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleRoster) roster = NULL;
  g_autofree char *dir = NULL;
  const char *club_path = argc > 1 ? argv[1] : "club-1000.db";

  if (!bench_ensure_club (club_path, N_PEOPLE + 200, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  roster = make_roster (club_path);
  dir = g_dir_make_tmp ("cercle-bench-print-XXXXXX", &error);
  g_assert_no_error (error);

  bench (roster, JOB_BADGES, JOB_BASELINE_BADGES, dir, "print.badges_1000");
  bench (roster, JOB_SHEET, JOB_BASELINE_SHEET, dir, "print.sheet_1000");

  {
    g_autofree char *a = g_build_filename (dir, "out.pdf", NULL);
    g_autofree char *b = g_build_filename (dir, "baseline.pdf", NULL);

    g_unlink (a);
    g_unlink (b);
    g_rmdir (dir);
  }

  return EXIT_SUCCESS;
}
