#ifndef NTM_DATASET_H
#define NTM_DATASET_H
/*
 * dataset: a province's New Rural Development data, in memory, validated.
 *
 * It is what the seven CSV files of a dataset folder say (docs/data-format.md),
 * after loader.c has checked them: every index below is in range, every
 * commune has exactly NTM_CRITERIA gap records, years are consecutive.
 * Everything else in ntmplan reads a dataset and never changes it.
 *
 * Money is in million VND throughout. The cost of closing gap (c, k) is
 * gap quantity x unit cost of k x cost factor of c (dataset_gap_cost).
 *
 * Ownership: the dataset owns all its strings and arrays.
 * dataset_init() allocates nothing; dataset_release() frees the contents
 * and leaves an initialised, empty dataset.
 */
#include <stddef.h>

#define NTM_CRITERIA 19

/* The largest amount, quantity, cost or factor a dataset may hold (million
 * VND for money): far above any province's budget, and small enough that
 * every sum and product the model and the reports make stays finite. */
#define DATASET_AMOUNT_MAX 1e15

/* A set of criteria, bit k-1 for criterion k. */
typedef unsigned long criteria_mask;
#define CRITERIA_ALL ((criteria_mask)((1UL << NTM_CRITERIA) - 1))
#define CRITERION_BIT(k) ((criteria_mask)1 << ((k) - 1))

struct criterion {
	int number;        /* 1..NTM_CRITERIA; criteria[k-1].number == k */
	char *name_vi;
	char *name_en;
	char *unit;        /* unit in which gaps of this criterion are measured */
	char *unit_vi;     /* the unit for reports in each language, NULL when */
	char *unit_en;     /* criteria.csv has none: then `unit` is printed */
	int lead_years;    /* years from full funding to the criterion being met */
	double unit_cost;  /* million VND per unit */
};

struct commune {
	char *id;          /* unique key used by gaps.csv and targets.csv */
	char *name;
	size_t district;   /* index into dataset.districts */
	double cost_factor;/* multiplies every unit cost in this commune */
};

/* One commune x criterion record of gaps.csv. The last three fields are
 * 0 in a loaded dataset; only a re-plan (replan.h) sets them. */
struct gap {
	unsigned char met;      /* 1: the criterion is met at the baseline */
	unsigned char fundable; /* 0: money cannot close it before the horizon */
	double quantity;        /* in the criterion's unit; 0 when met */
	double paid;            /* re-plan: money already paid towards the gap
				 * in past years; its cost is what is left */
	unsigned char pending;  /* re-plan: paid in full in a past year, met
				 * `pending_lead` years after year 1 starts */
	int pending_lead;       /* re-plan: replaces the criterion's lead years */
};

struct source {
	char *name;             /* the id: budget.csv, options, CSV outputs */
	char *name_vi;          /* display names for reports, NULL when */
	char *name_en;          /* sources.csv has none: then the id is printed */
	criteria_mask criteria; /* criteria this source may fund */
	int carry_over;         /* 1: unspent money stays available later */
};

enum target_kind {
	TARGET_COMMUNES_STANDARD,  /* value: communes at standard wanted */
	TARGET_CRITERION_COMMUNES, /* subject: criterion; value: communes meeting it */
	TARGET_MIN_CRITERIA,       /* value: least criteria met by every commune */
	TARGET_AVG_CRITERIA,       /* value: least average criteria per commune */
	TARGET_DISTRICT_STANDARD,  /* subject: district; all its communes at standard */
	TARGET_REQUIRE_COMMUNE,    /* subject: commune; must reach standard */
	TARGET_EXCLUDE_COMMUNE,    /* subject: commune; receives no money */
	TARGET_KIND_COUNT
};

struct target {
	enum target_kind kind;
	char *subject;       /* as written in targets.csv ("" when none) */
	size_t subject_index;/* criterion number, district or commune index */
	double value;        /* 0 for kinds that take no value */
	int priority;        /* 1 first (targets.csv's priority column; default 1) */
	long line;           /* line of targets.csv, for messages */
};

/* The largest priority a target may have. */
#define TARGET_PRIORITY_MAX 1000000

struct dataset {
	char *name;                 /* folder name, for reports */
	char *province;             /* dataset.csv's `province`, or NULL:
				     * reports then name the folder */
	struct criterion criteria[NTM_CRITERIA];

	struct commune *communes;
	size_t ncommunes;
	char **districts;           /* in order of first appearance */
	size_t ndistricts;

	struct gap *gaps;           /* ncommunes x NTM_CRITERIA, row-major */

	struct source *sources;     /* in order of sources.csv */
	size_t nsources;

	int first_year;             /* first planning year; baseline is the year before */
	int nyears;                 /* horizon = first_year + nyears - 1 */
	double *budget;             /* nyears x nsources: amount of year, source */

	struct target *targets;     /* in order of targets.csv */
	size_t ntargets;
};

void dataset_init(struct dataset *ds);
void dataset_release(struct dataset *ds);

static inline const struct gap *dataset_gap(const struct dataset *ds,
					     size_t commune, int criterion)
{
	return &ds->gaps[commune * NTM_CRITERIA + (size_t)(criterion - 1)];
}

static inline double dataset_budget(const struct dataset *ds, int year_index,
				    size_t source)
{
	return ds->budget[(size_t)year_index * ds->nsources + source];
}

static inline int dataset_horizon(const struct dataset *ds)
{
	return ds->first_year + ds->nyears - 1;
}

/* Lead years of gap (commune, criterion): the criterion's, or what is
 * left of them for a work a re-plan found paid in a past year. */
static inline int dataset_gap_lead(const struct dataset *ds, size_t commune, int criterion)
{
	const struct gap *g = dataset_gap(ds, commune, criterion);
	return g->pending ? g->pending_lead : ds->criteria[criterion - 1].lead_years;
}

/* Money needed to close gap (commune, criterion); 0 when it is met. In a
 * re-plan, what is left after the money paid in past years. */
double dataset_gap_cost(const struct dataset *ds, size_t commune, int criterion);

/* The criterion's name in the current language (lang.h). */
const char *criterion_name(const struct criterion *cr);

/* The criterion's unit in the current language (`unit` when not given). */
const char *criterion_unit(const struct criterion *cr);

/* The source's display name in the current language (its id when not
 * given). */
const char *source_name(const struct source *src);

/* Criteria the commune meets at the baseline. */
int dataset_criteria_met(const struct dataset *ds, size_t commune);

/* Whether money can make the commune reach the standard at all: every gap
 * it has is fundable. Says nothing about budget or lead times. */
int dataset_commune_closable(const struct dataset *ds, size_t commune);

/* Index of the commune with this id, district with this name, or source
 * with this name; -1 when there is none. */
long dataset_find_commune(const struct dataset *ds, const char *id);
long dataset_find_district(const struct dataset *ds, const char *name);
long dataset_find_source(const struct dataset *ds, const char *name);

/* The source a person names by its id or either display name, matched
 * exactly first, then case- and accent-insensitively (text_fold: "trung
 * uong" finds "Trung ương"). Returns its index, -1 when none matches, -2
 * when several sources match the folded name, or -3 out of memory. */
long dataset_match_source(const struct dataset *ds, const char *text);

/* The sources for messages: "central (Trung ương, Central budget),
 * province, ..." (ids, then display names where given). Newly allocated;
 * NULL when out of memory. */
char *dataset_source_names(const struct dataset *ds);

/* The name of a target kind as written in targets.csv. */
const char *target_kind_name(enum target_kind kind);
/* What a target kind means, for people, in the current language
 * ("communes at standard", "số xã đạt chuẩn"). */
const char *target_kind_label(enum target_kind kind);
/* Parses a target kind name; returns 0, or -1 when unknown. */
int target_kind_parse(const char *text, enum target_kind *out);

/*
 * Priorities (docs/model.md, "Targets and their priorities"). Every target
 * but exclude_commune (a rule of admissibility, never relaxed) can fall
 * short; its shortfall counts relative to its size (target_size), and the
 * targets of one priority level form one objective, solved before the
 * next level's. A level's objective is Σ weight × shortfall over its
 * targets, in whole numbers (target_weight): weight = S / size with S the
 * least common multiple of the level's sizes when that is at most
 * LEVEL_SCALE_MAX (exactly the relative shortfall, times S), otherwise
 * S = LEVEL_SCALE_MAX and the weight S / size rounded (the relative
 * shortfall in millionths, each weight within half a millionth).
 */
#define LEVEL_SCALE_MAX 1000000.0

/* The target's priority; a target built with none (0, as calloc leaves
 * it) has the default, 1. */
static inline int target_priority(const struct target *t)
{
	return t->priority > 0 ? t->priority : 1;
}

/* Whether the target has a shortfall, hence a place in a level. */
int target_has_shortfall(const struct target *t);

/* What a target's shortfall is relative to: communes wanted
 * (communes_standard, criterion_communes), criteria wanted in all
 * (min_criteria: value × communes; avg_criteria: ⌈value × communes⌉),
 * communes of the district (district_standard), 1 (require_commune).
 * Never below 1. */
double target_size(const struct dataset *ds, const struct target *t);

/* The priority levels: the distinct priorities of the targets that have a
 * shortfall, ascending, into `priority` (room for ds->ntargets). Returns
 * how many. */
size_t dataset_levels(const struct dataset *ds, int *priority);

/* The level's scale S (see above). */
double dataset_level_scale(const struct dataset *ds, int priority);

/* The whole weight of target `ti` in its level's objective (see above);
 * 0 for a target without a shortfall. */
double target_weight(const struct dataset *ds, size_t ti);

/* Whether the commune is excluded by an exclude_commune target. */
int dataset_commune_excluded(const struct dataset *ds, size_t commune);

#endif
