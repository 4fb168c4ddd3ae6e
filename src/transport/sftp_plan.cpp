// The probe and finish snippets use only POSIX sh plus GNU coreutils (stat -c,
// sha256sum, chmod/chown --reference, mv -T), which every supported host has.
#include "transport/sftp_plan.hpp"

#include <random>
#include <sstream>

#include "core/shell_quote.hpp"

namespace scsctl::transport {

using core::shell_quote;

std::string random_suffix()
{
    thread_local std::mt19937_64 engine{std::random_device{}()};
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    std::uint64_t bits = engine();
    for (int i = 0; i < 12; ++i, bits >>= 4) {
        out += k_hex[bits & 0x0f];
    }
    return out;
}

std::string parent_of(const std::string& path)
{
    const std::size_t slash = path.find_last_of('/');
    if (slash == std::string::npos) {
        return ".";
    }
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string temp_in(const std::string& dir, const std::string& suffix)
{
    return (dir == "/" ? "" : dir) + "/.scsctl-tmp-" + suffix;
}

std::string probe_command(const std::string& path)
{
    const std::string p = shell_quote(path);
    const std::string d = shell_quote(parent_of(path));
    // Line 1: nodir | missing | notfile | other (symlink) | file MODE UID GID USER GROUP;
    // line 2 for files: the digest as sha256sum prints it for stdin.
    return "if [ ! -d " + d + " ]; then echo nodir; elif [ -L " + p + " ]; then echo other; elif [ -f " + p +
           " ]; then stat -c 'file %a %u %g %U %G' -- " + p + " && sha256sum < " + p + "; elif [ -e " + p +
           " ]; then echo notfile; else echo missing; fi";
}

DestinationState parse_probe(const std::string& output)
{
    DestinationState state;
    std::istringstream in(output);
    std::string word;
    in >> word;
    if (word == "nodir") {
        state.kind = DestinationState::Kind::no_dir;
    } else if (word == "missing") {
        state.kind = DestinationState::Kind::missing;
    } else if (word == "notfile") {
        state.kind = DestinationState::Kind::not_file;
    } else if (word == "file") {
        std::string mode;
        in >> mode >> state.uid >> state.gid >> state.owner >> state.group >> state.sha256;
        if (in && state.sha256.size() == 64) {
            state.kind = DestinationState::Kind::file;
            state.mode = static_cast<unsigned>(std::stoul(mode, nullptr, 8));
        }
    }
    return state;
}

UploadDecision decide_upload(const UploadRequest& request, const DestinationState& state, const std::string& digest)
{
    using Kind = DestinationState::Kind;
    using Action = UploadDecision::Action;
    switch (state.kind) {
    case Kind::no_dir:
        return {Action::refuse, "directory " + parent_of(request.remote_path) + " does not exist"};
    case Kind::not_file:
        return {Action::refuse, "it exists and is not a regular file"};
    case Kind::file:
        break;
    default:
        return {Action::send, {}};
    }
    if (state.sha256 != digest) {
        return {Action::send, {}};
    }
    const bool mode_ok = !request.mode || (*request.mode & 07777) == state.mode;
    const bool owner_ok = !request.owner || *request.owner == state.owner || *request.owner == state.uid;
    const bool group_ok = !request.group || *request.group == state.group || *request.group == state.gid;
    return {mode_ok && owner_ok && group_ok ? Action::unchanged : Action::metadata_only, {}};
}

namespace {

std::string octal(unsigned mode)
{
    std::ostringstream out;
    out << '0' << std::oct << (mode & 07777);
    return out.str();
}

std::string metadata_command(const UploadRequest& request, const std::string& target, bool mode_set = false)
{
    const std::string t = shell_quote(target);
    std::string out = "true";
    if (request.mode && !mode_set) {
        out += " && chmod " + octal(*request.mode) + " -- " + t;
    }
    if (request.owner) {
        out += " && chown -- " + shell_quote(*request.owner) + " " + t;
    }
    if (request.group) {
        out += " && chgrp -- " + shell_quote(*request.group) + " " + t;
    }
    return out;
}

} // namespace

std::string finish_command(const UploadRequest& request, const FinishPlan& plan)
{
    const std::string d = shell_quote(plan.dest);
    if (plan.staged.empty()) {
        return metadata_command(request, plan.dest);
    }
    const std::string t = shell_quote(plan.temp);
    const std::string s = shell_quote(plan.staged);
    std::string out = "fail() { rm -f -- " + s + " " + t + "; exit 1; }; ";
    if (plan.staged != plan.temp) {
        out += "mv -f -- " + s + " " + t + " || fail; ";
    }
    if (!request.mode && !plan.mode_set) {
        out += "if [ -e " + d + " ]; then chmod --reference=" + d + " -- " + t + "; else chmod 0644 -- " + t +
               "; fi || fail; ";
    }
    if (plan.become) {
        // As the become user: keep the replaced file's owner, else own the new file.
        out += "if [ -e " + d + " ]; then chown --reference=" + d + " -- " + t + "; else chown \"$(id -u):$(id -g)\" -- " +
               t + "; fi || fail; ";
    }
    const std::string metadata = metadata_command(request, plan.temp, plan.mode_set);
    if (metadata != "true") {
        out += metadata + " || fail; ";
    }
    out += "mv -f -T -- " + t + " " + d + " || fail";
    return out;
}

Failure upload_failure(const std::string& host, const std::string& path, const std::string& reason)
{
    return Failure{FailureKind::transfer, host + ": upload to " + path + ": " + reason};
}

Failure download_failure(const std::string& host, const std::string& path, const std::string& reason)
{
    return Failure{FailureKind::transfer, host + ": download from " + path + ": " + reason};
}

std::string command_reason(const CommandResult& result)
{
    std::string text = result.stderr_data;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
        text.pop_back();
    }
    const std::size_t newline = text.find_last_of('\n');
    if (newline != std::string::npos) {
        text.erase(0, newline + 1);
    }
    if (!text.empty()) {
        return text;
    }
    if (!result.exit_signal.empty()) {
        return "killed by SIG" + result.exit_signal;
    }
    return "exit status " + std::to_string(result.exit_status);
}

std::string without_host(const std::string& host, const std::string& message)
{
    const std::string prefix = host + ": ";
    return message.starts_with(prefix) ? message.substr(prefix.size()) : message;
}

} // namespace scsctl::transport
