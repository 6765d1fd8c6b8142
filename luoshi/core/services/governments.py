"""Which government a name means: its name within its parent, not a name unique nationwide.

An office types 阜平县, 保定市阜平县 or 河北省/保定市/阜平县; the tracker keeps 朝阳区 of 北京市 and
朝阳区 of 长春市 apart. A plain name means the one government of that name the tracker holds;
when it holds several, the name is ambiguous and the office must give the parent.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from ...panel.identity import parse
from ..models import Government
from . import ServiceError

_PROVINCIAL_ENDINGS = ("省", "自治区")
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


class AmbiguousGovernment(ServiceError):
    """A plain name that several governments of the tracker bear (their ``keys``)."""

    def __init__(self, names: list[str], keys: list[str]) -> None:
        self.keys = keys
        super().__init__(f"{'/'.join(names)}: {len(keys)} governments bear this name ({', '.join(keys)}); "
                         f"give its parent, e.g. {keys[0]}")


def names_of(text: str) -> list[str]:
    """河北省/保定市/阜平县 → its three names; 保定市阜平县 → [保定市, 阜平县]; 阜平县 → [阜平县]."""
    text = " ".join(text.split())
    if "/" in text:
        return [p.strip() for p in text.split("/") if p.strip()]
    gov = parse(text)
    if gov.level == "national":
        return [gov.name]
    names = [n for n in (gov.province, gov.parent) if n and n != "全国"]
    names = list(dict.fromkeys(names))
    return [*[n for n in names if n != gov.name], gov.name]


def find_government(text: str) -> Government | None:
    """The government ``text`` names, or None when the tracker holds none (never creates)."""
    names = names_of(text)
    if not names:
        return None
    candidates = list(Government.objects.filter(name=names[-1]).select_related("parent__parent"))
    matching = [g for g in candidates if _ends_with(g.key, names)]
    if len(matching) > 1:
        exact = [g for g in matching if g.key == "/".join(names)]
        if len(exact) == 1:
            return exact[0]
        raise AmbiguousGovernment(names, sorted(g.key for g in matching))
    return matching[0] if matching else None


def government_for(text: str, level: str = "") -> Government:
    """The government ``text`` names, created (with its parents) when the tracker has none."""
    names = names_of(text)
    if not names or any(len(n) > 100 for n in names):
        raise ServiceError(f"government: “{text[:120]}”")
    found = find_government(text)
    if found is not None:
        return found
    parent: Government | None = None
    for i, name in enumerate(names):
        last = i == len(names) - 1
        found = find_government("/".join(names[: i + 1])) if not last else None
        parent = found or _create(name, parent, level if last else _level_of(name, parent))
    assert parent is not None
    return parent


def _ends_with(key: str, names: list[str]) -> bool:
    parts = key.split("/")
    return parts[len(parts) - len(names):] == names if len(names) <= len(parts) else False


def _level_of(name: str, parent: Government | None) -> str:
    if parent is None and (name.endswith(_PROVINCIAL_ENDINGS) or name in _MUNICIPALITIES):
        return Government.Level.PROVINCIAL
    return Government.Level.PREFECTURE


def _create(name: str, parent: Government | None, level: str) -> Government:
    level = level or Government.Level.COUNTY
    try:
        with transaction.atomic():
            return Government.objects.create(name=name, parent=parent, level=level)
    except IntegrityError:  # created at the same moment by another import
        return Government.objects.get(name=name, parent=parent)
