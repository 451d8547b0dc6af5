/* cercle-member-picker.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-member-picker"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cercle-member-picker.h"

/* Chooses a member by searching the directory as one types, as the member
 * page does (in the store's search thread, each keystroke cancelling the
 * one before), then shows who was chosen with a button to choose again.
 * The user themselves may be shown but not chosen. */
struct _CercleMemberPicker
{
  GtkWidget         parent_instance;

  CercleContext    *context;
  CercleRecordList *results;
  GCancellable     *search_cancellable;
  char             *excluded_id;
  char             *member_id;
  char             *name;

  GtkStack         *stack;
  GtkSearchEntry   *search_entry;
  GtkListView      *list_view;
  GtkNoSelection   *selection;
  AdwActionRow     *chosen_row;
  GtkWidget        *change_button;
};

G_DEFINE_FINAL_TYPE (CercleMemberPicker, cercle_member_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MEMBER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_rows (CercleMemberPicker *self,
          GArray             *rows)
{
  if (self->results != NULL)
    cercle_record_list_set_rows (self->results, rows);
}

static void
on_search_ready_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CercleMemberPicker) self = user_data;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = cercle_store_search_member_rows_finish (CERCLE_STORE (object), result, &error);
  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Member search failed: %s", error->message);
      return;
    }

  set_rows (self, rows);
}

static void
run_search (CercleMemberPicker *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  CercleStore *store;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (self->context == NULL)
    return;

  store = cercle_context_get_store (self->context);

  if (*query == '\0')
    {
      g_autoptr(GArray) rows = cercle_store_search_member_rows (store, NULL, NULL, NULL);

      if (rows != NULL)
        set_rows (self, rows);
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  cercle_store_search_member_rows_async (store, query, self->search_cancellable,
                                         on_search_ready_cb, g_object_ref (self));
}

static void
on_search_changed_cb (GtkSearchEntry     *entry,
                      CercleMemberPicker *self)
{
  run_search (self);
}

static void
set_chosen (CercleMemberPicker *self,
            const char         *member_id,
            const char         *name,
            const char         *subtitle)
{
  if (g_strcmp0 (self->member_id, member_id) != 0)
    {
      g_free (self->member_id);
      self->member_id = g_strdup (member_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBER_ID]);
    }
  g_free (self->name);
  self->name = g_strdup (name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->chosen_row), name ? name : "");
  adw_action_row_set_subtitle (self->chosen_row, subtitle ? subtitle : "");
  gtk_stack_set_visible_child_name (self->stack, member_id != NULL ? "chosen" : "search");
}

static void
on_activate_cb (GtkListView        *list_view,
                guint               position,
                CercleMemberPicker *self)
{
  g_autoptr(CercleMember) member = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  g_autofree char *name = NULL;
  const char *id;

  if (member == NULL)
    return;

  id = cercle_record_get_id (CERCLE_RECORD (member));
  if (g_strcmp0 (id, self->excluded_id) == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  name = cercle_format_full_name (cercle_member_get_first_name (member), cercle_member_get_last_name (member));
  set_chosen (self, id, name, cercle_member_get_company (member));
}

/* A member of the results is a button: chosen by a click, Enter or Space,
 * or an assistive technology's "click" */
static void
on_row_clicked_cb (GtkButton          *button,
                   CercleMemberPicker *self)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (button), "list-item");

  if (list_item != NULL && gtk_list_item_get_item (list_item) != NULL)
    on_activate_cb (self->list_view, gtk_list_item_get_position (list_item), self);
}

static void
on_change_clicked_cb (GtkButton          *button,
                      CercleMemberPicker *self)
{
  set_chosen (self, NULL, NULL, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_search_activate_cb (GtkSearchEntry     *entry,
                       CercleMemberPicker *self)
{
  /* Enter takes the best match */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->selection)) && i < 2; i++)
    {
      g_autoptr(CercleMember) member = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (g_strcmp0 (cercle_record_get_id (CERCLE_RECORD (member)), self->excluded_id) != 0)
        {
          on_activate_cb (self->list_view, i, self);
          return;
        }
    }
}

static void
on_setup_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CercleMemberPicker       *self)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *company = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (company), 0);
  gtk_label_set_ellipsize (GTK_LABEL (company), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (company, "caption");
  gtk_widget_add_css_class (company, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), company);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "picker-row");
  g_object_set_data (G_OBJECT (button), "list-item", list_item);
  g_signal_connect (button, "clicked", G_CALLBACK (on_row_clicked_cb), self);
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, button);
}

static void
on_bind_row_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                CercleMemberPicker       *self)
{
  CercleMember *member = gtk_list_item_get_item (list_item);
  GtkWidget *button = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (button));
  GtkWidget *name_label = gtk_widget_get_first_child (box);
  GtkWidget *company_label = gtk_widget_get_next_sibling (name_label);
  g_autofree char *name = cercle_format_full_name (cercle_member_get_first_name (member),
                                                   cercle_member_get_last_name (member));
  gboolean excluded = g_strcmp0 (cercle_record_get_id (CERCLE_RECORD (member)), self->excluded_id) == 0;
  g_autofree char *shown = excluded ? g_strdup_printf (_("%s (you)"), name) : g_strdup (name);
  g_autofree char *accessible = NULL;

  gtk_label_set_text (GTK_LABEL (name_label), shown);
  gtk_label_set_text (GTK_LABEL (company_label), cercle_member_get_company (member) ?: "");
  gtk_widget_set_sensitive (button, !excluded);

  /* Translators: what a screen reader says for a member to choose:
   * the name, then the company */
  accessible = g_strdup_printf (_("%s, %s"), shown, cercle_member_get_company (member) ?: "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
cercle_member_picker_dispose (GObject *object)
{
  CercleMemberPicker *self = (CercleMemberPicker *) object;
  GtkWidget *child;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_MEMBER_PICKER);
  /* Children the template does not bind are ours to unparent too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->results);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_member_picker_parent_class)->dispose (object);
}

static void
cercle_member_picker_finalize (GObject *object)
{
  CercleMemberPicker *self = (CercleMemberPicker *) object;

  g_free (self->excluded_id);
  g_free (self->member_id);
  g_free (self->name);

  G_OBJECT_CLASS (cercle_member_picker_parent_class)->finalize (object);
}

static void
cercle_member_picker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CercleMemberPicker *self = CERCLE_MEMBER_PICKER (object);

  switch (prop_id)
    {
    case PROP_MEMBER_ID:
      g_value_set_string (value, self->member_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_member_picker_class_init (CercleMemberPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_member_picker_dispose;
  object_class->finalize = cercle_member_picker_finalize;
  object_class->get_property = cercle_member_picker_get_property;

  properties[PROP_MEMBER_ID] =
    g_param_spec_string ("member-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/referrals/cercle-member-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleMemberPicker, stack);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberPicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberPicker, selection);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberPicker, chosen_row);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberPicker, change_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_change_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_row_cb);
}

static void
cercle_member_picker_init (CercleMemberPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
cercle_member_picker_set_context (CercleMemberPicker *self,
                                  CercleContext      *context)
{
  g_return_if_fail (CERCLE_IS_MEMBER_PICKER (self));
  g_return_if_fail (!context || CERCLE_IS_CONTEXT (context));

  g_set_object (&self->context, context);

  gtk_no_selection_set_model (self->selection, NULL);
  g_clear_object (&self->results);

  if (context != NULL)
    {
      g_autoptr(GArray) no_rows = g_array_new (FALSE, FALSE, sizeof (gint64));

      self->results = cercle_record_list_new (cercle_context_get_store (context), CERCLE_TYPE_MEMBER, no_rows);
      gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->results));
    }

  run_search (self);
}

/* The user, who cannot be chosen */
void
cercle_member_picker_set_excluded (CercleMemberPicker *self,
                                   const char         *member_id)
{
  g_return_if_fail (CERCLE_IS_MEMBER_PICKER (self));

  g_free (self->excluded_id);
  self->excluded_id = g_strdup (member_id);
}

/**
 * cercle_member_picker_choose:
 * @locked: whether the user may choose someone else
 *
 * Chooses a member already, as answering a need chooses its author.
 */
void
cercle_member_picker_choose (CercleMemberPicker *self,
                             const char         *member_id,
                             const char         *name,
                             gboolean            locked)
{
  g_return_if_fail (CERCLE_IS_MEMBER_PICKER (self));

  set_chosen (self, member_id, name, NULL);
  gtk_widget_set_visible (self->change_button, !locked);
}

const char *
cercle_member_picker_get_member_id (CercleMemberPicker *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER_PICKER (self), NULL);

  return self->member_id;
}

const char *
cercle_member_picker_get_name (CercleMemberPicker *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER_PICKER (self), NULL);

  return self->name;
}

/* What the search field is for, for screen readers and as its hint */
void
cercle_member_picker_set_label (CercleMemberPicker *self,
                                const char         *label)
{
  g_return_if_fail (CERCLE_IS_MEMBER_PICKER (self));

  g_object_set (self->search_entry, "placeholder-text", label, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}
