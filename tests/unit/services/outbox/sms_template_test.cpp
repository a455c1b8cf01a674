#include <gtest/gtest.h>

#include "services/outbox/curl_easy.hpp"
#include "services/outbox/http_sms_transport.hpp"

namespace vp::services::outbox {
namespace {

TEST(SmsTemplate, FillsUrlEncodedPlaceholders) {
    EXPECT_EQ(fillSmsTemplate("https://gw/send?to={to}&msg={text}", "+4477", "Code: 1 & 2"),
              "https://gw/send?to=%2B4477&msg=Code%3A%201%20%26%202");
    EXPECT_EQ(fillSmsTemplate("{\"to\":\"{to}\"}", "+1", ""), "{\"to\":\"%2B1\"}");
    EXPECT_EQ(fillSmsTemplate("", "+1", "x"), "");
    EXPECT_EQ(fillSmsTemplate("{text}{text}", "", "é"), "%C3%A9%C3%A9");
}

TEST(SmsTemplate, UrlEncodeKeepsOnlyUnreserved) {
    EXPECT_EQ(urlEncode("aZ09-._~"), "aZ09-._~");
    EXPECT_EQ(urlEncode("/?#[]@!$&'()*+,;= \n"),
              "%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%20%0A");
}

}  // namespace
}  // namespace vp::services::outbox
