/* cercle-greeter.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-greeter"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-greeter.h"

/* What a window shows when there is no club to open: the ways to get one.
 * Its buttons name application actions, so that the menu, the error pages
 * and the greeting do the same thing; an action the app does not have yet
 * (joining a club needs sync) leaves its button insensitive. */
struct _CercleGreeter
{
  AdwBin      parent_instance;

  GtkWidget  *demo_progress;
  GtkSpinner *demo_spinner;
};

G_DEFINE_FINAL_TYPE (CercleGreeter, cercle_greeter, ADW_TYPE_BIN)

/* The demo club takes a moment to make (its action is disabled
 * meanwhile): say so rather than leave a dead button */
static void
update_demo_progress (CercleGreeter *self,
                      GActionGroup  *actions)
{
  gboolean making = g_action_group_has_action (actions, "explore-demo") &&
                    !g_action_group_get_action_enabled (actions, "explore-demo");

  gtk_widget_set_visible (self->demo_progress, making);
  gtk_spinner_set_spinning (self->demo_spinner, making);
}

static void
on_action_enabled_changed_cb (GActionGroup  *actions,
                              const char    *action_name,
                              gboolean       enabled,
                              CercleGreeter *self)
{
  update_demo_progress (self, actions);
}

static void
cercle_greeter_map (GtkWidget *widget)
{
  CercleGreeter *self = CERCLE_GREETER (widget);
  GApplication *application = g_application_get_default ();

  GTK_WIDGET_CLASS (cercle_greeter_parent_class)->map (widget);

  if (G_IS_ACTION_GROUP (application))
    {
      g_signal_handlers_disconnect_by_func (application, on_action_enabled_changed_cb, self);
      g_signal_connect_object (application, "action-enabled-changed::explore-demo",
                               G_CALLBACK (on_action_enabled_changed_cb), self, 0);
      update_demo_progress (self, G_ACTION_GROUP (application));
    }
}

static void
cercle_greeter_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CERCLE_TYPE_GREETER);

  G_OBJECT_CLASS (cercle_greeter_parent_class)->dispose (object);
}

static void
cercle_greeter_class_init (CercleGreeterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_greeter_dispose;
  widget_class->map = cercle_greeter_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/cercle-greeter.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleGreeter, demo_progress);
  gtk_widget_class_bind_template_child (widget_class, CercleGreeter, demo_spinner);
}

static void
cercle_greeter_init (CercleGreeter *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The development build has an icon of its own */
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (adw_bin_get_child (ADW_BIN (self))), APPLICATION_ID);
}
