/* cercle-core.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-types.h"
#include "cercle-enums.h"
#include "cercle-record.h"
#include "cercle-club.h"
#include "cercle-member.h"
#include "cercle-event.h"
#include "cercle-registration.h"
#include "cercle-referral.h"
#include "cercle-one-to-one.h"
#include "cercle-request.h"
#include "cercle-record-list.h"
#include "cercle-store.h"
#include "cercle-demo.h"
