#pragma once
// The account cancellation pipeline over VideoPro's data map, as the API tests build it:
// a pseudonymiser under a fixed test key and AccountCancellation writing to `audit`.
#include <array>
#include <cstdint>

#include "domain/privacy/cancellation_rules.hpp"
#include "domain/privacy/videopro_data_map.hpp"
#include "services/privacy/account_cancellation.hpp"
#include "services/privacy/pseudonymiser.hpp"

namespace vp::api::v1::testing {

struct CancellationPipeline {
    static std::array<std::uint8_t, 32> testKey() {
        std::array<std::uint8_t, 32> key{};
        key.fill(9);
        return key;
    }

    explicit CancellationPipeline(services::privacy::AuditLog& audit)
        : pseudonyms(services::privacy::Pseudonymiser::fromKey(testKey()).value()),
          cancellation(domain::privacy::videoproDataMap(), domain::privacy::videoproSubjectPaths(),
                       domain::privacy::videoproCancellationRules(), pseudonyms, audit) {}

    services::privacy::Pseudonymiser pseudonyms;
    services::privacy::AccountCancellation cancellation;
};

}  // namespace vp::api::v1::testing
