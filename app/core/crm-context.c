/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-context"

#include "crm-context.h"
#include "crm-store-customers.h"

struct _CrmContext
{
  GObject parent_instance;

  /* owned */
  CrmStore  *store;
  GSettings *settings;

  gboolean   indexing;
  gboolean   index_again;   /* asked for while a thread ran */
};

enum {
  PROP_0,
  PROP_INDEXING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CrmContext, crm_context, G_TYPE_OBJECT)

static void
crm_context_dispose (GObject *object)
{
  CrmContext *self = (CrmContext *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (crm_context_parent_class)->dispose (object);
}

static void
crm_context_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CrmContext *self = CRM_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_INDEXING:
      g_value_set_boolean (value, self->indexing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_context_class_init (CrmContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_context_dispose;
  object_class->get_property = crm_context_get_property;

  properties[PROP_INDEXING] = g_param_spec_boolean ("indexing", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_context_init (CrmContext *self)
{
}

CrmContext *
crm_context_new (CrmStore  *store,
                 GSettings *settings)
{
  CrmContext *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_CONTEXT, NULL);
  self->store = g_object_ref (store);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  return self;
}

CrmStore *
crm_context_get_store (CrmContext *self)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (self), NULL);
  return self->store;
}

CrmClock *
crm_context_get_clock (CrmContext *self)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (self), NULL);
  return crm_store_get_clock (self->store);
}

GSettings *
crm_context_get_settings (CrmContext *self)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (self), NULL);
  return self->settings;
}

/* ---- search terms after a large import ---- */

typedef struct {
  char     *path;
  CrmClock *clock;
} IndexJob;

static void
index_job_free (gpointer data)
{
  IndexJob *job = data;

  g_free (job->path);
  g_clear_object (&job->clock);
  g_free (job);
}

static void
index_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  IndexJob *job = task_data;
  g_autoptr(CrmStore) store = NULL;
  GError *error = NULL;

  store = crm_store_open (job->path, job->clock, &error);
  if (store == NULL || !crm_store_index_customers (store, CRM_STORE_INDEX_BATCH, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* what the terms added to the log goes back into the file (best effort) */
  crm_store_checkpoint (store);
  g_task_return_boolean (task, TRUE);
}

static void
set_indexing (CrmContext *self,
              gboolean    indexing)
{
  if (self->indexing == indexing)
    return;
  self->indexing = indexing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEXING]);
}

static void
index_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CrmContext) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not make the imported customers searchable: %s", error->message);

  /* written through another connection: the lists search again */
  crm_store_note_change (self->store, CRM_CHANGE_CUSTOMER, 0);
  set_indexing (self, FALSE);
  if (self->index_again)
    {
      self->index_again = FALSE;
      crm_context_index_customers (self);
    }
}

void
crm_context_index_customers (CrmContext *self)
{
  g_autoptr(GTask) task = NULL;
  IndexJob *job;

  g_return_if_fail (CRM_IS_CONTEXT (self));

  if (self->indexing)
    {
      self->index_again = TRUE;
      return;
    }
  if (crm_store_is_read_only (self->store) || crm_store_get_path (self->store) == NULL ||
      crm_store_count_unindexed (self->store) == 0)
    return;

  job = g_new0 (IndexJob, 1);
  job->path = g_strdup (crm_store_get_path (self->store));
  job->clock = g_object_ref (crm_store_get_clock (self->store));
  task = g_task_new (NULL, NULL, index_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, index_job_free);
  set_indexing (self, TRUE);
  g_task_run_in_thread (task, index_thread);
}

gboolean
crm_context_get_indexing (CrmContext *self)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (self), FALSE);
  return self->indexing;
}
