/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Moved to ui/shell/; this name stays until the verify window's tests
 * include the new one. */
#include "ui/shell/jln-preferences-window.h"
