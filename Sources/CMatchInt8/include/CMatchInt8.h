#ifndef HOMEWARD_CMATCHINT8_H
#define HOMEWARD_CMATCHINT8_H

#include <stdint.h>

/// 1 when the CPU and OS support AVX-512 F/BW and VNNI (vpdpbusd), else 0.
int homeward_cpu_has_avx512_vnni(void);

/// Per-row data of the int8 copy, one array of 16 per panel (MatchEngine's
/// `Int8Layout` explains the quantisation and the margin).
typedef struct {
    const uint32_t *rows;       // per panel, per quad k of dimensions: 16 dwords, one per row, bytes = dims 4k..4k+3 (int8)
    const int32_t *bias;        // per row: 128 × Σ_d ρ_d (the unsigned-query correction)
    const float *step;          // per row: the quantisation step 1/S_r
    const float *halfStep;      // per row: step / 2
    const float *l1;            // per row: Σ_d |ρ_d| × step (the quantised row's L1 norm, rounded up)
} homeward_i8_panels;

/// Per-query data: `quads` dwords of unsigned bytes κ_d + 128, and floats.
typedef struct {
    const uint32_t *codes;      // per query, `quads` dwords
    const float *step;          // per query: 1/S_q
    const float *halfStep;      // per query: step / 2
    const float *l1;            // per query: Σ_d |q_d| (rounded up)
} homeward_i8_queries;

/// For the i-th scanned query (queryIDs[i]) and each panel p of [panelStart, panelEnd),
/// writes to masks[(p - panelStart) * queryCount + i] the lanes whose int8 score is
/// >= thresholds[queryIDs[i]] - margin(lane), margin = (l1_q·halfStep_r + l1_r·halfStep_q)·(1 + 2⁻¹⁸) + slack.
/// Call only when homeward_cpu_has_avx512_vnni() is 1.
void homeward_i8_prefilter(homeward_i8_panels panels, long panelStart, long panelEnd, long quads,
                           homeward_i8_queries queries, const int32_t *queryIDs, long queryCount,
                           const float *thresholds, float slack, uint16_t *masks);

#endif
