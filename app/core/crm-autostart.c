/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-autostart"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "crm-autostart.h"
#include "crm-store.h"

char *
crm_autostart_path (const char *config_dir)
{
  return g_build_filename (config_dir != NULL ? config_dir : g_get_user_config_dir (),
                           "autostart", APP_ID ".desktop", NULL);
}

gboolean
crm_autostart_is_enabled (const char *config_dir)
{
  g_autofree char *path = crm_autostart_path (config_dir);
  g_autoptr(GKeyFile) entry = g_key_file_new ();

  if (!g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, NULL))
    return FALSE;
  if (g_key_file_get_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_HIDDEN, NULL))
    return FALSE;
  if (g_key_file_has_key (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", NULL) &&
      !g_key_file_get_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", NULL))
    return FALSE;
  return TRUE;
}

gboolean
crm_autostart_get_database (const char  *config_dir,
                            char       **database)
{
  g_autofree char *path = crm_autostart_path (config_dir);
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autofree char *exec = NULL;
  g_auto(GStrv) argv = NULL;

  if (database != NULL)
    *database = NULL;
  if (!crm_autostart_is_enabled (config_dir) ||
      !g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, NULL))
    return FALSE;
  exec = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, NULL);
  if (exec == NULL || !g_shell_parse_argv (exec, NULL, &argv, NULL))
    return TRUE;
  for (guint i = 0; argv[i] != NULL && argv[i + 1] != NULL; i++)
    if (g_str_equal (argv[i], "--database") && database != NULL)
      {
        GString *unescaped = g_string_new (argv[i + 1]);

        /* the spec's %% is one % */
        g_string_replace (unescaped, "%%", "%", 0);
        *database = g_string_free (unescaped, FALSE);
      }
  return TRUE;
}

/* The desktop entry spec's quoting: arguments with reserved characters in
 * double quotes, with " ` $ \ escaped; then, as the value is a string, the
 * backslashes doubled again by the key file. */
static void
append_argument (GString    *line,
                 const char *argument)
{
  if (line->len > 0)
    g_string_append_c (line, ' ');
  if (argument[0] != '\0' && strpbrk (argument, " \t\n\"'\\><~|&;$*?#()`=%") == NULL)
    {
      g_string_append (line, argument);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = argument; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '`' || *p == '$' || *p == '\\')
        g_string_append_c (line, '\\');
      if (*p == '%')
        g_string_append_c (line, '%');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

char *
crm_autostart_exec_line (const char *executable,
                         const char *database_path)
{
  GString *line = g_string_new (NULL);

  append_argument (line, executable);
  append_argument (line, "--background");
  if (database_path != NULL)
    {
      append_argument (line, "--database");
      append_argument (line, database_path);
    }
  return g_string_free (line, FALSE);
}

gboolean
crm_autostart_set (const char  *config_dir,
                   gboolean     enabled,
                   const char  *executable,
                   const char  *database_path,
                   GError     **error)
{
  g_autofree char *path = crm_autostart_path (config_dir);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *exec = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GKeyFile) entry = NULL;
  gsize length = 0;

  g_return_val_if_fail (!enabled || executable != NULL, FALSE);

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Could not remove “%s”: %s"), display, g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  exec = crm_autostart_exec_line (executable, database_path);
  entry = g_key_file_new ();
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE, "Application");
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NAME, _("Rapport Reminders"));
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         _("Reminds you of follow-ups, ticket deadlines and birthdays while the window is closed"));
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, exec);
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, APP_ID);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TERMINAL, FALSE);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", TRUE);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-UsesNotifications", TRUE);
  data = g_key_file_to_data (entry, &length, NULL);

  return g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

static char *
running_executable (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *in_path = g_find_program_in_path ("rapport");

  if (self == NULL || (in_path != NULL && g_str_equal (in_path, self)))
    return g_strdup ("rapport");
  return g_steal_pointer (&self);
}

gboolean
crm_autostart_set_for_database (const char  *config_dir,
                                gboolean     enabled,
                                const char  *database_path,
                                GError     **error)
{
  g_autofree char *executable = running_executable ();
  g_autofree char *default_path = crm_store_default_path ();

  g_return_val_if_fail (database_path != NULL, FALSE);

  return crm_autostart_set (config_dir, enabled, executable,
                            g_str_equal (database_path, default_path) ? NULL : database_path, error);
}

gboolean
crm_autostart_is_for_database (const char *config_dir,
                               const char *database_path)
{
  g_autofree char *database = NULL;

  if (!crm_autostart_get_database (config_dir, &database))
    return FALSE;
  if (database == NULL)
    database = crm_store_default_path ();
  return g_strcmp0 (database, database_path) == 0;
}
