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

const char *
crm_channel_to_string (CrmChannel channel)
{
  switch (channel)
    {
    case CRM_CHANNEL_PHONE:   return C_("channel", "Phone");
    case CRM_CHANNEL_EMAIL:   return C_("channel", "E-mail");
    case CRM_CHANNEL_VISIT:   return C_("channel", "Visit");
    case CRM_CHANNEL_CHAT:    return C_("channel", "Online Chat");
    case CRM_CHANNEL_MEETING: return C_("channel", "Meeting");
    case CRM_CHANNEL_SMS:     return C_("channel", "SMS");
    case CRM_CHANNEL_SOCIAL:  return C_("channel", "Social Media");
    case CRM_CHANNEL_OTHER:
    case CRM_N_CHANNELS:
    default:                  return C_("channel", "Other");
    }
}

const char *
crm_channel_icon_name (CrmChannel channel)
{
  switch (channel)
    {
    case CRM_CHANNEL_PHONE:   return "call-start-symbolic";
    case CRM_CHANNEL_EMAIL:   return "mail-unread-symbolic";
    case CRM_CHANNEL_VISIT:   return "find-location-symbolic";
    case CRM_CHANNEL_CHAT:    return "user-available-symbolic";
    case CRM_CHANNEL_MEETING: return "x-office-calendar-symbolic";
    case CRM_CHANNEL_SMS:     return "phone-symbolic";
    case CRM_CHANNEL_SOCIAL:  return "emblem-shared-symbolic";
    case CRM_CHANNEL_OTHER:
    case CRM_N_CHANNELS:
    default:                  return "view-more-horizontal-symbolic";
    }
}

const char *
crm_ticket_status_to_string (CrmTicketStatus status)
{
  switch (status)
    {
    case CRM_TICKET_NEW:         return C_("ticket status", "New");
    case CRM_TICKET_IN_PROGRESS: return C_("ticket status", "In Progress");
    case CRM_TICKET_WAITING:     return C_("ticket status", "Waiting on Customer");
    case CRM_TICKET_RESOLVED:    return C_("ticket status", "Resolved");
    case CRM_TICKET_CLOSED:      return C_("ticket status", "Closed");
    case CRM_N_TICKET_STATUSES:
    default:                     return "";
    }
}

const char *
crm_ticket_category_to_string (CrmTicketCategory category)
{
  switch (category)
    {
    case CRM_TICKET_CONSULTATION: return C_("ticket category", "Consultation");
    case CRM_TICKET_COMPLAINT:    return C_("ticket category", "Complaint");
    case CRM_TICKET_FAULT:        return C_("ticket category", "Product Fault");
    case CRM_TICKET_NEEDS_CHANGE: return C_("ticket category", "Change of Needs");
    case CRM_TICKET_EXPERIENCE:   return C_("ticket category", "Service Experience");
    case CRM_N_TICKET_CATEGORIES:
    default:                      return "";
    }
}

const char *
crm_ticket_level_to_string (int level)
{
  switch (level)
    {
    case 1:  return _("Level 1 — Urgent");
    case 2:  return _("Level 2 — Important");
    case 3:  return _("Level 3 — General");
    default: return "";
    }
}

const char *
crm_followup_kind_to_string (CrmFollowupKind kind)
{
  switch (kind)
    {
    case CRM_FOLLOWUP_CALL:     return C_("follow-up kind", "Call");
    case CRM_FOLLOWUP_VISIT:    return C_("follow-up kind", "Visit");
    case CRM_FOLLOWUP_EMAIL:    return C_("follow-up kind", "E-mail");
    case CRM_FOLLOWUP_GREETING: return C_("follow-up kind", "Greeting");
    case CRM_FOLLOWUP_REVIEW:   return C_("follow-up kind", "Review");
    case CRM_FOLLOWUP_CARE:     return C_("follow-up kind", "Care");
    case CRM_FOLLOWUP_ANALYSIS: return C_("follow-up kind", "Risk Analysis");
    case CRM_FOLLOWUP_OTHER:
    case CRM_N_FOLLOWUP_KINDS:
    default:                    return C_("follow-up kind", "Other");
    }
}

const char *
crm_ticket_event_kind_to_string (CrmTicketEventKind kind)
{
  switch (kind)
    {
    case CRM_TICKET_EVENT_CREATED:      return C_("ticket event", "Ticket opened");
    case CRM_TICKET_EVENT_RESPONSE:     return C_("ticket event", "First response");
    case CRM_TICKET_EVENT_STATUS:       return C_("ticket event", "Status changed");
    case CRM_TICKET_EVENT_COMMENT:      return C_("ticket event", "Comment");
    case CRM_TICKET_EVENT_REASSIGN:     return C_("ticket event", "Reassigned");
    case CRM_TICKET_EVENT_LEVEL:        return C_("ticket event", "Level changed");
    case CRM_TICKET_EVENT_ESCALATION:   return C_("ticket event", "Escalated");
    case CRM_TICKET_EVENT_RESOLUTION:   return C_("ticket event", "Resolved");
    case CRM_TICKET_EVENT_CONFIRMATION: return C_("ticket event", "Customer confirmed it is solved");
    case CRM_TICKET_EVENT_REOPEN:       return C_("ticket event", "Reopened");
    default:                            return C_("ticket event", "Ticket step");
    }
}

const char *
crm_price_sensitivity_to_string (int level)
{
  switch (level)
    {
    case 0:  return C_("price sensitivity", "Low");
    case 1:  return C_("price sensitivity", "Medium");
    case 2:  return C_("price sensitivity", "High");
    default: return C_("price sensitivity", "Unknown");
    }
}

const char *
crm_value_focus_to_string (int focus)
{
  switch (focus)
    {
    case 0:  return _("Value for money");
    case 1:  return _("Features");
    case 2:  return _("After-sales service");
    default: return C_("value focus", "Unknown");
    }
}
