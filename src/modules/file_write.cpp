// Writing files: attribute commands, predicted result state, backup and validate steps.
// Content always travels in an UploadStep, never in a script.
#include "modules/file_write.hpp"

#include "core/shell_quote.hpp"

namespace scsctl::modules {

using core::shell_quote;

namespace {

bool names_match(const std::string& wanted, const std::string& name, unsigned id)
{
    return wanted == name || wanted == std::to_string(id);
}

std::string parent_of(std::string_view path)
{
    const auto slash = path.rfind('/');
    if (slash == std::string_view::npos) {
        return ".";
    }
    return slash == 0 ? "/" : std::string(path.substr(0, slash));
}

std::string base_of(std::string_view path)
{
    const auto slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

} // namespace

core::Result<FileAttrs> read_attrs(const Args& args)
{
    FileAttrs attrs;
    if (args.has("mode")) {
        attrs.mode = SCSCTL_TRY(parse_mode(*args.get("mode")));
    }
    attrs.owner = SCSCTL_TRY(args.str("owner"));
    attrs.group = SCSCTL_TRY(args.str("group"));
    return attrs;
}

std::string attr_commands(const FileAttrs& attrs, const FileState& current, std::string_view path, bool no_deref)
{
    std::string out;
    const std::string quoted = shell_quote(path);
    const std::string h = no_deref ? "-h " : "";
    if (attrs.owner && !names_match(*attrs.owner, current.owner, current.uid)) {
        out += "chown " + h + shell_quote(*attrs.owner) + " -- " + quoted + "\n";
    }
    if (attrs.group && !names_match(*attrs.group, current.group, current.gid)) {
        out += "chgrp " + h + shell_quote(*attrs.group) + " -- " + quoted + "\n";
    }
    if (attrs.mode && current.type != FileType::link) {
        const unsigned wanted = apply_mode(*attrs.mode, current.mode, current.type == FileType::directory);
        if (wanted != current.mode) {
            out += "chmod " + mode_string(wanted) + " -- " + quoted + "\n";
        }
    }
    return out;
}

FileState predict_state(const FileAttrs& attrs, const std::optional<FileState>& current, const RemoteUser& user,
                        std::uint64_t size)
{
    FileState state;
    if (current) {
        state = *current;
    } else {
        state.type = FileType::file;
        state.mode = 0666 & ~user.umask;
        state.uid = user.uid;
        state.gid = user.gid;
        state.owner = user.name;
        state.group = user.group;
    }
    state.size = size;
    if (attrs.mode) {
        state.mode = apply_mode(*attrs.mode, state.mode, state.type == FileType::directory);
    }
    if (attrs.owner) {
        state.owner = *attrs.owner;
    }
    if (attrs.group) {
        state.group = *attrs.group;
    }
    return state;
}

std::string backup_command(std::string_view path)
{
    const std::string quoted = shell_quote(path);
    return "scsctl_b=" + quoted + ".$$.$(date +%Y-%m-%d@%H:%M:%S)~ && cp -p -- " + quoted +
           " \"$scsctl_b\" && " + section_marker_command("backup") + " && printf '%s\\n' \"$scsctl_b\"";
}

std::string backup_file_from(const std::vector<StepResult>& steps)
{
    for (const auto& step : steps) {
        const auto output = ProbeOutput::parse(step.stdout_text);
        if (auto name = output.get("backup")) {
            return *name;
        }
    }
    return {};
}

core::Result<void> plan_write(const WriteRequest& request, Decision& decision)
{
    if (request.backup && request.current) {
        decision.steps.push_back(CommandStep{backup_command(request.path), {}, {}});
    }
    const FileState predicted = predict_state(request.attrs, request.current, request.user, request.content.size());
    UploadStep upload;
    upload.content = request.content;
    if (request.attrs.mode || !request.current) {
        upload.mode = predicted.mode;
    }
    upload.owner = request.attrs.owner;
    upload.group = request.attrs.group;
    if (!request.validate) {
        upload.remote_path = request.path;
        decision.steps.push_back(std::move(upload));
        return {};
    }
    const auto marker = request.validate->find("%s");
    if (marker == std::string::npos) {
        return core::fail(core::Error{core::ErrorKind::failed, "validate must contain %s: " + *request.validate, {}});
    }
    // Validation needs the new content on the host before it replaces the file: a
    // temporary file beside it (same filesystem, so the rename is atomic).
    const std::string parent = parent_of(request.path);
    const std::string temp = (parent == "/" ? "" : parent) + "/." + base_of(request.path) + ".scsctl-validate";
    upload.remote_path = temp;
    upload.mode = predicted.mode;
    if (request.current) {
        upload.owner = predicted.owner;
        upload.group = predicted.group;
    }
    decision.steps.push_back(std::move(upload));
    std::string command = *request.validate;
    command.replace(marker, 2, shell_quote(temp));
    const std::string quoted_temp = shell_quote(temp);
    decision.steps.push_back(CommandStep{"if " + command + "\nthen mv -f -- " + quoted_temp + " " +
                                             shell_quote(request.path) + "\nelse scsctl_rc=$?; rm -f -- " +
                                             quoted_temp + "; printf '%s\\n' " +
                                             shell_quote(k_validate_failed) + " >&2; exit $scsctl_rc\nfi",
                                         {},
                                         {}});
    return {};
}

void add_write_keys(core::Value& result, const std::vector<StepResult>& steps, std::string_view backup_key)
{
    const std::string backup = backup_file_from(steps);
    if (!backup.empty()) {
        result[std::string(backup_key)] = backup;
    }
    for (const auto& step : steps) {
        const auto at = step.stderr_text.find(k_validate_failed);
        if (at != std::string::npos) {
            result["msg"] = "failed to validate";
            std::string stderr_text = step.stderr_text.substr(0, at);
            while (!stderr_text.empty() && stderr_text.back() == '\n') {
                stderr_text.pop_back();
            }
            result["stderr"] = stderr_text;
        }
    }
}

std::string dict_diff_text(const core::Value& value)
{
    // Ansible's callback sorts keys; ordered_json keeps insertion order, so sort first.
    nlohmann::json sorted = nlohmann::json::parse(value.dump());
    return sorted.dump(4) + "\n";
}

} // namespace scsctl::modules
