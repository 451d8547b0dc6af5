/* cercle-event-print.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-event-print"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-event-print.h"
#include "cercle-event-roster.h"

/* An event's badges and sign-in sheet, printed through the print dialog
 * (with its preview) or saved as PDF through the file chooser. The pages
 * are drawn by src/print, so the paper and the PDF are the same. What the
 * user can reach is a "print" action group and a menu, kept here so that
 * they can move from the calendar to the event page as they are. */

typedef struct
{
  CercleDocument       *document;
  CercleEventPrintKind  kind;
  GtkDropDown          *layout_choice;
} PrintJob;

typedef struct
{
  GtkWindow            *parent;
  CercleRoster         *roster;
  CercleDocument       *document;
  CercleEventPrintKind  kind;
  GtkFileChooserNative *chooser;
  AdwMessageDialog     *progress_dialog;
  GCancellable         *cancellable;
  char                 *display_name;
  gboolean              dialog_gone;
} ExportJob;

typedef struct
{
  GtkWidget     *owner;
  CercleContext *context;
} Actions;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->document);
  g_clear_object (&job->layout_choice);
  g_free (job);
}

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->parent);
  g_clear_pointer (&job->roster, cercle_roster_unref);
  g_clear_object (&job->document);
  g_clear_object (&job->chooser);
  g_clear_object (&job->progress_dialog);
  g_clear_object (&job->cancellable);
  g_free (job->display_name);
  g_free (job);
}

static GtkWindow *
get_window (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (GtkWindow  *parent,
            const char *heading,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static CercleDocument *
document_new (CercleRoster         *roster,
              CercleEventPrintKind  kind)
{
  switch (kind)
    {
    case CERCLE_EVENT_PRINT_SIGN_IN:
      return CERCLE_DOCUMENT (cercle_sheet_document_new (roster, CERCLE_SHEET_SIGN_IN));
    case CERCLE_EVENT_PRINT_ATTENDANCE:
      return CERCLE_DOCUMENT (cercle_sheet_document_new (roster, CERCLE_SHEET_ATTENDANCE));
    case CERCLE_EVENT_PRINT_BADGES:
    default:
      return CERCLE_DOCUMENT (cercle_badge_document_new (roster, CERCLE_BADGE_LAYOUT_A4_8));
    }
}

/* Reads the event from the store, or says why not and returns %NULL */
static CercleRoster *
load_roster (GtkWindow            *parent,
             CercleStore          *store,
             const char           *event_id,
             CercleEventPrintKind  kind)
{
  g_autoptr(CercleRoster) roster = NULL;
  g_autoptr(GError) error = NULL;

  roster = cercle_event_roster_new (store, event_id, &error);
  if (roster == NULL)
    {
      show_error (parent, _("Could Not Read the Event"), error->message);
      return NULL;
    }

  if (kind == CERCLE_EVENT_PRINT_BADGES && cercle_roster_get_n_attendees (roster) == 0)
    {
      show_error (parent, _("No Badges to Print"),
                  _("Nobody is registered for this event yet."));
      return NULL;
    }

  return g_steal_pointer (&roster);
}

/**
 * cercle_event_print_page_setup_new:
 *
 * Returns: (transfer full): the paper the document is drawn for, by its
 *   standard name when it has one, so that printers pick the right tray
 */
GtkPageSetup *
cercle_event_print_page_setup_new (CercleDocument *document)
{
  g_autoptr(GtkPaperSize) paper = NULL;
  GtkPageSetup *setup = gtk_page_setup_new ();
  double width, height;

  cercle_document_get_page_size (document, &width, &height);

  if (G_APPROX_VALUE (width, 595.28, 1.0) && G_APPROX_VALUE (height, 841.89, 1.0))
    paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  else if (G_APPROX_VALUE (width, 297.64, 1.0) && G_APPROX_VALUE (height, 419.53, 1.0))
    paper = gtk_paper_size_new ("iso_a6");
  else
    /* Translators: the paper size of badge printers' cards */
    paper = gtk_paper_size_new_custom ("cercle-badge-card", _("Badge card"),
                                       width, height, GTK_UNIT_POINTS);

  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);

  return setup;
}

static GtkStringList *
layout_labels_new (void)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (CercleBadgeLayout layout = 0; layout <= CERCLE_BADGE_LAYOUT_LAST; layout++)
    gtk_string_list_append (labels, cercle_badge_layout_get_label (layout));

  return labels;
}

/* Printing */

static GObject *
on_create_custom_widget_cb (GtkPrintOperation *operation,
                            PrintJob          *job)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Layout"));
  g_autoptr(GtkStringList) labels = layout_labels_new ();
  GtkWidget *choice = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), choice);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (choice),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (choice),
                              cercle_badge_document_get_layout (CERCLE_BADGE_DOCUMENT (job->document)));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), choice);

  g_set_object (&job->layout_choice, GTK_DROP_DOWN (choice));

  return G_OBJECT (box);
}

static void
on_custom_widget_apply_cb (GtkPrintOperation *operation,
                           GtkWidget         *widget,
                           PrintJob          *job)
{
  guint selected = gtk_drop_down_get_selected (job->layout_choice);

  if (selected <= CERCLE_BADGE_LAYOUT_LAST)
    cercle_badge_document_set_layout (CERCLE_BADGE_DOCUMENT (job->document), selected);
}

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   PrintJob          *job)
{
  /* the layout may have changed in the dialog */
  gtk_print_operation_set_n_pages (operation, cercle_document_get_n_pages (job->document));
}

static void
on_request_page_setup_cb (GtkPrintOperation *operation,
                          GtkPrintContext   *context,
                          int                page_nr,
                          GtkPageSetup      *setup,
                          PrintJob          *job)
{
  g_autoptr(GtkPageSetup) ours = cercle_event_print_page_setup_new (job->document);

  gtk_page_setup_set_paper_size (setup, gtk_page_setup_get_paper_size (ours));
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 PrintJob          *job)
{
  if (page_nr < 0 || (guint) page_nr >= cercle_document_get_n_pages (job->document))
    return;

  cercle_document_draw_page (job->document, gtk_print_context_get_cairo_context (context),
                             (guint) page_nr);
}

static void
on_done_cb (GtkPrintOperation       *operation,
            GtkPrintOperationResult  result,
            gpointer                 user_data)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_error (NULL, _("Could Not Print"), error ? error->message : NULL);
    }
}

/**
 * cercle_event_print:
 * @source: the widget the user acted on: its window is the dialog's parent
 *
 * Opens the print dialog for the badges or a sheet of the event; its
 * preview shows the pages as they will print.
 */
void
cercle_event_print (GtkWidget            *source,
                    CercleStore          *store,
                    const char           *event_id,
                    CercleEventPrintKind  kind)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(CercleRoster) roster = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = get_window (source);
  PrintJob *job;

  g_return_if_fail (CERCLE_IS_STORE (store));
  g_return_if_fail (event_id != NULL);

  roster = load_roster (parent, store, event_id, kind);
  if (roster == NULL)
    return;

  job = g_new0 (PrintJob, 1);
  job->kind = kind;
  job->document = document_new (roster, kind);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, cercle_roster_get_event_title (roster));
  gtk_print_operation_set_n_pages (operation, cercle_document_get_n_pages (job->document));
  /* the document draws in points from the corner of the paper */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (operation, TRUE);

  setup = cercle_event_print_page_setup_new (job->document);
  gtk_print_operation_set_default_page_setup (operation, setup);

  if (kind == CERCLE_EVENT_PRINT_BADGES)
    {
      gtk_print_operation_set_custom_tab_label (operation, _("Badges"));
      g_signal_connect (operation, "create-custom-widget",
                        G_CALLBACK (on_create_custom_widget_cb), job);
      g_signal_connect (operation, "custom-widget-apply",
                        G_CALLBACK (on_custom_widget_apply_cb), job);
    }

  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), job);
  g_signal_connect (operation, "request-page-setup", G_CALLBACK (on_request_page_setup_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);
  g_signal_connect (operation, "done", G_CALLBACK (on_done_cb), NULL);
  /* the job lives as long as the operation, which lives until it is done */
  g_object_set_data_full (G_OBJECT (operation), "cercle-print-job", job,
                          (GDestroyNotify) print_job_free);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               parent, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (parent, _("Could Not Print"), error ? error->message : NULL);
}

/* Saving as PDF */

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (user_data), fraction);
}

static void
on_progress_dialog_destroy_cb (GtkWidget *dialog,
                               ExportJob *job)
{
  /* Cancel, Escape, or the window closing: nothing is left behind */
  job->dialog_gone = TRUE;
  g_cancellable_cancel (job->cancellable);
}

static void
on_export_done_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ExportJob *job = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = cercle_document_write_pdf_finish (CERCLE_DOCUMENT (source_object), result, &error);

  g_signal_handlers_disconnect_by_func (job->progress_dialog, on_progress_dialog_destroy_cb, job);
  if (!job->dialog_gone)
    gtk_window_destroy (GTK_WINDOW (job->progress_dialog));

  if (ok)
    {
      g_autofree char *body = g_strdup_printf (_("Saved as “%s”."), job->display_name);
      GtkWidget *dialog = adw_message_dialog_new (job->parent, _("PDF Saved"), body);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (job->parent, _("Could Not Save the PDF"), error->message);

  export_job_free (job);
}

static void
start_export (ExportJob *job,
              GFile     *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = NULL;
  GtkWidget *bar;
  const char *heading;

  if (path == NULL)
    {
      show_error (job->parent, _("Could Not Save the PDF"),
                  _("Only files on this computer can be written."));
      export_job_free (job);
      return;
    }

  basename = g_file_get_basename (file);
  job->display_name = g_filename_display_name (basename);

  heading = job->kind == CERCLE_EVENT_PRINT_BADGES ? _("Saving the Badges…")
                                                   : _("Saving the Sheet…");
  job->progress_dialog = g_object_ref_sink (ADW_MESSAGE_DIALOG (adw_message_dialog_new (job->parent,
                                                                                        heading,
                                                                                        job->display_name)));
  adw_message_dialog_add_response (job->progress_dialog, "cancel", _("_Cancel"));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (job->progress_dialog), TRUE);

  bar = gtk_progress_bar_new ();
  gtk_widget_set_margin_top (bar, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Progress"),
                                  -1);
  adw_message_dialog_set_extra_child (job->progress_dialog, bar);

  job->cancellable = g_cancellable_new ();
  g_signal_connect (job->progress_dialog, "destroy",
                    G_CALLBACK (on_progress_dialog_destroy_cb), job);
  gtk_window_present (GTK_WINDOW (job->progress_dialog));

  cercle_document_write_pdf_async (job->document, path, job->cancellable,
                                   on_progress_cb, g_object_ref (bar), g_object_unref,
                                   on_export_done_cb, job);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        ExportJob       *job)
{
  g_autoptr(GFile) file = NULL;
  const char *choice;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      export_job_free (job);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (job->kind == CERCLE_EVENT_PRINT_BADGES)
    {
      CercleBadgeLayout layout = CERCLE_BADGE_LAYOUT_A4_8;

      choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "layout");
      cercle_badge_layout_from_string (choice, &layout);
      job->document = CERCLE_DOCUMENT (cercle_badge_document_new (job->roster, layout));
    }
  else
    {
      choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "sheet");
      if (g_strcmp0 (choice, "attendance") == 0)
        job->kind = CERCLE_EVENT_PRINT_ATTENDANCE;
      else if (g_strcmp0 (choice, "sign-in") == 0)
        job->kind = CERCLE_EVENT_PRINT_SIGN_IN;
      job->document = document_new (job->roster, job->kind);
    }

  start_export (job, file);
}

/* "Badges – Dîner des membres.pdf", without what a file name cannot hold */
static char *
suggest_name (CercleRoster         *roster,
              CercleEventPrintKind  kind)
{
  g_autofree char *title = g_strdup (cercle_roster_get_event_title (roster));
  const char *event = title;

  g_strdelimit (title, "/\\:", '-');
  if (*event == '\0')
    event = _("Event");

  switch (kind)
    {
    case CERCLE_EVENT_PRINT_SIGN_IN:
      /* Translators: the file name offered for a sign-in sheet; %s is the event */
      return g_strdup_printf (_("Sign-in sheet – %s.pdf"), event);
    case CERCLE_EVENT_PRINT_ATTENDANCE:
      /* Translators: the file name offered for an attendance list; %s is the event */
      return g_strdup_printf (_("Attendance list – %s.pdf"), event);
    case CERCLE_EVENT_PRINT_BADGES:
    default:
      /* Translators: the file name offered for badges; %s is the event */
      return g_strdup_printf (_("Badges – %s.pdf"), event);
    }
}

/**
 * cercle_event_export_pdf:
 * @source: the widget the user acted on: its window is the dialogs' parent
 * @kind: badges, or a sheet: the file chooser offers the badge layout, or
 *   the sign-in sheet and the attendance list
 *
 * Asks where to save, then writes the PDF in a worker thread under a
 * dialog that shows the progress and can cancel it.
 */
void
cercle_event_export_pdf (GtkWidget            *source,
                         CercleStore          *store,
                         const char           *event_id,
                         CercleEventPrintKind  kind)
{
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  GtkWindow *parent = get_window (source);
  CercleRoster *roster;
  ExportJob *job;

  g_return_if_fail (CERCLE_IS_STORE (store));
  g_return_if_fail (event_id != NULL);

  roster = load_roster (parent, store, event_id, kind);
  if (roster == NULL)
    return;

  job = g_new0 (ExportJob, 1);
  job->parent = parent ? g_object_ref (parent) : NULL;
  job->roster = roster;
  job->kind = kind;

  job->chooser = gtk_file_chooser_native_new (kind == CERCLE_EVENT_PRINT_BADGES
                                                ? _("Save the Badges as PDF")
                                                : _("Save the Sheet as PDF"),
                                              parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                              _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (job->chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (job->chooser), filter);

  name = suggest_name (roster, kind);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (job->chooser), name);

  if (kind == CERCLE_EVENT_PRINT_BADGES)
    {
      const char *ids[CERCLE_BADGE_LAYOUT_LAST + 2] = { NULL, };
      const char *labels[CERCLE_BADGE_LAYOUT_LAST + 2] = { NULL, };

      for (CercleBadgeLayout layout = 0; layout <= CERCLE_BADGE_LAYOUT_LAST; layout++)
        {
          ids[layout] = cercle_badge_layout_to_string (layout);
          labels[layout] = cercle_badge_layout_get_label (layout);
        }
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (job->chooser), "layout", _("Layout"),
                                   ids, labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (job->chooser), "layout", "a4-8");
    }
  else
    {
      const char *ids[] = { "sign-in", "attendance", NULL };
      const char *labels[] = { _("Sign-in sheet"), _("Attendance list"), NULL };

      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (job->chooser), "sheet", _("Sheet"),
                                   ids, labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (job->chooser), "sheet",
                                   kind == CERCLE_EVENT_PRINT_ATTENDANCE ? "attendance" : "sign-in");
    }

  g_signal_connect (job->chooser, "response", G_CALLBACK (on_chooser_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (job->chooser));
}

/* The actions and the menu */

static void
actions_free (Actions *actions)
{
  g_clear_weak_pointer (&actions->owner);
  g_clear_object (&actions->context);
  g_free (actions);
}

static void
activate_print (Actions              *actions,
                GVariant             *parameter,
                CercleEventPrintKind  kind,
                gboolean              export)
{
  const char *event_id = g_variant_get_string (parameter, NULL);
  CercleStore *store;

  if (actions->owner == NULL || actions->context == NULL)
    return;

  store = cercle_context_get_store (actions->context);
  if (export)
    cercle_event_export_pdf (actions->owner, store, event_id, kind);
  else
    cercle_event_print (actions->owner, store, event_id, kind);
}

static void
badges_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  activate_print (user_data, parameter, CERCLE_EVENT_PRINT_BADGES, FALSE);
}

static void
sheet_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  activate_print (user_data, parameter, CERCLE_EVENT_PRINT_SIGN_IN, FALSE);
}

static void
attendance_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  activate_print (user_data, parameter, CERCLE_EVENT_PRINT_ATTENDANCE, FALSE);
}

static void
export_badges_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  activate_print (user_data, parameter, CERCLE_EVENT_PRINT_BADGES, TRUE);
}

static void
export_sheet_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  activate_print (user_data, parameter, CERCLE_EVENT_PRINT_SIGN_IN, TRUE);
}

static const GActionEntry print_actions[] = {
  { "badges", badges_action, "s" },
  { "sheet", sheet_action, "s" },
  { "attendance", attendance_action, "s" },
  { "export-badges", export_badges_action, "s" },
  { "export-sheet", export_sheet_action, "s" },
};

/**
 * cercle_event_print_actions_new:
 * @owner: the widget the group is inserted in, as "print": the dialogs
 *   open over its window
 *
 * Returns: (transfer full): the "print" actions; each takes an event id
 */
GActionGroup *
cercle_event_print_actions_new (GtkWidget     *owner,
                                CercleContext *context)
{
  GSimpleActionGroup *group;
  Actions *actions;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);
  g_return_val_if_fail (CERCLE_IS_CONTEXT (context), NULL);

  actions = g_new0 (Actions, 1);
  g_set_weak_pointer (&actions->owner, owner);
  actions->context = g_object_ref (context);

  group = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (group), print_actions,
                                   G_N_ELEMENTS (print_actions), actions);
  g_object_set_data_full (G_OBJECT (group), "cercle-print-actions", actions,
                          (GDestroyNotify) actions_free);

  return G_ACTION_GROUP (group);
}

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             const char *event_id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (event_id));
  g_menu_append_item (menu, item);
}

/**
 * cercle_event_print_menu_new:
 *
 * Returns: (transfer full): the print menu of an event, for the "print"
 *   actions of cercle_event_print_actions_new()
 */
GMenuModel *
cercle_event_print_menu_new (const char *event_id)
{
  g_autoptr(GMenu) print = g_menu_new ();
  g_autoptr(GMenu) export = g_menu_new ();
  GMenu *menu = g_menu_new ();

  g_return_val_if_fail (event_id != NULL, NULL);

  append_item (print, _("Print _Badges…"), "print.badges", event_id);
  append_item (print, _("Print _Sign-in Sheet…"), "print.sheet", event_id);
  append_item (print, _("Print _Attendance List…"), "print.attendance", event_id);
  append_item (export, _("Export Badges as _PDF…"), "print.export-badges", event_id);
  append_item (export, _("Export Sheet as P_DF…"), "print.export-sheet", event_id);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (print));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (export));

  return G_MENU_MODEL (menu);
}
