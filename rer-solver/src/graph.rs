//! The end of a solved phase (rez's `finalise`): the dependency graph of the
//! resolved packages, cycle detection, and the final order.

use crate::bitset::BitSet;
use crate::error::SolveError;
use crate::failure::FailureReason;
use crate::phase::{Phase, Status};
use crate::scope::Scope;
use crate::store::{FamId, Res, Store};
use rer_pyhash::{HashSecret, PySet, hash_tuple};

/// The graph of a solved phase: one node per non-conflict scope, an edge
/// from each resolved variant to each family it requires.
struct Graph {
    fams: Vec<FamId>,
    /// The scope each node stands for (its index in the phase's scopes).
    scope_at: Vec<usize>,
    /// The node of each family (by id), [`NO_NODE`] if none.
    node_of: Vec<u32>,
    /// Edges of node `i`: `edges[start[i]..start[i + 1]]`.
    start: Vec<usize>,
    edges: Vec<usize>,
}

/// No node for this family.
const NO_NODE: u32 = u32::MAX;

impl Graph {
    fn build(store: &Store<'_>, scopes: &[Scope]) -> Res<Graph> {
        let mut fams = Vec::with_capacity(scopes.len());
        let mut scope_at = Vec::with_capacity(scopes.len());
        let top = scopes.iter().map(|s| s.fam as usize + 1).max().unwrap_or(0);
        let mut node_of = vec![NO_NODE; top];
        for (i, s) in scopes.iter().enumerate() {
            if s.is_conflict() {
                continue;
            }
            node_of[s.fam as usize] = fams.len() as u32;
            fams.push(s.fam);
            scope_at.push(i);
        }
        let mut start = Vec::with_capacity(fams.len() + 1);
        let mut edges = Vec::with_capacity(fams.len() * 4);
        start.push(0);
        for &i in &scope_at {
            let first = edges.len();
            if let Some(var) = scopes[i].solved_variant(store)? {
                for r in store.reqs(var.pkg()?, var.pos)?.reqs.iter() {
                    if r.conflict {
                        continue;
                    }
                    let to = node_of.get(r.fam as usize).copied().unwrap_or(NO_NODE);
                    if to != NO_NODE && !edges[first..].contains(&(to as usize)) {
                        edges.push(to as usize);
                    }
                }
            }
            start.push(edges.len());
        }
        Ok(Graph {
            fams,
            scope_at,
            node_of,
            start,
            edges,
        })
    }

    /// The node of family `fam`, if it has one.
    fn node(&self, fam: FamId) -> Option<usize> {
        match self.node_of.get(fam as usize) {
            Some(&n) if n != NO_NODE => Some(n as usize),
            _ => None,
        }
    }

    /// The nodes `node` has an edge to.
    #[inline]
    fn adj(&self, node: usize) -> &[usize] {
        match (self.start.get(node), self.start.get(node + 1)) {
            (Some(&a), Some(&b)) => self.edges.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Whether the graph has a cycle (in any order of walking it).
    fn has_cycle(&self) -> bool {
        let n = self.fams.len();
        let roots: Vec<usize> = (0..n).collect();
        !first_cycle(n, &roots, |v| self.adj(v)).is_empty()
    }

    /// The cycle rez 3.4.0 reports for this graph in a process whose
    /// `PYTHONHASHSEED` is `seed`: `find_cycle` (pygraph's depth-first
    /// search) over the digraph `_get_minimal_graph` builds, whose nodes
    /// come in the order of a Python set of the family names and whose
    /// edges are added in the order of a set of `(family, required family)`
    /// tuples. The nodes run from the ancestor down to the node whose edge
    /// closes the cycle.
    fn rez_cycle(&self, store: &Store<'_>, scopes: &[Scope], seed: u32) -> Res<Vec<usize>> {
        let secret = HashSecret::from_seed(seed);
        let n = self.fams.len();
        let hashes: Vec<i64> = self
            .fams
            .iter()
            .map(|&f| secret.hash_str(&store.name(f)))
            .collect();
        let mut nodes = PySet::new();
        for (node, &h) in hashes.iter().enumerate() {
            nodes.insert(node, h);
        }
        let roots: Vec<usize> = nodes.iter().copied().collect();
        // every requirement's edge, as rez adds it to its set (an edge to a
        // family without a node cannot occur in a solved phase; rer's
        // graph leaves it out, as `build` does)
        let mut edges = PySet::new();
        for (from, &i) in self.scope_at.iter().enumerate() {
            if let Some(var) = scopes[i].solved_variant(store)? {
                for r in store.reqs(var.pkg()?, var.pos)?.reqs.iter() {
                    if r.conflict {
                        continue;
                    }
                    if let Some(to) = self.node(r.fam) {
                        edges.insert((from, to), hash_tuple(&[hashes[from], hashes[to]]));
                    }
                }
            }
        }
        let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &(from, to) in edges.iter() {
            adj[from].push(to);
        }
        Ok(first_cycle(n, &roots, |v| adj[v].as_slice()))
    }

    /// rez's `_get_dependency_order`: the request order where possible, each
    /// package after everything it depends on; nodes not in the request
    /// follow in name order.
    fn dependency_order(&self, store: &Store<'_>, request: &[FamId]) -> Vec<usize> {
        let n = self.fams.len();
        // the nodes in the order rez's loop starts from: the request's,
        // then the others by name
        let mut in_request = BitSet::with_capacity(n);
        let mut nodes: Vec<usize> = Vec::with_capacity(n);
        for f in request {
            if let Some(i) = self.node(*f) {
                if !in_request.contains(i) {
                    in_request.insert(i);
                    nodes.push(i);
                }
            }
        }
        let mut rest: Vec<FamId> = (0..n)
            .filter(|i| !in_request.contains(*i))
            .map(|i| self.fams[i])
            .collect();
        store.sort_by_name(&mut rest);
        nodes.extend(rest.iter().filter_map(|f| self.node(*f)));
        let mut at = vec![0usize; n];
        for (p, &v) in nodes.iter().enumerate() {
            at[v] = p;
        }

        // transitive closure (what each node reaches, itself excluded), in
        // one flat bit matrix with rows and bits numbered by list position,
        // filled in reverse topological order (the graph has no cycle here)
        let words = n.div_ceil(64);
        let mut reach = vec![0u64; n * words];
        let mut state = vec![0u8; n]; // 0 new, 1 open, 2 done
        let mut stack: Vec<(usize, usize)> = Vec::with_capacity(n);
        for root in 0..n {
            if state[root] != 0 {
                continue;
            }
            state[root] = 1;
            stack.clear();
            stack.push((root, 0));
            while let Some(&mut (v, ref mut next)) = stack.last_mut() {
                if let Some(&w) = self.adj(v).get(*next) {
                    *next += 1;
                    if state[w] == 0 {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    continue;
                }
                // all children of v are done: reach[v] = union of (child + reach[child])
                let (pv, row) = (at[v], at[v] * words);
                for &w in self.adj(v) {
                    if w == v {
                        continue;
                    }
                    let pw = at[w];
                    reach[row + pw / 64] |= 1u64 << (pw % 64);
                    for k in 0..words {
                        let bit = reach[pw * words + k];
                        reach[row + k] |= bit;
                    }
                }
                reach[row + pv / 64] &= !(1u64 << (pv % 64));
                state[v] = 2;
                stack.pop();
            }
        }
        order_by_dependencies(&reach, words, n)
            .into_iter()
            .map(|p| nodes[p])
            .collect()
    }
}

/// The first cycle pygraph's `find_cycle` finds in a digraph of `n` nodes
/// walked from `roots` in turn, each node's edges in `adj` order: the tree
/// path from the ancestor an edge leads back to, down to that edge's
/// source. Empty when there is no cycle.
fn first_cycle<'a>(n: usize, roots: &[usize], adj: impl Fn(usize) -> &'a [usize]) -> Vec<usize> {
    let mut visited = vec![false; n];
    // on the walk's stack: the ancestors of the node being visited in the
    // spanning tree (pygraph tests every visited node by climbing the tree
    // from the current one, which finds exactly these)
    let mut open = vec![false; n];
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut stack: Vec<(usize, usize)> = Vec::with_capacity(n);
    for &root in roots {
        if visited[root] {
            continue;
        }
        parent[root] = None;
        visited[root] = true;
        open[root] = true;
        stack.clear();
        stack.push((root, 0));
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let Some(&each) = adj(node).get(*next) else {
                open[node] = false;
                stack.pop();
                continue;
            };
            *next += 1;
            if !visited[each] {
                parent[each] = Some(node);
                visited[each] = true;
                open[each] = true;
                stack.push((each, 0));
            } else if open[each] {
                // an edge back to an ancestor: the tree path from it down
                // to `node` closes a cycle
                let mut path = Vec::new();
                let mut cur = Some(node);
                while let Some(c) = cur {
                    if c == each {
                        break;
                    }
                    path.push(c);
                    cur = parent[c];
                }
                path.push(each);
                path.reverse();
                return path;
            }
        }
    }
    Vec::new()
}

/// rez's dependency order of the nodes `0..n`, numbered by their position
/// in the list rez's loop starts from, given each node's transitive
/// dependencies as rows of `words` bit words in `reach` (an acyclic graph).
fn order_by_dependencies(reach: &[u64], words: usize, n: usize) -> Vec<usize> {
    // rez's loop takes the first node of the list; if it depends on a
    // later one, the first such moves in front of it, else it is
    // emitted. Moving a node keeps the others in list order, and a
    // node never depends on those it was moved in front of (no
    // cycles), so this is a depth-first walk: a node waits for its
    // first pending dependency in list order, the lowest bit of
    // (reach & pending).
    // pending and not on the walk's stack
    let mut open = vec![0u64; words];
    for p in 0..n {
        open[p / 64] |= 1u64 << (p % 64);
    }
    let first_open = |x: usize, open: &[u64]| {
        let row = &reach[x * words..(x + 1) * words];
        row.iter()
            .zip(open)
            .enumerate()
            .find(|(_, (r, o))| *r & *o != 0)
            .map(|(k, (r, o))| k * 64 + (r & o).trailing_zeros() as usize)
    };
    let mut ordered = Vec::with_capacity(n);
    let mut stack: Vec<usize> = Vec::new();
    for p in 0..n {
        if open[p / 64] & (1u64 << (p % 64)) == 0 {
            continue;
        }
        open[p / 64] &= !(1u64 << (p % 64));
        stack.push(p);
        while let Some(&x) = stack.last() {
            match first_open(x, &open) {
                Some(m) => {
                    open[m / 64] &= !(1u64 << (m % 64));
                    stack.push(m);
                }
                None => {
                    ordered.push(x);
                    stack.pop();
                }
            }
        }
    }
    ordered
}

/// rez's `finalise`: a cyclic phase when the resolve has a cycle, otherwise
/// the phase with its non-conflict scopes in the final order.
/// Which cycle is reported, when there are several or it could start at
/// several members, is the one rez reports under `PYTHONHASHSEED=hash_seed`
/// (the search in rez's order runs only once a cycle is known to exist).
pub(crate) fn finalise(
    phase: &Phase,
    store: &Store<'_>,
    request: &[FamId],
    hash_seed: u32,
) -> Res<Phase> {
    let graph = Graph::build(store, &phase.scopes)?;

    if graph.has_cycle() {
        let cycle = graph.rez_cycle(store, &phase.scopes, hash_seed)?;
        let mut packages = Vec::with_capacity(cycle.len());
        for node in cycle {
            let (fam, scope) = match (graph.fams.get(node), graph.scope_at.get(node)) {
                (Some(&fam), Some(&i)) => (fam, phase.scopes[i]),
                _ => {
                    return Err(Box::new(SolveError::Internal(
                        "cycle node without a scope".into(),
                    )));
                }
            };
            if let Some(var) = scope.solved_variant(store)? {
                packages.push((store.name(fam), var.pkg()?.version().clone()));
            }
        }
        let mut out = Phase::failed(phase.scopes.clone(), Some(FailureReason::Cycle(packages)));
        out.status = Status::Cyclic;
        out.extractions = phase.extractions.clone();
        return Ok(out);
    }

    let order = graph.dependency_order(store, request);
    let mut out = phase.clone();
    out.scopes = order
        .into_iter()
        .filter_map(|i| graph.scope_at.get(i).map(|&k| phase.scopes[k]))
        .collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::order_by_dependencies;

    /// rez's loop as written: take the first node; if it depends on a later
    /// one, move the first such in front of it; else emit it.
    fn rotating(nodes: &[usize], depends: impl Fn(usize, usize) -> bool) -> Vec<usize> {
        let mut nodes = nodes.to_vec();
        let mut ordered = Vec::new();
        let mut start = 0;
        while start < nodes.len() {
            let first = nodes[start];
            match nodes[start + 1..].iter().position(|m| depends(first, *m)) {
                Some(off) => nodes[start..=start + 1 + off].rotate_right(1),
                None => {
                    ordered.push(first);
                    start += 1;
                }
            }
        }
        ordered
    }

    /// A random acyclic graph on `n` nodes (edges from higher to lower
    /// numbers, then renamed by `perm`), as its transitive closure rows.
    fn closure(n: usize, seed: &mut u64, density: u64) -> (Vec<u64>, usize) {
        let mut next = || {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            *seed
        };
        let mut perm: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            perm.swap(i, (next() % (i as u64 + 1)) as usize);
        }
        let words = n.div_ceil(64).max(1);
        let mut reach = vec![0u64; n * words];
        // in increasing order: each node's dependencies are lower numbered,
        // so their closures are complete already
        for a in 0..n {
            for b in 0..a {
                if next() % 100 < density {
                    let (pa, pb) = (perm[a], perm[b]);
                    reach[pa * words + pb / 64] |= 1 << (pb % 64);
                    for k in 0..words {
                        let bits = reach[pb * words + k];
                        reach[pa * words + k] |= bits;
                    }
                }
            }
        }
        (reach, words)
    }

    #[test]
    fn the_walk_gives_the_rotating_loops_order() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for case in 0..400 {
            let n = 1 + case % 150;
            let density = [2, 5, 15, 40][case % 4];
            let (reach, words) = closure(n, &mut seed, density);
            let depends = |a: usize, b: usize| reach[a * words + b / 64] & (1 << (b % 64)) != 0;
            let mut list: Vec<usize> = (0..n).collect();
            list.rotate_left(case % n);
            // the closure renumbered by list position
            let mut at = vec![0usize; n];
            for (p, &v) in list.iter().enumerate() {
                at[v] = p;
            }
            let mut by_position = vec![0u64; n * words];
            for v in 0..n {
                for w in 0..n {
                    if depends(v, w) {
                        by_position[at[v] * words + at[w] / 64] |= 1 << (at[w] % 64);
                    }
                }
            }
            let walked: Vec<usize> = order_by_dependencies(&by_position, words, n)
                .into_iter()
                .map(|p| list[p])
                .collect();
            assert_eq!(
                walked,
                rotating(&list, depends),
                "case {case}: n {n}, density {density}"
            );
        }
    }
}
