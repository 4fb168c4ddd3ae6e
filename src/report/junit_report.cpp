// Written for what Jenkins and GitLab show: classname is the play (Jenkins splits
// classnames at dots into packages, so dots in it become '_'), the test's name is
// "[host] task" as Ansible prints it; ignored and rescued failures pass, with a note in
// system-out, because they did not fail the play.
#include "report/junit_report.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <unistd.h>

#include "report/atomic_file.hpp"
#include "report/xml_escape.hpp"

namespace scsctl::report {

namespace {

constexpr std::size_t k_output_limit = 64 * 1024; ///< per stream, as the journal keeps

std::string seconds(double ms)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.3f", ms < 0 ? 0.0 : ms / 1000.0);
    return text;
}

std::string utc_timestamp(double epoch_ms)
{
    const auto seconds_since_epoch = static_cast<std::time_t>(epoch_ms / 1000.0);
    std::tm tm{};
    ::gmtime_r(&seconds_since_epoch, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

std::string controller_hostname(const std::string& given)
{
    if (!given.empty()) {
        return given;
    }
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') {
        return "localhost";
    }
    return name;
}

std::string classname_of(const PlayRecord& play)
{
    std::string out = play.name.empty() ? (play.hosts_pattern.empty() ? "scsctl" : play.hosts_pattern) : play.name;
    for (char& c : out) {
        c = c == '.' ? '_' : c;
    }
    return out;
}

/// The failure or error element's text: the message, rc, failed items, then the output.
std::string failure_text(const ResultRecord& result)
{
    std::string text = result.error.empty() ? std::string(model::task_status_name(result.status)) : result.error;
    text += "\n";
    if (result.rc) {
        text += "rc: " + std::to_string(*result.rc) + "\n";
    }
    for (const auto& item : result.item_errors) {
        text += item + "\n";
    }
    if (!result.stderr_text.empty()) {
        text += "\nstderr:\n" + truncated(result.stderr_text, k_output_limit) + "\n";
    }
    if (!result.stdout_text.empty()) {
        text += "\nstdout:\n" + truncated(result.stdout_text, k_output_limit) + "\n";
    }
    return text;
}

/// A line in system-out for outcomes that pass but are worth knowing.
std::string note_of(const ResultRecord& result)
{
    const bool bad = result.status == model::TaskStatus::failed || result.status == model::TaskStatus::unreachable;
    if (bad && (result.ignored || result.rescued)) {
        std::string note = std::string(model::task_status_name(result.status)) +
                           (result.rescued ? " (rescued): " : " (ignored): ") + result.error + "\n";
        for (const auto& item : result.item_errors) {
            note += item + "\n";
        }
        return note;
    }
    if (result.resumed_from != 0) {
        return "done in run " + std::to_string(result.resumed_from) + "\n";
    }
    return "";
}

void write_testcase(std::string& out, const ResultRecord& result, const std::string& classname, const std::string& name)
{
    out += "    <testcase classname=\"" + xml_attribute(classname) + "\" name=\"" + xml_attribute(name) + "\" time=\"" +
           seconds(result.end_ms - result.start_ms) + "\">\n";
    if (result.is_failure()) {
        const char* element = result.status == model::TaskStatus::unreachable ? "error" : "failure";
        const std::string type = result.status == model::TaskStatus::unreachable ? "unreachable" : result.action;
        out += std::string("      <") + element + " message=\"" + xml_attribute(result.error) + "\" type=\"" +
               xml_attribute(type) + "\">" + xml_text(failure_text(result)) + "</" + element + ">\n";
    } else if (result.status == model::TaskStatus::skipped) {
        out += "      <skipped message=\"skipped\"/>\n";
    }
    const std::string system_out = note_of(result) + truncated(result.stdout_text, k_output_limit);
    if (!system_out.empty()) {
        out += "      <system-out>" + xml_text(system_out) + "</system-out>\n";
    }
    if (!result.stderr_text.empty()) {
        out += "      <system-err>" + xml_text(truncated(result.stderr_text, k_output_limit)) + "</system-err>\n";
    }
    out += "    </testcase>\n";
}

struct SuiteCounts {
    std::size_t tests = 0;
    std::size_t failures = 0;
    std::size_t errors = 0;
    std::size_t skipped = 0;
    double start_ms = 0;
    double end_ms = 0;
};

SuiteCounts counts_of(const CollectedRun& run, std::size_t play)
{
    SuiteCounts counts;
    counts.start_ms = run.plays[play].start_ms;
    counts.end_ms = counts.start_ms;
    for (const auto& result : run.results) {
        if (result.play != play) {
            continue;
        }
        ++counts.tests;
        counts.failures += result.is_failure() && result.status == model::TaskStatus::failed ? 1 : 0;
        counts.errors += result.is_failure() && result.status == model::TaskStatus::unreachable ? 1 : 0;
        counts.skipped += result.status == model::TaskStatus::skipped ? 1 : 0;
        counts.end_ms = std::max(counts.end_ms, result.end_ms);
    }
    return counts;
}

} // namespace

std::string junit_xml(const CollectedRun& run, const JunitOptions& options)
{
    const std::string hostname = controller_hostname(options.hostname);
    std::string suites;
    SuiteCounts total;
    for (std::size_t play = 0; play < run.plays.size(); ++play) {
        const SuiteCounts counts = counts_of(run, play);
        total.tests += counts.tests;
        total.failures += counts.failures;
        total.errors += counts.errors;
        total.skipped += counts.skipped;
        const std::string classname = classname_of(run.plays[play]);
        suites += "  <testsuite name=\"" + xml_attribute(run.plays[play].name) + "\" id=\"" + std::to_string(play) +
                  "\" tests=\"" + std::to_string(counts.tests) + "\" failures=\"" + std::to_string(counts.failures) +
                  "\" errors=\"" + std::to_string(counts.errors) + "\" skipped=\"" + std::to_string(counts.skipped) +
                  "\" time=\"" + seconds(counts.end_ms - counts.start_ms) + "\" timestamp=\"" +
                  utc_timestamp(counts.start_ms) + "\" hostname=\"" + xml_attribute(hostname) + "\">\n";
        std::map<std::string, int> seen; // a name repeated in a play gets " (2)", " (3)", ...
        for (const auto& result : run.results) {
            if (result.play != play) {
                continue;
            }
            std::string name = "[" + result.host + "] " + (result.handler ? "handler: " : "") + result.task;
            const int count = ++seen[name];
            if (count > 1) {
                name += " (" + std::to_string(count) + ")";
            }
            write_testcase(suites, result, classname, name);
        }
        suites += "  </testsuite>\n";
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" + xml_attribute(options.name) +
           "\" tests=\"" + std::to_string(total.tests) + "\" failures=\"" + std::to_string(total.failures) +
           "\" errors=\"" + std::to_string(total.errors) + "\" skipped=\"" + std::to_string(total.skipped) +
           "\" time=\"" + seconds(run.end_ms - run.start_ms) + "\" timestamp=\"" + utc_timestamp(run.start_ms) +
           "\">\n" + suites + "</testsuites>\n";
}

core::Result<void> JunitReporter::finish(int exit_code)
{
    (void)exit_code;
    m_collector.finish();
    return write_file_atomically(m_path, junit_xml(m_collector.run(), m_options));
}

} // namespace scsctl::report
