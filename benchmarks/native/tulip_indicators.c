/*
 * Native anchor for features.IndicatorBatchBenchmark: the 20 `sextant indicators` columns over
 * the same generated bars, computed by Tulip Indicators (tiamalgamation.c from the npm package
 * `tulind`). Built and run by run-tulip.sh, never by CI.
 *
 * Usage: tulip_indicators <bars.bin> [repetitions]
 *
 * bars.bin is written by dev.sextant.benchmarks.features.GeneratedBarsFile: a little-endian
 * int64 bar count n, then n int64 times and n doubles each of open, high, low, close, volume.
 *
 * Two timings, each over the same repetitions after warm-up, on the calling thread:
 *   compute_only : the 13 Tulip calls writing into output columns allocated and touched once
 *                  (the work of StandardIndicators.compute(BarColumns, double[][]));
 *   compute_copy : copy the six input columns into fresh arrays, allocate 20 fresh zeroed output
 *                  columns (calloc, as Java zeroes new arrays) and write NaN over each column's
 *                  warm-up, then the same 13 calls (the work of
 *                  StandardIndicators.compute(BarColumns.of(series))).
 * malloc is told to keep freed memory (no mmap, no trimming), so that fresh arrays reuse pages
 * already touched, as the JVM's pre-touched heap does: neither side times page faults.
 * Both CPU time of the thread (CLOCK_THREAD_CPUTIME_ID) and wall time (CLOCK_MONOTONIC) are
 * reported, minimum and median over the repetitions, in milliseconds, as one JSON object.
 */
#include <malloc.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


#include "indicators.h"

#define COLUMNS 20
#define CALLS 13

static const char *const NAMES[COLUMNS] = {
    "sma_10", "sma_20", "ema_9", "ema_21", "rsi_14", "macd", "macd_signal", "macd_hist", "bb_upper",
    "bb_middle", "bb_lower", "stoch_k", "stoch_d", "willr_14", "cci_20", "adx_14", "plus_di_14",
    "minus_di_14", "atr_14", "obv"};

enum { OPEN, HIGH, LOW, CLOSE, VOLUME, INPUTS };

/* One Tulip call: the function, its options, its inputs, and the column each output fills. */
typedef struct {
    const char *name;
    ti_indicator_start_function start;
    ti_indicator_function run;
    double options[3];
    int inputs[3];
    int input_count;
    int columns[3];
    int output_count;
} call;

static call CALL_TABLE[CALLS] = {
    {"sma", ti_sma_start, ti_sma, {10}, {CLOSE}, 1, {0}, 1},
    {"sma", ti_sma_start, ti_sma, {20}, {CLOSE}, 1, {1}, 1},
    {"ema", ti_ema_start, ti_ema, {9}, {CLOSE}, 1, {2}, 1},
    {"ema", ti_ema_start, ti_ema, {21}, {CLOSE}, 1, {3}, 1},
    {"rsi", ti_rsi_start, ti_rsi, {14}, {CLOSE}, 1, {4}, 1},
    {"macd", ti_macd_start, ti_macd, {12, 26, 9}, {CLOSE}, 1, {5, 6, 7}, 3},
    /* Tulip's outputs are lower, middle, upper. */
    {"bbands", ti_bbands_start, ti_bbands, {20, 2}, {CLOSE}, 1, {10, 9, 8}, 3},
    /* %K period 14, %K slowing 1 (the fast %K of stoch_k), %D period 3. */
    {"stoch", ti_stoch_start, ti_stoch, {14, 1, 3}, {HIGH, LOW, CLOSE}, 3, {11, 12}, 2},
    {"willr", ti_willr_start, ti_willr, {14}, {HIGH, LOW, CLOSE}, 3, {13}, 1},
    {"cci", ti_cci_start, ti_cci, {20}, {HIGH, LOW, CLOSE}, 3, {14}, 1},
    {"adx", ti_adx_start, ti_adx, {14}, {HIGH, LOW, CLOSE}, 3, {15}, 1},
    {"di", ti_di_start, ti_di, {14}, {HIGH, LOW, CLOSE}, 3, {16, 17}, 2},
    {"atr", ti_atr_start, ti_atr, {14}, {HIGH, LOW, CLOSE}, 3, {18}, 1},
};
/* obv takes close and volume; kept apart because it is the only call with those inputs. */
static call OBV_CALL = {"obv", ti_obv_start, ti_obv, {0}, {CLOSE, VOLUME}, 2, {19}, 1};

static double now_ms(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void run_call(const call *c, int n, double *const *in, double *const *out) {
    const double *inputs[3];
    double *outputs[3];
    int start = c->start(c->options);
    for (int k = 0; k < c->input_count; k++) {
        inputs[k] = in[c->inputs[k]];
    }
    for (int k = 0; k < c->output_count; k++) {
        outputs[k] = out[c->columns[k]] + start;
    }
    if (c->run(n, inputs, c->options, outputs) != TI_OKAY) {
        fprintf(stderr, "%s failed\n", c->name);
        exit(1);
    }
}

static void run_all(int n, double *const *in, double *const *out) {
    for (int k = 0; k < CALLS; k++) {
        run_call(&CALL_TABLE[k], n, in, out);
    }
    run_call(&OBV_CALL, n, in, out);
}

static void fill_warm_up(const call *c, int n, double *const *out) {
    int start = c->start(c->options);
    for (int k = 0; k < c->output_count; k++) {
        double *col = out[c->columns[k]];
        for (int i = 0; i < start && i < n; i++) {
            col[i] = NAN;
        }
    }
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int count) {
    qsort(v, count, sizeof(double), compare);
    return count % 2 ? v[count / 2] : (v[count / 2 - 1] + v[count / 2]) / 2;
}

static double minimum(const double *v, int count) {
    double m = v[0];
    for (int i = 1; i < count; i++) {
        if (v[i] < m) m = v[i];
    }
    return m;
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s <bars.bin> [repetitions]\n", argv[0]);
        return 2;
    }
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, -1);
    int reps = argc == 3 ? atoi(argv[2]) : 20;
    if (reps < 1) {
        fprintf(stderr, "repetitions must be positive but was %s\n", argv[2]);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    int64_t n64;
    if (fread(&n64, 8, 1, f) != 1 || n64 <= 0 || n64 > 100000000) {
        fprintf(stderr, "%s: bad bar count\n", argv[1]);
        return 2;
    }
    int n = (int)n64;
    int64_t *time = malloc(8 * (size_t)n);
    double *in[INPUTS];
    size_t got = fread(time, 8, n, f);
    for (int k = 0; k < INPUTS; k++) {
        in[k] = malloc(8 * (size_t)n);
        got += fread(in[k], 8, n, f);
    }
    fclose(f);
    if (got != (size_t)n * (INPUTS + 1)) {
        fprintf(stderr, "%s: truncated\n", argv[1]);
        return 2;
    }

    double *out[COLUMNS];
    for (int k = 0; k < COLUMNS; k++) {
        out[k] = malloc(8 * (size_t)n);
        for (int i = 0; i < n; i++) out[k][i] = NAN;
    }

    int warmups = 3;
    double *cpu_only = malloc(sizeof(double) * reps), *wall_only = malloc(sizeof(double) * reps);
    double *cpu_copy = malloc(sizeof(double) * reps), *wall_copy = malloc(sizeof(double) * reps);
    double per_call[CALLS + 1];
    for (int k = 0; k <= CALLS; k++) per_call[k] = INFINITY;
    double checksum = 0;

    for (int r = -warmups; r < reps; r++) {
        /* compute only, call by call for the per-indicator minimum */
        double c0 = now_ms(CLOCK_THREAD_CPUTIME_ID), w0 = now_ms(CLOCK_MONOTONIC);
        for (int k = 0; k <= CALLS; k++) {
            double t = now_ms(CLOCK_THREAD_CPUTIME_ID);
            run_call(k < CALLS ? &CALL_TABLE[k] : &OBV_CALL, n, in, out);
            double dt = now_ms(CLOCK_THREAD_CPUTIME_ID) - t;
            if (r >= 0 && dt < per_call[k]) per_call[k] = dt;
        }
        double c1 = now_ms(CLOCK_THREAD_CPUTIME_ID), w1 = now_ms(CLOCK_MONOTONIC);
        checksum += out[19][n - 1] + out[0][n - 1];

        /* copy inputs to fresh columns, fresh outputs with NaN warm-ups, compute */
        double c2 = now_ms(CLOCK_THREAD_CPUTIME_ID), w2 = now_ms(CLOCK_MONOTONIC);
        int64_t *t2 = malloc(8 * (size_t)n);
        memcpy(t2, time, 8 * (size_t)n);
        double *in2[INPUTS];
        for (int k = 0; k < INPUTS; k++) {
            in2[k] = malloc(8 * (size_t)n);
            memcpy(in2[k], in[k], 8 * (size_t)n);
        }
        double *out2[COLUMNS];
        for (int k = 0; k < COLUMNS; k++) out2[k] = calloc((size_t)n, 8);
        for (int k = 0; k < CALLS; k++) fill_warm_up(&CALL_TABLE[k], n, out2);
        fill_warm_up(&OBV_CALL, n, out2);
        run_all(n, in2, out2);
        checksum += out2[19][n - 1] + out2[0][n - 1] + (double)t2[n - 1];
        free(t2);
        for (int k = 0; k < INPUTS; k++) free(in2[k]);
        for (int k = 0; k < COLUMNS; k++) free(out2[k]);
        double c3 = now_ms(CLOCK_THREAD_CPUTIME_ID), w3 = now_ms(CLOCK_MONOTONIC);

        if (r >= 0) {
            cpu_only[r] = c1 - c0;
            wall_only[r] = w1 - w0;
            cpu_copy[r] = c3 - c2;
            wall_copy[r] = w3 - w2;
        }
    }

    printf("{\n  \"library\": \"Tulip Indicators %s (npm package tulind, external/tiamalgamation.c)\",\n", TI_VERSION);
    printf("  \"bars\": %d,\n  \"repetitions\": %d,\n  \"warmup_repetitions\": %d,\n", n, reps, warmups);
    printf("  \"compute_only_ms\": {\"cpu_min\": %.3f, \"cpu_median\": %.3f, \"wall_min\": %.3f, \"wall_median\": %.3f},\n",
           minimum(cpu_only, reps), median(cpu_only, reps), minimum(wall_only, reps), median(wall_only, reps));
    printf("  \"compute_copy_ms\": {\"cpu_min\": %.3f, \"cpu_median\": %.3f, \"wall_min\": %.3f, \"wall_median\": %.3f},\n",
           minimum(cpu_copy, reps), median(cpu_copy, reps), minimum(wall_copy, reps), median(wall_copy, reps));
    printf("  \"per_call_cpu_min_ms\": {");
    for (int k = 0; k <= CALLS; k++) {
        const call *c = k < CALLS ? &CALL_TABLE[k] : &OBV_CALL;
        printf("%s\"%s", k ? ", " : "", c->name);
        for (int o = 0; o < 3 && c->options[o] != 0; o++) printf("_%g", c->options[o]);
        printf("\": %.3f", per_call[k]);
    }
    printf("},\n  \"first_defined_bar\": {");
    for (int k = 0; k <= CALLS; k++) {
        const call *c = k < CALLS ? &CALL_TABLE[k] : &OBV_CALL;
        for (int o = 0; o < c->output_count; o++) {
            printf("%s\"%s\": %d", (k || o) ? ", " : "", NAMES[c->columns[o]], c->start(c->options));
        }
    }
    printf("},\n  \"last_values\": {");
    for (int k = 0; k < COLUMNS; k++) printf("%s\"%s\": %.17g", k ? ", " : "", NAMES[k], out[k][n - 1]);
    printf("},\n  \"checksum\": %.17g\n}\n", checksum);
    return 0;
}
