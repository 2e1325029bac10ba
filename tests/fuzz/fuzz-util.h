/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* 2026-11-20 10:00:00 Asia/Shanghai, as in the core tests */
#define FUZZ_NOW G_GINT64_CONSTANT (1795140000)

/* A fresh database in a temporary directory (in /dev/shm when there is one,
 * so that synchronous=FULL costs nothing), with a fixed clock.  The
 * directory is removed at exit.  Aborts when it cannot be made.  Makes
 * warnings and criticals fatal. */
CrmStore *fuzz_store_new      (void);
/* A path for a file in that same directory. */
char     *fuzz_tmp_path       (const char *name);
/* @data as a NUL-terminated string (embedded NULs kept). */
char     *fuzz_strndup        (const guint8 *data,
                               gsize         size);

G_END_DECLS
