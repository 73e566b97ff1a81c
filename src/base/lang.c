#include "lang.h"

#include <string.h>

static enum lang current_lang = LANG_VI;

void lang_set(enum lang lang)
{
	current_lang = lang;
}

enum lang lang_get(void)
{
	return current_lang;
}

int lang_parse(const char *text, enum lang *out)
{
	if (!strcmp(text, "vi")) {
		*out = LANG_VI;
		return 0;
	}
	if (!strcmp(text, "en")) {
		*out = LANG_EN;
		return 0;
	}
	return -1;
}
