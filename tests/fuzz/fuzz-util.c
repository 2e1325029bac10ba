/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-fuzz"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "crm-clock.h"
#include "fuzz-util.h"

static char *tmp_dir;

static void
remove_tmp_dir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (tmp_dir == NULL)
    return;
  dir = g_dir_open (tmp_dir, 0, NULL);
  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (tmp_dir, name, NULL);

        g_unlink (child);
      }
  g_rmdir (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

/* A crash leaves its directory behind (no atexit then): those of processes
 * that are gone are removed by the next run. */
static void
remove_stale_dirs (const char *parent)
{
  g_autoptr(GDir) dir = g_dir_open (parent, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GDir) stale = NULL;
      const char *child;
      gint64 pid;
      char *end;

      if (!g_str_has_prefix (name, "rapport-fuzz-"))
        continue;
      pid = g_ascii_strtoll (name + strlen ("rapport-fuzz-"), &end, 10);
      if (pid <= 0 || *end != '-' || kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      path = g_build_filename (parent, name, NULL);
      stale = g_dir_open (path, 0, NULL);
      while (stale != NULL && (child = g_dir_read_name (stale)) != NULL)
        {
          g_autofree char *file = g_build_filename (path, child, NULL);

          g_unlink (file);
        }
      g_rmdir (path);
    }
}

static const char *
get_tmp_dir (void)
{
  if (tmp_dir == NULL)
    {
      g_autofree char *parent = NULL;
      g_autofree char *template = NULL;

      if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
        parent = g_strdup ("/dev/shm");
      else
        parent = g_strdup (g_get_tmp_dir ());
      remove_stale_dirs (parent);
      template = g_strdup_printf ("%s/rapport-fuzz-%d-XXXXXX", parent, (int) getpid ());
      tmp_dir = g_mkdtemp (g_steal_pointer (&template));
      if (tmp_dir == NULL)
        g_error ("could not make a temporary directory");
      atexit (remove_tmp_dir);
    }
  return tmp_dir;
}

char *
fuzz_tmp_path (const char *name)
{
  return g_build_filename (get_tmp_dir (), name, NULL);
}

CrmStore *
fuzz_store_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (FUZZ_NOW);
  g_autofree char *path = fuzz_tmp_path ("fuzz.db");
  CrmStore *store;

  /* a warning or a critical is a bug the fuzzer must report */
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
  store = crm_store_open (path, clock, &error);

  if (store == NULL)
    g_error ("could not open %s: %s", path, error->message);
  return store;
}

char *
fuzz_strndup (const guint8 *data,
              gsize         size)
{
  char *text = g_malloc (size + 1);

  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';
  return text;
}
