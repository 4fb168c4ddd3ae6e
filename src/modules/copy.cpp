// The copy module: `content` or a controller `src` file to `dest` (a directory dest
// takes the source's file name). remote_src and directory sources are refused.
// Depends on copy_core and local_files.
#include <filesystem>

#include "modules/copy_core.hpp"
#include "modules/file_modules.hpp"
#include "modules/local_files.hpp"
#include "vars/python_format.hpp"

namespace scsctl::modules {

namespace {

const std::vector<ArgSpec> k_spec = {
    {"src"},    {"content"},     {"dest", {}, true}, {"backup"},  {"force", {"thirsty"}},
    {"validate"}, {"remote_src"}, {"directory_mode"}, {"follow"}, {"local_follow"},
    {"checksum"}, {"decrypt"},    {"_original_basename"},
};

core::Error unsupported(const std::string& what)
{
    return core::Error{core::ErrorKind::failed, what + " is unsupported by scsctl's copy module", {}};
}

core::Result<CopyRequest> read_request(const core::Value& raw, const TaskContext& context)
{
    const Args args(raw, k_spec, file_common_args());
    SCSCTL_TRY(args.require_valid());
    CopyRequest request;
    request.dest = SCSCTL_TRY(args.str_or("dest", ""));
    request.backup = SCSCTL_TRY(args.boolean("backup", false));
    request.force = SCSCTL_TRY(args.boolean("force", true));
    request.validate = SCSCTL_TRY(args.str("validate"));
    if (SCSCTL_TRY(args.boolean("remote_src", false))) {
        return core::fail(unsupported("remote_src=true"));
    }
    const bool preserve = args.has("mode") && args.get("mode")->is_string() && *args.get("mode") == "preserve";
    core::Value without_preserve = raw;
    if (preserve) {
        without_preserve.erase("mode");
    }
    request.attrs = SCSCTL_TRY(read_attrs(Args(without_preserve, k_spec, file_common_args())));
    // Ansible's copy action writes a mapping or list `content` as json.dumps of it.
    const core::Value* raw_content = args.get("content");
    const bool structured = raw_content != nullptr && (raw_content->is_object() || raw_content->is_array());
    const auto content = structured ? std::optional<std::string>(vars::python_json(*raw_content, false))
                                    : SCSCTL_TRY(args.str("content"));
    const auto src = SCSCTL_TRY(args.str("src"));
    if (content && src) {
        return core::fail(core::Error{core::ErrorKind::failed, "src and content are mutually exclusive", {}});
    }
    if (content) {
        if (preserve) {
            return core::fail(core::Error{core::ErrorKind::failed, "mode=preserve is not allowed with content", {}});
        }
        request.content = *content;
        return request;
    }
    if (!src) {
        return core::fail(core::Error{core::ErrorKind::failed, "src (or content) is required", {}});
    }
    const std::string local = SCSCTL_TRY(find_local_file(*src, context.search_paths, "files"));
    std::error_code ec;
    if (std::filesystem::is_directory(local, ec)) {
        return core::fail(unsupported("a directory src (" + *src + ")"));
    }
    request.content = SCSCTL_TRY(read_local_file(local));
    request.basename = std::filesystem::path(local).filename().string();
    request.src_label = local;
    if (preserve) {
        const auto perms = std::filesystem::status(local, ec).permissions();
        request.attrs.mode = ModeSpec{static_cast<unsigned>(perms) & 07777u, "", ""};
        request.attrs.mode->text = mode_string(*request.attrs.mode->absolute);
    }
    return request;
}

class CopyModule final : public Module {
public:
    std::string_view name() const override { return "copy"; }
    std::vector<std::string> validate(const core::Value& args) const override
    {
        return Args(args, k_spec, file_common_args()).check();
    }
    core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const override
    {
        return copy_probe(SCSCTL_TRY(read_request(args, context)), context);
    }
    core::Result<Decision> decide(const core::Value& args, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        return decide_copy(SCSCTL_TRY(read_request(args, context)), probe, context);
    }
    core::Value finish(const Decision& decision, const std::vector<StepResult>& steps,
                       const TaskContext& context) const override
    {
        core::Value out = Module::finish(decision, steps, context);
        add_write_keys(out, steps, "backup_file");
        return out;
    }
};

} // namespace

const Module* copy_module()
{
    static const CopyModule k_module;
    return &k_module;
}

} // namespace scsctl::modules
