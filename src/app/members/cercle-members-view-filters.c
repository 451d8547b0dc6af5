/* cercle-members-view-filters.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-members-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-members-view-private.h"

/* The directory's filters and order: the popover's dropdowns, the choices
 * they offer (the sectors and cities the club's members have), and the
 * query they make with the words typed. */

/* What the user asks for: the words typed, the filters and the order.
 * The dropdowns' first items are "any". */
CercleMemberQuery *
_cercle_members_view_build_query (CercleMembersView *self)
{
  CercleMemberQuery *query = cercle_member_query_new (self->query);
  guint sector = gtk_drop_down_get_selected (self->sector_dropdown);
  guint city = gtk_drop_down_get_selected (self->city_dropdown);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint role = gtk_drop_down_get_selected (self->role_dropdown);
  guint sort = gtk_drop_down_get_selected (self->sort_dropdown);

  if (self->sectors != NULL && sector != GTK_INVALID_LIST_POSITION && sector > 0 &&
      sector <= g_strv_length (self->sectors))
    query->sector = g_strdup (self->sectors[sector - 1]);
  if (self->cities != NULL && city != GTK_INVALID_LIST_POSITION && city > 0 &&
      city <= g_strv_length (self->cities))
    query->city = g_strdup (self->cities[city - 1]);

  /* In the order of the .ui's lists */
  if (status != GTK_INVALID_LIST_POSITION && status > 0)
    query->status = status == 1 ? CERCLE_MEMBER_STATUS_CANDIDATE
                  : status == 2 ? CERCLE_MEMBER_STATUS_ACTIVE
                  : CERCLE_MEMBER_STATUS_ALUMNI;
  if (role != GTK_INVALID_LIST_POSITION && role > 0)
    query->role = role == 1 ? CERCLE_MEMBER_ROLE_MEMBER : CERCLE_MEMBER_ROLE_STAFF;
  if (sort == 1)
    query->sort = CERCLE_MEMBER_SORT_COMPANY;
  else if (sort == 2)
    query->sort = CERCLE_MEMBER_SORT_JOINED;

  return query;
}

guint
_cercle_members_view_count_filters (const CercleMemberQuery *query)
{
  return (query->sector != NULL) + (query->city != NULL) + (query->status >= 0) + (query->role >= 0);
}
static GtkStringList *
make_choices (const char *any,
              GStrv       names)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    gtk_string_list_append (list, names[i]);

  return list;
}

/* Keeps @dropdown on the name it showed, if the club still has it */
static void
set_choices (GtkDropDown *dropdown,
             GStrv       *slot,
             GStrv        names,
             const char  *any)
{
  g_autoptr(GtkStringList) list = NULL;
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autofree char *kept = NULL;
  guint position = 0;

  if (*slot != NULL && selected != GTK_INVALID_LIST_POSITION && selected > 0 &&
      selected <= g_strv_length (*slot))
    kept = g_strdup ((*slot)[selected - 1]);

  if (*slot != NULL && names != NULL && g_strv_equal ((const char * const *)*slot, (const char * const *)names))
    {
      g_strfreev (names);
      return;
    }

  g_strfreev (*slot);
  *slot = names;

  for (guint i = 0; kept != NULL && names != NULL && names[i] != NULL; i++)
    if (g_str_equal (names[i], kept))
      position = i + 1;

  list = make_choices (any, names);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, position);
}

/* The sectors and cities the club's members have, to filter by */
void
_cercle_members_view_load_filters (CercleMembersView *self)
{
  CercleStore *store;

  if (self->context == NULL)
    return;

  store = cercle_context_get_store (self->context);

  self->updating_filters = TRUE;
  set_choices (self->sector_dropdown, &self->sectors,
               cercle_store_list_member_sectors (store, NULL), _("Any sector"));
  set_choices (self->city_dropdown, &self->cities,
               cercle_store_list_member_cities (store, NULL), _("Any city"));
  self->updating_filters = FALSE;
}

static void
on_filter_changed_cb (GtkDropDown       *dropdown,
                      GParamSpec        *pspec,
                      CercleMembersView *self)
{
  if (self->updating_filters)
    return;

  _cercle_members_view_run_query (self, TRUE);
}

static void
on_clear_filters_cb (GtkButton         *button,
                     CercleMembersView *self)
{
  self->updating_filters = TRUE;
  gtk_drop_down_set_selected (self->sector_dropdown, 0);
  gtk_drop_down_set_selected (self->city_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->role_dropdown, 0);
  gtk_drop_down_set_selected (self->sort_dropdown, 0);
  self->updating_filters = FALSE;

  _cercle_members_view_run_query (self, TRUE);
}

void
_cercle_members_view_install_filters (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filters_cb);
}
