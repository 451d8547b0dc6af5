/* cercle-store-club.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-announcement.h"
#include "cercle-format.h"
#include "cercle-member.h"
#include "cercle-mentoring.h"
#include "cercle-need-reply.h"
#include "cercle-one-to-one.h"
#include "cercle-permission.h"
#include "cercle-record-list.h"
#include "cercle-referral.h"
#include "cercle-request.h"
#include "cercle-store-private.h"

/* Club life between meetings: the staff's announcements (and which of
 * them the local user read), replies under needs and the referrals made
 * of them, mentors paired with new members.
 *
 * What the local user read, and which rows a notification told them
 * about, is this device's alone (club_life_seen): it never syncs, and a
 * row can be told about once only, however many windows listen. */

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return TRUE;

  return FALSE;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_INVALID, message);
  return FALSE;
}

static char *
stripped (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static GArray *
query_rows (CercleStore  *self,
            const char   *sql,
            const char   *arg1,
            GError      **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = cercle_db_prepare (self->db, sql, error)))
    return NULL;
  if (arg1 != NULL && !cercle_db_bind_text (self->db, stmt, 1, arg1, error))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&rows);
}

static GListModel *
record_list (CercleStore   *self,
             GType          record_type,
             GArray        *rows,
             CercleViewer  *viewer)
{
  CercleRecordList *list = cercle_record_list_new (self, record_type, rows);

  if (viewer != NULL)
    cercle_record_list_set_viewer (list, viewer);

  return G_LIST_MODEL (list);
}

/* Announcements */

/**
 * cercle_store_post_announcement:
 * @title: what it is about, in a few words
 * @body: (nullable): plain text; links in it are shown as links
 * @event_id: (nullable): the event it is about
 * @pinned: whether it stays on top of the others
 *
 * Posts an announcement to the club in the local user's name, now. Only
 * staff may (cercle_permission_check() decides, as the server will).
 *
 * Returns: (transfer full): the announcement, or %NULL with @error set
 */
CercleAnnouncement *
cercle_store_post_announcement (CercleStore  *self,
                                const char   *title,
                                const char   *body,
                                const char   *event_id,
                                gboolean      pinned,
                                GError      **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(CercleAnnouncement) announcement = NULL;
  g_autofree char *clean_title = stripped (title);
  g_autofree char *now = cercle_now_iso8601 ();

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(viewer = cercle_store_dup_viewer (self, error)))
    return NULL;

  if (!cercle_permission_can_post_announcements (viewer))
    {
      invalid (error, _("Only the club’s staff can post announcements."));
      return NULL;
    }

  if (*clean_title == '\0')
    {
      invalid (error, _("An announcement needs a title."));
      return NULL;
    }

  announcement = g_object_new (CERCLE_TYPE_ANNOUNCEMENT,
                               "author-id", viewer->member_id,
                               "title", clean_title,
                               "body", has_text (body) ? body : NULL,
                               "event-id", has_text (event_id) ? event_id : NULL,
                               "pinned", pinned,
                               "posted-at", now,
                               NULL);

  if (!cercle_store_save (self, CERCLE_RECORD (announcement), error))
    return NULL;

  return g_steal_pointer (&announcement);
}

/**
 * cercle_store_pin_announcement:
 *
 * Pins @announcement_id on top of the others, or unpins it.
 */
gboolean
cercle_store_pin_announcement (CercleStore  *self,
                               const char   *announcement_id,
                               gboolean      pinned,
                               GError      **error)
{
  g_autoptr(CercleAnnouncement) announcement = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (announcement_id != NULL, FALSE);

  if (!(announcement = cercle_store_get_record (self, CERCLE_TYPE_ANNOUNCEMENT, announcement_id, error)))
    return FALSE;

  g_object_set (announcement, "pinned", pinned, NULL);

  return cercle_store_save (self, CERCLE_RECORD (announcement), error);
}

/**
 * cercle_store_list_announcement_rows:
 *
 * Returns: (transfer full) (element-type gint64): the row numbers of the
 *   club's announcements, pinned ones first, then newest first, for a
 *   #CercleRecordList
 */
GArray *
cercle_store_list_announcement_rows (CercleStore  *self,
                                     GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  return query_rows (self,
                     "SELECT pk FROM announcement WHERE deleted = 0"
                     " ORDER BY pinned DESC, posted_at DESC, pk DESC",
                     NULL, error);
}

/**
 * cercle_store_list_announcements:
 *
 * Returns: (transfer full): a #CercleRecordList of the club's
 *   #CercleAnnouncement, pinned ones first, then newest first
 */
GListModel *
cercle_store_list_announcements (CercleStore  *self,
                                 GError      **error)
{
  g_autoptr(GArray) rows = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(rows = cercle_store_list_announcement_rows (self, error)))
    return NULL;

  return record_list (self, CERCLE_TYPE_ANNOUNCEMENT, rows, NULL);
}

/* What the local user has not read: others' announcements. Their own
 * need no reading. */
#define UNREAD_ANNOUNCEMENTS \
  "SELECT a.id FROM announcement AS a" \
  " LEFT JOIN club_life_seen AS s ON s.row_id = a.id" \
  " WHERE a.deleted = 0 AND coalesce (s.read, 0) = 0" \
  " AND a.author_id IS NOT coalesce ((SELECT value FROM meta WHERE key = 'local_member_id'), '')"

/**
 * cercle_store_dup_unread_announcements:
 *
 * Returns: (transfer full) (element-type utf8 utf8): the set of the ids
 *   of the announcements the local user has not read
 */
GHashTable *
cercle_store_dup_unread_announcements (CercleStore  *self,
                                       GError      **error)
{
  g_autoptr(GHashTable) unread = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(stmt = cercle_db_prepare (self->db, UNREAD_ANNOUNCEMENTS, error)))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    g_hash_table_add (unread, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&unread);
}

/**
 * cercle_store_mark_announcements_read:
 * @announcement_id: (nullable): the one read, or %NULL for all of them
 *
 * Marks announcements read by the local user, on this device.
 */
gboolean
cercle_store_mark_announcements_read (CercleStore  *self,
                                      const char   *announcement_id,
                                      GError      **error)
{
  g_autoptr(CercleChangeSet) changes = cercle_change_set_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "INSERT INTO club_life_seen (row_id, read, notified)"
                                  " SELECT id, 1, 1 FROM announcement"
                                  " WHERE deleted = 0 AND (?1 IS NULL OR id = ?1)"
                                  " ON CONFLICT (row_id) DO UPDATE SET read = 1, notified = 1",
                                  error)) ||
      (announcement_id != NULL && !cercle_db_bind_text (self->db, stmt, 1, announcement_id, error)) ||
      !cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error))
    return FALSE;

  if (announcement_id != NULL)
    cercle_change_set_add (changes, CERCLE_ENTITY_ANNOUNCEMENT, announcement_id);
  else
    cercle_change_set_add_all (changes, CERCLE_ENTITY_ANNOUNCEMENT);
  _cercle_store_note_change (self, changes);

  return TRUE;
}

/**
 * cercle_store_take_club_news:
 *
 * What the local user should be told about and was not yet: the others'
 * announcements they have not read, and others' replies under their own
 * needs. Each is handed out once: it is marked told about here.
 *
 * Returns: (transfer full) (element-type CercleRecord): the
 *   #CercleAnnouncement and #CercleNeedReply records, oldest first
 */
GPtrArray *
cercle_store_take_club_news (CercleStore  *self,
                             GError      **error)
{
  g_autoptr(GPtrArray) news = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (int));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "WITH me (id) AS (SELECT coalesce ((SELECT value FROM meta"
                                  "   WHERE key = 'local_member_id'), ''))"
                                  " SELECT 0, a.id, a.posted_at FROM announcement AS a"
                                  "  LEFT JOIN club_life_seen AS s ON s.row_id = a.id"
                                  "  WHERE a.deleted = 0 AND coalesce (s.notified, 0) = 0"
                                  "  AND coalesce (s.read, 0) = 0"
                                  "  AND a.author_id IS NOT (SELECT id FROM me)"
                                  " UNION ALL"
                                  " SELECT 1, r.id, r.posted_at FROM need_reply AS r"
                                  "  JOIN request AS q ON q.id = r.request_id"
                                  "  LEFT JOIN club_life_seen AS s ON s.row_id = r.id"
                                  "  WHERE r.deleted = 0 AND coalesce (s.notified, 0) = 0"
                                  "  AND q.member_id = (SELECT id FROM me)"
                                  "  AND r.member_id IS NOT (SELECT id FROM me)"
                                  " ORDER BY 3, 2",
                                  error)))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      int kind = sqlite3_column_int (stmt, 0);

      g_array_append_val (kinds, kind);
      g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  if (ids->len == 0)
    return g_steal_pointer (&news);

  if (!cercle_db_begin (self->db, error))
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      GType type = g_array_index (kinds, int, i) == 0 ? CERCLE_TYPE_ANNOUNCEMENT : CERCLE_TYPE_NEED_REPLY;
      gpointer record;

      if (!(stmt = cercle_db_prepare (self->db,
                                      "INSERT INTO club_life_seen (row_id, notified) VALUES (?1, 1)"
                                      " ON CONFLICT (row_id) DO UPDATE SET notified = 1",
                                      error)) ||
          !cercle_db_bind_text (self->db, stmt, 1, id, error) ||
          !cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error) ||
          !(record = _cercle_store_find_record (self, type, id, error)))
        {
          cercle_db_rollback (self->db);
          return NULL;
        }

      g_ptr_array_add (news, record);
    }

  if (!cercle_db_commit (self->db, error))
    {
      cercle_db_rollback (self->db);
      return NULL;
    }

  return g_steal_pointer (&news);
}

/* Replies under needs */

/**
 * cercle_store_reply_to_need:
 * @body: what the local user answers
 *
 * Replies under an open need, in the local user's name, now.
 *
 * Returns: (transfer full): the reply, or %NULL with @error set
 */
CercleNeedReply *
cercle_store_reply_to_need (CercleStore  *self,
                            const char   *request_id,
                            const char   *body,
                            GError      **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(CercleRequest) need = NULL;
  g_autoptr(CercleNeedReply) reply = NULL;
  g_autofree char *clean_body = stripped (body);
  g_autofree char *now = cercle_now_iso8601 ();

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (request_id != NULL, NULL);

  if (!(viewer = cercle_store_dup_viewer (self, error)))
    return NULL;

  if (viewer->member_id == NULL)
    {
      invalid (error, _("Only members of the club can reply to needs."));
      return NULL;
    }

  if (*clean_body == '\0')
    {
      invalid (error, _("A reply needs some text."));
      return NULL;
    }

  if (!(need = cercle_store_get_record (self, CERCLE_TYPE_REQUEST, request_id, error)))
    return NULL;

  if (!cercle_permission_can_reply_to_need (viewer, need))
    {
      invalid (error, _("This need is closed: it takes no more replies."));
      return NULL;
    }

  reply = g_object_new (CERCLE_TYPE_NEED_REPLY,
                        "request-id", request_id,
                        "member-id", viewer->member_id,
                        "body", clean_body,
                        "posted-at", now,
                        NULL);

  if (!cercle_store_save (self, CERCLE_RECORD (reply), error))
    return NULL;

  return g_steal_pointer (&reply);
}

/**
 * cercle_store_list_need_reply_rows:
 *
 * Returns: (transfer full) (element-type gint64): the row numbers of the
 *   replies under @request_id, oldest first, as a thread reads
 */
GArray *
cercle_store_list_need_reply_rows (CercleStore  *self,
                                   const char   *request_id,
                                   GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (request_id != NULL, NULL);

  return query_rows (self,
                     "SELECT pk FROM need_reply WHERE request_id = ?1 AND deleted = 0"
                     " ORDER BY posted_at, pk",
                     request_id, error);
}

/**
 * cercle_store_list_need_replies:
 *
 * Returns: (transfer full): a #CercleRecordList of the #CercleNeedReply
 *   under @request_id, oldest first
 */
GListModel *
cercle_store_list_need_replies (CercleStore  *self,
                                const char   *request_id,
                                GError      **error)
{
  g_autoptr(GArray) rows = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(rows = cercle_store_list_need_reply_rows (self, request_id, error)))
    return NULL;

  return record_list (self, CERCLE_TYPE_NEED_REPLY, rows, NULL);
}

/**
 * cercle_store_refer_from_reply:
 *
 * Turns a reply under one of the local user's needs into a referral, in
 * one step. The replier offered business to the need's author, so the
 * referral goes from the replier (its giver, whom the club's figures
 * credit) to the local user (its receiver); it answers the need, carries
 * the reply's text as its notes, and starts accepted: the receiver is
 * the one who asked for it.
 *
 * Returns: (transfer full): the referral, or %NULL with @error set
 */
CercleReferral *
cercle_store_refer_from_reply (CercleStore  *self,
                               const char   *reply_id,
                               GError      **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(CercleNeedReply) reply = NULL;
  g_autoptr(CercleRequest) need = NULL;
  g_autoptr(CercleReferral) referral = NULL;
  g_autofree char *today = cercle_today ();

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (reply_id != NULL, NULL);

  if (!(viewer = cercle_store_dup_viewer (self, error)) ||
      !(reply = cercle_store_get_record (self, CERCLE_TYPE_NEED_REPLY, reply_id, error)) ||
      !(need = cercle_store_get_record (self, CERCLE_TYPE_REQUEST,
                                        cercle_need_reply_get_request_id (reply), error)))
    return NULL;

  if (!cercle_permission_can_turn_reply_into_referral (viewer, reply, need))
    {
      invalid (error, _("Only the need’s author can turn another member’s reply into a referral."));
      return NULL;
    }

  referral = g_object_new (CERCLE_TYPE_REFERRAL,
                           "giver-id", cercle_need_reply_get_member_id (reply),
                           "receiver-id", viewer->member_id,
                           "request-id", cercle_record_get_id (CERCLE_RECORD (need)),
                           "reply-id", reply_id,
                           "need", cercle_request_get_title (need),
                           "notes", cercle_need_reply_get_body (reply),
                           "status", CERCLE_REFERRAL_STATUS_ACCEPTED,
                           "given-on", today,
                           "moved-on", today,
                           NULL);

  if (!cercle_permission_check_reply_referral (referral, reply, need, error) ||
      !cercle_store_save (self, CERCLE_RECORD (referral), error))
    return NULL;

  return g_steal_pointer (&referral);
}

/* Mentoring */

/**
 * cercle_store_pair_mentor:
 * @mentee_id: the new member
 * @starts_on: the first day, "YYYY-MM-DD"
 * @ends_on: the last day, "YYYY-MM-DD"
 *
 * Pairs a new member with a mentor for a period. Staff only.
 *
 * Returns: (transfer full): the mentoring, or %NULL with @error set
 */
CercleMentoring *
cercle_store_pair_mentor (CercleStore  *self,
                          const char   *mentor_id,
                          const char   *mentee_id,
                          const char   *starts_on,
                          const char   *ends_on,
                          GError      **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(CercleMentoring) mentoring = NULL;
  GDate day;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(viewer = cercle_store_dup_viewer (self, error)))
    return NULL;

  if (!cercle_permission_can_pair_mentors (viewer))
    {
      invalid (error, _("Only the club’s staff can pair mentors."));
      return NULL;
    }

  if (!has_text (mentor_id) || !has_text (mentee_id))
    {
      invalid (error, _("Choose the new member and their mentor."));
      return NULL;
    }

  if (g_str_equal (mentor_id, mentee_id))
    {
      invalid (error, _("A member cannot be their own mentor."));
      return NULL;
    }

  if (!cercle_parse_day (starts_on, &day) || !cercle_parse_day (ends_on, &day))
    {
      invalid (error, _("Give the first and last days of the mentoring, as dates."));
      return NULL;
    }

  if (g_strcmp0 (ends_on, starts_on) < 0)
    {
      invalid (error, _("A mentoring ends after it starts."));
      return NULL;
    }

  mentoring = g_object_new (CERCLE_TYPE_MENTORING,
                            "mentor-id", mentor_id,
                            "mentee-id", mentee_id,
                            "starts-on", starts_on,
                            "ends-on", ends_on,
                            NULL);

  if (!cercle_store_save (self, CERCLE_RECORD (mentoring), error))
    return NULL;

  return g_steal_pointer (&mentoring);
}

/**
 * cercle_store_list_mentoring_rows:
 * @member_id: (nullable): a member, for their pairings as mentor or new
 *   member; %NULL for the club's
 *
 * Whoever asks, a member gets only the pairings they are in: the club's
 * list is the staff's.
 *
 * Returns: (transfer full) (element-type gint64): row numbers, the
 *   latest start first
 */
GArray *
cercle_store_list_mentoring_rows (CercleStore  *self,
                                  const char   *member_id,
                                  GError      **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(GArray) rows = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(viewer = cercle_store_dup_viewer (self, error)))
    return NULL;

  if (member_id != NULL)
    rows = query_rows (self,
                       "SELECT pk FROM mentoring WHERE deleted = 0"
                       " AND (mentor_id = ?1 OR mentee_id = ?1)"
                       " ORDER BY starts_on DESC, pk DESC",
                       member_id, error);
  else
    rows = query_rows (self,
                       "SELECT pk FROM mentoring WHERE deleted = 0"
                       " ORDER BY starts_on DESC, pk DESC",
                       NULL, error);

  if (rows == NULL)
    return NULL;

  if (!viewer->is_staff)
    {
      g_autoptr(GArray) mine = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; i < rows->len; i++)
        {
          gint64 row = g_array_index (rows, gint64, i);
          g_autoptr(CercleMentoring) mentoring = _cercle_store_load_by_row_number (self, CERCLE_TYPE_MENTORING,
                                                                                   row, error);

          if (mentoring == NULL)
            return NULL;
          if (cercle_visibility_can_see_mentoring (viewer, mentoring))
            g_array_append_val (mine, row);
        }

      return g_steal_pointer (&mine);
    }

  return g_steal_pointer (&rows);
}

/**
 * cercle_store_list_mentorings:
 * @member_id: (nullable): as for cercle_store_list_mentoring_rows()
 *
 * Returns: (transfer full): a #CercleRecordList of #CercleMentoring
 */
GListModel *
cercle_store_list_mentorings (CercleStore  *self,
                              const char   *member_id,
                              GError      **error)
{
  g_autoptr(GArray) rows = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(rows = cercle_store_list_mentoring_rows (self, member_id, error)))
    return NULL;

  return record_list (self, CERCLE_TYPE_MENTORING, rows, NULL);
}

/**
 * cercle_store_count_one_to_ones_between:
 * @since: (nullable): the first day counted, "YYYY-MM-DD"
 *
 * Returns: how many one-to-ones @member_a and @member_b logged together
 *   since @since (a mentoring's, say), or -1 with @error set
 */
int
cercle_store_count_one_to_ones_between (CercleStore  *self,
                                        const char   *member_a,
                                        const char   *member_b,
                                        const char   *since,
                                        GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;
  int count;

  g_return_val_if_fail (CERCLE_IS_STORE (self), -1);
  g_return_val_if_fail (member_a != NULL && member_b != NULL, -1);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT count (*) FROM one_to_one WHERE deleted = 0"
                                  " AND ((member_a_id = ?1 AND member_b_id = ?2)"
                                  "   OR (member_a_id = ?2 AND member_b_id = ?1))"
                                  " AND (?3 IS NULL OR met_on >= ?3)",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, member_a, error) ||
      !cercle_db_bind_text (self->db, stmt, 2, member_b, error) ||
      (since != NULL && !cercle_db_bind_text (self->db, stmt, 3, since, error)))
    return -1;

  rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error);
  count = rc == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : -1;
  sqlite3_reset (stmt);

  return count;
}
