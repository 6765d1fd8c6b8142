"""Departments: the suggestion table, bulk assignment, inheritance from nodes, and the list of a
department's targets in a constant number of queries."""

from __future__ import annotations

from typing import Any

import pytest

from luoshi.core.models import Assignment, Department, Government, Node, Plan, Target
from luoshi.core.rules import departments as R
from luoshi.core.services import Forbidden, ServiceError
from luoshi.core.services.assignment import (
    assign,
    assign_suggested,
    departments_of,
    suggest,
    suggest_for,
    targets_of_department,
    unassign,
)
from luoshi.core.services.dashboard import plan_status

from .conftest import People, node, row, small_plan

DEFAULTS = [Department(name=n) for n in R.COUNTY_DEPARTMENTS]

SUGGESTIONS = [
    ("education", "优化教育教学供给", "教育和体育局"),
    ("kindergarten", "普惠性幼儿园覆盖率达到90%以上", "教育和体育局"),
    ("employment", "新增城镇就业1500人以上", "人力资源和社会保障局"),
    ("talent", "引进大学生等青年人才1000人", "人力资源和社会保障局"),
    ("road", "实施43公里道路提升工程", "交通运输局"),
    ("rural-road", "新改建“四好农村路”26公里", "交通运输局"),
    ("tech-renovation", "实施重点技改项目160个以上", "工业和信息化局"),
    ("listing", "力争2家企业进入上市辅导期", "金融服务中心"),
    ("credit", "力争信贷投放增长10%以上", "金融服务中心"),
    ("high-tech", "高新技术企业增加10家以上", "科学技术局"),
    ("gas", "新建燃气管网10公里", "住房和城乡建设局"),
    ("water-pipes", "实施自来水管网改造提升工程20公里", "水利局"),
    ("forest", "新增造林2000亩", "自然资源局"),
    ("tourism", "争创3A级以上旅游景区2家", "文化和旅游局"),
    ("elderly-canteen", "新建15处长者食堂", "民政局"),
    ("disabled", "改造提升10处“如康家园”", "残疾人联合会"),
    ("health", "建成10处卫生院胸痛救治单元", "卫生健康局"),
    ("substation", "建设2个110千伏变电站", "供电公司"),
    ("gdp", "地区生产总值增长6%左右", "发展和改革局"),
    ("budget", "一般公共预算收入增长5%", "财政局"),
    ("safety", "安全生产事故起数下降", "应急管理局"),
    # the longest keyword wins over the leftmost: 棚户区 over 社区, 乡村旅游 is tourism first
    ("longest-wins", "推进南域城社区棚户区改造", "住房和城乡建设局"),
    ("table-order-breaks-ties", "10个乡村旅游重点村", "文化和旅游局"),
    ("no-keyword", "打造5条规范化示范路", None),
    ("empty", "", None),
]


@pytest.mark.parametrize(("text", "expected"), [s[1:] for s in SUGGESTIONS], ids=[s[0] for s in SUGGESTIONS])
def test_suggest(text: str, expected: str | None) -> None:
    got = suggest(text, DEFAULTS)
    assert (got.name if got else None) == expected


MISSING = [
    ("fallback-second-name", "力争2家企业进入上市辅导期", {"金融服务中心"}, "财政局"),
    ("no-department-left", "力争信贷投放增长10%以上", {"金融服务中心"}, None),
    ("next-keyword", "信贷支持教育", {"金融服务中心"}, "教育和体育局"),
]


@pytest.mark.parametrize(("text", "absent", "expected"), [m[1:] for m in MISSING], ids=[m[0] for m in MISSING])
def test_suggest_only_existing_departments(text: str, absent: set[str], expected: str | None) -> None:
    got = suggest(text, [d for d in DEFAULTS if d.name not in absent])
    assert (got.name if got else None) == expected


def test_keyword_table_names_known_departments() -> None:
    known = set(R.COUNTY_DEPARTMENTS) | {"税务局"}  # 税务局 is vertical (垂直管理), kept as a fallback
    for word, names in R.KEYWORDS:
        assert word and names, word
        assert set(names) <= known, (word, names)


def test_suggest_for_reads_metric_then_task_then_sentence() -> None:
    area = Node(title="聚焦产业振兴抓落实", kind="area")
    task = Node(title="集中推进园区建设", kind="task", parent=area)
    t = Target(metric="入驻项目", node=task, text="预制食品7个产业园区建成投用,入驻项目30个")
    assert suggest_for(t, DEFAULTS).name == "发展和改革局"  # 园区 of the task, not 食品 of the sentence
    t = Target(metric="服务覆盖企业", node=None, text="用好科技创新服务平台,服务覆盖企业300家")
    assert suggest_for(t, DEFAULTS).name == "科学技术局"
    t = Target(metric="就业", node=task, text="")
    assert suggest_for(t, DEFAULTS).name == "人力资源和社会保障局"


# -- assigning ------------------------------------------------------------------------------

def dept(people: People, name: str) -> Department:
    return people.departments[name]


def targets(plan: Plan, *metrics: str) -> list[Target]:
    by_metric = {t.metric: t for t in plan.targets.all()}
    return [by_metric[m] for m in metrics]


def lead_names(target: Target) -> list[str]:
    return [d.name for d in departments_of(target)["lead"]]


def support_names(target: Target) -> list[str]:
    return [d.name for d in departments_of(target)["support"]]


@pytest.mark.django_db
def test_assign_in_bulk(plan: Plan, people: People) -> None:
    industry = dept(people, "工业和信息化局")
    chosen = targets(plan, "t1-a", "t1-b", "t2-a")
    assert assign(plan, department=industry, targets=chosen, user=people.office) == 3
    assert assign(plan, department=industry, targets=chosen + chosen[:1], user=people.office) == 0  # already so
    assert Assignment.objects.filter(department=industry, role="lead").count() == 3
    history = Assignment.history.filter(history_type="+")
    assert history.count() == 3
    assert set(history.values_list("history_user", flat=True)) == {people.office.id}
    assert [lead_names(t) for t in chosen] == [["工业和信息化局"]] * 3
    assert lead_names(targets(plan, "t3-a")[0]) == []


@pytest.mark.django_db
def test_node_assignment_is_inherited(plan: Plan, people: People) -> None:
    a1 = plan.nodes.get(title="A1")
    t1 = plan.nodes.get(title="T1")
    t1a, t1b, t2a, t3a = targets(plan, "t1-a", "t1-b", "t2-a", "t3-a")
    assign(plan, department=dept(people, "发展和改革局"), nodes=[a1], user=people.office)
    assign(plan, department=dept(people, "工业和信息化局"), nodes=[t1], user=people.office)
    assign(plan, department=dept(people, "财政局"), targets=[t1b], user=people.office)
    assert lead_names(t1a) == ["工业和信息化局"]  # its task's
    assert lead_names(t1b) == ["财政局"]  # its own, not its task's
    assert lead_names(t2a) == ["发展和改革局"]  # its area's, through a task without assignment
    assert lead_names(t3a) == []
    rows = {r.target.metric: r for r in plan_status(plan, plan.targets.first().deadline).rows}
    assert {m: [d.name for d in r.lead] for m, r in rows.items()} == {
        "t1-a": ["工业和信息化局"], "t1-b": ["财政局"], "t2-a": ["发展和改革局"], "t3-a": []}
    assert [t.metric for t in targets_of_department(dept(people, "发展和改革局"))] == ["t2-a"]
    assert [t.metric for t in targets_of_department(dept(people, "工业和信息化局"))] == ["t1-a"]
    assert [t.metric for t in targets_of_department(dept(people, "财政局"), plan)] == ["t1-b"]


@pytest.mark.django_db
def test_lead_replaces_lead(plan: Plan, people: People) -> None:
    (t,) = targets(plan, "t1-a")
    office = people.office
    assign(plan, department=dept(people, "发展和改革局"), targets=[t], user=office)
    assign(plan, department=dept(people, "财政局"), targets=[t], role="support", user=office)
    assign(plan, department=dept(people, "工业和信息化局"), targets=[t], user=office)
    assert lead_names(t) == ["工业和信息化局"]
    assert support_names(t) == ["财政局"]  # a support stays
    removed = Assignment.history.filter(history_type="-").get()
    assert (removed.department.name, removed.history_user, removed.history_change_reason) == (
        "发展和改革局", office, "lead replaced")
    # the same department again, as support: its role changes, one row per department
    assert assign(plan, department=dept(people, "工业和信息化局"), targets=[t], role="support", user=office) == 1
    assert lead_names(t) == []
    assert sorted(support_names(t)) == ["工业和信息化局", "财政局"]
    assert Assignment.objects.filter(target=t).count() == 2


@pytest.mark.django_db
def test_node_lead_replaces_node_lead(plan: Plan, people: People) -> None:
    t1 = plan.nodes.get(title="T1")
    assign(plan, department=dept(people, "发展和改革局"), nodes=[t1], user=people.office)
    assign(plan, department=dept(people, "财政局"), nodes=[t1], user=people.office)
    assert list(t1.assignments.values_list("department__name", "role")) == [("财政局", "lead")]


@pytest.mark.django_db
def test_unassign(plan: Plan, people: People) -> None:
    (t,) = targets(plan, "t1-a")
    industry = dept(people, "工业和信息化局")
    assign(plan, department=industry, targets=[t], user=people.office)
    assert unassign(plan, department=industry, targets=[t], user=people.office) == 1
    assert lead_names(t) == []


REFUSED = [
    ("department-of-another-government", "foreign", None, ServiceError),
    ("unknown-role", "local", "boss", ServiceError),
    ("reporter", "local-reporter", None, Forbidden),
    ("leader", "local-leader", None, Forbidden),
    ("office-of-another-government", "local-stranger", None, Forbidden),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "role", "error"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_assign_refused(plan: Plan, people: People, who: str, role: str | None, error: type[Exception]) -> None:
    other = Government.objects.get(name="别的县")
    department = (Department.objects.create(government=other, name="工业和信息化局") if who == "foreign"
                  else dept(people, "工业和信息化局"))
    user = {"foreign": people.office, "local": people.office, "local-reporter": people.reporter,
            "local-leader": people.leader, "local-stranger": people.stranger}[who]
    with pytest.raises(error):
        assign(plan, department=department, targets=plan.targets.all(), role=role or "lead", user=user)
    assert Assignment.objects.count() == 0


@pytest.mark.django_db
def test_assign_target_of_another_plan(plan: Plan, people: People) -> None:
    other = small_plan(year=2024)
    with pytest.raises(ServiceError, match="another plan"):
        assign(plan, department=dept(people, "财政局"), targets=list(other.targets.all()), user=people.office)
    assert Assignment.objects.count() == 0


@pytest.mark.django_db
def test_assign_suggested_respects_node_leads(people: People) -> None:
    plan = small_plan("博山", targets=[row("新增城镇就业", 1500, path=("A1", "T1")),
                                      row("重点技改项目", 160, path=("A2", "T3")),
                                      row("规范化示范路", 5, path=("A2", "T3"))])
    people_of_plan = people_of_government(plan)
    assign(plan, department=people_of_plan["财政局"], nodes=[plan.nodes.get(title="T3")])
    assert assign_suggested(plan) == 1
    employment, tech, road = plan.targets.order_by("order")
    assert lead_names(employment) == ["人力资源和社会保障局"]
    assert lead_names(tech) == lead_names(road) == ["财政局"]  # the office's node lead stays
    assert assign_suggested(plan) == 0


def people_of_government(plan: Plan) -> dict[str, Department]:
    from luoshi.core.services.assignment import create_default_departments

    return {d.name: d for d in create_default_departments(plan.government)}


# -- a department's targets: a constant number of queries ---------------------------------------

def big_plan(government: str, areas: int, tasks: int, per_task: int) -> Plan:
    tree = [node("area", f"A{a}", *[node("task", f"T{a}.{t}", node("measure", f"M{a}.{t}"))
                                     for t in range(tasks)]) for a in range(areas)]
    rows = [row(f"m{a}.{t}.{i}", i + 1, path=(f"A{a}", f"T{a}.{t}"))
            for a in range(areas) for t in range(tasks) for i in range(per_task)]
    return small_plan(government, tree=tree, targets=rows)


def spread_assignments(plan: Plan, departments: list[Department]) -> None:
    """Areas, tasks and single targets assigned in a pattern that mixes every case."""
    n = len(departments)
    rows = []
    for i, x in enumerate(plan.nodes.exclude(kind="measure").order_by("order")):
        if i % 3 == 0:
            rows.append(Assignment(node=x, department=departments[i % n]))
        if i % 4 == 0:
            rows.append(Assignment(node=x, department=departments[(i + 1) % n], role="support"))
    for i, t in enumerate(plan.targets.order_by("order")):
        if i % 5 == 0:
            rows.append(Assignment(target=t, department=departments[(i * 7 + 1) % n]))
        if i % 11 == 0:
            rows.append(Assignment(target=t, department=departments[(i * 3 + 4) % n], role="support"))
    seen = set()
    unique = [a for a in rows if not ((a.node_id, a.target_id, a.department_id) in seen
                                      or seen.add((a.node_id, a.target_id, a.department_id)))]
    Assignment.objects.bulk_create(unique)


def brute_force(government: Government) -> dict[int, list[int]]:
    """Department id → its targets' ids, one target at a time with ``departments_of``."""
    out: dict[int, list[int]] = {}
    for t in Target.objects.filter(plan__government=government).order_by("id"):
        d = departments_of(t)
        for department in d["lead"] + d["support"]:
            out.setdefault(department.id, []).append(t.id)
    return out


@pytest.mark.django_db
@pytest.mark.parametrize(("areas", "tasks", "per_task"), [(1, 1, 1), (3, 4, 3), (6, 8, 10)],
                         ids=["tiny", "small", "larger"])
def test_targets_of_department_constant_queries(
        areas: int, tasks: int, per_task: int, django_assert_max_num_queries: Any) -> None:
    plan = big_plan("大县", areas, tasks, per_task)
    departments = [d for _, d in sorted(people_of_government(plan).items())][:7]
    spread_assignments(plan, departments)
    small_plan("大县", year=2024)  # another plan of the same government, without assignments
    expected = brute_force(plan.government)
    assert expected  # some departments have targets
    for d in departments:
        with django_assert_max_num_queries(5):  # plans, nodes, their assignments, targets' ones, targets
            found = targets_of_department(d)
            [(t.plan.year, t.node and t.node.title) for t in found]  # noqa: B018 (loaded with the list)
        assert sorted(t.id for t in found) == expected.get(d.id, [])
        with django_assert_max_num_queries(4):
            found = targets_of_department(d, plan)
        assert sorted(t.id for t in found) == expected.get(d.id, [])


def _names(d: dict[str, list[Department]]) -> dict[str, list[str]]:
    return {k: sorted(x.name for x in v) for k, v in d.items()}


@pytest.mark.django_db
@pytest.mark.parametrize(("related", "queries"), [
    ((), 2),  # the plan's node parents, then the assignments
    (("node__parent",), 1),  # task → area → top: the whole chain came with the target
    (("node",), 2),  # the chain stops below the top: the parents are read
], ids=["plain", "chain-loaded", "chain-cut"])
def test_departments_of_with_the_node_chain_loaded(related: tuple[str, ...], queries: int,
                                                   django_assert_num_queries: Any) -> None:
    plan = big_plan("大县", 2, 3, 2)
    spread_assignments(plan, [d for _, d in sorted(people_of_government(plan).items())][:5])
    expected = {t.id: _names(departments_of(t)) for t in Target.objects.filter(plan=plan)}
    for t in Target.objects.filter(plan=plan).select_related(*related):
        with django_assert_num_queries(queries):
            assert _names(departments_of(t)) == expected[t.id], t.metric


@pytest.mark.django_db
@pytest.mark.parametrize("depth", [1, 4, 5, 7], ids=["one", "four", "five", "seven"])
@pytest.mark.parametrize("assigned_at", ["top", "bottom"])
def test_departments_of_at_any_depth(depth: int, assigned_at: str) -> None:
    """A target under ``depth`` nested nodes takes the departments of the nearest assigned one,
    as deep as trees go (the query is built once for chains of up to four nodes), whether
    the nodes above it came with it or not."""
    titles = [f"N{k}" for k in range(depth)]
    tree = node("task", titles[-1])
    for title in reversed(titles[:-1]):
        tree = node("area", title, tree)
    plan = small_plan("深县", tree=[tree], targets=[row("deep", 5, path=tuple(titles))])
    depts = people_of_government(plan)
    lead, support = depts["工业和信息化局"], depts["教育和体育局"]
    top, bottom = (Node.objects.get(plan=plan, title=t) for t in (titles[0], titles[-1]))
    Assignment.objects.create(node=top if assigned_at == "top" else bottom, department=lead,
                              role=Assignment.Role.LEAD)
    if assigned_at == "bottom" and depth > 1:  # nearer wins: the top's department is not inherited
        Assignment.objects.create(node=top, department=support, role=Assignment.Role.SUPPORT)
    for target in (Target.objects.get(plan=plan), Target.objects.select_related("node__parent__parent").get()):
        assert target.node.title == titles[-1]
        assert _names(departments_of(target)) == {"lead": [lead.name], "support": []}
