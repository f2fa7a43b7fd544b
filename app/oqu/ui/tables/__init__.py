"""The tables feature: the tab (view), its Qt models (model) and the charts (charts/)."""
