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

#include "cercle-format.h"
#include "cercle-referral-row.h"
#include "cercle-referrals-view.h"

#define N_STATUSES (CERCLE_REFERRAL_STATUS_DECLINED + 1)

/* The referral board: a summary of the business passed and closed, then
 * the referrals grouped by status, in the order a referral moves through
 * them, newest first. The groups are lists joined in one list view, so a
 * federation with tens of thousands of referrals only makes the rows on
 * screen; the first row of each group carries the group's heading. */
struct _CercleReferralsView
{
  GtkWidget       parent_instance;

  CercleContext  *context;
  guint           n_referrals;
  gboolean        stale;
  /* member id -> full name, filled as rows are shown */
  GHashTable     *names;
  guint           section_start[N_STATUSES];
  guint           section_length[N_STATUSES];
  char           *section_description[N_STATUSES];

  GtkStack       *stack;
  GtkListView    *list_view;
  GtkNoSelection *selection;
  GtkLabel       *won_amount_label;
  GtkLabel       *total_label;
  GtkLabel       *total_caption;
  GtkLabel       *open_label;
  GtkLabel       *open_caption;
  GtkLabel       *won_label;
  GtkLabel       *won_caption;
  AdwStatusPage  *error_page;
};

G_DEFINE_FINAL_TYPE (CercleReferralsView, cercle_referrals_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
lookup_name (CercleReferralsView *self,
             const char          *member_id)
{
  g_autoptr(CercleMember) member = NULL;
  char *name;

  if (member_id == NULL || *member_id == '\0' || self->context == NULL)
    return NULL;

  if (g_hash_table_lookup_extended (self->names, member_id, NULL, (gpointer *) &name))
    return name;

  member = cercle_store_get_record (cercle_context_get_store (self->context),
                                    CERCLE_TYPE_MEMBER, member_id, NULL);
  name = member ? cercle_format_full_name (cercle_member_get_first_name (member),
                                           cercle_member_get_last_name (member))
                : NULL;
  g_hash_table_insert (self->names, g_strdup (member_id), name);

  return name;
}

static const char *
referral_day (CercleReferral *referral)
{
  const char *day = cercle_referral_get_closed_on (referral);

  if (day == NULL || *day == '\0')
    day = cercle_referral_get_given_on (referral);

  return day;
}

/* Newest first: the day closed, else the day given */
static int
compare_referrals (gconstpointer a,
                   gconstpointer b)
{
  CercleReferral *ra = *(CercleReferral **) a;
  CercleReferral *rb = *(CercleReferral **) b;

  return -g_strcmp0 (referral_day (ra), referral_day (rb));
}

static void
set_stat (GtkLabel   *value_label,
          GtkLabel   *caption_label,
          guint       value,
          const char *caption)
{
  g_autofree char *text = cercle_format_count (value);

  gtk_label_set_text (value_label, text);
  gtk_label_set_text (caption_label, caption);
}

static void
cercle_referrals_view_clear (CercleReferralsView *self)
{
  gtk_no_selection_set_model (self->selection, NULL);
  g_hash_table_remove_all (self->names);

  for (guint s = 0; s < N_STATUSES; s++)
    {
      self->section_start[s] = 0;
      self->section_length[s] = 0;
      g_clear_pointer (&self->section_description[s], g_free);
    }

  self->n_referrals = 0;
}

static void
cercle_referrals_view_refresh (CercleReferralsView *self)
{
  g_autoptr(GListModel) referrals = NULL;
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(GListStore) sections = NULL;
  g_autoptr(GtkFlattenListModel) flat = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *won_amount = NULL;
  GPtrArray *by_status[N_STATUSES];
  gint64 won_cents = 0;
  guint n_open = 0;
  guint n_won = 0;
  guint position = 0;
  guint n_items;
  gint64 started = g_get_monotonic_time ();

  cercle_referrals_view_clear (self);

  if (self->context == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  viewer = cercle_store_dup_viewer (cercle_context_get_store (self->context), &error);
  if (viewer != NULL)
    referrals = cercle_store_list_referrals (cercle_context_get_store (self->context), &error);
  if (referrals == NULL)
    {
      /* the status page reads its description as markup */
      g_autofree char *escaped = error ? g_markup_escape_text (error->message, -1) : NULL;

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  for (guint s = 0; s < N_STATUSES; s++)
    by_status[s] = g_ptr_array_new_with_free_func (g_object_unref);

  n_items = g_list_model_get_n_items (referrals);
  for (guint i = 0; i < n_items; i++)
    {
      CercleReferral *referral = g_list_model_get_item (referrals, i);
      CercleReferralStatus status = cercle_referral_get_status (referral);

      if (status >= N_STATUSES || !cercle_visibility_can_see_referral (viewer, referral))
        {
          g_object_unref (referral);
          continue;
        }

      if (status == CERCLE_REFERRAL_STATUS_WON)
        {
          won_cents += cercle_referral_get_amount_cents (referral);
          n_won++;
        }
      else if (cercle_referral_status_is_open (status))
        n_open++;

      g_ptr_array_add (by_status[status], referral);
      self->n_referrals++;
    }

  sections = g_list_store_new (G_TYPE_LIST_MODEL);

  for (guint s = 0; s < N_STATUSES; s++)
    {
      g_autoptr(GListStore) section = NULL;
      g_autofree char *count = NULL;
      guint n = by_status[s]->len;

      if (n > 0)
        {
          g_ptr_array_sort (by_status[s], compare_referrals);

          section = g_list_store_new (CERCLE_TYPE_REFERRAL);
          g_list_store_splice (section, 0, 0, by_status[s]->pdata, n);
          g_list_store_append (sections, section);

          count = cercle_format_count (n);
          if (s == CERCLE_REFERRAL_STATUS_WON)
            {
              g_autofree char *money = cercle_format_money (won_cents);

              /* Translators: under the "Won" heading: how many referrals and
               * the business they brought, as in "12 referrals · 48 300,00 €" */
              self->section_description[s] =
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s referral · %s",
                                              "%s referrals · %s", n),
                                 count, money);
            }
          else
            /* Translators: under a status heading, %s is a number such as "1,250" */
            self->section_description[s] =
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s referral", "%s referrals", n), count);
        }

      self->section_start[s] = position;
      self->section_length[s] = n;
      position += n;

      g_ptr_array_unref (by_status[s]);
    }

  flat = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&sections)));
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (flat));

  won_amount = cercle_format_money (won_cents);
  gtk_label_set_text (self->won_amount_label, won_amount);
  set_stat (self->total_label, self->total_caption, self->n_referrals,
            /* Translators: in the referral summary, under a number */
            g_dngettext (GETTEXT_PACKAGE, "referral passed", "referrals passed", self->n_referrals));
  set_stat (self->open_label, self->open_caption, n_open,
            /* Translators: in the referral summary, under a number */
            g_dngettext (GETTEXT_PACKAGE, "in progress", "in progress", n_open));
  set_stat (self->won_label, self->won_caption, n_won,
            /* Translators: in the referral summary, under a number */
            g_dngettext (GETTEXT_PACKAGE, "won", "won", n_won));

  gtk_stack_set_visible_child_name (self->stack, self->n_referrals > 0 ? "board" : "empty");

  g_debug ("Referral board: %u referrals in %.1f ms",
           self->n_referrals, (g_get_monotonic_time () - started) / 1000.);
}

static void
on_setup_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CercleReferralsView      *self)
{
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_child (list_item, cercle_referral_row_new ());
}

static void
on_bind_row_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                CercleReferralsView      *self)
{
  CercleReferralRow *row = CERCLE_REFERRAL_ROW (gtk_list_item_get_child (list_item));
  CercleReferral *referral = gtk_list_item_get_item (list_item);
  guint position = gtk_list_item_get_position (list_item);
  const char *header = NULL;
  const char *description = NULL;

  cercle_referral_row_set_referral (row, referral,
                                    lookup_name (self, cercle_referral_get_giver_id (referral)),
                                    lookup_name (self, cercle_referral_get_receiver_id (referral)));

  for (guint s = 0; s < N_STATUSES; s++)
    {
      if (self->section_length[s] > 0 && self->section_start[s] == position)
        {
          header = cercle_referral_status_to_string (s);
          description = self->section_description[s];
          break;
        }
    }

  cercle_referral_row_set_header (row, header, description);
}

static void
on_unbind_row_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  CercleReferralsView      *self)
{
  CercleReferralRow *row = CERCLE_REFERRAL_ROW (gtk_list_item_get_child (list_item));

  cercle_referral_row_set_referral (row, NULL, NULL, NULL);
}

/* Loads when shown: a page nobody looks at costs nothing at start-up,
 * and only notes that the club changed under it. */
static void
cercle_referrals_view_queue_refresh (CercleReferralsView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    cercle_referrals_view_refresh (self);
  else
    self->stale = TRUE;
}

static void
on_store_changed_cb (CercleStore     *store,
                     CercleChangeSet *changes,
                     CercleReferralsView *self)
{
  if (cercle_change_set_touches (changes, CERCLE_ENTITY_REFERRAL) ||
      cercle_change_set_touches (changes, CERCLE_ENTITY_MEMBER) ||
      cercle_change_set_get_local_user_changed (changes))
    cercle_referrals_view_queue_refresh (self);
}

static void
cercle_referrals_view_map (GtkWidget *widget)
{
  CercleReferralsView *self = (CercleReferralsView *) widget;

  GTK_WIDGET_CLASS (cercle_referrals_view_parent_class)->map (widget);

  if (self->stale)
    {
      self->stale = FALSE;
      cercle_referrals_view_refresh (self);
    }
}

static void
cercle_referrals_view_dispose (GObject *object)
{
  CercleReferralsView *self = (CercleReferralsView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_REFERRALS_VIEW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_referrals_view_parent_class)->dispose (object);
}

static void
cercle_referrals_view_finalize (GObject *object)
{
  CercleReferralsView *self = (CercleReferralsView *) object;

  g_clear_pointer (&self->names, g_hash_table_unref);
  for (guint s = 0; s < N_STATUSES; s++)
    g_clear_pointer (&self->section_description[s], g_free);

  G_OBJECT_CLASS (cercle_referrals_view_parent_class)->finalize (object);
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

  widget_class->map = cercle_referrals_view_map;

  object_class->dispose = cercle_referrals_view_dispose;
  object_class->finalize = cercle_referrals_view_finalize;
  object_class->get_property = cercle_referrals_view_get_property;
  object_class->set_property = cercle_referrals_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CERCLE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CERCLE_TYPE_REFERRAL_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/referrals/cercle-referrals-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleReferralsView, stack);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralsView, selection);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralsView, won_amount_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralsView, total_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralsView, total_caption);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralsView, open_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralsView, open_caption);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralsView, won_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralsView, won_caption);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralsView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unbind_row_cb);
}

static void
cercle_referrals_view_init (CercleReferralsView *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

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

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (cercle_context_get_store (self->context),
                                          on_store_changed_cb, self);

  g_set_object (&self->context, context);

  if (context != NULL)
    {
      CercleStore *store = cercle_context_get_store (context);

      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
    }

  cercle_referrals_view_queue_refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
