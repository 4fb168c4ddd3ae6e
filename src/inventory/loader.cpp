// The -i sources in order: host lists, directories (Ansible's order and ignore rules,
// recursively) and files, then reconcile and group_vars/host_vars beside each source.
// Must not know file formats (source_file.cpp) or variable precedence (host_vars.cpp).
#include "inventory/loader.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>

#include "core/spellcheck.hpp"
#include "inventory/builder.hpp"
#include "inventory/host_list.hpp"
#include "inventory/source_file.hpp"
#include "inventory/vars_files.hpp"

namespace scsctl::inventory {

namespace fs = std::filesystem;

namespace {

// Ansible's INVENTORY_IGNORE_EXTS default (REJECT_EXTS plus .orig, .ini, .cfg, .retry).
constexpr std::array<std::string_view, 13> k_ignored_suffixes = {
    ".pyc", ".pyo", ".swp", ".bak", "~", ".rpm", ".md", ".txt", ".rst", ".orig", ".ini", ".cfg", ".retry"};

/// Directory entries Ansible skips: hidden, vars directories and ignored extensions.
bool is_ignored_entry(const std::string& name)
{
    if (name.starts_with('.') || name == "host_vars" || name == "group_vars" || name == "vars_plugins") {
        return true;
    }
    return std::any_of(k_ignored_suffixes.begin(), k_ignored_suffixes.end(),
                       [&](std::string_view suffix) { return name.ends_with(suffix); });
}

/// "~" and "~/x" expanded with $HOME, as Ansible's unfrackpath does.
std::string expand_user(const std::string& source)
{
    if (source == "~" || source.starts_with("~/")) {
        if (const char* home = std::getenv("HOME")) {
            return std::string(home) + source.substr(1);
        }
    }
    return source;
}

/// Ansible's unfrackpath without following links: ~ expanded, absolute, normalised.
std::string unfrack(const std::string& source)
{
    const std::string expanded = expand_user(source);
    std::error_code ec;
    fs::path path = fs::absolute(expanded, ec);
    if (ec) {
        return expanded;
    }
    std::string out = path.lexically_normal().string();
    if (out.size() > 1 && out.ends_with('/')) {
        out.pop_back();
    }
    return out;
}

/// Whether `path` names anything, including a dangling or looping symlink (which then
/// fails to read with its own reason instead of "not found").
bool path_exists(const std::string& path)
{
    std::error_code ec;
    return fs::exists(fs::symlink_status(path, ec));
}

/// "inventory source 'x' was not found", with a hint from the names beside it.
void report_missing(const std::string& source, core::Diagnostics& diagnostics)
{
    std::vector<std::string> siblings;
    const fs::path path(source);
    const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
        siblings.push_back((path.has_parent_path() ? parent / it->path().filename() : it->path().filename()).string());
    }
    diagnostics.error({}, "inventory source '" + source + "' was not found" + core::did_you_mean(source, siblings));
}

void load_path(const std::string& path, InventoryBuilder& builder, int depth);

void load_directory(const std::string& dir, InventoryBuilder& builder, int depth)
{
    if (depth > 32) {
        builder.diagnostics().error({dir, 0, 0}, "inventory directories nested too deeply (a symlink loop?)");
        return;
    }
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        names.push_back(it->path().filename().string());
    }
    if (ec) {
        builder.diagnostics().error({dir, 0, 0}, "cannot read directory: " + ec.message());
        return;
    }
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
        if (!is_ignored_entry(name)) {
            load_path((fs::path(dir) / name).string(), builder, depth + 1);
        }
    }
}

void load_path(const std::string& path, InventoryBuilder& builder, int depth)
{
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        load_directory(path, builder, depth);
        return;
    }
    // Diagnostics name the file as given; inventory_file is absolute, as in Ansible.
    builder.set_current_source(unfrack(path));
    load_inventory_file(path, builder);
}

/// Where Ansible's vars plugins look for a source: the directory itself, or the
/// directory holding the file.
std::string vars_dir_of(const std::string& source)
{
    std::error_code ec;
    if (fs::is_directory(source, ec)) {
        return source;
    }
    return fs::path(source).parent_path().string();
}

void add_adjacent_vars(const std::string& dir, bool playbook, LoadResult& result)
{
    auto& all = result.inventory.adjacent_vars();
    const bool known = std::any_of(all.begin(), all.end(), [&](const model::AdjacentVars& vars) {
        return vars.dir == dir && vars.playbook == playbook;
    });
    if (!known) {
        all.push_back(load_adjacent_vars(dir, playbook, result.inventory, result.diagnostics));
    }
}

} // namespace

LoadResult load_inventory(const LoadOptions& options)
{
    LoadResult result;
    InventoryBuilder builder(result.inventory, result.diagnostics);
    for (const auto& given : options.sources) {
        if (given.empty()) {
            continue;
        }
        if (is_host_list(given)) {
            result.inventory.sources().push_back({given, ""});
            load_host_list(given, builder);
            continue;
        }
        const std::string path = expand_user(given);
        if (!path_exists(path)) {
            report_missing(given, result.diagnostics);
            continue;
        }
        result.inventory.sources().push_back({given, vars_dir_of(unfrack(path))});
        load_path(path, builder, 0);
    }
    builder.reconcile();
    for (const auto& source : result.inventory.sources()) {
        if (!source.vars_dir.empty()) {
            add_adjacent_vars(source.vars_dir, false, result);
        }
    }
    if (options.playbook_dir) {
        std::error_code ec;
        const std::string dir = unfrack(*options.playbook_dir);
        if (fs::is_directory(dir, ec)) {
            add_adjacent_vars(dir, true, result);
        } else {
            result.diagnostics.error({}, "playbook directory '" + *options.playbook_dir + "' was not found");
        }
    }
    return result;
}

} // namespace scsctl::inventory
