#include "provenance.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "lang.h"
#include "text.h"
#include "xalloc.h"

void provenance_init(struct provenance *prov)
{
	memset(prov, 0, sizeof(*prov));
}

void provenance_release(struct provenance *prov)
{
	for (size_t i = 0; i < prov->nr; i++) {
		free(prov->items[i].name);
		free(prov->items[i].value);
	}
	free(prov->items);
	provenance_init(prov);
}

int provenance_add(struct provenance *prov, enum provenance_kind kind,
		   const char *name, const char *value)
{
	void *items = prov->items;
	if (grow_array(&items, &prov->alloc, prov->nr + 1, sizeof(*prov->items)))
		return -1;
	prov->items = items;
	struct provenance_item *it = &prov->items[prov->nr];
	it->kind = kind;
	it->name = strdup(name ? name : "");
	it->value = strdup(value ? value : "");
	if (!it->name || !it->value) {
		free(it->name);
		free(it->value);
		return -1;
	}
	prov->nr++;
	return 0;
}

const char *provenance_kind_name(enum provenance_kind kind)
{
	switch (kind) {
	case PROVENANCE_PROGRAM: return "program";
	case PROVENANCE_SCENARIO: return "scenario";
	case PROVENANCE_DATASET: return "dataset";
	case PROVENANCE_FILE: return "file";
	case PROVENANCE_OVERRIDE: return "override";
	}
	return "?";
}

static void digest_hex(struct sha256_ctx *ctx, char hex[SHA256_HEX_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_digest(ctx, sizeof(digest), digest);
	for (size_t i = 0; i < sizeof(digest); i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[2 * SHA256_DIGEST_SIZE] = '\0';
}

void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE])
{
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	digest_hex(&ctx, hex);
}

int sha256_file_hex(const char *path, char hex[SHA256_HEX_SIZE])
{
	struct sha256_ctx ctx;
	unsigned char buf[65536];
	size_t n;
	FILE *in = fopen(path, "rb");
	if (!in)
		return -1;
	sha256_init(&ctx);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		sha256_update(&ctx, n, buf);
	int failed = ferror(in);
	fclose(in);
	if (failed) {
		errno = EIO;
		return -1;
	}
	digest_hex(&ctx, hex);
	return 0;
}

/* The name column of an override: where it came from. */
static const char *origin(const struct provenance_item *it)
{
	return *it->name ? it->name : L("command line", "dòng lệnh");
}

/* Items of one kind as two aligned columns, each line indented. */
static int print_pairs(FILE *out, const struct provenance *prov, enum provenance_kind kind)
{
	size_t width = 0;
	for (size_t i = 0; i < prov->nr; i++) {
		size_t w = text_width(origin(&prov->items[i]));
		if (prov->items[i].kind == kind && w > width)
			width = w;
	}
	for (size_t i = 0; i < prov->nr; i++) {
		const struct provenance_item *it = &prov->items[i];
		if (it->kind != kind)
			continue;
		if (fputs("  ", out) == EOF || text_pad(out, origin(it), width, TEXT_LEFT) ||
		    fprintf(out, "  %s\n", it->value) < 0)
			return -1;
	}
	return 0;
}

int provenance_print(FILE *out, const struct provenance *prov)
{
	size_t noverrides = 0;
	for (size_t i = 0; i < prov->nr; i++) {
		const struct provenance_item *it = &prov->items[i];
		int w = 0;
		if (it->kind == PROVENANCE_SCENARIO)
			w = fprintf(out, L("Scenario: %s (%s)\n", "Kịch bản: %s (%s)\n"),
				    it->value, it->name);
		else if (it->kind == PROVENANCE_DATASET)
			w = fprintf(out, L("Dataset folder: %s\n", "Thư mục dữ liệu: %s\n"), it->name);
		else if (it->kind == PROVENANCE_OVERRIDE)
			noverrides++;
		if (w < 0)
			return -1;
	}
	if (fputs(L("Files read (SHA-256):\n", "Các tệp đã đọc (SHA-256):\n"), out) == EOF ||
	    print_pairs(out, prov, PROVENANCE_FILE))
		return -1;
	if (!noverrides)
		return fputs(L("Changes to the dataset: none\n",
			       "Thay đổi so với bộ dữ liệu: không có\n"), out) == EOF ? -1 : 0;
	if (fputs(L("Changes to the dataset, in the order applied:\n",
		    "Thay đổi so với bộ dữ liệu, theo thứ tự áp dụng:\n"), out) == EOF)
		return -1;
	return print_pairs(out, prov, PROVENANCE_OVERRIDE);
}
