// The shared main() of the fuzz harnesses. Built with an AFL++ compiler that has the
// persistent-mode runtime (afl-g++-fast, afl-clang-fast: CMake then defines
// SCSCTL_AFL_PERSISTENT), it runs in AFL's persistent mode over shared-memory test cases.
// Built with classic afl-g++ (no persistent runtime: AFL's fork server runs it once per
// input) or with a plain compiler, it runs each input once, read from the files named on
// the command line (or from stdin), so the same harness replays the corpus in CI.
// A harness defines `void fuzz_one(std::string_view input)` and includes this file once.
#pragma once

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>

void fuzz_one(std::string_view input);

#if defined(__AFL_COMPILER) && defined(SCSCTL_AFL_PERSISTENT)
#include <unistd.h> // read(): the stdin fallback of __AFL_FUZZ_TESTCASE_LEN without shared memory
__AFL_FUZZ_INIT();
#endif

int main(int argc, char** argv)
{
#if defined(__AFL_COMPILER) && defined(SCSCTL_AFL_PERSISTENT)
    if (argc < 2) {
        __AFL_INIT();
        const unsigned char* buffer = __AFL_FUZZ_TESTCASE_BUF;
        while (__AFL_LOOP(10000)) {
            const auto length = static_cast<std::size_t>(__AFL_FUZZ_TESTCASE_LEN);
            fuzz_one(std::string_view(reinterpret_cast<const char*>(buffer), length));
        }
        return 0;
    }
#endif
    if (argc < 2) {
        std::ostringstream text;
        text << std::cin.rdbuf();
        fuzz_one(text.str());
        return 0;
    }
    for (int i = 1; i < argc; ++i) {
        std::ifstream file(argv[i], std::ios::binary);
        if (!file) {
            std::fprintf(stderr, "cannot read %s\n", argv[i]);
            return 2;
        }
        const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        fuzz_one(text);
    }
    return 0;
}
