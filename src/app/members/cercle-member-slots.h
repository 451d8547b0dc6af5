/* cercle-member-slots.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cercle-core.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_MEMBER_SLOT (cercle_member_slot_get_type ())

G_DECLARE_FINAL_TYPE (CercleMemberSlot, cercle_member_slot, CERCLE, MEMBER_SLOT, GObject)

CercleMember      *cercle_member_slot_get_member (CercleMemberSlot *self);
CercleSearchTerms *cercle_member_slot_get_terms  (CercleMemberSlot *self);

#define CERCLE_TYPE_MEMBER_SLOTS (cercle_member_slots_get_type ())

G_DECLARE_FINAL_TYPE (CercleMemberSlots, cercle_member_slots, CERCLE, MEMBER_SLOTS, GObject)

CercleMemberSlots *cercle_member_slots_new         (CercleRecordList  *records);
CercleRecordList  *cercle_member_slots_get_records (CercleMemberSlots *self);
void               cercle_member_slots_replace     (CercleMemberSlots *self,
                                                    GArray            *row_numbers,
                                                    CercleSearchTerms *terms);
gboolean           cercle_member_slots_is_current  (CercleMemberSlots *self,
                                                    guint              position);
gboolean           cercle_member_slots_update      (CercleMemberSlots *self,
                                                    guint              position);
guint              cercle_member_slots_update_range (CercleMemberSlots *self,
                                                    guint              position,
                                                    guint              n_items);

G_END_DECLS
