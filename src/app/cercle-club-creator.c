/* cercle-club-creator.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-club-creator"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-club-actions.h"
#include "cercle-club-creator.h"
#include "cercle-core.h"

/* Creating a club that lives on this computer: its name and city, and the
 * first staff member, who becomes the local user. Each field says what is
 * wrong with it as the user types; the club file is written in a thread,
 * whole or not at all (cercle_store_create_local_club()), in @directory
 * under a name made from the club's. "created" hands its path on. */
struct _CercleClubCreator
{
  AdwWindow     parent_instance;

  char         *directory;
  GCancellable *cancellable;
  gboolean      busy;
  gboolean      created;

  GtkStack     *create_stack;
  GtkSpinner   *spinner;
  GtkWidget    *cancel_button;
  AdwEntryRow  *name_row;
  AdwEntryRow  *city_row;
  AdwEntryRow  *first_name_row;
  AdwEntryRow  *last_name_row;
  AdwEntryRow  *email_row;
  GtkLabel     *error_label;
  GtkLabel     *name_error_label;
  GtkLabel     *member_error_label;
};

G_DEFINE_FINAL_TYPE (CercleClubCreator, cercle_club_creator, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DIRECTORY,
  N_PROPS
};

enum {
  CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char *path;
  char *club_name;
  char *city;
  char *first_name;
  char *last_name;
  char *email;
} Creation;

static void
creation_free (Creation *creation)
{
  g_free (creation->path);
  g_free (creation->club_name);
  g_free (creation->city);
  g_free (creation->first_name);
  g_free (creation->last_name);
  g_free (creation->email);
  g_free (creation);
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
row_is_blank (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (row_text (row)));

  return *text == '\0';
}

static gboolean
has_typed_anything (CercleClubCreator *self)
{
  AdwEntryRow *rows[] = { self->name_row, self->city_row, self->first_name_row,
                          self->last_name_row, self->email_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (!row_is_blank (rows[i]))
      return TRUE;

  return FALSE;
}

/* Shows @message (or nothing) under a group, marks @row and tells a screen
 * reader why */
static void
show_field_error (GtkLabel    *label,
                  AdwEntryRow *row,
                  const char  *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);

  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* A required field that was never typed in is not yet an error: the user
 * has not got there. Returns whether everything needed is valid. */
static gboolean
validate (CercleClubCreator *self,
          gboolean           insist)
{
  g_autoptr(GError) email_error = NULL;
  const char *name_message = NULL;
  const char *member_message = NULL;
  AdwEntryRow *member_row = NULL;
  gboolean name_ok = !row_is_blank (self->name_row);
  gboolean first_ok = !row_is_blank (self->first_name_row);
  gboolean email_ok = cercle_validate_email (row_text (self->email_row), &email_error);

  if (!name_ok && (insist || has_typed_anything (self)))
    name_message = _("The club needs a name.");

  if (!email_ok && (insist || *row_text (self->email_row) != '\0'))
    {
      member_message = email_error->message;
      member_row = self->email_row;
    }
  else if (!first_ok && (insist || !row_is_blank (self->last_name_row)))
    {
      member_message = _("The staff member needs a first name.");
      member_row = self->first_name_row;
    }

  show_field_error (self->name_error_label, self->name_row, name_message);
  show_field_error (self->member_error_label, self->email_row,
                    member_row == self->email_row ? member_message : NULL);
  show_field_error (self->member_error_label, self->first_name_row,
                    member_row == self->first_name_row ? member_message : NULL);
  /* the label is shared by the two rows of the group */
  gtk_label_set_text (self->member_error_label, member_message ? member_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->member_error_label), member_message != NULL);

  return name_ok && first_ok && email_ok;
}

static void
update_sensitivity (CercleClubCreator *self)
{
  AdwEntryRow *rows[] = { self->name_row, self->city_row, self->first_name_row,
                          self->last_name_row, self->email_row };
  gboolean valid = validate (self, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_set_sensitive (GTK_WIDGET (rows[i]), !self->busy);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "creator.create", valid && !self->busy);
  gtk_widget_set_sensitive (self->cancel_button, !self->busy);
  gtk_stack_set_visible_child_name (self->create_stack, self->busy ? "busy" : "button");
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

/* "Club d'affaires de Lyon" → "club-daffaires-de-lyon.db", or with a
 * number when that name is taken */
static char *
choose_path (const char *directory,
             const char *club_name)
{
  g_autofree char *ascii = g_str_to_ascii (club_name, NULL);
  g_autoptr(GString) slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && slug->len < 48; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-' && (*p == ' ' || *p == '-' || *p == '_'))
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_assign (slug, "club");

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *base = n == 1 ? g_strdup_printf ("%s.db", slug->str)
                                     : g_strdup_printf ("%s-%u.db", slug->str, n);
      g_autofree char *path = g_build_filename (directory, base, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }

  return g_build_filename (directory, "club.db", NULL);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Creation *creation = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_path_get_dirname (creation->path);

  if (!cercle_club_ensure_folder (directory, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!cercle_store_create_local_club (creation->path, creation->club_name, creation->city,
                                       creation->first_name, creation->last_name,
                                       creation->email, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_created_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CercleClubCreator *self = CERCLE_CLUB_CREATOR (object);
  Creation *creation = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_text (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
          update_sensitivity (self);
        }
      return;
    }

  self->created = TRUE;
  g_signal_emit (self, signals[CREATED], 0, creation->path);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CercleClubCreator *self = CERCLE_CLUB_CREATOR (widget);
  g_autoptr(GTask) task = NULL;
  Creation *creation;

  if (self->busy || !validate (self, TRUE))
    return;

  creation = g_new0 (Creation, 1);
  creation->club_name = g_strdup (row_text (self->name_row));
  creation->path = choose_path (self->directory, creation->club_name);
  creation->city = g_strdup (row_text (self->city_row));
  creation->first_name = g_strdup (row_text (self->first_name_row));
  creation->last_name = g_strdup (row_text (self->last_name_row));
  creation->email = g_strdup (row_text (self->email_row));

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  self->busy = TRUE;
  update_sensitivity (self);

  task = g_task_new (self, self->cancellable, on_created_cb, NULL);
  g_task_set_source_tag (task, create_action);
  g_task_set_task_data (task, creation, (GDestroyNotify) creation_free);
  g_task_run_in_thread (task, create_thread);
}

static void
on_row_changed_cb (CercleClubCreator *self)
{
  update_sensitivity (self);
}

static void
on_entry_activated_cb (CercleClubCreator *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "creator.create", NULL);
}

static void
on_discard_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        CercleClubCreator *self)
{
  if (g_str_equal (response, "discard"))
    {
      self->created = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

/* Nothing typed is lost without asking; a club being written is let be */
static gboolean
cercle_club_creator_close_request (GtkWindow *window)
{
  CercleClubCreator *self = CERCLE_CLUB_CREATOR (window);
  GtkWidget *dialog;

  if (self->busy)
    return TRUE;

  if (self->created || !has_typed_anything (self))
    return GTK_WINDOW_CLASS (cercle_club_creator_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Discard the New Club?"),
                                   _("What you typed for this club will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
cercle_club_creator_dispose (GObject *object)
{
  CercleClubCreator *self = (CercleClubCreator *) object;

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_CLUB_CREATOR);

  G_OBJECT_CLASS (cercle_club_creator_parent_class)->dispose (object);
}

static void
cercle_club_creator_finalize (GObject *object)
{
  CercleClubCreator *self = (CercleClubCreator *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->directory, g_free);

  G_OBJECT_CLASS (cercle_club_creator_parent_class)->finalize (object);
}

static void
cercle_club_creator_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CercleClubCreator *self = CERCLE_CLUB_CREATOR (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_club_creator_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CercleClubCreator *self = CERCLE_CLUB_CREATOR (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_club_creator_class_init (CercleClubCreatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cercle_club_creator_dispose;
  object_class->finalize = cercle_club_creator_finalize;
  object_class->get_property = cercle_club_creator_get_property;
  object_class->set_property = cercle_club_creator_set_property;

  window_class->close_request = cercle_club_creator_close_request;

  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CercleClubCreator::created:
   * @path: the new club's file
   */
  signals[CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/cercle-club-creator.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleClubCreator, create_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleClubCreator, spinner);
  gtk_widget_class_bind_template_child (widget_class, CercleClubCreator, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CercleClubCreator, name_row);
  gtk_widget_class_bind_template_child (widget_class, CercleClubCreator, city_row);
  gtk_widget_class_bind_template_child (widget_class, CercleClubCreator, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, CercleClubCreator, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, CercleClubCreator, email_row);
  gtk_widget_class_bind_template_child (widget_class, CercleClubCreator, error_label);
  gtk_widget_class_bind_template_child (widget_class, CercleClubCreator, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, CercleClubCreator, member_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "creator.create", NULL, create_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cercle_club_creator_init (CercleClubCreator *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  update_sensitivity (self);
}

/**
 * cercle_club_creator_new:
 * @directory: the folder the club file goes to
 */
CercleClubCreator *
cercle_club_creator_new (const char *directory)
{
  g_return_val_if_fail (directory != NULL, NULL);

  return g_object_new (CERCLE_TYPE_CLUB_CREATOR,
                       "directory", directory,
                       NULL);
}

const char *
cercle_club_creator_get_directory (CercleClubCreator *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB_CREATOR (self), NULL);

  return self->directory;
}
