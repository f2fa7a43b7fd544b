"""The tables' charts (pyqtgraph). Imported on first show of the tables tab, never at start-up."""
