/* cercle-need-card.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-need-card"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-need-card.h"

/* A need of the needs board, "je recherche…": what a member looks for, in
 * which sector, who and since when. Others answer it with a referral in
 * one step, or reply in its thread; its author (or the staff, as the
 * rules say) closes it. */
struct _CercleNeedCard
{
  GtkWidget      parent_instance;

  CercleRequest *request;
  gulong         notify_id;
  char          *author_name;
  CercleViewer  *viewer;

  GtkLabel      *title_label;
  GtkLabel      *sector_label;
  GtkLabel      *body_label;
  GtkLabel      *author_label;
  GtkWidget     *answer_button;
  GtkWidget     *close_button;
  GtkWidget     *replies_button;
};

G_DEFINE_FINAL_TYPE (CercleNeedCard, cercle_need_card, GTK_TYPE_WIDGET)

enum {
  ANSWER,
  CLOSE,
  REPLIES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static void
cercle_need_card_update (CercleNeedCard *self)
{
  g_autofree char *day = NULL;
  g_autofree char *byline = NULL;
  g_autofree char *accessible = NULL;
  CercleRequest *request = self->request;
  gboolean mine;

  if (request == NULL)
    return;

  gtk_label_set_text (self->title_label, cercle_request_get_title (request) ?: "");
  gtk_label_set_text (self->sector_label, cercle_request_get_sector (request) ?: "");
  gtk_widget_set_visible (GTK_WIDGET (self->sector_label), has_text (cercle_request_get_sector (request)));
  gtk_label_set_text (self->body_label, cercle_request_get_body (request) ?: "");
  gtk_widget_set_visible (GTK_WIDGET (self->body_label), has_text (cercle_request_get_body (request)));

  day = cercle_format_day (cercle_request_get_posted_on (request));
  /* Translators: who posted a need, and when: "Paul Durand, 12 November 2026" */
  byline = g_strdup_printf (_("%s, %s"), has_text (self->author_name) ? self->author_name : _("Unknown member"),
                            day ? day : "");
  gtk_label_set_text (self->author_label, byline);

  mine = self->viewer != NULL && cercle_viewer_is (self->viewer, cercle_request_get_member_id (request));
  gtk_widget_set_visible (self->answer_button,
                          !mine && self->viewer != NULL &&
                          cercle_permission_can_create (self->viewer, CERCLE_ENTITY_REFERRAL));
  gtk_widget_set_visible (self->close_button,
                          self->viewer != NULL &&
                          cercle_request_get_status (request) == CERCLE_REQUEST_STATUS_OPEN &&
                          cercle_permission_can_edit_field (self->viewer, CERCLE_RECORD (request), "status"));

  /* Translators: what a screen reader says for a need of the needs board:
   * what is looked for, the sector, who and when */
  accessible = g_strdup_printf (_("Need: %s, %s, %s"), cercle_request_get_title (request) ?: "",
                                cercle_request_get_sector (request) ?: "", byline);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
on_request_notify_cb (CercleRequest  *request,
                      GParamSpec     *pspec,
                      CercleNeedCard *self)
{
  cercle_need_card_update (self);
}

static void
on_answer_clicked_cb (GtkButton      *button,
                      CercleNeedCard *self)
{
  if (self->request != NULL)
    g_signal_emit (self, signals[ANSWER], 0, self->request);
}

static void
on_replies_clicked_cb (GtkButton      *button,
                       CercleNeedCard *self)
{
  if (self->request != NULL)
    g_signal_emit (self, signals[REPLIES], 0, self->request);
}

static void
on_close_clicked_cb (GtkButton      *button,
                     CercleNeedCard *self)
{
  if (self->request != NULL)
    g_signal_emit (self, signals[CLOSE], 0, self->request);
}

static void
cercle_need_card_dispose (GObject *object)
{
  CercleNeedCard *self = (CercleNeedCard *) object;
  GtkWidget *child;

  if (self->request != NULL)
    g_clear_signal_handler (&self->notify_id, self->request);
  g_clear_object (&self->request);

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_NEED_CARD);
  /* Children the template does not bind are ours to unparent too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cercle_need_card_parent_class)->dispose (object);
}

static void
cercle_need_card_finalize (GObject *object)
{
  CercleNeedCard *self = (CercleNeedCard *) object;

  g_free (self->author_name);
  g_clear_pointer (&self->viewer, cercle_viewer_free);

  G_OBJECT_CLASS (cercle_need_card_parent_class)->finalize (object);
}

static void
cercle_need_card_class_init (CercleNeedCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_need_card_dispose;
  object_class->finalize = cercle_need_card_finalize;

  /**
   * CercleNeedCard::answer:
   *
   * The user wants to answer the need with a referral.
   */
  signals[ANSWER] =
    g_signal_new ("answer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CERCLE_TYPE_REQUEST);

  /**
   * CercleNeedCard::close:
   *
   * The user, who may, wants to close the need.
   */
  signals[CLOSE] =
    g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CERCLE_TYPE_REQUEST);

  /**
   * CercleNeedCard::replies:
   *
   * The user wants to read the need's replies, or to reply.
   */
  signals[REPLIES] =
    g_signal_new ("replies", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CERCLE_TYPE_REQUEST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/referrals/cercle-need-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleNeedCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedCard, sector_label);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedCard, body_label);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedCard, author_label);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedCard, answer_button);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedCard, close_button);
  gtk_widget_class_bind_template_child (widget_class, CercleNeedCard, replies_button);
  gtk_widget_class_bind_template_callback (widget_class, on_answer_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_replies_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "needcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cercle_need_card_init (CercleNeedCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cercle_need_card_new (void)
{
  return g_object_new (CERCLE_TYPE_NEED_CARD, NULL);
}

CercleRequest *
cercle_need_card_get_request (CercleNeedCard *self)
{
  g_return_val_if_fail (CERCLE_IS_NEED_CARD (self), NULL);

  return self->request;
}

/**
 * cercle_need_card_set_request:
 * @request: (nullable): the need to show, %NULL when the card is put aside
 * @viewer: (nullable): who looks, for the actions offered
 */
void
cercle_need_card_set_request (CercleNeedCard     *self,
                              CercleRequest      *request,
                              const char         *author_name,
                              const CercleViewer *viewer)
{
  g_return_if_fail (CERCLE_IS_NEED_CARD (self));
  g_return_if_fail (!request || CERCLE_IS_REQUEST (request));

  if (self->request != NULL)
    g_clear_signal_handler (&self->notify_id, self->request);

  g_set_object (&self->request, request);
  g_free (self->author_name);
  self->author_name = g_strdup (author_name);
  g_clear_pointer (&self->viewer, cercle_viewer_free);
  if (viewer != NULL)
    self->viewer = cercle_viewer_copy (viewer);

  if (request != NULL)
    self->notify_id = g_signal_connect (request, "notify", G_CALLBACK (on_request_notify_cb), self);

  cercle_need_card_update (self);
}
