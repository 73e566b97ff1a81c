#include "app.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sys/stat.h>

#include "explain.h"
#include "lang.h"
#include "loader.h"
#include "pdf.h"
#include "planout.h"
#include "xalloc.h"

void app_run_init(struct app_run *run)
{
	memset(run, 0, sizeof(*run));
	scenario_init(&run->sc);
	dataset_init(&run->replan.orig_ds);
	progress_init(&run->replan.pg);
	replan_init(&run->replan.rp);
	original_init(&run->replan.orig);
	diag_list_init(&run->warnings, DIAG_DEFAULT_LIMIT);
	dataset_init(&run->ds);
	provenance_init(&run->prov);
	plan_init(&run->plan);
}

void app_run_release(struct app_run *run)
{
	plan_release(&run->plan);
	dataset_release(&run->replan.orig_ds);
	progress_release(&run->replan.pg);
	replan_release(&run->replan.rp);
	original_release(&run->replan.orig);
	diag_list_release(&run->warnings);
	provenance_release(&run->prov);
	dataset_release(&run->ds);
	scenario_release(&run->sc);
	app_run_init(run);
}

/* The scenario file named by --scenario or by `arg`, or NULL when the run
 * is on a dataset folder: a path that is not a folder, or ends in ".ini",
 * is a scenario. */
static const char *scenario_file(const struct app_run *run, const char *arg)
{
	struct stat st;
	size_t len;
	if (run->scenario_file)
		return run->scenario_file;
	if ((!stat(arg, &st) && !S_ISDIR(st.st_mode)) ||
	    ((len = strlen(arg)) > 4 && !strcmp(arg + len - 4, ".ini")))
		return arg;
	return NULL;
}

static enum app_status read_scenario(struct app_run *run, struct diag_list *diags)
{
	size_t before = diag_count(diags);
	enum scenario_status st = scenario_read(&run->sc, run->file, diags);
	run->errors = diag_count(diags) - before;
	switch (st) {
	case SCENARIO_OK:
		return APP_OK;
	case SCENARIO_MISSING:
		return APP_SCENARIO_MISSING;
	case SCENARIO_INVALID:
		return APP_SCENARIO_INVALID;
	default:
		return APP_NOMEM;
	}
}

static enum app_status load(struct app_run *run, struct diag_list *diags)
{
	size_t before = diag_count(diags);
	enum load_status st = dataset_load(&run->ds, run->sc.dataset, diags);
	run->errors = diag_count(diags) - before;
	switch (st) {
	case LOAD_OK:
		return APP_OK;
	case LOAD_MISSING:
		return APP_DATASET_MISSING;
	case LOAD_NO_FOLDER:
		return APP_DATASET_NO_FOLDER;
	case LOAD_INVALID:
		return APP_DATASET_INVALID;
	case LOAD_NOMEM:
		break;
	}
	return APP_NOMEM;
}

static enum app_status apply_changes(struct app_run *run, struct diag_list *diags)
{
	switch (scenario_apply(&run->sc, &run->ds, diags)) {
	case SCENARIO_OK:
		return APP_OK;
	case SCENARIO_BAD_OPTION:
		return APP_USAGE;
	case SCENARIO_INVALID:
		return APP_CHANGES_INVALID;
	default:
		return APP_NOMEM;
	}
}

/* A progress.h status as the pipeline's; `invalid` for PROGRESS_INVALID. */
static enum app_status progress_status(enum progress_status st, enum app_status invalid)
{
	switch (st) {
	case PROGRESS_OK:
		return APP_OK;
	case PROGRESS_MISSING:
		return APP_INPUT_MISSING;
	case PROGRESS_INVALID:
		return invalid;
	default:
		return APP_FAILED;
	}
}

/* Reads the progress file and turns run->ds into the re-plan's dataset
 * (run->replan.from stays 0 when no re-plan is asked for). */
static enum app_status prepare_replan(struct app_run *run, struct diag_list *diags)
{
	struct app_replan *rr = &run->replan;
	const struct override *where;
	enum app_status st;
	size_t before = diag_count(diags);

	scenario_progress(&run->sc, &rr->from, &rr->file, &where);
	if (!rr->from != !rr->file) {
		diag_add(diags, NULL, 0, 0, "%s",
			 L("re-planning needs both --from YEAR and --progress FILE ([progress] from and file)",
			   "điều chỉnh kế hoạch cần cả --from YEAR và --progress FILE ([progress] from và file)"));
		return APP_USAGE;
	}
	if (!rr->from) {
		if (!rr->against)
			return APP_OK;
		diag_add(diags, NULL, 0, 0, "%s", L("--against goes with --from and --progress",
						    "--against đi cùng --from và --progress"));
		return APP_USAGE;
	}
	char *origin = where->file ? strfmt("%s:%ld", where->file, where->line) : strdup("--from");
	run->warnings.limit = diags->limit;
	if (!origin || dataset_copy(&rr->orig_ds, &run->ds)) {
		st = APP_FAILED;
	} else {
		st = progress_status(progress_load(&rr->pg, &run->ds, rr->from, origin, rr->file,
						   diags, &run->warnings), APP_PROGRESS_INVALID);
		run->errors = diag_count(diags) - before;
		/* The warnings of a file that is refused are not shown. */
		if (st != APP_OK)
			diag_list_release(&run->warnings);
	}
	if (st == APP_OK && rr->against)
		st = progress_status(original_load(&rr->orig, &rr->orig_ds, rr->from, rr->against,
						   diags), APP_AGAINST_INVALID);
	if (st == APP_OK && replan_apply(&run->ds, &rr->pg, &rr->rp))
		st = APP_FAILED;
	if (st == APP_FAILED && diag_count(diags) == before)
		diag_add(diags, NULL, 0, 0, L("out of memory", "hết bộ nhớ"));
	free(origin);
	return st;
}

const struct replan_view *app_replan_view(const struct app_run *run, struct replan_view *view)
{
	if (!run->replan.from)
		return NULL;
	*view = (struct replan_view){&run->replan.orig_ds, &run->replan.rp, &run->replan.orig,
				     run->replan.against};
	return view;
}

enum app_status app_prepare(struct app_run *run, const char *arg, struct diag_list *diags)
{
	enum app_status st;

	if (run->scenario_file && arg) {
		diag_add(diags, NULL, 0, 0,
			 L("give either a dataset or scenario argument or --scenario, not both ('%s')",
			   "chỉ ghi một trong hai: bộ dữ liệu hoặc kịch bản, hoặc --scenario ('%s')"), arg);
		return APP_USAGE;
	}
	if (!run->scenario_file && !arg) {
		diag_add(diags, NULL, 0, 0, L("give a dataset or a scenario", "cần một bộ dữ liệu hoặc kịch bản"));
		return APP_USAGE;
	}
	run->file = scenario_file(run, arg);
	if (run->file)
		st = read_scenario(run, diags);
	else
		st = scenario_set_dataset(&run->sc, arg) ? APP_NOMEM : APP_OK;
	if (st == APP_OK)
		st = load(run, diags);
	if (st == APP_OK)
		st = apply_changes(run, diags);
	if (st == APP_OK && scenario_provenance(&run->sc, &run->ds, &run->prov, diags))
		st = APP_INPUT_MISSING;
	if (st == APP_OK)
		st = prepare_replan(run, diags);
	return st;
}

void app_solve_limits(const struct app_run *run, struct solve_options *so)
{
	so->time_limit = scenario_time_limit(&run->sc, APP_DEFAULT_TIME_LIMIT);
	so->node_limit = scenario_node_limit(&run->sc, SOLVE_DEFAULT_NODE_LIMIT);
	so->money_tolerance = scenario_money_tolerance(&run->sc, SOLVE_DEFAULT_MONEY_TOLERANCE);
}

/* solve_plan() between the hooks that bracket a solve (the watchdog). */
static int solve_hooked(const struct dataset *ds, const struct solve_options *so,
			struct plan *p, const struct app_hooks *hooks, struct diag_list *diags)
{
	if (hooks && hooks->solve_begin)
		hooks->solve_begin(so->time_limit, hooks->arg);
	int rc = solve_plan(ds, so, p, diags);
	if (hooks && hooks->solve_end)
		hooks->solve_end(hooks->arg);
	return rc;
}

/* ---- plan ---- */

void app_plan_options_init(struct app_plan_options *o)
{
	memset(o, 0, sizeof(*o));
	o->method = SOLVE_AUTO;
	o->csv_format = CSV_FORMAT_EXCEL_VI;
}

/* The folder `dir`, made when missing. Returns 0, or -1 with errno set
 * (ENOTDIR when it is a file). */
int app_ensure_folder(const char *dir)
{
	struct stat st;
	if (!stat(dir, &st)) {
		errno = ENOTDIR;
		return S_ISDIR(st.st_mode) ? 0 : -1;
	}
	return mkdir(dir, 0777);
}

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) * 1e-9;
}

enum app_status app_plan(struct app_run *run, const struct app_plan_options *o,
			 const struct app_hooks *hooks, struct plan rule_plans[RULE_COUNT],
			 struct diag_list *diags)
{
	struct solve_options so;

	solve_options_init(&so);
	so.method = o->method;
	so.params = o->params;
	app_solve_limits(run, &so);
	if ((o->lp_file && solve_write_model(&run->ds, o->lp_file, MODEL_LP, diags)) ||
	    (o->mps_file && solve_write_model(&run->ds, o->mps_file, MODEL_MPS, diags)))
		return APP_WRITE_FAILED;
	if (solve_hooked(&run->ds, &so, &run->plan, hooks, diags))
		return APP_FAILED;
	/* The price of each target that binds or falls short: the plan again
	 * without it (docs/model.md), within the same limits. */
	struct timespec priced_from, priced_to;
	clock_gettime(CLOCK_MONOTONIC, &priced_from);
	if (!o->no_prices) {
		if (hooks && hooks->solve_begin)
			hooks->solve_begin(so.time_limit, hooks->arg);
		int rc = solve_prices(&run->ds, &so, &run->plan, diags);
		if (hooks && hooks->solve_end)
			hooks->solve_end(hooks->arg);
		if (rc)
			return APP_FAILED;
	}
	clock_gettime(CLOCK_MONOTONIC, &priced_to);
	if (o->out_dir && (app_ensure_folder(o->out_dir) ||
			   planout_write_all(&run->plan, &run->prov, o->out_dir,
					     o->csv_format, diags))) {
		if (!diags->nr)
			diag_add(diags, o->out_dir, 0, 0, L("cannot create the folder: %s",
							    "không tạo được thư mục: %s"), strerror(errno));
		return APP_WRITE_FAILED;
	}
	if (hooks && hooks->planned)
		hooks->planned(&run->plan, o->no_prices ? 0 : seconds_between(&priced_from, &priced_to),
			       hooks->arg);
	for (int r = 0; r < RULE_COUNT; r++) {
		if (rules_plan(&run->ds, (enum rule)r, &rule_plans[r])) {
			diag_add(diags, NULL, 0, 0, L("the rule-of-thumb plans failed",
						      "không lập được phương án theo cách làm thông thường"));
			return APP_FAILED;
		}
	}
	if (run->replan.from && !run->replan.against) {
		/* The plan made at the start, computed again from the dataset. */
		struct plan orig;
		plan_init(&orig);
		int failed = solve_hooked(&run->replan.orig_ds, &so, &orig, hooks, diags) ||
			     original_from_plan(&run->replan.orig, &orig, run->replan.from);
		plan_release(&orig);
		if (failed)
			return APP_FAILED;
	}
	struct replan_view view;
	struct explain_result why;
	explain_result_init(&why);
	/* explain --all's runs from the plan solved above (plan --explain). */
	if (o->explain && explain_solved(&run->ds, &so, SOLVE_STAGE(OBJ_COMMUNES + 1) - 1,
					 &run->plan, NULL, 0, &why, diags)) {
		explain_result_release(&why);
		return APP_FAILED;
	}
	int failed = o->pdf_file &&
		pdf_write_proposal(o->pdf_file, &run->plan, rule_plans, RULE_COUNT, &run->prov,
				   app_replan_view(run, &view), o->explain ? &why : NULL, o->date,
				   diags);
	explain_result_release(&why);
	if (failed)
		return APP_WRITE_FAILED;
	if (o->strict && run->plan.objective[OBJ_SHORTFALL] > 0)
		return APP_TARGETS_UNMET;
	return APP_OK;
}

/* ---- sweep ---- */

void app_sweep_options_init(struct app_sweep_options *o)
{
	memset(o, 0, sizeof(*o));
	sweep_options_init(&o->sweep);
	o->csv_format = CSV_FORMAT_EXCEL_VI;
}


enum app_status app_sweep(struct app_run *run, const struct app_sweep_options *o,
			  const struct app_hooks *hooks, struct sweep *sw,
			  struct diag_list *diags)
{
	struct sweep_options so = o->sweep;
	struct timespec start, end;

	if (o->source) {
		so.source = dataset_match_source(&run->ds, o->source);
		if (so.source == -3)
			return APP_NOMEM;
		if (so.source < 0) {
			/* Name the sources there are, ids and display names. */
			char *names = dataset_source_names(&run->ds);
			diag_add(diags, NULL, 0, 0, so.source == -2 ?
				 L("invalid --source '%s': it names more than one source (%s)",
				   "--source '%s' không hợp lệ: trùng tên với nhiều nguồn (%s)") :
				 L("invalid --source '%s': the dataset has no such source (%s)",
				   "--source '%s' không hợp lệ: bộ dữ liệu không có nguồn này (%s)"),
				 o->source, names ? names : "?");
			free(names);
			return APP_USAGE;
		}
	}
	/* The time limit is per point here, not for a whole plan. */
	so.solve.time_limit = scenario_time_limit(&run->sc, SWEEP_DEFAULT_TIME_LIMIT);
	so.solve.node_limit = scenario_node_limit(&run->sc, SOLVE_DEFAULT_NODE_LIMIT);
	clock_gettime(CLOCK_MONOTONIC, &start);
	if (hooks && hooks->solve_begin)
		hooks->solve_begin(so.solve.time_limit * so.points, hooks->arg);
	int swept = sweep_run(sw, &run->ds, &so, diags);
	if (hooks && hooks->solve_end)
		hooks->solve_end(hooks->arg);
	if (swept)
		return swept == 1 ? APP_USAGE : APP_FAILED;
	clock_gettime(CLOCK_MONOTONIC, &end);
	if (hooks && hooks->swept)
		hooks->swept(sw, seconds_between(&start, &end), hooks->arg);
	if ((o->csv_file && sweep_save(sw, SWEEP_CSV, o->csv_format, o->csv_file, NULL, diags)) ||
	    (o->svg_file && sweep_save(sw, SWEEP_SVG, o->csv_format, o->svg_file,
				       run->sc.name ? run->sc.name : run->sc.dataset, diags)))
		return APP_WRITE_FAILED;
	return APP_OK;
}

/* ---- compare ---- */

void app_compare_init(struct app_compare *cmp)
{
	memset(cmp, 0, sizeof(*cmp));
}

void app_compare_release(struct app_compare *cmp)
{
	for (size_t i = 0; cmp->runs && i < cmp->n; i++)
		app_run_release(&cmp->runs[i]);
	for (size_t i = 0; cmp->labels && i < cmp->n; i++)
		free(cmp->labels[i]);
	free(cmp->runs);
	free(cmp->entries);
	free(cmp->labels);
	app_compare_init(cmp);
}

enum app_status app_compare(struct app_compare *cmp, char *const *args, size_t n,
			    const struct app_compare_options *o,
			    const struct app_hooks *hooks, struct diag_list *diags)
{
	app_compare_release(cmp);
	cmp->runs = calloc(n, sizeof(*cmp->runs));
	cmp->entries = calloc(n, sizeof(*cmp->entries));
	cmp->labels = calloc(n, sizeof(*cmp->labels));
	if (!cmp->runs || !cmp->entries || !cmp->labels) {
		app_compare_release(cmp);
		return APP_NOMEM;
	}
	cmp->n = n;
	for (size_t i = 0; i < n; i++)
		app_run_init(&cmp->runs[i]);
	for (size_t i = 0; i < n; i++) {
		struct app_run *r = &cmp->runs[i];
		struct solve_options so;
		const int variant = o->changes && i >= o->first_variant;
		cmp->failed = i;
		if (variant && o->changes(i - o->first_variant, &r->sc, o->changes_arg))
			return APP_USAGE;
		enum app_status st = app_prepare(r, args[i], diags);
		if (st != APP_OK)
			return st;
		solve_options_init(&so);
		so.params = o->params;
		app_solve_limits(r, &so);
		/* The command line's limits win over each scenario's own. */
		so.time_limit = scenario_time_limit(o->limits, so.time_limit);
		so.node_limit = scenario_node_limit(o->limits, so.node_limit);
		so.money_tolerance = scenario_money_tolerance(o->limits, so.money_tolerance);
		if (solve_hooked(&r->ds, &so, &r->plan, hooks, diags))
			return APP_FAILED;
		cmp->labels[i] = variant ? strfmt("%s", o->labels[i - o->first_variant]) :
				 r->sc.name ? strfmt("%s (%s)", r->sc.name, args[i]) :
				 strfmt("%s", args[i]);
		if (!cmp->labels[i])
			return APP_NOMEM;
		cmp->entries[i] = (struct compare_entry){cmp->labels[i], &r->plan, &r->prov};
	}
	if (o->pdf_file && pdf_write_compare(o->pdf_file, cmp->entries, n, o->date, diags))
		return APP_WRITE_FAILED;
	return APP_OK;
}
