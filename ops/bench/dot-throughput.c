// Throughput of the three packed dot-product instructions a scan kernel could
// use, on 12 independent zmm chains (enough to hide their latency): fp32 FMA
// (vfmadd231ps), bf16 pair dot (vdpbf16ps, AVX-512 BF16) and int8 quad dot
// (vpdpbusd, AVX-512 VNNI). docs/matching-engine.md quotes it to explain why
// the bf16 prefilter widens to fp32 instead of using vdpbf16ps.
//
//   clang -O2 ops/bench/dot-throughput.c -o /tmp/dot-throughput && /tmp/dot-throughput
//
// Needs a CPU with all three (the program faults otherwise).
#include <immintrin.h>
#include <stdio.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
#define N 200000000L
__attribute__((target("avx512f"))) float fma_(void){
  __m512 a[12]; __m512 m=_mm512_set1_ps(0.9999f), c=_mm512_set1_ps(1e-7f);
  for(int i=0;i<12;i++) a[i]=_mm512_set1_ps(i);
  for(long n=0;n<N/12;n++){ for(int i=0;i<12;i++) a[i]=_mm512_fmadd_ps(a[i],m,c); }
  __m512 s=a[0]; for(int i=1;i<12;i++) s=_mm512_add_ps(s,a[i]); return _mm512_reduce_add_ps(s);}
__attribute__((target("avx512f,avx512bf16"))) float bf16_(void){
  __m512 a[12]; __m512i m=_mm512_set1_epi32(0x3f803f80), c=_mm512_set1_epi32(0x33d633d6);
  for(int i=0;i<12;i++) a[i]=_mm512_set1_ps(i);
  for(long n=0;n<N/12;n++){ for(int i=0;i<12;i++) a[i]=_mm512_dpbf16_ps(a[i],(__m512bh)m,(__m512bh)c); }
  __m512 s=a[0]; for(int i=1;i<12;i++) s=_mm512_add_ps(s,a[i]); return _mm512_reduce_add_ps(s);}
__attribute__((target("avx512f,avx512vnni"))) int vnni_(void){
  __m512i a[12]; __m512i m=_mm512_set1_epi32(0x01010101), c=_mm512_set1_epi32(0x01020304);
  for(int i=0;i<12;i++) a[i]=_mm512_set1_epi32(i);
  for(long n=0;n<N/12;n++){ for(int i=0;i<12;i++) a[i]=_mm512_dpbusd_epi32(a[i],m,c); }
  __m512i s=a[0]; for(int i=1;i<12;i++) s=_mm512_add_epi32(s,a[i]); return _mm512_reduce_add_epi32(s);}
int main(){
  double t=now(); float f=fma_(); double tf=now()-t;
  t=now(); float b=bf16_(); double tb=now()-t;
  t=now(); int v=vnni_(); double tv=now()-t;
  printf("zmm instr/s: fma %.2fG (%.0f GFLOP/s) | dpbf16 %.2fG (%.0f GFLOP/s) | dpbusd %.2fG (%.0f GOP/s int8 MAC*2)  [%g %g %d]\n",
    N/tf/1e9, N/tf*32/1e9, N/tb/1e9, N/tb*64/1e9, N/tv/1e9, N/tv*128/1e9, f,b,v);
}
