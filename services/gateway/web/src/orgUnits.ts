// The org tree flattened for selects (unit filters, move targets).
import { orgApi } from "./personnelApi";
import type { OrgTreeNode, OrgUnit } from "./personnelTypes";

export interface FlatUnit {
  unit: OrgUnit;
  depth: number;
  path: string;
  node: OrgTreeNode;
}

export function flatten(root: OrgTreeNode | null | undefined): FlatUnit[] {
  const out: FlatUnit[] = [];
  const walk = (n: OrgTreeNode, depth: number) => {
    if (!n?.unit) return;
    out.push({ unit: n.unit, depth, path: n.path || n.unit.name, node: n });
    for (const c of n.children ?? []) walk(c, depth + 1);
  };
  if (root) walk(root, 0);
  return out;
}

/** [id, "　　一车间"] options (indent shows the depth); posts left out unless asked for. */
export function unitOptions(units: FlatUnit[], withPosts = false): Array<[string, string]> {
  return units
    .filter((u) => withPosts || u.unit.kind !== "post")
    .map((u) => [u.unit.id, `${"　".repeat(u.depth)}${u.unit.name}`]);
}

let cache: { at: number; units: FlatUnit[] } | null = null;

/** The active units, cached for a minute (filters on several pages). */
export async function loadUnits(force = false): Promise<FlatUnit[]> {
  if (!force && cache && Date.now() - cache.at < 60_000) return cache.units;
  const tree = await orgApi.tree(false);
  cache = { at: Date.now(), units: flatten(tree.root) };
  return cache.units;
}

export function invalidateUnits(): void {
  cache = null;
}
