// Uploads and downloads against a real sshd (and a local endpoint): streaming, skipping
// unchanged files, mode/owner/become, failures, concurrency and cancellation.
#include <catch2/catch.hpp>

#include <filesystem>
#include <thread>

#include "temp_dir.hpp"
#include "transport_support.hpp"

using namespace scsctl;
using namespace scsctl::testing;
using transport::FailureKind;

namespace {

/// Runs `command` on the host and returns its stdout (the host side of a check).
std::string on_host(transport::Pool& pool, transport::HostHandle host, const std::string& command)
{
    auto outcome = run_sync(pool, host, command);
    REQUIRE(outcome);
    INFO(outcome->stderr_data);
    REQUIRE(outcome->exit_status == 0);
    return outcome->stdout_data;
}

std::string sha256_of(transport::Pool& pool, transport::HostHandle host, const std::string& path)
{
    return on_host(pool, host, "sha256sum < '" + path + "' | cut -d' ' -f1 | tr -d '\\n'");
}

} // namespace

TEST_CASE("a 20 MB upload is streamed and an unchanged one sends nothing", "[transfer]")
{
    SshdFixture sshd;
    TempDir local;
    const std::string source = local.write("big.bin", random_bytes(20 * 1024 * 1024, 1));
    const std::string dest = (sshd.dir() / "big.bin").string();
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    transport::UploadRequest request;
    request.remote_path = dest;
    request.local_path = source;

    auto first = upload_sync(pool, host, request);
    REQUIRE(first);
    CHECK(first->changed);
    CHECK(first->bytes == 20u * 1024 * 1024);
    const std::string expected = run_checked({"/usr/bin/sha256sum", source}).output.substr(0, 64);
    CHECK(first->sha256 == expected);
    CHECK(sha256_of(pool, host, dest) == expected);
    CHECK(on_host(pool, host, "stat -c %a " + dest) == "644\n"); // new files default to 0644
    const std::string before = on_host(pool, host, "stat -c '%i %y' " + dest);

    auto second = upload_sync(pool, host, request);
    REQUIRE(second);
    CHECK_FALSE(second->changed);
    CHECK(second->bytes == 0);
    CHECK(second->sha256 == expected);
    CHECK(on_host(pool, host, "stat -c '%i %y' " + dest) == before); // same inode, same mtime
    CHECK(on_host(pool, host, "ls -a " + sshd.dir().string() + " | grep -c scsctl-tmp || true") == "0\n");

    request.skip_unchanged = false; // no probe: sent again, replaced atomically
    auto forced = upload_sync(pool, host, request);
    REQUIRE(forced);
    CHECK(forced->changed);
    CHECK(forced->bytes == 20u * 1024 * 1024);
    CHECK(on_host(pool, host, "stat -c '%i %y' " + dest) != before);
}

TEST_CASE("an upload sets mode, owner and group; metadata-only changes send no bytes", "[transfer]")
{
    SudoUsers::ensure(); // the owner below
    SshdFixture sshd;
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1)); // the uid-0 login user can chown
    const std::string dest = (sshd.dir() / "owned.txt").string();
    auto request = content_upload(dest, "content upload\n");
    request.mode = 0640;
    request.owner = SudoUsers::k_nopasswd_user;
    request.group = SudoUsers::k_nopasswd_user;
    auto first = upload_sync(pool, host, request);
    REQUIRE(first);
    CHECK(first->changed);
    CHECK(first->bytes == 15);
    const std::string owner = SudoUsers::k_nopasswd_user;
    CHECK(on_host(pool, host, "stat -c '%a %U %G' " + dest) == "640 " + owner + " " + owner + "\n");
    CHECK(on_host(pool, host, "cat " + dest) == "content upload\n");

    request.mode = 0600;
    auto chmod_only = upload_sync(pool, host, request);
    REQUIRE(chmod_only);
    CHECK(chmod_only->changed);
    CHECK(chmod_only->bytes == 0);
    CHECK(on_host(pool, host, "stat -c '%a %U %G' " + dest) == "600 " + owner + " " + owner + "\n");

    auto again = upload_sync(pool, host, request);
    REQUIRE(again);
    CHECK_FALSE(again->changed);

    request.mode.reset(); // an existing file keeps its mode
    request.content = "new content\n";
    auto replaced = upload_sync(pool, host, request);
    REQUIRE(replaced);
    CHECK(replaced->changed);
    CHECK(on_host(pool, host, "stat -c '%a' " + dest) == "600\n");
}

TEST_CASE("with become an upload reaches a root-only directory through sudo", "[transfer][become]")
{
    const SudoUsers users = SudoUsers::ensure();
    SshdFixture sshd;
    const auto dir = sshd.dir() / "root-only";
    std::filesystem::create_directory(dir);
    std::filesystem::permissions(dir, std::filesystem::perms(0700));
    const std::string dest = (dir / "app.conf").string();
    transport::Pool pool;
    const auto root = pool.add(endpoint_for(sshd, 1));
    SECTION("NOPASSWD sudo")
    {
        const auto host = pool.add(endpoint_for(sshd, 1, SudoUsers::k_nopasswd_user));
        const transport::Become become{"root", ""};
        auto denied = upload_sync(pool, host, content_upload(dest, "x"));
        REQUIRE_FALSE(denied);
        CHECK(denied.error().kind == FailureKind::transfer);

        auto first = upload_sync(pool, host, content_upload(dest, "setting=1\n"), become);
        REQUIRE(first);
        CHECK(first->changed);
        CHECK(on_host(pool, root, "stat -c '%a %U %G' " + dest) == "644 root root\n"); // the become user's
        auto request = content_upload(dest, "setting=1\n");
        request.owner = SudoUsers::k_nopasswd_user;
        request.mode = 0600;
        auto chown = upload_sync(pool, host, request, become);
        REQUIRE(chown);
        CHECK(chown->bytes == 0);
        const std::string expected = "600 " + std::string(SudoUsers::k_nopasswd_user) + " root\n";
        CHECK(on_host(pool, root, "stat -c '%a %U %G' " + dest) == expected);
        auto same = upload_sync(pool, host, request, become);
        REQUIRE(same);
        CHECK_FALSE(same->changed);
    }
    SECTION("sudo with a password")
    {
        const auto host = pool.add(endpoint_for(sshd, 1, SudoUsers::k_password_user));
        auto uploaded = upload_sync(pool, host, content_upload(dest, "secret\n"), transport::Become{"root", users.password});
        REQUIRE(uploaded);
        CHECK(on_host(pool, root, "cat " + dest) == "secret\n");
        auto refused = upload_sync(pool, host, content_upload(dest, "other\n"), transport::Become{"root", ""});
        REQUIRE_FALSE(refused);
        CHECK(refused.error().kind == FailureKind::sudo_password);
    }
}

TEST_CASE("a download streams a remote file back, byte for byte", "[transfer]")
{
    SshdFixture sshd;
    TempDir local;
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    const std::string remote = (sshd.dir() / "data.bin").string();
    const std::string content = random_bytes(3 * 1024 * 1024 + 17, 2);
    REQUIRE(upload_sync(pool, host, content_upload(remote, content)));

    const std::string target = (local.path() / "data.bin").string();
    auto outcome = download_sync(pool, host, transport::DownloadRequest{remote, target});
    REQUIRE(outcome);
    CHECK(outcome->bytes == content.size());
    CHECK(outcome->sha256 == sha256_of(pool, host, remote));
    CHECK(read_text_file(target) == content);

    auto missing = download_sync(pool, host, transport::DownloadRequest{remote + ".missing", target});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().kind == FailureKind::transfer);
    CHECK(missing.error().message.find("h1: download from " + remote + ".missing") != std::string::npos);
    CHECK(missing.error().message.find("No such file") != std::string::npos);
    CHECK(std::distance(std::filesystem::directory_iterator(local.path()), {}) == 1); // no temp left
}

TEST_CASE("an upload to a missing directory fails with a clear message", "[transfer]")
{
    SshdFixture sshd;
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    const std::string dest = (sshd.dir() / "no" / "such" / "file").string();
    auto request = content_upload(dest, "data");
    auto probed = upload_sync(pool, host, request);
    REQUIRE_FALSE(probed);
    CHECK(probed.error().kind == FailureKind::transfer);
    CHECK(probed.error().message == "h1: upload to " + dest + ": directory " + (sshd.dir() / "no" / "such").string() +
                                        " does not exist");

    request.skip_unchanged = false; // straight to SFTP
    auto sent = upload_sync(pool, host, request);
    REQUIRE_FALSE(sent);
    CHECK(sent.error().kind == FailureKind::transfer);
    CHECK(sent.error().message.find("h1: upload to " + dest + ": cannot create") != std::string::npos);
    CHECK(sent.error().message.find("No such file or directory") != std::string::npos);

    transport::UploadRequest unreadable;
    unreadable.remote_path = (sshd.dir() / "x").string();
    unreadable.local_path = "/nonexistent/source";
    auto no_source = upload_sync(pool, host, unreadable);
    REQUIRE_FALSE(no_source);
    CHECK(no_source.error().message.find("cannot read /nonexistent/source") != std::string::npos);

    auto after = run_sync(pool, host, "echo still usable");
    REQUIRE(after);
    CHECK(after->stdout_data == "still usable\n");
}

TEST_CASE("a local endpoint uploads and downloads with plain file operations", "[transfer][local]")
{
    SudoUsers::ensure();
    TempDir dir;
    transport::Pool pool;
    const auto host = pool.add(local_endpoint());
    const std::string source = dir.write("source.bin", random_bytes(5 * 1024 * 1024, 3));
    const std::string dest = (dir.path() / "dest.bin").string();
    transport::UploadRequest request;
    request.remote_path = dest;
    request.local_path = source;
    request.mode = 0640;
    request.owner = SudoUsers::k_nopasswd_user;
    auto first = upload_sync(pool, host, request);
    REQUIRE(first);
    CHECK(first->changed);
    CHECK(first->bytes == 5u * 1024 * 1024);
    CHECK(first->sha256 == run_checked({"/usr/bin/sha256sum", source}).output.substr(0, 64));
    CHECK(read_text_file(dest) == read_text_file(source));
    CHECK(run_checked({"/usr/bin/stat", "-c", "%a %U", dest}).output ==
          "640 " + std::string(SudoUsers::k_nopasswd_user) + "\n");
    const std::string before = run_checked({"/usr/bin/stat", "-c", "%i %y", dest}).output;
    auto second = upload_sync(pool, host, request);
    REQUIRE(second);
    CHECK_FALSE(second->changed);
    CHECK(run_checked({"/usr/bin/stat", "-c", "%i %y", dest}).output == before);

    auto with_become = upload_sync(pool, host, content_upload((dir.path() / "root.txt").string(), "as root\n"),
                                   transport::Become{"root", ""});
    REQUIRE(with_become);
    CHECK(read_text_file(dir.path() / "root.txt") == "as root\n");

    const std::string copy = (dir.path() / "copy.bin").string();
    auto down = download_sync(pool, host, transport::DownloadRequest{dest, copy});
    REQUIRE(down);
    CHECK(down->sha256 == first->sha256);
    CHECK(read_text_file(copy) == read_text_file(source));

    auto missing = upload_sync(pool, host, content_upload((dir.path() / "no" / "file").string(), "x"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().kind == FailureKind::transfer);
    CHECK(missing.error().message.find("does not exist") != std::string::npos);
}

TEST_CASE("uploads and downloads share one connection concurrently", "[transfer]")
{
    SshdFixture sshd;
    TempDir local;
    constexpr int k_uploads = 6;
    std::vector<std::future<transport::TransferOutcome>> futures;
    std::vector<std::unique_ptr<std::promise<transport::TransferOutcome>>> promises; // outlive the pool
    transport::Pool pool; // 4 channels: probes, SFTP sessions and finishing commands interleave
    const auto host = pool.add(endpoint_for(sshd, 1));
    const std::string seed = (sshd.dir() / "seed.bin").string();
    REQUIRE(upload_sync(pool, host, content_upload(seed, random_bytes(2 * 1024 * 1024, 9))));
    for (int i = 0; i < k_uploads + 2; ++i) {
        promises.push_back(std::make_unique<std::promise<transport::TransferOutcome>>());
        futures.push_back(promises.back()->get_future());
        auto done = [promise = promises.back().get()](transport::TransferOutcome outcome) {
            promise->set_value(std::move(outcome));
        };
        if (i < k_uploads) {
            const std::string path = (sshd.dir() / ("file" + std::to_string(i))).string();
            pool.upload(host, content_upload(path, random_bytes(1024 * 1024, static_cast<unsigned>(i + 10))),
                        std::nullopt, done);
        } else {
            const std::string target = (local.path() / ("copy" + std::to_string(i))).string();
            pool.download(host, transport::DownloadRequest{seed, target}, done);
        }
    }
    for (int i = 0; i < k_uploads + 2; ++i) {
        auto outcome = futures[static_cast<std::size_t>(i)].get();
        INFO("transfer " << i << ": " << (outcome ? "" : outcome.error().message));
        REQUIRE(outcome);
        if (i < k_uploads) {
            const std::string path = (sshd.dir() / ("file" + std::to_string(i))).string();
            CHECK(sha256_of(pool, host, path) == outcome->sha256);
        } else {
            CHECK(outcome->sha256 == sha256_of(pool, host, seed));
        }
    }
}

TEST_CASE("a cancelled upload is interrupted and leaves no temporary file", "[transfer]")
{
    SshdFixture sshd;
    TempDir local;
    const std::string source = (local.path() / "sparse.bin").string();
    run_checked({"/usr/bin/truncate", "-s", "4G", source});
    const auto dir = sshd.dir() / "target";
    std::filesystem::create_directory(dir);
    auto pool = std::make_unique<transport::Pool>();
    const auto host = pool->add(endpoint_for(sshd, 1));
    transport::UploadRequest request;
    request.remote_path = (dir / "huge.bin").string();
    request.local_path = source;
    request.skip_unchanged = false;
    std::promise<transport::TransferOutcome> promise;
    pool->upload(host, request, std::nullopt,
                 [&promise](transport::TransferOutcome outcome) { promise.set_value(std::move(outcome)); });
    auto future = promise.get_future();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1); // the temporary file
    pool->cancel();
    REQUIRE(future.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
    auto outcome = future.get();
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().kind == FailureKind::interrupted);
    pool.reset(); // releases: the temporary file is removed over SFTP before disconnecting
    CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 0);
}

TEST_CASE("an upload without owner or group renames over SFTP when dest is new, else replaces it with mv",
          "[transfer]")
{
    SshdFixture sshd;
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    const std::string dir = (sshd.dir() / "plain").string();
    REQUIRE(on_host(pool, host, "mkdir " + dir + " && echo ok") == "ok\n");
    const std::string dest = dir + "/file.txt";

    auto request = content_upload(dest, "first\n");
    request.mode = 0640;
    request.skip_unchanged = false;
    auto created = upload_sync(pool, host, request);
    REQUIRE(created);
    CHECK(created->changed);
    CHECK(on_host(pool, host, "stat -c '%a %h' " + dest + "; cat " + dest) == "640 1\nfirst\n");

    request.mode.reset(); // the existing file's mode is kept (SFTP stat + setstat, then mv)
    request.content = "second\n";
    auto replaced = upload_sync(pool, host, request);
    REQUIRE(replaced);
    CHECK(replaced->changed);
    CHECK(on_host(pool, host, "stat -c '%a %h' " + dest + "; cat " + dest) == "640 1\nsecond\n");

    const std::string fresh = dir + "/fresh.txt"; // new, no mode asked for: 0644
    auto made = upload_sync(pool, host, content_upload(fresh, "fresh\n"));
    REQUIRE(made);
    CHECK(on_host(pool, host, "stat -c '%a' " + fresh + "; cat " + fresh) == "644\nfresh\n");
    CHECK(on_host(pool, host, "ls -A " + dir) == "file.txt\nfresh.txt\n"); // no temporaries left
}
