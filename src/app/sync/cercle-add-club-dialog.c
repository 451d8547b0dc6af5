/* cercle-add-club-dialog.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-add-club-dialog.h"
#include "cercle-sync-client.h"
#include "cercle-sync-secret.h"

/* "Add a Club…": the server's address, an e-mail and a password; then
 * the clubs of that account on that server, to choose from; then each
 * chosen club's file is made with its first sync, in a thread, with
 * progress and a Cancel button. A certificate the system does not trust
 * is shown by its fingerprint and used only once the user trusts it.
 * Signing in again for a club already here gives its sync the new token
 * and keeps the edits that waited. */

typedef enum
{
  PAGE_SIGN_IN,
  PAGE_CLUBS,
  PAGE_JOINING,
} Page;

struct _CercleAddClubDialog
{
  AdwWindow          parent_instance;

  GCancellable      *cancellable;
  CercleSyncServer  *server;
  CercleSyncAccount *account;
  GPtrArray         *chosen;       /* CercleSyncClub, joined one by one */
  GPtrArray         *checks;       /* GtkCheckButton, one per club */
  GPtrArray         *joined_paths;
  CercleClubJoined   joined_cb;
  gpointer           joined_data;
  char              *pending_pin;

  GtkStack          *stack;
  AdwEntryRow       *address_row;
  AdwEntryRow       *email_row;
  AdwPasswordEntryRow *password_row;
  GtkButton         *sign_in_button;
  GtkLabel          *error_label;
  AdwPreferencesGroup *certificate_group;
  GtkLabel          *fingerprint_label;
  AdwPreferencesGroup *clubs_group;
  GtkButton         *join_button;
  GtkLabel          *progress_label;
  GtkSpinner        *spinner;
};

G_DEFINE_FINAL_TYPE (CercleAddClubDialog, cercle_add_club_dialog, ADW_TYPE_WINDOW)

#define DEFAULT_WIDTH  460
#define DEFAULT_HEIGHT 560

static void join_next (CercleAddClubDialog *self);

static void
show_error (CercleAddClubDialog *self,
            const char          *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (CercleAddClubDialog *self,
          gboolean             busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->address_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->email_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
}

static char *
clubs_dir (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "cercle", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s."), dir, g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&dir);
}

static char *
club_path (const CercleSyncClub *club)
{
  g_autofree char *dir = clubs_dir (NULL);
  g_autofree char *file = g_strconcat (club->id, ".cercle", NULL);

  return dir != NULL ? g_build_filename (dir, file, NULL) : NULL;
}

/* ---------- joining, one club at a time ---------- */

typedef struct
{
  CercleSyncServer  *server;
  CercleSyncAccount *account;
  CercleSyncClub    *club;
  char              *path;
  GMainContext      *context;
  CercleAddClubDialog *dialog;   /* progress only: the task holds a ref */
} Joining;

static void
joining_free (Joining *joining)
{
  g_clear_object (&joining->server);
  g_clear_pointer (&joining->account, cercle_sync_account_free);
  g_clear_pointer (&joining->club, cercle_sync_club_free);
  g_clear_pointer (&joining->context, g_main_context_unref);
  g_free (joining->path);
  g_free (joining);
}

static void
on_join_progress_cb (CercleSyncClient *client,
                     guint64           n_rows,
                     gpointer          user_data)
{
  Joining *joining = user_data;
  g_autofree char *text = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, n_rows);

  /* Translators: a club's name, then a number of entries */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s entry received", "%s: %s entries received",
                                       (gulong)MIN (n_rows, G_MAXULONG)),
                          joining->club->name, number);
  gtk_label_set_label (joining->dialog->progress_label, text);
}

static void
join_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Joining *joining = task_data;
  GError *error = NULL;

  if (g_file_test (joining->path, G_FILE_TEST_EXISTS))
    {
      /* Already here: signing in again only renews its token */
      if (!cercle_sync_secret_store (cercle_sync_server_get_url (joining->server), joining->club->id,
                                     joining->account->email, joining->account->token, cancellable, &error))
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  if (!cercle_sync_join_club (joining->server, joining->account, joining->club, joining->path,
                              joining->context, G_CALLBACK (on_join_progress_cb), joining,
                              cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_joined_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CercleAddClubDialog *self = CERCLE_ADD_CLUB_DIALOG (object);
  Joining *joining = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      gtk_stack_set_visible_child_name (self->stack, "clubs");
      gtk_spinner_stop (self->spinner);
      show_error (self, error->message);
      return;
    }

  g_ptr_array_add (self->joined_paths, g_strdup (joining->path));
  if (self->joined_cb != NULL)
    self->joined_cb (joining->path, joining->account->token, self->joined_data);

  join_next (self);
}

static void
join_next (CercleAddClubDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Joining *joining;
  CercleSyncClub *club;
  g_autofree char *text = NULL;

  if (self->chosen->len == 0)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  club = g_ptr_array_steal_index (self->chosen, 0);

  joining = g_new0 (Joining, 1);
  joining->server = g_object_ref (self->server);
  joining->account = cercle_sync_account_copy (self->account);
  joining->club = club;
  joining->path = club_path (club);
  joining->context = g_main_context_ref_thread_default ();
  joining->dialog = self;

  if (joining->path == NULL)
    {
      joining_free (joining);
      show_error (self, _("The folder for club files cannot be created."));
      return;
    }

  /* Translators: %s is a club's name */
  text = g_strdup_printf (_("Joining %s…"), club->name);
  gtk_label_set_label (self->progress_label, text);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "joining");

  task = g_task_new (self, self->cancellable, on_joined_cb, NULL);
  g_task_set_source_tag (task, join_next);
  g_task_set_task_data (task, joining, (GDestroyNotify)joining_free);
  g_task_run_in_thread (task, join_thread);
}

static void
on_join_clicked_cb (CercleAddClubDialog *self)
{
  g_ptr_array_set_size (self->chosen, 0);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_ptr_array_add (self->chosen, cercle_sync_club_copy (g_ptr_array_index (self->account->clubs, i)));

  if (self->chosen->len == 0)
    return;

  show_error (self, NULL);
  join_next (self);
}

static void
on_check_toggled_cb (CercleAddClubDialog *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->checks->len; i++)
    any |= gtk_check_button_get_active (g_ptr_array_index (self->checks, i));

  gtk_widget_set_sensitive (GTK_WIDGET (self->join_button), any);
}

static void
show_clubs (CercleAddClubDialog *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->checks, 0);
  while ((child = g_object_get_data (G_OBJECT (self->clubs_group), "cercle-last-row")) != NULL)
    {
      GtkWidget *previous = g_object_get_data (G_OBJECT (child), "cercle-previous");

      adw_preferences_group_remove (self->clubs_group, child);
      g_object_set_data (G_OBJECT (self->clubs_group), "cercle-last-row", previous);
    }

  for (guint i = 0; i < self->account->clubs->len; i++)
    {
      CercleSyncClub *club = g_ptr_array_index (self->account->clubs, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *path = club_path (club);
      gboolean here = path != NULL && g_file_test (path, G_FILE_TEST_EXISTS);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), club->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   here ? _("Already on this computer: signs in again")
                                        : g_strcmp0 (club->role, "staff") == 0 ? _("Staff") : _("Member"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, club->name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, club->name, -1);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), self->account->clubs->len == 1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
      g_ptr_array_add (self->checks, check);

      g_object_set_data (G_OBJECT (row), "cercle-previous",
                         g_object_get_data (G_OBJECT (self->clubs_group), "cercle-last-row"));
      g_object_set_data (G_OBJECT (self->clubs_group), "cercle-last-row", row);
      adw_preferences_group_add (self->clubs_group, row);
    }

  on_check_toggled_cb (self);
  gtk_stack_set_visible_child_name (self->stack, "clubs");
}

/* ---------- signing in ---------- */

static void
on_signed_in_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CercleAddClubDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  CercleSyncAccount *account;

  account = cercle_sync_server_sign_in_finish (CERCLE_SYNC_SERVER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (g_error_matches (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_UNTRUSTED_CERTIFICATE))
    {
      g_autofree char *fingerprint = cercle_sync_server_dup_presented_fingerprint (self->server);

      g_free (self->pending_pin);
      self->pending_pin = g_strdup (fingerprint);
      gtk_label_set_label (self->fingerprint_label, fingerprint);
      /* The question says it all, with the fingerprint once; its button
       * is the way on */
      show_error (self, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->certificate_group), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->sign_in_button), FALSE);
      return;
    }

  if (account == NULL)
    {
      show_error (self, error->message);
      return;
    }

  if (account->clubs->len == 0)
    {
      cercle_sync_account_free (account);
      show_error (self, _("This account belongs to no club on this server."));
      return;
    }

  g_clear_pointer (&self->account, cercle_sync_account_free);
  self->account = account;
  show_error (self, NULL);
  show_clubs (self);
}

static void
sign_in (CercleAddClubDialog *self,
         const char          *pin)
{
  g_autoptr(GError) error = NULL;
  const char *address = gtk_editable_get_text (GTK_EDITABLE (self->address_row));
  const char *email = gtk_editable_get_text (GTK_EDITABLE (self->email_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autofree char *device = NULL;

  if (*address == '\0' || *email == '\0' || *password == '\0')
    {
      show_error (self, _("Fill in the server’s address, your e-mail address and your password."));
      return;
    }

  g_clear_object (&self->server);
  self->server = cercle_sync_server_new (address, pin, &error);
  if (self->server == NULL)
    {
      show_error (self, error->message);
      return;
    }

  /* Translators: how this computer is named in the account's sessions;
   * %s is the computer's name */
  device = g_strdup_printf (_("Cercle on %s"), g_get_host_name ());

  set_busy (self, TRUE);
  show_error (self, NULL);
  cercle_sync_server_sign_in_async (self->server, email, password, device, self->cancellable,
                                    on_signed_in_cb, g_object_ref (self));
}

static void
on_sign_in_clicked_cb (CercleAddClubDialog *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->sign_in_button)))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->certificate_group), FALSE);
  sign_in (self, NULL);
}

static void
on_trust_clicked_cb (CercleAddClubDialog *self)
{
  g_autofree char *pin = g_steal_pointer (&self->pending_pin);

  gtk_widget_set_visible (GTK_WIDGET (self->certificate_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_button), TRUE);
  sign_in (self, pin);
}

static void
on_cancel_clicked_cb (CercleAddClubDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* ---------- the class ---------- */

static void
cercle_add_club_dialog_dispose (GObject *object)
{
  CercleAddClubDialog *self = CERCLE_ADD_CLUB_DIALOG (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (cercle_add_club_dialog_parent_class)->dispose (object);
}

static void
cercle_add_club_dialog_finalize (GObject *object)
{
  CercleAddClubDialog *self = CERCLE_ADD_CLUB_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->server);
  g_clear_pointer (&self->account, cercle_sync_account_free);
  g_clear_pointer (&self->chosen, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->joined_paths, g_ptr_array_unref);
  g_clear_pointer (&self->pending_pin, g_free);

  G_OBJECT_CLASS (cercle_add_club_dialog_parent_class)->finalize (object);
}

static void
cercle_add_club_dialog_class_init (CercleAddClubDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_add_club_dialog_dispose;
  object_class->finalize = cercle_add_club_dialog_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
page_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  return box;
}

static GtkButton *
pill (const char *label,
      gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  g_auto(GStrv) parts = g_strsplit (label, "_", -1);
  g_autofree char *name = g_strjoinv ("", parts);

  /* The name a screen reader says, without the mnemonic's underscore */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");

  return GTK_BUTTON (button);
}

static void
cercle_add_club_dialog_init (CercleAddClubDialog *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *sign_in_page = page_box ();
  GtkWidget *clubs_page = page_box ();
  GtkWidget *joining_page = page_box ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *intro;
  GtkWidget *fingerprint_card;
  GtkWidget *fingerprint_title;
  GtkButton *trust_button;
  GtkButton *cancel_button;

  self->cancellable = g_cancellable_new ();
  self->chosen = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_sync_club_free);
  self->checks = g_ptr_array_new ();
  self->joined_paths = g_ptr_array_new_with_free_func (g_free);

  gtk_window_set_title (GTK_WINDOW (self), _("Add a Club"));
  gtk_window_set_default_size (GTK_WINDOW (self), DEFAULT_WIDTH, DEFAULT_HEIGHT);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  /* Signing in */
  intro = gtk_label_new (_("Sign in with the account the club’s staff gave you. Your data stays on this "
                           "computer and syncs with the club’s server."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_box_append (GTK_BOX (sign_in_page), intro);

  self->address_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->address_row), _("Server Address"));
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), "https://");
  self->email_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->email_row), _("E-mail Address"));
  self->password_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("Password"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->address_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->email_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->password_row));
  gtk_box_append (GTK_BOX (sign_in_page), group);
  g_signal_connect_swapped (self->password_row, "entry-activated", G_CALLBACK (on_sign_in_clicked_cb), self);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (sign_in_page), GTK_WIDGET (self->error_label));

  self->certificate_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->certificate_group, _("Unknown Certificate"));
  adw_preferences_group_set_description (self->certificate_group,
                                         _("Trust it only if the club’s staff gave you this same "
                                           "fingerprint."));
  /* The fingerprint inside its card, under its name, to read out to
   * whoever gave it */
  fingerprint_card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (fingerprint_card, "card");
  fingerprint_title = gtk_label_new (_("SHA-256 Fingerprint"));
  gtk_label_set_xalign (GTK_LABEL (fingerprint_title), 0);
  gtk_widget_add_css_class (fingerprint_title, "caption-heading");
  gtk_widget_add_css_class (fingerprint_title, "dim-label");
  gtk_widget_set_margin_top (fingerprint_title, 12);
  gtk_widget_set_margin_start (fingerprint_title, 12);
  gtk_widget_set_margin_end (fingerprint_title, 12);
  gtk_box_append (GTK_BOX (fingerprint_card), fingerprint_title);
  self->fingerprint_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->fingerprint_label, TRUE);
  gtk_label_set_wrap_mode (self->fingerprint_label, PANGO_WRAP_CHAR);
  gtk_label_set_xalign (self->fingerprint_label, 0);
  gtk_label_set_selectable (self->fingerprint_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->fingerprint_label), "monospace");
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->fingerprint_label), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->fingerprint_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->fingerprint_label), 12);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->fingerprint_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, fingerprint_title, NULL, -1);
  gtk_box_append (GTK_BOX (fingerprint_card), GTK_WIDGET (self->fingerprint_label));
  adw_preferences_group_add (self->certificate_group, fingerprint_card);
  trust_button = pill (_("_Trust This Certificate"), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (trust_button), "destructive-action");
  gtk_widget_set_margin_top (GTK_WIDGET (trust_button), 12);
  g_signal_connect_swapped (trust_button, "clicked", G_CALLBACK (on_trust_clicked_cb), self);
  adw_preferences_group_add (self->certificate_group, GTK_WIDGET (trust_button));
  gtk_widget_set_visible (GTK_WIDGET (self->certificate_group), FALSE);
  gtk_box_append (GTK_BOX (sign_in_page), GTK_WIDGET (self->certificate_group));

  self->sign_in_button = pill (_("_Sign In"), TRUE);
  g_signal_connect_swapped (self->sign_in_button, "clicked", G_CALLBACK (on_sign_in_clicked_cb), self);
  gtk_box_append (GTK_BOX (sign_in_page), GTK_WIDGET (self->sign_in_button));

  /* Choosing clubs */
  self->clubs_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->clubs_group, _("Your Clubs on This Server"));
  adw_preferences_group_set_description (self->clubs_group, _("Choose the clubs to keep on this computer."));
  gtk_box_append (GTK_BOX (clubs_page), GTK_WIDGET (self->clubs_group));
  self->join_button = pill (_("_Join"), TRUE);
  g_signal_connect_swapped (self->join_button, "clicked", G_CALLBACK (on_join_clicked_cb), self);
  gtk_box_append (GTK_BOX (clubs_page), GTK_WIDGET (self->join_button));

  /* Joining */
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->spinner), 32, 32);
  gtk_box_append (GTK_BOX (joining_page), GTK_WIDGET (self->spinner));
  self->progress_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->progress_label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Progress"), -1);
  gtk_box_append (GTK_BOX (joining_page), GTK_WIDGET (self->progress_label));
  cancel_button = pill (_("_Cancel"), FALSE);
  g_signal_connect_swapped (cancel_button, "clicked", G_CALLBACK (on_cancel_clicked_cb), self);
  gtk_box_append (GTK_BOX (joining_page), GTK_WIDGET (cancel_button));
  gtk_widget_set_valign (joining_page, GTK_ALIGN_CENTER);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_add_named (self->stack, sign_in_page, "sign-in");
  gtk_stack_add_named (self->stack, clubs_page, "clubs");
  gtk_stack_add_named (self->stack, joining_page, "joining");

  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->stack));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

/**
 * cercle_add_club_dialog_new:
 * @server_url: (nullable): filled in, to sign in again
 * @email: (nullable): likewise
 * @joined_cb: (nullable): called for each club joined or signed in again
 */
GtkWindow *
cercle_add_club_dialog_new (GtkWindow        *parent,
                            const char       *server_url,
                            const char       *email,
                            CercleClubJoined  joined_cb,
                            gpointer          user_data)
{
  CercleAddClubDialog *self = g_object_new (CERCLE_TYPE_ADD_CLUB_DIALOG, NULL);

  if (parent != NULL)
    {
      int parent_width = gtk_widget_get_width (GTK_WIDGET (parent));

      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      /* No wider than a narrow window (a phone's), which it would
       * overflow */
      if (parent_width > 0 && parent_width < DEFAULT_WIDTH)
        gtk_window_set_default_size (GTK_WINDOW (self), parent_width, DEFAULT_HEIGHT);
    }
  if (server_url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->address_row), server_url);
  if (email != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->email_row), email);

  self->joined_cb = joined_cb;
  self->joined_data = user_data;

  return GTK_WINDOW (self);
}
