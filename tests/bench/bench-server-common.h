/* bench-server-common.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-test-server.h"

G_BEGIN_DECLS

/* What the server benchmarks share: devices of plain members, picked
 * from an export of the server's database, pushing batches of mutations
 * through the protocol from threads of their own. */

typedef struct _BenchPusher BenchPusher;

/* The mutation numbered @mutation_no (from 1 in each run) of @pusher */
typedef JsonObject *(*BenchMutationFunc) (BenchPusher *pusher,
                                          gint64       mutation_no);

struct _BenchPusher
{
  CercleTestServer  *client;
  char              *email;
  char              *member_id;
  char              *club_id;
  char              *client_id;
  char              *token;
  /* What the last mutation left, for a bench whose edits start from it */
  char              *previous;
  guint              n_applied;

  /* Set by bench_measure_push() for the pushing thread */
  BenchMutationFunc  mutation;
  guint              n_pushes;
  guint              batch;
};

typedef enum
{
  BENCH_PICK_ANY,        /* the first plain members with an account */
  BENCH_PICK_SPREAD,     /* the first of each club */
  BENCH_PICK_ONE_CLUB,   /* the first of one club */
} BenchPick;

void    bench_pusher_clear   (BenchPusher        *pusher);
void    bench_pick_pushers   (const char         *export_path,
                              BenchPick           pick,
                              const char         *club_id,
                              BenchPusher        *pushers,
                              guint               n_pushers);
double  bench_measure_push   (CercleTestServer  **servers,
                              guint               n_servers,
                              BenchPusher        *pushers,
                              guint               n_pushers,
                              guint               n_pushes,
                              guint               batch,
                              BenchMutationFunc   mutation);

G_END_DECLS
