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
#include "cercle-club-actions.h"
#include "cercle-club-settings.h"
#include "cercle-club-switcher.h"
#include "cercle-club-view.h"
#include "cercle-greeter.h"
#include "cercle-members-view.h"
#include "cercle-messages-view.h"
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
  AdwSqueezer          *title_squeezer;
  AdwWindowTitle       *narrow_title;
  AdwViewSwitcherBar   *switcher_bar;
  GMenu                *primary_menu;
  AdwHeaderBar         *header_bar;
  CercleMembersView    *members_view;
  /* Made when first shown or after the first frame, not before it */
  AdwBin               *calendar_page;
  AdwBin               *referrals_page;
  CercleCalendarView   *calendar_view;
  CercleReferralsView  *referrals_view;
  AdwBin               *club_bin;
  CercleClubView       *club_view;
  AdwViewStackPage     *club_page;
  AdwBin               *messages_page;
  CercleMessagesView   *messages_view;
  AdwStatusPage        *error_page;
  GtkWidget            *retry_button;
  /* A club's window seldom shows the error or the greeting: their menus
   * and the greeter are made when first shown, not before the first frame */
  GtkMenuButton        *error_menu_button;
  GtkMenuButton        *welcome_menu_button;
  AdwBin               *greeter_bin;
  /* The keyboard shortcuts, made when first asked for: building them with
   * every window was over a quarter of its start-up */
  GtkWindow            *shortcuts_window;

  /* The page asked for while the members page asks about unsaved changes */
  char                 *leaving_for_page;

  /* The pages given the club so far: each loads its data then, so the
   * first frame comes before any of it (see load_page()) */
  gboolean              members_loaded;
  gboolean              calendar_loaded;
  gboolean              referrals_loaded;
  gboolean              club_loaded;
  guint                 load_rest_id;
  gulong                first_paint_id;
};

G_DEFINE_FINAL_TYPE (CercleWindow, cercle_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The club's settings, or the app's for a window without a club (the
 * greeting, an error), which opens at the size the user left */
static GSettings *
cercle_window_get_settings (CercleWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (self->context != NULL)
    return cercle_context_get_settings (self->context);
  if (CERCLE_IS_APPLICATION (application))
    return cercle_application_get_settings (CERCLE_APPLICATION (application));

  return NULL;
}

static void
cercle_window_save_state (CercleWindow *self)
{
  GSettings *settings = cercle_window_get_settings (self);
  int width, height;

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
  GSettings *settings = cercle_window_get_settings (self);

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* A club of 100,000 members takes a while to list, and a page not shown
 * need not be read at all before the window appears: the visible page gets
 * the club right after the first frame, the others when shown or, failing
 * that, when the main loop is idle. */
static void
load_page (CercleWindow *self,
           const char   *name)
{
  if (self->context == NULL || name == NULL)
    return;

  if (g_str_equal (name, "members") && !self->members_loaded)
    {
      self->members_loaded = TRUE;
      cercle_members_view_set_cancellable (self->members_view, self->cancellable);
      cercle_members_view_set_context (self->members_view, self->context);
    }
  else if (g_str_equal (name, "calendar") && !self->calendar_loaded)
    {
      self->calendar_loaded = TRUE;
      self->calendar_view = g_object_new (CERCLE_TYPE_CALENDAR_VIEW, NULL);
      adw_bin_set_child (self->calendar_page, GTK_WIDGET (self->calendar_view));
      cercle_calendar_view_set_context (self->calendar_view, self->context);
    }
  else if (g_str_equal (name, "referrals") && !self->referrals_loaded)
    {
      self->referrals_loaded = TRUE;
      self->referrals_view = g_object_new (CERCLE_TYPE_REFERRALS_VIEW, NULL);
      adw_bin_set_child (self->referrals_page, GTK_WIDGET (self->referrals_view));
      cercle_referrals_view_set_cancellable (self->referrals_view, self->cancellable);
      cercle_referrals_view_set_context (self->referrals_view, self->context);
    }
  else if (g_str_equal (name, "club") && !self->club_loaded)
    {
      self->club_loaded = TRUE;
      self->club_view = g_object_new (CERCLE_TYPE_CLUB_VIEW, NULL);
      adw_bin_set_child (self->club_bin, GTK_WIDGET (self->club_view));
      /* The view switcher counts the announcements not read yet */
      g_object_bind_property (self->club_view, "n-unread", self->club_page, "badge-number",
                              G_BINDING_SYNC_CREATE);
      cercle_club_view_set_context (self->club_view, self->context);
    }
  else if (g_str_equal (name, "messages") && self->messages_view == NULL)
    {
      self->messages_view = g_object_new (CERCLE_TYPE_MESSAGES_VIEW, NULL);
      adw_bin_set_child (self->messages_page, GTK_WIDGET (self->messages_view));
      cercle_messages_view_set_context (self->messages_view, self->context);
    }
}

static gboolean
load_rest_cb (gpointer user_data)
{
  CercleWindow *self = user_data;

  if (self->context == NULL)
    {
      self->load_rest_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* One page per turn of the main loop, so that frames go on between */
  if (!self->members_loaded)
    load_page (self, "members");
  else if (!self->calendar_loaded)
    load_page (self, "calendar");
  else if (!self->referrals_loaded)
    load_page (self, "referrals");
  else if (!self->club_loaded)
    load_page (self, "club");
  else
    load_page (self, "messages");

  if (self->members_loaded && self->calendar_loaded && self->referrals_loaded && self->club_loaded &&
      self->messages_view != NULL)
    {
      self->load_rest_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
load_visible_page_cb (gpointer user_data)
{
  CercleWindow *self = user_data;

  load_page (self, adw_view_stack_get_visible_child_name (self->view_stack));
  if (self->context != NULL)
    cercle_context_start (self->context);
  self->load_rest_id = g_idle_add_full (G_PRIORITY_LOW, load_rest_cb, self, NULL);

  return G_SOURCE_REMOVE;
}

/* Not in the frame clock's signal: the frame it ends is finished first */
static void
on_first_paint_cb (GdkFrameClock *frame_clock,
                   CercleWindow  *self)
{
  g_clear_signal_handler (&self->first_paint_id, frame_clock);

  if (self->load_rest_id == 0)
    self->load_rest_id = g_idle_add (load_visible_page_cb, self);
}

static void
cercle_window_map (GtkWidget *widget)
{
  CercleWindow *self = CERCLE_WINDOW (widget);

  GTK_WIDGET_CLASS (cercle_window_parent_class)->map (widget);

  if (self->context != NULL && !self->members_loaded && self->first_paint_id == 0)
    self->first_paint_id = g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                                             G_CALLBACK (on_first_paint_cb), self);
}

static void
cercle_window_unmap (GtkWidget *widget)
{
  CercleWindow *self = CERCLE_WINDOW (widget);

  if (self->first_paint_id != 0)
    g_clear_signal_handler (&self->first_paint_id, gtk_widget_get_frame_clock (widget));

  GTK_WIDGET_CLASS (cercle_window_parent_class)->unmap (widget);
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
  load_page (self, "members");
  cercle_members_view_focus_search (self->members_view);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  cercle_window_show_page (CERCLE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* From a member's profile: the conversation with them */
static void
message_member_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CercleWindow *self = CERCLE_WINDOW (widget);

  cercle_window_show_page (self, "messages");
  load_page (self, "messages");
  if (self->messages_view != NULL)
    cercle_messages_view_open_conversation (self->messages_view, g_variant_get_string (parameter, NULL));
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

static void
on_left_to_close_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CercleWindow) self = user_data;

  if (cercle_members_view_leave_finish (CERCLE_MEMBERS_VIEW (object), result))
    gtk_window_close (GTK_WINDOW (self));
}

/* Too narrow for the view switcher beside the club's name: the name stays,
 * with the page under it, and the switcher moves to the bottom bar */
static void
on_title_squeezed_cb (CercleWindow *self)
{
  gboolean narrow = adw_squeezer_get_visible_child (self->title_squeezer) == GTK_WIDGET (self->narrow_title);

  adw_view_switcher_bar_set_reveal (self->switcher_bar, narrow);
}

static void
on_visible_page_changed_cb (CercleWindow *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (self->view_stack);
  const char *title = NULL;

  if (child != NULL)
    title = adw_view_stack_page_get_title (adw_view_stack_get_page (self->view_stack, child));

  adw_window_title_set_subtitle (self->narrow_title, title);

  /* Not before the window is shown: its first frame comes first */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->first_paint_id == 0)
    load_page (self, adw_view_stack_get_visible_child_name (self->view_stack));
}

static gboolean
cercle_window_close_request (GtkWindow *window)
{
  CercleWindow *self = CERCLE_WINDOW (window);

  /* Nothing a user typed is lost: a profile being edited asks first */
  if (self->context != NULL && cercle_members_view_has_unsaved_changes (self->members_view))
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "members");
      cercle_members_view_leave_async (self->members_view, NULL, on_left_to_close_cb, g_object_ref (self));
      return TRUE;
    }

  g_cancellable_cancel (self->cancellable);
  cercle_window_save_state (self);

  return GTK_WINDOW_CLASS (cercle_window_parent_class)->close_request (window);
}

static void
on_left_for_page_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CercleWindow) self = user_data;
  g_autofree char *page = g_steal_pointer (&self->leaving_for_page);

  if (cercle_members_view_leave_finish (CERCLE_MEMBERS_VIEW (object), result) && page != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, page);
}

/* Another page, while a profile is being edited with changes not saved:
 * the members page stays until the user said what to do with them */
static void
on_visible_page_cb (AdwViewStack *view_stack,
                    GParamSpec   *pspec,
                    CercleWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (view_stack);

  if (self->context == NULL || g_strcmp0 (page, "members") == 0 || self->leaving_for_page != NULL ||
      !cercle_members_view_has_unsaved_changes (self->members_view))
    return;

  self->leaving_for_page = g_strdup (page);
  adw_view_stack_set_visible_child_name (view_stack, "members");
  cercle_members_view_leave_async (self->members_view, NULL, on_left_for_page_cb, g_object_ref (self));
}

static void
cercle_window_constructed (GObject *object)
{
  CercleWindow *self = (CercleWindow *) object;

  G_OBJECT_CLASS (cercle_window_parent_class)->constructed (object);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.club-settings", self->context != NULL);

  if (self->context != NULL)
    {
      g_autofree char *club_name = cercle_context_dup_club_name (self->context);
      CercleStore *store = cercle_context_get_store (self->context);

      gtk_window_set_title (GTK_WINDOW (self), club_name);

      adw_header_bar_pack_start (self->header_bar, cercle_club_switcher_new (cercle_store_get_path (store)));
      adw_header_bar_pack_start (self->header_bar,
                                 cercle_sync_indicator_new (cercle_context_get_sync (self->context)));
    }
}

static void
cercle_window_dispose (GObject *object)
{
  CercleWindow *self = (CercleWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->load_rest_id, g_source_remove);

  if (self->shortcuts_window != NULL)
    gtk_window_destroy (self->shortcuts_window);
  g_clear_object (&self->shortcuts_window);

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
  g_clear_pointer (&self->leaving_for_page, g_free);

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
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CercleWindow *self = CERCLE_WINDOW (widget);

  if (self->shortcuts_window == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource ("/io/github/cercle/Cercle/cercle-shortcuts-window.ui");
      self->shortcuts_window = g_object_ref (GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window")));
      gtk_window_set_transient_for (self->shortcuts_window, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->shortcuts_window, TRUE);
    }

  gtk_window_present (self->shortcuts_window);
}

static void
club_settings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CercleWindow *self = CERCLE_WINDOW (widget);
  GtkWidget *settings;

  if (self->context == NULL)
    return;

  settings = cercle_club_settings_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (settings), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (settings));
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

  widget_class->map = cercle_window_map;
  widget_class->unmap = cercle_window_unmap;

  window_class->close_request = cercle_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CERCLE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  cercle_application_ensure_resources ();

  g_type_ensure (CERCLE_TYPE_MEMBERS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/cercle-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, title_squeezer);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, narrow_title);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, members_view);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, calendar_page);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, referrals_page);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, club_bin);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, club_page);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, messages_page);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, error_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, welcome_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CercleWindow, greeter_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_title_squeezed_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.message-member", "s", message_member_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.sync-conflicts", NULL, sync_conflicts_action);
  gtk_widget_class_install_action (widget_class, "win.club-settings", NULL, club_settings_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "members");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "calendar");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "referrals");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "club");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.show-page", "s", "messages");
}

static void
cercle_window_init (CercleWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (on_visible_page_cb), self, 0);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (on_visible_page_changed_cb), self, G_CONNECT_SWAPPED);
  on_visible_page_changed_cb (self);
  on_title_squeezed_cb (self);

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
  CercleWindow *self;
  g_autoptr(GMenuModel) clubs = NULL;

  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!context || CERCLE_IS_CONTEXT (context), NULL);

  self = g_object_new (CERCLE_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);

  /* Here rather than in constructed(): "application" is set only after it,
   * and a window without a club takes its settings from the application */
  clubs = cercle_club_menu_new (cercle_window_get_settings (self));
  g_menu_prepend_section (self->primary_menu, NULL, clubs);
  cercle_window_restore_state (self);

  return self;
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
    {
      adw_view_stack_set_visible_child_name (self->view_stack, page_name);
      load_page (self, page_name);
    }
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
  gtk_menu_button_set_menu_model (self->error_menu_button, G_MENU_MODEL (self->primary_menu));

  gtk_stack_set_visible_child_name (self->main_stack, "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.club-settings", FALSE);
}

/**
 * cercle_window_show_greeter:
 *
 * Shows, in place of a club's pages, the ways to get a club: join one,
 * create one, explore the demo club.
 */
void
cercle_window_show_greeter (CercleWindow *self)
{
  g_return_if_fail (CERCLE_IS_WINDOW (self));

  gtk_menu_button_set_menu_model (self->welcome_menu_button, G_MENU_MODEL (self->primary_menu));
  if (adw_bin_get_child (self->greeter_bin) == NULL)
    adw_bin_set_child (self->greeter_bin, g_object_new (CERCLE_TYPE_GREETER, NULL));

  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.club-settings", FALSE);
}
