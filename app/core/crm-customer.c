/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer"

#include <string.h>

#include "crm-customer-private.h"

G_DEFINE_FINAL_TYPE (CrmCustomer, crm_customer, G_TYPE_OBJECT)

static void
crm_customer_finalize (GObject *object)
{
  CrmCustomer *self = (CrmCustomer *) object;

  g_free (self->code);
  g_free (self->name);
  g_free (self->industry);
  g_free (self->owner_name);

  G_OBJECT_CLASS (crm_customer_parent_class)->finalize (object);
}

static void
crm_customer_class_init (CrmCustomerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_customer_finalize;
}

static void
crm_customer_init (CrmCustomer *self)
{
}

gint64
crm_customer_get_id (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), 0);
  return self->id;
}

const char *
crm_customer_get_code (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);
  return self->code;
}

const char *
crm_customer_get_name (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);
  return self->name;
}

CrmCustomerKind
crm_customer_get_kind (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), CRM_CUSTOMER_COMPANY);
  return self->kind;
}

CrmTier
crm_customer_get_tier (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), CRM_TIER_NORMAL);
  return self->tier;
}

const char *
crm_customer_get_industry (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);
  return self->industry;
}

gint64
crm_customer_get_owner_id (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), 0);
  return self->owner_id;
}

const char *
crm_customer_get_owner_name (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);
  return self->owner_name;
}

gint64
crm_customer_get_last_contact_at (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), 0);
  return self->last_contact_at;
}

gboolean
crm_customer_get_do_not_contact (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), FALSE);
  return self->do_not_contact;
}

gboolean
crm_customer_get_archived (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), FALSE);
  return self->archived;
}

int
crm_customer_get_health_score (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), -1);
  return self->health_score;
}

int
crm_customer_get_risk (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), 0);
  return self->risk;
}

struct _CrmTeamMember
{
  GObject parent_instance;

  gint64        id;
  char         *name;
  CrmMemberRole role;
};

G_DEFINE_FINAL_TYPE (CrmTeamMember, crm_team_member, G_TYPE_OBJECT)

static void
crm_team_member_finalize (GObject *object)
{
  g_free (((CrmTeamMember *) object)->name);
  G_OBJECT_CLASS (crm_team_member_parent_class)->finalize (object);
}

static void
crm_team_member_class_init (CrmTeamMemberClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_team_member_finalize;
}

static void
crm_team_member_init (CrmTeamMember *self)
{
}

CrmTeamMember *
crm_team_member_new (gint64         id,
                     const char    *name,
                     CrmMemberRole  role)
{
  CrmTeamMember *self = g_object_new (CRM_TYPE_TEAM_MEMBER, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->role = role;
  return self;
}

gint64
crm_team_member_get_id (CrmTeamMember *self)
{
  g_return_val_if_fail (CRM_IS_TEAM_MEMBER (self), 0);
  return self->id;
}

const char *
crm_team_member_get_name (CrmTeamMember *self)
{
  g_return_val_if_fail (CRM_IS_TEAM_MEMBER (self), NULL);
  return self->name;
}

CrmMemberRole
crm_team_member_get_role (CrmTeamMember *self)
{
  g_return_val_if_fail (CRM_IS_TEAM_MEMBER (self), CRM_MEMBER_AGENT);
  return self->role;
}

void
crm_customer_draft_init (CrmCustomerDraft *draft)
{
  memset (draft, 0, sizeof *draft);
  draft->kind = CRM_CUSTOMER_COMPANY;
  draft->tier = CRM_TIER_NORMAL;
  draft->lifecycle = CRM_LIFECYCLE_NEW;
  draft->contact_role = CRM_CONTACT_ROLE_DECISION_MAKER;
}

void
crm_customer_draft_clear (CrmCustomerDraft *draft)
{
  g_free (draft->name);
  g_free (draft->industry);
  g_free (draft->source);
  g_free (draft->first_deal_date);
  g_free (draft->birthday);
  g_free (draft->anniversary);
  g_free (draft->address);
  g_free (draft->website);
  g_free (draft->notes);
  g_free (draft->contact_name);
  g_free (draft->contact_title);
  g_free (draft->phone);
  g_free (draft->email);
  crm_customer_draft_init (draft);
}
