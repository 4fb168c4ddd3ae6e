// Controller-side files for copy, template and script: finding a relative `src` along
// the task's search paths, reading it, and hashing content (sha1/md5 as Ansible reports).
// Depends on core and OpenSSL's digests only.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scsctl::modules {

/// The controller path of `src`: absolute paths as given; relative ones tried as
/// <search path>/<subdir>/<src> then <search path>/<src>, first existing wins. Fails with
/// Ansible's "Could not find or access 'x' on the Ansible Controller." line.
core::Result<std::string> find_local_file(std::string_view src, std::span<const std::string> search_paths,
                                          std::string_view subdir);

/// The file's bytes (binary safe); kind io when unreadable.
core::Result<std::string> read_local_file(const std::string& path);

/// Lowercase hex digests.
std::string sha1_hex(std::string_view data);
std::string md5_hex(std::string_view data);

} // namespace scsctl::modules
