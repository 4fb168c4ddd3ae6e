// A file's state on the host as `stat -c` reports it (the fields the file modules and
// the stat module need), and the Ansible result keys built from it. Depends on core and
// remote_probe.hpp only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/value.hpp"
#include "modules/remote_probe.hpp"

namespace scsctl::modules {

enum class FileType { file, directory, link, other };

struct FileState {
    FileType type = FileType::other;
    unsigned mode = 0; ///< permission bits (07777)
    unsigned raw_mode = 0; ///< st_mode with the type bits
    unsigned uid = 0;
    unsigned gid = 0;
    std::string owner; ///< "UNKNOWN" when the uid has no name
    std::string group;
    std::uint64_t size = 0;
    std::int64_t mtime = 0;
    std::int64_t atime = 0;
    std::int64_t ctime = 0;
    std::uint64_t nlink = 1;
    std::uint64_t inode = 0;
    std::uint64_t dev = 0;
};

/// The `stat -c` format ProbeScript::stat() uses; parse_stat() reads it back.
inline constexpr std::string_view k_stat_format = "%f %u %g %s %Y %X %Z %h %i %d %U %G";

/// A stat section's body parsed; an error when it is not in k_stat_format's shape.
core::Result<FileState> parse_stat(std::string_view line);

/// The section `name` from `output`: nullopt when it is absent (no such file).
core::Result<std::optional<FileState>> read_stat(const ProbeOutput& output, std::string_view name);

/// Ansible's name for the state: file, directory, link, hard (a file with nlink > 1).
std::string ansible_state(const FileState& state);

/// Adds Ansible's file result keys (uid, gid, owner, group, mode, size, state).
void add_file_keys(core::Value& result, const FileState& state);

} // namespace scsctl::modules
