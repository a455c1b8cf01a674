#pragma once
// The JSON of the privacy registers' entries (R-PRIV-8, R-PRIV-9), for the public pages
// and the operator console alike.
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "domain/privacy/incident.hpp"
#include "domain/privacy/recipients.hpp"

namespace vp::api::v1 {

boost::json::array stringsJson(const std::vector<std::string>& items);
boost::json::object recipientJson(const domain::privacy::Recipient& r);
boost::json::object incidentJson(const domain::privacy::Incident& i);

}  // namespace vp::api::v1
