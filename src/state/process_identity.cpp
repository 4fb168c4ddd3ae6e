// Process identity from /proc. kill(pid, 0) says whether some process has the pid; the
// start time in /proc/PID/stat tells a recycled pid apart from the original holder.
#include "state/process_identity.hpp"

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <optional>
#include <sstream>

namespace scsctl::state {

std::string this_host_name()
{
    char name[256] = {};
    if (::gethostname(name, sizeof(name) - 1) != 0 || name[0] == '\0') {
        return "localhost";
    }
    return name;
}

namespace {

struct StatFields {
    char state = '?';
    std::uint64_t start_ticks = 0;
};

/// The state letter and start time of `pid`; nullopt when /proc has no such process.
std::optional<StatFields> read_stat(std::int64_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (pid <= 0 || !std::getline(in, line)) {
        return std::nullopt;
    }
    // "PID (COMM) STATE ..." where COMM may hold spaces and parentheses: fields are
    // counted after the last ')'. Field 3 is STATE, field 22 the start time.
    const auto close = line.rfind(')');
    if (close == std::string::npos) {
        return std::nullopt;
    }
    std::istringstream fields(line.substr(close + 1));
    StatFields out;
    std::string field;
    for (int index = 3; index <= 22; ++index) {
        if (!(fields >> field)) {
            return std::nullopt;
        }
        if (index == 3) {
            out.state = field.empty() ? '?' : field[0];
        }
    }
    try {
        out.start_ticks = std::stoull(field);
    } catch (...) {
        return std::nullopt;
    }
    return out;
}

} // namespace

std::uint64_t process_start_ticks(std::int64_t pid)
{
    const auto stat = read_stat(pid);
    return stat ? stat->start_ticks : 0;
}

bool process_alive(std::int64_t pid, std::uint64_t start_ticks)
{
    if (pid <= 0) {
        return false;
    }
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM) {
        return false; // ESRCH: no such process
    }
    const auto stat = read_stat(pid);
    if (!stat) {
        return true; // kill(2) sees it but /proc cannot tell more: count it as the holder
    }
    if (stat->state == 'Z' || stat->state == 'X') {
        return false; // exited, not yet reaped by its parent
    }
    return start_ticks == 0 || stat->start_ticks == start_ticks;
}

} // namespace scsctl::state
