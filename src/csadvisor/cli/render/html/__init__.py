"""Reports as one self-contained HTML file: a person's plan and a team's sheet.

Pure functions from data to a string. The page works offline forever: no script, no
external font or image, styles inline, charts as SVG written here. Every piece of text
that did not come from csadvisor itself goes through the one escaper, ``page.esc``.
"""
