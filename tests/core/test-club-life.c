/* test-club-life.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cercle-core.h"
#include "cercle-test-utils.h"

/* Club life in a member's copy of the club: announcements and what the
 * local user read of them, replies under needs and the referral made of
 * one, mentors paired by the staff; who may do each, as the store checks
 * before it writes. */

#define ALICE "a11ce000-0000-4000-8000-000000000001"
#define BRUNO "b2000000-0000-4000-8000-000000000002"
#define CLARA "c3000000-0000-4000-8000-000000000003"
#define STAFF "5aff0000-0000-4000-8000-000000000004"

#define N_OPEN   "n1000000-0000-4000-8000-000000000001"
#define N_CLOSED "n2000000-0000-4000-8000-000000000002"

typedef struct
{
  char        *dir;
  char        *path;
  CercleStore *store;
} Fixture;

static CercleRecord *
member (const char       *id,
        const char       *first_name,
        CercleMemberRole  role)
{
  return g_object_new (CERCLE_TYPE_MEMBER, "id", id, "first-name", first_name,
                       "last-name", "Test", "role", role, NULL);
}

static void
be (CercleStore *store,
    const char  *member_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cercle_store_set_local_member (store, member_id, &error));
  g_assert_no_error (error);
  cercle_store_flush_changes (store);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  fixture->dir = cercle_test_make_dir ("club-life");
  fixture->path = g_build_filename (fixture->dir, "club.db", NULL);
  g_assert_true (cercle_store_create (fixture->path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->store = cercle_store_open (fixture->path, &error);
  g_assert_no_error (error);

  g_ptr_array_add (records, g_object_new (CERCLE_TYPE_CLUB, "name", "Club de test", NULL));
  g_ptr_array_add (records, member (ALICE, "Alice", CERCLE_MEMBER_ROLE_MEMBER));
  g_ptr_array_add (records, member (BRUNO, "Bruno", CERCLE_MEMBER_ROLE_MEMBER));
  g_ptr_array_add (records, member (CLARA, "Clara", CERCLE_MEMBER_ROLE_MEMBER));
  g_ptr_array_add (records, member (STAFF, "Hélène", CERCLE_MEMBER_ROLE_STAFF));
  g_ptr_array_add (records, g_object_new (CERCLE_TYPE_REQUEST, "id", N_OPEN, "member-id", BRUNO,
                                          "title", "Un expert-comptable", "posted-on", "2026-11-10", NULL));
  g_ptr_array_add (records, g_object_new (CERCLE_TYPE_REQUEST, "id", N_CLOSED, "member-id", CLARA,
                                          "title", "Un local", "status", CERCLE_REQUEST_STATUS_CLOSED,
                                          "posted-on", "2026-10-10", NULL));
  g_ptr_array_add (records, g_object_new (CERCLE_TYPE_ONE_TO_ONE, "member-a-id", ALICE, "member-b-id", CLARA,
                                          "author-id", ALICE, "met-on", "2026-10-10", NULL));
  g_ptr_array_add (records, g_object_new (CERCLE_TYPE_ONE_TO_ONE, "member-a-id", CLARA, "member-b-id", ALICE,
                                          "author-id", CLARA, "met-on", "2026-05-01", NULL));
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)records->pdata, records->len,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);
  cercle_store_flush_changes (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  cercle_test_release_store (fixture->store);
  cercle_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static guint
n_rows (GArray *rows)
{
  guint n = rows->len;

  g_array_unref (rows);
  return n;
}

static void
test_announcements (Fixture       *fixture,
                    gconstpointer  user_data)
{
  CercleStore *store = fixture->store;
  g_autoptr(CercleAnnouncement) first = NULL;
  g_autoptr(CercleAnnouncement) pinned = NULL;
  g_autoptr(CercleAnnouncement) refused = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(CercleAnnouncement) top = NULL;
  g_autoptr(GHashTable) unread = NULL;
  g_autoptr(GHashTable) none = NULL;
  g_autoptr(GPtrArray) news = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;

  /* Members read; only staff post */
  be (store, ALICE);
  refused = cercle_store_post_announcement (store, "Soirée", NULL, NULL, FALSE, &error);
  g_assert_null (refused);
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_clear_error (&error);

  be (store, STAFF);
  g_assert_null (cercle_store_post_announcement (store, "   ", "x", NULL, FALSE, &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_clear_error (&error);

  first = cercle_store_post_announcement (store, " Assemblée générale ", "Voir https://exemple.fr", NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cercle_announcement_get_title (first), ==, "Assemblée générale");
  g_assert_cmpstr (cercle_announcement_get_author_id (first), ==, STAFF);
  pinned = cercle_store_post_announcement (store, "Cotisations", NULL, NULL, TRUE, &error);
  g_assert_no_error (error);

  /* The staff's own need no reading, and no notification */
  unread = cercle_store_dup_unread_announcements (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (unread), ==, 0);
  g_clear_pointer (&unread, g_hash_table_unref);
  news = cercle_store_take_club_news (store, &error);
  g_assert_cmpuint (news->len, ==, 0);
  g_clear_pointer (&news, g_ptr_array_unref);

  /* Pinned first, then newest first */
  list = cercle_store_list_announcements (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  top = g_list_model_get_item (list, 0);
  g_assert_cmpstr (cercle_record_get_id (CERCLE_RECORD (top)), ==, cercle_record_get_id (CERCLE_RECORD (pinned)));

  /* Alice has both to read, and is told about each once */
  be (store, ALICE);
  unread = cercle_store_dup_unread_announcements (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (unread), ==, 2);
  g_assert_true (g_hash_table_contains (unread, cercle_record_get_id (CERCLE_RECORD (first))));

  news = cercle_store_take_club_news (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (news->len, ==, 2);
  g_assert_true (CERCLE_IS_ANNOUNCEMENT (news->pdata[0]));
  again = cercle_store_take_club_news (store, &error);
  g_assert_cmpuint (again->len, ==, 0);

  /* One read, then all */
  g_assert_true (cercle_store_mark_announcements_read (store, cercle_record_get_id (CERCLE_RECORD (first)), &error));
  g_assert_no_error (error);
  g_clear_pointer (&unread, g_hash_table_unref);
  unread = cercle_store_dup_unread_announcements (store, &error);
  g_assert_cmpuint (g_hash_table_size (unread), ==, 1);
  g_assert_true (cercle_store_mark_announcements_read (store, NULL, &error));
  none = cercle_store_dup_unread_announcements (store, &error);
  g_assert_cmpuint (g_hash_table_size (none), ==, 0);

  /* A member cannot pin */
  g_assert_false (cercle_store_pin_announcement (store, cercle_record_get_id (CERCLE_RECORD (first)), TRUE, &error));
  g_assert_error (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN);
}

static void
test_reply_to_referral (Fixture       *fixture,
                        gconstpointer  user_data)
{
  CercleStore *store = fixture->store;
  g_autoptr(CercleNeedReply) reply = NULL;
  g_autoptr(CercleNeedReply) own = NULL;
  g_autoptr(CercleReferral) referral = NULL;
  g_autoptr(GPtrArray) news = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GError) error = NULL;
  const char *reply_id;

  /* Alice answers Bruno's need; not a closed one, nor with nothing */
  be (store, ALICE);
  g_assert_null (cercle_store_reply_to_need (store, N_CLOSED, "J’ai un local", &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cercle_store_reply_to_need (store, N_OPEN, " \n ", &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_clear_error (&error);

  reply = cercle_store_reply_to_need (store, N_OPEN, "Mon associé est expert-comptable", &error);
  g_assert_no_error (error);
  reply_id = cercle_record_get_id (CERCLE_RECORD (reply));
  g_assert_cmpstr (cercle_need_reply_get_member_id (reply), ==, ALICE);
  g_assert_cmpuint (n_rows (cercle_store_list_need_reply_rows (store, N_OPEN, &error)), ==, 1);

  /* Nobody but the need's author makes a referral of it */
  g_assert_null (cercle_store_refer_from_reply (store, reply_id, &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_clear_error (&error);

  /* Bruno is told, once; his own replies make no news for him */
  be (store, BRUNO);
  own = cercle_store_reply_to_need (store, N_OPEN, "Merci, j’attends d’autres noms", &error);
  g_assert_no_error (error);
  news = cercle_store_take_club_news (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (news->len, ==, 1);
  g_assert_cmpstr (cercle_record_get_id (news->pdata[0]), ==, reply_id);

  g_assert_null (cercle_store_refer_from_reply (store, cercle_record_get_id (CERCLE_RECORD (own)), &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_clear_error (&error);

  /* The referral goes from the replier to the need's author, accepted */
  referral = cercle_store_refer_from_reply (store, reply_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cercle_referral_get_giver_id (referral), ==, ALICE);
  g_assert_cmpstr (cercle_referral_get_receiver_id (referral), ==, BRUNO);
  g_assert_cmpstr (cercle_referral_get_request_id (referral), ==, N_OPEN);
  g_assert_cmpstr (cercle_referral_get_reply_id (referral), ==, reply_id);
  g_assert_cmpint (cercle_referral_get_status (referral), ==, CERCLE_REFERRAL_STATUS_ACCEPTED);
  g_assert_cmpstr (cercle_referral_get_need (referral), ==, "Un expert-comptable");
  g_assert_cmpstr (cercle_referral_get_notes (referral), ==, "Mon associé est expert-comptable");

  /* …and waits for sync, with the two replies */
  outbox = cercle_store_dup_outbox_mutations (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 3);

  /* Then Bruno closes his need: no more replies */
  g_assert_true (cercle_store_close_request (store, N_OPEN, &error));
  g_assert_no_error (error);
  be (store, CLARA);
  g_assert_null (cercle_store_reply_to_need (store, N_OPEN, "Trop tard ?", &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
}

static void
test_mentoring (Fixture       *fixture,
                gconstpointer  user_data)
{
  CercleStore *store = fixture->store;
  g_autoptr(CercleMentoring) mentoring = NULL;
  g_autoptr(GError) error = NULL;

  be (store, ALICE);
  g_assert_null (cercle_store_pair_mentor (store, CLARA, ALICE, "2026-09-01", "2027-03-01", &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_clear_error (&error);

  be (store, STAFF);
  g_assert_null (cercle_store_pair_mentor (store, ALICE, ALICE, "2026-09-01", "2027-03-01", &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cercle_store_pair_mentor (store, CLARA, ALICE, "2027-03-01", "2026-09-01", &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cercle_store_pair_mentor (store, CLARA, ALICE, "bientôt", "2026-09-01", &error));
  g_assert_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID);
  g_clear_error (&error);

  mentoring = cercle_store_pair_mentor (store, CLARA, ALICE, "2026-09-01", "2027-03-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows (cercle_store_list_mentoring_rows (store, NULL, &error)), ==, 1);

  /* The pair see it; another member does not, even asking for the club's */
  be (store, ALICE);
  g_assert_cmpuint (n_rows (cercle_store_list_mentoring_rows (store, ALICE, &error)), ==, 1);
  be (store, CLARA);
  g_assert_cmpuint (n_rows (cercle_store_list_mentoring_rows (store, NULL, &error)), ==, 1);
  be (store, BRUNO);
  g_assert_cmpuint (n_rows (cercle_store_list_mentoring_rows (store, NULL, &error)), ==, 0);
  g_assert_cmpuint (n_rows (cercle_store_list_mentoring_rows (store, ALICE, &error)), ==, 0);

  /* The one-to-ones logged between them since it began */
  g_assert_cmpint (cercle_store_count_one_to_ones_between (store, ALICE, CLARA, "2026-09-01", &error), ==, 1);
  g_assert_cmpint (cercle_store_count_one_to_ones_between (store, CLARA, ALICE, NULL, &error), ==, 2);

  /* Only staff change it */
  be (store, CLARA);
  g_object_set (mentoring, "ends-on", "2027-06-30", NULL);
  g_assert_false (cercle_store_save (store, CERCLE_RECORD (mentoring), &error));
  g_assert_error (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN);
}

static void
test_linkify (void)
{
  static const struct {
    const char *text;
    const char *markup;
  } cases[] = {
    { "Voir https://exemple.fr/ag.", "Voir <a href=\"https://exemple.fr/ag\">https://exemple.fr/ag</a>." },
    { "Écrivez à mailto:bureau@exemple.fr !", "Écrivez à <a href=\"mailto:bureau@exemple.fr\">bureau@exemple.fr</a> !" },
    { "<b>gras</b> & <a href=\"javascript:alert(1)\">x</a>",
      "&lt;b&gt;gras&lt;/b&gt; &amp; &lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;" },
    { "javascript:alert(1) file:///etc/passwd", "javascript:alert(1) file:///etc/passwd" },
    { "(https://a.fr/x?a=1&b=2)", "(<a href=\"https://a.fr/x?a=1&amp;b=2\">https://a.fr/x?a=1&amp;b=2</a>)" },
    { "« https://a.fr »", "« <a href=\"https://a.fr\">https://a.fr</a> »" },
    { "https:// rien", "https:// rien" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *markup = cercle_format_linkify (cases[i].text);

      g_assert_cmpstr (markup, ==, cases[i].markup);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/club-life/linkify", test_linkify);
  g_test_add ("/cercle/club-life/announcements", Fixture, NULL,
              fixture_set_up, test_announcements, fixture_tear_down);
  g_test_add ("/cercle/club-life/reply-to-referral", Fixture, NULL,
              fixture_set_up, test_reply_to_referral, fixture_tear_down);
  g_test_add ("/cercle/club-life/mentoring", Fixture, NULL,
              fixture_set_up, test_mentoring, fixture_tear_down);

  return g_test_run ();
}
