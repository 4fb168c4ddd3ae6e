#!/usr/bin/env bash
# End-to-end checks of the scsctl command line: global flags, exit codes, config show
# precedence, completion scripts and the man page. Usage: cli_test.sh path/to/scsctl
set -u
scsctl=$(realpath "${1:?usage: cli_test.sh path/to/scsctl}")
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
# check NAME COMMAND...: the command must succeed
check() { local name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }

# Isolate from the caller's configuration: no ansible.cfg or scsctl.yml from outside $work.
mkdir -p "$work/home" "$work/run" "$work/xdg/scsctl" "$work/inv"
chmod 755 "$work/run"
export HOME="$work/home" XDG_CONFIG_HOME="$work/xdg" NO_COLOR=1
unset ANSIBLE_CONFIG SCSCTL_FORKS SCSCTL_OUTPUT SCSCTL_COLOR SCSCTL_TIMEOUT SCSCTL_REMOTE_USER
cd "$work/run" || exit 1

# scsctl ARGS...: runs scsctl, sets $out, $err and $rc.
run() { out=$("$scsctl" "$@" 2>"$work/stderr"); rc=$?; err=$(cat "$work/stderr"); }

# --version and usage errors
run --version
check "--version exits 0" [ "$rc" -eq 0 ]
check "--version prints the version" grep -Eq '^scsctl [0-9]+\.[0-9]+\.[0-9]+$' <<<"$out"
run frobnicate
check "unknown subcommand exits 2" [ "$rc" -eq 2 ]
check "unknown subcommand gives one line on stderr" [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ]
check "unknown subcommand message names it" grep -q "frobnicate" <<<"$err"
check "errors go to stderr, not stdout" [ -z "$out" ]
run
check "missing subcommand exits 2" [ "$rc" -eq 2 ]
run config show --forks 0
check "invalid flag value exits 2" [ "$rc" -eq 2 ]
check "invalid flag value is explained" grep -q "forks must be a positive integer, got '0'" <<<"$err"

# config show: precedence default < ansible.cfg < user scsctl.yml < inventory scsctl.yml < env < flag
run config show
check "config show succeeds with no files" [ "$rc" -eq 0 ]
check "forks defaults to 50" grep -Eq '^forks +50 +default$' <<<"$out"
printf '[defaults]\nforks = 11 ; from ansible.cfg\ntimeout = 11\nremote_user = cfguser\nhost_key_checking = False\n' \
    >"$work/run/ansible.cfg"
printf 'forks: 22\ntimeout: 22\n' >"$work/xdg/scsctl/scsctl.yml"
printf 'forks: 33\n' >"$work/inv/scsctl.yml"
printf '[all]\nh1\n' >"$work/inv/hosts.ini"
run -i "$work/inv/hosts.ini" config show
check "inventory scsctl.yml beats the user file" grep -Eq "^forks +33 +scsctl.yml:$work/inv/scsctl.yml:1$" <<<"$out"
check "user scsctl.yml beats ansible.cfg" grep -Eq "^timeout +22 +scsctl.yml:$work/xdg/scsctl/scsctl.yml:2$" <<<"$out"
check "ansible.cfg beats defaults" grep -Eq "^remote_user +cfguser +ansible.cfg:$work/run/ansible.cfg:4$" <<<"$out"
check "ansible.cfg False maps to off" grep -Eq "^host_key_checking +off " <<<"$out"
SCSCTL_FORKS=44 run -i "$work/inv/hosts.ini" config show
check "SCSCTL_FORKS beats scsctl.yml" grep -Eq '^forks +44 +env SCSCTL_FORKS$' <<<"$out"
SCSCTL_FORKS=44 run config show -i "$work/inv/hosts.ini" --forks 55
check "global -i after the subcommand works" grep -Eq "^timeout +22 " <<<"$out"
check "--forks beats SCSCTL_FORKS" grep -Eq '^forks +55 +flag --forks$' <<<"$out"
run config show --output json -i "$work/inv"
check "json output exits 0" [ "$rc" -eq 0 ]
check "json output is one valid object" python3 -c '
import json, sys
data = json.loads(sys.stdin.read())
assert data["settings"]["forks"] == {"value": 33, "source": "scsctl.yml:'"$work"'/inv/scsctl.yml:1"}, data
assert data["settings"]["output"]["source"] == "flag --output", data
' <<<"$out"
SCSCTL_OUTPUT=json run --output text config show
check "--output beats SCSCTL_OUTPUT" grep -Eq '^output +text +flag --output$' <<<"$out"
printf 'forsk: 3\n' >"$work/xdg/scsctl/scsctl.yml"
run config show
check "unknown scsctl.yml key exits 2" [ "$rc" -eq 2 ]
check "unknown key is located with a hint" grep -qF \
    "$work/xdg/scsctl/scsctl.yml:1:1: unknown setting 'forsk' (did you mean 'forks'?)" <<<"$err"
rm "$work/xdg/scsctl/scsctl.yml"
chmod 777 "$work/run"
run config show
check "world-writable cwd: ./ansible.cfg is ignored" grep -Eq '^forks +50 +default$' <<<"$out"
check "world-writable cwd: a warning says so" grep -q "world-writable" <<<"$err"
chmod 755 "$work/run"
ANSIBLE_CONFIG="$work/inv" run config show
check "ANSIBLE_CONFIG beats ./ansible.cfg (no file there: falls through)" grep -Eq '^forks +11 ' <<<"$out"

# completion
run completion bash
check "bash completion exits 0" [ "$rc" -eq 0 ]
check "bash completion is valid bash" bash -n <<<"$out"
check "bash completion registers itself" grep -q '^complete -F _scsctl scsctl$' <<<"$out"
complete_words() { # complete_words WORD...: what bash completion offers for "scsctl WORD..."
    bash -c 'source /dev/stdin; COMP_WORDS=(scsctl "$@"); COMP_CWORD=$#; _scsctl; printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$@" <<<"$out"
}
check "completes subcommands" [ "$(complete_words co | tr '\n' ' ')" = "config completion " ]
check "completes every top-level subcommand" grep -qx man <(complete_words "")
check "completes nested subcommands" [ "$(complete_words -v config s)" = "show" ]
check "completes options of nested commands" grep -qx -- "--forks" <(complete_words config show --f)
check "completes global options after the subcommand" grep -qx -- "--inventory" <(complete_words config show --inv)
check "completes option values" [ "$(complete_words config --output j)" = "json" ]
check "does not take a value for a subcommand" [ "$(complete_words --output json con)" = "config" ]
run completion zsh
check "zsh completion exits 0" [ "$rc" -eq 0 ]
check "zsh completion starts with #compdef" [ "$(head -n 1 <<<"$out")" = "#compdef scsctl" ]
check "zsh completion calls compdef" grep -q "compdef _scsctl scsctl" <<<"$out"
if command -v zsh >/dev/null; then check "zsh completion is valid zsh" zsh -n <<<"$out"; fi
run completion fish
check "unknown shell exits 2" [ "$rc" -eq 2 ]

# man page
run man
check "man exits 0" [ "$rc" -eq 0 ]
check "man page has a .TH header" grep -q '^\.TH SCSCTL 1 ' <<<"$out"
if command -v groff >/dev/null; then
    warnings=$(groff -man -Tutf8 -ww -z <<<"$out" 2>&1)
    check "groff parses the man page without warnings" [ -z "$warnings" ]
    rendered=$(groff -man -Tutf8 <<<"$out" 2>/dev/null | sed 's/.\x08//g')
    check "rendered page lists config show" grep -q "scsctl config show" <<<"$rendered"
    check "rendered page documents exit status 130" grep -Eq '^ +130' <<<"$rendered"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
