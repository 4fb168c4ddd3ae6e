// ansible.cfg as a settings source: where Ansible finds it (config/manager.py
// find_ini_config_file) and which of its options scsctl reads. Must not depend on cli.
#include <filesystem>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include "config/ini_file.hpp"
#include "config/sources.hpp"
#include "config/value_parse.hpp"
#include "core/text_file.hpp"

namespace scsctl::config {

namespace {

namespace fs = std::filesystem;

bool readable_file_exists(const std::string& path)
{
    std::error_code ec;
    return fs::exists(path, ec) && ::access(path.c_str(), R_OK) == 0;
}

std::vector<std::string> split_words(const std::string& text)
{
    std::vector<std::string> words;
    std::istringstream stream(text);
    for (std::string word; stream >> word;) {
        words.push_back(word);
    }
    return words;
}

} // namespace

std::optional<std::string> find_ansible_cfg(const SettingsInputs& inputs, std::vector<ConsultedFile>& consulted,
                                            core::Diagnostics& diagnostics)
{
    const PathContext context{inputs.cwd, &inputs.environment};
    std::vector<std::string> candidates;
    std::optional<std::string> from_env;
    if (const auto it = inputs.environment.find("ANSIBLE_CONFIG"); it != inputs.environment.end()) {
        std::string path = resolve_path(it->second, context);
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            path = (fs::path(path) / "ansible.cfg").string();
        }
        from_env = path;
        candidates.push_back(path);
    }
    const std::string cwd_cfg = (fs::path(inputs.cwd) / "ansible.cfg").string();
    bool skipped_public_cwd = false;
    struct stat cwd_stat {};
    if (::stat(inputs.cwd.c_str(), &cwd_stat) == 0) {
        if ((cwd_stat.st_mode & S_IWOTH) != 0) {
            std::error_code ec;
            skipped_public_cwd = fs::exists(cwd_cfg, ec);
        } else {
            candidates.push_back(cwd_cfg);
        }
    }
    candidates.push_back(resolve_path("~/.ansible.cfg", context));
    candidates.push_back("/etc/ansible/ansible.cfg");

    std::optional<std::string> found;
    for (const auto& candidate : candidates) {
        if (found) {
            consulted.push_back({"ansible.cfg", candidate, "not read (an earlier file is used)"});
        } else if (readable_file_exists(candidate)) {
            found = candidate;
            consulted.push_back({"ansible.cfg", candidate, "used"});
        } else {
            consulted.push_back({"ansible.cfg", candidate, "not found"});
        }
    }
    if (skipped_public_cwd) {
        consulted.push_back({"ansible.cfg", cwd_cfg, "ignored (world-writable directory)"});
        // Ansible warns unless the file in use came from ANSIBLE_CONFIG.
        if (!from_env || found != from_env) {
            diagnostics.warning(core::Location{cwd_cfg, 0, 0},
                                "ignored as an ansible.cfg source because " + inputs.cwd +
                                    " is world-writable (as Ansible does)");
        }
    }
    return found;
}

void apply_ansible_cfg(Settings& settings, const std::string& path, const SettingsInputs& inputs,
                       core::Diagnostics& diagnostics)
{
    const std::string extension = fs::path(path).extension().string();
    if (extension == ".yml" || extension == ".yaml") {
        diagnostics.warning(core::Location{path, 0, 0},
                            "YAML ansible configuration is not read (Ansible ignores it too)");
        return;
    }
    if (extension != ".cfg" && extension != ".ini") {
        diagnostics.error(core::Location{path, 0, 0},
                          "unsupported configuration file extension '" + extension + "' (Ansible reads .cfg and .ini)");
        return;
    }
    auto text = core::read_text_file(path);
    if (!text) {
        diagnostics.error(text.error().where.empty() ? core::Location{path, 0, 0} : text.error().where,
                          text.error().message);
        return;
    }
    const IniFile ini = IniFile::parse(*text, path, diagnostics);
    const PathContext context{fs::path(path).parent_path().string(), &inputs.environment};
    for (const KeyInfo& key : keys()) {
        const IniOption* option = nullptr;
        for (const auto& section : split_words(key.ansible_sections)) {
            if (const IniOption* candidate = ini.get(section, key.name)) {
                option = candidate; // Ansible: the last ini entry found wins
            }
        }
        if (option == nullptr) {
            continue;
        }
        auto value = parse_text(key, option->value, Dialect::ansible, context);
        if (!value) {
            diagnostics.error(option->where, value.error().message);
            continue;
        }
        settings.set(key.name, std::move(*value), Origin{SourceKind::ansible_cfg, option->where, {}});
    }
}

} // namespace scsctl::config
