// copy/template's shared decision: the target is dest, or dest/<basename> when dest is
// a directory (or ends with '/'); content travels only in the UploadStep.
#include "modules/copy_core.hpp"

#include "core/shell_quote.hpp"
#include "modules/local_files.hpp"

namespace scsctl::modules {

namespace {

constexpr std::uint64_t k_diff_limit = 1024 * 1024;

std::string parent_of(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos) {
        return ".";
    }
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string join(const std::string& dir, const std::string& name)
{
    return dir.ends_with("/") ? dir + name : dir + "/" + name;
}

Decision failed(std::string msg, const CopyRequest& request)
{
    Decision decision;
    decision.failed = true;
    decision.result["checksum"] = sha1_hex(request.content);
    decision.result["msg"] = std::move(msg);
    return decision;
}

void add_diff(Decision& decision, const std::string& target, const std::string& before, const CopyRequest& request)
{
    decision.diffs.push_back(Diff{target, request.src_label.empty() ? "dynamically generated" : request.src_label,
                                  before, request.content});
}

/// The content is already there: at most an attribute change.
void keep_content(Decision& decision, const CopyRequest& request, const FileState& current, const std::string& target,
                  const RemoteUser& user)
{
    decision.result["checksum"] = sha1_hex(request.content);
    decision.result["path"] = target;
    const std::string script = attr_commands(request.attrs, current, target);
    add_file_keys(decision.result, predict_state(request.attrs, current, user, current.size));
    if (script.empty()) {
        decision.reason = "file " + target + " already has this content and attributes";
    } else {
        decision.changed = true;
        decision.steps.push_back(CommandStep{"set -e\n" + script, {}, {}});
    }
}

} // namespace

std::string copy_probe(const CopyRequest& request, const TaskContext& context)
{
    ProbeScript script;
    // The parent matters only when dest is missing (does the directory exist?).
    script.user().stat_else("dest", request.dest, "parent", parent_of(request.dest)).sha1("dest.sha1", request.dest);
    if (!request.basename.empty()) {
        const std::string inner = join(request.dest, request.basename);
        script.stat("inner", inner, true).sha1("inner.sha1", inner);
        if (context.diff_mode) {
            script.content("inner.content", inner, k_diff_limit);
        }
    }
    if (context.diff_mode) {
        script.content("dest.content", request.dest, k_diff_limit);
    }
    return script.str();
}

core::Result<Decision> decide_copy(const CopyRequest& request, const StepResult& probe, const TaskContext& context)
{
    const ProbeOutput output = ProbeOutput::parse(probe.stdout_text);
    const auto dest_state = SCSCTL_TRY(read_stat(output, "dest"));
    const bool dest_is_dir = (dest_state && dest_state->type == FileType::directory) || request.dest.ends_with("/");
    if (dest_is_dir && request.basename.empty()) {
        return failed("can not use content with a dir as dest", request);
    }
    const std::string key = dest_is_dir ? "inner" : "dest";
    const std::string target = dest_is_dir ? join(request.dest, request.basename) : request.dest;
    const auto current = dest_is_dir ? SCSCTL_TRY(read_stat(output, "inner")) : dest_state;
    const std::string checksum = sha1_hex(request.content);
    Decision decision;
    decision.result["dest"] = target;
    if (!request.src_label.empty()) {
        decision.result["src"] = request.src_label;
    }
    if (current && current->type == FileType::directory) {
        return failed("can not copy to " + target + ": it is a directory", request);
    }
    // In check mode Ansible's copy action reports a needed transfer as changed without
    // running the module, so a missing directory is only an error for real.
    const bool parent_missing = !dest_is_dir && !dest_state && !output.has("parent");
    if (!context.check_mode && (parent_missing || (dest_is_dir && !dest_state && !request.dest.ends_with("/")))) {
        return failed("Destination directory " + parent_of(request.dest) + " does not exist", request);
    }
    if (current && !request.force) {
        decision.result["checksum"] = output.get(key + ".sha1").value_or("");
        decision.reason = "file already exists and force=no";
        add_file_keys(decision.result, *current);
        return decision;
    }
    const RemoteUser user = parse_user(output);
    if (current && output.get(key + ".sha1") == checksum) {
        keep_content(decision, request, *current, target, user);
        return decision;
    }
    decision.changed = true;
    decision.result["checksum"] = checksum;
    decision.result["md5sum"] = md5_hex(request.content);
    if (dest_is_dir && !dest_state) {
        decision.steps.push_back(CommandStep{"mkdir -p -- " + core::shell_quote(request.dest), {}, {}});
    }
    WriteRequest write{target, request.content, current, request.attrs, user, request.backup, request.validate};
    SCSCTL_TRY(plan_write(write, decision));
    add_file_keys(decision.result, predict_state(request.attrs, current, user, request.content.size()));
    if (context.diff_mode) {
        const auto before = SCSCTL_TRY(output.decoded(key + ".content"));
        add_diff(decision, target, before.value_or(""), request);
    }
    return decision;
}

} // namespace scsctl::modules
