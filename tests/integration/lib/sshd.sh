# Sourced by integration scripts that talk SSH (after checks.sh, which makes $work): one
# real OpenSSH sshd on a free port, in $work, answering every 127/8 address, stopped by
# pid on exit (also on failure), as tests/support/sshd_fixture.cpp does for the C++ tests.
#   sshd_start ADDRESS...   starts it; sets $sshd_port; writes $work/known_hosts for the
#                           addresses and the client key $work/id_ed25519. Returns 1 when
#                           sshd does not start (its log on stderr).
#   $sshd_user              the login user: the project's uid-0 alias with a clean home
#                           (created as tests/support/test_accounts.cpp does, never removed).
#   $sshd_extra_users       more users sshd lets in (from loopback), made by the caller.
# Needs root and /usr/sbin/sshd; sshd_available says whether they are there.
sshd_user=scsctl-t
sshd_extra_users=""
sshd_pid=""
sshd_port=""

sshd_available() { [[ -x /usr/sbin/sshd && $(id -u) == 0 ]]; }

sshd_stop() {
    if [[ -n $sshd_pid ]] && kill -0 "$sshd_pid" 2>/dev/null; then
        kill "$sshd_pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$sshd_pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$sshd_pid" 2>/dev/null
        wait "$sshd_pid" 2>/dev/null
    fi
    sshd_pid=""
}
trap 'sshd_stop; rm -rf "$work"' EXIT

sshd_login_user() {
    local state_dir=/var/lib/scsctl-test
    mkdir -p "$state_dir" && chmod 755 "$state_dir"
    (
        flock 9
        [[ -e $state_dir/home ]] || cp -r /etc/skel "$state_dir/home"
        getent passwd "$sshd_user" >/dev/null ||
            /usr/sbin/useradd -o -u 0 -g 0 -M -p '*' -d "$state_dir/home" -s /bin/sh "$sshd_user"
    ) 9>"$state_dir/.lock"
    getent passwd "$sshd_user" >/dev/null
}

sshd_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("0.0.0.0", 0)); print(s.getsockname()[1])'
}

sshd_answers() {
    python3 -c 'import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)
s.settimeout(2)
sys.exit(0 if s.recv(8).startswith(b"SSH-2.0-") else 1)' "$1" 2>/dev/null
}

sshd_start() {
    sshd_login_user || { echo "error: could not create the login user $sshd_user" >&2; return 1; }
    chmod 711 "$work" # sshd reads authorized_keys as the login user
    ssh-keygen -q -t ed25519 -N '' -C scsctl-test-host -f "$work/host_ed25519_key"
    ssh-keygen -q -t ed25519 -N '' -C scsctl-test-client -f "$work/id_ed25519"
    cp "$work/id_ed25519.pub" "$work/authorized_keys"
    local attempt i
    for attempt in $(seq 20); do
        sshd_port=$(sshd_free_port)
        cat >"$work/sshd_config" <<EOC
# tests/integration/lib/sshd.sh: one socket answers every 127/8 address; loopback peers only.
Port $sshd_port
ListenAddress 0.0.0.0
HostKey $work/host_ed25519_key
AuthorizedKeysFile $work/authorized_keys
PidFile none
LogLevel ERROR
AllowUsers $(for user in $sshd_user $sshd_extra_users; do printf '%s@127.0.0.0/8 ' "$user"; done)
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
UseDNS no
StrictModes no
MaxStartups 100
MaxSessions 100
Subsystem sftp internal-sftp
EOC
        mkdir -p /run/sshd
        : >"$work/sshd.log"
        /usr/sbin/sshd -D -e -f "$work/sshd_config" </dev/null 2>>"$work/sshd.log" &
        sshd_pid=$!
        for i in $(seq 200); do
            kill -0 "$sshd_pid" 2>/dev/null || { sshd_pid=""; break; }
            if sshd_answers "$sshd_port"; then
                local key address
                key=$(cut -d' ' -f1,2 "$work/host_ed25519_key.pub")
                for address in "$@"; do echo "[$address]:$sshd_port $key"; done >"$work/known_hosts"
                return 0
            fi
            sleep 0.05
        done
        sshd_stop
        grep -q "Address already in use" "$work/sshd.log" || break
    done
    echo "error: sshd did not start (attempt $attempt):" >&2
    sed 's/^/  /' "$work/sshd.log" >&2
    return 1
}
