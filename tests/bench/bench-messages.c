/* bench-messages.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <stdlib.h>

#include <adwaita.h>
#include <sodium.h>
#include <sqlite3.h>

#include "cercle-application.h"
#include "cercle-context.h"
#include "cercle-message-list.h"
#include "cercle-messages-view.h"

#include "bench-common.h"

/* Private messages, as the user feels them, each beside the raw cost of
 * libsodium and SQLite for the same work, measured in the same run:
 *
 * - messages.send_3_devices: encrypting and saving one message to a member
 *   with three devices (and the sender's own): four key boxes, the text
 *   sealed once, the row and its outbox entry written. Raw: the same
 *   libsodium calls and base64, and one INSERT of the same bytes in a
 *   transaction of its own into a bare WAL table.
 * - messages.decrypt_10000: the sync worker decrypting a page of 10,000
 *   messages into message_text (off the main thread in the app). Raw: the
 *   libsodium box opens and decryptions alone.
 * - messages.open_10000_first_paint: from asking for a conversation of
 *   10,000 messages to the first frame painted with them. Raw: reading
 *   the latest ones the thread opens with (CERCLE_MESSAGE_LIST_FIRST)
 *   through the conversation's index with the bare sqlite3 API.
 * - messages.open_10000_longest_stall: the longest gap between two frames
 *   while it opens and for a second after (the frame clock kept busy).
 *   Baseline: the same window's longest gap over as long, idle.
 * - messages.open_10000_first_paint_cpu, _longest_frame_cpu: the same two,
 *   counted in the main thread's own CPU time rather than on the wall
 *   clock: on a machine shared with other work, the wall clock counts the
 *   time the thread waited for a core too, the CPU time only its work. */

#define N_MESSAGES 10000
#define N_SENDS    200
#define N_DEVICES  3

typedef struct
{
  char          *path;
  CercleStore   *store;
  char          *alice;
  char          *bruno;
  CercleKeyPair *alice_keys;
  CercleKeyPair *bruno_keys[N_DEVICES];
} Club;

static CercleRecord *
member (const char *id,
        const char *first_name,
        const char *last_name)
{
  return g_object_new (CERCLE_TYPE_MEMBER, "id", id, "first-name", first_name, "last-name", last_name,
                       "rev", (gint64)1, NULL);
}

static CercleRecord *
device_key (CercleKeyPair *keys,
            const char    *member_id)
{
  g_autofree char *public_key = cercle_key_pair_dup_public (keys);

  return g_object_new (CERCLE_TYPE_DEVICE_KEY, "id", keys->device_id, "member-id", member_id,
                       "public-key", public_key, "rev", (gint64)1, NULL);
}

static void
club_init (Club       *club,
           const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  club->path = g_build_filename (dir, "messages.db", NULL);
  cercle_store_remove_database (club->path);
  if (!cercle_store_create (club->path, NULL, NULL, NULL, &error) ||
      !(club->store = cercle_store_open (club->path, &error)))
    g_error ("%s", error->message);

  club->alice = g_uuid_string_random ();
  club->bruno = g_uuid_string_random ();
  club->alice_keys = cercle_key_pair_generate ("a1100000-0000-4000-8000-000000000001");
  g_ptr_array_add (rows, member (club->alice, "Alice", "Martin"));
  g_ptr_array_add (rows, member (club->bruno, "Bruno", "Durand"));
  g_ptr_array_add (rows, device_key (club->alice_keys, club->alice));
  for (guint i = 0; i < N_DEVICES; i++)
    {
      g_autofree char *id = g_strdup_printf ("b2200000-0000-4000-8000-00000000000%u", i + 1);

      club->bruno_keys[i] = cercle_key_pair_generate (id);
      g_ptr_array_add (rows, device_key (club->bruno_keys[i], club->bruno));
    }

  if (!cercle_store_save_all (club->store, (CercleRecord * const *)rows->pdata, rows->len,
                              CERCLE_SAVE_FROM_SERVER, &error) ||
      !cercle_store_set_local_member (club->store, club->alice, &error) ||
      !cercle_store_set_sync_origin (club->store, "http://127.0.0.1:9", g_uuid_string_random (),
                                     "alice@exemple.fr", NULL, &error))
    g_error ("%s", error->message);
}

/* 10,000 messages from Bruno's first device, as a pull brings them */
static void
receive_messages (Club *club)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *conversation = cercle_message_policy_conversation_id (club->alice, club->bruno);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (devices, device_key (club->alice_keys, club->alice));
  for (guint i = 0; i < N_DEVICES; i++)
    g_ptr_array_add (devices, device_key (club->bruno_keys[i], club->bruno));

  g_ptr_array_add (rows, g_object_new (CERCLE_TYPE_CONVERSATION, "id", conversation,
                                       "member-a-id", strcmp (club->alice, club->bruno) < 0 ? club->alice : club->bruno,
                                       "member-b-id", strcmp (club->alice, club->bruno) < 0 ? club->bruno : club->alice,
                                       "rev", (gint64)2, NULL));
  for (guint i = 0; i < N_MESSAGES; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *sent_at = g_strdup_printf ("2026-11-%02uT%02u:%02u:%02u.000Z", 1 + i / 1440 % 28,
                                                  i / 60 % 24, i % 60, i % 60);
      g_autofree char *text = g_strdup_printf ("Message %u : on se retrouve jeudi au petit-déjeuner "
                                               "du club pour parler du devis de l’atelier ?", i);
      CercleMessage *message = g_object_new (CERCLE_TYPE_MESSAGE, "id", id, "conversation-id", conversation,
                                             "sender-id", club->bruno, "recipient-id", club->alice,
                                             "sender-device-id", club->bruno_keys[0]->device_id,
                                             "sent-at", sent_at, "rev", (gint64)(3 + i), NULL);

      if (!cercle_message_seal (message, text, club->bruno_keys[0], (CercleDeviceKey * const *)devices->pdata,
                                devices->len, &error))
        g_error ("%s", error->message);
      g_ptr_array_add (rows, message);
    }

  if (!cercle_store_save_all (club->store, (CercleRecord * const *)rows->pdata, rows->len,
                              CERCLE_SAVE_FROM_SERVER, &error))
    g_error ("%s", error->message);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The same opening of 10,000 boxes and texts with libsodium alone */
static double
raw_decrypt (Club *club)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) boxes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ads = g_ptr_array_new_with_free_func ((GDestroyNotify)g_byte_array_unref);
  guint8 sender_pk[32];
  gint64 start;

  memcpy (sender_pk, club->bruno_keys[0]->public_key, 32);
  sqlite3_open_v2 (club->path, &db, SQLITE_OPEN_READONLY, NULL);
  sqlite3_prepare_v2 (db, "SELECT ciphertext, sealed_keys, id, conversation_id, sender_id, recipient_id,"
                          " sender_device_id, sent_at FROM message WHERE deleted = 0", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) keys = cercle_json_parse_object ((const char *)sqlite3_column_text (stmt, 1), -1, 2, NULL);
      GByteArray *ad = g_byte_array_new ();

      g_byte_array_append (ad, (const guint8 *)"cercle-message-v1", sizeof "cercle-message-v1");
      for (int c = 2; c < 8; c++)
        g_byte_array_append (ad, sqlite3_column_text (stmt, c), sqlite3_column_bytes (stmt, c) + 1);
      g_ptr_array_add (ads, ad);

      g_ptr_array_add (texts, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (boxes, g_strdup (json_object_get_string_member (keys, club->alice_keys->device_id)));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < boxes->len; i++)
    {
      guint8 box[24 + 16 + 32], key[32], sealed[1024], plain[1024];
      size_t box_len = 0, sealed_len = 0;
      unsigned long long plain_len = 0;
      const char *b = g_ptr_array_index (boxes, i);
      const char *t = g_ptr_array_index (texts, i);
      GByteArray *ad = g_ptr_array_index (ads, i);

      sodium_base642bin (box, sizeof box, b, strlen (b), NULL, &box_len, NULL, sodium_base64_VARIANT_ORIGINAL);
      sodium_base642bin (sealed, sizeof sealed, t, strlen (t), NULL, &sealed_len, NULL,
                         sodium_base64_VARIANT_ORIGINAL);
      if (crypto_box_open_easy (key, box + 24, box_len - 24, box, sender_pk, club->alice_keys->secret_key) != 0 ||
          crypto_aead_xchacha20poly1305_ietf_decrypt (plain, &plain_len, NULL, sealed + 24, sealed_len - 24,
                                                      ad->data, ad->len, sealed, key) != 0)
        g_error ("raw decryption failed");
    }

  return ms_since (start);
}

/* One message's worth of raw work: libsodium and one INSERT */
static double
raw_send (sqlite3       *db,
          sqlite3_stmt  *insert,
          Club          *club,
          const char    *text)
{
  guint8 key[32], nonce[24], sealed[1024];
  unsigned long long sealed_len = 0;
  char b64[2048];
  g_autoptr(GString) keys = g_string_new ("{");
  gint64 start = g_get_monotonic_time ();
  CercleKeyPair *recipients[N_DEVICES + 1] = { club->alice_keys, club->bruno_keys[0],
                                               club->bruno_keys[1], club->bruno_keys[2] };

  crypto_aead_xchacha20poly1305_ietf_keygen (key);
  randombytes_buf (nonce, sizeof nonce);
  for (guint i = 0; i < G_N_ELEMENTS (recipients); i++)
    {
      guint8 box[24 + 16 + 32];

      randombytes_buf (box, 24);
      if (crypto_box_easy (box + 24, key, 32, box, recipients[i]->public_key, club->alice_keys->secret_key) != 0)
        g_error ("raw box failed");
      sodium_bin2base64 (b64, sizeof b64, box, sizeof box, sodium_base64_VARIANT_ORIGINAL);
      g_string_append_printf (keys, "%s\"%s\":\"%s\"", i > 0 ? "," : "", recipients[i]->device_id, b64);
    }
  g_string_append_c (keys, '}');
  memcpy (sealed, nonce, 24);
  crypto_aead_xchacha20poly1305_ietf_encrypt (sealed + 24, &sealed_len, (const guint8 *)text, strlen (text),
                                              NULL, 0, NULL, nonce, key);
  sodium_bin2base64 (b64, sizeof b64, sealed, 24 + sealed_len, sodium_base64_VARIANT_ORIGINAL);

  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_bind_text (insert, 1, b64, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, keys->str, -1, SQLITE_STATIC);
  sqlite3_step (insert);
  sqlite3_reset (insert);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  return ms_since (start);
}

static void
bench_send (Club *club)
{
  g_autoptr(GArray) cercle = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *raw_path = g_strconcat (club->path, "-raw.db", NULL);
  const char *text = "Bonjour Bruno, je te passe le contact de la boulangerie pour ton devis.";
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL;

  cercle_store_remove_database (raw_path);
  sqlite3_open (raw_path, &db);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                    "CREATE TABLE message (pk INTEGER PRIMARY KEY, ciphertext TEXT, sealed_keys TEXT)",
                NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO message (ciphertext, sealed_keys) VALUES (?1, ?2)", -1, &insert, NULL);

  for (guint i = 0; i < N_SENDS; i++)
    {
      g_autoptr(CercleMessage) message = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      message = cercle_store_send_message (club->store, club->alice_keys, club->bruno, text, &error);
      if (message == NULL)
        g_error ("%s", error->message);
      ms = ms_since (start);
      g_array_append_val (cercle, ms);

      ms = raw_send (db, insert, club, text);
      g_array_append_val (raw, ms);
    }

  sqlite3_finalize (insert);
  sqlite3_close (db);
  cercle_store_remove_database (raw_path);

  g_print ("# %u sends to a member with %u devices (and the sender's own), medians\n", N_SENDS, N_DEVICES);
  bench_report ("messages.send_3_devices", bench_median (cercle), "ms",
                "libsodium+sqlite3", bench_median (raw));
  bench_report ("messages.send_3_devices_p95", bench_percentile (cercle, 95), "ms",
                "libsodium+sqlite3", bench_percentile (raw, 95));
}

typedef struct
{
  GtkWidget  *window;
  GtkListView *thread;
  gint64      last_paint;
  gint64      longest_gap;
  gint64      shown_at;
  /* The same, in the main thread's CPU time */
  gint64      last_paint_cpu;
  gint64      longest_cpu;
  gint64      shown_at_cpu;
  gboolean    waiting;
} Frames;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Frames        *frames)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();
  GtkSelectionModel *model = gtk_list_view_get_model (frames->thread);

  if (frames->last_paint != 0)
    frames->longest_gap = MAX (frames->longest_gap, now - frames->last_paint);
  frames->last_paint = now;
  if (frames->last_paint_cpu != 0)
    frames->longest_cpu = MAX (frames->longest_cpu, cpu - frames->last_paint_cpu);
  frames->last_paint_cpu = cpu;

  if (frames->waiting && model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0 &&
      gtk_widget_get_mapped (GTK_WIDGET (frames->thread)))
    {
      frames->shown_at = now;
      frames->shown_at_cpu = cpu;
      frames->waiting = FALSE;
    }
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
run_for (gint64 us)
{
  gint64 deadline = g_get_monotonic_time () + us;

  while (g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
}

static double
raw_open (Club       *club,
          const char *conversation)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *page = NULL;
  gint64 start;
  double ms;

  sqlite3_open_v2 (club->path, &db, SQLITE_OPEN_READONLY, NULL);
  start = g_get_monotonic_time ();
  sqlite3_prepare_v2 (db, "SELECT message_id, sent_at, outgoing, state, body FROM message_text"
                          " WHERE conversation_id = ?1 ORDER BY sent_at DESC, pk DESC LIMIT ?2", -1, &page, NULL);
  sqlite3_bind_text (page, 1, conversation, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (page, 2, CERCLE_MESSAGE_LIST_FIRST);
  while (sqlite3_step (page) == SQLITE_ROW)
    ;
  ms = ms_since (start);
  sqlite3_finalize (page);
  sqlite3_close (db);

  return ms;
}

static void
bench_open (Club *club)
{
  g_autoptr(CercleContext) context = NULL;
  g_autofree char *conversation = cercle_message_policy_conversation_id (club->alice, club->bruno);
  g_autoptr(GArray) first_paint = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) idle_stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first_paint_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) idle_frame_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  CercleMessagesView *view;
  Frames frames = { NULL, };
  gulong paint_id;

  context = cercle_context_new (club->store, NULL);
  /* As the window does after its first frame: a context not started has
   * no sync, and its Messages page says it needs a server */
  cercle_context_start (context);

  for (guint run = 0; run < 5; run++)
    {
      gint64 start, start_cpu;
      double ms;

      frames = (Frames) { NULL, };
      frames.window = gtk_window_new ();
      view = cercle_messages_view_new ();
      cercle_messages_view_set_context (view, context);
      frames.thread = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (view), CERCLE_TYPE_MESSAGES_VIEW,
                                                                    "thread_view"));
      gtk_window_set_child (GTK_WINDOW (frames.window), GTK_WIDGET (view));
      gtk_window_set_default_size (GTK_WINDOW (frames.window), 1100, 740);
      gtk_window_present (GTK_WINDOW (frames.window));
      while (!gtk_widget_get_mapped (frames.window))
        g_main_context_iteration (NULL, TRUE);

      paint_id = g_signal_connect (gtk_widget_get_frame_clock (frames.window), "after-paint",
                                   G_CALLBACK (on_after_paint_cb), &frames);
      gtk_widget_add_tick_callback (frames.window, tick_cb, NULL, NULL);
      run_for (300 * 1000);

      /* The idle window, for as long as the opening is watched */
      frames.longest_gap = 0;
      frames.longest_cpu = 0;
      run_for (G_USEC_PER_SEC);
      ms = frames.longest_gap / 1000.0;
      g_array_append_val (idle_stalls, ms);
      ms = frames.longest_cpu / 1000.0;
      g_array_append_val (idle_frame_cpu, ms);

      frames.longest_gap = 0;
      frames.longest_cpu = 0;
      frames.waiting = TRUE;
      start_cpu = thread_cpu_us ();
      start = g_get_monotonic_time ();
      cercle_messages_view_open_conversation (view, club->bruno);
      while (frames.waiting && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
        g_main_context_iteration (NULL, TRUE);
      ms = (frames.shown_at - start) / 1000.0;
      g_array_append_val (first_paint, ms);
      ms = (frames.shown_at_cpu - start_cpu) / 1000.0;
      g_array_append_val (first_paint_cpu, ms);
      run_for (G_USEC_PER_SEC);
      ms = frames.longest_gap / 1000.0;
      g_array_append_val (stalls, ms);
      ms = frames.longest_cpu / 1000.0;
      g_array_append_val (frame_cpu, ms);

      g_signal_handler_disconnect (gtk_widget_get_frame_clock (frames.window), paint_id);
      gtk_window_destroy (GTK_WINDOW (frames.window));
      while (g_main_context_iteration (NULL, FALSE))
        ;

      ms = raw_open (club, conversation);
      g_array_append_val (raw, ms);
    }

  g_print ("# opening a conversation of %u messages, %u runs, medians\n", N_MESSAGES, first_paint->len);
  bench_report ("messages.open_10000_first_paint", bench_median (first_paint), "ms",
                "sqlite3-latest", bench_median (raw));
  bench_report ("messages.open_10000_longest_stall", bench_median (stalls), "ms",
                "idle-window", bench_median (idle_stalls));
  bench_report ("messages.open_10000_longest_stall_max", bench_percentile (stalls, 100), "ms",
                "idle-window", bench_percentile (idle_stalls, 100));
  bench_report ("messages.open_10000_first_paint_cpu", bench_median (first_paint_cpu), "ms",
                "sqlite3-latest", bench_median (raw));
  bench_report ("messages.open_10000_longest_frame_cpu", bench_median (frame_cpu), "ms",
                "idle-window", bench_median (idle_frame_cpu));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  Club club = { NULL, };
  gint64 start;
  double decrypt_ms, raw_ms;
  guint n = 0;

  setlocale (LC_ALL, "");
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);

  if (sodium_init () < 0)
    g_error ("libsodium cannot start");

  dir = g_dir_make_tmp ("cercle-bench-messages-XXXXXX", &error);
  g_assert_no_error (error);
  club_init (&club, dir);

  receive_messages (&club);
  start = g_get_monotonic_time ();
  if (!cercle_store_decrypt_messages (club.store, club.alice_keys, NULL, &n, &error))
    g_error ("%s", error->message);
  decrypt_ms = ms_since (start);
  g_assert_cmpuint (n, ==, N_MESSAGES);
  raw_ms = raw_decrypt (&club);
  bench_report ("messages.decrypt_10000", decrypt_ms, "ms", "libsodium", raw_ms);

  bench_send (&club);

  if (!gtk_init_check ())
    g_print ("# no display: the opening of a conversation is not measured\n");
  else
    {
      adw_init ();
      cercle_application_ensure_resources ();
      /* The conversation holds exactly 10,000 again: the sends went to it */
      {
        g_autofree char *conversation = cercle_message_policy_conversation_id (club.alice, club.bruno);
        g_autofree char *sql = g_strdup_printf ("DELETE FROM message_text WHERE conversation_id = '%s'"
                                                " AND outgoing = 1", conversation);
        sqlite3 *db = NULL;

        sqlite3_open (club.path, &db);
        sqlite3_exec (db, sql, NULL, NULL, NULL);
        sqlite3_close (db);
      }
      bench_open (&club);
    }

  g_clear_object (&club.store);
  cercle_store_remove_database (club.path);
  g_rmdir (dir);

  return EXIT_SUCCESS;
}
