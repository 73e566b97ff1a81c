#ifndef NTM_SUGGEST_H
#define NTM_SUGGEST_H
/*
 * suggest: "did you mean" for a mistyped command (`ntmplan plna` -> plan).
 *
 * The distance is the optimal string alignment distance (Levenshtein plus
 * the swap of two neighbouring characters, each counting 1), on bytes: the
 * commands are ASCII, and a typo in them is most often a swapped, missing
 * or extra letter. A candidate is suggested only when it is close enough
 * to be what was meant (suggest_close_enough), so `ntmplan xyz` gets no
 * guess. Pure functions: no output, no allocation that outlives the call.
 */
#include <stddef.h>

/* The distance between a and b; SIZE_MAX when a or b is too long to be a
 * command (over SUGGEST_MAX_LEN bytes) or memory runs out. */
#define SUGGEST_MAX_LEN 64
size_t suggest_distance(const char *a, const char *b);

/* Whether a typo at `distance` from `candidate` is close enough to suggest
 * it: at most 2 edits, and fewer than half the candidate's letters
 * (so "ab" does not suggest "plan"). */
int suggest_close_enough(size_t distance, const char *candidate);

/* The candidate closest to `word` (the first of equals, in the order
 * given), or NULL when none is close enough or `word` is one of them. */
const char *suggest_best(const char *word, const char *const *candidates, size_t n);

#endif
