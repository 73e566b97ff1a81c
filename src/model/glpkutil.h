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
 *     glp_prob *volatile lp = NULL;
 *     if (setjmp(failed)) {          // GLPK failed: every glp_prob is gone
 *             ntm_glpk_recover();
 *             return -1;
 *     }
 *     ntm_glpk_catch(&failed);
 *     lp = glp_create_prob();
 *     ...
 *     glp_delete_prob(lp);
 *     ntm_glpk_catch(NULL);
 *
 * On an error GLPK calls our hook, which longjmps to `failed`; GLPK's
 * environment (and with it every problem object) must then be freed, which
 * ntm_glpk_recover() does. Variables changed after setjmp and read after it
 * returns again must be volatile (C11 7.13.2.1).
 *
 * GLPK's terminal output is captured, never printed: ntm_glpk_last_message()
 * returns the last line GLPK wrote, for error messages.
 */
#include <setjmp.h>

/* Routes GLPK errors to `target` (NULL: back to GLPK's default, abort) and
 * silences GLPK's terminal output. */
void ntm_glpk_catch(jmp_buf *target);

/* After a longjmp from GLPK: frees GLPK's environment. */
void ntm_glpk_recover(void);

/* The last text GLPK wrote (an error message after a failure), or "". */
const char *ntm_glpk_last_message(void);

#endif
