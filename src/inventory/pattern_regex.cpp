// PCRE2 wrapper for host patterns: compile with Python-like options, match with limits.
// Must not depend on the inventory model.
#define PCRE2_CODE_UNIT_WIDTH 8
#include "inventory/pattern_regex.hpp"

#include <pcre2.h>

namespace scsctl::inventory {

namespace {

/// Backtracking steps allowed per subject; host names are short, so honest patterns
/// stay far below this while catastrophic ones stop quickly.
constexpr std::uint32_t k_match_limit = 200'000;
constexpr std::uint32_t k_depth_limit = 10'000;

core::Error usage(std::string message)
{
    return core::Error{core::ErrorKind::usage, std::move(message), {}};
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

/// Rewrites the few Python `re` spellings PCRE2 reads differently: `\Z` (absolute end in
/// Python) becomes `\z`, and `[` inside a class is made literal, as Python treats it.
std::string pythonic(std::string_view pattern)
{
    std::string out;
    out.reserve(pattern.size() + 8);
    bool in_class = false;
    std::size_t class_start = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\\' && i + 1 < pattern.size()) {
            const char next = pattern[++i];
            out += '\\';
            out += (!in_class && next == 'Z') ? 'z' : next;
            continue;
        }
        if (!in_class) {
            if (c == '[') {
                in_class = true;
                class_start = i + 1;
                if (class_start < pattern.size() && pattern[class_start] == '^') {
                    ++class_start;
                }
            }
            out += c;
            continue;
        }
        if (c == ']' && i != class_start) {
            in_class = false;
        }
        out += (c == '[') ? std::string("\\[") : std::string(1, c);
    }
    return out;
}

} // namespace

struct PatternRegex::Compiled {
    pcre2_code* code = nullptr;
    pcre2_match_context* context = nullptr;

    Compiled() = default;
    Compiled(const Compiled&) = delete;
    Compiled& operator=(const Compiled&) = delete;
    ~Compiled()
    {
        pcre2_match_context_free(context);
        pcre2_code_free(code);
    }
};

PatternRegex::PatternRegex(std::shared_ptr<const Compiled> compiled) : m_compiled(std::move(compiled)) {}

core::Result<PatternRegex> PatternRegex::compile(std::string_view pattern, std::uint32_t options)
{
    std::uint32_t flags = PCRE2_ANCHORED | PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_ALT_BSUX;
    if ((options & k_caseless) != 0) {
        flags |= PCRE2_CASELESS;
    }
    if ((options & k_extended) != 0) {
        flags |= PCRE2_EXTENDED;
    }
    const std::string source = pythonic(pattern);
    pcre2_compile_context* compile_context = pcre2_compile_context_create(nullptr);
    if (compile_context == nullptr) {
        return core::fail(usage("out of memory compiling a regular expression"));
    }
    pcre2_set_newline(compile_context, PCRE2_NEWLINE_LF);
    int error_code = 0;
    PCRE2_SIZE error_offset = 0;
    auto compiled = std::make_shared<Compiled>();
    compiled->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(source.data()), source.size(), flags, &error_code,
                                   &error_offset, compile_context);
    pcre2_compile_context_free(compile_context);
    if (compiled->code == nullptr) {
        return core::fail(usage(pcre2_message(error_code) + " at offset " + std::to_string(error_offset)));
    }
    (void)pcre2_jit_compile(compiled->code, PCRE2_JIT_COMPLETE); // falls back to the interpreter
    compiled->context = pcre2_match_context_create(nullptr);
    if (compiled->context == nullptr) {
        return core::fail(usage("out of memory compiling a regular expression"));
    }
    pcre2_set_match_limit(compiled->context, k_match_limit);
    pcre2_set_depth_limit(compiled->context, k_depth_limit);
    return PatternRegex(std::move(compiled));
}

core::Result<int> PatternRegex::run(std::string_view subject, std::string* first_group) const
{
    pcre2_match_data* data = pcre2_match_data_create_from_pattern(m_compiled->code, nullptr);
    if (data == nullptr) {
        return core::fail(usage("out of memory matching a regular expression"));
    }
    const int rc = pcre2_match(m_compiled->code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0, 0,
                               data, m_compiled->context);
    if (rc > 1 && first_group != nullptr) {
        const PCRE2_SIZE* offsets = pcre2_get_ovector_pointer(data);
        if (offsets[2] != PCRE2_UNSET) {
            *first_group = std::string(subject.substr(offsets[2], offsets[3] - offsets[2]));
        }
    }
    pcre2_match_data_free(data);
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT) {
        return core::fail(usage("regular expression is too expensive to evaluate (match limit reached)"));
    }
    if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) {
        return core::fail(usage("regular expression failed: " + pcre2_message(rc)));
    }
    return rc;
}

core::Result<bool> PatternRegex::match(std::string_view subject) const
{
    const int rc = SCSCTL_TRY(run(subject, nullptr));
    return rc >= 0;
}

core::Result<std::optional<std::string>> PatternRegex::capture(std::string_view subject) const
{
    std::string group;
    const int rc = SCSCTL_TRY(run(subject, &group));
    if (rc < 0) {
        return std::optional<std::string>();
    }
    return std::optional<std::string>(std::move(group));
}

} // namespace scsctl::inventory
