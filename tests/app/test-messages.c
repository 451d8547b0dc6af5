/* test-messages.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "cercle-application.h"
#include "cercle-context.h"
#include "cercle-message-list.h"
#include "cercle-messages-view.h"
#include "cercle-test-app.h"

/* The Messages page in a real window, on a club file whose conversation
 * is long: it opens with the latest messages only and fills upward a few
 * a frame; messages that arrive or go change the thread in place; the
 * messages sealed before this device was added are said to be unreadable
 * (once, above the thread) and are not counted as unread. */

#define N_MESSAGES    2000
#define N_BEFORE_THIS 30

#define CHILD(widget, name) \
  ((gpointer) gtk_widget_get_template_child (GTK_WIDGET (widget), CERCLE_TYPE_MESSAGES_VIEW, name))

typedef struct
{
  char               *directory;
  char               *path;
  CercleStore        *store;
  CercleContext      *context;
  char               *alice;
  char               *bruno;
  char               *conversation;
  CercleKeyPair      *alice_keys;
  CercleKeyPair      *alice_old_keys;
  CercleKeyPair      *bruno_keys;
  GtkWindow          *window;
  CercleMessagesView *view;
  guint               n_sent;
} Fixture;

static CercleRecord *
member (const char *id,
        const char *first_name,
        const char *last_name)
{
  return g_object_new (CERCLE_TYPE_MEMBER, "id", id, "first-name", first_name, "last-name", last_name,
                       "rev", (gint64)1, NULL);
}

static CercleDeviceKey *
device_key (CercleKeyPair *keys,
            const char    *member_id)
{
  g_autofree char *public_key = cercle_key_pair_dup_public (keys);

  return g_object_new (CERCLE_TYPE_DEVICE_KEY, "id", keys->device_id, "member-id", member_id,
                       "public-key", public_key, "rev", (gint64)1, NULL);
}

/* @n messages from Bruno, as a pull brings them, sealed for @alice_keys
 * (or, for a device of Alice's that came later, for her older one) */
static void
receive (Fixture       *fixture,
         guint          n,
         CercleKeyPair *alice_keys)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (devices, device_key (alice_keys, fixture->alice));
  g_ptr_array_add (devices, device_key (fixture->bruno_keys, fixture->bruno));

  for (guint i = 0; i < n; i++, fixture->n_sent++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *sent_at = g_strdup_printf ("2026-11-%02uT%02u:%02u:%02u.000Z", 1 + fixture->n_sent / 1440 % 28,
                                                  fixture->n_sent / 60 % 24, fixture->n_sent % 60, 0);
      g_autofree char *text = g_strdup_printf ("Message %u", fixture->n_sent);
      CercleMessage *message = g_object_new (CERCLE_TYPE_MESSAGE, "id", id,
                                             "conversation-id", fixture->conversation,
                                             "sender-id", fixture->bruno, "recipient-id", fixture->alice,
                                             "sender-device-id", fixture->bruno_keys->device_id,
                                             "sent-at", sent_at, "rev", (gint64)(10 + fixture->n_sent), NULL);

      g_assert_true (cercle_message_seal (message, text, fixture->bruno_keys,
                                          (CercleDeviceKey * const *)devices->pdata, devices->len, &error));
      g_assert_no_error (error);
      g_ptr_array_add (rows, message);
    }

  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord * const *)rows->pdata, rows->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);
  g_assert_true (cercle_store_decrypt_messages (fixture->store, fixture->alice_keys, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gboolean a_first;

  fixture->directory = cercle_test_make_dir ("messages-view");
  fixture->path = g_build_filename (fixture->directory, "club.db", NULL);
  g_assert_true (cercle_store_create (fixture->path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->store = cercle_store_open (fixture->path, &error);
  g_assert_no_error (error);

  fixture->alice = g_uuid_string_random ();
  fixture->bruno = g_uuid_string_random ();
  fixture->conversation = cercle_message_policy_conversation_id (fixture->alice, fixture->bruno);
  fixture->alice_keys = cercle_key_pair_generate ("a1100000-0000-4000-8000-000000000002");
  fixture->alice_old_keys = cercle_key_pair_generate ("a1100000-0000-4000-8000-000000000001");
  fixture->bruno_keys = cercle_key_pair_generate ("b2200000-0000-4000-8000-000000000001");
  a_first = strcmp (fixture->alice, fixture->bruno) < 0;

  g_ptr_array_add (rows, member (fixture->alice, "Alice", "Martin"));
  g_ptr_array_add (rows, member (fixture->bruno, "Bruno", "Durand"));
  g_ptr_array_add (rows, device_key (fixture->alice_old_keys, fixture->alice));
  g_ptr_array_add (rows, device_key (fixture->alice_keys, fixture->alice));
  g_ptr_array_add (rows, device_key (fixture->bruno_keys, fixture->bruno));
  g_ptr_array_add (rows, g_object_new (CERCLE_TYPE_CONVERSATION, "id", fixture->conversation,
                                       "member-a-id", a_first ? fixture->alice : fixture->bruno,
                                       "member-b-id", a_first ? fixture->bruno : fixture->alice,
                                       "rev", (gint64)2, NULL));
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord * const *)rows->pdata, rows->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);
  g_assert_true (cercle_store_set_local_member (fixture->store, fixture->alice, &error));
  g_assert_no_error (error);
  /* A server that is never reached: the club syncs, so it has messages */
  g_assert_true (cercle_store_set_sync_origin (fixture->store, "http://127.0.0.1:9", g_uuid_string_random (),
                                               "alice@exemple.fr", NULL, &error));
  g_assert_no_error (error);

  /* This device of Alice's came after the first messages */
  receive (fixture, N_BEFORE_THIS, fixture->alice_old_keys);
  receive (fixture, N_MESSAGES - N_BEFORE_THIS, fixture->alice_keys);

  fixture->context = cercle_context_new (fixture->store, NULL);
  /* As the window does after its first frame: until then the club's sync
   * has not started and the page says messages need a server */
  cercle_context_start (fixture->context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (fixture->window);
      cercle_test_drain_main_context ();
    }

  cercle_test_drain_main_context ();
  g_assert_finalize_object (fixture->context);
  cercle_test_release_store (fixture->store);
  cercle_test_remove_dir (fixture->directory);
  cercle_key_pair_free (fixture->alice_keys);
  cercle_key_pair_free (fixture->alice_old_keys);
  cercle_key_pair_free (fixture->bruno_keys);
  g_free (fixture->conversation);
  g_free (fixture->alice);
  g_free (fixture->bruno);
  g_free (fixture->path);
  g_free (fixture->directory);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
run_frames (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
open_window (Fixture *fixture,
             int      width,
             int      height)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->view = cercle_messages_view_new ();
  cercle_messages_view_set_context (fixture->view, fixture->context);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_set_default_size (fixture->window, width, height);
  gtk_window_present (fixture->window);
  g_assert_true (cercle_test_wait_for (is_mapped, fixture->window, 10));
  run_frames (300);
}

static void
save_shot (Fixture    *fixture,
           const char *name)
{
  cercle_test_save_shot (fixture->window, name);
}

static GListModel *
thread_model (Fixture *fixture)
{
  GtkListView *thread = CHILD (fixture->view, "thread_view");
  GtkSelectionModel *model = gtk_list_view_get_model (thread);

  return model != NULL ? G_LIST_MODEL (model) : NULL;
}

/* Until the thread stopped growing upward: a slow machine takes more
 * frames to fill a screen */
static void
settle_thread (Fixture *fixture)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (CHILD (fixture->view, "thread_scroller"));
  CercleMessageList *list = CERCLE_MESSAGE_LIST (gtk_no_selection_get_model (GTK_NO_SELECTION (thread_model (fixture))));
  guint n = G_MAXUINT;

  /* It grows while less than a screen is above what it shows */
  while (n != g_list_model_get_n_items (G_LIST_MODEL (list)) ||
         (cercle_message_list_has_earlier (list) &&
          gtk_adjustment_get_value (adjustment) < gtk_adjustment_get_page_size (adjustment)))
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      run_frames (300);
    }
}

static const char *
text_at (GListModel *model,
         guint       position)
{
  g_autoptr(CercleMessageItem) item = g_list_model_get_item (model, position);

  return cercle_message_item_get_text (item);
}

typedef struct
{
  guint n_changes;
  guint position, removed, added;
  guint most_added;
} Changes;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Changes    *changes)
{
  changes->n_changes++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->most_added = MAX (changes->most_added, added);
}

/* The thread's length once it has grown past @n and stopped growing:
 * frames come slowly on a busy machine, so this waits for what happens
 * rather than for a fixed time (at most a minute) */
static guint
grown_past (GListModel *model,
            guint       n)
{
  guint before = n;

  for (guint i = 0; i < 200; i++)
    {
      guint now;

      run_frames (300);
      now = g_list_model_get_n_items (model);
      if (now > n && now == before)
        return now;
      before = now;
    }

  return g_list_model_get_n_items (model);
}

static gboolean
scrolled_to_bottom (gpointer data)
{
  GtkAdjustment *adjustment = data;

  return gtk_adjustment_get_value (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 1;
}

/* Two thousand messages: the thread holds a screen or two of the latest,
 * added a few a frame, and grows as it is scrolled up */
static void
test_open_long (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;
  Changes changes = { 0, };
  GListModel *model;
  guint n_first;
  g_autofree char *latest = g_strdup_printf ("Message %u", N_MESSAGES - 1);

  open_window (fixture, 900, 700);
  scroller = CHILD (fixture->view, "thread_scroller");
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);

  cercle_messages_view_open_conversation (fixture->view, fixture->bruno);
  model = thread_model (fixture);
  g_assert_nonnull (model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, CERCLE_MESSAGE_LIST_FIRST);
  g_assert_cmpstr (text_at (model, CERCLE_MESSAGE_LIST_FIRST - 1), ==, latest);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);

  /* It fills upward until a screen is above what it shows, a few
   * messages a frame (as many as frames afford, never more than 16), and
   * keeps to the latest */
  n_first = grown_past (model, CERCLE_MESSAGE_LIST_FIRST);
  g_assert_cmpuint (n_first, >, CERCLE_MESSAGE_LIST_FIRST);
  g_assert_cmpuint (n_first, <, 200);
  g_assert_cmpuint (changes.most_added, <=, 16);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpstr (text_at (model, n_first - 1), ==, latest);
  g_assert_true (cercle_test_wait_for (scrolled_to_bottom, adjustment, 30));

  /* Scrolled to the top, the earlier ones come in front */
  gtk_adjustment_set_value (adjustment, 0);
  g_assert_cmpuint (grown_past (model, n_first), >, n_first);
  g_assert_cmpuint (changes.most_added, <=, 16);
  g_assert_cmpuint (changes.position, ==, 0);
  g_signal_handlers_disconnect_by_data (model, &changes);
}

/* What arrives is added at the end, what goes leaves its place: the
 * rest of the thread stays as it was */
static void
test_changes_in_place (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(CercleMessageItem) gone_item = NULL;
  g_autoptr(CercleMessage) gone = NULL;
  g_autoptr(CercleMessageItem) kept = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0, };
  GListModel *model;
  guint n;

  open_window (fixture, 900, 700);
  cercle_messages_view_open_conversation (fixture->view, fixture->bruno);
  settle_thread (fixture);
  model = thread_model (fixture);
  n = g_list_model_get_n_items (model);
  kept = g_list_model_get_item (model, 0);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);

  receive (fixture, 1, fixture->alice_keys);
  cercle_store_flush_changes (fixture->store);
  cercle_test_drain_main_context ();
  g_assert_cmpuint (changes.n_changes, ==, 1);
  g_assert_cmpuint (changes.position, ==, n);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);

  /* Withdrawn: the server's tombstone */
  gone_item = g_list_model_get_item (model, n - 3);
  gone = cercle_store_get_record (fixture->store, CERCLE_TYPE_MESSAGE,
                                  cercle_message_item_get_id (gone_item), &error);
  g_assert_no_error (error);
  g_object_set (gone, "deleted", TRUE, "rev", (gint64)100000, NULL);
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord * const *)&gone, 1,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);
  cercle_store_flush_changes (fixture->store);
  cercle_test_drain_main_context ();
  g_assert_cmpuint (changes.n_changes, ==, 2);
  g_assert_cmpuint (changes.position, ==, n - 3);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  /* The same objects where nothing changed */
  {
    g_autoptr(CercleMessageItem) first = g_list_model_get_item (model, 0);

    g_assert_true (first == kept);
  }
  g_signal_handlers_disconnect_by_data (model, &changes);
}

static gboolean
all_read (gpointer data)
{
  Fixture *fixture = data;

  return cercle_store_count_unread_messages (fixture->store, NULL) == 0;
}

/* A device added later: the messages sealed before it are not counted as
 * unread, and the thread says once, above it, why they cannot be read */
static void
test_device_added_later (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GPtrArray) conversations = NULL;
  CercleConversationSummary *summary;
  GtkWidget *notice;

  conversations = cercle_store_list_conversations (fixture->store, NULL);
  g_assert_cmpuint (conversations->len, ==, 1);
  summary = g_ptr_array_index (conversations, 0);
  g_assert_cmpuint (summary->n_unread, ==, N_MESSAGES - N_BEFORE_THIS);
  g_assert_cmpuint (cercle_store_count_unread_messages (fixture->store, NULL), ==, N_MESSAGES - N_BEFORE_THIS);
  g_assert_cmpuint (cercle_store_count_unreadable_messages (fixture->store, fixture->conversation, NULL), ==,
                    N_BEFORE_THIS);

  open_window (fixture, 900, 700);
  cercle_messages_view_open_conversation (fixture->view, fixture->bruno);
  run_frames (300);
  notice = CHILD (fixture->view, "unreadable_notice");
  g_assert_true (gtk_widget_get_visible (notice));

  /* Its oldest messages, those this device cannot read */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (CHILD (fixture->view, "thread_scroller")), 0);
  run_frames (300);
  save_shot (fixture, "messages-latest");
  while (cercle_message_list_load_earlier (CERCLE_MESSAGE_LIST (gtk_no_selection_get_model (GTK_NO_SELECTION (thread_model (fixture)))), 500))
    ;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (CHILD (fixture->view, "thread_scroller")), 0);
  run_frames (500);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (CHILD (fixture->view, "thread_scroller")), 0);
  run_frames (300);
  save_shot (fixture, "messages-oldest");

  /* Read on this device: nothing unread any more, here or on the tab */
  gtk_window_present (fixture->window);
  g_assert_true (cercle_test_wait_for (all_read, fixture, 10));
  conversations = (g_ptr_array_unref (conversations), cercle_store_list_conversations (fixture->store, NULL));
  g_assert_cmpuint (((CercleConversationSummary *)g_ptr_array_index (conversations, 0))->n_unread, ==, 0);
}

static GtkWidget *
find_withdraw_button (GtkWidget  *widget,
                      const char *message_id)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (g_object_get_data (G_OBJECT (widget), "message-id"), message_id) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_withdraw_button (child, message_id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

/* Alice withdraws what she sent, from the thread, after a question: it
 * leaves its place and a deletion waits in the outbox for the server;
 * Bruno's messages offer no such button, and the store refuses them */
static void
test_withdraw (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(CercleMessage) mine = NULL;
  g_autoptr(CercleMessageItem) last = NULL;
  g_autoptr(CercleMessage) stored = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *button;
  GListModel *model;
  guint n, outbox;

  open_window (fixture, 900, 700);
  cercle_messages_view_open_conversation (fixture->view, fixture->bruno);
  settle_thread (fixture);
  model = thread_model (fixture);

  mine = cercle_store_send_message (fixture->store, fixture->alice_keys, fixture->bruno,
                                    "Je retire ce message", &error);
  g_assert_no_error (error);
  cercle_store_flush_changes (fixture->store);
  cercle_test_drain_main_context ();
  run_frames (300);
  n = g_list_model_get_n_items (model);
  last = g_list_model_get_item (model, n - 1);
  g_assert_cmpstr (cercle_message_item_get_id (last), ==, cercle_record_get_id (CERCLE_RECORD (mine)));
  g_assert_true (cercle_message_item_get_outgoing (last));

  /* Bruno's last message has no button; Alice's has */
  {
    g_autoptr(CercleMessageItem) his = g_list_model_get_item (model, n - 2);

    g_assert_null (find_withdraw_button (GTK_WIDGET (fixture->view), cercle_message_item_get_id (his)));
    g_assert_false (cercle_store_withdraw_message (fixture->store, cercle_message_item_get_id (his), &error));
    g_assert_error (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN);
    g_clear_error (&error);
  }
  button = find_withdraw_button (GTK_WIDGET (fixture->view), cercle_record_get_id (CERCLE_RECORD (mine)));
  g_assert_nonnull (button);
  save_shot (fixture, "messages-withdraw");

  /* Asked first: cancelling keeps it */
  outbox = cercle_store_count_outbox (fixture->store, NULL);
  g_signal_emit_by_name (button, "clicked");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  cercle_test_drain_main_context ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  g_signal_emit_by_name (button, "clicked");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "withdraw");
  cercle_store_flush_changes (fixture->store);
  cercle_test_drain_main_context ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n - 1);
  g_assert_cmpuint (cercle_store_count_outbox (fixture->store, NULL), ==, outbox + 1);
  stored = cercle_store_get_record (fixture->store, CERCLE_TYPE_MESSAGE,
                                    cercle_record_get_id (CERCLE_RECORD (mine)), &error);
  g_assert_no_error (error);
  g_assert_true (cercle_record_get_deleted (CERCLE_RECORD (stored)));
  g_assert_null (cercle_message_get_ciphertext (stored));
}

/* Chloé, who wrote to Alice twice: a second, short conversation */
static char *
add_chloe (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  CercleKeyPair *keys = cercle_key_pair_generate ("c3300000-0000-4000-8000-000000000001");
  g_autofree char *chloe = g_uuid_string_random ();
  char *conversation = cercle_message_policy_conversation_id (fixture->alice, chloe);
  gboolean a_first = strcmp (fixture->alice, chloe) < 0;

  g_ptr_array_add (devices, device_key (fixture->alice_keys, fixture->alice));
  g_ptr_array_add (devices, device_key (keys, chloe));
  g_ptr_array_add (rows, member (chloe, "Chloé", "Bernard"));
  g_ptr_array_add (rows, device_key (keys, chloe));
  g_ptr_array_add (rows, g_object_new (CERCLE_TYPE_CONVERSATION, "id", conversation,
                                       "member-a-id", a_first ? fixture->alice : chloe,
                                       "member-b-id", a_first ? chloe : fixture->alice,
                                       "rev", (gint64)2, NULL));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      /* After all of Bruno's: hers is the latest conversation */
      g_autofree char *sent_at = g_strdup_printf ("2026-12-01T10:0%u:00.000Z", i);
      CercleMessage *message = g_object_new (CERCLE_TYPE_MESSAGE, "id", id, "conversation-id", conversation,
                                             "sender-id", chloe, "recipient-id", fixture->alice,
                                             "sender-device-id", keys->device_id,
                                             "sent-at", sent_at, "rev", (gint64)(50000 + i), NULL);

      g_assert_true (cercle_message_seal (message, i == 0 ? "Bonjour Alice" : "Tu viens jeudi ?", keys,
                                          (CercleDeviceKey * const *)devices->pdata, devices->len, &error));
      g_assert_no_error (error);
      g_ptr_array_add (rows, message);
    }

  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord * const *)rows->pdata, rows->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);
  g_assert_true (cercle_store_decrypt_messages (fixture->store, fixture->alice_keys, NULL, NULL, &error));
  g_assert_no_error (error);
  cercle_store_flush_changes (fixture->store);
  cercle_test_drain_main_context ();
  cercle_key_pair_free (keys);

  return conversation;
}

static GtkListBoxRow *
conversation_row (Fixture    *fixture,
                  const char *conversation)
{
  GtkListBox *list = CHILD (fixture->view, "conversation_list");

  for (guint i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "conversation-id"), conversation) == 0)
        return row;
    }

  return NULL;
}

/* A thread shorter than the view sits at the bottom, by the composer, as
 * in every messenger */
static void
test_short_thread_at_bottom (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *with_chloe = NULL;
  GtkWidget *scroller;
  GtkWidget *thread;
  graphene_rect_t bounds;
  guint n_rows = 0;

  with_chloe = add_chloe (fixture);
  open_window (fixture, 900, 700);
  cercle_messages_view_open_conversation (fixture->view,
                                          g_object_get_data (G_OBJECT (conversation_row (fixture, with_chloe)),
                                                             "member-id"));
  run_frames (300);
  g_assert_cmpuint (g_list_model_get_n_items (thread_model (fixture)), ==, 2);
  save_shot (fixture, "messages-short");

  scroller = CHILD (fixture->view, "thread_scroller");
  thread = CHILD (fixture->view, "thread_view");
  for (GtkWidget *row = gtk_widget_get_first_child (thread); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      if (!gtk_widget_get_visible (row) || gtk_widget_get_height (row) == 0)
        continue;
      g_assert_true (gtk_widget_compute_bounds (row, scroller, &bounds));
      /* Both rows in the lower half, the last one at the very bottom */
      g_assert_cmpfloat (bounds.origin.y, >, gtk_widget_get_height (scroller) / 2.0);
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, >=, gtk_widget_get_height (scroller) - 1);
}

/* A change to a conversation changes its row in place: the rows are the
 * same widgets, moved to their new order, and the selected one stays so */
static void
test_conversations_in_place (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *with_chloe = NULL;
  GtkListBox *list;
  GtkListBoxRow *bruno_row;
  GtkListBoxRow *chloe_row;

  with_chloe = add_chloe (fixture);
  open_window (fixture, 900, 700);
  list = CHILD (fixture->view, "conversation_list");
  bruno_row = conversation_row (fixture, fixture->conversation);
  chloe_row = conversation_row (fixture, with_chloe);
  g_assert_nonnull (bruno_row);
  g_assert_nonnull (chloe_row);
  /* Chloé wrote last */
  g_assert_true (gtk_list_box_get_row_at_index (list, 0) == chloe_row);
  cercle_messages_view_open_conversation (fixture->view, g_object_get_data (G_OBJECT (chloe_row), "member-id"));
  run_frames (100);
  g_assert_true (gtk_list_box_get_selected_row (list) == chloe_row);

  /* Bruno writes again: his conversation comes first, in the same row,
   * with his new message, and Chloé's stays selected */
  {
    /* After Chloé's messages */
    g_autoptr(CercleMessage) late = NULL;
    g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GError) error = NULL;
    g_autofree char *id = g_uuid_string_random ();

    g_ptr_array_add (devices, device_key (fixture->alice_keys, fixture->alice));
    g_ptr_array_add (devices, device_key (fixture->bruno_keys, fixture->bruno));
    late = g_object_new (CERCLE_TYPE_MESSAGE, "id", id, "conversation-id", fixture->conversation,
                         "sender-id", fixture->bruno, "recipient-id", fixture->alice,
                         "sender-device-id", fixture->bruno_keys->device_id,
                         "sent-at", "2026-12-02T08:00:00.000Z", "rev", (gint64)60000, NULL);
    g_assert_true (cercle_message_seal (late, "On se voit au dîner", fixture->bruno_keys,
                                        (CercleDeviceKey * const *)devices->pdata, devices->len, &error));
    g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord * const *)&late, 1,
                                          CERCLE_SAVE_FROM_SERVER, &error));
    g_assert_no_error (error);
    g_assert_true (cercle_store_decrypt_messages (fixture->store, fixture->alice_keys, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  cercle_store_flush_changes (fixture->store);
  cercle_test_drain_main_context ();
  run_frames (100);

  g_assert_true (conversation_row (fixture, fixture->conversation) == bruno_row);
  g_assert_true (conversation_row (fixture, with_chloe) == chloe_row);
  g_assert_true (gtk_list_box_get_row_at_index (list, 0) == bruno_row);
  g_assert_true (gtk_list_box_get_row_at_index (list, 1) == chloe_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (bruno_row)), ==, "On se voit au dîner");
  g_assert_true (gtk_list_box_get_selected_row (list) == chloe_row);
}

/* A change reads again only the messages it names, not the part of the
 * thread the view holds: a text changed behind the store's back (as no
 * write of the app does) stays as it was read, while the message that
 * arrived is added */
static void
test_reads_only_changes (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(CercleMessageItem) held = NULL;
  g_autofree char *sql = NULL;
  GListModel *model;
  sqlite3 *db = NULL;
  guint n;

  open_window (fixture, 900, 700);
  cercle_messages_view_open_conversation (fixture->view, fixture->bruno);
  settle_thread (fixture);
  model = thread_model (fixture);
  n = g_list_model_get_n_items (model);
  held = g_list_model_get_item (model, 2);
  /* What the setting up wrote has reached the view */
  cercle_store_flush_changes (fixture->store);
  cercle_test_drain_main_context ();
  run_frames (100);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("UPDATE message_text SET body = 'Changé en douce' WHERE message_id = '%s'",
                         cercle_message_item_get_id (held));
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  receive (fixture, 1, fixture->alice_keys);
  cercle_store_flush_changes (fixture->store);
  cercle_test_drain_main_context ();

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);
  g_assert_cmpstr (text_at (model, 2), ==, cercle_message_item_get_text (held));
  g_assert_cmpstr (text_at (model, n), ==, "Message 2000");
}

/* In a phone's width: the list alone, then the thread alone, and no
 * bubble wider than the window; with CERCLE_TEST_SHOTS, the Messages
 * page wide and narrow, with a short thread and a long one */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *with_chloe = add_chloe (fixture);
  AdwLeaflet *leaflet;
  GtkWidget *thread;
  guint n_rows = 0;

  open_window (fixture, 1100, 720);
  cercle_messages_view_open_conversation (fixture->view, fixture->bruno);
  settle_thread (fixture);
  save_shot (fixture, "messages-wide-long");
  cercle_messages_view_open_conversation (fixture->view,
                                          g_object_get_data (G_OBJECT (conversation_row (fixture, with_chloe)),
                                                             "member-id"));
  run_frames (300);
  save_shot (fixture, "messages-wide-short");
  gtk_window_destroy (fixture->window);
  cercle_test_drain_main_context ();

  open_window (fixture, 360, 720);
  leaflet = CHILD (fixture->view, "leaflet");
  g_assert_true (adw_leaflet_get_folded (leaflet));
  save_shot (fixture, "messages-narrow-list");
  cercle_messages_view_open_conversation (fixture->view, fixture->bruno);
  settle_thread (fixture);
  run_frames (400);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (CHILD (fixture->view, "thread_stack")));
  save_shot (fixture, "messages-narrow-long");

  thread = CHILD (fixture->view, "thread_view");
  for (GtkWidget *row = gtk_widget_get_first_child (thread); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_child_visible (row) || gtk_widget_get_height (row) == 0)
        continue;
      g_assert_true (gtk_widget_compute_bounds (row, GTK_WIDGET (fixture->window), &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 360);
      n_rows++;
    }
  g_assert_cmpuint (n_rows, >, 0);

  cercle_messages_view_open_conversation (fixture->view,
                                          g_object_get_data (G_OBJECT (conversation_row (fixture, with_chloe)),
                                                             "member-id"));
  run_frames (400);
  save_shot (fixture, "messages-narrow-short");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* The translations of the build tree, for the shots of another locale */
  cercle_application_init_i18n ();
  adw_init ();
  cercle_application_ensure_resources ();
  /* The app's style, as AdwApplication loads it */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/cercle/Cercle/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add ("/cercle/messages-view/open-long", Fixture, NULL, fixture_set_up, test_open_long, fixture_tear_down);
  g_test_add ("/cercle/messages-view/changes-in-place", Fixture, NULL, fixture_set_up, test_changes_in_place,
              fixture_tear_down);
  g_test_add ("/cercle/messages-view/withdraw", Fixture, NULL, fixture_set_up, test_withdraw, fixture_tear_down);
  g_test_add ("/cercle/messages-view/short-thread-at-bottom", Fixture, NULL, fixture_set_up,
              test_short_thread_at_bottom, fixture_tear_down);
  g_test_add ("/cercle/messages-view/conversations-in-place", Fixture, NULL, fixture_set_up,
              test_conversations_in_place, fixture_tear_down);
  g_test_add ("/cercle/messages-view/reads-only-changes", Fixture, NULL, fixture_set_up,
              test_reads_only_changes, fixture_tear_down);
  g_test_add ("/cercle/messages-view/device-added-later", Fixture, NULL, fixture_set_up, test_device_added_later,
              fixture_tear_down);
  g_test_add ("/cercle/messages-view/narrow", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);

  return g_test_run ();
}
