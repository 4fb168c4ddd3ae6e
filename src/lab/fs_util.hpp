// Filesystem helpers the lab needs to clean up safely: mounts below a path (from
// /proc/mounts), unmounting them deepest first, and removing a tree only when nothing is
// mounted in it (a leftover bind mount of /dev must never be deleted through). Depends
// on core.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"

namespace scsctl::lab {

/// Mount points at or below `path`, deepest first, read from `mounts_text` (the format
/// of /proc/mounts, with its octal escapes).
std::vector<std::string> mounts_below(const std::string& mounts_text, const std::string& path);

/// Unmounts everything at or below `path` (lazily when busy). Fails when a mount stays.
core::Result<void> unmount_below(const std::string& path);

/// Unmounts below `path`, then removes it (rm -rf --one-file-system). Missing is fine.
core::Result<void> remove_tree(const std::string& path);

/// The contents of /proc/mounts.
std::string read_proc_mounts();

/// Whether `path` is a mount point (listed in /proc/mounts).
bool is_mounted(const std::string& path);

} // namespace scsctl::lab
