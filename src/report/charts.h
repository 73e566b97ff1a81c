#ifndef NTM_CHARTS_H
#define NTM_CHARTS_H
/*
 * charts: the reports' charts, drawn with cairo and labelled with pango
 * on whatever surface the caller's cairo context draws on: the PDF's
 * pages (pdf.c) and the sweep's SVG (sweep.c), so both look alike and the
 * drawing is written once.
 *
 * Two kinds: a chart over categories (years), bars side by side or
 * stacked and lines with their points, a dashed target; and a frontier
 * over a numeric x axis (the budget), a line through its points (hollow
 * where not proven), a dashed mark at one x and a shaded span on the
 * left. Each is drawn into a box; numbers are text_number's, grouped per
 * language (lang.h). Nothing here decides a page break or writes a file.
 *
 * Text is laid out with unhinted metrics (chart_layout_create), so the
 * drawing is the same whatever the desktop's font settings: the same data
 * give the same bytes.
 */
#include <stddef.h>

#include <cairo.h>
#include <pango/pangocairo.h>

/* What a chart draws with; the caller owns all of it. */
struct chart_pen {
	cairo_t *cr;
	PangoLayout *layout;               /* from chart_layout_create */
	PangoFontDescription *title;       /* the chart's title */
	PangoFontDescription *label;       /* legend, ticks, notes */
	PangoFontDescription *label_bold;  /* a stacked bar's total */
};

/* A layout on `cr` with unhinted metrics and words wrapped (then
 * characters); NULL when out of memory. Free with g_object_unref. */
PangoLayout *chart_layout_create(cairo_t *cr);

/* Whether fontconfig has `family` itself for `font`, rather than a
 * substitute that may lack Vietnamese letters. */
int chart_font_available(PangoLayout *layout, const PangoFontDescription *font,
			 const char *family);

/* A layout's font, width (0 or less: one line, unwrapped), alignment and
 * text; the height and the width of what it holds (the PDF's text too). */
void text_layout_set(PangoLayout *layout, const PangoFontDescription *font, const char *text,
		     double width, PangoAlignment align);
double text_layout_height(PangoLayout *layout);
double text_layout_width(PangoLayout *layout);

enum series_style { SERIES_BAR, SERIES_LINE };

struct series {
	const char *name;
	const double *values;   /* one per x label */
	enum series_style style;
};

struct chart {
	const char *title;
	const char *const *xlabels;
	size_t nx;
	const struct series *series;
	size_t nseries;
	int stacked;            /* bars stacked, else side by side */
	double target;          /* a dashed line at this value, when > 0 */
	const char *target_label;
	int bar_totals;         /* the bar's total above it */
	const double *limit;    /* or NULL: a dashed mark over each bar at
				 * this value (a budget): limit[i] for stacked
				 * bars, limit[b * nx + i] for the b-th bar
				 * series side by side; NAN for no mark */
	const char *limit_label;/* the mark's name in the legend */
};

/* Draws the chart over categories in the box at (x, y), `width` by
 * `height`: its title, a legend, the y axis from 0, the bars, the lines,
 * the target and the limit marks, then the labels: each where no line
 * or mark crosses it (above its bar, higher, or inside the bar), on a
 * white ground. */
void chart_draw(struct chart_pen *pen, const struct chart *c, double x, double y,
		double width, double height);

/* A frontier: y against a numeric x, in increasing x. */
struct frontier_chart {
	const char *title, *subtitle;   /* subtitle may be NULL */
	const char *xtitle, *ytitle;    /* the axes' names */
	const double *x, *y;
	const int *hollow;              /* per point: drawn hollow when not 0 */
	size_t n;
	double mark;                    /* a dashed vertical line at this x, */
	const char *mark_label;         /* labelled, when inside the axis */
	double shade_to;                /* shade from the axis to this x, when */
	const char *shade_label;        /* shade_label is not NULL */
	const char *note;               /* under the chart, or NULL */
	const double *upper;            /* NULL, or a second curve at or above y
					 * (what the money alone reaches), drawn
					 * dashed, the band between shaded */
	const char *upper_label;        /* its legend, with upper */
};

/* Draws the frontier in the box at (x, y), `width` by `height`: title,
 * subtitle, both axes with ticks every 1, 2 or 5 times a power of ten
 * (y from 0), their names, the shaded span, the mark, the line and its
 * points, the note. */
void frontier_draw(struct chart_pen *pen, const struct frontier_chart *c, double x, double y,
		   double width, double height);

#endif
