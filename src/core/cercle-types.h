/* cercle-types.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _CercleRecord       CercleRecord;
typedef struct _CercleClub         CercleClub;
typedef struct _CercleMember       CercleMember;
typedef struct _CercleEvent        CercleEvent;
typedef struct _CercleRegistration CercleRegistration;
typedef struct _CercleReferral     CercleReferral;
typedef struct _CercleOneToOne     CercleOneToOne;
typedef struct _CercleRequest      CercleRequest;
typedef struct _CercleAnnouncement CercleAnnouncement;
typedef struct _CercleNeedReply    CercleNeedReply;
typedef struct _CercleMentoring    CercleMentoring;
typedef struct _CercleDeviceKey    CercleDeviceKey;
typedef struct _CercleConversation CercleConversation;
typedef struct _CercleMessage      CercleMessage;
typedef struct _CercleStore        CercleStore;
typedef struct _CercleRecordList   CercleRecordList;
typedef struct _CercleSearch       CercleSearch;
typedef struct _CercleChangeSet    CercleChangeSet;
typedef struct _CercleMutation     CercleMutation;
typedef struct _CercleViewer       CercleViewer;

/* The kinds of rows a club holds. The nick is the table's name and the
 * "entity" of the sync protocol. */
typedef enum
{
  CERCLE_ENTITY_CLUB,         /*< nick=club >*/
  CERCLE_ENTITY_MEMBER,       /*< nick=member >*/
  CERCLE_ENTITY_EVENT,        /*< nick=event >*/
  CERCLE_ENTITY_REGISTRATION, /*< nick=registration >*/
  CERCLE_ENTITY_REFERRAL,     /*< nick=referral >*/
  CERCLE_ENTITY_ONE_TO_ONE,   /*< nick=one_to_one >*/
  CERCLE_ENTITY_REQUEST,      /*< nick=request >*/
  /* club life */
  CERCLE_ENTITY_ANNOUNCEMENT, /*< nick=announcement >*/
  CERCLE_ENTITY_NEED_REPLY,   /*< nick=need_reply >*/
  CERCLE_ENTITY_MENTORING,    /*< nick=mentoring >*/
  /* messages: a device's public key, a conversation, an encrypted message */
  CERCLE_ENTITY_DEVICE_KEY,   /*< nick=device_key >*/
  CERCLE_ENTITY_CONVERSATION, /*< nick=conversation >*/
  CERCLE_ENTITY_MESSAGE,      /*< nick=message >*/
} CercleEntity;

#define CERCLE_N_ENTITIES (CERCLE_ENTITY_MESSAGE + 1)

typedef enum
{
  CERCLE_MUTATION_INSERT, /*< nick=insert >*/
  CERCLE_MUTATION_UPDATE, /*< nick=update >*/
  CERCLE_MUTATION_DELETE, /*< nick=delete >*/
} CercleMutationOp;

/* Every enum is stored in the database by its nick, so the nicks are part of
 * the file format and of the sync protocol: never rename one. */

typedef enum
{
  CERCLE_MEMBER_STATUS_CANDIDATE, /*< nick=candidate >*/
  CERCLE_MEMBER_STATUS_ACTIVE,    /*< nick=active >*/
  CERCLE_MEMBER_STATUS_ALUMNI,    /*< nick=alumni >*/
} CercleMemberStatus;

typedef enum
{
  CERCLE_MEMBER_ROLE_MEMBER, /*< nick=member >*/
  CERCLE_MEMBER_ROLE_STAFF,  /*< nick=staff >*/
} CercleMemberRole;

/* How the member directory is ordered within its best matches */
typedef enum
{
  CERCLE_MEMBER_SORT_NAME,    /*< nick=name >*/
  CERCLE_MEMBER_SORT_COMPANY, /*< nick=company >*/
  CERCLE_MEMBER_SORT_JOINED,  /*< nick=joined >*/
} CercleMemberSort;

typedef enum
{
  CERCLE_EVENT_KIND_MEETING,   /*< nick=meeting >*/
  CERCLE_EVENT_KIND_BREAKFAST, /*< nick=breakfast >*/
  CERCLE_EVENT_KIND_LUNCH,     /*< nick=lunch >*/
  CERCLE_EVENT_KIND_DINNER,    /*< nick=dinner >*/
  CERCLE_EVENT_KIND_VISIT,     /*< nick=visit >*/
  CERCLE_EVENT_KIND_VIDEO,     /*< nick=video >*/
  CERCLE_EVENT_KIND_OTHER,     /*< nick=other >*/
  CERCLE_EVENT_KIND_CONFERENCE, /*< nick=conference >*/
} CercleEventKind;

typedef enum
{
  CERCLE_EVENT_STATUS_SCHEDULED, /*< nick=scheduled >*/
  CERCLE_EVENT_STATUS_CANCELLED, /*< nick=cancelled >*/
  CERCLE_EVENT_STATUS_DRAFT,     /*< nick=draft >*/
} CercleEventStatus;

typedef enum
{
  CERCLE_RESPONSE_YES,      /*< nick=yes >*/
  CERCLE_RESPONSE_NO,       /*< nick=no >*/
  CERCLE_RESPONSE_MAYBE,    /*< nick=maybe >*/
  CERCLE_RESPONSE_WAITLIST, /*< nick=waitlist >*/
} CercleResponse;

typedef enum
{
  CERCLE_ATTENDANCE_UNKNOWN,    /*< nick=unknown >*/
  CERCLE_ATTENDANCE_PRESENT,    /*< nick=present >*/
  CERCLE_ATTENDANCE_ABSENT,     /*< nick=absent >*/
  CERCLE_ATTENDANCE_LATE,       /*< nick=late >*/
  CERCLE_ATTENDANCE_EXCUSED,    /*< nick=excused >*/
  CERCLE_ATTENDANCE_SUBSTITUTE, /*< nick=substitute >*/
} CercleAttendance;

typedef enum
{
  CERCLE_REFERRAL_STATUS_PROPOSED,  /*< nick=proposed >*/
  CERCLE_REFERRAL_STATUS_ACCEPTED,  /*< nick=accepted >*/
  CERCLE_REFERRAL_STATUS_CONTACTED, /*< nick=contacted >*/
  CERCLE_REFERRAL_STATUS_QUOTED,    /*< nick=quoted >*/
  CERCLE_REFERRAL_STATUS_WON,       /*< nick=won >*/
  CERCLE_REFERRAL_STATUS_LOST,      /*< nick=lost >*/
  CERCLE_REFERRAL_STATUS_DECLINED,  /*< nick=declined >*/
} CercleReferralStatus;

typedef enum
{
  CERCLE_REQUEST_STATUS_OPEN,   /*< nick=open >*/
  CERCLE_REQUEST_STATUS_CLOSED, /*< nick=closed >*/
} CercleRequestStatus;

/* How long a conversation's messages live, on every device and the server */
typedef enum
{
  CERCLE_VANISH_NEVER, /*< nick=never >*/
  CERCLE_VANISH_DAY,   /*< nick=day >*/
  CERCLE_VANISH_WEEK,  /*< nick=week >*/
  CERCLE_VANISH_MONTH, /*< nick=month >*/
} CercleVanish;

G_END_DECLS
