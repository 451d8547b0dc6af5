/* cercle-event-row.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-event-row"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-event-row.h"

/* One event of a list: a date block, the title, when and where, and how
 * many are coming. Rows are recycled by the list view: the event changes
 * under a row, and the row follows the event's notify signals. Times are
 * shown in the event's own time zone: a dinner in Paris starts at 20:00
 * wherever the reader is. */
struct _CercleEventRow
{
  GtkWidget     parent_instance;

  CercleStore  *store;
  CercleEvent  *event;
  gulong        notify_id;

  GtkWidget    *date_block;
  GtkLabel     *month_label;
  GtkLabel     *day_label;
  GtkLabel     *title_label;
  GtkLabel     *when_label;
  GtkLabel     *place_label;
  GtkLabel     *status_label;
  GtkWidget    *registered_box;
  GtkLabel     *registered_label;
  GtkLabel     *registered_caption;
};

G_DEFINE_FINAL_TYPE (CercleEventRow, cercle_event_row, GTK_TYPE_WIDGET)

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

/**
 * cercle_event_dup_when:
 *
 * Returns: (transfer full): the day and times of @event, in its time zone
 */
char *
cercle_event_dup_when (CercleEvent *event)
{
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;

  g_return_val_if_fail (CERCLE_IS_EVENT (event), NULL);

  starts = cercle_parse_utc (cercle_event_get_starts_at (event), cercle_event_get_time_zone (event));
  ends = cercle_parse_utc (cercle_event_get_ends_at (event), cercle_event_get_time_zone (event));

  if (starts == NULL)
    return g_strdup ("");

  return dup_when (starts, ends);
}

void
cercle_event_row_update (CercleEventRow *self)
{
  g_autoptr(GDateTime) starts = NULL;
  g_autofree char *month = NULL;
  g_autofree char *day = NULL;
  g_autofree char *when = NULL;
  g_autofree char *registered = NULL;
  g_autofree char *n_registered_text = NULL;
  g_autofree char *n_places = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *kind_when = NULL;
  CercleEventCounts counts = { 0, };
  CercleEvent *event = self->event;
  CercleEventKind kind;
  CercleEventStatus status;
  const char *place;
  const char *where;
  int capacity;

  g_return_if_fail (CERCLE_IS_EVENT_ROW (self));

  if (event == NULL)
    return;

  kind = cercle_event_get_kind (event);
  status = cercle_event_get_status (event);
  place = cercle_event_get_place (event);
  capacity = cercle_event_get_capacity (event);

  if (self->store != NULL)
    cercle_store_count_event (self->store, cercle_record_get_id (CERCLE_RECORD (event)), &counts, NULL);

  gtk_label_set_text (self->title_label, cercle_event_get_title (event));

  starts = cercle_parse_utc (cercle_event_get_starts_at (event), cercle_event_get_time_zone (event));
  when = cercle_event_dup_when (event);
  /* Translators: separates two facts on one line, as in
   * "Dinner · Friday 27 November, 19:30 – 22:30" */
  kind_when = g_strdup_printf (_("%s · %s"), cercle_event_kind_to_string (kind), when);
  gtk_label_set_text (self->when_label, kind_when);

  if (starts != NULL)
    {
      g_autofree char *month_name = NULL;

      /* Translators: the abbreviated month in an event's date block */
      month_name = cercle_format_date_time (starts, _("%b"));
      month = g_utf8_strup (month_name, -1);
      day = cercle_format_date_time (starts, "%-d");
    }

  if (has_text (place))
    where = place;
  else if (kind == CERCLE_EVENT_KIND_VIDEO || has_text (cercle_event_get_video_url (event)))
    /* Translators: where a video call takes place */
    where = _("Video call, link on the event page");
  else
    where = _("Place to be announced");
  gtk_label_set_text (self->place_label, where);

  gtk_label_set_text (self->month_label, month ? month : "");
  gtk_label_set_text (self->day_label, day ? day : "");

  if (status == CERCLE_EVENT_STATUS_CANCELLED || status == CERCLE_EVENT_STATUS_DRAFT)
    {
      gtk_label_set_text (self->status_label, cercle_event_status_to_string (status));
      if (status == CERCLE_EVENT_STATUS_DRAFT)
        gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "draft");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "draft");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_label),
                          status == CERCLE_EVENT_STATUS_CANCELLED || status == CERCLE_EVENT_STATUS_DRAFT);
  gtk_widget_set_visible (self->registered_box, status == CERCLE_EVENT_STATUS_SCHEDULED);

  if (status == CERCLE_EVENT_STATUS_CANCELLED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "cancelled");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "cancelled");

  n_registered_text = cercle_format_count (counts.yes);
  n_places = cercle_format_count (MAX (capacity, 0));

  if (capacity > 0)
    /* Translators: people registered for an event out of the places
     * available, as in "12 / 40" */
    registered = g_strdup_printf (_("%s / %s"), n_registered_text, n_places);
  else
    registered = g_strdup (n_registered_text);
  gtk_label_set_text (self->registered_label, registered);

  gtk_label_set_text (self->registered_caption,
                      /* Translators: under the number of people registered for an event */
                      g_dngettext (GETTEXT_PACKAGE, "registered", "registered", counts.yes));

  if (capacity > 0 && counts.yes >= (guint) capacity)
    gtk_widget_add_css_class (GTK_WIDGET (self->registered_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->registered_label), "warning");

  if (capacity > 0)
    accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s person registered out of %s places",
                                               "%s people registered out of %s places",
                                               counts.yes),
                                  n_registered_text, n_places);
  else
    accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s person registered",
                                               "%s people registered",
                                               counts.yes),
                                  n_registered_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->registered_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  /* The row's own name, for a screen reader walking the list */
  {
    g_autofree char *name = NULL;

    if (status == CERCLE_EVENT_STATUS_SCHEDULED)
      name = g_strdup_printf ("%s, %s, %s", cercle_event_get_title (event), kind_when, accessible);
    else
      name = g_strdup_printf ("%s, %s, %s", cercle_event_get_title (event), kind_when,
                              cercle_event_status_to_string (status));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
}

static void
on_event_notify_cb (CercleEvent    *event,
                    GParamSpec     *pspec,
                    CercleEventRow *self)
{
  cercle_event_row_update (self);
}

static void
cercle_event_row_dispose (GObject *object)
{
  CercleEventRow *self = (CercleEventRow *) object;
  GtkWidget *child;

  cercle_event_row_set_event (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_EVENT_ROW);
  /* The text column is no template child of its own */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cercle_event_row_parent_class)->dispose (object);
}

static void
cercle_event_row_class_init (CercleEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_event_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/calendar/cercle-event-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, date_block);
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, month_label);
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, when_label);
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, place_label);
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, registered_box);
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, registered_label);
  gtk_widget_class_bind_template_child (widget_class, CercleEventRow, registered_caption);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "row");
}

static void
cercle_event_row_init (CercleEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cercle_event_row_new (CercleStore *store)
{
  CercleEventRow *self = g_object_new (CERCLE_TYPE_EVENT_ROW, NULL);

  g_set_object (&self->store, store);

  return GTK_WIDGET (self);
}

CercleEvent *
cercle_event_row_get_event (CercleEventRow *self)
{
  g_return_val_if_fail (CERCLE_IS_EVENT_ROW (self), NULL);

  return self->event;
}

void
cercle_event_row_set_event (CercleEventRow *self,
                            CercleEvent    *event)
{
  g_return_if_fail (CERCLE_IS_EVENT_ROW (self));
  g_return_if_fail (!event || CERCLE_IS_EVENT (event));

  if (self->event == event)
    return;

  if (self->event != NULL)
    g_clear_signal_handler (&self->notify_id, self->event);

  g_set_object (&self->event, event);

  if (event != NULL)
    {
      self->notify_id = g_signal_connect (event, "notify", G_CALLBACK (on_event_notify_cb), self);
      cercle_event_row_update (self);
    }
}
