"""Reports: the record as data (JSON), text for terminals, and one self-contained HTML page."""
