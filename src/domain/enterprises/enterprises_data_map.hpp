#pragma once
// The data-map declarations of the enterprise tables (migration 0007), listed by
// domain/privacy/videopro_data_map.cpp.
#include "domain/privacy/data_map.hpp"

namespace vp::domain::enterprises {

privacy::TableDeclaration enterprisesTable();
privacy::TableDeclaration enterpriseMembersTable();
privacy::TableDeclaration enterpriseInvitationsTable();
privacy::TableDeclaration enterpriseCancellationRequestsTable();
privacy::TableDeclaration enterpriseCancellationEventsTable();

}  // namespace vp::domain::enterprises
