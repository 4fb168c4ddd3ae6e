// The lineinfile module: Ansible's present/absent line algorithm (regexp, search_string,
// insertafter/insertbefore with BOF/EOF, backrefs, firstmatch) run on the controller over
// the bytes the probe read; one upload when the text changes. Depends on text_edit, regex.
#include "modules/file_modules.hpp"
#include "modules/text_edit.hpp"

namespace scsctl::modules {

namespace {

const std::vector<ArgSpec> k_spec = {
    {"path", {"dest", "destfile", "name"}, true}, {"state"}, {"regexp", {"regex"}}, {"search_string"},
    {"line", {"value"}}, {"insertafter"}, {"insertbefore"}, {"backrefs"}, {"create"}, {"backup"},
    {"firstmatch"}, {"validate"}, {"others"},
};

struct LineRequest {
    std::string state;
    std::optional<std::string> regexp, search_string, line, insertafter, insertbefore;
    bool backrefs = false, create = false, firstmatch = false;
};

core::Error module_error(std::string msg)
{
    return core::Error{core::ErrorKind::failed, std::move(msg), {}};
}

core::Result<LineRequest> read_request(const Args& args)
{
    LineRequest request;
    request.state = SCSCTL_TRY(args.str_or("state", "present"));
    request.regexp = SCSCTL_TRY(args.str("regexp"));
    request.search_string = SCSCTL_TRY(args.str("search_string"));
    request.line = SCSCTL_TRY(args.str("line"));
    request.insertafter = SCSCTL_TRY(args.str("insertafter"));
    request.insertbefore = SCSCTL_TRY(args.str("insertbefore"));
    request.backrefs = SCSCTL_TRY(args.boolean("backrefs", false));
    request.create = SCSCTL_TRY(args.boolean("create", false));
    request.firstmatch = SCSCTL_TRY(args.boolean("firstmatch", false));
    if (request.state != "present" && request.state != "absent") {
        return core::fail(module_error("value of state must be one of: absent, present, got: " + request.state));
    }
    if (request.regexp && request.search_string) {
        return core::fail(module_error("parameters are mutually exclusive: regexp|search_string"));
    }
    if (request.insertafter && request.insertbefore) {
        return core::fail(module_error("parameters are mutually exclusive: insertbefore|insertafter"));
    }
    if (request.state == "present") {
        if (request.backrefs && !request.regexp) {
            return core::fail(module_error("regexp is required with backrefs=true"));
        }
        if (!request.line) {
            return core::fail(module_error("line is required with state=present"));
        }
    } else if (!request.regexp && !request.search_string && !request.line) {
        return core::fail(module_error("one of line, search_string, or regexp is required with state=absent"));
    }
    return request;
}

std::string strip_eol(const std::string& line)
{
    std::size_t end = line.size();
    while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
        --end;
    }
    return line.substr(0, end);
}

bool ends_with_eol(const std::vector<std::string>& lines)
{
    return lines.empty() || lines.back().ends_with('\n') || lines.back().ends_with('\r');
}

struct Scan {
    long found = -1;  ///< the line regexp/search_string/exact line matched
    long insert = -1; ///< where insertafter/insertbefore points
    std::optional<regex::Match> match;
    bool matched = false;
    bool exact = false;
};

core::Result<Scan> scan_lines(const LineRequest& request, const std::vector<std::string>& lines)
{
    Scan scan;
    std::optional<regex::PythonRegex> pattern;
    if (request.regexp) {
        pattern = SCSCTL_TRY(regex::PythonRegex::compile(*request.regexp));
    }
    for (std::size_t i = 0; i < lines.size() && (request.regexp || request.search_string); ++i) {
        bool hit = false;
        if (pattern) {
            auto match = SCSCTL_TRY(pattern->search(lines[i]));
            hit = match.has_value();
            if (hit) {
                scan.match = std::move(match);
            }
        } else {
            hit = lines[i].find(*request.search_string) != std::string::npos;
        }
        if (hit) {
            scan.found = static_cast<long>(i);
            scan.matched = true;
            if (request.firstmatch) {
                break;
            }
        }
    }
    if (scan.matched) {
        return scan;
    }
    const auto& anchor = request.insertafter ? request.insertafter : request.insertbefore;
    std::optional<regex::PythonRegex> insert_pattern;
    if (anchor && *anchor != "BOF" && *anchor != "EOF") {
        insert_pattern = SCSCTL_TRY(regex::PythonRegex::compile(*anchor));
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (strip_eol(lines[i]) == *request.line) {
            scan.found = static_cast<long>(i);
            scan.exact = true;
        } else if (insert_pattern && SCSCTL_TRY(insert_pattern->search(lines[i])).has_value()) {
            scan.insert = static_cast<long>(request.insertafter ? i + 1 : i);
            if (request.firstmatch) {
                break;
            }
        }
    }
    return scan;
}

/// Ansible's present(): returns msg ("" when nothing changes) and edits `lines`.
core::Result<std::string> present(const LineRequest& request, std::vector<std::string>& lines)
{
    const Scan scan = SCSCTL_TRY(scan_lines(request, lines));
    const std::string& line = *request.line;
    if (scan.found != -1) {
        std::string replacement = request.backrefs && scan.match ? expand_match(*scan.match, line) : line;
        if (!replacement.ends_with('\n')) {
            replacement += '\n';
        }
        if (lines[static_cast<std::size_t>(scan.found)] != replacement) {
            lines[static_cast<std::size_t>(scan.found)] = replacement;
            return std::string("line replaced");
        }
        return std::string();
    }
    if (request.backrefs) {
        return std::string();
    }
    if (request.insertbefore == "BOF" || request.insertafter == "BOF") {
        lines.insert(lines.begin(), line + "\n");
        return std::string("line added");
    }
    if (request.insertafter == "EOF" || scan.insert == -1) {
        if (!ends_with_eol(lines)) {
            lines.push_back("\n");
        }
        lines.push_back(line + "\n");
        return std::string("line added");
    }
    const auto at = static_cast<std::size_t>(scan.insert);
    if (request.insertafter) {
        if (at == lines.size()) {
            if (strip_eol(lines[at - 1]) != line) {
                lines.push_back(line + "\n");
                return std::string("line added");
            }
            return std::string();
        }
        if (strip_eol(lines[at]) != line) {
            lines.insert(lines.begin() + static_cast<long>(at), line + "\n");
            return std::string("line added");
        }
        return std::string();
    }
    lines.insert(lines.begin() + static_cast<long>(at), line + "\n");
    return std::string("line added");
}

/// Ansible's absent(): removes every matching line; returns how many.
core::Result<std::size_t> absent(const LineRequest& request, std::vector<std::string>& lines)
{
    std::optional<regex::PythonRegex> pattern;
    if (request.regexp) {
        pattern = SCSCTL_TRY(regex::PythonRegex::compile(*request.regexp));
    }
    std::vector<std::string> kept;
    std::size_t found = 0;
    for (const auto& line : lines) {
        bool hit = false;
        if (pattern) {
            hit = SCSCTL_TRY(pattern->search(line)).has_value();
        } else if (request.search_string) {
            hit = line.find(*request.search_string) != std::string::npos;
        } else {
            hit = strip_eol(line) == *request.line;
        }
        found += hit ? 1 : 0;
        if (!hit) {
            kept.push_back(line);
        }
    }
    lines = std::move(kept);
    return found;
}

std::string join_lines(const std::vector<std::string>& lines)
{
    std::string out;
    for (const auto& line : lines) {
        out += line;
    }
    return out;
}

core::Result<Decision> decide_lineinfile(const core::Value& raw, const StepResult& probe)
{
    const Args args(raw, k_spec, file_common_args());
    SCSCTL_TRY(args.require_valid());
    const LineRequest request = SCSCTL_TRY(read_request(args));
    const std::string path = SCSCTL_TRY(args.str_or("path", ""));
    const EditOptions options = SCSCTL_TRY(read_edit_options(args, path));
    const EditTarget target = SCSCTL_TRY(read_edit_probe(probe, options.path));
    Decision decision;
    if (target.state && target.state->type == FileType::directory) {
        decision.failed = true;
        decision.result["rc"] = 256;
        decision.result["msg"] = "Destination " + options.path + " is a directory !";
        return decision;
    }
    std::vector<std::string> lines = split_keep_newlines(target.content);
    if (request.state == "absent") {
        if (!target.state) {
            decision.result["msg"] = "file not present";
            decision.reason = "file not present";
            return decision;
        }
        const std::size_t found = SCSCTL_TRY(absent(request, lines));
        decision.result["found"] = found;
        SCSCTL_TRY(finish_edit(decision, options, target, join_lines(lines), found > 0,
                               found > 0 ? std::to_string(found) + " line(s) removed" : ""));
        return decision;
    }
    if (!target.state && !request.create) {
        decision.failed = true;
        decision.result["rc"] = 257;
        decision.result["msg"] = "Destination " + options.path + " does not exist !";
        return decision;
    }
    const std::string msg = SCSCTL_TRY(present(request, lines));
    SCSCTL_TRY(finish_edit(decision, options, target, join_lines(lines), !msg.empty(), msg));
    return decision;
}


} // namespace

const Module* lineinfile_module()
{
    static const TextEditModule k_module("lineinfile", k_spec, decide_lineinfile, "backup");
    return &k_module;
}

} // namespace scsctl::modules
