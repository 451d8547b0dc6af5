/* cercle-server-pg-notify.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-pg"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "cercle-server-pg-private.h"

/* How a process hears of the writes of the others on the same database,
 * so that its WebSocket clients pull at once whichever process took the
 * write:
 *
 * - A commit that took seq numbers notifies CERCLE_SERVER_PG_CHANNEL with
 *   "CLUB SEQ" in the same transaction (PostgreSQL delivers it only if
 *   the transaction commits, after it does).
 * - One thread per process LISTENs on a connection of its own, outside
 *   the pool, and emits ::club-changed for each club that moved on.
 * - Polling is the fallback: while that connection is down (the database
 *   restarted, say) the thread reads every club's seq every few seconds,
 *   once more when it listens again, and now and then even while it
 *   listens. A seq this process already told of is never told twice. */

/* Between two readings of club_seq while notifications cannot come */
#define POLL_SECONDS_DEAF      2
/* … and while they come, in case one was lost */
#define POLL_SECONDS_LISTENING 30

/**
 * _cercle_server_pg_note_seq:
 * @newer: (out): whether @seq is newer than any this process knew of
 *
 * Notes that @club_id reached @seq.
 */
void
_cercle_server_pg_note_seq (CercleServerPg *self,
                            const char     *club_id,
                            gint64          seq,
                            gboolean       *newer)
{
  gint64 *known;

  g_mutex_lock (&self->seen_lock);
  known = g_hash_table_lookup (self->seen_seqs, club_id);
  if (known == NULL)
    {
      known = g_new (gint64, 1);
      *known = seq;
      g_hash_table_insert (self->seen_seqs, g_strdup (club_id), known);
      *newer = TRUE;
    }
  else if (*known < seq)
    {
      *known = seq;
      *newer = TRUE;
    }
  else
    *newer = FALSE;
  g_mutex_unlock (&self->seen_lock);
}

static void
tell (CercleServerPg *self,
      const char     *club_id,
      gint64          seq)
{
  gboolean newer;

  _cercle_server_pg_note_seq (self, club_id, seq, &newer);
  if (newer)
    cercle_server_storage_emit_club_changed (CERCLE_SERVER_STORAGE (self), club_id, seq);
}

/* Reads every club's seq; with @emit, tells of those that moved on */
static void
poll_seqs (CercleServerPg *self,
           gboolean        emit)
{
  g_autoptr(GError) error = NULL;
  PGresult *result;

  result = _cercle_server_pg_read_one (self, "SELECT club_id, seq FROM club_seq", &error, "");
  if (result == NULL)
    {
      g_debug ("Could not read the clubs' seq: %s", error->message);
      return;
    }

  for (int i = 0; i < PQntuples (result); i++)
    {
      const char *club_id = PQgetvalue (result, i, 0);
      gint64 seq = _cercle_server_pg_int64 (result, i, 1);
      gboolean newer;

      if (emit)
        tell (self, club_id, seq);
      else
        _cercle_server_pg_note_seq (self, club_id, seq, &newer);
    }
  PQclear (result);
}

static void
handle_notification (CercleServerPg *self,
                     const PGnotify *notify)
{
  g_auto(GStrv) parts = NULL;
  gint64 seq;

  if (!g_str_equal (notify->relname, CERCLE_SERVER_PG_CHANNEL))
    return;

  parts = g_strsplit (notify->extra, " ", 2);
  if (parts[0] == NULL || parts[1] == NULL || !g_uuid_string_is_valid (parts[0]))
    return;

  seq = g_ascii_strtoll (parts[1], NULL, 10);
  if (seq > 0)
    tell (self, parts[0], seq);
}

static CercleServerPgConn *
listen_again (CercleServerPg *self)
{
  g_autoptr(GError) error = NULL;
  CercleServerPgConn *conn = _cercle_server_pg_connect (self, &error);

  if (conn == NULL || !_cercle_server_pg_simple (conn, "LISTEN " CERCLE_SERVER_PG_CHANNEL, &error))
    {
      g_debug ("Not listening: %s", error->message);
      g_clear_pointer (&conn, _cercle_server_pg_conn_free);
      return NULL;
    }

  return conn;
}

static gpointer
listener_thread (gpointer data)
{
  CercleServerPg *self = data;
  CercleServerPgConn *conn = NULL;
  gint64 next_poll = 0;
  gboolean was_listening = TRUE;

  while (!g_atomic_int_get (&self->stopping))
    {
      struct pollfd fds[2];
      gint64 now;
      int timeout_ms;
      nfds_t n_fds = 1;

      if (conn == NULL)
        {
          conn = listen_again (self);
          if (conn != NULL)
            {
              if (!was_listening)
                g_message ("Listening to the database's notifications again");
              /* What was committed while nobody listened */
              next_poll = 0;
            }
          else if (was_listening)
            g_message ("Cannot listen to the database's notifications; polling it every %d s",
                       POLL_SECONDS_DEAF);
          was_listening = conn != NULL;
        }

      now = g_get_monotonic_time ();
      if (now >= next_poll)
        {
          poll_seqs (self, TRUE);
          next_poll = now + (conn != NULL ? POLL_SECONDS_LISTENING : POLL_SECONDS_DEAF) * G_USEC_PER_SEC;
        }

      fds[0].fd = self->wake_fds[0];
      fds[0].events = POLLIN;
      if (conn != NULL)
        {
          fds[1].fd = PQsocket (conn->conn);
          fds[1].events = POLLIN;
          n_fds = 2;
        }

      timeout_ms = (int)MAX (0, (next_poll - now) / 1000);
      if (poll (fds, n_fds, timeout_ms) < 0 && errno != EINTR)
        break;

      if (fds[0].revents != 0)
        {
          char byte;

          while (read (self->wake_fds[0], &byte, 1) > 0)
            ;
        }

      if (conn != NULL && fds[1].revents != 0)
        {
          PGnotify *notify;

          if (!PQconsumeInput (conn->conn))
            {
              g_clear_pointer (&conn, _cercle_server_pg_conn_free);
              continue;
            }

          while ((notify = PQnotifies (conn->conn)) != NULL)
            {
              handle_notification (self, notify);
              PQfreemem (notify);
            }
        }
    }

  g_clear_pointer (&conn, _cercle_server_pg_conn_free);
  return NULL;
}

/* Starts the listener, once: what this process knows of each club's seq
 * now is what it will not tell of */
void
_cercle_server_pg_start_listener (CercleServerPg *self)
{
  g_autoptr(GError) error = NULL;

  if (self->listener != NULL)
    return;

  if (!g_unix_open_pipe (self->wake_fds, FD_CLOEXEC, &error) ||
      !g_unix_set_fd_nonblocking (self->wake_fds[0], TRUE, &error))
    {
      g_message ("Cannot hear other processes' writes: %s", error->message);
      return;
    }

  poll_seqs (self, FALSE);
  self->listener = g_thread_new ("cercle-pg-listen", listener_thread, self);
}

void
_cercle_server_pg_stop_listener (CercleServerPg *self)
{
  if (self->listener != NULL)
    {
      g_atomic_int_set (&self->stopping, TRUE);
      if (write (self->wake_fds[1], "x", 1) < 0)
        g_debug ("Could not wake the listener: %s", g_strerror (errno));
      g_thread_join (g_steal_pointer (&self->listener));
    }

  for (guint i = 0; i < 2; i++)
    if (self->wake_fds[i] >= 0)
      {
        close (self->wake_fds[i]);
        self->wake_fds[i] = -1;
      }
}
