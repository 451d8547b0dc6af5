/* cercle-demo-club-life.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-demo"

#include "config.h"

#include "cercle-announcement.h"
#include "cercle-demo-private.h"
#include "cercle-mentoring.h"
#include "cercle-need-reply.h"

/* @day at @hour:@minute UTC, as ISO 8601 */
static void
format_instant (guint32 day,
                int     hour,
                int     minute,
                char    out[21])
{
  demo_format_julian (day, out);
  g_snprintf (out + 10, 11, "T%02d:%02d:00Z", hour, minute);
}

/* Club life: the staff's announcements, replies under the open needs, new
 * members paired with mentors (one with the demo's user). It comes last,
 * so that the records before it stay what the same seed always made. */
gboolean
demo_add_club_life (DemoContext  *ctx,
                    GError      **error)
{
  const char *author = ctx->local_member_id;
  const char *next_event = NULL;
  guint n_mentorings = 0;

  for (guint i = 0; i < ctx->events->len; i++)
    {
      DemoEvent *event = &g_array_index (ctx->events, DemoEvent, i);

      if (!event->past && event->status == CERCLE_EVENT_STATUS_SCHEDULED)
        {
          next_event = event->id;
          break;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_announcements); i++)
    {
      char posted_at[21];
      char id[37];

      demo_make_uuid (ctx->rand, id);
      format_instant (ctx->today_julian - 1 - i * 9, 8 + (int)i, 15, posted_at);
      if (!demo_add (ctx,
                     g_object_new (CERCLE_TYPE_ANNOUNCEMENT,
                                   "id", id,
                                   "author-id", author,
                                   "title", demo_announcements[i].title,
                                   "body", demo_announcements[i].body,
                                   "event-id", i == 1 ? next_event : NULL,
                                   "pinned", i == 0,
                                   "posted-at", posted_at,
                                   NULL),
                     error))
        return FALSE;
    }

  for (guint i = 0; i < ctx->open_needs->len; i++)
    {
      DemoNeed *need = &g_array_index (ctx->open_needs, DemoNeed, i);
      guint n_replies = 1 + rand_index (ctx->rand, 3);

      for (guint j = 0; j < n_replies && ctx->n_members > 1; j++)
        {
          char posted_at[21];
          char id[37];
          guint member;

          do
            member = demo_pick_member (ctx);
          while (member == need->member);

          demo_make_uuid (ctx->rand, id);
          format_instant (MIN (ctx->today_julian - 1, need->posted + j + 1), 9 + (int)j * 3, 40, posted_at);
          if (!demo_add (ctx,
                         g_object_new (CERCLE_TYPE_NEED_REPLY,
                                       "id", id,
                                       "request-id", need->id,
                                       "member-id", ctx->members[member].id,
                                       "body", PICK (ctx->rand, demo_need_replies),
                                       "posted-at", posted_at,
                                       NULL),
                         error))
            return FALSE;
        }
    }

  /* Candidates are the new members; the demo's user mentors the first */
  for (guint i = 0; i < ctx->n_members && n_mentorings < 6; i++)
    {
      char starts_on[11];
      char ends_on[11];
      char id[37];
      guint32 start;
      const char *mentor_id;

      if (ctx->members[i].status != CERCLE_MEMBER_STATUS_CANDIDATE ||
          g_strcmp0 (ctx->members[i].id, author) == 0)
        continue;

      if (n_mentorings == 0 && author != NULL)
        mentor_id = author;
      else
        {
          guint mentor;

          do
            mentor = demo_pick_member (ctx);
          while (mentor == i);
          mentor_id = ctx->members[mentor].id;
        }

      start = ctx->today_julian - rand_index (ctx->rand, 90);
      demo_format_julian (start, starts_on);
      demo_format_julian (start + 182, ends_on);
      demo_make_uuid (ctx->rand, id);
      if (!demo_add (ctx,
                     g_object_new (CERCLE_TYPE_MENTORING,
                                   "id", id,
                                   "mentor-id", mentor_id,
                                   "mentee-id", ctx->members[i].id,
                                   "starts-on", starts_on,
                                   "ends-on", ends_on,
                                   NULL),
                     error))
        return FALSE;
      n_mentorings++;
    }

  return TRUE;
}
