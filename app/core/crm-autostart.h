/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Run in the background for reminders": an XDG autostart entry
 * ($XDG_CONFIG_HOME/autostart/APP_ID.desktop) that starts
 * `rapport --background` when the user logs in. */

/* The entry's path under @config_dir (NULL: g_get_user_config_dir ()). */
char     *crm_autostart_path        (const char  *config_dir);
/* Whether the entry exists and is not switched off (Hidden=true or
 * X-GNOME-Autostart-enabled=false). */
gboolean  crm_autostart_is_enabled  (const char  *config_dir);
/* Whether the entry is enabled; then @database (may be NULL) gets the
 * --database it opens, NULL for the default one. */
gboolean  crm_autostart_get_database (const char  *config_dir,
                                      char       **database);
/* Writes the entry (mode 0644, through a temporary file) running
 * @executable --background, with --database @database_path unless that is
 * NULL; or removes it.  Removing a missing entry is fine. */
gboolean  crm_autostart_set         (const char  *config_dir,
                                     gboolean     enabled,
                                     const char  *executable,
                                     const char  *database_path,
                                     GError     **error);
/* The same for the database at @database_path: the entry opens it (no
 * --database for the default one), started as `rapport` when that is the
 * running program, else by its full path (a build tree). */
gboolean  crm_autostart_set_for_database (const char  *config_dir,
                                          gboolean     enabled,
                                          const char  *database_path,
                                          GError     **error);
/* Whether the entry is enabled and opens @database_path. */
gboolean  crm_autostart_is_for_database  (const char  *config_dir,
                                          const char  *database_path);
/* The Exec line of the entry, quoted for a desktop entry. */
char     *crm_autostart_exec_line   (const char  *executable,
                                     const char  *database_path);

G_END_DECLS
