// The search order of the layers' playbook root (playbook_root.hpp).
#include "plan/playbook_root.hpp"

#include <filesystem>

namespace scsctl::plan {

namespace fs = std::filesystem;

std::vector<RootCandidate> playbook_root_candidates(const PlaybookSearch& search)
{
    std::vector<RootCandidate> out;
    if (!search.flag.empty()) {
        out.push_back({search.flag, "--playbook-dir"});
    }
    if (!search.environment.empty()) {
        out.push_back({search.environment, "SCSCTL_LAYER_PLAYBOOKS"});
    }
    if (!search.executable.empty()) {
        const fs::path installed = fs::path(search.executable).parent_path() / ".." / "share" / "scsctl" / "playbooks";
        out.push_back({installed.lexically_normal().string(), "installed"});
    }
    if (!search.source_dir.empty()) {
        out.push_back({(fs::path(search.source_dir) / "playbooks").string(), "source tree"});
    }
    return out;
}

core::Result<std::string> find_playbook_root(const PlaybookSearch& search)
{
    std::string tried;
    for (const auto& candidate : playbook_root_candidates(search)) {
        std::error_code error;
        if (fs::is_directory(candidate.path, error)) {
            return candidate.path;
        }
        const bool asked = candidate.origin == "--playbook-dir" || candidate.origin == "SCSCTL_LAYER_PLAYBOOKS";
        if (asked) {
            return core::fail({core::ErrorKind::usage, candidate.origin + " " + candidate.path + ": not a directory", {}});
        }
        tried += (tried.empty() ? "" : ", ") + candidate.path;
    }
    return core::fail({core::ErrorKind::usage,
                       "no layer playbook directory found (tried " + (tried.empty() ? std::string("nothing") : tried) +
                           "); give --playbook-dir DIR",
                       {}});
}

} // namespace scsctl::plan
