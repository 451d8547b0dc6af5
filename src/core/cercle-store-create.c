/* cercle-store-create.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* renameat2() and RENAME_NOREPLACE */
#define _GNU_SOURCE

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cercle-club.h"
#include "cercle-demo.h"
#include "cercle-member.h"
#include "cercle-store-private.h"
#include "cercle-validate.h"

/* Making a club file. A club is built in a hidden file beside its final
 * path and moved there only once complete, without replacing anything:
 * whatever happens (an error, a full disk, kill -9), the final path holds
 * either nothing or a whole club, and nothing this run did not make is
 * ever removed. */

#define TEMP_INFIX ".cercle-tmp-"

/* @format takes the path's display name, then the system's explanation */
static gboolean G_GNUC_PRINTF (3, 0)
set_io_error_valist (GError     **error,
                     int          saved_errno,
                     const char  *format,
                     va_list      args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), message);
  return FALSE;
}

static gboolean G_GNUC_PRINTF (3, 4)
set_io_error (GError     **error,
              int          saved_errno,
              const char  *format,
              ...)
{
  va_list args;

  va_start (args, format);
  set_io_error_valist (error, saved_errno, format, args);
  va_end (args);

  return FALSE;
}

static gboolean
could_not_create (GError     **error,
                  int          saved_errno,
                  const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  return set_io_error (error, saved_errno, _("Could not create “%s”: %s."),
                       display, g_strerror (saved_errno));
}

/* A build interrupted by kill -9 leaves its hidden file behind; the next
 * creation in the folder removes those whose process is gone. */
static void
remove_stale_builds (const char *dir,
                     const char *base)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strconcat (".", base, TEMP_INFIX, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = NULL;
      const char *pid_text;
      char *end = NULL;
      guint64 pid;

      if (!g_str_has_prefix (name, prefix))
        continue;

      pid_text = name + strlen (prefix);
      pid = g_ascii_strtoull (pid_text, &end, 10);
      if (end == pid_text || *end != '-' || pid == 0 || pid > G_MAXINT)
        continue;

      if (kill ((pid_t)pid, 0) == 0 || errno != ESRCH)
        continue;

      /* Only the database itself: its -journal goes with it */
      if (g_str_has_suffix (name, "-journal") || g_str_has_suffix (name, "-wal") ||
          g_str_has_suffix (name, "-shm"))
        continue;

      path = g_build_filename (dir, name, NULL);
      g_debug ("Removing %s, left by an interrupted build", path);
      cercle_store_remove_database (path);
    }
}

static gboolean
sync_path (const char *path,
           int         flags)
{
  int fd = open (path, flags | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;

  ok = fsync (fd) == 0;
  close (fd);

  return ok;
}

/* Moves @from to @to unless @to exists, atomically where the file system
 * allows it. */
static gboolean
move_without_replacing (const char  *from,
                        const char  *to,
                        GError     **error)
{
#ifdef RENAME_NOREPLACE
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return TRUE;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return could_not_create (error, errno, to);
#endif

  /* A hard link fails if the target exists, which is what we want */
  if (link (from, to) == 0)
    {
      g_unlink (from);
      return TRUE;
    }
  if (errno == EEXIST)
    return could_not_create (error, errno, to);

  /* File systems without hard links (a FAT USB stick): check, then move */
  if (g_file_test (to, G_FILE_TEST_EXISTS))
    return could_not_create (error, EEXIST, to);
  if (g_rename (from, to) != 0)
    return could_not_create (error, errno, to);

  return TRUE;
}

/**
 * cercle_store_create:
 * @path: where the new club goes; nothing may be there
 * @fill: (nullable) (scope call): writes the new club's content
 *
 * Creates a club file: a new database is built beside @path, filled by
 * @fill, and moved to @path only when complete, so that @path never holds
 * half a club. If anything fails, or @path was taken meanwhile, nothing is
 * left behind and nothing that was there is touched.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
cercle_store_create (const char       *path,
                     CercleStoreFill   fill,
                     gpointer          user_data,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  g_autoptr(CercleStore) store = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  if (*path == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           _("The club file needs a name."));
      return FALSE;
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return could_not_create (error, EEXIST, path);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);

  remove_stale_builds (dir, base);

  temp = g_strdup_printf ("%s%s.%s" TEMP_INFIX "%d-XXXXXX", dir, G_DIR_SEPARATOR_S, base, (int)getpid ());

  /* Only its owner reads a club: it holds people's contact details */
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      return set_io_error (error, saved_errno, _("Could not create a club file in “%s”: %s."),
                           display, g_strerror (saved_errno));
    }
  close (fd);

  store = _cercle_store_open_file (temp, TRUE, error);
  ok = store != NULL;

  if (ok && fill != NULL)
    {
      cercle_store_begin_bulk_load (store);
      ok = fill (store, user_data, cancellable, error);
      ok = cercle_store_end_bulk_load (store, ok ? error : NULL) && ok;
    }

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;

  /* Closing writes the last pages; nobody else may keep the store */
  if (store != NULL)
    {
      g_warn_if_fail (G_OBJECT (store)->ref_count == 1);
      g_clear_object (&store);
    }

  if (ok && !sync_path (temp, O_RDONLY))
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      ok = set_io_error (error, saved_errno, _("Could not write “%s”: %s."),
                         display, g_strerror (saved_errno));
    }

  if (ok)
    ok = move_without_replacing (temp, path, error);

  if (!ok)
    {
      cercle_store_remove_database (temp);
      return FALSE;
    }

  sync_path (dir, O_RDONLY | O_DIRECTORY);

  return TRUE;
}

typedef struct
{
  const char *club_name;
  const char *city;
  const char *first_name;
  const char *last_name;
  const char *email;
} LocalClubFill;

static gboolean
fill_local_club (CercleStore   *store,
                 gpointer       user_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  LocalClubFill *fill = user_data;
  g_autoptr(CercleClub) club = NULL;
  g_autoptr(CercleMember) staff = NULL;
  CercleRecord *records[2];

  club = g_object_new (CERCLE_TYPE_CLUB,
                       "name", fill->club_name,
                       "city", fill->city,
                       NULL);
  staff = g_object_new (CERCLE_TYPE_MEMBER,
                        "first-name", fill->first_name,
                        "last-name", fill->last_name,
                        "email", fill->email,
                        "city", fill->city,
                        "status", CERCLE_MEMBER_STATUS_ACTIVE,
                        "role", CERCLE_MEMBER_ROLE_STAFF,
                        NULL);
  records[0] = CERCLE_RECORD (club);
  records[1] = CERCLE_RECORD (staff);

  /* Local edits: should the club later get a server, they are what it
   * learns first. Nobody is the local user yet, so nothing is refused. */
  return cercle_store_save_all (store, records, G_N_ELEMENTS (records),
                                CERCLE_SAVE_LOCAL_EDIT, error) &&
         cercle_store_set_local_member (store, cercle_record_get_id (CERCLE_RECORD (staff)), error);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

/**
 * cercle_store_create_local_club:
 * @path: the club file to write; must not exist
 * @city: (nullable): where the club meets
 * @last_name: (nullable): the first staff member's last name
 *
 * Writes a club that lives on this computer only: the club and its first
 * staff member, who becomes the local user. Like cercle_store_create(), all
 * of it or nothing. The club's name, the staff member's first name and a
 * valid e-mail address are needed.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
cercle_store_create_local_club (const char    *path,
                                const char    *club_name,
                                const char    *city,
                                const char    *first_name,
                                const char    *last_name,
                                const char    *email,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *trimmed_city = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *address = NULL;
  LocalClubFill fill;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (club_name))
    {
      g_set_error_literal (error, CERCLE_VALIDATE_ERROR, CERCLE_VALIDATE_ERROR_INVALID,
                           _("The club needs a name."));
      return FALSE;
    }

  if (is_blank (first_name))
    {
      g_set_error_literal (error, CERCLE_VALIDATE_ERROR, CERCLE_VALIDATE_ERROR_INVALID,
                           _("The staff member needs a first name."));
      return FALSE;
    }

  address = g_strstrip (g_strdup (email ? email : ""));
  if (!cercle_validate_email (address, error))
    return FALSE;

  name = g_strstrip (g_strdup (club_name));
  trimmed_city = g_strstrip (g_strdup (city ? city : ""));
  first = g_strstrip (g_strdup (first_name));
  last = g_strstrip (g_strdup (last_name ? last_name : ""));

  fill.club_name = name;
  fill.city = *trimmed_city != '\0' ? trimmed_city : NULL;
  fill.first_name = first;
  fill.last_name = *last != '\0' ? last : NULL;
  fill.email = address;

  return cercle_store_create (path, fill_local_club, &fill, cancellable, error);
}

/* The demo is made in a thread of its own while the store writes what it
 * made before: on two cores, making the records costs no time of its own.
 * At most MAX_BATCHES_AHEAD batches wait, so memory stays bounded. */
#define MAX_BATCHES_AHEAD 3

typedef struct
{
  guint      n_members;
  guint32    seed;

  GMutex     lock;
  GCond      cond;
  GQueue     batches;      /* GPtrArray of records, NULL at the end */
  gboolean   stopped;      /* the writer gave up */
  GError    *error;        /* why the generator gave up */
  char      *local_member_id;
} DemoFill;

static gboolean
queue_demo_batch (CercleRecord * const  *records,
                  guint                  n_records,
                  gpointer               user_data,
                  GError               **error)
{
  DemoFill *demo = user_data;
  GPtrArray *batch = g_ptr_array_new_full (n_records, g_object_unref);
  gboolean stopped;

  for (guint i = 0; i < n_records; i++)
    g_ptr_array_add (batch, g_object_ref (records[i]));

  g_mutex_lock (&demo->lock);
  while (!demo->stopped && demo->batches.length >= MAX_BATCHES_AHEAD)
    g_cond_wait (&demo->cond, &demo->lock);
  stopped = demo->stopped;
  if (!stopped)
    g_queue_push_tail (&demo->batches, batch);
  g_cond_broadcast (&demo->cond);
  g_mutex_unlock (&demo->lock);

  if (stopped)
    {
      g_ptr_array_unref (batch);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped");
      return FALSE;
    }

  return TRUE;
}

static gpointer
generate_demo_thread (gpointer data)
{
  DemoFill *demo = data;
  g_autofree char *local_member_id = NULL;
  GError *error = NULL;

  cercle_demo_generate (demo->n_members, demo->seed, queue_demo_batch, demo,
                        &local_member_id, &error);

  g_mutex_lock (&demo->lock);
  demo->error = error;
  demo->local_member_id = g_steal_pointer (&local_member_id);
  g_queue_push_tail (&demo->batches, NULL);
  g_cond_broadcast (&demo->cond);
  g_mutex_unlock (&demo->lock);

  return NULL;
}

static gboolean
fill_demo (CercleStore   *store,
           gpointer       user_data,
           GCancellable  *cancellable,
           GError       **error)
{
  DemoFill *demo = user_data;
  GThread *thread = g_thread_new ("cercle-demo", generate_demo_thread, demo);
  gboolean ok = TRUE;

  for (;;)
    {
      g_autoptr(GPtrArray) batch = NULL;

      g_mutex_lock (&demo->lock);
      while (g_queue_is_empty (&demo->batches))
        g_cond_wait (&demo->cond, &demo->lock);
      batch = g_queue_pop_head (&demo->batches);
      g_cond_broadcast (&demo->cond);
      g_mutex_unlock (&demo->lock);

      if (batch == NULL)
        break;

      if (ok)
        ok = cercle_store_save_all (store, (CercleRecord * const *)batch->pdata, batch->len,
                                    CERCLE_SAVE_FROM_SERVER, error);

      if (!ok)
        {
          g_mutex_lock (&demo->lock);
          demo->stopped = TRUE;
          g_cond_broadcast (&demo->cond);
          g_mutex_unlock (&demo->lock);
        }
    }

  g_thread_join (thread);

  if (ok && demo->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&demo->error));
      ok = FALSE;
    }
  g_clear_error (&demo->error);

  return ok && cercle_store_set_local_member (store, demo->local_member_id, error);
}

/**
 * cercle_demo_create:
 * @path: the club file to write; must not exist
 * @n_members: how many members (at least 1)
 * @seed: the same seed makes the same club
 *
 * Writes a demo club (see cercle_demo_generate()) whose local user is a
 * staff member, as cercle_store_create() does: all of it or nothing.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
cercle_demo_create (const char  *path,
                    guint        n_members,
                    guint32      seed,
                    GError     **error)
{
  DemoFill demo = { n_members, seed, };
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_members == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A demo club needs at least one member"));
      return FALSE;
    }

  if (*path != '\0' && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("Cannot create the demo club: “%s” already exists"), display);
      return FALSE;
    }

  g_mutex_init (&demo.lock);
  g_cond_init (&demo.cond);

  ok = cercle_store_create (path, fill_demo, &demo, NULL, error);

  g_mutex_clear (&demo.lock);
  g_cond_clear (&demo.cond);
  g_free (demo.local_member_id);

  return ok;
}
