"""rez's resolve graph (a pygraph ``digraph``) from rer's."""

#: rez's colours and styles of a node, by rer's kind of node.
_FILL = {"initial_request": "#FFFFAA", "solved_variant": "#AAFFAA"}
_SOLID = ("solved_variant", "scope")
_FONT_SIZE = 10


def rez_graph(graph):
    """The ``digraph`` rez's ``Solver.get_graph()`` returns, from rer's
    ``rer.ResolveGraph`` of the same solve: the same nodes (ids, labels,
    colours, styles) and edges (with rez's ``CONFLICT``, ``CYCLE`` and
    reduction labels and arrowheads), made with the calls rez makes, in
    rez's order, so ``write_dot`` gives rez's text (``graph.to_dot()``).
    """
    from rez.vendor.pygraph.classes.digraph import digraph

    g = digraph()
    for id_, label, kind in graph.nodes:
        style = "filled" if kind in _SOLID else "filled,dashed"
        g.add_node(id_, attrs=[("label", label), ("fontsize", _FONT_SIZE),
                               ("fillcolor", _FILL.get(kind, "#F6F6F6")),
                               ("style", '"%s"' % style)])
    for source, target, kind, label in graph.edges:
        edge = (source, target)
        if g.has_edge(edge):
            g.del_edge(edge)
        g.add_edge(edge)
        g.add_edge_attribute(edge, ("arrowsize", "0.5" if kind == "requires" else "1"))
        if kind == "merge":
            g.add_edge_attribute(edge, ("arrowhead", "odot"))
        elif kind in ("conflict", "cycle"):
            g.set_edge_label(edge, label)
            g.add_edge_attribute(edge, ("style", "bold"))
            g.add_edge_attribute(edge, ("color", "red"))
            g.add_edge_attribute(edge, ("fontcolor", "red"))
        elif kind == "reduction":
            g.set_edge_label(edge, label)
            g.add_edge_attribute(edge, ("fontsize", _FONT_SIZE))
    return g
