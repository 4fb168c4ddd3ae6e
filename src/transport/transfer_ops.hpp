// Factories for the file-transfer and forwarding operations (SFTP over SSH, plain file
// operations for local hosts), so that the pool does not depend on their internals.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "transport/become.hpp"
#include "transport/connection.hpp"
#include "transport/endpoint.hpp"
#include "transport/operations.hpp"

namespace scsctl::transport {

std::unique_ptr<Operation> make_upload(const Endpoint& endpoint, UploadRequest request, std::optional<Become> become,
                                       std::function<void(TransferOutcome)> done);

std::unique_ptr<Operation> make_download(const Endpoint& endpoint, DownloadRequest request,
                                         std::function<void(TransferOutcome)> done);

std::unique_ptr<Operation> make_forward(const Endpoint& endpoint, ForwardRequest request,
                                        std::function<void(ForwardOutcome)> done);

} // namespace scsctl::transport
