// Finding and reading controller files; digests through OpenSSL's EVP interface.
#include "modules/local_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <openssl/evp.h>

namespace scsctl::modules {

namespace {

std::string digest_hex(const EVP_MD* md, std::string_view data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), out, &length, md, nullptr) != 1) {
        return {};
    }
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string text;
    for (unsigned int i = 0; i < length; ++i) {
        text += k_hex[out[i] >> 4];
        text += k_hex[out[i] & 15];
    }
    return text;
}

} // namespace

core::Result<std::string> find_local_file(std::string_view src, std::span<const std::string> search_paths,
                                          std::string_view subdir)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path wanted{std::string(src)};
    if (wanted.is_absolute()) {
        if (fs::exists(wanted, ec)) {
            return wanted.string();
        }
    } else {
        for (const auto& base : search_paths) {
            for (const fs::path& candidate : {fs::path(base) / subdir / wanted, fs::path(base) / wanted}) {
                if (fs::exists(candidate, ec)) {
                    return candidate.lexically_normal().string();
                }
            }
        }
    }
    return core::fail(core::Error{core::ErrorKind::failed,
                                  "Could not find or access '" + std::string(src) + "' on the Ansible Controller.",
                                  {}});
}

core::Result<std::string> read_local_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return core::fail(core::Error{core::ErrorKind::io, "could not read " + path, {}});
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::string sha1_hex(std::string_view data)
{
    return digest_hex(EVP_sha1(), data);
}

std::string md5_hex(std::string_view data)
{
    return digest_hex(EVP_md5(), data);
}

} // namespace scsctl::modules
