/* test-store-writing.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a write leaves behind: outbox and history, nothing when it fails,
 * and one coalesced "changed" signal for a burst */

#include "config.h"

#include "test-store.h"

void
test_outbox_and_history (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(CercleMember) member = make_member ("Émilie", "Rousseau", "Rousseau SARL");
  g_autoptr(CercleMember) from_server = make_member ("Noël", "Garnier", NULL);
  g_autoptr(JsonArray) outbox = NULL;
  g_autoptr(JsonArray) history = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *mutation;
  JsonObject *changes;
  JsonObject *entry;
  const char *id = cercle_record_get_id (CERCLE_RECORD (member));

  save_or_die (fixture->store, member);
  g_assert_cmpuint (outbox_length (fixture->store), ==, 1);

  /* Saving what is already there is not an edit. */
  save_or_die (fixture->store, member);
  g_assert_cmpuint (outbox_length (fixture->store), ==, 1);

  g_object_set (member, "company", "Rousseau & Associés", "city", "Écully", NULL);
  save_or_die (fixture->store, member);
  g_assert_cmpuint (outbox_length (fixture->store), ==, 2);

  outbox = cercle_store_dup_outbox (fixture->store, &error);
  g_assert_no_error (error);
  mutation = json_array_get_object_element (outbox, 0);
  /* In the words of the sync protocol */
  g_assert_cmpstr (json_object_get_string_member (mutation, "op"), ==, "insert");
  g_assert_cmpstr (json_object_get_string_member (mutation, "entity"), ==, "member");
  g_assert_cmpstr (json_object_get_string_member (mutation, "row_id"), ==, id);
  g_assert_false (json_object_has_member (mutation, "id"));
  g_assert_cmpint (json_object_get_int_member (mutation, "base_rev"), ==, 0);
  /* A new row carries its fields, without old values */
  changes = json_object_get_object_member (mutation, "changes");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (changes, "last_name"), "new"),
                   ==, "Rousseau");
  g_assert_false (json_object_has_member (json_object_get_object_member (changes, "last_name"), "old"));

  mutation = json_array_get_object_element (outbox, 1);
  g_assert_cmpstr (json_object_get_string_member (mutation, "op"), ==, "update");
  g_assert_cmpint (json_object_get_int_member (mutation, "mutation_no"), >,
                   json_object_get_int_member (json_array_get_object_element (outbox, 0), "mutation_no"));
  changes = json_object_get_object_member (mutation, "changes");
  g_assert_cmpuint (json_object_get_size (changes), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (changes, "company"), "old"),
                   ==, "Rousseau SARL");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (changes, "company"), "new"),
                   ==, "Rousseau & Associés");
  g_assert_true (json_object_get_null_member (json_object_get_object_member (changes, "city"), "old"));

  history = cercle_store_dup_history (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (history), ==, 3);
  /* It starts with its making, and the fields it was made with */
  entry = json_array_get_object_element (history, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "field"), ==, CERCLE_HISTORY_CREATED);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (entry, "new"), "last_name"), "new"),
                   ==, "Rousseau");
  entry = json_array_get_object_element (history, 1);
  g_assert_cmpstr (json_object_get_string_member (entry, "field"), ==, "company");
  g_assert_cmpstr (json_object_get_string_member (entry, "old"), ==, "Rousseau SARL");
  g_assert_cmpstr (json_object_get_string_member (entry, "origin"), ==, "local");

  g_assert_true (cercle_store_delete (fixture->store, CERCLE_RECORD (member), &error));
  g_clear_pointer (&outbox, json_array_unref);
  outbox = cercle_store_dup_outbox (fixture->store, &error);
  g_assert_cmpuint (json_array_get_length (outbox), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (outbox, 2), "op"),
                   ==, "delete");

  /* Rows the server already has never go back to it. */
  cercle_record_set_rev (CERCLE_RECORD (from_server), 42);
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)&from_server, 1,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_cmpuint (outbox_length (fixture->store), ==, 3);
  g_object_set (from_server, "city", "Vénissieux", NULL);
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)&from_server, 1,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_cmpuint (outbox_length (fixture->store), ==, 3);
  g_clear_pointer (&history, json_array_unref);
  history = cercle_store_dup_history (fixture->store, cercle_record_get_id (CERCLE_RECORD (from_server)), &error);
  g_assert_cmpuint (json_array_get_length (history), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 0), "origin"),
                   ==, "server");

  /* A local edit keeps the server's rev as the base of its mutation. */
  g_object_set (from_server, "phone", "+33 6 12 34 56 78", NULL);
  save_or_die (fixture->store, from_server);
  g_clear_pointer (&outbox, json_array_unref);
  outbox = cercle_store_dup_outbox (fixture->store, &error);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (outbox, 3), "base_rev"), ==, 42);
  g_assert_cmpint (cercle_record_get_rev (CERCLE_RECORD (from_server)), ==, 42);
}

void
test_failed_write_leaves_nothing (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(CercleMember) member = make_member ("Benoît", "Girard", NULL);
  g_autoptr(CercleEvent) event = NULL;
  g_autoptr(CercleRegistration) nobody = NULL;
  g_autoptr(CercleReferral) dangling = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(GError) error = NULL;
  CercleRecord *records[3];
  guint changed = 0;

  event = g_object_new (CERCLE_TYPE_EVENT, "title", "Afterwork", "starts-at", "2027-02-01T18:00:00Z", NULL);
  /* Neither a member nor a named guest: refused by the schema. */
  nobody = g_object_new (CERCLE_TYPE_REGISTRATION,
                         "event-id", cercle_record_get_id (CERCLE_RECORD (event)), NULL);

  records[0] = CERCLE_RECORD (member);
  records[1] = CERCLE_RECORD (event);
  records[2] = CERCLE_RECORD (nobody);
  g_assert_false (cercle_store_save_all (fixture->store, records, 3, CERCLE_SAVE_LOCAL_EDIT, &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_clear_error (&error);

  members = cercle_store_list_members (fixture->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 0);
  g_assert_cmpuint (outbox_length (fixture->store), ==, 0);
  g_assert_null (cercle_store_get_record (fixture->store, CERCLE_TYPE_EVENT,
                                          cercle_record_get_id (CERCLE_RECORD (event)), NULL));

  /* A reference to a member who does not exist fails only at commit, and
   * takes the whole batch with it too. */
  dangling = g_object_new (CERCLE_TYPE_REFERRAL,
                           "giver-id", cercle_record_get_id (CERCLE_RECORD (member)),
                           "receiver-id", "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                           NULL);
  records[1] = CERCLE_RECORD (dangling);
  g_signal_connect_swapped (fixture->store, "changed", G_CALLBACK (g_atomic_int_inc), &changed);
  g_assert_false (cercle_store_save_all (fixture->store, records, 2, CERCLE_SAVE_LOCAL_EDIT, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (cercle_store_count_members (fixture->store, NULL), ==, 0);
  g_assert_cmpuint (outbox_length (fixture->store), ==, 0);
  cercle_store_flush_changes (fixture->store);
  g_assert_cmpuint (changed, ==, 0);

  /* And the store is still usable afterwards. */
  save_or_die (fixture->store, member);
  g_assert_cmpuint (cercle_store_count_members (fixture->store, NULL), ==, 1);
  cercle_store_flush_changes (fixture->store);
  g_assert_cmpuint (changed, ==, 1);
}

static void
on_changed_cb (CercleStore     *store,
               CercleChangeSet *changes,
               GPtrArray       *seen)
{
  g_ptr_array_add (seen, cercle_change_set_ref (changes));
}

static gboolean
has_seen (gpointer data)
{
  return ((GPtrArray *)data)->len > 0;
}

/* Views hear of a burst of writes once, from the main loop, with the rows
 * of each entity that changed */
void
test_changed_signal (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_change_set_unref);
  g_autoptr(CercleMember) member = make_member ("Zoé", "Blanc", NULL);
  g_autoptr(CercleEvent) event = NULL;
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  CercleChangeSet *changes;

  event = g_object_new (CERCLE_TYPE_EVENT, "title", "Visio", "starts-at", "2027-02-01T18:00:00Z", NULL);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed_cb), seen);

  save_or_die (fixture->store, member);
  save_or_die (fixture->store, event);

  /* Nothing yet: it comes from the main loop, once */
  g_assert_cmpuint (seen->len, ==, 0);
  g_assert_true (cercle_test_wait_for (has_seen, seen, 5));
  cercle_test_drain_main_context ();
  g_assert_cmpuint (seen->len, ==, 1);

  changes = g_ptr_array_index (seen, 0);
  g_assert_true (cercle_change_set_touches (changes, CERCLE_ENTITY_MEMBER));
  g_assert_true (cercle_change_set_touches (changes, CERCLE_ENTITY_EVENT));
  g_assert_false (cercle_change_set_touches (changes, CERCLE_ENTITY_REFERRAL));
  g_assert_true (cercle_change_set_contains (changes, CERCLE_ENTITY_MEMBER,
                                             cercle_record_get_id (CERCLE_RECORD (member))));
  g_assert_false (cercle_change_set_contains (changes, CERCLE_ENTITY_MEMBER,
                                              cercle_record_get_id (CERCLE_RECORD (event))));
  g_assert_false (cercle_change_set_is_everything (changes, CERCLE_ENTITY_MEMBER));

  /* A sync page of thousands of rows is one notification that does not
   * list every id */
  for (guint i = 0; i < 5000; i++)
    g_ptr_array_add (many, make_member ("Membre", "Nombreux", NULL));
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)many->pdata, many->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);
  g_assert_true (cercle_store_set_local_member (fixture->store,
                                                cercle_record_get_id (CERCLE_RECORD (member)), &error));
  cercle_store_flush_changes (fixture->store);
  g_assert_cmpuint (seen->len, ==, 2);
  changes = g_ptr_array_index (seen, 1);
  g_assert_true (cercle_change_set_is_everything (changes, CERCLE_ENTITY_MEMBER));
  g_assert_true (cercle_change_set_contains (changes, CERCLE_ENTITY_MEMBER, "any id"));
  g_assert_true (cercle_change_set_get_local_user_changed (changes));
  g_assert_false (cercle_change_set_touches (changes, CERCLE_ENTITY_EVENT));

  /* Nothing is left to tell */
  cercle_test_drain_main_context ();
  g_assert_cmpuint (seen->len, ==, 2);
}
