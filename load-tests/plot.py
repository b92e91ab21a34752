"""Plots a load-test run's timeseries.csv into rate.png, latency.png and queues.png.

Usage: plot.py RESULT_FOLDER (written by `homeward loadtest`).
"""
import csv
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; no display on a server
import matplotlib.pyplot as plt  # noqa: E402


def read_rows(folder: Path):
    with open(folder / "timeseries.csv", newline="") as f:
        return [{k: float(v) for k, v in row.items()} for row in csv.DictReader(f)]


def column(rows, name):
    return [r[name] for r in rows]


def figure(title):
    fig, ax = plt.subplots(figsize=(9, 4.2), dpi=110)
    ax.set_title(title)
    ax.set_xlabel("seconds into the run")
    ax.grid(True, alpha=0.3)
    return fig, ax


def main(folder: Path) -> None:
    rows = read_rows(folder)
    summary = json.loads((folder / "summary.json").read_text())
    name = summary["scenario"] + (" (short)" if summary.get("short") else "")
    t = column(rows, "second")

    fig, ax = figure(f"{name}: submissions per second")
    ax.plot(t, column(rows, "offered"), label="offered")
    ax.plot(t, column(rows, "acknowledged"), label="acknowledged")
    ax.plot(t, column(rows, "reposts"), label="of which reposts", linestyle=":")
    ax.plot(t, column(rows, "retry_later"), label='answered "retry later"', linestyle="--")
    ax.set_ylabel("per second")
    ax.legend()
    fig.tight_layout()
    fig.savefig(folder / "rate.png")

    fig, ax = figure(f"{name}: submit-to-alert latency (by second of arrival)")
    with_alerts = [r for r in rows if r["alerts"] > 0]
    ax.plot([r["second"] for r in with_alerts], [r["alert_p50_ms"] for r in with_alerts], "o-", ms=2, label="p50")
    ax.plot([r["second"] for r in with_alerts], [r["alert_p99_ms"] for r in with_alerts], "o-", ms=2, label="p99")
    fresh = [r for r in rows if r["fresh_alert_p99_ms"] > 0]
    if fresh:
        ax.plot([r["second"] for r in fresh], [r["fresh_alert_p99_ms"] for r in fresh], "s", ms=3, label="fresh abductions p99")
        ax.axhline(100, color="red", linewidth=0.8, linestyle="--", label="fresh target 100 ms")
    ax.set_ylabel("milliseconds")
    if with_alerts and max(r["alert_p99_ms"] for r in with_alerts) > 1000:
        ax.set_yscale("log")
    ax.legend()
    fig.tight_layout()
    fig.savefig(folder / "latency.png")

    fig, ax = figure(f"{name}: coordinator queues (polled each second)")
    polled = [r for r in rows if r["bulk_queue"] >= 0]
    ax.plot([r["second"] for r in polled], [r["urgent_queue"] for r in polled], label="urgent match queue")
    ax.plot([r["second"] for r in polled], [r["bulk_queue"] for r in polled], label="bulk match queue")
    ax.plot([r["second"] for r in polled], [r["workers_in_flight"] for r in polled], label="match requests at workers")
    ax.set_ylabel("sightings / requests")
    ax.legend()
    fig.tight_layout()
    fig.savefig(folder / "queues.png")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: plot.py RESULT_FOLDER")
    main(Path(sys.argv[1]))
