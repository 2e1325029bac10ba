/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "crm-customer.h"

G_BEGIN_DECLS

/* Each check returns NULL when the value is acceptable (empty optional values
 * are), or a message for the person who typed it, to show at the field. */
char *crm_validate_required (const char *value);
char *crm_validate_phone    (const char *phone);
char *crm_validate_email    (const char *email);
char *crm_validate_date     (const char *date);
char *crm_validate_website  (const char *url);

typedef enum {
  CRM_CUSTOMER_FIELD_NAME,
  CRM_CUSTOMER_FIELD_FIRST_DEAL_DATE,
  CRM_CUSTOMER_FIELD_BIRTHDAY,
  CRM_CUSTOMER_FIELD_ANNIVERSARY,
  CRM_CUSTOMER_FIELD_WEBSITE,
  CRM_CUSTOMER_FIELD_CONTACT_NAME,
  CRM_CUSTOMER_FIELD_PHONE,
  CRM_CUSTOMER_FIELD_EMAIL,
  CRM_N_CUSTOMER_FIELDS
} CrmCustomerField;

typedef struct {
  char *messages[CRM_N_CUSTOMER_FIELDS];
} CrmValidation;

/* Fills @result with a message per field that is wrong; TRUE if none is. */
gboolean crm_customer_draft_validate (const CrmCustomerDraft *draft,
                                      CrmValidation          *result);
void     crm_validation_clear        (CrmValidation          *result);

/* Trims every text field and turns empty ones into NULL. */
void     crm_customer_draft_normalize (CrmCustomerDraft *draft);

/* Trims white space of any script (a full-width space too) around *@text;
 * an empty text becomes NULL.  What every form's normalize does per field. */
void     crm_text_normalize (char **text);
/* The same, as a copy; "" stays "" (NULL only for NULL) */
char    *crm_text_trim      (const char *text);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmValidation, crm_validation_clear)

G_END_DECLS
