/* cercle-calendar-view.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-calendar-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cercle-calendar-view.h"
#include "cercle-event-print.h"
#include "cercle-event-row.h"
#include "cercle-format.h"

/* The club's agenda from now on, one boxed list per month. A club holds a
 * few events a month, so the rows are made all at once. */
struct _CercleCalendarView
{
  GtkWidget      parent_instance;

  CercleContext *context;
  guint          n_events;
  gboolean       stale;

  GtkStack      *stack;
  GtkBox        *months_box;
  AdwStatusPage *error_page;
};

G_DEFINE_FINAL_TYPE (CercleCalendarView, cercle_calendar_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cercle_calendar_view_clear (CercleCalendarView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->months_box))) != NULL)
    gtk_box_remove (self->months_box, child);

  self->n_events = 0;
}

static void
cercle_calendar_view_refresh (CercleCalendarView *self)
{
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  AdwPreferencesGroup *group = NULL;
  CercleStore *store;
  int current_year = -1;
  int current_month = -1;
  g_autoptr(CercleViewer) viewer = NULL;
  guint n_items;
  gint64 started = g_get_monotonic_time ();

  cercle_calendar_view_clear (self);

  if (self->context == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  store = cercle_context_get_store (self->context);
  now = g_date_time_new_now_utc ();
  events = cercle_store_list_events (store, now, &error);
  if (events == NULL)
    {
      /* the status page reads its description as markup */
      g_autofree char *escaped = error ? g_markup_escape_text (error->message, -1) : NULL;

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  n_items = g_list_model_get_n_items (events);
  viewer = cercle_store_dup_viewer (store, &error);
  if (viewer == NULL)
    {
      /* the status page reads its description as markup */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CercleEvent) event = g_list_model_get_item (events, i);
      g_autoptr(GDateTime) starts = NULL;
      const char *id = cercle_record_get_id (CERCLE_RECORD (event));
      guint n_registered;

      if (!cercle_visibility_can_see_event (viewer, event))
        continue;

      starts = cercle_parse_utc (cercle_event_get_starts_at (event),
                                 cercle_event_get_time_zone (event));
      if (starts == NULL)
        continue;

      if (group == NULL ||
          g_date_time_get_year (starts) != current_year ||
          g_date_time_get_month (starts) != current_month)
        {
          g_autofree char *month = NULL;
          g_autofree char *title = NULL;

          current_year = g_date_time_get_year (starts);
          current_month = g_date_time_get_month (starts);

          /* Translators: the heading over a month of events, as in
           * "November 2026"; %OB is the month name in the nominative case */
          month = cercle_format_date_time (starts, _("%OB %Y"));
          title = cercle_format_capitalize (month);

          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, title);
          gtk_box_append (self->months_box, GTK_WIDGET (group));
        }

      n_registered = cercle_store_count_registrations (store, id, CERCLE_RESPONSE_YES, NULL);
      adw_preferences_group_add (group, cercle_event_row_new (event, n_registered));
      self->n_events++;
    }

  gtk_stack_set_visible_child_name (self->stack, self->n_events > 0 ? "events" : "empty");

  g_debug ("Calendar: %u events in %.1f ms",
           self->n_events, (g_get_monotonic_time () - started) / 1000.);
}

/* Loads when shown: a page nobody looks at costs nothing at start-up,
 * and only notes that the club changed under it. */
static void
cercle_calendar_view_queue_refresh (CercleCalendarView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    cercle_calendar_view_refresh (self);
  else
    self->stale = TRUE;
}

static void
on_store_changed_cb (CercleStore     *store,
                     CercleChangeSet *changes,
                     CercleCalendarView *self)
{
  if (cercle_change_set_touches (changes, CERCLE_ENTITY_EVENT) ||
      cercle_change_set_touches (changes, CERCLE_ENTITY_REGISTRATION) ||
      cercle_change_set_touches (changes, CERCLE_ENTITY_MEMBER) ||
      cercle_change_set_get_local_user_changed (changes))
    cercle_calendar_view_queue_refresh (self);
}

static void
cercle_calendar_view_map (GtkWidget *widget)
{
  CercleCalendarView *self = (CercleCalendarView *) widget;

  GTK_WIDGET_CLASS (cercle_calendar_view_parent_class)->map (widget);

  if (self->stale)
    {
      self->stale = FALSE;
      cercle_calendar_view_refresh (self);
    }
}

static void
cercle_calendar_view_dispose (GObject *object)
{
  CercleCalendarView *self = (CercleCalendarView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_CALENDAR_VIEW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_calendar_view_parent_class)->dispose (object);
}

static void
cercle_calendar_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CercleCalendarView *self = CERCLE_CALENDAR_VIEW (object);

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
cercle_calendar_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CercleCalendarView *self = CERCLE_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      cercle_calendar_view_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_calendar_view_class_init (CercleCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->map = cercle_calendar_view_map;

  object_class->dispose = cercle_calendar_view_dispose;
  object_class->get_property = cercle_calendar_view_get_property;
  object_class->set_property = cercle_calendar_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CERCLE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/calendar/cercle-calendar-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, stack);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, months_box);
  gtk_widget_class_bind_template_child (widget_class, CercleCalendarView, error_page);
}

static void
cercle_calendar_view_init (CercleCalendarView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CercleContext *
cercle_calendar_view_get_context (CercleCalendarView *self)
{
  g_return_val_if_fail (CERCLE_IS_CALENDAR_VIEW (self), NULL);

  return self->context;
}

void
cercle_calendar_view_set_context (CercleCalendarView *self,
                                  CercleContext      *context)
{
  g_return_if_fail (CERCLE_IS_CALENDAR_VIEW (self));
  g_return_if_fail (!context || CERCLE_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_func (cercle_context_get_store (self->context),
                                            on_store_changed_cb, self);
      gtk_widget_insert_action_group (GTK_WIDGET (self), "print", NULL);
    }

  g_set_object (&self->context, context);

  if (context != NULL)
    {
      CercleStore *store = cercle_context_get_store (context);
      g_autoptr(GObject) print_actions = G_OBJECT (cercle_event_print_actions_new (GTK_WIDGET (self),
                                                                                   context));

      /* each event row's print menu */
      gtk_widget_insert_action_group (GTK_WIDGET (self), "print", G_ACTION_GROUP (print_actions));

      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
    }

  cercle_calendar_view_queue_refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
