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
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (CercleGreeter, cercle_greeter, ADW_TYPE_BIN)

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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/cercle-greeter.ui");
}

static void
cercle_greeter_init (CercleGreeter *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The development build has an icon of its own */
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (adw_bin_get_child (ADW_BIN (self))), APPLICATION_ID);
}
