#!/usr/bin/env python3
"""Generates a large inventory for bench/inventory/run.

usage: generate.py DIR [HOSTS] [GROUPS]

Writes DIR/hosts.yml, DIR/group_vars/<group>.yml (one file per group) and
DIR/host_vars/<host>.yml (one file per host). Of GROUPS groups, a tenth are parents
("site" groups) whose children are the leaf groups; hosts are spread over the leaves,
and every 7th host is also a member of a second leaf group. Deterministic.
"""
import os
import sys


def main():
    out = sys.argv[1]
    n_hosts = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    n_groups = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    n_parents = max(1, n_groups // 10)
    n_leaves = n_groups - n_parents
    os.makedirs(os.path.join(out, "group_vars"), exist_ok=True)
    os.makedirs(os.path.join(out, "host_vars"), exist_ok=True)

    parents = [f"site{p:03d}" for p in range(n_parents)]
    leaves = [f"rack{g:04d}" for g in range(n_leaves)]
    members = {leaf: [] for leaf in leaves}
    hosts = [f"node{h:05d}.example.net" for h in range(n_hosts)]
    for h, host in enumerate(hosts):
        members[leaves[h % n_leaves]].append(host)
        if h % 7 == 0:
            members[leaves[(h * 31 + 5) % n_leaves]].append(host)

    lines = ["all:", "  vars:", "    bench: true", "  children:"]
    for p, parent in enumerate(parents):
        lines.append(f"    {parent}:")
        lines.append("      vars:")
        lines.append(f"        site_id: {p}")
        lines.append("      children:")
        for leaf in leaves[p::n_parents]:
            lines.append(f"        {leaf}:")
    for g, leaf in enumerate(leaves):
        lines.append(f"    {leaf}:")
        lines.append("      hosts:")
        for host in members[leaf]:
            idx = int(host[4:9])
            if idx % 3 == 0:
                lines.append(f"        {host}:")
                lines.append(f"          ansible_host: 10.{idx // 65536}.{idx // 256 % 256}.{idx % 256}")
            else:
                lines.append(f"        {host}: {{}}")
    with open(os.path.join(out, "hosts.yml"), "w") as f:
        f.write("\n".join(lines) + "\n")

    for p, parent in enumerate(parents):
        with open(os.path.join(out, "group_vars", f"{parent}.yml"), "w") as f:
            f.write(f"---\nsite_name: site-{p}\nntp_servers: [ntp{p % 4}.example.net, ntp{(p + 1) % 4}.example.net]\n"
                    f"priority_var: {parent}\n")
    for g, leaf in enumerate(leaves):
        with open(os.path.join(out, "group_vars", f"{leaf}.yml"), "w") as f:
            f.write(f"---\nrack_id: {g}\nrack_label: \"R{g:04d}\"\npriority_var: {leaf}\n"
                    f"network:\n  vlan: {100 + g % 3000}\n  mtu: {9000 if g % 2 else 1500}\n"
                    f"  dns: [10.0.0.53, 10.0.1.53]\nenabled: {'yes' if g % 5 else 'no'}\n")
    for h, host in enumerate(hosts):
        with open(os.path.join(out, "host_vars", f"{host}.yml"), "w") as f:
            f.write(f"---\nserial: SN{h:08d}\nslot: {h % 42}\npriority_var: {host}\n"
                    f"disks:\n  - {{dev: /dev/sda, size_gb: {240 + h % 5 * 240}}}\n  - {{dev: /dev/sdb, size_gb: 4000}}\n")


if __name__ == "__main__":
    main()
