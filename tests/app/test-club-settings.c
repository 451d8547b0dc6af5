/* test-club-settings.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cercle-application.h"
#include "cercle-club-settings.h"
#include "cercle-context.h"
#include "cercle-event-roster.h"
#include "cercle-test-utils.h"

/* The club's settings as its staff change them: the logo that goes on the
 * badges, texts saved when applied or when the window closes, a removal
 * undone; and the same window read only for a member. */

typedef struct
{
  char               *dir;
  CercleStore        *store;
  CercleContext      *context;
  CercleClubSettings *settings;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = cercle_test_make_dir ("club-settings");
  path = g_build_filename (fixture->dir, "club.db", NULL);
  g_assert_true (cercle_demo_create (path, 40, CERCLE_DEMO_DEFAULT_SEED, &error));
  fixture->store = cercle_store_open (path, &error);
  g_assert_no_error (error);
  fixture->context = cercle_context_new (fixture->store, NULL);
}

static void
open_settings (Fixture *fixture)
{
  fixture->settings = g_object_ref (CERCLE_CLUB_SETTINGS (cercle_club_settings_new (fixture->context)));
  gtk_window_present (GTK_WINDOW (fixture->settings));
  cercle_test_drain_main_context ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->settings != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->settings));
      cercle_test_drain_main_context ();
      g_assert_finalize_object (fixture->settings);
    }
  g_assert_finalize_object (fixture->context);
  cercle_test_release_store (fixture->store);
  cercle_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static gpointer
child (Fixture    *fixture,
       const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (fixture->settings), CERCLE_TYPE_CLUB_SETTINGS, name);
}

static CercleClub *
dup_club (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CercleClub *club = cercle_store_dup_club (fixture->store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (club);

  return club;
}

static char *
dup_logo (Fixture *fixture)
{
  g_autoptr(CercleClub) club = dup_club (fixture);

  return g_strdup (cercle_club_get_logo (club));
}

static gboolean
logo_spinner_stopped (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* A picture file as a user has one: a wide logo, bigger than stored */
static GFile *
write_picture (Fixture *fixture,
               int      width,
               int      height)
{
  g_autofree char *path = g_build_filename (fixture->dir, "logo.png", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.8, 0.1, 0.2);
  cairo_rectangle (cr, width / 4.0, height / 4.0, width / 2.0, height / 2.0);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_file_new_for_path (path);
}

static char *
first_event_id (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = cercle_store_list_events (fixture->store, NULL, &error);
  g_autoptr(CercleEvent) event = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), >, 0);
  event = g_list_model_get_item (events, 0);

  return g_strdup (cercle_record_get_id (CERCLE_RECORD (event)));
}

static void
test_logo (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GFile) picture = write_picture (fixture, 1600, 400);
  g_autoptr(GError) error = NULL;
  g_autofree char *event_id = first_event_id (fixture);
  g_autofree char *logo = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *removed = NULL;
  GtkWidget *spinner;

  open_settings (fixture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (fixture, "logo_stack")), ==, "none");
  g_assert_false (gtk_widget_get_visible (child (fixture, "remove_logo_button")));

  spinner = child (fixture, "logo_spinner");
  cercle_club_settings_set_logo (fixture->settings, picture);
  g_assert_true (cercle_test_wait_for (logo_spinner_stopped, spinner, 20));
  cercle_test_drain_main_context ();

  /* Stored as a PNG, scaled down to what badges need, its shape kept */
  logo = dup_logo (fixture);
  g_assert_nonnull (logo);
  g_assert_true (g_str_has_prefix (logo, "data:image/png;base64,"));
  g_assert_cmpuint (strlen (logo), <=, CERCLE_CLUB_LOGO_MAX_BYTES);
  {
    cairo_surface_t *read = cercle_logo_from_data_uri (logo, CERCLE_CLUB_LOGO_MAX_BYTES);

    g_assert_nonnull (read);
    g_assert_cmpint (cairo_image_surface_get_width (read), ==, 512);
    g_assert_cmpint (cairo_image_surface_get_height (read), ==, 128);
    cairo_surface_destroy (read);
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (fixture, "logo_stack")), ==, "logo");
  g_assert_true (gtk_widget_get_visible (child (fixture, "remove_logo_button")));

  /* On the badges */
  {
    g_autoptr(CercleRoster) roster = cercle_event_roster_new (fixture->store, event_id, &error);

    g_assert_no_error (error);
    g_assert_nonnull (cercle_roster_get_club_logo (roster));
  }

  /* Removed, then back with Undo */
  g_signal_emit_by_name (child (fixture, "remove_logo_button"), "clicked");
  cercle_test_drain_main_context ();
  removed = dup_logo (fixture);
  g_assert_null (removed);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (fixture, "logo_stack")), ==, "none");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->settings), "settings.undo-remove-logo", NULL));
  cercle_test_drain_main_context ();
  restored = dup_logo (fixture);
  g_assert_cmpstr (restored, ==, logo);
}

/* A file that is no picture is told, and the club keeps its logo */
static void
test_not_a_picture (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "notes.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *logo = NULL;

  g_assert_true (g_file_set_contents (path, "Ceci n'est pas une image.\n", -1, NULL));
  open_settings (fixture);
  cercle_club_settings_set_logo (fixture->settings, file);
  g_assert_true (cercle_test_wait_for (logo_spinner_stopped, child (fixture, "logo_spinner"), 20));
  cercle_test_drain_main_context ();

  logo = dup_logo (fixture);
  g_assert_null (logo);
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "choose_logo_button")));
}

/* Text typed and never applied is saved as the window closes; a website
 * that is no address keeps the window open and changes nothing */
static void
test_typed_text_kept (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(CercleClub) renamed = NULL;
  g_autoptr(CercleClub) unchanged = NULL;
  g_autoptr(CercleClub) before = dup_club (fixture);
  g_autofree char *website = g_strdup (cercle_club_get_website (before));

  open_settings (fixture);
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "name_row")), "Club des Entrepreneurs du Rhône");
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "website_row")), "pas une adresse");
  gtk_window_close (GTK_WINDOW (fixture->settings));
  cercle_test_drain_main_context ();

  /* Refused: still open, nothing half-saved beyond the good name */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->settings)));
  unchanged = dup_club (fixture);
  g_assert_cmpstr (cercle_club_get_website (unchanged), ==, website);

  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "website_row")), "cercle-rhone.example.fr");
  gtk_window_close (GTK_WINDOW (fixture->settings));
  cercle_test_drain_main_context ();

  renamed = dup_club (fixture);
  g_assert_cmpstr (cercle_club_get_name (renamed), ==, "Club des Entrepreneurs du Rhône");
  g_assert_true (g_str_has_suffix (cercle_club_get_website (renamed), "cercle-rhone.example.fr"));
}

/* A member sees the club's settings and changes none */
static void
test_member_reads_only (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) members = cercle_store_list_members (fixture->store, &error);
  const char *member_id = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (members) && member_id == NULL; i++)
    {
      g_autoptr(CercleMember) member = g_list_model_get_item (members, i);

      if (cercle_member_get_role (member) != CERCLE_MEMBER_ROLE_STAFF)
        {
          g_assert_true (cercle_store_set_local_member (fixture->store,
                                                        cercle_record_get_id (CERCLE_RECORD (member)),
                                                        &error));
          member_id = "set";
        }
    }
  g_assert_nonnull (member_id);
  g_assert_false (cercle_test_local_user_is_staff (fixture->store));

  open_settings (fixture);
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "name_row")));
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "choose_logo_button")));
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "rank_row")));
  g_assert_nonnull (adw_preferences_group_get_description (child (fixture, "identity_group")));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  cercle_application_ensure_resources ();

  g_test_add ("/cercle/app/club-settings/logo", Fixture, NULL,
              fixture_set_up, test_logo, fixture_tear_down);
  g_test_add ("/cercle/app/club-settings/not-a-picture", Fixture, NULL,
              fixture_set_up, test_not_a_picture, fixture_tear_down);
  g_test_add ("/cercle/app/club-settings/typed-text-kept", Fixture, NULL,
              fixture_set_up, test_typed_text_kept, fixture_tear_down);
  g_test_add ("/cercle/app/club-settings/member-reads-only", Fixture, NULL,
              fixture_set_up, test_member_reads_only, fixture_tear_down);

  return g_test_run ();
}
