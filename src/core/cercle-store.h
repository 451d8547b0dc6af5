/* cercle-store.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cercle-types.h"

G_BEGIN_DECLS

#define CERCLE_STORE_ERROR (cercle_store_error_quark ())

typedef enum
{
  CERCLE_STORE_ERROR_FAILED,
  CERCLE_STORE_ERROR_NOT_A_DATABASE,
  CERCLE_STORE_ERROR_TOO_NEW,
  CERCLE_STORE_ERROR_NOT_FOUND,
  CERCLE_STORE_ERROR_INVALID,
} CercleStoreError;

/* How a write enters the database. A local edit is what the user did on this
 * device: it is stamped now, its replaced values go to history and one outbox
 * entry per record waits for sync. A server row was already accepted by the
 * club's server: it keeps its rev and never goes back to the outbox. */
typedef enum
{
  CERCLE_SAVE_LOCAL_EDIT  = 0,
  CERCLE_SAVE_FROM_SERVER = 1 << 0,
} CercleSaveFlags;

#define CERCLE_TYPE_STORE (cercle_store_get_type ())

G_DECLARE_FINAL_TYPE (CercleStore, cercle_store, CERCLE, STORE, GObject)

GQuark        cercle_store_error_quark            (void);

CercleStore  *cercle_store_open                   (const char           *path,
                                                   GError              **error);
void          cercle_store_remove_database        (const char           *path);
const char   *cercle_store_get_path               (CercleStore          *self);
int           cercle_store_get_schema_version     (CercleStore          *self);

CercleClub   *cercle_store_dup_club               (CercleStore          *self);
CercleMember *cercle_store_dup_local_member       (CercleStore          *self);
gboolean      cercle_store_set_local_member       (CercleStore          *self,
                                                   const char           *member_id,
                                                   GError              **error);
gboolean      cercle_store_local_user_is_staff    (CercleStore          *self);

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
guint         cercle_store_count_members          (CercleStore          *self);

GListModel   *cercle_store_list_events            (CercleStore          *self,
                                                   GDateTime            *from,
                                                   GError              **error);
GListModel   *cercle_store_list_registrations     (CercleStore          *self,
                                                   const char           *event_id,
                                                   GError              **error);
guint         cercle_store_count_registrations    (CercleStore          *self,
                                                   const char           *event_id,
                                                   CercleResponse        response);
GListModel   *cercle_store_list_referrals         (CercleStore          *self,
                                                   GError              **error);

JsonArray    *cercle_store_dup_outbox             (CercleStore          *self,
                                                   GError              **error);
JsonArray    *cercle_store_dup_history            (CercleStore          *self,
                                                   const char           *row_id,
                                                   GError              **error);

G_END_DECLS
