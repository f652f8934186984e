"""The ``kiosk`` command line: the only non-UI place that starts the UI."""
