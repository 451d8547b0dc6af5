/* cercle-referral-card.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-referral-card"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-referral-card.h"

/* One referral on the board: who passed business to whom, for which
 * prospect and need; while open, how warm and for how long it has sat
 * still, and once closed, the amount and the day. Its "Move" menu offers
 * the moves the state machine allows the user, and nothing else; Ctrl+→
 * makes the next one. The card can be dragged to another column. Cards
 * are recycled by the column's list view; a record updated in place
 * updates its card through notify. */
struct _CercleReferralCard
{
  GtkWidget            parent_instance;

  CercleReferral      *referral;
  gulong               notify_id;
  char                *giver_name;
  char                *receiver_name;
  char                *today;
  CercleReferralActor  actor;

  GtkLabel            *title_label;
  GtkLabel            *outcome_label;
  GtkMenuButton       *move_button;
  GtkLabel            *prospect_label;
  GtkLabel            *need_label;
  GtkLabel            *temperature_label;
  GtkLabel            *amount_label;
  GtkLabel            *age_label;
  GtkLabel            *stale_label;
};

G_DEFINE_FINAL_TYPE (CercleReferralCard, cercle_referral_card, GTK_TYPE_WIDGET)

enum {
  MOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* "3 days", "today" */
static char *
format_age (int days)
{
  if (days <= 0)
    return g_strdup (C_("referral age", "Today"));

  /* Translators: how long ago a referral last moved */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days), days);
}

static GMenuModel *
build_move_menu (CercleReferralCard *self)
{
  GMenu *menu = g_menu_new ();
  CercleReferralStatus moves[CERCLE_REFERRAL_N_STATUSES];
  guint n = cercle_referral_card_list_moves (self, moves);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      /* Translators: an item of a referral's "Move" menu, %s is a status
       * such as "Accepted" */
      label = g_strdup_printf (_("Move to “%s”"), cercle_referral_status_to_string (moves[i]));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "card.move", g_variant_new_int32 ((gint32)moves[i]));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

static void
cercle_referral_card_update (CercleReferralCard *self)
{
  g_autofree char *title = NULL;
  g_autofree char *accessible = NULL;
  g_autoptr(GString) prospect = g_string_new (NULL);
  g_autoptr(GString) facts = g_string_new (NULL);
  CercleReferral *referral = self->referral;
  CercleReferralStatus status;
  CercleReferralStatus moves[CERCLE_REFERRAL_N_STATUSES];
  const char *company;
  gboolean open;
  gboolean stale;
  int temperature;
  int days;

  if (referral == NULL)
    return;

  status = cercle_referral_get_status (referral);
  open = cercle_referral_status_is_open (status);

  /* Translators: a referral from one member to another, as in
   * "Hélène Martin → Paul Durand" */
  title = g_strdup_printf (_("%s → %s"),
                           has_text (self->giver_name) ? self->giver_name : _("Unknown member"),
                           has_text (self->receiver_name) ? self->receiver_name : _("Unknown member"));
  gtk_label_set_text (self->title_label, title);

  /* Lost and declined share a column: say which */
  gtk_label_set_text (self->outcome_label, cercle_referral_status_to_string (status));
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_label),
                          status == CERCLE_REFERRAL_STATUS_LOST || status == CERCLE_REFERRAL_STATUS_DECLINED);

  company = cercle_referral_get_prospect_company (referral);
  if (has_text (cercle_referral_get_prospect_name (referral)) && has_text (company))
    /* Translators: a prospect and their company, as in "Marc Petit, Boulangerie Petit" */
    g_string_append_printf (prospect, _("%s, %s"), cercle_referral_get_prospect_name (referral), company);
  else if (has_text (company))
    g_string_append (prospect, company);
  else if (has_text (cercle_referral_get_prospect_name (referral)))
    g_string_append (prospect, cercle_referral_get_prospect_name (referral));
  gtk_label_set_text (self->prospect_label, prospect->str);
  gtk_widget_set_visible (GTK_WIDGET (self->prospect_label), prospect->len > 0);

  gtk_label_set_text (self->need_label, cercle_referral_get_need (referral) ?: "");
  gtk_widget_set_visible (GTK_WIDGET (self->need_label), has_text (cercle_referral_get_need (referral)));

  /* Open: how warm, and how long it sat still. Closed: what it brought,
   * and when. */
  temperature = CLAMP (cercle_referral_get_temperature (referral), 1, 5);
  days = self->today != NULL ? cercle_referral_get_days_still (referral, self->today) : -1;
  stale = self->today != NULL && cercle_referral_is_stale (referral, self->today);

  gtk_widget_set_visible (GTK_WIDGET (self->temperature_label), open);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_label), status == CERCLE_REFERRAL_STATUS_WON);
  gtk_widget_set_visible (GTK_WIDGET (self->stale_label), stale);

  if (open)
    {
      g_autofree char *text = cercle_format_temperature (temperature);
      g_autofree char *spoken = NULL;
      g_autofree char *age = format_age (days);

      gtk_label_set_text (self->temperature_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->temperature_label), "hot");
      gtk_widget_remove_css_class (GTK_WIDGET (self->temperature_label), "warm");
      gtk_widget_remove_css_class (GTK_WIDGET (self->temperature_label), "cold");
      gtk_widget_add_css_class (GTK_WIDGET (self->temperature_label),
                                temperature >= 4 ? "hot" : temperature == 3 ? "warm" : "cold");
      /* Translators: read by screen readers for the five temperature dots */
      spoken = g_strdup_printf (_("Temperature %d out of 5: %s"), temperature,
                                cercle_temperature_to_string (temperature));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->temperature_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);

      /* A stale card says how long in its badge */
      gtk_label_set_text (self->age_label, days >= 0 ? age : "");
      gtk_widget_set_visible (GTK_WIDGET (self->age_label), days >= 0 && !stale);

      if (stale)
        {
          g_autofree char *still = NULL;

          /* Translators: on a referral whose status has not moved for a
           * month or more */
          still = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No move for %d day",
                                                "No move for %d days", days), days);
          gtk_label_set_text (self->stale_label, still);
          g_string_append_printf (facts, ", %s", still);
        }
      else if (days >= 0)
        g_string_append_printf (facts, ", %s", age);

      g_string_append_printf (facts, ", %s", spoken);
    }
  else
    {
      g_autofree char *day = cercle_format_day (cercle_referral_get_closed_on (referral));
      g_autofree char *closed = NULL;

      if (status == CERCLE_REFERRAL_STATUS_WON)
        {
          g_autofree char *money = cercle_format_money (cercle_referral_get_amount_cents (referral));

          gtk_label_set_text (self->amount_label, money);
          g_string_append_printf (facts, ", %s", money);
        }

      if (day != NULL)
        {
          /* Translators: when a referral was won, lost or declined */
          closed = g_strdup_printf (_("Closed on %s"), day);
          g_string_append_printf (facts, ", %s", closed);
        }
      gtk_label_set_text (self->age_label, closed ? closed : "");
      gtk_widget_set_visible (GTK_WIDGET (self->age_label), closed != NULL);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->move_button), cercle_referral_card_list_moves (self, moves) > 0);

  /* Translators: what a screen reader says for a card of the referral
   * board: who to whom, the status, the prospect, then facts such as the
   * temperature or the amount */
  accessible = g_strdup_printf (_("%s, %s, %s%s"), title, cercle_referral_status_to_string (status),
                                prospect->str, facts->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  if (stale)
    gtk_widget_add_css_class (GTK_WIDGET (self), "stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "stale");
}

static void
on_referral_notify_cb (CercleReferral     *referral,
                       GParamSpec         *pspec,
                       CercleReferralCard *self)
{
  cercle_referral_card_update (self);
}

/* The menu is made when opened: a popover for each card of a column of
 * thousands would cost more than all the rest of the card */
static void
create_move_menu_cb (GtkMenuButton *button,
                     gpointer       user_data)
{
  CercleReferralCard *self = user_data;
  g_autoptr(GMenuModel) menu = build_move_menu (self);

  gtk_menu_button_set_menu_model (button, menu);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CercleReferralCard *self = CERCLE_REFERRAL_CARD (widget);
  CercleReferralStatus to = (CercleReferralStatus)g_variant_get_int32 (parameter);

  if (self->referral != NULL)
    g_signal_emit (self, signals[MOVE], 0, self->referral, to);
}

/* Ctrl+→: the next step forward, if the user may take it (closing as lost
 * or declined is left to the menu, on purpose) */
static void
move_forward_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CercleReferralCard *self = CERCLE_REFERRAL_CARD (widget);
  CercleReferralStatus moves[CERCLE_REFERRAL_N_STATUSES];
  guint n = cercle_referral_card_list_moves (self, moves);

  for (guint i = 0; i < n; i++)
    {
      if (moves[i] == CERCLE_REFERRAL_STATUS_LOST || moves[i] == CERCLE_REFERRAL_STATUS_DECLINED)
        continue;

      g_signal_emit (self, signals[MOVE], 0, self->referral, moves[i]);
      return;
    }

  gtk_widget_error_bell (widget);
}

static void
show_moves_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CercleReferralCard *self = CERCLE_REFERRAL_CARD (widget);

  if (gtk_widget_get_visible (GTK_WIDGET (self->move_button)))
    gtk_menu_button_popup (self->move_button);
  else
    gtk_widget_error_bell (widget);
}

static void
cercle_referral_card_dispose (GObject *object)
{
  CercleReferralCard *self = (CercleReferralCard *) object;
  GtkWidget *child;

  if (self->referral != NULL)
    g_clear_signal_handler (&self->notify_id, self->referral);
  g_clear_object (&self->referral);

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_REFERRAL_CARD);
  /* Children the template does not bind are ours to unparent too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cercle_referral_card_parent_class)->dispose (object);
}

static void
cercle_referral_card_finalize (GObject *object)
{
  CercleReferralCard *self = (CercleReferralCard *) object;

  g_free (self->giver_name);
  g_free (self->receiver_name);
  g_free (self->today);

  G_OBJECT_CLASS (cercle_referral_card_parent_class)->finalize (object);
}

static void
cercle_referral_card_class_init (CercleReferralCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_referral_card_dispose;
  object_class->finalize = cercle_referral_card_finalize;

  /**
   * CercleReferralCard::move:
   * @referral: the referral shown
   * @to: a status the user may move it to
   *
   * The user asked, from the menu or the keyboard, for a move the state
   * machine allows them.
   */
  signals[MOVE] =
    g_signal_new ("move",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, CERCLE_TYPE_REFERRAL, CERCLE_TYPE_REFERRAL_STATUS);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/referrals/cercle-referral-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleReferralCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralCard, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralCard, move_button);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralCard, prospect_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralCard, need_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralCard, temperature_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralCard, amount_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralCard, age_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralCard, stale_label);

  gtk_widget_class_install_action (widget_class, "card.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "card.move-forward", NULL, move_forward_action);
  gtk_widget_class_install_action (widget_class, "card.show-moves", NULL, show_moves_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_CONTROL_MASK, "card.move-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "card.show-moves", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "card.show-moves", NULL);

  gtk_widget_class_set_css_name (widget_class, "referralcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cercle_referral_card_init (CercleReferralCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->move_button, create_move_menu_cb, self, NULL);
}

GtkWidget *
cercle_referral_card_new (void)
{
  return g_object_new (CERCLE_TYPE_REFERRAL_CARD, NULL);
}

CercleReferral *
cercle_referral_card_get_referral (CercleReferralCard *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL_CARD (self), NULL);

  return self->referral;
}

/**
 * cercle_referral_card_set_referral:
 * @referral: (nullable): the referral to show, %NULL when the card is
 *   put aside
 * @actor: how the user stands to @referral, for the moves offered
 * @today: the day it is, "YYYY-MM-DD", for ages and staleness
 */
void
cercle_referral_card_set_referral (CercleReferralCard  *self,
                                   CercleReferral      *referral,
                                   const char          *giver_name,
                                   const char          *receiver_name,
                                   CercleReferralActor  actor,
                                   const char          *today)
{
  g_return_if_fail (CERCLE_IS_REFERRAL_CARD (self));
  g_return_if_fail (!referral || CERCLE_IS_REFERRAL (referral));

  if (self->referral != NULL)
    g_clear_signal_handler (&self->notify_id, self->referral);

  g_set_object (&self->referral, referral);
  g_free (self->giver_name);
  self->giver_name = g_strdup (giver_name);
  g_free (self->receiver_name);
  self->receiver_name = g_strdup (receiver_name);
  g_free (self->today);
  self->today = g_strdup (today);
  self->actor = actor;

  if (referral != NULL)
    self->notify_id = g_signal_connect (referral, "notify", G_CALLBACK (on_referral_notify_cb), self);

  cercle_referral_card_update (self);
}

/**
 * cercle_referral_card_list_moves:
 *
 * Returns: the moves the state machine allows the user for the referral
 *   shown, as cercle_referral_status_list_moves() says
 */
guint
cercle_referral_card_list_moves (CercleReferralCard   *self,
                                 CercleReferralStatus  moves[CERCLE_REFERRAL_N_STATUSES])
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL_CARD (self), 0);

  if (self->referral == NULL)
    return 0;

  return cercle_referral_status_list_moves (cercle_referral_get_status (self->referral),
                                            self->actor, moves);
}
