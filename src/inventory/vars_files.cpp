// group_vars/ and host_vars/ as ansible-core 2.14's host_group_vars vars plugin reads
// them (DataLoader.find_vars_files and _get_dir_vars_files). Lists each directory once;
// must not depend on the inventory formats or on the builder.
#include "inventory/vars_files.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <filesystem>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/spellcheck.hpp"
#include "core/text_file.hpp"
#include "yaml/document.hpp"

namespace scsctl::inventory {

namespace fs = std::filesystem;

namespace {

constexpr int k_max_dir_depth = 32; ///< symlink loops must end somewhere
const std::array<std::string, 3> k_extensions = {".yml", ".yaml", ".json"};

/// Python's os.path.splitext(name)[1] for a bare file name.
std::string extension_of(const std::string& name)
{
    const std::size_t first = name.find_first_not_of('.');
    const std::size_t dot = name.rfind('.');
    if (first == std::string::npos || dot == std::string::npos || dot < first) {
        return "";
    }
    return name.substr(dot);
}

bool is_vars_extension(const std::string& ext)
{
    return std::find(k_extensions.begin(), k_extensions.end(), ext) != k_extensions.end();
}

bool skipped(const std::string& name)
{
    return name.starts_with('.') || name.ends_with('~');
}

struct Listing {
    std::unordered_map<std::string, bool> entries; ///< existing entry name -> is a directory
    std::vector<std::string> names;                ///< sorted
};

Listing list_directory(const fs::path& dir)
{
    Listing listing;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        // Both follow symlinks, like os.path.exists; for other entries they use the type
        // the directory listing gave, with no stat() per file.
        std::error_code status_ec;
        const bool exists = it->exists(status_ec);
        if (status_ec || !exists) {
            continue;
        }
        const bool is_directory = it->is_directory(status_ec);
        if (status_ec) {
            continue;
        }
        const std::string name = it->path().filename().string();
        listing.entries.emplace(name, is_directory);
        listing.names.push_back(name);
    }
    std::sort(listing.names.begin(), listing.names.end());
    return listing;
}

/// _get_dir_vars_files: sorted, recursive into extensionless directories, skipping hidden
/// files and backups, keeping files with no extension or a YAML/JSON one.
void dir_vars_files(const fs::path& dir, int depth, std::vector<std::string>& out)
{
    if (depth > k_max_dir_depth) {
        return;
    }
    const Listing listing = list_directory(dir);
    for (const auto& name : listing.names) {
        if (skipped(name)) {
            continue;
        }
        const std::string ext = extension_of(name);
        const fs::path full = dir / name;
        if (listing.entries.at(name)) {
            if (ext.empty()) {
                dir_vars_files(full, depth + 1, out);
            }
        } else if (ext.empty() || is_vars_extension(ext)) {
            out.push_back(full.string());
        }
    }
}

bool truthy(const core::Value& value)
{
    if (value.is_null()) {
        return false;
    }
    if (value.is_boolean()) {
        return value.get<bool>();
    }
    if (value.is_number()) {
        return value != core::Value(0) && value != core::Value(0.0);
    }
    return !value.empty() && !(value.is_string() && value.get<std::string>().empty());
}

struct ParsedFile;

class VarsReader {
public:
    explicit VarsReader(core::Diagnostics& diagnostics) : m_diagnostics(diagnostics) {}

    /// Reads `subdir` (group_vars or host_vars) of `dir` for every name in `names`.
    void read(const fs::path& dir, const std::string& subdir, const std::vector<std::string>& names, const char* kind,
              std::unordered_map<std::string, core::Value>& vars,
              std::unordered_map<std::string, std::vector<std::string>>& files);

private:
    std::vector<std::string> find_files(const fs::path& root, const Listing& listing, const std::string& name,
                                        std::string& used);
    void merge_file(ParsedFile& parsed, core::Value& into);
    void warn_unused(const fs::path& root, const std::string& subdir, const Listing& listing,
                     const std::unordered_set<std::string>& used, const std::vector<std::string>& names,
                     const char* kind);

    core::Diagnostics& m_diagnostics;
};

/// find_vars_files: the first existing of NAME, NAME.yml, NAME.yaml, NAME.json (a
/// directory is read whole). `used` receives the listing entry that was chosen.
std::vector<std::string> VarsReader::find_files(const fs::path& root, const Listing& listing, const std::string& name,
                                                std::string& used)
{
    std::vector<std::string> found;
    static const std::array<std::string, 4> k_suffixes = {"", ".yml", ".yaml", ".json"};
    const bool nested = name.find('/') != std::string::npos; // os.path.join makes a sub-path
    for (const auto& suffix : k_suffixes) {
        const std::string candidate = name + suffix;
        bool is_dir = false;
        if (nested) {
            std::error_code ec;
            const auto status = fs::status(root / candidate, ec);
            if (ec || !fs::exists(status)) {
                continue;
            }
            is_dir = fs::is_directory(status);
        } else {
            const auto it = listing.entries.find(candidate);
            if (it == listing.entries.end()) {
                continue;
            }
            is_dir = it->second;
        }
        used = candidate;
        if (is_dir) {
            dir_vars_files(root / candidate, 0, found);
        } else {
            found.push_back((root / candidate).string());
        }
        break;
    }
    return found;
}

/// One vars file read and parsed, with its own diagnostics (files are parsed on several
/// threads; results are merged afterwards in Ansible's order).
struct ParsedFile {
    std::optional<core::Value> value;
    core::Location root_at;
    core::Diagnostics diagnostics;
};

ParsedFile parse_vars_file(const std::string& path)
{
    ParsedFile parsed;
    auto text = core::read_text_file(path);
    if (!text) {
        const auto& error = text.error();
        parsed.diagnostics.error(error.where.empty() ? core::Location{path, 0, 0} : error.where, error.message);
        return parsed;
    }
    parsed.value = yaml::load_value(path, *text, parsed.diagnostics, &parsed.root_at);
    return parsed;
}

/// Parses every file, spread over the machine's cores: with 10,000 host_vars files the
/// YAML parser dominates the load time.
std::vector<ParsedFile> parse_vars_files(const std::vector<std::string>& paths)
{
    std::vector<ParsedFile> parsed(paths.size());
    const std::size_t threads =
        std::min<std::size_t>({std::max(1u, std::thread::hardware_concurrency()), 8, paths.size() / 64 + 1});
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < paths.size(); i = next++) {
            parsed[i] = parse_vars_file(paths[i]);
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) {
        pool.emplace_back(work);
    }
    work();
    for (auto& thread : pool) {
        thread.join();
    }
    return parsed;
}

void VarsReader::merge_file(ParsedFile& parsed, core::Value& into)
{
    m_diagnostics.merge(parsed.diagnostics);
    const auto& value = parsed.value;
    if (!value || !truthy(*value)) {
        if (value && !value->is_null() && !value->is_object()) {
            m_diagnostics.warning(parsed.root_at, "ignored: the file holds " + yaml::describe(*value) + ", not a mapping");
        }
        return; // empty files are ignored, as Ansible ignores falsy data
    }
    if (!value->is_object()) {
        m_diagnostics.error(parsed.root_at, "expected a mapping of variables, got " + yaml::describe(*value));
        return;
    }
    core::combine_into(into, *value);
}

void VarsReader::read(const fs::path& dir, const std::string& subdir, const std::vector<std::string>& names,
                      const char* kind, std::unordered_map<std::string, core::Value>& vars,
                      std::unordered_map<std::string, std::vector<std::string>>& files)
{
    const fs::path root = dir / subdir;
    std::error_code ec;
    const auto status = fs::status(root, ec);
    if (ec || !fs::exists(status)) {
        return;
    }
    if (!fs::is_directory(status)) {
        m_diagnostics.warning({root.string(), 0, 0}, "found " + subdir + " that is not a directory, skipping");
        return;
    }
    const Listing listing = list_directory(root);
    std::unordered_set<std::string> used;
    std::vector<std::pair<std::string, std::vector<std::string>>> wanted;
    std::vector<std::string> paths;
    for (const auto& name : names) {
        if (name.empty() || name.starts_with('/')) {
            continue; // Ansible skips 'chroot'-like names
        }
        std::string entry;
        auto found = find_files(root, listing, name, entry);
        if (entry.empty()) {
            continue;
        }
        used.insert(entry);
        paths.insert(paths.end(), found.begin(), found.end());
        wanted.emplace_back(name, std::move(found));
    }
    std::vector<ParsedFile> parsed = parse_vars_files(paths);
    std::size_t next = 0;
    for (auto& [name, found] : wanted) {
        core::Value merged = core::Value::object();
        for (std::size_t i = 0; i < found.size(); ++i) {
            merge_file(parsed[next++], merged);
        }
        vars[name] = std::move(merged);
        files[name] = std::move(found);
    }
    warn_unused(root, subdir, listing, used, names, kind);
}

/// Entries no entity read: a likely typo (with a hint), or a file shadowed by another.
void VarsReader::warn_unused(const fs::path& root, const std::string& subdir, const Listing& listing,
                             const std::unordered_set<std::string>& used, const std::vector<std::string>& names,
                             const char* kind)
{
    std::unordered_set<std::string> known;
    for (const auto& name : listing.names) {
        if (used.contains(name) || skipped(name)) {
            continue;
        }
        if (known.empty()) {
            known.insert(names.begin(), names.end());
        }
        const std::string ext = extension_of(name);
        const std::string stem = is_vars_extension(ext) ? name.substr(0, name.size() - ext.size()) : name;
        const core::Location where{(root / name).string(), 0, 0};
        if (known.contains(stem) || known.contains(name)) {
            m_diagnostics.warning(where, "ignored: another " + subdir + " entry for " + kind + " '" + stem +
                                             "' comes first (NAME, NAME.yml, NAME.yaml, NAME.json)");
            continue;
        }
        m_diagnostics.warning(where, std::string("no ") + kind + " named '" + stem + "'" + core::did_you_mean(stem, names));
    }
}

} // namespace

model::AdjacentVars load_adjacent_vars(const std::string& dir, bool playbook, const model::Inventory& inventory,
                                       core::Diagnostics& diagnostics)
{
    model::AdjacentVars vars;
    vars.dir = dir;
    vars.playbook = playbook;
    std::vector<std::string> group_names;
    group_names.reserve(inventory.groups().size());
    for (const auto& group : inventory.groups()) {
        group_names.push_back(group.name);
    }
    std::vector<std::string> host_names;
    host_names.reserve(inventory.hosts().size());
    for (const auto& host : inventory.hosts()) {
        host_names.push_back(host.name);
    }
    const fs::path base = dir.empty() ? fs::path(".") : fs::path(dir);
    VarsReader reader(diagnostics);
    reader.read(base, "group_vars", group_names, "group", vars.group_vars, vars.group_files);
    reader.read(base, "host_vars", host_names, "host", vars.host_vars, vars.host_files);
    return vars;
}

} // namespace scsctl::inventory
