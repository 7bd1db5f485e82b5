/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Moved to ui/shell/; this name stays until jln-verify-window.c and its
 * tests include the new one. */
#include "ui/shell/jln-application.h"
