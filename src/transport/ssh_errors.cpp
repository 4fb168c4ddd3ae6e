// Classifying and describing libssh2 error codes.
#include "transport/ssh_operation.hpp"

namespace scsctl::transport {

bool is_connection_error(int rc)
{
    switch (rc) {
    case LIBSSH2_ERROR_SOCKET_NONE:
    case LIBSSH2_ERROR_BANNER_RECV:
    case LIBSSH2_ERROR_BANNER_SEND:
    case LIBSSH2_ERROR_INVALID_MAC:
    case LIBSSH2_ERROR_KEX_FAILURE:
    case LIBSSH2_ERROR_SOCKET_SEND:
    case LIBSSH2_ERROR_KEY_EXCHANGE_FAILURE:
    case LIBSSH2_ERROR_TIMEOUT:
    case LIBSSH2_ERROR_DECRYPT:
    case LIBSSH2_ERROR_SOCKET_DISCONNECT:
    case LIBSSH2_ERROR_PROTO:
    case LIBSSH2_ERROR_SOCKET_TIMEOUT:
    case LIBSSH2_ERROR_SOCKET_RECV:
    case LIBSSH2_ERROR_ENCRYPT:
    case LIBSSH2_ERROR_BAD_SOCKET:
        return true;
    default:
        return false;
    }
}

std::string describe_libssh2_error(LIBSSH2_SESSION* session, int rc)
{
    char* message = nullptr;
    int length = 0;
    std::string text;
    if (session != nullptr) {
        libssh2_session_last_error(session, &message, &length, 0);
        if (message != nullptr && length > 0) {
            text.assign(message, static_cast<std::size_t>(length));
        }
    }
    if (text.empty()) {
        text = "libssh2 error " + std::to_string(rc);
    }
    return text;
}

} // namespace scsctl::transport
