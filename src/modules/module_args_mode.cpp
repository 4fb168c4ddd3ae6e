// File modes as Ansible's file arguments take them: octal strings, ints, and chmod(1)
// symbolic clauses ([ugoa]*[-+=][rwxXst]*|[ugo], comma-separated). Depends on core only.
#include <cctype>
#include <cstdio>

#include "modules/module_args.hpp"

namespace scsctl::modules {

namespace {

core::Error mode_error(const std::string& text)
{
    return core::Error{core::ErrorKind::config,
                       "mode must be in octal or symbolic form: invalid mode '" + text + "'", {}};
}

bool valid_symbolic(std::string_view text)
{
    std::size_t i = 0;
    while (i <= text.size()) {
        while (i < text.size() && std::string_view("ugoa").find(text[i]) != std::string_view::npos) {
            ++i;
        }
        bool saw_op = false;
        while (i < text.size() && std::string_view("+-=").find(text[i]) != std::string_view::npos) {
            saw_op = true;
            ++i;
            while (i < text.size() && std::string_view("rwxXstugo").find(text[i]) != std::string_view::npos) {
                ++i;
            }
        }
        if (!saw_op) {
            return false;
        }
        if (i == text.size()) {
            return true;
        }
        if (text[i] != ',') {
            return false;
        }
        ++i;
    }
    return false;
}

/// Bits for the permission letters in `perms` for the classes in `who_mask` (0700/0070/0007).
unsigned perm_bits(std::string_view perms, unsigned who, unsigned current, bool is_dir)
{
    unsigned bits = 0;
    const bool any_x = (current & 0111) != 0;
    for (char c : perms) {
        switch (c) {
        case 'r': bits |= 0444 & who; break;
        case 'w': bits |= 0222 & who; break;
        case 'x': bits |= 0111 & who; break;
        case 'X':
            if (is_dir || any_x) {
                bits |= 0111 & who;
            }
            break;
        case 's': bits |= ((who & 0700) ? 04000u : 0u) | ((who & 0070) ? 02000u : 0u); break;
        case 't': bits |= 01000; break;
        case 'u': bits |= (((current & 0700) >> 6) * 0111) & who; break;
        case 'g': bits |= (((current & 0070) >> 3) * 0111) & who; break;
        case 'o': bits |= ((current & 0007) * 0111) & who; break;
        default: break;
        }
    }
    return bits;
}

unsigned apply_clause(std::string_view clause, unsigned mode, bool is_dir)
{
    std::size_t i = 0;
    unsigned who = 0;
    for (; i < clause.size() && std::string_view("ugoa").find(clause[i]) != std::string_view::npos; ++i) {
        who |= clause[i] == 'u' ? 04700u : clause[i] == 'g' ? 02070u : clause[i] == 'o' ? 01007u : 07777u;
    }
    if (who == 0) {
        who = 07777;
    }
    while (i < clause.size()) {
        const char op = clause[i++];
        const std::size_t start = i;
        while (i < clause.size() && std::string_view("+-=").find(clause[i]) == std::string_view::npos) {
            ++i;
        }
        const unsigned bits = perm_bits(clause.substr(start, i - start), who, mode, is_dir);
        if (op == '+') {
            mode |= bits;
        } else if (op == '-') {
            mode &= ~bits;
        } else {
            mode = (mode & ~(who & 0777)) | bits;
        }
    }
    return mode;
}

} // namespace

core::Result<ModeSpec> parse_mode(const core::Value& value)
{
    ModeSpec spec;
    if (value.is_number_integer()) {
        const long long number = value.get<long long>();
        if (number < 0 || number > 07777) {
            return core::fail(mode_error(value.dump()));
        }
        spec.absolute = static_cast<unsigned>(number);
        spec.text = mode_string(*spec.absolute);
        return spec;
    }
    if (!value.is_string()) {
        return core::fail(mode_error(value.dump()));
    }
    spec.text = value.get<std::string>();
    if (!spec.text.empty() &&
        spec.text.find_first_not_of("01234567") == std::string::npos) {
        const unsigned long number = std::strtoul(spec.text.c_str(), nullptr, 8);
        if (number > 07777) {
            return core::fail(mode_error(spec.text));
        }
        spec.absolute = static_cast<unsigned>(number);
        return spec;
    }
    if (spec.text.starts_with("0o") && spec.text.size() > 2 &&
        spec.text.find_first_not_of("01234567", 2) == std::string::npos) {
        spec.absolute = static_cast<unsigned>(std::strtoul(spec.text.c_str() + 2, nullptr, 8) & 07777);
        return spec;
    }
    if (!valid_symbolic(spec.text)) {
        return core::fail(mode_error(spec.text));
    }
    spec.symbolic = spec.text;
    return spec;
}

unsigned apply_mode(const ModeSpec& spec, unsigned current, bool is_dir)
{
    if (spec.absolute) {
        return *spec.absolute;
    }
    unsigned mode = current & 07777;
    std::size_t start = 0;
    const std::string_view text = spec.symbolic;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const auto clause = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        mode = apply_clause(clause, mode, is_dir);
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
    return mode;
}

std::string mode_string(unsigned mode)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04o", mode & 07777);
    return buffer;
}

} // namespace scsctl::modules
