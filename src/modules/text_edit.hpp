// What the line editors (lineinfile, blockinfile, replace) share: one probe reading the
// file's stat and bytes (base64, so any content round-trips exactly), and one tail that
// turns new content into an upload, attribute commands, msg and diff. Depends on the
// modules helpers and regex.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/file_write.hpp"
#include "modules/module_args.hpp"
#include "modules/module.hpp"
#include "regex/python_regex.hpp"

namespace scsctl::modules {

/// The edited file as the probe saw it.
struct EditTarget {
    std::optional<FileState> state; ///< nullopt: missing
    std::string content;
    RemoteUser user;
};

/// The probe script: user, stat (through links) and content of `path`.
std::string edit_probe(const std::string& path);

/// The probe's output read back; fails when the file exists but could not be read.
core::Result<EditTarget> read_edit_probe(const StepResult& probe, const std::string& path);

/// The common options of the editors.
struct EditOptions {
    std::string path;
    FileAttrs attrs;
    bool backup = false;
    std::optional<std::string> validate;
};

/// Writes `after` when `changed`, then applies attributes; appends Ansible's
/// " and ownership, perms or SE linux context changed" to msg; sets result msg, changed,
/// backup "" and the content diff ("<path> (content)" headers).
core::Result<void> finish_edit(Decision& decision, const EditOptions& options, const EditTarget& target,
                               const std::string& after, bool changed, std::string msg);

/// Python's readlines() on bytes: lines split after each '\n', keeping it.
std::vector<std::string> split_keep_newlines(const std::string& text);

/// Python's Match.expand(template): \1..\99, \g<n>, \g<name> and the usual escapes.
std::string expand_match(const regex::Match& match, const std::string& replacement);

/// Reads the common options (path with aliases dest/destfile/name is read by the caller).
core::Result<EditOptions> read_edit_options(const Args& args, std::string path);

/// The Module of a line editor: its arguments checked against `spec` plus the common
/// file arguments, the shared edit probe, its own pure decide(), and the write keys
/// (the backup file under `backup_key`, as Ansible names it per module).
class TextEditModule final : public Module {
public:
    using DecideFn = core::Result<Decision> (*)(const core::Value& args, const StepResult& probe);

    TextEditModule(std::string_view name, std::span<const ArgSpec> spec, DecideFn decide_fn, const char* backup_key)
        : m_name(name), m_spec(spec), m_decide(decide_fn), m_backup_key(backup_key)
    {
    }
    std::string_view name() const override { return m_name; }
    std::vector<std::string> validate(const core::Value& args) const override;
    core::Result<std::string> probe(const core::Value& raw, const TaskContext& context) const override;
    core::Result<Decision> decide(const core::Value& args, const StepResult& probe,
                                  const TaskContext& context) const override;
    core::Value finish(const Decision& decision, const std::vector<StepResult>& steps,
                       const TaskContext& context) const override;

private:
    std::string_view m_name;
    std::span<const ArgSpec> m_spec;
    DecideFn m_decide;
    const char* m_backup_key;
};

} // namespace scsctl::modules
