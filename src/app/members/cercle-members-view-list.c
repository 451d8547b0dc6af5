/* cercle-members-view-list.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-members-view"

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cercle-format.h"
#include "cercle-member-row.h"
#include "cercle-members-view-private.h"

/* The members' list: the search run in the store's thread, its results
 * shown in the long-lived list with their count, and the row widgets. */

/* A new list reaches the list view a screenful at a time. GTK 4.8's list
 * view makes a row widget, at once, for each of the first 200 items of
 * the items it is given, and destroys those of the items taken away: a
 * keystroke that changed the results cost a quarter of a second of row
 * widgets, most of them far below the window. A new search keeps the row
 * widgets there are (cercle-member-slots.c) and brings the rows in view
 * up to date at once, the others a chunk per frame; a list that grows
 * gets its first rows, enough to fill the list as tall as it is, then a
 * chunk per frame, and once the list view has all the widgets it keeps,
 * every other row in one go. The count, exports and keyboard selection
 * use every row found. */
#define MIN_FIRST_ROWS    20
#define MAX_FIRST_ROWS    60
#define MIN_ROW_HEIGHT    48
#define ROWS_PER_FRAME    40
#define ROWS_WITH_WIDGETS 240

static guint
n_found (CercleMembersView *self)
{
  return self->target_rows != NULL ? self->target_rows->len : 0;
}

/* A screenful of rows, and a few more for a scroll: each row made before
 * the first frame delays it */
static guint
first_rows (CercleMembersView *self)
{
  guint fit = (guint)MAX (gtk_widget_get_height (GTK_WIDGET (self->list_view)), 0) / MIN_ROW_HEIGHT + 4;

  return CLAMP (fit, MIN_FIRST_ROWS, MAX_FIRST_ROWS);
}

static void
cercle_members_view_update_count (CercleMembersView *self)
{
  guint n_items = self->list ? n_found (self) : 0;
  g_autoptr(CercleMemberQuery) query = _cercle_members_view_build_query (self);
  g_autofree char *count = NULL;
  g_autofree char *number = NULL;
  g_autofree char *filters = NULL;
  guint n_filters = _cercle_members_view_count_filters (query);
  gboolean searching = (self->query != NULL && *self->query != '\0') || n_filters > 0;

  if (n_filters > 0)
    /* Translators: the filter button when %u filters are on */
    filters = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Filters (%u)", "Filters (%u)", n_filters),
                               n_filters);
  gtk_menu_button_set_label (self->filter_button, filters != NULL ? filters : _("Filters"));

  number = cercle_format_count (n_items);
  if (searching)
    /* Translators: %s is a number such as "1,250" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s result", "%s results", n_items),
                             number);
  else
    /* Translators: %s is a number such as "1,250" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s member", "%s members", n_items),
                             number);
  gtk_label_set_text (self->count_label, count);

  gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
  if (n_items == 0)
    gtk_label_set_text (self->count_label, "");

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (searching)
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

/* Shows the first @n_shown rows found in the long-lived list. A new
 * search takes the places of the rows shown, which keep their widgets;
 * any other change moves the rows it moves. */
static void
show_prefix (CercleMembersView *self,
             guint              n_shown,
             gboolean           new_query)
{
  g_autoptr(GArray) prefix = NULL;
  GArray *rows = self->target_rows;

  n_shown = MIN (n_shown, n_found (self));
  if (n_shown < n_found (self))
    {
      prefix = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_shown);
      g_array_append_vals (prefix, self->target_rows->data, n_shown);
      rows = prefix;
    }

  if (new_query)
    cercle_member_slots_replace (self->slots, rows, self->terms);
  else
    cercle_record_list_set_rows (self->list, rows);
}

static GQuark
list_item_quark (void)
{
  return g_quark_from_static_string ("cercle-members-view-list-item");
}

/* Brings up to @max_rows row widgets that still show an earlier search up
 * to date; returns how many it did */
static guint
update_rows (CercleMembersView *self,
             guint              max_rows)
{
  guint n_updated = 0;

  for (guint i = 0; i < self->rows->len && n_updated < max_rows; i++)
    {
      GtkListItem *item = g_object_get_qdata (g_ptr_array_index (self->rows, i), list_item_quark ());
      guint position = item != NULL ? gtk_list_item_get_position (item) : GTK_INVALID_LIST_POSITION;

      if (position != GTK_INVALID_LIST_POSITION && cercle_member_slots_update (self->slots, position))
        n_updated++;
    }

  return n_updated;
}

static gboolean
fill_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  CercleMembersView *self = user_data;
  guint shown = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  guint n_updated;

  if (self->list == NULL)
    {
      self->fill_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* A new search's first frame paints only the rows in view: the next
   * chunk would delay it */
  if (self->fill_after_paint)
    {
      self->fill_after_paint = FALSE;
      return G_SOURCE_CONTINUE;
    }

  /* The rows out of view that still show the search before, then more
   * rows, a chunk a frame */
  n_updated = update_rows (self, ROWS_PER_FRAME);
  if (shown < n_found (self) && (n_updated < ROWS_PER_FRAME / 2 || shown >= ROWS_WITH_WIDGETS))
    /* Rows appended at the end: the selection and the scroll stay */
    show_prefix (self, shown >= ROWS_WITH_WIDGETS ? n_found (self) : shown + ROWS_PER_FRAME, FALSE);
  else if (n_updated == 0)
    {
      self->fill_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* Shows @rows in the long-lived list. The selection is put aside first:
 * a selection model whose item goes away looks for it among every added
 * item, which would read a whole club of members from the database. */
static void
cercle_members_view_set_rows (CercleMembersView *self,
                              GArray            *rows,
                              gboolean           new_query)
{
  gint64 selected_row = -1;
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint shown, n_shown;
  guint position;

  if (self->list == NULL)
    return;

  shown = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  /* A new search that finds the same members may still show other words */
  if (!new_query &&
      self->target_rows != NULL && rows->len == self->target_rows->len &&
      memcmp (rows->data, self->target_rows->data, rows->len * sizeof (gint64)) == 0)
    {
      cercle_members_view_update_count (self);
      return;
    }

  if (selected != GTK_INVALID_LIST_POSITION)
    selected_row = cercle_record_list_get_row (self->list, selected);

  /* A search keeps the row widgets there are, or starts from its first
   * rows; a change of the club keeps as many rows as were there, so that
   * nothing moves under the user */
  if (new_query)
    n_shown = MAX (shown, first_rows (self));
  else if (shown >= n_found (self))
    n_shown = G_MAXUINT;
  else
    n_shown = MAX (shown, first_rows (self));

  g_clear_pointer (&self->target_rows, g_array_unref);
  self->target_rows = g_array_ref (rows);

  /* The selected member stays in the list, however far down */
  for (guint i = 0; selected_row >= 0 && i < rows->len; i++)
    if (g_array_index (rows, gint64, i) == selected_row)
      {
        if (i >= n_shown)
          n_shown = i + first_rows (self);
        break;
      }

  self->restoring_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  show_prefix (self, n_shown, new_query);

  position = selected_row >= 0 ? cercle_record_list_find_row (self->list, selected_row)
                               : GTK_INVALID_LIST_POSITION;

  /* The rows in view show the new search in the next frame; the list
   * scrolls to the selected member, or to the top */
  if (new_query)
    {
      guint n_first = first_rows (self);

      if (position != GTK_INVALID_LIST_POSITION)
        cercle_member_slots_update_range (self->slots, position - MIN (position, n_first), 2 * n_first);
      else
        cercle_member_slots_update_range (self->slots, 0, n_first);
    }

  if (position != GTK_INVALID_LIST_POSITION)
    {
      gtk_single_selection_set_selected (self->selection, position);
      /* Clearing a search must not lose the member one was looking at;
       * a sync page, though, must not move the list under the user */
      if (new_query)
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
    }
  else if (new_query && n_found (self) > 0 &&
           gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view))) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  self->restoring_selection = FALSE;

  self->fill_after_paint = new_query;
  if (self->fill_tick_id == 0 &&
      (new_query || g_list_model_get_n_items (G_LIST_MODEL (self->list)) < n_found (self)))
    self->fill_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), fill_tick_cb, self, NULL);

  cercle_members_view_update_count (self);
}

static void
cercle_members_view_show_error (CercleMembersView *self,
                                const char        *title,
                                const GError      *error)
{
  g_autofree char *escaped = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);

  /* the status page reads its description as markup */
  escaped = error ? g_markup_escape_text (error->message, -1) : NULL;

  adw_status_page_set_title (self->list_error_page, title);
  adw_status_page_set_description (self->list_error_page, escaped);
  gtk_stack_set_visible_child_name (self->list_stack, "error");
}

typedef struct
{
  CercleMembersView *self;
  GCancellable      *cancellable;
  CercleSearchTerms *terms;
  gboolean           new_query;
} Search;

static void
search_free (Search *search)
{
  g_clear_object (&search->self);
  g_clear_object (&search->cancellable);
  g_clear_pointer (&search->terms, cercle_search_terms_unref);
  g_free (search);
}

/* The rows show what the search shown matched, with its words. A change
 * of the club runs the same search again: its words are the same, and
 * the rows keep them rather than being redone for them. */
static void
cercle_members_view_show_results (CercleMembersView *self,
                                  CercleSearchTerms *terms,
                                  GArray            *rows,
                                  gboolean           new_query)
{
  if (self->terms != terms && (new_query || terms == NULL || self->terms == NULL))
    {
      g_clear_pointer (&self->terms, cercle_search_terms_unref);
      self->terms = terms != NULL ? cercle_search_terms_ref (terms) : NULL;
    }

  cercle_members_view_set_rows (self, rows, new_query);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Search, search_free)

static void
on_search_ready_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Search) search = user_data;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = cercle_store_search_member_rows_finish (CERCLE_STORE (object), result, &error);

  /* A newer keystroke, or closing the window, cancelled this search */
  if (g_cancellable_is_cancelled (search->cancellable) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (search->self->search_cancellable == search->cancellable)
    g_clear_object (&search->self->search_cancellable);

  if (rows == NULL)
    {
      cercle_members_view_show_error (search->self, _("Could Not Search Members"), error);
      return;
    }

  cercle_members_view_show_results (search->self, search->terms, rows, search->new_query);
}

/* @new_query: the user changed the search, rather than the club changing
 * under it */
void
_cercle_members_view_run_query (CercleMembersView *self,
                                gboolean           new_query)
{
  g_autoptr(CercleMemberQuery) query = NULL;
  CercleStore *store;
  Search *search;

  /* A change of the club must not make a search the user asked for
   * forget that it was theirs */
  if (self->search_cancellable != NULL && !g_cancellable_is_cancelled (self->search_cancellable))
    new_query |= self->running_new_query;
  self->running_new_query = new_query;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  /* The window closed */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (self->context == NULL)
    return;

  store = cercle_context_get_store (self->context);
  query = _cercle_members_view_build_query (self);

  if ((self->query == NULL || *self->query == '\0') &&
      !cercle_member_query_has_filter (query) && query->sort == CERCLE_MEMBER_SORT_NAME)
    {
      g_autoptr(GArray) rows = NULL;
      g_autoptr(GError) error = NULL;

      /* The whole directory is the cached name order: no need for a thread */
      rows = cercle_store_query_member_rows (store, query, NULL, &error);
      if (rows == NULL)
        cercle_members_view_show_error (self, _("Could Not Load Members"), error);
      else
        {
          cercle_members_view_show_results (self, NULL, rows, new_query);
        }
      return;
    }

  search = g_new0 (Search, 1);
  search->self = g_object_ref (self);
  search->cancellable = g_cancellable_new ();
  search->terms = query->text != NULL ? cercle_search_terms_new (query->text) : NULL;
  search->new_query = new_query;
  self->search_cancellable = g_object_ref (search->cancellable);

  cercle_store_query_member_rows_async (store,
                                        query,
                                        search->cancellable,
                                        on_search_ready_cb,
                                        search);
}

/* The row numbers of the members the list shows, in its order: what an
 * export of "the current list" writes */
GArray *
_cercle_members_view_dup_rows (CercleMembersView *self)
{
  guint n = self->list != NULL ? n_found (self) : 0;
  GArray *rows = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  if (n > 0)
    g_array_append_vals (rows, self->target_rows->data, n);

  return rows;
}

static void
on_row_gone_cb (gpointer  data,
                GObject  *row)
{
  CercleMembersView *self = data;

  g_ptr_array_remove_fast (self->rows, row);
}

static void
on_setup_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CercleMembersView        *self)
{
  GtkWidget *row = g_object_new (CERCLE_TYPE_MEMBER_ROW, NULL);

  gtk_list_item_set_child (item, row);
  /* The row and its list item live and die together */
  g_object_set_qdata (G_OBJECT (row), list_item_quark (), item);
  g_ptr_array_add (self->rows, row);
  g_object_weak_ref (G_OBJECT (row), on_row_gone_cb, self);
}

/* A slot shows another member, or the same found by other words */
static void
on_slot_member_cb (CercleMemberSlot *slot,
                   GParamSpec       *pspec,
                   CercleMemberRow  *row)
{
  cercle_member_row_show (row, cercle_member_slot_get_member (slot), cercle_member_slot_get_terms (slot));
}

static void
on_bind_row_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                CercleMembersView        *self)
{
  CercleMemberRow *row = CERCLE_MEMBER_ROW (gtk_list_item_get_child (item));
  CercleMemberSlot *slot = gtk_list_item_get_item (item);

  cercle_member_row_show (row, cercle_member_slot_get_member (slot), cercle_member_slot_get_terms (slot));
  g_signal_connect_object (slot, "notify::member", G_CALLBACK (on_slot_member_cb), row, 0);
}

static void
on_unbind_row_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  CercleMembersView        *self)
{
  CercleMemberRow *row = CERCLE_MEMBER_ROW (gtk_list_item_get_child (item));
  CercleMemberSlot *slot = gtk_list_item_get_item (item);

  if (slot != NULL)
    g_signal_handlers_disconnect_by_func (slot, on_slot_member_cb, row);
  cercle_member_row_set_member (row, NULL);
}

/* In code rather than in the .ui: the rows need the search's words,
 * which the view holds */
void
_cercle_members_view_init_list (CercleMembersView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->rows = g_ptr_array_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
}

/* The view is going: its rows no longer tell it when they go */
void
_cercle_members_view_forget_rows (CercleMembersView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->rows, i), on_row_gone_cb, self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
}
