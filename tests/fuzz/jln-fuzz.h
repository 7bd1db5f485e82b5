/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

/* The libFuzzer entry point each fuzz-*.c defines. The same function is
 * linked into the fuzzer (clang -fsanitize=fuzzer) and into the replay test
 * (jln-fuzz-replay.c, any compiler), so a crasher committed under
 * tests/fuzz/crashers/<target>/ is replayed through exactly the code that
 * crashed. */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Once per process: criticals abort (a g_return_if_fail() reached from
 * hostile bytes is a bug worth a crash report); messages and warnings are
 * dropped, so the fuzzer's output stays readable. */
void jln_fuzz_init (void);

/* @data as a NUL-terminated string (hostile bytes may hold NULs of their own;
 * callers that need the length keep @size). */
char *jln_fuzz_strndup (const uint8_t *data, size_t size);

G_END_DECLS
