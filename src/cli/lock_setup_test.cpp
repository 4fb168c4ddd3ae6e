// Tests of a run's lock as commands hold it: released when the scope ends, also by an
// exception; a second holder is refused with exit 4; --ttl durations.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "cli/duration.hpp"
#include "cli/lock_setup.hpp"
#include "core/exit_codes.hpp"
#include "state/sqlite_run_lock.hpp"
#include "temp_dir.hpp"

using namespace scsctl;
using namespace scsctl::cli;

namespace {

bool locked(const std::string& path)
{
    auto lock = state::SqliteRunLock::open(path);
    REQUIRE(lock);
    auto holder = (*lock)->holder();
    REQUIRE(holder);
    return holder->has_value();
}

} // namespace

TEST_CASE("lock setup: a run's lock is held for its scope and released however it ends", "[lock]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / ".scsctl" / "state.db").string();
    GlobalOptions options;
    const Console console(options);
    {
        auto held = hold_run_lock(path, "run", console);
        REQUIRE(held);
        REQUIRE(*held != nullptr);
        CHECK(locked(path));
        auto second = hold_run_lock(path, "run", console); // this process holds it: refused
        REQUIRE_FALSE(second);
        CHECK(second.error() == core::k_exit_lock_held);
    }
    CHECK_FALSE(locked(path));
    try {
        auto held = hold_run_lock(path, "run", console);
        REQUIRE(held);
        CHECK(locked(path));
        throw std::runtime_error("a bug");
    } catch (const std::runtime_error&) {
    }
    CHECK_FALSE(locked(path));
}

TEST_CASE("lock setup: no journal location means no lock", "[lock]")
{
    GlobalOptions options;
    const Console console(options);
    auto none = hold_run_lock(std::nullopt, "run", console);
    REQUIRE(none);
    CHECK(*none == nullptr);
}

TEST_CASE("lock setup: --ttl durations", "[lock]")
{
    CHECK(parse_duration("90") == std::optional<double>(90));
    CHECK(parse_duration("90s") == std::optional<double>(90));
    CHECK(parse_duration("15m") == std::optional<double>(900));
    CHECK(parse_duration("2h") == std::optional<double>(7200));
    CHECK(parse_duration("1d") == std::optional<double>(86400));
    CHECK_FALSE(parse_duration(""));
    CHECK_FALSE(parse_duration("0"));
    CHECK_FALSE(parse_duration("m"));
    CHECK_FALSE(parse_duration("5w"));
    CHECK_FALSE(parse_duration("5mm"));
    CHECK_FALSE(parse_duration("-5"));
    CHECK_FALSE(parse_duration("1.5h"));
}
