/* test-editors.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "cercle-announcement-editor.h"
#include "cercle-application.h"
#include "cercle-event-editor.h"
#include "cercle-need-editor.h"
#include "cercle-one-to-one-editor.h"
#include "cercle-referral-editor.h"
#include "cercle-test-app.h"

/* Every small editor asks the same question before it throws away what
 * was typed (cercle-editor-dialog.c): each is driven here as a person
 * would, with its Cancel button and the question's own buttons. */

typedef struct
{
  const char  *name;
  GtkWidget *(*make) (CercleContext *context);
  GType      (*get_type) (void);
  const char  *field;       /* the template child typed into */
  const char  *heading;     /* the question, as the user reads it */
  const char  *body;
} Editor;

static GtkWidget *
make_announcement (CercleContext *context)
{
  return cercle_announcement_editor_new (NULL, context);
}

static GtkWidget *
make_need (CercleContext *context)
{
  return cercle_need_editor_new (NULL, context);
}

static GtkWidget *
make_one_to_one (CercleContext *context)
{
  return cercle_one_to_one_editor_new (NULL, context);
}

static GtkWidget *
make_referral (CercleContext *context)
{
  return cercle_referral_editor_new (NULL, context, NULL, NULL);
}

static GtkWidget *
make_event (CercleContext *context)
{
  return cercle_event_editor_new (context, NULL, NULL);
}

static const Editor editors[] = {
  { "announcement", make_announcement, cercle_announcement_editor_get_type, "body_view",
    "Discard This Announcement?", "What you typed will be lost." },
  { "need", make_need, cercle_need_editor_get_type, "title_row",
    "Discard This Need?", "What you typed will be lost." },
  { "one-to-one", make_one_to_one, cercle_one_to_one_editor_get_type, "notes_view",
    "Discard These Notes?", "What you typed will be lost." },
  { "referral", make_referral, cercle_referral_editor_get_type, "name_row",
    "Discard This Referral?", "What you typed will be lost." },
  { "event", make_event, cercle_event_editor_get_type, "title_row",
    "Discard Changes?", "What you typed for this event will be lost." },
};

/* The button under @widget labelled @label, as the user sees it */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
click (GtkWidget  *window,
       const char *label)
{
  GtkWidget *button = find_button (window, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  cercle_test_drain_main_context ();
}

static void
type_into (GtkWidget  *field,
           const char *text)
{
  if (GTK_IS_TEXT_VIEW (field))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (field), text);
}

static char *
text_of (GtkWidget *field)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (!GTK_IS_TEXT_VIEW (field))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field)));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field));
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *)data == NULL;
}

static GtkWidget *
open_editor (CercleTestClub *club,
             const Editor   *editor)
{
  GtkWidget *window = editor->make (club->context);

  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (window, editor->get_type ()));
  gtk_window_present (GTK_WINDOW (window));
  cercle_test_drain_main_context ();

  return window;
}

/* Typed text, then Cancel: the question. Keep Editing leaves the editor
 * and the text as they were; Discard closes the editor. */
static void
test_discard_question (CercleTestClub *club,
                       gconstpointer   user_data)
{
  const Editor *editor = user_data;
  GtkWidget *window = open_editor (club, editor);
  GtkWidget *field = GTK_WIDGET (gtk_widget_get_template_child (window, editor->get_type (), editor->field));
  g_autofree char *kept = NULL;
  AdwMessageDialog *question;
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  type_into (field, "Quelques mots à garder");

  click (window, "_Cancel");
  question = ADW_MESSAGE_DIALOG (cercle_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (question);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (question)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, editor->heading);
  g_assert_cmpstr (adw_message_dialog_get_body (question), ==, editor->body);
  g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "keep");
  g_assert_cmpstr (adw_message_dialog_get_close_response (question), ==, "keep");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (question, "discard"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_true (gtk_widget_get_visible (window));

  /* Keep Editing: the question goes, the editor and its text stay */
  click (GTK_WIDGET (question), "_Keep Editing");
  g_assert_null (cercle_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (weak);
  g_assert_true (gtk_widget_get_visible (window));
  kept = text_of (field);
  g_assert_cmpstr (kept, ==, "Quelques mots à garder");

  /* Escape on the question is Keep Editing too */
  click (window, "_Cancel");
  question = ADW_MESSAGE_DIALOG (cercle_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (question);
  gtk_window_close (GTK_WINDOW (question));
  cercle_test_drain_main_context ();
  g_assert_null (cercle_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_widget_get_visible (window));

  /* Discard: the question and the editor go */
  click (window, "_Cancel");
  question = ADW_MESSAGE_DIALOG (cercle_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (question);
  click (GTK_WIDGET (question), "_Discard");
  g_assert_true (cercle_test_wait_for (is_gone, &weak, 5));
  g_assert_null (cercle_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* Nothing typed: Cancel closes at once, without a question */
static void
test_nothing_typed (CercleTestClub *club,
                    gconstpointer   user_data)
{
  const Editor *editor = user_data;
  GtkWidget *window = open_editor (club, editor);
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  click (window, "_Cancel");
  g_assert_null (cercle_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (cercle_test_wait_for (is_gone, &weak, 5));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  cercle_application_ensure_resources ();

  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    {
      g_autofree char *discard = g_strdup_printf ("/cercle/app/editors/%s/discard-question", editors[i].name);
      g_autofree char *untouched = g_strdup_printf ("/cercle/app/editors/%s/nothing-typed", editors[i].name);

      g_test_add (discard, CercleTestClub, &editors[i],
                  cercle_test_club_set_up, test_discard_question, cercle_test_club_tear_down);
      g_test_add (untouched, CercleTestClub, &editors[i],
                  cercle_test_club_set_up, test_nothing_typed, cercle_test_club_tear_down);
    }

  return g_test_run ();
}
