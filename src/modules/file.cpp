// The file module: states file, directory, absent and touch here, link and hard in
// file_links.cpp. One probe (lstat, stat through links, link target, src), then at most
// one script that changes and prints the final stat. Depends on the modules helpers.
#include <cstdio>

#include "core/shell_quote.hpp"
#include "modules/file_module.hpp"
#include "modules/file_modules.hpp"

namespace scsctl::modules {

using core::shell_quote;
using namespace file_detail;

namespace {

const std::vector<ArgSpec> k_spec = {
    {"path", {"dest", "name"}, true}, {"state"}, {"src"}, {"recurse"}, {"force"}, {"follow"},
    {"modification_time"}, {"modification_time_format"}, {"access_time"}, {"access_time_format"},
    {"_original_basename"}, {"_diff_peek"},
};

core::Result<FileRequest> read_request(const core::Value& raw)
{
    const Args args(raw, k_spec, file_common_args());
    SCSCTL_TRY(args.require_valid());
    FileRequest request;
    request.path = SCSCTL_TRY(args.str_or("path", ""));
    request.state = SCSCTL_TRY(args.str_or("state", ""));
    request.src = SCSCTL_TRY(args.str("src"));
    request.attrs = SCSCTL_TRY(read_attrs(args));
    request.recurse = SCSCTL_TRY(args.boolean("recurse", false));
    request.force = SCSCTL_TRY(args.boolean("force", false));
    request.follow = SCSCTL_TRY(args.boolean("follow", true));
    request.modification_time = SCSCTL_TRY(args.str_or("modification_time", ""));
    request.access_time = SCSCTL_TRY(args.str_or("access_time", ""));
    static const char* const k_states[] = {"", "file", "directory", "link", "hard", "absent", "touch"};
    bool known = false;
    for (const char* state : k_states) {
        known = known || request.state == state;
    }
    if (!known) {
        return core::fail(core::Error{core::ErrorKind::failed,
                                      "value of state must be one of: absent, directory, file, hard, link, touch, got: " +
                                          request.state,
                                      {}});
    }
    return request;
}

/// Timestamps for touch: "-d @now" style options for touch(1), or "" to leave a time.
std::string touch_options(const FileRequest& request, bool existed)
{
    auto option = [](const std::string& value, const char* flag) -> std::string {
        if (value.empty() || value == "now") {
            return std::string(" ") + flag;
        }
        if (value == "preserve") {
            return "";
        }
        return std::string(" ") + flag + " -t " + shell_quote(value);
    };
    if (!existed) {
        return "";
    }
    return option(request.modification_time, "-m") + option(request.access_time, "-a");
}

/// Attribute commands for a path created by the same script (nothing to compare with).
std::string fresh_attr_commands(const FileAttrs& attrs, const std::string& path)
{
    std::string out;
    if (attrs.owner) {
        out += "chown " + shell_quote(*attrs.owner) + " -- " + shell_quote(path) + " || exit 1\n";
    }
    if (attrs.group) {
        out += "chgrp " + shell_quote(*attrs.group) + " -- " + shell_quote(path) + " || exit 1\n";
    }
    if (attrs.mode) {
        out += "chmod " + shell_quote(attrs.mode->text) + " -- " + shell_quote(path) + " || exit 1\n";
    }
    return out;
}

Decision decide_attrs(const FileRequest& request, const FileState& state, const std::string& target,
                      Decision decision)
{
    std::string script = attr_commands(request.attrs, state, target);
    if (request.recurse && state.type == FileType::directory) {
        std::string recursive = section_marker_command("recurse") + "\n";
        if (request.attrs.owner) {
            recursive += "chown -R -c " + shell_quote(*request.attrs.owner) + " -- " + shell_quote(target) + "\n";
        }
        if (request.attrs.group) {
            recursive += "chgrp -R -c " + shell_quote(*request.attrs.group) + " -- " + shell_quote(target) + "\n";
        }
        if (request.attrs.mode) {
            recursive += "chmod -R -c " + shell_quote(request.attrs.mode->text) + " -- " + shell_quote(target) + "\n";
        }
        if (request.attrs.owner || request.attrs.group || request.attrs.mode) {
            const bool top_changed = !script.empty();
            add_change(decision, script + recursive, target, true);
            decision.changed = top_changed;
            return decision;
        }
    }
    if (!script.empty()) {
        add_change(decision, script, target, true);
    }
    add_file_keys(decision.result, predict_state(request.attrs, state, {}, state.size));
    if (!decision.changed) {
        decision.reason = "path " + request.path + " already has the requested state";
    }
    return decision;
}

Decision decide_file(const FileRequest& request, const FileProbe& probe)
{
    const std::string prev = prev_state(probe);
    if (prev == "absent" || (prev == "link" && !probe.followed)) {
        Decision decision = failure("file (" + request.path + ") is absent, cannot continue", request, std::nullopt);
        decision.result["state"] = "absent";
        return decision;
    }
    const FileState& target = prev == "link" && request.follow ? *probe.followed : *probe.current;
    if (target.type == FileType::directory) {
        return failure("file (" + request.path + ") is directory, cannot continue", request, target);
    }
    Decision decision;
    decision.result["path"] = request.path;
    return decide_attrs(request, target, request.path, std::move(decision));
}

Decision decide_directory(const FileRequest& request, const FileProbe& probe)
{
    const std::string prev = prev_state(probe);
    Decision decision;
    decision.result["path"] = request.path;
    if (prev == "absent") {
        // Each missing component is created and given the attributes, as Ansible does. An
        // octal mode alone is given by mkdir itself (exact, umask ignored): one process less
        // per directory on the host.
        const bool mode_only = request.attrs.mode && request.attrs.mode->absolute && !request.attrs.owner &&
                               !request.attrs.group;
        char octal[16];
        std::snprintf(octal, sizeof octal, "%04o", mode_only ? *request.attrs.mode->absolute : 0U);
        const std::string make = mode_only ? "mkdir -m " + std::string(octal) + " -- " : std::string("mkdir -- ");
        std::string script;
        std::string partial = request.path.starts_with("/") ? "" : ".";
        std::size_t start = 0;
        while (start <= request.path.size()) {
            const auto slash = request.path.find('/', start);
            const std::string part = request.path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
            start = slash == std::string::npos ? request.path.size() + 1 : slash + 1;
            if (part.empty()) {
                continue;
            }
            partial += "/" + part;
            const std::string attrs = mode_only ? std::string() : fresh_attr_commands(request.attrs, partial);
            // Another host or process may create a shared parent at the same moment: losing
            // that race is fine, as long as the directory exists afterwards.
            const std::string quoted = shell_quote(partial);
            script += "if [ ! -d " + quoted + " ]; then if " + make + quoted + " 2>/dev/null; then :\n" + attrs +
                      "elif [ ! -d " + quoted + " ]; then mkdir -- " + quoted + "; exit 1\nfi\nfi\n";
        }
        add_change(decision, script, request.path, true);
        add_state_diff(decision, request.path, "absent", "directory");
        return decision;
    }
    const FileState& target = prev == "link" && request.follow && probe.followed ? *probe.followed : *probe.current;
    if (target.type != FileType::directory) {
        return failure(request.path + " already exists as a " + (prev == "link" ? std::string("link") : ansible_state(target)),
                       request, target);
    }
    return decide_attrs(request, target, request.path, std::move(decision));
}

Decision decide_absent(const FileRequest& request, const FileProbe& probe)
{
    Decision decision;
    decision.result["path"] = request.path;
    decision.result["state"] = "absent";
    const std::string prev = prev_state(probe);
    if (prev == "absent") {
        decision.reason = "path " + request.path + " is already absent";
        return decision;
    }
    decision.changed = true;
    decision.steps.push_back(CommandStep{"rm -rf -- " + shell_quote(request.path), {}, {}});
    add_state_diff(decision, request.path, prev, "absent");
    return decision;
}

Decision decide_touch(const FileRequest& request, const FileProbe& probe)
{
    Decision decision;
    decision.result["dest"] = request.path;
    const bool existed = probe.current.has_value();
    const std::string options = touch_options(request, existed);
    std::string script;
    if (!existed) {
        script = "touch -- " + shell_quote(request.path) + " || exit 1\n" +
                 fresh_attr_commands(request.attrs, request.path);
        add_state_diff(decision, request.path, "absent", "touch");
    } else {
        if (!options.empty()) {
            script = "touch -c" + options + " -- " + shell_quote(request.path) + " || exit 1\n";
        }
        script += attr_commands(request.attrs, request.follow && probe.followed ? *probe.followed : *probe.current,
                                request.path);
    }
    if (script.empty()) {
        add_file_keys(decision.result, *probe.current);
        decision.reason = "path " + request.path + " already has the requested times and attributes";
        return decision;
    }
    add_change(decision, script, request.path, request.follow);
    return decision;
}

core::Result<FileProbe> read_probe(const StepResult& step)
{
    const ProbeOutput output = ProbeOutput::parse(step.stdout_text);
    FileProbe probe;
    probe.current = SCSCTL_TRY(read_stat(output, "current"));
    probe.followed = SCSCTL_TRY(read_stat(output, "followed"));
    probe.src = SCSCTL_TRY(read_stat(output, "src"));
    if (auto target = SCSCTL_TRY(output.decoded("target"))) {
        if (!target->empty() && target->back() == '\n') {
            target->pop_back();
        }
        probe.link_target = std::move(*target);
    }
    if (!probe.current && step.rc != 0 && !step.stderr_text.empty()) {
        return core::fail(core::Error{core::ErrorKind::failed, step.stderr_text, {}});
    }
    return probe;
}

class FileModule final : public Module {
public:
    std::string_view name() const override { return "file"; }
    std::vector<std::string> validate(const core::Value& args) const override
    {
        return Args(args, k_spec, file_common_args()).check();
    }
    core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const override
    {
        (void)context;
        const FileRequest request = SCSCTL_TRY(read_request(args));
        ProbeScript script;
        script.stat_both("current", "followed", request.path).link_target("target", request.path);
        if (request.src && (request.state == "link" || request.state == "hard")) {
            script.stat("src", resolved_src(request, request.state == "link"), request.state == "link");
        }
        return script.str();
    }
    core::Result<Decision> decide(const core::Value& args, const StepResult& step,
                                  const TaskContext& context) const override
    {
        (void)context;
        FileRequest request = SCSCTL_TRY(read_request(args));
        const FileProbe probe = SCSCTL_TRY(read_probe(step));
        if (request.state.empty()) {
            const std::string prev = prev_state(probe);
            request.state = prev == "absent" || prev == "hard" ? (request.recurse ? "directory" : "file") : prev;
        }
        if (request.recurse && request.state != "directory") {
            return failure("recurse option requires state to be 'directory'", request, std::nullopt);
        }
        if (request.state == "file") {
            return decide_file(request, probe);
        }
        if (request.state == "directory") {
            return decide_directory(request, probe);
        }
        if (request.state == "absent") {
            return decide_absent(request, probe);
        }
        if (request.state == "touch") {
            return decide_touch(request, probe);
        }
        return request.state == "link" ? decide_link(request, probe) : decide_hard(request, probe);
    }
    core::Value finish(const Decision& decision, const std::vector<StepResult>& steps,
                       const TaskContext& context) const override
    {
        core::Value out = Module::finish(decision, steps, context);
        if (steps.empty() || out.contains("failed")) {
            return out;
        }
        const ProbeOutput output = ProbeOutput::parse(steps.back().stdout_text);
        if (auto final_state = read_stat(output, "final"); final_state && *final_state) {
            add_file_keys(out, **final_state);
        }
        if (auto recursive = output.get("recurse"); recursive && !recursive->empty()) {
            out["changed"] = true;
        }
        return out;
    }
};

} // namespace

const Module* file_module()
{
    static const FileModule k_module;
    return &k_module;
}

} // namespace scsctl::modules
