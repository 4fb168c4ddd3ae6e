// Probe scripts: each section is guarded by a test so that a missing or unreadable file
// simply leaves its section out, and every body is printed by stat, sha1sum or base64.
#include "modules/remote_probe.hpp"

#include <cctype>
#include <cstdlib>

#include "core/base64.hpp"
#include "core/shell_quote.hpp"
#include "modules/file_state.hpp"

namespace scsctl::modules {

using core::shell_quote;

std::string section_marker_command(std::string_view name)
{
    return "printf '%s\\n' " + shell_quote(std::string(k_section_marker) + std::string(name));
}

ProbeScript& ProbeScript::raw(std::string_view text)
{
    m_script += text;
    if (!m_script.empty() && m_script.back() != '\n') {
        m_script += '\n';
    }
    return *this;
}

ProbeScript& ProbeScript::section(std::string_view name, std::string_view command)
{
    return raw(section_marker_command(name) + "; " + std::string(command));
}

ProbeScript& ProbeScript::stat(std::string_view name, std::string_view path, bool follow)
{
    const std::string quoted = shell_quote(path);
    const std::string test = follow ? "[ -e " + quoted + " ]" : "{ [ -e " + quoted + " ] || [ -L " + quoted + " ]; }";
    return raw("if " + test + "; then " + section_marker_command(name) + "; stat " + (follow ? "-L " : "") +
               "-c " + shell_quote(k_stat_format) + " -- " + quoted + "; fi");
}

ProbeScript& ProbeScript::stat_else(std::string_view name, std::string_view path, std::string_view other_name,
                                    std::string_view other_path)
{
    const std::string quoted = shell_quote(path);
    const std::string other = shell_quote(other_path);
    const std::string format = shell_quote(k_stat_format);
    return raw("if [ -e " + quoted + " ]; then " + section_marker_command(name) + "; stat -L -c " + format + " -- " +
               quoted + "; elif [ -e " + other + " ]; then " + section_marker_command(other_name) +
               "; stat -L -c " + format + " -- " + other + "; fi");
}

ProbeScript& ProbeScript::stat_both(std::string_view name, std::string_view followed_name, std::string_view path)
{
    const std::string quoted = shell_quote(path);
    const std::string format = shell_quote(k_stat_format);
    // Not a symlink: lstat and stat agree, so one stat prints both sections.
    return raw("if [ -L " + quoted + " ]; then " + section_marker_command(name) + "; stat -c " + format + " -- " +
               quoted + "; if [ -e " + quoted + " ]; then " + section_marker_command(followed_name) +
               "; stat -L -c " + format + " -- " + quoted + "; fi; elif [ -e " + quoted +
               " ]; then scsctl_s=$(stat -c " + format + " -- " + quoted + ") && " + section_marker_command(name) +
               " && printf '%s\\n' \"$scsctl_s\" && " + section_marker_command(followed_name) +
               " && printf '%s\\n' \"$scsctl_s\"; fi");
}

ProbeScript& ProbeScript::content(std::string_view name, std::string_view path, std::uint64_t max_bytes)
{
    const std::string quoted = shell_quote(path);
    std::string body = section_marker_command(name) + "; base64 < " + quoted;
    if (max_bytes > 0) {
        body = "if [ \"$(stat -L -c %s -- " + quoted + ")\" -gt " + std::to_string(max_bytes) + " ]; then " +
               section_marker_command(std::string(name) + ".toobig") + "; else " + body + "; fi";
    }
    return raw("if [ -f " + quoted + " ] && [ -r " + quoted + " ]; then " + body + "; fi");
}

ProbeScript& ProbeScript::sha1(std::string_view name, std::string_view path)
{
    const std::string quoted = shell_quote(path);
    // One process (sha1sum in the command substitution), not a sha1sum | cut pipeline.
    return raw("if [ -f " + quoted + " ] && [ -r " + quoted + " ]; then " + section_marker_command(name) +
               "; scsctl_h=$(sha1sum < " + quoted + ") && printf '%s\\n' \"${scsctl_h%% *}\"; fi");
}

ProbeScript& ProbeScript::link_target(std::string_view name, std::string_view path)
{
    const std::string quoted = shell_quote(path);
    return raw("if [ -L " + quoted + " ]; then " + section_marker_command(name) + "; readlink -- " + quoted +
               " | base64; fi");
}

ProbeScript& ProbeScript::user()
{
    // Shell builtins only (no id, no subshells: each process costs the host ~2 ms): the
    // effective ids from /proc/self/status, the names from /etc/passwd and /etc/group,
    // falling back to id(1) where /proc is missing or the names come from NSS.
    return section("user",
                   "scsctl_u=; scsctl_g=; scsctl_un=; scsctl_gn=; "
                   "if [ -r /proc/self/status ]; then while read -r scsctl_k scsctl_a scsctl_b scsctl_r; do "
                   "case $scsctl_k in Uid:) scsctl_u=$scsctl_b;; Gid:) scsctl_g=$scsctl_b;; esac; "
                   "done < /proc/self/status; fi; "
                   "[ -n \"$scsctl_u\" ] || scsctl_u=$(id -u); [ -n \"$scsctl_g\" ] || scsctl_g=$(id -g); "
                   "while IFS=: read -r scsctl_n scsctl_x scsctl_i scsctl_r; do "
                   "if [ \"$scsctl_i\" = \"$scsctl_u\" ]; then scsctl_un=$scsctl_n; break; fi; done < /etc/passwd; "
                   "while IFS=: read -r scsctl_n scsctl_x scsctl_i scsctl_r; do "
                   "if [ \"$scsctl_i\" = \"$scsctl_g\" ]; then scsctl_gn=$scsctl_n; break; fi; done < /etc/group; "
                   "[ -n \"$scsctl_un\" ] || scsctl_un=$(id -un); [ -n \"$scsctl_gn\" ] || scsctl_gn=$(id -gn); "
                   "printf '%s %s %s %s ' \"$scsctl_u\" \"$scsctl_g\" \"$scsctl_un\" \"$scsctl_gn\"; umask");
}

ProbeOutput ProbeOutput::parse(std::string_view stdout_text)
{
    ProbeOutput out;
    std::string* current = nullptr;
    bool first_line = true;
    std::size_t start = 0;
    while (start < stdout_text.size()) {
        auto end = stdout_text.find('\n', start);
        if (end == std::string_view::npos) {
            end = stdout_text.size();
        }
        const std::string_view line = stdout_text.substr(start, end - start);
        start = end + 1;
        if (line.starts_with(k_section_marker)) {
            current = &out.m_sections[std::string(line.substr(k_section_marker.size()))];
            current->clear();
            first_line = true;
            continue;
        }
        if (current != nullptr) {
            if (!first_line) {
                *current += '\n';
            }
            *current += line;
            first_line = false;
        }
    }
    return out;
}

bool ProbeOutput::has(std::string_view name) const
{
    return m_sections.find(name) != m_sections.end();
}

std::optional<std::string> ProbeOutput::get(std::string_view name) const
{
    const auto found = m_sections.find(name);
    if (found == m_sections.end()) {
        return std::nullopt;
    }
    return found->second;
}

core::Result<std::optional<std::string>> ProbeOutput::decoded(std::string_view name) const
{
    const auto body = get(name);
    if (!body) {
        return std::optional<std::string>();
    }
    std::string compact;
    for (char c : *body) {
        if (!std::isspace(static_cast<unsigned char>(c))) {
            compact += c;
        }
    }
    auto bytes = core::base64_decode(compact);
    if (!bytes) {
        return core::fail(core::Error{core::ErrorKind::failed, "malformed probe output in section '" + std::string(name) + "'", {}});
    }
    return std::optional<std::string>(std::move(*bytes));
}

RemoteUser parse_user(const ProbeOutput& output)
{
    RemoteUser user;
    const auto body = output.get("user");
    if (!body) {
        return user;
    }
    std::string fields[5];
    std::size_t index = 0;
    for (char c : *body) {
        if (c == ' ' || c == '\n') {
            index += fields[index].empty() ? 0 : 1;
            if (index >= 5) {
                break;
            }
        } else {
            fields[index] += c;
        }
    }
    user.uid = static_cast<unsigned>(std::strtoul(fields[0].c_str(), nullptr, 10));
    user.gid = static_cast<unsigned>(std::strtoul(fields[1].c_str(), nullptr, 10));
    user.name = fields[2];
    user.group = fields[3];
    if (!fields[4].empty()) {
        user.umask = static_cast<unsigned>(std::strtoul(fields[4].c_str(), nullptr, 8));
    }
    return user;
}

} // namespace scsctl::modules
