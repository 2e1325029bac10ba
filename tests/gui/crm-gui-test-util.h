/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the GUI tests share: a demo database, running the main loop for a
 * while, finding widgets in a window by a match function, and the common
 * match functions. */
#pragma once

#include <gtk/gtk.h>

#include "crm-test-util.h"

G_BEGIN_DECLS

/* Whether @widget is the one looked for; @data is what the caller passed on */
typedef gboolean (*CrmGuiTestMatch) (GtkWidget     *widget,
                                     gconstpointer  data);

/* g_test_init () and GTK and libadwaita on a display. FALSE when there is no
 * display (the test is then skipped: main returns 77); fails in CI instead. */
gboolean     crm_gui_test_init            (int            *argc,
                                           char         ***argv);

/* A fresh database (crm_test_db_new ()) with @n_customers customers of the
 * Chinese demo data, the same every time; no customers when @n_customers is 0 */
CrmTestDb   *crm_gui_test_demo_db_new     (guint           n_customers);

/* Runs the main loop for @ms milliseconds */
/* Runs the main loop for @ms (times $CRM_TEST_SLOWDOWN, for slow builds) */
void         crm_gui_test_iterate         (guint           ms);

/* The first widget under @root, @root included, that @match finds, or NULL */
GtkWidget   *crm_gui_test_find_widget     (GtkWidget      *root,
                                           CrmGuiTestMatch match,
                                           gconstpointer   data);
/* The same, failing the test when there is none */
GtkWidget   *crm_gui_test_find_child      (GtkWidget      *root,
                                           CrmGuiTestMatch match,
                                           gconstpointer   data);
/* The AdwPreferencesRow titled @title under @root, failing the test when
 * there is none */
GtkWidget   *crm_gui_test_find_row        (GtkWidget      *root,
                                           const char     *title);
/* Adds every widget under @root, @root included, that @match finds to @out */
void         crm_gui_test_find_all        (GtkWidget      *root,
                                           CrmGuiTestMatch match,
                                           gconstpointer   data,
                                           GPtrArray      *out);
/* The widget under @root that @match finds, once it is mapped, waiting for it
 * up to @timeout_ms (the profile builds its sections one per frame), or NULL */
GtkWidget   *crm_gui_test_wait_for_widget (GtkWidget      *root,
                                           CrmGuiTestMatch match,
                                           gconstpointer   data,
                                           guint           timeout_ms);

/* The visible window of @type (an editor or a message dialog), the last one
 * listed when there are several, or NULL */
GtkWindow   *crm_gui_test_find_toplevel   (GType           type);
/* Iterates until no visible window of @type is left, @timeout_ms at most
 * (a slow machine, a sanitizer build); TRUE if none is left. */
gboolean     crm_gui_test_toplevel_gone   (GType           type,
                                           guint           timeout_ms);

/* The text of the message shown in the boxed list right after @row, or NULL
 * when the row after it is hidden or there is none */
const char  *crm_gui_test_message_after   (GtkWidget      *row);

/* Match functions: @data as each says */

/* A mapped GtkLabel showing the text @data (gtk_label_get_text ()) */
gboolean     crm_gui_test_is_mapped_label_with_text  (GtkWidget     *widget,
                                                      gconstpointer  text);
/* A mapped GtkLabel whose label, as set (with its mnemonic underline or
 * markup), is @data (gtk_label_get_label ()) */
gboolean     crm_gui_test_is_mapped_label_with_label (GtkWidget     *widget,
                                                      gconstpointer  label);
/* An AdwPreferencesRow titled @data */
gboolean     crm_gui_test_is_row_titled              (GtkWidget     *widget,
                                                      gconstpointer  title);
/* An AdwPreferencesGroup titled @data */
gboolean     crm_gui_test_is_group_titled            (GtkWidget     *widget,
                                                      gconstpointer  title);
/* A GtkTextView; @data is unused */
gboolean     crm_gui_test_is_text_view               (GtkWidget     *widget,
                                                      gconstpointer  data);

G_END_DECLS
