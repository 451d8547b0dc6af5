/* cercle-server-reply.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-server-private.h"
#include "cercle-server-protocol.h"

/* Answers: the reply a worker fills, set on the message; an error
 * answered at once; an answer written on a stolen connection that is then
 * closed, for a request whose body is never to be read */

void
_cercle_server_reply_clear (CercleServerReply *reply)
{
  g_clear_pointer (&reply->content_type, g_free);
  g_clear_pointer (&reply->body, g_bytes_unref);
}

void
_cercle_server_reply_json (CercleServerReply *reply,
                           guint              status,
                           JsonObject        *body)
{
  g_autofree char *text = cercle_json_object_to_string (body);
  gsize length = strlen (text);

  _cercle_server_reply_clear (reply);
  reply->status = status;
  reply->content_type = g_strdup ("application/json");
  reply->body = g_bytes_new_take (g_steal_pointer (&text), length);
}

void
_cercle_server_reply_error (CercleServerReply *reply,
                            const GError      *error)
{
  g_autoptr(JsonObject) body = cercle_server_error_object (cercle_server_error_code_name (error),
                                                           error->message);
  guint status = cercle_server_error_status (error);

  if (status == 503)
    g_message ("Answering 503: %s", error->message);

  _cercle_server_reply_json (reply, status, body);
}

/* Writes a whole answer on a stolen connection and closes it: the answer
 * to a request whose body is never to be read */
typedef struct
{
  GIOStream *stream;
  char      *text;
} RawReply;

static void
raw_closed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  RawReply *raw = user_data;

  g_io_stream_close_finish (G_IO_STREAM (object), result, NULL);
  g_object_unref (raw->stream);
  g_free (raw->text);
  g_free (raw);
}

static void
raw_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RawReply *raw = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  g_io_stream_close_async (raw->stream, G_PRIORITY_DEFAULT, NULL, raw_closed_cb, raw);
}

void
_cercle_server_reply_and_close (SoupServerMessage *msg,
                                guint              status,
                                const char        *code,
                                const char        *message)
{
  g_autoptr(JsonObject) body = cercle_server_error_object (code, message);
  g_autofree char *body_text = cercle_json_object_to_string (body);
  RawReply *raw;
  GIOStream *stream;

  _cercle_server_log_request (msg, status);

  raw = g_new0 (RawReply, 1);
  raw->text = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                               "Content-Type: application/json\r\n"
                               "Content-Length: %zu\r\n"
                               "Connection: close\r\n"
                               "\r\n"
                               "%s",
                               status, soup_status_get_phrase (status),
                               strlen (body_text), body_text);

  /* Frees @msg, and its request data, most likely */
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    {
      g_free (raw->text);
      g_free (raw);
      return;
    }

  raw->stream = stream;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                   raw->text, strlen (raw->text), G_PRIORITY_DEFAULT,
                                   NULL, raw_written_cb, raw);
}

void
_cercle_server_set_response (SoupServerMessage *msg,
                             CercleServerReply *reply)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, reply->status, NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");

  if (reply->retry_after > 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, reply->retry_after);

      soup_message_headers_replace (headers, "Retry-After", seconds);
    }

  /* A page of a pull is megabytes: it is handed over, not copied */
  if (reply->body != NULL)
    {
      soup_message_headers_replace (headers, "Content-Type", reply->content_type);
      soup_message_body_truncate (soup_server_message_get_response_body (msg));
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), reply->body);
    }
}

void
_cercle_server_set_error_now (SoupServerMessage *msg,
                              guint              status,
                              GQuark             domain,
                              int                code,
                              const char        *message)
{
  CercleServerReply reply = { 0, };
  g_autoptr(GError) error = g_error_new_literal (domain, code, message);

  _cercle_server_reply_error (&reply, error);
  reply.status = status;
  _cercle_server_set_response (msg, &reply);
  _cercle_server_reply_clear (&reply);
}
