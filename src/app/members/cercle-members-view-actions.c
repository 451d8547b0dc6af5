/* cercle-members-view-actions.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-members-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-import-dialog.h"
#include "cercle-members-view-private.h"

/* What the member directory does beyond finding and showing members:
 * editing a profile (and never losing what was typed), the membership's
 * life cycle for staff, and imports and exports. Every action asks the
 * rule files whether the local user may, and is hidden otherwise. */

static CercleStore *
get_store (CercleMembersView *self)
{
  return cercle_context_get_store (self->context);
}

static CercleViewer *
dup_viewer (CercleMembersView *self)
{
  CercleViewer *viewer = NULL;

  if (self->context != NULL)
    viewer = cercle_store_dup_viewer (get_store (self), NULL);

  return viewer != NULL ? viewer : cercle_viewer_new (NULL, FALSE);
}

static CercleMember *
dup_shown_member (CercleMembersView *self)
{
  if (self->context == NULL || self->shown_member_id == NULL)
    return NULL;

  return cercle_store_get_record (get_store (self), CERCLE_TYPE_MEMBER, self->shown_member_id, NULL);
}

static char *
dup_name (CercleMember *member)
{
  return cercle_format_full_name (cercle_member_get_first_name (member),
                                  cercle_member_get_last_name (member));
}

void
_cercle_members_view_toast (CercleMembersView *self,
                            const char        *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

gboolean
_cercle_members_view_is_editing (CercleMembersView *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->details_stack), "editor") == 0;
}

void
_cercle_members_view_update_actions (CercleMembersView *self)
{
  g_autoptr(CercleViewer) viewer = dup_viewer (self);
  g_autoptr(CercleMember) member = dup_shown_member (self);
  gboolean editing = _cercle_members_view_is_editing (self);
  gboolean can_add = self->context != NULL && cercle_permission_can_create (viewer, CERCLE_ENTITY_MEMBER);
  gboolean can_edit = member != NULL &&
                      cercle_permission_can_edit_field (viewer, CERCLE_RECORD (member), "first_name");
  CercleMemberStatus status = member != NULL ? cercle_member_get_status (member) : CERCLE_MEMBER_STATUS_ACTIVE;
  GtkWidget *widget = GTK_WIDGET (self);

  /* Staff edit anyone; a member their own profile */
  gtk_widget_action_set_enabled (widget, "members.edit", !editing && can_edit);
  gtk_widget_action_set_enabled (widget, "members.add-candidate", !editing && can_add);
  gtk_widget_action_set_enabled (widget, "members.sponsor-candidate",
                                 !editing && can_add && member != NULL && status == CERCLE_MEMBER_STATUS_ACTIVE);
  gtk_widget_action_set_enabled (widget, "members.import", !editing && can_add);
  gtk_widget_action_set_enabled (widget, "members.export-list", self->context != NULL);
  gtk_widget_action_set_enabled (widget, "members.export-member", member != NULL);
  gtk_widget_action_set_enabled (widget, "members.approve",
                                 !editing && member != NULL &&
                                 status == CERCLE_MEMBER_STATUS_CANDIDATE &&
                                 cercle_membership_can_move (viewer, status, CERCLE_MEMBER_STATUS_ACTIVE));
  gtk_widget_action_set_enabled (widget, "members.to-alumni",
                                 !editing && member != NULL &&
                                 cercle_membership_can_move (viewer, status, CERCLE_MEMBER_STATUS_ALUMNI));
  gtk_widget_action_set_enabled (widget, "members.reinstate",
                                 !editing && member != NULL &&
                                 status == CERCLE_MEMBER_STATUS_ALUMNI &&
                                 cercle_membership_can_move (viewer, status, CERCLE_MEMBER_STATUS_ACTIVE));

  gtk_widget_set_visible (self->details_header, !editing);
  gtk_widget_set_visible (self->edit_button, can_edit);
  gtk_widget_set_visible (self->member_menu_button, member != NULL);
}

static void
open_editor (CercleMembersView *self)
{
  gtk_stack_set_visible_child_name (self->details_stack, "editor");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->details_pane);
  _cercle_members_view_update_actions (self);
  cercle_member_editor_focus_first_field (_cercle_members_view_ensure_editor (self));
}

void
_cercle_members_view_close_editor (CercleMembersView *self)
{
  if (!_cercle_members_view_is_editing (self))
    return;

  gtk_stack_set_visible_child_name (self->details_stack, self->shown_member_id != NULL ? "details" : "none");
  _cercle_members_view_update_actions (self);
  gtk_widget_grab_focus (self->shown_member_id != NULL ? self->edit_button : GTK_WIDGET (self->search_entry));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CercleMembersView *self = CERCLE_MEMBERS_VIEW (widget);
  g_autoptr(CercleMember) member = dup_shown_member (self);

  if (member == NULL)
    return;

  cercle_member_editor_edit (_cercle_members_view_ensure_editor (self), member);
  open_editor (self);
}

static void
add_candidate_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CercleMembersView *self = CERCLE_MEMBERS_VIEW (widget);

  cercle_member_editor_add_candidate (_cercle_members_view_ensure_editor (self), NULL);
  open_editor (self);
}

static void
sponsor_candidate_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CercleMembersView *self = CERCLE_MEMBERS_VIEW (widget);

  cercle_member_editor_add_candidate (_cercle_members_view_ensure_editor (self), self->shown_member_id);
  open_editor (self);
}

/* Staff move a membership along its life cycle, from the profile */
static void
move_membership (CercleMembersView  *self,
                 CercleMemberStatus  to)
{
  g_autoptr(CercleMember) member = dup_shown_member (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (member == NULL)
    return;

  name = dup_name (member);
  cercle_membership_move (member, to, now);

  if (!cercle_store_save (get_store (self), CERCLE_RECORD (member), &error))
    {
      _cercle_members_view_toast (self, error->message);
      return;
    }

  if (to == CERCLE_MEMBER_STATUS_ALUMNI)
    /* Translators: %s is a member's name */
    message = g_strdup_printf (_("%s is now among the alumni"), name);
  else
    /* Translators: %s is a member's name */
    message = g_strdup_printf (_("%s is now an active member"), name);
  _cercle_members_view_toast (self, message);
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_membership (CERCLE_MEMBERS_VIEW (widget), CERCLE_MEMBER_STATUS_ACTIVE);
}

static void
to_alumni_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_membership (CERCLE_MEMBERS_VIEW (widget), CERCLE_MEMBER_STATUS_ALUMNI);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CercleMembersView *self = CERCLE_MEMBERS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  cercle_import_dialog_choose_file (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context);
}

typedef struct
{
  CercleMembersView *self;
  guint              n_members;
} ExportData;

static void
on_exported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!cercle_store_export_members_finish (CERCLE_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Could not export: %s"), error->message);

          _cercle_members_view_toast (data->self, message);
        }
    }
  else
    {
      g_autofree char *count = cercle_format_count (data->n_members);
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%s member exported",
                                                               "%s members exported",
                                                               data->n_members),
                                                  count);

      _cercle_members_view_toast (data->self, message);
    }

  g_object_unref (data->self);
  g_free (data);
}

/* Asks where to save, then writes @rows there in a worker thread */
typedef struct
{
  CercleMembersView  *self;
  GArray             *rows;
  CercleMemberFormat  format;
} SaveData;

static void
on_export_file_chosen_cb (GtkNativeDialog *dialog,
                          int              response,
                          gpointer         user_data)
{
  SaveData *data = user_data;

  if (response == GTK_RESPONSE_ACCEPT && data->self->context != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      ExportData *export = g_new0 (ExportData, 1);

      export->self = g_object_ref (data->self);
      export->n_members = data->rows->len;
      /* The window's: closing it stops the export, which leaves no file */
      cercle_store_export_members_async (get_store (data->self), data->rows, data->format, file,
                                         data->self->cancellable, on_exported_cb, export);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (data->self);
  g_array_unref (data->rows);
  g_free (data);
}

static void
export (CercleMembersView  *self,
        GArray             *rows,
        CercleMemberFormat  format,
        const char         *title,
        const char         *suggested_name)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  SaveData *data;

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->rows = g_array_ref (rows);
  data->format = format;

  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file_chosen_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_list_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CercleMembersView *self = CERCLE_MEMBERS_VIEW (widget);
  g_autoptr(GArray) rows = _cercle_members_view_dup_rows (self);
  gboolean vcard = g_str_equal (g_variant_get_string (parameter, NULL), "vcf");

  if (vcard)
    /* Translators: the file name an export suggests */
    export (self, rows, CERCLE_MEMBER_FORMAT_VCARD, _("Export Members as vCard"), _("members.vcf"));
  else
    export (self, rows, CERCLE_MEMBER_FORMAT_CSV, _("Export Members as CSV"), _("members.csv"));
}

static void
export_member_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CercleMembersView *self = CERCLE_MEMBERS_VIEW (widget);
  g_autoptr(CercleMember) member = dup_shown_member (self);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) found = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;
  gint64 row = -1;

  if (member == NULL)
    return;

  /* The member's row number, for the export: from the list when it shows
   * them, else from a search by name */
  if (self->shown_row >= 0)
    row = self->shown_row;
  else
    {
      g_autofree char *full_name = dup_name (member);
      g_autoptr(CercleRecordList) candidates = NULL;

      found = cercle_store_search_member_rows (get_store (self), full_name, NULL, NULL);
      if (found != NULL)
        {
          candidates = cercle_record_list_new (get_store (self), CERCLE_TYPE_MEMBER, found);
          for (guint i = 0; i < found->len && i < 50 && row < 0; i++)
            {
              g_autoptr(CercleMember) candidate = g_list_model_get_item (G_LIST_MODEL (candidates), i);

              if (g_str_equal (cercle_record_get_id (CERCLE_RECORD (candidate)), self->shown_member_id))
                row = g_array_index (found, gint64, i);
            }
        }
    }

  if (row < 0)
    return;

  rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (rows, row);
  name = dup_name (member);
  file_name = g_strdup_printf ("%s.vcf", name);
  g_strdelimit (file_name, "/\\:", '-');
  export (self, rows, CERCLE_MEMBER_FORMAT_VCARD, _("Export as vCard"), file_name);
}

typedef struct
{
  CercleMembersView *self;
  GTask             *task;
} LeaveData;

static void
finish_leaving (CercleMembersView *self,
                GTask             *task,
                gboolean           left)
{
  if (left)
    _cercle_members_view_close_editor (self);
  g_task_return_boolean (task, left);
}

static void
on_leave_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;
  CercleMembersView *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  self->leave_dialog = NULL;

  if (g_str_equal (response, "discard"))
    finish_leaving (self, task, TRUE);
  else if (g_str_equal (response, "save"))
    /* A refused save stays in the editor, which says why */
    finish_leaving (self, task, cercle_member_editor_save (self->editor, &error));
  else
    finish_leaving (self, task, FALSE);

  if (error != NULL)
    _cercle_members_view_toast (self, error->message);
}

/* Asks before the profile being edited is left with changes not saved:
 * save them, let go of them, or keep editing. Finishes with whether the
 * editor was left. */
void
_cercle_members_view_ask_to_leave (CercleMembersView   *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_task_set_source_tag (task, _cercle_members_view_ask_to_leave);

  if (!_cercle_members_view_is_editing (self) || !cercle_member_editor_has_changes (self->editor))
    {
      finish_leaving (self, task, TRUE);
      return;
    }

  /* Asked already: this answer will be the same */
  if (self->leave_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->leave_dialog));
      g_task_return_boolean (task, FALSE);
      return;
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Save Changes?"),
                                   _("The changes to this profile are not saved yet. "
                                     "If you do not save them, they are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_leave_response_cb), g_steal_pointer (&task));

  self->leave_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
_cercle_members_view_ask_to_leave_finish (CercleMembersView *self,
                                          GAsyncResult      *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), NULL);
}

static void
on_left_editor_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  _cercle_members_view_ask_to_leave_finish (CERCLE_MEMBERS_VIEW (object), result);
}

static void
on_editor_cancel_cb (CercleMemberEditor *editor,
                     CercleMembersView  *self)
{
  _cercle_members_view_ask_to_leave (self, NULL, on_left_editor_cb, NULL);
}

static void
on_editor_saved_cb (CercleMemberEditor *editor,
                    const char         *member_id,
                    CercleMembersView  *self)
{
  g_autoptr(CercleMember) member = NULL;

  /* Shown as the store has it now */
  cercle_store_flush_changes (get_store (self));
  member = cercle_store_get_record (get_store (self), CERCLE_TYPE_MEMBER, member_id, NULL);

  _cercle_members_view_ensure_details (self);
  gtk_stack_set_visible_child_name (self->details_stack, "details");
  _cercle_members_view_show_member (self, member);
  _cercle_members_view_toast (self, _("Profile saved"));
  gtk_widget_grab_focus (self->edit_button);
}

static void
on_open_member_cb (CercleMemberDetails *details,
                   const char          *member_id,
                   CercleMembersView   *self)
{
  g_autoptr(CercleMember) member = NULL;

  member = cercle_store_get_record (get_store (self), CERCLE_TYPE_MEMBER, member_id, NULL);
  if (member == NULL || cercle_record_get_deleted (CERCLE_RECORD (member)))
    return;

  /* The list keeps its search; its selection no longer says who is shown */
  self->restoring_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->restoring_selection = FALSE;

  _cercle_members_view_show_member (self, member);
}

/* The profile pane and the editor are made when first needed, not with the
 * view: a window's first frame needs neither (a list with nobody chosen yet
 * shows the "No Member Selected" page), and building them costs a good part
 * of the time to that frame. */
CercleMemberDetails *
_cercle_members_view_ensure_details (CercleMembersView *self)
{
  if (self->details == NULL)
    {
      self->details = g_object_new (CERCLE_TYPE_MEMBER_DETAILS, NULL);
      g_signal_connect_object (self->details, "open-member", G_CALLBACK (on_open_member_cb), self, 0);
      cercle_member_details_set_context (self->details, self->context);
      gtk_stack_add_named (self->details_stack, GTK_WIDGET (self->details), "details");
    }

  return self->details;
}

CercleMemberEditor *
_cercle_members_view_ensure_editor (CercleMembersView *self)
{
  if (self->editor == NULL)
    {
      self->editor = g_object_new (CERCLE_TYPE_MEMBER_EDITOR, NULL);
      g_signal_connect_object (self->editor, "cancel", G_CALLBACK (on_editor_cancel_cb), self, 0);
      g_signal_connect_object (self->editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
      cercle_member_editor_set_context (self->editor, self->context);
      gtk_stack_add_named (self->details_stack, GTK_WIDGET (self->editor), "editor");
    }

  return self->editor;
}

void
_cercle_members_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "members.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "members.add-candidate", NULL, add_candidate_action);
  gtk_widget_class_install_action (widget_class, "members.sponsor-candidate", NULL, sponsor_candidate_action);
  gtk_widget_class_install_action (widget_class, "members.approve", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "members.to-alumni", NULL, to_alumni_action);
  gtk_widget_class_install_action (widget_class, "members.reinstate", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "members.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "members.export-list", "s", export_list_action);
  gtk_widget_class_install_action (widget_class, "members.export-member", NULL, export_member_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "members.edit", NULL);

}
