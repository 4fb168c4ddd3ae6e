// Names and hints of transport failure kinds.
#include "transport/failure.hpp"

namespace scsctl::transport {

bool Failure::unreachable() const
{
    switch (kind) {
    case FailureKind::name_resolution:
    case FailureKind::connection_refused:
    case FailureKind::connect_timeout:
    case FailureKind::no_ssh_banner:
    case FailureKind::handshake:
    case FailureKind::host_key_unknown:
    case FailureKind::host_key_mismatch:
    case FailureKind::auth_failed:
    case FailureKind::connection_lost:
        return true;
    case FailureKind::sudo_password:
    case FailureKind::command_timeout:
    case FailureKind::transfer:
    case FailureKind::forward:
    case FailureKind::interrupted:
        break;
    }
    return false;
}

std::string_view hint_for(FailureKind kind)
{
    switch (kind) {
    case FailureKind::name_resolution:
        return "check the host name or set ansible_host to an address";
    case FailureKind::connection_refused:
        return "is sshd running on that port? check ansible_port";
    case FailureKind::connect_timeout:
        return "the host or a firewall drops packets; check the address, routing and the connect timeout";
    case FailureKind::no_ssh_banner:
        return "something accepts TCP on that port but is not an SSH server; check ansible_port";
    case FailureKind::handshake:
        return "the server offers no algorithm scsctl supports, or the connection was reset; run with -vvv";
    case FailureKind::host_key_unknown:
        return "pin the key with 'scsctl ssh trust HOST' after checking its fingerprint, or use "
               "--host-key-checking accept-new";
    case FailureKind::host_key_mismatch:
        return "the host key changed: if that is expected (reinstalled host), remove the old key with "
               "'ssh-keygen -R' and run 'scsctl ssh trust HOST'; otherwise suspect an attack";
    case FailureKind::auth_failed:
        return "check ansible_user and ansible_ssh_private_key_file, and that the public key is in "
               "~/.ssh/authorized_keys on the host";
    case FailureKind::connection_lost:
        return "the connection broke mid-way; the host may have rebooted or sshd was restarted";
    case FailureKind::sudo_password:
        return "set ansible_become_password (from the secret store), or allow NOPASSWD for this user";
    case FailureKind::command_timeout:
        return "raise --timeout if the command is expected to take longer";
    case FailureKind::transfer:
        return "check the path, free space and permissions on both sides";
    case FailureKind::forward:
        return "check that the target port or socket exists on the host and that sshd allows forwarding";
    case FailureKind::interrupted:
        break;
    }
    return "";
}

std::string_view name_of(FailureKind kind)
{
    switch (kind) {
    case FailureKind::name_resolution:
        return "name_resolution";
    case FailureKind::connection_refused:
        return "connection_refused";
    case FailureKind::connect_timeout:
        return "connect_timeout";
    case FailureKind::no_ssh_banner:
        return "no_ssh_banner";
    case FailureKind::handshake:
        return "handshake";
    case FailureKind::host_key_unknown:
        return "host_key_unknown";
    case FailureKind::host_key_mismatch:
        return "host_key_mismatch";
    case FailureKind::auth_failed:
        return "auth_failed";
    case FailureKind::connection_lost:
        return "connection_lost";
    case FailureKind::sudo_password:
        return "sudo_password";
    case FailureKind::command_timeout:
        return "command_timeout";
    case FailureKind::transfer:
        return "transfer";
    case FailureKind::forward:
        return "forward";
    case FailureKind::interrupted:
        return "interrupted";
    }
    return "unknown";
}

} // namespace scsctl::transport
