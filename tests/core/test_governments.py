"""A government is its name within its parent (issue: researchers' panel, item 4).

County names repeat across China (朝阳区 of 北京市 and of 长春市, 鼓楼区 in six cities): the
tracker keeps them apart, a plain name means the one government of that name it holds, and a
name several bear is refused until the office gives the parent.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from luoshi.core.models import Government, Target
from luoshi.core.services.governments import AmbiguousGovernment, find_government, government_for, names_of

from .conftest import row, small_plan

pytestmark = pytest.mark.django_db

NAMES = [
    pytest.param("阜平县", ["阜平县"], id="plain"),
    pytest.param("保定市阜平县", ["保定市", "阜平县"], id="prefecture-and-county"),
    pytest.param("河北省保定市阜平县人民政府", ["河北省", "保定市", "阜平县"], id="full-name"),
    pytest.param("河北省/保定市/阜平县", ["河北省", "保定市", "阜平县"], id="key"),
    pytest.param(" 吉林省 / 长春市 / 朝阳区 ", ["吉林省", "长春市", "朝阳区"], id="key-spaced"),
    pytest.param("北京市朝阳区", ["北京市", "朝阳区"], id="municipality-district"),
    pytest.param("河北省", ["河北省"], id="province"),
    pytest.param("国务院", ["国务院"], id="nation"),
]


@pytest.mark.parametrize(("text", "names"), NAMES)
def test_names_of(text: str, names: list[str]) -> None:
    assert names_of(text) == names


def test_two_governments_of_one_name() -> None:
    beijing = government_for("北京市/朝阳区", "county")
    changchun = government_for("吉林省/长春市/朝阳区", "county")
    assert beijing != changchun
    assert (beijing.key, changchun.key) == ("北京市/朝阳区", "吉林省/长春市/朝阳区")
    assert changchun.parent.level == "prefecture" and changchun.parent.parent.level == "provincial"
    assert government_for("长春市朝阳区") == changchun  # the parent alone is enough
    assert find_government("北京市朝阳区") == beijing
    with pytest.raises(AmbiguousGovernment) as err:
        find_government("朝阳区")
    assert err.value.keys == ["北京市/朝阳区", "吉林省/长春市/朝阳区"]
    assert Government.objects.filter(name="朝阳区").count() == 2


def test_a_plain_name_means_the_only_one() -> None:
    fuping = government_for("河北省/保定市/阜平县", "county")
    assert government_for("阜平县") == fuping
    assert find_government("邢台市") is None
    assert Government.objects.count() == 3  # 河北省, 保定市, 阜平县: nothing created twice


def test_plans_of_two_namesakes() -> None:
    a = small_plan("北京市/朝阳区", 2023)
    b = small_plan("吉林省/长春市/朝阳区", 2023)
    assert a.government != b.government and a.title == b.title == "朝阳区2023年政府工作报告"


@pytest.mark.parametrize("fields", [
    pytest.param({"parent": None}, id="top-level-twice"),
    pytest.param({"parent": "same"}, id="same-parent-twice"),
])
def test_database_refuses_duplicates(fields: dict[str, object]) -> None:
    parent = Government.objects.create(name="保定市", level="prefecture")
    p = parent if fields["parent"] == "same" else None
    Government.objects.create(name="阜平县", parent=p)
    with pytest.raises(IntegrityError), transaction.atomic():
        Government.objects.create(name="阜平县", parent=p)


def test_imported_targets_keep_their_indicator() -> None:
    plan = small_plan(targets=[row("地区生产总值增长", 6, unit="%"), row("新增城镇就业", 1500, unit="人"),
                               row("t1-a", 100)])
    assert list(Target.objects.filter(plan=plan).order_by("order").values_list("indicator", flat=True)) == [
        "gdp_growth", "urban_new_jobs", ""]
