#include "charts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

PangoLayout *chart_layout_create(cairo_t *cr)
{
	PangoLayout *layout = pango_cairo_create_layout(cr);
	if (!layout)
		return NULL;
	/* Unhinted metrics: the layout is the same whatever the desktop's
	 * font settings. */
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pango_layout_get_context(layout), fo);
	cairo_font_options_destroy(fo);
	pango_layout_context_changed(layout);
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	return layout;
}

int chart_font_available(PangoLayout *layout, const PangoFontDescription *font,
			 const char *family)
{
	PangoContext *ctx = pango_layout_get_context(layout);
	PangoFont *loaded = pango_context_load_font(ctx, font);
	if (!loaded)
		return 0;
	PangoFontDescription *desc = pango_font_describe(loaded);
	const char *name = pango_font_description_get_family(desc);
	int ok = name && !g_ascii_strcasecmp(name, family);
	pango_font_description_free(desc);
	g_object_unref(loaded);
	return ok;
}

/* ---- text and colour ---- */

void text_layout_set(PangoLayout *layout, const PangoFontDescription *font, const char *text,
		     double width, PangoAlignment align)
{
	pango_layout_set_font_description(layout, font);
	pango_layout_set_width(layout, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_alignment(layout, align);
	pango_layout_set_text(layout, text, -1);
}

double text_layout_height(PangoLayout *layout)
{
	int w, h;
	pango_layout_get_size(layout, &w, &h);
	return (double)h / PANGO_SCALE;
}

double text_layout_width(PangoLayout *layout)
{
	PangoRectangle ink, logical;
	pango_layout_get_extents(layout, &ink, &logical);
	return (double)logical.width / PANGO_SCALE;
}

static void set_text(struct chart_pen *pen, const PangoFontDescription *font, const char *text,
		     double width, PangoAlignment align)
{
	text_layout_set(pen->layout, font, text, width, align);
}

static double layout_height(struct chart_pen *pen)
{
	return text_layout_height(pen->layout);
}

static double layout_width(struct chart_pen *pen)
{
	return text_layout_width(pen->layout);
}

static void show_at(struct chart_pen *pen, double x, double y)
{
	cairo_move_to(pen->cr, x, y);
	pango_cairo_show_layout(pen->cr, pen->layout);
}

static void set_gray(struct chart_pen *pen, double g)
{
	cairo_set_source_rgb(pen->cr, g, g, g);
}

static const double palette[][3] = {
	{0.12, 0.37, 0.66}, {0.88, 0.56, 0.04}, {0.18, 0.55, 0.34}, {0.75, 0.22, 0.17},
	{0.49, 0.24, 0.60}, {0.50, 0.55, 0.55}, {0.09, 0.63, 0.52}, {0.83, 0.33, 0.0},
};
#define PALETTE_SIZE (sizeof(palette) / sizeof(palette[0]))

static void set_color(struct chart_pen *pen, size_t i)
{
	const double *c = palette[i % PALETTE_SIZE];
	cairo_set_source_rgb(pen->cr, c[0], c[1], c[2]);
}

/* ---- what both kinds share ---- */

/* The axis step: 1, 2 or 5 times a power of ten, the smallest that needs
 * at most `steps` steps to cover `span`. */
static double axis_step(double span, int steps)
{
	static const double mantissa[] = {1, 2, 5};
	for (double power = 1; power < 1e18; power *= 10)
		for (size_t i = 0; i < 3; i++)
			if (span <= steps * mantissa[i] * power)
				return mantissa[i] * power;
	return 1e18;
}

/* A y axis from 0 to `top`: where each value goes in the box. */
struct yscale {
	double top, step;
	double plot_t, plot_b;
};

/* The scale for values up to `max`, with room above the highest for a
 * label; at most five steps. */
static struct yscale yscale_for(double max, double plot_t, double plot_b)
{
	struct yscale s;
	max = max > 0 ? max * 1.08 : 1;
	s.step = axis_step(max, 5);
	s.top = ceil(max / s.step) * s.step;
	s.plot_t = plot_t;
	s.plot_b = plot_b;
	return s;
}

static double yscale_at(const struct yscale *s, double v)
{
	return s->plot_b - v / s->top * (s->plot_b - s->plot_t);
}

/* Grid lines across the plot at each step (the one at 0 black), with the
 * values to their left. */
static void y_axis(struct chart_pen *pen, const struct yscale *s, double plot_l, double plot_r)
{
	char num[TEXT_NUMBER_SIZE];
	cairo_set_line_width(pen->cr, 0.4);
	for (double v = 0; v <= s->top + s->step / 2; v += s->step) {
		set_gray(pen, v > 0 ? 0.82 : 0);
		cairo_move_to(pen->cr, plot_l, yscale_at(s, v));
		cairo_line_to(pen->cr, plot_r, yscale_at(s, v));
		cairo_stroke(pen->cr);
		set_gray(pen, 0.2);
		set_text(pen, pen->label, text_number(num, sizeof(num), v, 0), -1, PANGO_ALIGN_LEFT);
		show_at(pen, plot_l - 5 - layout_width(pen), yscale_at(s, v) - layout_height(pen) / 2);
	}
	set_gray(pen, 0);
}

/* Where point i of a line goes in the box. */
typedef void (*point_at)(const void *ctx, size_t i, double *px, double *py);

/* A line of series colour `color` through n points, then each point:
 * filled, or hollow where hollow[i] (hollow may be NULL). */
static void line_with_points(struct chart_pen *pen, size_t color, point_at at, const void *ctx,
			     const int *hollow, size_t n, double radius)
{
	double px, py;
	set_color(pen, color);
	cairo_set_line_width(pen->cr, 1.5);
	for (size_t i = 0; i < n; i++) {
		at(ctx, i, &px, &py);
		if (i)
			cairo_line_to(pen->cr, px, py);
		else
			cairo_move_to(pen->cr, px, py);
	}
	cairo_stroke(pen->cr);
	for (size_t i = 0; i < n; i++) {
		at(ctx, i, &px, &py);
		cairo_arc(pen->cr, px, py, radius, 0, 2 * acos(-1.0));
		if (hollow && hollow[i]) {
			set_gray(pen, 1);
			cairo_fill_preserve(pen->cr);
			set_color(pen, color);
			cairo_set_line_width(pen->cr, 1);
			cairo_stroke(pen->cr);
		} else {
			cairo_fill(pen->cr);
		}
	}
}

/* A dashed red rule from (x0, y0) to (x1, y1); the colour stays set for
 * its label. */
static void dashed_rule(struct chart_pen *pen, double x0, double y0, double x1, double y1)
{
	const double dash[] = {5, 3};
	cairo_set_source_rgb(pen->cr, 0.75, 0.22, 0.17);
	cairo_set_dash(pen->cr, dash, 2, 0);
	cairo_set_line_width(pen->cr, 1);
	cairo_move_to(pen->cr, x0, y0);
	cairo_line_to(pen->cr, x1, y1);
	cairo_stroke(pen->cr);
	cairo_set_dash(pen->cr, NULL, 0, 0);
}

/* ---- over categories ---- */

/* The points of a line over categories: one in the middle of each slot. */
struct category_points {
	const struct yscale *ys;
	double plot_l, slot;
	const double *values;
};

static void category_point(const void *ctx, size_t i, double *px, double *py)
{
	const struct category_points *c = ctx;
	*px = c->plot_l + c->slot * ((double)i + 0.5);
	*py = yscale_at(c->ys, c->values[i]);
}

/* The lines drawn in a chart, as segments, for placing its labels where
 * none crosses them. */
struct segments {
	double (*v)[4];
	size_t n, cap;
};

static void segment_add(struct segments *g, double x0, double y0, double x1, double y1)
{
	if (g->n < g->cap) {
		double *s = g->v[g->n++];
		s[0] = x0, s[1] = y0, s[2] = x1, s[3] = y1;
	}
}

/* Whether segment s passes through the box [l, r] x [t, b]: the segment
 * clipped to the box (Liang-Barsky) is not empty. */
static int segment_crosses(const double s[4], double l, double t, double r, double b)
{
	double t0 = 0, t1 = 1, dx = s[2] - s[0], dy = s[3] - s[1];
	const double p[4] = {-dx, dx, -dy, dy};
	const double q[4] = {s[0] - l, r - s[0], s[1] - t, b - s[1]};
	for (int k = 0; k < 4; k++) {
		if (p[k] == 0) {
			if (q[k] < 0)
				return 0;
			continue;
		}
		double u = q[k] / p[k];
		if (p[k] < 0)
			t0 = fmax(t0, u);
		else
			t1 = fmin(t1, u);
		if (t0 > t1)
			return 0;
	}
	return 1;
}

static int box_clear(const struct segments *g, double l, double t, double r, double b)
{
	for (size_t i = 0; i < g->n; i++)
		if (segment_crosses(g->v[i], l, t, r, b))
			return 0;
	return 1;
}

/* A label (the layout's text) centred on cx, its foot at `foot` (above a
 * bar); where a line passes within 2 points of it there, inside the top
 * of the bar, in white, when the bar holds it; else as near above as no
 * line does, within the plot; else where it was. Above a bar, on a white
 * ground, so that the grid does not run through it either. */
static void place_label(struct chart_pen *pen, struct segments *g, double cx, double foot,
			double plot_t, double bar_top, double bar_bottom, double bar_w)
{
	const double m = 2; /* the clearance kept from a line */
	double w = layout_width(pen), h = layout_height(pen);
	double l = cx - w / 2 - m, r = cx + w / 2 + m, y = foot - h - 1;
	int inside = 0;
	if (!box_clear(g, l, y - m, r, y + h + m)) {
		if (bar_bottom - bar_top > h + 4 && w + 2 <= bar_w &&
		    box_clear(g, l, bar_top + 2 - m, r, bar_top + 2 + h + m)) {
			y = bar_top + 2;
			inside = 1;
		} else {
			while (!box_clear(g, l, y - m, r, y + h + m) && y - 2 >= plot_t - h)
				y -= 2;
			if (!box_clear(g, l, y - m, r, y + h + m))
				y = foot - h - 1;
		}
	}
	if (!inside) {
		set_gray(pen, 1);
		cairo_rectangle(pen->cr, cx - w / 2 - 1, y + 0.5, w + 2, h - 0.5);
		cairo_fill(pen->cr);
	}
	set_gray(pen, inside ? 1 : 0);
	pango_layout_set_width(pen->layout, -1);
	show_at(pen, cx - w / 2, y);
	set_gray(pen, 0);
	/* The labels after it keep clear of it too. */
	double l0 = cx - w / 2, r0 = cx + w / 2;
	segment_add(g, l0, y, r0, y);
	segment_add(g, l0, y + h, r0, y + h);
	segment_add(g, l0, y, l0, y + h);
	segment_add(g, r0, y, r0, y + h);
}

void chart_draw(struct chart_pen *pen, const struct chart *c, double x, double y,
		double width, double height)
{
	char num[TEXT_NUMBER_SIZE];
	size_t nbars = 0, nlines = 0;
	double max = c->target;
	for (size_t s = 0; s < c->nseries; s++) {
		nbars += c->series[s].style == SERIES_BAR;
		nlines += c->series[s].style == SERIES_LINE;
	}
	const size_t nlimits = c->limit ? (c->stacked ? 1 : nbars) * c->nx : 0;
	for (size_t i = 0; i < c->nx; i++) {
		double sum = 0;
		for (size_t s = 0; s < c->nseries; s++) {
			double v = c->series[s].values[i];
			if (c->series[s].style == SERIES_BAR && c->stacked)
				sum += v;
			else if (v > max)
				max = v;
		}
		if (sum > max)
			max = sum;
	}
	for (size_t i = 0; i < nlimits; i++)
		if (isfinite(c->limit[i]) && c->limit[i] > max)
			max = c->limit[i];

	set_text(pen, pen->title, c->title, width, PANGO_ALIGN_LEFT);
	show_at(pen, x, y);
	double ly = y + layout_height(pen) + 4, lx = x;
	/* The legend: a swatch and the name of each series, then the
	 * limit's mark. */
	for (size_t s = 0; s <= c->nseries; s++) {
		const char *name = s < c->nseries ? c->series[s].name : c->limit_label;
		if (s == c->nseries && (!nlimits || !name))
			break;
		set_text(pen, pen->label, name, -1, PANGO_ALIGN_LEFT);
		double tw = layout_width(pen);
		if (lx + 16 + tw > x + width) {
			lx = x;
			ly += 11;
		}
		if (s == c->nseries) {
			dashed_rule(pen, lx - 1, ly + 5.5, lx + 10, ly + 5.5);
		} else if (c->series[s].style == SERIES_BAR) {
			set_color(pen, s);
			cairo_rectangle(pen->cr, lx, ly + 2, 9, 7);
			cairo_fill(pen->cr);
		} else {
			set_color(pen, s);
			cairo_set_line_width(pen->cr, 1.5);
			cairo_move_to(pen->cr, lx - 1, ly + 5.5);
			cairo_line_to(pen->cr, lx + 10, ly + 5.5);
			cairo_stroke(pen->cr);
		}
		set_gray(pen, 0);
		set_text(pen, pen->label, name, -1, PANGO_ALIGN_LEFT);
		show_at(pen, lx + 13, ly);
		lx += 13 + tw + 14;
	}
	struct yscale ys = yscale_for(max, ly + 22, y + height - 30);
	double plot_l = x + 48, plot_r = x + width - 6;
	y_axis(pen, &ys, plot_l, plot_r);
	double slot = (plot_r - plot_l) / (double)(c->nx ? c->nx : 1);
	double bar_w = slot * 0.6 / (double)(c->stacked || !nbars ? 1 : nbars);
	/* Every line and mark, as segments: the labels keep clear of them. */
	struct segments g = {NULL, 0, 2 * nlines * c->nx + nlimits + 4 * c->nx * (nbars + 1) + 1};
	g.v = calloc(g.cap, sizeof(*g.v));
	if (!g.v)
		g.cap = 0;
	/* The bars; their labels wait for every line to be drawn: value, the
	 * bar's middle and its top, per bar (or per stack). */
	size_t nlabels = 0;
	double (*labels)[3] = c->bar_totals ? calloc(c->nx * (nbars + 1), sizeof(*labels)) : NULL;
	for (size_t i = 0; i < c->nx; i++) {
		double cx = plot_l + slot * ((double)i + 0.5);
		double base = 0, left = cx - (c->stacked ? bar_w : bar_w * (double)nbars) / 2;
		size_t b = 0;
		for (size_t s = 0; s < c->nseries; s++) {
			double v = c->series[s].values[i];
			if (c->series[s].style != SERIES_BAR)
				continue;
			double bx = c->stacked ? left : left + bar_w * (double)b;
			set_color(pen, s);
			if (v > 0) {
				cairo_rectangle(pen->cr, bx, yscale_at(&ys, base + v), bar_w,
						yscale_at(&ys, base) - yscale_at(&ys, base + v));
				cairo_fill(pen->cr);
			}
			if (labels && !c->stacked)
				memcpy(labels[nlabels++], (double[3]){v, bx + bar_w / 2, yscale_at(&ys, v)},
				       sizeof(*labels));
			base += c->stacked ? v : 0;
			b++;
		}
		if (labels && c->stacked)
			memcpy(labels[nlabels++], (double[3]){base, cx, yscale_at(&ys, base)}, sizeof(*labels));
		set_gray(pen, 0);
		set_text(pen, pen->label, c->xlabels[i], slot, PANGO_ALIGN_CENTER);
		show_at(pen, cx - slot / 2, ys.plot_b + 4);
	}
	/* Lines with their points. */
	for (size_t s = 0; s < c->nseries; s++) {
		struct category_points pts = {&ys, plot_l, slot, c->series[s].values};
		if (c->series[s].style != SERIES_LINE)
			continue;
		line_with_points(pen, s, category_point, &pts, NULL, c->nx, 2.2);
		for (size_t i = 0; i + 1 < c->nx; i++) {
			double x0, y0, x1, y1;
			category_point(&pts, i, &x0, &y0);
			category_point(&pts, i + 1, &x1, &y1);
			segment_add(&g, x0, y0, x1, y1);
		}
		for (size_t i = 0; i < c->nx; i++) { /* the points themselves */
			double x0, y0;
			category_point(&pts, i, &x0, &y0);
			segment_add(&g, x0 - 2.2, y0, x0 + 2.2, y0);
		}
	}
	/* The limit: a dashed mark over each bar, a little wider. */
	for (size_t k = 0; k < nlimits; k++) {
		size_t i = k % c->nx, b = k / c->nx;
		if (!isfinite(c->limit[k]))
			continue;
		double cx = plot_l + slot * ((double)i + 0.5);
		double left = cx - (c->stacked ? bar_w : bar_w * (double)nbars) / 2 + bar_w * (double)b;
		double ly0 = yscale_at(&ys, c->limit[k]);
		dashed_rule(pen, left - 3, ly0, left + bar_w + 3, ly0);
		segment_add(&g, left - 3, ly0, left + bar_w + 3, ly0);
	}
	set_gray(pen, 0);
	double target_y = yscale_at(&ys, c->target);
	if (c->target > 0) {
		dashed_rule(pen, plot_l, target_y, plot_r, target_y);
		set_gray(pen, 0);
	}
	/* The bars' labels, clear of every line. */
	for (size_t k = 0; k < nlabels; k++) {
		set_text(pen, c->stacked ? pen->label_bold : pen->label,
			 text_number(num, sizeof(num), labels[k][0], 0), -1, PANGO_ALIGN_LEFT);
		place_label(pen, &g, labels[k][1], labels[k][2], ys.plot_t, labels[k][2], ys.plot_b,
			    bar_w);
	}
	free(labels);
	/* The target's label: on the rule's left, or further right where a
	 * line crosses it there. */
	if (c->target > 0 && c->target_label) {
		set_text(pen, pen->label, c->target_label, -1, PANGO_ALIGN_LEFT);
		double w = layout_width(pen), h = layout_height(pen), tx = plot_l + 4;
		double ty = target_y - h - 1;
		while (tx + w < plot_r && !box_clear(&g, tx - 1, ty, tx + w + 1, ty + h))
			tx += 4;
		if (tx + w >= plot_r) {
			tx = plot_l + 4;
			ty = target_y + 2; /* under the rule */
		}
		set_gray(pen, 1);
		cairo_rectangle(pen->cr, tx - 1, ty + 0.5, w + 2, h - 0.5);
		cairo_fill(pen->cr);
		cairo_set_source_rgb(pen->cr, 0.75, 0.22, 0.17);
		show_at(pen, tx, ty);
		set_gray(pen, 0);
	}
	free(g.v);
}

/* ---- a frontier ---- */

struct frontier_points {
	const struct yscale *ys;
	double plot_l, x0, scale_x;
	const double *x, *y;
};

static void frontier_point(const void *ctx, size_t i, double *px, double *py)
{
	const struct frontier_points *f = ctx;
	*px = f->plot_l + (f->x[i] - f->x0) * f->scale_x;
	*py = yscale_at(f->ys, f->y[i]);
}

/* A path through the n points of f, in order. */
static void frontier_path(struct chart_pen *pen, const struct frontier_points *f, size_t n)
{
	double px, py;
	for (size_t i = 0; i < n; i++) {
		frontier_point(f, i, &px, &py);
		if (i)
			cairo_line_to(pen->cr, px, py);
		else
			cairo_move_to(pen->cr, px, py);
	}
}

void frontier_draw(struct chart_pen *pen, const struct frontier_chart *c, double x, double y,
		   double width, double height)
{
	char num[TEXT_NUMBER_SIZE];
	double xmin = c->n ? c->x[0] : 0, xmax = xmin, ymax = 1;
	for (size_t i = 0; i < c->n; i++) {
		xmin = c->x[i] < xmin ? c->x[i] : xmin;
		xmax = c->x[i] > xmax ? c->x[i] : xmax;
		ymax = c->y[i] > ymax ? c->y[i] : ymax;
		if (c->upper)
			ymax = c->upper[i] > ymax ? c->upper[i] : ymax;
	}
	if (!(xmax > xmin))
		xmax = xmin + 1;
	double xstep = axis_step(xmax - xmin, 6);
	double x0 = floor(xmin / xstep) * xstep, x1 = ceil(xmax / xstep) * xstep;

	set_gray(pen, 0);
	set_text(pen, pen->title, c->title, width, PANGO_ALIGN_LEFT);
	show_at(pen, x, y);
	double top = y + layout_height(pen) + 3;
	if (c->subtitle) {
		set_text(pen, pen->label, c->subtitle, width, PANGO_ALIGN_LEFT);
		show_at(pen, x, top);
		top += layout_height(pen);
	}
	/* Room on the left for the y axis's name and its widest value, on
	 * the right for half the last x value, below for the x values, the
	 * x axis's name and the note. */
	struct yscale ys = yscale_for(ymax, top + 14, 0);
	set_text(pen, pen->label, text_number(num, sizeof(num), ys.top, 0), -1, PANGO_ALIGN_LEFT);
	double line = layout_height(pen);
	double plot_l = x + line + 8 + layout_width(pen) + 5;
	set_text(pen, pen->label, text_number(num, sizeof(num), x1, 0), -1, PANGO_ALIGN_LEFT);
	double plot_r = x + width - layout_width(pen) / 2;
	double plot_b = y + height - 2 * line - 16 - (c->note ? line + 4 : 0);
	ys.plot_b = plot_b;
	double scale_x = (plot_r - plot_l) / (x1 - x0);
#define PX(v) (plot_l + ((v) - x0) * scale_x)

	if (c->shade_label && c->shade_to > x0) {
		double to = c->shade_to < x1 ? PX(c->shade_to) : plot_r;
		set_gray(pen, 0.93);
		cairo_rectangle(pen->cr, plot_l, ys.plot_t, to - plot_l, plot_b - ys.plot_t);
		cairo_fill(pen->cr);
		set_gray(pen, 0.35);
		set_text(pen, pen->label, c->shade_label, to - plot_l - 8, PANGO_ALIGN_LEFT);
		show_at(pen, plot_l + 4, ys.plot_t + 3);
	}
	y_axis(pen, &ys, plot_l, plot_r);
	/* The x axis: a tick and its value every step. */
	cairo_set_line_width(pen->cr, 0.8);
	for (double v = x0; v <= x1 + xstep / 2; v += xstep) {
		cairo_move_to(pen->cr, PX(v), plot_b);
		cairo_line_to(pen->cr, PX(v), plot_b + 4);
		cairo_stroke(pen->cr);
		set_text(pen, pen->label, text_number(num, sizeof(num), v, 0), -1, PANGO_ALIGN_LEFT);
		show_at(pen, PX(v) - layout_width(pen) / 2, plot_b + 6);
	}
	cairo_move_to(pen->cr, plot_l, ys.plot_t);
	cairo_line_to(pen->cr, plot_l, plot_b);
	cairo_stroke(pen->cr);
	/* The axes' names: x centred below, y turned up the left side. */
	set_text(pen, pen->label, c->xtitle, plot_r - plot_l, PANGO_ALIGN_CENTER);
	show_at(pen, plot_l, plot_b + 12 + line);
	set_text(pen, pen->label, c->ytitle, -1, PANGO_ALIGN_LEFT);
	cairo_save(pen->cr);
	cairo_move_to(pen->cr, x, (ys.plot_t + plot_b) / 2 + layout_width(pen) / 2);
	cairo_rotate(pen->cr, -acos(-1.0) / 2);
	pango_cairo_update_layout(pen->cr, pen->layout);
	pango_cairo_show_layout(pen->cr, pen->layout);
	cairo_restore(pen->cr);
	pango_cairo_update_layout(pen->cr, pen->layout);

	if (c->mark_label && c->mark >= x0 && c->mark <= x1) {
		dashed_rule(pen, PX(c->mark), ys.plot_t, PX(c->mark), plot_b);
		set_text(pen, pen->label, c->mark_label, -1, PANGO_ALIGN_LEFT);
		double w = layout_width(pen);
		/* Right of the line, or left of it when it would leave the plot. */
		show_at(pen, PX(c->mark) + 4 + w > plot_r ? PX(c->mark) - 4 - w : PX(c->mark) + 4,
			ys.plot_t + 3 + line + 2);
		set_gray(pen, 0);
	}
	struct frontier_points pts = {&ys, plot_l, x0, scale_x, c->x, c->y};
	if (c->upper && c->n) {
		/* The band between the two curves (what the targets cost), then
		 * the upper curve dashed, and its legend at the top right. */
		struct frontier_points up = {&ys, plot_l, x0, scale_x, c->x, c->upper};
		double px, py;
		frontier_path(pen, &up, c->n);
		for (size_t i = c->n; i-- > 0;) {
			frontier_point(&pts, i, &px, &py);
			cairo_line_to(pen->cr, px, py);
		}
		cairo_close_path(pen->cr);
		cairo_set_source_rgba(pen->cr, 0.96, 0.80, 0.65, 0.6);
		cairo_fill(pen->cr);
		const double dash[] = {5, 3};
		cairo_set_source_rgb(pen->cr, 0.73, 0.47, 0.05);
		cairo_set_dash(pen->cr, dash, 2, 0);
		cairo_set_line_width(pen->cr, 1.5);
		frontier_path(pen, &up, c->n);
		cairo_stroke(pen->cr);
		cairo_set_dash(pen->cr, NULL, 0, 0);
		if (c->upper_label) {
			set_text(pen, pen->label, c->upper_label, -1, PANGO_ALIGN_LEFT);
			show_at(pen, plot_r - layout_width(pen), ys.plot_t + 3);
		}
		set_gray(pen, 0);
	}
	line_with_points(pen, 0, frontier_point, &pts, c->hollow, c->n, 3);
#undef PX
	if (c->note) {
		set_gray(pen, 0);
		set_text(pen, pen->label, c->note, width, PANGO_ALIGN_LEFT);
		show_at(pen, x, y + height - layout_height(pen));
	}
}
