/* cercle-referral-stats-view.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-referral-stats-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cercle-bar-chart.h"
#include "cercle-referral-stats-view.h"

/* What the club's referrals are worth, season by season: the business
 * closed month by month, conversion by temperature, and member by member
 * the referrals given and received and the one-to-ones. The store counts
 * in a worker thread and hands out figures only: no prospect, and business
 * per member only where the user may see it. The table exports as CSV. */

#define CERCLE_TYPE_ACTIVITY_ITEM (cercle_activity_item_get_type ())

G_DECLARE_FINAL_TYPE (CercleActivityItem, cercle_activity_item, CERCLE, ACTIVITY_ITEM, GObject)

/* A row of the members' table, for the column view's sorters */
struct _CercleActivityItem
{
  GObject  parent_instance;

  char    *name;
  guint    given;
  guint    received;
  guint    won;
  gint64   business_cents;
  guint    one_to_ones;
};

G_DEFINE_FINAL_TYPE (CercleActivityItem, cercle_activity_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_NAME,
  ITEM_PROP_GIVEN,
  ITEM_PROP_RECEIVED,
  ITEM_PROP_WON,
  ITEM_PROP_BUSINESS,
  ITEM_PROP_ONE_TO_ONES,
  N_ITEM_PROPS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

static void
cercle_activity_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CercleActivityItem *self = CERCLE_ACTIVITY_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case ITEM_PROP_GIVEN:
      g_value_set_uint (value, self->given);
      break;
    case ITEM_PROP_RECEIVED:
      g_value_set_uint (value, self->received);
      break;
    case ITEM_PROP_WON:
      g_value_set_uint (value, self->won);
      break;
    case ITEM_PROP_BUSINESS:
      g_value_set_int64 (value, self->business_cents);
      break;
    case ITEM_PROP_ONE_TO_ONES:
      g_value_set_uint (value, self->one_to_ones);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_activity_item_finalize (GObject *object)
{
  g_free (CERCLE_ACTIVITY_ITEM (object)->name);

  G_OBJECT_CLASS (cercle_activity_item_parent_class)->finalize (object);
}

static void
cercle_activity_item_class_init (CercleActivityItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cercle_activity_item_get_property;
  object_class->finalize = cercle_activity_item_finalize;

  item_properties[ITEM_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_GIVEN] =
    g_param_spec_uint ("given", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_RECEIVED] =
    g_param_spec_uint ("received", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_WON] =
    g_param_spec_uint ("won", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_BUSINESS] =
    g_param_spec_int64 ("business", NULL, NULL, -1, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_ONE_TO_ONES] =
    g_param_spec_uint ("one-to-ones", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
cercle_activity_item_init (CercleActivityItem *self)
{
}

static CercleActivityItem *
cercle_activity_item_new (const CercleMemberSeason *activity)
{
  CercleActivityItem *self = g_object_new (CERCLE_TYPE_ACTIVITY_ITEM, NULL);

  self->name = g_strdup (activity->name);
  self->given = activity->given;
  self->received = activity->received;
  self->won = activity->won;
  self->business_cents = activity->business_cents;
  self->one_to_ones = activity->one_to_ones;

  return self;
}

struct _CercleReferralStatsView
{
  GtkWidget            parent_instance;

  CercleContext       *context;
  CercleReferralStats *stats;
  GCancellable        *cancellable;
  gulong               cancelled_id;
  GCancellable        *query_cancellable;
  int                  season;
  gboolean             stale;
  gboolean             loading;

  GListStore          *members;

  GtkStack            *stack;
  AdwStatusPage       *error_page;
  GtkLabel            *season_label;
  GtkWidget           *next_button;
  GtkWidget           *export_button;
  GtkLabel            *total_label;
  GtkLabel            *given_label;
  GtkLabel            *won_label;
  GtkLabel            *won_caption;
  GtkLabel            *one_to_ones_label;
  CercleBarChart      *chart;
  AdwPreferencesGroup *conversion_group;
  AdwActionRow        *conversion_rows[CERCLE_TEMPERATURE_MAX];
  GtkLevelBar         *conversion_bars[CERCLE_TEMPERATURE_MAX];
  GtkLabel            *conversion_labels[CERCLE_TEMPERATURE_MAX];
  GtkLabel            *members_description;
  GtkColumnView       *column_view;
  GtkSortListModel    *sorted;
};

G_DEFINE_FINAL_TYPE (CercleReferralStatsView, cercle_referral_stats_view, GTK_TYPE_WIDGET)

static void cercle_referral_stats_view_load (CercleReferralStatsView *self);

static char *
format_percent (double share)
{
  /* Translators: a share, as in "42 %" (with a no-break space in French) */
  return g_strdup_printf (_("%.0f %%"), share * 100);
}

static void
show_stats (CercleReferralStatsView *self)
{
  const CercleReferralStats *stats = self->stats;
  g_autofree char *total = cercle_format_money (stats->total_cents);
  g_autofree char *given = cercle_format_count (stats->n_given);
  g_autofree char *won = cercle_format_count (stats->n_won);
  g_autofree char *one_to_ones = cercle_format_count (stats->n_one_to_ones);
  g_autofree char *won_caption = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const char *months[CERCLE_SEASON_N_MONTHS];
  gboolean hidden = FALSE;

  gtk_label_set_text (self->total_label, total);
  gtk_label_set_text (self->given_label, given);
  gtk_label_set_text (self->won_label, won);
  gtk_label_set_text (self->one_to_ones_label, one_to_ones);

  if (stats->n_closed > 0)
    {
      g_autofree char *share = format_percent ((double)stats->n_won / stats->n_closed);

      /* Translators: under the number of referrals won, the share of
       * closed referrals that were won, as in "won (42 % of closed)" */
      won_caption = g_strdup_printf (_("won (%s of closed)"), share);
    }
  else
    won_caption = g_strdup (C_("statistics", "won"));
  gtk_label_set_text (self->won_caption, won_caption);

  /* September to August */
  months[0] = C_("month", "Sep");
  months[1] = C_("month", "Oct");
  months[2] = C_("month", "Nov");
  months[3] = C_("month", "Dec");
  months[4] = C_("month", "Jan");
  months[5] = C_("month", "Feb");
  months[6] = C_("month", "Mar");
  months[7] = C_("month", "Apr");
  months[8] = C_("month", "May");
  months[9] = C_("month", "Jun");
  months[10] = C_("month", "Jul");
  months[11] = C_("month", "Aug");
  cercle_bar_chart_set_values (self->chart, stats->month_cents, months, CERCLE_SEASON_N_MONTHS);

  for (int t = 1; t <= CERCLE_TEMPERATURE_MAX; t++)
    {
      double share = cercle_referral_stats_conversion (stats, t);
      g_autofree char *subtitle = NULL;
      g_autofree char *percent = share >= 0 ? format_percent (share) : g_strdup ("—");
      g_autofree char *won_count = cercle_format_count (stats->temperature_won[t - 1]);
      g_autofree char *closed_count = cercle_format_count (stats->temperature_closed[t - 1]);

      /* Translators: under a temperature, as in "3 won of 7 closed" */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s won of %s closed", "%s won of %s closed",
                                               stats->temperature_closed[t - 1]),
                                  won_count, closed_count);
      adw_action_row_set_subtitle (self->conversion_rows[t - 1], subtitle);
      gtk_level_bar_set_value (self->conversion_bars[t - 1], share >= 0 ? share : 0);
      gtk_label_set_text (self->conversion_labels[t - 1], percent);
    }

  for (guint i = 0; i < stats->members->len; i++)
    {
      const CercleMemberSeason *activity = g_ptr_array_index (stats->members, i);

      hidden |= activity->business_cents < 0;
      g_ptr_array_add (items, cercle_activity_item_new (activity));
    }
  g_list_store_splice (self->members, 0, g_list_model_get_n_items (G_LIST_MODEL (self->members)),
                       items->pdata, items->len);

  gtk_label_set_text (self->members_description,
                      hidden ? _("Business closed is shown for you alone: the club does not rank it.")
                             : _("Referrals given and received this season, business closed and one-to-ones."));

  gtk_widget_set_sensitive (self->export_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "stats");
}

static void
on_stats_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CercleReferralStatsView) self = user_data;
  g_autoptr(CercleReferralStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  stats = cercle_store_compute_referral_stats_finish (CERCLE_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->query_cancellable);
  self->loading = FALSE;

  if (stats == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->stats, cercle_referral_stats_free);
  self->stats = g_steal_pointer (&stats);
  show_stats (self);
}

static void
update_season_label (CercleReferralStatsView *self)
{
  g_autofree char *season = cercle_format_season (self->season);
  g_autofree char *today = cercle_today ();
  g_autofree char *text = NULL;

  /* Translators: above the statistics, as in "Season 2026–2027" */
  text = g_strdup_printf (_("Season %s"), season);
  gtk_label_set_text (self->season_label, text);
  gtk_widget_set_sensitive (self->next_button, self->season < cercle_season_of_day (today));
}

static void
cercle_referral_stats_view_load (CercleReferralStatsView *self)
{
  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);

  if (self->context == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  self->loading = TRUE;
  self->query_cancellable = g_cancellable_new ();
  cercle_store_compute_referral_stats_async (cercle_context_get_store (self->context), self->season,
                                             self->query_cancellable, on_stats_ready_cb,
                                             g_object_ref (self));
}

static void
on_previous_clicked_cb (GtkButton               *button,
                        CercleReferralStatsView *self)
{
  cercle_referral_stats_view_set_season (self, self->season - 1);
}

static void
on_next_clicked_cb (GtkButton               *button,
                    CercleReferralStatsView *self)
{
  cercle_referral_stats_view_set_season (self, self->season + 1);
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CercleReferralStatsView) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("Could Not Export the Statistics"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Statistics exported")));
}

static void
on_export_response_cb (GtkNativeDialog         *chooser,
                       int                      response,
                       CercleReferralStatsView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *csv;

  if (response == GTK_RESPONSE_ACCEPT && self->stats != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      csv = cercle_referral_stats_to_csv (self->stats);
      bytes = g_bytes_new_take (csv, strlen (csv));
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                           self->cancellable, on_saved_cb, g_object_ref (self));
    }

  g_object_unref (chooser);
}

static void
on_export_clicked_cb (GtkButton               *button,
                      CercleReferralStatsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->stats == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Statistics"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the name of the exported file; keep it short, no slash */
  name = g_strdup_printf (_("referrals-%d-%d.csv"), self->season, self->season + 1);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_store_changed_cb (CercleStore             *store,
                     CercleChangeSet         *changes,
                     CercleReferralStatsView *self)
{
  if (cercle_change_set_touches (changes, CERCLE_ENTITY_REFERRAL) ||
      cercle_change_set_touches (changes, CERCLE_ENTITY_ONE_TO_ONE) ||
      cercle_change_set_touches (changes, CERCLE_ENTITY_MEMBER) ||
      cercle_change_set_touches (changes, CERCLE_ENTITY_CLUB) ||
      cercle_change_set_get_local_user_changed (changes))
    cercle_referral_stats_view_load (self);
}

static void
on_cancelled_cb (GCancellable            *cancellable,
                 CercleReferralStatsView *self)
{
  g_cancellable_cancel (self->query_cancellable);
}

/* The columns of the members' table: a label bound to a property */
typedef struct
{
  const char *property;
  gboolean    money;
} Column;

static void
on_setup_cell_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  const Column *column = user_data;
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), g_str_equal (column->property, "name") ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (!g_str_equal (column->property, "name"))
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
on_bind_cell_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  const Column *column = user_data;
  CercleActivityItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  g_autofree char *text = NULL;

  if (g_str_equal (column->property, "name"))
    text = g_strdup (item->name);
  else if (column->money)
    text = item->business_cents >= 0 ? cercle_format_money (item->business_cents) : g_strdup ("—");
  else
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_UINT);
      g_object_get_property (G_OBJECT (item), column->property, &value);
      text = cercle_format_count (g_value_get_uint (&value));
    }

  gtk_label_set_text (label, text);
}

static void
add_column (CercleReferralStatsView *self,
            const char              *title,
            const Column            *column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;
  GtkExpression *expression;
  GType type = g_str_equal (column->property, "name") ? G_TYPE_STRING
               : column->money ? G_TYPE_INT64 : G_TYPE_UINT;

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cell_cb), (gpointer)column);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cell_cb), (gpointer)column);

  expression = gtk_property_expression_new (CERCLE_TYPE_ACTIVITY_ITEM, NULL, column->property);
  if (type == G_TYPE_STRING)
    sorter = GTK_SORTER (gtk_string_sorter_new (expression));
  else
    {
      sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
      gtk_numeric_sorter_set_sort_order (GTK_NUMERIC_SORTER (sorter), GTK_SORT_DESCENDING);
    }

  view_column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, type == G_TYPE_STRING);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
}

static void
build_table (CercleReferralStatsView *self)
{
  static const Column name = { "name", FALSE };
  static const Column given = { "given", FALSE };
  static const Column received = { "received", FALSE };
  static const Column won = { "won", FALSE };
  static const Column business = { "business", TRUE };
  static const Column one_to_ones = { "one-to-ones", FALSE };
  g_autoptr(GtkNoSelection) selection = NULL;

  add_column (self, _("Member"), &name);
  /* Translators: short column titles of the members' table */
  add_column (self, C_("column", "Given"), &given);
  add_column (self, C_("column", "Received"), &received);
  add_column (self, C_("column", "Won"), &won);
  add_column (self, C_("column", "Business"), &business);
  add_column (self, C_("column", "One-to-Ones"), &one_to_ones);

  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->members)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
}

static void
build_conversion_rows (CercleReferralStatsView *self)
{
  for (int t = 1; t <= CERCLE_TEMPERATURE_MAX; t++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkLevelBar *bar = GTK_LEVEL_BAR (gtk_level_bar_new_for_interval (0, 1));
      GtkWidget *label = gtk_label_new (NULL);
      g_autofree char *title = cercle_format_temperature (t);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

      gtk_level_bar_remove_offset_value (bar, GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (bar, GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (bar, GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_size_request (GTK_WIDGET (bar), 96, -1);
      gtk_widget_set_valign (GTK_WIDGET (bar), GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      gtk_label_set_width_chars (GTK_LABEL (label), 5);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (bar));
      gtk_box_append (GTK_BOX (box), label);
      adw_action_row_add_suffix (row, box);

      self->conversion_rows[t - 1] = row;
      self->conversion_bars[t - 1] = bar;
      self->conversion_labels[t - 1] = GTK_LABEL (label);
      adw_preferences_group_add (self->conversion_group, GTK_WIDGET (row));
    }
}

static void
cercle_referral_stats_view_map (GtkWidget *widget)
{
  CercleReferralStatsView *self = (CercleReferralStatsView *) widget;

  GTK_WIDGET_CLASS (cercle_referral_stats_view_parent_class)->map (widget);

  if (self->stale)
    {
      self->stale = FALSE;
      cercle_referral_stats_view_load (self);
    }
}

static void
cercle_referral_stats_view_dispose (GObject *object)
{
  CercleReferralStatsView *self = (CercleReferralStatsView *) object;
  GtkWidget *child;

  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  cercle_referral_stats_view_set_cancellable (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_REFERRAL_STATS_VIEW);
  /* Children the template does not bind are ours to unparent too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->sorted);
  g_clear_object (&self->members);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_referral_stats_view_parent_class)->dispose (object);
}

static void
cercle_referral_stats_view_finalize (GObject *object)
{
  CercleReferralStatsView *self = (CercleReferralStatsView *) object;

  g_clear_pointer (&self->stats, cercle_referral_stats_free);

  G_OBJECT_CLASS (cercle_referral_stats_view_parent_class)->finalize (object);
}

static void
cercle_referral_stats_view_class_init (CercleReferralStatsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_referral_stats_view_dispose;
  object_class->finalize = cercle_referral_stats_view_finalize;
  widget_class->map = cercle_referral_stats_view_map;

  g_type_ensure (CERCLE_TYPE_BAR_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/referrals/cercle-referral-stats-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleReferralStatsView, stack);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralStatsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralStatsView, season_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralStatsView, next_button);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralStatsView, export_button);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralStatsView, total_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralStatsView, given_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralStatsView, won_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralStatsView, won_caption);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralStatsView, one_to_ones_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralStatsView, chart);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralStatsView, conversion_group);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralStatsView, members_description);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralStatsView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
}

static void
cercle_referral_stats_view_init (CercleReferralStatsView *self)
{
  g_autofree char *today = cercle_today ();

  self->members = g_list_store_new (CERCLE_TYPE_ACTIVITY_ITEM);
  self->season = cercle_season_of_day (today);

  gtk_widget_init_template (GTK_WIDGET (self));
  build_table (self);
  build_conversion_rows (self);
  update_season_label (self);
}

void
cercle_referral_stats_view_set_context (CercleReferralStatsView *self,
                                        CercleContext           *context)
{
  g_return_if_fail (CERCLE_IS_REFERRAL_STATS_VIEW (self));
  g_return_if_fail (!context || CERCLE_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (cercle_context_get_store (self->context),
                                          on_store_changed_cb, self);

  g_set_object (&self->context, context);

  if (context != NULL)
    g_signal_connect_object (cercle_context_get_store (context), "changed",
                             G_CALLBACK (on_store_changed_cb), self, 0);

  cercle_referral_stats_view_load (self);
}

void
cercle_referral_stats_view_set_cancellable (CercleReferralStatsView *self,
                                            GCancellable            *cancellable)
{
  g_return_if_fail (CERCLE_IS_REFERRAL_STATS_VIEW (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (self->cancellable == cancellable)
    return;

  if (self->cancellable != NULL)
    {
      g_cancellable_disconnect (self->cancellable, self->cancelled_id);
      self->cancelled_id = 0;
    }

  g_set_object (&self->cancellable, cancellable);

  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_cb), self, NULL);
}

/* @season: its first year, 2026 for 2026–2027 */
void
cercle_referral_stats_view_set_season (CercleReferralStatsView *self,
                                       int                      season)
{
  g_return_if_fail (CERCLE_IS_REFERRAL_STATS_VIEW (self));

  if (season < 1 || self->season == season)
    return;

  self->season = season;
  update_season_label (self);
  cercle_referral_stats_view_load (self);
}

/**
 * cercle_referral_stats_view_get_stats:
 *
 * Returns: (transfer none) (nullable): the figures shown
 */
const CercleReferralStats *
cercle_referral_stats_view_get_stats (CercleReferralStatsView *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL_STATS_VIEW (self), NULL);

  return self->stats;
}

gboolean
cercle_referral_stats_view_is_loading (CercleReferralStatsView *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL_STATS_VIEW (self), FALSE);

  return self->loading || self->stale;
}
