/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-context"

#include "crm-context.h"

struct _CrmContext
{
  GObject parent_instance;

  /* owned */
  CrmStore  *store;
  GSettings *settings;
};

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
crm_context_class_init (CrmContextClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_context_dispose;
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
