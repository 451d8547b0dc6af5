/* test-sync-client-club-life.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sync-client-device.h"

static guint
count_rows (GArray *rows)
{
  guint n;

  g_assert_nonnull (rows);
  n = rows->len;
  g_array_unref (rows);

  return n;
}

/* Club life through the server: an announcement reaches the club's
 * members and no one else, with a notification's worth of news once; a
 * mentoring its pair; a reply the need's author, who makes it a referral;
 * a reply under a need closed meanwhile comes back as a rejection */
void
test_club_life (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-club-life");
  g_autoptr(Device) staff = device_new (world, "staff", CERCLE_TEST_STAFF_EMAIL, world->club_a);
  g_autoptr(Device) alice = device_new (world, "alice", CERCLE_TEST_ALICE_EMAIL, world->club_a);
  g_autoptr(Device) bruno = device_new (world, "bruno", CERCLE_TEST_BRUNO_EMAIL, world->club_a);
  g_autoptr(Device) carol = device_new (world, "carol", CERCLE_TEST_CAROL_EMAIL, world->club_b);
  g_autoptr(CercleAnnouncement) announcement = NULL;
  g_autoptr(CercleMentoring) mentoring = NULL;
  g_autoptr(CercleRequest) need = NULL;
  g_autoptr(CercleNeedReply) reply = NULL;
  g_autoptr(CercleNeedReply) late = NULL;
  g_autoptr(CercleReferral) referral = NULL;
  g_autoptr(GHashTable) unread = NULL;
  g_autoptr(GPtrArray) news = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *giver = NULL;

  device_sync (staff);
  device_sync (alice);
  device_sync (bruno);
  device_sync (carol);

  announcement = cercle_store_post_announcement (staff->store, "Assemblée générale",
                                                 "Le programme : https://alpha.exemple.fr/ag",
                                                 NULL, TRUE, &error);
  g_assert_no_error (error);
  mentoring = cercle_store_pair_mentor (staff->store, world->staff_member, world->alice_member,
                                        "2026-09-01", "2027-02-28", &error);
  g_assert_no_error (error);
  device_sync (staff);
  g_assert_cmpuint (cercle_store_count_outbox (staff->store, NULL), ==, 0);

  /* Alice gets both, and is told of the announcement once */
  device_sync (alice);
  unread = cercle_store_dup_unread_announcements (alice->store, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (unread, cercle_record_get_id (CERCLE_RECORD (announcement))));
  news = cercle_store_take_club_news (alice->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (news->len, ==, 1);
  g_clear_pointer (&news, g_ptr_array_unref);
  g_assert_cmpuint (count_rows (cercle_store_list_mentoring_rows (alice->store, NULL, &error)), ==, 1);

  /* Bruno gets the announcement, not Alice's mentoring; Carol, of
   * another club, nothing */
  device_sync (bruno);
  g_assert_cmpuint (count_rows (cercle_store_list_announcement_rows (bruno->store, &error)), ==, 1);
  g_assert_cmpuint (count_rows (cercle_store_list_mentoring_rows (bruno->store, NULL, &error)), ==, 0);
  device_sync (carol);
  g_assert_cmpuint (count_rows (cercle_store_list_announcement_rows (carol->store, &error)), ==, 0);

  /* Alice's need, Bruno's reply, Alice's referral of it */
  need = cercle_store_post_request (alice->store, "Un imprimeur", NULL, NULL, &error);
  g_assert_no_error (error);
  device_sync (alice);
  device_sync (bruno);
  reply = cercle_store_reply_to_need (bruno->store, cercle_record_get_id (CERCLE_RECORD (need)),
                                      "Mon cousin imprime à Villeurbanne", &error);
  g_assert_no_error (error);
  device_sync (bruno);
  g_assert_cmpuint (cercle_store_count_outbox (bruno->store, NULL), ==, 0);

  device_sync (alice);
  news = cercle_store_take_club_news (alice->store, &error);
  g_assert_cmpuint (news->len, ==, 1);
  g_assert_true (CERCLE_IS_NEED_REPLY (news->pdata[0]));
  referral = cercle_store_refer_from_reply (alice->store, cercle_record_get_id (CERCLE_RECORD (reply)), &error);
  g_assert_no_error (error);
  device_sync (alice);
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 0);
  rejections = cercle_store_list_rejections (alice->store, &error);
  g_assert_cmpuint (rejections->len, ==, 0);
  g_clear_pointer (&rejections, g_ptr_array_unref);
  giver = server_value (world, cercle_record_get_id (CERCLE_RECORD (referral)), "giver_id");
  g_assert_cmpstr (giver, ==, world->bruno_member);

  /* Bruno replies offline while Alice closes her need: the server refuses
   * the reply, and Bruno's copy says so */
  late = cercle_store_reply_to_need (bruno->store, cercle_record_get_id (CERCLE_RECORD (need)),
                                     "Et un autre à Lyon", &error);
  g_assert_no_error (error);
  g_assert_true (cercle_store_close_request (alice->store, cercle_record_get_id (CERCLE_RECORD (need)), &error));
  device_sync (alice);
  device_sync (bruno);
  rejections = cercle_store_list_rejections (bruno->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejections->len, ==, 1);
  g_assert_cmpuint (cercle_store_count_outbox (bruno->store, NULL), ==, 0);
}
