#pragma once
// The look shared by every HTML page Meridian writes (report.html, compare.html): page, panels,
// headings, meta table and chart text. Each page adds its own rules after these.

#include <string>

namespace meridian::report {

inline constexpr const char* kPageStyle = R"css(
:root { --ink: #24292f; --muted: #5f6670; --line: #d8dde3; --panel: #ffffff; --page: #f5f6f8; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink);
       font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1400px; margin: 0 auto; padding: 16px 20px 40px; }
header h1 { font-size: 24px; margin: 4px 0 8px; }
header .subtitle { font-size: 15px; font-weight: normal; color: var(--muted); margin-left: 8px; }
table.meta { border-collapse: collapse; font-size: 13px; }
table.meta th { text-align: left; color: var(--muted); font-weight: 600; padding: 2px 14px 2px 0; vertical-align: top; }
table.meta td { padding: 2px 0; }
.panel { overflow-x: auto; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px 14px; margin: 14px 0; }
.panel h2 { font-size: 17px; margin: 0 0 6px; }
.note { color: var(--muted); font-size: 13px; margin: 4px 0 8px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eef0f3; padding: 0 3px; border-radius: 3px; }
svg.chart text { font-size: 12px; fill: var(--ink); }
svg.chart .tick { font-size: 11px; fill: var(--muted); font-variant-numeric: tabular-nums; }
svg.chart .axis-label { font-size: 12px; fill: var(--muted); }
figure { margin: 0; }
figcaption { font-weight: 600; font-size: 13px; margin: 2px 0 0 4px; }
table.data td:first-child { white-space: nowrap; }
footer { color: var(--muted); font-size: 12px; margin-top: 18px; }
)css";

/// The start of a page up to the opening <main>: head, title (escaped by the caller) and the
/// shared style followed by the page's own rules.
inline std::string page_start(const std::string& escaped_title, const char* own_style) {
  return std::string("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>") +
         escaped_title + "</title>\n<style>" + kPageStyle + own_style + "</style>\n</head>\n<body>\n<main>\n";
}

}  // namespace meridian::report
