"""Drawing for people: the only package that imports rich, and only when it draws.

``terminal`` holds the pieces (a console that never reads markup, text, money, tables,
bars); ``tables``, ``pages`` and ``result`` draw each command's terminal view from the
same plain records that the data formats print (see ``csadvisor.cli.output``).
"""
