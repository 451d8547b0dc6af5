/* fuzz-common.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cercle-core.h"

/* A critical from GLib or json-glib is a bug the fuzzer found: make it
 * fatal, whatever the environment says */
static inline void
fuzz_init (void)
{
  static gboolean done = FALSE;

  if (!done)
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      done = TRUE;
    }
}
