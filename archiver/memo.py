"""How much the per-line helpers remember.

``features``, ``norm``, ``skeleton``, ``dominant_script`` and their kin are
cached per distinct line: the stages ask about the same line many times, and
a site's boilerplate lines recur from page to page. A document holds about
seventy lines, so a few thousand entries hold the working set of the current
batch and the boilerplate that keeps recurring (least recently used goes
first); more only grows memory with the corpus (8,192 and 16,384 entries made
peak RSS 1.24x higher after 20,000 documents than after 200).
"""

LINE_CACHE_SIZE = 4096
