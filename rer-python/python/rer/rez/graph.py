"""rez's resolve graph for a solve rer served."""


def solved_graph(package_requests, variants):
    """The graph rez's ``Solver.get_graph()`` draws for a solved resolve, from
    what a solution holds: a node per request (the initial ones highlighted),
    a node per resolved variant, an edge from each request to the variant of
    its family and from each variant to each of its requirements, with rez's
    colours and attributes.

    rez also draws the scopes of the final phase that resolved to nothing
    (weak and conflict requests) and the merges of extracted requirements;
    a solution does not hold those, so they are not drawn here.
    """
    from rez.vendor.pygraph.classes.digraph import digraph
    from rez.version import RequirementList

    g = digraph()
    counter = [1]
    request_nodes = {}
    scope_nodes = {}

    def add_node(label, color, style):
        id_ = "_%d" % counter[0]
        counter[0] += 1
        g.add_node(id_, attrs=[("label", label), ("fontsize", 10),
                               ("fillcolor", color), ("style", '"%s"' % style)])
        return id_

    def add_edge(id1, id2):
        edge = (id1, id2)
        if g.has_edge(edge):
            g.del_edge(edge)
        g.add_edge(edge)
        g.add_edge_attribute(edge, ("arrowsize", "0.5"))

    def request_node(request, initial=False):
        id_ = request_nodes.get(request)
        if id_ is None:
            color = "#FFFFAA" if initial else "#F6F6F6"
            id_ = add_node(str(request), color, "filled,dashed")
            request_nodes[request] = id_
        return id_

    request_list = RequirementList(list(package_requests))
    for request in request_list.requirements:
        request_node(request, True)
    for variant in variants:
        scope_nodes[variant.name] = add_node(str(variant), "#AAFFAA", "filled")
    for request in request_list.requirements:
        id1 = request_nodes.get(request)
        id2 = scope_nodes.get(request.name)
        if id1 is not None and id2 is not None:
            add_edge(id1, id2)
    for variant in variants:
        for requirement in variant.requires_list.requirements:
            add_edge(scope_nodes[variant.name], request_node(requirement))
    return g
