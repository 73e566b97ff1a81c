/* ntm.mod: reference model of ntmplan in GNU MathProg (GLPK 5.0).

   Which rural communes to fund, year by year, so that the most reach the
   national New Rural Development standard (19 criteria) within the budget.
   This file implements docs/model.md literally, in its direct time-indexed
   form, as an independent check of the planner (`ntmplan plan`): it solves
   stages 0 and 1 of the lexicographic objective at once (see OBJECTIVE) and
   prints

       stage0_shortfall = N     least weighted shortfall of the targets
                                (one priority level, docs/model.md)
       stage1_communes = N      then the most communes at standard at n

   HOW TO RUN
   The usual way, on any dataset the loader accepts:

       models/ntm-glpsol.sh tests/data/tiny
       models/ntm-glpsol.sh data/dienbien --tmlim 120

   That script rewrites the seven CSV files into a temporary folder with
   models/csv2glpk.awk and runs glpsol with a one-line data file setting
   `dir`. The rewriting is needed because GLPK's CSV table driver
     - refuses an empty field ("empty field not allowed"), and targets.csv
       leaves the subject or the value of most targets empty;
     - reads a quoted field as text (a quoted "35" is not a number), and
       knows neither a byte-order mark, nor the ';' dialect, nor "1,234.5";
     - refuses a field longer than 100 bytes or a record of more than 50
       fields, even in columns the model does not read (so only the
       columns the model reads are copied);
     - cannot default a missing column (cost_factor, fundable: added, 1).
   CONVENTION: in the files this model reads, an empty field is written
   "-" (csv2glpk.awk does it); the model treats subject "-" and value "-"
   as "none".
   Directly, on a folder already in that form (plain ',' CSV, no empty
   field, no field over 100 bytes, columns cost_factor and fundable
   present; the default `dir` below, data/dienbien, is NOT in that form:
   its targets.csv has empty fields):

       printf 'data; param dir := "FOLDER"; end;\n' > dir.dat
       glpsol --model models/ntm.mod --data dir.dat

   (FOLDER/xxx.csv must fit in 100 characters, GLPK's longest symbol.)
   glpsol deletes the files named by its output options (--output, --wlp,
   ...) before solving: never give it /dev/null or a file you want to keep.
   "INTEGER OPTIMAL SOLUTION FOUND" in glpsol's output means the two
   numbers are optimal; after "TIME LIMIT EXCEEDED" they are those of the
   best plan found, not proven optimal.

   NOTATION (docs/model.md)
   C communes, K = {1..19} criteria, T = {1..n} planning years (year 1 is
   the first year of budget.csv, n the horizon, 0 the baseline), S sources.
   An open gap (c,k) has met(c,k) = 0 and costs
   a(c,k) = gap(c,k) * unit_cost(k) * cost_factor(c) million VND.
   L(k) lead years; B(s,t) budget; E(s) criteria source s may fund;
   carry(s); X communes excluded by exclude_commune targets.

   FORMULATION (sizes printed at the end of every run)
     f[c,k,s,t] >= 0   money source s pays in year t towards open gap (c,k):
                       only for fundable gaps of a cost > 0, of communes not
                       in X, and k in E(s) (admissibility rule 1: no
                       variable, no money). All years t in T.
     z[c,k,tau] binary gap (c,k) fully paid by the end of year tau
                       (its completion year is <= tau), for
                       tau = 1..n-L(k): completion later than n-L(k) would
                       not make the criterion met in any year of T, so no
                       met-state of T depends on it. Monotone in tau.
     y[c,t] binary     commune c at standard at the end of year t, for the
                       communes not at standard at the baseline (those
                       count 1 everywhere).
     sh_*  >= 0 int    one shortfall per target (docs/model.md, Targets).
   Stages 0 and 1 look at the horizon only: nothing pushes up z[c,k,tau]
   for tau < n - L(k) or y[c,t] for t < n, so in a printed solution those
   are "could be", not "is" (completion may be earlier than z says).
   Stages 2-4 would use them; they are not modelled here.
   Met criterion: (c,k) is met at the end of year t when met(c,k) = 1, or
   z[c,k,t-L(k)] = 1 (t - L(k) >= 1). A gap that is not fundable, or whose
   lead time leaves no year (n - L(k) < 1), or of cost > 0 that no source
   may fund or whose commune is excluded, is never met: it has no z.
*/

/* ------------------------------------------------------------------ */
/* Where the dataset is                                                */
/* ------------------------------------------------------------------ */

param dir, symbolic, default "data/dienbien";

/* ------------------------------------------------------------------ */
/* Data: the seven CSV files                                           */
/* ------------------------------------------------------------------ */

/* criteria.csv: the 19 criteria and their lead years L(k). */
set K;
param lead{K} integer, >= 0;
table t_criteria IN "CSV" (dir & "/criteria.csv") :
    K <- [criterion], lead ~ lead_years;

/* unit_costs.csv: million VND per unit of the criterion. */
param unit_cost{K} >= 0;
table t_unit_costs IN "CSV" (dir & "/unit_costs.csv") :
    [criterion], unit_cost;

/* communes.csv. */
set C;
param district{C}, symbolic;
param cost_factor{C} > 0;
table t_communes IN "CSV" (dir & "/communes.csv") :
    C <- [commune_id], district, cost_factor;

/* gaps.csv: one row per commune and criterion. */
set G dimen 2;
param met{G} binary;
param gap{G} >= 0;
param fundable{G} binary;
table t_gaps IN "CSV" (dir & "/gaps.csv") :
    G <- [commune_id, criterion], met, gap, fundable;

/* sources.csv: `criteria` is "all" or numbers separated by spaces. */
set S;
param criteria_list{S}, symbolic;
param carry{S} binary;
table t_sources IN "CSV" (dir & "/sources.csv") :
    S <- [source], criteria_list ~ criteria, carry ~ carry_over;

/* budget.csv: amount per (calendar year, source). */
set YS dimen 2;
param amount{YS} >= 0;
table t_budget IN "CSV" (dir & "/budget.csv") :
    YS <- [year, source], amount;

/* targets.csv: the subject mixes criterion numbers (read as numbers by the
   driver), district names and commune ids, so it is a symbol; the value is
   read as a symbol too ("-" when empty) and converted with 0 + value where
   a number is needed. */
set TG dimen 2;
param tvalue{TG}, symbolic;
table t_targets IN "CSV" (dir & "/targets.csv") :
    TG <- [target, subject], tvalue ~ value;

/* ------------------------------------------------------------------ */
/* Checks (the loader checks much more; these guard the model's own    */
/* reading of the files)                                               */
/* ------------------------------------------------------------------ */

check card(K) = 19;
check {k in K}: k in 1..19;
check: G within C cross K;
check card(G) = card(C) * card(K);
check {(c,k) in G: met[c,k] = 1}: gap[c,k] = 0;

/* ------------------------------------------------------------------ */
/* Planning years and budgets                                          */
/* ------------------------------------------------------------------ */

set YEARS := setof{(y,s) in YS} y;
param first_year := min{y in YEARS} y;
param n := max{y in YEARS} y - first_year + 1;    /* the horizon */
check card(YEARS) = n;                            /* consecutive years */
check {(y,s) in YS}: s in S;
set T := 1..n;

/* B(s,t): a source without a row for a year has nothing that year. */
param B{s in S, t in T} :=
    if (first_year + t - 1, s) in YS then amount[first_year + t - 1, s]
    else 0;

/* E(s): "all", or k appears as a word of the list: " k " is a substring of
   " list " (csv2glpk.awk leaves single spaces and no leading zeros). */
param padded{s in S}, symbolic := " " & criteria_list[s] & " ";
set E{s in S} := {k in K: criteria_list[s] = "all" or
    exists{i in 1 .. length(padded[s]) - length(" " & k & " ") + 1}
        substr(padded[s], i, length(" " & k & " ")) = " " & k & " "};

/* ------------------------------------------------------------------ */
/* Targets                                                             */
/* ------------------------------------------------------------------ */

set KINDS := {"communes_standard", "criterion_communes", "min_criteria",
              "avg_criteria", "district_standard", "require_commune",
              "exclude_commune"};
check {(g,x) in TG}: g in KINDS;

set D := setof{c in C} district[c];

/* exclude_commune: X. */
set X := setof{(g,c) in TG: g = "exclude_commune"} c;
check X within C;

/* criterion_communes k, v. */
set TCC := setof{(g,k) in TG: g = "criterion_communes"} k;
check TCC within K;
param v_cc{k in TCC} := 0 + tvalue["criterion_communes", k];

/* min_criteria v (subject "-"; at most one row). */
set TMIN := setof{(g,x) in TG: g = "min_criteria"} x;
check card(TMIN) <= 1;
param v_min := sum{(g,x) in TG: g = "min_criteria"} (0 + tvalue[g,x]);
set MINC := {c in C: card(TMIN) > 0};   /* communes it applies to */

/* avg_criteria v: needs ceil(v*|C| - 1e-9) criteria met in total. */
set TAVG := setof{(g,x) in TG: g = "avg_criteria"} x;
check card(TAVG) <= 1;
param v_avg := sum{(g,x) in TG: g = "avg_criteria"} (0 + tvalue[g,x]);
param need_avg := ceil(v_avg * card(C) - 1e-9);
set AVG := 1 .. card(TAVG);             /* {1} when the target is given */

/* district_standard d. */
set TD := setof{(g,d) in TG: g = "district_standard"} d;
check TD within D;

/* require_commune c. */
set TR := setof{(g,c) in TG: g = "require_commune"} c;
check TR within C;

/* communes_standard v: communes at standard at the horizon. */
set TCS := setof{(g,x) in TG: g = "communes_standard"} x;
check card(TCS) <= 1;
param v_cs := sum{(g,x) in TG: g = "communes_standard"} (0 + tvalue[g,x]);
set CS := 1 .. card(TCS);              /* {1} when the target is given */

/* Each target's shortfall counts relative to its size (docs/model.md,
   "Targets and their priorities"), in whole weights: S / size, S the
   least common multiple of the sizes when at most 1,000,000 (found among
   the multiples of the largest size), otherwise round(1,000,000 / size).
   This model has one priority level: the priority column is not read, so
   every target of the dataset must have the same priority. */
param size_cc{k in TCC} := max(1, v_cc[k]);
param size_min := max(1, v_min * card(C));
param size_avg := max(1, need_avg);
param size_d{d in TD} := max(1, card({c in C: district[c] = d}));
param size_cs := max(1, v_cs);
set SIZES := setof{k in TCC} size_cc[k] union setof{x in TMIN} size_min
    union setof{i in AVG} size_avg union setof{d in TD} size_d[d]
    union setof{c in TR} 1 union setof{i in CS} size_cs;
param size_max := max{z in SIZES} z;
param scale := if exists{i in 1 .. floor(1000000 / size_max)}
                      forall{z in SIZES} (i * size_max) mod z = 0
               then min{i in 1 .. floor(1000000 / size_max):
                        forall{z in SIZES} (i * size_max) mod z = 0} i * size_max
               else 1000000;
param w{z in SIZES} := max(1, round(scale / z));

/* Shortfalls are sums of whole numbers only when the values counting
   communes or criteria are whole: the lexicographic weight relies on it. */
check {k in TCC}: v_cc[k] = floor(v_cc[k]);
check v_min = floor(v_min);

/* ------------------------------------------------------------------ */
/* Derived sets                                                        */
/* ------------------------------------------------------------------ */

/* Open gaps and their cost a(c,k). */
set O := {(c,k) in G: met[c,k] = 0};
param a{(c,k) in O} := gap[c,k] * unit_cost[k] * cost_factor[c];

/* Communes at standard at the baseline, and the others. */
set C0 := {c in C: forall{k in K} met[c,k] = 1};
set C1 := C diff C0;

/* Gaps that may receive money (rule 1): open, fundable, commune not
   excluded, cost > 0 (a gap of cost 0 can receive nothing: rule 2). */
set PAY := {(c,k) in O: fundable[c,k] = 1 and c not in X and a[c,k] > 0};
set FLOW := {(c,k) in PAY, s in S: k in E[s]};

/* Gaps that can complete early enough to be met in some year of T:
   fundable, n - L(k) >= 1, and either of cost 0 (complete in year 1 with
   no money: docs/model.md, whatever the commune or the sources) or
   payable by some source. */
set Q := {(c,k) in O: fundable[c,k] = 1 and n - lead[k] >= 1 and
          (a[c,k] = 0 or exists{s in S} (c,k,s) in FLOW)};

/* ------------------------------------------------------------------ */
/* Variables                                                           */
/* ------------------------------------------------------------------ */

var f{(c,k,s) in FLOW, t in T} >= 0;
var z{(c,k) in Q, tau in 1 .. n - lead[k]} binary;
var y{c in C1, t in T} binary;

/* Shortfalls count communes or criteria: whole numbers (integer, so that
   GLPK sees an integral objective and rounds its bounds: see OBJECTIVE). */
var sh_cc{TCC} integer, >= 0;     /* criterion_communes */
var sh_min{MINC} integer, >= 0;   /* min_criteria, per commune */
var sh_avg{AVG} integer, >= 0;    /* avg_criteria */
var sh_d{TD} integer, >= 0;       /* district_standard */
var sh_r{TR} integer, >= 0;       /* require_commune */
var sh_cs{CS} integer, >= 0;      /* communes_standard */

var shortfall_total integer;      /* stage 0: their weighted sum */
var communes_n integer;           /* stage 1: communes at standard at n */

/* ------------------------------------------------------------------ */
/* Plan admissibility                                                  */
/* ------------------------------------------------------------------ */

/* Rule 2: no gap receives more than its cost. */
s.t. cost_cap{(c,k) in PAY}:
    sum{s in S, t in T: (c,k,s) in FLOW} f[c,k,s,t] <= a[c,k];

/* Rule 3: budgets. Without carry-over, each year on its own. */
s.t. budget_year{s in S, t in T: carry[s] = 0}:
    sum{(c,k) in PAY: (c,k,s) in FLOW} f[c,k,s,t] <= B[s,t];

/* With carry-over: spent by the end of t <= granted by the end of t
   (unspent money may be spent later, never earlier). */
s.t. budget_cumulative{s in S, t in T: carry[s] = 1}:
    sum{(c,k) in PAY, u in 1..t: (c,k,s) in FLOW} f[c,k,s,u]
        <= sum{u in 1..t} B[s,u];

/* ------------------------------------------------------------------ */
/* Completion, met criteria, standard                                  */
/* ------------------------------------------------------------------ */

/* z = 1 only if the money paid by the end of tau covers the cost. For a
   gap of cost 0 the row is 0 >= 0: complete from year 1. */
s.t. paid{(c,k) in Q, tau in 1 .. n - lead[k]: a[c,k] > 0}:
    sum{s in S, t in 1..tau: (c,k,s) in FLOW} f[c,k,s,t]
        >= a[c,k] * z[c,k,tau];

/* Completed by tau means completed by tau + 1. */
s.t. monotone{(c,k) in Q, tau in 1 .. n - lead[k] - 1}:
    z[c,k,tau] <= z[c,k,tau + 1];

/* At standard at the end of t only if every open gap is met then:
   completed by t - L(k). Gaps without z (never met) force y = 0. */
s.t. standard{(c,k) in O, t in T}:
    y[c,t] <= if (c,k) in Q and t - lead[k] >= 1
              then z[c,k,t - lead[k]] else 0;

/* ------------------------------------------------------------------ */
/* Targets at the horizon n                                            */
/* ------------------------------------------------------------------ */
/* In what follows, "(c,k) met at n" is written
       (if met[c,k] = 1 then 1 else if (c,k) in Q then z[c,k,n-L(k)] else 0)
   and "c at standard at n" is (if c in C0 then 1 else y[c,n]). Each
   shortfall is >= its amount and >= 0; minimising makes it equal to
   max(0, amount). */

/* criterion_communes k, v: v - communes meeting k. */
s.t. target_criterion_communes{k in TCC}:
    sum{c in C} (if met[c,k] = 1 then 1
                 else if (c,k) in Q then z[c,k,n - lead[k]] else 0)
    + sh_cc[k] >= v_cc[k];

/* min_criteria v: sum over c of max(0, v - criteria met by c). */
s.t. target_min_criteria{c in MINC}:
    sum{k in K} (if met[c,k] = 1 then 1
                 else if (c,k) in Q then z[c,k,n - lead[k]] else 0)
    + sh_min[c] >= v_min;

/* avg_criteria v: ceil(v*|C| - 1e-9) - criteria met in total. */
s.t. target_avg_criteria{i in AVG}:
    sum{(c,k) in G} (if met[c,k] = 1 then 1
                     else if (c,k) in Q then z[c,k,n - lead[k]] else 0)
    + sh_avg[i] >= need_avg;

/* district_standard d: communes of d not at standard. */
s.t. target_district_standard{d in TD}:
    sh_d[d] >= sum{c in C: district[c] = d}
                   (1 - (if c in C0 then 1 else y[c,n]));

/* require_commune c: 1 when c is not at standard. */
s.t. target_require_commune{c in TR}:
    sh_r[c] >= 1 - (if c in C0 then 1 else y[c,n]);

/* communes_standard v: v - communes at standard. */
s.t. target_communes_standard{i in CS}:
    card(C0) + sum{c in C1} y[c,n] + sh_cs[i] >= v_cs;

/* exclude_commune: in FLOW (no money for c in X); never relaxed. */

/* ------------------------------------------------------------------ */
/* Objective: stages 0 and 1, lexicographically                        */
/* ------------------------------------------------------------------ */

s.t. def_shortfall_total:
    shortfall_total = sum{k in TCC} w[size_cc[k]] * sh_cc[k]
                    + sum{c in MINC} w[size_min] * sh_min[c]
                    + sum{i in AVG} w[size_avg] * sh_avg[i]
                    + sum{d in TD} w[size_d[d]] * sh_d[d]
                    + sum{c in TR} w[1] * sh_r[c] + sum{i in CS} w[size_cs] * sh_cs[i];

s.t. def_communes_n:
    communes_n = card(C0) + sum{c in C1} y[c,n];

/* OBJECTIVE. Every shortfall is a whole number (targets count communes or
   criteria, and their values are whole or rounded up), so is their
   weighted sum, and communes_n lies in 0..|C|: one unit of it, weighted
   |C| + 1, outweighs every
   commune. So this maximises communes_n among the plans of least total
   shortfall: stage 0, then stage 1, exactly (not a blend). Stages 2-4
   (earliness, criteria met, money) are not modelled here.
   The objective has integer coefficients on integer variables only, so
   GLPK knows its value is whole and rounds the LP bound down (36.2 gives
   36): on data/dienbien that is what proves the optimum at the first
   integer plan instead of exploring the tree for ever. Keep it so. */
maximize lexicographic:
    communes_n - (card(C) + 1) * shortfall_total;

solve;

/* ------------------------------------------------------------------ */
/* Report                                                              */
/* ------------------------------------------------------------------ */

printf "model: %d communes, %d at standard at the baseline, %d years, ",
    card(C), card(C0), n;
printf "%d sources, %d open gaps, %d payable, %d can be met, ",
    card(S), card(O), card(PAY), card(Q);
printf "%d money variables, %d completion variables\n",
    card(FLOW) * n, sum{(c,k) in Q} (n - lead[k]);
printf {k in TCC}: "target criterion_communes %s %g: shortfall %g\n",
    k, v_cc[k], round(sh_cc[k].val);
printf {i in AVG}: "target avg_criteria %g (%d criteria): shortfall %g\n",
    v_avg, need_avg, round(sh_avg[i].val);
printf {x in TMIN}: "target min_criteria %g: shortfall %g\n",
    v_min, round(sum{c in MINC} sh_min[c].val);
printf {d in TD}: "target district_standard %s: shortfall %g\n",
    d, round(sh_d[d].val);
printf {c in TR}: "target require_commune %s: shortfall %g\n",
    c, round(sh_r[c].val);
printf {i in CS}: "target communes_standard %g: shortfall %g\n",
    v_cs, round(sh_cs[i].val);
printf "communes at standard at the horizon:";
printf {c in C: c in C0 or (c in C1 and y[c,n].val > 0.5)} " %s", c;
printf "\n";
printf "stage0_shortfall = %d\n", round(shortfall_total.val);
printf "stage1_communes = %d\n", round(communes_n.val);

end;
