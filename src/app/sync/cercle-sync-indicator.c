/* cercle-sync-indicator.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-sync-indicator.h"

/* The header bar's word on sync: an icon whose accessible name says where
 * the club's sync stands, and a popover with the details and what to do
 * (sync now, sign in again, review conflicts). Hidden for a club that
 * syncs with no server. */

struct _CercleSyncIndicator
{
  AdwBin          parent_instance;

  CercleClubSync *sync;

  GtkMenuButton  *button;
  GtkLabel       *title;
  GtkLabel       *details;
  GtkButton      *sync_button;
  GtkButton      *sign_in_button;
  GtkButton      *conflicts_button;
  GtkWidget      *box;
};

G_DEFINE_FINAL_TYPE (CercleSyncIndicator, cercle_sync_indicator, ADW_TYPE_BIN)

/* Fits a 360 px window, with the popover's margins */
#define POPOVER_WIDTH 280

static const char *
status_icon (CercleSyncStatus status)
{
  switch (status)
    {
    case CERCLE_SYNC_STATUS_SYNCING:
      return "emblem-synchronizing-symbolic";
    case CERCLE_SYNC_STATUS_OFFLINE:
      return "network-offline-symbolic";
    case CERCLE_SYNC_STATUS_ERROR:
    case CERCLE_SYNC_STATUS_SIGN_IN:
      return "dialog-warning-symbolic";
    case CERCLE_SYNC_STATUS_SYNCED:
    case CERCLE_SYNC_STATUS_LOCAL:
    default:
      return "emblem-ok-symbolic";
    }
}

/* GTK 4.8's popover asks its child's height for a width wider than the
 * one it then gives it: the wrapped message, measured on fewer lines than
 * it takes, cut the last button. The box asks for the height it needs at
 * its own width, whatever width it is asked about. */
static void
fit_popover (CercleSyncIndicator *self)
{
  int margins = gtk_widget_get_margin_start (self->box) + gtk_widget_get_margin_end (self->box);
  int height = 0;

  gtk_widget_set_size_request (self->box, POPOVER_WIDTH, -1);
  gtk_widget_measure (self->box, GTK_ORIENTATION_VERTICAL, POPOVER_WIDTH + margins, &height, NULL, NULL, NULL);
  height -= gtk_widget_get_margin_top (self->box) + gtk_widget_get_margin_bottom (self->box);
  gtk_widget_set_size_request (self->box, POPOVER_WIDTH, height);
}

static void
update (CercleSyncIndicator *self)
{
  CercleSyncStatus status = cercle_club_sync_get_status (self->sync);
  g_autofree char *title = cercle_club_sync_dup_title (self->sync);
  const char *message = cercle_club_sync_get_message (self->sync);
  guint n_conflicts = cercle_club_sync_get_n_conflicts (self->sync);
  g_autofree char *conflicts = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), status != CERCLE_SYNC_STATUS_LOCAL);

  gtk_menu_button_set_icon_name (self->button, status_icon (status));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  gtk_label_set_label (self->title, title);
  gtk_label_set_label (self->details, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details), message != NULL && *message != '\0');

  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), status != CERCLE_SYNC_STATUS_SYNCING);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), status != CERCLE_SYNC_STATUS_SIGN_IN);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_button), status == CERCLE_SYNC_STATUS_SIGN_IN);

  conflicts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Review %u Change Not Taken…",
                                            "Review %u Changes Not Taken…",
                                            n_conflicts),
                               n_conflicts);
  gtk_button_set_label (self->conflicts_button, conflicts);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_button), n_conflicts > 0);

  if (n_conflicts > 0 || status == CERCLE_SYNC_STATUS_ERROR || status == CERCLE_SYNC_STATUS_SIGN_IN)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "warning");

  fit_popover (self);
}

static void
on_popover_show_cb (CercleSyncIndicator *self)
{
  /* Its buttons have their style only now */
  fit_popover (self);
}

static void
on_sync_notify_cb (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  update (user_data);
}

static void
on_sync_clicked_cb (CercleSyncIndicator *self)
{
  cercle_club_sync_sync_now (self->sync);
}

static void
cercle_sync_indicator_dispose (GObject *object)
{
  CercleSyncIndicator *self = CERCLE_SYNC_INDICATOR (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->sync);

  G_OBJECT_CLASS (cercle_sync_indicator_parent_class)->dispose (object);
}

static void
cercle_sync_indicator_class_init (CercleSyncIndicatorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cercle_sync_indicator_dispose;
}

static GtkButton *
popover_button (GtkBox     *box,
                const char *label,
                const char *action_name)
{
  GtkButton *button = GTK_BUTTON (gtk_button_new_with_mnemonic (label));

  if (action_name != NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_box_append (box, GTK_WIDGET (button));

  return button;
}

static void
wrap_to_box (GtkLabel *label)
{
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (label, 1);
  gtk_label_set_max_width_chars (label, 1);
  gtk_label_set_xalign (label, 0);
}

static void
cercle_sync_indicator_init (CercleSyncIndicator *self)
{
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  GtkWidget *popover = gtk_popover_new ();

  gtk_widget_set_margin_start (GTK_WIDGET (box), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (box), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (box), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (box), 6);
  /* A fixed width, which the wrapped labels fill rather than set (see
   * fit_popover()) */
  gtk_widget_set_size_request (GTK_WIDGET (box), POPOVER_WIDTH, -1);
  self->box = GTK_WIDGET (box);

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  wrap_to_box (self->title);
  gtk_box_append (box, GTK_WIDGET (self->title));

  self->details = GTK_LABEL (gtk_label_new (NULL));
  wrap_to_box (self->details);
  gtk_widget_add_css_class (GTK_WIDGET (self->details), "dim-label");
  gtk_box_append (box, GTK_WIDGET (self->details));

  self->sync_button = popover_button (box, _("_Sync Now"), NULL);
  g_signal_connect_swapped (self->sync_button, "clicked", G_CALLBACK (on_sync_clicked_cb), self);
  self->sign_in_button = popover_button (box, _("Sign _In Again…"), "app.add-club");
  gtk_widget_add_css_class (GTK_WIDGET (self->sign_in_button), "suggested-action");
  self->conflicts_button = popover_button (box, "", "win.sync-conflicts");

  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (box));
  g_signal_connect_swapped (popover, "show", G_CALLBACK (on_popover_show_cb), self);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (self->button, popover);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->button));
}

/**
 * cercle_sync_indicator_new:
 * @sync: (nullable): the club's sync; %NULL for a club without one
 */
GtkWidget *
cercle_sync_indicator_new (CercleClubSync *sync)
{
  CercleSyncIndicator *self = g_object_new (CERCLE_TYPE_SYNC_INDICATOR, NULL);

  if (sync == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return GTK_WIDGET (self);
    }

  self->sync = g_object_ref (sync);
  g_signal_connect_object (sync, "notify", G_CALLBACK (on_sync_notify_cb), self, 0);
  update (self);

  return GTK_WIDGET (self);
}
