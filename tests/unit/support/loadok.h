#ifndef NTM_TEST_LOADOK_H
#define NTM_TEST_LOADOK_H
/*
 * loadok: the unit tests' way to load a dataset they expect to be good.
 * Linked into every tests/unit/test_*.c program (tests/CMakeLists.txt).
 */
#include "dataset.h"

/* Initialises ds and loads the dataset in dir into it. Fails the running
 * cmocka test, after printing every diagnostic to standard error, unless
 * it loads with no diagnostic at all (warnings included). The caller
 * releases ds with dataset_release(). */
void load_ok(struct dataset *ds, const char *dir);
#endif
