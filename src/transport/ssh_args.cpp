// ssh_args: ssh(1) command-line options (from Ansible's ssh_common_args / ssh_extra_args)
// to SshArgs, following ssh(1)'s getopt and ssh_config(5) value rules for the options the
// transport implements. Standard library and POSIX only; no libssh2, nothing above core.
#include "transport/ssh_args.hpp"

#include <algorithm>
#include <cctype>

#include "transport/ssh_values.hpp"

namespace scsctl::transport {

namespace {

/// ssh(1)'s short options that take an argument (from its getopt string).
constexpr std::string_view k_flags_with_argument = "bceilmopBDEFIJLOQRSwW";
constexpr std::string_view k_flags_without_argument = "1246afgknqstvxACGKMNPTVXYy";

core::Error config_error(std::string message)
{
    return core::Error{core::ErrorKind::config, std::move(message), {}};
}

std::string lower(std::string_view text)
{
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

/// "[user@]host[:port]", "[user@][v6]:port", a bare IPv6 literal; optional "ssh://".
core::Result<Hop> parse_hop(std::string_view text, std::string_view whole)
{
    const auto bad = [&](const std::string& why) {
        return core::fail(config_error("invalid jump host '" + std::string(whole) + "': " + why));
    };
    if (text.starts_with("ssh://")) {
        text.remove_prefix(6);
    }
    Hop hop;
    if (const auto at = text.rfind('@'); at != std::string_view::npos) {
        hop.user = std::string(text.substr(0, at));
        text.remove_prefix(at + 1);
        if (hop.user.empty()) {
            return bad("empty user name");
        }
    }
    std::string_view port;
    if (text.starts_with('[')) {
        const auto close = text.find(']');
        if (close == std::string_view::npos || (close + 1 < text.size() && text[close + 1] != ':')) {
            return bad("expected [address]:port");
        }
        hop.address = std::string(text.substr(1, close - 1));
        port = close + 1 < text.size() ? text.substr(close + 2) : std::string_view("22");
    } else if (std::count(text.begin(), text.end(), ':') == 1) {
        hop.address = std::string(text.substr(0, text.find(':')));
        port = text.substr(text.find(':') + 1);
    } else {
        hop.address = std::string(text);
        port = "22";
    }
    if (hop.address.empty() || hop.address.find_first_of(" \t/") != std::string::npos) {
        return bad("missing or invalid host name");
    }
    const auto number = parse_port(port);
    if (!number) {
        return bad("port '" + std::string(port) + "' is not a number between 1 and 65535");
    }
    hop.port = *number;
    return hop;
}

} // namespace

core::Result<std::vector<Hop>> parse_proxy_jump(std::string_view text)
{
    text = trim(text);
    std::vector<Hop> hops;
    if (lower(text) == "none") {
        return hops;
    }
    if (text.empty()) {
        return core::fail(config_error("empty jump host list"));
    }
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = std::min(text.find(',', start), text.size());
        hops.push_back(SCSCTL_TRY(parse_hop(text.substr(start, comma - start), text)));
        start = comma + 1;
    }
    return hops;
}

core::Result<std::vector<std::string>> shlex_split(std::string_view text)
{
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = '\0';
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quote == '\'') {
            quote = c == '\'' ? '\0' : quote;
            word += c == '\'' ? std::string() : std::string(1, c);
        } else if (quote == '"') {
            if (c == '"') {
                quote = '\0';
            } else if (c == '\\' && i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\')) {
                word += text[++i];
            } else {
                word += c;
            }
        } else if (is_space(c)) {
            if (in_word) {
                words.push_back(std::move(word));
                word.clear();
                in_word = false;
            }
        } else {
            in_word = true;
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\') {
                if (i + 1 >= text.size()) {
                    return core::fail(config_error("ssh arguments end with a lone backslash"));
                }
                word += text[++i];
            } else {
                word += c;
            }
        }
    }
    if (quote != '\0') {
        return core::fail(config_error(std::string("ssh arguments have an unbalanced ") + quote + " quote"));
    }
    if (in_word) {
        words.push_back(std::move(word));
    }
    return words;
}

namespace {

/// "ssh … -W %h:%p … [user@]host [-p port]" (also -l USER, -i FILE, -q) as one jump hop;
/// nullopt for any other command.
std::optional<Hop> proxy_command_hop(std::string_view command, const std::string& home)
{
    auto words = shlex_split(command);
    if (words && words->size() == 1) {
        words = shlex_split(words->front()); // the whole command was quoted once more
    }
    if (!words || words->empty() || !(words->front() == "ssh" || words->front().ends_with("/ssh"))) {
        return std::nullopt;
    }
    bool forwards = false;
    std::optional<std::string> destination, user, port;
    std::vector<std::string> identities;
    for (std::size_t i = 1; i < words->size(); ++i) {
        const auto& word = (*words)[i];
        const bool has_next = i + 1 < words->size();
        if (word == "-q") {
            continue;
        }
        if (word == "-W" && has_next && (*words)[i + 1] == "%h:%p" && !forwards) {
            forwards = true;
        } else if (word == "-p" && has_next && !port) {
            port = (*words)[i + 1];
        } else if (word == "-l" && has_next && !user) {
            user = (*words)[i + 1];
        } else if (word == "-i" && has_next) {
            auto path = expand_path((*words)[i + 1], home);
            if (!path) {
                return std::nullopt;
            }
            identities.push_back(std::move(*path));
        } else if (!word.starts_with('-') && !destination && word.find(':') == std::string::npos) {
            destination = word;
            continue;
        } else {
            return std::nullopt;
        }
        ++i; // the option's argument
    }
    if (!forwards || !destination) {
        return std::nullopt;
    }
    auto hop = parse_hop(*destination + (port ? ":" + *port : std::string()), *destination);
    if (!hop) {
        return std::nullopt;
    }
    if (user) {
        hop->user = *user; // ssh(1): -l wins over user@
    }
    hop->identity_files = std::move(identities);
    return std::move(*hop);
}

class Parser {
public:
    explicit Parser(std::string home) : m_home(std::move(home)) {}

    SshArgs& result() { return m_out; }

    /// Applies "keyword value" (keyword already lowercased); `text` is the option as
    /// written, for messages and the unsupported list.
    core::Result<void> apply(const std::string& key, std::string_view value, const std::string& text)
    {
        const auto invalid = [&](const std::string& why) {
            return core::fail(config_error("invalid ssh option '" + text + "': " + why));
        };
        if (key == "port") {
            const auto port = parse_port(value);
            if (!port) {
                return invalid("not a port number between 1 and 65535");
            }
            m_out.port = m_out.port.value_or(*port);
        } else if (key == "user") {
            m_out.user = m_out.user.value_or(std::string(value));
        } else if (key == "connecttimeout" || key == "serveraliveinterval") {
            const auto time = parse_time(value);
            if (!time) {
                return invalid("not a time such as 30, 30s or 1m");
            }
            auto& slot = key == "connecttimeout" ? m_out.connect_timeout : m_out.keepalive_interval;
            slot = slot.value_or(*time);
        } else if (key == "stricthostkeychecking") {
            return apply_policy(value, invalid);
        } else if (key == "proxyjump") {
            auto hops = parse_proxy_jump(value);
            if (!hops) {
                return invalid(hops.error().message);
            }
            m_out.jumps = m_out.jumps.value_or(std::move(*hops));
        } else if (key == "proxycommand") {
            apply_proxy_command(value, text);
        } else if (key == "identityfile" || key == "userknownhostsfile") {
            return apply_files(key, value, text);
        } else {
            m_out.unsupported.push_back(text);
        }
        return {};
    }

private:
    template <typename Invalid>
    core::Result<void> apply_policy(std::string_view value, const Invalid& invalid)
    {
        const auto word = lower(value);
        HostKeyPolicy policy = HostKeyPolicy::strict;
        if (word == "accept-new") {
            policy = HostKeyPolicy::accept_new;
        } else if (word == "no" || word == "off" || word == "false") {
            policy = HostKeyPolicy::off;
        } else if (word != "yes" && word != "ask" && word != "true") {
            return invalid("expected yes, accept-new, no, off or ask");
        }
        m_out.host_key_policy = m_out.host_key_policy.value_or(policy);
        return {};
    }

    void apply_proxy_command(std::string_view value, const std::string& text)
    {
        if (m_out.jumps) {
            return; // ProxyJump and ProxyCommand compete: the first one given wins
        }
        if (lower(value) == "none") {
            m_out.jumps = std::vector<Hop>{};
        } else if (auto hop = proxy_command_hop(value, m_home)) {
            m_out.jumps = std::vector<Hop>{std::move(*hop)};
        } else {
            m_out.unsupported.push_back(text);
        }
    }

    core::Result<void> apply_files(const std::string& key, std::string_view value, const std::string& text)
    {
        auto words = shlex_split(value);
        if (!words || words->empty()) {
            return core::fail(config_error("invalid ssh option '" + text + "': expected file names"));
        }
        std::vector<std::string> files;
        for (const auto& word : *words) {
            auto path = expand_path(word, m_home);
            if (!path) {
                m_out.unsupported.push_back(text); // %h and friends need the connection
                return {};
            }
            if (key == "identityfile" || (*path != "/dev/null" && lower(*path) != "none")) {
                files.push_back(std::move(*path));
            }
        }
        if (key == "identityfile") {
            m_out.identity_files.insert(m_out.identity_files.end(), files.begin(), files.end());
        } else if (!m_out.known_hosts_files) {
            m_out.known_hosts_files = std::move(files);
        }
        return {};
    }

    std::string m_home;
    SshArgs m_out;
};

/// Splits the argument of -o as ssh_config(5) does: keyword, then whitespace and/or one '='.
core::Result<void> apply_config_line(Parser& parser, const std::string& arg)
{
    const std::string text = "-o " + arg;
    const auto line = trim(arg);
    const auto end = std::min(line.find_first_of(" \t="), line.size());
    auto value = trim(line.substr(end));
    if (value.starts_with('=')) {
        value = trim(value.substr(1));
    }
    if (end == 0 || value.empty()) {
        return core::fail(config_error("ssh option '" + text + "' has no value (write -o Key=Value)"));
    }
    return parser.apply(lower(line.substr(0, end)), value, text);
}

core::Result<void> apply_flag(Parser& parser, char flag, const std::string& arg)
{
    const std::string text = std::string("-") + flag + " " + arg;
    if (arg.empty()) {
        return core::fail(config_error(std::string("ssh option -") + flag + " has an empty value"));
    }
    switch (flag) {
    case 'o':
        return apply_config_line(parser, arg);
    case 'i':
        return parser.apply("identityfile", arg, text);
    case 'p':
        return parser.apply("port", arg, text);
    case 'J':
        return parser.apply("proxyjump", arg, text);
    case 'l':
        return parser.apply("user", arg, text);
    default:
        parser.result().unsupported.push_back(text);
        return {};
    }
}

} // namespace

core::Result<SshArgs> parse_ssh_args(std::string_view text, std::string_view home)
{
    const auto words = SCSCTL_TRY(shlex_split(text));
    Parser parser(home.empty() ? default_home() : std::string(home));
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& word = words[i];
        if (word.size() < 2 || word.front() != '-' || word == "--") {
            parser.result().unsupported.push_back(word); // a destination or command: not ours
            continue;
        }
        // Bundled flags as getopt reads them: "-qC", "-qi key", "-p2222".
        for (std::size_t at = 1; at < word.size(); ++at) {
            const char flag = word[at];
            if (k_flags_with_argument.find(flag) == std::string_view::npos) {
                const bool known = k_flags_without_argument.find(flag) != std::string_view::npos;
                parser.result().unsupported.push_back(known ? std::string("-") + flag : word);
                if (!known) {
                    break;
                }
                continue;
            }
            std::string arg = word.substr(at + 1);
            if (arg.empty()) {
                if (i + 1 >= words.size()) {
                    return core::fail(config_error(std::string("ssh option -") + flag + " needs a value"));
                }
                arg = words[++i];
            }
            SCSCTL_TRY(apply_flag(parser, flag, arg));
            break;
        }
    }
    return std::move(parser.result());
}

} // namespace scsctl::transport
