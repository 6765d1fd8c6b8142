"""Queries whose SQL is built once per database connection and then run with new parameters.

Django builds a queryset's SQL anew each time it runs it: for the four queries of a plan's
status that is more than half of their cost (measured on PostgreSQL: 9.6 ms with the ORM,
2.9 ms for the same SQL on a cursor). A ``Prepared`` query is written as an ordinary queryset,
built once with marker values standing for its parameters; its SQL and the places of the
markers among the parameters are kept, and each run puts the real values in those places.
Rows come back through Django's own converters (SQLite's dates and decimals), so they are
what ``values_list`` would give, or the instances the queryset would make.

On PostgreSQL they are also prepared statements, planned once (``prepare_statements``). Their
SQL names its columns, so a migration that adds columns leaves them valid; one that changes
the type of a column they read needs the app server restarted, as deployments do anyway.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import import_module
from typing import Any, TypeVar

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.query import get_related_populators
from django.db.models.signals import post_init, pre_init
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=Model)

_INT64 = (-(2**63), 2**63 - 1)

# marker values, which no real id or date equals
AN_ID = -7_654_321
A_DAY = date(1, 2, 3)


@dataclass(frozen=True)
class _Built:
    compiler: SQLCompiler
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, str], ...]  # (position in params, name of the marker)


class Prepared:
    """``build(**marks)`` must return a queryset in which each marker value
    appears among the parameters (and no other parameter equals one): ``Prepared(lambda plan:
    Node.objects.filter(plan=plan).values_list("id", "title"), plan=-7)``. Markers are ids (an
    id beyond 64 bits matches no row), strings or dates (which a database may take as text:
    values are adapted the same way)."""

    def __init__(self, build: Callable[..., QuerySet[Any]], **marks: object) -> None:
        self.build, self.marks = build, marks
        self._built: weakref.WeakKeyDictionary[BaseDatabaseWrapper, _Built] = weakref.WeakKeyDictionary()

    def _for(self, using: str) -> _Built:
        connection = connections[using]  # one per thread: so is the compiler kept with it
        built = self._built.get(connection)
        if built is None:
            compiler = self.build(**self.marks).query.get_compiler(using)
            sql, params = compiler.as_sql()
            adapted = {k: _adapt(connection, m) for k, m in self.marks.items()}
            slots = []
            for i, p in enumerate(params):
                names = [k for k, m in adapted.items() if type(p) is type(m) and p == m]
                if names:
                    slots.append((i, names[0]))
            if {n for _, n in slots} != set(self.marks):
                missing = sorted(set(self.marks) - {n for _, n in slots})
                raise ValueError(f"markers not among the query's parameters: {missing}")
            built = self._built[connection] = _Built(compiler, sql, tuple(params), tuple(slots))
        return built

    def _run(self, using: str, values: dict[str, object]) -> tuple[_Built, list[Any]]:
        built = self._for(using)
        if any(isinstance(v, int) and not _INT64[0] <= v <= _INT64[1] for v in values.values()):
            return built, []  # as Django does: no row has such an id (SQLite could not take it)
        connection = connections[using]
        params = list(built.params)
        for i, name in built.slots:
            params[i] = _adapt(connection, values[name])
        with _cursor(connection) as cursor:
            cursor.execute(built.sql, params)
            return built, cursor.fetchall()

    def rows(self, using: str = "default", **values: object) -> list[tuple[Any, ...]]:
        """Run a ``values_list`` query with ``values`` for its markers: the rows, as
        ``values_list`` gives them."""
        built, fetched = self._run(using, values)
        return list(built.compiler.results_iter([fetched], tuple_expected=True))

    def objects(self, using: str = "default", **values: object) -> list[Any]:
        """Run a query of model instances (``select_related`` and ``defer`` allowed) with
        ``values`` for its markers: the instances, made as the queryset makes them."""
        built, fetched = self._run(using, values)
        compiler = built.compiler
        info = compiler.klass_info
        start, end = info["select_fields"][0], info["select_fields"][-1] + 1
        names = [f[0].target.attname for f in compiler.select[start:end]]
        related = get_related_populators(info, compiler.select, using)
        out = []
        for row in compiler.results_iter([fetched]):
            obj = info["model"].from_db(using, names, row[start:end])
            for populator in related:
                populator.populate(row, obj)
            for name, column in compiler.annotation_col_map.items():
                setattr(obj, name, row[column])
            out.append(obj)
        return out

    def first(self, using: str = "default", **values: object) -> Any:
        """The first instance ``objects`` gives, or None (the queries by primary key)."""
        found = self.objects(using, **values)
        return found[0] if found else None


@cache
def _server_binding(module: str) -> type | None:
    """The cursor class of a PostgreSQL backend module that binds on the server (psycopg 3)."""
    return getattr(import_module(module), "ServerBindingCursor", None)  # type: ignore[no-any-return]


def _cursor(connection: BaseDatabaseWrapper) -> Any:
    """A cursor of ``connection``, wrapped as Django wraps its own (errors, the queries' log).
    On PostgreSQL, one that binds parameters on the server, so that its statements are
    prepared (see ``prepare_statements``). Django's own cursors bind on the client and
    prepare nothing."""
    binding = _server_binding(type(connection).__module__) if connection.vendor == "postgresql" else None
    if binding is None:
        return connection.cursor()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        cursor = binding(connection.connection)
    return connection.make_debug_cursor(cursor) if connection.queries_logged else connection.make_cursor(cursor)


def prepare_statements(sender: object, connection: BaseDatabaseWrapper, **kwargs: object) -> None:
    """On a new PostgreSQL connection (``connection_created``): psycopg prepares each statement
    of a cursor that binds on the server the first time it runs (Django turns that off), and
    the server plans a prepared statement once. It would otherwise plan it anew at each run,
    for as long as it guesses that a plan made for the values pays: planning took more of its
    time than running (0.7 ms of 1.2 for a plan's assignments), and the statements prepared
    here select rows by id, for which one plan fits all. Only ``_cursor``'s cursors bind on
    the server, so only this module's statements are prepared."""
    if connection.vendor == "postgresql" and hasattr(connection.connection, "prepare_threshold"):
        connection.connection.prepare_threshold = 0
        with connection.cursor() as cursor:
            cursor.execute("SET plan_cache_mode = force_generic_plan")


def _adapt(connection: BaseDatabaseWrapper, value: object) -> object:
    if isinstance(value, date) and not isinstance(value, datetime):
        return connection.ops.adapt_datefield_value(value)
    return value


@cache
def field_names(model: type[Model]) -> tuple[str, ...]:
    """The names under which ``values_list`` reads every concrete field of ``model``, in order."""
    return tuple(f.attname for f in model._meta.concrete_fields)


def instances(model: type[M], rows: Sequence[tuple[Any, ...]], using: str = "default",
              names: Sequence[str] | None = None) -> list[M]:
    """Model instances from rows of every concrete field (``field_names``), or of the fields
    ``names`` (the others deferred), as a queryset would make them. Without ``__init__`` (its
    work per field and its two signals are most of the cost of a plan's hundred targets) when
    nothing listens for it: the attributes and the state it would set."""
    every = field_names(model)
    names = every if names is None else tuple(names)
    if (pre_init.has_listeners(model) or post_init.has_listeners(model)
            or (names is not every and sorted(names) != sorted(every))):
        # from_db takes the values in the order of the concrete fields (a partial row too):
        # put the named ones in that order first
        at = {n: i for i, n in enumerate(names)}
        ordered = tuple(n for n in every if n in at)
        if len(ordered) != len(at):
            raise ValueError(f"not fields of {model.__name__}: {sorted(set(at) - set(every))}")
        picks = [at[n] for n in ordered]
        return [model.from_db(using, ordered, tuple(row[i] for i in picks)) for row in rows]  # type: ignore[misc]
    made = []
    for row in rows:
        obj = model.__new__(model)
        obj.__dict__.update(zip(names, row, strict=True))
        obj._state = ModelState()
        obj._state.adding, obj._state.db = False, using
        made.append(obj)
    return made
