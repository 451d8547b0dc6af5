/* cercle-members-view-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-member-details.h"
#include "cercle-member-editor.h"
#include "cercle-member-slots.h"
#include "cercle-members-view.h"

G_BEGIN_DECLS

/* The member directory: a search entry over a list view of the store's lazy
 * member model, and the selected member's profile beside it (or above it,
 * when the window is narrow and the leaflet folds). Searching runs in the
 * store's thread; each keystroke cancels the search before it.
 *
 * The list model lives as long as the view: a new search or a sync page
 * changes it in place, so the selected member and the scroll position
 * survive them. */
struct _CercleMembersView
{
  GtkWidget            parent_instance;

  CercleContext       *context;
  GCancellable        *cancellable;
  gulong               cancelled_id;
  GCancellable        *search_cancellable;
  char                *query;
  char                *shown_member_id;
  gint64               shown_row;         /* in the list, or -1 */
  CercleRecordList    *list;
  CercleMemberSlots   *slots;             /* what the list view shows of list */
  GArray              *target_rows;       /* every row found; the list shows a prefix */
  guint                fill_tick_id;
  gboolean             fill_after_paint;  /* a new search's first rows are not painted yet */
  gboolean             restoring_selection;
  gboolean             running_new_query;
  gboolean             updating_filters;

  /* The words of the search shown, for the rows to highlight; the rows
   * alive, to give them new words */
  CercleSearchTerms   *terms;
  GPtrArray           *rows;
  GStrv                sectors;
  GStrv                cities;

  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  GtkWidget           *details_pane;
  GtkSearchEntry      *search_entry;
  GtkLabel            *count_label;
  GtkMenuButton       *filter_button;
  GtkDropDown         *sector_dropdown;
  GtkDropDown         *city_dropdown;
  GtkDropDown         *status_dropdown;
  GtkDropDown         *role_dropdown;
  GtkDropDown         *sort_dropdown;
  GtkStack            *list_stack;
  AdwStatusPage       *list_error_page;
  GtkListView         *list_view;
  GtkSingleSelection  *selection;
  GtkStack            *details_stack;
  CercleMemberDetails *details;           /* made on first use, or NULL */
  CercleMemberEditor  *editor;            /* made on first use, or NULL */
  GtkWidget           *details_header;
  GtkWidget           *edit_button;
  GtkWidget           *member_menu_button;
  AdwToastOverlay     *toast_overlay;

  /* The unsaved-changes question being asked, if any */
  GtkWidget           *leave_dialog;
};

/* cercle-members-view.c */
void     _cercle_members_view_show_member     (CercleMembersView *self,
                                               CercleMember      *member);

/* cercle-members-view-list.c */
void     _cercle_members_view_run_query       (CercleMembersView *self,
                                               gboolean           new_query);
GArray  *_cercle_members_view_dup_rows        (CercleMembersView *self);

/* cercle-members-view-list.c */
void     _cercle_members_view_init_list       (CercleMembersView *self);
void     _cercle_members_view_forget_rows     (CercleMembersView *self);

/* cercle-members-view-filters.c */
void     _cercle_members_view_install_filters (GtkWidgetClass    *widget_class);
CercleMemberQuery *
         _cercle_members_view_build_query     (CercleMembersView *self);
guint    _cercle_members_view_count_filters   (const CercleMemberQuery *query);
void     _cercle_members_view_load_filters    (CercleMembersView *self);

/* cercle-members-view-actions.c */
void     _cercle_members_view_install_actions (GtkWidgetClass    *widget_class);
void     _cercle_members_view_update_actions  (CercleMembersView *self);
gboolean _cercle_members_view_is_editing      (CercleMembersView *self);
void     _cercle_members_view_close_editor    (CercleMembersView *self);
void     _cercle_members_view_ask_to_leave    (CercleMembersView *self,
                                               GCancellable      *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer           user_data);
gboolean _cercle_members_view_ask_to_leave_finish (CercleMembersView *self,
                                               GAsyncResult      *result);
void     _cercle_members_view_toast           (CercleMembersView *self,
                                               const char        *title);
CercleMemberDetails *_cercle_members_view_ensure_details (CercleMembersView *self);
CercleMemberEditor  *_cercle_members_view_ensure_editor  (CercleMembersView *self);

G_END_DECLS
