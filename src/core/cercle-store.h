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

/* Fills a club file being created; see cercle_store_create() */
typedef gboolean (*CercleStoreFill) (CercleStore   *store,
                                     gpointer       user_data,
                                     GCancellable  *cancellable,
                                     GError       **error);

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

/* Events and registrations: cercle-store-events.c */
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
gboolean      cercle_store_apply_pull_page        (CercleStore          *self,
                                                   JsonArray            *rows,
                                                   const char           *next_cursor,
                                                   gboolean              has_more,
                                                   CercleChangeSet     **changes,
                                                   GError              **error);
gboolean      cercle_store_acknowledge_push       (CercleStore          *self,
                                                   GPtrArray            *mutations,
                                                   JsonArray            *results,
                                                   guint                *n_acknowledged,
                                                   CercleChangeSet     **changes,
                                                   GError              **error);

G_END_DECLS
