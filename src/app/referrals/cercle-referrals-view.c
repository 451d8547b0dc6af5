/* cercle-referrals-view.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-referrals-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cercle-one-to-ones-view.h"
#include "cercle-referral-board.h"
#include "cercle-referral-stats-view.h"
#include "cercle-referrals-view.h"

/* The Referrals page: the board where business is passed and followed
 * (with the club's needs), one's one-to-ones, and what the season's
 * referrals are worth. Each is a page of its own, switched by a view
 * switcher that folds to icons on a narrow window. */
struct _CercleReferralsView
{
  GtkWidget                parent_instance;

  CercleContext           *context;

  AdwViewStack            *view_stack;
  CercleReferralBoard     *board;
  CercleOneToOnesView     *one_to_ones;
  CercleReferralStatsView *stats;
};

G_DEFINE_FINAL_TYPE (CercleReferralsView, cercle_referrals_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cercle_referrals_view_dispose (GObject *object)
{
  CercleReferralsView *self = (CercleReferralsView *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_REFERRALS_VIEW);
  /* Children the template does not bind are ours to unparent too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_referrals_view_parent_class)->dispose (object);
}

static void
cercle_referrals_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CercleReferralsView *self = CERCLE_REFERRALS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_referrals_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CercleReferralsView *self = CERCLE_REFERRALS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      cercle_referrals_view_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_referrals_view_class_init (CercleReferralsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_referrals_view_dispose;
  object_class->get_property = cercle_referrals_view_get_property;
  object_class->set_property = cercle_referrals_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CERCLE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CERCLE_TYPE_REFERRAL_BOARD);
  g_type_ensure (CERCLE_TYPE_ONE_TO_ONES_VIEW);
  g_type_ensure (CERCLE_TYPE_REFERRAL_STATS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/referrals/cercle-referrals-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleReferralsView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralsView, board);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralsView, one_to_ones);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralsView, stats);
}

static void
cercle_referrals_view_init (CercleReferralsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CercleContext *
cercle_referrals_view_get_context (CercleReferralsView *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRALS_VIEW (self), NULL);

  return self->context;
}

void
cercle_referrals_view_set_context (CercleReferralsView *self,
                                   CercleContext       *context)
{
  g_return_if_fail (CERCLE_IS_REFERRALS_VIEW (self));
  g_return_if_fail (!context || CERCLE_IS_CONTEXT (context));

  if (self->context == context)
    return;

  g_set_object (&self->context, context);
  cercle_referral_board_set_context (self->board, context);
  cercle_one_to_ones_view_set_context (self->one_to_ones, context);
  cercle_referral_stats_view_set_context (self->stats, context);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* Stops the pages' queries under way, and querying, once @cancellable
 * (the window's) is cancelled */
void
cercle_referrals_view_set_cancellable (CercleReferralsView *self,
                                       GCancellable        *cancellable)
{
  g_return_if_fail (CERCLE_IS_REFERRALS_VIEW (self));

  cercle_referral_board_set_cancellable (self->board, cancellable);
  cercle_referral_stats_view_set_cancellable (self->stats, cancellable);
}

/* "board", "one-to-ones" or "statistics" */
void
cercle_referrals_view_show_page (CercleReferralsView *self,
                                 const char          *page_name)
{
  g_return_if_fail (CERCLE_IS_REFERRALS_VIEW (self));
  g_return_if_fail (page_name != NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, page_name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, page_name);
}
