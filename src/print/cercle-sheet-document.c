/* cercle-sheet-document.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-sheet-document"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-print-private.h"
#include "cercle-sheet-document.h"

/* The sign-in sheet (feuille d'émargement) laid on the table at the door,
 * and the attendance list printed after the event. Every page repeats the
 * club, the event, its date and place and the column heads, and ends with
 * the count of registrants and "page 2 / 5", so that a loose page still
 * says what it belongs to. */

#define SHEET_FONT "Cantarell"

#define PAGE_WIDTH    (210.0 * CERCLE_MM)
#define PAGE_HEIGHT   (297.0 * CERCLE_MM)
#define MARGIN_X      (15.0 * CERCLE_MM)
#define MARGIN_TOP    (14.0 * CERCLE_MM)
#define MARGIN_BOTTOM (12.0 * CERCLE_MM)
#define HEADER_HEIGHT (31.0 * CERCLE_MM)
#define TABLE_HEAD    (7.0 * CERCLE_MM)
#define FOOTER_HEIGHT (8.0 * CERCLE_MM)
/* room for a signature, or for one line of the attendance list */
#define SIGN_IN_ROW_HEIGHT    (10.0 * CERCLE_MM)
#define ATTENDANCE_ROW_HEIGHT (7.5 * CERCLE_MM)
#define CELL_PADDING  (1.8 * CERCLE_MM)

#define NUMBER_WIDTH  (9.0 * CERCLE_MM)
#define NAME_WIDTH    (62.0 * CERCLE_MM)
#define COMPANY_WIDTH (56.0 * CERCLE_MM)

enum {
  STYLE_CLUB,
  STYLE_KIND,
  STYLE_TITLE,
  STYLE_WHEN,
  STYLE_HEAD,
  STYLE_NUMBER,
  STYLE_NAME,
  STYLE_COMPANY,
  STYLE_PRESENCE,
  STYLE_FOOTER,
  N_STYLES
};

struct _CercleSheetDocument
{
  GObject            parent_instance;

  CercleRoster      *roster;
  CercleSheetKind    kind;

  CercleTextContext  text_context;
  gboolean           styles_ready;
  CercleTextStyle    styles[N_STYLES];
  char              *totals;
};

static void cercle_sheet_document_iface_init (CercleDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CercleSheetDocument, cercle_sheet_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CERCLE_TYPE_DOCUMENT,
                                                      cercle_sheet_document_iface_init))

static double
row_height (CercleSheetDocument *self)
{
  return self->kind == CERCLE_SHEET_SIGN_IN ? SIGN_IN_ROW_HEIGHT : ATTENDANCE_ROW_HEIGHT;
}

static guint
rows_per_page (CercleSheetDocument *self)
{
  double room = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - HEADER_HEIGHT - TABLE_HEAD
                - FOOTER_HEIGHT;

  return (guint) (room / row_height (self));
}

static guint
n_rows (CercleSheetDocument *self)
{
  guint n = cercle_roster_get_n_attendees (self->roster);
  guint per_page = rows_per_page (self);

  if (self->kind == CERCLE_SHEET_ATTENDANCE)
    return MAX (n, 1);

  /* the last page is filled with blank rows, and has at least a few */
  return (n + CERCLE_SHEET_MIN_WALK_INS + per_page - 1) / per_page * per_page;
}

static const char *
presence_label (CerclePresence presence)
{
  switch (presence)
    {
    case CERCLE_PRESENCE_PRESENT:
      return C_("attendance", "Present");
    case CERCLE_PRESENCE_LATE:
      return C_("attendance", "Late");
    case CERCLE_PRESENCE_ABSENT:
      return C_("attendance", "Absent");
    case CERCLE_PRESENCE_EXCUSED:
      return C_("attendance", "Excused");
    case CERCLE_PRESENCE_SUBSTITUTE:
      return C_("attendance", "Substitute");
    case CERCLE_PRESENCE_UNKNOWN:
    default:
      return C_("attendance", "Not recorded");
    }
}

static void
presence_colour (CerclePresence  presence,
                 double         *r,
                 double         *g,
                 double         *b)
{
  switch (presence)
    {
    case CERCLE_PRESENCE_PRESENT:
    case CERCLE_PRESENCE_SUBSTITUTE:
      *r = 0x26 / 255.0, *g = 0xa2 / 255.0, *b = 0x69 / 255.0;
      break;
    case CERCLE_PRESENCE_LATE:
      *r = 0xe5 / 255.0, *g = 0xa5 / 255.0, *b = 0x0a / 255.0;
      break;
    case CERCLE_PRESENCE_ABSENT:
      *r = 0xc0 / 255.0, *g = 0x1c / 255.0, *b = 0x28 / 255.0;
      break;
    case CERCLE_PRESENCE_EXCUSED:
      *r = 0x1c / 255.0, *g = 0x71 / 255.0, *b = 0xd8 / 255.0;
      break;
    case CERCLE_PRESENCE_UNKNOWN:
    default:
      *r = *g = *b = 0.75;
    }
}

static void
append_total (GString        *text,
              CerclePresence  presence,
              guint           count)
{
  g_string_append (text, " · ");

  switch (presence)
    {
    case CERCLE_PRESENCE_PRESENT:
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u present", "%u present", count),
                              count);
      break;
    case CERCLE_PRESENCE_LATE:
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u late", "%u late", count),
                              count);
      break;
    case CERCLE_PRESENCE_ABSENT:
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u absent", "%u absent", count),
                              count);
      break;
    case CERCLE_PRESENCE_EXCUSED:
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u excused", "%u excused", count),
                              count);
      break;
    case CERCLE_PRESENCE_SUBSTITUTE:
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u sent a substitute",
                                                 "%u sent a substitute", count),
                              count);
      break;
    case CERCLE_PRESENCE_UNKNOWN:
    default:
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u not recorded",
                                                 "%u not recorded", count),
                              count);
      break;
    }
}

/* "42 registrants", or after the event what became of them */
static char *
dup_totals (CercleSheetDocument *self)
{
  guint n = cercle_roster_get_n_attendees (self->roster);
  guint counts[CERCLE_PRESENCE_SUBSTITUTE + 1] = { 0, };
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "%u registrant", "%u registrants", n), n);

  if (self->kind == CERCLE_SHEET_SIGN_IN)
    return g_string_free (g_steal_pointer (&text), FALSE);

  for (guint i = 0; i < n; i++)
    {
      const CercleAttendee *attendee = cercle_roster_get_attendee (self->roster, i);

      counts[CLAMP (attendee->presence, 0, CERCLE_PRESENCE_SUBSTITUTE)]++;
    }

  for (CerclePresence p = CERCLE_PRESENCE_PRESENT; p <= CERCLE_PRESENCE_SUBSTITUTE + 1; p++)
    {
      /* the unknown last */
      CerclePresence presence = p <= CERCLE_PRESENCE_SUBSTITUTE ? p : CERCLE_PRESENCE_UNKNOWN;
      guint count = counts[presence];

      if (count > 0)
        append_total (text, presence, count);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
ensure_styles (CercleSheetDocument *self,
               cairo_t             *cr)
{
  PangoContext *context;
  double cell = row_height (self) - 2 * 1.0 * CERCLE_MM;

  if (cercle_text_context_ensure (&self->text_context, cr))
    self->styles_ready = FALSE;
  if (self->styles_ready)
    return;

  context = self->text_context.context;

  cercle_text_style_init (&self->styles[STYLE_CLUB], context, SHEET_FONT " Bold",
                          9, 6, 1, PANGO_ALIGN_LEFT);
  cercle_text_style_init (&self->styles[STYLE_KIND], context, SHEET_FONT " Bold",
                          9, 6, 1, PANGO_ALIGN_RIGHT);
  cercle_text_style_init (&self->styles[STYLE_TITLE], context, SHEET_FONT " Heavy",
                          18, 10, 2, PANGO_ALIGN_LEFT);
  cercle_text_style_init (&self->styles[STYLE_WHEN], context, SHEET_FONT,
                          10.5, 7, 2, PANGO_ALIGN_LEFT);
  cercle_text_style_init (&self->styles[STYLE_HEAD], context, SHEET_FONT " Bold",
                          8.5, 6, 1, PANGO_ALIGN_LEFT);
  cercle_text_style_init (&self->styles[STYLE_NUMBER], context, SHEET_FONT,
                          8, 5, 1, PANGO_ALIGN_RIGHT);
  cercle_text_style_init (&self->styles[STYLE_NAME], context, SHEET_FONT,
                          10, 6, cell > 20 ? 2 : 1, PANGO_ALIGN_LEFT);
  cercle_text_style_init (&self->styles[STYLE_COMPANY], context, SHEET_FONT,
                          9, 5.5, cell > 20 ? 2 : 1, PANGO_ALIGN_LEFT);
  cercle_text_style_init (&self->styles[STYLE_PRESENCE], context, SHEET_FONT " Bold",
                          9, 6, 1, PANGO_ALIGN_LEFT);
  cercle_text_style_init (&self->styles[STYLE_FOOTER], context, SHEET_FONT,
                          8, 6, 1, PANGO_ALIGN_LEFT);

  g_free (self->totals);
  self->totals = dup_totals (self);

  self->styles_ready = TRUE;
}

static void
show_in_box (CercleTextStyle *style,
             cairo_t         *cr,
             const char      *text,
             double           x,
             double           y,
             double           width,
             double           height)
{
  double text_height;

  cercle_text_fit (style, text, width, height);
  cercle_text_get_size (style, NULL, &text_height);
  cercle_text_show (style, cr, x, y + (height - text_height) / 2);
}

static void
draw_header (CercleSheetDocument *self,
             cairo_t             *cr)
{
  double width = PAGE_WIDTH - 2 * MARGIN_X;
  double y = MARGIN_TOP;
  double title_height;
  const char *when = cercle_roster_get_event_when (self->roster);
  const char *place = cercle_roster_get_event_place (self->roster);
  g_autofree char *club = g_utf8_strup (cercle_roster_get_club_name (self->roster), -1);
  g_autofree char *when_place = NULL;
  const char *kind = self->kind == CERCLE_SHEET_SIGN_IN ? _("Sign-in sheet")
                                                        : _("Attendance list");
  g_autofree char *kind_upper = g_utf8_strup (kind, -1);

  if (*when != '\0' && *place != '\0')
    /* Translators: an event's date and place on a sign-in sheet, as in
     * "Friday 27 November 2026, 19:30 – 22:30 · Hôtel de la Loge" */
    when_place = g_strdup_printf (_("%s · %s"), when, place);
  else
    when_place = g_strconcat (when, place, NULL);

  cairo_set_source_rgb (cr, 0x1a / 255.0, 0x5f / 255.0, 0xb4 / 255.0);
  cercle_text_fit (&self->styles[STYLE_KIND], kind_upper, width / 2, 5 * CERCLE_MM);
  cercle_text_show (&self->styles[STYLE_KIND], cr, MARGIN_X + width / 2, y);

  cairo_set_source_rgb (cr, 0x5e / 255.0, 0x5c / 255.0, 0x64 / 255.0);
  cercle_text_fit (&self->styles[STYLE_CLUB], club, width / 2 - 4 * CERCLE_MM, 5 * CERCLE_MM);
  cercle_text_show (&self->styles[STYLE_CLUB], cr, MARGIN_X, y);
  y += 6 * CERCLE_MM;

  cairo_set_source_rgb (cr, 0x24 / 255.0, 0x1f / 255.0, 0x31 / 255.0);
  cercle_text_fit (&self->styles[STYLE_TITLE], cercle_roster_get_event_title (self->roster),
                   width, 14 * CERCLE_MM);
  cercle_text_get_size (&self->styles[STYLE_TITLE], NULL, &title_height);
  cercle_text_show (&self->styles[STYLE_TITLE], cr, MARGIN_X, y);
  y += title_height + 1.2 * CERCLE_MM;

  cairo_set_source_rgb (cr, 0x3d / 255.0, 0x38 / 255.0, 0x46 / 255.0);
  cercle_text_fit (&self->styles[STYLE_WHEN], when_place, width,
                   MARGIN_TOP + HEADER_HEIGHT - 2 * CERCLE_MM - y);
  cercle_text_show (&self->styles[STYLE_WHEN], cr, MARGIN_X, y);

  /* a rule under the header */
  cairo_set_source_rgb (cr, 0x1a / 255.0, 0x5f / 255.0, 0xb4 / 255.0);
  cairo_rectangle (cr, MARGIN_X, MARGIN_TOP + HEADER_HEIGHT - 2.2 * CERCLE_MM, width, 0.8);
  cairo_fill (cr);
}

static void
draw_table_head (CercleSheetDocument *self,
                 cairo_t             *cr,
                 double               y)
{
  double width = PAGE_WIDTH - 2 * MARGIN_X;
  double x = MARGIN_X;
  const char *last = self->kind == CERCLE_SHEET_SIGN_IN ? _("Signature") : _("Attendance");

  cairo_set_source_rgb (cr, 0xde / 255.0, 0xdd / 255.0, 0xda / 255.0);
  cairo_rectangle (cr, MARGIN_X, y, width, TABLE_HEAD);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0x24 / 255.0, 0x1f / 255.0, 0x31 / 255.0);
  show_in_box (&self->styles[STYLE_HEAD], cr, C_("sheet column", "No."),
               x + CELL_PADDING, y, NUMBER_WIDTH - 2 * CELL_PADDING, TABLE_HEAD);
  x += NUMBER_WIDTH;
  show_in_box (&self->styles[STYLE_HEAD], cr, C_("sheet column", "Name"),
               x + CELL_PADDING, y, NAME_WIDTH - 2 * CELL_PADDING, TABLE_HEAD);
  x += NAME_WIDTH;
  show_in_box (&self->styles[STYLE_HEAD], cr, C_("sheet column", "Company"),
               x + CELL_PADDING, y, COMPANY_WIDTH - 2 * CELL_PADDING, TABLE_HEAD);
  x += COMPANY_WIDTH;
  show_in_box (&self->styles[STYLE_HEAD], cr, last,
               x + CELL_PADDING, y, MARGIN_X + width - x - 2 * CELL_PADDING, TABLE_HEAD);
}

/* "DURAND Hélène", the last name first and bold as on a list sorted by
 * it, and a discreet word for guests and staff */
static void
set_name_attributes (CercleTextStyle      *style,
                     const CercleAttendee *attendee,
                     GString              *text)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  g_autofree char *last = g_utf8_strup (attendee->last_name, -1);
  PangoAttribute *attr;
  const char *tag = NULL;

  g_string_truncate (text, 0);
  g_string_append (text, last);
  attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attr->start_index = 0;
  attr->end_index = text->len;
  pango_attr_list_insert (attrs, attr);

  if (*attendee->first_name != '\0')
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, attendee->first_name);
    }

  if (attendee->kind == CERCLE_ATTENDEE_GUEST)
    tag = C_("sheet", "guest");
  else if (attendee->kind == CERCLE_ATTENDEE_STAFF)
    tag = C_("sheet", "staff");

  if (tag != NULL)
    {
      guint start;

      g_string_append (text, " · ");
      start = text->len - strlen ("· ");
      g_string_append (text, tag);

      attr = pango_attr_scale_new (0.8);
      attr->start_index = start;
      attr->end_index = text->len;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_foreground_new (0x7700, 0x7600, 0x7b00);
      attr->start_index = start;
      attr->end_index = text->len;
      pango_attr_list_insert (attrs, attr);
    }

  pango_layout_set_attributes (style->layout, attrs);
  pango_attr_list_unref (attrs);
}

static void
draw_row (CercleSheetDocument  *self,
          cairo_t              *cr,
          guint                 row,
          double                y,
          GString              *scratch)
{
  double width = PAGE_WIDTH - 2 * MARGIN_X;
  double height = row_height (self);
  double x = MARGIN_X;
  double inner = height - 2.0 * CERCLE_MM;
  guint n = cercle_roster_get_n_attendees (self->roster);
  const CercleAttendee *attendee = row < n ? cercle_roster_get_attendee (self->roster, row) : NULL;
  char number[16];

  if (row % 2 == 1)
    {
      cairo_set_source_rgb (cr, 0xf6 / 255.0, 0xf5 / 255.0, 0xf4 / 255.0);
      cairo_rectangle (cr, MARGIN_X, y, width, height);
      cairo_fill (cr);
    }

  /* the rule under the row, and the one before the signature box */
  cairo_set_source_rgb (cr, 0xc0 / 255.0, 0xbf / 255.0, 0xbc / 255.0);
  cairo_rectangle (cr, MARGIN_X, y + height - 0.5, width, 0.5);
  cairo_rectangle (cr, MARGIN_X + NUMBER_WIDTH + NAME_WIDTH + COMPANY_WIDTH, y, 0.5, height);
  cairo_fill (cr);

  g_snprintf (number, sizeof number, "%u", row + 1);
  cairo_set_source_rgb (cr, 0x77 / 255.0, 0x76 / 255.0, 0x7b / 255.0);
  show_in_box (&self->styles[STYLE_NUMBER], cr, number,
               x + 0.5 * CELL_PADDING, y, NUMBER_WIDTH - 1.5 * CELL_PADDING, height);
  x += NUMBER_WIDTH;

  if (attendee == NULL)
    return;

  cairo_set_source_rgb (cr, 0x24 / 255.0, 0x1f / 255.0, 0x31 / 255.0);
  set_name_attributes (&self->styles[STYLE_NAME], attendee, scratch);
  show_in_box (&self->styles[STYLE_NAME], cr, scratch->str,
               x + CELL_PADDING, y + 1.0 * CERCLE_MM, NAME_WIDTH - 2 * CELL_PADDING, inner);
  x += NAME_WIDTH;

  cairo_set_source_rgb (cr, 0x3d / 255.0, 0x38 / 255.0, 0x46 / 255.0);
  show_in_box (&self->styles[STYLE_COMPANY], cr, attendee->company,
               x + CELL_PADDING, y + 1.0 * CERCLE_MM, COMPANY_WIDTH - 2 * CELL_PADDING, inner);
  x += COMPANY_WIDTH;

  if (self->kind == CERCLE_SHEET_ATTENDANCE)
    {
      double r, g, b;
      double dot = 2.4 * CERCLE_MM;

      presence_colour (attendee->presence, &r, &g, &b);
      cairo_set_source_rgb (cr, r, g, b);
      /* showing a text leaves a current point: start afresh */
      cairo_new_path (cr);
      cairo_arc (cr, x + CELL_PADDING + dot / 2, y + height / 2, dot / 2, 0, 2 * G_PI);
      cairo_fill (cr);

      cairo_set_source_rgb (cr, 0x24 / 255.0, 0x1f / 255.0, 0x31 / 255.0);
      show_in_box (&self->styles[STYLE_PRESENCE], cr, presence_label (attendee->presence),
                   x + 2 * CELL_PADDING + dot, y, MARGIN_X + width - x - 3 * CELL_PADDING - dot,
                   height);
    }
}

static void
draw_footer (CercleSheetDocument *self,
             cairo_t             *cr,
             guint                page,
             guint                n_pages)
{
  double width = PAGE_WIDTH - 2 * MARGIN_X;
  double y = PAGE_HEIGHT - MARGIN_BOTTOM - FOOTER_HEIGHT + 2.5 * CERCLE_MM;
  g_autofree char *page_text = NULL;
  double page_width;

  /* Translators: the page number at the foot of a sign-in sheet, as in
   * "Page 2 / 5" */
  page_text = g_strdup_printf (_("Page %u / %u"), page + 1, n_pages);

  cairo_set_source_rgb (cr, 0x5e / 255.0, 0x5c / 255.0, 0x64 / 255.0);
  cercle_text_fit (&self->styles[STYLE_FOOTER], page_text, width / 3, FOOTER_HEIGHT);
  pango_layout_set_width (self->styles[STYLE_FOOTER].layout, -1);
  cercle_text_get_size (&self->styles[STYLE_FOOTER], &page_width, NULL);
  cercle_text_show (&self->styles[STYLE_FOOTER], cr, MARGIN_X + width - page_width, y);

  cercle_text_fit (&self->styles[STYLE_FOOTER], self->totals,
                   width * 2 / 3 - 4 * CERCLE_MM, FOOTER_HEIGHT);
  cercle_text_show (&self->styles[STYLE_FOOTER], cr, MARGIN_X, y);
}

static guint
cercle_sheet_document_get_n_pages (CercleDocument *document)
{
  CercleSheetDocument *self = CERCLE_SHEET_DOCUMENT (document);
  guint per_page = rows_per_page (self);

  return (n_rows (self) + per_page - 1) / per_page;
}

static void
cercle_sheet_document_get_page_size (CercleDocument *document,
                                     double         *width,
                                     double         *height)
{
  *width = PAGE_WIDTH;
  *height = PAGE_HEIGHT;
}

static void
cercle_sheet_document_draw_page (CercleDocument *document,
                                 cairo_t        *cr,
                                 guint           page)
{
  CercleSheetDocument *self = CERCLE_SHEET_DOCUMENT (document);
  g_autoptr(GString) scratch = g_string_new (NULL);
  guint per_page = rows_per_page (self);
  guint total_rows = n_rows (self);
  guint n_pages = cercle_sheet_document_get_n_pages (document);
  double y = MARGIN_TOP + HEADER_HEIGHT;

  ensure_styles (self, cr);

  cairo_rectangle (cr, 0, 0, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  draw_header (self, cr);
  draw_table_head (self, cr, y);
  y += TABLE_HEAD;

  for (guint row = page * per_page; row < MIN ((page + 1) * per_page, total_rows); row++)
    {
      draw_row (self, cr, row, y, scratch);
      y += row_height (self);
    }

  /* the names' attributes must not stay for other texts */
  pango_layout_set_attributes (self->styles[STYLE_NAME].layout, NULL);

  draw_footer (self, cr, page, n_pages);
}

static void
cercle_sheet_document_iface_init (CercleDocumentInterface *iface)
{
  iface->get_n_pages = cercle_sheet_document_get_n_pages;
  iface->get_page_size = cercle_sheet_document_get_page_size;
  iface->draw_page = cercle_sheet_document_draw_page;
}

static void
cercle_sheet_document_finalize (GObject *object)
{
  CercleSheetDocument *self = (CercleSheetDocument *) object;

  for (guint i = 0; i < N_STYLES; i++)
    cercle_text_style_clear (&self->styles[i]);
  cercle_text_context_clear (&self->text_context);
  g_clear_pointer (&self->roster, cercle_roster_unref);
  g_free (self->totals);

  G_OBJECT_CLASS (cercle_sheet_document_parent_class)->finalize (object);
}

static void
cercle_sheet_document_class_init (CercleSheetDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cercle_sheet_document_finalize;
}

static void
cercle_sheet_document_init (CercleSheetDocument *self)
{
}

/**
 * cercle_sheet_document_new:
 * @roster: the registrants, in order; read-only from now on
 */
CercleSheetDocument *
cercle_sheet_document_new (CercleRoster    *roster,
                           CercleSheetKind  kind)
{
  CercleSheetDocument *self;

  g_return_val_if_fail (roster != NULL, NULL);
  g_return_val_if_fail (kind == CERCLE_SHEET_SIGN_IN || kind == CERCLE_SHEET_ATTENDANCE, NULL);

  self = g_object_new (CERCLE_TYPE_SHEET_DOCUMENT, NULL);
  self->roster = cercle_roster_ref (roster);
  self->kind = kind;

  return self;
}

CercleSheetKind
cercle_sheet_document_get_kind (CercleSheetDocument *self)
{
  g_return_val_if_fail (CERCLE_IS_SHEET_DOCUMENT (self), CERCLE_SHEET_SIGN_IN);

  return self->kind;
}

guint
cercle_sheet_document_get_rows_per_page (CercleSheetDocument *self)
{
  g_return_val_if_fail (CERCLE_IS_SHEET_DOCUMENT (self), 0);

  return rows_per_page (self);
}

/* The rows left blank for walk-ins, after the registrants */
guint
cercle_sheet_document_get_n_blank_rows (CercleSheetDocument *self)
{
  g_return_val_if_fail (CERCLE_IS_SHEET_DOCUMENT (self), 0);

  if (self->kind == CERCLE_SHEET_ATTENDANCE)
    return 0;

  return n_rows (self) - cercle_roster_get_n_attendees (self->roster);
}
