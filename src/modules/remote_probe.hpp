// Probe scripts for sh + coreutils hosts and the parsing of their output. A probe prints
// named sections, each opened by a marker line "::scsctl:: <name>"; section bodies are
// only ever numbers, stat fields or base64, so file content can never forge a marker.
// Depends on core only. Shared by both module families.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scsctl::modules {

/// The marker that opens a section ("::scsctl:: name\n").
inline constexpr std::string_view k_section_marker = "::scsctl:: ";

/// Builds a probe script section by section. Every path is shell-quoted here.
class ProbeScript {
public:
    /// Raw script text (the caller quotes what it interpolates).
    ProbeScript& raw(std::string_view text);
    /// Section `name` with the output of `command` (a shell command line, already quoted).
    ProbeScript& section(std::string_view name, std::string_view command);
    /// Section `name`: stat fields of `path` (see file_state.hpp), absent when missing.
    ProbeScript& stat(std::string_view name, std::string_view path, bool follow = false);
    /// Section `name`: stat fields of `path` following links; only when it does not exist,
    /// section `other_name` of `other_path` instead (one stat process either way).
    ProbeScript& stat_else(std::string_view name, std::string_view path, std::string_view other_name,
                           std::string_view other_path);
    /// Sections `name` (lstat) and `followed_name` (stat -L) of `path`: one stat process
    /// unless `path` is a symlink (then the two differ).
    ProbeScript& stat_both(std::string_view name, std::string_view followed_name, std::string_view path);
    /// Section `name`: the file's bytes, base64; absent when not a readable regular file
    /// (following links). `max_bytes` > 0 skips bigger files (section "name.toobig").
    ProbeScript& content(std::string_view name, std::string_view path, std::uint64_t max_bytes = 0);
    /// Section `name`: the sha1 of the file (following links), absent when unreadable.
    ProbeScript& sha1(std::string_view name, std::string_view path);
    /// Section `name`: the link's target, base64 (symlinks only).
    ProbeScript& link_target(std::string_view name, std::string_view path);
    /// Section "user": uid, gid, user name, group name and umask of the probing user.
    ProbeScript& user();

    const std::string& str() const { return m_script; }

private:
    std::string m_script;
};

/// A probe's parsed stdout: sections by name (body lines joined with '\n').
class ProbeOutput {
public:
    static ProbeOutput parse(std::string_view stdout_text);

    bool has(std::string_view name) const;
    /// The body, or nullopt when the section is absent.
    std::optional<std::string> get(std::string_view name) const;
    /// The body base64-decoded (whitespace ignored); an error when malformed.
    core::Result<std::optional<std::string>> decoded(std::string_view name) const;

private:
    std::map<std::string, std::string, std::less<>> m_sections;
};

/// The probing user, from ProbeScript::user().
struct RemoteUser {
    unsigned uid = 0;
    unsigned gid = 0;
    std::string name;
    std::string group;
    unsigned umask = 022;
};

/// The "user" section parsed; defaults when absent.
RemoteUser parse_user(const ProbeOutput& output);

/// Shell text that prints a section marker line for `name`.
std::string section_marker_command(std::string_view name);

} // namespace scsctl::modules
