/* cercle-change-set.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cercle-types.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_CHANGE_SET (cercle_change_set_get_type ())

GType            cercle_change_set_get_type          (void) G_GNUC_CONST;
CercleChangeSet *cercle_change_set_new               (void);
CercleChangeSet *cercle_change_set_ref               (CercleChangeSet *self);
void             cercle_change_set_unref             (CercleChangeSet *self);

void             cercle_change_set_add               (CercleChangeSet *self,
                                                      CercleEntity     entity,
                                                      const char      *id);
void             cercle_change_set_add_all           (CercleChangeSet *self,
                                                      CercleEntity     entity);
void             cercle_change_set_set_local_user_changed (CercleChangeSet *self);
void             cercle_change_set_merge             (CercleChangeSet *self,
                                                      CercleChangeSet *other);

gboolean         cercle_change_set_is_empty          (CercleChangeSet *self);
gboolean         cercle_change_set_touches           (CercleChangeSet *self,
                                                      CercleEntity     entity);
gboolean         cercle_change_set_contains          (CercleChangeSet *self,
                                                      CercleEntity     entity,
                                                      const char      *id);
char           **cercle_change_set_dup_ids           (CercleChangeSet *self,
                                                      CercleEntity     entity);
gboolean         cercle_change_set_is_everything     (CercleChangeSet *self,
                                                      CercleEntity     entity);
guint            cercle_change_set_get_n_ids         (CercleChangeSet *self,
                                                      CercleEntity     entity);
gboolean         cercle_change_set_get_local_user_changed (CercleChangeSet *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleChangeSet, cercle_change_set_unref)

G_END_DECLS
