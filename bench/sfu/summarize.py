#!/usr/bin/env python3
"""Turns videopro-loadtest JSON reports (bench/sfu/run.sh) into the Markdown of
docs/performance.md: per scenario and server, forwarded packets per second, per
core and per CPU-microsecond, memory, added delay, and VideoPro/Janus ratios."""
import argparse
import datetime
import json
import os
import platform
import subprocess


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    return f"{os.cpu_count()} cores ({model}), {mem_kb / 1048576:.1f} GiB RAM, Linux {platform.release()}"


def figures(r):
    if r.get("failed") or "server" not in r:
        return None
    total = r["total"]
    seconds = r["mediaSeconds"]
    cpu = r["server"]["cpuSeconds"]
    packets = total["received"]
    consumers = max(r["consumers"], 1)
    return {
        "pps": packets / seconds,
        "cpu_share": cpu / seconds,
        "pps_per_core": packets / cpu if cpu > 0 else float("inf"),
        "cpu_us": cpu * 1e6 / packets if packets else float("nan"),
        "peak_mb": r["server"]["peakRssKb"] / 1024,
        "kb_per_consumer": (r["server"]["rssAfterSetupKb"] - r["server"]["rssBeforeKb"]) / consumers,
        "p50": total["delayUs"]["p50"] / 1000,
        "p99": total["delayUs"]["p99"] / 1000,
        "loss": total["lossPercent"],
        "rooms": r.get("rooms", 1),
        "client_share": r.get("clientCpuSeconds", 0) / seconds,
        "consumers": r["consumers"],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--command", required=True)
    parser.add_argument("--duration", required=True)
    parser.add_argument("--janus-version", default="janus")
    parser.add_argument("reports", nargs="+")
    args = parser.parse_args()

    rows = {}
    order = []
    for path in args.reports:
        with open(path) as f:
            r = json.load(f)
        kind = "audio" if r.get("audioOnly") or r.get("kind") == "audio" else "video"
        key = f"{kind} {r['publishers']}x{r['subscribers']}"
        if key not in rows:
            rows[key] = {}
            order.append(key)
        rows[key][r["target"]] = figures(r)

    out = []
    out.append(f"### Run of {datetime.date.today().isoformat()}")
    out.append("")
    out.append(f"- Machine: {machine()}; load client and server share it.")
    out.append(f"- Command: `{args.command}` ({args.duration} s of media per run; {args.janus_version}).")
    out.append("")
    out.append("| load | server | rooms | consumers | fwd pkt/s | server CPU | fwd pkt/s per core "
               "| CPU-µs/pkt | peak RSS | RSS/consumer | delay p50 / p99 | loss | load client CPU "
               "| VideoPro/Janus CPU per pkt |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for key in order:
        vp = rows[key].get("videopro")
        janus = rows[key].get("janus")
        ratio = ""
        if vp and janus and vp["cpu_us"] > 0:
            ratio = f"{vp['cpu_us'] / janus['cpu_us']:.2f} ({janus['cpu_us'] / vp['cpu_us']:.1f}x)"
        for name, f in (("VideoPro", vp), ("Janus", janus)):
            if name == "Janus" and "janus" not in rows[key]:
                continue
            if f is None:
                out.append(f"| {key} | {name} | | | failed (see notes) | | | | | | | | | |")
                continue
            out.append(
                f"| {key} | {name} | {f['rooms']} | {f['consumers']} | {f['pps']:,.0f} | "
                f"{100 * f['cpu_share']:.0f} % | {f['pps_per_core']:,.0f} | {f['cpu_us']:.2f} | "
                f"{f['peak_mb']:.0f} MB | {f['kb_per_consumer']:.1f} kB | "
                f"{f['p50']:.2f} / {f['p99']:.2f} ms | {f['loss']:.2f} % | "
                f"{100 * f['client_share']:.0f} % | "
                f"{ratio if name == 'VideoPro' else ''} |")
    print("\n".join(out))


if __name__ == "__main__":
    main()
