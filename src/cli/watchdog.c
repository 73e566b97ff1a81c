/*
 * The watchdog. GLPK's time limit is checked between simplex iterations of
 * its own choosing and between nodes, and cannot stop a simplex that never
 * ends (seen once: docs/model.md). So a run that has a time limit gets an
 * alarm at the limit plus a generous grace (WATCHDOG_GRACE seconds, or
 * the limit again if longer, for reading, building and reporting): when
 * it rings, the run is stopped with a message and EXIT_WATCHDOG, and no
 * temporary output file is left (outfile.h). It never rings in a run that
 * keeps its limit.
 */
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/time.h>

#include "cli.h"
#include "lang.h"
#include "outfile.h"

#define WATCHDOG_GRACE 300.0

static const char *watchdog_message;

static void on_watchdog(int sig)
{
	(void)sig;
	outfile_remove_temporaries();
	if (watchdog_message)
		(void)!write(STDERR_FILENO, watchdog_message, strlen(watchdog_message));
	_exit(EXIT_WATCHDOG);
}

/* Arms the watchdog for a solve limited to `seconds` (0: none, nothing
 * armed); watchdog_disarm() when it is over. */
static void watchdog_arm(double seconds, void *arg)
{
	(void)arg;
	if (seconds <= 0)
		return;
	double grace = seconds > WATCHDOG_GRACE ? seconds : WATCHDOG_GRACE;
	/* For the test of the watchdog itself (e2e.interrupt), which cannot
	 * wait minutes nor make GLPK hang on purpose. */
	const char *test_grace = getenv("NTM_WATCHDOG_GRACE");
	if (test_grace && *test_grace)
		grace = atof(test_grace);
	double total = seconds + grace;
	watchdog_message = L("ntmplan: the solver ran far past its time limit and was stopped; "
			     "no output file was written (exit code 75)\n",
			     "ntmplan: bộ giải chạy quá xa giới hạn thời gian nên bị dừng; "
			     "không tệp kết quả nào được ghi (mã thoát 75)\n");
	struct itimerval timer = {{0, 0}, {0, 0}};
	if (total > 1e9)
		total = 1e9;
	timer.it_value.tv_sec = (time_t)total;
	timer.it_value.tv_usec = (suseconds_t)((total - floor(total)) * 1e6);
	if (timer.it_value.tv_sec == 0 && timer.it_value.tv_usec == 0)
		timer.it_value.tv_usec = 1;
	signal(SIGALRM, on_watchdog);
	setitimer(ITIMER_REAL, &timer, NULL);
}

static void watchdog_disarm(void *arg)
{
	(void)arg;
	struct itimerval off = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &off, NULL);
}

struct app_hooks cli_solve_hooks(void)
{
	return (struct app_hooks){.solve_begin = watchdog_arm, .solve_end = watchdog_disarm};
}
