#ifndef NTM_SOLVER_ENV_H
#define NTM_SOLVER_ENV_H
/*
 * solver_env: the solver's test hooks and trace, taken from the
 * environment. The solver itself reads no environment (solve.h: struct
 * solve_params); the command does, here and only here, so that the tests
 * and the tuning notes (docs/performance.md, docs/benchmarks.md) can still
 * switch them on from the shell:
 *
 *   NTM_SOLVER_TRACE       set: each stage's steps on standard error, each
 *                          line after the seconds since the first
 *   NTM_SOLVER_TEST_PATHS  set: solve_params.test_paths
 *   NTM_MASTER_BLOCKS=B    B > 0: solve_params.master_blocks
 *   NTM_MASTER_ROUNDS=R    R > 0: solve_params.master_max_rounds
 *   NTM_MASTER_SCALED      set: solve_params.master_scaled
 *
 * A value that is not a number above 0 leaves the default.
 */
#include "solve.h"

/* Fills `p` with solve_params_init()'s defaults, then what the
 * environment sets. */
void solver_env_read(struct solve_params *p);

/* The parameters every solve of this run of the command uses: read from
 * the environment once, on the first call. */
const struct solve_params *solver_env_params(void);

#endif
