"""Summarises bench/fanout results.tsv rows (written by ../shared/bench's bench_measure) as ratios."""
import csv
import sys

path, n, k, big = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rows = {}
with open(path) as f:
    for row in csv.DictReader(f, delimiter="\t"):
        rows[row["label"]] = row


def num(label, field):
    return float(rows[label][field])


def line(label, commands):
    r = rows[label]
    tool, sshd = float(r["tool_cpu_s"]), float(r["sshd_cpu_s"])
    print(f"  {label:16} wall {float(r['wall_s']):7.2f} s   tool CPU {1000 * tool / commands:7.2f} ms/cmd"
          f"   sshd CPU {1000 * sshd / commands:6.2f} ms/cmd   total {1000 * (tool + sshd) / commands:6.2f} ms/cmd"
          f"   rc {r['rc']}   other CPU {float(r['other_cpu_s']):.2f} s")


print(f"1. one command on {n} hosts")
for label in ("scsctl-exec", "ssh-cold-xargs", "ansible-command"):
    if label in rows:
        line(label, n)
if "scsctl-exec" in rows:
    base = num("scsctl-exec", "wall_s")
    for label in ("ssh-cold-xargs", "ansible-command"):
        if label in rows:
            print(f"  scsctl is {num(label, 'wall_s') / base:.2f}x faster than {label} (wall)")

print(f"2. {k} commands per host on {n} hosts, one connection per host")
for label in ("scsctl-k", "ssh-warm"):
    if label in rows:
        line(label, n * k)
if "scsctl-k" in rows:
    r = rows["scsctl-k"]
    tool = float(r["tool_cpu_s"])
    print(f"  scsctl own CPU: {1000 * tool / (n * k):.3f} ms per command incl. connections"
          f" ({1000 * tool / n:.2f} ms per host for {k} commands)")
    if "ssh-warm" in rows:
        print(f"  total CPU ratio ControlMaster/scsctl: "
              f"{(num('ssh-warm', 'tool_cpu_s') + num('ssh-warm', 'sshd_cpu_s')) / (tool + float(r['sshd_cpu_s'])):.2f}x")

print(f"3. one command on {big} hosts")
if "scsctl-exec-big" in rows:
    r = rows["scsctl-exec-big"]
    line("scsctl-exec-big", big)
    print(f"  controller peak RSS {int(r['ctl_maxrss_kb'])} KiB = {int(r['ctl_maxrss_kb']) / big:.1f} KiB per host")
