// Plugin discovery: a directory scan per search-path entry. A later directory never
// replaces a plugin found earlier, as a shell's PATH lookup would not.
#include "layers/plugin_discovery.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>

namespace scsctl::layers {

namespace {

std::vector<std::string> split_path(const std::string& list)
{
    std::vector<std::string> dirs;
    std::size_t start = 0;
    while (start <= list.size()) {
        const auto colon = std::min(list.find(':', start), list.size());
        if (colon > start) {
            dirs.push_back(list.substr(start, colon - start));
        }
        start = colon + 1;
    }
    return dirs;
}

} // namespace

std::vector<PluginFile> discover_plugins(const std::string& plugin_path, const std::string& path)
{
    std::vector<PluginFile> found;
    auto dirs = split_path(plugin_path);
    const auto path_dirs = split_path(path);
    dirs.insert(dirs.end(), path_dirs.begin(), path_dirs.end());
    for (const auto& dir : dirs) {
        std::error_code ec;
        std::vector<PluginFile> here;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
            const auto file = entry.path().filename().string();
            if (!file.starts_with(k_plugin_prefix) || file.size() == k_plugin_prefix.size()) {
                continue;
            }
            const auto full = (std::filesystem::path(dir) / file).string();
            if (!std::filesystem::is_regular_file(full, ec) || ::access(full.c_str(), X_OK) != 0) {
                continue;
            }
            const auto name = file.substr(k_plugin_prefix.size());
            const bool seen = std::ranges::any_of(found, [&](const PluginFile& p) { return p.name == name; });
            if (!seen) {
                here.push_back({name, full});
            }
        }
        found.insert(found.end(), here.begin(), here.end());
    }
    std::ranges::sort(found, {}, &PluginFile::name);
    return found;
}

} // namespace scsctl::layers
