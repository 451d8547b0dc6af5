/* cercle-club-settings.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-club-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-club-logo.h"
#include "cercle-club-settings.h"

/* What the club is to its members and on its badges: its name, city,
 * website, description and logo, and whether business is ranked. They
 * are the club's data, not the app's: saved to the club's database (and
 * so sent to its server) as the staff change them, as GNOME settings
 * apply at once. A text still being typed is saved when the window
 * closes, so nothing typed is lost. Members see the same window, read
 * only: the rules of cercle-permission.c say who changes what. */

struct _CercleClubSettings
{
  AdwPreferencesWindow  parent_instance;

  CercleContext        *context;
  GCancellable         *cancellable;
  /* The logo a removal replaced, for Undo */
  char                 *removed_logo;
  /* The stored value each text row shows, to tell what is being typed */
  GHashTable           *stored;
  gboolean              filling;

  AdwPreferencesGroup  *identity_group;
  AdwEntryRow          *name_row;
  AdwEntryRow          *city_row;
  AdwEntryRow          *website_row;
  AdwEntryRow          *description_row;
  AdwActionRow         *logo_row;
  GtkStack             *logo_stack;
  GtkPicture           *logo_picture;
  GtkSpinner           *logo_spinner;
  GtkWidget            *choose_logo_button;
  GtkWidget            *remove_logo_button;
  AdwActionRow         *rank_row;
  GtkSwitch            *rank_switch;
};

G_DEFINE_FINAL_TYPE (CercleClubSettings, cercle_club_settings, ADW_TYPE_PREFERENCES_WINDOW)

/* The club's text fields, by the property and column they edit */
static const struct {
  const char *property;
  const char *column;
  gsize       row_offset;
} text_fields[] = {
  { "name", "name", G_STRUCT_OFFSET (CercleClubSettings, name_row) },
  { "city", "city", G_STRUCT_OFFSET (CercleClubSettings, city_row) },
  { "website", "website", G_STRUCT_OFFSET (CercleClubSettings, website_row) },
  { "description", "description", G_STRUCT_OFFSET (CercleClubSettings, description_row) },
};

#define ROW_AT(self, i) (G_STRUCT_MEMBER (AdwEntryRow *, (self), text_fields[i].row_offset))

static void
show_message (CercleClubSettings *self,
              const char         *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static CercleClub *
dup_club (CercleClubSettings  *self,
          GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  CercleClub *club;

  club = cercle_store_dup_club (cercle_context_get_store (self->context), &local_error);
  if (club == NULL && local_error == NULL)
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("This club has no settings yet: sync it with its server first."));
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return club;
}

static void
show_logo (CercleClubSettings *self,
           const char         *logo)
{
  g_autoptr(GdkPaintable) paintable = cercle_club_logo_to_paintable (logo);

  gtk_picture_set_paintable (self->logo_picture, paintable);
  gtk_stack_set_visible_child_name (self->logo_stack, paintable != NULL ? "logo" : "none");
  adw_action_row_set_subtitle (self->logo_row,
                               paintable != NULL ? _("Printed on badges")
                                                 : logo != NULL ? _("This logo cannot be read")
                                                                : _("None"));
  gtk_widget_set_visible (self->remove_logo_button, logo != NULL);
}

/* Shows the club as stored; a row being typed in keeps what it holds */
static void
fill (CercleClubSettings *self)
{
  g_autoptr(CercleClub) club = NULL;
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean staff_edits = FALSE;

  viewer = cercle_store_dup_viewer (cercle_context_get_store (self->context), NULL);
  if (!(club = dup_club (self, &error)))
    {
      show_message (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->identity_group), FALSE);
      return;
    }

  self->filling = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      AdwEntryRow *row = ROW_AT (self, i);
      g_autofree char *value = NULL;
      const char *shown = gtk_editable_get_text (GTK_EDITABLE (row));
      const char *before = g_hash_table_lookup (self->stored, text_fields[i].property);
      gboolean editable = viewer != NULL && cercle_permission_can_edit_field (viewer, CERCLE_RECORD (club),
                                                                            text_fields[i].column);

      g_object_get (club, text_fields[i].property, &value, NULL);
      if (before == NULL || g_strcmp0 (shown, before) == 0)
        gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
      g_hash_table_insert (self->stored, (gpointer)text_fields[i].property, g_strdup (value ? value : ""));
      gtk_widget_set_sensitive (GTK_WIDGET (row), editable);
      staff_edits |= editable;
    }

  show_logo (self, cercle_club_get_logo (club));
  gtk_switch_set_active (self->rank_switch, cercle_club_get_rank_business (club));

  gtk_widget_set_sensitive (self->choose_logo_button,
                            viewer != NULL && cercle_permission_can_edit_field (viewer, CERCLE_RECORD (club), "logo"));
  gtk_widget_set_sensitive (self->remove_logo_button, gtk_widget_get_sensitive (self->choose_logo_button));
  gtk_widget_set_sensitive (GTK_WIDGET (self->rank_row),
                            viewer != NULL && cercle_permission_can_edit_field (viewer, CERCLE_RECORD (club),
                                                                                "rank_business"));
  adw_preferences_group_set_description (self->identity_group,
                                         staff_edits ? NULL : _("Only the club’s staff change these settings."));

  self->filling = FALSE;
}

/* Saves one field of the club; a refusal is told and the stored value
 * shown again */
static gboolean
save_value (CercleClubSettings *self,
            const char         *property,
            const GValue       *value)
{
  g_autoptr(CercleClub) club = NULL;
  g_autoptr(GError) error = NULL;

  if ((club = dup_club (self, &error)) != NULL)
    {
      g_object_set_property (G_OBJECT (club), property, value);
      if (cercle_store_save (cercle_context_get_store (self->context), CERCLE_RECORD (club), &error))
        return TRUE;
    }

  show_message (self, error->message);
  return FALSE;
}

static gboolean
save_text (CercleClubSettings *self,
           guint               field)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (ROW_AT (self, field)))));
  g_autoptr(GError) error = NULL;
  const char *property = text_fields[field].property;

  if (g_strcmp0 (property, "name") == 0 && *text == '\0')
    {
      show_message (self, _("A club needs a name."));
      return FALSE;
    }

  if (g_strcmp0 (property, "website") == 0 && *text != '\0')
    {
      g_autofree char *url = cercle_validate_url (text, &error);

      if (url == NULL)
        {
          show_message (self, error->message);
          return FALSE;
        }
      g_free (text);
      text = g_steal_pointer (&url);
    }

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, *text != '\0' ? text : NULL);
  if (!save_value (self, property, &value))
    return FALSE;

  g_hash_table_insert (self->stored, (gpointer)property, g_strdup (text));
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (ROW_AT (self, field)), text);
  self->filling = FALSE;

  return TRUE;
}

static void
on_row_apply_cb (AdwEntryRow        *row,
                 CercleClubSettings *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (ROW_AT (self, i) == row)
      save_text (self, i);
}

static void
on_rank_active_cb (GtkSwitch          *rank_switch,
                   GParamSpec         *pspec,
                   CercleClubSettings *self)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->filling)
    return;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, gtk_switch_get_active (rank_switch));
  if (!save_value (self, "rank-business", &value))
    fill (self);
}

static gboolean
save_logo (CercleClubSettings *self,
           const char         *logo)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, logo);

  return save_value (self, "logo", &value);
}

static void
on_logo_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CercleClubSettings) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *logo = cercle_club_logo_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->logo_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->logo_spinner), FALSE);
  gtk_widget_set_sensitive (self->choose_logo_button, TRUE);

  if (logo == NULL)
    {
      show_message (self, error->message);
      return;
    }

  if (save_logo (self, logo))
    show_logo (self, logo);
}

/**
 * cercle_club_settings_set_logo:
 * @file: a picture file
 *
 * Makes the club's logo of @file and saves it, in the background; what
 * goes wrong is told in the window.
 */
void
cercle_club_settings_set_logo (CercleClubSettings *self,
                               GFile              *file)
{
  g_return_if_fail (CERCLE_IS_CLUB_SETTINGS (self));
  g_return_if_fail (G_IS_FILE (file));

  gtk_widget_set_visible (GTK_WIDGET (self->logo_spinner), TRUE);
  gtk_spinner_start (self->logo_spinner);
  gtk_widget_set_sensitive (self->choose_logo_button, FALSE);
  cercle_club_logo_load_async (file, self->cancellable, on_logo_loaded_cb, g_object_ref (self));
}

static void
on_logo_chosen_cb (GtkNativeDialog    *chooser,
                   int                 response,
                   CercleClubSettings *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        cercle_club_settings_set_logo (self, file);
    }

  g_object_unref (chooser);
}

static void
on_choose_logo_clicked_cb (GtkButton          *button,
                           CercleClubSettings *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose the Club’s Logo"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Pictures"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_logo_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_remove_logo_clicked_cb (GtkButton          *button,
                           CercleClubSettings *self)
{
  g_autoptr(CercleClub) club = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *removed = NULL;
  AdwToast *toast;

  if (!(club = dup_club (self, &error)))
    {
      show_message (self, error->message);
      return;
    }

  removed = g_strdup (cercle_club_get_logo (club));
  if (!save_logo (self, NULL))
    return;

  show_logo (self, NULL);
  g_free (self->removed_logo);
  self->removed_logo = g_steal_pointer (&removed);

  /* A logo's file may be long gone: the way back is here */
  toast = adw_toast_new (_("Logo removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "settings.undo-remove-logo");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
undo_remove_logo_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CercleClubSettings *self = CERCLE_CLUB_SETTINGS (widget);

  if (self->removed_logo != NULL && save_logo (self, self->removed_logo))
    {
      show_logo (self, self->removed_logo);
      g_clear_pointer (&self->removed_logo, g_free);
    }
}

static void
on_store_changed_cb (CercleStore        *store,
                     CercleChangeSet    *changes,
                     CercleClubSettings *self)
{
  if (cercle_change_set_touches (changes, CERCLE_ENTITY_CLUB) ||
      cercle_change_set_get_local_user_changed (changes))
    fill (self);
}

static void
cercle_club_settings_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (cercle_club_settings_parent_class)->map (widget);

  /* Not the club's name, selected, at the mercy of the first key pressed */
  gtk_window_set_focus (GTK_WINDOW (widget), NULL);
}

static gboolean
cercle_club_settings_close_request (GtkWindow *window)
{
  CercleClubSettings *self = CERCLE_CLUB_SETTINGS (window);

  /* What is still being typed is saved, as if applied */
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      AdwEntryRow *row = ROW_AT (self, i);
      const char *stored = g_hash_table_lookup (self->stored, text_fields[i].property);

      if (gtk_widget_get_sensitive (GTK_WIDGET (row)) && stored != NULL &&
          g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), stored) != 0 &&
          !save_text (self, i))
        {
          gtk_widget_grab_focus (GTK_WIDGET (row));
          return TRUE;
        }
    }

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (cercle_club_settings_parent_class)->close_request (window);
}

static void
cercle_club_settings_dispose (GObject *object)
{
  CercleClubSettings *self = CERCLE_CLUB_SETTINGS (object);

  g_cancellable_cancel (self->cancellable);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (cercle_context_get_store (self->context), on_store_changed_cb, self);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->removed_logo, g_free);
  g_clear_pointer (&self->stored, g_hash_table_unref);

  G_OBJECT_CLASS (cercle_club_settings_parent_class)->dispose (object);
}

static void
cercle_club_settings_class_init (CercleClubSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cercle_club_settings_dispose;
  widget_class->map = cercle_club_settings_map;
  window_class->close_request = cercle_club_settings_close_request;

  gtk_widget_class_install_action (widget_class, "settings.undo-remove-logo", NULL, undo_remove_logo_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/cercle-club-settings.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleClubSettings, identity_group);
  gtk_widget_class_bind_template_child (widget_class, CercleClubSettings, name_row);
  gtk_widget_class_bind_template_child (widget_class, CercleClubSettings, city_row);
  gtk_widget_class_bind_template_child (widget_class, CercleClubSettings, website_row);
  gtk_widget_class_bind_template_child (widget_class, CercleClubSettings, description_row);
  gtk_widget_class_bind_template_child (widget_class, CercleClubSettings, logo_row);
  gtk_widget_class_bind_template_child (widget_class, CercleClubSettings, logo_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleClubSettings, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, CercleClubSettings, logo_spinner);
  gtk_widget_class_bind_template_child (widget_class, CercleClubSettings, choose_logo_button);
  gtk_widget_class_bind_template_child (widget_class, CercleClubSettings, remove_logo_button);
  gtk_widget_class_bind_template_child (widget_class, CercleClubSettings, rank_row);
  gtk_widget_class_bind_template_child (widget_class, CercleClubSettings, rank_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rank_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_logo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_logo_clicked_cb);
}

static void
cercle_club_settings_init (CercleClubSettings *self)
{
  self->cancellable = g_cancellable_new ();
  self->stored = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * cercle_club_settings_new:
 *
 * Returns: (transfer full): a window showing @context's club, which its
 *   staff can change
 */
GtkWidget *
cercle_club_settings_new (CercleContext *context)
{
  CercleClubSettings *self;

  g_return_val_if_fail (CERCLE_IS_CONTEXT (context), NULL);

  self = g_object_new (CERCLE_TYPE_CLUB_SETTINGS, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (cercle_context_get_store (context), "changed",
                           G_CALLBACK (on_store_changed_cb), self, 0);
  fill (self);

  return GTK_WIDGET (self);
}
