#include "CMatchInt8.h"

// Written in C because Swift cannot emit vpdpbusd. The functions carry their
// own target attribute, so this file builds for baseline x86-64 and the caller
// picks it only after homeward_cpu_has_avx512_vnni(). Compiled with
// -ffp-contract=off (Package.swift): the float epilogue must round exactly as
// the Swift twin's does, one operation at a time.

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HW_VNNI __attribute__((target("avx512f,avx512bw,avx512vnni")))

int homeward_cpu_has_avx512_vnni(void) {
    __builtin_cpu_init();
    // __builtin_cpu_supports also checks that the OS saves zmm state (XCR0).
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vnni");
}

enum { LANES = 16 };
#define INFLATE (1.0f + 0x1p-18f)

static inline HW_VNNI __m512i dp(__m512i acc, uint32_t queryCodes, __m512i rows) {
    return _mm512_dpbusd_epi32(acc, _mm512_set1_epi32((int)queryCodes), rows);
}

// The lanes of one (query, panel) whose score reaches its threshold less its margin.
static inline HW_VNNI uint16_t hits(__m512i acc, const homeward_i8_panels *P, long panel,
                                    const homeward_i8_queries *Q, long q, float threshold, float slack) {
    const long o = panel * LANES;
    __m512 dot = _mm512_cvtepi32_ps(_mm512_sub_epi32(acc, _mm512_loadu_si512(P->bias + o)));
    __m512 scale = _mm512_mul_ps(_mm512_set1_ps(Q->step[q]), _mm512_loadu_ps(P->step + o));
    __m512 score = _mm512_mul_ps(dot, scale);
    __m512 a = _mm512_mul_ps(_mm512_set1_ps(Q->l1[q]), _mm512_loadu_ps(P->halfStep + o));
    __m512 b = _mm512_mul_ps(_mm512_loadu_ps(P->l1 + o), _mm512_set1_ps(Q->halfStep[q]));
    __m512 margin = _mm512_add_ps(_mm512_mul_ps(_mm512_add_ps(a, b), _mm512_set1_ps(INFLATE)), _mm512_set1_ps(slack));
    __m512 bar = _mm512_sub_ps(_mm512_set1_ps(threshold), margin);
    return (uint16_t)_mm512_cmp_ps_mask(score, bar, _CMP_GE_OQ);
}

HW_VNNI
void homeward_i8_prefilter(homeward_i8_panels panels, long panelStart, long panelEnd, long quads,
                           homeward_i8_queries queries, const int32_t *queryIDs, long queryCount,
                           const float *thresholds, float slack, uint16_t *masks) {
    const long panelDwords = quads * LANES;
    const long groups = queryCount / 4;
    long p = panelStart;
    // Panel-outer, query-inner: the 4 panels (8 KiB at 128-d) stay in L1
    // while every query group passes over them.
    for (; p + 4 <= panelEnd; p += 4) {
        const uint32_t *r0 = panels.rows + p * panelDwords, *r1 = r0 + panelDwords;
        const uint32_t *r2 = r1 + panelDwords, *r3 = r2 + panelDwords;
        uint16_t *m = masks + (p - panelStart) * queryCount;
        for (long g = 0; g < groups; g++) {
            const long i = g * 4;
            const long id0 = queryIDs[i], id1 = queryIDs[i + 1], id2 = queryIDs[i + 2], id3 = queryIDs[i + 3];
            const uint32_t *q0 = queries.codes + id0 * quads, *q1 = queries.codes + id1 * quads;
            const uint32_t *q2 = queries.codes + id2 * quads, *q3 = queries.codes + id3 * quads;
            __m512i a[16];
            for (int j = 0; j < 16; j++) a[j] = _mm512_setzero_si512();
            for (long k = 0; k < quads; k++) {
                const long o = k * LANES;
                __m512i v0 = _mm512_load_si512(r0 + o), v1 = _mm512_load_si512(r1 + o);
                __m512i v2 = _mm512_load_si512(r2 + o), v3 = _mm512_load_si512(r3 + o);
                a[0] = dp(a[0], q0[k], v0); a[1] = dp(a[1], q0[k], v1); a[2] = dp(a[2], q0[k], v2); a[3] = dp(a[3], q0[k], v3);
                a[4] = dp(a[4], q1[k], v0); a[5] = dp(a[5], q1[k], v1); a[6] = dp(a[6], q1[k], v2); a[7] = dp(a[7], q1[k], v3);
                a[8] = dp(a[8], q2[k], v0); a[9] = dp(a[9], q2[k], v1); a[10] = dp(a[10], q2[k], v2); a[11] = dp(a[11], q2[k], v3);
                a[12] = dp(a[12], q3[k], v0); a[13] = dp(a[13], q3[k], v1); a[14] = dp(a[14], q3[k], v2); a[15] = dp(a[15], q3[k], v3);
            }
            const long ids[4] = {id0, id1, id2, id3};
            for (int qi = 0; qi < 4; qi++) {
                for (int pj = 0; pj < 4; pj++) {
                    m[pj * queryCount + i + qi] = hits(a[qi * 4 + pj], &panels, p + pj, &queries, ids[qi], thresholds[ids[qi]], slack);
                }
            }
        }
        for (long i = groups * 4; i < queryCount; i++) {
            const long id = queryIDs[i];
            const uint32_t *q = queries.codes + id * quads;
            __m512i a0 = _mm512_setzero_si512(), a1 = a0, a2 = a0, a3 = a0;
            for (long k = 0; k < quads; k++) {
                const long o = k * LANES;
                a0 = dp(a0, q[k], _mm512_load_si512(r0 + o)); a1 = dp(a1, q[k], _mm512_load_si512(r1 + o));
                a2 = dp(a2, q[k], _mm512_load_si512(r2 + o)); a3 = dp(a3, q[k], _mm512_load_si512(r3 + o));
            }
            m[i] = hits(a0, &panels, p, &queries, id, thresholds[id], slack);
            m[queryCount + i] = hits(a1, &panels, p + 1, &queries, id, thresholds[id], slack);
            m[2 * queryCount + i] = hits(a2, &panels, p + 2, &queries, id, thresholds[id], slack);
            m[3 * queryCount + i] = hits(a3, &panels, p + 3, &queries, id, thresholds[id], slack);
        }
    }
    // Tail panels: one at a time.
    for (; p < panelEnd; p++) {
        const uint32_t *r = panels.rows + p * panelDwords;
        uint16_t *m = masks + (p - panelStart) * queryCount;
        for (long i = 0; i < queryCount; i++) {
            const long id = queryIDs[i];
            const uint32_t *q = queries.codes + id * quads;
            __m512i acc = _mm512_setzero_si512();
            for (long k = 0; k < quads; k++) acc = dp(acc, q[k], _mm512_load_si512(r + k * LANES));
            m[i] = hits(acc, &panels, p, &queries, id, thresholds[id], slack);
        }
    }
}

#else

int homeward_cpu_has_avx512_vnni(void) { return 0; }

void homeward_i8_prefilter(homeward_i8_panels panels, long panelStart, long panelEnd, long quads,
                           homeward_i8_queries queries, const int32_t *queryIDs, long queryCount,
                           const float *thresholds, float slack, uint16_t *masks) {
    (void)panels; (void)panelStart; (void)panelEnd; (void)quads; (void)queries; (void)queryIDs;
    (void)queryCount; (void)thresholds; (void)slack; (void)masks;
    __builtin_trap();  // never called: the CPU check is 0 here
}

#endif
