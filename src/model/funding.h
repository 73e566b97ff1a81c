#ifndef NTM_FUNDING_H
#define NTM_FUNDING_H
/*
 * funding: can the budget pay for a schedule of completed gaps, and how.
 *
 * Criteria that exactly the same sources may fund form a *group*. Inside a
 * group any money can pay any gap, so whether a schedule can be
 * paid depends only on each group's demand per year: the money a group
 * receives by the end of year t must cover the gaps of the group completing
 * by t (cumulative), and each source spends at most its budget (per year, or
 * cumulatively when it carries over). That is a small transportation linear
 * program over groups x sources x years, solved here with GLPK's simplex;
 * paying the gaps of a group earliest completion first then always works
 * (docs/model.md).
 *
 * funding_groups_build() allocates; funding_groups_release() frees.
 */
#include <stddef.h>

#include "dataset.h"

struct funding_groups {
	size_t ngroups;
	criteria_mask *criteria;   /* per group: its criteria */
	unsigned long *sources;    /* per group: bit s set when source s may fund it */
	size_t group_of[NTM_CRITERIA]; /* criterion k+1 -> group, or SIZE_MAX
				    * when no source may fund it */
};

/* Returns 0 or -1 (out of memory). */
int funding_groups_build(const struct dataset *ds, struct funding_groups *g);
void funding_groups_release(struct funding_groups *g);

/*
 * Finds money for `demand` (ngroups x nyears, demand[grp * nyears + t-1]:
 * cost of the group's gaps completing in year t). On success fills `flow`
 * (ngroups x nsources x nyears, flow[(grp * nsources + s) * nyears + t-1]:
 * what source s pays to the group in year t), preferring money that lapses
 * (no carry-over) and, among the rest, the earliest, and returns 0.
 * Returns 1 when the budget cannot pay, -1 when the solver failed.
 * `flow` may be NULL to test feasibility only.
 */
int funding_solve(const struct dataset *ds, const struct funding_groups *g,
		  const double *demand, double *flow);

/*
 * The same question for many schedules of one dataset and its groups (the
 * rules of thumb try every candidate commune, 8,900 at national scale):
 * funding_solve() builds, scales and presolves a new LP for each, where
 * this keeps one, moves its demand rows' bounds and starts the dual
 * simplex from the last basis. funding_check() returns 0 (payable), 1 (not)
 * or -1 (solver failure). funding_check_init() allocates (0, or -1 out of
 * memory); funding_check_release() frees.
 */
struct funding_check {
	void *lp;          /* the GLPK problem (glp_prob *), NULL until the first check */
	int *col_of, *ind;
	double *val;
};

int funding_check_init(struct funding_check *fc, const struct dataset *ds,
		       const struct funding_groups *g);
int funding_check(struct funding_check *fc, const struct dataset *ds,
		  const struct funding_groups *g, const double *demand);
void funding_check_release(struct funding_check *fc);

#endif
