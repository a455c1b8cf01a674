#include "sfu/dtls/dtls_records.hpp"

namespace vp::sfu::dtls {
namespace {

std::size_t declaredBodyLength(std::span<const std::uint8_t> header) {
    return (static_cast<std::size_t>(header[11]) << 8) | header[12];
}

// Length of the record starting at `data`, or all of `data` if it is not a
// complete record.
std::size_t recordLength(std::span<const std::uint8_t> data) {
    if (data.size() < kDtlsRecordHeaderLength) {
        return data.size();
    }
    const std::size_t total = kDtlsRecordHeaderLength + declaredBodyLength(data);
    return total <= data.size() ? total : data.size();
}

}  // namespace

void packRecords(std::span<const std::uint8_t> records, std::size_t mtu,
                 const std::function<void(std::span<const std::uint8_t>)>& emit) {
    std::size_t start = 0;
    std::size_t end = 0;
    while (end < records.size()) {
        const std::size_t next = recordLength(records.subspan(end));
        if (end > start && end - start + next > mtu) {
            emit(records.subspan(start, end - start));
            start = end;
        }
        end += next;
    }
    if (end > start) {
        emit(records.subspan(start, end - start));
    }
}

bool encryptedRecordsLongEnough(std::span<const std::uint8_t> datagram,
                                std::size_t minEncryptedBody) {
    while (datagram.size() >= kDtlsRecordHeaderLength) {
        const bool encrypted = datagram[3] != 0 || datagram[4] != 0;  // epoch
        const std::size_t declared = declaredBodyLength(datagram);
        const std::size_t available = datagram.size() - kDtlsRecordHeaderLength;
        const std::size_t body = declared < available ? declared : available;
        if (encrypted && body < minEncryptedBody) {
            return false;
        }
        datagram = datagram.subspan(kDtlsRecordHeaderLength + body);
    }
    return true;
}

}  // namespace vp::sfu::dtls
