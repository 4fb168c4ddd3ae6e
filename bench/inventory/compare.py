#!/usr/bin/env python3
"""compare.py ANSIBLE_LIST_JSON SCSCTL_LIST_JSON: exit 0 when the two `--list` outputs are
equal after normalisation (key order ignored; each group's hosts/children compared sorted;
types strict), else print the first differences and exit 1."""
import json
import sys


def normalize(doc):
    for name, group in doc.items():
        if name != "_meta" and isinstance(group, dict):
            for key in ("hosts", "children"):
                if isinstance(group.get(key), list):
                    group[key] = sorted(group[key])
    return json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=False)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        a = normalize(json.load(f))
    with open(sys.argv[2], encoding="utf-8") as f:
        b = normalize(json.load(f))
    if a == b:
        return 0
    import difflib
    for i, line in enumerate(difflib.unified_diff(a.splitlines(), b.splitlines(), "ansible", "scsctl", lineterm="", n=1)):
        if i >= 40:
            print("...")
            break
        print(line)
    return 1


if __name__ == "__main__":
    sys.exit(main())
