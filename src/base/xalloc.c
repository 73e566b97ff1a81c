#include "xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

char *vstrfmt(const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int len = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (len < 0)
		return NULL;
	char *s = malloc((size_t)len + 1);
	if (s)
		vsnprintf(s, (size_t)len + 1, fmt, ap);
	return s;
}

char *strfmt(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vstrfmt(fmt, ap);
	va_end(ap);
	return s;
}

int grow_array(void **items, size_t *alloc, size_t need, size_t size)
{
	if (need <= *alloc)
		return 0;
	size_t n = *alloc ? *alloc : 8;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return -1;
		n *= 2;
	}
	if (n > SIZE_MAX / size)
		return -1;
	void *p = realloc(*items, n * size);
	if (!p)
		return -1;
	*items = p;
	*alloc = n;
	return 0;
}
