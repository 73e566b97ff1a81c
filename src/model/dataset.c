#include "dataset.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"

void dataset_init(struct dataset *ds)
{
	memset(ds, 0, sizeof(*ds));
}

void dataset_release(struct dataset *ds)
{
	free(ds->name);
	for (int k = 0; k < NTM_CRITERIA; k++) {
		free(ds->criteria[k].name_vi);
		free(ds->criteria[k].name_en);
		free(ds->criteria[k].unit);
	}
	for (size_t c = 0; c < ds->ncommunes; c++) {
		free(ds->communes[c].id);
		free(ds->communes[c].name);
	}
	free(ds->communes);
	for (size_t d = 0; d < ds->ndistricts; d++)
		free(ds->districts[d]);
	free(ds->districts);
	free(ds->gaps);
	for (size_t s = 0; s < ds->nsources; s++)
		free(ds->sources[s].name);
	free(ds->sources);
	free(ds->budget);
	for (size_t t = 0; t < ds->ntargets; t++)
		free(ds->targets[t].subject);
	free(ds->targets);
	dataset_init(ds);
}

double dataset_gap_cost(const struct dataset *ds, size_t commune, int criterion)
{
	const struct gap *g = dataset_gap(ds, commune, criterion);
	if (g->met || g->pending)
		return 0.0;
	double cost = g->quantity * ds->criteria[criterion - 1].unit_cost *
		      ds->communes[commune].cost_factor;
	/* A loaded dataset has paid == 0, so its costs are the product itself,
	 * to the bit. */
	return g->paid != 0 ? fmax(0.0, cost - g->paid) : cost;
}

int dataset_criteria_met(const struct dataset *ds, size_t commune)
{
	int met = 0;
	for (int k = 1; k <= NTM_CRITERIA; k++)
		met += dataset_gap(ds, commune, k)->met;
	return met;
}

int dataset_commune_closable(const struct dataset *ds, size_t commune)
{
	for (int k = 1; k <= NTM_CRITERIA; k++) {
		const struct gap *g = dataset_gap(ds, commune, k);
		if (!g->met && !g->fundable)
			return 0;
	}
	return 1;
}

long dataset_find_commune(const struct dataset *ds, const char *id)
{
	for (size_t c = 0; c < ds->ncommunes; c++)
		if (!strcmp(ds->communes[c].id, id))
			return (long)c;
	return -1;
}

long dataset_find_district(const struct dataset *ds, const char *name)
{
	for (size_t d = 0; d < ds->ndistricts; d++)
		if (!strcmp(ds->districts[d], name))
			return (long)d;
	return -1;
}

long dataset_find_source(const struct dataset *ds, const char *name)
{
	for (size_t s = 0; s < ds->nsources; s++)
		if (!strcmp(ds->sources[s].name, name))
			return (long)s;
	return -1;
}

static const char *const target_names[TARGET_KIND_COUNT] = {
	[TARGET_COMMUNES_STANDARD] = "communes_standard",
	[TARGET_CRITERION_COMMUNES] = "criterion_communes",
	[TARGET_MIN_CRITERIA] = "min_criteria",
	[TARGET_AVG_CRITERIA] = "avg_criteria",
	[TARGET_DISTRICT_STANDARD] = "district_standard",
	[TARGET_REQUIRE_COMMUNE] = "require_commune",
	[TARGET_EXCLUDE_COMMUNE] = "exclude_commune",
};

const char *target_kind_name(enum target_kind kind)
{
	return (unsigned)kind < TARGET_KIND_COUNT ? target_names[kind] : "?";
}

int target_kind_parse(const char *text, enum target_kind *out)
{
	for (int i = 0; i < TARGET_KIND_COUNT; i++) {
		if (!strcmp(text, target_names[i])) {
			*out = (enum target_kind)i;
			return 0;
		}
	}
	return -1;
}

int dataset_commune_excluded(const struct dataset *ds, size_t commune)
{
	for (size_t t = 0; t < ds->ntargets; t++)
		if (ds->targets[t].kind == TARGET_EXCLUDE_COMMUNE &&
		    ds->targets[t].subject_index == commune)
			return 1;
	return 0;
}

const char *criterion_name(const struct criterion *cr)
{
	return lang_get() == LANG_EN ? cr->name_en : cr->name_vi;
}
