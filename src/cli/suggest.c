/* "Did you mean": see suggest.h. */
#include "suggest.h"

#include <stdint.h>
#include <string.h>

size_t suggest_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > SUGGEST_MAX_LEN || m > SUGGEST_MAX_LEN)
		return SIZE_MAX;
	/* d[i][j]: the distance between the first i bytes of a and the first
	 * j of b. Small enough to live on the stack. */
	size_t d[SUGGEST_MAX_LEN + 1][SUGGEST_MAX_LEN + 1];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = d[i - 1][j - 1] + cost;       /* keep or replace */
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;             /* delete from a */
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;             /* insert into a */
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;         /* swap two neighbours */
			d[i][j] = best;
		}
	}
	return d[n][m];
}

int suggest_close_enough(size_t distance, const char *candidate)
{
	return distance > 0 && distance <= 2 && 2 * distance < strlen(candidate);
}

const char *suggest_best(const char *word, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t best_distance = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		size_t dist = suggest_distance(word, candidates[i]);
		if (dist == 0)
			return NULL;
		if (dist < best_distance && suggest_close_enough(dist, candidates[i])) {
			best = candidates[i];
			best_distance = dist;
		}
	}
	return best;
}
