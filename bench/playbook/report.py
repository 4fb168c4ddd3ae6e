"""Summarises bench/playbook results.tsv rows (written by ../shared/bench's bench_measure) as ratios.

usage: report.py RESULTS_TSV K
Rows: scsctl-cold, scsctl-warm, ansible, one of each per N. Every figure per task·host is the row's
CPU divided by N*K. The PLAY RECAP of each run's log is checked: a run that did not finish every task
on every host is flagged, since its time means nothing.
"""
import csv
import re
import sys

WALL_TARGET_N, WALL_TARGET_X, CPU_TARGET_MS = 50, 30.0, 10.0

path, k = sys.argv[1], int(sys.argv[2])
rows = {}
with open(path) as f:
    for row in csv.DictReader(f, delimiter="\t"):
        rows[(row["label"], int(row["N"]))] = row  # the last row of a label and N wins

RECAP = re.compile(r"^\S+\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")


def recap(log):
    """(hosts with every task ok, total changed, hosts) from the PLAY RECAP of a run's log."""
    good = changed = hosts = 0
    try:
        with open(log, errors="replace") as f:
            for line in f:
                m = RECAP.match(line)
                if m:
                    ok, ch, unreach, failed = map(int, m.groups())
                    hosts += 1
                    changed += ch
                    good += ok == k and unreach == 0 and failed == 0
    except OSError:
        pass
    return good, changed, hosts


def cpu(row):
    return float(row["tool_cpu_s"]), float(row["sshd_cpu_s"])


def per_th(seconds, n):
    return 1000 * seconds / (n * k)


def complete(r, n):
    return r["rc"] == "0" and recap(r["log"])[0] == n


def line(label, n):
    r = rows[(label, n)]
    tool, sshd = cpu(r)
    good, changed, hosts = recap(r["log"])
    flag = "" if complete(r, n) else f"   <-- INCOMPLETE: rc {r['rc']}, {good}/{n} hosts ok"
    print(f"  {label:12} wall {float(r['wall_s']):7.2f} s   CPU per task·host: tool {per_th(tool, n):7.2f} ms"
          f"  sshd {per_th(sshd, n):6.2f} ms  total {per_th(tool + sshd, n):7.2f} ms"
          f"   changed {changed:5}   other CPU {float(r['other_cpu_s']):6.2f} s{flag}")
    print(f"  {'':12} log {r['log']}")


ns = sorted({n for _, n in rows})
print(f"workload.yml: K={k} tasks; CPU per task·host = CPU / (N*K); 'other CPU' = rest of the machine"
      " (noise from other tenants: check it before trusting a wall time)")
verdicts = []
for n in ns:
    print(f"N={n} hosts, forks={n}")
    for label in ("scsctl-cold", "scsctl-warm", "ansible"):
        if (label, n) in rows:
            line(label, n)
    a = rows.get(("ansible", n))

    def verdict(ok, runs):
        return "INVALID (incomplete run)" if not all(complete(r, n) for r in runs) else "PASS" if ok else "FAIL"

    for label in ("scsctl-cold", "scsctl-warm"):
        s = rows.get((label, n))
        if not s:
            continue
        st, ss = cpu(s)
        total = per_th(st + ss, n)
        ok = total <= CPU_TARGET_MS
        verdicts.append(f"{verdict(ok, [s])} N={n} {label}: scsctl+sshd {total:.2f} ms CPU per task·host"
                        f" (target <= {CPU_TARGET_MS:g})")
        if a:
            at, asd = cpu(a)
            wall_x = float(a["wall_s"]) / float(s["wall_s"])
            print(f"  ansible/{label}: wall {wall_x:6.1f}x   total CPU {(at + asd) / (st + ss):6.1f}x"
                  f"   tool CPU {at / st if st else float('inf'):6.1f}x   sshd CPU {asd / ss if ss else float('inf'):6.1f}x")
            if n == WALL_TARGET_N:
                verdicts.append(f"{verdict(wall_x >= WALL_TARGET_X, [s, a])} N={n} {label}: {wall_x:.1f}x"
                                f" faster wall than Ansible (target >= {WALL_TARGET_X:g}x)")
    if not a:
        print("  (no Ansible run at this N: see BENCH_ANSIBLE_NS)")
if any(("ansible", n) in rows for n in ns) and ("ansible", WALL_TARGET_N) not in rows:
    verdicts.append(f"n/a wall target: no Ansible run at N={WALL_TARGET_N}")
print("targets")
for v in verdicts:
    print(f"  {v}")
