// Shared between file.cpp and file_links.cpp (the file module): the parsed request, the
// probe's view of the host, and the helpers that build the decision. Depends on the
// modules helpers only.
#pragma once

#include <optional>
#include <string>

#include "modules/file_state.hpp"
#include "modules/file_write.hpp"
#include "modules/module.hpp"

namespace scsctl::modules::file_detail {

struct FileRequest {
    std::string path;
    std::string state; ///< as given, or "" when defaulted
    std::optional<std::string> src;
    FileAttrs attrs;
    bool recurse = false;
    bool force = false;
    bool follow = true;
    std::string modification_time; ///< "" (default), "now", "preserve" or a stamp
    std::string access_time;
};

struct FileProbe {
    std::optional<FileState> current;  ///< lstat of path
    std::optional<FileState> followed; ///< stat of path through links
    std::optional<std::string> link_target;
    std::optional<FileState> src;      ///< stat of the (resolved) src, through links
};

/// The src path as the probe sees it: relative symlink sources resolve from path's folder.
std::string resolved_src(const FileRequest& request, bool for_link);

/// Ansible's prev_state name: absent, file, directory, link, hard.
std::string prev_state(const FileProbe& probe);

/// A failed decision with msg and the result keys Ansible adds for an existing path.
Decision failure(const std::string& msg, const FileRequest& request, const std::optional<FileState>& state,
                 const char* path_key = "path");

/// Adds a step running `script` followed by the final stat of `path` (section "final"),
/// marking the decision changed.
void add_change(Decision& decision, const std::string& script, const std::string& path, bool follow_final = false);

/// Ansible's dict diff for the file module (path and state before/after).
void add_state_diff(Decision& decision, const std::string& path, const std::string& before, const std::string& after);

/// The link and hard states.
Decision decide_link(const FileRequest& request, const FileProbe& probe);
Decision decide_hard(const FileRequest& request, const FileProbe& probe);

} // namespace scsctl::modules::file_detail
