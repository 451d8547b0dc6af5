/* cercle-sync-fetch.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-sync-fetch.h"

/* Pulled pages, fetched one ahead of the page being written.
 *
 * A first sync of a big club is a chain of pages, each one waiting on
 * the server, the network and the JSON parser, then on SQLite. A thread
 * of its own fetches, parses and decodes the next page while the sync's
 * worker writes the current one, so that the two overlap. It follows
 * the chain of cursors itself, but the cursor a restarted sync starts
 * from is still the one the store wrote with the last page it applied:
 * a page fetched ahead and never applied is simply fetched again.
 *
 * At most one page waits: the thread asks for the next one only once the
 * last one it fetched was taken, so a sync holds two pages at most. */

struct _CercleSyncFetch
{
  CercleSyncServer *server;
  char             *path;       /* the pull's path, without its cursor */
  char             *token;
  char             *cursor;     /* the thread's own, once started */

  GCancellable     *cancellable;
  GCancellable     *caller_cancellable;
  gulong            cancelled_id;

  GThread          *thread;
  GMutex            lock;
  GCond             cond;
  CercleSyncPage   *waiting;    /* under lock */
  gboolean          stopping;   /* under lock */
  gboolean          done;       /* under lock: the thread sent its last page */
};

void
cercle_sync_page_free (CercleSyncPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->records, g_ptr_array_unref);
  g_free (page->next_cursor);
  g_clear_error (&page->error);
  g_free (page);
}

static void
bad_answer (CercleSyncPage *page,
            const GError   *cause)
{
  g_set_error (&page->error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_BAD_ANSWER,
               _("The club’s server sent a damaged answer: %s"), cause->message);
}

static char *
pull_path (const char *club_id,
           const char *client_id,
           guint       page_size)
{
  return g_strdup_printf ("/api/v1/clubs/%s/sync/pull?limit=%u&client_id=%s", club_id, page_size, client_id);
}

static CercleSyncPage *
fetch_page (CercleSyncServer *server,
            const char       *base_path,
            const char       *token,
            const char       *cursor,
            GCancellable     *cancellable)
{
  g_autoptr(CercleSyncPage) page = g_new0 (CercleSyncPage, 1);
  g_autoptr(GString) path = g_string_new (base_path);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonArray *rows = NULL;
  const char *next_cursor = NULL;

  if (cursor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);

      g_string_append_printf (path, "&cursor=%s", escaped);
    }

  answer = cercle_sync_server_request (server, "GET", path->str, token, NULL, NULL, cancellable, &page->error);
  if (answer == NULL)
    return g_steal_pointer (&page);

  if (!cercle_json_get_array (answer, "rows", CERCLE_JSON_REQUIRED, &rows, &local_error) ||
      !cercle_json_get_string (answer, "next_cursor", CERCLE_JSON_REQUIRED, &next_cursor, &local_error) ||
      !cercle_json_get_boolean (answer, "has_more", CERCLE_JSON_REQUIRED, &page->has_more, &local_error) ||
      !cercle_json_get_int (answer, "last_mutation_no", CERCLE_JSON_OPTIONAL, 0, G_MAXINT64,
                            &page->last_mutation_no, &local_error))
    {
      bad_answer (page, local_error);
      return g_steal_pointer (&page);
    }

  /* A page that ends nothing and brings nothing would loop forever */
  if (page->has_more && json_array_get_length (rows) == 0 && g_strcmp0 (cursor, next_cursor) == 0)
    {
      g_set_error_literal (&page->error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_BAD_ANSWER,
                           _("The club’s server sent the same page again."));
      return g_steal_pointer (&page);
    }

  page->records = cercle_store_decode_pull_rows (rows, &local_error);
  if (page->records == NULL)
    {
      bad_answer (page, local_error);
      return g_steal_pointer (&page);
    }

  page->next_cursor = g_strdup (next_cursor);

  return g_steal_pointer (&page);
}

/**
 * cercle_sync_fetch_page:
 * @cursor: (nullable): the cursor the store holds; %NULL for the start
 *
 * Fetches one page on the calling thread: a sync that is up to date gets
 * its one page without a thread's handovers.
 *
 * Returns: (transfer full): the page, which may carry an error
 */
CercleSyncPage *
cercle_sync_fetch_page (CercleSyncServer *server,
                        const char       *club_id,
                        const char       *client_id,
                        const char       *token,
                        guint             page_size,
                        const char       *cursor,
                        GCancellable     *cancellable)
{
  g_autofree char *path = pull_path (club_id, client_id, page_size);

  return fetch_page (server, path, token, cursor, cancellable);
}

static gpointer
fetch_thread (gpointer data)
{
  CercleSyncFetch *self = data;
  g_autoptr(GMainContext) context = g_main_context_new ();

  /* libsoup's synchronous calls run their I/O on the thread's default
   * context: one of this thread's own */
  g_main_context_push_thread_default (context);

  for (;;)
    {
      CercleSyncPage *page;
      gboolean last;

      g_mutex_lock (&self->lock);
      while (self->waiting != NULL && !self->stopping)
        g_cond_wait (&self->cond, &self->lock);
      if (self->stopping)
        {
          g_mutex_unlock (&self->lock);
          break;
        }
      g_mutex_unlock (&self->lock);

      page = fetch_page (self->server, self->path, self->token, self->cursor, self->cancellable);
      last = page->error != NULL || !page->has_more;
      if (!last)
        {
          g_free (self->cursor);
          self->cursor = g_strdup (page->next_cursor);
        }

      g_mutex_lock (&self->lock);
      self->waiting = page;
      self->done = last;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);

      if (last)
        break;
    }

  g_main_context_pop_thread_default (context);

  return NULL;
}

static void
on_caller_cancelled_cb (GCancellable *caller,
                        gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

/**
 * cercle_sync_fetch_start:
 * @cursor: (nullable): the cursor the store holds; %NULL for the start
 * @cancellable: (nullable): the sync's
 *
 * Starts fetching pages from @cursor on, in a thread of its own.
 */
CercleSyncFetch *
cercle_sync_fetch_start (CercleSyncServer *server,
                         const char       *club_id,
                         const char       *client_id,
                         const char       *token,
                         guint             page_size,
                         const char       *cursor,
                         GCancellable     *cancellable)
{
  CercleSyncFetch *self = g_new0 (CercleSyncFetch, 1);

  self->server = g_object_ref (server);
  self->path = pull_path (club_id, client_id, page_size);
  self->token = g_strdup (token);
  self->cursor = g_strdup (cursor);
  self->cancellable = g_cancellable_new ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);

  if (cancellable != NULL)
    {
      self->caller_cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled_cb),
                                                  g_object_ref (self->cancellable), g_object_unref);
    }

  self->thread = g_thread_new ("cercle-sync-fetch", fetch_thread, self);

  return self;
}

/**
 * cercle_sync_fetch_next:
 *
 * Waits for the next page. After a page with an error, or the last one,
 * there is none: call cercle_sync_fetch_stop().
 *
 * Returns: (transfer full): the page, which may carry an error
 */
CercleSyncPage *
cercle_sync_fetch_next (CercleSyncFetch *self)
{
  CercleSyncPage *page;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->lock);
  while (self->waiting == NULL)
    g_cond_wait (&self->cond, &self->lock);
  page = g_steal_pointer (&self->waiting);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  return page;
}

/**
 * cercle_sync_fetch_stop:
 *
 * Stops fetching (a request under way is cancelled), waits for the
 * thread, and frees @self with any page it fetched ahead.
 */
void
cercle_sync_fetch_stop (CercleSyncFetch *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  if (!self->done)
    g_cancellable_cancel (self->cancellable);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  g_thread_join (self->thread);

  if (self->caller_cancellable != NULL)
    g_cancellable_disconnect (self->caller_cancellable, self->cancelled_id);
  g_clear_object (&self->caller_cancellable);
  g_clear_pointer (&self->waiting, cercle_sync_page_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->server);
  g_free (self->path);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_free (self->cursor);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}
