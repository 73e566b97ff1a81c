/*
 * legacyenc tcvn3|vni < utf8 > legacy: writes Vietnamese UTF-8 text in the
 * TCVN3 (ABC, .VnTime fonts) or VNI (VNI-Windows fonts) byte encoding, from
 * their published code tables, to make the files the encoding tests
 * refuse (docs/data-format.md). Not part of ntmplan: it refuses those
 * files, never writes them.
 *
 * TCVN3 is the VN3 set of TCVN 5712:1993: one byte for every lower-case
 * toned vowel (0xB5-0xFE), 0xA1-0xA7 for Ă Â Ê Ô Ơ Ư Đ and 0xA8-0xAE for
 * ă â ê ô ơ ư đ. It has no other capitals: ABC users type them with the
 * capitals font (.VnTimeH) over the lower-case codes, which this does too.
 * VNI writes a vowel as its base letter followed by mark bytes (0xE2 â for
 * a circumflex, 0xF9 ù for an acute, ...), ơ ư đ as 0xF4 0xF6 0xF1 and the
 * toned i as one byte; capitals take the marks 0x20 lower.
 * Other characters pass through when they are ASCII; anything else is an
 * error (exit 1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum { NONE, ACUTE, GRAVE, HOOK, TILDE, DOT };

/* The twelve vowels, by base letter and modifier. */
static const char *const vowels[12] = {
	"a", "a^", "a(", "e", "e^", "i", "o", "o^", "o+", "u", "u+", "y",
};

/* TCVN3, lower case: [vowel][tone]. */
static const unsigned char tcvn3[12][6] = {
	{0x61, 0xB8, 0xB5, 0xB6, 0xB7, 0xB9}, /* a */
	{0xA9, 0xCA, 0xC7, 0xC8, 0xC9, 0xCB}, /* â */
	{0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6}, /* ă */
	{0x65, 0xD0, 0xCC, 0xCE, 0xCF, 0xD1}, /* e */
	{0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6}, /* ê */
	{0x69, 0xDD, 0xD7, 0xD8, 0xDC, 0xDE}, /* i */
	{0x6F, 0xE3, 0xDF, 0xE1, 0xE2, 0xE4}, /* o */
	{0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9}, /* ô */
	{0xAC, 0xED, 0xEA, 0xEB, 0xEC, 0xEE}, /* ơ */
	{0x75, 0xF3, 0xEF, 0xF1, 0xF2, 0xF4}, /* u */
	{0xAD, 0xF8, 0xF5, 0xF6, 0xF7, 0xF9}, /* ư */
	{0x79, 0xFD, 0xFA, 0xFB, 0xFC, 0xFE}, /* y */
};
/* TCVN3 capitals without a tone: Â Ă Ê Ô Ơ Ư (by vowel index). */
static const unsigned char tcvn3_caps[12] = {
	0, 0xA2, 0xA1, 0, 0xA3, 0, 0, 0xA4, 0xA5, 0, 0xA6, 0,
};

/* VNI, lower case: tone marks after a plain vowel, after â ê ô, after ă;
 * the toned i; ư ơ. */
static const unsigned char vni_tone[6] = {0, 0xF9, 0xF8, 0xFB, 0xF5, 0xEF};
static const unsigned char vni_tone_hat[6] = {0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4};
static const unsigned char vni_tone_breve[6] = {0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB};
static const unsigned char vni_i[6] = {0x69, 0xED, 0xEC, 0xE6, 0xF3, 0xF2};

static void put(int c, int upper)
{
	putchar(upper && c >= 0xE0 ? c - 0x20 : upper && c >= 'a' && c <= 'z' ? c - 0x20 : c);
}

static void write_vni(int v, int tone, int upper)
{
	const char *name = vowels[v];

	if (name[0] == 'i') {
		put(vni_i[tone], upper);
		return;
	}
	if (name[1] == '+') {  /* ơ ư are one byte, then the tone */
		put(name[0] == 'o' ? 0xF4 : 0xF6, upper);
		if (tone)
			put(vni_tone[tone], upper);
		return;
	}
	put(name[0], upper);
	if (name[1] == '^')
		put(vni_tone_hat[tone], upper);
	else if (name[1] == '(')
		put(vni_tone_breve[tone], upper);
	else if (name[0] == 'y' && tone == DOT)
		put(0xEE, upper);  /* ỵ: "yî" */
	else if (tone)
		put(vni_tone[tone], upper);
}

int main(int argc, char **argv)
{
	static char in[1 << 20];
	size_t len = fread(in, 1, sizeof(in) - 1, stdin);
	int vni;
	utf8proc_int32_t *cps;
	utf8proc_ssize_t n;

	if (argc != 2 || (strcmp(argv[1], "tcvn3") && strcmp(argv[1], "vni"))) {
		fprintf(stderr, "usage: legacyenc tcvn3|vni < utf8 > legacy\n");
		return 2;
	}
	vni = !strcmp(argv[1], "vni");
	in[len] = '\0';
	/* Decomposed: a base letter, then its modifier and tone marks. */
	n = utf8proc_decompose((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)len, NULL, 0,
			       UTF8PROC_DECOMPOSE);
	if (n < 0 || !(cps = malloc((size_t)n * sizeof(*cps) + 1)))
		return 1;
	utf8proc_decompose((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)len, cps, n,
			   UTF8PROC_DECOMPOSE);
	for (utf8proc_ssize_t i = 0; i < n; i++) {
		utf8proc_int32_t c = cps[i];
		int upper = c >= 'A' && c <= 'Z';
		int lower = upper ? c + 0x20 : c;
		char mod = 0;
		int tone = NONE, v = -1;

		if (c == 0x111 || c == 0x110) {  /* đ Đ */
			putchar(vni ? (c == 0x111 ? 0xF1 : 0xD1) : (c == 0x111 ? 0xAE : 0xA7));
			continue;
		}
		if (c >= 0x80) {
			fprintf(stderr, "legacyenc: U+%04X has no place in %s\n", (unsigned)c, argv[1]);
			return 1;
		}
		if (!strchr("aeiouy", lower) || !lower) {
			putchar(c);
			continue;
		}
		for (; i + 1 < n && cps[i + 1] >= 0x300 && cps[i + 1] < 0x370; i++) {
			switch (cps[i + 1]) {
			case 0x302: mod = '^'; break;
			case 0x306: mod = '('; break;
			case 0x31B: mod = '+'; break;
			case 0x301: tone = ACUTE; break;
			case 0x300: tone = GRAVE; break;
			case 0x309: tone = HOOK; break;
			case 0x303: tone = TILDE; break;
			case 0x323: tone = DOT; break;
			default:
				fprintf(stderr, "legacyenc: mark U+%04X is not Vietnamese\n",
					(unsigned)cps[i + 1]);
				return 1;
			}
		}
		for (int k = 0; k < 12; k++)
			if (vowels[k][0] == lower && vowels[k][1] == mod)
				v = k;
		if (v < 0) {
			fprintf(stderr, "legacyenc: '%c' with '%c' is not Vietnamese\n", lower, mod);
			return 1;
		}
		if (vni)
			write_vni(v, tone, upper);
		else if (upper && tone == NONE && tcvn3_caps[v])
			putchar(tcvn3_caps[v]);
		else if (upper && tone == NONE)
			putchar(c);
		else
			putchar(tcvn3[v][tone]);
	}
	free(cps);
	return ferror(stdout) ? 1 : 0;
}
