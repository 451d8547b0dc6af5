/* test-club.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "cercle-announcement-editor.h"
#include "cercle-application.h"
#include "cercle-club-view.h"
#include "cercle-context.h"
#include "cercle-member-details.h"
#include "cercle-need-thread.h"
#include "cercle-test-app.h"
#include "cercle-window.h"

/* The Club page in a real window on a demo club: announcements pinned on
 * top, unread ones counted on the page's tab until read, the staff's form
 * that asks before discarding, the list changing in place when one
 * arrives; the replies under a need and the referral made of one; the
 * staff's mentoring section; a phone-sized window. */

#define N_DEMO_MEMBERS 60

#define CHILD(widget, type, name) ((gpointer) gtk_widget_get_template_child (GTK_WIDGET (widget), type, name))

typedef struct
{
  char          *directory;
  char          *path;
  CercleStore   *store;
  CercleContext *context;
  CercleWindow  *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->directory = cercle_test_make_dir ("club-view");
  fixture->path = g_build_filename (fixture->directory, "club.db", NULL);
  g_assert_true (cercle_demo_create (fixture->path, N_DEMO_MEMBERS, CERCLE_DEMO_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  fixture->store = cercle_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->context = cercle_context_new (fixture->store, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      cercle_test_drain_main_context ();
      g_assert_finalize_object (fixture->window);
    }

  for (GList *l = gtk_window_list_toplevels (), *next; l != NULL; l = next)
    {
      next = l->next;
      gtk_window_destroy (l->data);
      g_list_free_1 (l);
    }
  cercle_test_drain_main_context ();

  g_assert_finalize_object (fixture->context);
  cercle_test_release_store (fixture->store);
  cercle_test_remove_dir (fixture->directory);
  g_free (fixture->path);
  g_free (fixture->directory);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
settle (Fixture *fixture)
{
  cercle_store_flush_changes (fixture->store);
  cercle_test_drain_main_context ();
}

static void
open_window (Fixture *fixture,
             int      width,
             int      height)
{
  fixture->window = g_object_ref (cercle_window_new (NULL, fixture->context));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (cercle_test_wait_for (is_mapped, fixture->window, 10));
  cercle_window_show_page (fixture->window, "club");
  settle (fixture);
}

static CercleClubView *
club_view (Fixture *fixture)
{
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                                       CERCLE_TYPE_WINDOW, "view_stack"));

  /* The page holds the view, made when first shown */
  return CERCLE_CLUB_VIEW (adw_bin_get_child (ADW_BIN (adw_view_stack_get_child_by_name (stack, "club"))));
}

static gpointer
view_child (Fixture    *fixture,
            const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (club_view (fixture)), CERCLE_TYPE_CLUB_VIEW, name);
}

static guint
badge (Fixture *fixture)
{
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                                       CERCLE_TYPE_WINDOW, "view_stack"));

  return adw_view_stack_page_get_badge_number (adw_view_stack_get_page (stack,
                                                                        adw_view_stack_get_child_by_name (stack,
                                                                                                          "club")));
}

static void
be (Fixture    *fixture,
    const char *member_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cercle_store_set_local_member (fixture->store, member_id, &error));
  g_assert_no_error (error);
  settle (fixture);
}

static char *
staff_id (Fixture *fixture)
{
  return cercle_test_query_text (fixture->path, "SELECT value FROM meta WHERE key = 'local_member_id'");
}

static char *
member_id (Fixture *fixture)
{
  return cercle_test_query_text (fixture->path, "SELECT id FROM member WHERE role = 'member' AND status = 'active'"
                              " AND deleted = 0 ORDER BY pk LIMIT 1");
}

/* Pinned first; a member's unread ones on the tab until read; a new one
 * arrives in place */
static void
test_announcements (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *staff = staff_id (fixture);
  g_autofree char *member = member_id (fixture);
  g_autoptr(CercleAnnouncement) first = NULL;
  g_autoptr(CercleAnnouncement) fresh = NULL;
  g_autoptr(CercleAnnouncement) second = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;
  guint n;

  open_window (fixture, 1200, 800);
  model = cercle_club_view_get_announcements (club_view (fixture));
  n = cercle_test_query_count (fixture->path, "SELECT count (*) FROM announcement WHERE deleted = 0");
  g_assert_cmpuint (n, >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  first = g_list_model_get_item (model, 0);
  g_assert_true (cercle_announcement_get_pinned (first));

  /* The staff wrote them: nothing to read; they may post */
  g_assert_cmpuint (cercle_club_view_get_n_unread (club_view (fixture)), ==, 0);
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "new_button")));
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "section_switcher")));

  /* A member has them all to read, and cannot post */
  be (fixture, member);
  g_assert_true (cercle_club_view_get_announcements (club_view (fixture)) != NULL);
  model = cercle_club_view_get_announcements (club_view (fixture));
  g_assert_cmpuint (cercle_club_view_get_n_unread (club_view (fixture)), ==, n);
  g_assert_cmpuint (badge (fixture), ==, n);
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "new_button")));
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "section_switcher")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (club_view (fixture)), "club.mark-all-read", NULL));
  settle (fixture);
  g_assert_cmpuint (cercle_club_view_get_n_unread (club_view (fixture)), ==, 0);
  g_assert_cmpuint (badge (fixture), ==, 0);

  /* One arrives (as a sync page would bring it): the same list takes it,
   * below the pinned one, and it is unread */
  be (fixture, staff);
  model = cercle_club_view_get_announcements (club_view (fixture));
  fresh = cercle_store_post_announcement (fixture->store, "Nouvelle date", "Voir https://exemple.fr", NULL,
                                          FALSE, &error);
  g_assert_no_error (error);
  settle (fixture);
  g_assert_true (cercle_club_view_get_announcements (club_view (fixture)) == model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);
  second = g_list_model_get_item (model, 1);
  g_assert_cmpstr (cercle_record_get_id (CERCLE_RECORD (second)), ==, cercle_record_get_id (CERCLE_RECORD (fresh)));

  be (fixture, member);
  g_assert_cmpuint (cercle_club_view_get_n_unread (club_view (fixture)), ==, 1);
  cercle_test_wait_ms (300);
  cercle_test_save_shot (GTK_WINDOW (fixture->window), "club-wide");
}

/* The staff's form asks before discarding what was typed */
static void
test_editor (Fixture       *fixture,
             gconstpointer  user_data)
{
  guint before = cercle_test_query_count (fixture->path, "SELECT count (*) FROM announcement");
  GtkWidget *editor;

  open_window (fixture, 1200, 800);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (club_view (fixture)), "club.new-announcement", NULL));
  cercle_test_drain_main_context ();
  editor = cercle_test_find_toplevel (CERCLE_TYPE_ANNOUNCEMENT_EDITOR);
  g_assert_nonnull (editor);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (CHILD (editor, CERCLE_TYPE_ANNOUNCEMENT_EDITOR,
                                                                                     "body_view")),
                            "Un texte sans titre", -1);
  gtk_window_close (GTK_WINDOW (editor));
  cercle_test_drain_main_context ();
  g_assert_true (gtk_widget_get_visible (editor));
  g_assert_nonnull (cercle_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (cercle_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "keep");
  cercle_test_drain_main_context ();
  g_assert_true (gtk_widget_get_visible (editor));

  /* Then discarded: gone, nothing written */
  gtk_window_close (GTK_WINDOW (editor));
  cercle_test_drain_main_context ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (cercle_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "discard");
  cercle_test_drain_main_context ();
  g_assert_null (cercle_test_find_toplevel (CERCLE_TYPE_ANNOUNCEMENT_EDITOR));
  g_assert_cmpuint (cercle_test_query_count (fixture->path, "SELECT count (*) FROM announcement"), ==, before);
}

/* A member replies under another's need; its author makes the reply a
 * referral from the replier to them */
static void
test_need_thread (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *need = cercle_test_query_text (fixture->path, "SELECT id FROM request WHERE status = 'open' AND deleted = 0"
                                               " ORDER BY pk LIMIT 1");
  g_autofree char *author = NULL;
  g_autofree char *replier = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *author_sql = NULL;
  g_autofree char *replier_sql = NULL;
  GtkWidget *thread;
  GListModel *replies;
  GtkWidget *reply_view;
  guint before;

  g_assert_nonnull (need);
  author_sql = g_strdup_printf ("SELECT member_id FROM request WHERE id = '%s'", need);
  author = cercle_test_query_text (fixture->path, author_sql);
  replier_sql = g_strdup_printf ("SELECT id FROM member WHERE role = 'member' AND status = 'active'"
                                 " AND id <> '%s' ORDER BY pk LIMIT 1", author);
  replier = cercle_test_query_text (fixture->path, replier_sql);
  sql = g_strdup_printf ("SELECT count (*) FROM need_reply WHERE deleted = 0 AND request_id = '%s'", need);
  before = cercle_test_query_count (fixture->path, sql);

  be (fixture, replier);
  open_window (fixture, 1200, 800);
  thread = cercle_need_thread_new (GTK_WINDOW (fixture->window), fixture->context, need);
  gtk_window_present (GTK_WINDOW (thread));
  cercle_test_drain_main_context ();
  replies = cercle_need_thread_get_replies (CERCLE_NEED_THREAD (thread));
  g_assert_cmpuint (g_list_model_get_n_items (replies), ==, before);
  g_assert_false (gtk_widget_get_visible (CHILD (thread, CERCLE_TYPE_NEED_THREAD,
                                                                         "close_need_button")));

  reply_view = CHILD (thread, CERCLE_TYPE_NEED_THREAD, "reply_view");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (reply_view)), "Je connais un grossiste", -1);
  g_signal_emit_by_name (CHILD (thread, CERCLE_TYPE_NEED_THREAD, "send_button"), "clicked");
  settle (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (replies), ==, before + 1);
  g_assert_cmpuint (cercle_test_query_count (fixture->path, sql), ==, before + 1);
  gtk_window_destroy (GTK_WINDOW (thread));
  cercle_test_drain_main_context ();

  /* The author, in one step */
  be (fixture, author);
  {
    g_autofree char *reply_sql = g_strdup_printf ("SELECT id FROM need_reply WHERE request_id = '%s'"
                                                  " AND member_id = '%s'", need, replier);
    g_autofree char *reply_id = cercle_test_query_text (fixture->path, reply_sql);
    g_autofree char *referral_sql = g_strdup_printf ("SELECT count (*) FROM referral WHERE reply_id = '%s'"
                                                     " AND giver_id = '%s' AND receiver_id = '%s'"
                                                     " AND status = 'accepted'", reply_id, replier, author);
    g_autoptr(CercleReferral) referral = NULL;
    g_autoptr(GError) error = NULL;

    thread = cercle_need_thread_new (GTK_WINDOW (fixture->window), fixture->context, need);
    gtk_window_present (GTK_WINDOW (thread));
    cercle_test_drain_main_context ();
    g_assert_true (gtk_widget_get_visible (CHILD (thread, CERCLE_TYPE_NEED_THREAD,
                                                                          "close_need_button")));
    referral = cercle_store_refer_from_reply (fixture->store, reply_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (cercle_test_query_count (fixture->path, referral_sql), ==, 1);

    /* Closing with a reply typed asks first */
    reply_view = CHILD (thread, CERCLE_TYPE_NEED_THREAD, "reply_view");
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (reply_view)), "Merci !", -1);
    gtk_window_close (GTK_WINDOW (thread));
    cercle_test_drain_main_context ();
    g_assert_true (gtk_widget_get_visible (thread));
    g_assert_nonnull (cercle_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  }
}

/* A mentoring on the mentor's profile, for the staff and the pair, with
 * the one-to-ones they logged since; not for another member */
static void
test_mentoring_on_profile (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *mentor = cercle_test_query_text (fixture->path, "SELECT mentor_id FROM mentoring ORDER BY pk LIMIT 1");
  g_autofree char *mentee = cercle_test_query_text (fixture->path, "SELECT mentee_id FROM mentoring ORDER BY pk LIMIT 1");
  g_autofree char *other = NULL;
  g_autofree char *other_sql = NULL;
  g_autoptr(CercleMember) member = NULL;
  g_autoptr(GError) error = NULL;
  CercleMemberDetails *details;
  GtkWidget *window;
  GtkWidget *group;

  g_assert_nonnull (mentor);
  other_sql = g_strdup_printf ("SELECT id FROM member WHERE role = 'member' AND id NOT IN ('%s', '%s')"
                               " ORDER BY pk LIMIT 1", mentor, mentee);
  other = cercle_test_query_text (fixture->path, other_sql);
  member = cercle_store_get_record (fixture->store, CERCLE_TYPE_MEMBER, mentor, &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  details = g_object_new (CERCLE_TYPE_MEMBER_DETAILS, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (details));
  cercle_member_details_set_context (details, fixture->context);
  cercle_member_details_set_member (details, member);
  gtk_window_present (GTK_WINDOW (window));
  cercle_test_drain_main_context ();
  group = CHILD (details, CERCLE_TYPE_MEMBER_DETAILS, "mentoring_group");
  g_assert_true (gtk_widget_get_visible (group));

  be (fixture, mentee);
  cercle_member_details_set_member (details, NULL);
  cercle_member_details_set_member (details, member);
  cercle_test_drain_main_context ();
  g_assert_true (gtk_widget_get_visible (group));

  be (fixture, other);
  cercle_member_details_set_member (details, NULL);
  cercle_member_details_set_member (details, member);
  cercle_test_drain_main_context ();
  g_assert_false (gtk_widget_get_visible (group));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* On a phone-sized window, the page fits, for staff and member alike */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *member = member_id (fixture);
  int minimum = 0, natural = 0;

  open_window (fixture, 360, 640);
  gtk_widget_measure (GTK_WIDGET (club_view (fixture)), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  cercle_test_wait_ms (300);
  cercle_test_save_shot (GTK_WINDOW (fixture->window), "club-narrow-staff");

  be (fixture, member);
  gtk_widget_measure (GTK_WIDGET (club_view (fixture)), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  cercle_test_wait_ms (300);
  cercle_test_save_shot (GTK_WINDOW (fixture->window), "club-narrow-member");
}

static gboolean
has_club_view (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *view = club_view (fixture) != NULL ? GTK_WIDGET (club_view (fixture)) : NULL;

  return view != NULL && gtk_widget_get_mapped (view);
}

static void
run_frames (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* The Club page opened first (Alt+4), from each other page, with the
 * focus where that page puts it, before and after its view was made:
 * under fatal-criticals, as every test runs */
static void
test_first_open (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const char * const pages[] = { "members", "calendar", "referrals", "messages" };

  for (guint early = 0; early < 2; early++)
    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        fixture->window = g_object_ref (cercle_window_new (NULL, fixture->context));
        gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
        gtk_window_present (GTK_WINDOW (fixture->window));
        g_assert_true (cercle_test_wait_for (is_mapped, fixture->window, 10));
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", pages[i]));
        if (!early)
          run_frames (300);
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "club"));
        g_assert_true (cercle_test_wait_for (has_club_view, fixture, 10));
        run_frames (200);
        /* And back, and again */
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", pages[i]));
        run_frames (100);
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "club"));
        run_frames (100);

        gtk_window_destroy (GTK_WINDOW (fixture->window));
        cercle_test_drain_main_context ();
        g_assert_finalize_object (fixture->window);
        fixture->window = NULL;
      }
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

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cercle/app/club/announcements", test_announcements);
  ADD ("/cercle/app/club/editor", test_editor);
  ADD ("/cercle/app/club/need-thread", test_need_thread);
  ADD ("/cercle/app/club/mentoring-on-profile", test_mentoring_on_profile);
  ADD ("/cercle/app/club/narrow", test_narrow);
  ADD ("/cercle/app/club/first-open", test_first_open);

  return g_test_run ();
}
