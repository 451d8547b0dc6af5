/* test-member-slots.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cercle-member-slots.h"
#include "cercle-test-app.h"

/* The members' list model: a new search changes what the slots show and
 * the list's length at its end only; any other change of the store's list
 * moves the slots with their rows. Needs no display. */

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint n_changes;
} Change;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->n_changes++;
}

static GArray *
rows_of (CercleStore *store,
         const char  *text)
{
  g_autoptr(GError) error = NULL;
  GArray *rows = cercle_store_search_member_rows (store, text, NULL, &error);

  g_assert_no_error (error);
  return rows;
}

static void
on_member_notify_cb (GObject    *slot,
                     GParamSpec *pspec,
                     guint      *n_notifies)
{
  (*n_notifies)++;
}

static void
test_member_slots_replace (CercleTestClub *fixture,
                           gconstpointer   user_data)
{
  g_autoptr(GArray) everyone = rows_of (fixture->store, NULL);
  g_autoptr(CercleRecordList) records = cercle_record_list_new (fixture->store, CERCLE_TYPE_MEMBER, everyone);
  g_autoptr(CercleMemberSlots) slots = cercle_member_slots_new (records);
  g_autoptr(CercleMemberSlot) first = NULL;
  g_autoptr(CercleMemberSlot) again = NULL;
  g_autoptr(CercleSearchTerms) terms = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  Change change = { 0, };
  guint n_notifies = 0;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, everyone->len);
  g_signal_connect (slots, "items-changed", G_CALLBACK (on_items_changed_cb), &change);

  first = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_assert_true (CERCLE_IS_MEMBER_SLOT (first));
  g_assert_true (cercle_member_slot_get_member (first) ==
                 g_list_model_get_item (G_LIST_MODEL (records), 0));
  g_object_unref (cercle_member_slot_get_member (first));
  g_signal_connect (first, "notify::member", G_CALLBACK (on_member_notify_cb), &n_notifies);

  /* A shorter search: one change at the end; the slot alive stays the
   * same object, and shows the new member once brought up to date */
  g_array_append_val (rows, g_array_index (everyone, gint64, 5));
  g_array_append_val (rows, g_array_index (everyone, gint64, 7));
  terms = cercle_search_terms_new ("x");
  cercle_member_slots_replace (slots, rows, terms);
  g_assert_cmpuint (change.n_changes, ==, 1);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, everyone->len - 2);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_false (cercle_member_slots_is_current (slots, 0));
  g_assert_true (cercle_member_slots_is_current (slots, 1));
  g_assert_cmpuint (n_notifies, ==, 0);
  g_assert_cmpuint (cercle_member_slots_update_range (slots, 0, 10), ==, 1);
  g_assert_cmpuint (n_notifies, ==, 1);
  g_assert_true (cercle_member_slots_is_current (slots, 0));
  g_assert_true (cercle_member_slot_get_terms (first) == terms);
  g_assert_cmpint (cercle_record_list_get_row (records, 0), ==, g_array_index (everyone, gint64, 5));
  again = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_assert_true (again == first);

  /* The same members by other words: only the words change */
  g_clear_pointer (&terms, cercle_search_terms_unref);
  terms = cercle_search_terms_new ("y");
  cercle_member_slots_replace (slots, rows, terms);
  g_assert_cmpuint (change.n_changes, ==, 1);
  g_assert_false (cercle_member_slots_is_current (slots, 0));
  g_assert_true (cercle_member_slots_update (slots, 0));
  g_assert_false (cercle_member_slots_update (slots, 0));
  g_assert_cmpuint (n_notifies, ==, 2);

  /* Everyone again: one change at the end */
  cercle_member_slots_replace (slots, everyone, NULL);
  g_assert_cmpuint (change.n_changes, ==, 2);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, everyone->len - 2);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (slots)) == CERCLE_TYPE_MEMBER_SLOT);

  /* A slot asked for shows what the list has there */
  g_clear_object (&again);
  again = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_assert_true (again == first);
  g_assert_true (cercle_member_slots_is_current (slots, 0));
  g_assert_null (cercle_member_slot_get_terms (first));

  /* Let go of, a slot leaves the list: asked again, it is a new one */
  g_signal_handlers_disconnect_by_func (first, on_member_notify_cb, &n_notifies);
  g_clear_object (&again);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_assert_true (cercle_member_slots_is_current (slots, 0));
}

/* A change of the store's list that is not a search moves the slots with
 * their rows and reaches the views as it is */
static void
test_member_slots_follow (CercleTestClub *fixture,
                          gconstpointer   user_data)
{
  g_autoptr(GArray) everyone = rows_of (fixture->store, NULL);
  g_autoptr(GArray) fewer = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CercleRecordList) records = cercle_record_list_new (fixture->store, CERCLE_TYPE_MEMBER, everyone);
  g_autoptr(CercleMemberSlots) slots = cercle_member_slots_new (records);
  g_autoptr(CercleMemberSlot) third = NULL;
  g_autoptr(CercleMemberSlot) last = NULL;
  CercleMember *member;
  Change change = { 0, };

  third = g_list_model_get_item (G_LIST_MODEL (slots), 2);
  last = g_list_model_get_item (G_LIST_MODEL (slots), everyone->len - 1);
  member = cercle_member_slot_get_member (third);
  g_signal_connect (slots, "items-changed", G_CALLBACK (on_items_changed_cb), &change);

  /* The first row goes: every slot moves up one, keeping its member */
  g_array_append_vals (fewer, &g_array_index (everyone, gint64, 1), everyone->len - 1);
  cercle_record_list_set_rows (records, fewer);
  g_assert_cmpuint (change.n_changes, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, everyone->len - 1);
  g_assert_true (cercle_member_slot_get_member (third) == member);
  g_assert_true (cercle_member_slots_is_current (slots, 1));
  {
    g_autoptr(CercleMemberSlot) moved = g_list_model_get_item (G_LIST_MODEL (slots), 1);

    g_assert_true (moved == third);
  }

  /* It comes back: the slots move down again */
  cercle_record_list_set_rows (records, everyone);
  g_assert_cmpuint (change.n_changes, ==, 2);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  {
    g_autoptr(CercleMemberSlot) moved = g_list_model_get_item (G_LIST_MODEL (slots), 2);
    g_autoptr(CercleMemberSlot) end = g_list_model_get_item (G_LIST_MODEL (slots), everyone->len - 1);

    g_assert_true (moved == third);
    g_assert_true (end == last);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cercle/app/member-slots/replace", CercleTestClub, NULL,
              cercle_test_club_set_up, test_member_slots_replace, cercle_test_club_tear_down);
  g_test_add ("/cercle/app/member-slots/follow", CercleTestClub, NULL,
              cercle_test_club_set_up, test_member_slots_follow, cercle_test_club_tear_down);

  return g_test_run ();
}
