#!/usr/bin/env bash
# CI outputs of `scsctl run` and `scsctl exec` on a local-connection inventory: every
# --output json line against docs/json-events.schema.json (python3-jsonschema), --junit
# against tests/schemas/junit.xsd (xmllint) with failing, skipped, unreachable, looped,
# no_log and binary-output tasks, and --report rendered by headless Chromium (what the page
# shows after its script ran). Usage: reports_test.sh path/to/scsctl
set -u
scsctl=$(realpath "${1:?usage: reports_test.sh path/to/scsctl}")
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
xsd="$source_dir/tests/schemas/junit.xsd"
json_schema="$source_dir/docs/json-events.schema.json"
passed=0
failed=0
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 -- "-$pid" 2>/dev/null; rm -rf "$work"' EXIT

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { local name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }
# valid FILE: xmllint validates FILE against the JUnit XSD (its complaints shown on failure).
valid() { xmllint --noout --schema "$xsd" "$1" 2>"$work/xmllint.err" || { cat "$work/xmllint.err" >&2; false; }; }

for tool in xmllint chromium python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "reports_test: $tool is missing (scripts/lib/deps.sh SCSCTL_TEST_PACKAGES installs it)" >&2
        exit 1
    fi
done
if ! python3 -c 'import jsonschema' 2>/dev/null; then
    echo "reports_test: python3 cannot import jsonschema (Debian: python3-jsonschema)" >&2
    exit 1
fi

mkdir -p "$work/home" "$work/inv" "$work/out"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" NO_COLOR=1
unset ANSIBLE_CONFIG SCSCTL_FORKS SCSCTL_OUTPUT SCSCTL_COLOR SCSCTL_TIMEOUT SCSCTL_REMOTE_USER
cd "$work" || exit 1

# dead: nothing listens on port 1, so it is unreachable at once.
cat >inv/hosts.yml <<'EOF'
all:
  hosts:
    h1: {ansible_connection: local}
    h2: {ansible_connection: local}
    h3: {ansible_connection: local}
    dead: {ansible_host: 127.0.0.1, ansible_port: 1, ansible_connection: ssh}
EOF
cat >site.yml <<EOF
- name: Deploy v1.2
  hosts: all
  gather_facts: false
  vars: {secret: s3cr3tValue}
  tasks:
    - name: say hello
      command: echo hello from {{ inventory_hostname }}
    - name: "<script>alert(1)</script> & friends"
      shell: printf 'bin\\001\\033[31mred\\377\\000end\\n'
    - name: skipped on h1
      command: echo not h1
      when: inventory_hostname != 'h1'
    - name: a loop with a failing item
      shell: "test {{ item }} != b"
      loop: [a, b, c]
      ignore_errors: true
    - name: secret task
      shell: echo {{ secret }}
      no_log: true
    - name: retried
      shell: exit 1
      register: attempt
      until: attempt.rc == 0
      retries: 1
      delay: 0
      when: inventory_hostname == 'h3'
      ignore_errors: true
    - name: write a file
      copy: {content: "v2\n", dest: "$work/out/{{ inventory_hostname }}.conf"}
      notify: reload
    - name: look only
      command: "true"
      changed_when: false
    - name: fail on h2
      shell: echo partial output; echo broken >&2; exit 3
      when: inventory_hostname == 'h2'
  handlers:
    - name: reload
      command: echo reloaded
EOF

# --- run: JSON lines, JUnit and HTML from one run -------------------------------------
"$scsctl" -i inv run site.yml --diff --output json --junit out/run.xml --report out/run.html \
    >"$work/run.jsonl" 2>"$work/run.err"
rc=$?
check "the run exits 1 (a task failed)" [ "$rc" -eq 1 ]
check "the junit file is written" [ -s out/run.xml ]
check "the html file is written" [ -s out/run.html ]
check "no temporary files are left beside the reports" [ -z "$(find out -name '.*' -type f)" ]

check "every JSON event matches the documented schema, with schema 1" python3 - "$json_schema" "$work/run.jsonl" <<'EOF'
import json, sys, jsonschema
validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
kinds = set()
for number, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
    event = json.loads(line)
    errors = list(validator.iter_errors(event))
    assert not errors, f"line {number}: {errors[0].message}: {line}"
    assert event["schema"] == 1, line
    kinds.add(event["event"])
expected = {"play_start", "task_start", "handler_start", "host_result", "item_result", "task_retrying", "recap"}
assert kinds == expected, kinds
EOF

check "the junit file validates against the JUnit XSD" valid out/run.xml
# The XSD does reject what it should: a testcase without a classname, two outcomes.
printf '<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><testcase name="t" time="1"/></testsuite></testsuites>\n' >"$work/bad1.xml"
printf '<testsuites><testsuite name="s" tests="1" failures="1" errors="0"><testcase classname="c" name="t" time="1"><failure/><skipped/></testcase></testsuite></testsuites>\n' >"$work/bad2.xml"
check "the XSD rejects a testcase without classname" bash -c "! xmllint --noout --schema '$xsd' '$work/bad1.xml' 2>/dev/null"
check "the XSD rejects two outcomes in one testcase" bash -c "! xmllint --noout --schema '$xsd' '$work/bad2.xml' 2>/dev/null"

check "junit: one testcase per task×host, each outcome as documented" python3 - out/run.xml "$work/run.jsonl" <<'EOF'
import json, sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
events = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
results = [e for e in events if e["event"] == "host_result"]
suites = root.findall("testsuite")
assert [s.get("name") for s in suites] == ["Deploy v1.2"], [s.get("name") for s in suites]
cases = {c.get("name"): c for c in root.iter("testcase")}
assert len(list(root.iter("testcase"))) == len(results) == len(cases), (len(cases), len(results))
assert all(c.get("classname") == "Deploy v1_2" for c in cases.values())
for attribute in ("tests", "failures", "errors", "skipped"):
    total = sum(int(s.get(attribute)) for s in suites)
    assert int(root.get(attribute)) == total, attribute
assert int(root.get("tests")) == len(cases)
failure = cases["[h2] fail on h2"].find("failure")
assert failure is not None and failure.get("message") == "non-zero return code" and failure.get("type") == "shell"
assert "rc: 3" in failure.text and "partial output" in failure.text and "broken" in failure.text, failure.text
assert cases["[h2] fail on h2"].find("system-out").text == "partial output"
assert cases["[h2] fail on h2"].find("system-err").text == "broken"
error = cases["[dead] say hello"].find("error")
assert error is not None and error.get("type") == "unreachable" and "connection refused" in error.get("message")
assert cases["[h1] skipped on h1"].find("skipped") is not None
assert cases["[h2] skipped on h1"].find("skipped") is None
assert cases["[h1] fail on h2"].find("skipped") is not None
loop = cases["[h1] a loop with a failing item"]
assert loop.find("failure") is None, "an ignored failure passes"
assert "failed (ignored): One or more items failed" in loop.find("system-out").text
assert "item=b: non-zero return code" in loop.find("system-out").text
assert cases["[h3] retried"].find("failure") is None
assert cases["[h1] handler: reload"].find("system-out").text == "reloaded"
binary = cases["[h1] <script>alert(1)</script> & friends"].find("system-out").text
assert binary == "bin\ufffd\ufffd[31mred\ufffd\ufffdend", repr(binary)
assert len(suites) == 1 and int(suites[0].get("failures")) == 1 and int(suites[0].get("errors")) == 1
# "skipped on h1" on h1, "retried" on h1 and h2, "fail on h2" on h1 and h3
assert int(suites[0].get("skipped")) == 5, suites[0].get("skipped")
EOF
check "junit: the no_log secret is not in the file" bash -c "! grep -q s3cr3tValue out/run.xml"
check "junit: censored output for the no_log task" grep -q '<system-out>censored</system-out>' out/run.xml
check "html: the no_log secret is not in the file" bash -c "! grep -q s3cr3tValue out/run.html"
check "html: nothing is loaded from elsewhere" bash -c "! grep -Eq '(src|href)=|https?://|@import' out/run.html"

# render PAGE OUT: headless Chromium's DOM after the page's script ran.
render() {
    timeout 120 chromium --headless --disable-gpu --no-sandbox --user-data-dir="$work/chromium" \
        --dump-dom "file://$1" >"$2" 2>"$work/chromium.err"
}
if render "$work/out/run.html" "$work/run.dom"; then
    ok
else
    fail "headless chromium renders the report (see below)"
    tail -5 "$work/chromium.err" >&2
fi
check "html: chromium shows summary, failures first, one row per host, one bar per result" \
    python3 - "$work/run.dom" "$work/run.jsonl" <<'EOF'
import json, sys
from html.parser import HTMLParser

class Dom(HTMLParser):
    """Elements with their classes and text, in document order."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.stack, self.scripts = [], [], 0
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts += 1
        element = {"tag": tag, "class": (attrs.get("class") or "").split(), "attrs": attrs, "text": ""}
        self.elements.append(element)
        if tag not in ("meta", "br", "img", "input", "link"):
            self.stack.append(element)
    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break
    def handle_data(self, data):
        for element in self.stack:
            element["text"] += data

dom = Dom()
dom.feed(open(sys.argv[1], encoding="utf-8").read())
events = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
results = [e for e in events if e["event"] == "host_result"]
recap = [e for e in events if e["event"] == "recap"][0]

def having(cls):
    return [e for e in dom.elements if cls in e["class"]]

main = [e for e in dom.elements if e["attrs"].get("id") == "report"][0]
assert main["attrs"].get("data-rendered") == "true", "the page's script did not run"
assert dom.scripts == 2, f"{dom.scripts} script elements: a run string became markup"
assert "exit 1: task failures" in having("verdict")[0]["text"]
order = [e["attrs"].get("id") for e in dom.elements if e["tag"] == "section"]
assert order == ["failures", "timeline"], order
articles = having("failure")
# What failed the run first, then the ignored failures (the loop on three hosts, "retried" on h3).
assert [a["class"][1] for a in articles] == ["outcome-unreachable", "outcome-failed"] + ["outcome-ignored"] * 4, \
    [a["class"] for a in articles]
first = articles[0]["text"]
assert "dead" in first and "say hello" in first and "connection refused" in first, first
second = articles[1]["text"]
assert "h2" in second and "fail on h2" in second and "non-zero return code (rc 3)" in second, second
assert "partial output" in second and "broken" in second, second
rows = having("host-row")
assert len(rows) == len(recap["hosts"]) == 4, len(rows)
assert [r["attrs"]["data-host"] for r in rows] == ["dead", "h2", "h1", "h3"], [r["attrs"]["data-host"] for r in rows]
bars = having("bar")
assert len(bars) == len(results), (len(bars), len(results))
script_bars = [b for b in bars if b["attrs"].get("data-task") == "<script>alert(1)</script> & friends"]
assert len(script_bars) == 3 and all(b["text"] == "<script>alert(1)</script> & friends" for b in script_bars)
for bar in bars:
    style = bar["attrs"]["style"]
    assert "left:" in style and "width:" in style, style
assert {b["attrs"]["data-outcome"] for b in bars} >= {"ok", "changed", "skipped", "failed", "unreachable", "ignored"}
recap_rows = [e for e in dom.elements if e["tag"] == "tr"][1:]
assert len(recap_rows) == 4
EOF

# --- exec: one testcase per host --------------------------------------------------------
"$scsctl" -i inv exec all --output json --junit out/exec.xml --report out/exec.html \
    -- 'echo out-$(basename $PWD); test "$PWD" != never' >"$work/exec.jsonl" 2>"$work/exec.err"
rc=$?
check "exec with an unreachable host exits 3" [ "$rc" -eq 3 ]
check "exec: every JSON line matches the schema" python3 - "$json_schema" "$work/exec.jsonl" <<'EOF'
import json, sys, jsonschema
validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
lines = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
assert len(lines) == 4
for event in lines:
    errors = list(validator.iter_errors(event))
    assert not errors, errors[0].message
    assert event["event"] == "command_result" and event["schema"] == 1
EOF
check "exec: the junit file validates against the JUnit XSD" valid out/exec.xml
check "exec: one testcase per host, the unreachable one an error" python3 - out/exec.xml <<'EOF'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
cases = {c.get("name"): c for c in root.iter("testcase")}
assert len(cases) == 4, list(cases)
command = 'echo out-$(basename $PWD); test "$PWD" != never'
assert set(cases) == {f"[{h}] {command}" for h in ("h1", "h2", "h3", "dead")}, list(cases)
assert all(c.get("classname") == "exec all" for c in cases.values())
assert cases[f"[dead] {command}"].find("error").get("type") == "unreachable"
assert cases[f"[h1] {command}"].find("system-out").text.startswith("out-")
assert root.get("tests") == "4" and root.get("errors") == "1" and root.get("failures") == "0"
EOF
if render "$work/out/exec.html" "$work/exec.dom"; then ok; else fail "chromium renders the exec report"; fi
check "exec: the report shows four host rows and four bars" python3 - "$work/exec.dom" <<'EOF'
import sys, re
dom = open(sys.argv[1], encoding="utf-8").read()
assert len(re.findall(r'class="host-row', dom)) == 4
assert len(re.findall(r'class="bar ', dom)) == 4
assert 'data-rendered="true"' in dom
EOF

# --- an interrupted run still writes its reports ----------------------------------------
cat >slow.yml <<'EOF'
- hosts: h1
  gather_facts: false
  tasks:
    - name: quick
      command: echo quick
    - name: slow
      shell: touch started; sleep 30
EOF
setsid "$scsctl" -i inv run slow.yml --junit out/slow.xml --report out/slow.html >"$work/slow.out" 2>&1 &
pid=$!
for _ in $(seq 1 200); do
    [ -f started ] && break
    sleep 0.05
done
kill -INT -- "-$pid"
wait "$pid"
rc=$?
pid=
check "the interrupted run exits 130" [ "$rc" -eq 130 ]
check "the interrupted run's junit file validates" valid out/slow.xml
check "it holds the task that completed" grep -q 'name="\[h1\] quick"' out/slow.xml
check "the interrupted run's report says so" grep -q '"exit_code":130' out/slow.html

# --- a report that cannot be written is an error before anything runs --------------------
rm -f started
"$scsctl" -i inv run slow.yml --junit no/such/dir/j.xml >"$work/bad.out" 2>"$work/bad.err"
rc=$?
check "an unwritable --junit path exits 2" [ "$rc" -eq 2 ]
check "with one line naming the file" grep -qx 'scsctl: error: no/such/dir/j.xml: cannot write: directory no/such/dir does not exist' "$work/bad.err"
check "and nothing ran" [ ! -f started ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
