// The template module: the controller's `src` rendered by the task's template engine
// (TaskContext::render_text) with Ansible's template variables (template_vars),
// newline_sequence applied, then written like copy. Depends on copy_core and local_files.
#include <filesystem>

#include "modules/copy_core.hpp"
#include "modules/file_modules.hpp"
#include "modules/local_files.hpp"
#include "modules/template_vars.hpp"

namespace scsctl::modules {

namespace {

const std::vector<ArgSpec> k_spec = {
    {"src", {}, true}, {"dest", {}, true}, {"backup"}, {"force"}, {"validate"}, {"follow"},
    {"newline_sequence"}, {"trim_blocks"}, {"lstrip_blocks"}, {"block_start_string"}, {"block_end_string"},
    {"variable_start_string"}, {"variable_end_string"}, {"comment_start_string"}, {"comment_end_string"},
    {"output_encoding"},
};

/// Options the engine cannot honour are refused rather than silently ignored.
core::Result<void> check_engine_options(const Args& args)
{
    static const std::pair<const char*, const char*> k_defaults[] = {
        {"block_start_string", "{%"},    {"block_end_string", "%}"},    {"variable_start_string", "{{"},
        {"variable_end_string", "}}"},   {"comment_start_string", "{#"}, {"comment_end_string", "#}"},
        {"output_encoding", "utf-8"},
    };
    for (const auto& [key, fallback] : k_defaults) {
        const std::string value = SCSCTL_TRY(args.str_or(key, fallback));
        if (value != fallback && !(std::string_view(key) == "output_encoding" && (value == "utf8" || value == "UTF-8"))) {
            return core::fail(core::Error{core::ErrorKind::failed,
                                          std::string(key) + "=" + value + " is unsupported by scsctl's template module",
                                          {}});
        }
    }
    if (!SCSCTL_TRY(args.boolean("trim_blocks", true)) || SCSCTL_TRY(args.boolean("lstrip_blocks", false))) {
        return core::fail(core::Error{core::ErrorKind::failed,
                                      "trim_blocks=false and lstrip_blocks=true are unsupported by scsctl's template module",
                                      {}});
    }
    return {};
}

std::string apply_newlines(const std::string& text, const std::string& sequence)
{
    if (sequence == "\n") {
        return text;
    }
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            ++i;
            out += sequence;
        } else if (text[i] == '\n' || text[i] == '\r') {
            out += sequence;
        } else {
            out += text[i];
        }
    }
    return out;
}

core::Result<CopyRequest> read_request(const core::Value& raw, const TaskContext& context, bool render)
{
    const Args args(raw, k_spec, file_common_args());
    SCSCTL_TRY(args.require_valid());
    SCSCTL_TRY(check_engine_options(args));
    CopyRequest request;
    request.dest = SCSCTL_TRY(args.str_or("dest", ""));
    request.backup = SCSCTL_TRY(args.boolean("backup", false));
    request.force = SCSCTL_TRY(args.boolean("force", true));
    request.validate = SCSCTL_TRY(args.str("validate"));
    request.attrs = SCSCTL_TRY(read_attrs(args));
    const auto given_sequence = args.str("newline_sequence");
    if (!given_sequence) {
        return core::fail(given_sequence.error());
    }
    const std::string sequence = given_sequence->value_or("\n");
    if (sequence != "\n" && sequence != "\r\n" && sequence != "\r") {
        return core::fail(core::Error{core::ErrorKind::failed,
                                      "value of newline_sequence must be one of: \\n, \\r, \\r\\n", {}});
    }
    const std::string src = SCSCTL_TRY(args.str_or("src", ""));
    const std::string local = SCSCTL_TRY(find_local_file(src, context.search_paths, "templates"));
    request.basename = std::filesystem::path(local).filename().string();
    request.src_label = local;
    if (render) {
        const std::string text = SCSCTL_TRY(read_local_file(local));
        if (!context.render_text) {
            return core::fail(core::Error{core::ErrorKind::internal, "template: no template engine in this context", {}});
        }
        const core::Value extra = template_vars(local, request.dest);
        request.content = apply_newlines(SCSCTL_TRY(context.render_text(text, extra)), sequence);
    }
    return request;
}

class TemplateModule final : public Module {
public:
    std::string_view name() const override { return "template"; }
    std::vector<std::string> validate(const core::Value& args) const override
    {
        return Args(args, k_spec, file_common_args()).check();
    }
    core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const override
    {
        return copy_probe(SCSCTL_TRY(read_request(args, context, false)), context);
    }
    core::Result<Decision> decide(const core::Value& args, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        return decide_copy(SCSCTL_TRY(read_request(args, context, true)), probe, context);
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

const Module* template_module()
{
    static const TemplateModule k_module;
    return &k_module;
}

} // namespace scsctl::modules
