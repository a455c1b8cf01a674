#include "domain/privacy/erasure_grounds.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace vp::domain::privacy {
namespace {

constexpr std::array<ErasableCategory, 3> kCategories{{
    {"profile_extras", "Profile details (gender, position, address, company, department)",
     "user_profiles", ""},
    {"avatar", "Avatar picture", "user_avatars", ""},
    // Past meetings only: a scheduled meeting is still in use (the user cancels it first).
    {"meeting_history", "Meetings you created that have ended or were cancelled", "meetings",
     "status IN ('ended', 'cancelled')"},
}};

struct GroundText {
    ErasureGround ground;
    std::string_view name;
    std::string_view clause;
};

constexpr std::array<GroundText, 4> kGrounds{{
    {ErasureGround::PurposeAchieved, "purpose_achieved",
     "§6.4(1) the purpose is achieved or no longer necessary"},
    {ErasureGround::ConsentWithdrawn, "consent_withdrawn", "§6.4(3) consent withdrawn"},
    {ErasureGround::UnlawfulProcessing, "unlawful_processing",
     "§6.4(4) processed in violation of law or agreement"},
    {ErasureGround::OtherLaw, "other_law", "§6.4(5) other legal provisions"},
}};

const GroundText& textOf(ErasureGround ground) {
    return *std::find_if(kGrounds.begin(), kGrounds.end(),
                         [ground](const GroundText& g) { return g.ground == ground; });
}

}  // namespace

std::span<const ErasableCategory> erasableCategories() {
    return kCategories;
}

const ErasableCategory* findErasableCategory(std::string_view name) {
    auto it = std::find_if(kCategories.begin(), kCategories.end(),
                           [name](const ErasableCategory& c) { return c.name == name; });
    return it == kCategories.end() ? nullptr : &*it;
}

std::string_view toString(ErasureGround ground) {
    return textOf(ground).name;
}

std::optional<ErasureGround> parseErasureGround(std::string_view text) {
    auto it = std::find_if(kGrounds.begin(), kGrounds.end(),
                           [text](const GroundText& g) { return g.name == text; });
    return it == kGrounds.end() ? std::nullopt : std::optional(it->ground);
}

std::string_view clauseOf(ErasureGround ground) {
    return textOf(ground).clause;
}

bool erasedAtOnce(ErasureGround ground) {
    return ground == ErasureGround::PurposeAchieved || ground == ErasureGround::ConsentWithdrawn;
}

std::vector<std::string> findUnerasable(const DataMap& map, const std::vector<SubjectPath>& paths) {
    std::vector<std::string> problems;
    for (const auto& category : kCategories) {
        const auto* table = map.table(category.table);
        const auto* path = subjectPathFor(paths, category.table);
        if (table == nullptr) {
            problems.push_back(std::string(category.name) + ": table " +
                               std::string(category.table) + " is not in the data map");
        } else if (path == nullptr || path->key == SubjectKey::NotLinkable) {
            problems.push_back(std::string(category.name) + ": table " +
                               std::string(category.table) + " has no subject path");
        }
    }
    return problems;
}

}  // namespace vp::domain::privacy
