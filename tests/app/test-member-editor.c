/* test-member-editor.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The member editor's "unsaved changes": leaving it asks first only when
 * the user changed something, never for a profile merely opened. */

#include "config.h"

#include <adwaita.h>

#include "cercle-application.h"
#include "cercle-member-editor.h"
#include "cercle-test-app.h"

/* The first field of @widget's tree that takes text */
static GtkEditable *
find_entry (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    return GTK_EDITABLE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *found = find_entry (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Every demo member opened as staff (who may change every field) has no
 * change until one is typed */
static void
test_member_editor_opened_unchanged (CercleTestClub *fixture,
                                     gconstpointer   user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) members = cercle_store_list_members (fixture->store, &error);
  CercleMemberEditor *editor;
  GtkWidget *window = gtk_window_new ();

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (members), >=, CERCLE_TEST_CLUB_MEMBERS);

  editor = CERCLE_MEMBER_EDITOR (cercle_member_editor_new ());
  cercle_member_editor_set_context (editor, fixture->context);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_present (GTK_WINDOW (window));

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(CercleMember) member = g_list_model_get_item (members, i);

      cercle_member_editor_edit (editor, member);
      cercle_test_drain_main_context ();
      if (cercle_member_editor_has_changes (editor))
        g_error ("opening %s %s's profile counts as a change",
                 cercle_member_get_first_name (member), cercle_member_get_last_name (member));
    }

  /* One letter typed is a change */
  gtk_editable_insert_text (find_entry (GTK_WIDGET (editor)), "x", -1, &(int) { 0 });
  g_assert_true (cercle_member_editor_has_changes (editor));

  gtk_window_destroy (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  cercle_application_ensure_resources ();

  g_test_add ("/cercle/app/member-editor/opened-unchanged", CercleTestClub, NULL,
              cercle_test_club_set_up, test_member_editor_opened_unchanged, cercle_test_club_tear_down);

  return g_test_run ();
}
