/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-plain-selection"

#include "crm-plain-selection.h"

struct _CrmPlainSelection
{
  GObject     parent_instance;

  GListModel *model;
  guint       selected;
};

static GType
crm_plain_selection_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (CRM_PLAIN_SELECTION (list)->model);
}

static guint
crm_plain_selection_get_n_items (GListModel *list)
{
  return g_list_model_get_n_items (CRM_PLAIN_SELECTION (list)->model);
}

static gpointer
crm_plain_selection_get_item (GListModel *list,
                              guint       position)
{
  return g_list_model_get_item (CRM_PLAIN_SELECTION (list)->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_plain_selection_get_item_type;
  iface->get_n_items = crm_plain_selection_get_n_items;
  iface->get_item = crm_plain_selection_get_item;
}

static gboolean
crm_plain_selection_is_selected (GtkSelectionModel *model,
                                 guint              position)
{
  return CRM_PLAIN_SELECTION (model)->selected == position;
}

static GtkBitset *
crm_plain_selection_get_selection_in_range (GtkSelectionModel *model,
                                            guint              position,
                                            guint              n_items)
{
  CrmPlainSelection *self = CRM_PLAIN_SELECTION (model);
  GtkBitset *result = gtk_bitset_new_empty ();

  if (self->selected != GTK_INVALID_LIST_POSITION)
    gtk_bitset_add (result, self->selected);
  return result;
}

static gboolean
crm_plain_selection_select_item (GtkSelectionModel *model,
                                 guint              position,
                                 gboolean           unselect_rest)
{
  crm_plain_selection_set_selected (CRM_PLAIN_SELECTION (model), position);
  return TRUE;
}

static gboolean
crm_plain_selection_unselect_item (GtkSelectionModel *model,
                                   guint              position)
{
  CrmPlainSelection *self = CRM_PLAIN_SELECTION (model);

  if (self->selected == position)
    crm_plain_selection_set_selected (self, GTK_INVALID_LIST_POSITION);
  return TRUE;
}

static gboolean
crm_plain_selection_unselect_all (GtkSelectionModel *model)
{
  crm_plain_selection_set_selected (CRM_PLAIN_SELECTION (model), GTK_INVALID_LIST_POSITION);
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = crm_plain_selection_is_selected;
  iface->get_selection_in_range = crm_plain_selection_get_selection_in_range;
  iface->select_item = crm_plain_selection_select_item;
  iface->unselect_item = crm_plain_selection_unselect_item;
  iface->unselect_all = crm_plain_selection_unselect_all;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmPlainSelection, crm_plain_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

static void
items_changed_cb (CrmPlainSelection *self,
                  guint              position,
                  guint              removed,
                  guint              added,
                  GListModel        *model)
{
  guint old = self->selected;

  if (self->selected != GTK_INVALID_LIST_POSITION && self->selected >= position)
    {
      if (self->selected >= position + removed)
        self->selected = self->selected - removed + added;      /* after the change: moves */
      else if (added > 0)
        self->selected = MIN (self->selected, position + added - 1);  /* replaced: keep the place */
      else
        self->selected = GTK_INVALID_LIST_POSITION;              /* removed */
    }

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (old != self->selected && old != GTK_INVALID_LIST_POSITION && old < position)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), old, 1);
}

CrmPlainSelection *
crm_plain_selection_new (GListModel *model)
{
  CrmPlainSelection *self = g_object_new (CRM_TYPE_PLAIN_SELECTION, NULL);

  g_return_val_if_fail (G_IS_LIST_MODEL (model), self);

  self->model = model;
  g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

guint
crm_plain_selection_get_selected (CrmPlainSelection *self)
{
  g_return_val_if_fail (CRM_IS_PLAIN_SELECTION (self), GTK_INVALID_LIST_POSITION);
  return self->selected;
}

void
crm_plain_selection_set_selected (CrmPlainSelection *self,
                                  guint              position)
{
  guint old;

  g_return_if_fail (CRM_IS_PLAIN_SELECTION (self));

  if (position != GTK_INVALID_LIST_POSITION && position >= g_list_model_get_n_items (self->model))
    position = GTK_INVALID_LIST_POSITION;
  if (position == self->selected)
    return;

  old = self->selected;
  self->selected = position;
  if (old != GTK_INVALID_LIST_POSITION)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), old, 1);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, 1);
}

gpointer
crm_plain_selection_get_selected_item (CrmPlainSelection *self)
{
  g_return_val_if_fail (CRM_IS_PLAIN_SELECTION (self), NULL);

  if (self->selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return g_list_model_get_item (self->model, self->selected);
}

static void
crm_plain_selection_dispose (GObject *object)
{
  CrmPlainSelection *self = CRM_PLAIN_SELECTION (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (crm_plain_selection_parent_class)->dispose (object);
}

static void
crm_plain_selection_class_init (CrmPlainSelectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_plain_selection_dispose;
}

static void
crm_plain_selection_init (CrmPlainSelection *self)
{
  self->selected = GTK_INVALID_LIST_POSITION;
}
