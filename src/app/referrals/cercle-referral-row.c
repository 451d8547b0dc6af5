/* cercle-referral-row.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-referral-row"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-format.h"
#include "cercle-referral-row.h"

/* One referral on the board: who passed business to whom, for which
 * prospect and need, how hot it is and, once won, the amount closed. The
 * first row of each status also carries that status's heading. Rows are
 * recycled by the board's list view. */
struct _CercleReferralRow
{
  GtkWidget       parent_instance;

  CercleReferral *referral;

  GtkWidget      *header_box;
  GtkLabel       *header_label;
  GtkLabel       *header_description;
  GtkWidget      *content_box;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkLabel       *amount_label;
  GtkLabel       *temperature_label;
  GtkLabel       *date_label;
};

G_DEFINE_FINAL_TYPE (CercleReferralRow, cercle_referral_row, GTK_TYPE_WIDGET)

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static void
cercle_referral_row_update (CercleReferralRow *self,
                            const char        *giver_name,
                            const char        *receiver_name)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autoptr(GString) dots = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *temperature_text = NULL;
  g_autofree char *temperature_accessible = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *day = NULL;
  CercleReferral *referral = self->referral;
  CercleReferralStatus status;
  const char *prospect;
  const char *company;
  const char *need;
  gint64 amount;
  int temperature;

  if (referral == NULL)
    return;

  status = cercle_referral_get_status (referral);

  /* Translators: a referral from one member to another, as in
   * "Hélène Martin → Paul Durand" */
  title = g_strdup_printf (_("%s → %s"),
                           has_text (giver_name) ? giver_name : _("Unknown member"),
                           has_text (receiver_name) ? receiver_name : _("Unknown member"));
  gtk_label_set_text (self->title_label, title);

  prospect = cercle_referral_get_prospect_name (referral);
  company = cercle_referral_get_prospect_company (referral);
  need = cercle_referral_get_need (referral);

  if (has_text (prospect) && has_text (company))
    /* Translators: a prospect and their company, as in "Marc Petit, Boulangerie Petit" */
    g_string_append_printf (subtitle, _("%s, %s"), prospect, company);
  else if (has_text (prospect))
    g_string_append (subtitle, prospect);
  else if (has_text (company))
    g_string_append (subtitle, company);

  if (has_text (need))
    {
      if (subtitle->len > 0)
        g_string_append_c (subtitle, '\n');
      g_string_append (subtitle, need);
    }
  gtk_label_set_text (self->subtitle_label, subtitle->str);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle->len > 0);

  temperature = CLAMP (cercle_referral_get_temperature (referral), 1, 5);
  for (int i = 1; i <= 5; i++)
    g_string_append (dots, i <= temperature ? "●" : "○");
  /* Translators: how likely a referral is to turn into business, shown as
   * five dots and a word: "●●●○○ Warm" */
  temperature_text = g_strdup_printf (_("%s %s"), dots->str, cercle_temperature_to_string (temperature));
  gtk_label_set_text (self->temperature_label, temperature_text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->temperature_label), "hot");
  gtk_widget_remove_css_class (GTK_WIDGET (self->temperature_label), "warm");
  gtk_widget_remove_css_class (GTK_WIDGET (self->temperature_label), "cold");
  gtk_widget_add_css_class (GTK_WIDGET (self->temperature_label),
                            temperature >= 4 ? "hot" : temperature == 3 ? "warm" : "cold");
  /* Translators: read by screen readers for the five temperature dots */
  temperature_accessible = g_strdup_printf (_("Temperature %d out of 5: %s"),
                                            temperature, cercle_temperature_to_string (temperature));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->temperature_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, temperature_accessible,
                                  -1);

  amount = cercle_referral_get_amount_cents (referral);
  if (amount > 0 || status == CERCLE_REFERRAL_STATUS_WON)
    {
      g_autofree char *money = cercle_format_money (amount);

      gtk_label_set_text (self->amount_label, money);
      gtk_widget_set_visible (GTK_WIDGET (self->amount_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->amount_label), FALSE);

  if (has_text (cercle_referral_get_closed_on (referral)))
    day = cercle_format_day (cercle_referral_get_closed_on (referral));
  else
    day = cercle_format_day (cercle_referral_get_given_on (referral));
  gtk_label_set_text (self->date_label, day ? day : "");
  gtk_widget_set_visible (GTK_WIDGET (self->date_label), day != NULL);

  /* Translators: what a screen reader says for a referral: who to whom,
   * then its status, as in "Hélène Martin → Paul Durand, Won" */
  accessible = g_strdup_printf (_("%s, %s"), title, cercle_referral_status_to_string (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->content_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
cercle_referral_row_dispose (GObject *object)
{
  CercleReferralRow *self = (CercleReferralRow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_REFERRAL_ROW);
  g_clear_object (&self->referral);

  G_OBJECT_CLASS (cercle_referral_row_parent_class)->dispose (object);
}

static void
cercle_referral_row_class_init (CercleReferralRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_referral_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/referrals/cercle-referral-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleReferralRow, header_box);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralRow, header_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralRow, header_description);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralRow, content_box);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralRow, amount_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralRow, temperature_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralRow, date_label);

  gtk_widget_class_set_css_name (widget_class, "referralrow");
}

static void
cercle_referral_row_init (CercleReferralRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cercle_referral_row_new (void)
{
  return g_object_new (CERCLE_TYPE_REFERRAL_ROW, NULL);
}

CercleReferral *
cercle_referral_row_get_referral (CercleReferralRow *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL_ROW (self), NULL);

  return self->referral;
}

void
cercle_referral_row_set_referral (CercleReferralRow *self,
                                  CercleReferral    *referral,
                                  const char        *giver_name,
                                  const char        *receiver_name)
{
  g_return_if_fail (CERCLE_IS_REFERRAL_ROW (self));
  g_return_if_fail (!referral || CERCLE_IS_REFERRAL (referral));

  g_set_object (&self->referral, referral);
  cercle_referral_row_update (self, giver_name, receiver_name);
}

/* The heading of a status, shown above the first referral of that status */
void
cercle_referral_row_set_header (CercleReferralRow *self,
                                const char        *title,
                                const char        *description)
{
  g_return_if_fail (CERCLE_IS_REFERRAL_ROW (self));

  gtk_widget_set_visible (self->header_box, title != NULL);
  gtk_label_set_text (self->header_label, title ? title : "");
  gtk_label_set_text (self->header_description, description ? description : "");
}
