#ifndef NTM_GLPKUTIL_H
#define NTM_GLPKUTIL_H
/*
 * glpkutil: GLPK without aborts and without terminal output.
 *
 * GLPK calls abort() when it meets an internal error or API misuse, and it
 * writes to the terminal. Core code must do neither, so every module that
 * talks to GLPK brackets its calls like this:
 *
 *     jmp_buf failed;
 *     jmp_buf *outer = ntm_glpk_catch(&failed);
 *     glp_prob *volatile lp = NULL;
 *     if (setjmp(failed)) {          // GLPK failed
 *             free(...);             // what this function owns, GLPK's aside
 *             ntm_glpk_recover(outer);
 *             return -1;
 *     }
 *     lp = glp_create_prob();
 *     ...
 *     glp_delete_prob(lp);
 *     ntm_glpk_end(outer);
 *
 * On an error GLPK calls our hook, which longjmps to the innermost
 * bracket's `failed`. GLPK's environment, and with it every problem object
 * of every bracket, is then in an undefined state and can only be freed as
 * a whole (GLPK manual, glp_error_hook).
 *
 * Brackets nest: funding_solve() has its own, and the solver calls it
 * inside solve_plan()'s. ntm_glpk_catch() returns the bracket it nests in
 * (NULL: none) and ntm_glpk_end() routes errors back there, so an error
 * after a nested bracket has ended is still caught by the outer one. Only
 * the outermost bracket frees the environment: ntm_glpk_recover() in a
 * nested bracket does not return but passes the error on to the bracket
 * it nests in (longjmp), since the problems the outer brackets hold went
 * with the environment and their code must not go on using them. What the
 * functions between the two brackets allocated is then not freed; a GLPK
 * error is a bug, reported as "the solver failed".
 *
 * Variables changed after setjmp and read after it returns again must be
 * volatile (C11 7.13.2.1); calling ntm_glpk_catch() before setjmp keeps
 * `outer` out of that.
 *
 * GLPK's terminal output is captured, never printed: ntm_glpk_last_message()
 * returns the last line GLPK wrote, for error messages.
 */
#include <setjmp.h>

/* Opens a bracket: routes GLPK errors to `target` and silences GLPK's
 * terminal output. Returns the bracket this one nests in, NULL when it is
 * the outermost; give it to ntm_glpk_end() or ntm_glpk_recover(). */
jmp_buf *ntm_glpk_catch(jmp_buf *target);

/* Closes a bracket: errors go to `outer` again (NULL: GLPK's default,
 * abort). */
void ntm_glpk_end(jmp_buf *outer);

/* After a longjmp from GLPK to a bracket opened with `outer` as its
 * result. The outermost bracket (outer NULL) frees GLPK's environment and
 * returns; a nested one longjmps to `outer` and does not return. */
void ntm_glpk_recover(jmp_buf *outer);

/* The last text GLPK wrote (an error message after a failure), or "". */
const char *ntm_glpk_last_message(void);

#endif
