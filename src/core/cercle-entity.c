/* cercle-entity.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-entity"

#include "config.h"

#include "cercle-announcement.h"
#include "cercle-club.h"
#include "cercle-conversation.h"
#include "cercle-device-key.h"
#include "cercle-message.h"
#include "cercle-entity.h"
#include "cercle-enums.h"
#include "cercle-event.h"
#include "cercle-member.h"
#include "cercle-mentoring.h"
#include "cercle-need-reply.h"
#include "cercle-one-to-one.h"
#include "cercle-referral.h"
#include "cercle-registration.h"
#include "cercle-request.h"

/**
 * cercle_entity_get_record_type:
 *
 * Returns: the #CercleRecord subtype whose rows are @entity
 */
GType
cercle_entity_get_record_type (CercleEntity entity)
{
  switch (entity)
    {
    case CERCLE_ENTITY_CLUB:         return CERCLE_TYPE_CLUB;
    case CERCLE_ENTITY_MEMBER:       return CERCLE_TYPE_MEMBER;
    case CERCLE_ENTITY_EVENT:        return CERCLE_TYPE_EVENT;
    case CERCLE_ENTITY_REGISTRATION: return CERCLE_TYPE_REGISTRATION;
    case CERCLE_ENTITY_REFERRAL:     return CERCLE_TYPE_REFERRAL;
    case CERCLE_ENTITY_ONE_TO_ONE:   return CERCLE_TYPE_ONE_TO_ONE;
    case CERCLE_ENTITY_REQUEST:      return CERCLE_TYPE_REQUEST;
    case CERCLE_ENTITY_ANNOUNCEMENT: return CERCLE_TYPE_ANNOUNCEMENT;
    case CERCLE_ENTITY_NEED_REPLY:   return CERCLE_TYPE_NEED_REPLY;
    case CERCLE_ENTITY_MENTORING:    return CERCLE_TYPE_MENTORING;
    case CERCLE_ENTITY_DEVICE_KEY:   return CERCLE_TYPE_DEVICE_KEY;
    case CERCLE_ENTITY_CONVERSATION: return CERCLE_TYPE_CONVERSATION;
    case CERCLE_ENTITY_MESSAGE:      return CERCLE_TYPE_MESSAGE;
    default:
      g_return_val_if_reached (G_TYPE_INVALID);
    }
}

/**
 * cercle_entity_get_name:
 *
 * Returns: the table's name, which is also the entity's name on the wire
 */
const char *
cercle_entity_get_name (CercleEntity entity)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (CERCLE_TYPE_ENTITY);
  GEnumValue *value = g_enum_get_value (enum_class, entity);

  g_return_val_if_fail (value != NULL, NULL);

  return value->value_nick;
}

/**
 * cercle_entity_from_name:
 * @name: (nullable): a table or wire name, such as "member"
 * @entity: (out) (optional): where to store the entity
 *
 * Returns: whether @name names an entity
 */
gboolean
cercle_entity_from_name (const char   *name,
                         CercleEntity *entity)
{
  g_autoptr(GEnumClass) enum_class = NULL;
  GEnumValue *value;

  if (name == NULL)
    return FALSE;

  enum_class = g_type_class_ref (CERCLE_TYPE_ENTITY);
  value = g_enum_get_value_by_nick (enum_class, name);
  if (value == NULL)
    return FALSE;

  if (entity != NULL)
    *entity = value->value;

  return TRUE;
}
