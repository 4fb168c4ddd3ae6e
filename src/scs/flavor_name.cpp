// The scs-0100 name parsers (v1 and v2/v3 syntax), hand-written. Each component is matched
// as the reference checker's regular expression matches it (greedy, anchored at the current
// position, optional components skipped when they do not match), then its fields are
// converted and checked in the reference's order, so the first failing field gives the same
// message. Depends on the standard library and the scs tables only.
#include "scs/flavor_name.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "scs/flavor_tables.hpp"
#include "scs/python_text.hpp"

namespace scsctl::scs {

Natural Natural::from_digits(std::string_view digits)
{
    const auto first = digits.find_first_not_of('0');
    Natural number;
    number.m_digits = first == std::string_view::npos ? "0" : std::string(digits.substr(first));
    return number;
}

std::optional<std::uint64_t> Natural::to_u64() const
{
    std::uint64_t value = 0;
    const auto* end = m_digits.data() + m_digits.size();
    const auto result = std::from_chars(m_digits.data(), end, value);
    if (result.ec != std::errc() || result.ptr != end) {
        return std::nullopt;
    }
    return value;
}

namespace {

using Failure = std::unexpected<ParseError>;

Failure fail(std::string reason, bool crashes = false)
{
    return Failure(ParseError{std::move(reason), crashes});
}

/// The delimiters that tell the syntaxes apart: v1 `SCS-2V:4:10-kvm`, v2 `SCS-2V-4-10_kvm`.
struct Delimiters {
    char main; ///< before RAM and disk, and before GPU compute units and VRAM
    char ext;  ///< before each extension
};

constexpr Delimiters delimiters(Syntax syntax)
{
    return syntax == Syntax::v1 ? Delimiters{':', '-'} : Delimiters{'-', '_'};
}

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/// The position in the name, moved forward as components match.
struct Cursor {
    std::string_view text;
    std::size_t pos = 0;

    bool at(char c) const { return pos < text.size() && text[pos] == c; }
    bool accept(char c)
    {
        if (!at(c)) {
            return false;
        }
        ++pos;
        return true;
    }
    bool accept(std::string_view word)
    {
        if (text.substr(pos).substr(0, word.size()) != word) {
            return false;
        }
        pos += word.size();
        return true;
    }
    template <typename Pred>
    std::string_view span_while(Pred pred)
    {
        const std::size_t start = pos;
        while (pos < text.size() && pred(text[pos])) {
            ++pos;
        }
        return text.substr(start, pos - start);
    }
    std::string_view digits() { return span_while(is_digit); }
    std::string_view hs() { return span_while([](char c) { return c == 'h'; }); }
    /// Python's `$` without MULTILINE: the end, or a final newline.
    bool at_dollar() const { return pos == text.size() || (pos + 1 == text.size() && text[pos] == '\n'); }
};

/// int(group) if group else default: none for an empty group; CPython's digit limit applies.
std::expected<std::optional<Natural>, ParseError> to_int(std::string_view group)
{
    if (group.empty()) {
        return std::nullopt;
    }
    if (group.size() > k_python_int_max_digits) {
        return fail(python_int_limit_message(group.size()));
    }
    return Natural::from_digits(group);
}

/// IntCheck: a positive integer (none passes only when `optional`).
std::expected<void, ParseError> check_positive(std::string_view attr, const std::optional<Natural>& value,
                                               bool optional)
{
    if (!value && optional) {
        return {};
    }
    if (!value || value->is_zero()) {
        return fail(std::string(attr) + " can not be set to " + (value ? "0" : "None") + "; must be positive integer");
    }
    return {};
}

std::string tuple_of_strings(std::span<const std::string_view> keys)
{
    std::string out = "(";
    for (std::size_t i = 0; i < keys.size(); ++i) {
        out += (i ? ", " : "") + python_str_repr(keys[i]);
    }
    return out + ")";
}

std::expected<void, ParseError> check_table(std::string_view attr, std::string_view value,
                                            std::span<const std::string_view> keys)
{
    if (std::find(keys.begin(), keys.end(), value) != keys.end()) {
        return {};
    }
    return fail(std::string(attr) + " can not be set to " + python_str_repr(value) + "; must be one of " +
                tuple_of_strings(keys));
}

/// float(group): Python's syntax over [0-9.]*, correctly rounded, inf past the double range.
std::expected<double, ParseError> to_float(std::string_view group)
{
    const auto dots = std::count(group.begin(), group.end(), '.');
    if (dots > 1 || static_cast<std::size_t>(dots) == group.size()) {
        return fail("could not convert string to float: " + python_str_repr(group));
    }
    double value = 0;
    const auto result = std::from_chars(group.data(), group.data() + group.size(), value);
    if (result.ec == std::errc::result_out_of_range) {
        value = std::strtod(std::string(group).c_str(), nullptr); // HUGE_VAL, 0 or a subnormal
    }
    return value;
}

/// FloatCheck: a positive multiple of 0.5. The reference computes int(2 * value) and dies
/// with OverflowError where 2 * value is infinite; scsctl fails the name instead.
std::expected<void, ParseError> check_half(std::string_view attr, double value)
{
    const std::string prefix = std::string(attr) + " can not be set to " + python_float_repr(value);
    if (value <= 0) {
        return fail(prefix + "; must be positive multiple of 0.5");
    }
    if (std::isinf(2 * value)) {
        return fail(prefix + "; too large", true);
    }
    if (std::trunc(2 * value) != 2 * value) {
        return fail(prefix + "; must be positive multiple of 0.5");
    }
    return {};
}

#define SCS_CHECK(expr)                                                                                                \
    do {                                                                                                               \
        if (auto scs_check_ = (expr); !scs_check_) {                                                                   \
            return Failure(std::move(scs_check_).error());                                                             \
        }                                                                                                              \
    } while (false)

#define SCS_VALUE(target, expr)                                                                                        \
    do {                                                                                                               \
        auto scs_value_ = (expr);                                                                                      \
        if (!scs_value_) {                                                                                             \
            return Failure(std::move(scs_value_).error());                                                             \
        }                                                                                                              \
        target = std::move(*scs_value_);                                                                               \
    } while (false)

/// `N[LVTC][i]<main>R[u][o]`; no value when it does not match.
std::expected<std::optional<CpuRam>, ParseError> parse_cpu_ram(Cursor& cur, Delimiters delim)
{
    Cursor probe = cur;
    const auto cpus = probe.digits();
    if (probe.pos >= probe.text.size() || !find_key(cpu_types(), probe.text.substr(probe.pos, 1))) {
        return std::nullopt;
    }
    CpuRam part;
    part.cpu_type = probe.text[probe.pos++];
    part.cpu_insecure = probe.accept('i');
    if (!probe.accept(delim.main)) {
        // (i|) backtracks to the empty branch, which needs the delimiter at the `i`: no match.
        return std::nullopt;
    }
    const auto ram = probe.span_while([](char c) { return is_digit(c) || c == '.'; });
    part.ram_no_ecc = probe.accept('u');
    part.ram_oversubscribed = probe.accept('o');
    cur = probe;

    std::optional<Natural> count;
    SCS_VALUE(count, to_int(cpus));
    SCS_CHECK(check_positive("cpus", count, false));
    part.cpus = *count;
    SCS_VALUE(part.ram_gib, to_float(ram));
    SCS_CHECK(check_half("ram", part.ram_gib));
    return part;
}

/// `<main>[[M]x][N][nhsp]`.
std::expected<std::optional<Disk>, ParseError> parse_disk(Cursor& cur, Delimiters delim)
{
    if (!cur.accept(delim.main)) {
        return std::nullopt;
    }
    Cursor multiplier = cur;
    std::string_view count_group;
    const auto digits = multiplier.digits();
    if (multiplier.accept('x')) {
        count_group = digits;
        cur = multiplier;
    }
    const auto size_group = cur.digits();
    Disk part;
    if (cur.pos < cur.text.size() && find_key(disk_types(), cur.text.substr(cur.pos, 1))) {
        part.type = cur.text[cur.pos++];
    }
    std::optional<Natural> count;
    SCS_VALUE(count, to_int(count_group));
    part.count = count.value_or(Natural::of(1));
    SCS_CHECK(check_positive("nrdisks", part.count, false));
    SCS_VALUE(part.size_gb, to_int(size_group));
    SCS_CHECK(check_positive("disksize", part.size_gb, true));
    return part;
}

std::optional<std::string> parse_hypervisor(Cursor& cur, Delimiters delim)
{
    Cursor probe = cur;
    if (!probe.accept(delim.ext)) {
        return std::nullopt;
    }
    for (const auto& code : hypervisors()) {
        if (probe.accept(code.key)) {
            cur = probe;
            return std::string(code.key);
        }
    }
    return std::nullopt;
}

bool parse_flag(Cursor& cur, Delimiters delim, std::string_view word)
{
    Cursor probe = cur;
    if (probe.accept(delim.ext) && probe.accept(word)) {
        cur = probe;
        return true;
    }
    return false;
}

/// `<ext>[izar]N*h*` followed by the end (Python's `$`) or the next extension.
std::expected<std::optional<CpuBrand>, ParseError> parse_cpu_brand(Cursor& cur, Delimiters delim)
{
    Cursor probe = cur;
    if (!probe.accept(delim.ext) || probe.pos >= probe.text.size() ||
        !find_key(cpu_vendors(), probe.text.substr(probe.pos, 1))) {
        return std::nullopt;
    }
    CpuBrand part;
    part.vendor = probe.text[probe.pos++];
    const auto generation = probe.digits();
    part.frequency = std::string(probe.hs());
    // Giving back digits or h's cannot help: the lookahead would then face a digit or an h.
    if (!probe.at_dollar() && !probe.at(delim.ext)) {
        return std::nullopt;
    }
    cur = probe;
    SCS_VALUE(part.generation, to_int(generation));
    const int max = *max_cpu_generation(part.vendor);
    const auto value = part.generation ? part.generation->to_u64() : std::optional<std::uint64_t>(0);
    if (!value || *value > static_cast<std::uint64_t>(max)) {
        std::string allowed = "(None";
        for (int gen = 0; gen <= max; ++gen) {
            allowed += ", " + std::to_string(gen);
        }
        return fail("cpugen can not be set to " + part.generation->str() + "; must be one of " + allowed + ")");
    }
    SCS_CHECK(check_table("perf", part.frequency, cpu_frequencies()));
    return part;
}

/// `<main>N+` when present: the group, or an empty view when the option did not match.
std::string_view optional_number(Cursor& cur, Delimiters delim)
{
    Cursor probe = cur;
    if (!probe.accept(delim.main)) {
        return {};
    }
    const auto digits = probe.digits();
    if (digits.empty()) {
        return {};
    }
    cur = probe;
    return digits;
}

/// `<ext>[gG][NAI][^<main>h]*(<main>N+)?h*(<main>N+)?h*`.
std::expected<std::optional<Gpu>, ParseError> parse_gpu(Cursor& cur, Delimiters delim)
{
    Cursor probe = cur;
    if (!probe.accept(delim.ext) || probe.pos + 1 >= probe.text.size() ||
        !find_key(gpu_types(), probe.text.substr(probe.pos, 1)) ||
        !find_key(gpu_vendors(), probe.text.substr(probe.pos + 1, 1))) {
        return std::nullopt;
    }
    Gpu part;
    part.type = probe.text[probe.pos++];
    part.vendor = probe.text[probe.pos++];
    part.generation = std::string(probe.span_while([&](char c) { return c != delim.main && c != 'h'; }));
    const auto compute_units = optional_number(probe, delim);
    part.frequency = std::string(probe.hs());
    const auto vram = optional_number(probe, delim);
    part.bandwidth = std::string(probe.hs());
    cur = probe;
    SCS_CHECK(check_table("gen", part.generation, gpu_generations(part.vendor)));
    SCS_VALUE(part.compute_units, to_int(compute_units));
    SCS_CHECK(check_positive("cu", part.compute_units, true));
    SCS_CHECK(check_table("perf", part.frequency, gpu_frequencies()));
    SCS_VALUE(part.vram_gib, to_int(vram));
    SCS_CHECK(check_positive("vram", part.vram_gib, true));
    SCS_CHECK(check_table("vramperf", part.bandwidth, gpu_frequencies()));
    return part;
}

} // namespace

std::expected<std::optional<FlavorName>, ParseError> parse_flavor_name(std::string_view name, Syntax syntax)
{
    constexpr std::string_view k_prefix = "SCS-";
    if (!name.starts_with(k_prefix)) {
        return std::nullopt;
    }
    const Delimiters delim = delimiters(syntax);
    Cursor cur{name, k_prefix.size()};
    FlavorName flavor;
    std::optional<CpuRam> cpu_ram;
    SCS_VALUE(cpu_ram, parse_cpu_ram(cur, delim));
    if (!cpu_ram) {
        return fail("Failed to parse main part");
    }
    flavor.cpu_ram = std::move(*cpu_ram);
    SCS_VALUE(flavor.disk, parse_disk(cur, delim));
    flavor.hypervisor = parse_hypervisor(cur, delim);
    flavor.hardware_virt = parse_flag(cur, delim, "hwv");
    SCS_VALUE(flavor.cpu_brand, parse_cpu_brand(cur, delim));
    SCS_VALUE(flavor.gpu, parse_gpu(cur, delim));
    flavor.infiniband = parse_flag(cur, delim, "ib");
    if (cur.pos != name.size()) {
        return fail("Extra characters: " + std::string(name.substr(cur.pos)));
    }
    return flavor;
}

} // namespace scsctl::scs
