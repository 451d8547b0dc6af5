/* cercle-store.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cercle-change-set.h"
#include "cercle-codec.h"
#include "cercle-db.h"
#include "cercle-referral-stats.h"
#include "cercle-referral-status.h"
#include "cercle-enums.h"
#include "cercle-search.h"
#include "cercle-sync-types.h"
#include "cercle-types.h"
#include "cercle-visibility.h"

G_BEGIN_DECLS

/* How a write enters the database. A local edit is what the user did on this
 * device: it is stamped now, its replaced values go to history and one outbox
 * entry per record waits for sync. A server row was already accepted by the
 * club's server: it keeps its rev and never goes back to the outbox. */
typedef enum
{
  CERCLE_SAVE_LOCAL_EDIT  = 0,
  CERCLE_SAVE_FROM_SERVER = 1 << 0,
} CercleSaveFlags;

/* The "field" of the history entry that says a row was made on this
 * device; see cercle_store_dup_history() */
#define CERCLE_HISTORY_CREATED ""

/* What a member did in the club, for their profile; see
 * cercle_store_get_member_activity() */
typedef struct
{
  guint events_expected;        /* over the last six months */
  guint events_attended;
  guint referrals_given;
  guint referrals_given_won;
  guint referrals_received;
  guint referrals_received_won;
  guint one_to_ones;
} CercleMemberActivity;

/* Fills a club file being created; see cercle_store_create() */
typedef gboolean (*CercleStoreFill) (CercleStore   *store,
                                     gpointer       user_data,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* Which referrals of the board a query asks for. Whatever is asked, a
 * member gets only the referrals they give or receive; the whole club's
 * are the staff's. */
typedef enum
{
  CERCLE_REFERRAL_SCOPE_MINE,
  CERCLE_REFERRAL_SCOPE_GIVEN,
  CERCLE_REFERRAL_SCOPE_RECEIVED,
  CERCLE_REFERRAL_SCOPE_CLUB,
} CercleReferralScope;

/* The referral board as a query found it: row numbers for record lists,
 * and the records of their first rows, read already, with the names of
 * their members, so that the cards first shown cost the main thread no
 * query. A first page is not counted: counting every row is the slow
 * part, and waits for the query of all of them. */
typedef struct
{
  GArray     *rows[CERCLE_REFERRAL_N_STATUSES];    /* per status, most recently moved first */
  guint       counts[CERCLE_REFERRAL_N_STATUSES];  /* all of them, when counted */
  gint64      won_cents;                            /* business closed, among them */
  GArray     *needs;                                /* open needs, newest first */
  guint       n_needs;
  GArray     *won_given;                            /* the viewer's given referrals now won, by row */
  GPtrArray  *records[CERCLE_REFERRAL_N_STATUSES]; /* the first rows' CercleReferrals */
  GPtrArray  *need_records;                         /* the first needs' CercleRequests */
  GHashTable *names;                                /* member id → full name, for those */
  gboolean    counted;                              /* counts, n_needs and won_cents are set */
  gboolean    complete;                             /* rows hold every row, not a first page */
  /* Each row's place in its column, beside it in keys: the day it last
   * moved as a number (20261123, -1 for none), newest first, then the
   * row, highest first; keyed when every key keeps the order of the day's
   * text (see cercle_referral_rows_apply_changes()) */
  GArray     *keys[CERCLE_REFERRAL_N_STATUSES];    /* gint32, beside rows */
  gboolean    keyed;
  /* Changes only (cercle_store_query_referral_changes()): rows hold the
   * changed referrals the board shows, with their keys, in no order */
  gboolean    delta;
  GArray     *changed;                              /* every changed referral's row, to take out first */
} CercleReferralRows;

void                 cercle_referral_rows_free   (CercleReferralRows *board);
gboolean             cercle_referral_rows_apply_changes (CercleReferralRows       *board,
                                                         const CercleReferralRows *changes,
                                                         guint                    *touched);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleReferralRows, cercle_referral_rows_free)

#define CERCLE_TYPE_STORE (cercle_store_get_type ())

G_DECLARE_FINAL_TYPE (CercleStore, cercle_store, CERCLE, STORE, GObject)

CercleStore  *cercle_store_open                   (const char           *path,
                                                   GError              **error);
void          cercle_store_open_async             (const char           *path,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
CercleStore  *cercle_store_open_finish            (GAsyncResult         *result,
                                                   GError              **error);
gboolean      cercle_store_create                 (const char           *path,
                                                   CercleStoreFill       fill,
                                                   gpointer              user_data,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
gboolean      cercle_store_create_local_club      (const char           *path,
                                                   const char           *club_name,
                                                   const char           *city,
                                                   const char           *first_name,
                                                   const char           *last_name,
                                                   const char           *email,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
gboolean      cercle_demo_create                  (const char           *path,
                                                   guint                 n_members,
                                                   guint32               seed,
                                                   GError              **error);
void          cercle_store_remove_database        (const char           *path);
const char   *cercle_store_get_path               (CercleStore          *self);
int           cercle_store_get_schema_version     (CercleStore          *self);
void          cercle_store_flush_changes          (CercleStore          *self);
void          cercle_store_begin_bulk_load        (CercleStore          *self);
gboolean      cercle_store_end_bulk_load          (CercleStore          *self,
                                                   GError              **error);

CercleClub   *cercle_store_dup_club               (CercleStore          *self,
                                                   GError              **error);
CercleMember *cercle_store_dup_local_member       (CercleStore          *self,
                                                   GError              **error);
gboolean      cercle_store_set_local_member       (CercleStore          *self,
                                                   const char           *member_id,
                                                   GError              **error);
CercleViewer *cercle_store_dup_viewer             (CercleStore          *self,
                                                   GError              **error);

gpointer      cercle_store_get_record             (CercleStore          *self,
                                                   GType                 record_type,
                                                   const char           *id,
                                                   GError              **error);
gboolean      cercle_store_save                   (CercleStore          *self,
                                                   CercleRecord         *record,
                                                   GError              **error);
gboolean      cercle_store_save_all               (CercleStore          *self,
                                                   CercleRecord * const *records,
                                                   guint                 n_records,
                                                   CercleSaveFlags       flags,
                                                   GError              **error);
gboolean      cercle_store_delete                 (CercleStore          *self,
                                                   CercleRecord         *record,
                                                   GError              **error);

/* Members: cercle-store-members.c */
GListModel   *cercle_store_list_members           (CercleStore          *self,
                                                   GError              **error);
GListModel   *cercle_store_search_members         (CercleStore          *self,
                                                   const char           *query,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void          cercle_store_search_members_async   (CercleStore          *self,
                                                   const char           *query,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GListModel   *cercle_store_search_members_finish  (CercleStore          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
GArray       *cercle_store_search_member_rows     (CercleStore          *self,
                                                   const char           *query,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void          cercle_store_search_member_rows_async  (CercleStore       *self,
                                                   const char           *query,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GArray       *cercle_store_search_member_rows_finish (CercleStore       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
guint         cercle_store_count_members          (CercleStore          *self,
                                                   GError              **error);
GArray       *cercle_store_query_member_rows      (CercleStore          *self,
                                                   const CercleMemberQuery *query,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void          cercle_store_query_member_rows_async (CercleStore         *self,
                                                   const CercleMemberQuery *query,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GStrv         cercle_store_list_member_sectors    (CercleStore          *self,
                                                   GError              **error);
GStrv         cercle_store_list_member_cities     (CercleStore          *self,
                                                   GError              **error);
GListModel   *cercle_store_list_sponsored_members (CercleStore          *self,
                                                   const char           *member_id,
                                                   GError              **error);
gboolean      cercle_store_get_member_activity    (CercleStore          *self,
                                                   const char           *member_id,
                                                   GDateTime            *now,
                                                   CercleMemberActivity *activity,
                                                   GError              **error);
GPtrArray    *cercle_store_suggest_members        (CercleStore          *self,
                                                   const char           *member_id,
                                                   guint                 limit,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void          cercle_store_suggest_members_async  (CercleStore          *self,
                                                   const char           *member_id,
                                                   guint                 limit,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray    *cercle_store_suggest_members_finish (CercleStore          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Events, registrations and attendance: cercle-store-events.c,
 * cercle-store-registrations.c, cercle-store-attendance.c */
typedef struct
{
  guint yes;
  guint waitlist;
  guint maybe;
  guint no;
  guint guests;       /* among the "yes" */
  guint checked_in;   /* among the "yes": in the room */
} CercleEventCounts;

typedef struct
{
  char   *member_id;
  gint64  member_row;
  guint   expected;
  guint   attended;
} CercleRegularity;

#define CERCLE_RESPONSES_ALL    0xf
#define CERCLE_RESPONSES_COMING ((1u << CERCLE_RESPONSE_YES) | (1u << CERCLE_RESPONSE_MAYBE) | \
                                 (1u << CERCLE_RESPONSE_WAITLIST))

GListModel   *cercle_store_list_events            (CercleStore          *self,
                                                   GDateTime            *from,
                                                   GError              **error);
GArray       *cercle_store_list_event_rows        (CercleStore          *self,
                                                   GDateTime            *from,
                                                   GDateTime            *until,
                                                   gboolean              newest_first,
                                                   GError              **error);
GArray       *cercle_store_read_event_rows        (CercleStore          *self,
                                                   GDateTime            *from,
                                                   GDateTime            *until,
                                                   GPtrArray           **records,
                                                   GError              **error);
GArray       *cercle_store_list_member_event_rows (CercleStore          *self,
                                                   const char           *member_id,
                                                   GDateTime            *from,
                                                   GError              **error);
GListModel   *cercle_store_list_registrations     (CercleStore          *self,
                                                   const char           *event_id,
                                                   GError              **error);
GArray       *cercle_store_list_registration_rows (CercleStore          *self,
                                                   const char           *event_id,
                                                   guint                 responses,
                                                   const char           *query,
                                                   GError              **error);
CercleRegistration *cercle_store_dup_registration_for (CercleStore      *self,
                                                   const char           *event_id,
                                                   const char           *member_id,
                                                   GError              **error);
guint         cercle_store_count_registrations    (CercleStore          *self,
                                                   const char           *event_id,
                                                   CercleResponse        response,
                                                   GError              **error);
gboolean      cercle_store_count_event            (CercleStore          *self,
                                                   const char           *event_id,
                                                   CercleEventCounts    *counts,
                                                   GError              **error);
guint         cercle_store_get_waitlist_place     (CercleStore          *self,
                                                   CercleRegistration   *registration,
                                                   GError              **error);
GArray       *cercle_store_compute_regularity     (CercleStore          *self,
                                                   GDateTime            *since,
                                                   GDateTime            *until,
                                                   GError              **error);
gboolean      cercle_store_get_member_regularity  (CercleStore          *self,
                                                   const char           *member_id,
                                                   GDateTime            *since,
                                                   GDateTime            *until,
                                                   CercleRegularity     *regularity,
                                                   GError              **error);
CercleRegistration *cercle_store_register         (CercleStore          *self,
                                                   const char           *event_id,
                                                   const char           *member_id,
                                                   CercleResponse        response,
                                                   GError              **error);
CercleRegistration *cercle_store_add_guest        (CercleStore          *self,
                                                   const char           *event_id,
                                                   const char           *invited_by_id,
                                                   const char           *name,
                                                   const char           *company,
                                                   const char           *email,
                                                   gboolean              walk_in,
                                                   GError              **error);
gboolean      cercle_store_take_attendance        (CercleStore          *self,
                                                   CercleRegistration   *registration,
                                                   CercleAttendance      attendance,
                                                   const char           *substitute_name,
                                                   GError              **error);

/* Referrals: cercle-store-referrals.c */
GListModel   *cercle_store_list_referrals         (CercleStore          *self,
                                                   GError              **error);
CercleReferralRows *cercle_store_query_referral_board (CercleStore     *self,
                                                   CercleReferralScope   scope,
                                                   const char           *search,
                                                   guint                 first_page,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void          cercle_store_query_referral_board_async (CercleStore      *self,
                                                   CercleReferralScope   scope,
                                                   const char           *search,
                                                   guint                 first_page,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
CercleReferralRows *cercle_store_query_referral_changes (CercleStore    *self,
                                                   CercleReferralScope   scope,
                                                   const char           *search,
                                                   const char * const   *ids,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void          cercle_store_query_referral_changes_async (CercleStore    *self,
                                                   CercleReferralScope   scope,
                                                   const char           *search,
                                                   const char * const   *ids,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
CercleReferralRows *cercle_store_query_referral_board_finish (CercleStore *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
CercleReferralStats *cercle_store_compute_referral_stats (CercleStore   *self,
                                                   int                   season,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void          cercle_store_compute_referral_stats_async (CercleStore    *self,
                                                   int                   season,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
CercleReferralStats *cercle_store_compute_referral_stats_finish (CercleStore *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
gboolean      cercle_store_pass_referral          (CercleStore          *self,
                                                   CercleReferral       *referral,
                                                   GError              **error);
gboolean      cercle_store_move_referral          (CercleStore          *self,
                                                   const char           *referral_id,
                                                   CercleReferralStatus  to,
                                                   gint64                amount_cents,
                                                   GError              **error);
CercleRequest *cercle_store_post_request          (CercleStore          *self,
                                                   const char           *title,
                                                   const char           *body,
                                                   const char           *sector,
                                                   GError              **error);
gboolean      cercle_store_close_request          (CercleStore          *self,
                                                   const char           *request_id,
                                                   GError              **error);
CercleOneToOne *cercle_store_log_one_to_one       (CercleStore          *self,
                                                   const char           *other_member_id,
                                                   const char           *met_on,
                                                   const char           *notes,
                                                   GError              **error);
GListModel   *cercle_store_list_one_to_ones       (CercleStore          *self,
                                                   GError              **error);
char        **cercle_store_dup_sectors            (CercleStore          *self,
                                                   GError              **error);

/* Club life: cercle-store-club.c */
CercleAnnouncement *cercle_store_post_announcement (CercleStore         *self,
                                                   const char           *title,
                                                   const char           *body,
                                                   const char           *event_id,
                                                   gboolean              pinned,
                                                   GError              **error);
gboolean      cercle_store_pin_announcement       (CercleStore          *self,
                                                   const char           *announcement_id,
                                                   gboolean              pinned,
                                                   GError              **error);
GArray       *cercle_store_list_announcement_rows (CercleStore          *self,
                                                   GError              **error);
GListModel   *cercle_store_list_announcements     (CercleStore          *self,
                                                   GError              **error);
GHashTable   *cercle_store_dup_unread_announcements (CercleStore        *self,
                                                   GError              **error);
gboolean      cercle_store_mark_announcements_read (CercleStore         *self,
                                                   const char           *announcement_id,
                                                   GError              **error);
GPtrArray    *cercle_store_take_club_news         (CercleStore          *self,
                                                   GError              **error);
CercleNeedReply *cercle_store_reply_to_need       (CercleStore          *self,
                                                   const char           *request_id,
                                                   const char           *body,
                                                   GError              **error);
GArray       *cercle_store_list_need_reply_rows   (CercleStore          *self,
                                                   const char           *request_id,
                                                   GError              **error);
GListModel   *cercle_store_list_need_replies      (CercleStore          *self,
                                                   const char           *request_id,
                                                   GError              **error);
CercleReferral *cercle_store_refer_from_reply     (CercleStore          *self,
                                                   const char           *reply_id,
                                                   GError              **error);
CercleMentoring *cercle_store_pair_mentor         (CercleStore          *self,
                                                   const char           *mentor_id,
                                                   const char           *mentee_id,
                                                   const char           *starts_on,
                                                   const char           *ends_on,
                                                   GError              **error);
GArray       *cercle_store_list_mentoring_rows    (CercleStore          *self,
                                                   const char           *member_id,
                                                   GError              **error);
GListModel   *cercle_store_list_mentorings        (CercleStore          *self,
                                                   const char           *member_id,
                                                   GError              **error);
int           cercle_store_count_one_to_ones_between (CercleStore       *self,
                                                   const char           *member_a,
                                                   const char           *member_b,
                                                   const char           *since,
                                                   GError              **error);

/* Sync: cercle-store-sync.c */
GPtrArray    *cercle_store_dup_outbox_mutations   (CercleStore          *self,
                                                   GError              **error);
JsonArray    *cercle_store_dup_outbox             (CercleStore          *self,
                                                   GError              **error);
JsonArray    *cercle_store_dup_history            (CercleStore          *self,
                                                   const char           *row_id,
                                                   GError              **error);
char         *cercle_store_dup_client_id          (CercleStore          *self,
                                                   GError              **error);
CercleSyncState *cercle_store_dup_sync_state      (CercleStore          *self,
                                                   GError              **error);
gboolean      cercle_store_set_sync_origin        (CercleStore          *self,
                                                   const char           *server_url,
                                                   const char           *club_id,
                                                   const char           *account_email,
                                                   const char           *certificate_pin,
                                                   GError              **error);
gboolean      cercle_store_set_certificate_pin    (CercleStore          *self,
                                                   const char           *certificate_pin,
                                                   GError              **error);
gboolean      cercle_store_restart_sync           (CercleStore          *self,
                                                   GError              **error);
guint         cercle_store_count_outbox           (CercleStore          *self,
                                                   GError              **error);
GPtrArray    *cercle_store_list_conflicts         (CercleStore          *self,
                                                   const char           *row_id,
                                                   GError              **error);
gboolean      cercle_store_resolve_conflict       (CercleStore          *self,
                                                   const CercleSyncConflict *conflict,
                                                   gboolean              keep_mine,
                                                   GError              **error);
GPtrArray    *cercle_store_list_rejections        (CercleStore          *self,
                                                   GError              **error);
gboolean      cercle_store_dismiss_rejection      (CercleStore          *self,
                                                   const CercleSyncRejection *rejection,
                                                   GError              **error);
void          cercle_store_note_external_changes  (CercleStore          *self,
                                                   CercleChangeSet      *changes);

/* Sync: cercle-store-sync-apply.c */
GPtrArray    *cercle_store_decode_pull_rows       (JsonArray            *rows,
                                                   GError              **error);
gboolean      cercle_store_apply_pull_records     (CercleStore          *self,
                                                   GPtrArray            *records,
                                                   const char           *next_cursor,
                                                   gboolean              has_more,
                                                   gint64                last_mutation_no,
                                                   guint                *n_settled,
                                                   CercleChangeSet     **changes,
                                                   GError              **error);
gboolean      cercle_store_apply_pull_page        (CercleStore          *self,
                                                   JsonArray            *rows,
                                                   const char           *next_cursor,
                                                   gboolean              has_more,
                                                   gint64                last_mutation_no,
                                                   guint                *n_settled,
                                                   CercleChangeSet     **changes,
                                                   GError              **error);
gboolean      cercle_store_acknowledge_push       (CercleStore          *self,
                                                   GPtrArray            *mutations,
                                                   JsonArray            *results,
                                                   guint                *n_acknowledged,
                                                   CercleChangeSet     **changes,
                                                   GError              **error);

G_END_DECLS
