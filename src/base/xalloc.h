#ifndef NTM_XALLOC_H
#define NTM_XALLOC_H
/*
 * xalloc: small string helpers shared by every module.
 * They return NULL when memory runs out; callers turn that into an error.
 * Nothing here aborts the process.
 */
#include <stdarg.h>
#include <stddef.h>

/* A newly allocated string formatted as by vsnprintf, or NULL. */
char *vstrfmt(const char *fmt, va_list ap);
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
char *strfmt(const char *fmt, ...);

/* Grows *items (of *alloc elements of size `size`) to hold at least `need`
 * elements. Returns 0, or -1 when out of memory (then *items is unchanged). */
int grow_array(void **items, size_t *alloc, size_t need, size_t size);

#endif
