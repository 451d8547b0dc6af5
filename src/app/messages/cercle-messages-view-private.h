/* cercle-messages-view-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-message-list.h"
#include "cercle-messages-view.h"

G_BEGIN_DECLS

/* The Messages page: the member's conversations (and a search in what
 * this device could read of them), and one conversation's thread with a
 * composer. Sending encrypts on the spot for each device of both members
 * (a few key exchanges) and saves to the outbox, so it works offline;
 * what arrives was decrypted by the sync worker, so showing a thread of
 * any length reads a page or two of plain text. */

struct _CercleMessagesView
{
  GtkWidget          parent_instance;

  CercleContext     *context;
  CercleMessageList *messages;
  char              *other_member_id;
  /* Who the thread is with, as each of its rows says it */
  char              *other_name;
  gboolean           stick_to_bottom;
  gboolean           scrolling;
  /* The thread's geometry at the last scroll: a scroll that comes with a
   * new geometry is the list's own, as it lays out rows, not the user's */
  double             last_upper;
  double             last_page;
  guint              grow_tick_id;
  /* How many earlier messages the next frame adds, and when the last
   * frame that added some began */
  guint              grow_step;
  gint64             grow_frame_time;
  gboolean           updating_vanish;

  GtkStack          *main_stack;
  AdwLeaflet        *leaflet;
  GtkWidget         *sidebar;
  GtkSearchEntry    *search_entry;
  GtkStack          *sidebar_stack;
  GtkListBox        *conversation_list;
  GtkListBox        *result_list;
  GtkStack          *thread_stack;
  GtkLabel          *title_label;
  GtkDropDown       *vanish_dropdown;
  GtkScrolledWindow *thread_scroller;
  GtkListView       *thread_view;
  GtkSignalListItemFactory *thread_factory;
  GtkLabel          *error_label;
  GtkWidget         *unreadable_notice;
  GtkEntry          *composer;
};

CercleStore *_cercle_messages_view_get_store       (CercleMessagesView *self);
void         _cercle_messages_view_show_error      (CercleMessagesView *self,
                                                    const char         *message);

/* cercle-messages-view-thread.c: the thread's rows, and how it grows */
char        *_cercle_messages_view_format_when     (const char         *sent_at);
void         _cercle_messages_view_setup_message_cb (GtkSignalListItemFactory *factory,
                                                     GtkListItem              *list_item,
                                                     gpointer                  user_data);
void         _cercle_messages_view_bind_message_cb (GtkSignalListItemFactory *factory,
                                                    GtkListItem              *list_item,
                                                    gpointer                  user_data);
void         _cercle_messages_view_on_adjustment_changed_cb (GtkAdjustment      *adjustment,
                                                             CercleMessagesView *self);
void         _cercle_messages_view_on_adjustment_value_changed_cb (GtkAdjustment      *adjustment,
                                                                   CercleMessagesView *self);
void         _cercle_messages_view_grow_thread     (CercleMessagesView *self);

G_END_DECLS
