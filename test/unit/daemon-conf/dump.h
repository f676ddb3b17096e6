/* SPDX-License-Identifier: GPL-2.0-only */
/* A stable text form of a loaded configuration, for golden tests. */
#ifndef TEST_CONF_DUMP_H
#define TEST_CONF_DUMP_H

#include <stdio.h>

#include "daemon/conf.h"

void conf_dump(const struct conf *conf, FILE *f);

#endif
