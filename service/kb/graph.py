"""The collaboration network: organizations as nodes, shared events as weighted edges."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from xml.sax.saxutils import escape

from sqlalchemy import Select
from sqlalchemy.orm import Session

from service.kb.queries import survivors
from service.store.models import Organization


def build_graph(session: Session, events: Select, focus: int | None = None) -> dict:
    """Nodes and edges of the events selected by ``events`` (optionally only edges touching ``focus``)."""
    edge_events: dict[tuple[int, int], list[int]] = defaultdict(list)
    degree: Counter[int] = Counter()
    selected = session.scalars(events).all()
    targets = survivors(session, {p.organization_id for event in selected for p in event.participants})
    for event in selected:
        members = sorted({targets[p.organization_id].id for p in event.participants})
        for org_id in members:
            degree[org_id] += 1
        for a, b in combinations(members, 2):
            if focus is None or focus in (a, b):
                edge_events[(a, b)].append(event.id)
    node_ids = {n for pair in edge_events for n in pair} | ({focus} if focus else set())
    orgs = {o.id: o for o in session.query(Organization).filter(Organization.id.in_(node_ids))}
    return {
        "nodes": [{"id": i, "name": orgs[i].name, "lang": orgs[i].lang, "events": degree[i]} for i in sorted(node_ids) if i in orgs],
        "edges": [{"source": a, "target": b, "weight": len(ids), "events": ids} for (a, b), ids in sorted(edge_events.items())],
    }


def to_graphml(graph: dict) -> str:
    """GraphML for Gephi, yEd, networkx."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '<key id="name" for="node" attr.name="name" attr.type="string"/>',
        '<key id="lang" for="node" attr.name="lang" attr.type="string"/>',
        '<key id="events" for="node" attr.name="events" attr.type="int"/>',
        '<key id="weight" for="edge" attr.name="weight" attr.type="int"/>',
        '<graph id="collaborations" edgedefault="undirected">',
    ]
    for node in graph["nodes"]:
        lines.append(f'<node id="o{node["id"]}"><data key="name">{escape(node["name"])}</data>'
                     f'<data key="lang">{node["lang"]}</data><data key="events">{node["events"]}</data></node>')
    for edge in graph["edges"]:
        lines.append(f'<edge source="o{edge["source"]}" target="o{edge["target"]}"><data key="weight">{edge["weight"]}</data></edge>')
    lines += ["</graph>", "</graphml>"]
    return "\n".join(lines) + "\n"
