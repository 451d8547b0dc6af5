/* cercle-event-row.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-event-row"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-event-print.h"
#include "cercle-event-row.h"
#include "cercle-format.h"

/* One event of the agenda: a date block, the title, what and when, where,
 * and how many members registered. Times are shown in the event's own time
 * zone: a dinner in Paris starts at 20:00 wherever the reader is. */
struct _CercleEventRow
{
  AdwActionRow  parent_instance;

  CercleEvent  *event;
  guint         n_registered;

  GtkWidget    *date_block;
  GtkLabel     *month_label;
  GtkLabel     *day_label;
  GtkLabel     *status_label;
  GtkWidget    *registered_box;
  GtkLabel     *registered_label;
  GtkLabel     *registered_caption;
  GtkMenuButton *print_button;
};

G_DEFINE_FINAL_TYPE (CercleEventRow, cercle_event_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_EVENT,
  PROP_N_REGISTERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static char *
dup_when (GDateTime *starts,
          GDateTime *ends)
{
  g_autofree char *day = NULL;
  g_autofree char *start_time = NULL;
  g_autofree char *end_time = NULL;

  /* Translators: the day of an event, as in "Tuesday 24 November"; see the
   * g_date_time_format() documentation for the % codes */
  day = cercle_format_date_time (starts, _("%A %-d %B"));
  /* Translators: the time of day an event starts or ends, see the
   * g_date_time_format() documentation (use %l:%M %p for a 12-hour clock) */
  start_time = cercle_format_date_time (starts, _("%H:%M"));

  if (ends == NULL || g_date_time_compare (ends, starts) <= 0)
    /* Translators: an event's day and start time, as in
     * "Tuesday 24 November, 07:30" */
    return g_strdup_printf (_("%s, %s"), day, start_time);

  end_time = cercle_format_date_time (ends, _("%H:%M"));

  if (g_date_time_get_year (ends) == g_date_time_get_year (starts) &&
      g_date_time_get_day_of_year (ends) == g_date_time_get_day_of_year (starts))
    /* Translators: an event's day and time range, as in
     * "Tuesday 24 November, 07:30 – 09:30" */
    return g_strdup_printf (_("%s, %s – %s"), day, start_time, end_time);
  else
    {
      g_autofree char *end_day = cercle_format_date_time (ends, _("%A %-d %B"));

      /* Translators: an event over several days, as in
       * "Friday 27 November, 18:00 – Saturday 28 November, 12:00" */
      return g_strdup_printf (_("%s, %s – %s, %s"), day, start_time, end_day, end_time);
    }
}

static void
cercle_event_row_update (CercleEventRow *self)
{
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *month = NULL;
  g_autofree char *day = NULL;
  g_autofree char *registered = NULL;
  g_autofree char *n_registered = NULL;
  g_autofree char *n_places = NULL;
  CercleEvent *event = self->event;
  CercleEventKind kind;
  CercleEventStatus status;
  const char *place;
  int capacity;

  if (event == NULL)
    return;

  kind = cercle_event_get_kind (event);
  status = cercle_event_get_status (event);
  place = cercle_event_get_place (event);
  capacity = cercle_event_get_capacity (event);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), cercle_event_get_title (event));

  {
    g_autoptr(GMenuModel) menu = cercle_event_print_menu_new (cercle_record_get_id (CERCLE_RECORD (event)));

    /* the "print" actions come from the calendar view */
    gtk_menu_button_set_menu_model (self->print_button, menu);
  }

  starts = cercle_parse_utc (cercle_event_get_starts_at (event), cercle_event_get_time_zone (event));
  ends = cercle_parse_utc (cercle_event_get_ends_at (event), cercle_event_get_time_zone (event));

  if (starts != NULL)
    {
      g_autofree char *when = dup_when (starts, ends);
      g_autofree char *month_name = NULL;

      /* Translators: the abbreviated month in an event's date block */
      month_name = cercle_format_date_time (starts, _("%b"));
      month = g_utf8_strup (month_name, -1);
      day = cercle_format_date_time (starts, "%-d");

      /* Translators: separates two facts on one line, as in
       * "Dinner · Friday 27 November, 19:30 – 22:30" */
      g_string_append_printf (subtitle, _("%s · %s"), cercle_event_kind_to_string (kind), when);
    }
  else
    g_string_append (subtitle, cercle_event_kind_to_string (kind));

  g_string_append_c (subtitle, '\n');
  if (has_text (place))
    g_string_append (subtitle, place);
  else if (kind == CERCLE_EVENT_KIND_VIDEO || has_text (cercle_event_get_video_url (event)))
    /* Translators: where a video call takes place */
    g_string_append (subtitle, _("Online"));
  else
    g_string_append (subtitle, _("Place to be announced"));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle->str);

  gtk_label_set_text (self->month_label, month ? month : "");
  gtk_label_set_text (self->day_label, day ? day : "");

  if (status == CERCLE_EVENT_STATUS_CANCELLED || status == CERCLE_EVENT_STATUS_DRAFT)
    {
      gtk_label_set_text (self->status_label, cercle_event_status_to_string (status));
      if (status == CERCLE_EVENT_STATUS_DRAFT)
        gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "draft");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "draft");
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->registered_caption), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->registered_label), FALSE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->registered_caption), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->registered_label), TRUE);
    }

  if (status == CERCLE_EVENT_STATUS_CANCELLED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "cancelled");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "cancelled");

  n_registered = cercle_format_count (self->n_registered);
  n_places = cercle_format_count (MAX (capacity, 0));

  if (capacity > 0)
    /* Translators: members registered for an event out of the places
     * available, as in "12 / 40" */
    registered = g_strdup_printf (_("%s / %s"), n_registered, n_places);
  else
    registered = g_strdup (n_registered);
  gtk_label_set_text (self->registered_label, registered);

  gtk_label_set_text (self->registered_caption,
                      /* Translators: under the number of members registered for an event */
                      g_dngettext (GETTEXT_PACKAGE, "registered", "registered", self->n_registered));

  if (capacity > 0 && self->n_registered >= (guint) capacity)
    gtk_widget_add_css_class (GTK_WIDGET (self->registered_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->registered_label), "warning");

  {
    g_autofree char *accessible = NULL;

    if (capacity > 0)
      accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%s member registered out of %s places",
                                                 "%s members registered out of %s places",
                                                 self->n_registered),
                                    n_registered, n_places);
    else
      accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%s member registered",
                                                 "%s members registered",
                                                 self->n_registered),
                                    n_registered);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->registered_box),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                    -1);
  }
}

static void
cercle_event_row_dispose (GObject *object)
{
  CercleEventRow *self = (CercleEventRow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_EVENT_ROW);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (cercle_event_row_parent_class)->dispose (object);
}

static void
cercle_event_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CercleEventRow *self = CERCLE_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;

    case PROP_N_REGISTERED:
      g_value_set_uint (value, self->n_registered);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_event_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CercleEventRow *self = CERCLE_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      self->event = g_value_dup_object (value);
      break;

    case PROP_N_REGISTERED:
      self->n_registered = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_event_row_constructed (GObject *object)
{
  CercleEventRow *self = (CercleEventRow *) object;

  G_OBJECT_CLASS (cercle_event_row_parent_class)->constructed (object);

  cercle_event_row_update (self);
}

static void
cercle_event_row_class_init (CercleEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cercle_event_row_constructed;
  object_class->dispose = cercle_event_row_dispose;
  object_class->get_property = cercle_event_row_get_property;
  object_class->set_property = cercle_event_row_set_property;

  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL,
                         CERCLE_TYPE_EVENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_REGISTERED] =
    g_param_spec_uint ("n-registered", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/calendar/cercle-event-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, date_block);
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, month_label);
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, registered_box);
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, registered_label);
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, registered_caption);
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, print_button);
}

static void
cercle_event_row_init (CercleEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cercle_event_row_new (CercleEvent *event,
                      guint        n_registered)
{
  g_return_val_if_fail (CERCLE_IS_EVENT (event), NULL);

  return g_object_new (CERCLE_TYPE_EVENT_ROW,
                       "event", event,
                       "n-registered", n_registered,
                       NULL);
}

CercleEvent *
cercle_event_row_get_event (CercleEventRow *self)
{
  g_return_val_if_fail (CERCLE_IS_EVENT_ROW (self), NULL);

  return self->event;
}
