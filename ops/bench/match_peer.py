#!/usr/bin/env python3
"""FAISS IndexFlatIP peer for `homeward bench match`.

Reads the float32 rows and queries that homeward wrote, runs every
(threads, batch) cell in FAISS's best configuration -- every OpenMP thread
count up to the cell's, BLAS path on and off, keeping the fastest (with batch 1
FAISS is slower on two threads than on one) -- and prints one JSON object per
cell on stdout, with the top-k ids of every query of the kept timed run, so
homeward checks recall on every timed query, not on a few untimed ones.
Run with OPENBLAS_CORETYPE=SkylakeX (homeward sets it): the bundled OpenBLAS
misdetects this Xeon otherwise.
"""
import argparse
import json
import sys
import time

import faiss
import numpy as np


def timed_qps(index, xq, batch, k, min_seconds):
    """Queries/s over at least min_seconds, and (first query, ids) of every timed search."""
    nq = xq.shape[0]
    index.search(xq[:batch], k)  # warm-up: page in, let BLAS spin up threads
    done, start, i, answers = 0, time.perf_counter(), 0, []
    while True:
        lo = (i * batch) % nq
        _, ids = index.search(xq[lo:lo + batch], k)
        answers.append((lo, ids))
        done += ids.shape[0]
        i += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return done / elapsed, answers


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--dim", type=int, required=True)
    ap.add_argument("--queries", type=int, required=True)
    ap.add_argument("--batches", default="1,64,256")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--min-seconds", type=float, default=1.0)
    ap.add_argument("--repeats", type=int, default=1, help="time each mode this often, keep the best")
    a = ap.parse_args()

    data = np.fromfile(a.data, dtype="<f4")
    expected = (a.rows + a.queries) * a.dim
    if data.size != expected:
        sys.exit(f"match_peer: {a.data} has {data.size} floats, expected {expected}")
    xb = data[: a.rows * a.dim].reshape(a.rows, a.dim)
    xq = np.ascontiguousarray(data[a.rows * a.dim:].reshape(a.queries, a.dim))
    index = faiss.IndexFlatIP(a.dim)
    index.add(xb)
    del data, xb
    default_threshold = faiss.cvar.distance_compute_blas_threshold
    modes = {"blas": 1, "simd": 1 << 30}

    for threads in [int(t) for t in a.threads.split(",")]:
        for batch in [int(b) for b in a.batches.split(",")]:
            results, best, best_answers = {}, None, None
            for used in range(1, threads + 1):
                faiss.omp_set_num_threads(used)
                for name, threshold in modes.items():
                    faiss.cvar.distance_compute_blas_threshold = threshold
                    for _ in range(a.repeats):
                        qps, answers = timed_qps(index, xq, batch, a.k, a.min_seconds)
                        key = f"{name}/{used}"
                        results[key] = max(results.get(key, 0), qps)
                        if best is None or qps > results[best]:
                            best, best_answers = key, answers
            faiss.cvar.distance_compute_blas_threshold = default_threshold
            mode, used = best.split("/")
            print(json.dumps({
                "batch": batch, "threads": threads, "threads_used": int(used), "qps": results[best], "mode": mode,
                "qps_by_mode": results,
                "answers": [[lo, ids.tolist()] for lo, ids in best_answers],
            }), flush=True)

if __name__ == "__main__":
    main()
