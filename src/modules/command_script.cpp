// Command scripts: one round trip runs the guards and the command and reports the remote
// times; a marker line at the end (after a newline we add) is cut off again in finish().
#include "modules/command_script.hpp"

#include <cstdio>
#include <ctime>
#include <cstdlib>

#include "core/shell_quote.hpp"
#include "modules/remote_probe.hpp"

namespace scsctl::modules {

using core::shell_quote;

namespace {

constexpr std::string_view k_end_marker = "::scsctl:: end ";
constexpr std::string_view k_skip_marker = "::scsctl:: skip ";
constexpr std::string_view k_chdir_marker = "::scsctl:: chdir-failed";

bool is_name_char(char c, bool first)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
}

/// A test that is true when the glob `pattern` matches something (glob.glob semantics:
/// a pattern without magic matches the path itself when it exists, even a dangling link).
std::string glob_test(const std::string& pattern)
{
    return "scsctl_p=" + shell_quote(pattern) +
           "; scsctl_ifs=$IFS; IFS=; set -- $scsctl_p; IFS=$scsctl_ifs; { [ -e \"$1\" ] || [ -L \"$1\" ]; }";
}

std::string guard_lines(const CommandGuards& guards)
{
    std::string out;
    if (guards.creates) {
        out += "if " + glob_test(*guards.creates) + "; then printf '%s\\n' " +
               shell_quote(std::string(k_skip_marker) + "creates") + " " + shell_quote(*guards.creates) +
               "; exit 0; fi\n";
    }
    if (guards.removes) {
        out += "if ! { " + glob_test(*guards.removes) + "; }; then printf '%s\\n' " +
               shell_quote(std::string(k_skip_marker) + "removes") + " " + shell_quote(*guards.removes) +
               "; exit 0; fi\n";
    }
    return out;
}

/// "YYYY-mm-dd HH:MM:SS.nnnnnnnnn" to seconds since the epoch (UTC arithmetic suffices
/// for a difference) and to Ansible's microsecond form.
double timestamp_seconds(std::string_view text)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0;
    double s = 0;
    if (std::sscanf(std::string(text).c_str(), "%d-%d-%d %d:%d:%lf", &y, &mo, &d, &h, &mi, &s) != 6) {
        return 0;
    }
    y -= mo <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long days = era * 146097L + yoe * 365L + yoe / 4 - yoe / 100 + doy - 719468L;
    return static_cast<double>(days) * 86400.0 + h * 3600.0 + mi * 60.0 + s;
}

std::string micro(std::string_view text)
{
    const auto dot = text.find('.');
    if (dot == std::string_view::npos) {
        return std::string(text);
    }
    return std::string(text.substr(0, std::min(text.size(), dot + 7)));
}

std::string delta_text(double seconds)
{
    if (seconds < 0) {
        seconds = 0;
    }
    const long whole = static_cast<long>(seconds);
    const long micros = static_cast<long>((seconds - static_cast<double>(whole)) * 1e6 + 0.5);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld.%06ld", whole / 3600, (whole / 60) % 60, whole % 60,
                  std::min(micros, 999999L));
    return buffer;
}

} // namespace

core::Result<std::vector<std::string>> shlex_split(std::string_view text)
{
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quote == '\'') {
            if (c == '\'') {
                quote = 0;
            } else {
                word += c;
            }
        } else if (quote == '"') {
            if (c == '"') {
                quote = 0;
            } else if (c == '\\' && i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\')) {
                word += text[++i];
            } else {
                word += c;
            }
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (in_word) {
                words.push_back(std::move(word));
                word.clear();
                in_word = false;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
            in_word = true;
        } else if (c == '\\') {
            in_word = true;
            if (i + 1 < text.size()) {
                word += text[++i];
            } else {
                return core::fail(core::Error{core::ErrorKind::failed, "No escaped character", {}});
            }
        } else {
            word += c;
            in_word = true;
        }
    }
    if (quote != 0) {
        return core::fail(core::Error{core::ErrorKind::failed, "No closing quotation", {}});
    }
    if (in_word) {
        words.push_back(std::move(word));
    }
    return words;
}

std::string argv_command_line(const std::vector<std::string>& argv)
{
    std::string line;
    for (std::size_t index = 0; index < argv.size(); ++index) {
        const std::string& word = argv[index];
        std::string out;
        std::string literal;
        std::size_t i = 0;
        if (word == "~" || word.starts_with("~/")) {
            out += "\"$HOME\"";
            i = 1;
        }
        auto flush = [&] {
            if (!literal.empty()) {
                out += '\'';
                for (char c : literal) {
                    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
                }
                out += '\'';
                literal.clear();
            }
        };
        for (; i < word.size(); ++i) {
            const bool braced = word[i] == '$' && i + 1 < word.size() && word[i + 1] == '{';
            std::size_t j = i + (braced ? 2 : 1);
            if (word[i] == '$' && j < word.size() && is_name_char(word[j], true)) {
                while (j < word.size() && is_name_char(word[j], false)) {
                    ++j;
                }
                if (!braced || (j < word.size() && word[j] == '}')) {
                    flush();
                    out += "\"${" + word.substr(i + (braced ? 2 : 1), j - i - (braced ? 2 : 1)) + "}\"";
                    i = braced ? j : j - 1;
                    continue;
                }
            }
            literal += word[i];
        }
        flush();
        line += (index == 0 ? "" : " ") + (out.empty() ? std::string("''") : out);
    }
    return line;
}

std::string wrap_command(const CommandGuards& guards, std::string_view command_line)
{
    // Nothing around the command unless a guard or chdir needs it: every extra process
    // (a date, a subshell) costs ~2 ms of the host's CPU per task. Times come from the
    // runner's clock (StepResult::started/finished).
    std::string script = guard_lines(guards);
    if (guards.chdir) {
        script += "cd -- " + shell_quote(*guards.chdir) + " || { printf '%s\\n' " +
                  shell_quote(std::string(k_chdir_marker)) + " " + shell_quote(*guards.chdir) + "; exit 1; }\n";
    }
    return script + std::string(command_line);
}

std::string format_time(std::chrono::system_clock::time_point when)
{
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(when.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(micros / 1000000);
    std::tm local{};
    localtime_r(&seconds, &local);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d:%02d.%06ld", local.tm_year + 1900, local.tm_mon + 1,
                  local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec, static_cast<long>(micros % 1000000));
    return buffer;
}

std::string format_delta(std::chrono::system_clock::duration elapsed)
{
    return delta_text(std::chrono::duration<double>(elapsed).count());
}

std::string guard_probe(const CommandGuards& guards)
{
    return guard_lines(guards);
}

CommandRun parse_command_output(std::string_view stdout_text)
{
    CommandRun run;
    auto second_line = [&](std::size_t skip) {
        std::string_view rest = stdout_text.substr(std::min(stdout_text.size(), skip));
        const auto newline = rest.find('\n');
        const std::string_view first = rest.substr(0, newline);
        rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
        while (!rest.empty() && (rest.back() == '\n' || rest.back() == '\r')) {
            rest.remove_suffix(1);
        }
        return std::pair<std::string, std::string>(first, rest);
    };
    if (stdout_text.starts_with(k_skip_marker)) {
        auto [reason, path] = second_line(k_skip_marker.size());
        run.skipped_by = reason;
        run.path = path;
        return run;
    }
    if (stdout_text.starts_with(k_chdir_marker)) {
        run.chdir_failed = true;
        run.path = second_line(k_chdir_marker.size()).second;
        return run;
    }
    const auto at = stdout_text.rfind("\n" + std::string(k_end_marker));
    if (at == std::string_view::npos) {
        run.stdout_text = std::string(stdout_text);
        return run;
    }
    run.stdout_text = std::string(stdout_text.substr(0, at));
    std::string_view times = stdout_text.substr(at + 1 + k_end_marker.size());
    while (!times.empty() && (times.back() == '\n' || times.back() == '\r')) {
        times.remove_suffix(1);
    }
    const auto bar = times.find('|');
    if (bar != std::string_view::npos) {
        run.start = micro(times.substr(0, bar));
        run.end = micro(times.substr(bar + 1));
        run.delta = delta_text(timestamp_seconds(times.substr(bar + 1)) - timestamp_seconds(times.substr(0, bar)));
    }
    return run;
}

void add_skip_keys(core::Value& result, std::string_view skipped_by, std::string_view path, bool check_mode)
{
    const bool creates = skipped_by == "creates";
    const std::string verb = creates ? "exists" : "does not exist";
    result["rc"] = 0;
    result["stdout"] = "skipped, since " + std::string(path) + " " + verb;
    result["stderr"] = "";
    result["msg"] = std::string(check_mode ? "Would not" : "Did not") + " run command since '" + std::string(path) + "' " + verb;
    result["stdout_lines"] = core::Value::array({result["stdout"]});
    result["stderr_lines"] = core::Value::array();
    result["changed"] = false;
}

std::string strip_trailing_newlines(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
        text.pop_back();
    }
    return text;
}

core::Value split_lines(std::string_view text)
{
    core::Value lines = core::Value::array();
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find_first_of("\r\n", start);
        if (end == std::string_view::npos) {
            lines.push_back(std::string(text.substr(start)));
            break;
        }
        lines.push_back(std::string(text.substr(start, end - start)));
        start = end + ((text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1);
    }
    return lines;
}

} // namespace scsctl::modules
