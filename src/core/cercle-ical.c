/* cercle-ical.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-ical"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>
#include <string.h>

#include "cercle-club.h"
#include "cercle-enums.h"
#include "cercle-event.h"
#include "cercle-format.h"
#include "cercle-ical.h"
#include "cercle-member.h"
#include "cercle-record-list.h"
#include "cercle-store.h"
#include "cercle-time.h"

/* The club's events as iCalendar (RFC 5545), through libical: what GNOME
 * Calendar, Thunderbird and Outlook read. An event's UID is its id, so an
 * event exported twice is the same event in the reader's calendar, and a
 * file imported twice updates the events it made the first time.
 *
 * An imported file is untrusted: it is checked line by line before
 * anything is written, an error names the line, and the events are saved
 * in one transaction, all or none. */

G_DEFINE_QUARK (cercle-ical-error-quark, cercle_ical_error)

#define PRODID "-//Cercle//Cercle " PACKAGE_VERSION "//FR"

/* Files bigger than this are no club's calendar */
#define MAX_IMPORT_SIZE (16 * 1024 * 1024)

static void
ensure_libical (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* Bad input is reported in the components, never by abort() */
      icalerror_set_errors_are_fatal (0);
      g_once_init_leave (&done, 1);
    }
}

static gboolean G_GNUC_PRINTF (3, 4)
line_error (GError     **error,
            guint        line,
            const char  *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: %u is a line number of an iCalendar file, %s says what
   * is wrong on it */
  g_set_error (error, CERCLE_ICAL_ERROR, CERCLE_ICAL_ERROR_INVALID, _("Line %u: %s"), line, message);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Export */

static struct icaltimetype
wall_clock (GDateTime *date_time)
{
  struct icaltimetype t = icaltime_null_time ();

  t.year = g_date_time_get_year (date_time);
  t.month = g_date_time_get_month (date_time);
  t.day = g_date_time_get_day_of_month (date_time);
  t.hour = g_date_time_get_hour (date_time);
  t.minute = g_date_time_get_minute (date_time);
  t.second = g_date_time_get_second (date_time);
  t.is_date = 0;

  return t;
}

/* DTSTART or DTEND as the wall-clock time in the event's zone, with its
 * TZID: a reader shows 07:30 in Paris, whatever its own zone */
static icalproperty *
time_property (icalproperty_kind  kind,
               const char        *stored,
               const char        *time_zone)
{
  g_autoptr(GDateTime) local = cercle_parse_utc (stored, time_zone);
  icalproperty *property;

  if (local == NULL)
    return NULL;

  property = kind == ICAL_DTSTART_PROPERTY ? icalproperty_new_dtstart (wall_clock (local))
                                           : icalproperty_new_dtend (wall_clock (local));
  icalproperty_add_parameter (property, icalparameter_new_tzid (time_zone));

  return property;
}

static icalproperty *
utc_property (icalproperty_kind  kind,
              const char        *stored)
{
  g_autoptr(GDateTime) utc = cercle_parse_utc (stored, "UTC");
  struct icaltimetype t;

  if (utc == NULL)
    return NULL;

  t = wall_clock (utc);
  t.zone = icaltimezone_get_utc_timezone ();

  return kind == ICAL_DTSTAMP_PROPERTY ? icalproperty_new_dtstamp (t)
                                       : icalproperty_new_lastmodified (t);
}

/* The zone's definition, named by its IANA id, as the events name it */
static icalcomponent *
make_vtimezone (const char *time_zone)
{
  icaltimezone *zone = icaltimezone_get_builtin_timezone (time_zone);
  icalcomponent *vtimezone;
  icalproperty *tzid;

  if (zone == NULL || icaltimezone_get_component (zone) == NULL)
    return NULL;

  vtimezone = icalcomponent_new_clone (icaltimezone_get_component (zone));
  tzid = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);
  if (tzid != NULL)
    icalproperty_set_tzid (tzid, time_zone);

  return vtimezone;
}

static const char *
status_to_ical (CercleEventStatus status,
                icalproperty_status *out)
{
  switch (status)
    {
    case CERCLE_EVENT_STATUS_CANCELLED:
      *out = ICAL_STATUS_CANCELLED;
      break;
    case CERCLE_EVENT_STATUS_DRAFT:
      *out = ICAL_STATUS_TENTATIVE;
      break;
    case CERCLE_EVENT_STATUS_SCHEDULED:
    default:
      *out = ICAL_STATUS_CONFIRMED;
      break;
    }

  return NULL;
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static icalcomponent *
make_vevent (CercleStore        *store,
             const CercleViewer *viewer,
             CercleEvent        *event,
             const char         *stamp)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (CERCLE_TYPE_EVENT_KIND);
  icalcomponent *vevent = icalcomponent_new_vevent ();
  const char *time_zone = cercle_event_get_time_zone (event) ?: CERCLE_DEFAULT_TIME_ZONE;
  const char *organizer_id = cercle_event_get_organizer_id (event);
  const char *video_url = cercle_event_get_video_url (event);
  icalproperty_status status;
  icalproperty *property;

  icalcomponent_add_property (vevent, icalproperty_new_uid (cercle_record_get_id (CERCLE_RECORD (event))));
  icalcomponent_add_property (vevent, utc_property (ICAL_DTSTAMP_PROPERTY, stamp));
  if (cercle_record_get_updated_at (CERCLE_RECORD (event)) != NULL &&
      (property = utc_property (ICAL_LASTMODIFIED_PROPERTY,
                                cercle_record_get_updated_at (CERCLE_RECORD (event)))) != NULL)
    icalcomponent_add_property (vevent, property);
  icalcomponent_add_property (vevent, icalproperty_new_summary (cercle_event_get_title (event)));

  if ((property = time_property (ICAL_DTSTART_PROPERTY, cercle_event_get_starts_at (event), time_zone)))
    icalcomponent_add_property (vevent, property);
  if (has_text (cercle_event_get_ends_at (event)) &&
      (property = time_property (ICAL_DTEND_PROPERTY, cercle_event_get_ends_at (event), time_zone)))
    icalcomponent_add_property (vevent, property);

  if (has_text (cercle_event_get_description (event)))
    icalcomponent_add_property (vevent, icalproperty_new_description (cercle_event_get_description (event)));
  if (has_text (cercle_event_get_place (event)))
    icalcomponent_add_property (vevent, icalproperty_new_location (cercle_event_get_place (event)));

  if (has_text (video_url))
    {
      /* RFC 7986, and the plain URL for readers that predate it */
      property = icalproperty_new_conference (video_url);
      icalproperty_add_parameter (property, icalparameter_new_value (ICAL_VALUE_URI));
      icalproperty_add_parameter (property, icalparameter_new_feature (ICAL_FEATURE_VIDEO));
      icalcomponent_add_property (vevent, property);
      icalcomponent_add_property (vevent, icalproperty_new_url (video_url));
    }

  if (organizer_id != NULL)
    {
      g_autoptr(CercleMember) organizer = cercle_store_get_record (store, CERCLE_TYPE_MEMBER,
                                                                   organizer_id, NULL);

      /* An organizer is an address; one the reader may not see is left out */
      if (organizer != NULL && has_text (cercle_member_get_email (organizer)) &&
          cercle_visibility_can_see_member_field (viewer, organizer, "email"))
        {
          g_autofree char *address = g_strconcat ("mailto:", cercle_member_get_email (organizer), NULL);
          g_autofree char *name = cercle_format_full_name (cercle_member_get_first_name (organizer),
                                                           cercle_member_get_last_name (organizer));

          property = icalproperty_new_organizer (address);
          icalproperty_add_parameter (property, icalparameter_new_cn (name));
          icalcomponent_add_property (vevent, property);
        }
    }

  status_to_ical (cercle_event_get_status (event), &status);
  icalcomponent_add_property (vevent, icalproperty_new_status (status));
  icalcomponent_add_property (vevent,
                              icalproperty_new_categories (cercle_event_kind_to_string (cercle_event_get_kind (event))));

  /* The kind by its stable name, so that an import gets it back */
  property = icalproperty_new_x (g_enum_get_value (kinds, cercle_event_get_kind (event))->value_nick);
  icalproperty_set_x_name (property, "X-CERCLE-KIND");
  icalcomponent_add_property (vevent, property);

  return vevent;
}

/**
 * cercle_ical_export:
 * @event_id: (nullable): one event, or %NULL for every event the local
 *   user may see
 *
 * Returns: (transfer full): an iCalendar document; %NULL with @error set
 */
char *
cercle_ical_export (CercleStore  *store,
                    const char   *event_id,
                    GError      **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) zones = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CercleClub) club = NULL;
  g_autofree char *stamp = cercle_now_iso8601 ();
  icalcomponent *calendar;
  char *text;

  g_return_val_if_fail (CERCLE_IS_STORE (store), NULL);

  ensure_libical ();

  if (!(viewer = cercle_store_dup_viewer (store, error)))
    return NULL;

  if (event_id != NULL)
    {
      CercleEvent *event = cercle_store_get_record (store, CERCLE_TYPE_EVENT, event_id, NULL);

      if (event == NULL || cercle_record_get_deleted (CERCLE_RECORD (event)) ||
          !cercle_visibility_can_see_event (viewer, event))
        {
          g_clear_object (&event);
          g_set_error (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_FOUND,
                       _("There is no event “%s” in this club."), event_id);
          return NULL;
        }
      g_ptr_array_add (events, event);
    }
  else
    {
      g_autoptr(GArray) rows = cercle_store_list_event_rows (store, NULL, NULL, FALSE, error);
      g_autoptr(CercleRecordList) list = NULL;

      if (rows == NULL)
        return NULL;

      list = cercle_record_list_new (store, CERCLE_TYPE_EVENT, rows);
      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (events, g_list_model_get_item (G_LIST_MODEL (list), i));
    }

  club = cercle_store_dup_club (store, NULL);

  calendar = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_prodid (PRODID));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));
  if (club != NULL && has_text (cercle_club_get_name (club)))
    {
      icalproperty *name = icalproperty_new_x (cercle_club_get_name (club));

      icalproperty_set_x_name (name, "X-WR-CALNAME");
      icalcomponent_add_property (calendar, name);
    }

  for (guint i = 0; i < events->len; i++)
    {
      const char *time_zone = cercle_event_get_time_zone (g_ptr_array_index (events, i));

      time_zone = time_zone ? time_zone : CERCLE_DEFAULT_TIME_ZONE;
      if (!g_hash_table_contains (zones, time_zone))
        {
          icalcomponent *vtimezone = make_vtimezone (time_zone);

          g_hash_table_add (zones, (gpointer)time_zone);
          if (vtimezone != NULL)
            icalcomponent_add_component (calendar, vtimezone);
        }
    }

  for (guint i = 0; i < events->len; i++)
    icalcomponent_add_component (calendar, make_vevent (store, viewer, g_ptr_array_index (events, i), stamp));

  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);

  /* libical's memory is not GLib's */
  {
    char *copy = g_strdup (text);

    free (text);
    return copy;
  }
}

gboolean
cercle_ical_export_file (CercleStore  *store,
                         const char   *event_id,
                         const char   *path,
                         GError      **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(text = cercle_ical_export (store, event_id, error)))
    return FALSE;

  return g_file_set_contents (path, text, -1, error);
}

/* ------------------------------------------------------------------ */
/* Import */

/* Where each VEVENT of a file is, for the messages: the line it begins
 * on, and the line of each of its properties */
typedef struct
{
  guint       begin_line;
  GHashTable *property_lines;   /* upper-case name → line */
} EventLines;

static void
event_lines_clear (EventLines *lines)
{
  g_clear_pointer (&lines->property_lines, g_hash_table_unref);
}

static guint
line_of (EventLines *lines,
         const char *property)
{
  guint line = GPOINTER_TO_UINT (g_hash_table_lookup (lines->property_lines, property));

  return line != 0 ? line : lines->begin_line;
}

/* Reads the file's structure line by line, as RFC 5545 says it must be:
 * content lines (folded lines continue with a space or a tab), every
 * BEGIN closed by its END. Returns the VEVENTs' lines. */
static GArray *
scan_lines (const char  *data,
            GError     **error)
{
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (EventLines));
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) physical = g_strsplit (data, "\n", -1);
  g_autoptr(GString) logical = g_string_new (NULL);
  guint logical_line = 0;
  EventLines *current = NULL;

  g_array_set_clear_func (events, (GDestroyNotify)event_lines_clear);

  for (guint i = 0; ; i++)
    {
      const char *line = physical[i];
      g_autofree char *name = NULL;
      const char *colon;
      gsize len;

      if (line != NULL && (line[0] == ' ' || line[0] == '\t') && logical_line != 0)
        {
          g_string_append (logical, line + 1);
          len = logical->len;
          if (len > 0 && logical->str[len - 1] == '\r')
            g_string_truncate (logical, len - 1);
          continue;
        }

      /* @logical is complete: check it */
      if (logical_line != 0 && logical->len > 0)
        {
          const char *semicolon;

          colon = strchr (logical->str, ':');
          semicolon = strchr (logical->str, ';');
          if (colon == NULL || colon == logical->str)
            return line_error (error, logical_line, _("“%s” is not an iCalendar line (NAME:value)."),
                               logical->str), NULL;

          name = g_ascii_strup (logical->str,
                                (semicolon != NULL && semicolon < colon ? semicolon : colon) - logical->str);

          if (g_str_equal (name, "BEGIN"))
            {
              g_autofree char *component = g_ascii_strup (colon + 1, -1);

              g_strstrip (component);
              if (stack->len == 0 && !g_str_equal (component, "VCALENDAR"))
                return line_error (error, logical_line, _("An iCalendar file starts with BEGIN:VCALENDAR.")), NULL;

              if (g_str_equal (component, "VEVENT"))
                {
                  EventLines lines = { logical_line, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };

                  g_array_append_val (events, lines);
                  current = &g_array_index (events, EventLines, events->len - 1);
                }
              g_ptr_array_add (stack, g_steal_pointer (&component));
            }
          else if (g_str_equal (name, "END"))
            {
              g_autofree char *component = g_ascii_strup (colon + 1, -1);

              g_strstrip (component);
              if (stack->len == 0 || !g_str_equal (g_ptr_array_index (stack, stack->len - 1), component))
                return line_error (error, logical_line, _("END:%s closes nothing that was begun."),
                                   component), NULL;
              g_ptr_array_remove_index (stack, stack->len - 1);
              if (g_str_equal (component, "VEVENT"))
                current = NULL;
            }
          else if (stack->len == 0)
            return line_error (error, logical_line, _("“%s” is outside of BEGIN:VCALENDAR and END:VCALENDAR."),
                               logical->str), NULL;
          else if (current != NULL && stack->len == 2 &&
                   !g_hash_table_contains (current->property_lines, name))
            g_hash_table_insert (current->property_lines, g_steal_pointer (&name),
                                 GUINT_TO_POINTER (logical_line));
        }

      if (line == NULL)
        break;

      g_string_assign (logical, line);
      len = logical->len;
      if (len > 0 && logical->str[len - 1] == '\r')
        g_string_truncate (logical, len - 1);
      logical_line = i + 1;
    }

  if (stack->len > 0)
    {
      g_set_error (error, CERCLE_ICAL_ERROR, CERCLE_ICAL_ERROR_INVALID,
                   _("The file ends before END:%s."), (char *)g_ptr_array_index (stack, stack->len - 1));
      return NULL;
    }

  return g_steal_pointer (&events);
}

/* A stable id for a UID that is not one of ours: importing the same file
 * again updates the same events */
static char *
id_for_uid (const char *uid)
{
  g_autofree char *sha = NULL;

  if (uid == NULL || *uid == '\0')
    return g_uuid_string_random ();

  if (g_uuid_string_is_valid (uid))
    return g_ascii_strdown (uid, -1);

  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA1, uid, -1);

  /* A UUID of version 5's form (name-based, SHA-1) */
  return g_strdup_printf ("%.8s-%.4s-5%.3s-%c%.3s-%.12s",
                          sha, sha + 8, sha + 13,
                          "89ab"[g_ascii_xdigit_value (sha[16]) & 3], sha + 17, sha + 20);
}

/* The IANA id a TZID names, if GLib knows it (libical's own zones carry
 * a prefix before it) */
static char *
iana_zone (const char *tzid)
{
  const char *p;
  g_autoptr(GTimeZone) tz = NULL;

  if (tzid == NULL)
    return NULL;

  if (g_str_has_prefix (tzid, "/"))
    {
      /* "/freeassociation.sourceforge.net/Europe/Paris" */
      p = strchr (tzid + 1, '/');
      tzid = p != NULL ? p + 1 : tzid;
    }

  if (strchr (tzid, '/') == NULL && !g_str_equal (tzid, "UTC"))
    return NULL;

  tz = g_time_zone_new_identifier (tzid);

  return tz != NULL ? g_strdup (tzid) : NULL;
}

/* A DTSTART or DTEND as a UTC time. Times with a TZID GLib knows are read
 * in that zone; others by the file's VTIMEZONE; floating times (and
 * whole days) in @default_zone. */
static GDateTime *
read_time (icalproperty  *property,
           const char    *default_zone,
           EventLines    *lines,
           const char    *name,
           char         **zone_out,
           GError       **error)
{
  struct icaltimetype t = icalvalue_get_datetimedate (icalproperty_get_value (property));
  icalparameter *tzid_parameter = icalproperty_get_first_parameter (property, ICAL_TZID_PARAMETER);
  const char *tzid = tzid_parameter != NULL ? icalparameter_get_tzid (tzid_parameter) : NULL;
  g_autofree char *iana = iana_zone (tzid);
  g_autoptr(GTimeZone) tz = NULL;

  if (icaltime_is_null_time (t) || !icaltime_is_valid_time (t))
    return line_error (error, line_of (lines, name), _("%s is not a date and time."), name), NULL;

  if (icaltime_is_utc (t))
    return g_date_time_new_utc (t.year, t.month, t.day, t.hour, t.minute, t.second);

  if (iana != NULL)
    {
      tz = g_time_zone_new_identifier (iana);
      if (zone_out != NULL)
        *zone_out = g_steal_pointer (&iana);
    }
  else if (tzid != NULL)
    {
      icalcomponent *vevent = icalproperty_get_parent (property);
      icalcomponent *calendar = vevent != NULL ? icalcomponent_get_parent (vevent) : NULL;
      icaltimezone *zone = calendar != NULL ? icalcomponent_get_timezone (calendar, tzid) : NULL;

      if (zone == NULL)
        return line_error (error, line_of (lines, name),
                           _("The time zone “%s” is not defined in the file."), tzid), NULL;

      return g_date_time_new_from_unix_utc (icaltime_as_timet_with_zone (t, zone));
    }
  else
    tz = cercle_time_zone_new (default_zone, NULL);

  if (t.is_date)
    return g_date_time_new (tz, t.year, t.month, t.day, 0, 0, 0);

  return g_date_time_new (tz, t.year, t.month, t.day, t.hour, t.minute, t.second);
}

static CercleEventKind
read_kind (icalcomponent *vevent,
           gboolean       online)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (CERCLE_TYPE_EVENT_KIND);

  for (icalproperty *p = icalcomponent_get_first_property (vevent, ICAL_X_PROPERTY);
       p != NULL;
       p = icalcomponent_get_next_property (vevent, ICAL_X_PROPERTY))
    {
      const char *name = icalproperty_get_x_name (p);
      GEnumValue *value;

      if (name == NULL || g_ascii_strcasecmp (name, "X-CERCLE-KIND") != 0)
        continue;
      value = g_enum_get_value_by_nick (kinds, icalproperty_get_x (p) ?: "");
      if (value != NULL)
        return value->value;
    }

  return online ? CERCLE_EVENT_KIND_VIDEO : CERCLE_EVENT_KIND_MEETING;
}

static const char *
read_video_url (icalcomponent *vevent)
{
  icalproperty *property = icalcomponent_get_first_property (vevent, ICAL_CONFERENCE_PROPERTY);

  if (property != NULL)
    return icalproperty_get_conference (property);

  property = icalcomponent_get_first_property (vevent, ICAL_URL_PROPERTY);
  return property != NULL ? icalproperty_get_url (property) : NULL;
}

/* libical keeps what it could not read as X-LIC-ERROR properties: the
 * first one is the file's first error */
static gboolean
check_parse_errors (icalcomponent  *vevent,
                    EventLines     *lines,
                    GError        **error)
{
  icalproperty *property = icalcomponent_get_first_property (vevent, ICAL_XLICERROR_PROPERTY);
  const char *message;
  GHashTableIter iter;
  const char *name;
  gpointer line;
  guint found = 0;

  if (property == NULL)
    return TRUE;

  message = icalproperty_get_xlicerror (property);

  /* "Can't parse as DATE-TIME value in DTSTART property. …" */
  g_hash_table_iter_init (&iter, lines->property_lines);
  while (g_hash_table_iter_next (&iter, (gpointer *)&name, &line))
    {
      g_autofree char *needle = g_strconcat (" ", name, " ", NULL);

      if (message != NULL && strstr (message, needle) != NULL)
        found = found == 0 ? GPOINTER_TO_UINT (line) : MIN (found, GPOINTER_TO_UINT (line));
    }

  return line_error (error, found != 0 ? found : lines->begin_line,
                     _("the value cannot be read (%s)."), message ? message : "?");
}

static CercleEvent *
read_event (CercleStore    *store,
            icalcomponent  *vevent,
            EventLines     *lines,
            const char     *default_zone,
            GError        **error)
{
  g_autoptr(CercleEvent) event = NULL;
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *starts_text = NULL;
  g_autofree char *ends_text = NULL;
  const char *summary;
  const char *location;
  const char *video_url;
  icalproperty *property;
  CercleEventStatus status = CERCLE_EVENT_STATUS_SCHEDULED;

  if (!check_parse_errors (vevent, lines, error))
    return NULL;

  summary = icalcomponent_get_summary (vevent);
  if (summary == NULL || *summary == '\0')
    return line_error (error, lines->begin_line, _("The event has no title (SUMMARY).")), NULL;

  property = icalcomponent_get_first_property (vevent, ICAL_DTSTART_PROPERTY);
  if (property == NULL)
    return line_error (error, lines->begin_line, _("“%s” has no start (DTSTART)."), summary), NULL;

  if (!(starts = read_time (property, default_zone, lines, "DTSTART", &zone, error)))
    return NULL;

  if ((property = icalcomponent_get_first_property (vevent, ICAL_DTEND_PROPERTY)) != NULL)
    {
      if (!(ends = read_time (property, zone ? zone : default_zone, lines, "DTEND", NULL, error)))
        return NULL;
    }
  else if ((property = icalcomponent_get_first_property (vevent, ICAL_DURATION_PROPERTY)) != NULL)
    {
      struct icaldurationtype duration = icalproperty_get_duration (property);

      ends = g_date_time_add_seconds (starts, icaldurationtype_as_int (duration));
    }

  if (ends != NULL && g_date_time_compare (ends, starts) < 0)
    return line_error (error, line_of (lines, "DTEND"), _("“%s” ends before it starts."), summary), NULL;

  if ((property = icalcomponent_get_first_property (vevent, ICAL_STATUS_PROPERTY)) != NULL)
    {
      icalproperty_status value = icalproperty_get_status (property);

      if (value == ICAL_STATUS_CANCELLED)
        status = CERCLE_EVENT_STATUS_CANCELLED;
      else if (value == ICAL_STATUS_TENTATIVE)
        status = CERCLE_EVENT_STATUS_DRAFT;
    }

  id = id_for_uid (icalcomponent_get_uid (vevent));
  event = cercle_store_get_record (store, CERCLE_TYPE_EVENT, id, &local_error);
  if (event == NULL)
    event = g_object_new (CERCLE_TYPE_EVENT, "id", id, NULL);

  location = icalcomponent_get_location (vevent);
  video_url = read_video_url (vevent);
  starts_text = cercle_time_format_utc (starts);
  ends_text = ends != NULL ? cercle_time_format_utc (ends) : NULL;

  g_object_set (event,
                "title", summary,
                "kind", read_kind (vevent, has_text (video_url) && !has_text (location)),
                "starts-at", starts_text,
                "ends-at", ends_text,
                "time-zone", zone ? zone : default_zone,
                "place", has_text (location) ? location : NULL,
                "video-url", has_text (video_url) ? video_url : NULL,
                "description", icalcomponent_get_description (vevent),
                "status", status,
                NULL);
  cercle_record_set_deleted (CERCLE_RECORD (event), FALSE);

  if (!cercle_event_normalize (event, &local_error))
    return line_error (error, line_of (lines, "DTSTART"), "%s", local_error->message), NULL;

  return g_steal_pointer (&event);
}

/**
 * cercle_ical_import:
 * @n_events: (out) (optional): how many events were imported
 *
 * Imports every VEVENT of an iCalendar document as an event of the club,
 * in one transaction: all of them, or, with @error set naming the line
 * at fault, none. An event whose UID is one the club has is updated.
 */
gboolean
cercle_ical_import (CercleStore  *store,
                    const char   *data,
                    gsize         length,
                    guint        *n_events,
                    GError      **error)
{
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CercleClub) club = NULL;
  g_autofree char *text = NULL;
  const char *default_zone = CERCLE_DEFAULT_TIME_ZONE;
  icalcomponent *calendar;
  guint i = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (CERCLE_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  ensure_libical ();

  if (n_events != NULL)
    *n_events = 0;

  if (length > MAX_IMPORT_SIZE)
    {
      g_set_error_literal (error, CERCLE_ICAL_ERROR, CERCLE_ICAL_ERROR_INVALID,
                           _("The file is too big to be a calendar."));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, CERCLE_ICAL_ERROR, CERCLE_ICAL_ERROR_INVALID,
                           _("The file is not iCalendar text (it is not UTF-8)."));
      return FALSE;
    }

  text = g_strndup (data, length);

  if (!(lines = scan_lines (text, error)))
    return FALSE;

  if (lines->len == 0)
    {
      g_set_error_literal (error, CERCLE_ICAL_ERROR, CERCLE_ICAL_ERROR_EMPTY,
                           _("The file holds no event."));
      return FALSE;
    }

  club = cercle_store_dup_club (store, NULL);
  if (club != NULL && has_text (cercle_club_get_time_zone (club)))
    default_zone = cercle_club_get_time_zone (club);

  calendar = icalparser_parse_string (text);
  if (calendar == NULL || icalcomponent_isa (calendar) != ICAL_VCALENDAR_COMPONENT)
    {
      if (calendar != NULL)
        icalcomponent_free (calendar);
      return line_error (error, 1, _("An iCalendar file starts with BEGIN:VCALENDAR."));
    }

  for (icalcomponent *vevent = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       ok && vevent != NULL && i < lines->len;
       vevent = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT), i++)
    {
      CercleEvent *event = read_event (store, vevent, &g_array_index (lines, EventLines, i),
                                       default_zone, error);

      if (event == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (events, event);
    }

  icalcomponent_free (calendar);

  if (!ok)
    return FALSE;

  if (!cercle_store_save_all (store, (CercleRecord **)events->pdata, events->len,
                              CERCLE_SAVE_LOCAL_EDIT, error))
    return FALSE;

  if (n_events != NULL)
    *n_events = events->len;

  return TRUE;
}

gboolean
cercle_ical_import_file (CercleStore  *store,
                         const char   *path,
                         guint        *n_events,
                         GError      **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (CERCLE_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;

  return cercle_ical_import (store, data, length, n_events, error);
}
