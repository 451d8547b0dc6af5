/* cercle-month-grid.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-month-grid"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-month-grid.h"

/* A month as a calendar leaf: six weeks of seven days, Monday first, the
 * days of the neighbouring months dimmed, today marked, each day with the
 * titles of its events. The 42 cells live as long as the grid and change
 * in place: a new month or a sync page rewrites their labels, not the
 * widgets, so focus stays where it was.
 *
 * The arrow keys move the selected day (a week up or down), Page Up and
 * Page Down a month, Home to today; the selection may leave the month
 * shown, and "selected-changed" tells the view to show the new one. */

#define N_CELLS 42
#define MAX_TITLES 2

typedef struct
{
  GtkWidget *button;
  GtkLabel  *number;
  GtkLabel  *titles[MAX_TITLES];
  GtkLabel  *more;
} Cell;

struct _CercleMonthGrid
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkGrid    *grid;
  Cell        cells[N_CELLS];
  GListModel *events;
  GDateTime  *selected;   /* local midnight */
  GDateTime  *first;      /* the Monday of the first row */
};

G_DEFINE_FINAL_TYPE (CercleMonthGrid, cercle_month_grid, GTK_TYPE_WIDGET)

enum {
  SELECTED_CHANGED,
  DAY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GDateTime *
midnight (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date_time);

  return g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                g_date_time_get_day_of_month (local), 0, 0, 0);
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return a != NULL && b != NULL &&
         g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

/* The cell an event falls in, by its day in its own time zone */
static int
cell_of (CercleMonthGrid *self,
         CercleEvent     *event)
{
  g_autoptr(GDateTime) starts = cercle_parse_utc (cercle_event_get_starts_at (event),
                                                  cercle_event_get_time_zone (event));
  g_autoptr(GDateTime) day = NULL;
  int index;

  if (starts == NULL)
    return -1;

  day = g_date_time_new_local (g_date_time_get_year (starts), g_date_time_get_month (starts),
                               g_date_time_get_day_of_month (starts), 12, 0, 0);
  index = (int)(g_date_time_difference (day, self->first) / G_TIME_SPAN_DAY);

  return index >= 0 && index < N_CELLS ? index : -1;
}

static void
update_cells (CercleMonthGrid *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GPtrArray *titles[N_CELLS] = { NULL, };
  guint n_events = self->events ? g_list_model_get_n_items (self->events) : 0;
  int month = g_date_time_get_month (self->selected);

  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(CercleEvent) event = g_list_model_get_item (self->events, i);
      int index = cell_of (self, event);

      if (index < 0)
        continue;
      if (titles[index] == NULL)
        titles[index] = g_ptr_array_new ();
      g_ptr_array_add (titles[index], (gpointer)cercle_event_get_title (event));
    }

  for (int i = 0; i < N_CELLS; i++)
    {
      Cell *cell = &self->cells[i];
      g_autoptr(GDateTime) day = g_date_time_add_days (self->first, i);
      g_autofree char *number = g_strdup_printf ("%d", g_date_time_get_day_of_month (day));
      g_autofree char *day_name = NULL;
      g_autofree char *accessible = NULL;
      g_autoptr(GString) listed = g_string_new (NULL);
      guint n = titles[i] ? titles[i]->len : 0;

      gtk_label_set_text (cell->number, number);

      for (guint k = 0; k < MAX_TITLES; k++)
        {
          gtk_widget_set_visible (GTK_WIDGET (cell->titles[k]), k < n);
          if (k < n)
            gtk_label_set_text (cell->titles[k], g_ptr_array_index (titles[i], k));
        }

      gtk_widget_set_visible (GTK_WIDGET (cell->more), n > MAX_TITLES);
      if (n > MAX_TITLES)
        {
          /* Translators: in a day of the month view, the events that do
           * not fit, as in "+2 more" */
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more", "+%u more",
                                                                n - MAX_TITLES),
                                                   n - MAX_TITLES);

          gtk_label_set_text (cell->more, more);
        }

      if (same_day (day, now))
        gtk_widget_add_css_class (cell->button, "today");
      else
        gtk_widget_remove_css_class (cell->button, "today");

      if (g_date_time_get_month (day) != month)
        gtk_widget_add_css_class (cell->button, "other-month");
      else
        gtk_widget_remove_css_class (cell->button, "other-month");

      if (same_day (day, self->selected))
        gtk_widget_add_css_class (cell->button, "selected");
      else
        gtk_widget_remove_css_class (cell->button, "selected");

      for (guint k = 0; k < n; k++)
        g_string_append_printf (listed, k == 0 ? "%s" : ", %s", (char *)g_ptr_array_index (titles[i], k));

      /* Translators: a day of the month view, as in "Tuesday 24 November" */
      day_name = cercle_format_date_time (day, _("%A %-d %B"));
      if (n == 0)
        /* Translators: a day of the month view with no event */
        accessible = g_strdup_printf (_("%s, no events"), day_name);
      else
        accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u event: %s", "%s, %u events: %s", n),
                                      day_name, n, listed->str);
      if (same_day (day, now))
        {
          g_autofree char *with_today = g_strdup_printf (_("Today, %s"), accessible);

          g_free (accessible);
          accessible = g_steal_pointer (&with_today);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell->button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (cell->button),
                                   GTK_ACCESSIBLE_STATE_PRESSED, same_day (day, self->selected),
                                   -1);

      g_clear_pointer (&titles[i], g_ptr_array_unref);
    }
}

static void
set_selected (CercleMonthGrid *self,
              GDateTime       *day,
              gboolean         notify)
{
  g_autoptr(GDateTime) selected = midnight (day);
  g_autoptr(GDateTime) first_of_month = NULL;
  int offset;

  if (self->selected != NULL && same_day (selected, self->selected))
    return;

  g_clear_pointer (&self->selected, g_date_time_unref);
  self->selected = g_steal_pointer (&selected);

  first_of_month = g_date_time_new_local (g_date_time_get_year (self->selected),
                                          g_date_time_get_month (self->selected), 1, 0, 0, 0);
  offset = g_date_time_get_day_of_week (first_of_month) - 1;
  g_clear_pointer (&self->first, g_date_time_unref);
  self->first = g_date_time_add_days (first_of_month, -offset);

  update_cells (self);

  if (notify)
    g_signal_emit (self, signals[SELECTED_CHANGED], 0);
}

static void
move_selection (CercleMonthGrid *self,
                GDateTime       *day)
{
  set_selected (self, day, TRUE);
  cercle_month_grid_focus_selected (self);
}

static void
on_cell_clicked_cb (GtkButton       *button,
                    CercleMonthGrid *self)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "cell-index"));
  g_autoptr(GDateTime) day = g_date_time_add_days (self->first, index);

  set_selected (self, day, TRUE);
  g_signal_emit (self, signals[DAY_ACTIVATED], 0);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   CercleMonthGrid       *self)
{
  g_autoptr(GDateTime) day = NULL;
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      day = g_date_time_add_days (self->selected, rtl ? 1 : -1);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      day = g_date_time_add_days (self->selected, rtl ? -1 : 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      day = g_date_time_add_days (self->selected, -7);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      day = g_date_time_add_days (self->selected, 7);
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      day = g_date_time_add_months (self->selected, -1);
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      day = g_date_time_add_months (self->selected, 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      day = g_date_time_new_now_local ();
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  move_selection (self, day);

  return GDK_EVENT_STOP;
}

static void
cercle_month_grid_dispose (GObject *object)
{
  CercleMonthGrid *self = (CercleMonthGrid *) object;

  cercle_month_grid_set_events (self, NULL);
  if (self->box != NULL)
    {
      gtk_widget_unparent (self->box);
      self->box = NULL;
      self->grid = NULL;
    }

  G_OBJECT_CLASS (cercle_month_grid_parent_class)->dispose (object);
}

static void
cercle_month_grid_finalize (GObject *object)
{
  CercleMonthGrid *self = (CercleMonthGrid *) object;

  g_clear_pointer (&self->selected, g_date_time_unref);
  g_clear_pointer (&self->first, g_date_time_unref);

  G_OBJECT_CLASS (cercle_month_grid_parent_class)->finalize (object);
}

static void
cercle_month_grid_class_init (CercleMonthGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_month_grid_dispose;
  object_class->finalize = cercle_month_grid_finalize;

  /**
   * CercleMonthGrid::selected-changed:
   *
   * The selected day changed, maybe to another month.
   */
  signals[SELECTED_CHANGED] =
    g_signal_new ("selected-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CercleMonthGrid::day-activated:
   *
   * A day was clicked, or chosen with Enter.
   */
  signals[DAY_ACTIVATED] =
    g_signal_new ("day-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "monthgrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
cercle_month_grid_init (CercleMonthGrid *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) monday = NULL;
  GtkEventController *keys;

  GtkWidget *weekdays = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_box_set_homogeneous (GTK_BOX (weekdays), TRUE);
  gtk_box_append (GTK_BOX (self->box), weekdays);
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_homogeneous (self->grid, TRUE);
  gtk_grid_set_column_homogeneous (self->grid, TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->grid), TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->grid));

  /* Weekday names from a known Monday, in the user's language */
  monday = g_date_time_new_local (2024, 1, 1, 12, 0, 0);
  for (int d = 0; d < 7; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (monday, d);
      /* Translators: a weekday over a column of the month view */
      g_autofree char *name = cercle_format_date_time (day, _("%a"));
      GtkWidget *label = gtk_label_new (name);

      gtk_widget_add_css_class (label, "weekday");
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (weekdays), label);
    }

  for (int i = 0; i < N_CELLS; i++)
    {
      Cell *cell = &self->cells[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      cell->button = gtk_button_new ();
      gtk_widget_add_css_class (cell->button, "day-cell");
      gtk_widget_add_css_class (cell->button, "flat");
      gtk_widget_set_hexpand (cell->button, TRUE);
      gtk_widget_set_vexpand (cell->button, TRUE);
      g_object_set_data (G_OBJECT (cell->button), "cell-index", GINT_TO_POINTER (i));
      g_signal_connect (cell->button, "clicked", G_CALLBACK (on_cell_clicked_cb), self);

      cell->number = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (cell->number, 0);
      gtk_widget_set_halign (GTK_WIDGET (cell->number), GTK_ALIGN_START);
      gtk_widget_add_css_class (GTK_WIDGET (cell->number), "day-number");
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (cell->number));

      for (int k = 0; k < MAX_TITLES; k++)
        {
          cell->titles[k] = GTK_LABEL (gtk_label_new (NULL));
          gtk_label_set_xalign (cell->titles[k], 0);
          gtk_label_set_ellipsize (cell->titles[k], PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (cell->titles[k], 1);
          gtk_widget_add_css_class (GTK_WIDGET (cell->titles[k]), "event-pill");
          gtk_widget_set_visible (GTK_WIDGET (cell->titles[k]), FALSE);
          gtk_box_append (GTK_BOX (box), GTK_WIDGET (cell->titles[k]));
        }

      cell->more = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (cell->more, 0);
      gtk_widget_add_css_class (GTK_WIDGET (cell->more), "caption");
      gtk_widget_add_css_class (GTK_WIDGET (cell->more), "dim-label");
      gtk_widget_set_visible (GTK_WIDGET (cell->more), FALSE);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (cell->more));

      gtk_button_set_child (GTK_BUTTON (cell->button), box);
      gtk_grid_attach (self->grid, cell->button, i % 7, i / 7, 1, 1);
    }

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Month"), -1);

  set_selected (self, now, FALSE);
}

GtkWidget *
cercle_month_grid_new (void)
{
  return g_object_new (CERCLE_TYPE_MONTH_GRID, NULL);
}

static void
on_events_changed_cb (GListModel      *model,
                      guint            position,
                      guint            removed,
                      guint            added,
                      CercleMonthGrid *self)
{
  update_cells (self);
}

static void
on_event_notify_cb (CercleMonthGrid *self)
{
  update_cells (self);
}

/**
 * cercle_month_grid_set_events:
 * @events: (nullable): the events of the weeks shown, a model that
 *   changes in place
 */
void
cercle_month_grid_set_events (CercleMonthGrid *self,
                              GListModel      *events)
{
  g_return_if_fail (CERCLE_IS_MONTH_GRID (self));

  if (self->events == events)
    return;

  if (self->events != NULL)
    g_signal_handlers_disconnect_by_func (self->events, on_events_changed_cb, self);

  g_set_object (&self->events, events);

  if (events != NULL)
    g_signal_connect_object (events, "items-changed", G_CALLBACK (on_events_changed_cb), self, 0);

  update_cells (self);
}

/* An event changed in place (a new title, another day) */
void
cercle_month_grid_refresh (CercleMonthGrid *self)
{
  on_event_notify_cb (self);
}

void
cercle_month_grid_set_selected (CercleMonthGrid *self,
                                GDateTime       *day)
{
  g_return_if_fail (CERCLE_IS_MONTH_GRID (self));
  g_return_if_fail (day != NULL);

  set_selected (self, day, TRUE);
}

/**
 * cercle_month_grid_get_selected:
 *
 * Returns: (transfer none): the selected day, at local midnight
 */
GDateTime *
cercle_month_grid_get_selected (CercleMonthGrid *self)
{
  g_return_val_if_fail (CERCLE_IS_MONTH_GRID (self), NULL);

  return self->selected;
}

/**
 * cercle_month_grid_get_range:
 * @first: (out) (transfer full): the first day shown
 * @after_last: (out) (transfer full): the day after the last one shown
 */
void
cercle_month_grid_get_range (CercleMonthGrid  *self,
                             GDateTime       **first,
                             GDateTime       **after_last)
{
  g_return_if_fail (CERCLE_IS_MONTH_GRID (self));

  *first = g_date_time_ref (self->first);
  *after_last = g_date_time_add_days (self->first, N_CELLS);
}

void
cercle_month_grid_focus_selected (CercleMonthGrid *self)
{
  int index;

  g_return_if_fail (CERCLE_IS_MONTH_GRID (self));

  /* Half a day more: a day across a change of clock is 23 or 25 hours */
  index = (int)((g_date_time_difference (self->selected, self->first) + G_TIME_SPAN_DAY / 2) / G_TIME_SPAN_DAY);
  if (index >= 0 && index < N_CELLS)
    gtk_widget_grab_focus (self->cells[index].button);
}
