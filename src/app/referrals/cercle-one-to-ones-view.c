/* cercle-one-to-ones-view.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-one-to-ones-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cercle-one-to-one-editor.h"
#include "cercle-one-to-ones-view.h"

/* One's one-to-ones, the meetings where two members get to know each
 * other's business: whom, when, and one's own private notes. The store
 * hands them out without the notes of anyone else; the list lives as long
 * as the page and changes in place. */
struct _CercleOneToOnesView
{
  GtkWidget         parent_instance;

  CercleContext    *context;
  CercleViewer     *viewer;
  CercleRecordList *list;
  GHashTable       *names;

  GtkStack         *stack;
  GtkListView      *list_view;
  GtkNoSelection   *selection;
  GtkLabel         *count_label;
  AdwStatusPage    *error_page;
};

G_DEFINE_FINAL_TYPE (CercleOneToOnesView, cercle_one_to_ones_view, GTK_TYPE_WIDGET)

static const char *
lookup_name (CercleOneToOnesView *self,
             const char          *member_id)
{
  g_autoptr(CercleMember) member = NULL;
  char *name;

  if (member_id == NULL || self->context == NULL)
    return NULL;

  if (g_hash_table_lookup_extended (self->names, member_id, NULL, (gpointer *)&name))
    return name;

  member = cercle_store_get_record (cercle_context_get_store (self->context), CERCLE_TYPE_MEMBER, member_id, NULL);
  name = member != NULL ? cercle_format_full_name (cercle_member_get_first_name (member),
                                                   cercle_member_get_last_name (member))
                        : NULL;
  g_hash_table_insert (self->names, g_strdup (member_id), name);

  return name;
}

static void
update_count (CercleOneToOnesView *self)
{
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  g_autofree char *number = cercle_format_count (n);
  g_autofree char *text = NULL;

  /* Translators: above the list of one's one-to-ones, %s is a number */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s one-to-one", "%s one-to-ones", n), number);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
reload (CercleOneToOnesView *self,
        CercleChangeSet     *changes)
{
  g_autoptr(GListModel) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;

  if (self->context == NULL)
    return;

  fresh = cercle_store_list_one_to_ones (cercle_context_get_store (self->context), &error);
  if (fresh == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  /* The first list read is kept; later ones only say which rows it holds */
  if (self->list == NULL)
    {
      self->list = CERCLE_RECORD_LIST (g_steal_pointer (&fresh));
      gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->list));
      update_count (self);
      return;
    }

  if (changes != NULL)
    cercle_record_list_refresh (self->list, changes);

  rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < g_list_model_get_n_items (fresh); i++)
    {
      gint64 row = cercle_record_list_get_row (CERCLE_RECORD_LIST (fresh), i);

      g_array_append_val (rows, row);
    }
  cercle_record_list_set_rows (self->list, rows);
  update_count (self);
}

static void
reset (CercleOneToOnesView *self)
{
  g_autoptr(GError) error = NULL;

  gtk_no_selection_set_model (self->selection, NULL);
  g_clear_object (&self->list);
  g_clear_pointer (&self->viewer, cercle_viewer_free);
  g_hash_table_remove_all (self->names);

  if (self->context != NULL)
    self->viewer = cercle_store_dup_viewer (cercle_context_get_store (self->context), &error);

  reload (self, NULL);
}

static void
on_store_changed_cb (CercleStore         *store,
                     CercleChangeSet     *changes,
                     CercleOneToOnesView *self)
{
  if (cercle_change_set_get_local_user_changed (changes))
    {
      reset (self);
      return;
    }

  if (cercle_change_set_touches (changes, CERCLE_ENTITY_MEMBER))
    g_hash_table_remove_all (self->names);

  if (cercle_change_set_touches (changes, CERCLE_ENTITY_ONE_TO_ONE))
    reload (self, changes);
}

static void
on_setup_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CercleOneToOnesView      *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *day = gtk_label_new (NULL);
  GtkWidget *notes = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (day, "dim-label");
  gtk_widget_add_css_class (day, "numeric");
  gtk_label_set_xalign (GTK_LABEL (notes), 0);
  gtk_label_set_wrap (GTK_LABEL (notes), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (notes), PANGO_WRAP_WORD_CHAR);

  gtk_box_append (GTK_BOX (top), name);
  gtk_box_append (GTK_BOX (top), day);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), notes);
  gtk_widget_add_css_class (box, "one-to-one");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, box);
}

static void
on_bind_row_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                CercleOneToOnesView      *self)
{
  CercleOneToOne *one_to_one = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *top = gtk_widget_get_first_child (box);
  GtkWidget *name_label = gtk_widget_get_first_child (top);
  GtkWidget *day_label = gtk_widget_get_next_sibling (name_label);
  GtkWidget *notes_label = gtk_widget_get_next_sibling (top);
  const char *a = cercle_one_to_one_get_member_a_id (one_to_one);
  const char *b = cercle_one_to_one_get_member_b_id (one_to_one);
  const char *other = self->viewer != NULL && cercle_viewer_is (self->viewer, a) ? b : a;
  const char *notes = cercle_one_to_one_get_notes (one_to_one);
  g_autofree char *title = NULL;
  g_autofree char *day = cercle_format_day (cercle_one_to_one_get_met_on (one_to_one));
  g_autofree char *shown_notes = NULL;
  g_autofree char *accessible = NULL;

  if (self->viewer != NULL && !cercle_viewer_is (self->viewer, a) && !cercle_viewer_is (self->viewer, b))
    /* Translators: a one-to-one between two other members, as in
     * "Hélène Martin and Paul Durand" */
    title = g_strdup_printf (_("%s and %s"), lookup_name (self, a) ?: _("Unknown member"),
                             lookup_name (self, b) ?: _("Unknown member"));
  else
    /* Translators: a one-to-one with another member, as in "With Paul Durand" */
    title = g_strdup_printf (_("With %s"), lookup_name (self, other) ?: _("Unknown member"));

  if (self->viewer != NULL && cercle_visibility_can_see_one_to_one_notes (self->viewer, one_to_one))
    shown_notes = g_strdup (notes != NULL && *notes != '\0' ? notes : _("No notes"));
  else
    /* Translators: in place of notes someone else wrote, %s is their name */
    shown_notes = g_strdup_printf (_("The notes are private to %s."),
                                   lookup_name (self, cercle_one_to_one_get_author_id (one_to_one))
                                   ?: _("their author"));

  gtk_label_set_text (GTK_LABEL (name_label), title);
  gtk_label_set_text (GTK_LABEL (day_label), day ? day : "");
  gtk_label_set_text (GTK_LABEL (notes_label), shown_notes);

  /* Translators: what a screen reader says for a one-to-one: with whom,
   * the day, the notes */
  accessible = g_strdup_printf (_("%s, %s, %s"), title, day ? day : "", shown_notes);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
on_log_clicked_cb (GtkButton           *button,
                   CercleOneToOnesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *editor;

  if (self->context == NULL)
    return;

  editor = cercle_one_to_one_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
cercle_one_to_ones_view_dispose (GObject *object)
{
  CercleOneToOnesView *self = (CercleOneToOnesView *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_ONE_TO_ONES_VIEW);
  /* Children the template does not bind are ours to unparent too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->list);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_one_to_ones_view_parent_class)->dispose (object);
}

static void
cercle_one_to_ones_view_finalize (GObject *object)
{
  CercleOneToOnesView *self = (CercleOneToOnesView *) object;

  g_clear_pointer (&self->viewer, cercle_viewer_free);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (cercle_one_to_ones_view_parent_class)->finalize (object);
}

static void
cercle_one_to_ones_view_class_init (CercleOneToOnesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_one_to_ones_view_dispose;
  object_class->finalize = cercle_one_to_ones_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/referrals/cercle-one-to-ones-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleOneToOnesView, stack);
  gtk_widget_class_bind_template_child (widget_class, CercleOneToOnesView, list_view);
  gtk_widget_class_bind_template_child (widget_class, CercleOneToOnesView, selection);
  gtk_widget_class_bind_template_child (widget_class, CercleOneToOnesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, CercleOneToOnesView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_log_clicked_cb);
}

static void
cercle_one_to_ones_view_init (CercleOneToOnesView *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

void
cercle_one_to_ones_view_set_context (CercleOneToOnesView *self,
                                     CercleContext       *context)
{
  g_return_if_fail (CERCLE_IS_ONE_TO_ONES_VIEW (self));
  g_return_if_fail (!context || CERCLE_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (cercle_context_get_store (self->context),
                                          on_store_changed_cb, self);

  g_set_object (&self->context, context);

  if (context != NULL)
    g_signal_connect_object (cercle_context_get_store (context), "changed",
                             G_CALLBACK (on_store_changed_cb), self, 0);

  reset (self);
}

/**
 * cercle_one_to_ones_view_get_model:
 *
 * Returns: (transfer none) (nullable): the list shown
 */
GListModel *
cercle_one_to_ones_view_get_model (CercleOneToOnesView *self)
{
  g_return_val_if_fail (CERCLE_IS_ONE_TO_ONES_VIEW (self), NULL);

  return G_LIST_MODEL (self->list);
}
