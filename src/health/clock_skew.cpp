// See clock_skew.hpp. Times stay integers (nanoseconds): a double holding seconds since
// the epoch has only about 0.2 µs of resolution left, too coarse for small thresholds.
#include "health/clock_skew.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace scsctl::health {

using std::chrono::nanoseconds;

nanoseconds clock_offset(nanoseconds host_time, nanoseconds sent, nanoseconds received)
{
    return host_time - (sent + (received - sent) / 2);
}

namespace {

nanoseconds median_offset(const std::vector<ClockSample>& samples)
{
    std::vector<nanoseconds> offsets;
    for (const auto& sample : samples) {
        offsets.push_back(sample.offset);
    }
    std::sort(offsets.begin(), offsets.end());
    const auto middle = offsets.size() / 2;
    return offsets.size() % 2 == 1 ? offsets[middle] : offsets[middle - 1] + (offsets[middle] - offsets[middle - 1]) / 2;
}

std::string unsigned_seconds(nanoseconds value)
{
    return signed_seconds(value).substr(1);
}

} // namespace

std::string signed_seconds(nanoseconds value)
{
    const auto micros = value.count() / 1000;
    const auto magnitude = micros < 0 ? -micros : micros;
    char text[48];
    std::snprintf(text, sizeof text, "%c%lld.%06lld s", micros < 0 ? '-' : '+',
                  static_cast<long long>(magnitude / 1000000), static_cast<long long>(magnitude % 1000000));
    return text;
}

std::vector<ClockVerdict> evaluate_clock_skew(const std::vector<ClockSample>& samples, nanoseconds max_skew)
{
    std::vector<ClockVerdict> verdicts;
    if (samples.empty()) {
        return verdicts;
    }
    const auto reference = median_offset(samples);
    for (const auto& sample : samples) {
        ClockVerdict verdict;
        verdict.host = sample.host;
        verdict.skew = sample.offset - reference;
        verdict.offset = sample.offset;
        verdict.round_trip = sample.round_trip;
        verdict.ok = std::chrono::abs(verdict.skew) <= max_skew;
        verdict.detail = "skew " + signed_seconds(verdict.skew) + (verdict.ok ? " within " : " exceeds ") +
                         unsigned_seconds(max_skew) + " from the hosts' median (offset to the controller " +
                         signed_seconds(sample.offset) + ", round trip " + unsigned_seconds(sample.round_trip) + ")";
        verdicts.push_back(std::move(verdict));
    }
    return verdicts;
}

std::optional<nanoseconds> parse_epoch_nanoseconds(std::string_view text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.remove_suffix(1);
    }
    const auto dot = text.find('.');
    if (dot == std::string_view::npos || dot == 0 || text.size() - dot - 1 != 9) {
        return std::nullopt;
    }
    long long seconds = 0;
    long long fraction = 0;
    const auto whole = text.substr(0, dot);
    const auto nanos = text.substr(dot + 1);
    const auto [end1, error1] = std::from_chars(whole.data(), whole.data() + whole.size(), seconds);
    const auto [end2, error2] = std::from_chars(nanos.data(), nanos.data() + nanos.size(), fraction);
    if (error1 != std::errc{} || end1 != whole.data() + whole.size() || error2 != std::errc{} ||
        end2 != nanos.data() + nanos.size() || seconds < 0 || fraction < 0) {
        return std::nullopt;
    }
    return nanoseconds(seconds * 1000000000LL + fraction);
}

core::Result<nanoseconds> parse_max_skew(std::string_view variable, std::string_view text)
{
    const std::string copy(text);
    char* end = nullptr;
    const double seconds = copy.empty() ? 0 : std::strtod(copy.c_str(), &end);
    if (copy.empty() || end != copy.c_str() + copy.size() || !std::isfinite(seconds) || seconds <= 0 ||
        seconds > 86400) {
        return core::fail(core::Error{core::ErrorKind::config,
                                      std::string(variable) + ": '" + copy +
                                          "' is not a positive number of seconds (at most 86400)",
                                      {}});
    }
    return nanoseconds(static_cast<long long>(std::llround(seconds * 1e9)));
}

} // namespace scsctl::health
