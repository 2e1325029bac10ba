/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-types"

#include <glib/gi18n-lib.h>

#include "crm-types.h"

const char *
crm_tier_to_string (CrmTier tier)
{
  switch (tier)
    {
    case CRM_TIER_VIP:       return C_("tier", "VIP");
    case CRM_TIER_NORMAL:    return C_("tier", "Normal");
    case CRM_TIER_POTENTIAL: return C_("tier", "Potential");
    case CRM_N_TIERS:
    default:                 return "";
    }
}

const char *
crm_lifecycle_to_string (CrmLifecycle stage)
{
  switch (stage)
    {
    case CRM_LIFECYCLE_NEW:       return C_("lifecycle", "New");
    case CRM_LIFECYCLE_ACTIVE:    return C_("lifecycle", "Active");
    case CRM_LIFECYCLE_MATURE:    return C_("lifecycle", "Mature");
    case CRM_LIFECYCLE_DECLINING: return C_("lifecycle", "Declining");
    case CRM_LIFECYCLE_CHURNED:   return C_("lifecycle", "Churned");
    case CRM_LIFECYCLE_WON_BACK:  return C_("lifecycle", "Won Back");
    case CRM_N_LIFECYCLES:
    default:                      return "";
    }
}

const char *
crm_contact_role_to_string (CrmContactRole role)
{
  switch (role)
    {
    case CRM_CONTACT_ROLE_DECISION_MAKER: return _("Decision-maker");
    case CRM_CONTACT_ROLE_INFLUENCER:     return _("Influencer");
    case CRM_CONTACT_ROLE_USER:           return _("User");
    case CRM_N_CONTACT_ROLES:
    default:                              return "";
    }
}

const char *
crm_member_role_to_string (CrmMemberRole role)
{
  switch (role)
    {
    case CRM_MEMBER_AGENT:      return _("Account Manager");
    case CRM_MEMBER_SUPERVISOR: return _("Supervisor");
    case CRM_MEMBER_MANAGER:    return _("Manager");
    case CRM_N_MEMBER_ROLES:
    default:                    return "";
    }
}

const char *
crm_customer_kind_to_string (CrmCustomerKind kind)
{
  switch (kind)
    {
    case CRM_CUSTOMER_PERSON:  return _("Person");
    case CRM_CUSTOMER_COMPANY: return _("Company");
    default:                   return "";
    }
}
