// Parsing the probe's output: line by line, tolerant of unknown lines, strict about the
// frame (header first, "end" last) so that a cut answer is never judged as facts.
#include "preflight/probe.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>

namespace scsctl::preflight {

namespace {

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> out;
    while (true) {
        const auto at = text.find(separator);
        out.push_back(text.substr(0, at));
        if (at == std::string_view::npos) {
            return out;
        }
        text.remove_prefix(at + 1);
    }
}

std::vector<std::string_view> words(std::string_view text)
{
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto start = text.find_first_not_of(" \t", at);
        if (start == std::string_view::npos) {
            break;
        }
        const auto end = text.find_first_of(" \t", start);
        out.push_back(text.substr(start, end - start));
        at = end == std::string_view::npos ? text.size() : end;
    }
    return out;
}

template <typename T> std::optional<T> number(std::string_view text)
{
    T value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

/// users:(("sshd",pid=812,fd=3),("sshd",pid=900,fd=3))
std::vector<ListeningProcess> parse_users(std::string_view text)
{
    std::vector<ListeningProcess> out;
    for (auto at = text.find("(\""); at != std::string_view::npos; at = text.find("(\"", at)) {
        const auto name_end = text.find('"', at + 2);
        if (name_end == std::string_view::npos) {
            break;
        }
        ListeningProcess process{std::string(text.substr(at + 2, name_end - at - 2)), 0};
        if (const auto pid = text.find("pid=", name_end); pid != std::string_view::npos) {
            const auto digits = text.substr(pid + 4, text.find_first_not_of("0123456789", pid + 4) - pid - 4);
            process.pid = number<long>(digits).value_or(0);
        }
        out.push_back(std::move(process));
        at = name_end;
    }
    return out;
}

bool parse_line(std::string_view line, HostFacts& facts)
{
    const auto space = line.find(' ');
    const auto key = line.substr(0, space);
    const auto rest = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
    if (key == "uid") {
        facts.uid = number<long>(rest);
    } else if (key == "os") {
        const auto equals = rest.find('=');
        if (equals != std::string_view::npos) {
            facts.os_release[std::string(rest.substr(0, equals))] = unquote_os_release(rest.substr(equals + 1));
        }
    } else if (key == "mem") {
        const auto parts = words(rest);
        const auto kib = parts.size() == 2 ? number<std::uint64_t>(parts[1]) : std::nullopt;
        if (kib && parts[0] == "MemTotal") {
            facts.mem_total_bytes = *kib * 1024;
        } else if (kib && parts[0] == "MemAvailable") {
            facts.mem_available_bytes = *kib * 1024;
        }
    } else if (key == "df") {
        const auto parts = split(rest, '\t');
        const auto available = parts.size() == 3 ? number<std::uint64_t>(parts[1]) : std::nullopt;
        if (!available) {
            return false;
        }
        facts.disks.push_back({std::string(parts[0]), std::string(parts[2]), *available});
    } else if (key == "osdfile") {
        const auto parts = split(rest, '\t');
        if (parts.size() != 2) {
            return false;
        }
        facts.osd_files.push_back({std::string(parts[1]), number<std::uint64_t>(parts[0])});
    } else if (key == "osddev") {
        const auto parts = split(rest, '\t');
        const auto size = parts.size() == 4 ? number<std::uint64_t>(parts[1]) : std::nullopt;
        if (!size) {
            return false;
        }
        facts.osd_devices.push_back({std::string(parts[3]), std::string(parts[0]), *size, std::string(parts[2])});
    } else if (key == "ntp") {
        const auto source_end = rest.find(' ');
        facts.ntp_source = rest.substr(0, source_end) == "none" ? "" : std::string(rest.substr(0, source_end));
        facts.ntp_state = source_end == std::string_view::npos ? "" : std::string(rest.substr(source_end + 1));
    } else if (key == "ss") {
        facts.ss_available = rest == "yes";
    } else if (key == "listen") {
        if (auto listener = parse_ss_line(rest)) {
            facts.listeners.push_back(std::move(*listener));
        }
    } else if (key == "time") {
        char* end = nullptr;
        const std::string text(rest);
        const double seconds = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size()) {
            return false;
        }
        facts.remote_time = seconds;
    }
    return true;
}

} // namespace

std::string unquote_os_release(std::string_view value)
{
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
        const char quote = value.front();
        value = value.substr(1, value.size() - 2);
        if (quote == '\'') {
            return std::string(value);
        }
    }
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) {
            ++i;
        }
        out += value[i];
    }
    return out;
}

std::optional<Listener> parse_ss_line(std::string_view line)
{
    const auto parts = words(line);
    if (parts.size() < 5 || parts[0] != "LISTEN") {
        return std::nullopt;
    }
    Listener listener;
    listener.address = std::string(parts[3]);
    const auto colon = parts[3].rfind(':');
    const auto port = colon == std::string_view::npos ? std::nullopt : number<int>(parts[3].substr(colon + 1));
    if (!port) {
        return std::nullopt;
    }
    listener.port = *port;
    const auto users = line.find("users:(");
    if (users != std::string_view::npos) {
        listener.processes = parse_users(line.substr(users));
    }
    return listener;
}

core::Result<HostFacts> parse_probe_output(std::string_view text)
{
    auto lines = split(text, '\n');
    while (!lines.empty() && lines.back().empty()) {
        lines.pop_back();
    }
    const auto header = std::find(lines.begin(), lines.end(), k_probe_header);
    if (header == lines.end()) {
        return core::fail({core::ErrorKind::failed, "the probe printed no header (it did not run)", {}});
    }
    if (lines.back() != "end") {
        return core::fail({core::ErrorKind::failed, "the probe's output ends early (no end line)", {}});
    }
    HostFacts facts;
    for (auto line = header + 1; line + 1 < lines.end(); ++line) {
        if (!parse_line(*line, facts)) {
            return core::fail({core::ErrorKind::failed,
                               "the probe printed a malformed line: '" + std::string(line->substr(0, 120)) + "'",
                               {}});
        }
    }
    return facts;
}

} // namespace scsctl::preflight
