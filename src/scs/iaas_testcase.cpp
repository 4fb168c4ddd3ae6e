// The words of outcomes and log levels, as the reference runner prints them. Depends on
// scs/iaas_testcase only.
#include "scs/iaas_testcase.hpp"

namespace scsctl::scs {

std::string_view outcome_word(Outcome outcome)
{
    switch (outcome) {
    case Outcome::pass:
        return "PASS";
    case Outcome::fail:
        return "FAIL";
    case Outcome::abort:
        break;
    }
    return "ABORT";
}

std::string_view log_level_word(LogLevel level)
{
    switch (level) {
    case LogLevel::error:
        return "ERROR";
    case LogLevel::warning:
        return "WARNING";
    case LogLevel::info:
        break;
    }
    return "INFO";
}

} // namespace scsctl::scs
