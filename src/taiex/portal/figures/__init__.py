"""Management figures on requests for the programme's staff: counts by outcome, medians of the
delays, and the workload of case handlers and teams (page, CSV, XLSX, annual report)."""
