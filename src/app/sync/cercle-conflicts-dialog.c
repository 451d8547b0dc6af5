/* cercle-conflicts-dialog.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-conflicts-dialog.h"
#include "cercle-member-history.h"

/* What the club's server did not take: for each field both values side
 * by side, the user's and the club's, and a button to keep either; then
 * the edits the server refused, with its reason, to dismiss once read.
 * Nothing leaves these lists but by the user's choice. */

typedef struct
{
  GtkWindow   *window;
  CercleStore *store;
  GtkBox      *box;
} Dialog;

static void fill (Dialog *dialog);

static char *
value_text (const GValue *value)
{
  if (!G_IS_VALUE (value))
    return g_strdup (_("(deleted)"));
  if (G_VALUE_HOLDS_STRING (value))
    return g_strdup (g_value_get_string (value) != NULL ? g_value_get_string (value) : _("(empty)"));

  return g_strdup_value_contents (value);
}

/* The fields of other rows that two people may both change, as the user
 * names them; a member's are the profile's (cercle-member-history.c) */
static const struct
{
  const char *column;
  const char *title;
} other_field_titles[] = {
  { "title", N_("Title") },
  { "kind", N_("Kind") },
  { "starts_at", N_("Start") },
  { "ends_at", N_("End") },
  { "place", N_("Place") },
  { "video_url", N_("Video call link") },
  { "capacity", N_("Seats") },
  { "description", N_("Description") },
  { "status", N_("Status") },
  { "response", N_("Answer") },
  { "attendance", N_("Attendance") },
  { "guest_name", N_("Guest") },
  { "prospect", N_("Prospect") },
  { "need", N_("Need") },
  { "temperature", N_("Temperature") },
  { "amount_closed_cents", N_("Business closed") },
  { "notes", N_("Notes") },
  { "happened_on", N_("Date") },
};

static const char *
field_title (CercleEntity  entity,
             const char   *column)
{
  if (entity == CERCLE_ENTITY_MEMBER)
    return cercle_member_field_title (column);

  for (guint i = 0; i < G_N_ELEMENTS (other_field_titles); i++)
    if (g_str_equal (other_field_titles[i].column, column))
      return _(other_field_titles[i].title);

  return column;
}

static const char *
entity_title (CercleEntity entity)
{
  switch (entity)
    {
    case CERCLE_ENTITY_CLUB:
      return _("The club");
    case CERCLE_ENTITY_EVENT:
      return _("An event");
    case CERCLE_ENTITY_REGISTRATION:
      return _("A registration");
    case CERCLE_ENTITY_REFERRAL:
      return _("A referral");
    case CERCLE_ENTITY_ONE_TO_ONE:
      return _("A one-to-one");
    case CERCLE_ENTITY_REQUEST:
      return _("A request");
    default:
      return _("An entry");
    }
}

static char *
row_title (CercleStore  *store,
           CercleEntity  entity,
           const char   *row_id,
           const char   *column)
{
  g_autoptr(CercleRecord) record = cercle_store_get_record (store, cercle_entity_get_record_type (entity),
                                                            row_id, NULL);
  const char *field = field_title (entity, column);

  if (record != NULL && CERCLE_IS_MEMBER (record))
    {
      g_autofree char *name = cercle_format_full_name (cercle_member_get_first_name (CERCLE_MEMBER (record)),
                                                       cercle_member_get_last_name (CERCLE_MEMBER (record)));

      /* Translators: a member's name, then the field both changed */
      return g_strdup_printf (_("%s: %s"), name, field);
    }

  if (record != NULL && CERCLE_IS_EVENT (record) && cercle_event_get_title (CERCLE_EVENT (record)) != NULL)
    return g_strdup_printf (_("%s: %s"), cercle_event_get_title (CERCLE_EVENT (record)), field);

  return g_strdup_printf (_("%s: %s"), entity_title (entity), field);
}

static void
on_choice_cb (GtkButton *button,
              Dialog    *dialog)
{
  CercleSyncConflict *conflict = g_object_get_data (G_OBJECT (button), "conflict");
  CercleSyncRejection *rejection = g_object_get_data (G_OBJECT (button), "rejection");
  gboolean keep_mine = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "keep-mine"));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (conflict != NULL)
    ok = cercle_store_resolve_conflict (dialog->store, conflict, keep_mine, &error);
  else
    ok = cercle_store_dismiss_rejection (dialog->store, rejection, &error);

  if (!ok)
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (dialog->window))),
                                   toast);
      return;
    }

  fill (dialog);
}

static GtkWidget *
choice_button (Dialog     *dialog,
               const char *label,
               const char *accessible,
               gpointer    conflict_or_rejection,
               gboolean    is_conflict,
               gboolean    keep_mine)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data (G_OBJECT (button), is_conflict ? "conflict" : "rejection", conflict_or_rejection);
  g_object_set_data (G_OBJECT (button), "keep-mine", GINT_TO_POINTER (keep_mine));
  g_signal_connect (button, "clicked", G_CALLBACK (on_choice_cb), dialog);

  return button;
}

static void
add_conflict (Dialog             *dialog,
              CercleSyncConflict *conflict,
              GPtrArray          *keep)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *mine = adw_action_row_new ();
  GtkWidget *theirs = adw_action_row_new ();
  g_autofree char *title = row_title (dialog->store, conflict->entity, conflict->row_id, conflict->column);
  g_autofree char *mine_text = value_text (&conflict->mine);
  g_autofree char *theirs_text = conflict->row_deleted ? g_strdup (_("(deleted)")) : value_text (&conflict->theirs);
  g_autofree char *mine_name = NULL;
  g_autofree char *theirs_name = NULL;

  g_ptr_array_add (keep, conflict);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (mine), _("Yours"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (mine), mine_text);
  mine_name = g_strdup_printf (_("Yours: %s"), mine_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (mine), GTK_ACCESSIBLE_PROPERTY_LABEL, mine_name, -1);
  if (!conflict->row_deleted)
    adw_action_row_add_suffix (ADW_ACTION_ROW (mine),
                               choice_button (dialog, _("Keep _Mine"), mine_name, conflict, TRUE, TRUE));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (theirs), _("The club’s"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (theirs), theirs_text);
  theirs_name = g_strdup_printf (_("The club’s: %s"), theirs_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (theirs), GTK_ACCESSIBLE_PROPERTY_LABEL, theirs_name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (theirs),
                             choice_button (dialog, _("Keep _Theirs"), theirs_name, conflict, TRUE, FALSE));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), mine);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), theirs);
  gtk_box_append (dialog->box, group);
}

static void
add_rejection (Dialog              *dialog,
               CercleSyncRejection *rejection,
               GPtrArray           *keep)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  g_ptr_array_add (keep, rejection);

  title = row_title (dialog->store, rejection->mutation->entity, rejection->mutation->row_id,
                     cercle_mutation_get_n_changes (rejection->mutation) > 0
                       ? _("change refused") : _("deletion refused"));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rejection->reason);
  name = g_strdup_printf (_("Refused: %s"), rejection->reason);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             choice_button (dialog, _("_Dismiss"), name, rejection, FALSE, FALSE));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_box_append (dialog->box, group);
}

static void
fill (Dialog *dialog)
{
  g_autoptr(GPtrArray) conflicts = cercle_store_list_conflicts (dialog->store, NULL, NULL);
  g_autoptr(GPtrArray) rejections = cercle_store_list_rejections (dialog->store, NULL);
  GPtrArray *keep = g_ptr_array_new ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (dialog->box))) != NULL)
    gtk_box_remove (dialog->box, child);

  /* The buttons point into these lists: they live as long as the box shows them */
  g_object_set_data_full (G_OBJECT (dialog->box), "conflicts",
                          conflicts != NULL ? g_ptr_array_ref (conflicts) : NULL,
                          (GDestroyNotify)g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog->box), "rejections",
                          rejections != NULL ? g_ptr_array_ref (rejections) : NULL,
                          (GDestroyNotify)g_ptr_array_unref);

  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    add_conflict (dialog, g_ptr_array_index (conflicts, i), keep);
  for (guint i = 0; rejections != NULL && i < rejections->len; i++)
    add_rejection (dialog, g_ptr_array_index (rejections, i), keep);

  if (keep->len == 0 && gtk_widget_get_visible (GTK_WIDGET (dialog->window)))
    gtk_window_close (dialog->window);

  g_ptr_array_unref (keep);
}

static void
dialog_free (Dialog *dialog)
{
  g_clear_object (&dialog->store);
  g_free (dialog);
}

/**
 * cercle_conflicts_dialog_present:
 *
 * Shows the conflicts and refused edits of the club in @store.
 */
void
cercle_conflicts_dialog_present (GtkWindow   *parent,
                                 CercleStore *store)
{
  Dialog *dialog = g_new0 (Dialog, 1);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  g_return_if_fail (CERCLE_IS_STORE (store));

  dialog->store = g_object_ref (store);
  dialog->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_title (dialog->window, _("Sync Conflicts"));
  gtk_window_set_modal (dialog->window, TRUE);
  gtk_window_set_transient_for (dialog->window, parent);
  /* No wider than a narrow window (a phone's), which it would overflow */
  gtk_window_set_default_size (dialog->window,
                               parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0
                               ? MIN (520, gtk_widget_get_width (GTK_WIDGET (parent))) : 520,
                               560);
  g_object_set_data_full (G_OBJECT (dialog->window), "cercle-dialog", dialog, (GDestroyNotify)dialog_free);

  dialog->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_widget_set_margin_top (GTK_WIDGET (dialog->box), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (dialog->box), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (dialog->box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (dialog->box), 12);

  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (dialog->box));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), toolbar);
  adw_window_set_content (ADW_WINDOW (dialog->window), overlay);

  fill (dialog);
  if (gtk_widget_get_first_child (GTK_WIDGET (dialog->box)) == NULL)
    {
      gtk_window_destroy (dialog->window);
      return;
    }
  gtk_window_present (dialog->window);
}
