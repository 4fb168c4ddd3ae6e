// The editors' shared probe and tail. Content goes to the host only in an UploadStep.
#include "modules/text_edit.hpp"

#include <cstdlib>

namespace scsctl::modules {

std::string edit_probe(const std::string& path)
{
    ProbeScript script;
    script.user().stat("stat", path, true).content("content", path);
    return script.str();
}

core::Result<EditTarget> read_edit_probe(const StepResult& probe, const std::string& path)
{
    const ProbeOutput output = ProbeOutput::parse(probe.stdout_text);
    EditTarget target;
    target.user = parse_user(output);
    target.state = SCSCTL_TRY(read_stat(output, "stat"));
    if (target.state && target.state->type == FileType::file) {
        const auto content = SCSCTL_TRY(output.decoded("content"));
        if (!content) {
            return core::fail(core::Error{core::ErrorKind::failed, "could not read " + path +
                                                                         (probe.stderr_text.empty() ? "" : ": " + probe.stderr_text),
                                          {}});
        }
        target.content = *content;
    }
    return target;
}

core::Result<EditOptions> read_edit_options(const Args& args, std::string path)
{
    EditOptions options;
    options.path = std::move(path);
    options.attrs = SCSCTL_TRY(read_attrs(args));
    options.backup = SCSCTL_TRY(args.boolean("backup", false));
    options.validate = SCSCTL_TRY(args.str("validate"));
    return options;
}

core::Result<void> finish_edit(Decision& decision, const EditOptions& options, const EditTarget& target,
                               const std::string& after, bool changed, std::string msg)
{
    if (changed) {
        WriteRequest write{options.path, after, target.state, options.attrs, target.user, options.backup,
                           options.validate};
        SCSCTL_TRY(plan_write(write, decision));
        decision.diffs.push_back(Diff{options.path + " (content)", options.path + " (content)", target.content, after});
    } else if (target.state) {
        const std::string script = attr_commands(options.attrs, *target.state, options.path);
        if (!script.empty()) {
            decision.steps.push_back(CommandStep{"set -e\n" + script, {}, {}});
            msg += msg.empty() ? "" : " and ";
            msg += "ownership, perms or SE linux context changed";
            changed = true;
        }
    }
    decision.changed = changed;
    decision.result["changed"] = changed;
    decision.result["msg"] = msg;
    decision.result["backup"] = "";
    if (!changed) {
        decision.reason = msg.empty() ? "file " + options.path + " already as requested" : msg;
    }
    return {};
}

std::vector<std::string> split_keep_newlines(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto newline = text.find('\n', start);
        const std::size_t end = newline == std::string::npos ? text.size() : newline + 1;
        lines.push_back(text.substr(start, end - start));
        start = end;
    }
    return lines;
}

std::string expand_match(const regex::Match& match, const std::string& replacement)
{
    std::string out;
    auto group = [&](std::size_t index) {
        if (index < match.groups.size() && match.groups[index]) {
            out += *match.groups[index];
        }
    };
    for (std::size_t i = 0; i < replacement.size(); ++i) {
        const char c = replacement[i];
        if (c != '\\' || i + 1 >= replacement.size()) {
            out += c;
            continue;
        }
        const char next = replacement[++i];
        if (next >= '0' && next <= '9') {
            std::size_t index = static_cast<std::size_t>(next - '0');
            if (i + 1 < replacement.size() && replacement[i + 1] >= '0' && replacement[i + 1] <= '9') {
                index = index * 10 + static_cast<std::size_t>(replacement[++i] - '0');
            }
            group(index);
        } else if (next == 'g' && i + 1 < replacement.size() && replacement[i + 1] == '<') {
            const auto close = replacement.find('>', i);
            const std::string name = replacement.substr(i + 2, close == std::string::npos ? 0 : close - i - 2);
            i = close == std::string::npos ? replacement.size() : close;
            if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos) {
                group(std::strtoul(name.c_str(), nullptr, 10));
            } else {
                for (const auto& [key, index] : match.named) {
                    if (key == name) {
                        group(index);
                    }
                }
            }
        } else if (next == 'n') {
            out += '\n';
        } else if (next == 't') {
            out += '\t';
        } else if (next == 'r') {
            out += '\r';
        } else if (next == '\\') {
            out += '\\';
        } else {
            out += '\\';
            out += next;
        }
    }
    return out;
}

std::vector<std::string> TextEditModule::validate(const core::Value& args) const
{
    return Args(args, m_spec, file_common_args()).check();
}

core::Result<std::string> TextEditModule::probe(const core::Value& raw, const TaskContext& context) const
{
    (void)context;
    const Args args(raw, m_spec, file_common_args());
    SCSCTL_TRY(args.require_valid());
    return edit_probe(SCSCTL_TRY(args.str_or("path", "")));
}

core::Result<Decision> TextEditModule::decide(const core::Value& args, const StepResult& probe,
                                              const TaskContext& context) const
{
    (void)context;
    return m_decide(args, probe);
}

core::Value TextEditModule::finish(const Decision& decision, const std::vector<StepResult>& steps,
                                   const TaskContext& context) const
{
    core::Value out = Module::finish(decision, steps, context);
    add_write_keys(out, steps, m_backup_key);
    return out;
}

} // namespace scsctl::modules
