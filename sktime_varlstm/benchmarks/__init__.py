"""``varlstm benchmark``: experiments apart from the library, which never imports them.

``command`` plugs the benchmark into ``varlstm``; ``classification``,
``suite``, ``anomaly`` and ``detection`` are its runners, each with
``runs()``, ``measure()`` and ``table()``; ``_record`` holds the one run type
and the run record a stopped benchmark resumes from, ``_report`` the one
Markdown table; ``peers`` and ``preprocessing`` serve the runners; ``memory``
measures resident memory over many fits (``tests/test_memory.py``).
"""
