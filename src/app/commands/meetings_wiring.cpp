#include "app/commands/meetings_wiring.hpp"

#include "api/v1/meetings_api.hpp"
#include "app/commands/key_file.hpp"
#include "common/random.hpp"

namespace vp::app::commands {
namespace {

// The meetings key is a key file like any other (same size and rules).
common::Result<services::meetings::MeetingKey> loadMeetingKey(const std::string& path) {
    return loadOrCreateKeyFile(path, "meetings key");
}

}  // namespace

struct MeetingsRuntime::Parts {
    Parts(const config::Settings& s, storage::DbPool& dbPool,
          services::accounts::Accounts& accountsService,
          services::meetings::PasscodeHasher passcodeHasher,
          services::meetings::JoinTokenSigner signer, const common::Clock& clock)
        : settings(s),
          pool(dbPool),
          accounts(accountsService),
          passcodes(std::move(passcodeHasher)),
          tokens(std::move(signer)),
          meetings({}, passcodes, tokens, clock, common::SecureRandom::instance()) {}

    config::Settings settings;
    storage::DbPool& pool;
    services::accounts::Accounts& accounts;
    services::meetings::PasscodeHasher passcodes;
    services::meetings::JoinTokenSigner tokens;
    services::meetings::Meetings meetings;
};

common::Result<std::unique_ptr<MeetingsRuntime>> MeetingsRuntime::create(
    const config::Settings& settings, storage::DbPool& pool, services::accounts::Accounts& accounts,
    const common::Clock& clock) {
    auto key = loadMeetingKey(settings.dataDir + "/keys/meetings.key");
    if (!key) {
        return key.error();
    }
    auto passcodes = services::meetings::PasscodeHasher::fromMasterKey(*key);
    auto tokens = services::meetings::JoinTokenSigner::fromMasterKey(*key);
    key->fill(0);
    if (!passcodes || !tokens) {
        return passcodes ? tokens.error() : passcodes.error();
    }
    return std::unique_ptr<MeetingsRuntime>(new MeetingsRuntime(std::make_unique<Parts>(
        settings, pool, accounts, std::move(*passcodes), std::move(*tokens), clock)));
}

MeetingsRuntime::MeetingsRuntime(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

MeetingsRuntime::~MeetingsRuntime() = default;

void MeetingsRuntime::addRoutes(api::Router& router) {
    api::v1::AccountsApiOptions options;
    options.publicUrl = parts_->settings.publicUrl;
    api::v1::addMeetingsRoutes(router, parts_->pool, parts_->accounts, parts_->meetings,
                               std::move(options));
}

services::meetings::Meetings& MeetingsRuntime::meetings() {
    return parts_->meetings;
}

}  // namespace vp::app::commands
