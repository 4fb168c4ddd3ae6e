// The file module's link and hard states and the helpers file.cpp shares with them.
// Depends on the modules helpers only.
#include "core/shell_quote.hpp"
#include "modules/file_module.hpp"

namespace scsctl::modules::file_detail {

using core::shell_quote;

std::string resolved_src(const FileRequest& request, bool for_link)
{
    const std::string& src = *request.src;
    if (!for_link || src.starts_with("/")) {
        return src;
    }
    const auto slash = request.path.rfind('/');
    if (slash == std::string::npos) {
        return src;
    }
    return request.path.substr(0, slash + 1) + src;
}

std::string prev_state(const FileProbe& probe)
{
    if (!probe.current) {
        return "absent";
    }
    if (probe.current->type == FileType::link) {
        return "link";
    }
    return ansible_state(*probe.current);
}

Decision failure(const std::string& msg, const FileRequest& request, const std::optional<FileState>& state,
                 const char* path_key)
{
    Decision decision;
    decision.failed = true;
    decision.result[path_key] = request.path;
    if (state) {
        add_file_keys(decision.result, *state);
    }
    decision.result["msg"] = msg;
    return decision;
}

void add_change(Decision& decision, const std::string& script, const std::string& path, bool follow_final)
{
    decision.changed = true;
    decision.steps.push_back(CommandStep{"set -e\n" + script + section_marker_command("final") + "\nstat " +
                                             (follow_final ? "-L " : "") + "-c " + shell_quote(k_stat_format) +
                                             " -- " + shell_quote(path) + "\n",
                                         {},
                                         {}});
}

void add_state_diff(Decision& decision, const std::string& path, const std::string& before, const std::string& after)
{
    core::Value before_value = {{"path", path}, {"state", before}};
    core::Value after_value = {{"path", path}, {"state", after}};
    decision.diffs.push_back(Diff{path, path, dict_diff_text(before_value), dict_diff_text(after_value)});
}

namespace {

/// Replaces whatever is at `path` with a symlink to `src` (atomically for links and files).
std::string link_script(const FileRequest& request, const std::string& prev)
{
    const std::string path = shell_quote(request.path);
    const std::string src = shell_quote(*request.src);
    if (prev == "absent") {
        return "ln -s -- " + src + " " + path + "\n";
    }
    if (prev == "directory") {
        return "rmdir -- " + path + "\nln -s -- " + src + " " + path + "\n";
    }
    const std::string temp = shell_quote(request.path + ".scsctl-link");
    return "rm -f -- " + temp + "\nln -s -- " + src + " " + temp + "\nmv -fT -- " + temp + " " + path + "\n";
}

} // namespace

Decision decide_link(const FileRequest& request_in, const FileProbe& probe)
{
    FileRequest request = request_in;
    const std::string prev = prev_state(probe);
    if (!request.src) {
        if (prev != "link" || !probe.link_target) {
            return failure("src is required for creating new symlinks", request, std::nullopt);
        }
        request.src = probe.link_target;
    }
    const std::string absolute_src = resolved_src(request, true);
    if (!probe.src && !request.force && !(prev == "link" && probe.link_target == request.src)) {
        Decision decision = failure("src file does not exist, use \"force=yes\" if you really want to create the link: " +
                                        absolute_src,
                                    request, std::nullopt);
        decision.result["src"] = *request.src;
        return decision;
    }
    if ((prev == "file" || prev == "hard") && !request.force) {
        return failure("refusing to convert from " + prev + " to symlink for " + request.path, request, probe.current);
    }
    if (prev == "directory" && !request.force) {
        return failure("refusing to convert from directory to symlink for " + request.path, request, probe.current);
    }
    Decision decision;
    decision.result["dest"] = request.path;
    decision.result["src"] = *request.src;
    FileAttrs link_attrs = request.attrs;
    link_attrs.mode.reset(); // a link's own mode cannot change on Linux
    if (prev == "link" && probe.link_target == request.src) {
        const std::string script = attr_commands(link_attrs, *probe.current, request.path, true);
        if (script.empty()) {
            add_file_keys(decision.result, *probe.current);
            decision.reason = "link " + request.path + " already points to " + *request.src;
            return decision;
        }
        add_change(decision, script, request.path);
        return decision;
    }
    FileState fresh;
    fresh.owner = fresh.group = "\x01";
    fresh.uid = fresh.gid = ~0u;
    fresh.type = FileType::link;
    add_change(decision, link_script(request, prev) + attr_commands(link_attrs, fresh, request.path, true),
               request.path);
    add_state_diff(decision, request.path, prev, "link");
    return decision;
}

Decision decide_hard(const FileRequest& request, const FileProbe& probe)
{
    if (!request.src) {
        return failure("src is required for creating new hardlinks", request, std::nullopt);
    }
    const std::string prev = prev_state(probe);
    if (!probe.src) {
        Decision decision = failure("src does not exist", request, std::nullopt, "dest");
        decision.result["src"] = *request.src;
        return decision;
    }
    Decision decision;
    decision.result["dest"] = request.path;
    decision.result["src"] = *request.src;
    const bool same = probe.current && probe.current->inode == probe.src->inode && probe.current->dev == probe.src->dev;
    if (same) {
        const std::string script = attr_commands(request.attrs, *probe.current, request.path);
        if (script.empty()) {
            add_file_keys(decision.result, *probe.current);
            decision.reason = "hard link " + request.path + " already points to " + *request.src;
            return decision;
        }
        add_change(decision, script, request.path);
        return decision;
    }
    if (prev != "absent" && !request.force) {
        Decision failed = failure(prev == "hard" ? "Cannot link, different hard link exists at destination"
                                                 : "Cannot link, " + prev + " exists at destination",
                                  request, probe.current, "dest");
        failed.result["src"] = *request.src;
        return failed;
    }
    const std::string path = shell_quote(request.path);
    std::string script = prev == "directory" ? "rmdir -- " + path + "\n" : "";
    const std::string temp = shell_quote(request.path + ".scsctl-link");
    script += prev == "absent" || prev == "directory"
                  ? "ln -- " + shell_quote(*request.src) + " " + path + "\n"
                  : "rm -f -- " + temp + "\nln -- " + shell_quote(*request.src) + " " + temp + "\nmv -f -- " + temp +
                        " " + path + "\n";
    FileState fresh = *probe.src;
    add_change(decision, script + attr_commands(request.attrs, fresh, request.path), request.path);
    add_state_diff(decision, request.path, prev, "hard");
    return decision;
}

} // namespace scsctl::modules::file_detail
