/* cercle-club-notifier.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-club-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-club-notifier.h"

/* A desktop notification when club life arrives by sync: the staff's
 * announcements, and replies under the local user's own needs. What was
 * there when the club opened is not news: it is taken silently, so that
 * opening a club, or its first sync, does not flood the desktop; more than
 * a few at once make one notification. The store hands each row out once
 * (cercle_store_take_club_news()), whatever the number of windows. */
struct _CercleClubNotifier
{
  GObject      parent_instance;

  CercleStore *store;
};

G_DEFINE_FINAL_TYPE (CercleClubNotifier, cercle_club_notifier, G_TYPE_OBJECT)

/* Beyond this many at once, one notification says how many */
#define MAX_SINGLE_NOTIFICATIONS 3

static char *
member_name (CercleClubNotifier *self,
             const char         *member_id)
{
  g_autoptr(CercleMember) member = NULL;

  if (member_id != NULL)
    member = cercle_store_get_record (self->store, CERCLE_TYPE_MEMBER, member_id, NULL);
  if (member == NULL)
    return g_strdup (_("A member"));

  return cercle_format_full_name (cercle_member_get_first_name (member),
                                  cercle_member_get_last_name (member));
}

static GNotification *
notification_for (CercleClubNotifier *self,
                  CercleRecord       *record)
{
  GNotification *notification;

  if (CERCLE_IS_ANNOUNCEMENT (record))
    {
      CercleAnnouncement *announcement = CERCLE_ANNOUNCEMENT (record);

      notification = g_notification_new (cercle_announcement_get_title (announcement));
      if (cercle_announcement_get_body (announcement) != NULL)
        g_notification_set_body (notification, cercle_announcement_get_body (announcement));
    }
  else
    {
      CercleNeedReply *reply = CERCLE_NEED_REPLY (record);
      g_autoptr(CercleRequest) need = NULL;
      g_autofree char *name = member_name (self, cercle_need_reply_get_member_id (reply));
      g_autofree char *title = NULL;

      need = cercle_store_get_record (self->store, CERCLE_TYPE_REQUEST,
                                      cercle_need_reply_get_request_id (reply), NULL);
      if (need != NULL)
        /* Translators: a notification's title, as in "Paul Durand replied to “Un imprimeur”" */
        title = g_strdup_printf (_("%s replied to “%s”"), name, cercle_request_get_title (need));
      else
        /* Translators: a notification's title, %s is a member's name */
        title = g_strdup_printf (_("%s replied to your need"), name);

      notification = g_notification_new (title);
      g_notification_set_body (notification, cercle_need_reply_get_body (reply));
    }

  return notification;
}

static void
notify_news (CercleClubNotifier *self,
             GPtrArray          *news)
{
  GApplication *application = g_application_get_default ();

  if (application == NULL || news->len == 0)
    return;

  if (news->len > MAX_SINGLE_NOTIFICATIONS)
    {
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *number = cercle_format_count (news->len);
      g_autofree char *title = NULL;

      /* Translators: a notification's title, %s is a number */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s new message from the club",
                                            "%s new messages from the club", news->len),
                               number);
      notification = g_notification_new (title);
      g_notification_set_body (notification, _("Announcements and replies to your needs are on the Club page."));
      g_application_send_notification (application, "club-news", notification);
      return;
    }

  for (guint i = 0; i < news->len; i++)
    {
      CercleRecord *record = g_ptr_array_index (news, i);
      g_autoptr(GNotification) notification = notification_for (self, record);
      g_autofree char *id = g_strdup_printf ("club-%s", cercle_record_get_id (record));

      g_application_send_notification (application, id, notification);
    }
}

static void
on_store_changed_cb (CercleStore        *store,
                     CercleChangeSet    *changes,
                     CercleClubNotifier *self)
{
  g_autoptr(GPtrArray) news = NULL;

  if (!cercle_change_set_touches (changes, CERCLE_ENTITY_ANNOUNCEMENT) &&
      !cercle_change_set_touches (changes, CERCLE_ENTITY_NEED_REPLY))
    return;

  news = cercle_store_take_club_news (store, NULL);
  if (news != NULL)
    notify_news (self, news);
}

static void
cercle_club_notifier_dispose (GObject *object)
{
  CercleClubNotifier *self = (CercleClubNotifier *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (cercle_club_notifier_parent_class)->dispose (object);
}

static void
cercle_club_notifier_class_init (CercleClubNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cercle_club_notifier_dispose;
}

static void
cercle_club_notifier_init (CercleClubNotifier *self)
{
}

/**
 * cercle_club_notifier_new:
 *
 * Returns: (transfer full): a notifier of what arrives in @store's club
 *   from now on
 */
CercleClubNotifier *
cercle_club_notifier_new (CercleStore *store)
{
  CercleClubNotifier *self;
  g_autoptr(GPtrArray) already = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (store), NULL);

  self = g_object_new (CERCLE_TYPE_CLUB_NOTIFIER, NULL);
  self->store = g_object_ref (store);

  already = cercle_store_take_club_news (store, NULL);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);

  return self;
}
