/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* ---- contacts ---- */

/* What the contact form edits.  Plain data, so the form's logic is tested
 * without widgets. */
typedef struct {
  char           *name;
  char           *title;
  CrmContactRole  role;
  char           *phone;
  char           *email;
  char           *im;
  gboolean        is_primary;
} CrmContactDraft;

typedef enum {
  CRM_CONTACT_FIELD_NAME,
  CRM_CONTACT_FIELD_TITLE,
  CRM_CONTACT_FIELD_PHONE,
  CRM_CONTACT_FIELD_EMAIL,
  CRM_CONTACT_FIELD_IM,
  CRM_N_CONTACT_FIELDS
} CrmContactField;

typedef struct {
  char *messages[CRM_N_CONTACT_FIELDS];
} CrmContactValidation;

void     crm_contact_draft_init        (CrmContactDraft            *draft);
void     crm_contact_draft_clear       (CrmContactDraft            *draft);
/* Trims every text field and turns empty ones into NULL. */
void     crm_contact_draft_normalize   (CrmContactDraft            *draft);
/* Whether two (normalized) drafts hold the same values. */
gboolean crm_contact_draft_equal       (const CrmContactDraft      *a,
                                        const CrmContactDraft      *b);
/* Fills @result with a message per field that is wrong; TRUE if none is. */
gboolean crm_contact_draft_validate    (const CrmContactDraft      *draft,
                                        CrmContactValidation       *result);
void     crm_contact_validation_clear  (CrmContactValidation       *result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmContactDraft, crm_contact_draft_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmContactValidation, crm_contact_validation_clear)

/* Reads a contact; @customer_id (optional) receives the customer it belongs to. */
gboolean crm_store_load_contact        (CrmStore                   *self,
                                        gint64                      contact_id,
                                        gint64                     *customer_id,
                                        CrmContactDraft            *draft,
                                        GError                    **error);
/* Creates (@contact_id 0) or updates a contact of @customer_id in one transaction
 * and returns its id, or 0 with @error set (CRM_STORE_ERROR_INVALID for a value
 * the form would refuse, with that message).
 *
 * A customer with contacts has exactly one primary contact: the first contact is
 * primary whatever the draft says; making a contact primary clears the flag on
 * the others; un-flagging the primary hands the role to the oldest other contact
 * (a single contact stays primary).  A new primary, or a changed phone or e-mail
 * of the primary, is recorded on the customer's timeline (profile changes
 * "primary_contact", "phone", "email"), and the search index is kept current. */
gint64   crm_store_save_contact        (CrmStore                   *self,
                                        gint64                      customer_id,
                                        gint64                      contact_id,
                                        const CrmContactDraft      *draft,
                                        GError                    **error);
/* Deletes a contact; deleting the primary promotes the oldest remaining contact. */
gboolean crm_store_delete_contact      (CrmStore                   *self,
                                        gint64                      contact_id,
                                        GError                    **error);
gint64   crm_store_count_contacts      (CrmStore                   *self,
                                        gint64                      customer_id);

/* ---- needs & preferences ---- */

#define CRM_NEEDS_MAX_RESPONSE_HOURS 8760   /* a year */
#define CRM_NEEDS_MAX_TAG_CHARS      40

typedef struct {
  char  *preferred_products;
  int    price_sensitivity;        /* -1: unknown; 0 low, 1 medium, 2 high */
  int    expected_response_hours;  /* -1: unknown; else 0 … CRM_NEEDS_MAX_RESPONSE_HOURS */
  int    value_focus;              /* -1: unknown; 0 value for money, 1 features, 2 after-sales */
  GStrv  tags;                     /* NULL or NULL-terminated */
} CrmNeedsDraft;

typedef enum {
  CRM_NEEDS_FIELD_PREFERRED_PRODUCTS,
  CRM_NEEDS_FIELD_PRICE_SENSITIVITY,
  CRM_NEEDS_FIELD_RESPONSE_HOURS,
  CRM_NEEDS_FIELD_VALUE_FOCUS,
  CRM_NEEDS_FIELD_TAGS,
  CRM_N_NEEDS_FIELDS
} CrmNeedsField;

typedef struct {
  char *messages[CRM_N_NEEDS_FIELDS];
} CrmNeedsValidation;

void     crm_needs_draft_init          (CrmNeedsDraft              *draft);
void     crm_needs_draft_clear         (CrmNeedsDraft              *draft);
/* Trims the text, and trims, deduplicates (ignoring case) and drops empty tags. */
void     crm_needs_draft_normalize     (CrmNeedsDraft              *draft);
/* Whether two normalized drafts hold the same values (tags in any order). */
gboolean crm_needs_draft_equal         (const CrmNeedsDraft        *a,
                                        const CrmNeedsDraft        *b);
/* Whether nothing at all is known. */
gboolean crm_needs_draft_is_empty      (const CrmNeedsDraft        *draft);
gboolean crm_needs_draft_validate      (const CrmNeedsDraft        *draft,
                                        CrmNeedsValidation         *result);
void     crm_needs_validation_clear    (CrmNeedsValidation         *result);
/* A short line for people, such as "Price sensitivity: High; Tags: a, b"; NULL when empty. */
char    *crm_needs_draft_summarize     (const CrmNeedsDraft        *draft);

/* Splits what was typed into the tags field at ",", "，" and "、"; trimmed,
 * deduplicated, without empty tags.  Never NULL. */
GStrv    crm_needs_parse_tags          (const char                 *text);
/* Reads the expected response time as typed: empty is unknown (-1).  Returns
 * NULL and sets @hours, or a message for the field. */
char    *crm_needs_parse_response_hours (const char                *text,
                                         int                       *hours);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmNeedsDraft, crm_needs_draft_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmNeedsValidation, crm_needs_validation_clear)

/* Reads the customer's needs (all unknown when none were recorded) and tags. */
gboolean crm_store_load_needs          (CrmStore                   *self,
                                        gint64                      customer_id,
                                        CrmNeedsDraft              *draft,
                                        GError                    **error);
/* Stores the needs and replaces the customer's tags (creating tags by name) in one
 * transaction; records the profile change "needs" (old and new summary) when
 * anything changed.  Invalid values are refused with CRM_STORE_ERROR_INVALID. */
gboolean crm_store_save_needs          (CrmStore                   *self,
                                        gint64                      customer_id,
                                        const CrmNeedsDraft        *draft,
                                        GError                    **error);

G_END_DECLS
