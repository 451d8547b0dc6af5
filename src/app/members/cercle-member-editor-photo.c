/* cercle-member-editor-photo.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-member-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cercle-member-editor-private.h"
#include "cercle-member-photo.h"

/* The editor's photo: chosen in the file chooser, scaled off the main
 * thread by cercle-member-photo.c, shown in the avatar beside the name. */

void
_cercle_member_editor_update_avatar (CercleMemberEditor *self)
{
  g_autoptr(GdkPaintable) paintable = cercle_member_photo_to_paintable (self->photo);
  g_autofree char *first = _cercle_member_editor_field_text (self, 0);
  g_autofree char *last = _cercle_member_editor_field_text (self, 1);
  g_autofree char *name = cercle_format_full_name (first, last);

  adw_avatar_set_text (self->avatar, name);
  adw_avatar_set_custom_image (self->avatar, paintable);
  gtk_widget_set_sensitive (self->remove_photo_button, self->photo != NULL);
}

static void
on_photo_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CercleMemberEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *photo = cercle_member_photo_load_finish (result, &error);

  if (photo == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_text (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_free (self->photo);
  self->photo = g_steal_pointer (&photo);
  _cercle_member_editor_changed (self);
}

static void
on_photo_chosen_cb (GtkNativeDialog    *dialog,
                    int                 response,
                    CercleMemberEditor *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      cercle_member_photo_load_async (file, self->cancellable, on_photo_loaded_cb, g_object_ref (self));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_photo_clicked_cb (GtkButton          *button,
                     CercleMemberEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose a Photo"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Pictures"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_photo_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_remove_photo_clicked_cb (GtkButton          *button,
                            CercleMemberEditor *self)
{
  g_clear_pointer (&self->photo, g_free);
  _cercle_member_editor_changed (self);
}

void
_cercle_member_editor_install_photo (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_photo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_photo_clicked_cb);
}
