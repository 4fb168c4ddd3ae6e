// Finding external layer plugins: executables named scsctl-layer-NAME in the directories
// of SCSCTL_PLUGIN_PATH (first) and PATH, the first found per NAME winning. Depends on
// the standard library only.
#pragma once

#include <string>
#include <vector>

namespace scsctl::layers {

inline constexpr std::string_view k_plugin_prefix = "scsctl-layer-";

struct PluginFile {
    std::string name; ///< NAME of scsctl-layer-NAME
    std::string path; ///< the executable, as found (directory + file name)
};

/// Plugins in `plugin_path` then `path` (both colon-separated; empty entries skipped),
/// sorted by name. Files that are not executable regular files are skipped.
std::vector<PluginFile> discover_plugins(const std::string& plugin_path, const std::string& path);

} // namespace scsctl::layers
