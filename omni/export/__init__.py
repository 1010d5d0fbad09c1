"""Exports: chart images (PNG/SVG/PDF), the PowerPoint board deck and the Excel report.

All of them draw on the same chart builders (omni.charts) and the same assessment the dashboard
shows, so what the board sees is what the screen showed.
"""
