/* anjuctl-test-run.h — runs the built anjuctl (ANJUCTL) for the cli tests */
#pragma once

#include <gio/gio.h>
#include <stdarg.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

void result_clear (Result *r);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Runs anjuctl --database @database ARGS… (@args, NULL-terminated) with
 * @input on stdin; its exit status and output in @r. */
void anjuctl_test_runv (Result     *r,
                        const char *database,
                        const char *input,
                        va_list     args);

G_END_DECLS
