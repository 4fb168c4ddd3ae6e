// PythonRegex over PCRE2 (UTF-8, Unicode properties): compile, the match family, findall
// and sub with Python 3.7+ empty-match rules. Depends on core, PCRE2 and translate.hpp.
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex/python_regex.hpp"

#include <pcre2.h>

#include "regex/translate.hpp"

namespace scsctl::regex {

namespace {

/// Backtracking budget per match: generous for file contents, yet a catastrophic
/// pattern stops in well under a second.
constexpr std::uint32_t k_match_limit = 5'000'000;
constexpr std::uint32_t k_depth_limit = 100'000;

core::Error failure(std::string message)
{
    return core::Error{core::ErrorKind::failed, std::move(message), {}};
}

std::string pcre2_message(int code)
{
    PCRE2_UCHAR buffer[256];
    const int length = pcre2_get_error_message(code, buffer, sizeof buffer);
    if (length < 0) {
        return "unknown pcre2 error " + std::to_string(code);
    }
    return std::string(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

std::size_t next_char(std::string_view subject, std::size_t at)
{
    ++at;
    while (at < subject.size() && (static_cast<unsigned char>(subject[at]) & 0xC0) == 0x80) {
        ++at;
    }
    return at;
}

} // namespace

struct PythonRegex::Compiled {
    pcre2_code* code = nullptr;
    pcre2_match_context* context = nullptr;
    std::size_t groups = 0;
    std::vector<std::pair<std::string, std::size_t>> named;

    Compiled() = default;
    Compiled(const Compiled&) = delete;
    Compiled& operator=(const Compiled&) = delete;
    ~Compiled()
    {
        pcre2_match_context_free(context);
        pcre2_code_free(code);
    }
};

PythonRegex::PythonRegex(std::shared_ptr<const Compiled> compiled) : m_compiled(std::move(compiled)) {}

namespace {

std::uint32_t compile_options(const Flags& flags)
{
    std::uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
    if (flags.ignorecase) {
        options |= PCRE2_CASELESS;
    }
    if (flags.multiline) {
        options |= PCRE2_MULTILINE;
    }
    if (flags.dotall) {
        options |= PCRE2_DOTALL;
    }
    if (flags.verbose) {
        options |= PCRE2_EXTENDED;
    }
    return options;
}

std::vector<std::pair<std::string, std::size_t>> name_table(const pcre2_code* code)
{
    std::uint32_t count = 0;
    std::uint32_t entry_size = 0;
    PCRE2_SPTR table = nullptr;
    pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
    pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
    pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
    std::vector<std::pair<std::string, std::size_t>> names;
    for (std::uint32_t i = 0; i < count; ++i) {
        const PCRE2_SPTR entry = table + static_cast<std::size_t>(i) * entry_size;
        const std::size_t number = (static_cast<std::size_t>(entry[0]) << 8) | entry[1];
        names.emplace_back(std::string(reinterpret_cast<const char*>(entry + 2)), number);
    }
    return names;
}

} // namespace

core::Result<PythonRegex> PythonRegex::compile(std::string_view pattern, Flags flags)
{
    const std::string source = SCSCTL_TRY(translate_pattern(pattern));
    pcre2_compile_context* compile_context = pcre2_compile_context_create(nullptr);
    if (compile_context == nullptr) {
        return core::fail(failure("out of memory compiling a regular expression"));
    }
    pcre2_set_newline(compile_context, PCRE2_NEWLINE_LF);
    int error_code = 0;
    PCRE2_SIZE error_offset = 0;
    auto compiled = std::make_shared<Compiled>();
    compiled->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(source.data()), source.size(), compile_options(flags),
                                   &error_code, &error_offset, compile_context);
    pcre2_compile_context_free(compile_context);
    if (compiled->code == nullptr) {
        return core::fail(failure("invalid regular expression '" + std::string(pattern) +
                                  "': " + pcre2_message(error_code) + " at offset " + std::to_string(error_offset)));
    }
    (void)pcre2_jit_compile(compiled->code, PCRE2_JIT_COMPLETE); // falls back to the interpreter
    compiled->context = pcre2_match_context_create(nullptr);
    if (compiled->context == nullptr) {
        return core::fail(failure("out of memory compiling a regular expression"));
    }
    pcre2_set_match_limit(compiled->context, k_match_limit);
    pcre2_set_depth_limit(compiled->context, k_depth_limit);
    std::uint32_t captures = 0;
    pcre2_pattern_info(compiled->code, PCRE2_INFO_CAPTURECOUNT, &captures);
    compiled->groups = captures;
    compiled->named = name_table(compiled->code);
    return PythonRegex(std::move(compiled));
}

std::size_t PythonRegex::group_count() const
{
    return m_compiled->groups;
}

namespace {

struct MatchData {
    pcre2_match_data* data = nullptr;
    explicit MatchData(const pcre2_code* code) : data(pcre2_match_data_create_from_pattern(code, nullptr)) {}
    MatchData(const MatchData&) = delete;
    MatchData& operator=(const MatchData&) = delete;
    ~MatchData() { pcre2_match_data_free(data); }
};

} // namespace

/// One pcre2_match call turned into a Match (or nullopt); `options` are PCRE2 match
/// options (anchoring, not-empty). The end-anchored fullmatch uses PCRE2_ENDANCHORED.
static core::Result<std::optional<Match>> run_match(const pcre2_code* code, pcre2_match_context* context,
                                                    std::size_t groups,
                                                    const std::vector<std::pair<std::string, std::size_t>>& named,
                                                    std::string_view subject, std::size_t from, std::uint32_t options)
{
    MatchData match_data(code);
    if (match_data.data == nullptr) {
        return core::fail(failure("out of memory matching a regular expression"));
    }
    const int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), from, options,
                               match_data.data, context);
    if (rc == PCRE2_ERROR_NOMATCH) {
        return std::optional<Match>();
    }
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT) {
        return core::fail(failure("regular expression is too expensive to evaluate (match limit reached)"));
    }
    if (rc < 0) {
        return core::fail(failure("regular expression failed: " + pcre2_message(rc)));
    }
    const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(match_data.data);
    Match match;
    match.start = ovector[0];
    match.end = ovector[1];
    match.named = named;
    for (std::size_t g = 0; g <= groups; ++g) {
        if (g < static_cast<std::size_t>(rc) && ovector[2 * g] != PCRE2_UNSET) {
            match.groups.emplace_back(std::string(subject.substr(ovector[2 * g], ovector[2 * g + 1] - ovector[2 * g])));
        } else {
            match.groups.emplace_back(std::nullopt);
        }
    }
    return std::optional<Match>(std::move(match));
}

core::Result<std::optional<Match>> PythonRegex::search(std::string_view subject, std::size_t from) const
{
    if (from > subject.size()) {
        return std::optional<Match>();
    }
    const Compiled& c = *m_compiled;
    return run_match(c.code, c.context, c.groups, c.named, subject, from, 0);
}

core::Result<std::optional<Match>> PythonRegex::match(std::string_view subject) const
{
    const Compiled& c = *m_compiled;
    return run_match(c.code, c.context, c.groups, c.named, subject, 0, PCRE2_ANCHORED);
}

core::Result<std::optional<Match>> PythonRegex::fullmatch(std::string_view subject) const
{
    const Compiled& c = *m_compiled;
    return run_match(c.code, c.context, c.groups, c.named, subject, 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED);
}

/// Python 3.7+ iteration: after an empty match at p the next match may not be empty at p;
/// after a non-empty match ending at p an empty match at p is allowed.
core::Result<std::vector<Match>> PythonRegex::find_all(std::string_view subject) const
{
    const Compiled& c = *m_compiled;
    std::vector<Match> matches;
    std::size_t pos = 0;
    bool last_empty = false;
    while (pos <= subject.size()) {
        std::optional<Match> found;
        if (last_empty) {
            found = SCSCTL_TRY(
                run_match(c.code, c.context, c.groups, c.named, subject, pos, PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED));
            if (!found) {
                pos = next_char(subject, pos);
                last_empty = false;
                if (pos > subject.size()) {
                    break;
                }
                found = SCSCTL_TRY(run_match(c.code, c.context, c.groups, c.named, subject, pos, 0));
            }
        } else {
            found = SCSCTL_TRY(run_match(c.code, c.context, c.groups, c.named, subject, pos, 0));
        }
        if (!found) {
            break;
        }
        last_empty = found->start == found->end;
        pos = found->end;
        matches.push_back(std::move(*found));
    }
    return matches;
}

namespace {

core::Result<std::size_t> resolve_group(const GroupRef& ref, const Match& match, std::size_t groups)
{
    if (ref.name.empty()) {
        if (ref.number > groups) {
            return core::fail(failure("invalid group reference " + std::to_string(ref.number)));
        }
        return ref.number;
    }
    for (const auto& [name, number] : match.named) {
        if (name == ref.name) {
            return number;
        }
    }
    return core::fail(failure("unknown group name '" + ref.name + "'"));
}

} // namespace

core::Result<std::string> PythonRegex::sub(std::string_view replacement, std::string_view subject, std::size_t count,
                                           std::size_t* replaced) const
{
    const std::vector<ReplacementPart> parts = SCSCTL_TRY(parse_replacement(replacement));
    Match probe; // Python rejects bad group references even when nothing matches
    probe.named = m_compiled->named;
    for (const ReplacementPart& part : parts) {
        if (const auto* ref = std::get_if<GroupRef>(&part)) {
            (void)SCSCTL_TRY(resolve_group(*ref, probe, m_compiled->groups));
        }
    }
    const std::vector<Match> matches = SCSCTL_TRY(find_all(subject));
    std::string out;
    std::size_t last = 0;
    std::size_t done = 0;
    for (const Match& match : matches) {
        if (count != 0 && done == count) {
            break;
        }
        out.append(subject.substr(last, match.start - last));
        for (const ReplacementPart& part : parts) {
            if (const auto* text = std::get_if<std::string>(&part)) {
                out += *text;
                continue;
            }
            const std::size_t group = SCSCTL_TRY(resolve_group(std::get<GroupRef>(part), match, m_compiled->groups));
            if (match.groups[group]) {
                out += *match.groups[group];
            }
        }
        last = match.end;
        ++done;
    }
    out.append(subject.substr(last));
    if (replaced != nullptr) {
        *replaced = done;
    }
    return out;
}

} // namespace scsctl::regex
