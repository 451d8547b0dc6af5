/* cercle-member-row.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-member-row"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cercle-format.h"
#include "cercle-member-row.h"

/* One line of the member directory: the avatar, the name in bold, what the
 * member does and where, and, during a search, the words that matched
 * and the offer or need they were found in. Rows are recycled by the list
 * view, which only changes the member and the search terms. */
struct _CercleMemberRow
{
  GtkWidget          parent_instance;

  CercleMember      *member;
  CercleSearchTerms *terms;

  AdwAvatar         *avatar;
  GtkLabel          *name_label;
  GtkLabel          *status_label;
  GtkLabel          *job_label;
  GtkLabel          *place_label;
  GtkLabel          *match_label;
};

G_DEFINE_FINAL_TYPE (CercleMemberRow, cercle_member_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MEMBER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* Joins the non-empty parts with " · " */
static char *
join_parts (const char *first,
            const char *second)
{
  if (has_text (first) && has_text (second))
    /* Translators: separates two facts on one line, as in
     * "Managing director · Atelier Dupont" */
    return g_strdup_printf (_("%s · %s"), first, second);
  if (has_text (first))
    return g_strdup (first);
  if (has_text (second))
    return g_strdup (second);
  return g_strdup ("");
}

/* @text as markup, the words the search matched in it set apart by
 * @open and @close */
static char *
highlight (CercleSearchTerms *terms,
           const char        *text,
           CercleSearchField  field,
           const char        *open,
           const char        *close)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (CercleSearchRange));
  GString *markup = g_string_new (NULL);
  guint done = 0;

  if (text == NULL)
    return g_string_free (markup, FALSE);

  if (terms != NULL)
    cercle_search_terms_find (terms, text, field, ranges);

  for (guint i = 0; i < ranges->len; i++)
    {
      const CercleSearchRange *range = &g_array_index (ranges, CercleSearchRange, i);
      g_autofree char *before = g_markup_escape_text (text + done, (gssize)(range->start - done));
      g_autofree char *word = g_markup_escape_text (text + range->start, (gssize)(range->end - range->start));

      g_string_append_printf (markup, "%s%s%s%s", before, open, word, close);
      done = range->end;
    }

  {
    g_autofree char *rest = g_markup_escape_text (text + done, -1);

    g_string_append (markup, rest);
  }

  return g_string_free (markup, FALSE);
}

/* "first · second" as markup, each part highlighted for its field */
static char *
highlight_parts (CercleSearchTerms *terms,
                 const char        *first,
                 CercleSearchField  first_field,
                 const char        *second,
                 CercleSearchField  second_field)
{
  g_autofree char *a = has_text (first) ? highlight (terms, first, first_field, "<b>", "</b>") : NULL;
  g_autofree char *b = has_text (second) ? highlight (terms, second, second_field, "<b>", "</b>") : NULL;

  return join_parts (a, b);
}

/* The line of @text (offers or needs, one per line) where the search
 * matched, highlighted */
static char *
matching_line (CercleSearchTerms *terms,
               const char        *text,
               CercleSearchField  field,
               char             **plain)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (cercle_search_terms_find (terms, lines[i], field, NULL))
      {
        *plain = g_strdup (lines[i]);
        return highlight (terms, lines[i], field, "<b>", "</b>");
      }

  *plain = NULL;
  return NULL;
}

static void
cercle_member_row_update (CercleMemberRow *self)
{
  g_autofree char *full_name = NULL;
  g_autofree char *name_markup = NULL;
  g_autofree char *job = NULL;
  g_autofree char *place = NULL;
  g_autofree char *match = NULL;
  g_autofree char *match_plain = NULL;
  g_autofree char *accessible = NULL;
  const char *status = NULL;
  CercleSearchField field = CERCLE_SEARCH_FIELD_NONE;

  /* A row lets go of its member when the list view unbinds it, right
   * before binding it to another or destroying it: emptying it then would
   * be work for nothing, and an avatar that loses its text reads
   * /dev/urandom for a colour. */
  if (self->member == NULL)
    return;

  full_name = cercle_format_full_name (cercle_member_get_first_name (self->member),
                                       cercle_member_get_last_name (self->member));
  name_markup = highlight (self->terms, full_name, CERCLE_SEARCH_FIELD_NAME, "<u>", "</u>");
  job = highlight_parts (self->terms,
                         cercle_member_get_job_title (self->member), CERCLE_SEARCH_FIELD_JOB,
                         cercle_member_get_company (self->member), CERCLE_SEARCH_FIELD_COMPANY);
  place = highlight_parts (self->terms,
                           cercle_member_get_sector (self->member), CERCLE_SEARCH_FIELD_JOB,
                           cercle_member_get_city (self->member), CERCLE_SEARCH_FIELD_CITY);

  /* A member found by what they offer or look for says so, with the line
   * that matched: the rest of the row would not show why they are here */
  if (self->terms != NULL)
    field = cercle_search_terms_best_field (self->terms, self->member);

  if (field == CERCLE_SEARCH_FIELD_OFFERS || field == CERCLE_SEARCH_FIELD_NEEDS)
    {
      const char *text = field == CERCLE_SEARCH_FIELD_OFFERS ? cercle_member_get_offers (self->member)
                                                             : cercle_member_get_needs (self->member);
      g_autofree char *line = matching_line (self->terms, text, field, &match_plain);

      if (line != NULL)
        /* Translators: a search result found by what the member offers,
         * as in "offers: Tenue comptable et bilans" */
        match = g_strdup_printf (field == CERCLE_SEARCH_FIELD_OFFERS ? _("offers: %s") : _("looking for: %s"),
                                 line);
      if (match_plain != NULL)
        {
          g_autofree char *plain = g_strdup_printf (field == CERCLE_SEARCH_FIELD_OFFERS ? _("offers: %s") : _("looking for: %s"),
                                                    match_plain);

          g_free (match_plain);
          match_plain = g_steal_pointer (&plain);
        }
    }

  adw_avatar_set_text (self->avatar, full_name);
  gtk_label_set_markup (self->name_label, name_markup);
  gtk_label_set_markup (self->job_label, job);
  gtk_widget_set_visible (GTK_WIDGET (self->job_label), *job != '\0');
  gtk_label_set_markup (self->place_label, place);
  gtk_widget_set_visible (GTK_WIDGET (self->place_label), *place != '\0');
  gtk_label_set_markup (self->match_label, match != NULL ? match : "");
  gtk_widget_set_visible (GTK_WIDGET (self->match_label), match != NULL);

  /* Candidates and alumni stand out in the list too */
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "candidate");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "alumni");
  switch (cercle_member_get_status (self->member))
    {
    case CERCLE_MEMBER_STATUS_CANDIDATE:
      status = cercle_member_status_to_string (CERCLE_MEMBER_STATUS_CANDIDATE);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "candidate");
      break;

    case CERCLE_MEMBER_STATUS_ALUMNI:
      status = cercle_member_status_to_string (CERCLE_MEMBER_STATUS_ALUMNI);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "alumni");
      break;

    case CERCLE_MEMBER_STATUS_ACTIVE:
    default:
      break;
    }
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);

  {
    g_autofree char *job_plain = join_parts (cercle_member_get_job_title (self->member),
                                             cercle_member_get_company (self->member));
    GString *text = g_string_new (full_name);

    /* Translators: what a screen reader says for a member in the
     * directory: the full name, then job title and company */
    if (*job_plain != '\0')
      g_string_printf (text, _("%s, %s"), full_name, job_plain);
    if (status != NULL)
      g_string_append_printf (text, _(", %s"), status);
    if (match_plain != NULL)
      g_string_append_printf (text, _(", %s"), match_plain);
    accessible = g_string_free (text, FALSE);
  }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
on_member_notify_cb (CercleMember    *member,
                     GParamSpec      *pspec,
                     CercleMemberRow *self)
{
  cercle_member_row_update (self);
}

static void
cercle_member_row_dispose (GObject *object)
{
  CercleMemberRow *self = (CercleMemberRow *) object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->member != NULL)
    g_signal_handlers_disconnect_by_func (self->member, on_member_notify_cb, self);
  g_clear_object (&self->member);
  g_clear_pointer (&self->terms, cercle_search_terms_unref);

  G_OBJECT_CLASS (cercle_member_row_parent_class)->dispose (object);
}

static void
cercle_member_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CercleMemberRow *self = CERCLE_MEMBER_ROW (object);

  switch (prop_id)
    {
    case PROP_MEMBER:
      g_value_set_object (value, self->member);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_member_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CercleMemberRow *self = CERCLE_MEMBER_ROW (object);

  switch (prop_id)
    {
    case PROP_MEMBER:
      cercle_member_row_set_member (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_member_row_class_init (CercleMemberRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cercle_member_row_dispose;
  object_class->get_property = cercle_member_row_get_property;
  object_class->set_property = cercle_member_row_set_property;

  properties[PROP_MEMBER] =
    g_param_spec_object ("member", NULL, NULL,
                         CERCLE_TYPE_MEMBER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "memberrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkLabel *
add_label (GtkBox     *box,
           const char *css_class,
           const char *other_css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_use_markup (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  if (other_css_class != NULL)
    gtk_widget_add_css_class (label, other_css_class);
  gtk_box_append (box, label);

  return GTK_LABEL (label);
}

/* Built in code rather than from a template: a search makes and destroys
 * up to 200 rows at a time (GTK 4.8's list view keeps a widget for each
 * of its first 200 items), and parsing the template was most of the cost
 * of making one */
static void
cercle_member_row_init (CercleMemberRow *self)
{
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  GtkBox *text_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
  GtkBox *name_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));

  gtk_box_layout_set_spacing (layout, 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 6);

  self->avatar = ADW_AVATAR (adw_avatar_new (40, NULL, TRUE));
  gtk_widget_set_valign (GTK_WIDGET (self->avatar), GTK_ALIGN_CENTER);
  gtk_widget_set_parent (GTK_WIDGET (self->avatar), GTK_WIDGET (self));

  gtk_widget_set_valign (GTK_WIDGET (text_box), GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (GTK_WIDGET (text_box), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (text_box), GTK_WIDGET (self));

  gtk_box_append (text_box, GTK_WIDGET (name_box));
  self->name_label = add_label (name_box, "heading", NULL);
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_widget_set_valign (GTK_WIDGET (self->status_label), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "member-status");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "small");
  gtk_box_append (name_box, GTK_WIDGET (self->status_label));

  self->job_label = add_label (text_box, "dim-label", NULL);
  self->place_label = add_label (text_box, "dim-label", "caption");
  self->match_label = add_label (text_box, "caption", "search-match");
  gtk_widget_set_visible (GTK_WIDGET (self->match_label), FALSE);
}

CercleMember *
cercle_member_row_get_member (CercleMemberRow *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER_ROW (self), NULL);

  return self->member;
}

void
cercle_member_row_set_member (CercleMemberRow *self,
                              CercleMember    *member)
{
  g_return_if_fail (CERCLE_IS_MEMBER_ROW (self));
  g_return_if_fail (!member || CERCLE_IS_MEMBER (member));

  if (self->member == member)
    return;

  /* A sync page updates the member in place: the row follows */
  if (self->member != NULL)
    g_signal_handlers_disconnect_by_func (self->member, on_member_notify_cb, self);
  g_set_object (&self->member, member);
  if (member != NULL)
    g_signal_connect_object (member, "notify", G_CALLBACK (on_member_notify_cb), self, 0);

  cercle_member_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBER]);
}

/**
 * cercle_member_row_set_terms:
 * @terms: (nullable): the search the row was found by, to show what
 *   matched; %NULL outside a search
 */
void
cercle_member_row_set_terms (CercleMemberRow   *self,
                             CercleSearchTerms *terms)
{
  g_return_if_fail (CERCLE_IS_MEMBER_ROW (self));

  if (self->terms == terms)
    return;

  g_clear_pointer (&self->terms, cercle_search_terms_unref);
  self->terms = terms != NULL ? cercle_search_terms_ref (terms) : NULL;

  if (self->member != NULL)
    cercle_member_row_update (self);
}

/**
 * cercle_member_row_show:
 * @member: (nullable): the member to show
 * @terms: (nullable): the search @member was found by
 *
 * Shows @member as found by @terms, updating the row once for both.
 */
void
cercle_member_row_show (CercleMemberRow   *self,
                        CercleMember      *member,
                        CercleSearchTerms *terms)
{
  g_return_if_fail (CERCLE_IS_MEMBER_ROW (self));
  g_return_if_fail (!member || CERCLE_IS_MEMBER (member));

  if (self->terms != terms)
    {
      g_clear_pointer (&self->terms, cercle_search_terms_unref);
      self->terms = terms != NULL ? cercle_search_terms_ref (terms) : NULL;

      /* The member did not change: the words alone need the update */
      if (self->member == member)
        {
          cercle_member_row_update (self);
          return;
        }
    }

  cercle_member_row_set_member (self, member);
}
