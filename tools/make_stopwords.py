"""Regenerate archiver/data/stopwords.json: the most frequent words of each language (wordfreq).

The boilerplate stages use stopword density as a language-neutral sign of running
prose: menus and headlines have few function words, sentences have many.
Run: python tools/make_stopwords.py  (needs wordfreq; the output is committed data).
"""

import json
from pathlib import Path

from wordfreq import top_n_list

LANGUAGES = ["ar", "ca", "cs", "da", "de", "en", "es", "fa", "fi", "fr", "hu", "id", "it",
             "nl", "no", "pl", "pt", "ro", "ru", "sv", "tr", "uk"]
TOP = 120

out = {lang: sorted(w for w in top_n_list(lang, TOP) if w.isalpha()) for lang in LANGUAGES}
path = Path(__file__).resolve().parent.parent / "archiver" / "data" / "stopwords.json"
path.write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
print(f"{path}: {sum(map(len, out.values()))} words in {len(out)} languages")
