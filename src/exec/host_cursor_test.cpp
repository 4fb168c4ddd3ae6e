// HostCursor: Ansible's block semantics (block → rescue → always), nested blocks,
// failures in rescue/always, pending failures, and include lists pushed at run time.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "exec/host_cursor.hpp"

using scsctl::exec::HostCursor;
using scsctl::model::Task;
using scsctl::model::TaskKind;

namespace {

Task action(const std::string& name)
{
    Task task;
    task.name = name;
    task.action = "debug";
    return task;
}

Task block(std::vector<Task> body, std::vector<Task> rescue = {}, std::vector<Task> always = {})
{
    Task task;
    task.kind = TaskKind::block;
    task.block = std::move(body);
    task.rescue = std::move(rescue);
    task.always = std::move(always);
    return task;
}

std::string next_name(HostCursor& cursor)
{
    const Task* task = cursor.next();
    return task == nullptr ? std::string("<end>") : task->name;
}

/// Walks the cursor to the end, failing the tasks named in `failing`; returns the names
/// of the tasks returned, with "!" after a failed one ("!R" when rescue caught it).
std::string walk(HostCursor& cursor, const std::vector<std::string>& failing)
{
    std::string out;
    while (const Task* task = cursor.next()) {
        out += (out.empty() ? "" : " ") + task->name;
        if (std::find(failing.begin(), failing.end(), task->name) != failing.end()) {
            bool rescued = false;
            const bool caught = cursor.fail(&rescued);
            out += caught ? (rescued ? "!R" : "!A") : "!X";
        }
    }
    return out;
}

} // namespace

TEST_CASE("HostCursor walks a plain list and reports the end", "[exec]")
{
    const std::vector<Task> root{action("a"), action("b"), action("c")};
    HostCursor cursor(root);
    CHECK(walk(cursor, {}) == "a b c");
    CHECK_FALSE(cursor.failed());
    CHECK(cursor.next() == nullptr);
}

TEST_CASE("HostCursor: an empty list ends at once", "[exec]")
{
    const std::vector<Task> root;
    HostCursor cursor(root);
    CHECK(cursor.next() == nullptr);
    CHECK_FALSE(cursor.failed());
}

TEST_CASE("HostCursor: blocks without failures run block then always", "[exec]")
{
    const std::vector<Task> root{block({action("b1"), action("b2")}, {action("r1")}, {action("a1")}), action("t")};
    HostCursor cursor(root);
    CHECK(walk(cursor, {}) == "b1 b2 a1 t");
    CHECK_FALSE(cursor.failed());
}

TEST_CASE("HostCursor: a failure in block moves to rescue, then always, then on", "[exec]")
{
    const std::vector<Task> root{block({action("b1"), action("b2"), action("b3")}, {action("r1"), action("r2")},
                                       {action("a1")}),
                                 action("t")};
    HostCursor cursor(root);
    CHECK(walk(cursor, {"b2"}) == "b1 b2!R r1 r2 a1 t");
    CHECK_FALSE(cursor.failed());
}

TEST_CASE("HostCursor: a failure caught only by always fails the host after always", "[exec]")
{
    const std::vector<Task> root{block({action("b1"), action("b2")}, {}, {action("a1"), action("a2")}), action("t")};
    HostCursor cursor(root);
    CHECK(walk(cursor, {"b1"}) == "b1!A a1 a2");
    CHECK(cursor.failed());
}

TEST_CASE("HostCursor: a failure with no block fails the host at once", "[exec]")
{
    const std::vector<Task> root{action("a"), action("b")};
    HostCursor cursor(root);
    CHECK(next_name(cursor) == "a");
    bool rescued = true;
    CHECK_FALSE(cursor.fail(&rescued));
    CHECK_FALSE(rescued);
    CHECK(cursor.failed());
    CHECK(cursor.next() == nullptr);
}

TEST_CASE("HostCursor: a failure in rescue runs always, then fails the host", "[exec]")
{
    const std::vector<Task> root{block({action("b1")}, {action("r1"), action("r2")}, {action("a1")}), action("t")};
    HostCursor cursor(root);
    CHECK(walk(cursor, {"b1", "r1"}) == "b1!R r1!A a1");
    CHECK(cursor.failed());
}

TEST_CASE("HostCursor: a failure in rescue without always fails the host", "[exec]")
{
    const std::vector<Task> root{block({action("b1")}, {action("r1"), action("r2")}), action("t")};
    HostCursor cursor(root);
    CHECK(walk(cursor, {"b1", "r1"}) == "b1!R r1!X");
    CHECK(cursor.failed());
}

TEST_CASE("HostCursor: a failure in always fails the host", "[exec]")
{
    const std::vector<Task> root{block({action("b1")}, {action("r1")}, {action("a1"), action("a2")}), action("t")};
    HostCursor cursor(root);
    CHECK(walk(cursor, {"a1"}) == "b1 a1!X");
    CHECK(cursor.failed());
}

TEST_CASE("HostCursor: nested block rescued inside, the outer block goes on", "[exec]")
{
    const std::vector<Task> root{
        block({block({action("i1"), action("i2")}, {action("ir")}, {action("ia")}), action("o2")}, {action("or")},
              {action("oa")}),
        action("t")};
    HostCursor cursor(root);
    CHECK(walk(cursor, {"i1"}) == "i1!R ir ia o2 oa t");
    CHECK_FALSE(cursor.failed());
}

TEST_CASE("HostCursor: inner always-only block passes its failure to the outer rescue", "[exec]")
{
    const std::vector<Task> root{
        block({block({action("i1"), action("i2")}, {}, {action("ia")}), action("o2")}, {action("or")}, {action("oa")}),
        action("t")};
    HostCursor cursor(root);
    // The inner always runs first; the failure is still pending, the outer rescue takes it.
    // fail() already says "rescued" (R): Ansible counts it rescued when it happens.
    CHECK(walk(cursor, {"i1"}) == "i1!R ia or oa t");
    CHECK_FALSE(cursor.failed());
}

TEST_CASE("HostCursor: pending failure propagates through nested always sections", "[exec]")
{
    const std::vector<Task> root{
        block({block({action("i1")}, {}, {action("ia")}), action("o2")}, {}, {action("oa")}), action("t")};
    HostCursor cursor(root);
    CHECK(walk(cursor, {"i1"}) == "i1!A ia oa");
    CHECK(cursor.failed());
}

TEST_CASE("HostCursor: inner block without rescue or always goes straight to the outer rescue", "[exec]")
{
    const std::vector<Task> root{block({block({action("i1"), action("i2")}), action("o2")}, {action("or")}), action("t")};
    HostCursor cursor(root);
    CHECK(walk(cursor, {"i1"}) == "i1!R or t");
    CHECK_FALSE(cursor.failed());
}

TEST_CASE("HostCursor: a failure in an outer rescue after an inner one", "[exec]")
{
    const std::vector<Task> root{
        block({block({action("i1")}, {action("ir")})}, {action("or")}, {action("oa")}), action("t")};
    HostCursor cursor(root);
    CHECK(walk(cursor, {"i1", "ir"}) == "i1!R ir!R or oa t");
    CHECK_FALSE(cursor.failed());
}

TEST_CASE("HostCursor: empty blocks and sections are skipped", "[exec]")
{
    const std::vector<Task> root{block({}), block({action("b")}, {}, {}), block({}, {}, {action("a")}), action("t")};
    HostCursor cursor(root);
    CHECK(walk(cursor, {}) == "b a t");
}

TEST_CASE("HostCursor: pushed include tasks run before what follows the include", "[exec]")
{
    const std::vector<Task> root{action("a"), action("inc"), action("b")};
    HostCursor cursor(root);
    CHECK(next_name(cursor) == "a");
    CHECK(next_name(cursor) == "inc");
    cursor.push(std::make_shared<const std::vector<Task>>(std::vector<Task>{action("i1"), action("i2")}));
    CHECK(next_name(cursor) == "i1");
    // Nested include inside the include.
    cursor.push(std::make_shared<const std::vector<Task>>(std::vector<Task>{action("n1")}));
    CHECK(next_name(cursor) == "n1");
    CHECK(next_name(cursor) == "i2");
    CHECK(next_name(cursor) == "b");
    CHECK(next_name(cursor) == "<end>");
    CHECK_FALSE(cursor.failed());
}

TEST_CASE("HostCursor: pushed include holding a block", "[exec]")
{
    const std::vector<Task> root{action("inc"), action("b")};
    HostCursor cursor(root);
    CHECK(next_name(cursor) == "inc");
    cursor.push(std::make_shared<const std::vector<Task>>(
        std::vector<Task>{block({action("x1"), action("x2")}, {action("xr")}), action("i2")}));
    CHECK(walk(cursor, {"x1"}) == "x1!R xr i2 b");
    CHECK_FALSE(cursor.failed());
}

TEST_CASE("HostCursor: a failure in an included task is rescued by the block around the include", "[exec]")
{
    const std::vector<Task> root{block({action("inc"), action("after-inc")}, {action("r")}, {action("a")}), action("t")};
    HostCursor cursor(root);
    CHECK(next_name(cursor) == "inc");
    cursor.push(std::make_shared<const std::vector<Task>>(std::vector<Task>{action("i1"), action("i2")}));
    CHECK(walk(cursor, {"i1"}) == "i1!R r a t");
    CHECK_FALSE(cursor.failed());
}

TEST_CASE("HostCursor: a failure in an included task outside any block fails the host", "[exec]")
{
    const std::vector<Task> root{action("inc"), action("b")};
    HostCursor cursor(root);
    CHECK(next_name(cursor) == "inc");
    cursor.push(std::make_shared<const std::vector<Task>>(std::vector<Task>{action("i1"), action("i2")}));
    CHECK(walk(cursor, {"i1"}) == "i1!X");
    CHECK(cursor.failed());
}
