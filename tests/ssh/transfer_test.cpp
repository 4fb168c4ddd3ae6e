// Uploads, downloads and forwards against a real sshd (and a local endpoint): streaming,
// skipping unchanged files, mode/owner/become, failures, TCP and unix-socket forwards.
#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "temp_dir.hpp"
#include "transport_support.hpp"

using namespace scsctl;
using namespace scsctl::testing;
using transport::FailureKind;

namespace {

std::string random_bytes(std::size_t size, unsigned seed)
{
    std::mt19937 engine(seed);
    std::string out(size, '\0');
    for (char& c : out) {
        c = static_cast<char>(engine() & 0xff);
    }
    return out;
}

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

transport::UploadRequest content_upload(const std::string& path, std::string content)
{
    transport::UploadRequest request;
    request.remote_path = path;
    request.content = std::move(content);
    return request;
}

/// Listens on 127.0.0.1 (free port) or on a unix socket; a thread echoes every connection.
class EchoServer {
public:
    explicit EchoServer(const std::string& socket_path = {})
    {
        REQUIRE(::pipe(m_stop) == 0);
        if (socket_path.empty()) {
            m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            sockaddr_in in{};
            in.sin_family = AF_INET;
            in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            socklen_t length = sizeof(in);
            REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&in), sizeof(in)) == 0);
            REQUIRE(::getsockname(m_fd, reinterpret_cast<sockaddr*>(&in), &length) == 0);
            m_port = ntohs(in.sin_port);
        } else {
            m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            sockaddr_un un{};
            un.sun_family = AF_UNIX;
            socket_path.copy(un.sun_path, sizeof(un.sun_path) - 1);
            REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&un), sizeof(un)) == 0);
        }
        REQUIRE(::listen(m_fd, 16) == 0);
        m_thread = std::thread([this] { run(); });
    }
    ~EchoServer()
    {
        [[maybe_unused]] const ssize_t n = ::write(m_stop[1], "x", 1);
        m_thread.join();
        ::close(m_fd);
        ::close(m_stop[0]);
        ::close(m_stop[1]);
    }
    EchoServer(const EchoServer&) = delete;
    EchoServer& operator=(const EchoServer&) = delete;

    int port() const { return m_port; }

private:
    bool wait_readable(int fd)
    {
        pollfd fds[2] = {{fd, POLLIN, 0}, {m_stop[0], POLLIN, 0}};
        ::poll(fds, 2, -1);
        return (fds[1].revents & POLLIN) == 0;
    }
    void run()
    {
        while (wait_readable(m_fd)) {
            const int client = ::accept(m_fd, nullptr, nullptr);
            char buffer[4096];
            while (client >= 0 && wait_readable(client)) {
                const ssize_t n = ::read(client, buffer, sizeof(buffer));
                if (n <= 0 || ::write(client, buffer, static_cast<std::size_t>(n)) != n) {
                    break;
                }
            }
            if (client >= 0) {
                ::close(client);
            }
        }
    }

    int m_fd = -1;
    int m_port = 0;
    int m_stop[2] = {-1, -1};
    std::thread m_thread;
};

/// Connects to a forward's local end, sends `message`, returns what comes back.
std::string echo_through(const transport::ForwardResult& forward, const std::string& message)
{
    int fd = -1;
    if (forward.local_port != 0) {
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in in{};
        in.sin_family = AF_INET;
        in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        in.sin_port = htons(static_cast<std::uint16_t>(forward.local_port));
        REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&in), sizeof(in)) == 0);
    } else {
        fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un un{};
        un.sun_family = AF_UNIX;
        forward.local_address.copy(un.sun_path, sizeof(un.sun_path) - 1);
        REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&un), sizeof(un)) == 0);
    }
    timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    REQUIRE(::write(fd, message.data(), message.size()) == static_cast<ssize_t>(message.size()));
    std::string received;
    char buffer[4096];
    while (received.size() < message.size()) {
        const ssize_t n = ::read(fd, buffer, sizeof(buffer));
        if (n <= 0) {
            break;
        }
        received.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return received;
}

transport::Endpoint local_endpoint()
{
    transport::Endpoint endpoint;
    endpoint.name = "localhost";
    endpoint.local = true;
    return endpoint;
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

    auto forward = forward_sync(pool, host, transport::ForwardRequest{"127.0.0.1", 22, {}, {}});
    REQUIRE_FALSE(forward);
    CHECK(forward.error().kind == FailureKind::forward);
}

TEST_CASE("a forward reaches a TCP port and a unix socket on the host", "[transfer][forward]")
{
    SshdFixture sshd;
    TempDir local;
    EchoServer tcp_echo;
    const std::string host_socket = (sshd.dir() / "echo.sock").string();
    EchoServer unix_echo(host_socket);
    auto pool = std::make_unique<transport::Pool>();
    const auto host = pool->add(endpoint_for(sshd, 1));

    auto tcp = forward_sync(*pool, host, transport::ForwardRequest{"127.0.0.1", tcp_echo.port(), {}, {}});
    REQUIRE(tcp);
    CHECK(tcp->local_port > 0);
    CHECK(tcp->local_address == "127.0.0.1:" + std::to_string(tcp->local_port));
    CHECK(echo_through(*tcp, "hello over tcp") == "hello over tcp");
    CHECK(echo_through(*tcp, std::string(200000, 'z')) == std::string(200000, 'z'));

    const std::string local_socket = (local.path() / "forward.sock").string();
    auto unix_forward = forward_sync(*pool, host, transport::ForwardRequest{{}, 0, host_socket, local_socket});
    REQUIRE(unix_forward);
    CHECK(unix_forward->local_address == local_socket);
    CHECK(echo_through(*unix_forward, "hello over a unix socket") == "hello over a unix socket");

    // Commands still run beside the forwards; closing the host ends them promptly.
    auto command = run_sync(*pool, host, "echo beside");
    REQUIRE(command);
    const auto started = std::chrono::steady_clock::now();
    pool->close(host);
    pool.reset();
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
    CHECK_FALSE(std::filesystem::exists(local_socket));
}

TEST_CASE("uploads and downloads share one connection concurrently", "[transfer]")
{
    SshdFixture sshd;
    TempDir local;
    transport::PoolOptions options;
    options.channels_per_host = std::atoi(getenv("K_CH") ? getenv("K_CH") : "4");
    transport::Pool pool(options);
    const auto host = pool.add(endpoint_for(sshd, 1));
    const std::string seed = (sshd.dir() / "seed.bin").string();
    REQUIRE(upload_sync(pool, host, content_upload(seed, random_bytes(2 * 1024 * 1024, 9))));
    const int k_uploads = std::atoi(getenv("K_UP") ? getenv("K_UP") : "6");
    const int k_down = std::atoi(getenv("K_DOWN") ? getenv("K_DOWN") : "2");
    std::vector<std::future<transport::TransferOutcome>> futures;
    std::vector<std::unique_ptr<std::promise<transport::TransferOutcome>>> promises;
    for (int i = 0; i < k_uploads + k_down; ++i) {
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
    for (int i = 0; i < k_uploads + k_down; ++i) {
        auto outcome = futures[static_cast<std::size_t>(i)].get();
        INFO("transfer " << i << ": " << (outcome ? "" : outcome.error().message));
        REQUIRE(outcome);
        if (i < k_uploads) {
            const std::string path = (sshd.dir() / ("file" + std::to_string(i))).string();
            auto probe = run_sync(pool, host, "true");
            if (!probe) { fprintf(stderr, "LOG TAIL\n%s\n", sshd.log_tail(60).c_str()); }
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
