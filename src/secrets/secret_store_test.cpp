// Tests of the store: secretbox round trip (fast Argon2id limits), wrong password,
// corrupt and truncated files with located errors, never overwriting on completion,
// rotation, the formats each registry kind produces, atomic 0600 writes, the vault
// password file and script.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <regex>

#include "core/base64.hpp"
#include "secrets/secret_generate.hpp"
#include "secrets/secret_store.hpp"
#include "secrets/vault_password.hpp"
#include "temp_dir.hpp"

using namespace scsctl;
using namespace scsctl::secrets;

namespace {

const KdfLimits k_fast{1, 8192 * 8}; // tests only: the file records its own limits

std::string read(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace

TEST_CASE("secretbox round trip, and the header names format and limits", "[secrets]")
{
    auto sealed = seal_secrets("a: \"b\"\n", "pw", k_fast);
    REQUIRE(sealed);
    CHECK(sealed->starts_with("$SCSCTL_SECRETS;1;ARGON2ID13;XSALSA20POLY1305;1;65536\n"));
    CHECK(sealed->find("a: ") == std::string::npos);
    auto opened = open_secrets("s.yml", *sealed, "pw");
    REQUIRE(opened);
    CHECK(*opened == "a: \"b\"\n");
    auto again = seal_secrets("a: \"b\"\n", "pw", k_fast);
    CHECK(*again != *sealed); // fresh salt and nonce
}

TEST_CASE("wrong password, corrupt and truncated files are located errors", "[secrets]")
{
    const std::string sealed = *seal_secrets("secret_value: x\n", "pw", k_fast);
    auto wrong = open_secrets("s.yml", sealed, "other");
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().str() == "s.yml: cannot decrypt: wrong vault password, or the file was changed");

    std::string flipped = sealed;
    flipped[flipped.size() - 3] = flipped[flipped.size() - 3] == 'A' ? 'B' : 'A';
    CHECK_FALSE(open_secrets("s.yml", flipped, "pw"));

    auto bad_line = open_secrets("s.yml", sealed.substr(0, sealed.find('\n') + 1) + "abc$\n", "pw");
    REQUIRE_FALSE(bad_line);
    CHECK(bad_line.error().str() == "s.yml:2: not base64");

    auto truncated = open_secrets("s.yml", sealed.substr(0, sealed.find('\n') + 1) + "QUJD\n", "pw");
    REQUIRE_FALSE(truncated);
    CHECK(truncated.error().str().starts_with("s.yml: truncated: the encrypted body holds 3 bytes"));

    auto cut = open_secrets("s.yml", sealed.substr(0, sealed.size() - 10), "pw");
    REQUIRE_FALSE(cut);
    CHECK(cut.error().str().starts_with("s.yml: "));

    auto header = open_secrets("s.yml", "$SCSCTL_SECRETS;1;ARGON2ID13;XSALSA20POLY1305;99;1\nAAAA\n", "pw");
    REQUIRE_FALSE(header);
    CHECK(header.error().str().starts_with("s.yml:1: Argon2id limits out of range"));
    auto garbled = open_secrets("s.yml", "$SCSCTL_SECRETS;2\n", "pw");
    REQUIRE_FALSE(garbled);
    CHECK(garbled.error().str().starts_with("s.yml:1: "));
}

TEST_CASE("the store: missing is empty, save is 0600 and atomic, load reads it back", "[secrets]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / "inv" / ".scsctl" / "secrets.yml").string();
    auto empty = load_secret_store(path, std::nullopt);
    REQUIRE(empty);
    CHECK(empty->format == StoreFormat::missing);

    core::Value values = {{"b", "two\nlines \"quoted\""}, {"a", {{"private_key", "k"}, {"public_key", "p"}}}};
    REQUIRE(save_secret_store(path, values, "pw", k_fast));
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path() / "inv" / ".scsctl"),
                        std::filesystem::directory_iterator()) == 1); // no temporary left behind
    CHECK(store_is_encrypted(path));
    auto loaded = load_secret_store(path, std::string("pw"));
    REQUIRE(loaded);
    CHECK(loaded->format == StoreFormat::secretbox);
    CHECK(loaded->values == values);
    auto no_password = load_secret_store(path, std::nullopt);
    REQUIRE_FALSE(no_password);
    CHECK(no_password.error().message.find("--vault-password-file") != std::string::npos);

    const std::string plain = dir.write("plain.yml", "x: \"1234\"\n");
    auto read_plain = load_secret_store(plain, std::nullopt);
    REQUIRE(read_plain);
    CHECK(read_plain->format == StoreFormat::plain);
    CHECK_FALSE(load_secret_store(dir.write("list.yml", "- a\n"), std::nullopt));
}

TEST_CASE("default path: .scsctl/secrets.yml beside a file, inside a directory", "[secrets]")
{
    testing::TempDir dir;
    dir.write("inv/hosts.yml", "all: {}\n");
    CHECK(*default_secrets_path((dir.path() / "inv" / "hosts.yml").string()) ==
          (dir.path() / "inv" / ".scsctl" / "secrets.yml").string());
    CHECK(*default_secrets_path((dir.path() / "inv").string()) ==
          (dir.path() / "inv" / ".scsctl" / "secrets.yml").string());
    CHECK_FALSE(default_secrets_path("h1,h2,"));
}

TEST_CASE("completing never overwrites; generated values have their kind's format", "[secrets]")
{
    core::Value values = {{"database_password", "kept"}, {"extra", "mine"}};
    const auto added = complete_secrets(values);
    CHECK(values["database_password"] == "kept");
    CHECK(values["extra"] == "mine");
    CHECK(std::find(added.begin(), added.end(), "database_password") == added.end());
    CHECK(added.size() == secret_registry().size() - 1);
    CHECK(complete_secrets(values).empty());

    const std::string password = values["keystone_admin_password"];
    CHECK(std::regex_match(password, std::regex("[A-Za-z0-9]{32}")));
    CHECK(std::regex_match(values["horizon_secret_key"].get<std::string>(), std::regex("[0-9a-f]{64}")));
    CHECK(std::regex_match(values["ceph_cluster_fsid"].get<std::string>(),
                           std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
    const std::string fernet = values["keystone_credential_fernet_key"];
    CHECK(std::regex_match(fernet, std::regex("[A-Za-z0-9_-]{43}=")));
    const std::string ceph = values["ceph_client_admin_key"];
    auto raw = core::base64_decode(ceph);
    REQUIRE(raw);
    CHECK(raw->size() == 28);
    CHECK((*raw)[0] == 1); // AES
    CHECK((*raw)[10] == 16);
    const auto& key = values["nova_ssh_key"];
    CHECK(key["private_key"].get<std::string>().starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
    CHECK(key["public_key"].get<std::string>().starts_with("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA"));

    const core::Value rotated = generate_secret(*find_secret("keystone_admin_password"));
    CHECK(rotated != values["keystone_admin_password"]);
    CHECK(find_secret("nope") == nullptr);
}

TEST_CASE("the generated ssh key is accepted by ssh-keygen", "[secrets]")
{
    if (std::system("command -v ssh-keygen >/dev/null 2>&1") != 0) {
        SUCCEED("ssh-keygen not installed");
        return;
    }
    testing::TempDir dir;
    const core::Value key = generate_secret(*find_secret("nova_ssh_key"));
    const std::string path = dir.write("id", key["private_key"].get<std::string>());
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    const std::string out = (dir.path() / "pub").string();
    REQUIRE(std::system(("ssh-keygen -y -f '" + path + "' > '" + out + "'").c_str()) == 0);
    CHECK(read(out) == key["public_key"].get<std::string>() + "\n");
}

TEST_CASE("vault password: file contents stripped, scripts run, clear errors", "[secrets]")
{
    testing::TempDir dir;
    CHECK(*read_vault_password(dir.write("pw", "  my pass \n\n")) == "my pass");
    const std::string script = dir.write("pw.sh", "#!/bin/sh\necho 'from script'\n");
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    CHECK(*read_vault_password(script) == "from script");
    const std::string failing = dir.write("fail.sh", "#!/bin/sh\nexit 3\n");
    std::filesystem::permissions(failing, std::filesystem::perms::owner_all);
    auto failed = read_vault_password(failing);
    REQUIRE_FALSE(failed);
    CHECK(failed.error().message == "the vault password script failed (exit status 3)");
    auto missing = read_vault_password((dir.path() / "none").string());
    REQUIRE_FALSE(missing);
    CHECK(missing.error().str().ends_with("cannot read the vault password file: No such file or directory"));
    auto empty = read_vault_password(dir.write("empty", "\n"));
    REQUIRE_FALSE(empty);
    CHECK(empty.error().message == "the vault password is empty");
}
