#pragma once
// The data-map declarations of migration 0009 (guardian consent, operators,
// attempt failures), listed by domain/privacy/videopro_data_map.cpp.
#include "domain/privacy/data_map.hpp"

namespace vp::domain::accounts {

privacy::TableDeclaration guardianRequestsTable();
privacy::TableDeclaration guardianConsentsTable();
privacy::TableDeclaration operatorsTable();
privacy::TableDeclaration attemptFailuresTable();

}  // namespace vp::domain::accounts
