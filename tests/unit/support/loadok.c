#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "diag.h"
#include "loadok.h"
#include "loader.h"

void load_ok(struct dataset *ds, const char *dir)
{
	struct diag_list diags;
	diag_list_init(&diags, 20);
	dataset_init(ds);
	enum load_status st = dataset_load(ds, dir, &diags);
	for (size_t i = 0; i < diags.nr; i++)
		diag_print(stderr, &diags.items[i]);
	assert_int_equal(st, LOAD_OK);
	assert_int_equal(diag_count(&diags), 0);
	diag_list_release(&diags);
}
