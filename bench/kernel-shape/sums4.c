/*
 * The pure-Java kernel's inner loop (ScalarPackedProduct.sums4) compiled by gcc, beside what the
 * core gives with the sums in registers. Answers one question: is the pure path slow because of
 * the source's shape (sums in L1, loaded and stored every pass) or because of the code C2 makes
 * of it? gcc is free to transform the same source (it interleaves consecutive passes over p and
 * folds loads into the FMAs), so its line shows what a better compiler gets from it.
 *
 *   gcc -O3 -march=native -o sums4 sums4.c && ./sums4
 *
 * Three lines, GFLOP/s (best of 7 rounds):
 *   registers: 16 independent 512-bit FMA chains, no memory (the core's real FMA throughput);
 *   sums4 loop: 128 rows x 128 steps x 128 columns, four rows of sums per pass, two steps of p,
 *                sums loaded and stored every pass, as ScalarPackedProduct does (NC=KC=MC=128);
 *   4x4 register tile: the same product with 16 vectors of sums kept in registers over all
 *                128 steps, as VectorPackedProduct's tile4x4 does.
 */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { NC = 128, KC = 128, MC = 128, ROUNDS = 7 };

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

/* sums[r][j] += x[r][p] * panel[p][j], four rows and two p per pass: the Java loop verbatim. */
__attribute__((noinline)) static void sums4(const double *restrict x, const double *restrict panel,
                                            double *restrict sums) {
  for (int r = 0; r < MC; r += 4) {
    double *s0 = sums + r * NC, *s1 = s0 + NC, *s2 = s1 + NC, *s3 = s2 + NC;
    const double *xr = x + r * KC;
    for (int p = 0; p < KC; p += 2) {
      double a00 = xr[p], a01 = xr[p + 1], a10 = xr[KC + p], a11 = xr[KC + p + 1];
      double a20 = xr[2 * KC + p], a21 = xr[2 * KC + p + 1];
      double a30 = xr[3 * KC + p], a31 = xr[3 * KC + p + 1];
      const double *b0 = panel + p * NC, *b1 = b0 + NC;
      for (int j = 0; j < NC; j++) {
        double v0 = b0[j], v1 = b1[j];
        s0[j] = __builtin_fma(a01, v1, __builtin_fma(a00, v0, s0[j]));
        s1[j] = __builtin_fma(a11, v1, __builtin_fma(a10, v0, s1[j]));
        s2[j] = __builtin_fma(a21, v1, __builtin_fma(a20, v0, s2[j]));
        s3[j] = __builtin_fma(a31, v1, __builtin_fma(a30, v0, s3[j]));
      }
    }
  }
}

/* The same product with a 4-row x 32-column tile of sums held in 16 zmm registers. */
__attribute__((noinline)) static void tile4x4(const double *restrict x, const double *restrict panel,
                                              double *restrict sums) {
  for (int r = 0; r < MC; r += 4) {
    for (int jt = 0; jt < NC; jt += 32) {
      __m512d c[4][4];
      for (int i = 0; i < 4; i++)
        for (int v = 0; v < 4; v++) c[i][v] = _mm512_loadu_pd(sums + (r + i) * NC + jt + 8 * v);
      for (int p = 0; p < KC; p++) {
        const double *b = panel + p * NC + jt;
        __m512d b0 = _mm512_loadu_pd(b), b1 = _mm512_loadu_pd(b + 8);
        __m512d b2 = _mm512_loadu_pd(b + 16), b3 = _mm512_loadu_pd(b + 24);
        for (int i = 0; i < 4; i++) {
          __m512d a = _mm512_set1_pd(x[(r + i) * KC + p]);
          c[i][0] = _mm512_fmadd_pd(a, b0, c[i][0]);
          c[i][1] = _mm512_fmadd_pd(a, b1, c[i][1]);
          c[i][2] = _mm512_fmadd_pd(a, b2, c[i][2]);
          c[i][3] = _mm512_fmadd_pd(a, b3, c[i][3]);
        }
      }
      for (int i = 0; i < 4; i++)
        for (int v = 0; v < 4; v++) _mm512_storeu_pd(sums + (r + i) * NC + jt + 8 * v, c[i][v]);
    }
  }
}

static double registers(void) {
  __m512d a[16], x = _mm512_set1_pd(1.0000001), y = _mm512_set1_pd(0.9999999);
  for (int i = 0; i < 16; i++) a[i] = _mm512_set1_pd(i);
  long n = 20000000;
  double t = now();
  for (long k = 0; k < n; k++) {
#pragma GCC unroll 16
    for (int i = 0; i < 16; i++) a[i] = _mm512_fmadd_pd(a[i], x, y);
  }
  t = now() - t;
  double s = 0;
  for (int i = 0; i < 16; i++) s += _mm512_reduce_add_pd(a[i]);
  if (s == 42) puts("");
  return n * 16.0 * 16 / t / 1e9;
}

static double product(void (*f)(const double *, const double *, double *), const double *x,
                      const double *panel, double *sums) {
  int reps = 200;
  double t = now();
  for (int k = 0; k < reps; k++) f(x, panel, sums);
  t = now() - t;
  return reps * 2.0 * MC * KC * NC / t / 1e9;
}

int main(void) {
  double *x = aligned_alloc(64, sizeof(double) * MC * KC);
  double *panel = aligned_alloc(64, sizeof(double) * KC * NC);
  double *sums = aligned_alloc(64, sizeof(double) * MC * NC);
  for (int i = 0; i < MC * KC; i++) x[i] = 1e-3 * (i % 97);
  for (int i = 0; i < KC * NC; i++) panel[i] = 1e-3 * (i % 89);
  for (int i = 0; i < MC * NC; i++) sums[i] = 0;
  double best[3] = {0, 0, 0};
  for (int round = 0; round < ROUNDS; round++) {
    double g[3] = {registers(), product(sums4, x, panel, sums), product(tile4x4, x, panel, sums)};
    for (int i = 0; i < 3; i++) best[i] = g[i] > best[i] ? g[i] : best[i];
  }
  printf("registers (16 FMA chains)   %6.2f GFLOP/s\n", best[0]);
  printf("sums4 loop (Java source)    %6.2f GFLOP/s  %5.1f %% of registers\n", best[1],
         100 * best[1] / best[0]);
  printf("4x4 register tile           %6.2f GFLOP/s  %5.1f %% of registers\n", best[2],
         100 * best[2] / best[0]);
  return 0;
}
