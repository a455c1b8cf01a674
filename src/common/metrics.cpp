#include "common/metrics.hpp"

#include <cmath>
#include <cstdio>

namespace vp::common {

std::string formatMetricValue(double v) {
    if (std::isnan(v)) {
        return "NaN";
    }
    if (std::isinf(v)) {
        return v > 0 ? "+Inf" : "-Inf";
    }
    char buf[64];
    if (v == std::floor(v) && std::fabs(v) < 1e15) {
        std::snprintf(buf, sizeof buf, "%.0f", v);
    } else {
        std::snprintf(buf, sizeof buf, "%.9g", v);
    }
    return buf;
}

std::string escapeLabelValue(const std::string& v) {
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

namespace {

void appendLabels(std::string& out, const std::vector<std::string>& names,
                  const std::vector<std::string>& values, const std::string& extraName = {},
                  const std::string& extraValue = {}) {
    if (names.empty() && extraName.empty()) {
        return;
    }
    out += '{';
    bool first = true;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (!first) {
            out += ',';
        }
        first = false;
        out += names[i];
        out += "=\"";
        out += escapeLabelValue(i < values.size() ? values[i] : std::string{});
        out += '"';
    }
    if (!extraName.empty()) {
        if (!first) {
            out += ',';
        }
        out += extraName;
        out += "=\"";
        out += extraValue;
        out += '"';
    }
    out += '}';
}

}  // namespace

CounterFamily::CounterFamily(std::vector<std::string> labelNames, std::size_t maxSeries)
    : labelNames_(std::move(labelNames)), maxSeries_(maxSeries) {}

void CounterFamily::inc(const std::vector<std::string>& labelValues, double by) {
    std::vector<std::string> key(labelNames_.size());
    for (std::size_t i = 0; i < key.size() && i < labelValues.size(); ++i) {
        key[i] = labelValues[i];
    }
    std::lock_guard lock(mutex_);
    auto it = series_.find(key);
    if (it == series_.end()) {
        if (series_.size() >= maxSeries_) {
            dropped_.fetch_add(1);
            return;
        }
        it = series_.emplace(std::move(key), 0.0).first;
    }
    it->second += by;
}

double CounterFamily::value(const std::vector<std::string>& labelValues) const {
    std::lock_guard lock(mutex_);
    auto it = series_.find(labelValues);
    return it == series_.end() ? 0.0 : it->second;
}

void CounterFamily::renderSamples(const std::string& name, std::string& out) const {
    std::lock_guard lock(mutex_);
    for (const auto& [labels, value] : series_) {
        out += name;
        appendLabels(out, labelNames_, labels);
        out += ' ';
        out += formatMetricValue(value);
        out += '\n';
    }
}

Histogram::Histogram(std::vector<double> upperBounds)
    : bounds_(std::move(upperBounds)), buckets_(bounds_.size() + 1, 0) {}

void Histogram::observe(double v) {
    std::size_t i = 0;
    while (i < bounds_.size() && v > bounds_[i]) {
        ++i;
    }
    std::lock_guard lock(mutex_);
    ++buckets_[i];
    ++count_;
    sum_ += v;
}

std::uint64_t Histogram::count() const {
    std::lock_guard lock(mutex_);
    return count_;
}

double Histogram::sum() const {
    std::lock_guard lock(mutex_);
    return sum_;
}

void Histogram::renderSamples(const std::string& name, std::string& out) const {
    std::lock_guard lock(mutex_);
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= bounds_.size(); ++i) {
        cumulative += buckets_[i];
        out += name;
        out += "_bucket";
        appendLabels(out, {}, {}, "le",
                     i < bounds_.size() ? formatMetricValue(bounds_[i]) : std::string("+Inf"));
        out += ' ';
        out += std::to_string(cumulative);
        out += '\n';
    }
    out += name + "_sum " + formatMetricValue(sum_) + '\n';
    out += name + "_count " + std::to_string(count_) + '\n';
}

MetricsRegistry::Entry& MetricsRegistry::entry(const std::string& name, const std::string& help,
                                               const std::string& type) {
    auto [it, inserted] = entries_.try_emplace(name);
    if (inserted) {
        it->second.help = help;
        it->second.type = type;
    }
    return it->second;
}

CounterFamily& MetricsRegistry::counter(const std::string& name, const std::string& help,
                                        std::vector<std::string> labelNames,
                                        std::size_t maxSeries) {
    std::lock_guard lock(mutex_);
    Entry& e = entry(name, help, "counter");
    if (!e.counter) {
        e.counter = std::make_unique<CounterFamily>(std::move(labelNames), maxSeries);
    }
    return *e.counter;
}

Gauge& MetricsRegistry::gauge(const std::string& name, const std::string& help) {
    std::lock_guard lock(mutex_);
    Entry& e = entry(name, help, "gauge");
    if (!e.gauge) {
        e.gauge = std::make_unique<Gauge>();
    }
    return *e.gauge;
}

void MetricsRegistry::gaugeCallback(const std::string& name, const std::string& help,
                                    std::function<double()> read) {
    std::lock_guard lock(mutex_);
    entry(name, help, "gauge").callback = std::move(read);
}

Histogram& MetricsRegistry::histogram(const std::string& name, const std::string& help,
                                      std::vector<double> upperBounds) {
    std::lock_guard lock(mutex_);
    Entry& e = entry(name, help, "histogram");
    if (!e.histogram) {
        e.histogram = std::make_unique<Histogram>(std::move(upperBounds));
    }
    return *e.histogram;
}

std::string MetricsRegistry::render() const {
    std::string out;
    // Callbacks run under the registry lock: they must not call back into the registry.
    std::lock_guard lock(mutex_);
    for (const auto& [name, e] : entries_) {
        out += "# HELP " + name + ' ' + e.help + '\n';
        out += "# TYPE " + name + ' ' + e.type + '\n';
        if (e.counter) {
            e.counter->renderSamples(name, out);
        } else if (e.histogram) {
            e.histogram->renderSamples(name, out);
        } else if (e.callback) {
            out += name + ' ' + formatMetricValue(e.callback()) + '\n';
        } else if (e.gauge) {
            out += name + ' ' + std::to_string(e.gauge->value()) + '\n';
        }
    }
    return out;
}

}  // namespace vp::common
