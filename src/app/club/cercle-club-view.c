/* cercle-club-view.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-club-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-announcement-editor.h"
#include "cercle-club-view.h"
#include "cercle-mentoring-editor.h"

/* The Club page: the staff's announcements, pinned ones on top, those the
 * local user has not read marked; for the staff, the club's mentorings.
 * Both lists live as long as the page and change in place, so a sync
 * burst neither makes them jump nor loses their scroll. */
struct _CercleClubView
{
  GtkWidget         parent_instance;

  CercleContext    *context;
  CercleViewer     *viewer;
  CercleRecordList *list;
  CercleRecordList *mentorings;
  GHashTable       *unread;
  GHashTable       *names;

  GtkStackSwitcher *section_switcher;
  GtkStack         *sections;
  GtkStackPage     *mentoring_page;
  GtkStack         *stack;
  GtkStack         *mentoring_stack;
  GtkListView      *list_view;
  GtkNoSelection   *selection;
  GtkNoSelection   *mentoring_selection;
  GtkLabel         *count_label;
  GtkWidget        *mark_read_button;
  GtkWidget        *new_button;
  GtkWidget        *pair_button;
  AdwStatusPage    *error_page;
};

G_DEFINE_FINAL_TYPE (CercleClubView, cercle_club_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_UNREAD,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char *
lookup_name (CercleClubView *self,
             const char     *member_id)
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

static gboolean
is_staff (CercleClubView *self)
{
  return self->viewer != NULL && cercle_permission_can_post_announcements (self->viewer);
}

static void
update_count (CercleClubView *self)
{
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  guint n_unread = self->unread != NULL ? g_hash_table_size (self->unread) : 0;
  g_autofree char *number = cercle_format_count (n_unread);
  g_autofree char *text = NULL;

  if (n_unread > 0)
    /* Translators: above the club's announcements, %s is a number */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s unread", "%s unread", n_unread), number);
  else
    text = g_strdup (n > 0 ? _("All read") : "");

  gtk_label_set_text (self->count_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "club.mark-all-read", n_unread > 0);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNREAD]);
}

static void
set_rows (CercleRecordList **list,
          GtkNoSelection    *selection,
          CercleContext     *context,
          GType              type,
          GArray            *rows,
          CercleChangeSet   *changes)
{
  /* The first list read is kept; later ones only say which rows it holds */
  if (*list == NULL)
    {
      *list = cercle_record_list_new (cercle_context_get_store (context), type, rows);
      gtk_no_selection_set_model (selection, G_LIST_MODEL (*list));
      return;
    }

  if (changes != NULL)
    cercle_record_list_refresh (*list, changes);
  cercle_record_list_set_rows (*list, rows);
}

static void
reload (CercleClubView  *self,
        CercleChangeSet *changes)
{
  CercleStore *store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) unread = NULL;

  if (self->context == NULL)
    return;

  store = cercle_context_get_store (self->context);
  if (!(rows = cercle_store_list_announcement_rows (store, &error)) ||
      !(unread = cercle_store_dup_unread_announcements (store, &error)))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->unread, g_hash_table_unref);
  self->unread = g_steal_pointer (&unread);
  set_rows (&self->list, self->selection, self->context, CERCLE_TYPE_ANNOUNCEMENT, rows, changes);

  /* Unread marks changed: the rows already shown are drawn again */
  if (changes != NULL && self->list != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    g_list_model_items_changed (G_LIST_MODEL (self->list), 0,
                                g_list_model_get_n_items (G_LIST_MODEL (self->list)),
                                g_list_model_get_n_items (G_LIST_MODEL (self->list)));
  update_count (self);
}

static void
reload_mentorings (CercleClubView  *self,
                   CercleChangeSet *changes)
{
  g_autoptr(GArray) rows = NULL;

  if (self->context == NULL || !is_staff (self))
    return;

  rows = cercle_store_list_mentoring_rows (cercle_context_get_store (self->context), NULL, NULL);
  if (rows == NULL)
    return;

  set_rows (&self->mentorings, self->mentoring_selection, self->context, CERCLE_TYPE_MENTORING, rows, changes);
  gtk_stack_set_visible_child_name (self->mentoring_stack, rows->len > 0 ? "list" : "empty");
}

static void
update_buttons (CercleClubView *self)
{
  const char *section = gtk_stack_get_visible_child_name (self->sections);
  gboolean mentoring = g_strcmp0 (section, "mentoring") == 0;

  gtk_widget_set_visible (self->new_button, is_staff (self) && !mentoring);
  gtk_widget_set_visible (self->pair_button, is_staff (self) && mentoring);
  gtk_widget_set_visible (self->mark_read_button, !mentoring);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), !mentoring);
}

static void
reset (CercleClubView *self)
{
  g_autoptr(GError) error = NULL;

  gtk_no_selection_set_model (self->selection, NULL);
  gtk_no_selection_set_model (self->mentoring_selection, NULL);
  g_clear_object (&self->list);
  g_clear_object (&self->mentorings);
  g_clear_pointer (&self->viewer, cercle_viewer_free);
  g_hash_table_remove_all (self->names);

  if (self->context != NULL)
    self->viewer = cercle_store_dup_viewer (cercle_context_get_store (self->context), &error);

  /* Mentoring is the staff's to manage */
  gtk_stack_page_set_visible (self->mentoring_page, is_staff (self));
  gtk_widget_set_visible (GTK_WIDGET (self->section_switcher), is_staff (self));
  if (!is_staff (self))
    gtk_stack_set_visible_child_name (self->sections, "announcements");
  update_buttons (self);

  reload (self, NULL);
  reload_mentorings (self, NULL);
}

static void
on_store_changed_cb (CercleStore     *store,
                     CercleChangeSet *changes,
                     CercleClubView  *self)
{
  if (cercle_change_set_get_local_user_changed (changes))
    {
      reset (self);
      return;
    }

  if (cercle_change_set_touches (changes, CERCLE_ENTITY_MEMBER))
    g_hash_table_remove_all (self->names);

  if (cercle_change_set_touches (changes, CERCLE_ENTITY_ANNOUNCEMENT))
    reload (self, changes);

  if (cercle_change_set_touches (changes, CERCLE_ENTITY_MENTORING) ||
      cercle_change_set_touches (changes, CERCLE_ENTITY_ONE_TO_ONE) ||
      cercle_change_set_touches (changes, CERCLE_ENTITY_MEMBER))
    reload_mentorings (self, changes);
}

static void
on_section_changed_cb (GtkStack       *stack,
                       GParamSpec     *pspec,
                       CercleClubView *self)
{
  update_buttons (self);
}

static void
on_setup_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CercleClubView           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *unread = gtk_image_new_from_icon_name ("mail-unread-symbolic");
  GtkWidget *pinned = gtk_image_new_from_icon_name ("view-pin-symbolic");
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);
  GtkWidget *body = gtk_label_new (NULL);

  gtk_widget_add_css_class (unread, "accent");
  gtk_widget_set_tooltip_text (unread, _("Unread"));
  gtk_widget_set_tooltip_text (pinned, _("Pinned"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_use_markup (GTK_LABEL (body), TRUE);

  gtk_box_append (GTK_BOX (top), unread);
  gtk_box_append (GTK_BOX (top), pinned);
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_box_append (GTK_BOX (box), body);
  gtk_widget_add_css_class (box, "announcement");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_list_item_set_child (list_item, box);
}

static void
on_bind_row_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                CercleClubView           *self)
{
  CercleAnnouncement *announcement = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *top = gtk_widget_get_first_child (box);
  GtkWidget *unread_image = gtk_widget_get_first_child (top);
  GtkWidget *pinned_image = gtk_widget_get_next_sibling (unread_image);
  GtkWidget *title_label = gtk_widget_get_next_sibling (pinned_image);
  GtkWidget *meta_label = gtk_widget_get_next_sibling (top);
  GtkWidget *body_label = gtk_widget_get_next_sibling (meta_label);
  const char *id = cercle_record_get_id (CERCLE_RECORD (announcement));
  const char *title = cercle_announcement_get_title (announcement);
  const char *body = cercle_announcement_get_body (announcement);
  const char *event_id = cercle_announcement_get_event_id (announcement);
  gboolean unread = self->unread != NULL && g_hash_table_contains (self->unread, id);
  gboolean pinned = cercle_announcement_get_pinned (announcement);
  g_autoptr(GDateTime) posted = cercle_parse_utc (cercle_announcement_get_posted_at (announcement), NULL);
  g_autofree char *day = posted != NULL ? cercle_format_date_time (posted, _("%-d %B %Y")) : g_strdup ("");
  g_autofree char *markup = cercle_format_linkify (body);
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autoptr(CercleEvent) event = NULL;
  g_autofree char *accessible = NULL;
  const char *author = lookup_name (self, cercle_announcement_get_author_id (announcement));

  /* Translators: under an announcement's title: its day and its author,
   * as in "22 November 2026 · Hélène Roux" */
  g_string_printf (meta, _("%s · %s"), day, author != NULL ? author : _("The staff"));
  if (event_id != NULL && self->context != NULL)
    event = cercle_store_get_record (cercle_context_get_store (self->context), CERCLE_TYPE_EVENT, event_id, NULL);
  if (event != NULL && !cercle_record_get_deleted (CERCLE_RECORD (event)))
    {
      g_string_append_c (meta, '\n');
      /* Translators: the event an announcement is about, %s is its title */
      g_string_append_printf (meta, _("About: %s"), cercle_event_get_title (event));
    }

  gtk_widget_set_visible (unread_image, unread);
  gtk_widget_set_visible (pinned_image, pinned);
  gtk_label_set_text (GTK_LABEL (title_label), title);
  gtk_label_set_text (GTK_LABEL (meta_label), meta->str);
  gtk_label_set_markup (GTK_LABEL (body_label), markup);
  gtk_widget_set_visible (body_label, body != NULL && *body != '\0');
  if (unread)
    gtk_widget_add_css_class (box, "unread");
  else
    gtk_widget_remove_css_class (box, "unread");

  /* Translators: what a screen reader says for an announcement: whether
   * it is unread and pinned, its title, day and author, its text */
  accessible = g_strdup_printf (_("%s%s%s, %s. %s"),
                                unread ? _("Unread, ") : "",
                                pinned ? _("pinned: ") : "",
                                title, meta->str, body != NULL ? body : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
on_row_activated_cb (GtkListView    *list_view,
                     guint           position,
                     CercleClubView *self)
{
  g_autoptr(CercleAnnouncement) announcement = NULL;

  if (self->context == NULL || self->list == NULL)
    return;

  announcement = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (announcement != NULL)
    cercle_store_mark_announcements_read (cercle_context_get_store (self->context),
                                          cercle_record_get_id (CERCLE_RECORD (announcement)), NULL);
}

static void
on_setup_mentoring_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *list_item,
                       CercleClubView           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_widget_add_css_class (box, "announcement");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, box);
}

static void
on_bind_mentoring_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      CercleClubView           *self)
{
  CercleMentoring *mentoring = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title_label = gtk_widget_get_first_child (box);
  GtkWidget *meta_label = gtk_widget_get_next_sibling (title_label);
  const char *mentor_id = cercle_mentoring_get_mentor_id (mentoring);
  const char *mentee_id = cercle_mentoring_get_mentee_id (mentoring);
  g_autofree char *title = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *starts = cercle_format_day (cercle_mentoring_get_starts_on (mentoring));
  g_autofree char *ends = cercle_format_day (cercle_mentoring_get_ends_on (mentoring));
  g_autofree char *accessible = NULL;
  int n = -1;

  if (self->context != NULL && mentor_id != NULL && mentee_id != NULL)
    n = cercle_store_count_one_to_ones_between (cercle_context_get_store (self->context), mentor_id, mentee_id,
                                                cercle_mentoring_get_starts_on (mentoring), NULL);

  /* Translators: a mentoring, as in "Paul Durand, mentored by Hélène Roux" */
  title = g_strdup_printf (_("%s, mentored by %s"),
                           lookup_name (self, mentee_id) ?: _("Unknown member"),
                           lookup_name (self, mentor_id) ?: _("Unknown member"));
  /* Translators: a mentoring's period and the one-to-ones of the pair,
   * as in "1 September 2026 – 28 February 2027 · 2 one-to-ones" */
  meta = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s – %s · %d one-to-one", "%s – %s · %d one-to-ones",
                                       (gulong)MAX (n, 0)),
                          starts ? starts : "", ends ? ends : "", MAX (n, 0));

  gtk_label_set_text (GTK_LABEL (title_label), title);
  gtk_label_set_text (GTK_LABEL (meta_label), meta);
  accessible = g_strdup_printf ("%s, %s", title, meta);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
mark_all_read_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CercleClubView *self = CERCLE_CLUB_VIEW (widget);

  if (self->context != NULL)
    cercle_store_mark_announcements_read (cercle_context_get_store (self->context), NULL, NULL);
}

static void
new_announcement_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CercleClubView *self = CERCLE_CLUB_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *editor;

  if (self->context == NULL || !is_staff (self))
    return;

  editor = cercle_announcement_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
pair_mentor_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CercleClubView *self = CERCLE_CLUB_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *editor;

  if (self->context == NULL || !is_staff (self))
    return;

  editor = cercle_mentoring_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
cercle_club_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CercleClubView *self = CERCLE_CLUB_VIEW (object);

  switch (prop_id)
    {
    case PROP_N_UNREAD:
      g_value_set_uint (value, cercle_club_view_get_n_unread (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_club_view_dispose (GObject *object)
{
  CercleClubView *self = (CercleClubView *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_CLUB_VIEW);
  /* Children the template does not bind are ours to unparent too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->list);
  g_clear_object (&self->mentorings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cercle_club_view_parent_class)->dispose (object);
}

static void
cercle_club_view_finalize (GObject *object)
{
  CercleClubView *self = (CercleClubView *) object;

  g_clear_pointer (&self->viewer, cercle_viewer_free);
  g_clear_pointer (&self->unread, g_hash_table_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (cercle_club_view_parent_class)->finalize (object);
}

static void
cercle_club_view_class_init (CercleClubViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_club_view_dispose;
  object_class->finalize = cercle_club_view_finalize;
  object_class->get_property = cercle_club_view_get_property;

  /**
   * CercleClubView:n-unread:
   *
   * How many announcements the local user has not read
   */
  properties [PROP_N_UNREAD] =
    g_param_spec_uint ("n-unread", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/club/cercle-club-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleClubView, section_switcher);
  gtk_widget_class_bind_template_child (widget_class, CercleClubView, sections);
  gtk_widget_class_bind_template_child (widget_class, CercleClubView, mentoring_page);
  gtk_widget_class_bind_template_child (widget_class, CercleClubView, stack);
  gtk_widget_class_bind_template_child (widget_class, CercleClubView, mentoring_stack);
  gtk_widget_class_bind_template_child (widget_class, CercleClubView, list_view);
  gtk_widget_class_bind_template_child (widget_class, CercleClubView, selection);
  gtk_widget_class_bind_template_child (widget_class, CercleClubView, mentoring_selection);
  gtk_widget_class_bind_template_child (widget_class, CercleClubView, count_label);
  gtk_widget_class_bind_template_child (widget_class, CercleClubView, mark_read_button);
  gtk_widget_class_bind_template_child (widget_class, CercleClubView, new_button);
  gtk_widget_class_bind_template_child (widget_class, CercleClubView, pair_button);
  gtk_widget_class_bind_template_child (widget_class, CercleClubView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_mentoring_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_mentoring_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_section_changed_cb);

  gtk_widget_class_install_action (widget_class, "club.mark-all-read", NULL, mark_all_read_action);
  gtk_widget_class_install_action (widget_class, "club.new-announcement", NULL, new_announcement_action);
  gtk_widget_class_install_action (widget_class, "club.pair-mentor", NULL, pair_mentor_action);
}

static void
cercle_club_view_init (CercleClubView *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

void
cercle_club_view_set_context (CercleClubView *self,
                              CercleContext  *context)
{
  g_return_if_fail (CERCLE_IS_CLUB_VIEW (self));
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
 * cercle_club_view_get_announcements:
 *
 * Returns: (transfer none) (nullable): the list of announcements shown
 */
GListModel *
cercle_club_view_get_announcements (CercleClubView *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB_VIEW (self), NULL);

  return G_LIST_MODEL (self->list);
}

guint
cercle_club_view_get_n_unread (CercleClubView *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB_VIEW (self), 0);

  return self->unread != NULL ? g_hash_table_size (self->unread) : 0;
}
