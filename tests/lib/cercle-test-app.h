/* cercle-test-app.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-context.h"
#include "cercle-members-view.h"
#include "cercle-referral-board.h"
#include "cercle-test-utils.h"
#include "cercle-window.h"

G_BEGIN_DECLS

/* What the widget tests share: a demo club to open a window on, and ways
 * to wait for the window and its lists to show what they should. */

#define CERCLE_TEST_CLUB_MEMBERS 60

/* A demo club of CERCLE_TEST_CLUB_MEMBERS members in a directory of its
 * own, with its store and the context a window takes; a fixture for
 * g_test_add() */
typedef struct
{
  char          *directory;
  char          *path;
  CercleStore   *store;
  CercleContext *context;
} CercleTestClub;

void                 cercle_test_club_set_up             (CercleTestClub        *club,
                                                          gconstpointer          user_data);
void                 cercle_test_club_tear_down          (CercleTestClub        *club,
                                                          gconstpointer          user_data);

void                 cercle_test_wait_ms                 (guint                  ms);
CercleWindow        *cercle_test_find_window             (GtkApplication        *application,
                                                          gboolean               with_club);
GtkWidget           *cercle_test_find_toplevel           (GType                  type);
void                 cercle_test_save_shot               (GtkWindow             *window,
                                                          const char            *name);
char                *cercle_test_query_text              (const char            *path,
                                                          const char            *sql);
guint                cercle_test_query_count             (const char            *path,
                                                          const char            *sql);

GListModel          *cercle_test_members_model           (CercleMembersView     *view);
CercleMember        *cercle_test_members_get_member      (GListModel            *model,
                                                         guint                  position);
gboolean             cercle_test_window_is_loaded        (gpointer               window);

/* For cercle_test_wait_for(): @model has @n_items */
typedef struct
{
  GListModel *model;
  guint       n_items;
} CercleTestHolds;

gboolean             cercle_test_model_holds             (gpointer               holds);

/* Counts the model's changes, so that a test can wait for a search to
 * reach the list it keeps */
typedef struct
{
  GListModel *model;
  gulong      handler;
  guint       n_changes;
  guint       seen;
} CercleTestChangeWatch;

void                 cercle_test_change_watch_start      (CercleTestChangeWatch *watch,
                                                          GListModel            *model);
void                 cercle_test_change_watch_stop       (CercleTestChangeWatch *watch);
gboolean             cercle_test_model_changed           (gpointer               watch);

GtkWidget           *cercle_test_page_view               (AdwViewStack          *view_stack,
                                                          const char            *name);
guint                cercle_test_count_descendants       (GtkWidget             *widget,
                                                          GType                  type);
CercleReferralBoard *cercle_test_get_board               (GtkWidget             *referrals_view);
guint                cercle_test_count_referrals_shown   (GtkWidget             *referrals_view);

G_END_DECLS
