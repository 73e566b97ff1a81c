#include "dataset.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "lang.h"
#include "text.h"

void dataset_init(struct dataset *ds)
{
	memset(ds, 0, sizeof(*ds));
}

void dataset_release(struct dataset *ds)
{
	free(ds->name);
	free(ds->province);
	for (int k = 0; k < NTM_CRITERIA; k++) {
		free(ds->criteria[k].name_vi);
		free(ds->criteria[k].name_en);
		free(ds->criteria[k].unit);
		free(ds->criteria[k].unit_vi);
		free(ds->criteria[k].unit_en);
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
	for (size_t s = 0; s < ds->nsources; s++) {
		free(ds->sources[s].name);
		free(ds->sources[s].name_vi);
		free(ds->sources[s].name_en);
	}
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

/* Whether `text` names the source: exactly (folded == 0), or after
 * text_fold (folded == 1, `key` being the folded text). */
static int source_is(const struct source *src, const char *text, const char *key, int folded)
{
	const char *names[] = {src->name, src->name_vi, src->name_en};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!names[i])
			continue;
		if (!folded) {
			if (!strcmp(names[i], text))
				return 1;
			continue;
		}
		char *k = text_fold(names[i]);
		int same = k && !strcmp(k, key);
		free(k);
		if (same)
			return 1;
	}
	return 0;
}

long dataset_match_source(const struct dataset *ds, const char *text)
{
	for (size_t s = 0; s < ds->nsources; s++)
		if (source_is(&ds->sources[s], text, NULL, 0))
			return (long)s;
	char *key = text_fold(text);
	if (!key)
		return -3;
	long found = -1;
	for (size_t s = 0; s < ds->nsources && found != -2; s++)
		if (source_is(&ds->sources[s], text, key, 1))
			found = found == -1 ? (long)s : -2;
	free(key);
	return found;
}

char *dataset_source_names(const struct dataset *ds)
{
	size_t size = 1;
	for (size_t s = 0; s < ds->nsources; s++) {
		const struct source *src = &ds->sources[s];
		/* ", " id " (" vi ", " en ")" */
		size += 2 + strlen(src->name) + 2 + (src->name_vi ? strlen(src->name_vi) : 0) +
			2 + (src->name_en ? strlen(src->name_en) : 0) + 1;
	}
	char *names = malloc(size), *w = names;
	if (!names)
		return NULL;
	*w = '\0';
	for (size_t s = 0; s < ds->nsources; s++) {
		const struct source *src = &ds->sources[s];
		w += sprintf(w, "%s%s", s ? ", " : "", src->name);
		if (src->name_vi && src->name_en)
			w += sprintf(w, " (%s, %s)", src->name_vi, src->name_en);
		else if (src->name_vi || src->name_en)
			w += sprintf(w, " (%s)", src->name_vi ? src->name_vi : src->name_en);
	}
	return names;
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

const char *target_kind_label(enum target_kind kind)
{
	switch (kind) {
	case TARGET_COMMUNES_STANDARD: return L("communes at standard", "số xã đạt chuẩn");
	case TARGET_CRITERION_COMMUNES: return L("communes meeting criterion", "số xã đạt tiêu chí");
	case TARGET_MIN_CRITERIA: return L("least criteria per commune", "số tiêu chí tối thiểu mỗi xã");
	case TARGET_AVG_CRITERIA: return L("average criteria per commune", "số tiêu chí bình quân mỗi xã");
	case TARGET_DISTRICT_STANDARD: return L("whole district at standard", "toàn huyện đạt chuẩn");
	case TARGET_REQUIRE_COMMUNE: return L("commune must reach the standard", "xã phải đạt chuẩn");
	case TARGET_EXCLUDE_COMMUNE: return L("commune receives no money", "xã không được cấp vốn");
	default: return "?";
	}
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

int target_has_shortfall(const struct target *t)
{
	return t->kind != TARGET_EXCLUDE_COMMUNE;
}

double target_size(const struct dataset *ds, const struct target *t)
{
	double size = 1;
	switch (t->kind) {
	case TARGET_COMMUNES_STANDARD:
	case TARGET_CRITERION_COMMUNES:
		size = t->value;
		break;
	case TARGET_MIN_CRITERIA:
		size = t->value * (double)ds->ncommunes;
		break;
	case TARGET_AVG_CRITERIA:
		size = ceil(t->value * (double)ds->ncommunes - 1e-9);
		break;
	case TARGET_DISTRICT_STANDARD:
		size = 0;
		for (size_t c = 0; c < ds->ncommunes; c++)
			size += ds->communes[c].district == t->subject_index;
		break;
	default:
		break;
	}
	return size >= 1 ? size : 1;
}

size_t dataset_levels(const struct dataset *ds, int *priority)
{
	size_t n = 0;
	for (size_t t = 0; t < ds->ntargets; t++) {
		const struct target *tg = &ds->targets[t];
		if (!target_has_shortfall(tg))
			continue;
		size_t at = 0;
		while (at < n && priority[at] < target_priority(tg))
			at++;
		if (at < n && priority[at] == target_priority(tg))
			continue;
		memmove(&priority[at + 1], &priority[at], (n - at) * sizeof(*priority));
		priority[at] = target_priority(tg);
		n++;
	}
	return n;
}

static double gcd(double a, double b)
{
	while (b > 0) {
		double r = fmod(a, b);
		a = b;
		b = r;
	}
	return a;
}

double dataset_level_scale(const struct dataset *ds, int priority)
{
	double lcm = 1;
	for (size_t t = 0; t < ds->ntargets; t++) {
		const struct target *tg = &ds->targets[t];
		if (!target_has_shortfall(tg) || target_priority(tg) != priority)
			continue;
		double size = target_size(ds, tg);
		lcm = lcm / gcd(lcm, size) * size;
		if (lcm > LEVEL_SCALE_MAX)
			return LEVEL_SCALE_MAX;
	}
	return lcm;
}

double target_weight(const struct dataset *ds, size_t ti)
{
	const struct target *tg = &ds->targets[ti];
	if (!target_has_shortfall(tg))
		return 0;
	double weight = floor(dataset_level_scale(ds, target_priority(tg)) / target_size(ds, tg) + 0.5);
	return weight >= 1 ? weight : 1;
}

const char *criterion_name(const struct criterion *cr)
{
	return lang_get() == LANG_EN ? cr->name_en : cr->name_vi;
}

const char *criterion_unit(const struct criterion *cr)
{
	const char *u = lang_get() == LANG_EN ? cr->unit_en : cr->unit_vi;
	return u && *u ? u : cr->unit;
}

const char *source_name(const struct source *src)
{
	const char *n = lang_get() == LANG_EN ? src->name_en : src->name_vi;
	return n && *n ? n : src->name;
}
