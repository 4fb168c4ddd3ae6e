// The Loader's file handling: reading YAML files with located errors, typing their
// values (JSON-first, as Ansible does), and the guard against recursive imports.
// Depends on core and yaml.
#include <algorithm>
#include <filesystem>

#include "core/text_file.hpp"
#include "playbook/loader_internal.hpp"

namespace scsctl::playbook::detail {

Loader::Loader(const LoadOptions& options, core::Diagnostics& diagnostics, std::string playbook_dir)
    : m_options(options), m_diagnostics(diagnostics), m_playbook_dir(std::move(playbook_dir))
{
}

std::optional<YamlFile> Loader::read_yaml(const std::string& path, const core::Location& from)
{
    auto text = core::read_text_file(path);
    if (!text) {
        if (from.empty()) {
            error(text.error().where.empty() ? core::Location{path, 0, 0} : text.error().where, text.error().message);
        } else {
            error(from, "'" + path + "': " + text.error().message);
        }
        return std::nullopt;
    }
    auto root = yaml::parse(path, *text, m_diagnostics);
    if (!root) {
        return std::nullopt;
    }
    const yaml::Typing typing = yaml::typing_of(*text);
    m_typings[path] = typing;
    // A fresh budget per read: a file legitimately imported many times must not run
    // out, and each read is bounded by the task budget anyway.
    m_value_budgets[path] = yaml::ValueBudget{};
    return YamlFile{path, *root, typing};
}

core::Value Loader::value_of(const std::string& file, const YAML::Node& node)
{
    if (!node.IsDefined()) {
        return nullptr;
    }
    const auto it = m_typings.find(file);
    return yaml::to_value(file, node, m_diagnostics, it == m_typings.end() ? yaml::Typing::yaml11 : it->second,
                          &m_value_budgets[file]);
}

bool Loader::enter(const std::string& path, const core::Location& from)
{
    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(path, ec);
    const std::string key = ec ? path : canonical.string();
    if (std::find(m_open_files.begin(), m_open_files.end(), key) != m_open_files.end()) {
        error(from, "recursive import of '" + path + "' (it is already being loaded)");
        return false;
    }
    m_open_files.push_back(key);
    return true;
}

void Loader::leave()
{
    m_open_files.pop_back();
}

} // namespace scsctl::playbook::detail
