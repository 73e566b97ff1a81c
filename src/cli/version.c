/* `ntmplan --version`: see version.h. */
#include "version.h"

#include <glpk.h>

#include "lang.h"
#include "ntm_commit.h"

#define STR_(x) #x
#define STR(x) STR_(x)

int version_print(FILE *out)
{
	fprintf(out, "ntmplan %s\n", NTM_VERSION);
	fprintf(out, L("GLPK %s (built with %s)\n", "GLPK %s (biên dịch với %s)\n"),
		glp_version(), STR(GLP_MAJOR_VERSION) "." STR(GLP_MINOR_VERSION));
	return fprintf(out, "commit %s\n", NTM_COMMIT);
}
