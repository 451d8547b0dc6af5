/* cercle-member-editor.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-member-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "cercle-member-editor-private.h"
#include "cercle-sponsor-picker.h"

/* A member's profile, editable: by the member themselves, and by staff,
 * who also run the membership (status, role, sponsor, dates, dues). Each
 * field is offered only when the rules of cercle-permission.c allow it;
 * the store checks again when saving. The form and its checks are in
 * cercle-member-editor-form.c, the photo in cercle-member-editor-photo.c.
 *
 * The editor works on a copy: the member shown elsewhere does not change
 * until the copy is saved. */

G_DEFINE_FINAL_TYPE (CercleMemberEditor, cercle_member_editor, GTK_TYPE_WIDGET)

enum {
  CANCEL,
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

CercleStore *
_cercle_member_editor_get_store (CercleMemberEditor *self)
{
  return cercle_context_get_store (self->context);
}

static void
update_sponsor (CercleMemberEditor *self)
{
  g_autoptr(CercleMember) sponsor = NULL;
  g_autofree char *name = NULL;

  if (self->sponsor_id != NULL)
    sponsor = cercle_store_get_record (_cercle_member_editor_get_store (self), CERCLE_TYPE_MEMBER, self->sponsor_id, NULL);
  if (sponsor != NULL)
    name = cercle_format_full_name (cercle_member_get_first_name (sponsor),
                                    cercle_member_get_last_name (sponsor));

  adw_action_row_set_subtitle (self->sponsor_row, name != NULL ? name : _("None"));
  gtk_widget_set_sensitive (self->clear_sponsor_button, self->sponsor_id != NULL);
}

void
_cercle_member_editor_changed (CercleMemberEditor *self)
{
  if (self->loading)
    return;

  _cercle_member_editor_update_avatar (self);
  _cercle_member_editor_validate (self);
}

static void
on_sponsor_picked_cb (CercleSponsorPicker *picker,
                      const char         *member_id,
                      CercleMemberEditor *self)
{
  g_free (self->sponsor_id);
  self->sponsor_id = g_strdup (member_id);
  update_sponsor (self);
  _cercle_member_editor_changed (self);
}

static void
on_clear_sponsor_clicked_cb (GtkButton          *button,
                             CercleMemberEditor *self)
{
  g_clear_pointer (&self->sponsor_id, g_free);
  update_sponsor (self);
  _cercle_member_editor_changed (self);
}

static void
on_cancel_clicked_cb (GtkButton          *button,
                      CercleMemberEditor *self)
{
  g_signal_emit (self, signals[CANCEL], 0);
}

static void
on_save_clicked_cb (GtkButton          *button,
                    CercleMemberEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!cercle_member_editor_save (self, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
    }
}

static gboolean
same_record (CercleRecord *a,
             CercleRecord *b)
{
  CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (a);

  for (guint i = 0; i < klass->n_fields; i++)
    if (g_param_values_cmp (klass->fields[i],
                            cercle_record_peek_value (a, i + 1),
                            cercle_record_peek_value (b, i + 1)) != 0)
      return FALSE;

  return TRUE;
}

static void
cercle_member_editor_dispose (GObject *object)
{
  CercleMemberEditor *self = CERCLE_MEMBER_EDITOR (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_MEMBER_EDITOR);
  /* the template's unnamed header and separator */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&self->fields[i].error, g_free);
  g_clear_object (&self->original);
  g_clear_object (&self->context);
  g_clear_pointer (&self->photo, g_free);
  g_clear_pointer (&self->sponsor_id, g_free);

  G_OBJECT_CLASS (cercle_member_editor_parent_class)->dispose (object);
}

static void
cercle_member_editor_class_init (CercleMemberEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_member_editor_dispose;

  /**
   * CercleMemberEditor::cancel:
   *
   * The user asked to leave the editor; whoever shows it asks what to do
   * with unsaved changes.
   */
  signals[CANCEL] =
    g_signal_new ("cancel",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CercleMemberEditor::saved:
   * @member_id: the member saved
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/members/cercle-member-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, avatar);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, photo_button);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, remove_photo_button);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, name_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, work_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, business_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, contact_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, privacy_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, membership_group);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, role_row);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, sponsor_row);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, clear_sponsor_button);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberEditor, sponsor_button);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_changed_cb", G_CALLBACK (_cercle_member_editor_changed));
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_sponsor_clicked_cb);

  _cercle_member_editor_install_photo (widget_class);

  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Escape, 0, "cancel", NULL);
}

static void
cercle_member_editor_init (CercleMemberEditor *self)
{
  GtkWidget *picker;

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  _cercle_member_editor_build_form (self);

  picker = cercle_sponsor_picker_new ();
  g_signal_connect_object (picker, "picked", G_CALLBACK (on_sponsor_picked_cb), self, 0);
  gtk_menu_button_set_popover (self->sponsor_button, picker);
}

GtkWidget *
cercle_member_editor_new (void)
{
  return g_object_new (CERCLE_TYPE_MEMBER_EDITOR, NULL);
}

void
cercle_member_editor_set_context (CercleMemberEditor *self,
                                  CercleContext      *context)
{
  g_return_if_fail (CERCLE_IS_MEMBER_EDITOR (self));
  g_return_if_fail (!context || CERCLE_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  cercle_sponsor_picker_set_context (CERCLE_SPONSOR_PICKER (gtk_menu_button_get_popover (self->sponsor_button)),
                                    context);
}

/* Fills the form from @member and offers what @viewer may change */
static void
load (CercleMemberEditor *self,
      CercleMember       *member,
      gboolean            is_new)
{
  g_autoptr(CercleViewer) viewer = cercle_store_dup_viewer (_cercle_member_editor_get_store (self), NULL);
  gboolean any_membership = FALSE;
  gboolean any_group[N_GROUPS] = { FALSE, };

  if (viewer == NULL)
    viewer = cercle_viewer_new (NULL, FALSE);

  self->loading = TRUE;
  self->is_new = is_new;
  g_set_object (&self->original, member);
  g_free (self->photo);
  self->photo = g_strdup (cercle_member_get_photo (member));
  g_free (self->sponsor_id);
  self->sponsor_id = g_strdup (cercle_member_get_sponsor_id (member));

  gtk_label_set_text (self->title_label, is_new ? _("New Candidate") : _("Edit Profile"));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *value = NULL;
      gboolean editable = cercle_permission_can_edit_field (viewer, CERCLE_RECORD (member),
                                                           _cercle_member_editor_fields[i].column);

      g_object_get (member, _cercle_member_editor_fields[i].property, &value, NULL);

      /* Days are written as the user reads them */
      if (_cercle_member_editor_fields[i].kind == KIND_DAY && value != NULL)
        {
          int y, m, d;

          if (sscanf (value, "%4d-%2d-%2d", &y, &m, &d) == 3)
            {
              g_free (value);
              value = g_strdup_printf ("%02d/%02d/%04d", d, m, y);
            }
        }

      _cercle_member_editor_set_field_text (self, i, value);
      gtk_widget_set_visible (self->fields[i].container, editable);
      any_group[_cercle_member_editor_fields[i].group] |= editable;
    }

  for (guint i = 0; i < N_SWITCHES; i++)
    gtk_switch_set_active (self->switches[i],
                           !cercle_visibility_is_field_private (member, _cercle_member_editor_privacy_switches[i].column));
  gtk_switch_set_active (self->qr_switch, cercle_member_get_qr_consent (member));
  gtk_widget_set_visible (GTK_WIDGET (self->privacy_group),
                          cercle_permission_can_edit_field (viewer, CERCLE_RECORD (member), "private_fields"));
  gtk_widget_set_visible (self->photo_button,
                          cercle_permission_can_edit_field (viewer, CERCLE_RECORD (member), "photo"));
  gtk_widget_set_visible (self->remove_photo_button, gtk_widget_get_visible (self->photo_button));

  adw_combo_row_set_selected (self->status_row, cercle_member_get_status (member));
  adw_combo_row_set_selected (self->role_row, cercle_member_get_role (member));
  gtk_widget_set_visible (GTK_WIDGET (self->status_row),
                          cercle_permission_can_edit_field (viewer, CERCLE_RECORD (member), "status"));
  gtk_widget_set_visible (GTK_WIDGET (self->role_row),
                          cercle_permission_can_edit_field (viewer, CERCLE_RECORD (member), "role"));
  gtk_widget_set_visible (GTK_WIDGET (self->sponsor_row),
                          cercle_permission_can_edit_field (viewer, CERCLE_RECORD (member), "sponsor_id"));
  any_membership = gtk_widget_get_visible (GTK_WIDGET (self->status_row)) ||
                   gtk_widget_get_visible (GTK_WIDGET (self->role_row)) ||
                   gtk_widget_get_visible (GTK_WIDGET (self->sponsor_row)) ||
                   any_group[GROUP_MEMBERSHIP];
  any_group[GROUP_MEMBERSHIP] = any_membership;

  for (guint g = 0; g < N_GROUPS; g++)
    gtk_widget_set_visible (GTK_WIDGET (self->groups[g]), any_group[g]);

  update_sponsor (self);
  self->loading = FALSE;

  _cercle_member_editor_update_avatar (self);
  _cercle_member_editor_validate (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
}

/**
 * cercle_member_editor_edit:
 *
 * Shows @member's profile for editing, on a copy.
 */
void
cercle_member_editor_edit (CercleMemberEditor *self,
                           CercleMember       *member)
{
  g_autoptr(CercleMember) copy = NULL;

  g_return_if_fail (CERCLE_IS_MEMBER_EDITOR (self));
  g_return_if_fail (CERCLE_IS_MEMBER (member));
  g_return_if_fail (self->context != NULL);

  copy = g_object_new (CERCLE_TYPE_MEMBER, "id", cercle_record_get_id (CERCLE_RECORD (member)), NULL);
  cercle_record_update_from (CERCLE_RECORD (copy), CERCLE_RECORD (member));
  load (self, copy, FALSE);
}

/**
 * cercle_member_editor_add_candidate:
 * @sponsor_id: (nullable): who brings them in
 *
 * Shows an empty profile for a new candidate (staff).
 */
void
cercle_member_editor_add_candidate (CercleMemberEditor *self,
                                    const char         *sponsor_id)
{
  g_autoptr(CercleMember) candidate = NULL;

  g_return_if_fail (CERCLE_IS_MEMBER_EDITOR (self));
  g_return_if_fail (self->context != NULL);

  candidate = g_object_new (CERCLE_TYPE_MEMBER,
                            "status", CERCLE_MEMBER_STATUS_CANDIDATE,
                            "sponsor-id", sponsor_id,
                            NULL);
  load (self, candidate, TRUE);
}

/**
 * cercle_member_editor_focus_first_field:
 *
 * Puts the keyboard focus in the first field the user may change, rather
 * than on the Cancel button, which a key would press.
 */
void
cercle_member_editor_focus_first_field (CercleMemberEditor *self)
{
  g_return_if_fail (CERCLE_IS_MEMBER_EDITOR (self));

  for (guint i = 0; i < N_FIELDS; i++)
    if (gtk_widget_get_visible (self->fields[i].container))
      {
        gtk_widget_grab_focus (self->fields[i].widget);
        return;
      }

  gtk_widget_grab_focus (self->save_button);
}

const char *
cercle_member_editor_get_member_id (CercleMemberEditor *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER_EDITOR (self), NULL);

  return self->original != NULL ? cercle_record_get_id (CERCLE_RECORD (self->original)) : NULL;
}

/**
 * cercle_member_editor_has_changes:
 *
 * Returns: whether the form holds something not saved yet
 */
gboolean
cercle_member_editor_has_changes (CercleMemberEditor *self)
{
  g_autoptr(CercleMember) edited = NULL;

  g_return_val_if_fail (CERCLE_IS_MEMBER_EDITOR (self), FALSE);

  if (self->original == NULL)
    return FALSE;

  /* What cannot be read yet is a change too */
  for (guint i = 0; i < N_FIELDS; i++)
    if (self->fields[i].error != NULL)
      return TRUE;

  edited = _cercle_member_editor_build_member (self);

  return !same_record (CERCLE_RECORD (edited), CERCLE_RECORD (self->original));
}

/**
 * cercle_member_editor_save:
 *
 * Checks the form and saves it as a local edit.
 *
 * Returns: %FALSE with @error set to a sentence for the user when the
 *   form is not right or the store refused it
 */
gboolean
cercle_member_editor_save (CercleMemberEditor  *self,
                           GError             **error)
{
  g_autoptr(CercleMember) edited = NULL;

  g_return_val_if_fail (CERCLE_IS_MEMBER_EDITOR (self), FALSE);
  g_return_val_if_fail (self->original != NULL, FALSE);

  if (!_cercle_member_editor_validate (self))
    {
      g_set_error_literal (error, CERCLE_VALIDATE_ERROR, CERCLE_VALIDATE_ERROR_INVALID,
                           _("Some fields need another look: see the messages under them."));
      return FALSE;
    }

  edited = _cercle_member_editor_build_member (self);

  if (!self->is_new && same_record (CERCLE_RECORD (edited), CERCLE_RECORD (self->original)))
    {
      g_signal_emit (self, signals[SAVED], 0, cercle_record_get_id (CERCLE_RECORD (edited)));
      return TRUE;
    }

  if (!cercle_store_save (_cercle_member_editor_get_store (self), CERCLE_RECORD (edited), error))
    return FALSE;

  g_set_object (&self->original, edited);
  self->is_new = FALSE;
  g_signal_emit (self, signals[SAVED], 0, cercle_record_get_id (CERCLE_RECORD (edited)));

  return TRUE;
}
