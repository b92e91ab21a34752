#!/usr/bin/env python3
"""libspatialindex peer for `homeward bench geo` (Python rtree 1.4.1, numpy bulk API).

Usage: geo_peer.py DIR
DIR holds params.json and little-endian float64 arrays written by the Swift side:
  points.f64   n x 2 (lon, lat)          -- the 1M skewed points, id = row
  queries.f64  q x 2 (lon, lat)          -- circle centres
  qboxes_R.f64 q x 4 (minlon, minlat, maxlon, maxlat) per radius R: the same circle
               bounding boxes our engine uses (Geodesy.circleBounds)
  reach.f64    m x 7 (minlon, minlat, maxlon, maxlat, lon, lat, radius_km) reach boxes
  stabs.f64    s x 2 (lon, lat)          -- sighting points for the stabbing query
For each workload it writes WORKLOAD.counts (int64 per query) and WORKLOAD.hash
(uint64 per query: wrapping sum of mix(id) over the result ids), and prints one
JSON line with its timing. The exact filter is the contract's haversine with the
same radius constant, as lean as ours: latitudes in radians and their cosines are
computed once per point and per query outside the timed loop (as our R-tree
stores them and `CircleTest` keeps them per query), with the same floating-point
operations as the plain formula, so the results are bit for bit the same.
"""
import json
import sys
import time

import numpy as np
from rtree import index

R = 6371.0088
K = np.pi / 180.0


class Places:
    """Longitudes in degrees, latitudes in radians and their cosines, computed once."""

    def __init__(self, lon, lat):
        self.lon = np.ascontiguousarray(lon)
        self.lat = lat * K
        self.cos = np.cos(self.lat)


def haversine(q, qi, p, pi):
    """The contract's haversine between places q[qi] and p[pi] (Geodesy.haversineKm's operations)."""
    dlat = p.lat[pi] - q.lat[qi]
    dlon = (p.lon[pi] - q.lon[qi]) * K
    a = np.sin(dlat / 2)
    b = np.sin(dlon / 2)
    h = a * a + q.cos[qi] * p.cos[pi] * b * b
    return 2 * R * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def mix(ids):
    z = ids.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def per_query(ids, counts):
    """Per-query result count and order-independent hash of ids grouped by query."""
    ends = np.cumsum(counts)
    starts = ends - counts
    cs = np.concatenate([np.zeros(1, np.uint64), np.cumsum(mix(ids), dtype=np.uint64)])
    return counts.astype(np.int64), (cs[ends] - cs[starts]).astype(np.uint64)


def run_queries(idx, mins, maxs, exact, batch):
    """Bulk box query in batches, then the exact filter; returns ids, counts, seconds."""
    out_ids, out_counts = [], []
    t0 = time.perf_counter()
    for s in range(0, len(mins), batch):
        ids, counts = idx.intersection_v(mins[s:s + batch], maxs[s:s + batch])
        counts = counts.astype(np.int64)
        qi = np.repeat(np.arange(s, s + len(counts)), counts)
        keep = exact(qi, ids)
        out_ids.append(ids[keep])
        out_counts.append(np.bincount(qi[keep] - s, minlength=len(counts)))
    seconds = time.perf_counter() - t0
    return np.concatenate(out_ids), np.concatenate(out_counts), seconds


def main():
    d = sys.argv[1]
    params = json.load(open(f"{d}/params.json"))
    pts = np.fromfile(f"{d}/points.f64", dtype="<f8").reshape(-1, 2)
    n = len(pts)
    ids = np.arange(n, dtype=np.int64)

    best = None
    for _ in range(params.get("load_repeats", 1)):
        t0 = time.perf_counter()
        idx = index.Index((ids, pts, pts))
        t = time.perf_counter() - t0
        best = t if best is None else min(best, t)
    print(json.dumps({"workload": "bulk-load", "seconds": best, "items": n}), flush=True)

    qs = np.fromfile(f"{d}/queries.f64", dtype="<f8").reshape(-1, 2)
    points, centres = Places(pts[:, 0], pts[:, 1]), Places(qs[:, 0], qs[:, 1])
    for r in params["radii"]:
        boxes = np.fromfile(f"{d}/qboxes_{r:g}.f64", dtype="<f8").reshape(-1, 4)
        mins, maxs = np.ascontiguousarray(boxes[:, :2]), np.ascontiguousarray(boxes[:, 2:])

        def exact(qi, cand, r=r):
            return haversine(centres, qi, points, cand) <= r

        res_ids, counts, seconds = run_queries(idx, mins, maxs, exact, params["batch"])
        name = f"circle-{r:g}km"
        c, h = per_query(res_ids, counts)
        c.tofile(f"{d}/{name}.counts")
        h.tofile(f"{d}/{name}.hash")
        print(json.dumps({"workload": name, "seconds": seconds, "queries": len(qs)}), flush=True)

    reach = np.fromfile(f"{d}/reach.f64", dtype="<f8").reshape(-1, 7)
    m = len(reach)
    ridx = index.Index((np.arange(m, dtype=np.int64), np.ascontiguousarray(reach[:, :2]), np.ascontiguousarray(reach[:, 2:4])))
    stabs = np.fromfile(f"{d}/stabs.f64", dtype="<f8").reshape(-1, 2)
    sighting_places, case_places = Places(stabs[:, 0], stabs[:, 1]), Places(reach[:, 4], reach[:, 5])
    radius = np.ascontiguousarray(reach[:, 6])

    def exact_reach(qi, cand):
        return haversine(sighting_places, qi, case_places, cand) <= radius[cand]

    res_ids, counts, seconds = run_queries(ridx, stabs, stabs, exact_reach, params["batch"])
    name = params["stab_workload"]
    c, h = per_query(res_ids, counts)
    c.tofile(f"{d}/{name}.counts")
    h.tofile(f"{d}/{name}.hash")
    print(json.dumps({"workload": name, "seconds": seconds, "queries": len(stabs)}), flush=True)


if __name__ == "__main__":
    main()
