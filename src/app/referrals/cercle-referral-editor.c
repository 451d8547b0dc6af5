/* cercle-referral-editor.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-referral-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-editor-dialog.h"
#include "cercle-member-picker.h"
#include "cercle-referral-editor.h"

/* Passing a referral: the member who gets the business, found by
 * searching the directory; the prospect, whose contact details travel
 * only when the prospect agreed; the need in a few lines; how warm the
 * contact is. Answering a need, the need's author is the receiver and
 * the need is written already. What is missing is said, and nothing typed
 * is lost on closing without asking. */
struct _CercleReferralEditor
{
  AdwWindow           parent_instance;

  CercleContext      *context;
  char               *request_id;
  gboolean            passed;

  AdwWindowTitle     *window_title;
  GtkButton          *pass_button;
  GtkLabel           *error_label;
  CercleMemberPicker *picker;
  AdwEntryRow        *name_row;
  AdwEntryRow        *company_row;
  GtkCheckButton     *consent_check;
  AdwEntryRow        *contact_row;
  GtkTextView        *need_view;
  AdwComboRow        *temperature_row;
};

G_DEFINE_FINAL_TYPE (CercleReferralEditor, cercle_referral_editor, ADW_TYPE_WINDOW)

enum {
  PASSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Whether anything was typed that closing would lose */
static gboolean
has_edits (CercleReferralEditor *self)
{
  g_autofree char *need = cercle_editor_dup_text (self->need_view);

  if (self->passed)
    return FALSE;

  return *gtk_editable_get_text (GTK_EDITABLE (self->name_row)) != '\0' ||
         *gtk_editable_get_text (GTK_EDITABLE (self->company_row)) != '\0' ||
         *gtk_editable_get_text (GTK_EDITABLE (self->contact_row)) != '\0' ||
         (self->request_id == NULL && *need != '\0');
}

static void
on_pass_clicked_cb (GtkButton            *button,
                    CercleReferralEditor *self)
{
  g_autoptr(CercleReferral) referral = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = cercle_editor_dup_entry_text (GTK_EDITABLE (self->name_row));
  g_autofree char *company = cercle_editor_dup_entry_text (GTK_EDITABLE (self->company_row));
  g_autofree char *contact = cercle_editor_dup_entry_text (GTK_EDITABLE (self->contact_row));
  g_autofree char *need = cercle_editor_dup_text (self->need_view);
  gboolean consent = gtk_check_button_get_active (self->consent_check);

  if (self->context == NULL)
    return;

  referral = g_object_new (CERCLE_TYPE_REFERRAL,
                           "receiver-id", cercle_member_picker_get_member_id (self->picker),
                           "prospect-name", *name != '\0' ? name : NULL,
                           "prospect-company", *company != '\0' ? company : NULL,
                           "prospect-consent", consent,
                           "prospect-contact", *contact != '\0' ? contact : NULL,
                           "need", *need != '\0' ? need : NULL,
                           "temperature", (int)adw_combo_row_get_selected (self->temperature_row) + 1,
                           "request-id", self->request_id,
                           NULL);

  if (!cercle_store_pass_referral (cercle_context_get_store (self->context), referral, &error))
    {
      cercle_editor_show_error (GTK_WINDOW (self), self->error_label, error->message);
      return;
    }

  self->passed = TRUE;
  g_signal_emit (self, signals[PASSED], 0, referral);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_cancel_clicked_cb (GtkButton            *button,
                      CercleReferralEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
cercle_referral_editor_close_request (GtkWindow *window)
{
  CercleReferralEditor *self = CERCLE_REFERRAL_EDITOR (window);

  if (has_edits (self) &&
      cercle_editor_ask_discard (window, _("Discard This Referral?"), NULL))
    return TRUE;

  return GTK_WINDOW_CLASS (cercle_referral_editor_parent_class)->close_request (window);
}

static void
cercle_referral_editor_dispose (GObject *object)
{
  CercleReferralEditor *self = (CercleReferralEditor *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_referral_editor_parent_class)->dispose (object);
}

static void
cercle_referral_editor_finalize (GObject *object)
{
  CercleReferralEditor *self = (CercleReferralEditor *) object;

  g_free (self->request_id);

  G_OBJECT_CLASS (cercle_referral_editor_parent_class)->finalize (object);
}

static void
cercle_referral_editor_class_init (CercleReferralEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cercle_referral_editor_dispose;
  object_class->finalize = cercle_referral_editor_finalize;
  window_class->close_request = cercle_referral_editor_close_request;

  /**
   * CercleReferralEditor::passed:
   * @referral: the referral, as saved
   */
  signals[PASSED] =
    g_signal_new ("passed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CERCLE_TYPE_REFERRAL);

  g_type_ensure (CERCLE_TYPE_MEMBER_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/referrals/cercle-referral-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleReferralEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralEditor, pass_button);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralEditor, picker);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralEditor, company_row);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralEditor, consent_check);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralEditor, contact_row);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralEditor, need_view);
  gtk_widget_class_bind_template_child (widget_class, CercleReferralEditor, temperature_row);
  gtk_widget_class_bind_template_callback (widget_class, on_pass_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cercle_referral_editor_init (CercleReferralEditor *self)
{
  g_autoptr(GtkStringList) temperatures = NULL;
  const char *levels[] = {
    /* Translators: the temperatures of a referral, from 1 to 5 */
    _("1 · Cold: a name, no introduction"),
    _("2 · Cool: they know of the receiver"),
    _("3 · Warm: they expect a call"),
    _("4 · Hot: introduced in person"),
    _("5 · Very hot: ready to sign"),
    NULL,
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  temperatures = gtk_string_list_new (levels);
  adw_combo_row_set_model (self->temperature_row, G_LIST_MODEL (temperatures));
  adw_combo_row_set_selected (self->temperature_row, 2);
  cercle_member_picker_set_label (self->picker, _("Search for the member who gets the business"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->need_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("The prospect’s need"), -1);
}

/**
 * cercle_referral_editor_new:
 * @need: (nullable): the need the referral answers
 * @need_author_name: (nullable): its author's name
 */
GtkWidget *
cercle_referral_editor_new (GtkWindow     *parent,
                            CercleContext *context,
                            CercleRequest *need,
                            const char    *need_author_name)
{
  CercleReferralEditor *self;
  g_autoptr(CercleViewer) viewer = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CERCLE_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (!need || CERCLE_IS_REQUEST (need), NULL);

  self = g_object_new (CERCLE_TYPE_REFERRAL_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->context = g_object_ref (context);

  viewer = cercle_store_dup_viewer (cercle_context_get_store (context), NULL);
  cercle_member_picker_set_excluded (self->picker, viewer != NULL ? viewer->member_id : NULL);
  cercle_member_picker_set_context (self->picker, context);

  if (need != NULL)
    {
      g_autofree char *text = NULL;
      const char *body = cercle_request_get_body (need);

      self->request_id = g_strdup (cercle_record_get_id (CERCLE_RECORD (need)));
      cercle_member_picker_choose (self->picker, cercle_request_get_member_id (need), need_author_name, TRUE);
      text = body != NULL && *body != '\0'
             ? g_strdup_printf ("%s\n%s", cercle_request_get_title (need), body)
             : g_strdup (cercle_request_get_title (need));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->need_view), text, -1);
      adw_window_title_set_subtitle (self->window_title, _("Answering a need"));
    }

  return GTK_WIDGET (self);
}
