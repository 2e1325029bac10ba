/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "crm-autostart.h"
#include "crm-test-util.h"

static char **
read_exec (const char *config_dir)
{
  g_autofree char *path = crm_autostart_path (config_dir);
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  char **argv = NULL;

  g_assert_true (g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  {
    g_autofree char *group = g_key_file_get_start_group (entry);

    g_assert_cmpstr (group, ==, G_KEY_FILE_DESKTOP_GROUP);
  }
  exec = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, &error);
  g_assert_no_error (error);
  g_assert_true (g_key_file_get_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, NULL));
  /* the desktop entry spec's quoting is a subset of the shell's */
  g_assert_true (g_shell_parse_argv (exec, NULL, &argv, &error));
  g_assert_no_error (error);
  return argv;
}

static void
test_autostart_switch (void)
{
  g_autofree char *dir = crm_test_tmp_dir ();
  g_autofree char *path = crm_autostart_path (dir);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  GStatBuf st;

  g_assert_false (crm_autostart_is_enabled (dir));
  /* switching off what is not there is fine */
  g_assert_true (crm_autostart_set (dir, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (crm_autostart_set (dir, TRUE, "/usr/bin/rapport", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (crm_autostart_is_enabled (dir));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  argv = read_exec (dir);
  {
    char *database = (char *) "not set";

    /* the default database: no --database */
    g_assert_true (crm_autostart_get_database (dir, &database));
    g_assert_null (database);
  }
  g_assert_cmpuint (g_strv_length (argv), ==, 2);
  g_assert_cmpstr (argv[0], ==, "/usr/bin/rapport");
  g_assert_cmpstr (argv[1], ==, "--background");

  g_assert_true (crm_autostart_set (dir, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (crm_autostart_is_enabled (dir));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  crm_test_rm_rf (dir);
}

static void
test_autostart_quoting (void)
{
  g_autofree char *dir = crm_test_tmp_dir ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  const char *database = "/home/王 芳/My \"CRM\" $data\\100%.db";

  g_assert_true (crm_autostart_set (dir, TRUE, "/opt/rapport build/rapport", database, &error));
  g_assert_no_error (error);
  argv = read_exec (dir);
  g_assert_cmpuint (g_strv_length (argv), ==, 4);
  g_assert_cmpstr (argv[0], ==, "/opt/rapport build/rapport");
  g_assert_cmpstr (argv[1], ==, "--background");
  g_assert_cmpstr (argv[2], ==, "--database");
  /* the spec doubles %; the shell keeps it: the one difference */
  g_assert_cmpstr (argv[3], ==, "/home/王 芳/My \"CRM\" $data\\100%%.db");
  {
    g_autofree char *read_back = NULL;

    g_assert_true (crm_autostart_get_database (dir, &read_back));
    g_assert_cmpstr (read_back, ==, database);
  }
  crm_test_rm_rf (dir);
}

static void
test_autostart_disabled_by_user (void)
{
  g_autofree char *dir = crm_test_tmp_dir ();
  g_autofree char *path = crm_autostart_path (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *edited = NULL;

  g_assert_true (crm_autostart_set (dir, TRUE, "rapport", NULL, &error));
  g_assert_true (g_file_get_contents (path, &data, NULL, &error));
  /* the session's own "startup applications" switch */
  edited = g_strconcat (data, "Hidden=true\n", NULL);
  g_assert_true (g_file_set_contents (path, edited, -1, &error));
  g_assert_false (crm_autostart_is_enabled (dir));
  crm_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/autostart/switch", test_autostart_switch);
  g_test_add_func ("/autostart/quoting", test_autostart_quoting);
  g_test_add_func ("/autostart/disabled-by-user", test_autostart_disabled_by_user);
  return g_test_run ();
}
