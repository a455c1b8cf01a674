#include "services/outbox/dev_file_transport.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "services/outbox/mime_message.hpp"

namespace vp::services::outbox {
namespace {

common::Error ioError(const std::string& what, const std::filesystem::path& path) {
    return common::makeError(
        std::string(kTransient),
        what + " '" + path.string() + "': " + std::strerror(errno) + "; check the outbox folder");
}

common::Status writeFile(const std::filesystem::path& path, std::string_view data) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        return ioError("cannot create", path);
    }
    std::size_t done = 0;
    while (done < data.size()) {
        const auto n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            auto error = ioError("cannot write", path);
            ::close(fd);
            return error;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        return ioError("cannot flush", path);
    }
    return {};
}

}  // namespace

DevFileTransport::DevFileTransport(std::filesystem::path folder, const common::Clock& clock,
                                   common::Random& random, std::string fromAddress)
    : folder_(std::move(folder)),
      clock_(clock),
      random_(random),
      fromAddress_(std::move(fromAddress)) {}

std::filesystem::path DevFileTransport::pathFor(
    const domain::accounts::OutboundMessage& message) const {
    const bool email = message.channel == domain::accounts::Channel::Email;
    return folder_ / (std::to_string(common::toUnixMillis(message.createdAt)) + "-" +
                      std::to_string(message.id) + (email ? ".eml" : ".txt"));
}

common::Result<std::string> DevFileTransport::contents(
    const domain::accounts::OutboundMessage& message) {
    if (message.channel == domain::accounts::Channel::Email) {
        MimeMessage mime{fromAddress_,         "VideoPro",
                         message.recipient,    message.content.subject,
                         message.content.text, message.content.html,
                         clock_.now(),         makeMessageId(random_, fromAddress_)};
        return renderMime(mime, random_);
    }
    return "To: " + message.recipient + "\nTemplate: " + message.content.templateId +
           "\nDate: " + rfc5322Date(clock_.now()) + "\n\n" + message.content.text + "\n";
}

common::Status DevFileTransport::send(const domain::accounts::OutboundMessage& message) {
    std::error_code ec;
    std::filesystem::create_directories(folder_, ec);
    if (ec) {
        return common::makeError(
            std::string(kTransient),
            "cannot create the outbox folder '" + folder_.string() + "': " + ec.message());
    }
    ::chmod(folder_.c_str(), 0700);
    auto text = contents(message);
    if (!text) {
        return common::makeError(std::string(kRejected), text.error().message);
    }
    const auto target = pathFor(message);
    auto temporary = target;
    temporary += ".tmp";
    if (auto written = writeFile(temporary, *text); !written) {
        return written;
    }
    std::filesystem::rename(temporary, target, ec);
    if (ec) {
        return common::makeError(std::string(kTransient),
                                 "cannot rename '" + temporary.string() + "': " + ec.message());
    }
    return {};
}

}  // namespace vp::services::outbox
