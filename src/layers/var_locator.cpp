// Key search is textual on purpose: group_vars files and inventory sources were already
// parsed (and reported) by inventory/; here a key's line only makes a message point at
// the right place. A key that cannot be found falls back to its host's or group's place.
#include "layers/var_locator.hpp"

#include <algorithm>
#include <filesystem>

#include "core/text_file.hpp"
#include "inventory/host_vars.hpp"

namespace scsctl::layers {

namespace {

bool key_char(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

/// Column (1-based) of `key` as a YAML mapping key or INI `key=` in `line`, or 0.
int key_column(const std::string& line, const std::string& key)
{
    const auto indent = line.find_first_not_of(" \t");
    if (indent == std::string::npos) {
        return 0;
    }
    for (auto at = line.find(key, indent); at != std::string::npos; at = line.find(key, at + 1)) {
        const bool starts = at == indent || line[at - 1] == ' ' || line[at - 1] == '\t';
        if (!starts || (at + key.size() < line.size() && key_char(line[at + key.size()]))) {
            continue;
        }
        auto after = line.find_first_not_of(" \t", at + key.size());
        if (after == std::string::npos) {
            continue;
        }
        if (line[after] == '=' || (line[after] == ':' && at == indent)) {
            return static_cast<int>(at) + 1;
        }
    }
    return 0;
}

/// `file` relative to the working directory when it lies below it (group_vars and
/// host_vars paths are absolute in the model; messages show paths as the user gave them).
std::string shown_path(const std::string& file)
{
    std::error_code ec;
    const auto cwd = std::filesystem::current_path(ec).string() + "/";
    return !ec && file.starts_with(cwd) ? file.substr(cwd.size()) : file;
}

} // namespace

const std::vector<std::string>& VarLocator::lines_of(const std::string& file) const
{
    auto [it, inserted] = m_lines.try_emplace(file);
    if (inserted) {
        if (auto text = core::read_text_file(file)) {
            std::size_t start = 0;
            while (start < text->size()) {
                const auto end = std::min(text->find('\n', start), text->size());
                it->second.push_back(text->substr(start, end - start));
                start = end + 1;
            }
        }
    }
    return it->second;
}

core::Location VarLocator::find_key(const std::string& file, const std::string& key, int from_line) const
{
    if (file.empty()) {
        return {};
    }
    const auto& lines = lines_of(file);
    for (std::size_t i = static_cast<std::size_t>(std::max(from_line, 1)) - 1; i < lines.size(); ++i) {
        if (const int column = key_column(lines[i], key); column > 0) {
            return {file, static_cast<int>(i) + 1, column};
        }
    }
    return {};
}

core::Location VarLocator::in_files(const std::vector<std::string>* files, const std::string& key) const
{
    if (files != nullptr) {
        for (auto it = files->rbegin(); it != files->rend(); ++it) {
            if (auto where = find_key(*it, key, 1); !where.empty()) {
                where.file = shown_path(where.file);
                return where;
            }
        }
    }
    return {};
}

core::Location VarLocator::group_var(model::GroupId group, const std::string& key) const
{
    const auto& name = m_inventory.group(group).name;
    for (auto it = m_inventory.adjacent_vars().rbegin(); it != m_inventory.adjacent_vars().rend(); ++it) {
        const auto files = it->group_files.find(name);
        if (files != it->group_files.end()) {
            if (auto where = in_files(&files->second, key); !where.empty()) {
                return where;
            }
        }
    }
    const auto& g = m_inventory.group(group);
    if (g.vars.is_object() && g.vars.contains(key)) {
        if (auto where = find_key(g.where.file, key, g.where.line); !where.empty()) {
            return where;
        }
        return g.where;
    }
    return {};
}

core::Location VarLocator::host_var(model::HostId host, const std::string& key) const
{
    const auto& h = m_inventory.host(host);
    for (auto it = m_inventory.adjacent_vars().rbegin(); it != m_inventory.adjacent_vars().rend(); ++it) {
        const auto files = it->host_files.find(h.name);
        if (files != it->host_files.end()) {
            if (auto where = in_files(&files->second, key); !where.empty()) {
                return where;
            }
        }
    }
    if (h.vars.is_object() && h.vars.contains(key)) {
        if (auto where = find_key(h.where.file, key, h.where.line); !where.empty()) {
            return where;
        }
        return h.where;
    }
    auto groups = inventory::sorted_groups_of(m_inventory, host);
    for (auto it = groups.rbegin(); it != groups.rend(); ++it) {
        if (auto where = group_var(*it, key); !where.empty()) {
            return where;
        }
    }
    if (auto where = group_var(model::Inventory::k_all, key); !where.empty()) {
        return where;
    }
    return h.where;
}

core::Location VarLocator::region_var(const std::string& key) const
{
    if (auto where = group_var(model::Inventory::k_all, key); !where.empty()) {
        return where;
    }
    for (const auto& source : m_inventory.sources()) {
        if (auto where = find_key(source.path, key, 1); !where.empty()) {
            return where;
        }
    }
    return inventory_file();
}

core::Location VarLocator::inventory_file() const
{
    std::error_code ec;
    for (const auto& source : m_inventory.sources()) {
        if (std::filesystem::is_regular_file(source.path, ec)) {
            return {source.path, 1, 1};
        }
    }
    for (const auto& group : m_inventory.groups()) {
        if (!group.where.file.empty()) {
            return {group.where.file, 1, 1};
        }
    }
    if (!m_inventory.sources().empty()) {
        return {m_inventory.sources().front().path, 0, 0};
    }
    return {"<inventory>", 0, 0};
}

} // namespace scsctl::layers
