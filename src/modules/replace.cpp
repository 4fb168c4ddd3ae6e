// The replace module: Python re.sub (MULTILINE) over the file, or over the part between
// `after` and `before`, on the controller; one upload when the text changes.
// Depends on text_edit and regex.
#include "modules/file_modules.hpp"
#include "modules/text_edit.hpp"

namespace scsctl::modules {

namespace {

const std::vector<ArgSpec> k_spec = {
    {"path", {"dest", "destfile", "name"}, true}, {"regexp", {}, true}, {"replace"}, {"after"}, {"before"},
    {"backup"}, {"validate"}, {"encoding"}, {"others"},
};

/// The [start, end) span the substitution applies to; nullopt when after/before miss.
core::Result<std::optional<std::pair<std::size_t, std::size_t>>> section(const Args& args, const std::string& text)
{
    const auto after = SCSCTL_TRY(args.str("after"));
    const auto before = SCSCTL_TRY(args.str("before"));
    regex::Flags dotall;
    dotall.dotall = true;
    std::size_t start = 0;
    std::size_t end = text.size();
    if (after) {
        const auto pattern = SCSCTL_TRY(regex::PythonRegex::compile(*after, dotall));
        const auto match = SCSCTL_TRY(pattern.search(text));
        if (!match) {
            return std::optional<std::pair<std::size_t, std::size_t>>();
        }
        start = match->end;
    }
    if (before) {
        const auto pattern = SCSCTL_TRY(regex::PythonRegex::compile(*before, dotall));
        std::optional<std::size_t> found;
        for (std::size_t from = start; from <= text.size();) {
            const auto match = SCSCTL_TRY(pattern.search(text, from));
            if (!match) {
                break;
            }
            found = match->start;
            if (after) {
                break; // after...before matches the first `before` (non-greedy)
            }
            from = match->end > match->start ? match->end : match->start + 1;
        }
        if (!found) {
            return std::optional<std::pair<std::size_t, std::size_t>>();
        }
        end = *found;
    }
    return std::optional<std::pair<std::size_t, std::size_t>>(std::pair(start, end));
}

core::Result<Decision> decide_replace(const core::Value& raw, const StepResult& probe)
{
    const Args args(raw, k_spec, file_common_args());
    SCSCTL_TRY(args.require_valid());
    const std::string path = SCSCTL_TRY(args.str_or("path", ""));
    const EditOptions options = SCSCTL_TRY(read_edit_options(args, path));
    const EditTarget target = SCSCTL_TRY(read_edit_probe(probe, options.path));
    Decision decision;
    if (!target.state || target.state->type == FileType::directory) {
        decision.failed = true;
        decision.result["rc"] = target.state ? 256 : 257;
        decision.result["msg"] = "Path " + options.path + (target.state ? " is a directory !" : " does not exist !");
        return decision;
    }
    regex::Flags multiline;
    multiline.multiline = true;
    const std::string regexp = SCSCTL_TRY(args.str_or("regexp", ""));
    const auto pattern = SCSCTL_TRY(regex::PythonRegex::compile(regexp, multiline));
    const std::string replacement = SCSCTL_TRY(args.str_or("replace", ""));
    const auto span = SCSCTL_TRY(section(args, target.content));
    std::string after = target.content;
    std::size_t count = 0;
    if (span) {
        const std::string part = target.content.substr(span->first, span->second - span->first);
        const std::string replaced = SCSCTL_TRY(pattern.sub(replacement, part, 0, &count));
        after = target.content.substr(0, span->first) + replaced + target.content.substr(span->second);
    }
    const bool changed = count > 0 && after != target.content;
    SCSCTL_TRY(finish_edit(decision, options, target, after, changed,
                           changed ? std::to_string(count) + " replacements made" : ""));
    decision.result.erase("backup");
    return decision;
}


} // namespace

const Module* replace_module()
{
    static const TextEditModule k_module("replace", k_spec, decide_replace, "backup_file");
    return &k_module;
}

} // namespace scsctl::modules
