// Tests of the persistent shell's framing: the splitter against markers split at every
// byte, look-alike markers, binary output; and the command text run through a real
// /bin/sh (no SSH), fed the way a channel would, byte by byte.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <set>

#include "transport/shell_frames.hpp"

using namespace scsctl::transport;

namespace {

struct Split {
    std::string output;
    int status = -1;
    bool complete = false;
    std::size_t trailing = 0;
};

Split split(std::string_view stream, const std::string& nonce, bool with_status, std::size_t chunk)
{
    StreamFrame frame(nonce, with_status);
    Split out;
    for (std::size_t at = 0; at < stream.size(); at += chunk) {
        out.output += frame.feed(stream.substr(at, chunk));
    }
    out.complete = frame.complete();
    out.status = frame.status();
    out.trailing = frame.trailing();
    if (!out.complete) {
        out.output += frame.held();
    }
    return out;
}

/// Runs `script` with /bin/sh reading it on stdin; returns {stdout, stderr}.
std::pair<std::string, std::string> run_sh(const std::string& script)
{
    char dir[] = "/tmp/scsctl-frames-XXXXXX";
    REQUIRE(::mkdtemp(dir) != nullptr);
    const std::string base = dir;
    std::ofstream(base + "/in", std::ios::binary) << script;
    const std::string command =
        "/bin/sh < " + base + "/in > " + base + "/out 2> " + base + "/err; rm -f " + base + "/in";
    REQUIRE(std::system(command.c_str()) == 0);
    auto slurp = [](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    auto result = std::make_pair(slurp(base + "/out"), slurp(base + "/err"));
    std::system(("rm -rf " + base).c_str());
    return result;
}

} // namespace

TEST_CASE("shell nonces are fresh and hex", "[persistent-shell]")
{
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        const std::string nonce = shell_nonce();
        CHECK(nonce.size() == 6 + 32);
        CHECK(nonce.find_first_not_of("0123456789abcdef", 6) == std::string::npos);
        seen.insert(nonce);
    }
    CHECK(seen.size() == 100);
}

TEST_CASE("the stream splitter finds a marker split at any byte", "[persistent-shell]")
{
    const std::string nonce = shell_nonce();
    const std::string output = "abc" + nonce.substr(0, 10) + "x\n" + nonce.substr(0, 37) + "tail no newline";
    const std::string stream = output + nonce + "42\n";
    for (std::size_t chunk = 1; chunk <= stream.size(); ++chunk) {
        const Split got = split(stream, nonce, true, chunk);
        INFO("chunk " << chunk);
        CHECK(got.complete);
        CHECK(got.output == output);
        CHECK(got.status == 42);
        CHECK(got.trailing == 0);
    }
    const Split err = split("err" + nonce, nonce, false, 3);
    CHECK(err.complete);
    CHECK(err.output == "err");
}

TEST_CASE("the stream splitter passes binary output and holds only a possible marker start", "[persistent-shell]")
{
    const std::string nonce = shell_nonce();
    std::string binary;
    for (int i = 0; i < 4096; ++i) {
        binary += static_cast<char>(i % 256);
    }
    StreamFrame frame(nonce, true);
    CHECK(frame.feed(binary) == binary); // no byte of it starts the marker ("s")
    CHECK(frame.feed("xs") == "x");      // "s" may start it: held back
    CHECK(frame.held() == "s");
    CHECK(frame.feed("y") == "sy");
    CHECK_FALSE(frame.complete());
    CHECK(frame.feed(nonce + "7\nlate") == "");
    CHECK(frame.complete());
    CHECK(frame.status() == 7);
    CHECK(frame.trailing() == 4);
}

TEST_CASE("the READY line gives the shell's pid and rejects anything else", "[persistent-shell]")
{
    const std::string nonce = shell_nonce();
    ReadyLine ready(nonce);
    CHECK(ready.feed(nonce.substr(0, 5)).empty());
    CHECK(ready.feed(nonce.substr(5) + " 4321\nrest") == "rest");
    CHECK(ready.complete());
    CHECK(ready.pid() == 4321);

    ReadyLine wrong(nonce);
    wrong.feed("fish: Unknown command\n");
    CHECK(wrong.garbled());
    CHECK_FALSE(wrong.complete());
}

TEST_CASE("the command text keeps each command in its own subshell under a real /bin/sh", "[persistent-shell]")
{
    const std::string ready = shell_nonce();
    std::vector<std::string> nonces;
    const std::vector<std::string> commands = {
        "cd /; X=leaked; printf 'no newline'",
        "pwd; echo \"X=${X:-unset}\"; exit 7",
        "echo ')' unbalanced 'quote", // a syntax error ends its subshell only
        "cat; echo stdin-eof; printf 'e' >&2",
        "exit 255",
    };
    std::string script;
    for (std::size_t i = 0; i < commands.size(); ++i) {
        nonces.push_back(shell_nonce());
        script += shell_command_text(commands[i], nonces.back(), i == 0 ? ready : std::string());
    }
    script += "this line must not be read by a command\n";
    const auto [out, err] = run_sh("cd /tmp\n" + script);

    ReadyLine line(ready);
    std::string_view rest = line.feed(out);
    REQUIRE(line.complete());
    std::string err_rest = err;
    std::vector<std::pair<std::string, int>> results;
    std::vector<std::string> errors;
    for (const auto& nonce : nonces) {
        StreamFrame o(nonce, true);
        StreamFrame e(nonce, false);
        const std::string got = o.feed(rest);
        REQUIRE(o.complete());
        results.emplace_back(got, o.status());
        const std::size_t end = rest.find(nonce) + nonce.size();
        rest.remove_prefix(rest.find('\n', end) + 1);
        errors.push_back(e.feed(err_rest));
        REQUIRE(e.complete());
        err_rest.erase(0, err_rest.find(nonce) + nonce.size());
    }
    CHECK(results[0] == std::make_pair(std::string("no newline"), 0));
    CHECK(results[1] == std::make_pair(std::string("/tmp\nX=unset\n"), 7));
    CHECK(results[2].second == 2);
    CHECK(!errors[2].empty());
    CHECK(results[3] == std::make_pair(std::string("stdin-eof\n"), 0));
    CHECK(errors[3] == "e");
    CHECK(results[4].second == 255);
}
