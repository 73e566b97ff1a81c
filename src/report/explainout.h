#ifndef NTM_EXPLAINOUT_H
#define NTM_EXPLAINOUT_H
/*
 * explainout: why each commune is or is not in the plan (`ntmplan
 * explain`), as data, text and explain.csv. The runs that decide it are
 * made by src/app/explain.h; this module holds what they found and says it.
 *
 * "Optimal" here means optimal for the level stages: every stage up to and
 * including OBJ_COMMUNES (the target shortfall, then the communes at
 * standard at the horizon). The later stages only break ties between such
 * plans, so a commune that some optimal plan funds and another does not is
 * "contested", not "sure". Two plans are equally good when every level
 * stage has the same value; the stages are compared in order, whatever
 * their number, so that more level stages (one per target priority) need
 * no change here.
 *
 *   baseline   at standard before the plan: nothing to decide
 *   sure       in the plan, and every optimal plan funds it: the optimum
 *              of the dataset with it excluded (it gets no money) is worse
 *              on a level stage; `loss` says by how much
 *   contested  in some optimal plans, not in others; `others` says with
 *              whom it is exchanged
 *   out        in no optimal plan: requiring it (a require_commune target)
 *              makes the optimum worse on a level stage (`loss`), or money
 *              cannot bring it to standard by the horizon at all
 *
 * Ownership: the result owns its plan (which points to the dataset, not
 * owned) and its arrays. explain_result_init() allocates nothing;
 * explain_result_release() frees and re-initialises.
 */
#include <stdio.h>

#include "diag.h"
#include "outfile.h"
#include "plan.h"
#include "provenance.h"

enum explain_status {
	EXPLAIN_BASELINE,
	EXPLAIN_SURE,
	EXPLAIN_CONTESTED,
	EXPLAIN_OUT,
};

/* How a commune's status was decided. */
enum explain_basis {
	EXPLAIN_BY_NOTHING,   /* at standard at the baseline, or money cannot
			       * bring it to standard: no run needed */
	EXPLAIN_BY_OWN_RUN,   /* its own run: excluded (in the plan) or
			       * required (out of it); `loss` is that run's */
	EXPLAIN_BY_OTHER_RUN, /* an optimal plan found by another commune's
			       * run funds it (out of the plan) or leaves it
			       * without money (in the plan): contested, with
			       * no run of its own (`loss` is not known) */
};

struct explain_commune {
	size_t commune;
	enum explain_status status;
	enum explain_basis basis;
	int reachable;        /* money can bring it to standard by the horizon
			       * (plan_commune_candidate) */
	int earliest_year;    /* the first planning year it could be at
			       * standard, when reachable */
	/* Its own run, when basis is EXPLAIN_BY_OWN_RUN: */
	int proven;           /* every level stage of the run was proven */
	int later_proven;     /* and every later stage it solved */
	int run_has_it;       /* a requirement run: the commune is at
			       * standard in it (else the requirement was
			       * left unmet) */
	double loss[OBJ_COUNT]; /* per stage the run solved: how much worse
			       * the run's plan is than the plan (positive:
			       * worse; shortfall and money up, the others
			       * down); 0 for a stage not solved */
	double delta[OBJ_COUNT]; /* the run's objective values minus the
			       * plan's, as objectives.csv of the two runs
			       * give them (the requirement's own shortfall
			       * included) */
	unsigned stages;      /* SOLVE_STAGE bits the run solved */
	/* Sure: the communes the run brings to standard that the plan does
	 * not (they take its place). Contested: in the plan, those that
	 * take its place in the other optimal plan; out of it, those of the
	 * plan it displaces there. Out: those of the plan it displaces. */
	size_t *others;
	size_t nothers;
	/* Its own run's other side: the communes of the plan it also drops
	 * (an exclusion), or those it also brings to standard besides the
	 * commune (a requirement). A run solves the level stages only in
	 * explain --all, so its plan is one of the optimal plans, not the
	 * one closest to the plan: both lists can hold exchanges that do not
	 * involve the commune. */
	size_t *also;
	size_t nalso;
};

struct explain_result {
	struct plan plan;            /* the plan every commune is explained against */
	struct explain_commune *items; /* in the order asked (all: commune order) */
	size_t nitems;
	int all;                     /* every commune was asked (explain --all) */
	size_t runs;                 /* plan runs made besides the plan's own */
	double seconds;              /* wall time of the runs (for --timing only) */
};

void explain_result_init(struct explain_result *r);
void explain_result_release(struct explain_result *r);

/* "baseline", "sure", "contested", "out" (explain.csv). */
const char *explain_status_name(enum explain_status s);

/* The status in words, in the current language ("chắc chắn"). */
const char *explain_status_text(enum explain_status s);

/*
 * The explanation as text for people: for explain --all (r->all) one line
 * per commune, then the counts; else a section per commune asked, with
 * its year, works and money (in the plan) or what it lacks and its
 * earliest year (out of it), and what its run found. Returns 0, or -1 on
 * a write or memory error.
 */
int explain_print(FILE *out, const struct explain_result *r, const struct provenance *prov);

/* Writes explain.csv into `dir` (which must exist), whole or not at all:
 * commune_id, commune, district, status, standard_year (in the plan),
 * replacement_communes (in the plan: who takes its place),
 * replacement_commune_years (in the plan: commune-years lost without it),
 * displaces (out of the plan: whom it displaces when required), then what
 * its own run found: run (exclude, require, or empty), shortfall_change,
 * communes_change, commune_years_change (the run's objective values minus
 * the plan's; empty for a stage the run did not solve). Ids inside a field
 * are separated by ';'. In the CSV form `format` (outfile.h: headers in the
 * current language in the Excel forms). Returns 0, or -1 with a
 * diagnostic naming the file. */
int explain_write_csv(const struct explain_result *r, const char *dir, enum csv_format format,
		      struct diag_list *diags);

/* One sentence for commune item `i` (newly allocated, NULL when out of
 * memory): its status, year and price, as the text and the PDF say it. */
char *explain_sentence(const struct explain_result *r, size_t i);

#endif
