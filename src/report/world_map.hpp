#pragma once
// The topology panel: regions and links on an equirectangular world map drawn from a small
// hand-written table of coarse continent outlines (continents.cpp).

#include <string>
#include <utility>
#include <vector>

namespace meridian::report {

struct MapRegion {
  std::string id;
  double lat = 0.0, lon = 0.0;
  double capacity = 0.0;  // sets the dot's area
  std::string color;
  bool ring = false;  // a dark outline, for regions whose colour repeats an earlier one
  std::string tooltip;
};

struct MapLink {
  std::string a, b;  // region ids; a link to a region without a location is not drawn
  double bytes = 0.0;
  std::string tooltip;
};

/// An outline of land as (lon, lat) vertices in degrees.
struct Outline {
  const char* name;
  std::vector<std::pair<double, double>> points;
};

/// Coarse, hand-drawn outlines of the continents and large islands (tens of vertices each):
/// enough to place regions at a glance, not a geographic dataset.
const std::vector<Outline>& land_outlines();
/// Inland seas drawn over the land in the water colour (Black Sea, Caspian Sea).
const std::vector<Outline>& inland_seas();

/// Latitudes the map shows (Antarctica and the high Arctic are cut off).
inline constexpr double kMapLatTop = 84.0, kMapLatBottom = -58.0;

/// Projects (lat, lon) onto a map `width` wide: x grows east from lon -180, y south from kMapLatTop.
std::pair<double, double> project(double lat, double lon, double width);

/// The map as an <svg>: graticule, land, links (width grows with bytes moved), region dots
/// (area grows with capacity) with labels placed so they do not overlap.
std::string world_map(const std::vector<MapRegion>& regions, const std::vector<MapLink>& links, double width);

}  // namespace meridian::report
