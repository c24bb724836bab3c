#include "report/world_map.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "report/charts.hpp"
#include "report/svg.hpp"

namespace meridian::report {

namespace {

constexpr const char* kWater = "#f3f7fb";
constexpr const char* kLand = "#e4e7eb";
constexpr const char* kCoast = "#c3cad2";
constexpr const char* kGraticule = "#dbe4ee";
constexpr const char* kLinkColour = "#44505c";

std::string outline_path(const Outline& o, double width) {
  std::string d;
  for (std::size_t i = 0; i < o.points.size(); ++i) {
    const auto [x, y] = project(o.points[i].second, o.points[i].first, width);
    d += (i ? " L" : "M") + coord(x) + "," + coord(y);
  }
  return d + " Z";
}

struct Box {
  double x0, y0, x1, y1;
  bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

// The link as one or two segments: one crossing the antimeridian is drawn off both edges.
std::vector<std::pair<std::pair<double, double>, std::pair<double, double>>> link_segments(const MapRegion& a,
                                                                                           const MapRegion& b,
                                                                                           double width) {
  double lon_b = b.lon, lon_a = a.lon;
  if (std::abs(lon_b - lon_a) <= 180.0) return {{project(a.lat, a.lon, width), project(b.lat, b.lon, width)}};
  lon_b += lon_b < lon_a ? 360.0 : -360.0;
  lon_a += lon_a < b.lon ? 360.0 : -360.0;
  return {{project(a.lat, a.lon, width), project(b.lat, lon_b, width)},
          {project(a.lat, lon_a, width), project(b.lat, b.lon, width)}};
}

}  // namespace

std::pair<double, double> project(double lat, double lon, double width) {
  const double scale = width / 360.0;
  return {(lon + 180.0) * scale, (kMapLatTop - lat) * scale};
}

std::string world_map(const std::vector<MapRegion>& regions, const std::vector<MapLink>& links, double width) {
  const double height = (kMapLatTop - kMapLatBottom) * width / 360.0;
  Svg svg(width, height, "World map of regions and links");
  svg.rect(0, 0, width, height, {{"fill", kWater}});

  // Graticule every 30 degrees; the equator a little stronger.
  for (int lon = -150; lon <= 150; lon += 30) {
    const double x = project(0, lon, width).first;
    svg.line(x, 0, x, height, {{"stroke", kGraticule}, {"stroke-width", "0.8"}});
  }
  for (int lat = -30; lat <= 60; lat += 30) {
    const double y = project(lat, 0, width).second;
    svg.line(0, y, width, y, {{"stroke", kGraticule}, {"stroke-width", lat == 0 ? "1.6" : "0.8"}});
  }
  svg.open("g", {{"fill", kLand}, {"stroke", kCoast}, {"stroke-width", "0.8"}, {"stroke-linejoin", "round"}});
  for (const Outline& o : land_outlines()) {
    svg.open("path", {{"d", outline_path(o, width)}}).title(o.name).close("path");
  }
  svg.close("g");
  svg.open("g", {{"fill", kWater}, {"stroke", kCoast}, {"stroke-width", "0.8"}});
  for (const Outline& o : inland_seas()) svg.leaf("path", {{"d", outline_path(o, width)}});
  svg.close("g");
  for (int lat = -30; lat <= 60; lat += 30) {
    const double y = project(lat, 0, width).second;
    svg.text(4, y - 3, lat == 0 ? "0°" : std::to_string(std::abs(lat)) + (lat > 0 ? "°N" : "°S"),
             {{"class", "map-grid"}});
  }

  std::map<std::string, const MapRegion*> by_id;
  double max_capacity = 0.0;
  for (const MapRegion& r : regions) {
    by_id.emplace(r.id, &r);
    max_capacity = std::max(max_capacity, r.capacity);
  }

  // Links: width grows with the square root of bytes moved; idle links are thin and dashed.
  double max_bytes = 0.0;
  for (const MapLink& l : links) max_bytes = std::max(max_bytes, l.bytes);
  for (const MapLink& l : links) {
    const auto a = by_id.find(l.a), b = by_id.find(l.b);
    if (a == by_id.end() || b == by_id.end()) continue;
    const bool idle = !(l.bytes > 0.0) || !(max_bytes > 0.0);
    const double w = idle ? 1.0 : 1.2 + 7.0 * std::sqrt(l.bytes / max_bytes);
    svg.open("g", {{"stroke", kLinkColour},
                   {"stroke-opacity", idle ? "0.35" : "0.55"},
                   {"stroke-width", coord(w)},
                   {"stroke-linecap", "round"},
                   {"stroke-dasharray", idle ? "4 3" : "none"}});
    svg.title(l.tooltip);
    for (const auto& [p, q] : link_segments(*a->second, *b->second, width))
      svg.line(p.first, p.second, q.first, q.second);
    svg.close("g");
  }

  // Dots: area proportional to capacity.
  std::vector<Box> taken;
  std::vector<double> radius;
  for (const MapRegion& r : regions) {
    const double rad = max_capacity > 0 ? 3.5 + 11.0 * std::sqrt(std::max(0.0, r.capacity) / max_capacity) : 6.0;
    radius.push_back(rad);
    const auto [x, y] = project(r.lat, r.lon, width);
    taken.push_back({x - rad, y - rad, x + rad, y + rad});
    svg.open("g").title(r.tooltip);
    svg.circle(x, y, rad,
               {{"fill", r.color}, {"stroke", r.ring ? "#24292f" : "#ffffff"}, {"stroke-width", r.ring ? "2" : "1.5"}});
    svg.close("g");
  }

  // Labels: the first of eight places around the dot that collides with no dot or earlier label.
  for (std::size_t i = 0; i < regions.size(); ++i) {
    const MapRegion& r = regions[i];
    const auto [x, y] = project(r.lat, r.lon, width);
    const double w = text_width(r.id, 12.0), h = 13.0, rad = radius[i], gap = 3.0;
    struct Place {
      double x, y;  // the label's left, baseline
    };
    const Place places[] = {{x + rad + gap, y + 4},         {x - rad - gap - w, y + 4},
                            {x - w / 2, y - rad - gap},     {x - w / 2, y + rad + gap + h - 2},
                            {x + rad + gap, y - rad - gap}, {x - rad - gap - w, y - rad - gap},
                            {x + rad + gap, y + rad + h},   {x - rad - gap - w, y + rad + h}};
    std::optional<Place> chosen;
    for (const Place& p : places) {
      const Box box{p.x, p.y - h + 3, p.x + w, p.y + 3};
      if (box.x0 < 0 || box.x1 > width || box.y0 < 0 || box.y1 > height) continue;
      if (std::none_of(taken.begin(), taken.end(), [&](const Box& t) { return t.overlaps(box); })) {
        chosen = p;
        taken.push_back(box);
        break;
      }
    }
    const Place p = chosen.value_or(places[0]);
    svg.text(p.x, p.y, r.id, {{"class", "map-label"}});
  }
  return svg.str();
}

}  // namespace meridian::report
