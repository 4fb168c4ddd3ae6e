// Backing up a layer before an upgrade (layer_backup.hpp).
#include "cli/layer_backup.hpp"

#include <ctime>
#include <filesystem>

#include "cli/journal_setup.hpp"
#include "core/exit_codes.hpp"

namespace scsctl::cli {

namespace {

namespace fs = std::filesystem;

std::string utc_stamp()
{
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &parts);
    return text;
}

/// --backup-dir, else `backups` beside a journal file; "" when neither exists.
std::string backup_base(const std::string& flag, const std::string& state_flag, const GlobalOptions& options)
{
    if (!flag.empty()) {
        return flag;
    }
    const auto journal = journal_path(state_flag, options);
    if (!journal || journal->starts_with("etcd://")) {
        return {};
    }
    return (fs::path(*journal).parent_path() / "backups").string();
}

} // namespace

std::expected<std::string, int> back_up_layer(LayerAction& action, const std::string& backup_dir_flag,
                                              const std::string& state_flag)
{
    const auto playbook = action.layer_file("backup.yml");
    if (!playbook) {
        action.console().note("layer " + action.layer().name + " has no backup.yml: no state to back up");
        return std::string();
    }
    const std::string base = backup_base(backup_dir_flag, state_flag, action.options());
    if (base.empty()) {
        action.console().error("nowhere to keep the backup: give --backup-dir DIR (the journal is not a local file)");
        return std::unexpected(core::k_exit_usage);
    }
    action.begin(); // the directory is named after the run
    const fs::path dir = fs::path(base) / action.layer().name / (utc_stamp() + "-run" + std::to_string(action.run_id()));
    std::error_code error;
    fs::create_directories(dir, error);
    for (fs::path part = dir; !error && part != fs::path(base).parent_path() && part.has_relative_path();
         part = part.parent_path()) {
        fs::permissions(part, fs::perms::owner_all, fs::perm_options::replace, error);
        if (part == fs::path(base)) {
            break;
        }
    }
    if (error) {
        action.console().error(dir.string() + ": " + error.message());
        return std::unexpected(core::k_exit_usage);
    }
    action.console().note("backing up layer " + action.layer().name + " to " + dir.string());
    auto recap = action.run_playbook(*playbook, core::Value{{"scsctl_backup_dir", dir.string()}});
    if (!recap) {
        return std::unexpected(recap.error());
    }
    if (const int code = exit_code_of(*recap); code != core::k_exit_ok) {
        action.console().error("the backup of layer " + action.layer().name + " failed; nothing was upgraded");
        return std::unexpected(code);
    }
    return dir.string();
}

} // namespace scsctl::cli
