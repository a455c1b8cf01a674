#include "sfu/srtp/srtp_library.hpp"

#include <srtp2/srtp.h>

#include <mutex>
#include <string>

namespace vp::sfu::srtp {

common::Status ensureSrtpLibrary() {
    static std::once_flag once;
    static srtp_err_status_t status = srtp_err_status_ok;
    std::call_once(once, [] { status = srtp_init(); });
    if (status != srtp_err_status_ok) {
        return common::makeError("srtp_init_failed",
                                 "libsrtp2 failed to initialise (srtp_init status " +
                                     std::to_string(static_cast<int>(status)) +
                                     "); check the installed libsrtp2 and its crypto backend");
    }
    return {};
}

}  // namespace vp::sfu::srtp
