#include "solver_env.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* A trace line on standard error, after the seconds since the first line
 * of the run, so that the trace shows where a stage spends its time. */
static void trace_to_stderr(void *ctx, const char *line)
{
	double *first = ctx;
	if (*first == 0)
		*first = seconds_now();
	fprintf(stderr, "[%7.3f] %s", seconds_now() - *first, line);
}

void solver_env_read(struct solve_params *p)
{
	static double first_line;
	const char *value;

	solve_params_init(p);
	if (getenv("NTM_SOLVER_TRACE")) {
		p->trace = trace_to_stderr;
		p->trace_ctx = &first_line;
	}
	p->test_paths = getenv("NTM_SOLVER_TEST_PATHS") != NULL;
	p->master_scaled = getenv("NTM_MASTER_SCALED") != NULL;
	if ((value = getenv("NTM_MASTER_BLOCKS")) && atol(value) > 0)
		p->master_blocks = (size_t)atol(value);
	if ((value = getenv("NTM_MASTER_ROUNDS")) && atoi(value) > 0)
		p->master_max_rounds = atoi(value);
}

const struct solve_params *solver_env_params(void)
{
	static struct solve_params params;
	static int read;
	if (!read) {
		solver_env_read(&params);
		read = 1;
	}
	return &params;
}
