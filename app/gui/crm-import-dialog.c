/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-import-dialog"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-import-csv.h"
#include "crm-import-dialog.h"

/* How many rows are looked at for a column's example value */
#define SAMPLE_ROWS        50
/* How long an example value may be before it is cut */
#define SAMPLE_CHARS       60
/* How many new owners the summary names */
#define MAX_NAMED_OWNERS   8
/* Widths of the list columns that do not share the rest */
#define LINE_WIDTH         64
#define COLUMN_WIDTH       150
#define ACTION_WIDTH       180

/* ---- list items: what the problem and duplicate lists show ---- */

#define CRM_TYPE_IMPORT_PROBLEM_ITEM (crm_import_problem_item_get_type ())
G_DECLARE_FINAL_TYPE (CrmImportProblemItem, crm_import_problem_item, CRM, IMPORT_PROBLEM_ITEM, GObject)

struct _CrmImportProblemItem
{
  GObject  parent_instance;

  guint    line;
  char    *column;
  char    *message;
};

G_DEFINE_FINAL_TYPE (CrmImportProblemItem, crm_import_problem_item, G_TYPE_OBJECT)

static void
crm_import_problem_item_finalize (GObject *object)
{
  CrmImportProblemItem *self = CRM_IMPORT_PROBLEM_ITEM (object);

  g_free (self->column);
  g_free (self->message);
  G_OBJECT_CLASS (crm_import_problem_item_parent_class)->finalize (object);
}

static void
crm_import_problem_item_class_init (CrmImportProblemItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_import_problem_item_finalize;
}

static void
crm_import_problem_item_init (CrmImportProblemItem *self)
{
}

#define CRM_TYPE_IMPORT_DUPLICATE_ITEM (crm_import_duplicate_item_get_type ())
G_DECLARE_FINAL_TYPE (CrmImportDuplicateItem, crm_import_duplicate_item, CRM, IMPORT_DUPLICATE_ITEM, GObject)

struct _CrmImportDuplicateItem
{
  GObject                parent_instance;

  guint                  line;
  char                  *row_name;
  char                  *other;     /* what it looks like: "CS2026001 name" / "Line 4 of the file" */
  char                  *why;       /* "Already a customer, same name" / "Same name" */
  CrmCsvDuplicateAction  action;
};

G_DEFINE_FINAL_TYPE (CrmImportDuplicateItem, crm_import_duplicate_item, G_TYPE_OBJECT)

static void
crm_import_duplicate_item_finalize (GObject *object)
{
  CrmImportDuplicateItem *self = CRM_IMPORT_DUPLICATE_ITEM (object);

  g_free (self->row_name);
  g_free (self->other);
  g_free (self->why);
  G_OBJECT_CLASS (crm_import_duplicate_item_parent_class)->finalize (object);
}

static void
crm_import_duplicate_item_class_init (CrmImportDuplicateItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_import_duplicate_item_finalize;
}

static void
crm_import_duplicate_item_init (CrmImportDuplicateItem *self)
{
}

/* A list model over an array of items, swapped whole: a GListStore takes
 * most of a second to take 100,000 items in */
#define CRM_TYPE_IMPORT_ITEM_LIST (crm_import_item_list_get_type ())
G_DECLARE_FINAL_TYPE (CrmImportItemList, crm_import_item_list, CRM, IMPORT_ITEM_LIST, GObject)

struct _CrmImportItemList
{
  GObject    parent_instance;

  GType      item_type;
  GPtrArray *items;
};

static GType
crm_import_item_list_get_item_type (GListModel *model)
{
  return CRM_IMPORT_ITEM_LIST (model)->item_type;
}

static guint
crm_import_item_list_get_n_items (GListModel *model)
{
  return CRM_IMPORT_ITEM_LIST (model)->items->len;
}

static gpointer
crm_import_item_list_get_item (GListModel *model,
                               guint       position)
{
  CrmImportItemList *self = CRM_IMPORT_ITEM_LIST (model);

  return position < self->items->len ? g_object_ref (g_ptr_array_index (self->items, position)) : NULL;
}

static void
crm_import_item_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_import_item_list_get_item_type;
  iface->get_n_items = crm_import_item_list_get_n_items;
  iface->get_item = crm_import_item_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmImportItemList, crm_import_item_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, crm_import_item_list_model_init))

static void
crm_import_item_list_finalize (GObject *object)
{
  g_ptr_array_unref (CRM_IMPORT_ITEM_LIST (object)->items);
  G_OBJECT_CLASS (crm_import_item_list_parent_class)->finalize (object);
}

static void
crm_import_item_list_class_init (CrmImportItemListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_import_item_list_finalize;
}

static void
crm_import_item_list_init (CrmImportItemList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

static CrmImportItemList *
crm_import_item_list_new (GType item_type)
{
  CrmImportItemList *self = g_object_new (CRM_TYPE_IMPORT_ITEM_LIST, NULL);

  self->item_type = item_type;
  return self;
}

/* Takes @items (GObjects of the list's type; NULL: none) in place of the ones it has */
static void
crm_import_item_list_replace (CrmImportItemList *self,
                              GPtrArray         *items)
{
  guint removed = self->items->len;

  g_ptr_array_unref (self->items);
  self->items = items != NULL ? items : g_ptr_array_new_with_free_func (g_object_unref);
  if (removed > 0 || self->items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
}

static guint
crm_import_item_list_get_total (CrmImportItemList *self)
{
  return self->items->len;
}

/* ---- work in a thread ---- */

/* What a thread works on and hands back.  The thread has the CrmCsvImport and
 * the worker's database connection to itself while it runs: the window does
 * not touch them until the task is done. */
typedef struct {
  /* in */
  GFile         *file;             /* reading */
  char          *display_name;
  CrmCsvImport  *import;           /* out when reading */
  CrmStore      *store;            /* the worker's connection; opened in the thread when NULL */
  char          *db_path;
  CrmClock      *clock;
  /* out (preview) */
  GPtrArray     *problems;         /* CrmImportProblemItem */
  GPtrArray     *duplicates;       /* CrmImportDuplicateItem */
  guint          problem_rows;
  GError        *preview_error;
  /* progress (import) */
  GWeakRef       dialog;
  gint64         started;          /* monotonic µs, for the debug log */
  guint          done;             /* atomic */
  guint          total;            /* atomic */
  int            progress_queued;  /* atomic */
} Job;

static void
job_clear (Job *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->display_name, g_free);
  g_clear_object (&job->import);
  g_clear_object (&job->store);
  g_clear_pointer (&job->db_path, g_free);
  g_clear_object (&job->clock);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_clear_pointer (&job->duplicates, g_ptr_array_unref);
  g_clear_error (&job->preview_error);
  g_weak_ref_clear (&job->dialog);
}

static Job *
job_new (void)
{
  Job *job = g_atomic_rc_box_new0 (Job);

  g_weak_ref_init (&job->dialog, NULL);
  job->started = g_get_monotonic_time ();
  return job;
}

static Job *
job_ref (Job *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
job_unref (gpointer job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

static gboolean
job_ensure_store (Job     *job,
                  GError **error)
{
  if (job->store == NULL)
    job->store = crm_store_open (job->db_path, job->clock, error);
  return job->store != NULL;
}

/* ---- the window ---- */

struct _CrmImportDialog
{
  AdwWindow            parent_instance;

  /* template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *cancel_button;
  GtkButton           *import_button;
  GtkStack            *stack;
  GtkSpinner          *loading_spinner;
  GtkLabel            *loading_label;
  AdwStatusPage       *error_page;
  GtkProgressBar      *progress_bar;
  GtkLabel            *summary_label;
  GtkSpinner          *preview_spinner;
  GtkLabel            *owners_label;
  GtkWidget           *message_box;
  GtkImage            *message_icon;
  GtkLabel            *message_label;
  GtkListBox          *columns_list;
  AdwPreferencesGroup *problems_group;
  GtkColumnView       *problems_view;
  AdwPreferencesGroup *duplicates_group;
  GtkColumnView       *duplicates_view;

  /* borrowed */
  GPtrArray           *column_rows;     /* AdwComboRow per column */
  GPtrArray           *note_rows;       /* the "Rapport does not know this column" row under each */

  /* owned */
  CrmContext          *context;
  GFile               *file;
  char                *display_name;
  CrmCsvImport        *import;          /* not touched while a thread runs */
  CrmStore            *worker_store;    /* the threads' own connection, once opened */
  GCancellable        *cancellable;     /* everything, when the window goes */
  GCancellable        *import_cancellable;
  GtkStringList       *fields;          /* the field labels, CRM_IMPORT_FIELD_NONE first */
  CrmImportItemList   *problems;        /* CrmImportProblemItem */
  CrmImportItemList   *duplicates;      /* CrmImportDuplicateItem */
  GArray              *mapping;         /* CrmImportField per column: what the window shows */
  GError              *preview_error;
  char                *notice;          /* after a cancelled or failed import */
  gboolean             notice_is_error;

  guint                problem_rows;
  gboolean             busy;            /* a thread runs */
  gboolean             importing;
  gboolean             previewed;       /* the lists show what the mapping gives */
  gboolean             preview_pending; /* the mapping changed while a thread ran */
  gboolean             focused;         /* the first preview has placed the focus */
  gboolean             filling;         /* the window is changing its own controls */
  gboolean             closing;
  gboolean             disposed;
};

G_DEFINE_FINAL_TYPE (CrmImportDialog, crm_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_preview (CrmImportDialog *self);

/* ---- fields ---- */

static CrmImportField
field_at (guint index)
{
  guint n = 0;
  const CrmImportFieldInfo *infos = crm_import_field_get_infos (&n);

  return index < n ? infos[index].field : CRM_IMPORT_FIELD_NONE;
}

static guint
index_of_field (CrmImportField field)
{
  guint n = 0;
  const CrmImportFieldInfo *infos = crm_import_field_get_infos (&n);

  for (guint i = 0; i < n; i++)
    if (infos[i].field == field)
      return i;
  return 0;
}

/* ---- the summary, the message and the Import button ---- */

static gboolean
can_import (CrmImportDialog *self)
{
  if (self->import == NULL || self->busy || !self->previewed || self->preview_pending ||
      self->preview_error != NULL || self->problem_rows > 0)
    return FALSE;
  return crm_csv_import_count_new (self->import) + crm_csv_import_count_merged (self->import) > 0;
}

static void
append_part (GString    *text,
             const char *part)
{
  if (text->len > 0)
    /* Translators: between the parts of the import summary, e.g.
     * "12 customers will be imported · 3 likely duplicates" */
    g_string_append (text, C_("summary separator", " · "));
  g_string_append (text, part);
}

static void
show_message (CrmImportDialog *self,
              const char      *message,
              gboolean         error)
{
  gtk_widget_set_visible (self->message_box, message != NULL);
  if (message == NULL)
    return;
  gtk_label_set_label (self->message_label, message);
  gtk_image_set_from_icon_name (self->message_icon, error ? "dialog-error-symbolic" : "dialog-information-symbolic");
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_icon), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_icon), "error");
}

static void
update_owners (CrmImportDialog *self)
{
  const char * const *owners;
  g_autoptr(GString) names = NULL;
  g_autofree char *text = NULL;
  guint n;

  if (self->busy || !self->previewed || self->preview_error != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->owners_label), FALSE);
      return;
    }

  owners = crm_csv_import_get_new_owners (self->import);
  n = g_strv_length ((char **) owners);
  if (n == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->owners_label), FALSE);
      return;
    }

  names = g_string_new (NULL);
  for (guint i = 0; i < n && i < MAX_NAMED_OWNERS; i++)
    {
      if (i > 0)
        /* Translators: between names in a list */
        g_string_append (names, C_("list separator", ", "));
      g_string_append (names, owners[i]);
    }
  if (n > MAX_NAMED_OWNERS)
    g_string_append (names, "…");

  text = g_strdup_printf (ngettext ("New owner, added to the team as an account manager: %s",
                                    "New owners, added to the team as account managers: %s", n),
                          names->str);
  gtk_label_set_label (self->owners_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->owners_label), TRUE);
}

static void
update_state (CrmImportDialog *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  gboolean checking = self->busy && !self->importing;

  if (self->disposed || self->import == NULL)
    return;

  gtk_spinner_set_spinning (self->preview_spinner, checking);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_spinner), checking);
  gtk_widget_set_sensitive (GTK_WIDGET (self->duplicates_view), !self->busy);

  if (self->busy || !self->previewed)
    {
      g_string_append (summary, _("Checking the rows…"));
    }
  else if (self->preview_error != NULL)
    {
      g_string_append (summary, _("Nothing can be imported yet"));
      show_message (self, self->preview_error->message, TRUE);
    }
  else if (self->problem_rows > 0)
    {
      g_autofree char *count = crm_format_count (self->problem_rows);

      g_string_append_printf (summary, ngettext ("%s row has problems", "%s rows have problems", self->problem_rows),
                              count);
      show_message (self, _("Fix these rows in the spreadsheet and open the file again; nothing has been imported."),
                    TRUE);
    }
  else
    {
      guint n_new = crm_csv_import_count_new (self->import);
      guint n_merged = crm_csv_import_count_merged (self->import);
      guint n_duplicates = crm_import_item_list_get_total (self->duplicates);
      guint n_owners = g_strv_length ((char **) crm_csv_import_get_new_owners (self->import));
      g_autofree char *new_count = crm_format_count (n_new);
      g_autofree char *merged_count = crm_format_count (n_merged);
      g_autofree char *duplicate_count = crm_format_count (n_duplicates);
      g_autofree char *owner_count = crm_format_count (n_owners);
      g_autofree char *part = NULL;

      if (n_new == 0 && n_merged == 0)
        append_part (summary, _("Nothing will be imported"));
      else
        {
          part = g_strdup_printf (ngettext ("%s customer will be imported", "%s customers will be imported", n_new),
                                  new_count);
          append_part (summary, part);
          g_clear_pointer (&part, g_free);
        }
      if (n_merged > 0)
        {
          part = g_strdup_printf (ngettext ("%s merged into an existing customer",
                                            "%s merged into existing customers", n_merged),
                                  merged_count);
          append_part (summary, part);
          g_clear_pointer (&part, g_free);
        }
      if (n_duplicates > 0)
        {
          part = g_strdup_printf (ngettext ("%s likely duplicate", "%s likely duplicates", n_duplicates),
                                  duplicate_count);
          append_part (summary, part);
          g_clear_pointer (&part, g_free);
        }
      if (n_owners > 0)
        {
          part = g_strdup_printf (ngettext ("%s new owner", "%s new owners", n_owners), owner_count);
          append_part (summary, part);
        }
      show_message (self, self->notice, self->notice_is_error);
    }

  if (self->busy || !self->previewed)
    show_message (self, NULL, FALSE);

  gtk_label_set_label (self->summary_label, summary->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group),
                          self->previewed && crm_import_item_list_get_total (self->problems) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_group),
                          self->previewed && self->problem_rows == 0 &&
                          crm_import_item_list_get_total (self->duplicates) > 0);
  update_owners (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", can_import (self));
}

static void
set_notice (CrmImportDialog *self,
            char            *notice,
            gboolean         error)
{
  g_free (self->notice);
  self->notice = notice;
  self->notice_is_error = error;
}

/* ---- previewing ---- */

/* What a likely duplicate looks like, and why */
static void
describe_duplicate (const CrmCsvDuplicate  *dup,
                    CrmImportDuplicateItem *item)
{
  gboolean phone = dup->reason == CRM_CSV_DUPLICATE_SAME_PHONE;

  if (dup->customer_id != 0)
    {
      /* a customer Rapport has: code and name */
      item->other = g_strdup_printf ("%s %s", dup->code != NULL ? dup->code : "", dup->name != NULL ? dup->name : "");
      item->why = g_strdup (phone ? _("Already a customer, same phone number") : _("Already a customer, same name"));
    }
  else
    {
      item->other = g_strdup_printf (_("Line %u of the file"), dup->other_line);
      item->why = g_strdup (phone ? _("Same phone number") : _("Same name"));
    }
}

/* In the thread: the list items, so that the window only swaps them in */
static void
collect_items (Job *job)
{
  GPtrArray *problems = crm_csv_import_get_problems (job->import);
  GPtrArray *duplicates = crm_csv_import_get_duplicates (job->import);
  guint last_line = 0;

  job->problems = g_ptr_array_new_full (problems->len, g_object_unref);
  for (guint i = 0; i < problems->len; i++)
    {
      const CrmCsvProblem *p = g_ptr_array_index (problems, i);
      CrmImportProblemItem *item = g_object_new (CRM_TYPE_IMPORT_PROBLEM_ITEM, NULL);

      item->line = p->line;
      item->column = g_strdup (p->column);
      item->message = g_strdup (p->message);
      g_ptr_array_add (job->problems, item);
      /* problems come in line order */
      if (i == 0 || p->line != last_line)
        job->problem_rows++;
      last_line = p->line;
    }

  job->duplicates = g_ptr_array_new_full (duplicates->len, g_object_unref);
  for (guint i = 0; i < duplicates->len; i++)
    {
      const CrmCsvDuplicate *d = g_ptr_array_index (duplicates, i);
      CrmImportDuplicateItem *item = g_object_new (CRM_TYPE_IMPORT_DUPLICATE_ITEM, NULL);

      item->line = d->line;
      item->row_name = g_strdup (d->row_name);
      describe_duplicate (d, item);
      item->action = d->action;
      g_ptr_array_add (job->duplicates, item);
    }
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;

  if (job_ensure_store (job, &job->preview_error) &&
      crm_csv_import_preview (job->import, job->store, &job->preview_error))
    collect_items (job);
  g_task_return_boolean (task, TRUE);
}

static void
adopt_store (CrmImportDialog *self,
             Job             *job)
{
  if (self->worker_store == NULL && job->store != NULL)
    self->worker_store = g_object_ref (job->store);
}

static void
place_focus (CrmImportDialog *self)
{
  if (self->focused)
    return;
  self->focused = TRUE;

  if (can_import (self))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->import_button));
      return;
    }
  for (guint i = 0; i < self->note_rows->len; i++)
    if (gtk_widget_get_visible (g_ptr_array_index (self->note_rows, i)))
      {
        gtk_widget_grab_focus (g_ptr_array_index (self->column_rows, i));
        return;
      }
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  gint64 shown;

  self->busy = FALSE;
  if (self->disposed)
    return;
  adopt_store (self, job);

  if (self->preview_pending)
    {
      start_preview (self);
      return;
    }

  shown = g_get_monotonic_time ();
  g_clear_error (&self->preview_error);
  self->preview_error = g_steal_pointer (&job->preview_error);
  self->problem_rows = job->problem_rows;
  crm_import_item_list_replace (self->problems, g_steal_pointer (&job->problems));
  crm_import_item_list_replace (self->duplicates, g_steal_pointer (&job->duplicates));
  self->previewed = TRUE;
  update_state (self);
  place_focus (self);
  g_debug ("Checked %u rows in %.0f ms (%u problems, %u likely duplicates; %.1f ms in the main thread)",
           crm_csv_import_get_n_rows (self->import), (shown - job->started) / 1000.0,
           crm_import_item_list_get_total (self->problems),
           crm_import_item_list_get_total (self->duplicates),
           (g_get_monotonic_time () - shown) / 1000.0);
}

/* The mapping the window shows, given to the import (no thread runs) */
static void
apply_mapping (CrmImportDialog *self)
{
  /* columns left out first: a field then moves to its new column without
   * taking it from a column that is about to get another */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->mapping->len; i++)
      {
        CrmImportField field = g_array_index (self->mapping, CrmImportField, i);

        if ((field == CRM_IMPORT_FIELD_NONE) == (pass == 0) &&
            crm_csv_import_get_mapping (self->import, i) != field)
          crm_csv_import_set_mapping (self->import, i, field);
      }
}

static void
start_preview (CrmImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  CrmStore *store = crm_context_get_store (self->context);
  Job *job;

  g_return_if_fail (!self->busy);

  apply_mapping (self);

  job = job_new ();
  job->import = g_object_ref (self->import);
  job->store = self->worker_store != NULL ? g_object_ref (self->worker_store) : NULL;
  job->db_path = g_strdup (crm_store_get_path (store));
  job->clock = g_object_ref (crm_store_get_clock (store));

  self->busy = TRUE;
  self->previewed = FALSE;
  self->preview_pending = FALSE;
  update_state (self);

  task = g_task_new (self, self->cancellable, preview_done_cb, NULL);
  g_task_set_source_tag (task, start_preview);
  g_task_set_task_data (task, job, job_unref);
  g_task_run_in_thread (task, preview_thread);
}

static void
request_preview (CrmImportDialog *self)
{
  set_notice (self, NULL, FALSE);
  if (self->busy)
    {
      self->preview_pending = TRUE;
      update_state (self);
      return;
    }
  start_preview (self);
}

/* ---- the columns ---- */

static void
set_unknown (CrmImportDialog *self,
             guint            column,
             gboolean         unknown)
{
  gtk_widget_set_visible (g_ptr_array_index (self->note_rows, column), unknown);
}

static void
column_field_changed_cb (AdwComboRow     *row,
                         GParamSpec      *pspec,
                         CrmImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "crm-column"));
  CrmImportField field = field_at (adw_combo_row_get_selected (row));

  if (self->filling || column >= self->mapping->len ||
      g_array_index (self->mapping, CrmImportField, column) == field)
    return;

  g_array_index (self->mapping, CrmImportField, column) = field;
  set_unknown (self, column, FALSE);

  /* a field comes from one column: another column that held it holds nothing now */
  if (field != CRM_IMPORT_FIELD_NONE)
    for (guint i = 0; i < self->mapping->len; i++)
      if (i != column && g_array_index (self->mapping, CrmImportField, i) == field)
        {
          g_array_index (self->mapping, CrmImportField, i) = CRM_IMPORT_FIELD_NONE;
          self->filling = TRUE;
          adw_combo_row_set_selected (g_ptr_array_index (self->column_rows, i), 0);
          self->filling = FALSE;
        }

  request_preview (self);
}

/* The first value of @column, on one line and not too long, or NULL */
static char *
column_sample (CrmCsvImport *import,
               guint         column)
{
  guint n_rows = crm_csv_import_get_n_rows (import);

  for (guint row = 0; row < n_rows && row < SAMPLE_ROWS; row++)
    {
      const char *value = crm_csv_import_get_value (import, row, column);
      g_autofree char *line = NULL;

      if (value == NULL || value[0] == '\0')
        continue;
      line = g_strdelimit (g_strdup (value), "\r\n\t", ' ');
      if (g_utf8_strlen (line, -1) > SAMPLE_CHARS)
        {
          g_autofree char *cut = g_utf8_substring (line, 0, SAMPLE_CHARS);

          return g_strconcat (cut, "…", NULL);
        }
      return g_steal_pointer (&line);
    }
  return NULL;
}

/* The row under a column Rapport does not know: the note, in warning colours */
static GtkWidget *
new_note_row (GtkWidget **out_label)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (_("Rapport does not know this column: choose what it holds or leave it out"));

  gtk_widget_add_css_class (box, "warning");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  *out_label = label;
  return row;
}

static void
build_columns (CrmImportDialog *self)
{
  const char * const *headers = crm_csv_import_get_headers (self->import);
  guint n_columns = crm_csv_import_get_n_columns (self->import);
  g_autoptr(GArray) unknown = crm_csv_import_get_unknown_columns (self->import);

  g_array_set_size (self->mapping, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *sample = column_sample (self->import, i);
      g_autofree char *subtitle = NULL;
      g_autofree char *accessible = NULL;
      CrmImportField field = crm_csv_import_get_mapping (self->import, i);
      GtkWidget *row = adw_combo_row_new ();
      GtkWidget *note_label = NULL;
      GtkWidget *note = new_note_row (&note_label);
      gboolean is_unknown = FALSE;

      for (guint k = 0; k < unknown->len; k++)
        if (g_array_index (unknown, guint, k) == i)
          is_unknown = TRUE;

      title = headers[i] != NULL && headers[i][0] != '\0' ? g_strdup (headers[i])
                                                           : g_strdup_printf (_("Column %u"), i + 1);
      subtitle = sample != NULL ? g_strdup_printf (_("Example: %s"), sample) : g_strdup (_("Empty in the first rows"));
      g_array_index (self->mapping, CrmImportField, i) = field;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (self->fields));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), index_of_field (field));

      /* Translators: the accessible name of a column's drop-down; %s is the column's header */
      accessible = g_strdup_printf (_("Field for column “%s”"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      note_label, NULL, -1);

      g_object_set_data (G_OBJECT (row), "crm-column", GUINT_TO_POINTER (i));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (column_field_changed_cb), self, 0);

      gtk_list_box_append (self->columns_list, row);
      gtk_list_box_append (self->columns_list, note);
      g_ptr_array_add (self->column_rows, row);
      g_ptr_array_add (self->note_rows, note);
      set_unknown (self, i, is_unknown);
    }
}

/* ---- the problem and duplicate lists ---- */

typedef enum {
  PROBLEM_LINE,
  PROBLEM_COLUMN,
  PROBLEM_MESSAGE,
  DUPLICATE_LINE,
  DUPLICATE_NAME,
  DUPLICATE_OTHER,
} Cell;

static void
label_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  data)
{
  Cell cell = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);

  /* one line each (the whole text in the tooltip and for screen readers):
   * rows of one height, which the list measures right */
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (cell == PROBLEM_LINE || cell == DUPLICATE_LINE)
    gtk_widget_add_css_class (label, "numeric");

  if (cell == DUPLICATE_OTHER)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *why = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (why), 0);
      gtk_label_set_ellipsize (GTK_LABEL (why), PANGO_ELLIPSIZE_END);
      gtk_label_set_single_line_mode (GTK_LABEL (why), TRUE);
      gtk_widget_add_css_class (why, "caption");
      gtk_widget_add_css_class (why, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), why);
      gtk_list_item_set_child (list_item, box);
      return;
    }
  gtk_list_item_set_child (list_item, label);
}

static void
label_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  Cell cell = GPOINTER_TO_INT (data);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GtkLabel *label = GTK_LABEL (GTK_IS_LABEL (child) ? child : gtk_widget_get_first_child (child));
  GObject *item = gtk_list_item_get_item (list_item);
  g_autofree char *line = NULL;
  const char *text = NULL;

  switch (cell)
    {
    case PROBLEM_LINE:
      text = line = g_strdup_printf ("%u", CRM_IMPORT_PROBLEM_ITEM (item)->line);
      break;
    case PROBLEM_COLUMN:
      text = CRM_IMPORT_PROBLEM_ITEM (item)->column;
      break;
    case PROBLEM_MESSAGE:
      text = CRM_IMPORT_PROBLEM_ITEM (item)->message;
      break;
    case DUPLICATE_LINE:
      text = line = g_strdup_printf ("%u", CRM_IMPORT_DUPLICATE_ITEM (item)->line);
      break;
    case DUPLICATE_NAME:
      text = CRM_IMPORT_DUPLICATE_ITEM (item)->row_name;
      break;
    case DUPLICATE_OTHER:
      text = CRM_IMPORT_DUPLICATE_ITEM (item)->other;
      gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (child)), CRM_IMPORT_DUPLICATE_ITEM (item)->why);
      break;
    default:
      break;
    }
  gtk_label_set_label (label, text != NULL ? text : "");
  if (cell == PROBLEM_COLUMN || cell == PROBLEM_MESSAGE || cell == DUPLICATE_NAME || cell == DUPLICATE_OTHER)
    gtk_widget_set_tooltip_text (child, text);
}

/* Columns of a fixed width (@width > 0) or sharing what is left; GTK 4.8
 * gives columns sized by their cells less than they need in a narrow window */
static void
add_label_column (GtkColumnView *view,
                  Cell           cell,
                  const char    *title,
                  int            width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), GINT_TO_POINTER (cell));
  g_signal_connect (factory, "bind", G_CALLBACK (label_bind_cb), GINT_TO_POINTER (cell));
  column = gtk_column_view_column_new (title, factory);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_column_set_expand (column, width <= 0);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
}

static const char *
action_label (CrmCsvDuplicateAction action)
{
  switch (action)
    {
    case CRM_CSV_DUPLICATE_MERGE:
      return C_("duplicate action", "Merge");
    case CRM_CSV_DUPLICATE_IMPORT:
      return C_("duplicate action", "Import Anyway");
    case CRM_CSV_DUPLICATE_SKIP:
    default:
      return C_("duplicate action", "Skip");
    }
}

/* import.duplicate-action((line, action)): what the menu of a likely duplicate does */
static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (widget);
  guint line = 0, action = 0;
  GListModel *model = G_LIST_MODEL (self->duplicates);
  guint n = g_list_model_get_n_items (model);

  g_variant_get (parameter, "(uu)", &line, &action);
  /* while the rows are checked again the list waits, insensitive, for the new one */
  if (self->busy || self->import == NULL || action > CRM_CSV_DUPLICATE_IMPORT)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmImportDuplicateItem) item = g_list_model_get_item (model, i);

      if (item->line != line)
        continue;
      if (item->action != action)
        {
          item->action = action;
          crm_csv_import_set_duplicate_action (self->import, line, action);
          /* the row shows the new choice */
          g_list_model_items_changed (model, i, 1, 1);
          update_state (self);
        }
      return;
    }
}

/* The menu of a likely duplicate's button, made when it opens: a row's
 * button with a menu ready (GtkDropDown) costs a millisecond, and a list
 * view makes up to 200 rows at once */
static void
create_action_menu_cb (GtkMenuButton *button,
                       gpointer       user_data)
{
  CrmImportDuplicateItem *item = g_object_get_data (G_OBJECT (button), "crm-item");
  g_autoptr(GMenu) menu = g_menu_new ();

  if (item == NULL)
    return;
  for (CrmCsvDuplicateAction action = CRM_CSV_DUPLICATE_SKIP; action <= CRM_CSV_DUPLICATE_IMPORT; action++)
    {
      g_autoptr(GMenuItem) menu_item = g_menu_item_new (action_label (action), NULL);

      g_menu_item_set_action_and_target_value (menu_item, "import.duplicate-action",
                                               g_variant_new ("(uu)", item->line, action));
      g_menu_append_item (menu, menu_item);
    }
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
action_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CrmImportDialog          *self)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_action_menu_cb, NULL, NULL);
  gtk_list_item_set_child (list_item, button);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
action_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                CrmImportDialog          *self)
{
  GtkWidget *button = gtk_list_item_get_child (list_item);
  CrmImportDuplicateItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *accessible = NULL;

  g_object_set_data (G_OBJECT (button), "crm-item", item);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), action_label (item->action));

  /* Translators: the accessible name of a likely duplicate's drop-down */
  accessible = g_strdup_printf (_("What to do with line %u"), item->line);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, action_label (item->action),
                                  -1);
}

static void
action_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  CrmImportDialog          *self)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_list_item_get_child (list_item));

  gtk_menu_button_popdown (button);
  g_object_set_data (G_OBJECT (button), "crm-item", NULL);
}

static void
set_up_lists (CrmImportDialog *self)
{
  GtkListItemFactory *factory;
  GtkColumnViewColumn *column;
  GtkNoSelection *selection;

  self->problems = crm_import_item_list_new (CRM_TYPE_IMPORT_PROBLEM_ITEM);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->problems)));
  gtk_column_view_set_model (self->problems_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  add_label_column (self->problems_view, PROBLEM_LINE, C_("import problems", "Line"), LINE_WIDTH);
  add_label_column (self->problems_view, PROBLEM_COLUMN, C_("import problems", "Column"), COLUMN_WIDTH);
  add_label_column (self->problems_view, PROBLEM_MESSAGE, C_("import problems", "Problem"), 0);

  self->duplicates = crm_import_item_list_new (CRM_TYPE_IMPORT_DUPLICATE_ITEM);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->duplicates)));
  gtk_column_view_set_model (self->duplicates_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  add_label_column (self->duplicates_view, DUPLICATE_LINE, C_("import duplicates", "Line"), LINE_WIDTH);
  add_label_column (self->duplicates_view, DUPLICATE_NAME, C_("import duplicates", "In the file"), 0);
  add_label_column (self->duplicates_view, DUPLICATE_OTHER, C_("import duplicates", "Looks like"), 0);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (action_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (action_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (action_unbind_cb), self, 0);
  column = gtk_column_view_column_new (C_("import duplicates", "Action"), factory);
  gtk_column_view_column_set_fixed_width (column, ACTION_WIDTH);
  gtk_column_view_append_column (self->duplicates_view, column);
  g_object_unref (column);
}

/* ---- reading the file ---- */

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (!g_file_load_contents (job->file, cancellable, &contents, &length, NULL, &error))
    {
      g_task_return_new_error (task, error->domain, error->code, _("Could not read “%s”: %s"),
                               job->display_name, error->message);
      return;
    }

  job->import = crm_csv_import_new_from_data (contents, length, job->display_name, &error);
  if (job->import == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
show_error_page (CrmImportDialog *self,
                 const char      *message)
{
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", FALSE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (self->disposed)
    return;
  gtk_spinner_stop (self->loading_spinner);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error_page (self, error->message);
      return;
    }

  if (crm_csv_import_get_n_rows (job->import) == 0)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” has column names but no customers."), self->display_name);

      show_error_page (self, message);
      return;
    }

  g_debug ("Read %u rows in %.0f ms", crm_csv_import_get_n_rows (job->import),
           (g_get_monotonic_time () - job->started) / 1000.0);
  self->import = g_steal_pointer (&job->import);
  build_columns (self);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  start_preview (self);
}

static void
start_load (CrmImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *loading = g_strdup_printf (_("Reading “%s”…"), self->display_name);
  Job *job = job_new ();

  job->file = g_object_ref (self->file);
  job->display_name = g_strdup (self->display_name);

  gtk_label_set_label (self->loading_label, loading);
  gtk_spinner_start (self->loading_spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  self->busy = TRUE;

  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, job, job_unref);
  g_task_run_in_thread (task, load_thread);
}

/* ---- importing ---- */

static void
show_progress (CrmImportDialog *self,
               guint            done,
               guint            total)
{
  g_autofree char *done_text = crm_format_count (done);
  g_autofree char *total_text = crm_format_count (total);
  g_autofree char *text = NULL;

  /* Translators: import progress, e.g. "1,200 of 20,000 rows" */
  text = g_strdup_printf (ngettext ("%s of %s row", "%s of %s rows", total), done_text, total_text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static gboolean
progress_idle_cb (gpointer data)
{
  Job *job = data;
  g_autoptr(CrmImportDialog) self = g_weak_ref_get (&job->dialog);

  g_atomic_int_set (&job->progress_queued, 0);
  if (self != NULL && self->importing && !self->disposed)
    show_progress (self, g_atomic_int_get (&job->done), g_atomic_int_get (&job->total));
  return G_SOURCE_REMOVE;
}

/* In the import thread: one update waits in the main loop at a time */
static void
commit_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set (&job->done, done);
  g_atomic_int_set (&job->total, total);
  if (g_atomic_int_compare_and_exchange (&job->progress_queued, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle_cb, job_ref (job), job_unref);
}

static void
commit_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(CrmStore) store = NULL;
  GError *error = NULL;
  gint64 created;

  if (!job_ensure_store (job, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  created = crm_csv_import_commit (job->import, job->store, commit_progress_cb, job, cancellable, &error);
  if (created < 0)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The rows are saved: the window is told at once.  Folding a large
   * import's log back into the database file comes after, here, on a
   * reference of our own in case the window lets go of the connection first. */
  store = g_object_ref (job->store);
  g_task_return_int (task, (gssize) created);
  if (!crm_store_checkpoint (store))
    g_debug ("The checkpoint after the import was not complete");
}

static void
commit_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize created;

  self->busy = FALSE;
  self->importing = FALSE;
  if (self->disposed)
    return;
  adopt_store (self, job);
  g_clear_object (&self->import_cancellable);

  created = g_task_propagate_int (G_TASK (result), &error);
  g_debug ("Import %s after %.0f ms", error == NULL ? "committed" : "ended", (g_get_monotonic_time () - job->started) / 1000.0);
  if (error == NULL)
    {
      /* the main window's connection did not see the rows come in */
      crm_store_note_change (crm_context_get_store (self->context), CRM_CHANGE_ALL, 0);
      /* a large import's search terms come now, in the background */
      crm_context_index_customers (self->context);
      g_signal_emit (self, signals[IMPORTED], 0, (guint) created);
      self->closing = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_notice (self, g_strdup (_("The import was cancelled. Nothing was imported.")), FALSE);
  else
    set_notice (self, g_strdup_printf (_("Nothing was imported: %s"), error->message), TRUE);

  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->import_button));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (widget);
  CrmStore *store = crm_context_get_store (self->context);
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (!can_import (self))
    return;

  job = job_new ();
  job->import = g_object_ref (self->import);
  job->store = self->worker_store != NULL ? g_object_ref (self->worker_store) : NULL;
  job->db_path = g_strdup (crm_store_get_path (store));
  job->clock = g_object_ref (crm_store_get_clock (store));
  g_weak_ref_set (&job->dialog, self);

  set_notice (self, NULL, FALSE);
  self->busy = TRUE;
  self->importing = TRUE;
  g_clear_object (&self->import_cancellable);
  self->import_cancellable = g_cancellable_new ();

  show_progress (self, 0, crm_csv_import_get_n_rows (self->import));
  gtk_stack_set_visible_child_name (self->stack, "importing");
  gtk_widget_action_set_enabled (widget, "import.start", FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));

  task = g_task_new (self, self->import_cancellable, commit_done_cb, NULL);
  g_task_set_source_tag (task, import_action);
  g_task_set_task_data (task, job, job_unref);
  g_task_run_in_thread (task, commit_thread);
}

/* ---- closing ---- */

static void
cancel_clicked_cb (CrmImportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
crm_import_dialog_close_request (GtkWindow *window)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (window);

  /* Cancel (and Escape) during the import stops it; the window stays to say
   * that nothing was imported.  Otherwise nothing was imported: nothing to ask. */
  if (self->importing && !self->closing)
    {
      g_cancellable_cancel (self->import_cancellable);
      gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
      gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
      return TRUE;
    }

  return GTK_WINDOW_CLASS (crm_import_dialog_parent_class)->close_request (window);
}

/* ---- object ---- */

gboolean
crm_import_dialog_is_busy (CrmImportDialog *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_DIALOG (self), FALSE);
  return self->busy || self->preview_pending;
}

static void
crm_import_dialog_dispose (GObject *object)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->import_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->context);
  g_clear_object (&self->file);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_object (&self->import);
  g_clear_object (&self->worker_store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->fields);
  g_clear_object (&self->problems);
  g_clear_object (&self->duplicates);
  g_clear_pointer (&self->mapping, g_array_unref);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->note_rows, g_ptr_array_unref);
  g_clear_error (&self->preview_error);
  g_clear_pointer (&self->notice, g_free);

  G_OBJECT_CLASS (crm_import_dialog_parent_class)->dispose (object);
}

static void
crm_import_dialog_class_init (CrmImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_import_dialog_dispose;
  window_class->close_request = crm_import_dialog_close_request;

  /**
   * CrmImportDialog::imported:
   * @count: the number of customers created (merged rows not counted)
   *
   * Emitted after the import is committed, before the window closes.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/crm-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, loading_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, owners_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, message_box);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, message_icon);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, columns_list);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, problems_view);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, duplicates_group);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, duplicates_view);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_install_action (widget_class, "import.start", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "import.duplicate-action", "(uu)", duplicate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_import_dialog_init (CrmImportDialog *self)
{
  GtkEventController *shortcuts;
  const CrmImportFieldInfo *infos;
  guint n_infos = 0;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", FALSE);

  self->cancellable = g_cancellable_new ();
  self->mapping = g_array_new (FALSE, TRUE, sizeof (CrmImportField));
  self->column_rows = g_ptr_array_new ();
  self->note_rows = g_ptr_array_new ();

  self->fields = gtk_string_list_new (NULL);
  infos = crm_import_field_get_infos (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    gtk_string_list_append (self->fields, crm_import_field_get_label (infos[i].field));

  set_up_lists (self);

  /* Enter imports unless the focused control takes it (a button, a drop-down) */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_BUBBLE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Return, 0),
                                                            gtk_keyval_trigger_new (GDK_KEY_KP_Enter, 0)),
                                                          gtk_named_action_new ("import.start")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

CrmImportDialog *
crm_import_dialog_new (CrmContext *context,
                       GFile      *file)
{
  CrmImportDialog *self;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (CRM_TYPE_IMPORT_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->file = g_object_ref (file);
  basename = g_file_get_basename (file);
  self->display_name = g_filename_display_name (basename != NULL ? basename : "");
  adw_window_title_set_subtitle (self->window_title, self->display_name);

  start_load (self);
  return self;
}

/* ---- choosing the file ---- */

typedef struct {
  GtkWindow                   *parent;
  CrmContext                  *context;
  CrmImportDialogImportedFunc  imported;
  gpointer                     user_data;
} Choice;

static void
choice_free (Choice *choice)
{
  g_clear_object (&choice->parent);
  g_clear_object (&choice->context);
  g_free (choice);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Choice          *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        {
          CrmImportDialog *dialog = crm_import_dialog_new (choice->context, file);

          gtk_window_set_transient_for (GTK_WINDOW (dialog), choice->parent);
          if (choice->imported != NULL)
            g_signal_connect (dialog, "imported", G_CALLBACK (choice->imported), choice->user_data);
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }

  choice_free (choice);
  g_object_unref (chooser);
}

void
crm_import_dialog_choose_and_run_full (GtkWindow                   *parent,
                                       CrmContext                  *context,
                                       CrmImportDialogImportedFunc  imported,
                                       gpointer                     user_data)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  Choice *choice;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (CRM_IS_CONTEXT (context));

  chooser = gtk_file_chooser_native_new (_("Import Customers"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "tsv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_mime_type (csv, "text/tab-separated-values");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), csv);

  choice = g_new0 (Choice, 1);
  choice->parent = parent != NULL ? g_object_ref (parent) : NULL;
  choice->context = g_object_ref (context);
  choice->imported = imported;
  choice->user_data = user_data;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
crm_import_dialog_choose_and_run (GtkWindow  *parent,
                                  CrmContext *context)
{
  crm_import_dialog_choose_and_run_full (parent, context, NULL, NULL);
}
