// The stat module: one probe (stat -c, sha1sum, readlink, access tests) turned into
// Ansible's stat dictionary. Depends on remote_probe and file_state.
#include "core/shell_quote.hpp"
#include "modules/file_modules.hpp"
#include "modules/file_state.hpp"
#include "modules/module_args.hpp"

namespace scsctl::modules {

namespace {

const std::vector<ArgSpec> k_spec = {
    {"path", {"dest", "name"}, true}, {"follow"}, {"get_checksum"}, {"checksum_algorithm", {"checksum", "checksum_algo"}},
    {"get_md5"}, {"get_mime", {"mime", "mime_type", "mime-type"}}, {"get_attributes", {"attr", "attributes"}},
};

struct StatRequest {
    std::string path;
    bool follow = false;
    bool checksum = true;
};

core::Result<StatRequest> read_request(const core::Value& raw)
{
    const Args args(raw, k_spec);
    SCSCTL_TRY(args.require_valid());
    StatRequest request;
    request.path = SCSCTL_TRY(args.str_or("path", ""));
    request.follow = SCSCTL_TRY(args.boolean("follow", false));
    request.checksum = SCSCTL_TRY(args.boolean("get_checksum", true));
    const std::string algorithm = SCSCTL_TRY(args.str_or("checksum_algorithm", "sha1"));
    if (algorithm != "sha1") {
        return core::fail(core::Error{core::ErrorKind::failed,
                                      "checksum_algorithm=" + algorithm + " is unsupported by scsctl (sha1 only)", {}});
    }
    return request;
}

void add_stat_keys(core::Value& stat, const FileState& state)
{
    const unsigned type = state.raw_mode & 0170000;
    stat["mode"] = mode_string(state.mode);
    stat["isdir"] = type == 0040000;
    stat["ischr"] = type == 0020000;
    stat["isblk"] = type == 0060000;
    stat["isreg"] = type == 0100000;
    stat["isfifo"] = type == 0010000;
    stat["islnk"] = type == 0120000;
    stat["issock"] = type == 0140000;
    stat["uid"] = state.uid;
    stat["gid"] = state.gid;
    stat["size"] = state.size;
    stat["inode"] = state.inode;
    stat["dev"] = state.dev;
    stat["nlink"] = state.nlink;
    stat["atime"] = state.atime;
    stat["mtime"] = state.mtime;
    stat["ctime"] = state.ctime;
    stat["wusr"] = (state.mode & 0200) != 0;
    stat["rusr"] = (state.mode & 0400) != 0;
    stat["xusr"] = (state.mode & 0100) != 0;
    stat["wgrp"] = (state.mode & 0020) != 0;
    stat["rgrp"] = (state.mode & 0040) != 0;
    stat["xgrp"] = (state.mode & 0010) != 0;
    stat["woth"] = (state.mode & 0002) != 0;
    stat["roth"] = (state.mode & 0004) != 0;
    stat["xoth"] = (state.mode & 0001) != 0;
    stat["isuid"] = (state.mode & 04000) != 0;
    stat["isgid"] = (state.mode & 02000) != 0;
    stat["pw_name"] = state.owner;
    stat["gr_name"] = state.group;
}

class StatModule final : public Module {
public:
    std::string_view name() const override { return "stat"; }
    std::vector<std::string> validate(const core::Value& args) const override { return Args(args, k_spec).check(); }
    core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const override
    {
        (void)context;
        const StatRequest request = SCSCTL_TRY(read_request(args));
        const std::string quoted = core::shell_quote(request.path);
        ProbeScript script;
        script.stat("stat", request.path, request.follow).link_target("target", request.path);
        if (request.checksum) {
            script.sha1("sha1", request.path);
        }
        script.section("access", "printf '%s%s%s\\n' \"$([ -r " + quoted + " ] && echo r)\" \"$([ -w " + quoted +
                                     " ] && echo w)\" \"$([ -x " + quoted + " ] && echo x)\"");
        script.section("realpath", "readlink -f -- " + quoted + " | base64");
        return script.str();
    }
    core::Result<Decision> decide(const core::Value& args, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        (void)context;
        const StatRequest request = SCSCTL_TRY(read_request(args));
        const ProbeOutput output = ProbeOutput::parse(probe.stdout_text);
        Decision decision;
        const auto state = SCSCTL_TRY(read_stat(output, "stat"));
        core::Value stat = core::Value::object();
        stat["exists"] = state.has_value();
        if (state) {
            stat["path"] = request.path;
            add_stat_keys(stat, *state);
            const std::string access = output.get("access").value_or("");
            stat["readable"] = access.find('r') != std::string::npos;
            stat["writeable"] = access.find('w') != std::string::npos;
            stat["executable"] = access.find('x') != std::string::npos;
            if (state->type == FileType::link) {
                auto target = SCSCTL_TRY(output.decoded("target")).value_or("");
                if (!target.empty() && target.back() == '\n') {
                    target.pop_back();
                }
                auto real = SCSCTL_TRY(output.decoded("realpath")).value_or("");
                if (!real.empty() && real.back() == '\n') {
                    real.pop_back();
                }
                stat["lnk_source"] = real;
                stat["lnk_target"] = target;
            }
            if (request.checksum && state->type == FileType::file && output.has("sha1")) {
                stat["checksum"] = *output.get("sha1");
            }
        }
        decision.result["stat"] = stat;
        decision.reason = "read-only";
        return decision;
    }
};

} // namespace

const Module* stat_module()
{
    static const StatModule k_module;
    return &k_module;
}

} // namespace scsctl::modules
