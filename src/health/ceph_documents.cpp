// The key never touches the controller's disk or any output: it is read from the
// monitor's keyring file into a string, handed to librados through rados_conf_set, and
// wiped. librados talks to every monitor's address (ansible_host) on Ceph's default
// ports; if that fails (a firewall, monitors on a private network), the same documents
// come from the `ceph` command on the first monitor that answers.
#include "health/ceph_documents.hpp"

#include <string.h>

#include <optional>

#include "health/layer_check_support.hpp"
#if SCSCTL_HAVE_RADOS
#include "health/rados_status.hpp"
#endif

namespace scsctl::health {

namespace {

#if SCSCTL_HAVE_RADOS
std::optional<std::vector<nlohmann::json>> through_librados(const CheckContext& context,
                                                            const std::vector<std::string>& prefixes, std::string& why)
{
    auto keyring = run_command_on(context, {context.hosts.front()}, "cat /etc/ceph/ceph.client.admin.keyring", true);
    if (keyring.empty() || keyring.front().status != model::HostStatus::ok || keyring.front().rc != 0) {
        why = "no client.admin keyring on " + context.hosts.front().name;
        return std::nullopt;
    }
    RadosTarget target;
    for (const auto& host : context.hosts) {
        target.mon_host += (target.mon_host.empty() ? "" : ",") + host.connection.endpoint.target.address;
    }
    target.key = keyring_key(keyring.front().stdout_text);
    explicit_bzero(keyring.front().stdout_text.data(), keyring.front().stdout_text.size());
    auto answers = rados_mon_commands(target, prefixes);
    explicit_bzero(target.key.data(), target.key.size());
    if (!answers) {
        why = answers.error().message;
        return std::nullopt;
    }
    return std::move(*answers);
}
#endif

/// The answers from the `ceph` command on `host`, or nullopt when any of them fails.
std::optional<std::vector<nlohmann::json>> through_ceph_command(const CheckContext& context,
                                                                const exec::AdhocHost& host,
                                                                const std::vector<std::string>& prefixes)
{
    std::vector<nlohmann::json> answers;
    for (const auto& prefix : prefixes) {
        auto outcome = run_command_on(context, {host}, "ceph --connect-timeout 10 " + prefix + " --format json", true);
        if (outcome.empty() || outcome.front().status != model::HostStatus::ok || outcome.front().rc != 0) {
            return std::nullopt;
        }
        auto parsed = nlohmann::json::parse(outcome.front().stdout_text, nullptr, false);
        if (parsed.is_discarded()) {
            return std::nullopt;
        }
        answers.push_back(std::move(parsed));
    }
    return answers;
}

std::string joined(const std::vector<std::string>& prefixes)
{
    std::string text;
    for (const auto& prefix : prefixes) {
        text += (text.empty() ? "" : ", ") + prefix;
    }
    return text;
}

} // namespace

CephDocuments read_ceph_documents(const CheckContext& context, const std::vector<std::string>& prefixes)
{
    CephDocuments read;
    if (context.hosts.empty()) {
        read.error = "no monitors";
        return read;
    }
    std::string librados_error = "scsctl was built without librados";
#if SCSCTL_HAVE_RADOS
    if (auto answers = through_librados(context, prefixes, librados_error)) {
        read.answers = std::move(*answers);
        read.source = "librados";
        return read;
    }
#endif
    for (const auto& host : context.hosts) {
        if (auto answers = through_ceph_command(context, host, prefixes)) {
            read.answers = std::move(*answers);
            read.source = "ceph " + joined(prefixes) + " on " + host.name;
            return read;
        }
    }
    read.error = "cannot read the cluster's " + joined(prefixes) + ": librados: " + librados_error + "; ceph " +
                 joined(prefixes) + " over SSH answered on no monitor";
    return read;
}

} // namespace scsctl::health
