/* cercle-referral-details.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-referral-details"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-referral-details.h"

/* A referral in full: who gave it to whom, the prospect and the need, how
 * it went, and the moves the user may make from here. It follows the
 * referral as it changes, a sync included. */
struct _CercleReferralDetails
{
  AdwWindow       parent_instance;

  CercleReferral *referral;
  CercleViewer   *viewer;
  char           *giver_name;
  char           *receiver_name;
  char           *today;

  AdwWindowTitle *window_title;
  GtkLabel       *moves_label;
  GtkBox         *moves_box;
  AdwActionRow   *giver_row;
  AdwActionRow   *receiver_row;
  AdwActionRow   *prospect_row;
  AdwActionRow   *company_row;
  AdwActionRow   *contact_row;
  AdwActionRow   *need_row;
  AdwActionRow   *temperature_row;
  AdwActionRow   *given_row;
  AdwActionRow   *moved_row;
  AdwActionRow   *closed_row;
  AdwActionRow   *amount_row;
  AdwActionRow   *notes_row;
};

G_DEFINE_FINAL_TYPE (CercleReferralDetails, cercle_referral_details, ADW_TYPE_WINDOW)

enum {
  MOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_row (AdwActionRow *row,
         const char   *value)
{
  gboolean shown = value != NULL && *value != '\0';

  adw_action_row_set_subtitle (row, shown ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (row), shown);
}

static void
set_day_row (AdwActionRow *row,
             const char   *ymd)
{
  g_autofree char *day = cercle_format_day (ymd);

  set_row (row, day);
}

static void
on_move_clicked_cb (GtkButton             *button,
                    CercleReferralDetails *self)
{
  CercleReferralStatus to = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "status"));

  g_signal_emit (self, signals[MOVE], 0, self->referral, to);
}

static void
update_moves (CercleReferralDetails *self)
{
  CercleReferralStatus moves[CERCLE_REFERRAL_N_STATUSES];
  CercleReferralActor actor = cercle_referral_actor_for (self->viewer, self->referral);
  CercleReferralStatus status = cercle_referral_get_status (self->referral);
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->moves_box))) != NULL)
    gtk_box_remove (self->moves_box, child);

  n = cercle_referral_status_list_moves (status, actor, moves);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = NULL;
      GtkWidget *button;

      /* Translators: a button of a referral's page, %s is a status */
      label = g_strdup_printf (_("Move to “%s”"), cercle_referral_status_to_string (moves[i]));
      button = gtk_button_new_with_label (label);
      g_object_set_data (G_OBJECT (button), "status", GUINT_TO_POINTER (moves[i]));
      if (moves[i] == CERCLE_REFERRAL_STATUS_WON || moves[i] == CERCLE_REFERRAL_STATUS_ACCEPTED)
        gtk_widget_add_css_class (button, "suggested-action");
      g_signal_connect (button, "clicked", G_CALLBACK (on_move_clicked_cb), self);
      gtk_box_append (self->moves_box, button);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->moves_box), n > 0);

  /* Say why nothing is offered */
  if (n > 0)
    gtk_label_set_text (self->moves_label, "");
  else if (cercle_referral_status_is_closed (status))
    gtk_label_set_text (self->moves_label, _("This referral is closed."));
  else if (status == CERCLE_REFERRAL_STATUS_PROPOSED)
    gtk_label_set_text (self->moves_label, _("Only its receiver can accept or decline it."));
  else
    gtk_label_set_text (self->moves_label, _("Only its receiver or the club’s staff can move it."));
  gtk_widget_set_visible (GTK_WIDGET (self->moves_label), n == 0);
}

static void
cercle_referral_details_update (CercleReferralDetails *self)
{
  CercleReferral *referral = self->referral;
  CercleReferralStatus status = cercle_referral_get_status (referral);
  g_autofree char *temperature = NULL;
  g_autofree char *amount = NULL;

  adw_window_title_set_subtitle (self->window_title, cercle_referral_status_to_string (status));
  set_row (self->giver_row, self->giver_name ? self->giver_name : _("Unknown member"));
  set_row (self->receiver_row, self->receiver_name ? self->receiver_name : _("Unknown member"));
  set_row (self->prospect_row, cercle_referral_get_prospect_name (referral));
  set_row (self->company_row, cercle_referral_get_prospect_company (referral));
  set_row (self->contact_row, cercle_referral_get_prospect_contact (referral));
  set_row (self->need_row, cercle_referral_get_need (referral));
  set_row (self->notes_row, cercle_referral_get_notes (referral));

  if (cercle_referral_status_is_open (status))
    {
      int value = CLAMP (cercle_referral_get_temperature (referral), 1, 5);

      /* Translators: a referral's temperature, as in "4 out of 5: Hot" */
      temperature = g_strdup_printf (_("%d out of 5: %s"), value, cercle_temperature_to_string (value));
    }
  set_row (self->temperature_row, temperature);

  set_day_row (self->given_row, cercle_referral_get_given_on (referral));
  set_day_row (self->moved_row, cercle_referral_status_is_open (status) ? cercle_referral_get_moved_on (referral)
                                                                          : NULL);
  set_day_row (self->closed_row, cercle_referral_get_closed_on (referral));

  if (status == CERCLE_REFERRAL_STATUS_WON)
    amount = cercle_format_money (cercle_referral_get_amount_cents (referral));
  set_row (self->amount_row, amount);

  if (cercle_referral_is_stale (referral, self->today))
    gtk_widget_add_css_class (GTK_WIDGET (self->moved_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->moved_row), "warning");

  update_moves (self);
}

static void
on_referral_notify_cb (CercleReferral        *referral,
                       GParamSpec            *pspec,
                       CercleReferralDetails *self)
{
  cercle_referral_details_update (self);
}

static void
cercle_referral_details_dispose (GObject *object)
{
  CercleReferralDetails *self = (CercleReferralDetails *) object;

  if (self->referral != NULL)
    g_signal_handlers_disconnect_by_func (self->referral, on_referral_notify_cb, self);
  g_clear_object (&self->referral);

  G_OBJECT_CLASS (cercle_referral_details_parent_class)->dispose (object);
}

static void
cercle_referral_details_finalize (GObject *object)
{
  CercleReferralDetails *self = (CercleReferralDetails *) object;

  g_clear_pointer (&self->viewer, cercle_viewer_free);
  g_free (self->giver_name);
  g_free (self->receiver_name);
  g_free (self->today);

  G_OBJECT_CLASS (cercle_referral_details_parent_class)->finalize (object);
}

static void
cercle_referral_details_class_init (CercleReferralDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_referral_details_dispose;
  object_class->finalize = cercle_referral_details_finalize;

  /**
   * CercleReferralDetails::move:
   * @referral: the referral shown
   * @to: a status the user may move it to
   */
  signals[MOVE] =
    g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, CERCLE_TYPE_REFERRAL, CERCLE_TYPE_REFERRAL_STATUS);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/referrals/cercle-referral-details.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleReferralDetails, window_title);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralDetails, moves_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralDetails, moves_box);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralDetails, giver_row);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralDetails, receiver_row);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralDetails, prospect_row);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralDetails, company_row);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralDetails, contact_row);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralDetails, need_row);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralDetails, temperature_row);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralDetails, given_row);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralDetails, moved_row);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralDetails, closed_row);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralDetails, amount_row);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralDetails, notes_row);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cercle_referral_details_init (CercleReferralDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->today = cercle_today ();
}

GtkWidget *
cercle_referral_details_new (GtkWindow          *parent,
                             CercleReferral     *referral,
                             const char         *giver_name,
                             const char         *receiver_name,
                             const CercleViewer *viewer)
{
  CercleReferralDetails *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CERCLE_IS_REFERRAL (referral), NULL);
  g_return_val_if_fail (viewer != NULL, NULL);

  self = g_object_new (CERCLE_TYPE_REFERRAL_DETAILS,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->referral = g_object_ref (referral);
  self->viewer = cercle_viewer_copy (viewer);
  self->giver_name = g_strdup (giver_name);
  self->receiver_name = g_strdup (receiver_name);

  g_signal_connect (referral, "notify", G_CALLBACK (on_referral_notify_cb), self);
  cercle_referral_details_update (self);

  /* No wider or taller than the window it comes from, on a phone's
   * 360 pixels as on a desktop; what does not fit scrolls */
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   CLAMP (gtk_widget_get_width (GTK_WIDGET (parent)), 360, width),
                                   CLAMP (gtk_widget_get_height (GTK_WIDGET (parent)), 200, height));
    }

  return GTK_WIDGET (self);
}
