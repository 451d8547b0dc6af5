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

#include "cercle-member-editor.h"
#include "cercle-member-history.h"
#include "cercle-member-photo.h"
#include "cercle-sponsor-picker.h"

/* A member's profile, editable: by the member themselves, and by staff,
 * who also run the membership (status, role, sponsor, dates, dues). Each
 * field is offered only when the rules of cercle-permission.c allow it;
 * the store checks again when saving. Contact fields, the SIRET and the
 * dates are checked as they are typed, with the messages of
 * cercle-validate.c under their group.
 *
 * The editor works on a copy: the member shown elsewhere does not change
 * until the copy is saved. */

typedef enum
{
  GROUP_NAME,
  GROUP_WORK,
  GROUP_BUSINESS,
  GROUP_CONTACT,
  GROUP_MEMBERSHIP,
  N_GROUPS
} Group;

typedef enum
{
  KIND_TEXT,
  KIND_MULTILINE,
  KIND_EMAIL,
  KIND_PHONE,
  KIND_URL,
  KIND_SIRET,
  KIND_DAY,
} Kind;

static const struct {
  const char *column;
  const char *property;
  const char *title;
  Group       group;
  Kind        kind;
} editor_fields[] = {
  { "first_name",      "first-name",      N_("First name"),       GROUP_NAME,       KIND_TEXT },
  { "last_name",       "last-name",       N_("Last name"),        GROUP_NAME,       KIND_TEXT },
  { "company",         "company",         N_("Company"),          GROUP_WORK,       KIND_TEXT },
  { "job_title",       "job-title",       N_("Job title"),        GROUP_WORK,       KIND_TEXT },
  { "sector",          "sector",          N_("Sector"),           GROUP_WORK,       KIND_TEXT },
  { "city",            "city",            N_("City"),             GROUP_WORK,       KIND_TEXT },
  { "siret",           "siret",           N_("SIRET"),            GROUP_WORK,       KIND_SIRET },
  { "offers",          "offers",          N_("I offer"),          GROUP_BUSINESS,   KIND_MULTILINE },
  { "needs",           "needs",           N_("I am looking for"), GROUP_BUSINESS,   KIND_MULTILINE },
  { "bio",             "bio",             N_("About"),            GROUP_BUSINESS,   KIND_MULTILINE },
  { "email",           "email",           N_("Email"),            GROUP_CONTACT,    KIND_EMAIL },
  { "phone",           "phone",           N_("Phone"),            GROUP_CONTACT,    KIND_PHONE },
  { "website",         "website",         N_("Website"),          GROUP_CONTACT,    KIND_URL },
  { "joined_on",       "joined-on",       N_("Member since"),     GROUP_MEMBERSHIP, KIND_DAY },
  { "dues_paid_until", "dues-paid-until", N_("Dues paid until"),  GROUP_MEMBERSHIP, KIND_DAY },
};

#define N_FIELDS G_N_ELEMENTS (editor_fields)

/* The switches of the privacy group: who else sees the contact fields */
static const struct {
  const char *column;
  const char *title;
} privacy_switches[] = {
  { "email", N_("Show my email address to members") },
  { "phone", N_("Show my phone number to members") },
  { "website", N_("Show my website to members") },
};

#define N_SWITCHES G_N_ELEMENTS (privacy_switches)

typedef struct
{
  GtkWidget *widget;       /* an AdwEntryRow, or the GtkTextView */
  GtkWidget *container;    /* what is shown or hidden */
  char      *error;        /* why the text cannot be saved, or NULL */
} Field;

struct _CercleMemberEditor
{
  GtkWidget            parent_instance;

  CercleContext       *context;
  CercleMember        *original;
  char                *photo;
  char                *sponsor_id;
  GCancellable        *cancellable;
  gboolean             loading;
  gboolean             is_new;

  Field                fields[N_FIELDS];
  GtkSwitch           *switches[N_SWITCHES];
  GtkSwitch           *qr_switch;
  GtkLabel            *group_errors[N_GROUPS];
  AdwPreferencesGroup *groups[N_GROUPS];

  GtkLabel            *title_label;
  GtkWidget           *save_button;
  GtkScrolledWindow   *scrolled_window;
  GtkLabel            *error_label;
  AdwAvatar           *avatar;
  GtkWidget           *photo_button;
  GtkWidget           *remove_photo_button;
  AdwPreferencesGroup *name_group;
  AdwPreferencesGroup *work_group;
  AdwPreferencesGroup *business_group;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *privacy_group;
  AdwPreferencesGroup *membership_group;
  AdwComboRow         *status_row;
  AdwComboRow         *role_row;
  AdwActionRow        *sponsor_row;
  GtkWidget           *clear_sponsor_button;
  GtkMenuButton       *sponsor_button;
};

G_DEFINE_FINAL_TYPE (CercleMemberEditor, cercle_member_editor, GTK_TYPE_WIDGET)

enum {
  CANCEL,
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CercleStore *
get_store (CercleMemberEditor *self)
{
  return cercle_context_get_store (self->context);
}

static char *
field_text (CercleMemberEditor *self,
            guint               i)
{
  g_autofree char *text = NULL;

  if (editor_fields[i].kind == KIND_MULTILINE)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->fields[i].widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  else
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->fields[i].widget)));

  g_strstrip (text);

  if (*text == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

static void
set_field_text (CercleMemberEditor *self,
                guint               i,
                const char         *text)
{
  if (editor_fields[i].kind == KIND_MULTILINE)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->fields[i].widget)),
                              text != NULL ? text : "", -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->fields[i].widget), text != NULL ? text : "");
}

/* What to store for @text typed in a field of @kind, in its canonical
 * form; %NULL with @error set when it is not valid */
static char *
check_text (Kind         kind,
            const char  *text,
            GError     **error)
{
  switch (kind)
    {
    case KIND_EMAIL:
      return cercle_validate_email (text, error) ? g_strdup (text) : NULL;

    case KIND_PHONE:
      {
        /* Kept as typed, once known to be a number */
        g_autofree char *e164 = cercle_validate_phone (text, error);

        return e164 != NULL ? g_strdup (text) : NULL;
      }

    case KIND_URL:
      return cercle_validate_url (text, error);

    case KIND_SIRET:
      return cercle_validate_siret (text, error);

    case KIND_DAY:
      return cercle_validate_day (text, error);

    case KIND_TEXT:
    case KIND_MULTILINE:
    default:
      return g_strdup (text);
    }
}

/* The value to store for what was typed in field @i, in its canonical
 * form; NULL for an empty field. Sets the field's error otherwise. */
static char *
field_value (CercleMemberEditor *self,
             guint               i,
             gboolean           *valid)
{
  g_autofree char *text = field_text (self, i);
  g_autoptr(GError) error = NULL;
  char *value;

  *valid = TRUE;

  if (text == NULL)
    return NULL;

  value = check_text (editor_fields[i].kind, text, &error);
  if (error != NULL)
    *valid = FALSE;

  return value;
}

/* Shows under each group what its fields need, and marks the fields */
static gboolean
validate (CercleMemberEditor *self)
{
  GString *messages[N_GROUPS] = { NULL, };
  gboolean all_valid = TRUE;

  for (guint g = 0; g < N_GROUPS; g++)
    messages[g] = g_string_new (NULL);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];
      g_autofree char *text = field_text (self, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;

      g_clear_pointer (&field->error, g_free);

      if (text != NULL && gtk_widget_get_visible (field->container))
        value = check_text (editor_fields[i].kind, text, &error);

      if (error != NULL)
        {
          Group group = editor_fields[i].group;

          /* Translators: a field's error under its group, as in
           * "Phone: a phone number has 10 digits." */
          g_autofree char *message = g_strdup_printf (_("%s: %s"), _(editor_fields[i].title), error->message);

          field->error = g_strdup (error->message);
          g_string_append_printf (messages[group], "%s%s", messages[group]->len > 0 ? "\n" : "", message);
          gtk_widget_add_css_class (field->widget, "error");
          all_valid = FALSE;
        }
      else
        gtk_widget_remove_css_class (field->widget, "error");

      gtk_accessible_update_property (GTK_ACCESSIBLE (field->widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, field->error,
                                      -1);
    }

  /* A member needs a name; a candidate a sponsor */
  {
    g_autofree char *first = field_text (self, 0);
    g_autofree char *last = field_text (self, 1);

    if (first == NULL && last == NULL)
      {
        g_string_append (messages[GROUP_NAME], _("A member needs a name."));
        all_valid = FALSE;
      }
  }

  if (gtk_widget_get_visible (GTK_WIDGET (self->membership_group)) &&
      cercle_membership_needs_sponsor ((CercleMemberStatus)adw_combo_row_get_selected (self->status_row)) &&
      self->sponsor_id == NULL)
    {
      g_string_append_printf (messages[GROUP_MEMBERSHIP], "%s%s",
                              messages[GROUP_MEMBERSHIP]->len > 0 ? "\n" : "",
                              _("A candidate comes in with a sponsor: choose one."));
      all_valid = FALSE;
    }

  for (guint g = 0; g < N_GROUPS; g++)
    {
      gtk_label_set_text (self->group_errors[g], messages[g]->str);
      gtk_widget_set_visible (GTK_WIDGET (self->group_errors[g]), messages[g]->len > 0);
      g_string_free (messages[g], TRUE);
    }

  return all_valid;
}

static gboolean
same_private_fields (const char *a,
                     const char *b)
{
  g_auto(GStrv) columns_a = cercle_visibility_parse_private_fields (a);
  g_auto(GStrv) columns_b = cercle_visibility_parse_private_fields (b);
  g_autofree char *joined_a = cercle_visibility_join_private_fields ((const char * const *)columns_a);
  g_autofree char *joined_b = cercle_visibility_join_private_fields ((const char * const *)columns_b);

  return g_strcmp0 (joined_a, joined_b) == 0;
}

/* The member as the form says, on a copy of the original */
static CercleMember *
build_member (CercleMemberEditor *self)
{
  g_autoptr(CercleMember) member = g_object_new (CERCLE_TYPE_MEMBER,
                                                "id", cercle_record_get_id (CERCLE_RECORD (self->original)),
                                                NULL);
  g_autoptr(GStrvBuilder) hidden = g_strv_builder_new ();
  g_auto(GStrv) hidden_columns = NULL;
  g_autofree char *private_fields = NULL;

  cercle_record_update_from (CERCLE_RECORD (member), CERCLE_RECORD (self->original));

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *value = NULL;
      gboolean valid;

      if (!gtk_widget_get_visible (self->fields[i].container))
        continue;

      value = field_value (self, i, &valid);
      /* What cannot be read as typed is left as it was; saving is refused
       * until it is right */
      if (valid)
        g_object_set (member, editor_fields[i].property, value, NULL);
    }

  if (gtk_widget_get_visible (GTK_WIDGET (self->privacy_group)))
    {
      for (guint i = 0; i < N_SWITCHES; i++)
        if (!gtk_switch_get_active (self->switches[i]))
          g_strv_builder_add (hidden, privacy_switches[i].column);
      hidden_columns = g_strv_builder_end (hidden);
      private_fields = cercle_visibility_join_private_fields ((const char * const *)hidden_columns);

      /* The same fields kept private, listed in another order (as a
       * spreadsheet import or another client may write them), are no
       * change: the user would be asked to save what they never touched */
      if (same_private_fields (private_fields, cercle_member_get_private_fields (self->original)))
        {
          g_free (private_fields);
          private_fields = g_strdup (cercle_member_get_private_fields (self->original));
        }
      g_object_set (member,
                    "private-fields", private_fields,
                    "qr-consent", gtk_switch_get_active (self->qr_switch),
                    NULL);
    }

  if (gtk_widget_get_visible (self->photo_button))
    g_object_set (member, "photo", self->photo, NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self->membership_group)))
    {
      if (gtk_widget_get_visible (GTK_WIDGET (self->status_row)))
        g_object_set (member, "status", (CercleMemberStatus)adw_combo_row_get_selected (self->status_row), NULL);
      if (gtk_widget_get_visible (GTK_WIDGET (self->role_row)))
        g_object_set (member, "role", (CercleMemberRole)adw_combo_row_get_selected (self->role_row), NULL);
      if (gtk_widget_get_visible (GTK_WIDGET (self->sponsor_row)))
        g_object_set (member, "sponsor-id", self->sponsor_id, NULL);
    }

  return g_steal_pointer (&member);
}

static void
update_avatar (CercleMemberEditor *self)
{
  g_autoptr(GdkPaintable) paintable = cercle_member_photo_to_paintable (self->photo);
  g_autofree char *first = field_text (self, 0);
  g_autofree char *last = field_text (self, 1);
  g_autofree char *name = cercle_format_full_name (first, last);

  adw_avatar_set_text (self->avatar, name);
  adw_avatar_set_custom_image (self->avatar, paintable);
  gtk_widget_set_sensitive (self->remove_photo_button, self->photo != NULL);
}

static void
update_sponsor (CercleMemberEditor *self)
{
  g_autoptr(CercleMember) sponsor = NULL;
  g_autofree char *name = NULL;

  if (self->sponsor_id != NULL)
    sponsor = cercle_store_get_record (get_store (self), CERCLE_TYPE_MEMBER, self->sponsor_id, NULL);
  if (sponsor != NULL)
    name = cercle_format_full_name (cercle_member_get_first_name (sponsor),
                                    cercle_member_get_last_name (sponsor));

  adw_action_row_set_subtitle (self->sponsor_row, name != NULL ? name : _("None"));
  gtk_widget_set_sensitive (self->clear_sponsor_button, self->sponsor_id != NULL);
}

static void
on_changed_cb (CercleMemberEditor *self)
{
  if (self->loading)
    return;

  update_avatar (self);
  validate (self);
}

static void
on_sponsor_picked_cb (CercleSponsorPicker *picker,
                      const char         *member_id,
                      CercleMemberEditor *self)
{
  g_free (self->sponsor_id);
  self->sponsor_id = g_strdup (member_id);
  update_sponsor (self);
  on_changed_cb (self);
}

static void
on_clear_sponsor_clicked_cb (GtkButton          *button,
                             CercleMemberEditor *self)
{
  g_clear_pointer (&self->sponsor_id, g_free);
  update_sponsor (self);
  on_changed_cb (self);
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
  on_changed_cb (self);
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
  on_changed_cb (self);
}

/* libadwaita 1.2 has no switch row: an action row with a switch does */
static GtkSwitch *
add_switch_row (CercleMemberEditor *self,
                const char         *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->privacy_group, row);

  return GTK_SWITCH (toggle);
}

static void
build_form (CercleMemberEditor *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  GtkWidget *picker;

  self->groups[GROUP_NAME] = self->name_group;
  self->groups[GROUP_WORK] = self->work_group;
  self->groups[GROUP_BUSINESS] = self->business_group;
  self->groups[GROUP_CONTACT] = self->contact_group;
  self->groups[GROUP_MEMBERSHIP] = self->membership_group;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];
      AdwPreferencesGroup *group = self->groups[editor_fields[i].group];

      if (editor_fields[i].kind == KIND_MULTILINE)
        {
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
          GtkWidget *label = gtk_label_new (_(editor_fields[i].title));
          GtkWidget *frame = gtk_frame_new (NULL);
          GtkTextBuffer *buffer;

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "caption-heading");
          field->widget = gtk_text_view_new ();
          gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (field->widget), GTK_WRAP_WORD_CHAR);
          gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (field->widget), FALSE);
          gtk_text_view_set_top_margin (GTK_TEXT_VIEW (field->widget), 8);
          gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (field->widget), 8);
          gtk_text_view_set_left_margin (GTK_TEXT_VIEW (field->widget), 10);
          gtk_text_view_set_right_margin (GTK_TEXT_VIEW (field->widget), 10);
          gtk_widget_set_size_request (field->widget, -1, 72);
          gtk_widget_add_css_class (field->widget, "member-text");
          gtk_accessible_update_property (GTK_ACCESSIBLE (field->widget),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _(editor_fields[i].title),
                                          -1);
          gtk_frame_set_child (GTK_FRAME (frame), field->widget);
          gtk_box_append (GTK_BOX (box), label);
          gtk_box_append (GTK_BOX (box), frame);
          gtk_widget_set_margin_top (box, 6);
          field->container = box;

          buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget));
          g_signal_connect_object (buffer, "changed", G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
        }
      else
        {
          field->widget = adw_entry_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->widget), _(editor_fields[i].title));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (field->widget), FALSE);
          field->container = field->widget;

          if (editor_fields[i].kind == KIND_EMAIL)
            gtk_editable_set_max_width_chars (GTK_EDITABLE (field->widget), 254);
          if (editor_fields[i].kind == KIND_DAY)
            adw_entry_row_add_suffix (ADW_ENTRY_ROW (field->widget),
                                      g_object_new (GTK_TYPE_LABEL,
                                                    /* Translators: how to write a day in a field */
                                                    "label", _("dd/mm/yyyy"),
                                                    "css-classes", (const char * const[]) { "dim-label", NULL },
                                                    NULL));
          g_signal_connect_object (field->widget, "changed", G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
        }

      /* The membership's rows come after the status, role and sponsor */
      adw_preferences_group_add (group, field->container);
    }

  for (guint g = 0; g < N_GROUPS; g++)
    {
      self->group_errors[g] = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_wrap (self->group_errors[g], TRUE);
      gtk_label_set_xalign (self->group_errors[g], 0);
      gtk_widget_set_margin_top (GTK_WIDGET (self->group_errors[g]), 6);
      gtk_widget_add_css_class (GTK_WIDGET (self->group_errors[g]), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->group_errors[g]), FALSE);
      adw_preferences_group_add (self->groups[g], GTK_WIDGET (self->group_errors[g]));
    }

  for (guint i = 0; i < N_SWITCHES; i++)
    self->switches[i] = add_switch_row (self, _(privacy_switches[i].title));
  self->qr_switch = add_switch_row (self, _("My card as a QR code on my badge"));

  for (CercleMemberStatus status = 0; status < CERCLE_MEMBERSHIP_N_STATUSES; status++)
    gtk_string_list_append (statuses, cercle_member_status_to_string (status));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));

  picker = cercle_sponsor_picker_new ();
  g_signal_connect_object (picker, "picked", G_CALLBACK (on_sponsor_picked_cb), self, 0);
  gtk_menu_button_set_popover (self->sponsor_button, picker);
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
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_photo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_photo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_sponsor_clicked_cb);

  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Escape, 0, "cancel", NULL);
}

static void
cercle_member_editor_init (CercleMemberEditor *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  build_form (self);
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
  g_autoptr(CercleViewer) viewer = cercle_store_dup_viewer (get_store (self), NULL);
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
                                                           editor_fields[i].column);

      g_object_get (member, editor_fields[i].property, &value, NULL);

      /* Days are written as the user reads them */
      if (editor_fields[i].kind == KIND_DAY && value != NULL)
        {
          int y, m, d;

          if (sscanf (value, "%4d-%2d-%2d", &y, &m, &d) == 3)
            {
              g_free (value);
              value = g_strdup_printf ("%02d/%02d/%04d", d, m, y);
            }
        }

      set_field_text (self, i, value);
      gtk_widget_set_visible (self->fields[i].container, editable);
      any_group[editor_fields[i].group] |= editable;
    }

  for (guint i = 0; i < N_SWITCHES; i++)
    gtk_switch_set_active (self->switches[i],
                           !cercle_visibility_is_field_private (member, privacy_switches[i].column));
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

  update_avatar (self);
  validate (self);
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

  edited = build_member (self);

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

  if (!validate (self))
    {
      g_set_error_literal (error, CERCLE_VALIDATE_ERROR, CERCLE_VALIDATE_ERROR_INVALID,
                           _("Some fields need another look: see the messages under them."));
      return FALSE;
    }

  edited = build_member (self);

  if (!self->is_new && same_record (CERCLE_RECORD (edited), CERCLE_RECORD (self->original)))
    {
      g_signal_emit (self, signals[SAVED], 0, cercle_record_get_id (CERCLE_RECORD (edited)));
      return TRUE;
    }

  if (!cercle_store_save (get_store (self), CERCLE_RECORD (edited), error))
    return FALSE;

  g_set_object (&self->original, edited);
  self->is_new = FALSE;
  g_signal_emit (self, signals[SAVED], 0, cercle_record_get_id (CERCLE_RECORD (edited)));

  return TRUE;
}
