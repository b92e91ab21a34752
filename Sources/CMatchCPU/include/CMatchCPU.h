#ifndef HOMEWARD_CMATCHCPU_H
#define HOMEWARD_CMATCHCPU_H

/// 1 when the CPU and OS support AVX-512 F/BW/DQ/VL (what -target-cpu skylake-avx512 emits), else 0.
int homeward_cpu_has_avx512(void);
/// 1 when the CPU and OS support AVX2 with FMA (what -target-cpu haswell emits), else 0.
int homeward_cpu_has_avx2_fma(void);

#endif
