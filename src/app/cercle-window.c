/* cercle-window.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-application.h"
#include "cercle-calendar-view.h"
#include "cercle-members-view.h"
#include "cercle-referrals-view.h"
#include "cercle-conflicts-dialog.h"
#include "cercle-sync-indicator.h"
#include "cercle-window.h"

/* A window shows one club: its members, its calendar and its referral
 * board, switched with a view switcher. */
struct _CercleWindow
{
  AdwApplicationWindow  parent_instance;

  CercleContext        *context;
  GCancellable         *cancellable;
  char                 *retry_path;

  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwHeaderBar         *header_bar;
  CercleMembersView    *members_view;
  CercleCalendarView   *calendar_view;
  CercleReferralsView  *referrals_view;
  AdwStatusPage        *error_page;
  GtkWidget            *retry_button;
};

G_DEFINE_FINAL_TYPE (CercleWindow, cercle_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cercle_window_save_state (CercleWindow *self)
{
  GSettings *settings;
  int width, height;

  if (self->context == NULL)
    return;

  settings = cercle_context_get_settings (self->context);
  if (settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
}

static void
cercle_window_restore_state (CercleWindow *self)
{
  GSettings *settings;

  if (self->context == NULL)
    return;

  settings = cercle_context_get_settings (self->context);
  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CercleWindow *self = CERCLE_WINDOW (widget);

  if (self->context == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "members");
  cercle_members_view_focus_search (self->members_view);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  cercle_window_show_page (CERCLE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Tries again to open the club that was busy, in a new window */
static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CercleWindow *self = CERCLE_WINDOW (widget);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (self->retry_path == NULL || application == NULL)
    return;

  g_action_group_activate_action (G_ACTION_GROUP (application), "open-database",
                                  g_variant_new_bytestring (self->retry_path));
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
cercle_window_close_request (GtkWindow *window)
{
  CercleWindow *self = CERCLE_WINDOW (window);

  g_cancellable_cancel (self->cancellable);
  cercle_window_save_state (self);

  return GTK_WINDOW_CLASS (cercle_window_parent_class)->close_request (window);
}

static void
cercle_window_constructed (GObject *object)
{
  CercleWindow *self = (CercleWindow *) object;

  G_OBJECT_CLASS (cercle_window_parent_class)->constructed (object);

  if (self->context != NULL)
    {
      g_autofree char *club_name = cercle_context_dup_club_name (self->context);

      gtk_window_set_title (GTK_WINDOW (self), club_name);
      cercle_members_view_set_cancellable (self->members_view, self->cancellable);
      cercle_members_view_set_context (self->members_view, self->context);
      cercle_calendar_view_set_context (self->calendar_view, self->context);
      cercle_referrals_view_set_context (self->referrals_view, self->context);
      cercle_window_restore_state (self);

      adw_header_bar_pack_start (self->header_bar,
                                 cercle_sync_indicator_new (cercle_context_get_sync (self->context)));
    }
}

static void
cercle_window_dispose (GObject *object)
{
  CercleWindow *self = (CercleWindow *) object;

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_WINDOW);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_window_parent_class)->dispose (object);
}

static void
cercle_window_finalize (GObject *object)
{
  CercleWindow *self = (CercleWindow *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->retry_path, g_free);

  G_OBJECT_CLASS (cercle_window_parent_class)->finalize (object);
}

static void
cercle_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CercleWindow *self = CERCLE_WINDOW (object);

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
cercle_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CercleWindow *self = CERCLE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sync_conflicts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CercleWindow *self = CERCLE_WINDOW (widget);

  if (self->context != NULL)
    cercle_conflicts_dialog_present (GTK_WINDOW (self), cercle_context_get_store (self->context));
}

static void
cercle_window_class_init (CercleWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cercle_window_constructed;
  object_class->dispose = cercle_window_dispose;
  object_class->finalize = cercle_window_finalize;
  object_class->get_property = cercle_window_get_property;
  object_class->set_property = cercle_window_set_property;

  window_class->close_request = cercle_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CERCLE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  cercle_application_ensure_resources ();

  g_type_ensure (CERCLE_TYPE_MEMBERS_VIEW);
  g_type_ensure (CERCLE_TYPE_CALENDAR_VIEW);
  g_type_ensure (CERCLE_TYPE_REFERRALS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/cercle-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, members_view);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, calendar_view);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, referrals_view);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, retry_button);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.sync-conflicts", NULL, sync_conflicts_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "members");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "calendar");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "referrals");
}

static void
cercle_window_init (CercleWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cercle_window_new:
 * @application: (nullable): the application
 * @context: (nullable): the club to show, or %NULL to show an error with
 *   cercle_window_show_error()
 */
CercleWindow *
cercle_window_new (GtkApplication *application,
                   CercleContext  *context)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!context || CERCLE_IS_CONTEXT (context), NULL);

  return g_object_new (CERCLE_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

CercleContext *
cercle_window_get_context (CercleWindow *self)
{
  g_return_val_if_fail (CERCLE_IS_WINDOW (self), NULL);

  return self->context;
}

/* Cancelled when the window closes: long work started for this window
 * passes it on. */
GCancellable *
cercle_window_get_cancellable (CercleWindow *self)
{
  g_return_val_if_fail (CERCLE_IS_WINDOW (self), NULL);

  return self->cancellable;
}

void
cercle_window_show_page (CercleWindow *self,
                         const char   *page_name)
{
  g_return_if_fail (CERCLE_IS_WINDOW (self));
  g_return_if_fail (page_name != NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, page_name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, page_name);
}

/* Opens an event's page, as a reminder's notification asks */
void
cercle_window_show_event (CercleWindow *self,
                          const char   *event_id)
{
  g_return_if_fail (CERCLE_IS_WINDOW (self));
  g_return_if_fail (event_id != NULL);

  if (self->context == NULL)
    return;

  cercle_window_show_page (self, "calendar");
  cercle_calendar_view_show_event (self->calendar_view, event_id);
}

/**
 * cercle_window_show_error:
 * @retry_path: (nullable): a club file worth trying again, offered with a
 *   button
 *
 * Shows why no club could be opened, in place of the club's pages.
 */
void
cercle_window_show_error (CercleWindow *self,
                          const char   *title,
                          const char   *message,
                          const char   *retry_path)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (CERCLE_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  /* the status page reads its description as markup */
  escaped = message ? g_markup_escape_text (message, -1) : NULL;

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, escaped);
  g_free (self->retry_path);
  self->retry_path = g_strdup (retry_path);
  gtk_widget_set_visible (self->retry_button, retry_path != NULL);

  gtk_stack_set_visible_child_name (self->main_stack, "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
}
