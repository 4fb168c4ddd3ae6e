// TempDir: a private directory for one test, removed with everything in it at scope exit
// (also when the test fails), so tests can run side by side.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace scsctl::testing {

class TempDir {
public:
    TempDir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "scsctl-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        m_path = pattern;
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }

    /// Writes `content` to `relative` (creating parent directories) and returns its path.
    std::string write(const std::string& relative, const std::string& content) const
    {
        const auto full = m_path / relative;
        std::filesystem::create_directories(full.parent_path());
        std::ofstream out(full, std::ios::binary);
        out << content;
        return full.string();
    }

private:
    std::filesystem::path m_path;
};

} // namespace scsctl::testing
