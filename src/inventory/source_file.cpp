// Format detection for one inventory file and the choice of errors when it fails.
// Must not walk directories or touch group_vars/host_vars (loader.cpp does).
#include "inventory/source_file.hpp"

#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

#include "core/text_file.hpp"
#include "inventory/ini_loader.hpp"
#include "inventory/yaml_loader.hpp"
#include "yaml/document.hpp"
#include "yaml/tree.hpp"

namespace scsctl::inventory {

namespace {

bool is_yaml_extension(const std::string& extension)
{
    return extension.empty() || extension == ".yml" || extension == ".yaml" || extension == ".json";
}

/// An executable file starting with "#!" is a dynamic inventory script for Ansible.
bool is_script(const std::string& path)
{
    if (::access(path.c_str(), X_OK) != 0) {
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    char head[2] = {0, 0};
    in.read(head, 2);
    return in.gcount() == 2 && head[0] == '#' && head[1] == '!';
}

/// Loads `text` as INI into a copy of the inventory; keeps the result only when it
/// loads without errors. Returns the diagnostics of the attempt.
core::Diagnostics try_ini(const std::string& path, std::string_view text, InventoryBuilder& builder)
{
    model::Inventory scratch = builder.inventory();
    core::Diagnostics diagnostics;
    InventoryBuilder attempt(scratch, diagnostics);
    attempt.set_current_source(path);
    load_ini_inventory(path, text, attempt);
    if (!diagnostics.has_errors()) {
        builder.inventory() = std::move(scratch);
        builder.diagnostics().merge(diagnostics);
    }
    return diagnostics;
}

const char* kind_name(const yaml::TreeNode& node)
{
    if (node.is_sequence()) {
        return "a sequence";
    }
    if (node.is_scalar() && !node.is_null()) {
        return "a scalar";
    }
    return "a non-mapping value";
}

bool is_text(const yaml::TreeNode& node)
{
    return node.is_scalar() && !node.is_null();
}

/// A parsed YAML mapping: a YAML inventory, unless it configures an inventory plugin.
void load_yaml_mapping(const std::string& path, const yaml::TreeNode& root, yaml::Typing typing,
                       InventoryBuilder& builder)
{
    for (std::size_t i = 0; i + 1 < root.child_count(); i += 2) {
        const yaml::TreeNode key = root.child(i);
        const yaml::TreeNode value = root.child(i + 1);
        if (is_text(key) && key.scalar() == "plugin" && is_text(value) && !value.scalar().empty()) {
            builder.diagnostics().error(yaml::location_of(path, key),
                                        "inventory plugin configuration files are not supported (plugin: " +
                                            std::string(value.scalar()) + ")");
            return;
        }
    }
    load_yaml_inventory(path, root, builder, typing);
}

/// A file that may be YAML: a mapping is a YAML inventory, anything else is tried as INI.
void load_maybe_yaml(const std::string& path, const std::string& text, bool yaml_extension,
                     InventoryBuilder& builder)
{
    core::Diagnostics yaml_diagnostics;
    const auto tree = yaml::parse_tree(path, text, yaml_diagnostics);
    const yaml::TreeNode root = tree ? tree->root() : yaml::TreeNode();
    if (root.is_map()) {
        builder.diagnostics().merge(yaml_diagnostics);
        load_yaml_mapping(path, root, yaml::typing_of(text), builder);
        return;
    }
    // Ansible tries the INI plugin next (also after a YAML syntax error) and keeps
    // whatever it makes of the text.
    const core::Diagnostics ini_diagnostics = try_ini(path, text, builder);
    if (!ini_diagnostics.has_errors()) {
        return;
    }
    if (tree && yaml_extension) {
        builder.diagnostics().error(yaml::location_of(path, root),
                                    std::string("a YAML inventory must be a mapping of group names, got ") +
                                        kind_name(root));
    } else if (!tree && (yaml_extension || looks_like_yaml(text))) {
        builder.diagnostics().merge(yaml_diagnostics);
    } else {
        builder.diagnostics().merge(ini_diagnostics);
    }
}

} // namespace

bool looks_like_yaml(std::string_view text)
{
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        start = end == std::string_view::npos ? text.size() : end + 1;
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string_view::npos || line[first] == '#' || line[first] == ';') {
            continue;
        }
        line = line.substr(first);
        if (line.starts_with("---") || line.starts_with("{") || line.starts_with("- ") || line == "-") {
            return true;
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0 || line.front() == '[') {
            return false;
        }
        const auto key = line.substr(0, colon);
        if (key.find_first_of(" \t=") != std::string_view::npos) {
            return false;
        }
        return colon + 1 == line.size() || line[colon + 1] == ' ' || line[colon + 1] == '\t' || line[colon + 1] == '\r';
    }
    return false;
}

void load_inventory_file(const std::string& path, InventoryBuilder& builder)
{
    auto& diagnostics = builder.diagnostics();
    if (is_script(path)) {
        diagnostics.error({path, 0, 0}, "dynamic inventory scripts are not supported (the file is executable and "
                                        "starts with '#!'; remove its execute permission if it is a static inventory)");
        return;
    }
    auto text = core::read_text_file(path);
    if (!text) {
        const auto& error = text.error();
        diagnostics.error(error.where.empty() ? core::Location{path, 0, 0} : error.where, error.message);
        return;
    }
    const std::string extension = std::filesystem::path(path).extension().string();
    if (extension == ".toml") {
        diagnostics.error({path, 0, 0}, "TOML inventory files are not supported (use YAML or INI)");
        return;
    }
    if (is_yaml_extension(extension)) {
        load_maybe_yaml(path, *text, extension != "", builder);
        return;
    }
    load_ini_inventory(path, *text, builder);
}

} // namespace scsctl::inventory
