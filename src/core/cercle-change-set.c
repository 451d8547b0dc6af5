/* cercle-change-set.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-change-set"

#include "config.h"

#include "cercle-change-set.h"

/* What changed in a club since the views last heard: for each entity, the
 * ids of the rows written, so that a list refreshes the rows it shows and
 * nothing else. A burst of writes (a sync page of thousands of rows) is
 * told once; past a few thousand ids an entity counts as "everything
 * changed", which costs a view one reload and keeps this set small. */

#define MAX_IDS_PER_ENTITY 4096

struct _CercleChangeSet
{
  gatomicrefcount  ref_count;
  GHashTable      *ids[CERCLE_N_ENTITIES];
  gboolean         everything[CERCLE_N_ENTITIES];
  gboolean         local_user_changed;
};

G_DEFINE_BOXED_TYPE (CercleChangeSet, cercle_change_set, cercle_change_set_ref, cercle_change_set_unref)

CercleChangeSet *
cercle_change_set_new (void)
{
  CercleChangeSet *self = g_new0 (CercleChangeSet, 1);

  g_atomic_ref_count_init (&self->ref_count);

  return self;
}

CercleChangeSet *
cercle_change_set_ref (CercleChangeSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
cercle_change_set_unref (CercleChangeSet *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < CERCLE_N_ENTITIES; i++)
    g_clear_pointer (&self->ids[i], g_hash_table_unref);
  g_free (self);
}

void
cercle_change_set_add_all (CercleChangeSet *self,
                           CercleEntity     entity)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (entity < CERCLE_N_ENTITIES);

  self->everything[entity] = TRUE;
  g_clear_pointer (&self->ids[entity], g_hash_table_unref);
}

void
cercle_change_set_add (CercleChangeSet *self,
                       CercleEntity     entity,
                       const char      *id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (entity < CERCLE_N_ENTITIES);
  g_return_if_fail (id != NULL);

  if (self->everything[entity])
    return;

  if (self->ids[entity] == NULL)
    self->ids[entity] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_hash_table_size (self->ids[entity]) >= MAX_IDS_PER_ENTITY)
    {
      cercle_change_set_add_all (self, entity);
      return;
    }

  g_hash_table_add (self->ids[entity], g_strdup (id));
}

void
cercle_change_set_set_local_user_changed (CercleChangeSet *self)
{
  g_return_if_fail (self != NULL);

  self->local_user_changed = TRUE;
}

/* Adds what @other holds to @self */
void
cercle_change_set_merge (CercleChangeSet *self,
                         CercleChangeSet *other)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);

  for (guint i = 0; i < CERCLE_N_ENTITIES; i++)
    {
      GHashTableIter iter;
      const char *id;

      if (other->everything[i])
        {
          cercle_change_set_add_all (self, i);
          continue;
        }

      if (other->ids[i] == NULL)
        continue;

      g_hash_table_iter_init (&iter, other->ids[i]);
      while (g_hash_table_iter_next (&iter, (gpointer *)&id, NULL))
        cercle_change_set_add (self, i, id);
    }

  self->local_user_changed |= other->local_user_changed;
}

gboolean
cercle_change_set_is_empty (CercleChangeSet *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  for (guint i = 0; i < CERCLE_N_ENTITIES; i++)
    if (cercle_change_set_touches (self, i))
      return FALSE;

  return !self->local_user_changed;
}

gboolean
cercle_change_set_touches (CercleChangeSet *self,
                           CercleEntity     entity)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (entity < CERCLE_N_ENTITIES, FALSE);

  return self->everything[entity] ||
         (self->ids[entity] != NULL && g_hash_table_size (self->ids[entity]) > 0);
}

/**
 * cercle_change_set_contains:
 *
 * Returns: whether the row @id of @entity may have changed: it was
 *   written, or so many rows were that every one counts as changed
 */
gboolean
cercle_change_set_contains (CercleChangeSet *self,
                            CercleEntity     entity,
                            const char      *id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (entity < CERCLE_N_ENTITIES, FALSE);

  if (self->everything[entity])
    return TRUE;

  return id != NULL && self->ids[entity] != NULL && g_hash_table_contains (self->ids[entity], id);
}

/**
 * cercle_change_set_dup_ids:
 *
 * Returns: (transfer full): the ids of @entity that changed, in no
 *   particular order; empty when everything did (see
 *   cercle_change_set_is_everything())
 */
char **
cercle_change_set_dup_ids (CercleChangeSet *self,
                           CercleEntity     entity)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer id;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (entity < CERCLE_N_ENTITIES, NULL);

  if (self->ids[entity] != NULL && !self->everything[entity])
    {
      g_hash_table_iter_init (&iter, self->ids[entity]);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

gboolean
cercle_change_set_is_everything (CercleChangeSet *self,
                                 CercleEntity     entity)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (entity < CERCLE_N_ENTITIES, FALSE);

  return self->everything[entity];
}

/* How many rows were named; 0 when everything changed */
guint
cercle_change_set_get_n_ids (CercleChangeSet *self,
                             CercleEntity     entity)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (entity < CERCLE_N_ENTITIES, 0);

  return self->ids[entity] != NULL ? g_hash_table_size (self->ids[entity]) : 0;
}

gboolean
cercle_change_set_get_local_user_changed (CercleChangeSet *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->local_user_changed;
}
