/* cercle-referral-card.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-referral-card"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-referral-card.h"

/* One referral on the board: who passed business to whom, for which
 * prospect and need; while open, how warm and for how long it has sat
 * still, and once closed, the amount and the day. Its "Move" menu offers
 * the moves the state machine allows the user, and nothing else; Ctrl+→
 * makes the next one. The card can be dragged to another column.
 *
 * A board shows dozens of cards and makes them as fast as the user
 * scrolls, so a card is one widget that lays out and draws its own lines
 * of text, rather than a dozen labels and boxes built from a template;
 * its one child, the "Move" button, is made only once it has a move to
 * offer. Screen readers get the whole card as its accessible name. Cards
 * are recycled by the column's list view; a record updated in place
 * redraws its card once in the next frame, however many of its
 * properties changed. */

#define SPACING     4
#define FACT_GAP    8
#define BADGE_X     8
#define BADGE_Y     1
#define DIM_ALPHA   0.55

typedef enum
{
  FACT_NONE,
  FACT_HOT,
  FACT_WARM,
  FACT_COLD,
  FACT_AMOUNT,
} FactKind;

enum {
  LINE_TITLE,
  LINE_OUTCOME,
  LINE_PROSPECT,
  LINE_NEED,
  LINE_STALE,
  LINE_FACT,
  LINE_AGE,
  N_LINES
};

/* Where each line goes in a card of a given width */
typedef struct
{
  int x[N_LINES];
  int y[N_LINES];
  int button_width;
  int button_height;
  int height;
} Arrangement;

struct _CercleReferralCard
{
  GtkWidget            parent_instance;

  CercleReferral      *referral;
  gulong               notify_id;
  char                *giver_name;
  char                *receiver_name;
  char                *today;
  CercleReferralActor  actor;
  guint                update_id;

  GtkWidget           *move_button;
  PangoLayout         *layouts[N_LINES];
  gboolean             shown[N_LINES];
  FactKind             fact;

  /* The lines as laid out for the allocated width; measuring for
   * another width sets the layouts' widths anew, and so makes it stale */
  Arrangement          arrangement;
  gboolean             arrangement_stale;
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
ensure_move_button (CercleReferralCard *self)
{
  if (self->move_button != NULL)
    return;

  self->move_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->move_button), "view-more-symbolic");
  gtk_widget_add_css_class (self->move_button, "flat");
  gtk_widget_add_css_class (self->move_button, "circular");
  gtk_widget_set_tooltip_text (self->move_button, _("Move To…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->move_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Move To…"), -1);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->move_button), create_move_menu_cb, self, NULL);
  gtk_widget_set_parent (self->move_button, GTK_WIDGET (self));
}

/* Text attributes of each line, as the style sheet's classes would set
 * them: heading, caption, the stale badge, the temperature, the amount */
static PangoAttrList *
line_attributes (guint line)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  switch (line)
    {
    case LINE_TITLE:
      pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      break;
    case LINE_OUTCOME:
    case LINE_STALE:
      pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attributes, pango_attr_scale_new (0.8));
      break;
    case LINE_AGE:
      pango_attr_list_insert (attributes, pango_attr_scale_new (0.82));
      pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum=1"));
      break;
    case LINE_FACT:
    case LINE_PROSPECT:
    case LINE_NEED:
    default:
      break;
    }

  return attributes;
}

static PangoLayout *
line_layout (CercleReferralCard *self,
             guint               line)
{
  if (self->layouts[line] == NULL)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      g_autoptr(PangoAttrList) attributes = line_attributes (line);

      pango_layout_set_attributes (layout, attributes);
      /* The temperature or the amount is short, and shown whole; the age
       * gives way to it */
      pango_layout_set_ellipsize (layout, line == LINE_AGE ? PANGO_ELLIPSIZE_START
                                          : line == LINE_FACT ? PANGO_ELLIPSIZE_NONE
                                          : PANGO_ELLIPSIZE_END);
      if (line == LINE_AGE)
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      if (line == LINE_NEED)
        {
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_height (layout, -2);
        }
      self->layouts[line] = layout;
    }

  return self->layouts[line];
}

static void
set_line (CercleReferralCard *self,
          guint               line,
          const char         *text)
{
  self->shown[line] = has_text (text);
  if (self->shown[line] || self->layouts[line] != NULL)
    pango_layout_set_text (line_layout (self, line), self->shown[line] ? text : "", -1);
}

/* The fact line: the temperature's dots in its colour, or the amount,
 * bold and in tabular figures */
static void
set_fact (CercleReferralCard *self,
          FactKind            fact,
          const char         *text)
{
  PangoLayout *layout;
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

  self->fact = fact;
  set_line (self, LINE_FACT, fact != FACT_NONE ? text : NULL);
  if (!self->shown[LINE_FACT])
    return;

  layout = line_layout (self, LINE_FACT);
  if (fact == FACT_AMOUNT)
    {
      pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum=1"));
    }
  else
    {
      pango_attr_list_insert (attributes, pango_attr_scale_new (0.85));
      pango_attr_list_insert (attributes, pango_attr_letter_spacing_new (PANGO_SCALE));
    }
  pango_layout_set_attributes (layout, attributes);
}

static int
line_height (CercleReferralCard *self,
             guint               line,
             int                 width)
{
  int height = 0;

  /* The fact is shown whole, on one line (see line_layout()) */
  pango_layout_set_width (self->layouts[line], line == LINE_FACT ? -1 : MAX (width, 1) * PANGO_SCALE);
  pango_layout_get_pixel_size (self->layouts[line], NULL, &height);

  return height;
}

static int
line_width (CercleReferralCard *self,
            guint               line)
{
  PangoRectangle logical;

  /* Rounded up: a width rounded to the nearest pixel may miss a fraction
   * of one, and ellipsize the line it was measured for */
  pango_layout_set_width (self->layouts[line], -1);
  pango_layout_get_extents (self->layouts[line], NULL, &logical);

  return PANGO_PIXELS_CEIL (logical.width);
}

/* Lays the lines out in @width: the title beside the outcome and the
 * button, then the prospect, the need, the stale badge, and the fact and
 * age side by side */
static void
arrange (CercleReferralCard *self,
         int                 width,
         Arrangement        *out)
{
  int y = 0;
  int row;
  int title_width = width;
  int outcome_width = 0;

  memset (out, 0, sizeof *out);

  if (self->move_button != NULL && gtk_widget_get_visible (self->move_button))
    {
      gtk_widget_measure (self->move_button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &out->button_width, NULL, NULL);
      gtk_widget_measure (self->move_button, GTK_ORIENTATION_VERTICAL, out->button_width, NULL,
                          &out->button_height, NULL, NULL);
      title_width -= out->button_width + 6;
    }

  row = out->button_height;
  if (self->shown[LINE_OUTCOME])
    {
      outcome_width = line_width (self, LINE_OUTCOME);
      outcome_width = MIN (outcome_width, title_width / 2);
      title_width -= outcome_width + 6;
      row = MAX (row, line_height (self, LINE_OUTCOME, outcome_width));
      out->x[LINE_OUTCOME] = title_width + 6;
    }
  if (self->shown[LINE_TITLE])
    {
      int height = line_height (self, LINE_TITLE, title_width);

      /* Centred on the button, as a label beside it in a box would be */
      out->y[LINE_TITLE] = MAX (0, (row - height) / 2);
      row = MAX (row, height);
    }
  y = row;

  for (guint line = LINE_PROSPECT; line <= LINE_NEED; line++)
    if (self->shown[line])
      {
        y += SPACING;
        out->y[line] = y;
        y += line_height (self, line, width);
      }

  if (self->shown[LINE_STALE])
    {
      y += SPACING;
      out->x[LINE_STALE] = BADGE_X;
      out->y[LINE_STALE] = y + BADGE_Y;
      y += line_height (self, LINE_STALE, width - 2 * BADGE_X) + 2 * BADGE_Y;
    }

  if (self->shown[LINE_FACT] || self->shown[LINE_AGE])
    {
      int fact_width = self->shown[LINE_FACT] ? MIN (line_width (self, LINE_FACT), width) : 0;
      int fact_height = self->shown[LINE_FACT] ? line_height (self, LINE_FACT, fact_width) : 0;
      int age_width = MAX (width - fact_width - (fact_width > 0 ? FACT_GAP : 0), 1);
      int age_height = self->shown[LINE_AGE] ? line_height (self, LINE_AGE, age_width) : 0;

      row = MAX (fact_height, age_height);
      y += SPACING;
      out->y[LINE_FACT] = y + (row - fact_height) / 2;
      out->x[LINE_AGE] = width - age_width;
      out->y[LINE_AGE] = y + (row - age_height) / 2;
      y += row;
    }

  out->height = y;
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

  gtk_widget_queue_resize (GTK_WIDGET (self));

  if (referral == NULL)
    return;

  status = cercle_referral_get_status (referral);
  open = cercle_referral_status_is_open (status);

  /* Translators: a referral from one member to another, as in
   * "Hélène Martin → Paul Durand" */
  title = g_strdup_printf (_("%s → %s"),
                           has_text (self->giver_name) ? self->giver_name : _("Unknown member"),
                           has_text (self->receiver_name) ? self->receiver_name : _("Unknown member"));
  set_line (self, LINE_TITLE, title);

  /* Lost and declined share a column: say which */
  set_line (self, LINE_OUTCOME,
            status == CERCLE_REFERRAL_STATUS_LOST || status == CERCLE_REFERRAL_STATUS_DECLINED
              ? cercle_referral_status_to_string (status) : NULL);

  company = cercle_referral_get_prospect_company (referral);
  if (has_text (cercle_referral_get_prospect_name (referral)) && has_text (company))
    /* Translators: a prospect and their company, as in "Marc Petit, Boulangerie Petit" */
    g_string_append_printf (prospect, _("%s, %s"), cercle_referral_get_prospect_name (referral), company);
  else if (has_text (company))
    g_string_append (prospect, company);
  else if (has_text (cercle_referral_get_prospect_name (referral)))
    g_string_append (prospect, cercle_referral_get_prospect_name (referral));
  set_line (self, LINE_PROSPECT, prospect->str);

  set_line (self, LINE_NEED, cercle_referral_get_need (referral));

  /* Open: how warm, and how long it sat still. Closed: what it brought,
   * and when. */
  temperature = CLAMP (cercle_referral_get_temperature (referral), 1, 5);
  days = self->today != NULL ? cercle_referral_get_days_still (referral, self->today) : -1;
  stale = self->today != NULL && cercle_referral_is_stale (referral, self->today);

  set_line (self, LINE_STALE, NULL);
  set_fact (self, FACT_NONE, NULL);
  set_line (self, LINE_AGE, NULL);

  if (open)
    {
      g_autofree char *text = cercle_format_temperature (temperature);
      g_autofree char *spoken = NULL;
      g_autofree char *age = format_age (days);

      set_fact (self, temperature >= 4 ? FACT_HOT : temperature == 3 ? FACT_WARM : FACT_COLD, text);
      /* Translators: read by screen readers for the five temperature dots */
      spoken = g_strdup_printf (_("Temperature %d out of 5: %s"), temperature,
                                cercle_temperature_to_string (temperature));

      /* A stale card says how long in its badge */
      if (days >= 0 && !stale)
        set_line (self, LINE_AGE, age);

      if (stale)
        {
          g_autofree char *still = NULL;

          /* Translators: on a referral whose status has not moved for a
           * month or more */
          still = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No move for %d day",
                                                "No move for %d days", days), days);
          set_line (self, LINE_STALE, still);
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

          set_fact (self, FACT_AMOUNT, money);
          g_string_append_printf (facts, ", %s", money);
        }

      if (day != NULL)
        {
          /* Translators: when a referral was won, lost or declined */
          closed = g_strdup_printf (_("Closed on %s"), day);
          g_string_append_printf (facts, ", %s", closed);
        }
      set_line (self, LINE_AGE, closed);
    }

  if (cercle_referral_card_list_moves (self, moves) > 0)
    {
      ensure_move_button (self);
      gtk_widget_set_visible (self->move_button, TRUE);
    }
  else if (self->move_button != NULL)
    gtk_widget_set_visible (self->move_button, FALSE);

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

static gboolean
update_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  CercleReferralCard *self = CERCLE_REFERRAL_CARD (widget);

  self->update_id = 0;
  cercle_referral_card_update (self);

  return G_SOURCE_REMOVE;
}

/* A record read again notifies each property that changed: the card is
 * laid out and drawn again once, in the next frame */
static void
on_referral_notify_cb (CercleReferral     *referral,
                       GParamSpec         *pspec,
                       CercleReferralCard *self)
{
  if (self->update_id == 0)
    self->update_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), update_tick_cb, NULL, NULL);
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

  if (self->move_button != NULL && gtk_widget_get_visible (self->move_button))
    gtk_menu_button_popup (GTK_MENU_BUTTON (self->move_button));
  else
    gtk_widget_error_bell (widget);
}

static GtkSizeRequestMode
cercle_referral_card_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cercle_referral_card_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  CercleReferralCard *self = CERCLE_REFERRAL_CARD (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int button = 0;

      if (self->move_button != NULL && gtk_widget_get_visible (self->move_button))
        gtk_widget_measure (self->move_button, GTK_ORIENTATION_HORIZONTAL, -1, &button, NULL, NULL, NULL);

      /* The column decides the width; the text ellipsizes and wraps */
      *minimum = 120 + button;
      *natural = 232 + button;
    }
  else
    {
      Arrangement arrangement;

      arrange (self, for_size >= 0 ? for_size : 232, &arrangement);
      *minimum = *natural = arrangement.height;
      self->arrangement_stale = TRUE;
    }
}

static void
cercle_referral_card_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  CercleReferralCard *self = CERCLE_REFERRAL_CARD (widget);

  arrange (self, width, &self->arrangement);
  self->arrangement_stale = FALSE;

  if (self->move_button != NULL && gtk_widget_get_visible (self->move_button))
    gtk_widget_size_allocate (self->move_button,
                              &(GtkAllocation) { width - self->arrangement.button_width, 0,
                                                 self->arrangement.button_width,
                                                 self->arrangement.button_height },
                              -1);
}

static void
append_line (CercleReferralCard *self,
             GtkSnapshot        *snapshot,
             guint               line,
             const GdkRGBA      *color)
{
  if (!self->shown[line])
    return;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->arrangement.x[line], self->arrangement.y[line]));
  gtk_snapshot_append_layout (snapshot, self->layouts[line], color);
  gtk_snapshot_restore (snapshot);
}

static GdkRGBA
named_color (GtkStyleContext *context,
             const char      *name,
             const GdkRGBA   *fallback)
{
  GdkRGBA color;

  if (!gtk_style_context_lookup_color (context, name, &color))
    color = *fallback;

  return color;
}

static void
cercle_referral_card_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  CercleReferralCard *self = CERCLE_REFERRAL_CARD (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA color, dim, faint, fact, warning, badge;

  if (self->referral == NULL)
    return;

  if (self->arrangement_stale)
    {
      arrange (self, gtk_widget_get_width (widget), &self->arrangement);
      self->arrangement_stale = FALSE;
    }

  gtk_style_context_get_color (context, &color);
  dim = faint = color;
  dim.alpha *= DIM_ALPHA;
  faint.alpha *= 0.7;
  warning = named_color (context, "warning_color", &color);

  switch (self->fact)
    {
    case FACT_HOT:
      fact = named_color (context, "error_color", &color);
      break;
    case FACT_WARM:
      fact = warning;
      break;
    case FACT_COLD:
      fact = named_color (context, "accent_color", &color);
      break;
    case FACT_AMOUNT:
      fact = named_color (context, "success_color", &color);
      break;
    case FACT_NONE:
    default:
      fact = color;
      break;
    }

  append_line (self, snapshot, LINE_TITLE, &color);
  append_line (self, snapshot, LINE_OUTCOME, &faint);
  append_line (self, snapshot, LINE_PROSPECT, &color);
  append_line (self, snapshot, LINE_NEED, &dim);

  if (self->shown[LINE_STALE])
    {
      int width = 0, height = 0;
      GskRoundedRect pill;

      pango_layout_get_pixel_size (self->layouts[LINE_STALE], &width, &height);
      badge = named_color (context, "warning_bg_color", &warning);
      badge.alpha *= 0.15;
      gsk_rounded_rect_init_from_rect (&pill,
                                       &GRAPHENE_RECT_INIT (0, self->arrangement.y[LINE_STALE] - BADGE_Y,
                                                            width + 2 * BADGE_X, height + 2 * BADGE_Y),
                                       (height + 2 * BADGE_Y) / 2.f);
      gtk_snapshot_push_rounded_clip (snapshot, &pill);
      gtk_snapshot_append_color (snapshot, &badge, &pill.bounds);
      gtk_snapshot_pop (snapshot);
      append_line (self, snapshot, LINE_STALE, &warning);
    }

  append_line (self, snapshot, LINE_FACT, &fact);
  append_line (self, snapshot, LINE_AGE, &dim);

  if (self->move_button != NULL && gtk_widget_get_visible (self->move_button))
    gtk_widget_snapshot_child (widget, self->move_button, snapshot);
}

/* A new font or scale: the lines are shaped again */
static void
cercle_referral_card_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  CercleReferralCard *self = CERCLE_REFERRAL_CARD (widget);

  GTK_WIDGET_CLASS (cercle_referral_card_parent_class)->css_changed (widget, change);

  for (guint line = 0; line < N_LINES; line++)
    if (self->layouts[line] != NULL)
      pango_layout_context_changed (self->layouts[line]);
  gtk_widget_queue_resize (widget);
}

static void
cercle_referral_card_dispose (GObject *object)
{
  CercleReferralCard *self = (CercleReferralCard *) object;

  if (self->referral != NULL)
    g_clear_signal_handler (&self->notify_id, self->referral);
  g_clear_object (&self->referral);
  if (self->update_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->update_id);
  self->update_id = 0;
  g_clear_pointer (&self->move_button, gtk_widget_unparent);
  for (guint line = 0; line < N_LINES; line++)
    g_clear_object (&self->layouts[line]);

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
  widget_class->get_request_mode = cercle_referral_card_get_request_mode;
  widget_class->measure = cercle_referral_card_measure;
  widget_class->size_allocate = cercle_referral_card_size_allocate;
  widget_class->snapshot = cercle_referral_card_snapshot;
  widget_class->css_changed = cercle_referral_card_css_changed;

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

  /* Bound anew: shown as it is now, not in a frame */
  if (self->update_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->update_id);
  self->update_id = 0;
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
