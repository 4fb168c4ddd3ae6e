// The blockinfile module: a marked block inserted, replaced or removed on the controller
// over the bytes the probe read; one upload when the text changes. Depends on text_edit.
#include "modules/file_modules.hpp"
#include "modules/text_edit.hpp"

namespace scsctl::modules {

namespace {

const std::vector<ArgSpec> k_spec = {
    {"path", {"dest", "destfile", "name"}, true}, {"state"}, {"marker"}, {"block", {"content"}},
    {"insertafter"}, {"insertbefore"}, {"create"}, {"backup"}, {"marker_begin"}, {"marker_end"}, {"validate"},
};

std::string strip_eol(std::string line)
{
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.pop_back();
    }
    return line;
}

std::string replace_mark(std::string marker, const std::string& mark)
{
    const auto at = marker.find("{mark}");
    if (at != std::string::npos) {
        marker.replace(at, 6, mark);
    }
    return marker;
}

/// Where a new block goes when no markers are in the file.
core::Result<std::size_t> insert_position(const Args& args, const std::vector<std::string>& lines)
{
    const auto after = SCSCTL_TRY(args.str("insertafter"));
    const auto before = SCSCTL_TRY(args.str("insertbefore"));
    if (before && *before == "BOF") {
        return std::size_t{0};
    }
    const auto& anchor = before ? before : after;
    if (!anchor || *anchor == "EOF") {
        return lines.size();
    }
    const auto pattern = SCSCTL_TRY(regex::PythonRegex::compile(*anchor));
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (SCSCTL_TRY(pattern.search(lines[i])).has_value()) {
            found = i;
        }
    }
    if (!found) {
        return lines.size();
    }
    return before ? *found : *found + 1;
}

/// The text with the block between `begin` and `end` replaced by `block` (removed when "").
core::Result<std::string> splice_block(const Args& args, const std::string& content, const std::string& begin,
                                       const std::string& end, const std::string& block)
{
    const bool present = !block.empty();
    std::vector<std::string> lines = split_keep_newlines(content);
    std::optional<std::size_t> n0, n1;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string bare = strip_eol(lines[i]);
        n0 = bare == begin ? std::optional<std::size_t>(i) : n0;
        n1 = bare == end ? std::optional<std::size_t>(i) : n1;
    }
    std::size_t at = 0;
    if (!n0 || !n1) {
        at = SCSCTL_TRY(insert_position(args, lines));
    } else {
        const std::size_t first = std::min(*n0, *n1);
        lines.erase(lines.begin() + static_cast<long>(first), lines.begin() + static_cast<long>(std::max(*n0, *n1) + 1));
        at = first;
    }
    if (present && at > 0 && !lines[at - 1].ends_with('\n')) {
        lines[at - 1] += '\n';
    }
    std::vector<std::string> inserted;
    if (present) {
        inserted.push_back(begin + "\n");
        for (auto& line : split_keep_newlines(block)) {
            inserted.push_back(strip_eol(line) + "\n");
        }
        inserted.push_back(end + "\n");
    }
    lines.insert(lines.begin() + static_cast<long>(at), inserted.begin(), inserted.end());
    std::string after;
    for (const auto& line : lines) {
        after += line;
    }
    return after;
}

core::Result<Decision> decide_block(const core::Value& raw, const StepResult& probe)
{
    const Args args(raw, k_spec, file_common_args());
    SCSCTL_TRY(args.require_valid());
    const std::string path = SCSCTL_TRY(args.str_or("path", ""));
    const EditOptions options = SCSCTL_TRY(read_edit_options(args, path));
    const EditTarget target = SCSCTL_TRY(read_edit_probe(probe, options.path));
    const std::string block = SCSCTL_TRY(args.str_or("block", ""));
    const bool present = SCSCTL_TRY(args.str_or("state", "present")) == "present" && !block.empty();
    const std::string marker = SCSCTL_TRY(args.str_or("marker", "# {mark} ANSIBLE MANAGED BLOCK"));
    const std::string begin = replace_mark(marker, SCSCTL_TRY(args.str_or("marker_begin", "BEGIN")));
    const std::string end = replace_mark(marker, SCSCTL_TRY(args.str_or("marker_end", "END")));
    Decision decision;
    if (target.state && target.state->type == FileType::directory) {
        decision.failed = true;
        decision.result["rc"] = 256;
        decision.result["msg"] = "Path " + options.path + " is a directory !";
        return decision;
    }
    if (!target.state) {
        if (!present) {
            decision.result["msg"] = "File " + options.path + " not present";
            decision.reason = decision.result["msg"].get<std::string>();
            return decision;
        }
        if (!SCSCTL_TRY(args.boolean("create", false))) {
            decision.failed = true;
            decision.result["rc"] = 257;
            decision.result["msg"] = "Path " + options.path + " does not exist !";
            return decision;
        }
    }
    const std::string after = SCSCTL_TRY(splice_block(args, target.content, begin, end, present ? block : ""));
    const bool changed = after != target.content;
    const std::string msg = !changed ? "" : !target.state ? "File created" : present ? "Block inserted" : "Block removed";
    SCSCTL_TRY(finish_edit(decision, options, target, after, changed, msg));
    decision.result.erase("backup");
    return decision;
}


} // namespace

const Module* blockinfile_module()
{
    static const TextEditModule k_module("blockinfile", k_spec, decide_block, "backup_file");
    return &k_module;
}

} // namespace scsctl::modules
