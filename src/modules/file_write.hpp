// What the file-writing modules (copy, template, file, lineinfile, blockinfile, replace)
// share: requested attributes (mode/owner/group) against the current state, the steps that
// write new content (backup, validate, atomic upload) and their result keys. Depends on
// core and the modules helpers only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"
#include "modules/file_state.hpp"
#include "modules/module.hpp"
#include "modules/module_args.hpp"
#include "modules/remote_probe.hpp"

namespace scsctl::modules {

/// The mode, owner and group a task asks for (each optional).
struct FileAttrs {
    std::optional<ModeSpec> mode;
    std::optional<std::string> owner;
    std::optional<std::string> group;
};

core::Result<FileAttrs> read_attrs(const Args& args);

/// Shell commands (chmod, chown/chgrp; -h for links when `no_deref`) that bring `current`
/// at `path` to `attrs`; "" when nothing differs.
std::string attr_commands(const FileAttrs& attrs, const FileState& current, std::string_view path,
                          bool no_deref = false);

/// The state the file will have after it is written with `attrs` (result keys without an
/// extra round trip): existing values kept, new files get the probing user and umask.
FileState predict_state(const FileAttrs& attrs, const std::optional<FileState>& current, const RemoteUser& user,
                        std::uint64_t size);

/// Everything needed to write new content to a file.
struct WriteRequest {
    std::string path;
    std::string content;
    std::optional<FileState> current; ///< nullopt: the file does not exist
    FileAttrs attrs;
    RemoteUser user;
    bool backup = false;
    std::optional<std::string> validate; ///< command with %s for the temporary file
};

/// Appends the steps that write `request.content` (backup copy, then an atomic upload, or
/// upload to a temporary file + validate + rename). Fails when validate lacks %s.
core::Result<void> plan_write(const WriteRequest& request, Decision& decision);

/// Shell text that copies `path` to Ansible's backup name (path.PID.YYYY-MM-DD@HH:MM:SS~)
/// and prints it in section "backup".
std::string backup_command(std::string_view path);

/// The backup file name printed by a backup_command step, or "".
std::string backup_file_from(const std::vector<StepResult>& steps);

/// For the file writers' finish(), after Module::finish: the backup file name under
/// `backup_key` (when a backup step ran) and "failed to validate" as msg when the
/// validation step failed.
void add_write_keys(core::Value& result, const std::vector<StepResult>& steps, std::string_view backup_key);

/// The marker a validation step prints to stderr when validation fails.
inline constexpr std::string_view k_validate_failed = "::scsctl:: validate-failed";

/// A dict diff rendered as Ansible's callback renders dicts (sorted JSON, indent 4).
std::string dict_diff_text(const core::Value& value);

} // namespace scsctl::modules
