#ifndef NTM_TEST_LEVELS_H
#define NTM_TEST_LEVELS_H
/*
 * levels: the priority levels of docs/model.md ("Targets and their
 * priorities"), computed again for the test oracles (bruteforce,
 * plancheck) from the definition written there, not with the planner's
 * own functions (dataset.c), so that a mistake in those shows.
 *
 * A target's shortfall counts relative to its size; a level's objective is
 * Σ weight × shortfall over its targets, weight = S / size with S the
 * least common multiple of the level's sizes when that is at most
 * 1,000,000, otherwise S = 1,000,000 and the weight rounded to the nearest
 * whole number (at least 1). exclude_commune has no level.
 */
#include <math.h>
#include <stddef.h>

#include "dataset.h"

#define ORACLE_LEVELS_MAX 64
#define ORACLE_SCALE_MAX 1000000LL

static inline int oracle_priority(const struct target *t)
{
	return t->priority > 0 ? t->priority : 1;
}

static inline long long oracle_size(const struct dataset *ds, const struct target *t)
{
	long long size = 1;
	switch (t->kind) {
	case TARGET_COMMUNES_STANDARD:
	case TARGET_CRITERION_COMMUNES:
		size = llround(t->value);
		break;
	case TARGET_MIN_CRITERIA:
		size = llround(t->value) * (long long)ds->ncommunes;
		break;
	case TARGET_AVG_CRITERIA:
		size = (long long)ceil(t->value * (double)ds->ncommunes - 1e-9);
		break;
	case TARGET_DISTRICT_STANDARD:
		size = 0;
		for (size_t c = 0; c < ds->ncommunes; c++)
			size += ds->communes[c].district == t->subject_index;
		break;
	default:
		break;
	}
	return size < 1 ? 1 : size;
}

/* The distinct priorities of the targets that can fall short, ascending,
 * into prio[ORACLE_LEVELS_MAX]; returns how many. */
static inline size_t oracle_levels(const struct dataset *ds, int *prio)
{
	size_t n = 0;
	for (size_t i = 0; i < ds->ntargets; i++) {
		int p = oracle_priority(&ds->targets[i]);
		int seen = ds->targets[i].kind == TARGET_EXCLUDE_COMMUNE;
		for (size_t j = 0; j < n && !seen; j++)
			seen = prio[j] == p;
		if (seen || n == ORACLE_LEVELS_MAX)
			continue;
		size_t at = n++;
		while (at > 0 && prio[at - 1] > p) {
			prio[at] = prio[at - 1];
			at--;
		}
		prio[at] = p;
	}
	return n;
}

static inline long long oracle_gcd(long long a, long long b)
{
	while (b) {
		long long r = a % b;
		a = b;
		b = r;
	}
	return a;
}

/* The weight of target i in its level. */
static inline long long oracle_weight(const struct dataset *ds, size_t i)
{
	int p = oracle_priority(&ds->targets[i]);
	long long scale = 1;
	for (size_t j = 0; j < ds->ntargets; j++) {
		const struct target *t = &ds->targets[j];
		if (t->kind == TARGET_EXCLUDE_COMMUNE || oracle_priority(t) != p)
			continue;
		long long size = oracle_size(ds, t);
		scale = scale / oracle_gcd(scale, size) * size;
		if (scale > ORACLE_SCALE_MAX) {
			scale = ORACLE_SCALE_MAX;
			break;
		}
	}
	long long w = llround((double)scale / (double)oracle_size(ds, &ds->targets[i]));
	return w < 1 ? 1 : w;
}

#endif
