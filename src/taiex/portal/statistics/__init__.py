"""The public statistics: pages with server-rendered SVG charts, their data as tables and CSV,
the API of statistics, and the annual activity report (PDF and XLSX)."""
