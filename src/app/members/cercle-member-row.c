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
 * member does and where. Rows are recycled by the list view, which only
 * changes the member. */
struct _CercleMemberRow
{
  GtkWidget     parent_instance;

  CercleMember *member;

  AdwAvatar    *avatar;
  GtkLabel     *name_label;
  GtkLabel     *job_label;
  GtkLabel     *place_label;
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

static void
cercle_member_row_update (CercleMemberRow *self)
{
  g_autofree char *full_name = NULL;
  g_autofree char *job = NULL;
  g_autofree char *place = NULL;
  g_autofree char *accessible = NULL;

  if (self->member == NULL)
    {
      adw_avatar_set_text (self->avatar, NULL);
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->job_label, "");
      gtk_label_set_text (self->place_label, "");
      return;
    }

  full_name = cercle_format_full_name (cercle_member_get_first_name (self->member),
                                       cercle_member_get_last_name (self->member));
  job = join_parts (cercle_member_get_job_title (self->member),
                    cercle_member_get_company (self->member));
  place = join_parts (cercle_member_get_sector (self->member),
                      cercle_member_get_city (self->member));

  adw_avatar_set_text (self->avatar, full_name);
  gtk_label_set_text (self->name_label, full_name);
  gtk_label_set_text (self->job_label, job);
  gtk_widget_set_visible (GTK_WIDGET (self->job_label), *job != '\0');
  gtk_label_set_text (self->place_label, place);
  gtk_widget_set_visible (GTK_WIDGET (self->place_label), *place != '\0');

  if (*job != '\0')
    /* Translators: what a screen reader says for a member in the
     * directory: the full name, then job title and company */
    accessible = g_strdup_printf (_("%s, %s"), full_name, job);
  else
    accessible = g_strdup (full_name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
cercle_member_row_dispose (GObject *object)
{
  CercleMemberRow *self = (CercleMemberRow *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CERCLE_TYPE_MEMBER_ROW);
  /* the template's unnamed box */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->member);

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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cercle/Cercle/members/cercle-member-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CercleMemberRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberRow, job_label);
  gtk_widget_class_bind_template_child (widget_class, CercleMemberRow, place_label);

  gtk_widget_class_set_css_name (widget_class, "memberrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cercle_member_row_init (CercleMemberRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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

  if (g_set_object (&self->member, member))
    {
      cercle_member_row_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBER]);
    }
}
