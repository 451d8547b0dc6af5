/* cercle-import-dialog.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-import-dialog.h"
#include "cercle-member-history.h"

/* Members from a spreadsheet, for staff moving a club into Cercle: the
 * file is read in a worker thread (its encoding and separator guessed),
 * each column shown with what it holds and the field it was guessed to
 * fill, for the user to change; then the import runs in a worker thread,
 * all rows or none, with its progress and a Cancel button. When rows are
 * rejected, each is named with its line and reason, nothing is changed,
 * and the user can change the columns and try again. */

/* How many values of a column its row shows as an example */
#define N_EXAMPLES 3

struct _CercleImportDialog
{
  AdwWindow        parent_instance;

  CercleContext   *context;
  GCancellable    *cancellable;
  GFile           *file;
  CercleCsvTable  *table;
  GPtrArray       *combo_rows;
  gboolean         importing;

  GtkWidget       *cancel_button;
  GtkLabel        *cancel_label;
  GtkWidget       *import_button;
  GtkStack        *stack;
  GtkLabel        *summary_label;
  AdwPreferencesGroup *columns_group;
  GtkLabel        *mapping_error_label;
  GtkProgressBar  *progress_bar;
  GtkLabel        *progress_label;
  AdwStatusPage   *result_page;
  GtkWidget       *rejected_box;
  GtkListView     *rejected_list;
  GtkWidget       *back_button;
};

G_DEFINE_FINAL_TYPE (CercleImportDialog, cercle_import_dialog, ADW_TYPE_WINDOW)

static const char * const *
member_columns (void)
{
  return cercle_csv_member_columns ();
}

/* The choices of a column's row: "do not import", then every field */
static GListModel *
make_choices (void)
{
  GtkStringList *choices = gtk_string_list_new (NULL);
  const char * const *columns = member_columns ();

  gtk_string_list_append (choices, _("Not imported"));
  for (guint i = 0; columns[i] != NULL; i++)
    gtk_string_list_append (choices, cercle_csv_column_title (columns[i]));

  return G_LIST_MODEL (choices);
}

static guint
choice_for_column (const char *column)
{
  const char * const *columns = member_columns ();

  for (guint i = 0; column != NULL && columns[i] != NULL; i++)
    if (g_str_equal (columns[i], column))
      return i + 1;

  return 0;
}

static GStrv
current_mapping (CercleImportDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *columns = member_columns ();

  for (guint i = 0; i < self->combo_rows->len; i++)
    {
      guint choice = adw_combo_row_get_selected (g_ptr_array_index (self->combo_rows, i));

      g_strv_builder_add (builder, choice > 0 && choice <= g_strv_length ((char **)columns)
                                   ? columns[choice - 1] : "");
    }

  return g_strv_builder_end (builder);
}

static void
show_result (CercleImportDialog *self,
             const char         *title,
             const char         *description,
             const char         *icon_name,
             GPtrArray          *rejected)
{
  g_autofree char *escaped = description != NULL ? g_markup_escape_text (description, -1) : NULL;

  adw_status_page_set_title (self->result_page, title);
  adw_status_page_set_description (self->result_page, escaped);
  adw_status_page_set_icon_name (self->result_page, icon_name);

  if (rejected != NULL && rejected->len > 0)
    {
      g_autoptr(GtkStringList) lines = gtk_string_list_new (NULL);

      for (guint i = 0; i < rejected->len; i++)
        gtk_string_list_append (lines, g_ptr_array_index (rejected, i));
      gtk_list_view_set_model (self->rejected_list,
                               GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&lines)))));
    }

  gtk_widget_set_visible (self->rejected_box, rejected != NULL && rejected->len > 0);
  gtk_widget_set_visible (self->back_button, self->table != NULL);
  gtk_widget_set_visible (self->import_button, FALSE);
  gtk_label_set_text_with_mnemonic (self->cancel_label, _("_Close"));
  gtk_stack_set_visible_child_name (self->stack, "result");
}

static void
on_import_progress_cb (guint    done,
                       guint    total,
                       gpointer user_data)
{
  CercleImportDialog *self = user_data;
  g_autofree char *done_text = cercle_format_count (done);
  g_autofree char *total_text = cercle_format_count (total);
  g_autofree char *label = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double)done / total : 0);
  /* Translators: import progress, as in "2,300 of 10,000 rows" */
  label = g_strdup_printf (_("%s of %s rows"), done_text, total_text);
  gtk_label_set_text (self->progress_label, label);
}

static void
on_imported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CercleImportDialog) self = user_data;
  g_autoptr(CercleImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = cercle_store_import_members_finish (CERCLE_STORE (object), result, &report, &error);
  self->importing = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The window is gone, or the user stopped: nothing was changed */
      if (gtk_widget_get_visible (GTK_WIDGET (self)))
        show_result (self, _("Import Cancelled"), _("Nothing was changed."),
                     "process-stop-symbolic", NULL);
      return;
    }

  if (!ok)
    {
      show_result (self, _("Nothing Was Imported"), error->message, "dialog-warning-symbolic",
                   report != NULL ? report->rejected : NULL);
      return;
    }

  {
    g_autofree char *added = cercle_format_count (report->n_added);
    g_autofree char *updated = cercle_format_count (report->n_updated);
    g_autofree char *unchanged = cercle_format_count (report->n_unchanged);
    g_autofree char *description = NULL;

    /* Translators: what an import did; each %s is a number */
    description = g_strdup_printf (_("%s added, %s updated, %s unchanged."), added, updated, unchanged);
    show_result (self, _("Members Imported"), description, "emblem-ok-symbolic", NULL);
    gtk_widget_set_visible (self->back_button, FALSE);
  }
}

static void
on_import_clicked_cb (GtkButton          *button,
                      CercleImportDialog *self)
{
  g_auto(GStrv) mapping = current_mapping (self);
  g_autoptr(GError) error = NULL;
  gboolean has_name = FALSE;

  for (guint i = 0; mapping[i] != NULL; i++)
    has_name |= g_str_equal (mapping[i], "last_name") || g_str_equal (mapping[i], "first_name");

  if (!has_name)
    {
      gtk_label_set_text (self->mapping_error_label,
                          _("No column holds the members’ names: choose the column of their last names."));
      gtk_widget_set_visible (GTK_WIDGET (self->mapping_error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error_label), FALSE);

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->progress_label, "");
  gtk_widget_set_visible (self->import_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "progress");

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->importing = TRUE;

  /* The table goes to the thread; a copy stays for another try */
  cercle_store_import_members_async (cercle_context_get_store (self->context),
                                     cercle_csv_table_copy (self->table),
                                     (const char * const *)mapping, FALSE,
                                     on_import_progress_cb, self,
                                     self->cancellable, on_imported_cb, g_object_ref (self));
}

static void
on_back_clicked_cb (GtkButton          *button,
                    CercleImportDialog *self)
{
  gtk_widget_set_visible (self->import_button, TRUE);
  gtk_label_set_text_with_mnemonic (self->cancel_label, _("_Cancel"));
  gtk_stack_set_visible_child_name (self->stack, "mapping");
}

static void
on_cancel_clicked_cb (GtkButton          *button,
                      CercleImportDialog *self)
{
  /* An import under way stops first, and says so; nothing is written */
  if (self->importing)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
show_mapping (CercleImportDialog *self)
{
  g_auto(GStrv) guessed = cercle_csv_guess_mapping (self->table);
  g_autofree char *rows = cercle_format_count (self->table->rows->len);
  g_autofree char *file_name = g_file_get_basename (self->file);
  g_autofree char *summary = NULL;
  g_autofree char *separator = NULL;
  guint n_columns = g_strv_length (self->table->header);

  if (self->table->separator == '\t')
    separator = g_strdup (_("tabs"));
  else
    /* Translators: a separator character, quoted */
    separator = g_strdup_printf (_("“%c”"), self->table->separator);

  /* Translators: what the import read, as in "membres.csv: 120 rows,
   * WINDOWS-1252, cells separated by “;”" */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s: %s row, %s, cells separated by %s",
                                          "%s: %s rows, %s, cells separated by %s",
                                          self->table->rows->len),
                             file_name, rows, self->table->encoding, separator);
  gtk_label_set_text (self->summary_label, summary);

  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(GListModel) choices = make_choices ();
      g_autoptr(GString) examples = g_string_new (NULL);
      g_autofree char *title = NULL;
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      guint n_examples = 0;

      for (guint r = 0; r < self->table->rows->len && n_examples < N_EXAMPLES; r++)
        {
          GStrv cells = g_ptr_array_index (self->table->rows, r);

          if (c < g_strv_length (cells) && *g_strstrip (cells[c]) != '\0')
            {
              g_autofree char *one_line = g_strdelimit (g_strdup (cells[c]), "\r\n", ' ');

              g_string_append_printf (examples, "%s%s", n_examples > 0 ? " · " : "", one_line);
              n_examples++;
            }
        }

      title = *self->table->header[c] != '\0' ? g_strdup (self->table->header[c])
                                               : g_strdup_printf (_("Column %u"), c + 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), examples->len > 0 ? examples->str : _("Empty"));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (row, choices);
      adw_combo_row_set_selected (row, choice_for_column (guessed != NULL ? guessed[c] : NULL));
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      g_ptr_array_add (self->combo_rows, row);
    }

  gtk_widget_set_visible (self->import_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "mapping");
  gtk_widget_grab_focus (self->import_button);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  CercleCsvTable *table;

  /* Refused before it is read into memory */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &error);
  if (info != NULL && g_file_info_get_size (info) > CERCLE_CSV_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (CERCLE_CSV_MAX_BYTES);

      g_task_return_new_error (task, CERCLE_CSV_ERROR, CERCLE_CSV_ERROR_TOO_BIG,
                               _("The file is too big to import: at most %s."), size);
      return;
    }

  if (info == NULL ||
      !(bytes = g_file_load_bytes (file, cancellable, NULL, &error)) ||
      !(table = cercle_csv_table_parse (bytes, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, table, (GDestroyNotify)cercle_csv_table_free);
}

static void
on_read_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CercleImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->table = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->table == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_result (self, _("Could Not Read the File"), error->message, "dialog-warning-symbolic", NULL);
      return;
    }

  show_mapping (self);
}

static void
on_setup_line_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_item_set_child (item, label);
}

static void
on_bind_line_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkStringObject *line = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (line));
  /* Each rejected row says itself to a screen reader */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (label)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_string_object_get_string (line),
                                  -1);
}

static gboolean
cercle_import_dialog_close_request (GtkWindow *window)
{
  CercleImportDialog *self = CERCLE_IMPORT_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (cercle_import_dialog_parent_class)->close_request (window);
}

static void
cercle_import_dialog_dispose (GObject *object)
{
  CercleImportDialog *self = CERCLE_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (cercle_import_dialog_parent_class)->dispose (object);
}

static void
cercle_import_dialog_finalize (GObject *object)
{
  CercleImportDialog *self = CERCLE_IMPORT_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_pointer (&self->table, cercle_csv_table_free);
  g_clear_pointer (&self->combo_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cercle_import_dialog_parent_class)->finalize (object);
}

static void
cercle_import_dialog_class_init (CercleImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cercle_import_dialog_dispose;
  object_class->finalize = cercle_import_dialog_finalize;
  window_class->close_request = cercle_import_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/members/cercle-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CercleImportDialog, cancel_label);
  gtk_widget_class_bind_template_child (widget_class, CercleImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, CercleImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CercleImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CercleImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, CercleImportDialog, mapping_error_label);
  gtk_widget_class_bind_template_child (widget_class, CercleImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CercleImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CercleImportDialog, result_page);
  gtk_widget_class_bind_template_child (widget_class, CercleImportDialog, rejected_box);
  gtk_widget_class_bind_template_child (widget_class, CercleImportDialog, rejected_list);
  gtk_widget_class_bind_template_child (widget_class, CercleImportDialog, back_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cercle_import_dialog_init (CercleImportDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->combo_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_line_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_line_cb), NULL);
  gtk_list_view_set_factory (self->rejected_list, factory);
}

/**
 * cercle_import_dialog_new:
 * @file: the CSV file to import
 *
 * Returns: (transfer full): a dialog that reads @file and asks how to
 *   import it; present it
 */
CercleImportDialog *
cercle_import_dialog_new (GtkWindow     *parent,
                          CercleContext *context,
                          GFile         *file)
{
  CercleImportDialog *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CERCLE_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (CERCLE_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->context = g_object_ref (context);
  self->file = g_object_ref (file);

  task = g_task_new (NULL, self->cancellable, on_read_cb, g_object_ref (self));
  g_task_set_source_tag (task, cercle_import_dialog_new);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_thread);

  return self;
}

static void
on_file_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   CercleContext   *context)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);
      CercleImportDialog *dialog = cercle_import_dialog_new (parent, context, file);

      gtk_window_present (GTK_WINDOW (dialog));
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (context);
}

/**
 * cercle_import_dialog_choose_file:
 *
 * Asks for a CSV file, then shows the import dialog for it.
 */
void
cercle_import_dialog_choose_file (GtkWindow     *parent,
                                  CercleContext *context)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  g_return_if_fail (CERCLE_IS_CONTEXT (context));

  chooser = gtk_file_chooser_native_new (_("Import Members"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("Spreadsheets (CSV)"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen_cb), g_object_ref (context));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
