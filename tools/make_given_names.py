"""Regenerate archiver/data/given_names.txt: given names in Latin script, from Faker's locales.

The glued-words stage splits "MylesGarrett" only with evidence; a given name as
the first part is such evidence. Faker (MIT licence) carries first-name lists
for dozens of locales; this keeps the capitalised ASCII ones, one per line.
Run: python tools/make_given_names.py  (needs faker; the output is committed data).
"""

import importlib
import pkgutil
from pathlib import Path

import faker.providers.person as person

names: set[str] = set()
for module_info in pkgutil.iter_modules(person.__path__):
    module = importlib.import_module(f"faker.providers.person.{module_info.name}")
    provider = getattr(module, "Provider", None)
    for attribute in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
        value = provider.__dict__.get(attribute) if provider else None
        if isinstance(value, (list, tuple, set, dict)):
            names.update(value)
keep = sorted(n for n in names if n.isascii() and n.isalpha() and len(n) >= 3
              and n[0].isupper() and n[1:].islower())
path = Path(__file__).resolve().parent.parent / "archiver" / "data" / "given_names.txt"
path.write_text("\n".join(keep) + "\n", encoding="utf-8")
print(f"{path}: {len(keep)} names")
