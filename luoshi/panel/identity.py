"""A government's identity: its name within its parent, not a name unique nationwide.

County names repeat across China (朝阳区 in Beijing and in 长春, 鼓楼区 in six cities), so a
government is ``province / parent / name``: 河北省/保定市/阜平县. The parent comes from the
full name as reports and manifests write it (保定市阜平县人民政府 → 保定市 + 阜平县).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SUFFIX = re.compile(r"(?:人民政府|政府)$")
_NOTE = re.compile(r"[（(][^）)]*[）)]$")
_PROVINCE = re.compile(r"^(.{2,8}?(?:省|自治区)|北京市|天津市|上海市|重庆市)")
_PREFECTURE = re.compile(r"^(.{2,8}?(?:自治州|地区|盟|市))(?=.{2,})")
LEVELS = ("national", "provincial", "prefecture", "county")


@dataclass(frozen=True, slots=True)
class Government:
    name: str  # 阜平县
    parent: str  # 保定市 (the province for a prefecture, 全国 for a province, "" for the nation)
    province: str  # 河北省
    level: str

    @property
    def key(self) -> str:
        """The identity used everywhere: ``河北省/保定市/阜平县``."""
        parent = self.parent if self.parent not in (self.province, "全国") else ""
        name = self.name if self.name != self.province else ""
        return "/".join(x for x in (self.province, parent, name) if x)


def parse(full_name: str, *, level: str = "", province: str = "") -> Government:
    """保定市阜平县人民政府, county, 河北省 → Government(阜平县, 保定市, 河北省, county)."""
    name = _SUFFIX.sub("", _NOTE.sub("", full_name.strip()))
    if name in ("国务院", "全国", "中华人民共和国"):
        return Government("国务院", "", "全国", "national")
    level = "provincial" if level == "province" else level
    prov = province if province and province != "全国" else ""
    m = _PROVINCE.match(name)
    if m and name != m.group(1):
        prov = prov or m.group(1)
        name = name[m.end():]
    elif m:
        return Government(name, "全国", name, level or "provincial")
    if level == "prefecture" or (not level and not _PREFECTURE.match(name)):
        return Government(name, prov, prov, level or "prefecture")
    parent = ""
    p = _PREFECTURE.match(name)
    if p:
        parent, name = p.group(1), name[p.end():]
    return Government(name, parent or prov, prov, level or "county")
