#include "glpkutil.h"

#include <stdio.h>
#include <string.h>

#include <glpk.h>

/* The innermost open bracket, NULL outside any. */
static jmp_buf *error_target;
static char last_message[512];

static int capture_output(void *info, const char *text)
{
	(void)info;
	/* Keep the last non-empty line: GLPK's error text comes in pieces. */
	if (text && *text && strcmp(text, "\n"))
		snprintf(last_message, sizeof(last_message), "%s", text);
	return 1; /* 1: GLPK must not print it */
}

static void on_glpk_error(void *info)
{
	jmp_buf *target = info;
	longjmp(*target, 1);
}

/* Routes GLPK's errors to `target` (NULL: GLPK's default) and its terminal
 * output to capture_output(). */
static void route_errors(jmp_buf *target)
{
	error_target = target;
	glp_term_hook(capture_output, NULL);
	if (target)
		glp_error_hook(on_glpk_error, target);
	else
		glp_error_hook(NULL, NULL);
}

jmp_buf *ntm_glpk_catch(jmp_buf *target)
{
	jmp_buf *outer = error_target;
	route_errors(target);
	return outer;
}

void ntm_glpk_end(jmp_buf *outer)
{
	route_errors(outer);
}

void ntm_glpk_recover(jmp_buf *outer)
{
	error_target = outer;
	if (outer)
		longjmp(*outer, 1); /* the outermost bracket frees the environment */
	/* The environment is in an undefined state after an error; freeing it
	 * is the only way back (GLPK manual, glp_error_hook). That also resets
	 * the hooks: the next GLPK call starts a fresh environment. */
	glp_free_env();
}

const char *ntm_glpk_last_message(void)
{
	size_t len = strlen(last_message);
	while (len && last_message[len - 1] == '\n')
		last_message[--len] = '\0';
	return last_message;
}
