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
#include "cercle-db.h"
#include "cercle-record-sql.h"
#include "cercle-change-set.h"
#include "cercle-search.h"
#include "cercle-search-terms.h"
#include "cercle-entity.h"
#include "cercle-json.h"
#include "cercle-codec.h"
#include "cercle-format.h"
#include "cercle-time.h"
#include "cercle-validate.h"
#include "cercle-visibility.h"
#include "cercle-permission.h"
#include "cercle-membership.h"
#include "cercle-referral-status.h"
#include "cercle-registration-policy.h"
#include "cercle-club.h"
#include "cercle-member.h"
#include "cercle-event.h"
#include "cercle-registration.h"
#include "cercle-referral.h"
#include "cercle-one-to-one.h"
#include "cercle-request.h"
#include "cercle-device-key.h"
#include "cercle-conversation.h"
#include "cercle-message.h"
#include "cercle-message-crypto.h"
#include "cercle-message-policy.h"
#include "cercle-record-list.h"
#include "cercle-sync-types.h"
#include "cercle-store.h"
#include "cercle-store-messages.h"
#include "cercle-ical.h"
#include "cercle-member-csv.h"
#include "cercle-member-io.h"
#include "cercle-demo.h"
#include "cercle-vcard.h"
