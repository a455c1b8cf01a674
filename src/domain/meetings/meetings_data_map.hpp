#pragma once
// The data-map declarations of the meetings tables (migration 0006), listed by
// domain/privacy/videopro_data_map.cpp.
#include "domain/privacy/data_map.hpp"

namespace vp::domain::meetings {

privacy::TableDeclaration meetingsTable();
privacy::TableDeclaration meetingSessionsTable();
privacy::TableDeclaration meetingAttendanceTable();

}  // namespace vp::domain::meetings
