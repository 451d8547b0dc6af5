/* cercle-vcard.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-member.h"

G_BEGIN_DECLS

char *cercle_vcard_from_member (CercleMember *member);
char *cercle_vcard_escape_text (const char   *text);

G_END_DECLS
