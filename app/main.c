/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport"

#include <locale.h>
#include <glib/gi18n.h>

#include "crm-application.h"

/* Run from the build tree, the translations built there are used. */
static const char *
locale_dir (void)
{
#ifdef BUILD_ROOT
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL && g_str_has_prefix (exe, BUILD_ROOT "/"))
    return BUILD_LOCALEDIR;
#endif
  return LOCALEDIR;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CrmApplication) app = NULL;

  /* stdout carries what was asked for (the reminders --check-reminders
   * prints); GLib's debug and info messages go to stderr with the warnings */
  g_log_writer_default_set_use_stderr (TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = crm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
