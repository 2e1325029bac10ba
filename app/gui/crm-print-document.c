/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-print-document"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "crm-format.h"
#include "crm-print-document.h"

/* Everything in points (1/72 in), from the paper's top left corner. */
#define MARGIN_X       56.7   /* 20 mm */
#define MARGIN_TOP     42.5   /* 15 mm */
#define MARGIN_BOTTOM  42.5
#define HEAD_GAP       16.0   /* between the running head's rule and the text */
#define FOOT_GAP       14.0
#define CELL_PAD_X      5.0
#define CELL_PAD_Y      3.6
#define FIELD_GAP      20.0   /* between pairs side by side */

#define TITLE_SIZE     20.0
#define SUBTITLE_SIZE  11.0
#define HEADING_SIZE   12.5
#define BODY_SIZE       9.5
#define CELL_SIZE       9.0
#define SMALL_SIZE      8.5
#define TINY_SIZE       7.5

typedef struct { double r, g, b; } Rgb;

static const Rgb ink = { 0.10, 0.10, 0.11 };
static const Rgb muted = { 0.40, 0.42, 0.45 };
static const Rgb accent = { 0.12, 0.31, 0.50 };
static const Rgb rule = { 0.78, 0.80, 0.83 };
static const Rgb band = { 0.93, 0.94, 0.96 };
static const Rgb alert = { 0.75, 0.11, 0.16 };

typedef enum {
  UNIT_TITLE,
  UNIT_HEADING,
  UNIT_PARAGRAPH,
  UNIT_FIELDS_ROW,
  UNIT_TABLE_HEADER,
  UNIT_TABLE_ROW,
} UnitKind;

typedef struct _Unit Unit;

/* A piece of the document that is never cut across pages */
struct _Unit {
  UnitKind               kind;
  const CrmSummaryBlock *block;
  guint                  index;         /* the row, or the first field of a fields row */
  Unit                  *header;        /* a table row's header, repeated on a new page */
  double                 height;
  double                 space_before;  /* dropped at the top of a page */
  double                 space_after;
};

typedef struct {
  const Unit *unit;
  guint       page;
  double      y;
} Placement;

typedef struct {
  /* what is printed */
  CrmSummaryDocument       *owned;
  const CrmSummaryDocument *doc;

  /* a customer summary in the dialog: rebuilt when contact details are asked for */
  CrmStore                 *store;
  gint64                    customer_id;
  GtkWidget                *show_contacts;   /* the custom tab's check button */
  gboolean                  recorded;
  GtkWindow                *parent;          /* weak */
  gboolean                  in_progress;

  /* the layout, made in ::begin-print */
  PangoContext             *pango;
  char                     *family;
  gboolean                  chinese;         /* the user's language: Chinese punctuation is full width */
  double                    width;
  double                    height;
  double                    top;             /* of the content */
  double                    bottom;
  GPtrArray                *units;           /* Unit */
  GArray                   *placements;      /* Placement, by page */
  guint                     n_pages;
} PrintJob;

static void
job_free (gpointer data)
{
  PrintJob *job = data;

  crm_summary_document_free (job->owned);
  g_clear_object (&job->store);
  g_clear_weak_pointer (&job->parent);
  g_clear_object (&job->pango);
  g_free (job->family);
  g_clear_pointer (&job->units, g_ptr_array_unref);
  g_clear_pointer (&job->placements, g_array_unref);
  g_free (job);
}

static void
job_set_document (PrintJob           *job,
                  CrmSummaryDocument *owned)
{
  crm_summary_document_free (job->owned);
  job->owned = owned;
  job->doc = owned;
}

/* ---- text ---- */

/* CJK fonts for Chinese (Simplified or Traditional glyph shapes by the user's
 * language), Sans for the rest */
static char *
font_family (gboolean *chinese)
{
  const char * const *languages = g_get_language_names ();

  *chinese = FALSE;
  for (guint i = 0; languages[i] != NULL; i++)
    {
      if (g_str_equal (languages[i], "C") || g_str_has_prefix (languages[i], "C."))
        continue;
      *chinese = g_str_has_prefix (languages[i], "zh");
      if (g_str_has_prefix (languages[i], "zh_TW") || g_str_has_prefix (languages[i], "zh_HK")
          || g_str_has_prefix (languages[i], "zh_MO"))
        return g_strdup ("Noto Sans CJK TC, Noto Sans CJK SC, Sans");
      break;
    }
  return g_strdup ("Noto Sans CJK SC, Sans");
}

static PangoLayout *
make_layout (PrintJob       *job,
             const char     *text,
             double          size,
             PangoWeight     weight,
             PangoStyle      style,
             double          width,
             PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (job->pango);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (job->family);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_style (font, style);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  {
    PangoAttrList *attrs = pango_attr_list_new ();

    /* a word broken at the end of a line (an e-mail address) gets no hyphen */
    pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
    /* the CJK font's quotes and dots are full width unless asked otherwise:
     * right in Chinese text, too wide in other languages */
    if (!job->chinese)
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("pwid"));
    pango_layout_set_attributes (layout, attrs);
    pango_attr_list_unref (attrs);
  }
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
set_color (cairo_t   *cr,
           const Rgb *color)
{
  cairo_set_source_rgb (cr, color->r, color->g, color->b);
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             const Rgb   *color,
             double       x,
             double       y)
{
  set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
hline (cairo_t   *cr,
       const Rgb *color,
       double     x0,
       double     x1,
       double     y,
       double     thickness)
{
  set_color (cr, color);
  cairo_rectangle (cr, x0, y, x1 - x0, thickness);
  cairo_fill (cr);
}

/* ---- the units: measured with @cr NULL, drawn otherwise at @y ---- */

static double
content_width (PrintJob *job)
{
  return job->width - 2 * MARGIN_X;
}

static double
render_title (PrintJob *job,
              cairo_t  *cr,
              double    y)
{
  g_autoptr(PangoLayout) title = make_layout (job, job->doc->title, TITLE_SIZE, PANGO_WEIGHT_BOLD,
                                              PANGO_STYLE_NORMAL, content_width (job), PANGO_ALIGN_LEFT);
  g_autoptr(PangoLayout) subtitle = make_layout (job, job->doc->subtitle, SUBTITLE_SIZE, PANGO_WEIGHT_NORMAL,
                                                 PANGO_STYLE_NORMAL, content_width (job), PANGO_ALIGN_LEFT);
  double h = layout_height (title);
  double total;

  if (cr != NULL)
    show_layout (cr, title, &ink, MARGIN_X, y);
  if (job->doc->subtitle != NULL)
    {
      if (cr != NULL)
        show_layout (cr, subtitle, &muted, MARGIN_X, y + h + 1);
      h += 1 + layout_height (subtitle);
    }
  total = h + 8 + 1.4;
  if (cr != NULL)
    hline (cr, &accent, MARGIN_X, job->width - MARGIN_X, y + h + 8, 1.4);
  return total;
}

static double
render_heading (PrintJob   *job,
                const Unit *unit,
                cairo_t    *cr,
                double      y)
{
  g_autoptr(PangoLayout) layout = make_layout (job, unit->block->text, HEADING_SIZE, PANGO_WEIGHT_BOLD,
                                               PANGO_STYLE_NORMAL, content_width (job), PANGO_ALIGN_LEFT);
  double h = layout_height (layout);

  if (cr != NULL)
    {
      show_layout (cr, layout, &accent, MARGIN_X, y);
      hline (cr, &rule, MARGIN_X, job->width - MARGIN_X, y + h + 3, 0.6);
    }
  return h + 3 + 0.6;
}

static double
render_paragraph (PrintJob   *job,
                  const Unit *unit,
                  cairo_t    *cr,
                  double      y)
{
  gboolean muted_text = unit->block->muted;
  g_autoptr(PangoLayout) layout = make_layout (job, unit->block->text, muted_text ? SMALL_SIZE : BODY_SIZE,
                                               PANGO_WEIGHT_NORMAL,
                                               muted_text ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL,
                                               content_width (job), PANGO_ALIGN_LEFT);

  if (cr != NULL)
    show_layout (cr, layout, muted_text ? &muted : &ink, MARGIN_X, y);
  return layout_height (layout);
}

static double
render_fields_row (PrintJob   *job,
                   const Unit *unit,
                   cairo_t    *cr,
                   double      y)
{
  const CrmSummaryBlock *block = unit->block;
  guint n = block->n_columns;
  double pair_width = (content_width (job) - FIELD_GAP * (n - 1)) / n;
  /* the keys of one and two columns line up */
  double key_width = (content_width (job) - FIELD_GAP) / 2 * 0.38;
  double height = 0;

  for (guint i = 0; i < n && unit->index + i < block->fields->len; i++)
    {
      const CrmSummaryField *field = block->fields->pdata[unit->index + i];
      double x = MARGIN_X + i * (pair_width + FIELD_GAP);
      g_autoptr(PangoLayout) key = make_layout (job, field->key, SMALL_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                                                key_width - 8, PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) value = make_layout (job, field->value, BODY_SIZE, PANGO_WEIGHT_NORMAL,
                                                  PANGO_STYLE_NORMAL, pair_width - key_width, PANGO_ALIGN_LEFT);

      if (cr != NULL)
        {
          show_layout (cr, key, &muted, x, y + 2.6 + 1.0);
          show_layout (cr, value, &ink, x + key_width, y + 2.6);
        }
      height = MAX (height, MAX (layout_height (key) + 1.0, layout_height (value)));
    }
  return height + 2 * 2.6;
}

static double
column_x (PrintJob              *job,
          const CrmSummaryBlock *block,
          guint                  column,
          double                *width)
{
  double total = 0, before = 0;

  for (guint i = 0; i < block->columns->len; i++)
    {
      double share = ((CrmSummaryColumn *) block->columns->pdata[i])->width;

      if (i < column)
        before += share;
      total += share;
    }
  if (width != NULL)
    *width = content_width (job) * ((CrmSummaryColumn *) block->columns->pdata[column])->width / total;
  return MARGIN_X + content_width (job) * before / total;
}

static double
render_table_header (PrintJob   *job,
                     const Unit *unit,
                     cairo_t    *cr,
                     double      y)
{
  const CrmSummaryBlock *block = unit->block;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double height = 0;

  for (guint i = 0; i < block->columns->len; i++)
    {
      const CrmSummaryColumn *column = block->columns->pdata[i];
      double width;
      PangoLayout *layout;

      column_x (job, block, i, &width);
      layout = make_layout (job, column->title, SMALL_SIZE, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
                            width - 2 * CELL_PAD_X, column->numeric ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      height = MAX (height, layout_height (layout));
      g_ptr_array_add (layouts, layout);
    }
  height += 2 * CELL_PAD_Y;

  if (cr != NULL)
    {
      set_color (cr, &band);
      cairo_rectangle (cr, MARGIN_X, y, content_width (job), height);
      cairo_fill (cr);
      for (guint i = 0; i < layouts->len; i++)
        show_layout (cr, layouts->pdata[i], &muted, column_x (job, block, i, NULL) + CELL_PAD_X, y + CELL_PAD_Y);
      hline (cr, &muted, MARGIN_X, job->width - MARGIN_X, y + height - 0.8, 0.8);
    }
  return height;
}

static double
render_table_row (PrintJob   *job,
                  const Unit *unit,
                  cairo_t    *cr,
                  double      y)
{
  const CrmSummaryBlock *block = unit->block;
  const CrmSummaryRow *row = block->rows->pdata[unit->index];
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PangoLayout) detail = NULL;
  double height = 0;
  double detail_x = MARGIN_X + CELL_PAD_X;

  for (guint i = 0; i < block->columns->len; i++)
    {
      const CrmSummaryColumn *column = block->columns->pdata[i];
      double width;
      PangoLayout *layout;

      column_x (job, block, i, &width);
      layout = make_layout (job, row->cells[i], CELL_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                            width - 2 * CELL_PAD_X, column->numeric ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      height = MAX (height, layout_height (layout));
      g_ptr_array_add (layouts, layout);
    }

  if (row->detail != NULL)
    {
      /* under the row, from the second column on */
      if (block->columns->len > 1)
        detail_x = column_x (job, block, 1, NULL) + CELL_PAD_X;
      detail = make_layout (job, row->detail, SMALL_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                            job->width - MARGIN_X - CELL_PAD_X - detail_x, PANGO_ALIGN_LEFT);
    }

  if (cr != NULL)
    {
      for (guint i = 0; i < layouts->len; i++)
        show_layout (cr, layouts->pdata[i], &ink, column_x (job, block, i, NULL) + CELL_PAD_X, y + CELL_PAD_Y);
      if (detail != NULL)
        show_layout (cr, detail, &muted, detail_x, y + CELL_PAD_Y + height + 1.5);
    }
  if (detail != NULL)
    height += 1.5 + layout_height (detail);
  height += 2 * CELL_PAD_Y;

  if (cr != NULL)
    {
      if (row->emphasis)
        {
          /* needs attention: a bar in the margin of the row */
          set_color (cr, &alert);
          cairo_rectangle (cr, MARGIN_X, y + 1.5, 2.2, height - 3);
          cairo_fill (cr);
        }
      hline (cr, &rule, MARGIN_X, job->width - MARGIN_X, y + height - 0.4, 0.4);
    }
  return height;
}

static double
render_unit (PrintJob   *job,
             const Unit *unit,
             cairo_t    *cr,
             double      y)
{
  switch (unit->kind)
    {
    case UNIT_TITLE:
      return render_title (job, cr, y);
    case UNIT_HEADING:
      return render_heading (job, unit, cr, y);
    case UNIT_PARAGRAPH:
      return render_paragraph (job, unit, cr, y);
    case UNIT_FIELDS_ROW:
      return render_fields_row (job, unit, cr, y);
    case UNIT_TABLE_HEADER:
      return render_table_header (job, unit, cr, y);
    case UNIT_TABLE_ROW:
      return render_table_row (job, unit, cr, y);
    default:
      g_assert_not_reached ();
    }
}

static Unit *
add_unit (PrintJob              *job,
          UnitKind               kind,
          const CrmSummaryBlock *block,
          guint                  index,
          double                 space_before,
          double                 space_after)
{
  Unit *unit = g_new0 (Unit, 1);

  unit->kind = kind;
  unit->block = block;
  unit->index = index;
  unit->space_before = space_before;
  unit->space_after = space_after;
  g_ptr_array_add (job->units, unit);
  return unit;
}

static void
build_units (PrintJob *job)
{
  const CrmSummaryDocument *doc = job->doc;

  g_ptr_array_set_size (job->units, 0);
  add_unit (job, UNIT_TITLE, NULL, 0, 0, 12);
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const CrmSummaryBlock *block = doc->blocks->pdata[i];

      switch (block->kind)
        {
        case CRM_SUMMARY_BLOCK_HEADING:
          add_unit (job, UNIT_HEADING, block, 0, 16, 6);
          break;

        case CRM_SUMMARY_BLOCK_PARAGRAPH:
          add_unit (job, UNIT_PARAGRAPH, block, 0, 3, 3);
          break;

        case CRM_SUMMARY_BLOCK_FIELDS:
          for (guint j = 0; j < block->fields->len; j += block->n_columns)
            add_unit (job, UNIT_FIELDS_ROW, block, j, 0, 0);
          break;

        case CRM_SUMMARY_BLOCK_TABLE:
          {
            Unit *header = add_unit (job, UNIT_TABLE_HEADER, block, 0, 4, 0);

            for (guint j = 0; j < block->rows->len; j++)
              add_unit (job, UNIT_TABLE_ROW, block, j, 0, 0)->header = header;
            /* room after the table */
            if (block->rows->len > 0)
              ((Unit *) job->units->pdata[job->units->len - 1])->space_after = 4;
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  for (guint i = 0; i < job->units->len; i++)
    {
      Unit *unit = job->units->pdata[i];

      unit->height = render_unit (job, unit, NULL, 0);
    }
}

static void
place (PrintJob   *job,
       const Unit *unit,
       guint       page,
       double      y)
{
  Placement placement = { unit, page, y };

  g_array_append_val (job->placements, placement);
}

/* What must fit on the page together with units[i]: a heading takes the
 * start of what follows it along, a table header its first row. */
static double
keep_with_next (PrintJob *job,
                guint     i)
{
  const Unit *unit = job->units->pdata[i];
  const Unit *next = i + 1 < job->units->len ? job->units->pdata[i + 1] : NULL;

  if (next == NULL)
    return 0;
  if (unit->kind == UNIT_HEADING)
    return next->space_before + next->height + (next->kind == UNIT_TABLE_HEADER ? keep_with_next (job, i + 1) : 0);
  if (unit->kind == UNIT_TABLE_HEADER && next->kind == UNIT_TABLE_ROW)
    return next->height;
  return 0;
}

static void
paginate (PrintJob *job)
{
  guint page = 0;
  double y = job->top;

  g_array_set_size (job->placements, 0);
  for (guint i = 0; i < job->units->len; i++)
    {
      const Unit *unit = job->units->pdata[i];
      double before = y > job->top ? unit->space_before : 0;

      if (y > job->top && y + before + unit->height + keep_with_next (job, i) > job->bottom)
        {
          page++;
          y = job->top;
          before = 0;
          if (unit->kind == UNIT_TABLE_ROW)
            {
              /* the table goes on: its header again */
              place (job, unit->header, page, y);
              y += unit->header->height;
            }
        }
      place (job, unit, page, y + before);
      y += before + unit->height + unit->space_after;
    }
  job->n_pages = page + 1;
}

/* ---- the operation ---- */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  g_autoptr(PangoLayout) probe = NULL;
  double head;

  if (job->doc->shows_contacts && !job->recorded && job->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (crm_summary_record_reveal (job->store, job->doc, &error))
        job->recorded = TRUE;
      else
        {
          /* what is not recorded is not printed */
          CrmSummaryOptions options = CRM_SUMMARY_OPTIONS_INIT;
          CrmSummaryDocument *masked;

          g_warning ("Could not record that contact details were printed: %s", error->message);
          masked = crm_summary_new_for_customer (job->store, job->customer_id, &options, NULL);
          if (masked != NULL)
            job_set_document (job, masked);
          else
            {
              gtk_print_operation_cancel (operation);
              return;
            }
        }
    }

  /* the shared font map, not the print context's own: fonts are looked up
   * once per process, not for every printout (and Pango's font maps leak a
   * little of each lookup when they go); one unit is one point, as set up */
  g_clear_object (&job->pango);
  job->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (job->pango, 72.0);
  {
    cairo_font_options_t *options = cairo_font_options_create ();

    cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options (job->pango, options);
    cairo_font_options_destroy (options);
  }
  job->width = gtk_print_context_get_width (context);
  job->height = gtk_print_context_get_height (context);

  /* the running head and the footer's lines: the content goes between them */
  probe = make_layout (job, "Ag", TINY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, -1, PANGO_ALIGN_LEFT);
  head = layout_height (probe);
  job->top = MARGIN_TOP + head + 4 + HEAD_GAP;
  {
    g_autoptr(PangoLayout) note = make_layout (job, job->doc->privacy_note, TINY_SIZE, PANGO_WEIGHT_NORMAL,
                                               PANGO_STYLE_NORMAL, content_width (job) * 0.72, PANGO_ALIGN_LEFT);

    job->bottom = job->height - MARGIN_BOTTOM - MAX (layout_height (note), head) - 4 - FOOT_GAP;
  }

  build_units (job);
  paginate (job);
  gtk_print_operation_set_n_pages (operation, (int) job->n_pages);
}

static void
draw_frame (PrintJob *job,
            cairo_t  *cr,
            int       page)
{
  g_autofree char *printed = NULL;
  g_autofree char *number = NULL;
  g_autoptr(PangoLayout) head = NULL;
  g_autoptr(PangoLayout) date = NULL;
  g_autoptr(PangoLayout) note = NULL;
  g_autoptr(PangoLayout) page_layout = NULL;
  double w = content_width (job);
  double head_h, foot_y;

  /* top: what this is, and when it was printed */
  {
    g_autofree char *when = crm_format_datetime (job->doc->printed_at);

    /* Translators: on top of every printed page, "Printed 2026-11-20 10:00" */
    printed = g_strdup_printf (_("Printed %s"), when);
  }
  date = make_layout (job, printed, TINY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, -1, PANGO_ALIGN_LEFT);
  {
    int date_w;

    pango_layout_get_size (date, &date_w, NULL);
    head = make_layout (job, job->doc->running_head, TINY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                        w - (double) date_w / PANGO_SCALE - 16, PANGO_ALIGN_LEFT);
    pango_layout_set_ellipsize (head, PANGO_ELLIPSIZE_END);
    show_layout (cr, head, &muted, MARGIN_X, MARGIN_TOP);
    show_layout (cr, date, &muted, job->width - MARGIN_X - (double) date_w / PANGO_SCALE, MARGIN_TOP);
  }
  head_h = layout_height (date);
  hline (cr, &rule, MARGIN_X, job->width - MARGIN_X, MARGIN_TOP + head_h + 4, 0.6);

  /* bottom: the privacy note and the page number */
  /* Translators: the page number at the bottom of a printed page, "Page 2 of 5" */
  number = g_strdup_printf (_("Page %d of %u"), page + 1, job->n_pages);
  page_layout = make_layout (job, number, TINY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, w * 0.25,
                             PANGO_ALIGN_RIGHT);
  note = make_layout (job, job->doc->privacy_note, TINY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC,
                      w * 0.72, PANGO_ALIGN_LEFT);
  foot_y = job->height - MARGIN_BOTTOM - MAX (layout_height (note), layout_height (page_layout));
  hline (cr, &rule, MARGIN_X, job->width - MARGIN_X, foot_y - 4.6, 0.6);
  show_layout (cr, note, &muted, MARGIN_X, foot_y);
  show_layout (cr, page_layout, &muted, job->width - MARGIN_X - w * 0.25, foot_y);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  draw_frame (job, cr, page);
  for (guint i = 0; i < job->placements->len; i++)
    {
      const Placement *placement = &g_array_index (job->placements, Placement, i);

      if (placement->page == (guint) page)
        render_unit (job, placement->unit, cr, placement->y);
    }
}

static void
end_print_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              PrintJob          *job)
{
  g_clear_object (&job->pango);
}

static PrintJob *
job_for (GtkPrintOperation *operation)
{
  return g_object_get_data (G_OBJECT (operation), "crm-print-job");
}

GtkPrintOperation *
crm_print_document_new_operation (const CrmSummaryDocument *document)
{
  GtkPrintOperation *operation;
  PrintJob *job;

  g_return_val_if_fail (document != NULL, NULL);

  operation = gtk_print_operation_new ();
  job = g_new0 (PrintJob, 1);
  job->doc = document;
  job->family = font_family (&job->chinese);
  job->units = g_ptr_array_new_with_free_func (g_free);
  job->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_object_set_data_full (G_OBJECT (operation), "crm-print-job", job, job_free);

  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, document->running_head != NULL ? document->running_head
                                                                             : document->title);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_signal_connect (operation, "end-print", G_CALLBACK (end_print_cb), job);
  return operation;
}

gboolean
crm_print_document_export_pdf_full (const CrmSummaryDocument *document,
                                    const char               *path,
                                    GtkPageSetup             *page_setup,
                                    GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  GtkPrintOperationResult result;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* a temporary file beside the target, mode 0600: a half-written or
   * world-readable printout of personal data never appears under its name */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (tmp, O_RDWR, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  setup = page_setup != NULL ? g_object_ref (page_setup) : gtk_page_setup_new ();
  operation = crm_print_document_new_operation (document);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_export_filename (operation, tmp);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);

  if (result != GTK_PRINT_OPERATION_RESULT_APPLY || g_stat (tmp, &st) != 0 || st.st_size == 0)
    {
      g_unlink (tmp);
      if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”."), display);
        }
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_print_document_export_pdf (const CrmSummaryDocument *document,
                               const char               *path,
                               GError                  **error)
{
  return crm_print_document_export_pdf_full (document, path, NULL, error);
}

/* ---- the dialog ---- */

static GtkPrintSettings *last_settings;
static GtkPageSetup *last_page_setup;

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         gpointer                 user_data)
{
  PrintJob *job = job_for (operation);

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_set_object (&last_settings, gtk_print_operation_get_print_settings (operation));
      g_set_object (&last_page_setup, gtk_print_operation_get_default_page_setup (operation));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      GtkWidget *dialog;

      gtk_print_operation_get_error (operation, &error);
      dialog = adw_message_dialog_new (job->parent, _("Could Not Print"), error != NULL ? error->message : NULL);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }

  if (job->in_progress)
    {
      job->in_progress = FALSE;
      g_object_unref (operation);
    }
}

static GObject *
create_custom_widget_cb (GtkPrintOperation *operation,
                         PrintJob          *job)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label;

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);

  job->show_contacts = gtk_check_button_new_with_mnemonic (_("_Show contact details"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (job->show_contacts), job->doc->shows_contacts);
  gtk_box_append (GTK_BOX (box), job->show_contacts);

  label = gtk_label_new (_("Phone numbers and e-mail addresses are printed masked unless you show them. "
                           "Rapport records when they are printed."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  return G_OBJECT (box);
}

static void
custom_widget_apply_cb (GtkPrintOperation *operation,
                        GtkWidget         *widget,
                        PrintJob          *job)
{
  CrmSummaryOptions options = CRM_SUMMARY_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  CrmSummaryDocument *document;

  if (job->show_contacts == NULL)
    return;
  options.show_contacts = gtk_check_button_get_active (GTK_CHECK_BUTTON (job->show_contacts));
  if (options.show_contacts == job->doc->shows_contacts)
    return;

  document = crm_summary_new_for_customer (job->store, job->customer_id, &options, &error);
  if (document == NULL)
    {
      g_warning ("Could not read the summary again: %s", error->message);
      return;
    }
  job_set_document (job, document);
}

static gboolean
run_dialog (GtkPrintOperation  *operation,
            GtkWindow          *parent,
            GError            **error)
{
  PrintJob *job = job_for (operation);
  g_autoptr(GtkPrintSettings) settings = NULL;
  GtkPrintOperationResult result;

  g_set_weak_pointer (&job->parent, parent);
  /* "Print to File" suggests the title: the customer's name, "Agenda" */
  settings = last_settings != NULL ? gtk_print_settings_copy (last_settings) : gtk_print_settings_new ();
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, job->doc->title);
  gtk_print_operation_set_print_settings (operation, settings);
  if (last_page_setup != NULL)
    gtk_print_operation_set_default_page_setup (operation, last_page_setup);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_show_progress (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), NULL);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);
  if (result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    {
      /* ::done lets it go */
      job->in_progress = TRUE;
      g_object_ref (operation);
    }
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

gboolean
crm_print_document_run_dialog (CrmSummaryDocument  *document,
                               GtkWindow           *parent,
                               GError             **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (document != NULL, FALSE);

  operation = crm_print_document_new_operation (document);
  job_set_document (job_for (operation), document);
  return run_dialog (operation, parent, error);
}

gboolean
crm_print_summary_run_dialog (CrmStore   *store,
                              gint64      customer_id,
                              GtkWindow  *parent,
                              GError    **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  CrmSummaryDocument *document;
  PrintJob *job;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  document = crm_summary_new_for_customer (store, customer_id, NULL, error);
  if (document == NULL)
    return FALSE;

  operation = crm_print_document_new_operation (document);
  job = job_for (operation);
  job_set_document (job, document);
  job->store = g_object_ref (store);
  job->customer_id = customer_id;

  gtk_print_operation_set_custom_tab_label (operation, _("Privacy"));
  g_signal_connect (operation, "create-custom-widget", G_CALLBACK (create_custom_widget_cb), job);
  g_signal_connect (operation, "custom-widget-apply", G_CALLBACK (custom_widget_apply_cb), job);

  return run_dialog (operation, parent, error);
}

gboolean
crm_print_agenda_run_dialog (CrmStore                 *store,
                             GDateTime                *first_day,
                             guint                     n_days,
                             const CrmCalendarFilter  *filter,
                             GtkWindow                *parent,
                             GError                  **error)
{
  CrmSummaryDocument *document;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  document = crm_summary_new_agenda (store, first_day, n_days, filter, error);
  if (document == NULL)
    return FALSE;
  return crm_print_document_run_dialog (document, parent, error);
}

/* ---- the command line ---- */

int
crm_print_summary_cli (CrmStore    *store,
                       const char  *code,
                       const char  *output,
                       GError     **error)
{
  g_autoptr(CrmSummaryDocument) document = NULL;
  g_autoptr(GFile) location = NULL;
  g_autofree char *path = NULL;

  if (code == NULL || *code == '\0')
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--print-summary needs a customer code, such as CS2024001."));
      return 2;
    }
  if (output == NULL || *output == '\0')
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--print-summary needs --output and the name of the PDF file to write."));
      return 2;
    }

  /* without a store: only the arguments are checked (2 or 0) */
  if (store == NULL)
    return 0;

  location = g_file_new_for_commandline_arg (output);
  path = g_file_get_path (location);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file: give a path to write the PDF to."), output);
      return 1;
    }

  document = crm_summary_new_for_code (store, code, NULL, error);
  if (document == NULL)
    return 1;
  if (!crm_print_document_export_pdf (document, path, error))
    return 1;
  return 0;
}
